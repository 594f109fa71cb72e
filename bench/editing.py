"""Editing at the speed of an empty app: the development record's level choices and the plan's names and actions.

A person filling in a check-in clicks a level for each skill in each voice (Myself, Line manager, Agreed
outcome); a line manager writing a plan types names and actions. Each of those edits is measured in Chromium
(:func:`run`, called by ``bench/browser.py``) on our app and on its **twin**: an empty Streamlit app with the
same pages, sidebar and widgets in the same structure — the same fragments and forms, expanders, tabs, labels,
options and texts of the same length — and no work behind them: a choice is kept in the session and drawn
again, nothing more. The twin's pages are written from the real page's content for the same roles
(:func:`content`: the skills and their choices, the criteria, the plan's focus and its texts), so what a page of
ours costs beyond the twin is what its own code does on each edit. The two apps are measured alternately, as the
pages are.

The edits (:data:`EDITS`), each from the input that commits it to the page settled:

* **the record**: a level clicked for a skill, as Myself, as Line manager and as the Agreed outcome (the voice
  is chosen first, not timed);
* **the plan**: a name typed (Enter), an action's text typed (Enter) and another field of the action (its
  owner) typed (Enter).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from .empty_app import PAGE_FOLDER, write_empty_app

__all__ = ["EDITS", "Edit", "content", "write_twin_app"]


@dataclass(frozen=True)
class Edit:
    page: str  # the page's URL path
    what: str  # how the report names it


EDITS = (
    Edit("record", "a level chosen as Myself"),
    Edit("record", "a level chosen as Line manager"),
    Edit("record", "a level chosen as Agreed outcome"),
    Edit("gap", "a name typed"),
    Edit("gap", "an action typed and committed"),
    Edit("gap", "another field of the action edited"),
)
VOICES = ("Myself", "Line manager", "Agreed outcome")


# --------------------------------------------------------------------------- the real pages' content


def _table_markdown(columns: list[str], rows: list[list]) -> str:
    def cell(value) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(map(cell, columns)) + " |", "|" + "---|" * len(columns)]
    return "\n".join(lines + ["| " + " | ".join(map(cell, row)) + " |" for row in rows])


def content(framework, graph, current: str, target: str) -> dict:
    """What the record and plan pages show for a record of ``current`` aiming at ``target`` and the plan between
    them: labels, options and texts (the framework's, never a person's), for the twin to draw."""
    import datetime

    from framework.learning import merge_catalogues
    from framework.plan import ACTION_STATUSES as PLAN_STATUSES
    from framework.plan import plan_from, resource_action, with_learning
    from framework.planfiles import focus_markdown, plan_markdown, resources_heading
    from framework.record import ACTION_STATUSES, new_record
    from framework.views.gap import gap_page
    from framework.views.record import RATING_CHOICES, criteria, skill_scales
    from ui.learning import shipped_catalogues
    from ui.radar_svg import radar_svg
    from ui.resources import resource_markdown
    from ui.svg_picture import SCRIPT, STYLE

    titles = [role.title for role in framework.roles]
    started = new_record(framework, current, target=target, date=datetime.date.today()).latest
    scales = skill_scales(framework, graph, current, target)
    rated = criteria(framework, graph, target)
    page = gap_page(framework, graph, current, target)
    shipped, _ = shipped_catalogues()  # the page's library when no catalogue is added: the shipped ones in use
    library = merge_catalogues(shipped=[c for c in shipped if framework.id in c.frameworks])
    basis, view = with_learning(page.plan, framework, library), page.view
    plan = plan_from(basis, date=datetime.date.today())
    radar = radar_svg(
        framework, view.gap, current_label=view.current_label, target_label=view.target_label, summary=view.summary
    )
    return {
        "roles": titles,
        "current": framework.roles_by_id[current].title,
        "target": framework.roles_by_id[target].title,
        "record": {
            "skills": [{"id": s.skill, "label": s.label, "choices": dict(s.choices)} for s in scales],
            "criteria": [{"area": c.area, "text": c.text} for c in rated],
            "ratings": dict(RATING_CHOICES),
            "levels": {  # as a new record starts: the person's own levels are the current role's
                f"{voice}/{skill}": rating.level(voice)
                for skill, rating in started.skills.items()
                for voice in ("self", "manager", "agreed")
                if rating.level(voice)
            },
            "statuses": list(ACTION_STATUSES.values()),
        },
        "plan": {
            "heading": f"## {view.current_label} → {view.target_label}\n\n{view.summary}",
            "changes": "\n\n".join(["### What changes", *(f"- {line}" for line in basis.changes.said)]),
            "table": _table_markdown([str(c) for c in view.table.columns], view.table.astype(str).values.tolist()),
            "radar": radar,
            "picture": {"js": SCRIPT, "css": STYLE},  # the page's own picture component, to draw it the same way
            "candidates": {item.key: f"{item.name} ({item.now} → {item.needed})" for item in basis.candidates},
            "focus": list(basis.default_focus),
            "skills_page": f"{PAGE_FOLDER}/skills.py",
            "skill_links": [framework.skills_by_id[row.skill].name for row in view.gap.rows],
            "attribution": framework.attribution,
            "details": [
                {
                    "label": f"{n}. {item.name} — {item.now} → {item.needed}",
                    "link": f"{item.name} on the Skills page: every level, who needs it, how to learn it"
                    if item.skill
                    else None,
                    "text": focus_markdown(item, steps=item.looks_like[-1:], resources=False),
                    "before": ", ".join(step.level for step in item.looks_like[:-1]),
                    "heading": resources_heading(item),
                    "resources": [
                        {
                            "text": resource_markdown(r.resource, found=r.found, bullet=False),
                            "action": resource_action(r, f"{item.name}, to {item.needed}"),
                        }
                        for r in item.resources
                    ],
                }
                for n, item in enumerate(plan.focus, 1)
            ],
            "catalogues": basis.catalogues if any(item.resources for item in plan.focus) else None,
            "others": [f"- {item.name} ({item.now} → {item.needed})" for item in plan.others],
            "preview": plan_markdown(plan),
            "statuses": list(PLAN_STATUSES),
        },
    }


# --------------------------------------------------------------------------- the twin's pages

RECORD = '''\
"""The twin of the Development record page: its widgets in the same structure, and nothing behind them."""

import json
from pathlib import Path

import streamlit as st

C = json.loads((Path(__file__).parent / "content.json").read_text(encoding="utf-8"))
R = C["record"]
VOICES = {"self": "Myself", "manager": "Line manager", "agreed": "Agreed outcome"}
COPIES = {"manager": (("self", "Same as the person's own levels"),),
          "agreed": (("manager", "Agree with the line manager's levels"),
                     ("self", "Agree with the person's own levels")),
          "self": ()}
ss = st.session_state
levels = ss.setdefault("twin-levels", dict(R["levels"]))  # "voice/skill" -> choice


def keep(voice, skill, key):
    levels[f"{voice}/{skill}"] = ss[key]


def level(voice, skill):
    return skill["choices"].get(levels[f"{voice}/{skill['id']}"], "")


def copy(source, into):
    for s in R["skills"]:
        if f"{source}/{s['id']}" in levels:
            levels[f"{into}/{s['id']}"] = levels[f"{source}/{s['id']}"]


@st.fragment
def ratings():
    voice = st.radio("Rating as", list(VOICES), format_func=VOICES.get, horizontal=True, key="record_voice",
                     help="The person rates their own levels, the line manager adds theirs, and the agreed level is "
                     "the one you settle on together.")
    if COPIES[voice]:
        with st.container(horizontal=True):
            for source, label in COPIES[voice]:
                st.button(label, key=f"rec-copy-{source}-{voice}", on_click=copy, args=(source, voice),
                          icon=":material/content_copy:", help=f"Every level given as {VOICES[source].lower()}.")
    st.subheader("Skill levels")
    st.markdown(f"Rating as **{VOICES[voice]}**: one click a skill. “Not observed yet” says there is no evidence "
                "either way. Under each skill, what each level says and what the next level up looks like.")
    for s in R["skills"]:
        options = list(s["choices"])
        given = {v: levels.get(f"{v}/{s['id']}") for v in VOICES}
        key = f"levels-{voice}-{s['id']}"
        st.radio(s["label"], options, index=options.index(given[voice] or ""), format_func=s["choices"].get,
                 horizontal=True, key=key, on_change=keep, args=(voice, s["id"], key))
        others = [f"{VOICES[v]}: {s['choices'].get(lv, lv)}" for v, lv in given.items() if v != voice and lv]
        with st.container(horizontal=True, vertical_alignment="center"):
            st.caption(" · ".join(others) if others else "", width="stretch")
            words = st.popover("What each level says", type="tertiary", icon=":material/menu_book:",
                               key=f"words-{s['id']}", on_change="rerun")
            if words.open:
                words.markdown("The words of each level.")
    if R["criteria"]:
        st.subheader("Criteria")
        st.markdown(f"The criteria of {C['target']}, each whole: met, partly, not yet or not observed yet, rating as "
                    f"**{VOICES[voice]}**. Each area folds.")
        areas = {}
        for c in R["criteria"]:
            areas.setdefault(c["area"], []).append(c)
        for number, (area, items) in enumerate(areas.items()):
            key = f"area-{number}"
            if len(areas) == 1 and key not in ss:
                ss[key] = True
            section = st.expander(f"{area} — 0 of {len(items)} rated", key=key, on_change="rerun")
            if section.open:
                with section:
                    for i, c in enumerate(items):
                        st.radio(c["text"], list(R["ratings"]), format_func=R["ratings"].get, horizontal=True,
                                 key=f"x-{voice}-{number}-{i}")
    apart = [s for s in R["skills"] if levels.get(f"self/{s['id']}") and levels.get(f"manager/{s['id']}")
             and levels[f"self/{s['id']}"] != levels[f"manager/{s['id']}"]]
    if any(k.startswith("manager/") for k in levels):
        st.subheader("Where your own level and your manager's differ")
        with st.container(key="stacked-differences"):
            st.html("<style>@media (max-width: 640px) { .st-key-stacked-differences td::before { content: ''; } }"
                    "</style>")
            rows = "\\n".join(f"| {s['label']} | {level('self', s)} | {level('manager', s)} | 1 level apart |"
                             for s in apart)
            st.markdown(f"{len(apart)} skills rated a level or more apart: worth talking through.\\n\\n"
                        "| Skill | Own level | Line manager's level | Apart |\\n|---|---|---|---|\\n" + rows)


@st.fragment
def evidence():
    st.markdown("What shows a level or a criterion: what happened, and a link to it (https://…), or either.")
    st.markdown("*No evidence in this check-in yet.*")
    with st.form("evidence-add", enter_to_submit=False):
        st.markdown("**Add evidence**")
        about = [f"Skill: {s['label']}" for s in R["skills"]] + [f"Criterion ({c['area']}): {c['text']}"
                                                                   for c in R["criteria"]]
        st.selectbox("About", about, index=None, key="ev-about", placeholder="Choose a skill or a criterion")
        st.text_area("Note", key="ev-text", max_chars=5000, height=80)
        st.text_input("Link (https://…)", key="ev-link", max_chars=2000)
        st.form_submit_button("Add the evidence", icon=":material/add_notes:")


@st.fragment
def actions():
    st.markdown("*No agreed actions in this check-in yet.*")
    with st.form("actions-add", enter_to_submit=False):
        st.markdown("**Add an action**")
        st.text_input("Action", key="a-text", max_chars=300)
        with st.container(horizontal=True):
            st.date_input("By when", value=None, key="a-by", format="DD/MM/YYYY")
            st.text_input("Owner", key="a-owner", max_chars=80)
            st.selectbox("Status", R["statuses"], key="a-status")
        st.text_input("Support (what help is needed, from whom)", key="a-support", max_chars=300)
        st.form_submit_button("Add the action", icon=":material/add_task:")
    section = st.expander("Ways to learn, skill by skill", key="record-learn-open", on_change="rerun",
                          icon=":material/school:")
    if section.open:
        section.markdown("Ways to learn each skill.")


st.title("Development record")
st.markdown("A record of development conversations over months: at each check-in, your own level in each skill, "
            "your line manager's and the level you agree, with evidence, agreed actions and notes. Start from your "
            "role or load your saved record; save it at the end and bring it to the next conversation.")
st.info("Your record stays in this browser tab and in the files you save: nothing is kept on the server. "
        "Save it before you close the tab.", icon=":material/lock:")
with st.expander("Start another record, or load a saved one", expanded=False):
    st.markdown("**Start from a role.** Your levels start from the role's; change them to your own.")
    with st.container(horizontal=True):
        st.selectbox("Current role", C["roles"], index=None, key="record_current", placeholder="Choose a role")
        st.selectbox("Target role (optional)", C["roles"], index=None, key="record_target",
                     placeholder="Choose a role")
        st.text_input("Name (optional, kept in the file)", key="record_start_name", max_chars=80)
    st.button("Start a new record", icon=":material/note_add:", help="Replaces the record shown below: save it first.")
    st.file_uploader("Load a saved development record (or a saved self-assessment)", type=["yaml", "yml", "json"],
                     key="record_upload", max_upload_size=1, help="A file saved from this page (YAML or JSON).")
st.header("The record")
st.markdown(f"**Framework:** Council · **Current role:** {C['current']} · **Target role:** {C['target']}")
st.text_input("Name on the record (optional, kept in the file)", key="record-person", max_chars=80)
with st.container(horizontal=True, vertical_alignment="bottom"):
    st.selectbox("Check-in", [0], format_func=lambda i: "Check-in 1 (today)", key="record-check-in",
                 help="Each check-in is one conversation.")
    st.date_input("Date of a new check-in", value=None, key="record-new-date", format="DD/MM/YYYY",
                  help="Today when left empty.")
    st.button("Add a new check-in", icon=":material/add:", help="It starts from the latest check-in's levels.")
st.date_input("Next check-in (planned)", value=None, key="record-next", format="DD/MM/YYYY",
              help="When the next conversation is planned.")
with st.expander("Levels and criteria", expanded=True, icon=":material/star_half:"):
    ratings()
with st.expander("Evidence", expanded=True, icon=":material/description:"):
    evidence()
with st.expander("Agreed actions", expanded=True, icon=":material/task_alt:"):
    actions()
with st.expander("Notes of this check-in", expanded=False, icon=":material/edit_note:"):
    st.text_area("Notes of this check-in", key="record-notes", max_chars=20000, label_visibility="collapsed")
st.subheader("Save the record")
st.markdown("Save the file and keep it: load it here next time, or on the Skill gap page for the plan.")
buttons = st.container(horizontal=True)
for label, name in (("Save as YAML", "record.yaml"), ("Save as JSON", "record.json")):
    buttons.download_button(label, lambda: b"", file_name=name, mime="application/octet-stream",
                            icon=":material/download:", on_click="ignore")
'''

PLAN = '''\
"""The twin of the Skill gap page with its plan: its widgets in the same structure, and nothing behind them."""

import datetime
import json
from pathlib import Path

import streamlit as st

C = json.loads((Path(__file__).parent / "content.json").read_text(encoding="utf-8"))
P = C["plan"]
DATES = {"format": "DD/MM/YYYY", "min_value": datetime.date(2000, 1, 1), "max_value": datetime.date(2099, 12, 31)}
FIELDS = ("action", "by_when", "owner", "support", "status")
ss = st.session_state
drafts = ss.setdefault("twin-actions", [1])  # as the page: one empty action to start with


def key(draft, field):
    return f"plan-action-{draft}-{field}"


def add():
    drafts.append(max(drafts, default=0) + 1)


def remove(draft):
    drafts.remove(draft)


@st.fragment
def plan_tab():
    st.markdown("### The plan for the development conversation\\n\\nChoose a focus, then agree actions and the date "
                "of the next check-in. Names, dates and actions stay in this browser tab and in the files you "
                "download: nothing is kept on the server.")
    ss.setdefault("plan-focus", P["focus"])
    st.multiselect("Focus for this plan", list(P["candidates"]), key="plan-focus", format_func=P["candidates"].get,
                   placeholder="Choose the gaps to work on", help="The three biggest gaps are chosen at first.")
    with st.container(horizontal=True):
        st.text_input("Person (optional)", key="plan-person")
        st.text_input("Line manager (optional)", key="plan-manager")
        st.date_input("Next check-in", key="plan-next-check-in", value=None, **DATES)
    st.markdown("**Agreed actions**")
    for number, draft in enumerate(drafts, 1):
        with st.container(key=f"plan-action-{draft}", border=True):
            with st.container(horizontal=True, vertical_alignment="bottom"):
                st.text_input(f"Action {number}", key=key(draft, "action"), placeholder="What will be done")
                st.date_input(f"Action {number}: by when", key=key(draft, "by_when"), value=None, width=170, **DATES)
                st.selectbox(f"Action {number}: status", P["statuses"], key=key(draft, "status"), width=170)
            with st.container(horizontal=True, vertical_alignment="bottom"):
                st.text_input(f"Action {number}: owner", key=key(draft, "owner"), placeholder="Who")
                st.text_input(f"Action {number}: support", key=key(draft, "support"),
                              placeholder="What help, from whom")
                st.button(f"Remove action {number}", key=f"plan-action-{draft}-remove", on_click=remove,
                          args=(draft,), icon=":material/delete:")
    st.button("Add an action", key="plan-action-add", on_click=add, icon=":material/add:")
    buttons = st.container(horizontal=True)
    for label, name in (("Download the plan (PDF, to print)", "plan.pdf"), ("Download the plan (Markdown)", "plan.md"),
                        ("Download the plan (CSV, for a spreadsheet)", "plan.csv")):
        buttons.download_button(label, lambda: b"", file_name=name, mime="application/octet-stream",
                                icon=":material/download:", on_click="ignore")
    st.markdown("#### The focus in detail")
    for number, item in enumerate(P["details"], 1):
        if number == 1 and f"detail-{number}" not in ss:
            ss[f"detail-{number}"] = True
        detail = st.expander(item["label"], key=f"detail-{number}", on_change="rerun")
        if not detail.open:
            continue
        with detail:
            if item["link"]:
                st.page_link(P["skills_page"], label=item["link"], icon=":material/school:")
            st.markdown(item["text"])
            if item["before"]:
                st.caption(f"On the way: {item['before']}. The plan's Markdown file describes each of these "
                           "levels too.")
            if item["resources"]:
                st.markdown(f"**{item['heading']}**")
            for i, resource in enumerate(item["resources"]):
                with st.container(key=f"learn-{number}-{i}", horizontal=True, vertical_alignment="center"):
                    st.markdown(resource["text"], width="stretch")
                    st.button("Add as an action", key=f"learn-{number}-{i}-add", on_click=add,
                              icon=":material/add_task:", help=f"Adds it to the agreed actions, as: "
                              f"{resource['action']}")
    if P["others"]:
        others = st.expander(f"Other gaps, for a later plan ({len(P['others'])})", key="others", on_change="rerun")
        if others.open:
            others.markdown("\\n".join(P["others"]))
    if P["catalogues"]:
        st.caption(f"Learning resources: {P['catalogues']}")
    preview = st.expander("Preview the whole plan", key="preview", on_change="rerun")
    if preview.open:
        preview.markdown("\\n".join("##" + line if line.startswith("#") else line
                                     for line in P["preview"].splitlines()))


st.title("Skill gap and development plan")
st.markdown("What it takes to move from one role to another: what changes at the target role, the skills it needs "
            "and the level needed in each, and how far the current role — or your own assessment of your skills — "
            "is from it. Line managers can choose a focus, agree actions and dates, and print the plan for the 1:1.")
st.radio("Compare from", ["A role", "My self-assessment"], horizontal=True, key="compare",
         help="A role's required skill levels, or your own assessment of the levels you hold.")
with st.container(horizontal=True):
    st.selectbox("Current role", C["roles"], index=C["roles"].index(C["current"]), key="current",
                 help="The role held now.")
    st.selectbox("Target role", C["roles"], index=C["roles"].index(C["target"]), key="target",
                 help="The role to aim for.")
st.markdown(P["heading"] + "\\n\\nThe plan to take into the development conversation is on the "
            "**Development plan** tab.")
labels = ["What changes", "Skill by skill", "At a glance", "Development plan"]
tabs = dict(zip(labels, st.tabs(labels, default="Development plan", key="gap-tab", on_change="rerun")))
with tabs["What changes"]:
    st.markdown(P["changes"])
with tabs["Skill by skill"]:
    with st.container(key="stacked-gap"):
        st.html("<style>@media (max-width: 640px) { .st-key-stacked-gap td::before { content: ''; } }</style>")
        st.markdown("### Skill by skill\\n\\nBiggest gaps first.\\n\\n" + P["table"])
    st.markdown("**Each skill's own page:** what every level looks like, the roles that need it, how to learn it.")
    with st.container(horizontal=True, gap="small", key="gap-skill-links"):
        for name in P["skill_links"]:
            st.page_link(P["skills_page"], label=name, icon=":material/school:")
with tabs["At a glance"]:
    chart, side = st.columns([3, 2], gap="large")
    if P["radar"]:
        picture = st.components.v2.component("svg_picture", js=P["picture"]["js"], css=P["picture"]["css"])
        with chart:
            picture(data={"svg": P["radar"], "clickable": False}, key="gap-radar", on_picked_change=lambda: None)
    side.markdown("### Reading the chart\\n\\nEach spoke is a skill the target role needs.")
with tabs["Development plan"]:
    plan_tab()
if P["attribution"]:
    st.caption(P["attribution"])
'''


def write_twin_app(folder: Path, interactions: dict, page_content: dict) -> Path:
    """The empty app (``bench/empty_app.py``) in ``folder``, with the record and gap pages replaced by their
    twins and ``page_content`` (:func:`content`) beside them; returns its ``app.py``."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    app = write_empty_app(folder, interactions)
    pages = folder / PAGE_FOLDER
    (pages / "content.json").write_text(json.dumps(page_content, ensure_ascii=False), encoding="utf-8")
    (pages / "record.py").write_text(RECORD, encoding="utf-8")
    (pages / "gap.py").write_text(PLAN, encoding="utf-8")
    return app
