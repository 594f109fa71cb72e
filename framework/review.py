"""Structure review for leadership and HR: is the framework sound?

Pure functions over a framework and its graph:

* :func:`grade_matrix` — grade × discipline: which rungs are filled, referenced only, or empty;
* :func:`ladder_gaps` — missing grades between consecutive rungs of a ladder;
* :func:`dead_ends` / :func:`unreachable` — roles with no onward move, roles with no way in;
* :func:`unknown_grades` — roles with no stated grade and the bounds their reporting lines imply;
* :func:`skill_cliffs` — promotions ranked by skill levels to gain; :func:`inversions` (and
  :func:`inversion_table`) — a higher rung requiring less than the one below;
* :func:`spans` and :func:`reporting_tree` — reporting lines as a tree, with span of control per role and
  totals per discipline;
* :func:`referenced_roles` — roles named by documents but not described by one;
* :func:`findings` — all of it ranked (a problem, worth a look, by design), each finding with a one-line why,
  the roles involved and a recommended action.

:func:`review_markdown` and :func:`review_xlsx` put it all in one document for HR (with the grading
consistency of :mod:`framework.grading`): a summary first, plain numbers and words, role names rather than ids.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from statistics import median

import networkx as nx
import pandas as pd

from .catalogue import source_text
from .cells import xlsx_bytes
from .ladders import ladder_name
from .models import Framework, ReferencedSource
from .textsafe import md_escape
from .wording import and_list, number, plural

__all__ = [
    "BY_DESIGN",
    "FILLED",
    "PROBLEM",
    "REFERENCED",
    "SEVERITIES",
    "WORTH_A_LOOK",
    "CliffRule",
    "Finding",
    "Inversion",
    "LadderGap",
    "dead_ends",
    "findings",
    "findings_table",
    "grade_matrix",
    "inversion_table",
    "inversions",
    "ladder_gaps",
    "referenced_roles",
    "reporting_tree",
    "review_markdown",
    "review_xlsx",
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
        if v not in counted or not any(kind == "promotion" for kind, _ in d["relations"]):
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


def skill_cliffs(framework: Framework, graph: nx.DiGraph) -> pd.DataFrame:
    """:func:`promotion_steps` as a table: the two roles, the discipline, the grades, the step's size (in a
    column named for what it counts), the rungs passed, the grades skipped, and the role ids."""
    steps = promotion_steps(framework, graph)
    rows = [
        {
            "From": framework.role(step.start).title,
            "To": framework.role(step.end).title,
            "Discipline": framework.discipline_label(framework.role(step.start).discipline),
            "Grades": f"{_grade_text(framework, graph, step.start)} → {_grade_text(framework, graph, step.end)}",
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


def _grade_text(framework: Framework, graph: nx.DiGraph, role_id: str) -> str:
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
                 if any(kind == "promotion" for kind, _ in d["relations"])),
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
        if not any(kind == "promotion" for kind, _ in d["relations"]):
            continue
        below = {req.skill: req.level for req in framework.role(u).skills}
        for req in framework.role(v).skills:
            if req.skill in below and rank.get(req.level, 0) < rank.get(below[req.skill], 0):
                out.append(Inversion(u, v, req.skill, below[req.skill], req.level))
    return out


def inversion_table(framework: Framework, graph: nx.DiGraph) -> pd.DataFrame:
    """:func:`inversions` as a table: the two rungs, the skill, and the level each needs."""
    columns = ["Lower rung", "Higher rung", "Skill", "Lower rung needs", "Higher rung needs"]
    rows = [
        {
            "Lower rung": framework.role(i.lower).title,
            "Higher rung": framework.role(i.upper).title,
            "Skill": framework.skills_by_id[i.skill].name if i.skill in framework.skills_by_id else i.skill,
            "Lower rung needs": i.lower_level,
            "Higher rung needs": i.upper_level,
        }
        for i in inversions(framework, graph)
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


# --------------------------------------------------------------------------- findings: what to do

PROBLEM, WORTH_A_LOOK, BY_DESIGN = "problem", "worth a look", "by design"
SEVERITIES = (PROBLEM, WORTH_A_LOOK, BY_DESIGN)  #: most pressing first


@dataclass(frozen=True)
class Finding:
    """One thing the review found, ranked and with what to do about it.

    ``kind`` is a stable name of the check ("skill cliff", "dead end", …) and ``roles`` the role ids involved,
    in the order the text names them: together they identify a finding across versions of a framework
    (:mod:`framework.versions`). ``title`` says what, ``why`` says in one line why it matters (or why it is
    expected), ``action`` what to do (for a finding by design: that nothing needs doing, and when it would).
    """

    severity: str
    kind: str
    title: str
    why: str
    action: str
    roles: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, tuple[str, ...]]:
        return (self.kind, self.roles)


@dataclass(frozen=True)
class CliffRule:
    """When a promotion is a cliff: it asks at least ``problem_ratio`` (a problem) or ``look_ratio`` (worth a
    look) times the median promotion of its peers, and never fewer than ``min_levels``.

    Relative to a median, because scales differ: a DDaT promotion asks 6 skill levels at the median, a council
    one 5; twice the median is a step that asks as much as two ordinary promotions at once. **Its peers** are
    the other promotions of its own ladder (discipline and track, and branch where the ladder has branches:
    individual contributors and people managers), because a ladder's steps are sized by how the ladder is
    written: an FT engineering level lists 9 competencies and a legacy one 30, a Monzo leadership level 50
    criteria and a design level 3. So counted expectations are judged only against
    their own ladder's. Skill levels are on one scale every ladder shares, so a ladder with fewer than
    ``min_peers`` promotions (three have no median of their own but the middle one) is judged with its
    discipline's, or, where that has too few as well, the framework's.
    """

    problem_ratio: float = 2.0
    look_ratio: float = 1.5
    min_levels: int = 4
    min_peers: int = 4


@dataclass(frozen=True)
class Case:
    """What a rule detected: the roles involved, in the order its words name them, and what it measured."""

    roles: tuple[str, ...]
    severity: str | None = None  #: where the rule's severity depends on the case (a cliff's size)
    facts: tuple[tuple[str, object], ...] = ()

    def fact(self, name: str):
        return dict(self.facts)[name]


@dataclass(frozen=True)
class Rule:
    """One check of the review, as data: what it is called, how pressing what it finds is, how it finds it and
    how it says it — datasette's ``Filters`` habit, a table of small rules rather than one long function."""

    kind: str
    severity: str
    detect: Callable[[_Structure], Iterable[Case]]
    explain: Callable[[_Structure, Case], tuple[str, str, str]]  #: (title, why, action)


