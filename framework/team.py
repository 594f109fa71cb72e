"""A line manager's team view from several development records, for the monthly round: who holds which skill at
what level; each member against their own role and, apart, their target; how well the team covers the skills
its roles need and where one person alone holds one; and per member the last and next check-in, open and overdue
actions and what moved since their previous check-in.

Each member's levels are those of their record's latest check-in as the gap reads them
(:func:`~framework.record.record_levels`: agreed, else the manager's, else their own).

Coverage is judged against each member's own role, never against the most senior role in the team: a member
covers a skill when they hold it at the level *their own role* needs (a member whose role does not need the
skill covers it when they hold it at the lowest level any of the team's roles needs). Two Associate Project
Managers holding Planning at Awareness, as their role asks, cover Planning; the team's Delivery Manager is not
the only one who does. Where no one holds a skill at the *highest* level the team's roles need, it is said
apart. Targets never count towards coverage: they are where people are going, shown member by member.

Nothing here is kept: the records are the manager's files, read for one page view or one command.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from .cells import csv_text, xlsx_bytes
from .dates import file_date, uk_date
from .learning import Library
from .models import Framework
from .plan import PlanResource, skill_resources
from .progress import LevelChange, progress
from .record import SOURCES, AgreedAction, DevelopmentRecord, record_levels, record_profile
from .skills import skill_gap

__all__ = [
    "DUE_WITHIN",
    "Coverage",
    "MemberRound",
    "SecondHolder",
    "TeamView",
    "closing_single_points",
    "team_csv",
    "team_view",
    "team_workbook",
]

#: A next check-in this close (or closer) is "due" in the monthly round; one already past is "overdue".
DUE_WITHIN = dt.timedelta(days=28)
OVERDUE, DUE, PLANNED, NOT_PLANNED = "overdue", "due", "planned", "not planned"


@dataclass(frozen=True)
class Coverage:
    """One skill the team's roles need, and who in the team holds it at the level their role asks."""

    skill: str
    name: str
    needs: tuple[tuple[str, str], ...]  # (role title, level name) of each team role needing it, lowest first
    holders: tuple[str, ...]  # members who cover it (see the module's docstring), in the team's order
    short: tuple[str, ...]  # members whose own role needs more than they hold, with what they hold
    top: str  # the name of the highest level the team's roles need
    top_holders: tuple[str, ...]  # members holding it at that highest level
    #: each member who does not cover it, nearest first: (member, the level id at which they would cover it,
    #: levels to gain to get there)
    within_reach: tuple[tuple[str, str, int], ...] = ()

    @property
    def count(self) -> int:
        return len(self.holders)

    @property
    def needed(self) -> str:
        """Who needs it at what level, in words ("Associate Project Manager: Awareness; Delivery Manager: …")."""
        return "; ".join(f"{role}: {level}" for role, level in self.needs)


@dataclass(frozen=True)
class MemberRound:
    """One member in the manager's monthly round."""

    member: str
    last_check_in: dt.date
    next_check_in: dt.date | None
    check_in: str  # OVERDUE, DUE, PLANNED or NOT_PLANNED
    open_actions: tuple[AgreedAction, ...]  # not done (the overdue ones among them)
    overdue_actions: tuple[AgreedAction, ...]  # not done, and their date is past
    moved: tuple[LevelChange, ...]  # what changed since their previous check-in
    check_ins: int

    @property
    def next_said(self) -> str:
        """The next check-in as the round reads it: "15 Jan 2027 (overdue)", "… (due)", or "not planned"."""
        if self.next_check_in is None:
            return "not planned"
        marker = {OVERDUE: " (overdue)", DUE: " (due)"}.get(self.check_in, "")
        return uk_date(self.next_check_in) + marker

    @property
    def moved_said(self) -> str:
        if self.check_ins < 2:
            return "first check-in"
        return "; ".join(change.said for change in self.moved) or "no level changed"


@dataclass(frozen=True)
class TeamView:
    members: tuple[str, ...]
    skills: tuple[str, ...]  # skill ids, the matrix's columns in the framework's order
    matrix: pd.DataFrame  # a row per member, a column per skill name: level names ("" where none)
    ranks: pd.DataFrame  # the same, as ranks (0 where none): what the heat map draws
    targets: pd.DataFrame  # each member against their own role and, apart, their target
    coverage: tuple[Coverage, ...]  # the skills the team's roles need, fewest holders first
    coverage_table: pd.DataFrame
    single_points: tuple[Coverage, ...]  # needed skills one member alone covers
    uncovered: tuple[Coverage, ...]  # needed skills no member covers
    top_uncovered: tuple[Coverage, ...]  # covered, but no one holds the highest level the team's roles need
    rounds: tuple[MemberRound, ...]  # the monthly round, member by member
    round_table: pd.DataFrame
    today: dt.date
    sources: str  # where the levels come from, in words


def _label(record: DevelopmentRecord, name: str, seen: set[str]) -> str:
    base = record.person or name.rsplit(".", 1)[0] or "member"
    label, n = base, 2
    while label in seen:
        label, n = f"{base} ({n})", n + 1
    seen.add(label)
    return label


