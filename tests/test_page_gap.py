"""Skill gap page: the gap between two roles (or a self-assessment and a role), its plan, and its edge cases."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from framework import load_framework_text
from framework.gaptext import GAP_TABLE_COLUMNS
from framework.skills import Profile, dump_profile, skill_gap
from tests.apptest import page, plan_opened, texts
from tests.conftest import ROOT
from tests.map_reading import SVG, svg_pictures
from tests.samples import TINY
from ui.radar_svg import CURRENT_COLOUR, TARGET_COLOUR, radar_svg

PAGE = "pages/gap.py"
APM, DM = "associate-project-manager", "delivery-manager"
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
    (text,) = [m.value for m in at.markdown if "\n| Skill |" in m.value]
    intro, table = text.split("\n\n| Skill |", 1)
    table = "| Skill |" + table
    assert "Biggest gaps first." in intro
    header, rule, *rows = table.splitlines()
    cells = [
        [re.sub(r"\\(.)", r"\1", c.strip()) for c in re.split(r"(?<!\\)\|", line)[1:-1]] for line in [header, *rows]
    ]
    assert cells[0] == HEADINGS[: len(cells[0])], "a column with nothing to say is left out, never another"
    assert rule == "|---|---|---|---:|---|" + "---:|" * (len(cells[0]) - 5), "numbers are aligned right"
    return pd.DataFrame(cells[1:], columns=GAP_TABLE_COLUMNS[: len(cells[0])])


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


PLAN_DOWNLOADS = [
    "Download the plan (PDF, to print)",
    "Download the plan (Markdown)",
    "Download the plan (CSV, for a spreadsheet)",
]


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
    assert at.get("bidi_component"), "the tabs to read are drawn whatever tab is open, the chart's too"
    table = gap_table(at)
    assert len(table) == 9
    if framework == "ddat":  # no role of DDaT links a line of a job description: the column is left out
        assert "Evidence count" not in table.columns


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
    # what changes, in plain words, a line each
    assert "### What changes at Delivery Manager" in shown
    assert "- Grade: from PO1 to PO4" in shown
    assert "- Making a process work: Working → Expert" in shown, "a skill to raise"
    table = gap_table(at)
    assert list(table["Skill"][:2]) == ["Making a process work", "Planning"]
    # the chart
    (chart,) = svg_pictures(at)
    assert chart.startswith("<svg")
    assert "### Reading the chart" in shown
    assert "### Strengths to build on" in shown
    assert "**Already at the level needed:** Commercial management." in shown
    # the plan: drawn when its tab is opened
    assert "plan-focus" not in [w.key for w in at.multiselect], "a closed plan costs the page nothing"
    at.session_state["gap-tab"] = PLAN
    at.run()
    assert at.query_params["tab"] == "development-plan", "the open tab is part of the link"
    assert at.multiselect(key="plan-focus").value == [
        "skill/making-a-process-work",
        "skill/planning",
        "skill/agile-and-lean-practices",
    ], "the three biggest gaps are the focus at first"
    labels = [e.label for e in at.expander]
    assert labels[0].startswith("1. Making a process work")
    assert labels[-1] == "Preview the whole plan"
    assert downloads(at) == PLAN_DOWNLOADS
    assert "### Development plan" not in shown, "the preview is drawn once opened"
    shown = texts(plan_opened(at))
    assert "### Development plan: Associate Project Manager (PO1) → Delivery Manager (PO4)" in shown, (
        "the preview's headings sit under the page's"
    )
    assert (
        "DDaT Capability Framework leaves Practitioner undescribed for this skill; this is the nearest level above "
        "the one held that it describes, Expert." in shown
    )
    # ways to practise, with the rule that chose them said once beside them
    assert "Each is a sentence from the main duties of the Delivery Manager job description" in shown
    assert "(it names: ways of working)" in shown


def test_the_plan_takes_what_is_typed_in_and_keeps_it_in_the_session():
    at = page(PAGE, current=APM, target=DM, tab="development-plan")
    at.multiselect(key="plan-focus").set_value(["skill/planning"]).run()
    at.text_input(key="plan-person").input("Sam Okafor").run()
    at.text_input(key="plan-manager").input("Alex Reid").run()
    assert not at.exception
    labels = [e.label for e in at.expander]
    assert labels[0].startswith("1. Planning")
    assert not [label for label in labels if label.startswith("2.")], "one gap in focus"
    shown = texts(plan_opened(at))
    assert "**Person:** Sam Okafor" in shown
    assert "**Line manager:** Alex Reid" in shown
    assert not at.query_params.get("plan-person"), "nothing typed goes into the link"


def test_the_plan_lists_resources_for_each_focus_skill_and_one_becomes_an_agreed_action():
    """DM → SPM on the council's framework: each focus skill lists resources of the shipped catalogue at the level
    to reach, with a link to the skill's page; "Add as an action" puts one in the plan's actions (the first empty
    row), and in the plan's preview, which is its Markdown file."""
    at = page(PAGE, current=DM, target="senior-product-manager", tab="development-plan")
    assert not at.exception
    assert "**Resources for Practitioner**" not in texts(at), "a gap's detail is drawn once its expander is opened"
    shown = texts(plan_opened(at))
    assert "**Resources for Expert**" in shown, "Product management, needed at Expert"
    assert "**Resources for Practitioner**" in shown
    assert "[Developing a roadmap](https://www.gov.uk/service-manual/agile-delivery/developing-a-roadmap)" in shown
    assert "Open learning for DDaT skills, for Expert. Title and address verified in" in shown
    assert "./skills?skill=product-management" in shown, "the skill's name links to its page"
    adds = [b for b in at.button if b.label == "Add as an action"]
    assert 3 <= len(adds) <= 9, "up to three for each of the three skills in focus"
    adds[0].click().run()
    assert not at.exception
    (action,) = at.session_state["plan_inputs"].agreed_actions()
    assert action.action.startswith("Work through “Developing a roadmap” (guide, GOV.UK Service Manual) for Product")
    assert at.text_input(key="plan-action-1-action").value == action.action, "in the first row, which was empty"
    assert action_rows(at) == [[action.action, "", "", "", "Not started"]]
    assert [b.label for b in at.button if b.key == adds[0].key] == ["In the agreed actions"]
    at.text_input(key="plan-action-1-owner").input("Sam").run()
    assert action_rows(at) == [[action.action, "", "Sam", "", "Not started"]], "then edited as a typed one is"


