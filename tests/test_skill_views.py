"""The Skills page's view models: every skill with who needs it, a skill level by level, an area down each ladder."""

from __future__ import annotations

import pytest

from framework import QueryError, load_framework
from framework.graph import build_graph
from framework.views.skills import area_view, filter_rows, skill_view, skills_index
from tests.conftest import DATA, SHIPPED


@pytest.fixture(scope="module")
def ddat():
    framework = load_framework(DATA / "ddat.yaml")
    return framework, build_graph(framework)


@pytest.fixture(scope="module")
def monzo():
    framework = load_framework(DATA / "monzo.yaml")
    return framework, build_graph(framework)


def test_every_skill_is_listed_with_the_roles_and_disciplines_that_need_it(ddat):
    index = skills_index(*ddat)
    assert len(index.skills) == 188
    row = next(r for r in index.skills if r.id == "user-research-methods")
    assert (row.name, row.roles, row.disciplines) == ("User research methods", 6, ("User-centred design",))
    assert row.levels == ("Awareness", "Working", "Practitioner", "Expert")
    assert index.areas == ()
    assert index.disciplines[:2] == ("Architecture", "Data"), "disciplines whose roles need no skill are left out"
    table = index.skills_table(index.skills)
    assert list(table.columns) == ["Skill", "Disciplines", "Roles", "Levels needed"], "no empty category column"


@pytest.mark.parametrize(
    ("query", "disciplines", "found", "count"),
    [
        ("", (), "Accessibility", 188),
        ("research METHODS", (), "User research methods", 2),  # also a skill whose description names them
        ("", ("Quality assurance testing (QAT)",), "Test analysis", 6),
        ("user", ("Quality assurance testing (QAT)",), "Designing and executing tests", 2),
        ("nothing-like-this", (), None, 0),
    ],
)
def test_the_list_narrows_by_words_and_discipline(ddat, query, disciplines, found, count):
    index = skills_index(*ddat)
    rows = filter_rows(index.skills, query=query, disciplines=disciplines)
    assert len(rows) == count
    if found is not None:
        assert found in [r.name for r in rows]
    for row in rows:
        assert all(word in row.text for word in query.casefold().split())
        assert not disciplines or set(disciplines) & set(row.disciplines)


def test_a_skill_is_read_level_by_level_with_the_roles_needing_each_level_in_career_order(ddat):
    view = skill_view(*ddat, "user-research-methods")
    assert [lv.name for lv in view.levels] == ["Awareness", "Working", "Practitioner", "Expert"]
    assert [[r.role for r in lv.roles] for lv in view.levels] == [
        ["associate-user-researcher"],
        ["junior-user-researcher", "user-researcher"],
        ["senior-user-researcher"],
        ["lead-user-researcher", "head-of-user-research"],
    ]
    assert view.levels[1].roles[0].label == "Junior user researcher (Junior (junior, associate))"
    assert view.levels[0].descriptor.startswith("You can:")
    assert (view.roles, view.source) == (6, "DDaT Capability Framework")
    assert view.mentions == (), "DDaT's roles state no expectations"


def test_a_councils_expectations_that_mention_a_skill_are_listed_with_the_words_matched(council, council_graph):
    view = skill_view(council, council_graph, "stakeholder-relationship-management")
    assert view.terms == ("Stakeholder relationship management", "stakeholders", "stakeholder", "relationships")
    first = view.mentions[0]
    assert (first.label, first.area, first.text, first.matched) == (
        "Associate Project Manager (PO1)",
        "Skills and Abilities",
        "Ability to develop honest and positive relationships",
        "relationships",
    )
    assert all(m.matched.casefold() in m.text.casefold() for m in view.mentions)


def test_an_unknown_skill_or_area_is_a_failed_query(ddat):
    with pytest.raises(QueryError, match="no skill with id 'nope'"):
        skill_view(*ddat, "nope")
    with pytest.raises(QueryError, match="no area with id 'nope'"):
        area_view(*ddat, "nope")


def test_an_area_is_read_down_each_ladder_lowest_rung_first(monzo):
    framework, graph = monzo
    index = skills_index(framework, graph)
    assert index.skills == ()
    assert len(index.areas) == 29
    view = area_view(framework, graph, "communication")
    backend = next(ladder for ladder in view.ladders if ladder.name == "Engineering: Backend Engineering Framework")
    assert [r.label for r in backend.rungs][:3] == [
        "Backend Engineering level 1",
        "Backend Engineering level 2",
        "Backend Engineering level 3",
    ]
    assert sum(len(r.expectations) for ladder in view.ladders for r in ladder.rungs) == view.expectations
    row = next(r for r in index.areas if r.id == "communication")
    assert row.expectations == view.expectations


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_skill_and_area_of_every_shipped_framework_has_its_view(path):
    framework = load_framework(path)
    graph = build_graph(framework)
    index = skills_index(framework, graph)
    for row in index.skills:
        assert skill_view(framework, graph, row.id).name == row.name
    for row in index.areas:
        assert area_view(framework, graph, row.id).name == row.name
