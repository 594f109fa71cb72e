"""The structure of a framework in figures, for its review: which rungs are filled, where ladders skip a grade,
who has no way in or on, what each promotion asks, and who reports to whom.

Pure functions over a framework and its graph, each a record or a table a person reads:

* :func:`grade_matrix` — grade × discipline: which rungs are filled, referenced only, or empty;
* :func:`ladder_gaps` — missing grades between consecutive rungs of a ladder;
* :func:`dead_ends` / :func:`unreachable` — roles with no onward move, roles with no way in;
* :func:`unknown_grades` — roles with no stated grade and the bounds their reporting lines imply;
* :func:`promotion_steps` (and :func:`skill_cliffs`, its table) — every promotion measured by what it asks beyond
  the rung below; :func:`inversions` (and :func:`inversion_table`) — a higher rung requiring less than the one
  below;
* :func:`spans` and :func:`reporting_tree` — reporting lines as a tree, with span of control per role and
  totals per discipline;
* :func:`referenced_roles` — roles named by documents but not described by one.

What they mean — a problem, worth a look, or by design — is :mod:`framework.findings`; the whole review as one
document is :mod:`framework.review`.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from .catalogue import source_text
from .graph import move_kinds
from .models import Framework, ReferencedSource

__all__ = [
    "EMPTY",
    "EXPECTATIONS_TO_MEET",
    "FILLED",
    "LEVELS_TO_GAIN",
    "NO_DISCIPLINE",
    "REFERENCED",
    "Inversion",
    "LadderGap",
    "PromotionStep",
    "Steps",
    "dead_ends",
    "discipline_totals",
    "grade_matrix",
    "grade_text",
    "inversion_table",
    "inversions",
    "ladder_gaps",
    "promotion_steps",
    "referenced_roles",
    "reporting_tree",
    "skill_cliffs",
    "spans",
    "unknown_grades",
    "unreachable",
]

FILLED, REFERENCED, EMPTY = "filled", "referenced only", "empty"
NO_DISCIPLINE = "No discipline"


def _disciplines(framework: Framework) -> list[tuple[str | None, str]]:
    out = [(d.id, d.name) for d in framework.disciplines]
    if any(r.discipline is None for r in framework.roles):
        out.append((None, NO_DISCIPLINE))
    return out


def grade_matrix(framework: Framework) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(status, titles): discipline rows × grade columns (plus "Grade not stated").

    ``status`` holds ``filled`` (a described role), ``referenced only`` or ``empty``; ``titles`` the roles.
    """
    columns = [g.label for g in framework.grades] + ["Grade not stated"]
    index = [name for _, name in _disciplines(framework)]
    # Filled in plain dicts, then made into frames once: writing cell by cell into a DataFrame costs about a
    # millisecond a cell.
    status = {row: dict.fromkeys(columns, EMPTY) for row in index}
    titles = {row: dict.fromkeys(columns, "") for row in index}
    for role in framework.roles:
        row = framework.discipline_label(role.discipline) if role.discipline else NO_DISCIPLINE
        column = framework.grade_label(role.grade) if role.grade else "Grade not stated"
        titles[row][column] = "; ".join(filter(None, [titles[row][column], role.title]))
        if role.status == "described":
            status[row][column] = FILLED
        elif status[row][column] == EMPTY:
            status[row][column] = REFERENCED

    def frame(cells: dict[str, dict[str, str]]) -> pd.DataFrame:
        return pd.DataFrame([[cells[row][c] for c in columns] for row in index], index=index, columns=columns)

    return frame(status), frame(titles)


@dataclass(frozen=True)
class LadderGap:
    discipline: str
    track: str | None
    lower: str  # role id of the rung below the gap
    upper: str  # role id of the rung above
    missing: tuple[str, ...]  # grade labels with no role between them
    unplaced: tuple[str, ...]  # roles of unknown grade the graph places between them (may fill a gap)


def _ladders(framework: Framework) -> dict[tuple, list]:
    ladders: dict[tuple, list] = {}
    for role in framework.roles:
        if role.discipline is not None:
            ladders.setdefault((role.discipline, role.track), []).append(role)
    return ladders


