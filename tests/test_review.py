"""Structure review figures on the council framework, recomputed here from the data where they can be."""

from __future__ import annotations

import importlib
import io
import re
import statistics

import openpyxl
import pandas as pd
import pytest

from framework import load_framework, load_framework_text
from framework.cells import HEADER_FILL, sheet_name
from framework.export import framework_csv, framework_xlsx
from framework.findings import BY_DESIGN, PROBLEM, SEVERITIES, WORTH_A_LOOK, CliffRule, findings
from framework.graph import build_graph
from framework.review import review_markdown, review_xlsx
from framework.structure import (
    FILLED,
    REFERENCED,
    Inversion,
    dead_ends,
    discipline_totals,
    grade_matrix,
    inversion_table,
    inversions,
    ladder_gaps,
    promotion_steps,
    referenced_roles,
    skill_cliffs,
    spans,
    unknown_grades,
    unreachable,
)
from tests.conftest import DATA
from tests.samples import two_ladders


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
    # The steepest step crosses Project Manager, named in the APM's description with no skills of its own, and
    # the empty grades PO2–PO3: it is measured from the rung below that states skills.
    assert (top["from_id"], top["to_id"], top["Levels to gain"]) == (
        "associate-project-manager",
        "delivery-manager",
        10,
    )
    assert (top["Through"], top["Grades skipped"], top["Grades"]) == ("Project Manager", "PO2, PO3", "PO1 → PO4")
    second = cliffs.iloc[1]
    assert (second["from_id"], second["to_id"], second["Levels to gain"]) == (
        "delivery-manager",
        "senior-delivery-manager",
        8,
    )
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
    assert "## Problem (" in markdown
    sheets = pd.read_excel(io.BytesIO(review_xlsx(framework, graph)), sheet_name=None)
    assert list(sheets)[:2] == ["Summary", "Findings"]
    assert "Ladder gaps" in sheets
    assert "Span of control" in sheets
    assert len(sheets["Span of control"]) == len(framework.roles)


# --------------------------------------------------------------------------- findings


@pytest.fixture(scope="module")
def ddat():
    framework = load_framework(DATA / "ddat.yaml")
    return framework, build_graph(framework)


def _by_kind(found):
    out = {}
    for f in found:
        out.setdefault(f.kind, []).append(f)
    return out


def test_council_problems_are_real_problems_each_with_an_action(council, council_graph):
    found = findings(council, council_graph)
    assert [f.severity for f in found] == sorted((f.severity for f in found), key=SEVERITIES.index)
    problems = [f for f in found if f.severity == PROBLEM]
    assert [(f.kind, f.roles) for f in problems] == [("skill cliff", ("associate-project-manager", "delivery-manager"))]
    cliff = problems[0]
    assert "10 skill levels" in cliff.why
    assert "Project Manager" in cliff.why
    assert "PO2, PO3" in cliff.why
    assert cliff.action.startswith("Add or describe a rung between Associate Project Manager and Delivery Manager")
    kinds = _by_kind(found)
    (entry,) = kinds["entry rung"]
    assert entry.severity == BY_DESIGN
    assert set(entry.roles) == {"associate-project-manager", "senior-product-manager", "lead-developer"}
    (tops,) = kinds["top of ladder"]
    assert tops.severity == BY_DESIGN
    assert set(tops.roles) == {
        "head-of-product",
        "head-of-technology",
        "executive-director-for-delivery-and-capabilities",
    }
    (named,) = kinds["named only"]
    assert named.severity == BY_DESIGN
    assert len(named.roles) == 6
    assert {f.severity for f in kinds["missing rung"]} == {WORTH_A_LOOK}
    assert "dead end" not in kinds
    assert "no way in" not in kinds
    for f in found:
        assert f.title, f
        assert f.why, f
        assert f.action, f


def test_ddat_finds_that_no_head_role_leads_to_a_chief_role(ddat):
    framework, graph = ddat
    found = findings(framework, graph)
    first = found[0]
    assert (first.severity, first.kind, first.title) == (
        PROBLEM,
        "isolated roles",
        "No Head role leads to any Chief role",
    )
    chiefs = {r.id for r in framework.roles if r.grade == "chief"}
    assert set(first.roles) == chiefs
    assert "State the promotions from the Head roles" in first.action
    for f in found:  # the Chief roles are not also listed as entry rungs and tops of ladders
        if f.kind in ("entry rung", "top of ladder"):
            assert not chiefs & set(f.roles)


