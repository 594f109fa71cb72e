"""A line manager's team view from several development records: who holds which skill at what level, each
member against their own target, how well the team covers the skills its roles need, and where one person
alone holds a needed skill.

Each member's levels are those of their record's latest check-in as the gap reads them
(:func:`~framework.record.record_levels`: agreed, else the manager's, else their own). The skills the team
needs are those its members' current roles require, each at the highest level any of those roles asks.
Nothing here is kept: the records are the manager's files, read for one page view or one command.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from .cells import csv_text, xlsx_bytes
from .models import Framework
from .record import SOURCES, DevelopmentRecord, record_levels, record_profile
from .skills import skill_gap

__all__ = ["Coverage", "TeamView", "team_csv", "team_view", "team_workbook"]


@dataclass(frozen=True)
class Coverage:
    skill: str
    name: str
    needed: str  # level name
    roles: tuple[str, ...]  # titles of the team's roles that need it
    holders: tuple[str, ...]  # members holding it at the level needed or above

    @property
    def count(self) -> int:
        return len(self.holders)


@dataclass(frozen=True)
class TeamView:
    members: tuple[str, ...]
    skills: tuple[str, ...]  # skill ids, the matrix's columns in the framework's order
    matrix: pd.DataFrame  # a row per member, a column per skill name: level names ("" where none)
    ranks: pd.DataFrame  # the same, as ranks (0 where none): what the heat map draws
    targets: pd.DataFrame  # each member against their own target role
    coverage: tuple[Coverage, ...]  # the skills the team's roles need, fewest holders first
    coverage_table: pd.DataFrame
    single_points: tuple[Coverage, ...]  # needed skills one member alone holds
    uncovered: tuple[Coverage, ...]  # needed skills no member holds at the level needed
    sources: str  # where the levels come from, in words


def _label(record: DevelopmentRecord, name: str, seen: set[str]) -> str:
    base = record.person or name.rsplit(".", 1)[0] or "member"
    label, n = base, 2
    while label in seen:
        label, n = f"{base} ({n})", n + 1
    seen.add(label)
    return label


def team_view(framework: Framework, records: Sequence[tuple[str, DevelopmentRecord]]) -> TeamView:
    """The team of ``records`` — (file name, record) pairs — against ``framework``."""
    names = {lv.id: lv.name for lv in framework.skill_levels}
    rank = framework.level_rank
    seen: set[str] = set()
    members, levels_of, sources_count = [], {}, dict.fromkeys(SOURCES, 0)
    for file_name, record in records:
        label = _label(record, file_name, seen)
        levels, sources = record_levels(record, framework)
        members.append((label, record))
        levels_of[label] = levels
        for source in sources.values():
            sources_count[source] += 1
    needed: dict[str, tuple[str, list[str]]] = {}
    for _, record in members:
        role = framework.roles_by_id.get(record.current_role or "")
        if role is None:
            continue
        for req in role.skills:
            level, roles = needed.get(req.skill, (req.level, []))
            if rank.get(req.level, 0) > rank.get(level, 0):
                level = req.level
            if role.title not in roles:
                roles.append(role.title)
            needed[req.skill] = (level, roles)
    held = {s for levels in levels_of.values() for s in levels}
    skill_ids = tuple(s.id for s in framework.skills if s.id in held or s.id in needed)
    skill_names = [framework.skills_by_id[s].name for s in skill_ids]
    labels = [label for label, _ in members]
    matrix = pd.DataFrame(
        [[names.get(levels_of[m].get(s), "") for s in skill_ids] for m in labels], index=labels, columns=skill_names
    ).rename_axis("Member")
    ranks = pd.DataFrame(
        [[rank.get(levels_of[m].get(s), 0) for s in skill_ids] for m in labels], index=labels, columns=skill_names
    ).rename_axis("Member")
    coverage = []
    for skill in skill_ids:
        if skill not in needed:
            continue
        level, roles = needed[skill]
        holders = tuple(m for m in labels if rank.get(levels_of[m].get(skill), 0) >= rank.get(level, 0))
        coverage.append(
            Coverage(skill, framework.skills_by_id[skill].name, names.get(level, level), tuple(roles), holders)
        )
    coverage.sort(key=lambda c: (c.count, c.name))
    coverage_table = pd.DataFrame(
        {
            "Skill": [c.name for c in coverage],
            "Level needed": [c.needed for c in coverage],
            "Needed by": ["; ".join(c.roles) for c in coverage],
            "Members holding it": [c.count for c in coverage],
            "Who": ["; ".join(c.holders) for c in coverage],
        }
    )
    rows = []
    for label, record in members:
        current = framework.roles_by_id.get(record.current_role or "")
        target = framework.roles_by_id.get(record.target_role or "")
        row = {
            "Member": label,
            "Current role": current.title if current else (record.current_role or "not stated"),
            "Target role": target.title if target else (record.target_role or "not stated"),
            "Requirements met": "",
            "Levels to gain": "",
        }
        if target is not None and target.skills:
            profile, _ = record_profile(record, framework)
            gap = skill_gap(framework, profile, target)
            row["Requirements met"] = f"{sum(r.met for r in gap.rows)} of {len(gap.rows)}"
            row["Levels to gain"] = str(gap.levels_to_gain)
        rows.append(row)
    said = ", ".join(f"{n} {SOURCES[s]}" for s, n in sources_count.items() if n)
    return TeamView(
        members=tuple(labels),
        skills=skill_ids,
        matrix=matrix,
        ranks=ranks,
        targets=pd.DataFrame(
            rows, columns=["Member", "Current role", "Target role", "Requirements met", "Levels to gain"]
        ),
        coverage=tuple(coverage),
        coverage_table=coverage_table,
        single_points=tuple(c for c in coverage if c.count == 1),
        uncovered=tuple(c for c in coverage if c.count == 0),
        sources=(
            f"Levels from each record's latest check-in: the agreed level where there is one, else the line "
            f"manager's, else the member's own ({said or 'no levels'})."
        ),
    )


def team_workbook(view: TeamView) -> bytes:
    """The team view as an Excel workbook: the matrix, each member against their target, and coverage; levels to
    gain are numbers a spreadsheet can sum."""
    targets = view.targets.assign(**{"Levels to gain": pd.to_numeric(view.targets["Levels to gain"]).astype("Int64")})
    return xlsx_bytes(
        [
            ("Skills matrix", view.matrix.reset_index()),
            ("Against target", targets),
            ("Coverage", view.coverage_table),
        ]
    )


def team_csv(view: TeamView) -> str:
    """The skills matrix as CSV (a row per member, a column per skill)."""
    return csv_text(view.matrix.reset_index(), bom=True)