def ladder_gaps(framework: Framework, graph: nx.DiGraph) -> list[LadderGap]:
    """Missing grades between consecutive rungs (with a stated grade) of each ladder."""
    rank = framework.grade_rank
    out = []
    for (discipline, track), roles in _ladders(framework).items():
        known = sorted((r for r in roles if r.grade is not None), key=lambda r: rank[r.grade])
        by_rank: dict[int, list] = {}
        for role in known:
            by_rank.setdefault(rank[role.grade], []).append(role)
        ranks = sorted(by_rank)
        for low, high in itertools.pairwise(ranks):
            if high - low <= 1:
                continue
            between = tuple(
                r.id
                for r in roles
                if r.grade is None
                and graph.nodes[r.id]["position"] is not None
                and low < graph.nodes[r.id]["position"] < high
            )
            out.append(
                LadderGap(
                    discipline=framework.discipline_label(discipline),
                    track=track,
                    lower=by_rank[low][0].id,
                    upper=by_rank[high][0].id,
                    missing=tuple(g.label for g in framework.grades[low + 1 : high]),
                    unplaced=between,
                )
            )
    return out


def _role_row(framework: Framework, graph: nx.DiGraph, role, **extra) -> dict:
    grade = framework.grade_label(role.grade) if role.grade else graph.nodes[role.id]["bounds"]
    return {
        "id": role.id,
        "Role": role.title,
        "Discipline": framework.discipline_label(role.discipline),
        "Grade": grade,
        **extra,
    }


def dead_ends(framework: Framework, graph: nx.DiGraph) -> pd.DataFrame:
    """Roles with no onward move; ``top of scale`` marks those already at the highest grade or above."""
    top = len(framework.grades) - 1
    rows = [
        _role_row(framework, graph, role, **{"Top of scale": (graph.nodes[role.id]["position"] or -1) >= top})
        for role in framework.roles
        if graph.out_degree(role.id) == 0
    ]
    return pd.DataFrame(rows, columns=["id", "Role", "Discipline", "Grade", "Top of scale"])


def unreachable(framework: Framework, graph: nx.DiGraph) -> pd.DataFrame:
    """Roles no move leads into; ``entry rung`` marks the lowest rung of their ladder (a natural way in)."""
    lowest: dict[tuple, float] = {}
    for role in framework.roles:
        position = graph.nodes[role.id]["position"]
        if position is not None:
            key = (role.discipline, role.track)
            lowest[key] = min(lowest.get(key, position), position)
    rows = [
        _role_row(
            framework,
            graph,
            role,
            **{"Entry rung": graph.nodes[role.id]["position"] == lowest.get((role.discipline, role.track), -1)},
        )
        for role in framework.roles
        if graph.in_degree(role.id) == 0
    ]
    return pd.DataFrame(rows, columns=["id", "Role", "Discipline", "Grade", "Entry rung"])


def unknown_grades(framework: Framework, graph: nx.DiGraph) -> pd.DataFrame:
    rows = [
        {
            "id": r.id,
            "Role": r.title,
            "Discipline": framework.discipline_label(r.discipline),
            "Bounds": graph.nodes[r.id]["bounds"].removeprefix("grade not stated; ").removeprefix("grade not stated"),
        }
        for r in framework.roles
        if r.grade is None
    ]
    for row in rows:
        row["Bounds"] = row["Bounds"] or "no reporting line places it"
    return pd.DataFrame(rows, columns=["id", "Role", "Discipline", "Bounds"])


@dataclass(frozen=True)
class PromotionStep:
    """One promotion, measured: what it asks beyond the rung below it (see :func:`promotion_steps`)."""

    start: str  #: the role it is measured from: the rung below, or the nearest below it that states requirements
    end: str  #: the role promoted to
    size: int  #: skill levels to gain, or expectations to meet (:attr:`Steps.measure` says which)
    ladder: tuple[str | None, str | None, str | None]  #: where the role promoted to is: (discipline, track, branch)
    through: tuple[str, ...] = ()  #: rungs passed that state no requirements of their own, lowest first
    skipped: tuple[str, ...] = ()  #: grades between the two ends that no role of stated grade on the ladder fills


