"""The shipped learning catalogue: every entry verifiable — its source names the public repository, commit and file
where its title and address were read, and the address is where that file is published — open, licensed and
dated; the catalogue checked against both frameworks it serves; and the coverage report in docs/ current."""

from __future__ import annotations

import pytest

from framework import load_framework
from framework.cli_learning import coverage_document
from framework.learning import merge_catalogues, read_catalogue
from framework.learning_coverage import catalogue_coverage
from framework.learning_sources import RULES, describe_source, parse_source, title_in, unverifiable
from tests.conftest import DATA, ROOT

SHIPPED = DATA / "learning" / "ddat.yaml"
CATALOGUE = read_catalogue(SHIPPED)
GDS_WAY = "github:alphagov/gds-way@627911cd6b5685654df03c949fabaaa51d8b07c5"
MIRROR = "github:duncanjbrown/service-manual-mirror@1db9458d52ba3955d09f03711256335904200035"


@pytest.mark.parametrize("entry", CATALOGUE.resources, ids=lambda e: e.address)
def test_every_shipped_resource_can_be_verified_where_its_source_says(entry):
    assert unverifiable(entry.source, entry.address) is None
    rule = RULES[parse_source(entry.source).repo]
    assert entry.provider.startswith(rule.site)
    assert entry.licence == rule.licence
    assert entry.access == "open"
    assert entry.checked_on is not None


@pytest.mark.parametrize(
    ("source", "address", "why"),
    [
        ("GOV.UK Service Manual", "https://www.gov.uk/service-manual", "is not written github:"),
        (f"{GDS_WAY[:-2]}:source/standards/pair-programming.html.md.erb", "x", "is not written github:"),
        (
            "github:alphagov/other@627911cd6b5685654df03c949fabaaa51d8b07c5:a.md",
            "https://example.org",
            "no rule says how alphagov/other's files become pages",
        ),
        (f"{GDS_WAY}:README.md", "https://gds-way.digital.cabinet-office.gov.uk/README.html", "is not one of"),
        (
            f"{GDS_WAY}:source/standards/pair-programming.html.md.erb",
            "https://gds-way.digital.cabinet-office.gov.uk/standards/pull-requests.html",
            "but source/standards/pair-programming.html.md.erb is published at "
            "https://gds-way.digital.cabinet-office.gov.uk/standards/pair-programming.html",
        ),
        (f"{MIRROR}:service-manual-change-dates.csv", "https://www.gov.uk/service-manual", "is not one of"),
        (
            f"{MIRROR}:service-manual-change-dates.csv#./www.gov.uk/service-manual/design/making-prototypes.html",
            "https://www.gov.uk/service-manual/design/naming-your-service",
            "is published at https://www.gov.uk/service-manual/design/making-prototypes",
        ),
    ],
)
def test_a_source_that_cannot_be_verified_is_caught(source, address, why):
    assert why in unverifiable(source, address)


def test_titles_are_read_as_each_rule_says():
    gds = parse_source(f"{GDS_WAY}:source/standards/pair-programming.html.md.erb")
    assert title_in(gds, "---\ntitle: Pair Programming\nreview_in: 9 months\n---\n# Pair\n") == "Pair Programming"
    assert title_in(gds, "# no front matter\n") is None
    row = parse_source(f"{MIRROR}:service-manual-change-dates.csv#./www.gov.uk/service-manual/design/a.html")
    listing = (
        "./www.gov.uk/service-manual/design/b.html,Other - Service Manual - GOV.UK,\n"
        "./www.gov.uk/service-manual/design/a.html,Using, adapting &#39;patterns&#39; - Service Manual - GOV.UK,2017\n"
    )
    assert title_in(row, listing) == "Using, adapting 'patterns'", "commas in a title, entities unescaped"
    moved = "./www.gov.uk/service-manual/design/a.html,Check answers – GOV.UK Design System,\n"
    assert title_in(row, moved) is None, "a page that moved to another site gives no title"


def test_a_source_reads_as_words_with_a_link_to_its_file():
    assert describe_source(f"{GDS_WAY}:source/standards/pair-programming.html.md.erb") == (
        "alphagov/gds-way at 627911c",
        "https://github.com/alphagov/gds-way/blob/627911cd6b5685654df03c949fabaaa51d8b07c5/source/standards/"
        "pair-programming.html.md.erb",
    )
    assert describe_source("Our L&D list, 2026") == ("Our L&D list, 2026", None)


def test_the_shipped_catalogue_serves_ddat_and_the_council_and_keeps_the_licence_notice(council):
    ddat = load_framework(DATA / "ddat.yaml")
    assert read_catalogue(SHIPPED, framework=[ddat, council]) == CATALOGUE
    assert CATALOGUE.frameworks == ["ddat", "council-digital"]
    assert "Open Government Licence v3.0" in CATALOGUE.attribution
    assert "Contains public sector information licensed under the Open Government Licence v3.0. Crown copyright." in (
        SHIPPED.read_text(encoding="utf-8")
    )
    addresses = [e.address for e in CATALOGUE.resources]
    assert len(addresses) == len(set(addresses)), "each page once"


def test_most_skills_the_council_uses_have_an_open_resource(council):
    report = catalogue_coverage(merge_catalogues(shipped=[CATALOGUE]), council)
    assert len(report.skills_with_some) / len(report.skills) >= 0.6
    assert report.share >= 0.6


def test_the_coverage_report_in_docs_is_current():
    assert (ROOT / "docs" / "learning-coverage.md").read_text(encoding="utf-8") == coverage_document(), (
        "docs/learning-coverage.md is stale: run 'python -m framework catalogue coverage -o docs/learning-coverage.md'"
    )
