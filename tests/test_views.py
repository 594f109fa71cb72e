"""The pages' view models (framework/views): what each page says, built without Streamlit."""

from __future__ import annotations

import pytest

from framework import RoleNotFound, load_framework, load_framework_text
from framework.careermap import career_map
from framework.graph import build_graph
from framework.skills import Profile
from framework.views import (
    catalogue_view,
    comparison,
    gap_view,
    home_view,
    kind_label,
    review_view,
    role_label,
    role_profile,
    routes_view,
)
from framework.views.gap import level_choices, skills_to_assess
from framework.views.map import (
    MAP_ROLES_AT_ONCE,
    easiest_route,
    map_disciplines,
    map_overview,
    map_view,
    role_card,
    usual_kinds,
)
from framework.views.paths import ROUTE_TABLE_COLUMNS
from tests.conftest import DATA

APM, PM, DM, SDM = "associate-project-manager", "project-manager", "delivery-manager", "senior-delivery-manager"
HDM, SPM, HOP = "head-of-delivery-management", "senior-product-manager", "head-of-product"


@pytest.fixture(scope="module")
def ddat():
    framework = load_framework(DATA / "ddat.yaml")
    return framework, build_graph(framework)


# --------------------------------------------------------------------------- labels


def test_roles_are_named_by_title_and_grade(council):
    assert role_label(council, DM) == "Delivery Manager (PO4)"
    assert role_label(council, SDM) == "Senior Delivery Manager (grade not stated)"
    assert role_label(council, "nobody") == "nobody"
    assert kind_label("reports_to") == "Reports to"
    assert kind_label("reports_to", as_step=True) == "Step up to the manager's role"


# --------------------------------------------------------------------------- roles


def test_catalogue_offers_the_filters_values_that_occur(council, council_graph):
    view = catalogue_view(council, council_graph)
    assert len(view.table) == 11
    assert view.disciplines == ("Delivery", "Product", "Technology", "no discipline")
    assert view.grades == ("PO1", "PO4", "PO6", "PO8", "Head"), "grades in scale order, only those held"
    assert view.statuses == ("described", "referenced")


def test_a_profile_says_where_the_role_leads_and_what_its_documents_state(council, council_graph):
    profile = role_profile(council, council_graph, DM)
    assert (profile.title, profile.grade, profile.discipline, profile.status) == (
        "Delivery Manager",
        "PO4",
        "Delivery",
        "described",
    )
    assert profile.placement is None
    assert profile.reports_to.role == SDM
    assert profile.reports_to_evidence == "This role is responsible to the senior delivery manager to:"
    assert [(c.role, c.kind) for c in profile.onward] == [(SDM, "promotion")]
    assert [(c.role, c.kind) for c in profile.reached_from] == [(PM, "promotion")]
    assert profile.onward[0].reason.startswith("Next rung up the Delivery ladder: Delivery Manager (PO4) →")
    assert [f.label for f in profile.stated[:3]] == ["Management span", "Budget", "DDaT benchmark"]
    assert "may exceed £1m" in profile.stated[1].text
    assert len(profile.skills) == 9
    assert all(line.descriptor for line in profile.skills), "every level the role needs has its descriptor"
    assert profile.connected == {
        SDM: "Reports to: Senior Delivery Manager (grade not stated)",
        PM: "Promotion from Project Manager (grade not stated)",
    }
    assert profile.job_description is council.role(DM).job_description


def test_a_referenced_role_has_no_text_of_its_own_and_says_who_names_it(council, council_graph):
    profile = role_profile(council, council_graph, SDM)
    assert profile.status == "referenced"
    assert profile.grade is None
    assert profile.placement == "Grade not stated; above PO4 by its reporting lines."
    assert profile.job_description is None
    assert profile.referenced_by == (
        ("Delivery Manager (PO4)", "This role is responsible to the senior delivery manager to:"),
    )
    assert [c.role for c in profile.manages] == [DM]


def test_an_unknown_role_is_a_query_error(council, council_graph):
    with pytest.raises(RoleNotFound):
        role_profile(council, council_graph, "nobody")


# --------------------------------------------------------------------------- routes


