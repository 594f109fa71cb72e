"""Development plans and the gap table: content, order, escaping, and safe CSV."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest

from framework import load_framework_text
from framework.export import (
    GAP_TABLE_COLUMNS,
    PLAN_CSV_COLUMNS,
    development_plan_csv,
    development_plan_markdown,
    gap_summary,
    gap_table,
    readiness_text,
)
from framework.skills import Profile, skill_gap
from framework.textsafe import md_escape
from tests.samples import TINY

CURRENT, TARGET = "associate-project-manager", "delivery-manager"
LABELS = {"current_label": "Associate Project Manager (PO1)", "target_label": "Delivery Manager (PO4)"}

# Skills of Delivery Manager in priority order, as skill_gap orders them (biggest gap, then required level).
ORDER = [
    "making-a-process-work",
    "planning",
    "agile-and-lean-practices",
    "communicating-between-the-technical-and-non-technical",
    "maintaining-delivery-momentum",
    "financial-management",
    "life-cycle-management",
    "team-dynamics-and-collaboration",
    "commercial-management",
]


@pytest.fixture(scope="module")
def gap(council):
    return skill_gap(council, CURRENT, TARGET)


@pytest.fixture(scope="module")
def plan(council, gap):
    return development_plan_markdown(council, gap, date="14 May 2025", **LABELS)


@pytest.fixture(scope="module")
def tiny():
    return load_framework_text(TINY, name="tiny.yaml")


def section(text: str, heading: str) -> str:
    """The text of a ``## heading`` section, up to the next ``## ``."""
    start = text.index(f"## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def test_plan_opens_with_who_what_and_when(plan):
    head = plan.split("\n## ")[0]
    assert head.startswith("# Development plan: Associate Project Manager (PO1) → Delivery Manager (PO4)\n")
    assert "**Framework:** Council digital team career framework" in head
    assert "**Date:** 14 May 2025" in head
    assert "**Readiness:** meets 1 of 9 requirements (11%)" in head
    assert "**Levels to gain:** 10 across 8 skills" in head


def test_plan_lists_gaps_biggest_first_with_descriptors_and_evidence(council, gap, plan):
    gaps = section(plan, "Skills to develop, in priority order")
    names = [council.skills_by_id[s].name for s in ORDER[:8]]
    headings = re.findall(r"^### \d+\. (.+)$", gaps, flags=re.M)
    assert [unescape(h) for h in headings] == names
    assert [r.skill for r in gap.gaps] == ORDER[:8]
    text = unescape(gaps)
    for row in gap.gaps:
        block = text[text.index(f". {row.name}\n") :]
        block = block[: block.find("\n### ")] if "\n### " in block else block
        for step in row.to_reach:
            descriptor = council.skills_by_id[row.skill].levels[step.level]
            if descriptor is None:
                assert f"*{step.name}:* not defined in the framework" in block
            else:
                for line in filter(None, (raw.strip().removeprefix("- ") for raw in descriptor.splitlines())):
                    assert line in block, (row.skill, step.level, line)
        assert row.evidence, row.skill
        for line in row.evidence:
            assert f"“{line}”" in block, (row.skill, line)


def test_plan_names_strengths_and_leaves_room_for_actions(council, plan):
    strengths = section(plan, "Strengths to build on")
    assert "No skill is held above the level the target role needs." in strengths
    assert "- Commercial management (Working)" in strengths
    actions = section(plan, "Agreed actions")
    assert actions.count("Agreed action: ____") == 8
    assert actions.count("By (date): ____") == 8
    assert actions.count("Support needed: ____") == 8
    assert "1. **Making a process work** (Working → Expert)" in actions
    closing = section(plan, "Notes and next review")
    assert "Next review date: ____" in closing
    assert plan.rstrip().endswith(md_escape(council.attribution))


def test_plan_lists_strengths_of_a_more_senior_role(council):
    gap = skill_gap(council, "delivery-manager", CURRENT)
    plan = development_plan_markdown(council, gap, current_label="DM", target_label="APM")
    strengths = section(plan, "Strengths to build on")
    assert "- Making a process work: Expert, above the Working needed (2 levels above)" in strengths
    assert "**Readiness:** meets 9 of 9 requirements (100%)" in plan
    assert "None: every skill the target role needs is already at the level needed." in plan
    assert "Date:" not in plan


def test_plan_for_a_self_assessment_lists_other_skills_held(council):
    profile = Profile(framework=council.id, skills={"planning": "expert", "prototyping": "working"})
    gap = skill_gap(council, profile, TARGET)
    plan = development_plan_markdown(council, gap, current_label="My self-assessment", target_label="DM")
    assert "- Planning: Expert, above the Practitioner needed (1 level above)" in plan
    assert "Other skills held, which the target role does not list:\n\n- Prototyping (Working)" in plan


def test_plan_for_a_role_without_requirements(council):
    gap = skill_gap(council, CURRENT, "head-of-technology")
    plan = development_plan_markdown(council, gap, current_label="APM", target_label="Head of Technology")
    assert readiness_text(gap) in plan
    assert "lists no skill requirements" in readiness_text(gap)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("*bold* <script>", "\\*bold\\* \\<script\\>"),
        ("[link](javascript:x)", "\\[link\\](javascript:x)"),
        ("- not a bullet", "\\- not a bullet"),
        ("1. not a list", "1\\. not a list"),
        ("# not a heading", "\\# not a heading"),
        ("a | b & c ~d~ $x$ `e` _f_", "a \\| b \\& c \\~d\\~ \\$x\\$ \\`e\\` \\_f\\_"),
        ("line one\n\n> line two", "line one \\> line two"),
        ("plain words, stay plain.", "plain words, stay plain."),
        ("Note: 10:30, and/or", "Note: 10:30, and/or"),
        ("an emoji :smile: here", "an emoji \\:smile\\: here"),
        ("colour :red[x]", "colour \\:red\\[x\\]"),
        ("icon :material/home:", "icon \\:material\\/home:"),
    ],
)
def test_markdown_escaping(text, escaped):
    assert md_escape(text) == escaped


