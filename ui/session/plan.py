"""What people write into a development plan: the focus, the names, the next check-in and the agreed actions.

:class:`PlanInputs` is immutable; each edit makes a new one by a pure method. Actions keep the order they were
added in and an id of their own, so that editing one field, adding, removing and editing again never moves or
loses what was typed elsewhere. A row with anything in it is an agreed action (never dropped), and a new one
starts "Not started". Text past its limit is refused with a message naming the field and the limit, and the
text agreed before stays, so nothing already in the plan is lost.

:func:`current` and :func:`keep` are the one place the inputs are kept in ``st.session_state``; nothing of them is
ever shared, cached, written to disk or logged.

>>> inputs = PlanInputs().add_action()
>>> inputs, problem = inputs.edit_action(1, action="Shadow a product lead")
>>> [a.action for a in inputs.agreed_actions()], inputs.agreed_actions()[0].status
(['Shadow a product lead'], 'Not started')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

import streamlit as st

from framework.plan import ACTION_STATUSES, DEFAULT_STATUS, Action

__all__ = ["LIMITS", "ActionDraft", "PlanInputs", "current", "keep"]

#: The most characters each text field takes: enough for a sentence or two, as a 1:1 sheet has room for.
LIMITS = {"action": 500, "owner": 80, "support": 300, "person": 80, "manager": 80}
_NAMES = {"action": "the action", "owner": "the owner", "support": "the support", "person": "the person's name",
          "manager": "the line manager's name"}  # fmt: skip


@dataclass(frozen=True)
class ActionDraft:
    """An action as typed so far; ``id`` stays with it whatever happens to the others."""

    id: int
    action: str = ""
    by_when: dt.date | None = None
    owner: str = ""
    support: str = ""
    status: str = DEFAULT_STATUS

    @property
    def blank(self) -> bool:
        """Nothing typed in it (a status alone is not an action)."""
        return not (self.action.strip() or self.owner.strip() or self.support.strip() or self.by_when)

    def agreed(self) -> Action:
        return Action(self.action.strip(), self.by_when, self.owner.strip(), self.support.strip(), self.status)


def _too_long(field: str, text: str, where: str) -> str | None:
    limit = LIMITS[field]
    if len(text) <= limit:
        return None
    return (
        f"{where}: {_NAMES[field]} is {len(text):,} characters long, over the limit of {limit:,}. It was not taken: "
        f"the plan keeps what it had. Shorten it to {limit:,} characters or fewer."
    )


@dataclass(frozen=True)
class PlanInputs:
    """Everything written into one person's plan, in this session."""

    comparison: tuple[str, ...] = ()  # the comparison the focus was chosen for: (framework, current side, target)
    focus: tuple[str, ...] | None = None  # the focus items' keys, in order; None: the plan's biggest gaps
    person: str = ""
    manager: str = ""
    next_check_in: dt.date | None = None
    actions: tuple[ActionDraft, ...] = ()
    next_id: int = 1

    # ----------------------------------------------------------------- the focus

    def for_comparison(self, comparison: tuple[str, ...]) -> PlanInputs:
        """The inputs for another comparison: its focus starts again from its biggest gaps; names, dates and
        actions belong to the conversation and stay."""
        return self if comparison == self.comparison else replace(self, comparison=comparison, focus=None)

    def with_focus(self, keys: Sequence[str]) -> PlanInputs:
        return replace(self, focus=tuple(dict.fromkeys(keys)))

    # ----------------------------------------------------------------- who and when

    def with_name(self, field: str, text: str) -> tuple[PlanInputs, str | None]:
        """``field`` ("person" or "manager") set to ``text``, or refused with a message when too long."""
        problem = _too_long(field, text, "Names")
        return (self, problem) if problem else (replace(self, **{field: text}), None)

    def with_next_check_in(self, date: dt.date | None) -> PlanInputs:
        return replace(self, next_check_in=date)

    # ----------------------------------------------------------------- actions

    def add_action(self) -> PlanInputs:
        """A new, empty action at the end, "Not started"."""
        return replace(self, actions=(*self.actions, ActionDraft(self.next_id)), next_id=self.next_id + 1)

    def number_of(self, action_id: int) -> int:
        """Where the action stands in the list, from 1 (how the page and the files number it)."""
        return next(i for i, a in enumerate(self.actions, 1) if a.id == action_id)

    def edit_action(self, action_id: int, **changes: object) -> tuple[PlanInputs, str | None]:
        """The action ``action_id`` with ``changes`` (action, by_when, owner, support, status); a text over its
        limit, or an unknown status, is refused with a message and the rest of the change is made."""
        draft = next((a for a in self.actions if a.id == action_id), None)
        if draft is None:
            return self, None
        problems, kept = [], {}
        where = f"Action {self.number_of(action_id)}"
        for name, value in changes.items():
            if name in LIMITS and isinstance(value, str):
                problem = _too_long(name, value, where)
                if problem:
                    problems.append(problem)
                    continue
            if name == "status" and value not in ACTION_STATUSES:
                problems.append(f"{where}: {value!r} is not a status; it stays {draft.status!r}.")
                continue
            kept[name] = value
        updated = replace(draft, **kept)
        actions = tuple(updated if a.id == action_id else a for a in self.actions)
        return replace(self, actions=actions), " ".join(problems) or None

    def with_action_from(self, text: str) -> tuple[PlanInputs, int | None]:
        """An action written for the person (a learning resource's "add as an action"): in the last row where
        nothing is typed in it yet, else in a new row at the end; and the id of that row. Where an action already
        says exactly ``text``, nothing changes (id None): a second click never adds it twice. A text over the
        limit is refused (id None), as typed text is."""
        text = text.strip()
        if not text or _too_long("action", text, "The action") or any(a.action.strip() == text for a in self.actions):
            return self, None
        inputs = self if self.actions and self.actions[-1].blank else self.add_action()
        row = replace(inputs.actions[-1], action=text)
        return replace(inputs, actions=(*inputs.actions[:-1], row)), row.id

    def remove_action(self, action_id: int) -> PlanInputs:
        return replace(self, actions=tuple(a for a in self.actions if a.id != action_id))

    def with_actions(self, actions: Sequence[Action]) -> PlanInputs:
        """``actions`` (a development record's open ones) in place of the rows, unless something is typed in
        them already: what a person typed is never replaced."""
        if any(not a.blank for a in self.actions) or not actions:
            return self
        drafts = tuple(
            ActionDraft(self.next_id + i, a.action, a.by_when, a.owner, a.support, a.status)
            for i, a in enumerate(actions)
        )
        return replace(self, actions=drafts, next_id=self.next_id + len(drafts))

    def agreed_actions(self) -> tuple[Action, ...]:
        """Every row with anything typed in it, in the order the rows were added: none is dropped."""
        return tuple(a.agreed() for a in self.actions if not a.blank)


# --------------------------------------------------------------------------- kept in the session

_KEY = "plan_inputs"


def current() -> PlanInputs:
    """This session's plan inputs (one empty action to start with)."""
    saved = st.session_state.get(_KEY)
    if not isinstance(saved, PlanInputs):
        saved = PlanInputs().add_action()
        st.session_state[_KEY] = saved
    return saved


def keep(inputs: PlanInputs) -> None:
    st.session_state[_KEY] = inputs
