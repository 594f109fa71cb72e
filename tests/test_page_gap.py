"""Skill gap page: the gap between two roles (or a self-assessment and a role), its plan, and its edge cases."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from framework import load_framework_text
from framework.gaptext import GAP_TABLE_COLUMNS
from framework.skills import Profile, dump_profile, skill_gap
from tests.apptest import page, texts
from tests.conftest import ROOT
from tests.samples import TINY
from ui.radar import CURRENT_COLOUR, TARGET_COLOUR, radar_figure

PAGE = "pages/gap.py"
APM, DM = "associate-project-manager", "delivery-manager"
TAB = "gap-tab"  # the key of the page's tabs: the open one
TABS = ["What changes", "Skill by skill", "At a glance", "Development plan"]
CHANGES, BY_SKILL, GLANCE, PLAN = TABS


HEADINGS = [
    "Skill",
    "Now",
    "Needed",
    "Levels to gain",
    "Next level looks like",
    "Evidence lines in the job description",
]


def gap_table(at) -> pd.DataFrame:
    """The page's gap table, read back from its Markdown (escaped cells unescaped)."""
    if at.session_state[TAB] != BY_SKILL:
        open_tab(at, BY_SKILL)
    (text,) = [m.value for m in at.markdown if "\n| Skill |" in m.value]
    intro, table = text.split("\n\n| Skill |", 1)
    table = "| Skill |" + table
    assert "Biggest gaps first." in intro
    header, rule, *rows = table.splitlines()
    cells = [
        [re.sub(r"\\(.)", r"\1", c.strip()) for c in re.split(r"(?<!\\)\|", line)[1:-1]] for line in [header, *rows]
    ]
    assert cells[0] == HEADINGS
    assert rule == "|---|---|---|---:|---|---:|", "numbers are aligned right"
    return pd.DataFrame(cells[1:], columns=GAP_TABLE_COLUMNS)


FIGURES = re.compile(r"^\*\*Requirements already met:\*\* .*$", re.MULTILINE)


def metrics(at) -> dict[str, str]:
    """The gap's three figures, from their line under the heading ("**Label:** value · …")."""
    lines = [match for m in at.markdown for match in FIGURES.findall(m.value)]
    if not lines:
        return {}
    (line,) = lines
    return dict(part.removeprefix("**").split(":** ", 1) for part in line.split(" · "))


def downloads(at) -> list[str]:
    return [b.label for b in at.download_button]


def open_tab(at, label: str):
    """Choose a tab, as a click does: the page reruns and draws that tab's contents (only the open tab is drawn)."""
    at.session_state[TAB] = label
    return at.run()


def gap_page(tab: str, **params: str):
    """The page opened with ``tab`` already chosen (as when a session comes back to the page)."""
    at = AppTest.from_file(str(ROOT / PAGE), default_timeout=60)
    at.session_state[TAB] = tab
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


@pytest.mark.parametrize(
    ("framework", "current", "target"),
    [(None, APM, DM), ("ddat", "associate-delivery-manager", "delivery-manager")],
    ids=["council", "ddat"],
)
def test_gap_between_two_roles_of_each_framework(framework, current, target):
    at = page(PAGE, framework=framework, current=current, target=target)
    assert not at.exception
    assert [t.label for t in at.tabs] == TABS
    assert metrics(at)["Requirements already met"].startswith("1 of 9")
    assert "What changes at Delivery" in texts(at) or "What changes at delivery" in texts(at).lower()
    assert not at.get("plotly_chart"), "the chart's tab is closed, so it is not drawn"
    assert len(gap_table(at)) == 9
    open_tab(at, GLANCE)
    assert not at.exception
    assert at.get("plotly_chart"), "the radar chart is drawn once its tab is open"
    assert metrics(at)["Requirements already met"].startswith("1 of 9"), "the figures show whatever the tab"


