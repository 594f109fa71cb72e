"""Development record: a person's levels over time, in their own words and their line manager's.

The person starts a record from a role (or loads their saved file), rates themselves with each level's
descriptor in view, adds evidence and saves the file; their manager loads it, adds their levels, the agreed
outcome, actions and notes, and saves it again; next time either adds a new check-in. Where the two see a
skill a level or more apart it is shown, and with two check-ins or more, how the levels moved.

The record lives in this browser session (``st.session_state``, see :mod:`ui.record_state`) and in the files
saved from it: never in a cache other sessions share, never on disk or in logs.
"""

from __future__ import annotations

import datetime
import html
import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pydantic import ValidationError

from framework import FrameworkError
from framework.gaptext import descriptor_markdown
from framework.progress import Progress, check_in_label, differences, progress
from framework.record import (
    ACTION_STATUSES,
    AGREED,
    EXPECTATION_RATINGS,
    MANAGER,
    SELF,
    AgreedAction,
    CheckIn,
    DevelopmentRecord,
    Evidence,
    ExpectationRating,
    SkillRating,
    add_check_in,
    dump_record,
    load_record,
    new_record,
    record_file_stem,
)
from framework.views.record import RecordEditor, record_editor
from ui import downloads, record_state, render, state
from ui.render import md

VOICES = {SELF: "Myself", MANAGER: "Line manager", AGREED: "Agreed outcome"}
FIELDS = {SELF: "own", MANAGER: "manager", AGREED: "agreed"}  # the editor row's attribute of each voice
MODEL_FIELDS = {SELF: "self_level", MANAGER: "manager", AGREED: "agreed"}
VERSION = "record_widgets"  # a new number after a load, a new record or a new check-in: widgets start afresh
UPLOAD_DONE = "record_upload_done"
VOICE = "record_voice"
ADDED = "record_added"  # an action or evidence added through its form in this run: the tables start afresh
START_CURRENT, START_TARGET, START_NAME = "record_current", "record_target", "record_start_name"
LINK = re.compile(r"^https?://\S+$")
#: Okabe–Ito colours, safe for the common colour-vision deficiencies; lines differ in dash and marker too.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442")
SYMBOLS = ("circle", "diamond", "square", "triangle-up", "x", "star", "cross", "triangle-down")
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
RATING_OPTIONS = list(EXPECTATION_RATINGS.values())
RATING_IDS = {label: rating for rating, label in EXPECTATION_RATINGS.items()}
STATUS_IDS = {label: status for status, label in ACTION_STATUSES.items()}


def main() -> None:
    loaded = state.framework()
    fw = loaded.framework
    st.title("Development record")
    st.markdown(
        "A record of development conversations over months: at each check-in, your own level in each skill, "
        "your line manager's and the level you agree, with evidence, agreed actions and notes. Start from your "
        "role or load your saved record; save it at the end and bring it to the next conversation."
    )
    st.info(
        "Your record stays in this browser tab and in the files you save: nothing is kept on the server. "
        "Save it before you close the tab.",
        icon=":material/lock:",
    )
    if not fw.skills and not fw.roles:
        st.info(f"{md(fw.name)} has no roles or skills to record. Choose another framework in the sidebar.")
        st.stop()
    with st.expander("Start a new record, or load a saved one", expanded=record_state.get(fw) is None):
        _start(loaded)
        _load(fw)
    record = record_state.get(fw)
    if record is None:
        st.stop()
    edit(loaded, record)


# --------------------------------------------------------------------------- starting and loading


def _bump() -> None:
    st.session_state[VERSION] = st.session_state.get(VERSION, 0) + 1


def _start_new(fw) -> None:
    ss = st.session_state
    current, target = ss.get(START_CURRENT), ss.get(START_TARGET)
    if current not in fw.roles_by_id:
        return
    record = new_record(
        fw,
        current,
        target=target if target in fw.roles_by_id else None,
        person=(ss.get(START_NAME) or "").strip() or None,
        date=datetime.date.today(),
    )
    record_state.put(record, fw, source=None, warnings=[])
    _bump()