class _Structure:
    """A framework and its graph, and what several rules need of them, worked out once per review."""

    def __init__(self, framework: Framework, graph: nx.DiGraph, cliffs: CliffRule) -> None:
        self.framework, self.graph, self.cliffs = framework, graph, cliffs

    def names(self, ids) -> str:
        return and_list(self.framework.role(i).title for i in ids)

    def grade(self, role_id: str) -> str:
        return _grade_text(self.framework, self.graph, role_id)

    def position(self, role_id: str) -> float | None:
        return self.graph.nodes[role_id]["position"]

    @cached_property
    def _placed(self) -> list[tuple[tuple, float, bool]]:
        """(ladder, position, has a discipline) of every placed role."""
        out = []
        for role in self.framework.roles:
            position = self.position(role.id)
            if position is not None:
                out.append(((role.discipline, role.track), position, role.discipline is not None))
        return out

    @cached_property
    def lowest(self) -> dict[tuple, float]:
        """(discipline, track) → the position of the ladder's lowest rung."""
        out: dict[tuple, float] = {}
        for ladder, position, _ in self._placed:
            out[ladder] = min(out.get(ladder, position), position)
        return out

    @cached_property
    def tops(self) -> dict[tuple, float]:
        """(discipline, track) → the position of the ladder's highest rung (roles with a discipline only)."""
        out: dict[tuple, float] = {}
        for ladder, position, on_a_ladder in self._placed:
            if on_a_ladder:
                out[ladder] = max(out.get(ladder, position), position)
        return out

    @cached_property
    def isolated(self) -> dict[int | None, list[str]]:
        """Grade rank → roles that no move leads into or out of, alone on their ladder."""
        sizes = Counter(ladder for ladder, _, _ in self._placed)
        out: dict[int | None, list[str]] = {}
        for role in self.framework.roles:
            if self.graph.in_degree(role.id) or self.graph.out_degree(role.id):
                continue
            if sizes[(role.discipline, role.track)] > 1:
                continue
            out.setdefault(self.graph.nodes[role.id]["grade_rank"], []).append(role.id)
        return out

    @cached_property
    def alone(self) -> set[str]:
        return {role_id for ids in self.isolated.values() for role_id in ids}

    def dead_end(self, role) -> bool | None:
        """For a role with no onward move (not alone): True below the top of its ladder, False at the top of
        its ladder or of the scale; None for a role with a move on."""
        if role.id in self.alone or self.graph.out_degree(role.id):
            return None
        position = self.position(role.id)
        top = self.tops.get((role.discipline, role.track), -1)
        return not (position is None or position >= len(self.framework.grades) - 1 or position >= top)

    def no_way_in(self, role) -> bool | None:
        """For a role no move leads into (not alone): True above the lowest rung of its ladder, False on it."""
        if role.id in self.alone or self.graph.in_degree(role.id):
            return None
        position = self.position(role.id)
        return not (position is None or position <= self.lowest.get((role.discipline, role.track), -1))

    @cached_property
    def steps(self) -> Steps:
        return promotion_steps(self.framework, self.graph)