def test_cliff_thresholds_are_keyword_options(council, council_graph):
    strict = findings(council, council_graph, cliffs=CliffRule(problem_ratio=1.5))
    cliffs = {f.roles: f.severity for f in strict if f.kind == "skill cliff"}
    assert cliffs[("delivery-manager", "senior-delivery-manager")] == PROBLEM
    none = findings(council, council_graph, cliffs=CliffRule(min_levels=11))
    assert not [f for f in none if f.kind == "skill cliff"]


# --------------------------------------------------------------------------- exports HR can use


@pytest.mark.parametrize("name", ["roles.yaml", "ddat.yaml"])
def test_review_markdown_reads_as_plain_words_and_numbers(name):
    framework = load_framework(DATA / name)
    markdown = review_markdown(framework, build_graph(framework))
    assert "\\." not in markdown, "no escaped full stops (1\\.0)"
    assert not re.search(r"\b(True|False|nan|None)\b", markdown)
    assert not re.search(r"(?<![v\d.])\d+\.0\b", markdown), "whole numbers without a decimal point"
    table_lines = [line for line in markdown.splitlines() if line.startswith("| ")]
    ids = {r.id for r in framework.roles if "-" in r.id}
    for line in table_lines:
        cells = {c.strip() for c in line.strip("|").split("|")}
        assert not cells & ids, line
    if name == "roles.yaml":
        assert "| 1,000,000 |" in markdown


def test_the_review_workbook_is_laid_out_for_hr(council, council_graph):
    book = openpyxl.load_workbook(io.BytesIO(review_xlsx(council, council_graph)))
    assert book.sheetnames[0] == "Summary"
    assert all(len(n) <= 31 and re.fullmatch(r"[A-Za-z0-9 ,()'-]+", n) for n in book.sheetnames), book.sheetnames
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        header = sheet[1]
        assert all(c.font.bold for c in header if c.value), sheet.title
        assert all(c.fill.fgColor.rgb.endswith(HEADER_FILL) for c in header if c.value), sheet.title
        assert (sheet.auto_filter.ref or "").startswith("A1:"), sheet.title
        widths = [sheet.column_dimensions[c.column_letter].width for c in header]
        assert all(8 <= w <= 60 for w in widths), (sheet.title, widths)
    summary = pd.read_excel(io.BytesIO(review_xlsx(council, council_graph)), sheet_name="Summary")
    assert dict(zip(summary["Item"], summary["Value"], strict=True))["Problems"] in (1, "1")
    findings_sheet = book["Findings"]
    assert [c.value for c in findings_sheet[1]] == ["Severity", "Finding", "Why", "Roles", "Recommended action"]


def test_the_framework_workbook_and_roles_csv_for_hr(council):
    book = openpyxl.load_workbook(io.BytesIO(framework_xlsx(council)))
    assert book.sheetnames[:3] == ["Summary", "Roles", "Skills matrix"]
    roles = book["Roles"]
    assert roles.freeze_panes == "A2"
    assert roles.auto_filter.ref
    assert roles.column_dimensions["B"].width == max(8, max(len(r.title) for r in council.roles) + 2)
    table = pd.read_csv(io.StringIO(framework_csv(council, "roles").lstrip("\ufeff")))
    row = table.set_index("Role id").loc["delivery-manager"]
    assert (row["Reports to"], row["Reports to (id)"]) == ("Senior Delivery Manager", "senior-delivery-manager")


def test_sheet_names_are_plain_words_within_excels_limit():
    assert sheet_name("Grade × discipline: rung status") == "Grade by discipline rung status"
    assert len(sheet_name("x" * 40)) == 31
    assert sheet_name("Roles", ["roles"]) == "Roles 2"


# --------------------------------------------------------------------------- tracks written at different granularity

