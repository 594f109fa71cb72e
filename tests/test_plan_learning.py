"""Learning in the journeys, as view models: the plan's resources per focus gap at the level to reach (from the
catalogues in use, an organisation's first and marked), in every file; a resource made an agreed action; the
record's ways to learn per skill; and what would close a team's single points of failure."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from pypdf import PdfReader

from framework.learning import Catalogue, CatalogueEntry, Serves, merge_catalogues, read_catalogue
from framework.plan import (
    MAX_RESOURCES,
    Action,
    PlanResource,
    development_plan,
    plan_basis,
    plan_from,
    resource_action,
    skill_resources,
    with_learning,
)
from framework.planfiles import plan_csv, plan_markdown, plan_pdf
from framework.record import record_levels
from framework.team import closing_single_points, team_view
from framework.views.record import skill_scales, ways_to_learn
from tests.conftest import DATA
from tests.record_samples import D3, dev, kim, pat, sam

DAY = dt.date(2026, 12, 2)
DM, SPM, APM = "delivery-manager", "senior-product-manager", "associate-project-manager"
SHIPPED = read_catalogue(DATA / "learning" / "ddat.yaml")
#: An organisation's own course for product management at Expert, and its own page for an address the shipped
#: catalogue lists too (merged: the organisation's title and access shown).
OURS = Catalogue(
    id="ours",
    name="Our L&D catalogue",
    resources=[
        CatalogueEntry(
            title="Product leadership programme",
            address="https://learning.example.gov.uk/product-leadership",
            provider="Our L&D team",
            kind="course",
            access="organisation",
            cost="free to staff",
            time="3 days",
            serves=[Serves(skill="product-management", levels=["expert"])],
            source="Our course list, November 2026",
            checked_on=dt.date(2026, 11, 30),
        )
    ],
)


@pytest.fixture(scope="module")
def library():
    return merge_catalogues(shipped=[SHIPPED])


@pytest.fixture(scope="module")
def with_ours():
    return merge_catalogues(shipped=[SHIPPED], organisation=[OURS])


@pytest.fixture(scope="module")
def dm_to_spm(council, council_graph, library):
    return development_plan(council, council_graph, DM, SPM, date=DAY, person="Sam Okafor", library=library)


# --------------------------------------------------------------------------- the plan


def test_each_focus_skill_lists_up_to_three_resources_at_the_level_to_reach(council, dm_to_spm, library):
    """The plan's resources are the Skills page's (:func:`resources_for`) at the level the target needs: those
    named for that level first, at most three, each with the catalogue and level it was found for."""
    from framework.learning import resources_for

    assert [item.name for item in dm_to_spm.focus] == [
        "Product management",
        "Applying user-centred insights",
        "Creating value for money",
    ]
    needed = {r.skill: r.level for r in council.role(SPM).skills}
    for item in dm_to_spm.focus:
        level = needed[item.skill]
        assert 0 < len(item.resources) <= MAX_RESOURCES
        expected = resources_for(library, council, item.skill, level, limit=MAX_RESOURCES)
        assert [r.resource for r in item.resources] == list(expected)
        for resource in item.resources:
            assert level in resource.resource.levels, "every one named for the level to reach"
            assert resource.found == f"Open learning for DDaT skills, for {item.needed}"
    product = dm_to_spm.focus[0]
    assert [r.title for r in product.resources] == ["Developing a roadmap", "Product and service community"]


def test_an_organisations_catalogue_comes_first_and_is_marked_organisation_only(council, council_graph, with_ours):
    plan = development_plan(council, council_graph, DM, SPM, date=DAY, library=with_ours)
    product = plan.focus[0]
    first = product.resources[0]
    assert (first.title, first.found) == ("Product leadership programme", "Our L&D catalogue, for Expert")
    assert first.organisation_only
    assert len(product.resources) == MAX_RESOURCES, "then the shipped ones, up to three in all"
    markdown = plan_markdown(plan)
    assert (
        "- [Product leadership programme](https://learning.example.gov.uk/product-leadership) — Our L\\&D team · "
        "course · free to staff · 3 days · Organisation only  \n"
        "  *Our L\\&D catalogue, for Expert; title and address verified in Our course list, November 2026, checked "
        "30 Nov 2026*"
    ) in markdown


def test_a_shared_basis_takes_a_persons_catalogues_without_the_comparison_made_again(
    council, council_graph, library, with_ours
):
    """The page keeps one basis for two roles (the framework's own resources only) and gives each person's run
    the catalogues they use: the same resources as a basis made with them."""
    shared = plan_basis(council, council_graph, DM, SPM)
    assert all(not item.resources for item in shared.candidates), "the council's file has no resources of its own"
    for catalogues in (library, with_ours):
        made = plan_basis(council, council_graph, DM, SPM, library=catalogues)
        given = with_learning(shared, council, catalogues)
        assert [i.resources for i in given.candidates] == [i.resources for i in made.candidates]
        assert given.changes is shared.changes, "nothing else is made again"
    assert with_learning(shared, council, None).candidates == shared.candidates


def test_the_resources_are_in_every_file_with_provider_kind_access_and_where_verified(dm_to_spm):
    roadmap = "https://www.gov.uk/service-manual/agile-delivery/developing-a-roadmap"
    markdown = plan_markdown(dm_to_spm)
    focus = markdown.split("## Focus for this plan", 1)[1].split("## Agreed actions", 1)[0]
    assert "**Resources for Expert**" in focus
    assert f"- [Developing a roadmap]({roadmap}) — GOV.UK Service Manual · guide · free · open to anyone" in focus
    assert "title and address verified in duncanjbrown/service-manual-mirror at 1db9458, checked 6 Dec 2026" in focus

    rows = list(csv.DictReader(io.StringIO(plan_csv(dm_to_spm).lstrip("\ufeff"))))
    product = next(r for r in rows if r["Part"] == "Focus" and r["Item"] == "Product management")
    first = product["Resources"].splitlines()[0]
    assert first.startswith(f"Developing a roadmap — GOV.UK Service Manual, guide, free, open to anyone: {roadmap} ")
    assert "verified in github:duncanjbrown/service-manual-mirror@1db9458d52ba3955d09f03711256335904200035:" in first
    assert first.endswith(", checked 2026-12-06)"), "ISO dates in the CSV"
    assert all(not r["Resources"] for r in rows if r["Part"] == "Later"), "resources for the focus only"

    pages = PdfReader(io.BytesIO(plan_pdf(dm_to_spm))).pages
    detail = " ".join(" ".join(page.extract_text().split()) for page in pages[1:])
    for item in dm_to_spm.focus:
        for resource in item.resources:
            assert resource.title in detail, f"{resource.title} is not in the PDF"
    assert "Resources for Expert" in detail
    assert "GOV.UK Service Manual, guide, free, open to anyone" in detail
    assert "verified in duncanjbrown/service-manual-mirror at 1db9458, checked 6 Dec 2026" in detail
    notice = "Titles and addresses of pages of the GOV.UK Service Manual"
    assert SHIPPED.attribution.startswith(notice)
    assert notice in detail, "the catalogue's licence notice is kept with its titles"
    assert notice in markdown.rsplit("---", 1)[1]


def test_a_plan_without_catalogue_resources_carries_only_the_frameworks_notice(council, council_graph):
    plan = development_plan(council, council_graph, DM, SPM, date=DAY)
    assert plan.attribution == council.attribution


def test_a_resource_made_an_action_reaches_every_file_as_a_typed_one_does(council, council_graph, library):
    basis = plan_basis(council, council_graph, DM, SPM, library=library)
    product = basis.candidates[0]
    words = resource_action(product.resources[0], f"{product.name}, to {product.needed}")
    assert words == (
        "Work through “Developing a roadmap” (guide, GOV.UK Service Manual) for Product management, to Expert: "
        "https://www.gov.uk/service-manual/agile-delivery/developing-a-roadmap"
    )
    plan = plan_from(basis, date=DAY, actions=[Action("Shadow a sprint review"), Action(words)])
    first_page = " ".join(PdfReader(io.BytesIO(plan_pdf(plan))).pages[0].extract_text().split())
    assert "Work through “Developing a roadmap” (guide, GOV.UK Service Manual) for Product management" in first_page
    assert first_page.index("Shadow a sprint review") < first_page.index("Work through"), "in the order added"
    assert "| Work through “Developing a roadmap” (guide, GOV.UK Service Manual) for Product management" in (
        plan_markdown(plan)
    )
    actions = [r for r in csv.DictReader(io.StringIO(plan_csv(plan).lstrip("\ufeff"))) if r["Part"] == "Action"]
    assert [(r["Action"], r["Status"]) for r in actions] == [
        ("Shadow a sprint review", "Not started"),
        (words, "Not started"),
    ]


@pytest.mark.parametrize("most", [300, 120, 60, 20])
def test_an_action_from_a_resource_fits_the_field_it_goes_in(dm_to_spm, most):
    """The provider, then the address, are left out of an action that would be longer than its field takes; a
    title too long even alone is cut with an ellipsis, never past the limit."""
    resource = dm_to_spm.focus[0].resources[0]
    words = resource_action(resource, "Product management, to Expert", most=most)
    assert len(words) <= most
    assert words.startswith("Work through “Developing a roadmap”"[: most - 1])


def test_a_gap_the_framework_cannot_name_a_level_for_has_no_resources(council, library):
    assert skill_resources(council, library, "no-such-skill", "expert") == ()
    assert skill_resources(council, library, "planning", "guru") == ()
    assert all(isinstance(r, PlanResource) for r in skill_resources(council, library, "planning", "expert"))


def test_a_criterion_keeps_the_links_its_framework_gives_before_any_catalogue(shipped_params_ft):
    framework, G = shipped_params_ft
    promotions = [(u, v) for u, v, d in G.edges(data=True) if d["kind"] == "promotion"]
    for current, target in promotions:
        for item in plan_basis(framework, G, current, target).candidates:
            if item.links:
                assert item.resources[: len(item.links)] == item.links
                assert all(r.kind == "link" for r in item.links)
                return
    pytest.skip("no criterion of FT's gives a link")


@pytest.fixture(scope="module")
def shipped_params_ft():
    from framework import load_framework
    from framework.graph import build_graph

    framework = load_framework(DATA / "ft-engineering.yaml")
    return framework, build_graph(framework)


# --------------------------------------------------------------------------- the record


def test_the_record_offers_ways_to_learn_each_skill_at_the_level_to_reach(council, library):
    """Sam (Associate Project Manager aiming at Delivery Manager): a skill below the target's level is learnt at
    the target's level; one at or above it, at the next level up; one at the top of the scale is left out."""
    record = sam(council)
    held, _ = record_levels(record, council)
    scales = skill_scales(council, None, APM, DM)
    ways = {way.skill: way for way in ways_to_learn(council, library, scales, held)}
    needed = {r.skill: r.level for r in council.role(DM).skills}
    rank = council.level_rank
    for scale in scales:
        have = held.get(scale.skill)
        if have == "expert":
            assert scale.skill not in ways, "nothing above the top of the scale"
            continue
        way = ways[scale.skill]
        if scale.skill in needed and rank[needed[scale.skill]] > rank.get(have, 0):
            assert (way.level, way.why) == (needed[scale.skill], "the level the target role needs")
        else:
            assert rank[way.level] == rank.get(have, 0) + 1, "the next level up"
            assert way.why.startswith(("the next level up from", "the first level"))
        assert len(way.resources) <= MAX_RESOURCES
        assert all(way.level in r.resource.levels or not r.resource.levels for r in way.resources)
    planning = ways["planning"]
    assert (held["planning"], planning.level, planning.why) == (
        "practitioner",
        "expert",
        "the next level up from Practitioner",
    )
    assert planning.towards == "Planning, to Expert"


# --------------------------------------------------------------------------- the team


def test_each_single_point_of_failure_says_who_would_close_it_and_how_to_learn_it(council, library):
    records = [("kim.yaml", kim(council)), ("dev.yaml", dev(council)), ("pat.yaml", pat(council))]
    view = team_view(council, records, today=D3)
    closing = {second.coverage.name: second for second in closing_single_points(council, view, library)}
    assert set(closing) == {c.name for c in view.single_points}
    finance = closing["Financial management"]
    assert (finance.members, finance.level_name, finance.gain) == (("Kim Lee", "Pat Jones"), "Awareness", 1), (
        "Kim's own role asks Awareness, Pat's none (the lowest the team needs counts), and neither holds a level"
    )
    product = closing["Product management"]
    assert product.coverage.needed == "Senior Product Manager: Expert"
    assert (product.level, product.members) == ("expert", ("Kim Lee", "Dev Shah")), (
        "neither's role needs it: they would cover it at the lowest level the team's roles need"
    )
    for second in closing.values():
        assert second.gain == second.coverage.within_reach[0][2], "the fewest levels to gain"
        assert len(second.resources) <= MAX_RESOURCES
        assert all(second.level in r.resource.levels or not r.resource.levels for r in second.resources)
        assert second.resources == skill_resources(council, library, second.coverage.skill, second.level)
