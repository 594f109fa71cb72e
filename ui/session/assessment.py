"""The self-assessment a person makes on the Skill gap page: the level they hold in each skill.

:class:`Assessment` is immutable; each edit — a level changed, a file loaded, a development record's levels
taken, a start again from a role — makes a new one (its methods are pure). :func:`current` and :func:`keep` are
the one place it is kept in ``st.session_state``, under one key; nothing of it is ever shared, cached, written
to disk or logged.

>>> a = Assessment.of_role("council", "delivery-manager", {"planning": "practitioner"})
>>> b = a.with_levels({"planning": "expert"}, listed=["planning"])
>>> (a.levels["planning"], b.levels["planning"], b.edited)
('practitioner', 'expert', True)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

import streamlit as st

from framework.models import Framework
from framework.skills import Profile, profile_from_role

__all__ = ["FROM_RECORD", "Assessment", "current", "editor_version", "keep", "new_editor", "start_again"]

FROM_RECORD = "your development record"  #: the source of an assessment made from this session's record


def _frozen(levels: Mapping[str, str] | None) -> Mapping[str, str]:
    return MappingProxyType(dict(levels or {}))


@dataclass(frozen=True)
class Assessment:
    """A person's levels (skill id → level id) in one framework, and where they come from."""

    framework: str
    based_on: str | None  # the role the levels started from
    levels: Mapping[str, str] = field(default_factory=lambda: _frozen({}))
    edited: bool = False  # changed here, or loaded: no longer follows the current role
    source: str | None = None  # the file it was loaded from, or FROM_RECORD
    label: str | None = None  # the name it was saved with
    #: Where each level comes from, for levels taken from a development record: skill id → "agreed",
    #: "manager" or "self"; a level changed here is no longer the record's.
    voices: Mapping[str, str] | None = None
    as_of: dt.date | None = None  # for levels taken from a development record: the date of its check-in

    def __post_init__(self) -> None:
        object.__setattr__(self, "levels", _frozen(self.levels))
        if self.voices is not None:
            object.__setattr__(self, "voices", _frozen(self.voices))

    @classmethod
    def of_role(cls, framework_id: str, role_id: str | None, levels: Mapping[str, str]) -> Assessment:
        """The levels of ``role_id``'s profile, not yet edited: the assessment follows the current role."""
        return cls(framework_id, role_id, levels)

    @classmethod
    def loaded(cls, profile: Profile, source: str) -> Assessment:
        """A profile loaded from a file."""
        return cls(profile.framework, profile.based_on, profile.skills, True, source, profile.label)

    @classmethod
    def from_record(
        cls, profile: Profile, voices: Mapping[str, str], as_of: dt.date, source: str = FROM_RECORD
    ) -> Assessment:
        """A development record's levels (agreed, else the manager's, else the person's own) at its check-in of
        ``as_of``, and which is which."""
        return cls(profile.framework, profile.based_on, profile.skills, True, source, profile.label, voices, as_of)

    def with_levels(self, levels: Mapping[str, str | None], *, listed: Iterable[str]) -> Assessment:
        """The levels set in the editor for the ``listed`` skills (None: not held), every other skill's kept. An
        assessment that changes is edited; a skill whose level changed is no longer the record's."""
        listed = set(listed)
        new = {s: v for s, v in self.levels.items() if s not in listed}
        new |= {s: v for s, v in levels.items() if s in listed and v is not None}
        if new == dict(self.levels):
            return self
        voices = None
        if self.voices is not None:
            voices = {s: v for s, v in self.voices.items() if new.get(s) == self.levels.get(s)}
        return replace(self, levels=new, edited=True, voices=voices)

    def profile(self, framework: Framework, default_label: str) -> Profile:
        """The assessment as the profile the gap is computed from (and the file it is saved as)."""
        based_on = self.based_on if self.based_on in framework.roles_by_id else None
        return Profile(
            framework=framework.id, label=self.label or default_label, based_on=based_on, skills=dict(self.levels)
        )


# --------------------------------------------------------------------------- kept in the session

_KEY = "gap_assessment"
_EDITOR = "gap_editor_version"  # a new editor (fresh from the assessment) after a load or a start again


def _fresh(framework: Framework, role_id: str | None) -> Assessment:
    levels = dict(profile_from_role(framework, role_id).skills) if role_id else {}
    return Assessment.of_role(framework.id, role_id, levels)


def current(framework: Framework, role_id: str | None) -> Assessment:
    """This session's assessment in ``framework``: it follows the current role until it is edited or loaded (one
    made in another framework is started afresh)."""
    saved = st.session_state.get(_KEY)
    if not isinstance(saved, Assessment) or saved.framework != framework.id:
        saved = None
    if saved is None or (not saved.edited and saved.based_on != role_id):
        saved = _fresh(framework, role_id)
        st.session_state[_KEY] = saved
    return saved


def keep(assessment: Assessment, *, new_editor_needed: bool = False) -> None:
    """Keep ``assessment`` as this session's; with ``new_editor_needed``, the editor is drawn afresh from it (after
    a load or a start again, whose levels the editor's own edits must not overwrite)."""
    st.session_state[_KEY] = assessment
    if new_editor_needed:
        new_editor()


def held() -> Assessment | None:
    """The assessment kept, whatever its framework (None before the page first makes one)."""
    saved = st.session_state.get(_KEY)
    return saved if isinstance(saved, Assessment) else None


def start_again(framework: Framework, role_id: str | None) -> None:
    """Callback: the levels of ``role_id`` again, in a fresh editor."""
    keep(_fresh(framework, role_id), new_editor_needed=True)


def new_editor() -> None:
    st.session_state[_EDITOR] = editor_version() + 1


def editor_version() -> int:
    return st.session_state.get(_EDITOR, 0)
