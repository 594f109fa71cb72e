"""Routes between roles: the moves out of a role, and ranked progression paths from one role to another.

Queries over the career graph that :func:`framework.graph.build_graph` makes, networkx style:

>>> from framework import build_graph, load_framework
>>> G = build_graph(load_framework("data/roles.yaml"))
>>> [(step.target, step.kind) for step in next_steps(G, "delivery-manager")]  # the moves out of a role, easiest first
[('senior-delivery-manager', 'promotion')]
>>> routes = progression_paths(G, "associate-project-manager", "head-of-delivery-management", limit=3)
>>> [(len(route.steps), route.effort) for route in routes]
[(4, 35.0)]
>>> [step.target for step in routes[0].steps]
['project-manager', 'delivery-manager', 'senior-delivery-manager', 'head-of-delivery-management']

Routes are ranked by the ``effort`` of their moves (see :mod:`framework.graph` for how a move's effort is
counted). :func:`progression_paths` gives what ``nx.shortest_simple_paths`` would, faster: Yen's algorithm with
A* searches guided by a lower bound on the effort still to go (:class:`_RouteBound`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from heapq import heappop, heappush
from itertools import count, islice, pairwise

import networkx as nx

from .errors import NoPath
from .graph import KIND_ORDER, EffortWeights, _check, _levels_to_gain, _where, move_reason, move_relations

__all__ = ["Route", "Step", "next_steps", "progression_paths"]


@dataclass(frozen=True)
class Step:
    """One move of a route."""

    source: str
    target: str
    kind: str
    reason: str
    effort: float
    grade_change: str
    relations: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Route:
    """A route between two roles: its steps and their total effort."""

    steps: tuple[Step, ...]
    effort: float

    @property
    def roles(self) -> list[str]:
        return [self.steps[0].source, *(s.target for s in self.steps)] if self.steps else []


def _step(G: nx.DiGraph, u: str, v: str) -> Step:
    data = G.edges[u, v]
    return Step(
        source=u,
        target=v,
        kind=data["kind"],
        reason=move_reason(data),
        effort=data["effort"],
        grade_change=f"{_where(G, u)} → {_where(G, v)}",
        relations=move_relations(data),
    )


def next_steps(G: nx.DiGraph, role_id: str) -> list[Step]:
    """The moves out of a role, easiest first."""
    _check(G, role_id)
    steps = [_step(G, role_id, v) for v in G.successors(role_id)]
    return sorted(steps, key=lambda s: (s.effort, KIND_ORDER.index(s.kind), s.target))


def progression_paths(
    G: nx.DiGraph, source: str, target: str, *, limit: int = 3, weight: str = "effort"
) -> list[Route]:
    """Up to ``limit`` routes from ``source`` to ``target``, easiest (lowest total effort) first.

    The routes are the ``limit`` shortest simple paths by ``weight`` — what
    ``nx.shortest_simple_paths(G, source, target, weight=weight)`` yields first (where several routes are
    equally easy, either may be listed). Raises :class:`RoleNotFound` for an unknown id and :class:`NoPath`
    (with the reason) when no route exists.
    """
    _check(G, source, target)
    if limit < 1:
        raise ValueError("limit must be at least 1")
    if source == target:
        raise NoPath(source, target, "the start and the goal are the same role")
    try:
        if isinstance(weight, str) and type(G) is nx.DiGraph:
            paths = _shortest_simple_paths(G, source, target, weight, limit)
        else:
            paths = list(islice(nx.shortest_simple_paths(G, source, target, weight=weight), limit))
    except nx.NetworkXNoPath:
        raise NoPath(source, target, _why_no_path(G, source, target)) from None
    routes = []
    for path in paths:
        steps = tuple(_step(G, u, v) for u, v in pairwise(path))
        routes.append(Route(steps=steps, effort=sum(s.effort for s in steps)))
    return routes


class _RouteBound:
    """A lower bound on the effort of any route from a role to ``target``: what guides each search of
    :func:`_shortest_simple_paths` towards the goal (A*), so it looks at the roles a route could use, not at
    everything within the same effort in every direction.

    Every move's effort is ``base + grade_steps × per_grade_step + levels_to_gain × per_skill_level``
    (module docstring), so a route from ``v`` to ``target`` costs at least

    * one move's smallest ``base`` (when ``v`` is not the target);
    * the grades between them: grade steps add up along a route to at least the climb from ``v`` to the
      target (each move rounds its own climb up) — counted only when every role is placed, because a move
      to or from an unplaced role counts one step whatever the climb;
    * the skill levels ``target`` needs above ``v``'s: a level gained is gained on some move, so the moves'
      ``levels_to_gain`` add up to at least that (per skill, ``max(0, c − a) ≤ max(0, b − a) + max(0, c − b)``).

    Exact for no move, it never overestimates, so each search still finds the easiest route. Used only for
    ``weight="effort"`` on a graph from :func:`build_graph` with non-negative weights; otherwise the bound is
    zero and the searches are plain Dijkstra.
    """

    def __init__(self, G: nx.DiGraph, target: str, weight: str) -> None:
        self.target = target
        info = G.graph.get("route_bound")
        weights = G.graph.get("weights")
        usable = weight == "effort" and info is not None and isinstance(weights, EffortWeights)
        if usable:
            self.base = min(weights.base(kind) for kind in KIND_ORDER)
            self.per_step = weights.per_grade_step if info["placed"] else 0.0
            self.per_level = weights.per_skill_level
            usable = min(self.base, self.per_step, self.per_level) >= 0
        self.usable = usable
        if usable:
            self.levels = info["levels"]
            self.goal = self.levels.get(target, {})
            self.positions = G.nodes
            self.top = G.nodes[target]["position"]
            # Grade steps are rounded up per move with a tolerance of 1e-9 (_steps): a route of n moves climbs
            # at least ceil(climb − n × 1e-9) steps, and no route has more moves than the graph has roles.
            self.slack = 1e-9 * (len(G) + 1)
        self.cache: dict[str, float] = {target: 0.0}

    def __call__(self, node: str) -> float:
        bound = self.cache.get(node)
        if bound is None:
            bound = self.cache[node] = self._compute(node) if self.usable else 0.0
        return bound

    def _compute(self, node: str) -> float:
        steps = 0
        if self.per_step:
            climb = self.top - self.positions[node]["position"]
            steps = max(0, math.ceil(climb - self.slack))
        gain = _levels_to_gain(self.levels.get(node, {}), self.goal)
        # Shaved by a part in 10^9, so that a sum of floats that rounds the other way never makes it an overestimate.
        return (self.base + steps * self.per_step + gain * self.per_level) * (1 - 1e-9)


def _shortest_simple_paths(G: nx.DiGraph, source: str, target: str, weight: str, limit: int) -> list[list[str]]:
    """The first ``limit`` of ``nx.shortest_simple_paths(G, source, target, weight=weight)``, faster.

    The same algorithm (Yen's): the next route is the easiest of the candidates made by leaving each route
    found so far at one of its roles (its *spur*) and taking the easiest way on to the target that avoids the
    roles before the spur and the moves already taken from there. Two things make it faster: each of those
    searches is A* guided by :class:`_RouteBound`, where networkx runs a bidirectional Dijkstra over every
    role within reach; and, as Lawler showed, a route needs spurring only from the role where it left the
    route it was found from (the earlier spurs' candidates are queued already). The efforts of the routes are
    networkx's; where routes tie, either may come first. Raises ``nx.NetworkXNoPath`` as networkx does.
    """
    succ = G._succ  # the adjacency dict networkx's own algorithms read
    bound = _RouteBound(G, target, weight)

    def length_of(path: list[str]) -> float:
        return sum(succ[u][v].get(weight, 1) for u, v in pairwise(path))

    chosen: list[list[str]] = []
    # Candidates: a heap of (effort, order, path, the index of its spur), deduplicated like networkx's PathBuffer.
    candidates: list[tuple[float, int, list[str], int]] = []
    queued: set[tuple[str, ...]] = set()
    counter = count()

    def push(cost: float, path: list[str], spur_index: int) -> None:
        key = tuple(path)
        if key not in queued:
            heappush(candidates, (cost, next(counter), path, spur_index))
            queued.add(key)

    previous: list[str] | None = None
    deviation = 1
    while len(chosen) < limit:
        if not previous:
            length, path = _a_star(succ, source, target, weight, bound, set(), set())
            push(length, path, 1)
        else:
            ignore_nodes: set[str] = set()
            ignore_edges: set[tuple[str, str]] = set()
            for i in range(1, len(previous)):
                root = previous[:i]
                # Lawler's refinement: before the point where the previous route left the route it was found
                # from, it shares that route's roles, and the candidates spurred there are already queued.
                if i >= deviation:
                    root_length = length_of(root)
                    for path in chosen:
                        if path[:i] == root:
                            ignore_edges.add((path[i - 1], path[i]))
                    try:
                        length, spur = _a_star(succ, root[-1], target, weight, bound, ignore_nodes, ignore_edges)
                        push(root_length + length, root[:-1] + spur, i)
                    except nx.NetworkXNoPath:
                        pass
                ignore_nodes.add(root[-1])
        if not candidates:
            break
        _, _, path, deviation = heappop(candidates)
        queued.remove(tuple(path))
        chosen.append(path)
        previous = path
    return chosen


def _a_star(
    succ: dict, source: str, target: str, weight: str, bound: _RouteBound, ignore_nodes: set, ignore_edges: set
) -> tuple[float, list[str]]:
    """The easiest path from ``source`` to ``target`` avoiding ``ignore_nodes`` and ``ignore_edges``: A*
    with ``bound`` as its estimate of the effort still to go (Dijkstra when the bound is zero).

    The bound never overestimates, so the first time the target comes off the queue its path is the easiest.
    A role reached again more cheaply is searched again, so that holds even where the bound is not
    consistent (a move to an unplaced role). Among equally promising roles, the one furthest along is taken
    first, which reaches the target sooner when many routes tie. Edges whose weight is None are hidden.
    """
    if ignore_nodes and (source in ignore_nodes or target in ignore_nodes):
        raise nx.NetworkXNoPath(f"No path between {source} and {target}.")
    if source == target:
        return (0, [source])
    best: dict[str, float] = {source: 0}
    before: dict[str, str | None] = {source: None}
    c = count()
    fringe: list[tuple[float, float, int, str]] = [(bound(source), 0, next(c), source)]
    while fringe:
        _, negative, _, v = heappop(fringe)
        dist = -negative
        if dist > best[v]:
            continue  # reached more cheaply since this entry was queued
        if v == target:
            return (dist, _walk(before, v)[::-1])
        for w, data in succ[v].items():
            if ignore_nodes and w in ignore_nodes:
                continue
            if ignore_edges and (v, w) in ignore_edges:
                continue
            step = data.get(weight, 1)
            if step is None:
                continue
            if step < 0:
                raise ValueError(f"Negative weight {step!r} on the move {v} → {w}: efforts must not be negative.")
            length = dist + step
            if length < best.get(w, math.inf):
                best[w] = length
                before[w] = v
                heappush(fringe, (length + bound(w), -length, next(c), w))
    raise nx.NetworkXNoPath(f"No path between {source} and {target}.")


def _walk(preds: dict, node: str) -> list[str]:
    """``node`` and the nodes it was reached from, back to the start of the search."""
    out = []
    while node is not None:
        out.append(node)
        node = preds[node]
    return out


def _why_no_path(G: nx.DiGraph, source: str, target: str) -> str:
    s, t = G.nodes[source], G.nodes[target]
    if s["position"] is not None and t["position"] is not None and t["position"] < s["position"]:
        return f"{t['title']} is below {s['title']}: the framework describes moves up and across, not down"
    if G.in_degree(target) == 0:
        return f"{t['title']} has no rung below it, no lateral move into it and no one reporting to it"
    if G.out_degree(source) == 0:
        return f"{s['title']} has no onward move: it is the top of its ladder, with no lateral move and no manager"
    reachable = nx.descendants(G, source) | {source}
    disciplines = sorted({G.nodes[n]["discipline_name"] for n in reachable if G.nodes[n]["discipline"]})
    within = f"stay within {', '.join(disciplines)}" if disciplines else "lead nowhere on a ladder"
    return (
        f"the moves from {s['title']} {within}, and no lateral move or reporting line leads from them to "
        f"{t['title']} ({t['discipline_name']})"
    )