# ------------------------------------------------------------------ each rule: what it detects, and in words


def _detect_isolated(review: _Structure) -> Iterable[Case]:
    for rank, ids in review.isolated.items():
        below = [
            r.id
            for r in review.framework.roles
            if rank is not None and rank > 0 and review.graph.nodes[r.id]["grade_rank"] == rank - 1
        ]
        yield Case(tuple(ids), facts=(("rank", rank), ("below", len(below))))


def _explain_isolated(review: _Structure, case: Case) -> tuple[str, str, str]:
    grades, rank, below, n = review.framework.grades, case.fact("rank"), case.fact("below"), len(case.roles)
    where = f"{grades[rank].label} role" if rank is not None else "role"
    if not below:
        title = f"{plural(n, where)} that no move leads into or out of"
        why = f"{review.names(case.roles)} stand alone: no promotion, lateral move or reporting line links them"
        return title, why, "Link each to the roles it is reached from and leads to (moves, reports_to), or remove it"
    lower = grades[rank - 1].label
    them = "them" if n > 1 else "it"
    nobody = f"none of the {below} {lower} roles has a" if below > 1 else f"the {lower} role has no"
    why = (
        f"{review.names(case.roles)} can be reached by no move, and lead nowhere: {nobody} promotion or lateral "
        f"move to {them}, so {them} {'are' if n > 1 else 'is'} cut off from the rest of the structure"
    )
    action = (
        f"State the promotions from the {lower} roles that lead to each {where} (moves of kind promotion in the "
        "framework file), or give them a discipline and track shared with those roles"
    )
    return f"No {lower} role leads to any {where}", why, action


def _yardstick(review: _Structure, step: PromotionStep) -> tuple[float, str]:
    """The median promotion a step is judged against, and where its peers are (see :class:`CliffRule`)."""
    steps, rule, framework = review.steps, review.cliffs, review.framework
    discipline, track, branch = step.ladder
    ladder = [s.size for s in steps.steps if s.ladder == step.ladder]
    if len(ladder) >= rule.min_peers or steps.measure == EXPECTATIONS_TO_MEET:
        where = f"the {ladder_name(framework, discipline, track)} ladder"
        where = f"the {framework.branch_label(branch)} branch of {where}" if branch else where
        return median(ladder), f"on {where}"
    same = [s.size for s in steps.steps if s.ladder[0] == discipline]
    if len(same) >= rule.min_peers:
        return median(same), f"in the {framework.discipline_label(discipline)} discipline"
    return median(s.size for s in steps.steps), "in the framework"


def _detect_cliffs(review: _Structure) -> Iterable[Case]:
    rule = review.cliffs
    for step in review.steps.steps:
        if step.size < rule.min_levels:
            continue
        typical, whose = _yardstick(review, step)
        if step.size >= rule.problem_ratio * typical:  # a median of 0 makes any step of min_levels a problem
            severity = PROBLEM
        elif step.size >= rule.look_ratio * typical:
            severity = WORTH_A_LOOK
        else:
            continue
        yield Case((step.start, step.end), severity, (("step", step), ("median", typical), ("whose", whose)))