def test_each_step_of_a_route_says_what_to_gain_beyond_the_last_role_with_skills(council, council_graph):
    view = routes_view(council, council_graph, APM, HDM, 3)
    assert view.no_route_reason is None
    first = view.routes[0]
    assert first.roles == (APM, PM, DM, SDM, HDM)
    assert first.titles[0] == "Associate Project Manager"
    steps = first.steps
    assert [s.kind_label for s in steps] == ["Promotion"] * 4
    # Project Manager lists no skills: the step after it is measured against the Associate Project Manager.
    assert not steps[0].target_lists_skills
    assert steps[0].gains_text == "none listed (this role has no skill requirements in the framework)"
    assert steps[1].compared_with == "Associate Project Manager"
    assert steps[1].gains_text.endswith("(compared with Associate Project Manager)")
    assert len(steps[1].gains) == 8
    assert steps[2].compared_with is None, "Delivery Manager lists skills: the next step starts from it"
    planning = next(g for g in steps[1].gains if g.skill == "planning")
    assert (planning.held, planning.needed) == ("Awareness", "Practitioner")
    assert first.effort == sum(s.effort for s in steps)
    assert sum(points for _, points in first.effort_parts) == first.effort, "the parts add up to the effort"
    assert first.effort_text.startswith(f"{first.effort:g} effort points: 4 for the kinds of move")
    table = view.table()
    assert list(table.columns) == ROUTE_TABLE_COLUMNS
    assert len(table) == sum(len(r.steps) for r in view.routes)
    # The table shows each step's grades climbed, which add up to the effort's part for them.
    climbed = table[table["Route"] == first.number]["Grades climbed"].sum()
    grades_part = dict(first.effort_parts)["the grades climbed (each step's rounded up to whole grades)"]
    assert climbed * council_graph.graph["weights"].per_grade_step == grades_part


def test_no_route_says_why_and_where_the_start_can_go(council, council_graph):
    down = routes_view(council, council_graph, HOP, APM, 3)
    assert down.routes == ()
    assert down.no_route_reason == (
        "Associate Project Manager is below Head of Product: the framework describes moves up and across, not down"
    )
    across = routes_view(council, council_graph, DM, SPM, 3)
    assert across.routes == ()
    assert across.no_route_reason.startswith("Senior Product Manager has no rung below it")
    assert [c.role for c in across.onward] == [SDM]
    assert across.table().empty


# --------------------------------------------------------------------------- gap


def test_a_gap_between_roles_is_named_and_summarised(council, council_graph):
    view = gap_view(council, council_graph, APM, DM)
    assert (view.current_label, view.target_label) == ("Associate Project Manager (PO1)", "Delivery Manager (PO4)")
    assert (view.met, view.total) == (1, 9)
    assert view.summary.startswith("Associate Project Manager (PO1) meets 1 of the 9 skill requirements")
    assert list(view.table.columns)[3] == "Levels to gain"
    assert len(view.table) == 9


def test_a_gap_from_a_self_assessment_carries_its_name(council, council_graph):
    mine = Profile(framework=council.id, label="Mine, May", skills={"planning": "practitioner"})
    assert gap_view(council, council_graph, mine, DM).current_label == "Mine, May"
    anonymous = Profile(framework=council.id, skills={})
    view = gap_view(council, council_graph, anonymous, DM)
    assert view.current_label == "My self-assessment"
    assert view.met == 0


def test_level_choices_are_unique_and_the_skills_to_assess_come_in_order(council):
    clash = load_framework_text(
        "id: c\nname: C\ngrades: [{id: g}]\nskill_levels: [{id: a, name: Level}, {id: b, name: Level}, "
        "{id: c, name: Top}]\n"
    )
    assert level_choices(clash) == {"a": "Level (a)", "b": "Level (b)", "c": "Top"}
    needed = [r.skill for r in council.role(DM).skills]
    listed = skills_to_assess(council, APM, DM, ("prototyping", "no-such-skill", "planning"))
    assert list(listed[: len(needed)]) == needed, "the target's skills first"
    assert listed[-1] == "prototyping", "then the current role's, then others assessed; unknown ones left out"
    assert len(listed) == len(set(listed))
    assert "no-such-skill" not in listed
    assert skills_to_assess(council, None, None) == ()


# --------------------------------------------------------------------------- compare, review, home


def test_comparison_marks_the_skills_that_differ(council, council_graph):
    view = comparison(council, council_graph, (DM, SPM))
    assert view.roles == (DM, SPM)
    assert list(view.facts.columns) == ["Fact", "Delivery Manager", "Senior Product Manager"]
    assert view.differing == int((view.skills["Differs"] == "yes").sum()) == 15
    assert len(view.skills) == 16
    assert not view.criteria.empty


