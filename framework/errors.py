"""Typed errors and located problems.

Every problem a user can cause is a :class:`Problem` that says *what* is wrong and *where*: the file, the
line and column when known, the role id and the field path. Loading collects every problem of a file and
raises one :class:`FrameworkError` holding them all, so a user fixes a file in one pass, not one error at
a time.

Two families under that one base, as networkx has them: :class:`InputError` — something wrong with what a
person gave (a file, an upload, a record, a document), to be shown with its locations — and
:class:`QueryError` — a question the framework cannot answer (:class:`RoleNotFound`, :class:`NoPath`), to be
explained in words. Catch :class:`FrameworkError` for both.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .wording import plural

__all__ = [
    "FrameworkError",
    "InputError",
    "NoPath",
    "Problem",
    "QueryError",
    "RoleNotFound",
    "format_path",
]

PathPart = str | int


def format_path(path: Sequence[PathPart]) -> str:
    """Render a field path like ``roles[3].skills[0].level``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) in an input, with its location."""

    message: str
    path: tuple[PathPart, ...] = ()
    file: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    role: str | None = None
    severity: str = "error"  # "error" or "warning"
    code: str = "invalid"  # a stable machine-readable kind, e.g. "unknown-grade"

    @property
    def location(self) -> str:
        """``file:line:column``, as much of it as is known ("" when nothing is)."""
        parts = [self.file] if self.file else []
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        bits = []
        if self.location:
            bits.append(self.location)
        if self.role:
            bits.append(f"role {self.role}")
        if self.path:
            bits.append(format_path(self.path))
        prefix = ": ".join(bits)
        label = "warning: " if self.severity == "warning" else ""
        return f"{prefix}: {label}{self.message}" if prefix else f"{label}{self.message}"


class FrameworkError(Exception):
    """A framework (or profile) could not be used; ``problems`` lists every reason, each located."""

    def __init__(self, problems: Iterable[Problem] = (), summary: str = "the framework has problems") -> None:
        self.problems: list[Problem] = list(problems)
        self.summary = summary
        super().__init__(summary)

    @classmethod
    def single(cls, message: str, **where) -> FrameworkError:
        return cls([Problem(message, **where)], summary=message)

    def __str__(self) -> str:
        if not self.problems:
            return self.summary
        if len(self.problems) == 1 and self.problems[0].message == self.summary:
            return str(self.problems[0])
        lines = [f"{self.summary} ({plural(len(self.problems), 'problem')}):"]
        lines.extend(f"  {p}" for p in self.problems)
        return "\n".join(lines)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)


class InputError(FrameworkError):
    """An input (a framework file, an upload, a profile or record, a document to import) has problems."""


class QueryError(FrameworkError):
    """A question asked of a framework has no answer: an unknown role, no route between two roles."""


class RoleNotFound(QueryError):
    """A role id asked for is not in the framework."""

    def __init__(self, role_id: str, *, known: Iterable[str] = ()) -> None:
        self.role_id = role_id
        hint = _closest(role_id, known)
        message = f"no role with id {role_id!r}" + (f" (did you mean {hint!r}?)" if hint else "")
        super().__init__([Problem(message, role=role_id, code="unknown-role")], summary=message)


class NoPath(QueryError):
    """No route leads from one role to another; ``reason`` says why in plain words."""

    def __init__(self, source: str, target: str, reason: str) -> None:
        self.source = source
        self.target = target
        self.reason = reason
        message = f"no route from {source} to {target}: {reason}"
        super().__init__([Problem(message, role=source, code="no-path")], summary=message)


def _closest(word: str, candidates: Iterable[str]) -> str | None:
    import difflib

    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.75)
    return matches[0] if matches else None
