"""Editing one check-in of a development record: its levels and criteria in one voice at a time, its evidence
and its agreed actions — each part a fragment, so that a choice reruns that part only, not the page.

Every edit is a transition of the session's :class:`~ui.session.record.RecordSession`, applied in the widget's
callback (:func:`apply`), so what a person enters is in the record the moment they enter it. An edit that cannot
be kept is said where it was made, and what was typed stays in its widget to be corrected. Where the progress
section of the page is open, an edit reruns the page so that it shows the edit too (:func:`_catch_up`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pandas as pd
import streamlit as st

from framework.dates import INPUT_FORMAT, is_past, uk_date
from framework.gaptext import descriptor_markdown
from framework.plan import catalogue_notices, resource_action
from framework.progress import differences
from framework.record import ACTION_STATUSES, AGREED, MANAGER, SELF, AgreedAction, CheckIn, record_levels
from framework.views.record import RATING_CHOICES, Criterion, SkillScale, level_notes, next_level, ways_to_learn
from ui import learning, render, run_gate
from ui.render import md
from ui.resources import offer_resources
from ui.session import record as record_session
from ui.session.record import EditRefused, RecordSession

__all__ = [
    "CHANGED",
    "PROGRESS_OPEN",
    "VOICE",
    "VOICES",
    "actions",
    "apply",
    "evidence",
    "ratings",
    "say",
    "subjects",
    "value",
]

VOICES = {SELF: "Myself", MANAGER: "Line manager", AGREED: "Agreed outcome"}
#: Whose levels a voice can take in one click, and how the button says it.
COPIES = {
    MANAGER: ((SELF, "Same as the person's own levels"),),
    AGREED: ((MANAGER, "Agree with the line manager's levels"), (SELF, "Agree with the person's own levels")),
    SELF: (),
}
VOICE = "record_voice"
PROGRESS_OPEN = "record-progress-open"  # the key of the page's progress section, True while it is open
LEARN_OPEN = "record-learn-open"  # the key of the ways to learn, True while they are open
CHANGED = "record-changed"  # an edit was applied in this run's callbacks
MESSAGES = "record-messages"  # where → what to say about an edit there (refused, or kept with a warning)
STATUS_IDS = {label: status for status, label in ACTION_STATUSES.items()}


# --------------------------------------------------------------------------- applying edits


def apply(change: Callable[[RecordSession], RecordSession], where: str = "") -> bool:
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


def say(where: str) -> None:
    """What there is to say about the last edit at ``where``: an edit refused, or kept with a warning."""
    kind, message = st.session_state.get(MESSAGES, {}).get(where, (None, None))
    if kind == "error":
        st.error(md(message), icon=":material/error:")
    elif kind == "warning":
        st.warning(md(message), icon=":material/warning:")


def _warn(where: str, message: str) -> None:
    st.session_state.setdefault(MESSAGES, {})[where] = ("warning", message)


def _catch_up() -> None:
    """At the start of a fragment's run: where the page's progress section is open, an edit just made (in a
    callback, before this run) reruns the whole page instead, so that what the page shows includes the edit."""
    if st.session_state.pop(CHANGED, False) and st.session_state.get(PROGRESS_OPEN):
        st.rerun()


def value(key: str):
    return st.session_state.get(key)


# --------------------------------------------------------------------------- levels and criteria


def _copy(source: str, into: str, skills: tuple[str, ...], keys: tuple[str, ...]) -> None:
    apply(lambda s: s.with_voice_copied(source, into, skills=skills, expectations=keys), "levels")


@run_gate.fragment
def ratings(loaded, scales: tuple[SkillScale, ...], rated: tuple[Criterion, ...], titled: str | None) -> None:
    """Every skill and criterion of the check-in in one voice: one click a level. A fragment, so a choice
    reruns this part of the page only."""
    _catch_up()
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
    say("levels")
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
        format_func=lambda choice: md(scale.choices[choice]),  # a radio's options are Markdown
        horizontal=True,
        key=key,
        on_change=_level,
        args=(scale.skill, voice, key),
    )
    others = [f"{VOICES[v]}: {scale.choices.get(level, level)}" for v, level in given.items() if v != voice and level]
    with st.container(horizontal=True, vertical_alignment="center"):
        st.caption(md(" · ".join(others)) if others else "", width="stretch")
        # Its words are made only while it is open (opening it reruns this part): most choices never open it.
        words = st.popover(
            "What each level says",
            type="tertiary",
            icon=":material/menu_book:",
            key=f"{session.widgets('levels')}-{scale.skill}-words",
            on_change="rerun",
        )
        if words.open:
            words.markdown(f"**{md(scale.name)}**\n\n" + _levels_markdown(fw, scale, chosen or None))


def _level(skill: str, voice: str, key: str) -> None:
    apply(lambda s: s.with_level(skill, voice, value(key)), "levels")


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
    for number, (area, items) in enumerate(areas.items()):
        done = sum(1 for c in items if c.key in ratings and ratings[c.key].rating(voice))
        # An area's choices are drawn only while it is open: each widget drawn costs every choice made in it.
        key = f"{session.widgets('levels')}-area-{number}"
        if len(areas) == 1 and key not in st.session_state:
            st.session_state[key] = True
        section = st.expander(f"{md(area)} — {done} of {len(items)} rated", key=key, on_change="rerun")
        if not section.open:
            continue
        with section:
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
                    on_change=lambda key=key, c=criterion.key: apply(
                        lambda s: s.with_rating(c, voice, value(key)), "levels"
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


def subjects(fw, scales: tuple[SkillScale, ...], rated: tuple[Criterion, ...]) -> dict[str, tuple[str, str]]:
    """What a note of evidence can be about: label → (kind, skill id or expectation key)."""
    about = {f"Skill: {s.name}": ("skill", s.skill) for s in scales}
    for criterion in rated:  # whole, with its area; a criterion stated twice is told apart by its id
        label = f"Criterion ({criterion.area}): {' '.join(criterion.text.split())}"
        about[label if label not in about else f"{label} [{criterion.key}]"] = ("expectation", criterion.key)
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


@run_gate.fragment
def evidence(loaded, about: dict[str, tuple[str, str]]) -> None:
    """The check-in's evidence, each note about a skill or a criterion, in the order entered; a note is added,
    changed or removed in one step."""
    _catch_up()
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
            on_click=_add_evidence,
            args=(about, about_key, text_key, link_key),
        )
    say("add-evidence")


def _change_note(kind: str, target: str, index: int, keys: tuple[str, str], where: str) -> None:
    apply(lambda s: s.with_evidence_changed(kind, target, index, value(keys[0]), value(keys[1])), where)


def _remove_note(kind: str, target: str, index: int) -> None:
    apply(lambda s: s.without_evidence(kind, target, index))


def _lazy_popover(label: str, key: str):
    """A popover whose contents are drawn only while it is open (opening it reruns its part of the page): a form
    in every item's popover would otherwise be drawn, and cost time, on every choice made anywhere near it."""
    return st.popover(label, icon=":material/edit:", key=key, on_change="rerun")


