"""Development record: a person's levels over time, in their own words and their line manager's.

The person starts a record from a role (or loads their saved file), rates themselves with each level's words in
view, adds evidence and saves the file; their manager loads it, adds their levels (or takes the person's own in
one click), the agreed outcome, actions and notes, and saves it again; next time either adds a new check-in.

Each part of a check-in — the levels and criteria, the evidence, the actions — is a fragment: a choice reruns
that part only, not the page. Every edit is a transition of the session's :class:`~ui.session.record.
RecordSession`, applied in the widget's callback, so what a person enters is in the record the moment they
enter it; the saved files are made from the record when the button is pressed. Where the progress section is
open, an edit reruns the page so that it shows the edit too.

The record lives in this browser session (:mod:`ui.session.record`) and in the files saved from it: never in a
cache other sessions share, never on disk or in logs.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pandas as pd
import streamlit as st

from framework import FrameworkError
from framework.dates import INPUT_FORMAT, is_past, uk_date
from framework.gaptext import descriptor_markdown
from framework.progress import VOICE_NAMES, check_in_label, differences, progress
from framework.record import (
    ACTION_STATUSES,
    AGREED,
    MANAGER,
    SELF,
    AgreedAction,
    CheckIn,
    dump_record,
    load_record,
    new_record,
    record_file_stem,
)
from framework.views.record import (
    RATING_CHOICES,
    Criterion,
    SkillScale,
    criteria,
    level_notes,
    next_level,
    skill_scale,
    skill_scales,
)
from ui import render, state
from ui.record_figures import VOICE_KEY, skill_chart
from ui.render import md
from ui.session import record as record_session
from ui.session.record import EditRefused, RecordSession

VOICES = {SELF: "Myself", MANAGER: "Line manager", AGREED: "Agreed outcome"}
#: Whose levels a voice can take in one click, and how the button says it.
COPIES = {
    MANAGER: ((SELF, "Same as the person's own levels"),),
    AGREED: ((MANAGER, "Agree with the line manager's levels"), (SELF, "Agree with the person's own levels")),
    SELF: (),
}
UPLOAD_DONE = "record_upload_done"
VOICE = "record_voice"
START_CURRENT, START_TARGET, START_NAME = "record_current", "record_target", "record_start_name"
PROGRESS_OPEN = "record-progress-open"
CHANGED = "record-changed"  # an edit was applied in this run's callbacks
MESSAGES = "record-messages"  # where → what to say about an edit there (refused, or kept with a warning)
STATUS_IDS = {label: status for status, label in ACTION_STATUSES.items()}


def main() -> None:
    loaded = state.framework()
    fw = loaded.framework
    st.session_state.pop(CHANGED, None)  # a run of the whole page shows every edit: nothing to catch up
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


# --------------------------------------------------------------------------- applying edits


def _apply(change: Callable[[RecordSession], RecordSession], where: str = "") -> bool:
    """Apply ``change`` to the session's record (in a widget's callback). A refused edit is said at ``where``
    on the next run, and what was typed stays in its widget to be corrected."""
    session = record_session.get_session()
    messages = st.session_state.setdefault(MESSAGES, {})
    if session is None:
        return False
    try:
        record_session.put(change(session))
    except EditRefused as refused:
        messages[where] = ("error", str(refused))
        return False
    messages.pop(where, None)
    st.session_state[CHANGED] = True
    return True


def _say(where: str) -> None:
    """What there is to say about the last edit at ``where``: an edit refused, or kept with a warning."""
    kind, message = st.session_state.get(MESSAGES, {}).get(where, (None, None))
    if kind == "error":
        st.error(md(message), icon=":material/error:")
    elif kind == "warning":
        st.warning(md(message), icon=":material/warning:")


def _warn(where: str, message: str) -> None:
    st.session_state.setdefault(MESSAGES, {})[where] = ("warning", message)


def _catch_up() -> None:
    """At the end of a fragment's run: where the progress section is open, an edit just made reruns the page,
    so that what it shows includes the edit."""
    if st.session_state.pop(CHANGED, False) and st.session_state.get(PROGRESS_OPEN):
        st.rerun()


def _value(key: str):
    return st.session_state.get(key)


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
    session = RecordSession.begin(
        record,
        fw.id,
        source=upload.name,
        warnings=[str(w) for w in warnings],
        previous=record_session.get_session(),
    )
    record_session.put(session)
    checks = len(record.check_ins)
    st.success(
        f"Loaded {md(upload.name)}: {checks} check-in{'s' * (checks != 1)}"
        + (f", {len(warnings)} warning{'s' * (len(warnings) != 1)} (below)." if warnings else "."),
        icon=":material/check_circle:",
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
    key = f"{at}-person"
    st.text_input(
        "Name (optional, kept in the file)",
        value=record.person or "",
        key=key,
        max_chars=80,
        on_change=lambda: _apply(lambda s: s.with_person(_value(key)), "person"),
    )
    _say("person")
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
        _ratings(loaded, (*scales, *extra), rated, titled)
    with st.expander("Evidence", expanded=True, icon=":material/description:"):
        _evidence(loaded, _about(fw, (*scales, *extra), rated))
    with st.expander("Agreed actions", expanded=True, icon=":material/task_alt:"):
        _actions(loaded)
    check_in = session.current
    with st.expander("Notes of this check-in", expanded=bool(check_in.notes), icon=":material/edit_note:"):
        key = f"{at}-notes"
        st.text_area(
            "Notes of this check-in",
            value=check_in.notes or "",
            key=key,
            max_chars=20000,
            label_visibility="collapsed",
            on_change=lambda: _apply(lambda s: s.with_notes(_value(key)), "notes"),
        )
        _say("notes")
    if len(record.check_ins) >= 2:
        section = state.lazy_expander("Progress over the check-ins", key=PROGRESS_OPEN, expanded=True)
        if section.open:
            with section:
                _progress(fw, record)
    _save(loaded, record)


def _check_in_choice(session: RecordSession) -> None:
    """Which check-in is edited, a new one, and when the next is planned (a date in the past is said)."""
    record, at = session.record, session.widgets("record")
    labels = [check_in_label(c, i) for i, c in enumerate(record.check_ins, 1)]
    with st.container(horizontal=True, vertical_alignment="bottom"):
        key = f"{at}-check-in"
        st.selectbox(
            "Check-in",
            list(range(len(labels))),
            index=session.index,
            format_func=labels.__getitem__,
            key=key,
            help="Each check-in is one conversation. The latest is what the gap and the plan use.",
            on_change=lambda: _apply(lambda s: s.with_check_in_chosen(_value(key)), "check-in"),
        )
        date_key = f"{at}-new-date"
        st.date_input(
            "Date of a new check-in", value=None, key=date_key, format=INPUT_FORMAT, help="Today when left empty."
        )
        st.button(
            "Add a new check-in",
            on_click=lambda: _apply(lambda s: s.with_new_check_in(_value(date_key) or datetime.date.today())),
            icon=":material/add:",
            help="It starts from the latest check-in's levels and its actions not yet done.",
        )
    planned = session.current.next_check_in
    next_key = f"{at}-next"
    st.date_input(
        "Next check-in (planned)",
        value=planned,
        key=next_key,
        format=INPUT_FORMAT,
        help="When the next conversation is planned: the Team page marks it due and overdue.",
        on_change=lambda: _apply(lambda s: s.with_next_check_in(_value(next_key)), "next"),
    )
    if is_past(planned) and session.index == len(record.check_ins) - 1:
        st.warning(
            f"The next check-in, {uk_date(planned)}, is in the past: plan the next conversation, or add the "
            "check-in that took place.",
            icon=":material/event_busy:",
        )


# --------------------------------------------------------------------------- levels and criteria


def _copy(source: str, into: str, skills: tuple[str, ...], keys: tuple[str, ...]) -> None:
    _apply(lambda s: s.with_voice_copied(source, into, skills=skills, expectations=keys), "levels")


@st.fragment
def _ratings(loaded, scales: tuple[SkillScale, ...], rated: tuple[Criterion, ...], titled: str | None) -> None:
    """Every skill and criterion of the check-in in one voice: one click a level. A fragment, so a choice
    reruns this part of the page only."""
    fw = loaded.framework
    session = record_session.get_session(fw)
    if session is None:
        return
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
    skills, keys = tuple(s.skill for s in scales), tuple(c.key for c in rated)
    if COPIES[voice]:
        with st.container(horizontal=True):
            for source, label in COPIES[voice]:
                st.button(
                    label,
                    key=f"rec-copy-{source}-{voice}",
                    on_click=_copy,
                    args=(source, voice, skills, keys),
                    icon=":material/content_copy:",
                    help=f"Every level and rating given in the {VOICES[source].lower()} voice, given as "
                    f"{VOICES[voice].lower()} too; change any of them after.",
                )
    _say("levels")
    if scales:
        st.subheader("Skill levels")
        st.markdown(
            f"Rating as **{md(VOICES[voice])}**: one click a skill. “Not observed yet” says there is no evidence "
            "either way. Under each skill, what each level says and what the next level up looks like."
        )
        for scale in scales:
            _skill(fw, session, scale, voice)
    if rated:
        _criteria(session, rated, voice, titled)
    _differences(fw, session.current)
    _catch_up()


def _skill(fw, session: RecordSession, scale: SkillScale, voice: str) -> None:
    rating = session.current.skills.get(scale.skill)
    given = {v: rating.level(v) if rating else None for v in VOICES}
    scale = scale.with_kept(tuple(given.values()))
    options = list(scale.choices)
    key = f"{session.widgets('levels')}-{voice}-{scale.skill}"
    chosen = given[voice] or ""
    st.radio(
        md(scale.label),
        options,
        index=options.index(chosen),
        format_func=scale.choices.get,
        horizontal=True,
        key=key,
        on_change=lambda: _apply(lambda s: s.with_level(scale.skill, voice, _value(key)), "levels"),
    )
    others = [f"{VOICES[v]}: {scale.choices.get(level, level)}" for v, level in given.items() if v != voice and level]
    with st.container(horizontal=True, vertical_alignment="center"):
        st.caption(md(" · ".join(others)) if others else "", width="stretch")
        with st.popover("What each level says", type="tertiary", icon=":material/menu_book:"):
            st.markdown(f"**{md(scale.name)}**\n\n" + _levels_markdown(fw, scale, chosen or None))


def _levels_markdown(fw, scale: SkillScale, chosen: str | None) -> str:
    """Each level's words, the chosen one and the next one up marked; then what the next level looks like."""
    blocks = []
    for note in level_notes(fw, scale, chosen):
        marks = f" ({md(', '.join(note.marks))})" if note.marks else ""
        words = descriptor_markdown(note.descriptor) if note.descriptor else "*Not described for this skill.*"
        blocks.append(f"**{md(note.name)}**{marks}\n\n{words}")
    step = next_level(fw, scale, chosen)
    words = step.descriptor or (step.nearest_above[1] if step.nearest_above else None)
    blocks.append(
        f"**What the next level looks like.** {md(step.said)}" + (f"\n\n{descriptor_markdown(words)}" if words else "")
    )
    return "\n\n".join(blocks)