def _start(loaded) -> None:
    fw = loaded.framework
    st.markdown("**Start from a role.** Your levels start from the role's; change them to your own.")
    # Not bound to the link, as the Skill gap page's roles are: a link never carries a person's own choices.
    every, namer = state.role_ids(loaded), state.role_namer(loaded)
    mine = state.my_role_id(loaded)
    if START_CURRENT not in st.session_state and mine in every:
        st.session_state[START_CURRENT] = mine
    with st.container(horizontal=True):
        for key, label in ((START_CURRENT, "Current role"), (START_TARGET, "Target role (optional)")):
            # a framework of thousands of roles asks for the discipline first
            roles = state.narrowed_roles(loaded, label, key=key, options=every)
            if st.session_state.get(key) not in (None, *roles):
                del st.session_state[key]  # a role of another framework, or of another discipline
            st.selectbox(label, roles, index=None, key=key, format_func=namer, placeholder="Choose a role")
        st.text_input("Name (optional, kept in the file)", key=START_NAME, max_chars=80)
    ready = st.session_state.get(START_CURRENT) in fw.roles_by_id
    st.button(
        "Start a new record",
        on_click=_start_new,
        args=(fw,),
        disabled=not ready,
        icon=":material/note_add:",
        help="Choose the current role first." if not ready else "Replaces the record shown below: save it first.",
    )


def _load(fw) -> None:
    upload = st.file_uploader(
        "Load a saved development record (or a saved self-assessment)",
        type=["yaml", "yml", "json"],
        key="record_upload",
        max_upload_size=1,
        help="A file saved from this page or from the Skill gap page (YAML or JSON).",
    )
    if upload is None or st.session_state.get(UPLOAD_DONE) == upload.file_id:
        return
    st.session_state[UPLOAD_DONE] = upload.file_id
    try:
        record, warnings = load_record(upload.getvalue(), name=upload.name, framework=fw)
    except FrameworkError as error:
        render.unusable_file(upload.name, error, kept="nothing was changed")
        return
    record_state.put(record, fw, source=upload.name, warnings=[str(w) for w in warnings])
    _bump()
    checks = len(record.check_ins)
    st.success(
        f"Loaded {md(upload.name)}: {checks} check-in{'s' * (checks != 1)}"
        + (f", {len(warnings)} warning{'s' * (len(warnings) != 1)} (below)." if warnings else "."),
        icon=":material/check_circle:",
    )


# --------------------------------------------------------------------------- editing a check-in


def _add_check_in(fw, key: str) -> None:
    record = record_state.get(fw)
    when = st.session_state.get(key) or datetime.date.today()
    if record is not None:
        record_state.put(add_check_in(record, when), fw)
        _bump()


def _editor_base(key: str, build) -> pd.DataFrame:
    """The table a data editor starts from: made afresh from the record when the editor is new (or was not on
    the page in the last run), and kept while it is — the editor keeps its edits relative to it."""
    base_key = key + "-base"
    if key not in st.session_state or base_key not in st.session_state:
        st.session_state[base_key] = build()
    return st.session_state[base_key]


