"""Development record: a person's levels over time, in their own words and their line manager's.

The person starts a record from a role (or loads their saved file), rates themselves with each level's words in
view, adds evidence and saves the file; their manager loads it, adds their levels (or takes the person's own in
one click), the agreed outcome, actions and notes, and saves it again; next time either adds a new check-in.

The page is in sections a person can fold. Each part of a check-in — the levels and criteria, the evidence,
the actions — is a fragment of :mod:`ui.views.record_checkin`, so a choice reruns that part only; every edit is
in the session's record the moment it is made, and the saved files are made from the record when the button is
pressed.

The record lives in this browser session (:mod:`ui.session.record`) and in the files saved from it: never in a
cache other sessions share, never on disk or in logs.
"""

from __future__ import annotations

import datetime

import streamlit as st

from framework.dates import INPUT_FORMAT, is_past, uk_date
from framework.progress import VOICE_NAMES, check_in_label, progress
from framework.record import (
    dump_record,
    load_record,
    new_record,
    record_file_stem,
)
from framework.views.record import (
    criteria,
    skill_scale,
    skill_scales,
)
from ui import downloads, render, state
from ui.plotly_once import drawn_once, plotly_chart
from ui.record_figures import VOICE_KEY, skill_chart
from ui.render import md
from ui.session import record as record_session
from ui.session.record import RecordSession
from ui.uploads import Used, file_upload
from ui.views import record_checkin as checkin

LOADED = "record-loaded"  # what to say once about a file just loaded
START_CURRENT, START_TARGET, START_NAME = "record_current", "record_target", "record_start_name"


def main() -> None:
    loaded = state.framework()
    fw = loaded.framework
    st.session_state.pop(checkin.CHANGED, None)  # a run of the whole page shows every edit: nothing to catch up
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
    held = record_session.get(fw) is not None
    # Another label once a record is open: a new expander, folded, so the record comes first.
    with st.expander(
        "Start another record, or load a saved one" if held else "Start a new record, or load a saved one",
        expanded=not held,
    ):
        _start(loaded)
        _load(fw)
    session = record_session.get_session(fw)
    if session is None:
        st.stop()
    edit(loaded, session)


# --------------------------------------------------------------------------- starting and loading


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
    record_session.put(RecordSession.begin(record, fw.id, previous=record_session.get_session()))


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
    def use(name: str, data: bytes) -> Used:
        record, warnings = load_record(data, name=name, framework=fw)
        session = RecordSession.begin(
            record, fw.id, source=name, warnings=[str(w) for w in warnings], previous=record_session.get_session()
        )
        record_session.put(session)
        checks = len(record.check_ins)
        # Said above the record, once: the section this is in folds away once a record is open.
        st.session_state[LOADED] = f"Loaded {md(name)}: {checks} check-in{'s' * (checks != 1)}" + (
            f", {len(warnings)} warning{'s' * (len(warnings) != 1)} (below)." if warnings else "."
        )
        return Used()

    file_upload(
        "Load a saved development record (or a saved self-assessment)",
        key="record_upload",
        use=use,
        kept="nothing was changed",
        help="A file saved from this page or from the Skill gap page (YAML or JSON).",
    )


# --------------------------------------------------------------------------- the record and its check-in


def _role_title(fw, role_id: str | None) -> str | None:
    return fw.roles_by_id[role_id].title if role_id in fw.roles_by_id else role_id


def _known(fw, role_id: str | None) -> str | None:
    """``role_id`` where the framework has it (a plain id of the framework, fit for its cache), else None."""
    return role_id if role_id in fw.roles_by_id else None


def edit(loaded, session: RecordSession) -> None:
    """The record: its facts, the check-in to edit in foldable sections, progress, and saving."""
    fw = loaded.framework
    record, at = session.record, session.widgets("record")
    if loaded_note := st.session_state.pop(LOADED, None):
        st.success(loaded_note, icon=":material/check_circle:")
    st.header(f"Record of {md(record.person)}" if record.person else "The record")
    facts = [f"**Framework:** {md(record.framework.name or record.framework.id)}"]
    facts.append(f"**Current role:** {md(_role_title(fw, record.current_role) or 'not stated')}")
    facts.append(f"**Target role:** {md(_role_title(fw, record.target_role) or 'not stated')}")
    if session.source:
        facts.append(f"**Loaded from:** {md(session.source)}")
    st.markdown(" · ".join(facts))
    if session.warnings:
        count = len(session.warnings)
        st.warning(
            f"The record was loaded with {count} warning{'s' * (count != 1)}. What the framework does not know is "
            "kept in the record and saved with it:",
            icon=":material/warning:",
        )
        st.code("\n".join(session.warnings), language=None)
    st.text_input(
        "Name on the record (optional, kept in the file)",
        value=record.person or "",
        key=f"{at}-person",
        max_chars=80,
        on_change=_typed,
        args=(RecordSession.with_person, f"{at}-person", "person"),
    )
    checkin.say("person")
    _check_in_choice(session)
    current, target = _known(fw, record.current_role), _known(fw, record.target_role)
    scales = loaded.view(skill_scales, current, target)
    listed = {s.skill for s in scales}
    extra = tuple(
        skill_scale(fw, skill)
        for skill in dict.fromkeys(s for c in record.check_ins for s in c.skills)
        if skill in fw.skills_by_id and skill not in listed
    )
    about = target or current
    rated = loaded.view(criteria, about)
    titled = fw.roles_by_id[about].title if about else None
    with st.expander("Levels and criteria", expanded=True, icon=":material/star_half:"):
        checkin.ratings(loaded, (*scales, *extra), rated, titled)
    with st.expander("Evidence", expanded=True, icon=":material/description:"):
        checkin.evidence(loaded, checkin.subjects(fw, (*scales, *extra), rated))
    with st.expander("Agreed actions", expanded=True, icon=":material/task_alt:"):
        checkin.actions(loaded, (*scales, *extra))
    check_in = session.current
    with st.expander("Notes of this check-in", expanded=bool(check_in.notes), icon=":material/edit_note:"):
        st.text_area(
            "Notes of this check-in",
            value=check_in.notes or "",
            key=f"{at}-notes",
            max_chars=20000,
            label_visibility="collapsed",
            on_change=_typed,
            args=(RecordSession.with_notes, f"{at}-notes", "notes"),
        )
        checkin.say("notes")
    if len(record.check_ins) >= 2:
        # Folded at first: while it is open, each edit reruns the page to show the edit in it too.
        label = f"Progress over the {len(record.check_ins)} check-ins"
        section = state.lazy_expander(label, key=checkin.PROGRESS_OPEN)
        if section.open:
            with section:
                _progress(fw, record)
    _save(loaded, record)