def _note(session: RecordSession, kind: str, target: str, index: int, note) -> None:
    """One note of evidence: what it says and its link, to change or remove."""
    item = f"{session.widgets('evidence')}-{kind}-{target}-{index}"
    where = f"evidence-{kind}-{target}-{index}"
    with st.container(horizontal=True, vertical_alignment="center"):
        st.markdown(_evidence_line(note.text, note.link), width="stretch")
        change = _lazy_popover("Change", f"{item}-change")
        if change.open:
            with change, st.form(f"{item}-form", border=False, enter_to_submit=False):
                keys = (f"{item}-text", f"{item}-link")
                st.text_area("Note", value=note.text or "", key=keys[0], max_chars=5000)
                st.text_input("Link (https://…)", value=note.link or "", key=keys[1], max_chars=2000)
                st.form_submit_button("Save the change", on_click=_change_note, args=(kind, target, index, keys, where))
        st.button(
            "Remove", key=f"{item}-remove", icon=":material/delete:", on_click=_remove_note,
            args=(kind, target, index),
        )  # fmt: skip
    say(where)


def _add_evidence(about: dict[str, tuple[str, str]], about_key: str, text_key: str, link_key: str) -> None:
    target = about.get(value(about_key))
    if target is None:
        st.session_state.setdefault(MESSAGES, {})["add-evidence"] = (
            "error",
            "Choose the skill or criterion the note is about; what you typed is kept below.",
        )
        return
    kind, what = target
    apply(lambda s: s.with_evidence(kind, what, value(text_key), value(link_key)), "add-evidence")


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
    text, by, owner, support, status = (value(k) for k in keys)
    fields = {"by": by, "owner": owner, "support": support, "status": STATUS_IDS.get(status, "not-started")}
    if index is None:
        applied = apply(lambda s: s.with_action(text, **fields), where)
    else:
        applied = apply(lambda s: s.with_action_changed(index, text, **fields), where)
    if applied and is_past(by) and fields["status"] != "done":
        _warn(where, f"Kept, with its date {uk_date(by)} in the past: change it if that was a slip.")