def edit(loaded, record: DevelopmentRecord) -> None:
    """The record: its facts, one check-in to rate, differences, progress, and saving."""
    fw = loaded.framework
    saved = record_state.details()
    v = st.session_state.get(VERSION, 0)
    st.header(f"Record of {md(record.person)}" if record.person else "The record")
    roles = fw.roles_by_id
    current = roles[record.current_role].title if record.current_role in roles else record.current_role
    target = roles[record.target_role].title if record.target_role in roles else record.target_role
    facts = [f"**Framework:** {md(record.framework.name or record.framework.id)}"]
    facts.append(f"**Current role:** {md(current or 'not stated')}")
    facts.append(f"**Target role:** {md(target or 'not stated')}")
    if saved.get("source"):
        facts.append(f"**Loaded from:** {md(saved['source'])}")
    st.markdown(" · ".join(facts))
    if saved.get("warnings"):
        st.warning(
            f"The record was loaded with {len(saved['warnings'])} warning{'s' * (len(saved['warnings']) != 1)}. "
            "What the framework does not know is kept in the record and saved with it:",
            icon=":material/warning:",
        )
        st.code("\n".join(saved["warnings"]), language=None)
    person = st.text_input("Name (optional, kept in the file)", value=record.person or "", key=f"rec-person-{v}")
    labels = [check_in_label(c, i) for i, c in enumerate(record.check_ins, 1)]
    with st.container(horizontal=True, vertical_alignment="bottom"):
        chosen = st.selectbox(
            "Check-in",
            list(range(len(labels))),
            index=len(labels) - 1,
            format_func=labels.__getitem__,
            key=f"rec-check-in-{v}",
            help="Each check-in is one conversation. The latest is what the gap and the plan use.",
        )
        date_key = f"rec-new-date-{v}"
        st.date_input(
            "Date of a new check-in", value=None, key=date_key, format="YYYY-MM-DD", help="Today when left empty."
        )
        st.button(
            "Add a new check-in",
            on_click=_add_check_in,
            args=(fw, date_key),
            icon=":material/add:",
            help="It starts from the latest check-in's levels and its actions not yet done.",
        )
    voice = st.radio(
        "Rating as",
        list(VOICES),
        format_func=VOICES.get,
        horizontal=True,
        key=VOICE,
        help="The person rates their own levels, the line manager adds theirs, and the agreed level is the one "
        "you settle on together. The gap and the plan use the agreed level, else the manager's, else the "
        "person's own.",
    )
    check_in = record.check_ins[chosen]
    editor = record_editor(fw, record, chosen)
    key = f"rec-{v}-{chosen}"
    skills = _skill_levels(editor, check_in, voice, key)
    expectations = _expectation_ratings(editor, check_in, key)
    skills, expectations = _evidence(fw, editor, check_in, skills, expectations, key)
    actions = _actions(check_in, key)
    notes = st.text_area("Notes of this check-in", value=check_in.notes or "", key=f"{key}-notes", max_chars=20000)
    try:
        updated = CheckIn(
            date=check_in.date, skills=skills, expectations=expectations, actions=actions, notes=notes.strip() or None
        )
        changed = record.model_copy(
            update={
                "person": person.strip() or None,
                "check_ins": [*record.check_ins[:chosen], updated, *record.check_ins[chosen + 1 :]],
            }
        )
        changed = DevelopmentRecord.model_validate(changed.model_dump(by_alias=True))
    except ValidationError as error:
        st.error(f"Some of what was typed cannot be kept: {md(str(error.errors()[0]['msg']))}", icon=":material/error:")
        changed = record
    if changed != record:
        record_state.put(changed, fw)
    if st.session_state.pop(ADDED, False):
        _bump()
        st.rerun()
    _differences(fw, updated if changed is not record else check_in)
    _progress(fw, changed)
    _save(loaded, changed)


def _skill_levels(editor: RecordEditor, check_in: CheckIn, voice: str, key: str) -> dict[str, SkillRating]:
    skills = dict(check_in.skills)
    if not editor.skills:
        return skills
    st.subheader("Skill levels")
    st.markdown(
        f"Rating as **{md(VOICES[voice])}**. Each choice shows the start of its level's descriptor, and the whole "
        "descriptor of the level chosen is under it. “Not observed yet” says there is no evidence either way."
    )
    for row in editor.skills:
        options = list(row.options)
        now = getattr(row, FIELDS[voice])
        label = md(row.name) + (f" (target role needs {md(row.needed)})" if row.needed else "")  # labels read Markdown
        value = st.selectbox(
            label,
            options,
            index=options.index(now) if now in options else 0,
            format_func=lambda level, row=row: row.options[level],
            key=f"{key}-{voice}-{row.skill}",
        )
        others = [
            f"{VOICES[v]}: {row.options[getattr(row, FIELDS[v])].split(' — ')[0]}"
            for v in VOICES
            if v != voice and getattr(row, FIELDS[v])
        ]
        if value in row.descriptors:
            st.markdown(f"**{md(row.options[value].split(' — ')[0])}:** " + descriptor_markdown(row.descriptors[value]))
        elif value in row.nearest:
            name, text = row.nearest[value]
            st.markdown(
                f"*{md(row.options[value])}: the framework does not describe this level; the nearest level it "
                f"describes is {md(name)}:* " + descriptor_markdown(text)
            )
        if others:
            st.caption(md(" · ".join(others)))
        rating = skills.get(row.skill) or SkillRating()
        rating = rating.model_copy(update={MODEL_FIELDS[voice]: value or None})
        if rating.self_level or rating.manager or rating.agreed or rating.evidence:
            skills[row.skill] = rating
        else:
            skills.pop(row.skill, None)
    return skills