def _typed(change, key: str, where: str) -> None:
    """A widget's callback: ``change`` (a transition of one value) applied with the value the widget ``key``
    now holds."""
    checkin.apply(lambda session: change(session, checkin.value(key)), where)


def _new_check_in(session: RecordSession, date: datetime.date | None) -> RecordSession:
    return session.with_new_check_in(date or datetime.date.today())


def _check_in_choice(session: RecordSession) -> None:
    """Which check-in is edited, a new one, and when the next is planned (a date in the past is said)."""
    record, at = session.record, session.widgets("record")
    labels = [check_in_label(c, i) for i, c in enumerate(record.check_ins, 1)]
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.selectbox(
            "Check-in",
            list(range(len(labels))),
            index=session.index,
            format_func=labels.__getitem__,
            key=f"{at}-check-in",
            help="Each check-in is one conversation. The latest is what the gap and the plan use.",
            on_change=_typed,
            args=(RecordSession.with_check_in_chosen, f"{at}-check-in", "check-in"),
        )
        date_key = f"{at}-new-date"
        st.date_input(
            "Date of a new check-in", value=None, key=date_key, format=INPUT_FORMAT, help="Today when left empty."
        )
        st.button(
            "Add a new check-in",
            on_click=_typed,
            args=(_new_check_in, date_key, "check-in"),
            icon=":material/add:",
            help="It starts from the latest check-in's levels and its actions not yet done.",
        )
    planned = session.current.next_check_in
    st.date_input(
        "Next check-in (planned)",
        value=planned,
        key=f"{at}-next",
        format=INPUT_FORMAT,
        help="When the next conversation is planned: the Team page marks it due and overdue.",
        on_change=_typed,
        args=(RecordSession.with_next_check_in, f"{at}-next", "next"),
    )
    if is_past(planned) and session.index == len(record.check_ins) - 1:
        st.warning(
            f"The next check-in, {uk_date(planned)}, is in the past: plan the next conversation, or add the "
            "check-in that took place.",
            icon=":material/event_busy:",
        )


# --------------------------------------------------------------------------- progress and saving


def _progress(fw, record) -> None:
    view = progress(record, fw, today=datetime.date.today())
    st.markdown(md(view.summary))
    if view.series:
        levels = [lv.name for lv in fw.skill_levels]
        st.markdown(f"One chart per skill, a line per voice — {md(VOICE_KEY)}. The table under them holds the same.")
        charts = list(view.series.items())
        for row in range(0, len(charts), 3):  # row by row, so that a phone shows them in the table's order
            for column, (name, voices) in zip(st.columns(3), charts[row : row + 3], strict=False):
                said = "; ".join(
                    f"{VOICE_NAMES[v]}: " + " → ".join(levels[r - 1] if r else "none" for r in ranks)
                    for v, ranks in voices.items()
                )
                with column:
                    plotly_chart(
                        drawn_once(skill_chart(name, view.labels, voices, levels)),
                        config={"displayModeBar": False, "staticPlot": True},
                        alt=f"{name} over the check-ins. {said}.",
                    )
        render.stacked_table(
            view.table,
            key="stacked-progress",
            intro="**The charts as a table:** each skill's level in each voice at each check-in.",
        )
    lines = [f"- {md(c.said)}" for c in view.changes]
    st.markdown("**Since the last check-in:**\n\n" + ("\n".join(lines) if lines else "No level changed."))
    for title, actions in (("Overdue", view.overdue), ("Done", view.done), ("Open", view.open)):
        if actions:
            items = "\n".join(
                f"- {md(a.action)}"
                + (f" (by {uk_date(a.by)})" if a.by else "")
                + (f" — {md(a.owner)}" if a.owner else "")
                for a in actions
            )
            st.markdown(f"**{title} actions:**\n\n{items}")


def _save(loaded, record) -> None:
    """Every file the page offers, in one place. Each is made when its button is pressed, from the record as it
    is then: an edit made in one part of the page a moment before is in it."""
    st.subheader("Save the record")
    st.markdown("Save the file and keep it: load it here next time, or on the Skill gap page for the plan.")
    read = record_session.reader()
    buttons = st.container(horizontal=True)
    stem = record_file_stem(record)
    downloads.offer(
        "Save as YAML", downloads.Apart("record-yaml", lambda: (read().record,)), f"{stem}.yaml", where=buttons
    )
    downloads.offer("Save as JSON", lambda: dump_record(read().record, fmt="json"), f"{stem}.json", where=buttons)
    if record.target_role in loaded.framework.roles_by_id:
        render.page_link(
            "pages/gap.py",
            label="The gap and the plan from this record's levels",
            query_params=state.link_params(
                loaded, compare="self", current=record.current_role, target=record.target_role, levels="record"
            ),
            icon=":material/checklist:",
        )
