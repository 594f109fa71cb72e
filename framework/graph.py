"""The career graph: roles as nodes, moves and reporting lines as typed edges (networkx).

Graph first, free functions, keyword options — the networkx way:

>>> from framework import load_framework
>>> G = build_graph(load_framework("data/roles.yaml"))
>>> ladder(G, "product")  # role ids, lowest rung first
['senior-product-manager', 'lead-product-manager', 'head-of-product']
>>> move = G.edges["associate-project-manager", "project-manager"]
>>> move["kind"], move["effort"], move["grade_steps"], move["levels_to_gain"]
('promotion', 2.0, 1, 0)
>>> print(move_reason(move))
Next rung up the Delivery ladder: Associate Project Manager (PO1) → Project Manager (grade not stated; above PO1 ...)

Routes over the graph (the moves out of a role, ranked paths between two roles) are :mod:`framework.routes`.

**Nodes** carry ``title``, ``grade`` (id or None), ``grade_rank`` (None when the grade is not stated),
``position`` (the rank, or an estimate placed by reporting lines — see :mod:`framework.placement`), ``bounds``
(human text such as "above PO4, below Head"), ``discipline``, ``track``, ``branch`` and ``status``.

**Edges** carry a ``kind``, a human-readable reason and an ``effort``; where one pair of roles is linked for
several reasons (a promotion that is also a reporting line), ``relations`` lists each ``(kind, reason)`` and
``kind`` is the strongest (promotion, then lateral, then reports_to). Read the reason with :func:`move_reason`
and every relation with :func:`move_relations`: a move derived from skill overlap keeps its reason as its parts
(``overlap``, read by :func:`overlap_reason`) rather than as ``reason`` — there are 200,000 of them in a
framework of 10,000 roles, and written out (each with a tuple of its one relation beside it) they held a
quarter of the memory its framework and graph take (read back from the cache: 261 MiB with the sentences, 198
MiB with their parts). Kinds:

* ``promotion`` — derived: the next rung up the same ladder (discipline and track, :mod:`framework.ladders`),
  skipping grades that have no role. A role on a parallel branch (e.g. ``management``) moves up its own branch
  where it continues, and a role on the main ladder may move up to any branch.
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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise

import networkx as nx

from .cost import LIMITS, CostLimits, LeftOut, cost_problems
from .errors import InputError, RoleNotFound
from .expectation_index import expectation_sets, on_other_ladder
from .ladders import Rungs, branches, ladder_name, ladders_of, promotion_targets
from .models import Framework, Role
from .overlap import LateralRule, best_overlaps, overlap_input

__all__ = [
    "KIND_ORDER",
    "EffortWeights",
    "LateralRule",
    "build_graph",
    "ladder",
    "move_kinds",
    "move_reason",
    "move_relations",
    "overlap_reason",
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


def overlap_reason(overlap: tuple[str, int, int, str, str, str]) -> str:
    """The sentence of a move derived from skill overlap, from the parts it keeps (``overlap``): the title of the
    role it leaves, how many of the target's skills that role already needs, how many the target needs, the
    target's title, the share as a percentage, and the shared skills listed. A plain tuple, so that reading
    200,000 of them back from the cache makes no call per move; the titles and listings in it are shared."""
    source, shared, needed, target, share, listing = overlap
    return f"Skills overlap: {source} already needs {shared} of the {needed} skills {target} needs ({share}): {listing}"


def move_reason(data: Mapping) -> str:
    """The reason of a move (an edge's attributes), written out."""
    reason = data.get("reason")
    if reason is None and "overlap" in data:
        return overlap_reason(data["overlap"])
    return reason or ""


def move_relations(data: Mapping) -> tuple[tuple[str, str], ...]:
    """Every ``(kind, reason)`` of a move (an edge's attributes), strongest first as built."""
    several = data.get("relations")
    if several is None:
        return ((data["kind"], move_reason(data)),)
    return tuple((kind, str(reason)) for kind, reason in several)


def move_kinds(data: Mapping) -> tuple[str, ...]:
    """Every kind a move is of (most are of one; a promotion may also be a reporting line)."""
    several = data.get("relations")
    return (data["kind"],) if several is None else tuple(kind for kind, _ in several)


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
    ladders = ladders_of(framework)
    problems = cost_problems(framework, laterals=laterals, limits=limits, ladders=ladders)
    if problems:
        raise InputError(problems, summary=f"the graph of {framework.id} would cost too much to build")
    where, position, levels = ladders.where, ladders.position, ladders.levels
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
    expected = _expectation_sets(framework, ladders.rungs) if expectations else None
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
            relations = (*move_relations(data), (kind, reason))
            strongest = min(relations, key=lambda r: KIND_ORDER.index(r[0]))
            data.update(relations=relations, kind=strongest[0], reason=strongest[1], effort=min(effort, data["effort"]))
        else:  # one relation, as nearly every move has: no ``relations`` (move_relations makes it when read)
            G.add_edge(
                u, v, kind=kind, reason=reason, effort=effort, grade_steps=steps, levels_to_gain=gain,
                expectations_to_gain=meet,
            )  # fmt: skip

    for u, v, reason in _promotions(framework, ladders.rungs, G):
        add(u, v, "promotion", reason)
    for u, v, reason in _branch_twins(framework, ladders.rungs):
        add(u, v, "lateral", reason)
    if laterals.enabled:
        # Skill overlap is the largest part of a large framework's graph: its moves are added in batches (a pair
        # already linked goes through add(), in the same order).
        batch: list[tuple[str, str, dict]] = []
        base = weights.base("lateral")
        moves, left_out = _skill_laterals(framework, laterals, levels, limits)
        G.graph["laterals_left_out"] = left_out
        for u, v, overlap, gain in moves:
            if G.has_edge(u, v):
                G.add_edges_from(batch)
                batch.clear()
                add(u, v, "lateral", overlap_reason(overlap), gain)
                continue
            steps = _steps(position[u], position[v])
            effort = base + steps * weights.per_grade_step + gain * weights.per_skill_level
            batch.append(
                (u, v, {"kind": "lateral", "overlap": overlap, "effort": effort, "grade_steps": steps,
                        "levels_to_gain": gain})
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


def _promotions(framework: Framework, rungs: Rungs, G: nx.DiGraph) -> Iterable[tuple[str, str, str]]:
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
    for (discipline, track), ladder_rungs in rungs.items():
        name = ladder_name(framework, discipline, track)
        for lower, upper in pairwise(ladder_rungs):
            by_branch = branches(upper)
            for a in lower:
                if a.id in stating:
                    continue
                for b in promotion_targets(a, by_branch, upper):
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


def _branch_twins(framework: Framework, rungs: Rungs) -> Iterable[tuple[str, str, str]]:
    for ladder_rungs in rungs.values():
        for rung in ladder_rungs:
            groups = branches(rung)
            if len(groups) < 2:
                continue  # one branch: no twins (and no need to look at every pair of a crowded rung)
            for a in rung:
                for b in rung:
                    if a.id != b.id and a.branch != b.branch:
                        branch = framework.branch_label(b.branch or a.branch)
                        yield a.id, b.id, f"Parallel {branch} branch at the same level: {a.title} ↔ {b.title}"


def _skill_laterals(
    framework: Framework, rule: LateralRule, levels: dict[str, dict[str, int]], limits: CostLimits
) -> tuple[list[tuple[str, str, str, int]], LeftOut]:
    """Moves across ladders where skill profiles overlap (:mod:`framework.overlap`): ``(source, target, overlap,
    levels to gain)`` for the moves kept, by grade, then source, then target, and what was left out."""
    roles, profiles, grades, ladder = overlap_input(framework, rule, levels)
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
        moves.append((ids[i], ids[j], (titles[i], listing[0], needed[j], titles[j], shown, listing[1]), gain))
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


def _expectation_sets(framework: Framework, rungs: Rungs) -> dict[str, frozenset[tuple]]:
    """What each role expects (:func:`framework.expectation_index.expectation_sets`). A role that states none is
    taken to have what the nearest rung below it on its ladder expects, as :mod:`framework.ladders` does for
    skills."""
    sets = expectation_sets(framework)
    for ladder_rungs in rungs.values():
        carried: frozenset[tuple] = frozenset()
        for rung in ladder_rungs:
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