def action_rows(at) -> list[list[str]]:
    """The agreed actions as the plan's preview lists them (the preview opened first, when it is closed)."""
    if not at.session_state["plan-preview"]:
        at.session_state["plan-preview"] = True
        at.run()
    (preview,) = [m.value for m in at.markdown if "| Action | By when | Owner | Support | Status |" in m.value]
    _, table = preview.split("| Action | By when | Owner | Support | Status |\n|---|---|---|---|---|\n", 1)
    rows = []
    for line in table.splitlines():
        if not line.startswith("|"):
            break
        rows.append([re.sub(r"\\(.)", r"\1", c.strip()) for c in re.split(r"(?<!\\)\|", line)[1:-1]])
    return rows


def test_actions_typed_in_any_order_reach_the_plan_in_the_order_entered():
    """Add, edit another field, add a row, delete a row, edit again: every action typed is there, in order, each
    with its own fields; a new action starts "Not started"; a row with only an owner is kept."""
    import datetime as dt

    at = page(PAGE, current=APM, target=DM, tab="development-plan")
    at.text_input(key="plan-action-1-action").input("Shadow a product manager").run()
    at.text_input(key="plan-action-1-owner").input("Sam").run()
    at.button(key="plan-action-add").click().run()
    at.text_input(key="plan-action-2-action").input("Write a roadmap").run()
    at.date_input(key="plan-action-2-by_when").set_value(dt.date(2027, 1, 29)).run()
    at.button(key="plan-action-add").click().run()
    at.text_input(key="plan-action-3-support").input("Alex to review").run()
    at.button(key="plan-action-2-remove").click().run()
    at.button(key="plan-action-add").click().run()
    at.text_input(key="plan-action-4-action").input("Run a retrospective").run()
    at.selectbox(key="plan-action-4-status").set_value("In progress").run()
    at.text_input(key="plan-action-1-action").input("Shadow a product manager for a sprint").run()
    assert not at.exception
    assert action_rows(at) == [
        ["Shadow a product manager for a sprint", "", "Sam", "", "Not started"],
        ["", "", "", "Alex to review", "Not started"],
        ["Run a retrospective", "", "", "", "In progress"],
    ]
    assert [t.label for t in at.text_input if t.key.endswith("-action")] == ["Action 1", "Action 2", "Action 3"]