def _criteria(session: RecordSession, rated: tuple[Criterion, ...], voice: str, titled: str | None) -> None:
    st.subheader("Criteria")
    st.markdown(
        f"The criteria of {md(titled or '')}, each whole: met, partly, not yet or not observed yet, rating as "
        f"**{md(VOICES[voice])}**. Each area folds."
    )
    ratings = session.current.expectations
    areas: dict[str, list[Criterion]] = {}
    for criterion in rated:
        areas.setdefault(criterion.area, []).append(criterion)
    options = list(RATING_CHOICES)
    for area, items in areas.items():
        done = sum(1 for c in items if c.key in ratings and ratings[c.key].rating(voice))
        with st.expander(f"{area} — {done} of {len(items)} rated", expanded=len(areas) == 1):
            for criterion in items:
                rating = ratings.get(criterion.key)
                now = (rating.rating(voice) if rating else None) or ""
                key = f"{session.widgets('levels')}-{voice}-x-{criterion.key}"
                st.radio(
                    md(criterion.text),
                    options,
                    index=options.index(now) if now in options else 0,
                    format_func=RATING_CHOICES.get,
                    horizontal=True,
                    key=key,
                    on_change=lambda key=key, c=criterion.key: _apply(
                        lambda s: s.with_rating(c, voice, _value(key)), "levels"
                    ),
                )


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


