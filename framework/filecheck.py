"""Checking a person's small file (a skills profile, a development record) against its model.

The framework loader has its own, richer checks (:mod:`framework.loader`); these two files share these: every
schema problem found (up to ``MAX_PROBLEMS``), in words, then each placed at its line and column in the text.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from .errors import Problem
from .yamlsafe import MAX_PROBLEMS, cap_problems, locate

__all__ = ["located", "validated"]

M = TypeVar("M", bound=BaseModel)


def validated(model: type[M], raw: dict, problems: list[Problem]) -> M | None:
    """``raw`` as a ``model``, or None with what is wrong with it added to ``problems``."""
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        for error in exc.errors(include_url=False)[:MAX_PROBLEMS]:
            path = tuple(p for p in error["loc"] if p != "[key]")
            message = error["msg"]
            if error["type"] == "missing":
                message = f"missing required field {path[-1]!r}"
            elif error["type"] == "extra_forbidden":
                message = f"unknown field {path[-1]!r}"
            problems.append(Problem(message[:1].lower() + message[1:], path=path, code=f"schema-{error['type']}"))
        if exc.error_count() > MAX_PROBLEMS:
            more = exc.error_count() - MAX_PROBLEMS
            problems.append(Problem(f"… and {more:,} more problems, not listed", code="too-many-problems"))
        return None


def located(problems: list[Problem], text: str, name: str) -> list[Problem]:
    """``problems`` (at most ``MAX_PROBLEMS`` of them) placed in the file: its name, and the line and column
    of each one's path in ``text`` where it can be found."""
    problems = cap_problems(problems)
    where = iter(locate(text, [p.path for p in problems]))
    out = []
    for problem in problems:
        line, column = next(where) or (problem.line, problem.column)
        out.append(replace(problem, file=name, line=line, column=column))
    return out