#: Engineers' levels list 3 expectations each, but level 5 lists 12 (a real cliff); managers' levels 15 each.
ENGINEERS = {1: 3, 2: 3, 3: 3, 4: 3, 5: 12, 6: 3}
MANAGERS = {3: 15, 4: 15, 5: 15, 6: 15}


@pytest.mark.parametrize("as_branches", [False, True], ids=["tracks", "branches"])
def test_a_step_is_judged_against_its_own_ladder_not_one_median_across_ladders(as_branches):
    """One median across both (7.5) made every manager promotion a cliff and hid the engineers' real one."""
    framework = load_framework_text(two_ladders(ENGINEERS, MANAGERS, as_branches=as_branches))
    cliffs = [f for f in findings(framework, build_graph(framework)) if f.kind == "skill cliff"]
    assert [(f.severity, f.roles) for f in cliffs] == [(PROBLEM, ("engineer-4", "engineer-5"))]
    assert "12 expectations to meet in one promotion (4 → 5), 4 times the median promotion on " in cliffs[0].why
    ladder = "the Engineering ladder (3)" if as_branches else "the Engineering (Individual contributor) ladder (3)"
    assert cliffs[0].why.endswith(ladder)


def test_a_uniform_ladder_has_no_cliff_however_large_its_steps():
    framework = load_framework_text(two_ladders({1: 3, 2: 3, 3: 3, 4: 3}, {3: 40, 4: 40, 5: 40, 6: 40}))
    assert not [f for f in findings(framework, build_graph(framework)) if f.kind == "skill cliff"]


def test_a_short_ladder_of_skills_is_judged_with_its_discipline_then_the_framework(council, council_graph):
    """Skill levels share one scale: the council's ladders, of three promotions or fewer, are judged with the
    framework's median (5), and a step of twice it is a problem."""
    (cliff,) = [f for f in findings(council, council_graph) if f.severity == PROBLEM]
    assert "2 times the median promotion in the framework (5)" in cliff.why
    per_ladder = findings(council, council_graph, cliffs=CliffRule(min_peers=3))
    assert not [f for f in per_ladder if f.severity == PROBLEM], "the Delivery ladder's own median is 8"


@pytest.mark.parametrize("name", ["ft-engineering.yaml", "monzo.yaml"])
def test_the_shipped_expectation_frameworks_have_no_cliff_made_by_comparing_ladders(name):
    framework = load_framework(DATA / name)
    graph = build_graph(framework)
    cliffs = [f for f in findings(framework, graph) if f.kind == "skill cliff"]
    steps = promotion_steps(framework, graph)
    for cliff in cliffs:  # each is large against its own ladder's promotions
        step = next(s for s in steps.steps if (s.start, s.end) == cliff.roles)
        peers = [s.size for s in steps.steps if s.ladder == step.ladder]
        assert step.size >= CliffRule().look_ratio * statistics.median(peers), cliff
    if name == "ft-engineering.yaml":
        assert cliffs == [], [f.why for f in cliffs]


def test_the_review_works_its_promotion_steps_and_inversions_out_once(monkeypatch):
    """The review's tables and its findings share one reckoning of the promotion steps and the inversions, and
    the findings made from it are those made from scratch."""
    findings_module = importlib.import_module("framework.findings")  # the package names a function so too
    structure_module = importlib.import_module("framework.structure")
    review_module = importlib.import_module("framework.views.review")

    fw = load_framework(DATA / "ddat.yaml")
    graph = build_graph(fw)
    calls = {"promotion_steps": 0, "inversions": 0}
    for name, work in (("promotion_steps", promotion_steps), ("inversions", inversions)):

        def counted(*args, _name=name, _work=work):
            calls[_name] += 1
            return _work(*args)

        for module in (structure_module, findings_module, review_module):
            monkeypatch.setattr(module, name, counted, raising=False)
    view = review_module.review_view(fw, graph)
    assert calls == {"promotion_steps": 1, "inversions": 1}
    monkeypatch.undo()
    assert [(f.title, f.roles) for f in findings(fw, graph)] == [
        (f.title, tuple(r for r, _ in f.roles)) for f in view.findings
    ]
    assert skill_cliffs(fw, graph).drop(columns=["from_id", "to_id"]).equals(view.cliffs)