# --------------------------------------------------------------------------- evidence


def _about(fw, scales: tuple[SkillScale, ...], rated: tuple[Criterion, ...]) -> dict[str, tuple[str, str]]:
    """What a note of evidence can be about: label → (kind, skill id or expectation key)."""
    about = {f"Skill: {s.name}": ("skill", s.skill) for s in scales}
    for criterion in rated:
        text = " ".join(criterion.text.split())
        short = text if len(text) <= 120 else text[:119].rstrip() + "…"
        about.setdefault(f"Criterion: {short}", ("expectation", criterion.key))
    return about


def _about_label(fw, about: dict[str, tuple[str, str]], kind: str, target: str) -> str:
    for label, value in about.items():
        if value == (kind, target):
            return label.split(": ", 1)[1] if kind == "skill" else label
    if kind == "skill":
        return fw.skills_by_id[target].name if target in fw.skills_by_id else target
    return f"Criterion {target}"


def _evidence_line(text: str | None, link: str | None) -> str:
    parts = [md(text)] if text else []
    if link:
        parts.append(f"[{md(link)}]({link.replace(')', '%29').replace(' ', '%20')})")
    return " — ".join(parts)


@st.fragment
def _evidence(loaded, about: dict[str, tuple[str, str]]) -> None:
    """The check-in's evidence, each note about a skill or a criterion, in the order entered; a note is added,
    changed or removed in one step."""
    fw = loaded.framework
    session = record_session.get_session(fw)
    if session is None:
        return
    check_in, at = session.current, session.widgets("evidence")
    st.markdown("What shows a level or a criterion: what happened, and a link to it (https://…), or either.")
    groups = [("skill", k, r.evidence) for k, r in check_in.skills.items() if r.evidence]
    groups += [("expectation", k, r.evidence) for k, r in check_in.expectations.items() if r.evidence]
    if not groups:
        st.markdown("*No evidence in this check-in yet.*")
    for kind, target, notes in groups:
        st.markdown(f"**{md(_about_label(fw, about, kind, target))}**")
        for i, note in enumerate(notes):
            _note(session, kind, target, i, note)
    with st.form(f"{at}-add", enter_to_submit=False):
        st.markdown("**Add evidence**")
        about_key, text_key, link_key = f"{at}-about", f"{at}-text", f"{at}-link"
        st.selectbox("About", list(about), index=None, key=about_key, placeholder="Choose a skill or a criterion")
        st.text_area("Note", key=text_key, max_chars=5000, height=80)
        st.text_input("Link (https://…)", key=link_key, max_chars=2000)
        st.form_submit_button(
            "Add the evidence",
            icon=":material/add_notes:",
            on_click=lambda: _add_evidence(about, about_key, text_key, link_key),
        )
    _say("add-evidence")
    _catch_up()


