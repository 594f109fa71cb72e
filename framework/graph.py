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
  with a stated grade and at least one skill take part. The reason names the shared skills.
* ``reports_to`` — from a role to its manager, stated in the file.

**Effort** of a move, the weight that ranks routes (lower is easier)::

    effort = base[kind] + grade_steps * per_grade_step + levels_to_gain * per_skill_level

with ``base`` = 1 for a promotion, 2 for a lateral move or stepping into one's manager's role (neither is a
designed rung), ``grade_steps`` = grades climbed (rounded up; estimated positions count too), and
``levels_to_gain`` = skill levels the target needs beyond the source (0 when the framework has no skills; a
role that lists no skills counts as holding what the rung below it on its ladder needs).
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

from .errors import RoleNotFound
from .models import Framework, Role

__all__ = [
    "KIND_ORDER",
    "EffortWeights",
    "LateralRule",
    "build_graph",
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
    """
    rank = framework.grade_rank
    grades = framework.grades
    lines = nx.DiGraph()  # report → manager
    lines.add_nodes_from(r.id for r in framework.roles)
    for role in framework.roles:
        if role.reports_to and role.reports_to.role in framework.roles_by_id:
            lines.add_edge(role.id, role.reports_to.role)
    known = {r.id: rank[r.grade] for r in framework.roles if r.grade in rank}

    out: dict[str, Placement] = {}
    for role in framework.roles:
        if role.id in known:
            out[role.id] = Placement(
                float(known[role.id]), known[role.id], known[role.id], grades[known[role.id]].label
            )
            continue
        lower, d_low = _nearest(lines.reverse(copy=False), role.id, known, max)
        upper, d_up = _nearest(lines, role.id, known, min)
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


def _nearest(graph: nx.DiGraph, start: str, known: dict[str, int], pick) -> tuple[int | None, int]:
    """The extreme known rank reachable from ``start`` and how many links away the nearest such role is."""
    found: dict[str, int] = {
        node: dist for node, dist in nx.single_source_shortest_path_length(graph, start).items() if node in known
    }
    found.pop(start, None)
    if not found:
        return None, 0
    best = pick(known[n] for n in found)
    return best, min(d for n, d in found.items() if known[n] == best)


# --------------------------------------------------------------------------- building


def build_graph(
    framework: Framework, *, weights: EffortWeights | None = None, laterals: LateralRule | None = None
) -> nx.DiGraph:
    """Build the career graph of ``framework`` (see the module docstring for nodes, edges and effort)."""
    return _build_graph(framework, weights, laterals)


def _build_graph(framework: Framework, weights: EffortWeights | None, laterals: LateralRule | None) -> nx.DiGraph:
    weights = weights or EffortWeights()
    laterals = laterals or LateralRule()
    where = placements(framework)
    G = nx.DiGraph(
        framework_id=framework.id,
        grades=[g.id for g in framework.grades],
        grade_labels={g.id: g.label for g in framework.grades},
        weights=weights,
        laterals=laterals,
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

    levels = _skill_levels(framework, G)
    position = {node: data["position"] for node, data in G.nodes(data=True)}
    # What progression_paths needs for its lower bound on the effort still to go (see _RouteBound).
    G.graph["route_bound"] = {"levels": levels, "placed": all(p is not None for p in position.values())}
    none: dict[str, int] = {}

    def add(u: str, v: str, kind: str, reason: str) -> None:
        steps = _steps(position[u], position[v])
        gain = _levels_to_gain(levels.get(u, none), levels.get(v, none))
        effort = weights.base(kind) + steps * weights.per_grade_step + gain * weights.per_skill_level
        if G.has_edge(u, v):
            data = G.edges[u, v]
            relations = (*data["relations"], (kind, reason))
            strongest = min(relations, key=lambda r: KIND_ORDER.index(r[0]))
            data.update(relations=relations, kind=strongest[0], reason=strongest[1], effort=min(effort, data["effort"]))
        else:
            G.add_edge(
                u, v, kind=kind, reason=reason, effort=effort, grade_steps=steps, levels_to_gain=gain,
                relations=((kind, reason),),
            )  # fmt: skip

    for u, v, reason in _promotions(framework, G):
        add(u, v, "promotion", reason)
    for u, v, reason in _branch_twins(framework, G):
        add(u, v, "lateral", reason)
    if laterals.enabled:
        # Skill overlap can give a large framework a million moves: they are added in batches, with the
        # levels to gain counted in numpy, each exactly as add() would (a pair that is already linked, or a
        # framework whose levels numpy cannot count, goes through add() itself, in the same order).
        batch: list[tuple[str, str, dict]] = []
        base = weights.base("lateral")
        for u, v, reason, gain in _skill_laterals(framework, laterals, levels):
            if gain is None or G.has_edge(u, v):
                G.add_edges_from(batch)
                batch.clear()
                add(u, v, "lateral", reason)
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
            add(role.id, move.to, "lateral", move.reason)
        if role.reports_to and role.reports_to.role in framework.roles_by_id:
            add(role.id, role.reports_to.role, "reports_to", _reporting_reason(role, framework))
    return G


def _ladders(framework: Framework, G: nx.DiGraph) -> dict[tuple, list[list[Role]]]:
    """Rungs of each ladder (discipline, track): roles grouped by position, lowest first. Unplaced roles and
    roles without a discipline are on no ladder."""
    by_ladder: dict[tuple, dict[float, list[Role]]] = defaultdict(lambda: defaultdict(list))
    for role in framework.roles:
        position = G.nodes[role.id]["position"]
        if role.discipline is not None and position is not None:
            by_ladder[(role.discipline, role.track)][position].append(role)
    return {key: [rungs[p] for p in sorted(rungs)] for key, rungs in by_ladder.items()}


def _promotions(framework: Framework, G: nx.DiGraph) -> Iterable[tuple[str, str, str]]:
    for (discipline, track), rungs in _ladders(framework, G).items():
        name = framework.discipline_label(discipline)
        if track and track != discipline:
            name = f"{name} ({track.replace('-', ' ')})"
        for lower, upper in pairwise(rungs):
            for a in lower:
                same_branch = [b for b in upper if b.branch == a.branch]
                targets = upper if a.branch is None else (same_branch or [b for b in upper if b.branch is None])
                for b in targets:
                    yield a.id, b.id, _promotion_reason(a, b, name, framework, G)


def _promotion_reason(a: Role, b: Role, ladder_name: str, framework: Framework, G: nx.DiGraph) -> str:
    reason = f"Next rung up the {ladder_name} ladder: {a.title} ({_where(G, a.id)}) → {b.title} ({_where(G, b.id)})"
    ra, rb = G.nodes[a.id]["grade_rank"], G.nodes[b.id]["grade_rank"]
    if ra is not None and rb is not None and rb - ra > 1:
        skipped = framework.grades[ra + 1 : rb]
        span = skipped[0].label if len(skipped) == 1 else f"{skipped[0].label}–{skipped[-1].label}"
        reason += f"; no {ladder_name} role at {span}"
    if b.branch and b.branch != a.branch:
        reason += f"; onto the {b.branch} branch"
    return reason


def _branch_twins(framework: Framework, G: nx.DiGraph) -> Iterable[tuple[str, str, str]]:
    for rungs in _ladders(framework, G).values():
        for rung in rungs:
            for a in rung:
                for b in rung:
                    if a.id != b.id and a.branch != b.branch:
                        branch = b.branch or a.branch
                        yield a.id, b.id, f"Parallel {branch} branch at the same level: {a.title} ↔ {b.title}"


def _skill_laterals(
    framework: Framework, rule: LateralRule, levels: dict[str, dict[str, int]]
) -> Iterable[tuple[str, str, str, int | None]]:
    """Moves across ladders where skill profiles overlap, computed per grade with a matrix product.

    Yields ``(source, target, reason, levels to gain)``; the levels to gain are
    ``_levels_to_gain(levels[source], levels[target])``, counted in numpy, or None where the levels name a
    skill the framework does not list (a framework built in code, unchecked), for the caller to count.
    """
    rank = framework.grade_rank
    roles = [r for r in framework.roles if r.skills and r.grade in rank]
    if not roles:
        return
    column = {s: i for i, s in enumerate(framework.skills_by_id)}
    matrix = np.zeros((len(roles), len(column)), dtype=np.int32)
    for i, role in enumerate(roles):
        for req in role.skills:
            if req.skill in column:
                matrix[i, column[req.skill]] = 1
    needs = matrix.sum(axis=1)
    grades = np.array([rank[r.grade] for r in roles])
    names = [s.name for s in framework.skills]
    # Per role, the columns of its skills: the shared skills of a pair are an intersection of two small sets
    # (a numpy call per pair would cost more than the pair's whole reason). Counted in float32, which BLAS
    # multiplies fast and which holds these small whole numbers exactly.
    columns = [frozenset(np.flatnonzero(row).tolist()) for row in matrix]
    counts = matrix.astype(np.float32)
    needed = needs.tolist()
    held = _level_matrix([levels.get(r.id, {}) for r in roles], column)
    ids, titles = [r.id for r in roles], [r.title for r in roles]
    ladder_codes: dict[tuple, int] = {}
    ladder = np.array([ladder_codes.setdefault((r.discipline, r.track), len(ladder_codes)) for r in roles])
    percent: dict[float, str] = {}  # the same few shares come up again and again
    listings: dict[frozenset, tuple[int, str]] = {}  # …and the same sets of shared skills
    for grade in np.unique(grades):
        sources = np.flatnonzero(grades == grade)
        targets = np.flatnonzero(np.abs(grades - grade) <= rule.max_grade_gap)
        shared = (counts[sources] @ counts[targets].T).astype(matrix.dtype)
        share = shared / np.maximum(needs[targets], 1)
        plausible = (share >= rule.min_overlap) & (shared >= rule.min_shared)
        rows, cols = np.nonzero(plausible)
        firsts, seconds = sources[rows], targets[cols]
        across = ladder[firsts] != ladder[seconds]  # a move within one ladder is a promotion, not a lateral
        rows, cols, firsts, seconds = rows[across], cols[across], firsts[across], seconds[across]
        gains = _gains(held, firsts, seconds) if held is not None else [None] * len(rows)
        pairs = zip(firsts.tolist(), seconds.tolist(), share[rows, cols].tolist(), gains, strict=True)
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
            yield (
                ids[i],
                ids[j],
                f"Skills overlap: {titles[i]} already needs {listing[0]} of the {needed[j]} skills "
                f"{titles[j]} needs ({shown}): {listing[1]}",
                gain,
            )


def _level_matrix(levels: list[dict[str, int]], column: dict[str, int]) -> np.ndarray | None:
    """Rows of level ranks (0 where a skill is not held), or None if a level names a skill not in ``column``."""
    matrix = np.zeros((len(levels), len(column)), dtype=np.int64)
    for i, held in enumerate(levels):
        for skill, rank in held.items():
            if skill not in column:
                return None
            matrix[i, column[skill]] = rank
    return matrix


def _gains(held: np.ndarray, sources: np.ndarray, targets: np.ndarray, chunk: int = 20_000) -> list[int]:
    """``_levels_to_gain`` of each (source, target) pair of rows: the sum of the target's levels above the
    source's. In chunks, so a million pairs never hold more than a few megabytes at once."""
    out: list[int] = []
    for start in range(0, len(sources), chunk):
        above = held[targets[start : start + chunk]] - held[sources[start : start + chunk]]
        np.maximum(above, 0, out=above)
        out += above.sum(axis=1).tolist()
    return out


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


def _skill_levels(framework: Framework, G: nx.DiGraph) -> dict[str, dict[str, int]]:
    """Skill → level rank per role. A role that lists no skills (e.g. a referenced role with no benchmark) is
    taken to hold what the nearest rung below it on its ladder needs: whoever reached it got that far."""
    rank = framework.level_rank
    levels = {r.id: {req.skill: rank.get(req.level, 0) for req in r.skills} for r in framework.roles}
    for rungs in _ladders(framework, G).values():
        carried: dict[str, int] = {}
        for rung in rungs:
            for role in rung:
                if not levels[role.id]:
                    levels[role.id] = dict(carried)
            listed = [levels[r.id] for r in rung if r.skills]
            if listed:
                carried = listed[0]
    return levels


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
