"""Structure review figures on the council framework, recomputed here from the data where they can be."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from framework import load_framework
from framework.graph import build_graph
from framework.review import (
    FILLED,
    REFERENCED,
    Inversion,
    dead_ends,
    discipline_totals,
    grade_matrix,
    inversion_table,
    inversions,
    ladder_gaps,
    referenced_roles,
    review_markdown,
    review_xlsx,
    skill_cliffs,
    spans,
    unknown_grades,
    unreachable,
)
from tests.conftest import DATA


def test_grade_matrix_marks_filled_referenced_and_empty_rungs(council):
    status, titles = grade_matrix(council)
    assert list(status.columns) == ["PO1", "PO2", "PO3", "PO4", "PO5", "PO6", "PO7", "PO8", "Head", "Grade not stated"]
    filled = {(row, col) for row in status.index for col in status.columns if status.loc[row, col] == FILLED}
    assert filled == {(r.discipline.capitalize(), r.grade) for r in council.roles if r.status == "described"}
    assert status.loc["Delivery", "Grade not stated"] == REFERENCED
    assert titles.loc["Delivery", "Grade not stated"] == "Project Manager; Senior Delivery Manager"
    assert status.loc["No discipline", "Grade not stated"] == REFERENCED


def test_delivery_ladder_gaps_are_reported(council, council_graph):
    gaps = {(g.lower, g.upper): g for g in ladder_gaps(council, council_graph)}
    first = gaps[("associate-project-manager", "delivery-manager")]
    assert first.missing == ("PO2", "PO3")
    assert first.unplaced == ("project-manager",)
    second = gaps[("delivery-manager", "head-of-delivery-management")]
    assert second.missing == ("PO5", "PO6", "PO7", "PO8")
    assert second.unplaced == ("senior-delivery-manager",)
    assert len(gaps) == 2, "Product and Technology have a single known rung each"


def test_dead_ends_and_roles_with_no_way_in(council, council_graph):
    ends = dead_ends(council, council_graph)
    assert set(ends["id"]) == {n for n in council_graph if council_graph.out_degree(n) == 0}
    assert set(ends["id"]) == {
        "head-of-product",
        "head-of-technology",
        "executive-director-for-delivery-and-capabilities",
    }
    no_way_in = unreachable(council, council_graph)
    assert set(no_way_in["id"]) == {"associate-project-manager", "senior-product-manager", "lead-developer"}
    assert no_way_in["Entry rung"].all(), "each is the lowest rung of its ladder"


def test_unknown_grades_come_with_their_bounds(council, council_graph):
    table = unknown_grades(council, council_graph).set_index("id")
    assert set(table.index) == {r.id for r in council.roles if r.grade is None}
    assert table.loc["senior-delivery-manager", "Bounds"] == "above PO4 by its reporting lines"
    assert (
        table.loc["executive-director-for-delivery-and-capabilities", "Bounds"] == "above Head by its reporting lines"
    )


def test_skill_cliffs_are_ranked_by_levels_to_gain(council, council_graph):
    cliffs = skill_cliffs(council, council_graph)
    assert list(cliffs["Levels to gain"]) == sorted(cliffs["Levels to gain"], reverse=True)
    top = cliffs.iloc[0]
    assert (top["from_id"], top["to_id"], top["Levels to gain"]) == ("delivery-manager", "senior-delivery-manager", 8)
    rank = council.level_rank
    for row in cliffs.itertuples():
        below = {r.skill: rank[r.level] for r in council.role(row.from_id).skills}
        expected = sum(max(0, rank[r.level] - below.get(r.skill, 0)) for r in council.role(row.to_id).skills)
        assert row._5 == expected


def test_no_inversions_in_the_council_but_found_when_present():
    assert inversions(load_framework(DATA / "roles.yaml"), build_graph(load_framework(DATA / "roles.yaml"))) == []
    ddat = load_framework(DATA / "ddat.yaml")
    graph = build_graph(ddat)
    found = inversions(ddat, graph)
    # The DDaT download asks less of some skills at a higher role level, e.g. a lead analytics engineer needs
    # "Turning business problems into data design" at working level, where a senior one needs practitioner.
    assert len(found) == 21
    assert (
        Inversion(
            "senior-analytics-engineer",
            "lead-analytics-engineer",
            "turning-business-problems-into-data-design",
            "practitioner",
            "working",
        )
        in found
    )
    rank = ddat.level_rank
    below = {(r.id, q.skill): q.level for r in ddat.roles for q in r.skills}
    for inv in found:
        assert graph.edges[inv.lower, inv.upper]["kind"] == "promotion"
        assert below[(inv.lower, inv.skill)] == inv.lower_level
        assert below[(inv.upper, inv.skill)] == inv.upper_level
        assert rank[inv.upper_level] < rank[inv.lower_level]
        assert ddat.grade_rank[ddat.role(inv.upper).grade] > ddat.grade_rank[ddat.role(inv.lower).grade]
    table = inversion_table(ddat, graph)
    assert len(table) == 21
    assert table.iloc[0].to_dict() == {
        "Lower rung": "Senior analytics engineer",
        "Higher rung": "Lead analytics engineer",
        "Skill": "Turning business problems into data design",
        "Lower rung needs": "practitioner",
        "Higher rung needs": "working",
    }


def test_spans_of_control_and_totals(council):
    table = spans(council).set_index("id")
    assert table.loc["head-of-product", "All reports (roles)"] == 2  # LPM, and SPM through it
    assert table.loc["delivery-manager", "Indirect staff (stated)"] == 10
    totals = discipline_totals(spans(council)).set_index("Discipline")
    assert totals.loc["Delivery", "Direct staff (stated)"] == 1 + 1  # APM and DM state 1 each
    assert totals.loc["Technology", "Indirect staff (stated)"] == 12
    assert totals.loc["Delivery", "Budget (£, stated)"] == 1_000_000


def test_referenced_roles_are_listed_with_who_names_them(council, council_graph):
    table = referenced_roles(council, council_graph).set_index("id")
    assert len(table) == 6
    assert table.loc["head-of-product", "Named by"] == "Senior Product Manager"
    assert "Designation of the Post" in table.loc["head-of-product", "Evidence"]


@pytest.mark.parametrize("name", ["roles.yaml", "ddat.yaml"])
def test_review_downloads(name):
    framework = load_framework(DATA / name)
    graph = build_graph(framework)
    markdown = review_markdown(framework, graph)
    assert markdown.startswith(f"# Structure review: {framework.name}")
    assert "## Ladder gaps" in markdown
    assert "## Referenced roles" in markdown
    sheets = pd.read_excel(io.BytesIO(review_xlsx(framework, graph)), sheet_name=None)
    assert "Ladder gaps" in sheets
    assert "Span of control" in sheets
    assert len(sheets["Span of control"]) == len(framework.roles)
