"""The Skills page: every skill (or area) of a framework, and one skill — or one area — read level by level.

A **skill** (DDaT, the council's framework) is read down its scale: each level's descriptor and the roles that
need the skill at that level; then the roles whose expectations mention it, each saying which words matched.
An **area** (FT's themes, Monzo's topics: frameworks written as expectations) is read down each ladder: every
rung's expectations in that area, in career order. Learning resources come from catalogues a person may add
to, so they are not part of these views (see :mod:`framework.learning`): the page asks for them by level.

    index = skills_index(framework, G)
    view = skill_view(framework, G, "user-research-methods")
    area = area_view(framework, G, "communication")
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from ..benchmark import EVIDENCE_KEYWORDS
from ..errors import QueryError
from ..expectations import framework_areas, role_expectations
from ..models import Framework
from .labels import role_label

__all__ = [
    "AreaRow",
    "AreaRung",
    "AreaView",
    "Ladder",
    "LevelView",
    "Mention",
    "RoleAtLevel",
    "SkillRow",
    "SkillView",
    "SkillsIndex",
    "area_view",
    "filter_rows",
    "skill_view",
    "skills_index",
]


@dataclass(frozen=True)
class SkillRow:
    id: str
    name: str
    category: str | None
    disciplines: tuple[str, ...]  #: names of the disciplines whose roles need it
    roles: int  #: roles that need it
    levels: tuple[str, ...]  #: names of the levels some role needs, in scale order
    text: str  #: what a search looks in: name, id, category and description, folded


@dataclass(frozen=True)
class AreaRow:
    id: str
    name: str
    kind: str | None
    disciplines: tuple[str, ...]
    roles: int  #: roles with an expectation in it
    expectations: int
    text: str


@dataclass(frozen=True)
class SkillsIndex:
    """Every skill and area, and the disciplines a list may be narrowed to."""

    skills: tuple[SkillRow, ...]
    areas: tuple[AreaRow, ...]  #: areas of a framework written as expectations (its own areas, not read ones)
    disciplines: tuple[str, ...]

    def skills_table(self, rows: Iterable[SkillRow]) -> pd.DataFrame:
        """The rows as the page's table; a category column only when the framework groups its skills."""
        rows = list(rows)
        categories = {"Category": [r.category or "" for r in rows]} if any(s.category for s in self.skills) else {}
        return pd.DataFrame(
            {
                "Skill": [r.name for r in rows],
                **categories,
                "Disciplines": [", ".join(r.disciplines) for r in rows],
                "Roles": [r.roles for r in rows],
                "Levels needed": [", ".join(r.levels) for r in rows],
            }
        )

    def areas_table(self, rows: Iterable[AreaRow]) -> pd.DataFrame:
        rows = list(rows)
        return pd.DataFrame(
            {
                "Area": [r.name for r in rows],
                "Kind": [r.kind or "" for r in rows],
                "Disciplines": [", ".join(r.disciplines) for r in rows],
                "Roles": [r.roles for r in rows],
                "Expectations": [r.expectations for r in rows],
            }
        )


def _fold(*texts: str | None) -> str:
    return " ".join(" ".join(t.split()) for t in texts if t).casefold()


def skills_index(framework: Framework, G: nx.DiGraph) -> SkillsIndex:
    """Every skill in the framework's order, with who needs it; and the framework's own areas."""
    needed: dict[str, set[str]] = {}
    roles: dict[str, int] = {}
    disciplines: dict[str, set[str]] = {}
    for role in framework.roles:
        discipline = framework.discipline_label(role.discipline)
        for skill in {r.skill for r in role.skills}:
            roles[skill] = roles.get(skill, 0) + 1
            disciplines.setdefault(skill, set()).add(discipline)
        for requirement in role.skills:
            needed.setdefault(requirement.skill, set()).add(requirement.level)
    skills = tuple(
        SkillRow(
            id=s.id,
            name=s.name,
            category=s.category,
            disciplines=tuple(sorted(disciplines.get(s.id, ()))),
            roles=roles.get(s.id, 0),
            levels=tuple(lv.name for lv in framework.skill_levels if lv.id in needed.get(s.id, ())),
            text=_fold(s.name, s.id, s.category, s.description),
        )
        for s in framework.skills
    )
    areas = []
    for area in framework.areas:
        having = [r for r in framework.roles if any(e.area == area.id for e in role_expectations(framework, r))]
        count = sum(1 for r in having for e in role_expectations(framework, r) if e.area == area.id)
        areas.append(
            AreaRow(
                id=area.id,
                name=area.name,
                kind=area.kind,
                disciplines=tuple(sorted({framework.discipline_label(r.discipline) for r in having})),
                roles=len(having),
                expectations=count,
                text=_fold(area.name, area.id, area.kind, area.description),
            )
        )
    used = {d for row in (*skills, *areas) for d in row.disciplines}
    order = [framework.discipline_label(d.id) for d in framework.disciplines]
    return SkillsIndex(
        skills=skills,
        areas=tuple(areas),
        disciplines=tuple(d for d in dict.fromkeys([*order, *sorted(used)]) if d in used),
    )


def filter_rows(rows: Iterable, *, query: str = "", disciplines: Iterable[str] = ()) -> list:
    """The rows (skills or areas) holding every word of ``query`` (in name, id, category or description, any
    case) and needed in one of ``disciplines`` (all when none is given)."""
    words = query.casefold().split()
    wanted = set(disciplines)
    return [
        row for row in rows if all(word in row.text for word in words) and (not wanted or wanted & set(row.disciplines))
    ]


# --------------------------------------------------------------------------- one skill


@dataclass(frozen=True)
class RoleAtLevel:
    role: str
    label: str  #: "Title (grade)"
    discipline: str