def _expectation_ratings(editor: RecordEditor, check_in: CheckIn, key: str) -> dict[str, ExpectationRating]:
    ratings = dict(check_in.expectations)
    if not editor.expectations:
        return ratings
    st.subheader("Criteria")
    st.markdown(
        f"The criteria of {md(editor.expectations_of or '')}: met, partly, not yet or not observed yet — your own "
        "view, your line manager's and the one you agree."
    )
    rows = editor.expectations

    def build() -> pd.DataFrame:
        return pd.DataFrame(
            {
                "Area": [r.area for r in rows],
                "Criterion": [r.text for r in rows],
                "Own": [EXPECTATION_RATINGS.get(r.own) for r in rows],
                "Line manager": [EXPECTATION_RATINGS.get(r.manager) for r in rows],
                "Agreed": [EXPECTATION_RATINGS.get(r.agreed) for r in rows],
            },
            index=pd.Index([r.key for r in rows], name="key"),
        )

    column = {
        name: st.column_config.SelectboxColumn(name, options=RATING_OPTIONS, required=False)
        for name in ("Own", "Line manager", "Agreed")
    }
    edited = st.data_editor(
        _editor_base(f"{key}-criteria", build),
        key=f"{key}-criteria",
        hide_index=True,
        disabled=["Area", "Criterion"],
        column_config={"Criterion": st.column_config.TextColumn("Criterion", width="large"), **column},
    )
    for expectation_key, row in edited.iterrows():
        before = ratings.get(expectation_key) or ExpectationRating()
        after = before.model_copy(
            update={
                "self_rating": RATING_IDS.get(row["Own"]),
                "manager": RATING_IDS.get(row["Line manager"]),
                "agreed": RATING_IDS.get(row["Agreed"]),
            }
        )
        if after.self_rating or after.manager or after.agreed or after.evidence:
            ratings[expectation_key] = after
        else:
            ratings.pop(expectation_key, None)
    return ratings


def _evidence(fw, editor: RecordEditor, check_in: CheckIn, skills: dict, expectations: dict, key: str):
    """Evidence notes, each about a skill or a criterion: one table for the check-in."""
    st.subheader("Evidence")
    st.markdown("What shows a level or a criterion: what happened, and a link to it (https://…), or either.")
    about: dict[str, tuple[str, str]] = {}
    for row in editor.skills:
        about[f"Skill: {row.name}"] = ("skill", row.skill)
    for skill in check_in.skills:
        name = fw.skills_by_id[skill].name if skill in fw.skills_by_id else skill
        about.setdefault(f"Skill: {name}", ("skill", skill))
    texts = {r.key: r.text for r in editor.expectations}
    for expectation_key in [*texts, *check_in.expectations]:
        text = texts.get(expectation_key, expectation_key)
        short = text if len(text) <= 70 else text[:69] + "…"
        about.setdefault(f"Criterion: {short}", ("expectation", expectation_key))
    label_of = {target: label for label, target in about.items()}

    def build() -> pd.DataFrame:
        rows = []
        for kind, ratings in (("skill", check_in.skills), ("expectation", check_in.expectations)):
            for target, rating in ratings.items():
                for note in rating.evidence:
                    rows.append({"About": label_of[(kind, target)], "Note": note.text or "", "Link": note.link or ""})
        return pd.DataFrame(rows or [{"About": None, "Note": "", "Link": ""}])

    edited = st.data_editor(
        _editor_base(f"{key}-evidence", build),
        key=f"{key}-evidence",
        num_rows="dynamic",
        hide_index=True,
        column_config={
            "About": st.column_config.SelectboxColumn("About", options=list(about), required=False),
            "Note": st.column_config.TextColumn("Note", max_chars=2000, width="large"),
            "Link": st.column_config.TextColumn("Link", max_chars=2000, help="A web address starting with https://"),
        },
    )
    with st.form(f"{key}-new-evidence", clear_on_submit=True):
        st.markdown("**Add evidence** (or type it in a new row of the table)")
        with st.container(horizontal=True):
            new_about = st.selectbox("About", list(about), index=None, placeholder="Choose a skill or a criterion")
            new_note = st.text_input("Note", max_chars=2000)
            new_link = st.text_input("Link (https://…)", max_chars=2000)
        added = st.form_submit_button("Add the evidence", icon=":material/add_notes:")
    rows = edited.to_dict("records")
    if added and (new_note.strip() or new_link.strip()):
        rows.append({"About": new_about, "Note": new_note, "Link": new_link})
        st.session_state[ADDED] = True
    notes: dict[tuple[str, str], list[Evidence]] = {}
    refused = []
    for row in rows:
        text, link = str(row.get("Note") or "").strip(), str(row.get("Link") or "").strip()
        if not text and not link:
            continue
        target = about.get(row.get("About"))
        if target is None:
            refused.append("a note that says nothing of what it is about (choose a skill or a criterion)")
            continue
        if link and not LINK.match(link):
            refused.append(f"the link {link[:80]!r}, which does not start with http:// or https:// (kept as text)")
            text, link = f"{text} {link}".strip(), ""
        notes.setdefault(target, []).append(Evidence(text=text or None, link=link or None))
    if refused:
        st.warning("Check the evidence table: " + "; ".join(md(r) for r in refused) + ".", icon=":material/warning:")
    skills, expectations = dict(skills), dict(expectations)
    for (kind, target), found in [*((t, []) for t in about.values()), *notes.items()]:
        ratings = skills if kind == "skill" else expectations
        model = SkillRating if kind == "skill" else ExpectationRating
        rating = (ratings.get(target) or model()).model_copy(update={"evidence": found})
        voices = ("self_level", "manager", "agreed") if kind == "skill" else ("self_rating", "manager", "agreed")
        if not rating.evidence and not any(getattr(rating, f) for f in voices):
            ratings.pop(target, None)
        else:
            ratings[target] = rating
    return skills, expectations