def _change_note(kind: str, target: str, index: int, keys: tuple[str, str], where: str) -> None:
    _apply(lambda s: s.with_evidence_changed(kind, target, index, _value(keys[0]), _value(keys[1])), where)


def _remove_note(kind: str, target: str, index: int) -> None:
    _apply(lambda s: s.without_evidence(kind, target, index))


def _note(session: RecordSession, kind: str, target: str, index: int, note) -> None:
    """One note of evidence: what it says and its link, to change or remove."""
    item = f"{session.widgets('evidence')}-{kind}-{target}-{index}"
    where = f"evidence-{kind}-{target}-{index}"
    with st.container(horizontal=True, vertical_alignment="center"):
        st.markdown(_evidence_line(note.text, note.link), width="stretch")
        with (
            st.popover("Change", icon=":material/edit:"),
            st.form(f"rec-change-note-{item}", border=False, enter_to_submit=False),
        ):
            keys = (f"rec-note-text-{item}", f"rec-note-link-{item}")
            st.text_area("Note", value=note.text or "", key=keys[0], max_chars=5000)
            st.text_input("Link (https://…)", value=note.link or "", key=keys[1], max_chars=2000)
            st.form_submit_button("Save the change", on_click=_change_note, args=(kind, target, index, keys, where))
        st.button(
            "Remove", key=f"rec-remove-note-{item}", icon=":material/delete:", on_click=_remove_note,
            args=(kind, target, index),
        )  # fmt: skip
    _say(where)


def _add_evidence(about: dict[str, tuple[str, str]], about_key: str, text_key: str, link_key: str) -> None:
    target = about.get(_value(about_key))
    if target is None:
        st.session_state.setdefault(MESSAGES, {})["add-evidence"] = (
            "error",
            "Choose the skill or criterion the note is about; what you typed is kept below.",
        )
        return
    kind, what = target
    _apply(lambda s: s.with_evidence(kind, what, _value(text_key), _value(link_key)), "add-evidence")


# --------------------------------------------------------------------------- actions