def test_refused_input_says_which_field_and_why_and_keeps_what_was_there():
    at = page(PAGE, current=APM, target=DM, tab="development-plan")
    at.text_input(key="plan-action-1-action").input("Lead sprint planning").run()
    at.text_input(key="plan-action-1-action").input("x" * 501).run()
    assert not at.exception
    (error,) = [e.value for e in at.error]
    assert "Action 1: the action is 501 characters long, over the limit of 500" in error
    assert action_rows(at)[0][0] == "Lead sprint planning", "the plan keeps what it had"
    at.text_input(key="plan-person").input("y" * 81).run()
    assert any("Names: the person's name is 81 characters long, over the limit of 80" in e.value for e in at.error)


def test_a_date_in_the_past_is_kept_with_a_warning_and_dates_read_as_in_the_uk():
    import datetime as dt

    at = page(PAGE, current=APM, target=DM, tab="development-plan")
    at.date_input(key="plan-next-check-in").set_value(dt.date(2020, 3, 4)).run()
    assert not at.exception
    assert any("The next check-in is 4 Mar 2020, which is in the past" in w.value for w in at.warning)
    assert "**Next check-in:** 4 Mar 2020" in texts(plan_opened(at))
    assert [d.proto.format for d in at.date_input] == ["DD/MM/YYYY", "DD/MM/YYYY"], "one input format"


def test_the_plan_written_in_stays_for_another_target():
    """Names and actions belong to the conversation: another target keeps them; its focus starts afresh."""
    at = page(PAGE, current=APM, target=DM, tab="development-plan")
    at.text_input(key="plan-person").input("Sam Okafor").run()
    at.text_input(key="plan-action-1-action").input("Shadow a sprint review").run()
    at.selectbox(key="target").set_value("senior-delivery-manager").run()
    assert not at.exception
    shown = texts(plan_opened(at))
    assert "Development plan: Associate Project Manager (PO1) → Senior Delivery Manager" in shown
    assert "**Person:** Sam Okafor" in shown
    assert action_rows(at)[0][0] == "Shadow a sprint review"


def test_the_comparison_is_computed_once_a_run(monkeypatch):
    """The gap and the route check are computed once per run of the page — for two roles once in all (the
    comparison is kept and shared), for a self-assessment once per run (its route check shared). (In the browser
    an edit of the plan reruns its fragment alone, which computes neither.)"""
    import sys

    import framework.plan as plan_module
    import framework.skills as skills_module
    import ui.views.gap  # noqa: F401  (the page's modules, imported before their names are counted)
    from ui.data import load, shipped_frameworks

    calls = {"gap": 0, "route": 0}

    def counted(name, real):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)

        return wrapper

    counted_names = (("skill_gap", "gap", skills_module.skill_gap), ("route_check", "route", plan_module.route_check))
    for module in list(sys.modules.values()):
        for attribute, name, real in counted_names:
            if getattr(module, attribute, None) is real and (module.__name__ or "").startswith(("framework", "ui")):
                monkeypatch.setattr(module, attribute, counted(name, real))
    loaded = load("roles", shipped_frameworks()["roles"])
    monkeypatch.setattr(loaded, "_views", type(loaded._views)())  # nothing kept from an earlier test

    at = page(PAGE, current=APM, target=DM, tab="development-plan")
    assert not at.exception
    assert calls == {"gap": 1, "route": 1}, "two roles: the gap and the route check once"
    at.text_input(key="plan-person").input("Sam Okafor").run()
    at.button(key="plan-action-add").click().run()
    at.selectbox(key="target").set_value("senior-delivery-manager").run()
    assert calls == {"gap": 2, "route": 2}, "a plan's edit computes nothing again; another target, once"

    calls.update(gap=0, route=0)
    mine = page(PAGE, current=APM, target=DM, compare="self", tab="development-plan")
    assert not mine.exception
    assert calls == {"gap": 1, "route": 1}, "a self-assessment: its gap once, and the route check of its role"
    mine.text_input(key="plan-person").input("Sam Okafor").run()  # AppTest reruns the whole page, fragment or not
    assert calls == {"gap": 2, "route": 1}, "each run of the page: the person's gap once, the route check kept"
    edit_levels(mine, {"planning": "Expert"})
    assert calls == {"gap": 3, "route": 1}, "a level changed: the gap again, once; the route check is the role's"


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
    assert "- Budget: none stated for Senior Product Manager" in shown, "what changes, in plain words"