@dataclass(frozen=True)
class Steps:
    """Every promotion of a framework, measured, biggest first; ``measure`` names what a step's size counts."""

    measure: str  #: "skill levels to gain", or "expectations to meet" for a framework written as expectations
    steps: tuple[PromotionStep, ...]

    @property
    def column(self) -> str:
        return "Levels to gain" if self.measure == LEVELS_TO_GAIN else "Expectations to meet"


LEVELS_TO_GAIN, EXPECTATIONS_TO_MEET = "skill levels to gain", "expectations to meet"


def promotion_steps(framework: Framework, graph: nx.DiGraph) -> Steps:
    """Promotions ranked by what they ask beyond the rung below (biggest first): the skill levels to gain, for
    steps into roles with skills; or, where the graph counts expectations (a framework written as
    expectations, :func:`framework.graph.build_graph`), the expectations to meet — never a level scale the
    framework does not have.

    Every promotion edge of the graph is measured, including those through a rung that states no requirements
    of its own (a role only named in another document): the step is then measured from the nearest rung below
    that does state them, as the graph does (a person who reached the empty rung holds what that one needs),
    and ``through`` names the rungs passed. ``skipped`` names the grades of the scale between the two ends that
    no role of stated grade on the ladder fills. A step into a role that states nothing is left out: it asks
    nothing measurable."""
    if graph.graph.get("counts_expectations"):
        from .expectations import role_expectations

        counted = {r.id for r in framework.roles if role_expectations(framework, r)}
        measure, attribute = EXPECTATIONS_TO_MEET, "expectations_to_gain"
    else:
        counted = {r.id for r in framework.roles if r.skills}
        measure, attribute = LEVELS_TO_GAIN, "levels_to_gain"
    measured_from = _measured_from(graph, counted)
    filled = _filled_ranks(framework)
    found: dict[tuple[str, str], PromotionStep] = {}
    for u, v, d in graph.edges(data=True):
        if v not in counted or "promotion" not in move_kinds(d):
            continue
        start_through = measured_from(u)
        if start_through is None:
            continue
        start, through = start_through
        end = framework.role(v)
        step = PromotionStep(
            start, v, int(d.get(attribute, 0)), (end.discipline, end.track, end.branch), through,
            tuple(_skipped(framework, graph, start, v, filled)),
        )  # fmt: skip
        found.setdefault((start, v), step)
    titles = {r.id: r.title for r in framework.roles}
    ranked = sorted(found.values(), key=lambda step: (-step.size, titles[step.start]))
    return Steps(measure, tuple(ranked))


def skill_cliffs(framework: Framework, graph: nx.DiGraph, steps: Steps | None = None) -> pd.DataFrame:
    """:func:`promotion_steps` as a table: the two roles, the discipline, the grades, the step's size (in a
    column named for what it counts), the rungs passed, the grades skipped, and the role ids. ``steps``: those
    already worked out for this framework and graph (the structure review's findings need them too)."""
    steps = steps if steps is not None else promotion_steps(framework, graph)
    rows = [
        {
            "From": framework.role(step.start).title,
            "To": framework.role(step.end).title,
            "Discipline": framework.discipline_label(framework.role(step.start).discipline),
            "Grades": f"{grade_text(framework, graph, step.start)} → {grade_text(framework, graph, step.end)}",
            steps.column: step.size,
            "Through": ", ".join(framework.role(r).title for r in step.through),
            "Grades skipped": ", ".join(step.skipped),
            "from_id": step.start,
            "to_id": step.end,
        }
        for step in steps.steps
    ]
    columns = ["From", "To", "Discipline", "Grades", steps.column, "Through", "Grades skipped", "from_id", "to_id"]
    return pd.DataFrame(rows, columns=columns)


