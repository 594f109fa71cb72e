"""Learning catalogues: the model, reading and checking a file (every problem at its line), merging an
organisation's catalogue with the shipped one, and the resources for a skill at a level."""

from __future__ import annotations

import datetime as dt
import doctest

import pytest

import framework.learning
from framework import InputError, QueryError, load_framework
from framework.learning import (
    Catalogue,
    CatalogueEntry,
    Serves,
    Vocabulary,
    address_key,
    catalogue_problems,
    check_catalogue,
    dump_catalogue,
    is_catalogue,
    load_catalogue,
    merge_catalogues,
    resource_line,
    resources_by_level,
    resources_for,
    resources_for_area,
)
from tests.conftest import DATA


@pytest.fixture(scope="module")
def ddat():
    return load_framework(DATA / "ddat.yaml")


@pytest.fixture(scope="module")
def ft():
    return load_framework(DATA / "ft-engineering.yaml")


def entry(title: str, address: str | None, *serves: Serves, access: str = "open", **more) -> CatalogueEntry:
    return CatalogueEntry(
        title=title,
        address=address,
        kind=more.pop("kind", "guide"),
        access=access,
        serves=list(serves),
        source=more.pop("source", "our course list"),
        **more,
    )


def skill(skill_id: str, *levels: str) -> Serves:
    return Serves(skill=skill_id, levels=list(levels))


SHIPPED = Catalogue(
    id="shipped",
    name="Shipped",
    frameworks=["ddat"],
    resources=[
        entry(
            "Making prototypes",
            "https://www.gov.uk/service-manual/design/making-prototypes",
            skill("prototyping", "working"),
        ),
        entry(
            "Prototyping",
            "https://design-system.service.gov.uk/get-started/prototyping/",
            skill("prototyping", "working", "practitioner"),
        ),
        entry("Design community", "https://example.org/design-community", skill("prototyping"), kind="community"),
    ],
)
OURS = Catalogue(
    id="ours",
    name="Our L&D catalogue",
    resources=[
        entry(
            "Prototyping with the design team",
            None,
            skill("prototyping", "working"),
            access="organisation",
            kind="shadowing",
        ),
        # the same page as a shipped entry, written with another case and a trailing slash: one resource
        entry(
            "Prototypes (our notes)",
            "https://www.GOV.uk/service-manual/design/making-prototypes/",
            skill("prototyping", "expert"),
            access="organisation",
        ),
    ],
)


# --------------------------------------------------------------------------- the model


def test_an_open_resource_needs_an_address():
    with pytest.raises(ValueError, match="an open resource needs an address"):
        entry("Somewhere", None, skill("prototyping"))
    assert (
        entry("Shadow a designer", None, skill("prototyping"), access="organisation", kind="shadowing").address is None
    )


@pytest.mark.parametrize(
    ("serves", "message"),
    [({"levels": ["working"]}, "name a skill or an area"), ({"skill": "a", "area": "b"}, "name a skill or an area")],
)
def test_a_resource_serves_a_skill_or_an_area(serves, message):
    with pytest.raises(ValueError, match=message):
        Serves(**serves)


@pytest.mark.parametrize(
    ("field", "value"),
    [("kind", "podcast"), ("access", "staff"), ("address", "javascript:alert(1)"), ("address", "www.example.org")],
)
def test_values_outside_the_vocabulary_are_refused(field, value):
    data = {"title": "T", "address": "https://example.org/", "kind": "guide", "access": "open", "source": "s"}
    data |= {"serves": [{"skill": "prototyping"}], field: value}
    with pytest.raises(ValueError, match=field):
        CatalogueEntry.model_validate(data)


def test_the_yaml_written_reads_back_the_same():
    text = dump_catalogue(SHIPPED, header_comment=["Made for a test."])
    assert text.startswith("# yaml-language-server: $schema=../../schema/learning.schema.json\n# Made for a test.\n")
    assert "levels: [working, practitioner]" in text, "a list of levels is written on one line"
    assert load_catalogue(text, name="t.yaml") == SHIPPED
    assert dump_catalogue(load_catalogue(text, name="t.yaml"), header_comment=["Made for a test."]) == text


# --------------------------------------------------------------------------- reading and checking


BROKEN = """\
id: ours
name: Ours
frameworks: [ddat]
resources:
  - title: A course
    address: https://example.org/course
    kind: course
    access: open
    serves:
      - skill: prototypin
        levels: [working]
      - skill: prototyping
        levels: [wrking]
    source: our list
  - title: A talk
    kind: talk
    access: open
    serves: [{skill: prototyping}]
    source: our list
"""