def test_unknown_role_in_the_link_is_named_and_ignored():
    at = page(PAGE, current=APM, target="astronaut")
    assert not at.exception
    assert any("astronaut" in w.value for w in at.warning)
    (info,) = at.info
    assert "Choose a **target role**" in info.value
    assert not metrics(at)


def test_target_without_skill_requirements():
    at = page(PAGE, current=APM, target="head-of-technology", tab="development-plan")
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


def levels_editor(at):
    (editor,) = [e for e in at.data_editor if e.key.startswith("gap_editor_")]
    return editor


def test_self_assessment_starts_from_the_current_role():
    at = page(PAGE, current=APM, target=DM, compare="self", tab="development-plan")
    assert not at.exception
    editor = levels_editor(at)
    assert len(editor.value) == 9
    levels = dict(zip(editor.value.index, editor.value["My level"], strict=True))
    assert levels["planning"] == "Awareness"
    assert levels["making-a-process-work"] == "Working"
    assert metrics(at)["Requirements already met"] == "1 of 9 (11%)"
    assert "My self-assessment → Delivery Manager (PO4)" in texts(at)
    assert downloads(at) == ["Save as YAML", "Save as JSON", *PLAN_DOWNLOADS]
    assert "### Development plan: My self-assessment → Delivery Manager (PO4)" in texts(plan_opened(at))
    assert len(at.data_editor) == 1, "the levels are the one table to edit; actions are fields"