def _explain_cliff(review: _Structure, case: Case) -> tuple[str, str, str]:
    step, typical, whose = case.fact("step"), case.fact("median"), case.fact("whose")
    start, end = (review.framework.role(r).title for r in case.roles)
    through = review.names(step.through)
    what = review.steps.measure
    ratio = number(round(step.size / typical, 1)) if typical else "many"
    why = (
        f"{step.size} {what} in one promotion ({review.grade(step.start)} → {review.grade(step.end)}), {ratio} "
        f"times the median promotion {whose} ({number(typical)})"
    )
    why += f"; through {through}, which states no requirements of its own" if through else ""
    why += f"; no role of stated grade at {', '.join(step.skipped)} on this ladder" if step.skipped else ""
    action = (
        f"Add or describe a rung between {start} and {end}"
        + (f" (state the grade and skills of {through})" if through else "")
        + f", or spread the {what} over the rungs so each promotion asks a similar step"
    )
    return f"Skill cliff: {start} → {end}", why, action


def _explain_dead_end(review: _Structure, case: Case) -> tuple[str, str, str]:
    title = review.framework.role(case.roles[0]).title
    return (
        f"Dead end: {title}",
        f"{title} ({review.grade(case.roles[0])}) has no onward move, though its ladder goes higher",
        f"Link {title} to the next rung up (a promotion in the framework file), or say in its description where "
        "people go from it",
    )


def _explain_no_way_in(review: _Structure, case: Case) -> tuple[str, str, str]:
    title = review.framework.role(case.roles[0]).title
    return (
        f"No way in: {title}",
        f"No move leads into {title} ({review.grade(case.roles[0])}), though it is not the lowest rung of its ladder",
        f"Link the rung below to {title} with a promotion, or a role elsewhere with a lateral move",
    )


def _detect_missing_rungs(review: _Structure) -> Iterable[Case]:
    for gap in ladder_gaps(review.framework, review.graph):
        yield Case((gap.lower, gap.upper, *gap.unplaced), facts=(("gap", gap),))


def _explain_missing_rung(review: _Structure, case: Case) -> tuple[str, str, str]:
    gap = case.fact("gap")
    ladder = gap.discipline + (f" ({review.framework.track_label(gap.track)})" if gap.track else "")
    lower, upper = (review.framework.role(r).title for r in (gap.lower, gap.upper))
    missing = ", ".join(gap.missing)
    why = f"The {ladder} ladder has no role at {missing} between {lower} and {upper}"
    if gap.unplaced:
        names = review.names(gap.unplaced)
        why += f"; {names}, whose grade is not stated, sits between them"
        action = f"State the grade of {names}, so the ladder shows which rung it fills"
    else:
        action = f"Confirm the step from {lower} to {upper} is meant to skip {missing}, or add a rung"
    return f"Missing rung: {ladder}, {missing}", why, action


def _detect_inversions(review: _Structure) -> Iterable[Case]:
    by_pair: dict[tuple[str, str], list[Inversion]] = {}
    for inversion in inversions(review.framework, review.graph):
        by_pair.setdefault((inversion.lower, inversion.upper), []).append(inversion)
    for pair, found in by_pair.items():
        yield Case(pair, facts=(("inversions", tuple(found)),))


def _explain_inversion(review: _Structure, case: Case) -> tuple[str, str, str]:
    framework, found = review.framework, case.fact("inversions")
    lower, upper = (framework.role(r).title for r in case.roles)
    levels = {level.id: level.name for level in framework.skill_levels}
    listed = "; ".join(
        f"{_skill_name(framework, i.skill)}: {levels.get(i.lower_level, i.lower_level)} → "
        f"{levels.get(i.upper_level, i.upper_level)}"
        for i in found
    )
    return (
        f"Skill inversion: {lower} → {upper}",
        f"{upper} needs {plural(len(found), 'skill')} at a lower level than {lower}, the rung below ({listed})",
        f"Check the levels {upper} asks for: raise them to at least {lower}'s, or record why the higher rung needs "
        "less",
    )