def test_the_review_counts_what_each_part_finds(council, council_graph):
    view = review_view(council, council_graph)
    counts = {one: n for n, one, _ in view.overview}
    assert counts == {
        "problem": 1,
        "finding worth a look": 4,
        "finding by design": 3,
        "grading pair to check": 0,
    }
    (problem,) = view.by_severity("problem")
    assert problem.roles == (
        ("associate-project-manager", "Associate Project Manager"),
        ("delivery-manager", "Delivery Manager"),
    )
    assert len(view.missing_rungs) == 2
    assert len(view.referenced) == 6
    assert view.inversions.empty
    # Reporting lines as a tree: each manager followed by its reports, one level deeper.
    tree = [(line.depth, line.role) for line in view.tree]
    assert tree[:2] == [(1, "project-manager"), (2, "associate-project-manager")]
    assert {line.role for line in view.tree} == {r.id for r in council.roles}
    first = view.missing_rungs[0]
    assert (first.ladder, first.missing, first.lower, first.upper, first.unplaced) == (
        "Delivery",
        ("PO2", "PO3"),
        "Associate Project Manager",
        "Delivery Manager",
        ("Project Manager",),
    )
    assert "Discipline" in view.rung_titles.columns


def test_the_ddat_review_lists_its_inversions(ddat):
    framework, G = ddat
    view = review_view(framework, G)
    assert len(view.inversions) == 21
    assert {one: n for n, one, _ in view.overview}["grading pair to check"] == len(view.grading) > 0
    assert view.tree == (), "DDaT states no reporting lines: no tree of empty boxes"
    assert view.unlinked == len(framework.roles)
    assert view.by_severity("problem")[0].title == "No Head role leads to any Chief role"


def test_home_counts_what_the_framework_holds(council, council_graph):
    home = home_view(council, council_graph)
    assert (home.roles, home.described, home.referenced, home.skills) == (11, 5, 6, 26)
    assert home.grades[0] == "PO1"
    assert home.grades[-1] == "Head"
    assert home.disciplines == ("Delivery", "Product", "Technology")
    assert "Open Government Licence" in home.attribution


# --------------------------------------------------------------------------- map


def test_one_map_view_serves_the_figure_the_table_and_the_summary(council, council_graph):
    kinds = usual_kinds(council, council_graph)
    assert kinds == ("promotion", "lateral", "reports_to")
    view = map_view(council, council_graph, kinds, None)
    same = career_map(council_graph, kinds=kinds)
    assert view.summary == same.summary
    assert view.table() is view.table(), "the table is made once per view"
    assert len(view.table()) == sum(len(at) for at in view.shown.values())
    focus = map_disciplines(council, council_graph)
    assert focus["Product"] == "product"
    product = map_view(council, council_graph, kinds, ("product",))
    assert set(product.layout["discipline_id"]) == {"product"}
    assert product.summary.startswith("3 roles in 1 row by discipline")


def test_a_large_framework_opens_the_map_on_its_overview(council, council_graph, ddat):
    framework, G = ddat
    assert council_graph.number_of_nodes() < G.number_of_nodes() < MAP_ROLES_AT_ONCE  # both drawn role by role
    overview = map_overview(framework, G)
    assert list(overview.table()["Discipline"]) == list(map_disciplines(framework, G))
    assert len(overview.cells) <= len(map_disciplines(framework, G)) * (len(framework.grades) + 1)


def test_the_map_card_and_the_easiest_route(council, council_graph, ddat):
    card = role_card(council, council_graph, SDM)
    assert (card.title, card.discipline) == ("Senior Delivery Manager", "Delivery")
    assert card.grade == "grade not stated; above PO4 by its reporting lines"
    route = easiest_route(council, council_graph, APM, HDM)
    assert route.roles[0] == APM
    assert route.roles[-1] == HDM
    assert route.no_route is None
    down = easiest_route(council, council_graph, HOP, APM)
    assert down.roles == ()
    assert down.no_route.startswith("There is no route from your role to Associate Project Manager")
    framework, G = ddat
    assert "lateral" not in usual_kinds(framework, G), "DDaT's hundreds of lateral moves are hidden at first"
