"""The development record being edited in this session: a typed, immutable model, the edits that make a new one,
and the one place that keeps it in ``st.session_state``.

Every edit a person makes on the Development record page — a level, a rating, a note of evidence, an action, a
name, a date — is a transition of :class:`RecordSession`: a pure method that returns a new session and leaves
the old one as it was, so the page never holds a half-applied edit and each transition is tested on its own.
Typed text is checked as it is applied; what cannot be kept raises :class:`EditRefused`, saying which field
and why, and the page keeps what the person typed so that they can correct it.

The session's record lives in ``st.session_state`` only (:func:`get`, :func:`put`), never in a cache other
sessions share, never on disk or in logs. The Skill gap page reads its levels through :func:`get`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Literal

import streamlit as st
from pydantic import ValidationError

from framework.models import Framework
from framework.record import (
    AGREED,
    MANAGER,
    SELF,
    AgreedAction,
    CheckIn,
    DevelopmentRecord,
    Evidence,
    ExpectationRating,
    SkillRating,
    add_check_in,
)

__all__ = [
    "RECORD",
    "EditRefused",
    "RecordSession",
    "clear",
    "get",
    "get_session",
    "put",
    "reader",
]

#: Session key of the record being edited (a :class:`_Held`, whose ``session`` is the :class:`RecordSession`).
RECORD = "dev_record"
Kind = Literal["skill", "expectation"]
Part = Literal["record", "levels", "evidence", "actions"]
#: The field of a skill's rating, and of an expectation's, that holds each voice.
_SKILL_FIELDS = {SELF: "self_level", MANAGER: "manager", AGREED: "agreed"}
_RATING_FIELDS = {SELF: "self_rating", MANAGER: "manager", AGREED: "agreed"}


class EditRefused(ValueError):
    """What was typed cannot be kept: the message names the field and says why, in words a person reads."""


def _problem(error: ValidationError, fields: dict[str, str]) -> str:
    first = error.errors()[0]
    where = next((fields[str(part)] for part in first["loc"] if str(part) in fields), "the entry")
    message = first["msg"]
    if first["type"] == "string_too_long":
        message = f"it is longer than the {first['ctx']['max_length']:,} characters a record keeps"
    elif first["type"] == "string_pattern_mismatch" and where == "the link":
        message = "a link starts with http:// or https:// and has no spaces"
    return f"{where[0].upper()}{where[1:]} cannot be kept: {message}."


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None


@dataclass(frozen=True)
class RecordSession:
    """The record being edited, read against the framework ``framework_id``, and what the page needs around it.

    The page keys the widgets of each part of the check-in by :meth:`widgets`, which changes whenever values
    of that part change other than through the widget that shows them (a new or loaded record or a new check-in
    for every part; a voice copied into another for the levels; a note or an action added, changed or
    removed): each widget then starts afresh from the record and never shows a value of before, and an edit
    in one part leaves what is being typed in another part as it is.
    """

    record: DevelopmentRecord
    framework_id: str
    source: str | None = None  # the file it was loaded from
    warnings: tuple[str, ...] = ()
    check_in: int = -1  # the check-in being edited, an index of record.check_ins
    generation: int = 0  # the record as a whole: a new or loaded one, a new check-in
    levels_edition: int = 0
    evidence_edition: int = 0
    actions_edition: int = 0

    # ------------------------------------------------------------------ starting

    @classmethod
    def begin(
        cls,
        record: DevelopmentRecord,
        framework_id: str,
        *,
        source: str | None = None,
        warnings: Iterable[str] = (),
        previous: RecordSession | None = None,
    ) -> RecordSession:
        """A session on ``record`` (new, or loaded from ``source``), editing its latest check-in; it follows
        ``previous`` so that no widget of the record before is taken for one of this record."""
        generation = previous.generation + 1 if previous is not None else 0
        return cls(record, framework_id, source, tuple(warnings), len(record.check_ins) - 1, generation=generation)

    # ------------------------------------------------------------------ reading

    @property
    def index(self) -> int:
        """The index of the check-in being edited (a stored -1, or one past the end, reads as the latest)."""
        count = len(self.record.check_ins)
        return self.check_in if 0 <= self.check_in < count else count - 1

    @property
    def current(self) -> CheckIn:
        return self.record.check_ins[self.index]

    def widgets(self, part: Part) -> str:
        """The prefix of the keys of the widgets of ``part`` ("levels", "evidence", "actions" or "record") of
        the check-in being edited (see the class's docstring)."""
        edition = getattr(self, f"{part}_edition") if part != "record" else 0
        return f"rec-{part}-{self.generation}-{edition}-{self.index}"

    # ------------------------------------------------------------------ helpers

    def _record(self, record: DevelopmentRecord, *, fresh: Part | None = None) -> RecordSession:
        if fresh == "record":
            return replace(self, record=record, generation=self.generation + 1)
        if fresh is not None:
            return replace(self, record=record, **{f"{fresh}_edition": getattr(self, f"{fresh}_edition") + 1})
        return replace(self, record=record)

    def _check_in(self, check_in: CheckIn, *, fresh: Part | None = None) -> RecordSession:
        at = self.index
        check_ins = [*self.record.check_ins[:at], check_in, *self.record.check_ins[at + 1 :]]
        return self._record(self.record.model_copy(update={"check_ins": check_ins}), fresh=fresh)

    def _validated(self, check_in: CheckIn, fields: dict[str, str]) -> CheckIn:
        try:
            return CheckIn.model_validate(check_in.model_dump(by_alias=True))
        except ValidationError as error:
            raise EditRefused(_problem(error, fields)) from error

    # ------------------------------------------------------------------ the record's facts

    def with_person(self, name: str | None) -> RecordSession:
        """The person's name (blank: none), as it goes in the file."""
        person = _text(name)
        if person is not None and len(person) > 5000:
            raise EditRefused("The name cannot be kept: it is longer than 5,000 characters.")
        return self._record(self.record.model_copy(update={"person": person}))

    def with_check_in_chosen(self, index: int) -> RecordSession:
        if not 0 <= index < len(self.record.check_ins):
            raise EditRefused(f"There is no check-in {index + 1}.")
        return replace(self, check_in=index)

    def with_new_check_in(self, date: dt.date) -> RecordSession:
        """A new check-in on ``date``, starting from the latest one's levels and its actions not yet done, and
        chosen for editing."""
        record = add_check_in(self.record, date)
        return replace(self._record(record, fresh="record"), check_in=len(record.check_ins) - 1)

    def with_notes(self, text: str | None) -> RecordSession:
        checked = self._validated(self.current.model_copy(update={"notes": _text(text)}), {"notes": "the notes"})
        return self._check_in(checked)

    def with_next_check_in(self, date: dt.date | None) -> RecordSession:
        return self._check_in(self.current.model_copy(update={"next_check_in": date}))

    # ------------------------------------------------------------------ levels and ratings

    def with_level(self, skill: str, voice: str, level: str | None) -> RecordSession:
        """``skill`` at ``level`` (a level id, ``not-observed``, or None/"" for none) in ``voice``."""
        ratings = dict(self.current.skills)
        ratings[skill] = (ratings.get(skill) or SkillRating()).model_copy(update={_SKILL_FIELDS[voice]: level or None})
        return self._check_in(self.current.model_copy(update={"skills": _kept(ratings, skill)}))

    def with_rating(self, key: str, voice: str, rating: str | None) -> RecordSession:
        """The expectation ``key`` rated ``rating`` (met, partly, not-yet, not-observed; None/"" for none)."""
        ratings = dict(self.current.expectations)
        blank = ratings.get(key) or ExpectationRating()
        ratings[key] = blank.model_copy(update={_RATING_FIELDS[voice]: rating or None})
        return self._check_in(self.current.model_copy(update={"expectations": _kept(ratings, key)}))

    def with_voice_copied(
        self, source: str, into: str, *, skills: Iterable[str] = (), expectations: Iterable[str] = ()
    ) -> RecordSession:
        """Every level and rating of ``source`` given also in ``into``, for the skills and expectations listed
        (one click: "same as my own", "agree with the line manager's"). Where ``source`` gives none, ``into``
        keeps its own."""
        check_in = self.current
        skill_ratings, expectation_ratings = dict(check_in.skills), dict(check_in.expectations)
        for skill in skills:
            rating = skill_ratings.get(skill)
            if rating is not None and rating.level(source):
                skill_ratings[skill] = rating.model_copy(update={_SKILL_FIELDS[into]: rating.level(source)})
        for key in expectations:
            rating = expectation_ratings.get(key)
            if rating is not None and rating.rating(source):
                expectation_ratings[key] = rating.model_copy(update={_RATING_FIELDS[into]: rating.rating(source)})
        updated = check_in.model_copy(update={"skills": skill_ratings, "expectations": expectation_ratings})
        return self._check_in(updated, fresh="levels")

    # ------------------------------------------------------------------ evidence

    def _evidence_of(self, kind: Kind, target: str) -> list[Evidence]:
        ratings = self.current.skills if kind == "skill" else self.current.expectations
        rating = ratings.get(target)
        return list(rating.evidence) if rating is not None else []

    def _with_evidence(self, kind: Kind, target: str, notes: list[Evidence]) -> RecordSession:
        check_in = self.current
        if kind == "skill":
            ratings = dict(check_in.skills)
            ratings[target] = (ratings.get(target) or SkillRating()).model_copy(update={"evidence": notes})
            updated = check_in.model_copy(update={"skills": _kept(ratings, target)})
        else:
            ratings = dict(check_in.expectations)
            blank = ratings.get(target) or ExpectationRating()
            ratings[target] = blank.model_copy(update={"evidence": notes})
            updated = check_in.model_copy(update={"expectations": _kept(ratings, target)})
        return self._check_in(self._validated(updated, {"evidence": "the evidence"}), fresh="evidence")

    def with_evidence(self, kind: Kind, target: str, text: str | None, link: str | None) -> RecordSession:
        """A note of evidence about a skill or an expectation, after the ones it has."""
        return self._with_evidence(kind, target, [*self._evidence_of(kind, target), _evidence(text, link)])

    def with_evidence_changed(
        self, kind: Kind, target: str, index: int, text: str | None, link: str | None
    ) -> RecordSession:
        notes = self._evidence_of(kind, target)
        _check_index(index, notes, "note of evidence")
        notes[index] = _evidence(text, link)
        return self._with_evidence(kind, target, notes)

    def without_evidence(self, kind: Kind, target: str, index: int) -> RecordSession:
        notes = self._evidence_of(kind, target)
        _check_index(index, notes, "note of evidence")
        del notes[index]
        return self._with_evidence(kind, target, notes)

    # ------------------------------------------------------------------ actions

    def _with_actions(self, actions: list[AgreedAction], *, fresh: bool = True) -> RecordSession:
        updated = self._validated(self.current.model_copy(update={"actions": actions}), {"actions": "the actions"})
        return self._check_in(updated, fresh="actions" if fresh else None)

    def with_action(
        self,
        text: str | None,
        *,
        by: dt.date | None = None,
        owner: str | None = None,
        support: str | None = None,
        status: str = "not-started",
    ) -> RecordSession:
        """An agreed action, after the ones the check-in has."""
        return self._with_actions([*self.current.actions, _action(text, by, owner, support, status)])

    def with_action_changed(
        self,
        index: int,
        text: str | None,
        *,
        by: dt.date | None,
        owner: str | None,
        support: str | None,
        status: str,
    ) -> RecordSession:
        actions = list(self.current.actions)
        _check_index(index, actions, "action")
        actions[index] = _action(text, by, owner, support, status)
        return self._with_actions(actions)

    def with_action_done(self, index: int, done: bool) -> RecordSession:
        """The action marked done, or not done again (then "not started", unless it was already under way)."""
        actions = list(self.current.actions)
        _check_index(index, actions, "action")
        before = actions[index]
        status = "done" if done else ("not-started" if before.status == "done" else before.status)
        actions[index] = before.model_copy(update={"status": status})
        return self._with_actions(actions, fresh=False)

    def without_action(self, index: int) -> RecordSession:
        actions = list(self.current.actions)
        _check_index(index, actions, "action")
        del actions[index]
        return self._with_actions(actions)


def _kept(ratings: dict, skill_or_key: str) -> dict:
    """``ratings`` without the entry an edit left empty (no level or rating in any voice, and no evidence)."""
    rating = ratings[skill_or_key]
    voices = _SKILL_FIELDS if isinstance(rating, SkillRating) else _RATING_FIELDS
    if rating.evidence or any(getattr(rating, name) for name in voices.values()):
        return ratings
    return {k: v for k, v in ratings.items() if k != skill_or_key}


def _check_index(index: int, items: list, what: str) -> None:
    if not 0 <= index < len(items):
        raise EditRefused(f"There is no {what} {index + 1} in this check-in (it may have been removed).")


def _evidence(text: str | None, link: str | None) -> Evidence:
    text, link = _text(text), _text(link)
    if text is None and link is None:
        raise EditRefused("A note of evidence needs a text or a link.")
    try:
        return Evidence(text=text, link=link)
    except ValidationError as error:
        raise EditRefused(_problem(error, {"text": "the note", "link": "the link"})) from error


def _action(text: str | None, by: dt.date | None, owner: str | None, support: str | None, status: str) -> AgreedAction:
    text = _text(text)
    if text is None:
        raise EditRefused("An action needs a few words saying what will be done.")
    try:
        return AgreedAction(action=text, by=by, owner=_text(owner), support=_text(support), status=status)
    except ValidationError as error:
        raise EditRefused(
            _problem(
                error,
                {"action": "the action", "owner": "the owner", "support": "the support", "status": "the status"},
            )
        ) from error


# --------------------------------------------------------------------------- the session's store


class _Held:
    """The one mutable cell of the session: the current :class:`RecordSession`. Downloads made when the button
    is pressed read it then, so a file saved after an edit of one part of the page holds that edit."""

    __slots__ = ("session",)

    def __init__(self, session: RecordSession) -> None:
        self.session = session


def get_session(framework: Framework | None = None) -> RecordSession | None:
    """The session's record being edited, when it is read with ``framework`` (given): one started or loaded
    with another framework chosen is not offered."""
    held = st.session_state.get(RECORD)
    if not isinstance(held, _Held):
        return None
    if framework is not None and held.session.framework_id != framework.id:
        return None
    return held.session


def get(framework: Framework | None = None) -> DevelopmentRecord | None:
    """The record of :func:`get_session` (what the Skill gap page reads its levels from)."""
    session = get_session(framework)
    return session.record if session is not None else None


def put(session: RecordSession) -> None:
    held = st.session_state.get(RECORD)
    if isinstance(held, _Held):
        held.session = session
    else:
        st.session_state[RECORD] = _Held(session)


def reader() -> Callable[[], RecordSession | None]:
    """A function that gives the session's record as it is when called — from a download made on click, which
    runs outside the page's run and cannot read ``st.session_state``."""
    held = st.session_state.get(RECORD)
    return (lambda: held.session) if isinstance(held, _Held) else (lambda: None)


def clear() -> None:
    st.session_state.pop(RECORD, None)