@dataclass(frozen=True)
class LevelView:
    level: str
    name: str
    descriptor: str | None  #: None where the framework does not describe the level
    roles: tuple[RoleAtLevel, ...]  #: roles that need the skill at this level, in career order


@dataclass(frozen=True)
class Mention:
    """An expectation of a role that mentions the skill, and the words that matched."""

    role: str
    label: str
    area: str  #: the area's name ("Knowledge", "Skills and Abilities")
    text: str
    matched: str


@dataclass(frozen=True)
class SkillView:
    skill: str
    name: str
    description: str | None
    category: str | None
    source: str | None
    levels: tuple[LevelView, ...]  #: every level of the scale, lowest first
    mentions: tuple[Mention, ...]
    terms: tuple[str, ...]  #: the words an expectation is matched on: the skill's name, then its keywords
    roles: int  #: roles that need it at some level
    disciplines: tuple[str, ...]


def _career_order(framework: Framework, G: nx.DiGraph, role_ids: Iterable[str]) -> list[str]:
    def key(role_id: str):
        position = G.nodes[role_id]["position"]
        return (position if position is not None else float("inf"), framework.roles_by_id[role_id].title)

    return sorted(role_ids, key=key)


def _terms(framework: Framework, skill_id: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys([framework.skills_by_id[skill_id].name, *EVIDENCE_KEYWORDS.get(skill_id, ())]))


def skill_view(framework: Framework, G: nx.DiGraph, skill_id: str) -> SkillView:
    """One skill, level by level. Raises :class:`~framework.errors.QueryError` for a skill it does not have."""
    skill = framework.skills_by_id.get(skill_id)
    if skill is None:
        raise QueryError.single(f"no skill with id {skill_id!r}", code="unknown-skill")
    at_level: dict[str, list[str]] = {}
    for role in framework.roles:
        for level in dict.fromkeys(r.level for r in role.skills if r.skill == skill_id):
            at_level.setdefault(level, []).append(role.id)
    levels = tuple(
        LevelView(
            level=lv.id,
            name=lv.name,
            descriptor=skill.levels.get(lv.id),
            roles=tuple(
                RoleAtLevel(
                    r, role_label(framework, r), framework.discipline_label(framework.roles_by_id[r].discipline)
                )
                for r in _career_order(framework, G, at_level.get(lv.id, ()))
            ),
        )
        for lv in framework.skill_levels
    )
    terms = _terms(framework, skill_id)
    pattern = re.compile(r"\b(" + "|".join(re.escape(t) for t in terms) + r")\b", re.I)
    mentions = []
    for role_id in _career_order(framework, G, (r.id for r in framework.roles)):
        for expectation in role_expectations(framework, role_id):
            found = pattern.search(expectation.text)
            if found:
                mentions.append(
                    Mention(role_id, role_label(framework, role_id), expectation.area_name, expectation.text, found[0])
                )
    needing = {r for ids in at_level.values() for r in ids}
    return SkillView(
        skill=skill.id,
        name=skill.name,
        description=skill.description,
        category=skill.category,
        source=skill.source,
        levels=levels,
        mentions=tuple(mentions),
        terms=terms,
        roles=len(needing),
        disciplines=tuple(sorted({framework.discipline_label(framework.roles_by_id[r].discipline) for r in needing})),
    )


# --------------------------------------------------------------------------- one area


@dataclass(frozen=True)
class AreaRung:
    """One role of a ladder and what it expects in the area, word for word."""

    role: str
    label: str
    expectations: tuple[tuple[str, str | None, tuple[str, ...]], ...]  #: (text, level or marker, examples)
    builds_on_below: bool  #: its expectations here are cumulative: it also expects what the rung below does


@dataclass(frozen=True)
class Ladder:
    name: str  #: the discipline, and the track within it where there is one
    rungs: tuple[AreaRung, ...]  #: in career order, lowest first


@dataclass(frozen=True)
class AreaView:
    area: str
    name: str
    kind: str | None
    description: str | None
    source: str | None
    levels: tuple[tuple[str, str, str | None], ...]  #: the area's own levels: (id, name, description)
    ladders: tuple[Ladder, ...]
    expectations: int


def area_view(framework: Framework, G: nx.DiGraph, area_id: str) -> AreaView:
    """One area, read down each ladder. Raises :class:`~framework.errors.QueryError` for an unknown area."""
    area = framework_areas(framework).get(area_id)
    if area is None:
        raise QueryError.single(f"no area with id {area_id!r}", code="unknown-area")
    ladders: dict[tuple, list[AreaRung]] = {}
    count = 0
    for role_id in _career_order(framework, G, (r.id for r in framework.roles)):
        role = framework.roles_by_id[role_id]
        own = [e for e in role_expectations(framework, role) if e.area == area_id]
        if not own:
            continue
        count += len(own)
        name = framework.discipline_label(role.discipline)
        if role.track:
            name = f"{name}: {framework.track_label(role.track)}"
        ladders.setdefault((role.discipline or "", role.track or "", name), []).append(
            AreaRung(
                role=role_id,
                label=role_label(framework, role_id),
                expectations=tuple((e.text, e.level_name or e.marker_text, e.examples) for e in own),
                builds_on_below=any(e.cumulative for e in own),
            )
        )
    order = {d.id: i for i, d in enumerate(framework.disciplines)}
    keys = sorted(ladders, key=lambda k: (order.get(k[0], len(order)), k[1]))
    return AreaView(
        area=area.id,
        name=area.name,
        kind=area.kind,
        description=area.description,
        source=area.source,
        levels=tuple((lv.id, lv.name, lv.description) for lv in area.levels),
        ladders=tuple(Ladder(k[2], tuple(ladders[k])) for k in keys),
        expectations=count,
    )