def _actions(check_in: CheckIn, key: str) -> list[AgreedAction]:
    st.subheader("Agreed actions")

    def build() -> pd.DataFrame:
        rows = [
            {
                "Action": a.action,
                "By when": a.by,
                "Owner": a.owner or "",
                "Support": a.support or "",
                "Status": ACTION_STATUSES[a.status],
            }
            for a in check_in.actions
        ] or [{"Action": "", "By when": None, "Owner": "", "Support": "", "Status": ACTION_STATUSES["not-started"]}]
        table = pd.DataFrame(rows)
        table["By when"] = pd.to_datetime(table["By when"]).dt.date
        return table

    edited = st.data_editor(
        _editor_base(f"{key}-actions", build),
        key=f"{key}-actions",
        num_rows="dynamic",
        hide_index=True,
        column_config={
            "Action": st.column_config.TextColumn("Action", max_chars=300, help="What will be done."),
            "By when": st.column_config.DateColumn("By when", format="YYYY-MM-DD"),
            "Owner": st.column_config.TextColumn("Owner", max_chars=80),
            "Support": st.column_config.TextColumn("Support", max_chars=300, help="What help is needed, from whom."),
            "Status": st.column_config.SelectboxColumn("Status", options=list(STATUS_IDS), required=True),
        },
    )
    out = []
    with st.form(f"{key}-new-action", clear_on_submit=True):
        st.markdown("**Add an action** (or type it in a new row of the table)")
        with st.container(horizontal=True):
            new_text = st.text_input("New action", max_chars=300)
            new_by = st.date_input("By when", value=None, format="YYYY-MM-DD")
            new_owner = st.text_input("Owner of the new action", max_chars=80)
        added = st.form_submit_button("Add the action", icon=":material/add_task:")
    for row in edited.to_dict("records"):
        text = str(row.get("Action") or "").strip()
        if not text:
            continue
        out.append(
            AgreedAction(
                action=text,
                by=state.cell_date(row.get("By when")),
                owner=str(row.get("Owner") or "").strip() or None,
                support=str(row.get("Support") or "").strip() or None,
                status=STATUS_IDS.get(row.get("Status"), "not-started"),
            )
        )
    if added and new_text.strip():
        out.append(AgreedAction(action=new_text.strip(), by=new_by, owner=new_owner.strip() or None))
        st.session_state[ADDED] = True
    return out