def test_every_problem_of_a_file_is_named_at_its_line(ddat):
    with pytest.raises(InputError) as raised:
        load_catalogue(BROKEN, name="ours.yaml", framework=ddat)
    found = [str(p) for p in raised.value.problems]
    assert found == [
        "ours.yaml:16:5: resources[1].kind: input should be 'course', 'guide', 'book', 'community', 'shadowing' "
        "or 'on-the-job'",
        "ours.yaml:10:9: resources[0].serves[0].skill: unknown skill 'prototypin' (did you mean 'prototyping'?)",
        "ours.yaml:13:18: resources[0].serves[1].levels[0]: unknown level 'wrking' (known: awareness, working, "
        "practitioner, expert)",
    ]


def test_unknown_ids_may_be_warnings_for_a_catalogue_that_serves_other_frameworks(ddat):
    text = BROKEN.replace("kind: talk", "kind: guide").replace(
        "access: open\n    serves: [{skill", "access: organisation\n    serves: [{skill"
    )
    catalogue, warnings = check_catalogue(text, name="ours.yaml", framework=ddat, unknown="warning")
    assert len(catalogue.resources) == 2
    assert [(w.severity, w.line) for w in warnings] == [("warning", 10), ("warning", 13)]


def test_a_catalogue_for_another_framework_is_said_to_be(ft):
    text = "id: c\nname: C\nframeworks: [ddat]\nresources: []\n"
    _, warnings = check_catalogue(text, name="c.yaml", framework=ft)
    assert [str(w) for w in warnings] == [
        "c.yaml:3:1: frameworks: warning: the catalogue is for ddat, not 'ft-engineering' (FT engineering "
        "progression); its ids are checked all the same"
    ]


def test_several_frameworks_together_know_each_others_ids(ddat, council):
    shipped = (DATA / "learning" / "ddat.yaml").read_text()
    with pytest.raises(InputError) as raised:
        load_catalogue(shipped, name="ddat.yaml", framework=council)
    assert {p.code for p in raised.value.problems} == {"unknown-skill"}, "the council has only 26 of DDaT's skills"
    assert load_catalogue(shipped, name="ddat.yaml", framework=[ddat, council])
    both = Vocabulary.of(ddat, council)
    assert set(both.frameworks) == {"ddat", "council-digital"}
    assert catalogue_problems(load_catalogue(shipped, name="x"), both) == []


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("", "ours.yaml: a learning catalogue is a mapping with 'id', 'name' and 'resources', not empty"),
        (
            "- a\n- b\n",
            "ours.yaml:1:1: a learning catalogue is a mapping with 'id', 'name' and 'resources', not a list",
        ),
        (
            "id: c\nname: C\nresources: [\n",
            "ours.yaml:4:1: YAML syntax: while parsing a flow node; did not find expected node content",
        ),
        ("id: c\nname: C\nresources: []\nextra: 1\n", "ours.yaml:4:1: extra: unknown field 'extra'"),
    ],
)
def test_what_is_not_a_catalogue_is_said_plainly(text, said):
    with pytest.raises(InputError) as raised:
        load_catalogue(text, name="ours.yaml")
    assert [str(p) for p in raised.value.problems] == [said]


def test_a_catalogue_is_told_apart_from_a_framework():
    assert is_catalogue({"catalogue_version": 1})
    assert is_catalogue({"id": "c", "resources": []})
    assert not is_catalogue({"id": "f", "roles": [], "resources": []})
    assert not is_catalogue(["resources"])


# --------------------------------------------------------------------------- merging


def test_organisation_entries_come_first_and_one_address_is_one_resource():
    library = merge_catalogues(shipped=[SHIPPED], organisation=[OURS])
    titles = [s.entry.title for s in library.entries]
    assert titles == ["Prototyping with the design team", "Prototypes (our notes)", "Prototyping", "Design community"]
    merged = library.entries[1]
    assert merged.catalogues == ("Our L&D catalogue", "Shipped"), "it says which catalogues list it"
    assert merged.from_organisation
    assert merged.entry.access == "organisation", "the organisation's entry is the one shown"
    assert [(s.skill, s.levels) for s in merged.entry.serves] == [
        ("prototyping", ["expert"]),
        ("prototyping", ["working"]),
    ]
    assert library.organisation == frozenset({"ours"})