def _needs(framework: Framework, records: Sequence[tuple[str, DevelopmentRecord]]) -> dict[str, dict[str, str]]:
    """skill id → role id → the level that role needs, over the members' current roles (each role once)."""
    needs: dict[str, dict[str, str]] = {}
    for _, record in records:
        role = framework.roles_by_id.get(record.current_role or "")
        if role is None:
            continue
        for req in role.skills:
            needs.setdefault(req.skill, {})[role.id] = req.level
    return needs


def _coverage(
    framework: Framework,
    skill: str,
    needs: dict[str, str],
    members: list[tuple[str, DevelopmentRecord]],
    levels_of: dict[str, dict[str, str]],
) -> Coverage:
    rank, names, roles = framework.level_rank, {lv.id: lv.name for lv in framework.skill_levels}, framework.roles_by_id
    ordered = sorted(needs.items(), key=lambda item: (rank[item[1]], roles[item[0]].title))
    lowest, top = ordered[0][1], ordered[-1][1]
    holders, short, top_holders, reach = [], [], [], []
    for label, record in members:
        held = levels_of[label].get(skill)
        have = rank.get(held, 0)
        own = needs.get(record.current_role or "")
        covers_at = own or lowest
        if have and have >= rank[covers_at]:
            holders.append(label)
        else:
            reach.append((label, covers_at, rank[covers_at] - have))
            if own is not None:
                holding = f"holds {names[held]}" if held in names else "no level known"
                short.append(f"{label} ({holding}; their role needs {names[own]})")
        if have and have >= rank[top]:
            top_holders.append(label)
    return Coverage(
        skill=skill,
        name=framework.skills_by_id[skill].name,
        needs=tuple((roles[role].title, names[level]) for role, level in ordered),
        holders=tuple(holders),
        short=tuple(short),
        top=names[top],
        top_holders=tuple(top_holders),
        within_reach=tuple(sorted(reach, key=lambda r: r[2])),
    )


def _met(framework: Framework, levels: dict[str, str], role_id: str | None) -> str:
    """How many of ``role_id``'s skill requirements ``levels`` meet ("3 of 9"), or "" where it names none."""
    role = framework.roles_by_id.get(role_id or "")
    if role is None or not role.skills:
        return ""
    rank = framework.level_rank
    met = sum(rank.get(levels.get(req.skill), 0) >= rank[req.level] for req in role.skills)
    return f"{met} of {len(role.skills)}"


def _round(framework: Framework, label: str, record: DevelopmentRecord, today: dt.date) -> MemberRound:
    latest = record.latest
    planned = latest.next_check_in
    if planned is None:
        state = NOT_PLANNED
    elif planned < today:
        state = OVERDUE
    elif planned <= today + DUE_WITHIN:
        state = DUE
    else:
        state = PLANNED
    view = progress(record, framework, today=today)
    return MemberRound(
        member=label,
        last_check_in=latest.date,
        next_check_in=planned,
        check_in=state,
        open_actions=tuple(a for a in latest.actions if a.status != "done"),
        overdue_actions=view.overdue,
        moved=view.changes,
        check_ins=len(record.check_ins),
    )


def _actions_said(actions: Sequence[AgreedAction]) -> str:
    return "; ".join(a.action + (f" (by {uk_date(a.by)})" if a.by else "") for a in actions)