def test_associate_project_manager_to_delivery_manager():
    at = page(PAGE, current=APM, target=DM)
    assert metrics(at) == {
        "Requirements already met": "1 of 9 (11%)",
        "Skills to develop": "8",
        "Levels to gain": "10",
        "Criteria to meet": "26",  # the Delivery Manager's person specification, beyond the APM's
    }
    shown = texts(at)
    assert "## Associate Project Manager (PO1) → Delivery Manager (PO4)" in shown, "the heading is an h2"
    assert "Associate Project Manager (PO1) meets 1 of the 9 skill requirements of Delivery Manager (PO4)." in shown
    assert "The plan to take into the development conversation is on the **Development plan** tab." in shown
    # the first tab: what changes, and only that
    assert "### What changes at Delivery Manager" in shown
    assert "| Grade | PO1 | PO4 |" in shown
    assert "- Making a process work: Working → Expert" in shown, "a skill to raise"
    assert not at.get("plotly_chart")
    assert not at.download_button
    table = gap_table(at)
    assert list(table["Skill"][:2]) == ["Making a process work", "Planning"]

    open_tab(at, GLANCE)
    shown = texts(at)
    assert at.get("plotly_chart")
    assert "### Reading the chart" in shown
    assert "### Strengths to build on" in shown
    assert "**Already at the level needed:** Commercial management." in shown
    assert not [m for m in at.markdown if "| Skill |" in m.value], "the table's tab is now closed"

    open_tab(at, PLAN)
    shown = texts(at)
    assert at.multiselect(key="plan-focus").value == [
        "skill/making-a-process-work",
        "skill/planning",
        "skill/agile-and-lean-practices",
    ], "the three biggest gaps are the focus at first"
    labels = [e.label for e in at.expander]
    assert labels[0].startswith("1. Making a process work")
    assert labels[-1] == "Preview the whole plan"
    assert downloads(at) == [
        "Download the plan (PDF, to print)",
        "Download the plan (Markdown)",
        "Download the plan (CSV, for a spreadsheet)",
    ]
    assert "### Development plan: Associate Project Manager (PO1) → Delivery Manager (PO4)" in shown, (
        "the preview's headings sit under the page's"
    )
    assert "DDaT Capability Framework leaves Practitioner undescribed for this skill" in shown
    assert metrics(at)["Requirements already met"] == "1 of 9 (11%)"


def test_the_plan_takes_what_is_typed_in_and_keeps_it_in_the_session():
    at = gap_page(PLAN, current=APM, target=DM)
    at.multiselect(key="plan-focus").set_value(["skill/planning"]).run()
    at.text_input(key="plan-person").input("Sam Okafor").run()
    at.text_input(key="plan-manager").input("Alex Reid").run()
    assert not at.exception
    labels = [e.label for e in at.expander]
    assert labels[0].startswith("1. Planning")
    assert not [label for label in labels if label.startswith("2.")], "one gap in focus"
    shown = texts(at)
    assert "**Person:** Sam Okafor" in shown
    assert "**Line manager:** Alex Reid" in shown
    assert not at.query_params.get("plan-person"), "nothing typed goes into the link"


def test_an_action_without_a_date_is_kept_in_the_plan_and_its_files():
    """A blank "By when" cell comes back from the table as pandas' NaT, which is no date to write out."""
    at = gap_page(PLAN, current=APM, target=DM)
    at.session_state["plan-actions-rows"] = pd.DataFrame(
        {
            "Action": ["Shadow a product manager", "Lead sprint planning"],
            "By when": [pd.NaT, pd.Timestamp("2027-01-29")],
            "Owner": ["Sam", ""],
            "Support": ["", ""],
            "Status": ["Not started", "Not started"],
        }
    )
    at.run()
    assert not at.exception
    shown = texts(at)
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in shown.splitlines() if line.startswith("| ")]
    assert ["Shadow a product manager", "", "Sam", "", "Not started"] in cells
    assert ["Lead sprint planning", "29 January 2027", "", "", "Not started"] in cells
    assert "Download the plan (PDF, to print)" in downloads(at)


def test_the_open_tab_stays_open_for_another_target():
    at = gap_page(PLAN, current=APM, target=DM)
    assert not at.exception
    assert at.session_state[TAB] == PLAN
    assert "Download the plan (Markdown)" in downloads(at)
    at.selectbox(key="target").set_value("senior-delivery-manager").run()
    assert not at.exception
    assert at.session_state[TAB] == PLAN
    assert "Development plan: Associate Project Manager (PO1) → Senior Delivery Manager" in texts(at)


def test_choosing_another_target_changes_the_gap_and_the_link():
    at = page(PAGE, current=APM, target=DM)
    before = gap_table(at)
    at.selectbox(key="target").set_value("senior-delivery-manager").run()
    assert not at.exception
    after = gap_table(at)
    assert not after.equals(before)
    assert list(after["Gap"]) != list(before["Gap"])
    assert metrics(at)["Levels to gain"] == "18"
    assert at.query_params["target"] == "senior-delivery-manager"
    assert at.query_params["current"] == APM


