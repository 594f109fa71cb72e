"""The career graph: roles as nodes, moves and reporting lines as typed edges (networkx).

Graph first, free functions, keyword options — the networkx way::

    G = build_graph(framework)
    ladder(G, "delivery")                      # role ids, lowest rung first

Routes over the graph (the moves out of a role, ranked paths between two roles) are :mod:`framework.routes`.

**Nodes** carry ``title``, ``grade`` (id or None), ``grade_rank`` (None when the grade is not stated),
``position`` (the rank, or an estimate placed by reporting lines — see :func:`placements`), ``bounds``
(human text such as "above PO4, below Head"), ``discipline``, ``track``, ``branch`` and ``status``.

**Edges** carry a ``kind``, a human-readable ``reason`` and an ``effort``; where one pair of roles is linked
for several reasons (a promotion that is also a reporting line), ``relations`` lists each ``(kind, reason)``
and ``kind`` is the strongest (promotion, then lateral, then reports_to). Kinds:

* ``promotion`` — derived: the next rung up the same ladder (discipline and track), skipping grades that have
  no role. A role on a parallel branch (e.g. ``management``) moves up its own branch where it continues, and
  a role on the main ladder may move up to any branch.
* ``lateral`` — stated in the framework file (``moves``); derived between the parallel branches of one
  rung (a role and its ``management`` twin); or derived from **skill overlap** (:class:`LateralRule`): a move
  from role A to role B on another ladder, at the same grade (or within ``max_grade_gap`` grades), when A
  already requires at least ``min_overlap`` (default 20%) of the skills B requires, at any level, and at least
  ``min_shared`` (default 2) of them. Only roles
  with a stated grade and at least one skill take part. The reason names the shared skills. A role keeps its
  best 20 such moves (200,000 in all): :mod:`framework.cost` bounds what the graph derives, and
  ``G.graph["laterals_left_out"]`` says how many were left out.
* ``reports_to`` — from a role to its manager, stated in the file.

A role that states promotions on its own ladder (``moves`` of ``kind: promotion``) is promoted exactly to those
roles: no derived promotion leaves it (derived ones still lead into it from the rung below, unless that role
states its own). A stated move onto another ladder — a move between tracks, such as a senior engineer becoming
an engineering manager — is an edge as stated and leaves the derived promotions of both ladders as they are.

**Effort** of a move, the weight that ranks routes (lower is easier)::

    effort = base[kind] + grade_steps * per_grade_step + levels_to_gain * per_skill_level
             + expectations_to_gain * per_expectation

with ``base`` = 1 for a promotion, 2 for a lateral move or stepping into one's manager's role (neither is a
designed rung), ``grade_steps`` = grades climbed (rounded up; estimated positions count too), and
``levels_to_gain`` = skill levels the target needs beyond the source (0 when the framework has no skills; a
role that lists no skills counts as holding what the rung below it on its ladder needs), and
``expectations_to_gain`` = the target's expectations that the source does not have (see
:mod:`framework.expectations`; cumulative levels count only what a level adds), counted only for a framework
written as expectations — one where no role requires a skill (the ``expectations`` keyword of
:func:`build_graph` overrides that) — and 0 otherwise, so a framework with both shapes is not counted twice.
A role that states no expectations counts as having the rung below's, as with skills.
The weights are :class:`EffortWeights`, a keyword option of :func:`build_graph`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

import networkx as nx
import numpy as np

from .cost import LIMITS, CostLimits, LeftOut
from .errors import InputError, Problem, RoleNotFound
from .expectation_index import expectation_sets, on_other_ladder
from .models import Framework, Role
from .overlap import SkillProfiles, best_overlaps, pair_checks

__all__ = [
    "KIND_ORDER",
    "EffortWeights",
    "LateralRule",
    "build_graph",
    "cost_problems",
    "ladder",
    "placements",
]

KIND_ORDER = ("promotion", "lateral", "reports_to")  #: strongest first


@dataclass(frozen=True)
class EffortWeights:
    """How hard each part of a move is; see the module docstring for the formula."""

    promotion: float = 1.0
    lateral: float = 2.0
    reports_to: float = 2.0
    per_grade_step: float = 1.0
    per_skill_level: float = 1.0
    #: One expectation to meet weighs as much as one skill level to gain: each is one thing a person must show
    #: they can do that the role they hold does not ask of them.
    per_expectation: float = 1.0

    def base(self, kind: str) -> float:
        return getattr(self, kind)


@dataclass(frozen=True)
class LateralRule:
    """When shared skills make a move across ladders plausible (see the module docstring).

    The default threshold, 20%, is the lowest share that still joins the DDaT families into one map (a
    delivery manager and a product manager share 2 of 9 skills, 22%) while keeping unrelated roles apart;
    one shared skill alone (e.g. "User focus") is never enough.
    """

    min_overlap: float = 0.2
    min_shared: int = 2
    max_grade_gap: int = 0
    enabled: bool = True


@dataclass(frozen=True)
class Placement:
    position: float | None  # grade rank, or an estimate between the ranks its reporting lines imply
    lower: int | None  # rank of the highest known grade below it in its reporting lines
    upper: int | None  # rank of the lowest known grade above it
    text: str  # "PO4", or "grade not stated; above PO4, below Head"


# --------------------------------------------------------------------------- placement


def placements(framework: Framework) -> dict[str, Placement]:
    """Where each role sits on the grade scale.

    A role with a stated grade sits at its rank. A role without one is placed by its reporting lines: above
    the highest known grade among the roles that report to it (directly or not), below the lowest known grade
    among its managers. Within those bounds it sits closer to the side it is fewer reporting links from, so
    a chain of unknown roles keeps its order (Lead Product Manager below Head of Product).

    Each role has at most one manager, so the reporting lines are a forest: the nearest known grade above and
    below every role are found in one pass down it and one pass up, however long its chains (a search from
    each role along its chain made a long chain of roles without a grade cost quadratic time).
    """
    rank = framework.grade_rank
    grades = framework.grades
    known = {r.id: rank[r.grade] for r in framework.roles if r.grade in rank}
    found = _nearest_known(framework, known)
    out: dict[str, Placement] = {}
    for role in framework.roles:
        if role.id in known:
            out[role.id] = Placement(
                float(known[role.id]), known[role.id], known[role.id], grades[known[role.id]].label
            )
            continue
        (lower, d_low), (upper, d_up) = found(role.id)
        if lower is not None and upper is not None and upper <= lower:
            upper = None  # contradictory lines (a loader warning already): trust the side below
        if lower is not None and upper is not None:
            position = lower + (upper - lower) * d_low / (d_low + d_up)
        elif lower is not None:
            position = lower + 1 - 1 / (d_low + 1)
        elif upper is not None:
            position = upper - 1 + 1 / (d_up + 1)
        else:
            position = None
        bounds = [f"above {grades[lower].label}"] if lower is not None else []
        bounds += [f"below {grades[upper].label}"] if upper is not None else []
        text = "grade not stated" + (f"; {', '.join(bounds)} by its reporting lines" if bounds else "")
        out[role.id] = Placement(position, lower, upper, text)
    return out


_Nearest = tuple[int | None, int]  # (a known rank or None, how many reporting links away its nearest role is)


def _nearest_known(framework: Framework, known: dict[str, int]):
    """For each role: the highest known rank among its reports (direct or not) and the lowest among its managers,
    each with the links to the nearest role at that rank, as ``found(role_id) -> (below, above)``.

    One pass from the top of each reporting tree down (a role's managers are its manager and theirs) and one
    back up (a role's reports are its reports and theirs). Reporting lines that loop (a framework made in
    code: the loader refuses a cycle) or a repeated id fall back to a search from each role.
    """
    manager: dict[str, str] = {}
    for role in framework.roles:
        if role.reports_to and role.reports_to.role in framework.roles_by_id:
            manager[role.id] = role.reports_to.role
    reports: dict[str, list[str]] = defaultdict(list)
    for report, boss in manager.items():
        reports[boss].append(report)
    order = [r.id for r in framework.roles if r.id not in manager]  # the tops of the trees, then downwards
    for node in order:  # grows while it is walked: a breadth-first walk down every tree
        order.extend(reports.get(node, ()))
    if len(order) != len(framework.roles) or len(framework.roles_by_id) != len(framework.roles):
        return _searched_nearest(framework, manager, known)

    none: _Nearest = (None, 0)
    above: dict[str, _Nearest] = {}
    for node in order:  # managers before their reports
        boss = manager.get(node)
        above[node] = none if boss is None else _pick_above(_via(boss, known, above[boss]))
    below: dict[str, _Nearest] = {}
    for node in reversed(order):  # reports before their managers
        best = none
        for report in reports.get(node, ()):
            best = _pick_below(best, _pick_below(*_via(report, known, below[report])))
        below[node] = best
    return lambda role_id: (below[role_id], above[role_id])


def _via(neighbour: str, known: dict[str, int], beyond: _Nearest) -> tuple[_Nearest, _Nearest]:
    """What a role learns through one reporting link: the neighbour's own rank (one link away), and what the
    neighbour found further on (one link further)."""
    own = (known[neighbour], 1) if neighbour in known else (None, 0)
    return own, (beyond[0], beyond[1] + 1) if beyond[0] is not None else (None, 0)


def _pick_above(pair: tuple[_Nearest, _Nearest]) -> _Nearest:
    """The lowest known rank, nearest first among equals."""
    a, b = pair
    if a[0] is None or (b[0] is not None and (b[0], b[1]) < (a[0], a[1])):
        return b
    return a


def _pick_below(a: _Nearest, b: _Nearest) -> _Nearest:
    """The highest known rank, nearest first among equals."""
    if a[0] is None or (b[0] is not None and (-b[0], b[1]) < (-a[0], a[1])):
        return b
    return a


def _searched_nearest(framework: Framework, manager: dict[str, str], known: dict[str, int]):
    """The same answers by a search along the reporting lines from each role, for lines that are not a forest."""
    lines = nx.DiGraph()  # report → manager
    lines.add_nodes_from(r.id for r in framework.roles)
    lines.add_edges_from(
        (r.id, r.reports_to.role)
        for r in framework.roles
        if r.reports_to and r.reports_to.role in framework.roles_by_id
    )

    def nearest(graph: nx.DiGraph, start: str, pick) -> _Nearest:
        reached = nx.single_source_shortest_path_length(graph, start)
        found = {node: dist for node, dist in reached.items() if node in known and node != start}
        if not found:
            return None, 0
        best = pick(known[n] for n in found)
        return best, min(d for n, d in found.items() if known[n] == best)

    return lambda role_id: (nearest(lines.reverse(copy=False), role_id, max), nearest(lines, role_id, min))


# --------------------------------------------------------------------------- the plan: what building will cost


@dataclass
class _Plan:
    """What the graph of a framework is built from, and what building it would cost (:mod:`framework.cost`)."""

    where: dict[str, Placement]
    position: dict[str, float | None]
    levels: dict[str, dict[str, int]]
    ladders: dict[tuple, list[list[Role]]]
    problems: list[Problem]


def cost_problems(
    framework: Framework, *, laterals: LateralRule | None = None, limits: CostLimits = LIMITS
) -> list[Problem]:
    """Why building the graph of ``framework`` would cost more than ``limits`` allow: located problems (role id
    and field path), one per limit exceeded, naming the grade or the rungs that cost most. Empty when it fits.
    The loader reports these with a file's other problems, so a file that loads is a file whose graph builds."""
    return _plan(framework, laterals or LateralRule(), limits).problems


def _plan(framework: Framework, rule: LateralRule, limits: CostLimits) -> _Plan:
    where = placements(framework)
    position = {role_id: place.position for role_id, place in where.items()}
    ladders = _ladders(framework, position)
    levels = _skill_levels(framework, ladders)
    problems = _ladder_cost(framework, ladders, limits)
    if not problems:  # a ladder too large to enumerate is not enumerated to count the rest
        problems += _gain_cost(framework, ladders, levels, limits)
    if rule.enabled:
        problems += _overlap_cost(framework, rule, levels, limits)
    return _Plan(where, position, levels, ladders, problems)


def _too_costly(message: str, role: Role, framework: Framework, field: str | None = None) -> Problem:
    index = next(i for i, r in enumerate(framework.roles) if r is role)
    path = ("roles", index, field) if field else ("roles", index)
    return Problem(message, path=path, role=role.id, code="too-costly")


def _rung_name(framework: Framework, rung: list[Role]) -> str:
    grade = rung[0].grade
    return framework.grade_label(grade) if grade in framework.grade_rank else "one estimated level"


def _ladder_name(framework: Framework, discipline: str, track: str | None) -> str:
    name = framework.discipline_label(discipline)
    return f"{name} ({framework.track_label(track)})" if track and track != discipline else name


def _ladder_cost(framework: Framework, ladders: dict[tuple, list[list[Role]]], limits: CostLimits) -> list[Problem]:
    """Promotions and parallel-branch moves the ladders would derive, counted rung by rung (never enumerated)."""
    total, worst, what = 0, 0, ("", [])
    for rungs in ladders.values():
        for rung in rungs:
            twins = _count_twins(rung)
            total += twins
            if twins > worst:
                worst = twins
                what = (f"{len(rung):,} roles on its {_rung_name(framework, rung)} rung make {twins:,} moves "
                        "between parallel branches", rung)  # fmt: skip
        for lower, upper in pairwise(rungs):
            moves = _count_promotions(lower, upper)
            total += moves
            if moves > worst:
                worst = moves
                what = (f"{len(lower):,} roles on its {_rung_name(framework, lower)} rung and {len(upper):,} on "
                        f"its {_rung_name(framework, upper)} rung make {moves:,} promotions", upper)  # fmt: skip
    if total <= limits.ladder_moves:
        return []
    said, rung = what
    message = (
        f"the {_ladder_name(framework, rung[0].discipline, rung[0].track)} ladder is too crowded: {said}, and "
        f"the framework's ladders make {total:,} moves in all, more than the {limits.ladder_moves:,} a framework may "
        "derive. Give the roles of a discipline tracks (ladders of their own), or put fewer roles on each rung"
    )
    return [_too_costly(message, rung[0], framework, "track" if rung[0].track else "discipline")]


def _branches(rung: list[Role]) -> dict[str | None, list[Role]]:
    out: dict[str | None, list[Role]] = defaultdict(list)
    for role in rung:
        out[role.branch].append(role)
    return out


def _count_twins(rung: list[Role]) -> int:
    sizes = [len(group) for group in _branches(rung).values()]
    return len(rung) ** 2 - sum(size * size for size in sizes)


def _promotion_targets(a: Role, upper: dict[str | None, list[Role]], everyone: list[Role]) -> list[Role]:
    """A role on the main ladder may move up to any branch; a role on a branch moves up its own branch where it
    continues, else to the main ladder."""
    if a.branch is None:
        return everyone
    return upper.get(a.branch) or upper.get(None, [])


def _count_promotions(lower: list[Role], upper: list[Role]) -> int:
    by_branch = _branches(upper)
    return sum(len(_promotion_targets(a, by_branch, upper)) for a in lower)


def _gain_cost(
    framework: Framework,
    ladders: dict[tuple, list[list[Role]]],
    levels: dict[str, dict[str, int]],
    limits: CostLimits,
) -> list[Problem]:
    """Skill comparisons the levels to gain of promotions, parallel-branch moves, stated moves and reporting
    lines need: per distinct pair of skill profiles, the smaller profile's size (see :class:`_Gains`). Ladder
    moves are counted by profile without their branches, so the figure is an upper bound."""
    total, worst = 0, (0, None)
    for rungs in ladders.values():
        for i, rung in enumerate(rungs):
            work = _pairs_work([levels[r.id] for r in rung], [levels[r.id] for r in rung])
            if i:
                work += _pairs_work([levels[r.id] for r in rungs[i - 1]], [levels[r.id] for r in rung])
            total += work
            if work > worst[0]:
                worst = (work, rung[0])
    seen: set[tuple[int, int]] = set()
    for role in framework.roles:
        work = 0
        targets = [m.to for m in role.moves]
        if role.reports_to:
            targets.append(role.reports_to.role)
        mine = levels[role.id]
        for target in targets:
            theirs = levels.get(target)
            if theirs is None or theirs is mine or (id(mine), id(theirs)) in seen:
                continue
            seen.add((id(mine), id(theirs)))
            work += min(len(mine), len(theirs))
        total += work
        if work > worst[0]:
            worst = (work, role)
    if total <= limits.gain_work:
        return []
    message = (
        f"counting the skill levels each move asks for would take {total:,} skill comparisons, more than the "
        f"{limits.gain_work:,} a framework may need: roles that each need thousands of skills are linked by "
        "thousands of moves (the most from here). Split the framework, or list fewer skills per role"
    )
    return [_too_costly(message, worst[1], framework)]


def _pairs_work(first: list[dict], second: list[dict]) -> int:
    """Σ over distinct profiles x of ``first`` and y of ``second`` of min(|x|, |y|), in n log n."""
    a = sorted({id(p): len(p) for p in first}.values())
    b = sorted({id(p): len(p) for p in second}.values())
    if len(a) * len(b) <= 256:  # most rungs hold a role or two
        return sum(min(x, y) for x in a for y in b)
    sizes = np.array(b, dtype=np.int64)
    prefix = np.concatenate([[0], np.cumsum(sizes)])
    mine = np.array(a, dtype=np.int64)
    below = np.searchsorted(sizes, mine, side="left")  # sizes[:below] < mine
    return int((prefix[below] + mine * (len(sizes) - below)).sum())


def _overlap_cost(
    framework: Framework, rule: LateralRule, levels: dict[str, dict[str, int]], limits: CostLimits
) -> list[Problem]:
    """Pair checks comparing the roles of each grade for skill overlap, counted from their skills alone."""
    roles, profiles, grades, _ = _overlap_input(framework, rule, levels)
    if not roles:
        return []
    per_grade = pair_checks(profiles, grades, rule.max_grade_gap)
    total = sum(work for *_, work in per_grade)
    if total <= limits.pair_checks:
        return []
    grade, sources, targets, work = max(per_grade, key=lambda g: g[3])
    first = next(r for r in roles if framework.grade_rank[r.grade] == grade)
    within = "at the same grade" if not rule.max_grade_gap else f"within {rule.max_grade_gap} grades"
    message = (
        f"too many roles at grade {framework.grades[grade].label} to compare for skill overlap: {sources:,} roles "
        f"with skills, each compared with {targets:,} roles {within} ({work:,} pair checks), and "
        f"{total:,} pair checks in all, more than the {limits.pair_checks:,} a framework may need. Split the "
        "framework, or spread its roles over more grades"
    )
    return [_too_costly(message, first, framework, "grade")]


# --------------------------------------------------------------------------- building


def build_graph(
    framework: Framework,
    *,
    weights: EffortWeights | None = None,
    laterals: LateralRule | None = None,
    expectations: bool | None = None,
    limits: CostLimits = LIMITS,
) -> nx.DiGraph:
    """Build the career graph of ``framework`` (see the module docstring for nodes, edges and effort).

    ``expectations`` says whether a move's effort counts the expectations to meet: by default (None) only when
    no role of the framework requires a skill.

    Raises :class:`~framework.errors.InputError` when the graph would cost more than ``limits`` allow (see
    :mod:`framework.cost`); the skill-overlap moves left out under them are ``G.graph["laterals_left_out"]``.
    """
    return _build_graph(framework, weights, laterals, expectations, limits)


def _build_graph(
    framework: Framework,
    weights: EffortWeights | None,
    laterals: LateralRule | None,
    expectations: bool | None,
    limits: CostLimits,
) -> nx.DiGraph:
    weights = weights or EffortWeights()
    laterals = laterals or LateralRule()
    plan = _plan(framework, laterals, limits)
    if plan.problems:
        raise InputError(plan.problems, summary=f"the graph of {framework.id} would cost too much to build")
    where, position, levels = plan.where, plan.position, plan.levels
    G = nx.DiGraph(
        framework_id=framework.id,
        grades=[g.id for g in framework.grades],
        grade_labels={g.id: g.label for g in framework.grades},
        weights=weights,
        laterals=laterals,
        laterals_left_out=LeftOut(kept_per_role=limits.laterals_per_role),
    )
    for role in framework.roles:
        place = where[role.id]
        G.add_node(
            role.id,
            title=role.title,
            grade=role.grade,
            grade_rank=framework.grade_rank.get(role.grade) if role.grade else None,
            position=place.position,
            bounds=place.text,
            discipline=role.discipline,
            discipline_name=framework.discipline_label(role.discipline),
            track=role.track,
            branch=role.branch,
            status=role.status,
        )

    # What progression_paths needs for its lower bound on the effort still to go (see routes._RouteBound).
    G.graph["route_bound"] = {"levels": levels, "placed": all(p is not None for p in position.values())}
    if expectations is None:
        expectations = not any(role.skills for role in framework.roles)
    expected = _expectation_sets(framework, plan.ladders) if expectations else None
    G.graph["counts_expectations"] = expected is not None
    none: dict[str, int] = {}
    gains = _Gains()
    nothing: frozenset[tuple] = frozenset()
    unmet: dict[tuple[int, int], int] = {}  # expectations to meet, once per pair of sets (rungs share theirs)

    def to_meet(u: str, v: str) -> int:
        mine, theirs = expected.get(u, nothing), expected.get(v, nothing)
        if mine is theirs:
            return 0
        key = (id(mine), id(theirs))
        count = unmet.get(key)
        if count is None:
            count = unmet[key] = len(theirs - mine)
        return count

    def add(u: str, v: str, kind: str, reason: str, gain: int | None = None) -> None:
        steps = _steps(position[u], position[v])
        if gain is None:
            gain = gains(levels.get(u, none), levels.get(v, none))
        meet = to_meet(u, v) if expected is not None else 0
        effort = (
            weights.base(kind)
            + steps * weights.per_grade_step
            + gain * weights.per_skill_level
            + meet * weights.per_expectation
        )
        if G.has_edge(u, v):
            data = G.edges[u, v]
            relations = (*data["relations"], (kind, reason))
            strongest = min(relations, key=lambda r: KIND_ORDER.index(r[0]))
            data.update(relations=relations, kind=strongest[0], reason=strongest[1], effort=min(effort, data["effort"]))
        else:
            G.add_edge(
                u, v, kind=kind, reason=reason, effort=effort, grade_steps=steps, levels_to_gain=gain,
                expectations_to_gain=meet, relations=((kind, reason),),
            )  # fmt: skip

    for u, v, reason in _promotions(framework, plan.ladders, G):
        add(u, v, "promotion", reason)
    for u, v, reason in _branch_twins(framework, plan.ladders):
        add(u, v, "lateral", reason)
    if laterals.enabled:
        # Skill overlap is the largest part of a large framework's graph: its moves are added in batches (a pair
        # already linked goes through add(), in the same order).
        batch: list[tuple[str, str, dict]] = []
        base = weights.base("lateral")
        moves, left_out = _skill_laterals(framework, laterals, levels, limits)
        G.graph["laterals_left_out"] = left_out
        for u, v, reason, gain in moves:
            if G.has_edge(u, v):
                G.add_edges_from(batch)
                batch.clear()
                add(u, v, "lateral", reason, gain)
                continue
            steps = _steps(position[u], position[v])
            effort = base + steps * weights.per_grade_step + gain * weights.per_skill_level
            batch.append(
                (u, v, {"kind": "lateral", "reason": reason, "effort": effort, "grade_steps": steps,
                        "levels_to_gain": gain, "relations": (("lateral", reason),)})
            )  # fmt: skip
            if len(batch) >= 10_000:
                G.add_edges_from(batch)
                batch.clear()
        G.add_edges_from(batch)
    for role in framework.roles:
        for move in role.moves:
            add(role.id, move.to, move.kind, move.reason)
        if role.reports_to and role.reports_to.role in framework.roles_by_id:
            add(role.id, role.reports_to.role, "reports_to", _reporting_reason(role, framework))
    return G


def _ladders(framework: Framework, position: dict[str, float | None]) -> dict[tuple, list[list[Role]]]:
    """Rungs of each ladder (discipline, track): roles grouped by position, lowest first. Unplaced roles and
    roles without a discipline are on no ladder."""
    by_ladder: dict[tuple, dict[float, list[Role]]] = defaultdict(lambda: defaultdict(list))
    for role in framework.roles:
        place = position[role.id]
        if role.discipline is not None and place is not None:
            by_ladder[(role.discipline, role.track)][place].append(role)
    return {key: [rungs[p] for p in sorted(rungs)] for key, rungs in by_ladder.items()}


def _promotions(
    framework: Framework, ladders: dict[tuple, list[list[Role]]], G: nx.DiGraph
) -> Iterable[tuple[str, str, str]]:
    """Derived promotions; none from a role that states its own on its ladder (those are added with the other
    moves). A stated move onto another track (a senior engineer becoming a manager) is a way out of the role,
    not its next rung: the derived promotion up its own ladder stays."""
    roles = framework.roles_by_id
    stating = {
        r.id
        for r in framework.roles
        for move in r.moves
        if move.kind == "promotion" and move.to in roles and not on_other_ladder(r, roles[move.to])
    }
    for (discipline, track), rungs in ladders.items():
        name = _ladder_name(framework, discipline, track)
        for lower, upper in pairwise(rungs):
            by_branch = _branches(upper)
            for a in lower:
                if a.id in stating:
                    continue
                for b in _promotion_targets(a, by_branch, upper):
                    yield a.id, b.id, _promotion_reason(a, b, name, framework, G)


def _promotion_reason(a: Role, b: Role, ladder_name: str, framework: Framework, G: nx.DiGraph) -> str:
    reason = f"Next rung up the {ladder_name} ladder: {a.title} ({_where(G, a.id)}) → {b.title} ({_where(G, b.id)})"
    ra, rb = G.nodes[a.id]["grade_rank"], G.nodes[b.id]["grade_rank"]
    if ra is not None and rb is not None and rb - ra > 1:
        skipped = framework.grades[ra + 1 : rb]
        span = skipped[0].label if len(skipped) == 1 else f"{skipped[0].label}–{skipped[-1].label}"
        reason += f"; no {ladder_name} role at {span}"
    if b.branch and b.branch != a.branch:
        reason += f"; onto the {framework.branch_label(b.branch)} branch"
    return reason


def _branch_twins(framework: Framework, ladders: dict[tuple, list[list[Role]]]) -> Iterable[tuple[str, str, str]]:
    for rungs in ladders.values():
        for rung in rungs:
            groups = _branches(rung)
            if len(groups) < 2:
                continue  # one branch: no twins (and no need to look at every pair of a crowded rung)
            for a in rung:
                for b in rung:
                    if a.id != b.id and a.branch != b.branch:
                        branch = framework.branch_label(b.branch or a.branch)
                        yield a.id, b.id, f"Parallel {branch} branch at the same level: {a.title} ↔ {b.title}"


def _overlap_input(framework: Framework, rule: LateralRule, levels: dict[str, dict[str, int]]):
    """The roles that take part in skill overlap, their profiles, grade ranks and ladder codes.

    A role takes part when it has a stated grade and needs enough of the framework's skills to share
    ``min_shared`` of them (at least one, unless no overlap is asked for): a role needing fewer can be neither
    end of a move, so it is left out of the comparisons altogether.
    """
    rank, known = framework.grade_rank, framework.skills_by_id
    fewest = max(rule.min_shared, 1 if rule.min_overlap > 0 else 0)
    roles = [
        r
        for r in framework.roles
        if r.skills and r.grade in rank and len({q.skill for q in r.skills} & known.keys()) >= fewest
    ]
    columns = {s: i for i, s in enumerate(known)}
    profiles = SkillProfiles([levels[r.id] for r in roles], columns)
    grades = np.array([rank[r.grade] for r in roles], dtype=np.int64)
    codes: dict[tuple, int] = {}
    ladder = np.array([codes.setdefault((r.discipline, r.track), len(codes)) for r in roles], dtype=np.int64)
    return roles, profiles, grades, ladder


def _skill_laterals(
    framework: Framework, rule: LateralRule, levels: dict[str, dict[str, int]], limits: CostLimits
) -> tuple[list[tuple[str, str, str, int]], LeftOut]:
    """Moves across ladders where skill profiles overlap (:mod:`framework.overlap`): ``(source, target, reason,
    levels to gain)`` for the moves kept, by grade, then source, then target, and what was left out."""
    roles, profiles, grades, ladder = _overlap_input(framework, rule, levels)
    if not roles:
        return [], LeftOut(kept_per_role=limits.laterals_per_role)
    found = best_overlaps(
        profiles, grades, ladder, min_overlap=rule.min_overlap, min_shared=rule.min_shared,
        max_grade_gap=rule.max_grade_gap, per_role=limits.laterals_per_role, total=limits.laterals_total,
    )  # fmt: skip
    column = {s: i for i, s in enumerate(framework.skills_by_id)}
    names = [s.name for s in framework.skills]
    # Per role, the columns of its skills: the shared skills of a pair are an intersection of two small sets.
    columns = [frozenset(column[req.skill] for req in r.skills if req.skill in column) for r in roles]
    ids, titles = [r.id for r in roles], [r.title for r in roles]
    percent: dict[float, str] = {}  # the same few shares come up again and again
    listings: dict[frozenset, tuple[int, str]] = {}  # …and the same sets of shared skills
    needed = profiles.needs.tolist()
    moves = []
    pairs = zip(found.source.tolist(), found.target.tolist(), found.share.tolist(), found.gain.tolist(), strict=True)
    for i, j, fraction, gain in pairs:
        shared_skills = columns[i] & columns[j]
        listing = listings.get(shared_skills)
        if listing is None:
            common = [names[k] for k in sorted(shared_skills)]
            listed = ", ".join(common[:4]) + (f" and {len(common) - 4} more" if len(common) > 4 else "")
            listing = listings[shared_skills] = (len(common), listed)
        shown = percent.get(fraction)
        if shown is None:
            shown = percent[fraction] = f"{fraction:.0%}"
        reason = (
            f"Skills overlap: {titles[i]} already needs {listing[0]} of the {needed[j]} skills {titles[j]} needs "
            f"({shown}): {listing[1]}"
        )
        moves.append((ids[i], ids[j], reason, gain))
    left = {ids[i]: int(n) for i, n in enumerate(found.left_out.tolist()) if n}
    return moves, LeftOut(per_role=left, kept_per_role=found.kept_per_role)


def _reporting_reason(role: Role, framework: Framework) -> str:
    line = role.reports_to
    manager = framework.roles_by_id[line.role]
    reason = f"{role.title} reports to {manager.title}"
    if line.inferred:
        reason += " (inferred" + (f": {line.note}" if line.note else "") + ")"
    elif line.evidence:
        reason += f' ("{line.evidence}")'
    return reason


def _where(G: nx.DiGraph, node: str) -> str:
    data = G.nodes[node]
    return G.graph["grade_labels"][data["grade"]] if data["grade"] else data["bounds"]


def _steps(pu: float | None, pv: float | None) -> int:
    if pu is None or pv is None:
        return 1  # unplaced: assume one step rather than guess more
    return max(0, math.ceil(pv - pu - 1e-9))


def _skill_levels(framework: Framework, ladders: dict[tuple, list[list[Role]]]) -> dict[str, dict[str, int]]:
    """Skill → level rank per role. A role that lists no skills (e.g. a referenced role with no benchmark) is
    taken to hold what the nearest rung below it on its ladder needs: whoever reached it got that far. Such
    roles share that rung's mapping (read-only): a copy each would cost a ladder of thousands of roles without
    skills above one that lists thousands a copy of thousands of skills each."""
    rank = framework.level_rank
    levels = {r.id: {req.skill: rank.get(req.level, 0) for req in r.skills} for r in framework.roles}
    for rungs in ladders.values():
        carried: dict[str, int] = {}
        for rung in rungs:
            for role in rung:
                if not levels[role.id]:
                    levels[role.id] = carried
            listed = [levels[r.id] for r in rung if r.skills]
            if listed:
                carried = listed[0]
    return levels


class _Gains:
    """Levels to gain of a move (:func:`_levels_to_gain`), counted once per pair of skill profiles and over the
    smaller one: roles that list no skills share the profile of the rung below them, so a crowded ladder asks
    for the same few pairs again and again."""

    def __init__(self) -> None:
        self._seen: dict[tuple[int, int], int] = {}
        self._sums: dict[int, int] = {}

    def __call__(self, current: dict[str, int], target: dict[str, int]) -> int:
        if current is target:
            return 0
        key = (id(current), id(target))  # both live in the plan's levels while the graph is built
        gain = self._seen.get(key)
        if gain is None:
            gain = self._seen[key] = self._count(current, target)
        return gain

    def _count(self, current: dict[str, int], target: dict[str, int]) -> int:
        if len(target) <= len(current):
            return _levels_to_gain(current, target)
        total = self._sums.get(id(target))
        if total is None:
            total = self._sums[id(target)] = sum(target.values())
        common = 0  # what the target needs and the source holds, up to the level needed
        for skill, held in current.items():
            needed = target.get(skill)
            if needed is not None:
                common += min(held, needed)
        return total - common


def _expectation_sets(framework: Framework, ladders: dict[tuple, list[list[Role]]]) -> dict[str, frozenset[tuple]]:
    """What each role expects (:func:`framework.expectation_index.expectation_sets`). A role that states none is taken
    to have what the nearest rung below it on its ladder expects, as :func:`_skill_levels` does for skills."""
    sets = expectation_sets(framework)
    for rungs in ladders.values():
        carried: frozenset[tuple] = frozenset()
        for rung in rungs:
            listed = [sets[r.id] for r in rung if sets[r.id]]
            for role in rung:
                if not sets[role.id]:
                    sets[role.id] = carried
            if listed:
                carried = listed[0]
    return sets


def _levels_to_gain(current: dict[str, int], target: dict[str, int]) -> int:
    gain = 0  # a plain loop: this runs once per edge, a million times on a large framework
    for skill, level in target.items():
        held = current.get(skill, 0)
        if level > held:
            gain += level - held
    return gain


def _check(G: nx.DiGraph, *role_ids: str) -> None:
    for role_id in role_ids:
        if role_id not in G:
            raise RoleNotFound(role_id, known=G.nodes)


def ladder(G: nx.DiGraph, discipline: str, *, track: str | None = None) -> list[str]:
    """Role ids of a discipline's ladder (optionally one track), lowest first; unplaced roles last."""
    nodes = [
        (n, d)
        for n, d in G.nodes(data=True)
        if d["discipline"] == discipline and (track is None or d["track"] == track)
    ]
    nodes.sort(key=lambda nd: (nd[1]["position"] is None, nd[1]["position"] or 0, nd[1]["branch"] or "", nd[0]))
    return [n for n, _ in nodes]
