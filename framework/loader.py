"""Load a framework file: parse safely, validate against the models, check every reference.

:func:`load_framework` collects *every* problem in one pass — YAML syntax (file:line:column), schema
problems (role id and field path, with the line), unknown ids, duplicate ids, reporting-line cycles, skill
levels off the scale — and raises one :class:`~framework.errors.FrameworkError` listing them all. Data that is
valid but suspicious becomes a warning on the loaded framework (``framework.warnings``), not an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import networkx as nx
from pydantic import ValidationError

from .errors import FrameworkError, PathPart, Problem, _closest
from .models import Framework
from .yamlsafe import (
    MAX_BYTES,
    MAX_NODES,
    MAX_PROBLEMS,
    cap_problems,
    decode,
    locate,
    node_limit,
    parse_yaml_document,
    read_text,
)

__all__ = ["load_framework", "load_framework_text", "validate_data"]

_SECTIONS = ("grades", "disciplines", "skill_levels", "skills", "roles")


def load_framework(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Framework:
    """Load and check the framework file at ``path``."""
    return load_framework_text(read_text(path, max_bytes=max_bytes), name=str(path))


def load_framework_bytes(data: bytes, *, name: str, max_bytes: int = MAX_BYTES) -> Framework:
    """Load and check a framework from raw bytes (an upload), within ``max_bytes`` and its node budget."""
    text = decode(data, name=name, max_bytes=max_bytes)
    return load_framework_text(text, name=name, max_nodes=node_limit(max_bytes))


def load_framework_text(text: str, *, name: str = "<input>", max_nodes: int = MAX_NODES) -> Framework:
    """Load and check a framework from YAML text; ``name`` is used in problem locations."""
    data, problems, root = parse_yaml_document(text, name=name, max_nodes=max_nodes)
    framework, found = validate_data(data)
    problems += found
    problems = _with_locations(cap_problems(problems), text, name, data, root=root)
    del root
    errors = [p for p in problems if p.severity == "error"]
    if errors or framework is None:
        raise FrameworkError(errors, summary=f"{name} is not a valid framework")
    framework._warnings = tuple(p for p in problems if p.severity == "warning")
    return framework


def validate_data(data: Any) -> tuple[Framework | None, list[Problem]]:
    """Validate parsed data. Returns the framework (None if invalid) and every problem found (unlocated)."""
    if data is None:
        return None, [Problem("the file is empty: a framework needs at least 'id', 'name' and 'grades'")]
    if not isinstance(data, dict):
        kind = type(data).__name__
        return None, [Problem(f"the top level must be a mapping of fields (id, name, grades, …), not a {kind}")]
    problems: list[Problem] = []
    framework: Framework | None = None
    try:
        framework = Framework.model_validate(data)
    except ValidationError as exc:
        problems += _schema_problems(exc, data)
    except RecursionError:
        problems.append(Problem("the document is nested too deeply", code="too-deep"))
    problems += _reference_problems(data)
    if framework is not None and not problems:  # warnings only make sense once every id resolves
        problems += _warnings(framework)
    return framework, problems


# --------------------------------------------------------------------------- schema problems


def _schema_problems(exc: ValidationError, data: dict) -> list[Problem]:
    out = []
    for error in exc.errors(include_url=False)[:MAX_PROBLEMS]:
        path = _data_path(error["loc"], data)
        message = _message(error, path)
        out.append(Problem(message, path=path, role=_role_of(path, data), code=f"schema-{error['type']}"))
    more = exc.error_count() - MAX_PROBLEMS
    if more > 0:  # a hostile file can hold hundreds of thousands: see yamlsafe.cap_problems
        out.append(Problem(f"… and {more:,} more problems with the schema, not listed", code="too-many-problems"))
    return out


def _data_path(loc: tuple, data: Any) -> tuple[PathPart, ...]:
    """Drop the discriminator tags pydantic inserts into locations (``source.document.document``)."""
    path: list[PathPart] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and part not in current and current.get("kind") == part:
            continue
        if part == "[key]":
            continue
        path.append(part)
        if isinstance(current, dict):
            current = current.get(part)
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        else:
            current = None
    return tuple(path)


def _message(error: dict, path: tuple) -> str:
    kind = error["type"]
    field = path[-1] if path else ""
    if kind == "missing":
        return f"missing required field {field!r}"
    if kind == "extra_forbidden":
        return f"unknown field {field!r} (not part of the schema; check the spelling)"
    message = error["msg"]
    if kind == "value_error":
        message = message.removeprefix("Value error, ")
    if kind == "string_pattern_mismatch":
        return f"{_show(error.get('input'))} is not a valid id (use letters, digits, '-', '_' or '.', no spaces)"
    if kind not in ("value_error", "literal_error", "union_tag_invalid", "union_tag_not_found"):
        message = f"{message}, got {_show(error.get('input'), text_expected=kind == 'string_type')}"
    return message[0].lower() + message[1:] if message else message


def _show(value: Any, *, text_expected: bool = False) -> str:
    """The value a problem is about, briefly; where the field wants text and YAML read something else (an
    unquoted ``yes``, ``1.0`` or ``2024-01-01``), a hint to quote it."""
    hint = " (put it in quotes if it is text)" if text_expected else ""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}{hint}"
    if isinstance(value, (int, float)):
        number = str(value)
        if len(number) > 30:  # a pasted reference or a hostile value: its size says enough
            number = f"{number[:12]}… ({len(number):,} digits)"
        return f"the number {number}{hint}"
    if isinstance(value, (date, datetime)):
        return f"the date {value.isoformat()}{hint}"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _role_of(path: tuple, data: Any) -> str | None:
    if len(path) >= 2 and path[0] == "roles" and isinstance(path[1], int):
        roles = data.get("roles") if isinstance(data, dict) else None
        if isinstance(roles, list) and 0 <= path[1] < len(roles) and isinstance(roles[path[1]], dict):
            role_id = roles[path[1]].get("id")
            if isinstance(role_id, str):
                return role_id
    return None


# --------------------------------------------------------------------------- reference problems


def _items(data: dict, section: str) -> Iterator[tuple[int, dict]]:
    items = data.get(section)
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield index, item


def _str(item: Any, *keys: str) -> str | None:
    for key in keys:
        if not isinstance(item, dict):
            return None
        item = item.get(key)
    return item if isinstance(item, str) else None


def _ids(data: dict, section: str) -> dict[str, int]:
    ids: dict[str, int] = {}
    for index, item in _items(data, section):
        ident = _str(item, "id")
        if ident is not None:
            ids.setdefault(ident, index)
    return ids


def _reference_problems(data: dict) -> list[Problem]:
    """Check every id a file refers to, on the raw data, so it runs even when the schema check failed."""
    problems: list[Problem] = []
    ids = {section: _ids(data, section) for section in _SECTIONS}
    closest = _Hints()

    def unknown(kind: str, value: str, known: dict[str, int], path: tuple, role: str | None) -> None:
        hint = closest(kind, value, known)
        suffix = f" (did you mean {hint!r}?)" if hint else ""
        if not hint and 0 < len(known) <= 12:
            suffix = f" (known: {', '.join(known)})"
        if not known:
            suffix = f" (the framework defines no {kind}s)"
        problems.append(Problem(f"unknown {kind} {value!r}{suffix}", path=path, role=role, code=f"unknown-{kind}"))

    # Duplicate ids.
    for section in _SECTIONS:
        first: dict[str, int] = {}
        for index, item in _items(data, section):
            ident = _str(item, "id")
            if ident is None:
                continue
            if ident in first:
                problems.append(
                    Problem(
                        f"duplicate id {ident!r} (already used by {section}[{first[ident]}])",
                        path=(section, index, "id"),
                        role=ident if section == "roles" else None,
                        code="duplicate-id",
                    )
                )
            else:
                first[ident] = index

    # Skill descriptors must be on the level scale.
    for index, skill in _items(data, "skills"):
        levels = skill.get("levels")
        if isinstance(levels, dict):
            for level in levels:
                if isinstance(level, str) and level not in ids["skill_levels"]:
                    unknown("skill level", level, ids["skill_levels"], ("skills", index, "levels", level), None)

    # Role references.
    for index, role in _items(data, "roles"):
        role_id = _str(role, "id")
        at = ("roles", index)
        for field, kind, section in (("grade", "grade", "grades"), ("discipline", "discipline", "disciplines")):
            value = _str(role, field)
            if value is not None and value not in ids[section]:
                unknown(kind, value, ids[section], (*at, field), role_id)
        manager = _str(role, "reports_to", "role")
        if manager is not None and manager not in ids["roles"]:
            unknown("role", manager, ids["roles"], (*at, "reports_to", "role"), role_id)
        for j, move in enumerate(_list(role.get("moves"))):
            target = _str(move, "to")
            if target is not None and target not in ids["roles"]:
                unknown("role", target, ids["roles"], (*at, "moves", j, "to"), role_id)
            elif target is not None and target == role_id:
                problems.append(
                    Problem("a move cannot lead back to the same role", path=(*at, "moves", j, "to"), role=role_id)
                )
        seen_skills: dict[str, int] = {}
        for j, requirement in enumerate(_list(role.get("skills"))):
            skill = _str(requirement, "skill")
            if skill is not None:
                if skill not in ids["skills"]:
                    unknown("skill", skill, ids["skills"], (*at, "skills", j, "skill"), role_id)
                elif skill in seen_skills:
                    problems.append(
                        Problem(
                            f"skill {skill!r} is required twice (also at skills[{seen_skills[skill]}])",
                            path=(*at, "skills", j, "skill"),
                            role=role_id,
                            code="duplicate-skill",
                        )
                    )
                seen_skills.setdefault(skill, j)
            level = _str(requirement, "level")
            if level is not None and level not in ids["skill_levels"]:
                unknown("skill level", level, ids["skill_levels"], (*at, "skills", j, "level"), role_id)
        for j, reference in enumerate(_list(_get(role, "source", "referenced_by"))):
            other = _str(reference, "role")
            if other is not None and other not in ids["roles"]:
                unknown("role", other, ids["roles"], (*at, "source", "referenced_by", j, "role"), role_id)

    problems += _cycles(data, ids["roles"])
    return problems


class _Hints:
    """ "Did you mean …?" for unknown ids, at a bounded cost.

    A hint compares one word with every known id (some 10 µs each), so a hostile file with thousands of
    unknown ids among thousands of known ones would take minutes: hints are remembered per value, and given
    only while the comparisons made stay within ``BUDGET`` (about a second); later unknown ids get none.
    """

    BUDGET = 100_000

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], str | None] = {}
        self._spent = 0

    def __call__(self, kind: str, value: str, known: dict[str, int]) -> str | None:
        key = (kind, value)
        if key not in self._seen:
            hint = None
            if self._spent + len(known) <= self.BUDGET and len(value) <= 200:
                self._spent += len(known)
                hint = _closest(value, known)
            self._seen[key] = hint
        return self._seen[key]


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _get(item: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(item, dict):
            return None
        item = item.get(key)
    return item


def _cycles(data: dict, role_ids: dict[str, int]) -> list[Problem]:
    """Reporting-line cycles, from the first role of each id (a duplicate id is reported on its own).

    Each role then has at most one manager, so the cycles are few and disjoint; letting every duplicate
    add its own line instead would let a file of a few kilobytes hold billions of cycles.
    """
    lines = nx.DiGraph()
    for index, role in _items(data, "roles"):
        role_id, manager = _str(role, "id"), _str(role, "reports_to", "role")
        if role_id is not None and role_ids.get(role_id) == index and manager is not None and manager in role_ids:
            lines.add_edge(role_id, manager)
    problems = []
    for cycle in sorted(nx.simple_cycles(lines), key=lambda c: role_ids.get(min(c, key=role_ids.get), 0)):
        start = min(cycle, key=lambda r: role_ids[r])  # report it at the role that comes first in the file
        i = cycle.index(start)
        ordered = cycle[i:] + cycle[:i]
        chain = " → ".join([*ordered, start])
        problems.append(
            Problem(
                f"reporting-line cycle: {chain} (a role cannot, through its managers, report to itself)",
                path=("roles", role_ids[start], "reports_to", "role"),
                role=start,
                code="cycle",
            )
        )
    return problems


# --------------------------------------------------------------------------- warnings


def _warnings(framework: Framework) -> list[Problem]:
    out: list[Problem] = []
    rank = framework.grade_rank
    used_disciplines = {r.discipline for r in framework.roles}
    for index, discipline in enumerate(framework.disciplines):
        if discipline.id not in used_disciplines:
            out.append(_warn(f"discipline {discipline.id!r} has no roles", ("disciplines", index, "id")))
    required = {req.skill for r in framework.roles for req in r.skills}
    if required:
        for index, skill in enumerate(framework.skills):
            if skill.id not in required:
                out.append(_warn(f"skill {skill.id!r} is not required by any role", ("skills", index, "id")))
    for index, role in enumerate(framework.roles):
        at = ("roles", index)
        if role.reports_to and role.grade is not None:
            manager = framework.roles_by_id.get(role.reports_to.role)
            if manager is not None and manager.grade is not None and rank[manager.grade] < rank[role.grade]:
                out.append(
                    _warn(
                        f"reports to {manager.id!r}, whose grade {manager.grade} is below its own grade {role.grade}",
                        (*at, "reports_to", "role"),
                        role.id,
                    )
                )
        if role.status == "described" and role.job_description is None and role.description is None:
            out.append(_warn("described role has neither a job_description nor a description", at, role.id))
        for j, requirement in enumerate(role.skills):
            skill = framework.skills_by_id.get(requirement.skill)
            if skill is not None and skill.levels and skill.levels.get(requirement.level) is None:
                out.append(
                    _warn(
                        f"skill {skill.id!r} has no descriptor for level {requirement.level!r}",
                        (*at, "skills", j, "level"),
                        role.id,
                    )
                )
    return out


def _warn(message: str, path: tuple, role: str | None = None) -> Problem:
    return Problem(message, path=path, role=role, severity="warning", code="warning")


# --------------------------------------------------------------------------- locations


def _with_locations(problems: list[Problem], text: str, name: str, data: Any, *, root: Any = None) -> list[Problem]:
    if not problems:
        return problems
    needing = [p for p in problems if p.line is None and p.path]
    found = iter(locate(text, [p.path for p in needing], root=root))
    out = []
    for problem in problems:
        if problem.line is None and problem.path:
            line, column = next(found) or (None, None)
            problem = replace(problem, file=name, line=line, column=column)
        elif problem.file is None:
            problem = replace(problem, file=name)
        out.append(problem)
    return out
