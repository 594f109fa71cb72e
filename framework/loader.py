r"""Load a framework file: parse safely, validate against the models, check every reference.

:func:`load_framework` collects *every* problem in one pass — YAML syntax (file:line:column), schema
problems (role id and field path, with the line), unknown ids, duplicate ids, reporting-line cycles, skill
levels off the scale — and raises one :class:`~framework.errors.InputError` listing them all. Data that is
valid but suspicious is a warning, not an error: :func:`check_framework` returns the warnings beside the
framework (a :class:`Checked`); :func:`load_framework` returns the framework alone.

>>> council = load_framework("data/roles.yaml")
>>> council.name, len(council.roles), [grade.id for grade in council.grades][:3]
('Council digital team career framework', 11, ['PO1', 'PO2', 'PO3'])
>>> load_framework_text("id: x\nname: X\ngrades: [{id: G1}]\nroles: [{id: a, title: A, grade: G9}]")
Traceback (most recent call last):
...
framework.errors.InputError: <input> is not a valid framework (2 problems):
  <input>:4:9: role a: roles[0].source: missing required field 'source'
  <input>:4:27: role a: roles[0].grade: unknown grade 'G9' (known: G1)
>>> text = "id: x\nname: X\ngrades: [{id: G1}]\ndisciplines: [{id: d, name: D}, {id: e, name: E}]\n"
>>> text += "roles: [{id: a, title: A, discipline: d, source: {kind: document, document: a.md}, description: Led.}]"
>>> print(*check_framework_text(text, name="x.yaml").warnings, sep="\n")
x.yaml:4:34: disciplines[1].id: warning: discipline 'e' has no roles
x.yaml:5:1: roles: warning: no role requires a skill and none states expectations ...
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import networkx as nx
from pydantic import ValidationError

from .cells import CONTROL, control_characters
from .cost import cost_problems
from .errors import FrameworkError, InputError, PathPart, Problem
from .expectation_index import all_areas, has_expectations, own_expectations
from .formats import foreign_format, foreign_problem, looks_like_ft
from .hints import Hints
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

__all__ = [
    "Checked",
    "check_framework",
    "check_framework_bytes",
    "check_framework_text",
    "load_framework",
    "load_framework_bytes",
    "load_framework_text",
    "validate_data",
]

_SECTIONS = ("grades", "disciplines", "tracks", "branches", "skill_levels", "skills", "areas", "roles")


@dataclass(frozen=True)
class Checked:
    """A framework that loaded, and the loader's warnings about it (valid but suspicious data, each located)."""

    framework: Framework
    warnings: tuple[Problem, ...] = ()


