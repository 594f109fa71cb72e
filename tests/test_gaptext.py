"""A skill gap in words: the gap table, the summary, readiness, and escaping."""

from __future__ import annotations

import re

import pytest

from framework import load_framework_text
from framework.gaptext import GAP_TABLE_COLUMNS, descriptor_markdown, gap_summary, gap_table, readiness_text
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
def tiny():
    return load_framework_text(TINY, name="tiny.yaml")


def section(text: str, heading: str) -> str:
    """The text of a ``## heading`` section, up to the next ``## ``."""
    start = text.index(f"## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


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


def test_descriptors_never_become_markup(tiny):
    text = descriptor_markdown(tiny.skills_by_id["tricky"].levels["basic"])
    assert text == "You can:\n\n- use \\`code\\` and \\_this\\_"
    good = descriptor_markdown(tiny.skills_by_id["tricky"].levels["good"])
    assert good == "\\# not a heading\n\n- 1\\. not a list \\| pipe"


def test_gap_table_columns_and_order(council, gap):
    table = gap_table(council, gap)
    assert list(table.columns) == GAP_TABLE_COLUMNS
    assert list(table["Skill"]) == [council.skills_by_id[s].name for s in ORDER]
    assert list(table["Gap"]) == [2, 2, 1, 1, 1, 1, 1, 1, 0]
    first, third, last = table.iloc[0], table.iloc[2], table.iloc[-1]
    assert (first["Now"], first["Needed"]) == ("Working", "Expert")
    # DDaT leaves Practitioner blank for this skill: the nearest level it describes above the one held (Working)
    # stands in, labelled — Expert, never Working, which is held already.
    assert first["Next level looks like"].startswith(
        "Practitioner: not described in DDaT Capability Framework; the nearest level above the one held that it "
        "describes, Expert: You can:"
    )
    assert third["Next level looks like"].startswith(
        "Practitioner: You can: • compare and select the most appropriate delivery methods and processes • "
    )
    assert last["Next level looks like"] == "Already met"
    assert list(table["Evidence count"]) == [len(r.evidence) for r in gap.rows]


def test_a_persons_none_is_theirs_and_a_profile_that_lists_nothing_is_not_a_none(council):
    mine = gap_table(council, skill_gap(council, Profile(framework=council.id), TARGET))
    assert set(mine["Now"]) == {"none, by your own assessment"}
    assert len(mine) == 9
    across = skill_gap(council, TARGET, "senior-product-manager")
    table = gap_table(council, across)
    product = table.set_index("Skill").loc["Product management"]
    assert product["Now"] == "not in Delivery Manager's profile"
    assert "none" not in set(table["Now"]), "a skill a role's profile does not list is never shown as none"
    assert "7 of them are not in Delivery Manager's profile" in readiness_text(across)


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