def test_a_gap_with_no_route_says_so_and_offers_roles_that_lead_there():
    at = page(PAGE, current="lead-developer", target=DM)
    assert not at.exception
    (warning,) = [w.value for w in at.warning]
    assert "No route in the framework leads to Delivery Manager" in warning
    links = [link.proto.label for link in at.get("page_link")] + [
        m.value for m in at.markdown if "](./paths" in m.value
    ]
    assert any("Routes from Project Manager (grade not stated) to Delivery Manager" in link for link in links)
    none_in = page(PAGE, current=DM, target="senior-product-manager")
    (warning,) = [w.value for w in none_in.warning]
    assert warning == (
        "No route in the framework leads to Senior Product Manager: Senior Product Manager has no rung below it, "
        "no lateral move into it and no one reporting to it. The gap below still says what the role asks."
    ), "said once, without repeating itself"
    shown = texts(none_in)
    assert "not in Delivery Manager's profile" in shown
    assert "none →" not in shown, "a skill the current role does not list is never shown as none"


def test_unknown_role_in_the_link_is_named_and_ignored():
    at = page(PAGE, current=APM, target="astronaut")
    assert not at.exception
    assert any("astronaut" in w.value for w in at.warning)
    (info,) = at.info
    assert "Choose a **target role**" in info.value
    assert not metrics(at)


def test_target_without_skill_requirements():
    at = gap_page(PLAN, current=APM, target="head-of-technology")  # even with the plan's tab chosen before
    assert not at.exception
    (warning,) = at.warning
    assert "has no skill requirements and no expectations in the framework" in warning.value
    assert "Head of Technology" in warning.value
    assert not metrics(at)
    assert not at.download_button


def test_same_role_on_both_sides():
    at = page(PAGE, current=DM, target=DM)
    assert not at.exception
    assert any("the same" in i.value for i in at.info)
    assert not metrics(at)


@pytest.mark.parametrize("framework", [None, "ddat"])
def test_nothing_chosen_says_what_to_pick(framework):
    at = page(PAGE, framework=framework)
    assert not at.exception
    (info,) = at.info
    assert "current role" in info.value
    assert "target role" in info.value
    assert "My current role" in info.value


def test_my_current_role_from_the_sidebar_fills_in_the_current_role():
    at = AppTest.from_file(str(ROOT / PAGE), default_timeout=60)
    at.session_state["me"] = APM
    at.query_params["target"] = DM
    at.run()
    assert at.selectbox(key="current").value == APM
    assert len(gap_table(at)) == 9


def test_my_current_role_set_while_the_page_is_open_is_followed_until_another_role_is_chosen():
    at = AppTest.from_file(str(ROOT / PAGE), default_timeout=60)
    at.query_params["target"] = "senior-delivery-manager"
    at.run()
    assert at.selectbox(key="current").value is None
    at.session_state["me"] = DM  # "My current role" chosen in the sidebar
    at.run()
    assert at.selectbox(key="current").value == DM
    at.session_state["me"] = APM  # changed again: the picker still shows the one it was given, so it follows
    at.run()
    assert at.selectbox(key="current").value == APM
    at.selectbox(key="current").set_value(DM).run()  # the person chooses a role here
    at.session_state["me"] = "senior-product-manager"
    at.run()
    assert at.selectbox(key="current").value == DM, "a role chosen on the page is left as it is"
    assert not at.exception


def test_self_assessment_starts_from_the_current_role():
    at = page(PAGE, current=APM, target=DM, compare="self")
    assert not at.exception
    (editor,) = at.data_editor
    assert len(editor.value) == 9
    levels = dict(zip(editor.value.index, editor.value["My level"], strict=True))
    assert levels["planning"] == "Awareness"
    assert levels["making-a-process-work"] == "Working"
    assert metrics(at)["Requirements already met"] == "1 of 9 (11%)"
    assert "My self-assessment → Delivery Manager (PO4)" in texts(at)
    assert downloads(at) == ["Save as YAML", "Save as JSON"], "the plan's tab is closed"
    open_tab(at, PLAN)
    assert not at.exception
    assert downloads(at) == [
        "Save as YAML",
        "Save as JSON",
        "Download the plan (PDF, to print)",
        "Download the plan (Markdown)",
        "Download the plan (CSV, for a spreadsheet)",
    ]
    assert "### Development plan: My self-assessment → Delivery Manager (PO4)" in texts(at)
    assert [e.key for e in at.data_editor] == ["gap_editor_0", "plan-actions"], "the editor stays above the tabs"