def grade_text(framework: Framework, graph: nx.DiGraph, role_id: str) -> str:
    grade = graph.nodes[role_id]["grade"]
    return framework.grade_label(grade) if grade else "grade not stated"


def _measured_from(graph: nx.DiGraph, counted: set[str]):
    """``found(role_id) -> (start, through) | None``: the role itself when it states requirements, else the
    nearest role below it along promotions that does, with the rungs passed on the way (lowest first).
    Remembered per role, so a long ladder of empty rungs is walked once."""
    memo: dict[str, tuple[str, tuple[str, ...]] | None] = {}

    def found(node: str) -> tuple[str, tuple[str, ...]] | None:
        trail: list[str] = []
        current: str | None = node
        seen: set[str] = set()
        while current is not None and current not in memo:
            if current in counted:
                memo[current] = (current, ())
                break
            if current in seen:  # a loop of stated moves: no rung below to measure from
                memo[current] = None
                break
            seen.add(current)
            trail.append(current)
            below = sorted(
                (p for p, _, d in graph.in_edges(current, data=True)
                 if "promotion" in move_kinds(d)),
                key=lambda p: (-(graph.nodes[p]["position"] or 0), p),
            )  # fmt: skip
            current = below[0] if below else None
        result = memo.get(current) if current is not None else None
        for step in reversed(trail):  # from the nearest to the start upwards
            if step not in memo:
                result = memo[step] = None if result is None else (result[0], (*result[1], step))
        return memo.get(node)

    return found


def _filled_ranks(framework: Framework) -> dict[tuple, set[int]]:
    out: dict[tuple, set[int]] = {}
    for role in framework.roles:
        if role.grade is not None and role.discipline is not None:
            out.setdefault((role.discipline, role.track), set()).add(framework.grade_rank[role.grade])
    return out


def _skipped(framework: Framework, graph: nx.DiGraph, start: str, end: str, filled: dict) -> list[str]:
    low, high = graph.nodes[start]["grade_rank"], graph.nodes[end]["grade_rank"]
    if low is None or high is None:
        return []
    role = framework.role(start)
    taken = filled.get((role.discipline, role.track), set())
    return [framework.grades[i].label for i in range(low + 1, high) if i not in taken]


@dataclass(frozen=True)
class Inversion:
    lower: str
    upper: str
    skill: str
    lower_level: str
    upper_level: str


def inversions(framework: Framework, graph: nx.DiGraph) -> list[Inversion]:
    """Skills a higher rung requires at a lower level than the rung below it (promotion edges)."""
    rank = framework.level_rank
    out = []
    for u, v, d in graph.edges(data=True):
        if "promotion" not in move_kinds(d):
            continue
        below = {req.skill: req.level for req in framework.role(u).skills}
        for req in framework.role(v).skills:
            if req.skill in below and rank.get(req.level, 0) < rank.get(below[req.skill], 0):
                out.append(Inversion(u, v, req.skill, below[req.skill], req.level))
    return out


def inversion_table(framework: Framework, graph: nx.DiGraph, found: Sequence[Inversion] | None = None) -> pd.DataFrame:
    """:func:`inversions` as a table: the two rungs, the skill, and the level each needs. ``found``: the
    inversions already worked out for this framework and graph (the structure review's findings need them too)."""
    columns = ["Lower rung", "Higher rung", "Skill", "Lower rung needs", "Higher rung needs"]
    rows = [
        {
            "Lower rung": framework.role(i.lower).title,
            "Higher rung": framework.role(i.upper).title,
            "Skill": framework.skills_by_id[i.skill].name if i.skill in framework.skills_by_id else i.skill,
            "Lower rung needs": i.lower_level,
            "Higher rung needs": i.upper_level,
        }
        for i in (found if found is not None else inversions(framework, graph))
    ]
    return pd.DataFrame(rows, columns=columns)