def _all_in_one(roles: list[str]) -> Iterable[Case]:
    """One finding naming every role a rule found, when it found any."""
    return [Case(tuple(roles))] if roles else []


def _listing(word: str, after: str, why: str, action: str) -> Callable[[_Structure, Case], tuple[str, str, str]]:
    """The words of a finding that lists roles: "3 entry rungs", "<the roles>: <why>", what to do."""

    def explain(review: _Structure, case: Case) -> tuple[str, str, str]:
        n = len(case.roles)
        return (
            f"{plural(n, word)}{after}",
            f"{review.names(case.roles)}: {why.format(them='them' if n != 1 else 'it')}",
            action,
        )

    return explain


#: The review's checks, in the order their findings are listed within a severity.
RULES: tuple[Rule, ...] = (
    Rule("isolated roles", PROBLEM, _detect_isolated, _explain_isolated),
    Rule("skill cliff", PROBLEM, _detect_cliffs, _explain_cliff),
    Rule(
        "dead end", PROBLEM,
        lambda review: (Case((r.id,)) for r in review.framework.roles if review.dead_end(r)),
        _explain_dead_end,
    ),
    Rule(
        "no way in", PROBLEM,
        lambda review: (Case((r.id,)) for r in review.framework.roles if review.no_way_in(r)),
        _explain_no_way_in,
    ),
    Rule("missing rung", WORTH_A_LOOK, _detect_missing_rungs, _explain_missing_rung),
    Rule("skill inversion", WORTH_A_LOOK, _detect_inversions, _explain_inversion),
    Rule(
        "grade not stated", WORTH_A_LOOK,
        lambda review: _all_in_one(
            [r.id for r in review.framework.roles if r.grade is None and r.id not in review.alone]
        ),
        _listing(
            "role", " whose grade is not stated",
            "no document states a grade, so the review places {them} by reporting lines only",
            "State each grade in the framework file (grade:) where a document or HR record gives it",
        ),
    ),
    Rule(
        "entry rung", BY_DESIGN,
        lambda review: _all_in_one([r.id for r in review.framework.roles if review.no_way_in(r) is False]),
        _listing(
            "entry rung", "",
            "no move leads in because each is the lowest rung of its ladder, where people join it",
            "Nothing to do; link a role from another ladder with a lateral move if people also join from there",
        ),
    ),
    Rule(
        "top of ladder", BY_DESIGN,
        lambda review: _all_in_one([r.id for r in review.framework.roles if review.dead_end(r) is False]),
        _listing(
            "top", " of ladders",
            "no onward move because each is the highest rung of its ladder or of the grade scale",
            "Nothing to do; add a move where a next step exists outside the framework's ladders",
        ),
    ),
    Rule(
        "named only", BY_DESIGN,
        lambda review: _all_in_one([r.id for r in review.framework.roles if isinstance(r.source, ReferencedSource)]),
        _listing(
            "role", " named in another document",
            "named by another role's job description, with no document of their own; the framework invents no "
            "text for them",
            "Nothing to do; add each role's own job description when there is one",
        ),
    ),
)  # fmt: skip


def findings(framework: Framework, graph: nx.DiGraph, *, cliffs: CliffRule | None = None) -> list[Finding]:
    """Every finding of the review's :data:`RULES`, most pressing first (problems, then worth a look, then by
    design), each with a one-line why, the roles involved and what to do.

    * **isolated roles** — roles that no move leads into or out of, alone on their ladder: a problem, one
      finding per grade, naming the grade below whose roles lead nowhere near them (DDaT: no Head role leads to
      any Chief role);
    * **skill cliffs** — promotions asking far more than the usual step of their ladder (:class:`CliffRule`),
      measured along every promotion, across rungs with no requirements of their own (:func:`promotion_steps`);
    * **dead ends** — roles with no onward move below the top of their ladder: a problem; at the top of their
      ladder or of the scale: by design;
    * **no way in** — roles no move leads into above the bottom of their ladder: a problem; the lowest rung of a
      ladder is where people join it: by design;
    * **missing rungs** (:func:`ladder_gaps`), **skill inversions** (:func:`inversions`) and **roles whose grade
      is not stated**: worth a look;
    * **roles only named in another document** (:func:`referenced_roles`): by design.
    """
    structure = _Structure(framework, graph, cliffs or CliffRule())
    out = [
        Finding(case.severity or rule.severity, rule.kind, *rule.explain(structure, case), case.roles)
        for rule in RULES
        for case in rule.detect(structure)
    ]
    return sorted(out, key=lambda f: SEVERITIES.index(f.severity))