def test_entries_without_an_address_are_never_merged():
    twice = Catalogue(id="t", name="T", resources=[OURS.resources[0], OURS.resources[0]])
    assert len(merge_catalogues(organisation=[twice])) == 2


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("https://Example.org/a/", "https://example.org/a", True),
        ("https://example.org/a#part", "https://example.org/a", True),
        ("https://example.org/a?x=1", "https://example.org/a?x=2", False),
        ("https://example.org/A", "https://example.org/a", False),
    ],
)
def test_addresses_are_compared_as_pages(a, b, same):
    assert (address_key(a) == address_key(b)) is same


# --------------------------------------------------------------------------- what to learn from


def test_resources_for_a_level_named_ones_first_then_every_level(ddat):
    library = merge_catalogues(shipped=[SHIPPED], organisation=[OURS])
    found = resources_for(library, ddat, "prototyping", "working")
    assert [r.title for r in found] == ["Prototyping with the design team", "Prototypes (our notes)", "Prototyping"]
    assert found[0].organisation_only
    assert found[0].kind == "shadowing"
    assert found[1].levels == ("expert", "working"), "the levels it serves for this skill, from every catalogue"
    assert [r.title for r in resources_for(library, ddat, "prototyping", "working", limit=None)][
        -1
    ] == "Design community"
    assert [r.title for r in resources_for(library, ddat, "prototyping", "awareness")] == ["Design community"]
    assert resources_for(library, ddat, "accessibility", "working") == ()


def test_a_catalogue_on_its_own_answers_too(ddat):
    found = resources_for(SHIPPED, ddat, "prototyping", "practitioner", limit=1)
    assert [(r.title, r.catalogue, r.source) for r in found] == [("Prototyping", "Shipped", "our course list")]


@pytest.mark.parametrize(
    ("skill_id", "level", "message"),
    [("nope", "working", "no skill with id 'nope'"), ("prototyping", "guru", "no level 'guru'")],
)
def test_unknown_ids_are_a_failed_query(ddat, skill_id, level, message):
    with pytest.raises(QueryError, match=message):
        resources_for(SHIPPED, ddat, skill_id, level)


def test_resources_by_level_list_every_level_of_the_scale(ddat):
    per_level, every = resources_by_level(SHIPPED, ddat, "prototyping")
    assert list(per_level) == ["awareness", "working", "practitioner", "expert"]
    assert [r.title for r in per_level["working"]] == ["Making prototypes", "Prototyping"]
    assert per_level["awareness"] == ()
    assert per_level["expert"] == ()
    assert [r.title for r in every] == ["Design community"]


def test_a_frameworks_own_resources_are_listed_after_the_catalogues(ddat):
    from framework.models import Resource

    skill_model = ddat.skills_by_id["prototyping"].model_copy(
        update={"level_resources": {"working": [Resource(title="Our wiki page", link="https://example.org/wiki")]}}
    )
    framework = ddat.model_copy(update={"skills": [skill_model if s.id == "prototyping" else s for s in ddat.skills]})
    found = resources_for(SHIPPED, framework, "prototyping", "working", limit=None)
    assert found[-2].title == "Our wiki page"
    assert found[-2].source == f"{ddat.name}, skill Prototyping, level working"
    assert found[-2].access is None, "the framework file does not say who may use it"


def test_areas_of_an_expectations_framework_have_resources_too(ft):
    catalogue = Catalogue(
        id="c",
        name="C",
        resources=[entry("Talks on communicating", "https://example.org/talks", Serves(area="communication"))],
    )
    assert [r.title for r in resources_for_area(catalogue, ft, "communication")] == ["Talks on communicating"]
    with pytest.raises(QueryError):
        resources_for_area(catalogue, ft, "nope")


def test_one_line_of_text_for_a_plan_or_a_file():
    resource = resources_for(
        merge_catalogues(organisation=[OURS]), load_framework(DATA / "ddat.yaml"), "prototyping", "expert"
    )[0]
    assert resource_line(resource) == (
        "Prototypes (our notes) — guide, organisation only: https://www.GOV.uk/service-manual/design/making-prototypes/"
    )
    full = entry(
        "Course",
        "https://example.org/c",
        skill("prototyping"),
        provider="Our academy",
        cost="£450",
        time="2 days",
        checked_on=dt.date(2026, 1, 2),
    )
    line = resource_line(
        resources_for(
            Catalogue(id="c", name="C", resources=[full]), load_framework(DATA / "ddat.yaml"), "prototyping", "working"
        )[0]
    )
    assert line == "Course (Our academy) — guide, £450, 2 days: https://example.org/c"


def test_the_module_examples_run():
    assert doctest.testmod(framework.learning).failed == 0