def load_framework(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Framework:
    """Load and check the framework file at ``path``; :class:`~framework.errors.InputError` lists every problem."""
    return check_framework(path, max_bytes=max_bytes).framework


def load_framework_bytes(data: bytes, *, name: str, max_bytes: int = MAX_BYTES) -> Framework:
    """Load and check a framework from raw bytes (an upload), within ``max_bytes`` and its node budget."""
    return check_framework_bytes(data, name=name, max_bytes=max_bytes).framework


def load_framework_text(text: str, *, name: str = "<input>", max_nodes: int = MAX_NODES) -> Framework:
    """Load and check a framework from YAML text; ``name`` is used in problem locations."""
    return check_framework_text(text, name=name, max_nodes=max_nodes).framework


def check_framework(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Checked:
    """:func:`load_framework`, with the loader's warnings beside the framework."""
    try:
        text = read_text(path, max_bytes=max_bytes)
    except FrameworkError as error:
        if error.problems and error.problems[0].code == "encoding":  # binary: perhaps a workbook
            with open(path, "rb") as handle:
                _raise_if_foreign(str(path), data=handle.read(1 << 16))
        raise
    return check_framework_text(text, name=str(path))


def check_framework_bytes(data: bytes, *, name: str, max_bytes: int = MAX_BYTES) -> Checked:
    """:func:`load_framework_bytes`, with the loader's warnings beside the framework."""
    _raise_if_foreign(name, data=data[: 1 << 16])
    text = decode(data, name=name, max_bytes=max_bytes)
    return check_framework_text(text, name=name, max_nodes=node_limit(max_bytes))


def _raise_if_foreign(name: str, **looked_at) -> None:
    """A file of another format (FT, Monzo, a spreadsheet) gets one problem naming the import that reads it,
    instead of the schema's list of unknown fields (:mod:`framework.formats`)."""
    kind = foreign_format(**looked_at)
    if kind is not None:
        problem = foreign_problem(kind, name)
        raise InputError([problem], summary=f"{name} is not a framework file")


def check_framework_text(text: str, *, name: str = "<input>", max_nodes: int = MAX_NODES) -> Checked:
    """:func:`load_framework_text`, with the loader's warnings beside the framework."""
    try:
        data, problems, root = parse_yaml_document(text, name=name, max_nodes=max_nodes)
    except FrameworkError:
        _raise_if_foreign(name, text=text[: 1 << 16])
        raise
    if not isinstance(data, dict) or looks_foreign(data):
        _raise_if_foreign(name, text=text[: 1 << 16], parsed=data)
    _raise_if_a_persons_file(name, data)
    framework, found = validate_data(data)
    problems += found
    problems = _with_locations(cap_problems(problems), text, name, data, root=root)
    del root
    errors = [p for p in problems if p.severity == "error"]
    if errors or framework is None:
        raise InputError(errors, summary=f"{name} is not a valid framework")
    return Checked(framework, tuple(p for p in problems if p.severity == "warning"))


#: The files the app saves for a person, by the field that marks them, and where each is opened.
_PERSONS_FILES = {
    "record_version": "a development record (a person's levels over their check-ins), not a framework file: "
    "open it on the Development record page, or several at once on the Team page",
    "profile_version": "a saved self-assessment (a person's skill levels), not a framework file: open it on the "
    "Skill gap and plan page ('Load a saved self-assessment')",
}


def _raise_if_a_persons_file(name: str, data: Any) -> None:
    """A record or a self-assessment handed in where a framework belongs gets one problem saying where it
    goes, instead of the schema's list of missing fields."""
    if not isinstance(data, dict) or "roles" in data or "grades" in data:
        return
    for marker, what in _PERSONS_FILES.items():
        if marker in data:
            raise InputError.single(f"this is {what}", file=name, code="wrong-file")


def looks_foreign(data: Any) -> bool:
    """True for parsed data shaped like an FT job family rather than a framework (cheap: the top-level keys)."""
    return "roles" not in data and "grades" not in data and looks_like_ft(data)


def validate_data(data: Any) -> tuple[Framework | None, list[Problem]]:
    """Validate parsed data. Returns the framework (None if invalid) and every problem found (unlocated)."""
    if isinstance(data, dict) and looks_foreign(data):
        return None, [foreign_problem("ft")]
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
    if framework is not None and not problems:  # derived ids and warnings only make sense once every id resolves
        problems += _derived_id_problems(framework)
    if framework is not None and not problems:
        # What its graph would cost (framework.cost): a file that loads is a file whose graph can be built.
        # First, so that no flood of warnings hides it when the problems are capped.
        problems += cost_problems(framework)
        problems += _warnings(framework) + _control_warnings(data)
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
    if kind == "string_pattern_mismatch" and field in ("url", "link"):
        return f"{_show(error.get('input'))} is not a web address (it must start with http:// or https://)"
    if kind == "string_pattern_mismatch" and field == "currency":
        return f"{_show(error.get('input'))} is not a currency code (three capital letters, e.g. GBP)"
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
    """The text at ``keys``; a whole number is read as its text, as the models read ids."""
    for key in keys:
        if not isinstance(item, dict):
            return None
        item = item.get(key)
    return _id_text(item)


def _id_text(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) else None


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
    closest = Hints()

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

    # Skill descriptors (and resources per level) must be on the level scale.
    for index, skill in _items(data, "skills"):
        for field in ("levels", "level_resources"):
            levels = skill.get(field)
            if isinstance(levels, dict):
                for level in levels:
                    text = _id_text(level)
                    if text is not None and text not in ids["skill_levels"]:
                        unknown("skill level", text, ids["skill_levels"], ("skills", index, field, level), None)

    # A track may belong to a discipline.
    for index, track in _items(data, "tracks"):
        discipline = _str(track, "discipline")
        if discipline is not None and discipline not in ids["disciplines"]:
            unknown("discipline", discipline, ids["disciplines"], ("tracks", index, "discipline"), None)
    area_levels = {  # area id → its own level ids, in order
        ident: [level for level in (_str(item, "id") for item in _list(area.get("levels"))) if level is not None]
        for _, area in _items(data, "areas")
        if (ident := _str(area, "id")) is not None
    }

    for section in ("disciplines", "tracks"):  # expected at every level of a discipline or a track
        for index, item in _items(data, section):
            problems += _expectation_problems(item, (section, index), None, ids, area_levels, unknown)
    problems += _area_parent_problems(data, ids["areas"], unknown)

    # Role references.
    for index, role in _items(data, "roles"):
        role_id = _str(role, "id")
        at = ("roles", index)
        for field, kind, section in (("grade", "grade", "grades"), ("discipline", "discipline", "disciplines")):
            value = _str(role, field)
            if value is not None and value not in ids[section]:
                unknown(kind, value, ids[section], (*at, field), role_id)
        for field, section in (("track", "tracks"), ("branch", "branches")):
            value = _str(role, field)
            if value is not None and ids[section] and value not in ids[section]:  # listing them is optional
                unknown(field, value, ids[section], (*at, field), role_id)
        problems += _expectation_problems(role, at, role_id, ids, area_levels, unknown)
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


def _expectation_problems(role: dict, at: tuple, role_id: str | None, ids: dict, area_levels: dict, unknown) -> list:
    """Each stated expectation names a known area, and a level of that area (or, for an area without levels, of
    the skill-level scale); ids written by hand are unique within the role."""
    problems: list[Problem] = []
    written: dict[str, int] = {}
    for j, expectation in enumerate(_list(role.get("expectations"))):
        where = (*at, "expectations", j)
        area = _str(expectation, "area")
        if area is not None and area not in ids["areas"]:
            unknown("area", area, ids["areas"], (*where, "area"), role_id)
        level = _str(expectation, "level")
        if level is not None and area is None and level not in ids["skill_levels"]:
            unknown("skill level", level, ids["skill_levels"], (*where, "level"), role_id)
        if level is not None and area in ids["areas"]:
            levels = area_levels.get(area)
            if not levels and level not in ids["skill_levels"]:
                unknown("skill level", level, ids["skill_levels"], (*where, "level"), role_id)
            elif levels and level not in levels:
                message = f"unknown level {level!r} of area {area!r} (its levels: {', '.join(levels)})"
                problems.append(Problem(message, path=(*where, "level"), role=role_id, code="unknown-area-level"))
        ident = _str(expectation, "id")
        if ident is not None:
            if ident in written:
                message = (
                    f"expectation id {ident!r} is used twice in this role (also at expectations[{written[ident]}])"
                )
                problems.append(Problem(message, path=(*where, "id"), role=role_id, code="duplicate-id"))
            written.setdefault(ident, j)
    return problems


def _derived_id_problems(framework: Framework) -> list[Problem]:
    """Every expectation of a role has its own id: one written by hand must not be the id derived for another
    (derived ids are area-marker-number)."""
    problems = []
    areas = None
    for index, role in enumerate(framework.roles):
        if not any(e.id for e in role.expectations):
            continue  # derived ids never meet one another (expectations.own_expectations): only written ids can
        areas = areas if areas is not None else all_areas(framework)
        holders: dict[str, list[int]] = {}
        for j, expectation in enumerate(own_expectations(framework, role, areas)):
            holders.setdefault(expectation.id, []).append(j)
        for ident, places in holders.items():
            if len(places) < 2:
                continue
            written = [j for j in places if j < len(role.expectations) and role.expectations[j].id is not None]
            path = ("roles", index, "expectations", written[-1], "id") if written else ("roles", index)
            problems.append(
                Problem(
                    f"{len(places)} expectations of this role have the id {ident!r} (derived ids are "
                    "area-marker-number, e.g. 'knowledge-essential-2'): write a different id on one of them",
                    path=path,
                    role=role.id,
                    code="duplicate-id",
                )
            )
    return problems


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _area_parent_problems(data: dict, areas: dict[str, int], unknown) -> list[Problem]:
    """An area's parent is another known area, and no area sits, through its parents, inside itself."""
    problems: list[Problem] = []
    parent_of: dict[str, str] = {}
    for index, area in _items(data, "areas"):
        ident, parent = _str(area, "id"), _str(area, "parent")
        if parent is None or ident is None:
            continue
        if parent not in areas:
            unknown("area", parent, areas, ("areas", index, "parent"), None)
        elif areas.get(ident) == index:
            parent_of[ident] = parent
    reported: set[str] = set()
    for start in parent_of:
        chain, area = [start], parent_of[start]
        while area in parent_of and area not in chain and len(chain) <= len(parent_of):
            chain.append(area)
            area = parent_of[area]
        if area == start and start not in reported:
            reported.update(chain)
            problems.append(
                Problem(
                    f"area cycle: {' → '.join([*chain, start])} (an area cannot sit inside itself)",
                    path=("areas", areas[start], "parent"),
                    code="cycle",
                )
            )
    return problems


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
        undescribed = role.job_description is None and role.description is None and not role.expectations
        if role.status == "described" and undescribed:
            out.append(
                _warn("described role has neither a job_description, a description nor expectations", at, role.id)
            )
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
        for j, move in enumerate(role.moves):
            target = framework.roles_by_id.get(move.to)
            upward = target is None or None in (role.grade, target.grade) or rank[target.grade] > rank[role.grade]
            if move.kind == "promotion" and not upward:
                out.append(
                    _warn(
                        f"a promotion to {target.id!r}, whose grade {target.grade} is not above {role.grade}",
                        (*at, "moves", j, "to"),
                        role.id,
                    )
                )
    return out + _gap_page_warnings(framework)


def _gap_page_warnings(framework: Framework) -> list[Problem]:
    """What would leave the gap page with nothing to say: no requirement of either shape at all, or required
    skills whose levels have no descriptor (the page could name the level, never what it means)."""
    required = {req.skill for role in framework.roles for req in role.skills}
    if not required and not has_expectations(framework):
        message = (
            "no role requires a skill and none states expectations (or has person-specification criteria): the "
            "gap between two roles will be empty; add 'skills' or 'expectations' to the roles"
        )
        return [_warn(message, ("roles",) if framework.roles else ())]
    out = []
    for index, skill in enumerate(framework.skills):
        if skill.id in required and not any(skill.levels.values()):
            out.append(
                _warn(
                    f"skill {skill.id!r} is required but has no level descriptors: the gap can name the levels to "
                    "reach, not what they mean; add 'levels' text",
                    ("skills", index, "levels" if skill.levels else "id"),
                )
            )
    return out


def _control_warnings(data: Any) -> list[Problem]:
    """A warning for each text that holds control characters (a YAML escape such as ``\\0`` or ``\\x07``): they
    are invisible on a page, and no spreadsheet can hold them, so exports replace them (framework.cells)."""
    if not _holds_control(data):  # the common case, found without making a path for every value
        return []
    out: list[Problem] = []
    stack: list[tuple[tuple[PathPart, ...], Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            found = control_characters(value)
            if found:
                role = path[1] if len(path) > 1 and path[0] == "roles" else None
                role_id = _str(data["roles"][role], "id") if isinstance(role, int) else None
                out.append(
                    Problem(
                        f"the text holds the control character{'s' * (len(found) > 1)} {', '.join(found[:5])}"
                        f"{' and more' if len(found) > 5 else ''}, which no page shows and no spreadsheet can hold "
                        "(downloads show � in its place): remove it from the file",
                        path=path,
                        role=role_id,
                        severity="warning",
                        code="control-character",
                    )
                )
        elif isinstance(value, dict):
            stack.extend(((*path, key), item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in reversed(list(enumerate(value))))
    return out


def _holds_control(data: Any) -> bool:
    stack = [data]
    search = CONTROL.search
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if search(value):
                return True
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return False


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