def _skill_name(framework: Framework, skill_id: str) -> str:
    skill = framework.skills_by_id.get(skill_id)
    return skill.name if skill else skill_id


def findings_table(found: list[Finding], framework: Framework) -> pd.DataFrame:
    """The findings as a table: severity, what, why, the roles by name, what to do, and the role ids last."""
    return pd.DataFrame(
        [
            {
                "Severity": f.severity.capitalize(),
                "Finding": f.title,
                "Why": f.why,
                "Roles": "; ".join(framework.role(r).title for r in f.roles),
                "Recommended action": f.action,
                "Role ids": ", ".join(f.roles),
            }
            for f in found
        ],
        columns=["Severity", "Finding", "Why", "Roles", "Recommended action", "Role ids"],
    )


# --------------------------------------------------------------------------- one document


def _plain(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` for a person to read: yes/no for true/false, whole numbers without a decimal point."""
    out = table.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_bool_dtype(series):
            out[column] = series.map({True: "yes", False: "no"})
        elif pd.api.types.is_float_dtype(series):
            whole = series.dropna()
            if (whole == whole.round()).all():
                out[column] = series.astype("Int64")
    return out


def reporting_tree(framework: Framework) -> pd.DataFrame:
    """Reporting lines as a table in tree order: each manager followed by the roles reporting to it, ``Level``
    counting down from the top of its tree (1), with span of control per role. Roles in no reporting line are
    left out (a framework without reporting lines gives an empty table, never a box per role)."""
    reports: dict[str, list[str]] = {}
    has_manager: set[str] = set()
    for role in framework.roles:
        if role.reports_to and role.reports_to.role in framework.roles_by_id and role.reports_to.role != role.id:
            reports.setdefault(role.reports_to.role, []).append(role.id)
            has_manager.add(role.id)
    counts = spans(framework).set_index("id")
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
                    "Direct reports (roles)": int(counts.loc[node, "Direct reports (roles)"]),
                    "All reports (roles)": int(counts.loc[node, "All reports (roles)"]),
                    "id": node,
                }
            )
            stack.extend((child, depth + 1) for child in reversed(reports.get(node, [])))
    return pd.DataFrame(
        rows, columns=["Level", "Role", "Reports to", "Grade", "Direct reports (roles)", "All reports (roles)", "id"]
    )


def _sections(framework: Framework, graph: nx.DiGraph, found: list[Finding], grading: pd.DataFrame):
    """The review's tables, each with a plain-word title, ids only in columns of their own."""
    status, titles = grade_matrix(framework)
    gaps = pd.DataFrame(
        [
            {
                "Discipline": g.discipline,
                "Track": framework.track_label(g.track) if g.track else "",
                "Below": framework.role(g.lower).title,
                "Above": framework.role(g.upper).title,
                "Missing grades": ", ".join(g.missing),
                "Roles of unknown grade in between": ", ".join(framework.role(r).title for r in g.unplaced),
            }
            for g in ladder_gaps(framework, graph)
        ],
        columns=["Discipline", "Track", "Below", "Above", "Missing grades", "Roles of unknown grade in between"],
    )
    span_table = spans(framework)
    referenced = referenced_roles(framework, graph)
    referenced["Reports to"] = [
        framework.role(r).title if r in framework.roles_by_id else r for r in referenced["Reports to"]
    ]
    cliffs = skill_cliffs(framework, graph).drop(columns=["from_id", "to_id"])
    return [
        ("Findings", findings_table(found, framework).drop(columns=["Role ids"])),
        ("Rung status", status.reset_index(names="Discipline")),
        ("Roles in each rung", titles.reset_index(names="Discipline")),
        ("Ladder gaps", gaps),
        ("Dead ends", _plain(dead_ends(framework, graph).drop(columns=["id"]))),
        ("No way in", _plain(unreachable(framework, graph).drop(columns=["id"]))),
        ("Roles of unknown grade", unknown_grades(framework, graph).drop(columns=["id"])),
        ("Skill cliffs", cliffs),
        ("Skill inversions", inversion_table(framework, graph)),
        ("Grading consistency", grading),
        ("Span of control", _plain(span_table.drop(columns=["id"]))),
        ("Totals per discipline", _plain(discipline_totals(span_table))),
        ("Referenced roles", _plain(referenced.drop(columns=["id"]))),
    ]


def _grading(framework: Framework) -> pd.DataFrame:
    from .grading import grading_consistency, grading_table

    table = grading_table(framework, grading_consistency(framework))
    return table.drop(columns=["First role id", "Second role id"])


def _summary(framework: Framework, found: list[Finding], grading: pd.DataFrame) -> list[tuple[str, str]]:
    count = {s: sum(1 for f in found if f.severity == s) for s in SEVERITIES}
    return [
        ("Framework", framework.name),
        ("Roles", number(len(framework.roles))),
        ("Grades", number(len(framework.grades))),
        ("Disciplines", number(len(framework.disciplines))),
        ("Problems", number(count[PROBLEM])),
        ("Worth a look", number(count[WORTH_A_LOOK])),
        ("By design", number(count[BY_DESIGN])),
        ("Grading consistency: pairs of roles to check", number(len(grading))),
        ("Where it comes from", f"The structure review of {framework.name}, worked out from its roles, grades and "
         "skills by Career Explorer"),
    ]  # fmt: skip


def _md_cell(value) -> str:
    """A Markdown table cell: numbers and yes/no as a person writes them (1, 1,000,000 — never 1.0 or True),
    text escaped."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, bool | int | float) or hasattr(value, "is_integer"):
        return number(value.item() if hasattr(value, "item") else value)
    return md_escape(str(value))


def review_markdown(framework: Framework, graph: nx.DiGraph) -> str:
    """The review as one Markdown document: a summary, the findings by severity (each with why, the roles and
    what to do), then every table."""
    found, grading = findings(framework, graph), _grading(framework)
    lines = [f"# Structure review: {_md_cell(framework.name)}", ""]
    lines += [f"- **{name}:** {md_escape(value)}" for name, value in _summary(framework, found, grading)] + [""]
    for severity in SEVERITIES:
        group = [f for f in found if f.severity == severity]
        lines += [f"## {severity.capitalize()} ({number(len(group))})", ""]
        if not group:
            lines += ["Nothing found.", ""]
        for f in group:
            roles = "; ".join(framework.role(r).title for r in f.roles)
            lines.append(
                f"- **{md_escape(f.title)}** — {md_escape(f.why)}."
                + (f" Roles: {md_escape(roles)}." if roles else "")
                + f" *What to do:* {md_escape(f.action)}."
            )
        lines.append("")
    for title, table in _sections(framework, graph, found, grading)[1:]:
        lines += [f"## {title}", ""]
        if table.empty:
            lines += ["Nothing found.", ""]
            continue
        lines.append("| " + " | ".join(_md_cell(str(c)) for c in table.columns) + " |")
        lines.append("|" + "---|" * len(table.columns))
        for row in table.itertuples(index=False):
            lines.append("| " + " | ".join(_md_cell(v) for v in row) + " |")
        lines.append("")
    if framework.attribution:
        lines += ["---", "", _md_cell(framework.attribution), ""]
    return "\n".join(lines)


def review_xlsx(framework: Framework, graph: nx.DiGraph) -> bytes:
    """The review as a workbook: a summary sheet first, then the findings, then one sheet per table (every cell
    and heading made safe, headers styled and frozen: :func:`framework.cells.xlsx_bytes`)."""
    found, grading = findings(framework, graph), _grading(framework)
    summary = pd.DataFrame(_summary(framework, found, grading), columns=["Item", "Value"])
    sheets = [("Summary", summary)] + [
        (title, table if not table.empty else pd.DataFrame({"": ["Nothing found."]}))
        for title, table in _sections(framework, graph, found, grading)
    ]
    if framework.attribution:
        sheets.append(("About", pd.DataFrame({"Attribution": [framework.attribution]})))
    return xlsx_bytes(sheets)