def spans(framework: Framework) -> pd.DataFrame:
    """One row per role: its manager (the tree), direct and indirect reports in the framework, and the staff
    and budget its document states."""
    tree = nx.DiGraph()
    tree.add_nodes_from(r.id for r in framework.roles)
    for role in framework.roles:
        if role.reports_to and role.reports_to.role in framework.roles_by_id:
            tree.add_edge(role.reports_to.role, role.id)
    rows = []
    for role in framework.roles:
        span = role.management
        line = role.reports_to
        manager = framework.role(line.role).title if line and line.role in framework.roles_by_id else ""
        rows.append(
            {
                "id": role.id,
                "Role": role.title,
                "Discipline": framework.discipline_label(role.discipline) if role.discipline else NO_DISCIPLINE,
                "Reports to": manager,
                "Direct reports (roles)": tree.out_degree(role.id),
                "All reports (roles)": len(nx.descendants(tree, role.id)),
                "Direct staff (stated)": span.direct if span else None,
                "Indirect staff (stated)": span.indirect if span else None,
                "Budget (£, stated)": role.budget.amount_gbp if role.budget else None,
            }
        )
    return pd.DataFrame(rows)


def discipline_totals(span_table: pd.DataFrame) -> pd.DataFrame:
    numeric = ["Direct staff (stated)", "Indirect staff (stated)", "Budget (£, stated)"]
    totals = span_table.groupby("Discipline", sort=False)[numeric].sum(min_count=1)
    totals.insert(0, "Roles", span_table.groupby("Discipline", sort=False).size())
    return totals.reset_index()


def referenced_roles(framework: Framework, graph: nx.DiGraph) -> pd.DataFrame:
    rows = []
    for role in framework.roles:
        if isinstance(role.source, ReferencedSource):
            rows.append(
                {
                    "id": role.id,
                    "Role": role.title,
                    "Discipline": framework.discipline_label(role.discipline),
                    "Grade": framework.grade_label(role.grade) if role.grade else graph.nodes[role.id]["bounds"],
                    "Named by": source_text(framework, role).removeprefix("Named in the job description of "),
                    "Evidence": " | ".join(ref.evidence for ref in role.source.referenced_by),
                    "Reports to": role.reports_to.role if role.reports_to else "",
                    "Skills (from benchmark)": len(role.skills),
                }
            )
    return pd.DataFrame(
        rows,
        columns=["id", "Role", "Discipline", "Grade", "Named by", "Evidence", "Reports to", "Skills (from benchmark)"],
    )


def reporting_tree(framework: Framework, span_table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Reporting lines as a table in tree order: each manager followed by the roles reporting to it, ``Level``
    counting down from the top of its tree (1), with span of control per role. Roles in no reporting line are
    left out (a framework without reporting lines gives an empty table, never a box per role). ``span_table``:
    :func:`spans` of the framework, when the caller has it already."""
    reports: dict[str, list[str]] = {}
    has_manager: set[str] = set()
    for role in framework.roles:
        if role.reports_to and role.reports_to.role in framework.roles_by_id and role.reports_to.role != role.id:
            reports.setdefault(role.reports_to.role, []).append(role.id)
            has_manager.add(role.id)
    table = spans(framework) if span_table is None else span_table
    direct = dict(zip(table["id"], table["Direct reports (roles)"], strict=True))
    every = dict(zip(table["id"], table["All reports (roles)"], strict=True))
    rows: list[dict] = []
    seen: set[str] = set()
    for top in (r.id for r in framework.roles if r.id not in has_manager and r.id in reports):
        stack = [(top, 1)]
        while stack:
            node, depth = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            role = framework.role(node)
            rows.append(
                {
                    "Level": depth,
                    "Role": role.title,
                    "Reports to": framework.role(role.reports_to.role).title if node in has_manager else "",
                    "Grade": framework.grade_label(role.grade) if role.grade else "not stated",
                    "Direct reports (roles)": int(direct[node]),
                    "All reports (roles)": int(every[node]),
                    "id": node,
                }
            )
            stack.extend((child, depth + 1) for child in reversed(reports.get(node, [])))
    return pd.DataFrame(
        rows, columns=["Level", "Role", "Reports to", "Grade", "Direct reports (roles)", "All reports (roles)", "id"]
    )