def _action_facts(action: AgreedAction, today: datetime.date) -> str:
    facts = []
    if action.by is not None:
        late = action.status != "done" and is_past(action.by, today=today)
        facts.append(f"by {uk_date(action.by)}" + (" — overdue" if late else ""))
    if action.owner:
        facts.append(f"owner: {action.owner}")
    if action.support:
        facts.append(f"support: {action.support}")
    facts.append(ACTION_STATUSES[action.status].lower())
    return " · ".join(facts)


def _action_fields(prefix: str, action: AgreedAction | None) -> tuple[str, str, str, str, str]:
    """The fields of an action's form (new, or changing ``action``), and their keys."""
    keys = tuple(f"{prefix}-{name}" for name in ("text", "by", "owner", "support", "status"))
    st.text_input("Action", value=action.action if action else "", key=keys[0], max_chars=300)
    statuses = list(STATUS_IDS)
    with st.container(horizontal=True):
        st.date_input("By when", value=action.by if action else None, key=keys[1], format=INPUT_FORMAT)
        st.text_input("Owner", value=(action.owner or "") if action else "", key=keys[2], max_chars=80)
        status = statuses.index(ACTION_STATUSES[action.status]) if action else 0
        st.selectbox("Status", statuses, index=status, key=keys[4])
    st.text_input(
        "Support (what help is needed, from whom)",
        value=(action.support or "") if action else "",
        key=keys[3],
        max_chars=300,
    )
    return keys


def _put_action(index: int | None, keys: tuple[str, ...], where: str) -> None:
    text, by, owner, support, status = (_value(k) for k in keys)
    fields = {"by": by, "owner": owner, "support": support, "status": STATUS_IDS.get(status, "not-started")}
    if index is None:
        applied = _apply(lambda s: s.with_action(text, **fields), where)
    else:
        applied = _apply(lambda s: s.with_action_changed(index, text, **fields), where)
    if applied and is_past(by) and fields["status"] != "done":
        _warn(where, f"Kept, with its date {uk_date(by)} in the past: change it if that was a slip.")


@st.fragment
def _actions(loaded) -> None:
    """The check-in's agreed actions in the order agreed: each marked done in one click, changed or removed;
    new ones added below."""
    session = record_session.get_session(loaded.framework)
    if session is None:
        return
    check_in, at = session.current, session.widgets("actions")
    today = datetime.date.today()
    if not check_in.actions:
        st.markdown("*No agreed actions in this check-in yet.*")
    for i, action in enumerate(check_in.actions):
        where = f"action-{i}"
        with st.container(border=True, key=f"{at}-item-{i}"):
            done_key = f"{at}-{i}-done"
            st.checkbox(
                md(action.action),
                value=action.status == "done",
                key=done_key,
                on_change=lambda i=i, k=done_key: _apply(lambda s: s.with_action_done(i, bool(_value(k)))),
            )
            with st.container(horizontal=True, vertical_alignment="center"):
                st.caption(md(_action_facts(action, today)), width="stretch")
                with (
                    st.popover("Change", icon=":material/edit:"),
                    st.form(f"{at}-{i}-change", border=False, enter_to_submit=False),
                ):
                    keys = _action_fields(f"{at}-{i}-change", action)
                    st.form_submit_button(
                        "Save the change", on_click=lambda i=i, keys=keys, w=where: _put_action(i, keys, w)
                    )
                st.button(
                    "Remove",
                    key=f"{at}-{i}-remove",
                    icon=":material/delete:",
                    on_click=lambda i=i: _apply(lambda s: s.without_action(i)),
                )
            _say(where)
    with st.form(f"{at}-add", enter_to_submit=False):
        st.markdown("**Add an action**")
        keys = _action_fields(f"{at}-new", None)
        st.form_submit_button(
            "Add the action", icon=":material/add_task:", on_click=lambda: _put_action(None, keys, "add-action")
        )
    _say("add-action")
    _catch_up()


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
                column.plotly_chart(
                    skill_chart(name, view.labels, voices, levels),
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
    render.download("Save as YAML", lambda: dump_record(read().record), file_name=f"{stem}.yaml", where=buttons)
    render.download(
        "Save as JSON", lambda: dump_record(read().record, fmt="json"), file_name=f"{stem}.json", where=buttons
    )
    if record.target_role in loaded.framework.roles_by_id:
        render.page_link(
            "pages/gap.py",
            label="The gap and the plan from this record's levels",
            query_params=state.link_params(
                loaded, compare="self", current=record.current_role, target=record.target_role, levels="record"
            ),
            icon=":material/checklist:",
        )