def edit_levels(at, changes: dict[str, str]) -> None:
    """Change cells of the levels table as a click does: its own state holds the edits, its input stays."""
    editor = levels_editor(at)
    rows = {skill: i for i, skill in enumerate(editor.value.index)}
    at.session_state[editor.key] = {
        "edited_rows": {rows[s]: {"My level": level} for s, level in changes.items()},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()


def test_editing_the_self_assessment_changes_the_gap():
    at = page(PAGE, current=APM, target=DM, compare="self")
    edit_levels(at, {"planning": "Expert", "financial-management": "none"})
    assert not at.exception
    levels = at.session_state["gap_assessment"].levels
    assert levels["planning"] == "expert"
    assert "financial-management" not in levels
    assert metrics(at)["Requirements already met"] == "2 of 9 (22%)"
    assert "- Planning: Expert held, Practitioner needed" in texts(at)


def test_the_levels_table_keeps_its_edits_when_the_list_of_skills_changes():
    """Edits are read from the table's own state, over an input that stays as it was: another target (another
    list of skills) makes a new table from the assessment, so an edit never lands on another skill's row."""
    at = page(PAGE, current=APM, target=DM, compare="self")
    edit_levels(at, {"planning": "Expert"})
    at.selectbox(key="target").set_value("senior-product-manager").run()
    assert not at.exception
    editor = levels_editor(at)
    levels = dict(zip(editor.value.index, editor.value["My level"], strict=True))
    assert levels["planning"] == "Expert"
    assert levels["product-management"] == "none"
    assert at.session_state["gap_assessment"].levels["planning"] == "expert"


def test_loading_a_saved_profile_replaces_the_assessment():
    at = page(PAGE, current=APM, target=DM, compare="self")
    profile = Profile(
        framework="council-digital", label="Mine", skills={"planning": "expert", "prototyping": "working"}
    )
    at.file_uploader[0].set_value(("mine.yaml", dump_profile(profile).encode(), "application/yaml")).run()
    assert not at.exception
    assert any("Loaded mine.yaml" in s.value.replace("\\", "") for s in at.success)
    assert dict(at.session_state["gap_assessment"].levels) == {"planning": "expert", "prototyping": "working"}
    assert metrics(at)["Requirements already met"] == "1 of 9 (11%)"  # planning met; commercial no longer held
    assert "prototyping" in list(levels_editor(at).value.index)


def test_a_bad_profile_is_explained_and_the_assessment_kept():
    at = page(PAGE, current=APM, target=DM, compare="self")
    before = dict(at.session_state["gap_assessment"].levels)
    bad = b"profile_version: 1\nframework: council-digital\nskills:\n  planing: expert\n  planning: guru\n"
    at.file_uploader[0].set_value(("bad.yaml", bad, "application/yaml")).run()
    assert not at.exception
    assert "assessment is unchanged" in at.error[0].value
    problems = at.code[0].value
    assert "bad.yaml:4:3: skills.planing: unknown skill 'planing' (did you mean 'planning'?)" in problems
    assert "bad.yaml:5:3: skills.planning: unknown skill level 'guru'" in problems
    assert dict(at.session_state["gap_assessment"].levels) == before
    assert metrics(at)["Requirements already met"] == "1 of 9 (11%)"


def test_a_profile_of_another_framework_is_refused():
    at = page(PAGE, current=APM, target=DM, compare="self")
    other = dump_profile(Profile(framework="ddat", skills={"planning": "expert"})).encode()
    at.file_uploader[0].set_value(("other.yaml", other, "application/yaml")).run()
    assert not at.exception
    assert "the profile is for framework 'ddat'" in at.code[0].value


# --------------------------------------------------------------------------- the chart


def _chart(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # well-formed XML: a name left unescaped fails here


def test_radar_compares_held_and_needed_levels(council):
    gap = skill_gap(council, APM, DM)
    root = _chart(radar_svg(council, gap, current_label="APM <b>", target_label="DM & co", summary="In words."))
    outlines = [p for p in root.iter(f"{SVG}polygon") if p.get("stroke") in (TARGET_COLOUR, CURRENT_COLOUR)]
    need, now = outlines
    assert (need.get("stroke"), now.get("stroke")) == (TARGET_COLOUR, CURRENT_COLOUR)
    assert need.get("stroke-dasharray") is None
    assert now.get("stroke-dasharray"), "held is dashed, needed solid: told apart without colour"
    assert len(need.get("points").split()) == len(now.get("points").split()) == len(gap.rows)
    labels = ["".join(t.itertext()) for t in root.iter(f"{SVG}title")]
    assert labels[0] == f"{gap.rows[0].name}\nNeeded: Expert"
    assert "Making a process work\nNow: Working" in labels
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert "Needed: DM & co" in texts
    assert "Now: APM <b>" in texts, "names are shown as written, never read as markup"
    levels = ["none", "Awareness", "Working", "Practitioner", "Expert"]
    assert [t for t in texts if t in levels] == levels
    assert root.get("aria-label").endswith("In words.")
    rings = [p for p in root.iter(f"{SVG}polygon") if p.get("stroke") not in (TARGET_COLOUR, CURRENT_COLOUR)]
    assert len(rings) == 4, "a ring of the scale for each level above none"


def test_radar_escapes_names_and_falls_back_to_bars_for_few_skills():
    tiny = load_framework_text(TINY, name="tiny.yaml")
    gap = skill_gap(tiny, "junior", "senior")
    root = _chart(radar_svg(tiny, gap, current_label="J", target_label="S"))
    bars = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(bars) == 2 * len(gap.rows)
    assert bars[0].get("fill") == TARGET_COLOUR
    assert bars[1].get("fill").startswith("url(#"), "held is hatched, needed solid"
    names = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert "<script>alert(1)</script>" in names
    assert not list(root.iter(f"{SVG}script"))


def test_no_chart_for_a_role_without_requirements(council):
    gap = skill_gap(council, APM, "head-of-technology")
    assert radar_svg(council, gap, current_label="a", target_label="b") is None


def test_the_plan_reopened_is_drawn_with_what_its_fields_held():
    """The plan is drawn only while its tab is open. Reopened, each field is sent with what it held (a value the
    browser must show), not drawn empty for the browser to send back: what was typed before another tab was
    chosen stays. Only that run sends values: sent on every run, they would overwrite a field being typed in."""
    at = page(PAGE, current=APM, target=DM, tab="development-plan")
    at.text_input(key="plan-person").input("Sam Okafor").run()
    at.text_input(key="plan-action-1-action").input("Shadow a sprint review").run()
    assert not at.text_input(key="plan-person").proto.set_value, "a field typed in is not sent its value back"
    at.session_state["gap-tab"] = CHANGES
    at.run()
    assert "plan-person" not in [w.key for w in at.text_input], "the plan is not drawn while its tab is closed"
    at.session_state["gap-tab"] = PLAN
    at.run()
    for key, typed in (("plan-person", "Sam Okafor"), ("plan-action-1-action", "Shadow a sprint review")):
        field = at.text_input(key=key)
        assert (field.proto.value, field.proto.set_value) == (typed, True), key
    at.text_input(key="plan-manager").input("Alex Reid").run()
    assert not at.text_input(key="plan-person").proto.set_value, "and in the runs after it, no field is sent again"
    assert "**Person:** Sam Okafor" in texts(plan_opened(at))