def test_framework_text_never_becomes_markup(tiny):
    gap = skill_gap(tiny, "junior", "senior")
    plan = development_plan_markdown(tiny, gap, current_label="Junior", target_label=tiny.role("senior").title)
    assert "\\*bold\\* \\<script\\>alert(1)\\</script\\>" in plan
    assert "Tiny \\<b\\>framework\\</b\\>" in plan
    assert "Senior \\[lead\\](http://example.com)" in plan
    assert "\\[someone\\](javascript:alert(1))" in plan
    assert "“\\<img src=x onerror=alert(1)\\>”" in plan
    assert "- use \\`code\\` and \\_this\\_" in plan
    assert "\\# not a heading" in plan
    assert "- 1\\. not a list \\| pipe" in plan
    assert "“\\- a line that starts with a dash”" in plan
    # Outside escapes, no raw markup character from the data is left.
    bare = re.sub(r"\\.", "", plan)
    assert "<" not in bare
    assert "[" not in bare
    assert "`" not in bare


def test_csv_has_one_row_per_requirement_and_reads_back(council, gap):
    text = development_plan_csv(council, gap)
    table = pd.read_csv(io.StringIO(text), keep_default_na=False)
    assert list(table.columns) == PLAN_CSV_COLUMNS
    assert table.shape == (9, len(PLAN_CSV_COLUMNS))
    assert list(table["Skill id"]) == ORDER
    assert list(table["Priority"]) == list(range(1, 10))
    assert list(table["Gap"]) == [r.gap for r in gap.rows]
    first = table.iloc[0]
    assert (first["Current level"], first["Required level"]) == ("Working", "Expert")
    assert "Practitioner:\nnot defined in the framework" in first["What to aim for"]
    assert "guide teams through the implementation of a new process" in first["What to aim for"]
    assert first["Evidence"] == " | ".join(gap.rows[0].evidence)
    assert set(table["Agreed action"]) == set(table["By when"]) == set(table["Support"]) == {""}
    assert table.iloc[-1]["What to aim for"] == ""  # commercial management is already met


def test_csv_neutralises_formulas(tiny):
    gap = skill_gap(tiny, "junior", "senior")
    table = pd.read_csv(io.StringIO(development_plan_csv(tiny, gap)), keep_default_na=False)
    formula = table.set_index("Skill id").loc["formula"]
    assert formula["Skill"] == '\'=HYPERLINK("http://example.com", "x")'
    assert formula["Evidence"] == "'=1+1"
    tricky = table.set_index("Skill id").loc["tricky"]
    assert tricky["Skill"] == "*bold* <script>alert(1)</script>"  # CSV is data: no escaping beyond formulas
    for column in table.columns:
        for value in table[column].astype(str):
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (column, value)


def test_gap_table_columns_and_order(council, gap):
    table = gap_table(council, gap)
    assert list(table.columns) == GAP_TABLE_COLUMNS
    assert list(table["Skill"]) == [council.skills_by_id[s].name for s in ORDER]
    assert list(table["Gap"]) == [2, 2, 1, 1, 1, 1, 1, 1, 0]
    first, third, last = table.iloc[0], table.iloc[2], table.iloc[-1]
    assert (first["Now"], first["Needed"]) == ("Working", "Expert")
    assert first["Next level looks like"] == "Practitioner: not defined in the framework"
    assert third["Next level looks like"].startswith(
        "Practitioner: You can: • compare and select the most appropriate delivery methods and processes • "
    )
    assert last["Next level looks like"] == "Already met"
    assert list(table["Evidence count"]) == [len(r.evidence) for r in gap.rows]


def test_gap_table_of_a_profile_shows_skills_not_held_as_none(council):
    gap = skill_gap(council, Profile(framework=council.id), TARGET)
    table = gap_table(council, gap)
    assert set(table["Now"]) == {"none"}
    assert len(table) == 9


def test_summary_names_the_biggest_gaps(council, gap):
    assert gap_summary(council, gap, **LABELS) == (
        "Associate Project Manager (PO1) meets 1 of the 9 skill requirements of Delivery Manager (PO4). "
        "To get there: 8 skills to develop, 10 levels in all; the biggest gaps are Making a process work "
        "(Working → Expert) and Planning (Awareness → Practitioner)."
    )
    met = skill_gap(council, TARGET, CURRENT)
    assert (
        gap_summary(council, met, current_label="DM", target_label="APM") == "DM meets all 9 skill requirements of APM."
    )