# --------------------------------------------------------------------------- differences, progress, saving


def _differences(fw, check_in: CheckIn) -> None:
    found = differences(check_in, fw)
    if not any(r.manager for r in check_in.skills.values()):
        return
    st.subheader("Where your own level and your manager's differ")
    if not found:
        st.markdown("No skill in this check-in where the two differ by a level or more.")
        return
    table = pd.DataFrame(
        {
            "Skill": [d.name for d in found],
            "Own level": [d.own for d in found],
            "Line manager's level": [d.manager for d in found],
            "Apart": [
                f"{abs(d.levels)} level{'s' * (abs(d.levels) != 1)} {'higher' if d.levels > 0 else 'lower'} "
                "in the manager's view"
                for d in found
            ],
        }
    )
    render.stacked_table(
        table,
        key="stacked-differences",
        intro=f"{len(found)} skill{'s' * (len(found) != 1)} rated a level or more apart: worth talking through.",
    )


def _figure(fw, view: Progress) -> go.Figure:
    names = ["none", *(lv.name for lv in fw.skill_levels)]
    figure = go.Figure()
    for i, (skill, ranks) in enumerate(view.ranks.items()):
        figure.add_trace(
            go.Scatter(
                x=list(view.labels),
                y=list(ranks),
                name=html.escape(skill, quote=False),
                mode="lines+markers",
                line={"color": PALETTE[i % len(PALETTE)], "dash": DASHES[i % len(DASHES)], "width": 2},
                marker={"symbol": SYMBOLS[i % len(SYMBOLS)], "size": 10},
                connectgaps=False,
            )
        )
    figure.update_layout(
        height=420,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        yaxis={"tickvals": list(range(len(names))), "ticktext": names, "range": [-0.2, len(names) - 0.8]},
        xaxis={"type": "category", "title": "Check-in"},
        legend={"orientation": "h", "y": -0.25},
    )
    return figure


def _progress(fw, record: DevelopmentRecord) -> None:
    if len(record.check_ins) < 2:
        return
    view = progress(record, fw, today=datetime.date.today())
    st.subheader("Progress over the check-ins")
    st.markdown(md(view.summary))
    if view.ranks:
        st.plotly_chart(_figure(fw, view), config={"displayModeBar": False}, alt=view.summary)
        render.stacked_table(
            view.table,
            key="stacked-progress",
            intro="**The chart as a table:** each skill's level at each check-in, and whose level it is.",
        )
    lines = [
        f"- {md(c.name)}: {md(c.before)} → {md(c.after)}"
        + (f" (up {c.moved})" if c.moved > 0 else f" (down {-c.moved})" if c.moved < 0 else "")
        + (f" — {md(c.not_compared)}" if c.not_compared else "")
        for c in view.changes
    ]
    st.markdown("**Since the last check-in:**\n\n" + ("\n".join(lines) if lines else "No level changed."))
    for title, actions in (("Overdue", view.overdue), ("Done", view.done), ("Open", view.open)):
        if actions:
            items = "\n".join(
                f"- {md(a.action)}"
                + (f" (by {a.by.isoformat()})" if a.by else "")
                + (f" — {md(a.owner)}" if a.owner else "")
                for a in actions
            )
            st.markdown(f"**{title} actions:**\n\n{items}")


def _save(loaded, record: DevelopmentRecord) -> None:
    st.subheader("Save the record")
    st.markdown("Save the file and keep it: load it here next time, or on the Skill gap page for the plan.")
    buttons = st.container(horizontal=True)
    stem = record_file_stem(record)
    downloads.offer("Save as YAML", downloads.Apart("record-yaml", (record,)), f"{stem}.yaml", where=buttons)
    downloads.offer("Save as JSON", lambda: dump_record(record, fmt="json"), f"{stem}.json", where=buttons)
    if record.target_role in loaded.framework.roles_by_id:
        render.page_link(
            "pages/gap.py",
            label="The gap and the plan from this record's levels",
            query_params=state.link_params(
                loaded, compare="self", current=record.current_role, target=record.target_role, levels="record"
            ),
            icon=":material/checklist:",
        )