def test_editing_the_self_assessment_changes_the_gap():
    at = page(PAGE, current=APM, target=DM, compare="self")
    editor = at.data_editor[0]
    rows = {skill: i for i, skill in enumerate(editor.value.index)}
    at.session_state["gap_editor_0"] = {
        "edited_rows": {rows["planning"]: {"My level": "Expert"}, rows["financial-management"]: {"My level": "none"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.session_state[TAB] = GLANCE  # the strengths are on the chart's tab
    at.run()
    assert not at.exception
    assert at.session_state["gap_assessment"]["skills"]["planning"] == "expert"
    assert "financial-management" not in at.session_state["gap_assessment"]["skills"]
    assert metrics(at)["Requirements already met"] == "2 of 9 (22%)"
    assert "- Planning: Expert held, Practitioner needed" in texts(at)


def test_loading_a_saved_profile_replaces_the_assessment():
    at = page(PAGE, current=APM, target=DM, compare="self")
    profile = Profile(
        framework="council-digital", label="Mine", skills={"planning": "expert", "prototyping": "working"}
    )
    at.file_uploader[0].set_value(("mine.yaml", dump_profile(profile).encode(), "application/yaml")).run()
    assert not at.exception
    assert any("Loaded mine.yaml" in s.value.replace("\\", "") for s in at.success)
    assert at.session_state["gap_assessment"]["skills"] == {"planning": "expert", "prototyping": "working"}
    assert metrics(at)["Requirements already met"] == "1 of 9 (11%)"  # planning met; commercial no longer held
    assert "prototyping" in list(at.data_editor[0].value.index)


def test_a_bad_profile_is_explained_and_the_assessment_kept():
    at = page(PAGE, current=APM, target=DM, compare="self")
    before = dict(at.session_state["gap_assessment"]["skills"])
    bad = b"profile_version: 1\nframework: council-digital\nskills:\n  planing: expert\n  planning: guru\n"
    at.file_uploader[0].set_value(("bad.yaml", bad, "application/yaml")).run()
    assert not at.exception
    assert "assessment is unchanged" in at.error[0].value
    problems = at.code[0].value
    assert "bad.yaml:4:3: skills.planing: unknown skill 'planing' (did you mean 'planning'?)" in problems
    assert "bad.yaml:5:3: skills.planning: unknown skill level 'guru'" in problems
    assert at.session_state["gap_assessment"]["skills"] == before
    assert metrics(at)["Requirements already met"] == "1 of 9 (11%)"


def test_a_profile_of_another_framework_is_refused():
    at = page(PAGE, current=APM, target=DM, compare="self")
    other = dump_profile(Profile(framework="ddat", skills={"planning": "expert"})).encode()
    at.file_uploader[0].set_value(("other.yaml", other, "application/yaml")).run()
    assert not at.exception
    assert "the profile is for framework 'ddat'" in at.code[0].value


# --------------------------------------------------------------------------- the chart


def test_radar_compares_held_and_needed_levels(council):
    gap = skill_gap(council, APM, DM)
    figure = radar_figure(council, gap, current_label="APM <b>", target_label="DM & co")
    need, now = figure.data
    assert (need.type, now.type) == ("scatterpolar", "scatterpolar")
    assert list(need.r) == [r.required_rank for r in gap.rows] + [gap.rows[0].required_rank]
    assert list(now.r) == [r.current_rank for r in gap.rows] + [gap.rows[0].current_rank]
    assert need.theta[0] == need.theta[-1] == "Making a process work"
    assert (need.line.color, now.line.color) == (TARGET_COLOUR, CURRENT_COLOUR)
    assert need.line.dash != now.line.dash
    assert need.marker.symbol != now.marker.symbol
    assert (need.name, now.name) == ("Needed: DM &amp; co", "Now: APM &lt;b&gt;")
    assert now.text[0] == "<b>Making a process work</b><br>Now: Working"
    axis = figure.layout.polar.radialaxis
    assert list(axis.tickvals) == [0, 1, 2, 3, 4]
    assert list(axis.ticktext) == ["none", "Awareness", "Working", "Practitioner", "Expert"]
    assert tuple(axis.range) == (0, 4)


def test_radar_escapes_names_and_falls_back_to_bars_for_few_skills():
    tiny = load_framework_text(TINY, name="tiny.yaml")
    figure = radar_figure(tiny, skill_gap(tiny, "junior", "senior"), current_label="J", target_label="S")
    assert [t.type for t in figure.data] == ["bar", "bar"]
    labels = " ".join(figure.data[0].y)
    assert "&lt;script&gt;" in labels
    assert "<script>" not in labels
    assert figure.data[0].marker.pattern.shape != figure.data[1].marker.pattern.shape


def test_no_chart_for_a_role_without_requirements(council):
    gap = skill_gap(council, APM, "head-of-technology")
    assert radar_figure(council, gap, current_label="a", target_label="b") is None