def team_view(
    framework: Framework, records: Sequence[tuple[str, DevelopmentRecord]], *, today: dt.date | None = None
) -> TeamView:
    """The team of ``records`` — (file name, record) pairs — against ``framework``, on ``today`` (the local
    date by default: it decides which check-ins are due and which actions are overdue)."""
    today = today or dt.date.today()
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
    needs = _needs(framework, records)
    held = {s for levels in levels_of.values() for s in levels}
    skill_ids = tuple(s.id for s in framework.skills if s.id in held or s.id in needs)
    skill_names = [framework.skills_by_id[s].name for s in skill_ids]
    labels = [label for label, _ in members]
    matrix = pd.DataFrame(
        [[names.get(levels_of[m].get(s), "") for s in skill_ids] for m in labels], index=labels, columns=skill_names
    ).rename_axis("Member")
    ranks = pd.DataFrame(
        [[rank.get(levels_of[m].get(s), 0) for s in skill_ids] for m in labels], index=labels, columns=skill_names
    ).rename_axis("Member")
    coverage = [_coverage(framework, s, needs[s], members, levels_of) for s in skill_ids if s in needs]
    coverage.sort(key=lambda c: (c.count, c.name))
    coverage_table = pd.DataFrame(
        {
            "Skill": [c.name for c in coverage],
            "Needed by": [c.needed for c in coverage],
            "Members covering it": [c.count for c in coverage],
            "Who": ["; ".join(c.holders) for c in coverage],
            "Below their own role's level": ["; ".join(c.short) for c in coverage],
            "Highest level needed held by": [f"{c.top}: " + ("; ".join(c.top_holders) or "no one") for c in coverage],
        }
    )
    rows = []
    for label, record in members:
        current = framework.roles_by_id.get(record.current_role or "")
        target = framework.roles_by_id.get(record.target_role or "")
        row = {
            "Member": label,
            "Current role": current.title if current else (record.current_role or "not stated"),
            "Own role's requirements met": _met(framework, levels_of[label], record.current_role),
            "Target role": target.title if target else (record.target_role or "not stated"),
            "Target's requirements met": "",
            "Levels to gain for the target": None,
        }
        if target is not None and target.skills:
            profile, _ = record_profile(record, framework)
            gap = skill_gap(framework, profile, target)
            row["Target's requirements met"] = f"{sum(r.met for r in gap.rows)} of {len(gap.rows)}"
            row["Levels to gain for the target"] = gap.levels_to_gain
        rows.append(row)
    rounds = tuple(_round(framework, label, record, today) for label, record in members)
    round_table = pd.DataFrame(
        {
            "Member": [r.member for r in rounds],
            "Last check-in": [uk_date(r.last_check_in) for r in rounds],
            "Next check-in": [r.next_said for r in rounds],
            "Open actions": [len(r.open_actions) for r in rounds],
            "Overdue actions": [_actions_said(r.overdue_actions) or "none" for r in rounds],
            "Moved since the previous check-in": [r.moved_said for r in rounds],
        }
    )
    said = ", ".join(f"{n} {SOURCES[s]}" for s, n in sources_count.items() if n)
    return TeamView(
        members=tuple(labels),
        skills=skill_ids,
        matrix=matrix,
        ranks=ranks,
        targets=_numbers(pd.DataFrame(rows, columns=list(rows[0]) if rows else None)),
        coverage=tuple(coverage),
        coverage_table=coverage_table,
        single_points=tuple(c for c in coverage if c.count == 1),
        uncovered=tuple(c for c in coverage if c.count == 0),
        top_uncovered=tuple(c for c in coverage if c.count and not c.top_holders),
        rounds=rounds,
        round_table=round_table,
        today=today,
        sources=(
            f"Levels from each record's latest check-in: the agreed level where there is one, else the line "
            f"manager's, else the member's own ({said or 'no levels'})."
        ),
    )


@dataclass(frozen=True)
class SecondHolder:
    """How one single point of failure would close: the members nearest to covering the skill too (fewest levels
    to gain), the level at which they would, and up to three ways to learn it there."""

    coverage: Coverage
    members: tuple[str, ...]
    level: str  # the level id they would need to hold
    level_name: str
    gain: int  # levels each of them has to gain
    resources: tuple[PlanResource, ...]


def closing_single_points(framework: Framework, view: TeamView, library: Library | None) -> tuple[SecondHolder, ...]:
    """For each single point of failure of ``view``, who is nearest to covering the skill as well and the
    resources that would help them get there — from the learning catalogues in ``library`` and the framework's
    own, as a plan lists them (:func:`framework.plan.skill_resources`). A skill only a one-member team holds has
    no one else to close it, and is left out.

    Built from the manager's records: for their page view only, never kept.
    """
    rank, names = framework.level_rank, {lv.id: lv.name for lv in framework.skill_levels}
    out = []
    for single in view.single_points:
        if not single.within_reach:
            continue
        gain = single.within_reach[0][2]
        level = min((lv for _, lv, g in single.within_reach if g == gain), key=rank.__getitem__)
        members = tuple(m for m, lv, g in single.within_reach if g == gain and lv == level)
        resources = skill_resources(framework, library, single.skill, level)
        out.append(SecondHolder(single, members, level, names[level], gain, resources))
    return tuple(out)


def _numbers(targets: pd.DataFrame) -> pd.DataFrame:
    """The levels to gain as whole numbers (blank where a member has no target), so a workbook sums them."""
    column = "Levels to gain for the target"
    return targets.astype({column: "Int64"}) if column in targets else targets


def _round_for_files(view: TeamView) -> pd.DataFrame:
    """The round as a file keeps it: dates in ISO 8601, each action on its own line."""
    return pd.DataFrame(
        {
            "Member": [r.member for r in view.rounds],
            "Last check-in": [file_date(r.last_check_in) for r in view.rounds],
            "Next check-in": [file_date(r.next_check_in) for r in view.rounds],
            "Check-in is": [r.check_in for r in view.rounds],
            "Open actions": [len(r.open_actions) for r in view.rounds],
            "Overdue actions": [
                "\n".join(a.action + (f" (by {file_date(a.by)})" if a.by else "") for a in r.overdue_actions)
                for r in view.rounds
            ],
            "Moved since the previous check-in": [r.moved_said for r in view.rounds],
        }
    )


def team_workbook(view: TeamView) -> bytes:
    """The team view as an Excel workbook: the monthly round, the matrix, each member against their own role
    and target, and coverage."""
    return xlsx_bytes(
        [
            ("Monthly round", _round_for_files(view)),
            ("Skills matrix", view.matrix.reset_index()),
            ("Against role and target", view.targets),
            ("Coverage", view.coverage_table),
        ]
    )


def team_csv(view: TeamView) -> str:
    """The skills matrix as CSV (a row per member, a column per skill)."""
    return csv_text(view.matrix.reset_index(), bom=True)
