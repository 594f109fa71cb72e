"""Hints ("did you mean …?") for unknown ids, at a bounded cost, for every reader of files (frameworks, profiles).

A hint compares one word with every known id (difflib, some 10 µs each), so a hostile file with thousands of
unknown ids among thousands of known ones would take minutes: hints are remembered per value, and given only
while the comparisons made stay within a budget (about a second); later unknown ids get none.
"""

from __future__ import annotations

from collections.abc import Collection

from .errors import _closest

__all__ = ["Hints"]


class Hints:
    """``hints(kind, value, known)``: the closest known id to ``value``, or None (also once the budget is spent)."""

    BUDGET = 100_000  #: comparisons of one word with one known id, for one file
    LONGEST = 200  #: a longer value is no typo of an id, and costs more to compare

    def __init__(self, budget: int = BUDGET) -> None:
        self._budget = budget
        self._seen: dict[tuple[str, str], str | None] = {}
        self._spent = 0

    def __call__(self, kind: str, value: str, known: Collection[str]) -> str | None:
        key = (kind, value)
        if key not in self._seen:
            hint = None
            if self._spent + len(known) <= self._budget and len(value) <= self.LONGEST:
                self._spent += len(known)
                hint = _closest(value, known)
            self._seen[key] = hint
        return self._seen[key]