@run_gate.fragment
def actions(loaded, scales: tuple[SkillScale, ...] = ()) -> None:
    """The check-in's agreed actions in the order agreed: each marked done in one click, changed or removed;
    new ones added below; and ways to learn each skill of ``scales``, any of which becomes an action in one
    click."""
    _catch_up()
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
                on_change=lambda i=i, k=done_key: apply(lambda s: s.with_action_done(i, bool(value(k)))),
            )
            with st.container(horizontal=True, vertical_alignment="center"):
                st.caption(md(_action_facts(action, today)), width="stretch")
                change = _lazy_popover("Change", f"{at}-{i}-change-open")
                if change.open:
                    with change, st.form(f"{at}-{i}-change", border=False, enter_to_submit=False):
                        keys = _action_fields(f"{at}-{i}-change", action)
                        st.form_submit_button(
                            "Save the change", on_click=lambda i=i, keys=keys, w=where: _put_action(i, keys, w)
                        )
                st.button(
                    "Remove",
                    key=f"{at}-{i}-remove",
                    icon=":material/delete:",
                    on_click=lambda i=i: apply(lambda s: s.without_action(i)),
                )
            say(where)
    with st.form(f"{at}-add", enter_to_submit=False):
        st.markdown("**Add an action**")
        keys = _action_fields(f"{at}-new", None)
        st.form_submit_button(
            "Add the action", icon=":material/add_task:", on_click=_put_action, args=(None, keys, "add-action")
        )
    say("add-action")
    if scales:
        _ways_to_learn(loaded, session, scales)


def _add_learning(words: str) -> None:
    apply(lambda s: s.with_action(words), "learn")


def _ways_to_learn(loaded, session: RecordSession, scales: tuple[SkillScale, ...]) -> None:
    """Per skill, up to three resources at the level to reach (the target role's, else the next level up), each
    one click from being an agreed action. Drawn only while its section is open: most check-ins never open it."""
    section = st.expander("Ways to learn, skill by skill", key=LEARN_OPEN, on_change="rerun", icon=":material/school:")
    if not section.open:
        return
    fw = loaded.framework
    held, _ = record_levels(session.record, fw, at=session.index)
    agreed = {a.action for a in session.current.actions}
    with section:
        st.markdown(
            "For each skill, a few ways to learn it at the level to reach — the level the target role needs, or "
            "the next level up — from the learning catalogues in use. “Add as an action” adds one to this "
            "check-in's agreed actions."
        )
        say("learn")
        library = learning.library(loaded)
        ways = ways_to_learn(fw, library, scales, held)
        for way in ways:
            st.markdown(f"**{md(way.name)}** — to {md(way.level_name)}, {md(way.why)}")
            if not way.resources:
                st.markdown("No resource in the catalogues in use names this level.")
                continue
            offer_resources(
                way.resources,
                key=f"rec-learn-{way.skill}",
                action=lambda r, way=way: resource_action(r, way.towards),
                agreed=agreed,
                on_add=_add_learning,
            )
        if notices := catalogue_notices(library, (r for way in ways for r in way.resources)):
            st.caption(f"Learning resources: {md(notices)}")
