"""Where each role sits on the grade scale: at its grade, or — without one — where its reporting lines place it.

A role with a stated grade sits at its grade's rank. A role without one (a role only named in another
document, say) is placed by its reporting lines: above the highest known grade among the roles that report to
it, below the lowest known grade among its managers, and shown in words ("grade not stated; above PO4, below
Head by its reporting lines"). The graph (:mod:`framework.graph`) and the review place roles this way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx

from .models import Framework

__all__ = ["Nearest", "Placement", "estimated_position", "nearest_known_grades", "placements"]

#: The nearest known grade in one direction along the reporting lines: (its rank, or None when there is none;
#: how many reporting links away the nearest role at that rank is).
Nearest = tuple[int | None, int]


@dataclass(frozen=True)
class Placement:
    position: float | None  # grade rank, or an estimate between the ranks its reporting lines imply
    lower: int | None  # rank of the highest known grade below it in its reporting lines
    upper: int | None  # rank of the lowest known grade above it
    text: str  # "PO4", or "grade not stated; above PO4, below Head"


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
        position, lower, upper = estimated_position(*found(role.id))
        bounds = [f"above {grades[lower].label}"] if lower is not None else []
        bounds += [f"below {grades[upper].label}"] if upper is not None else []
        text = "grade not stated" + (f"; {', '.join(bounds)} by its reporting lines" if bounds else "")
        out[role.id] = Placement(position, lower, upper, text)
    return out


def estimated_position(below: Nearest, above: Nearest) -> tuple[float | None, int | None, int | None]:
    """``(position, lower, upper)`` of a role without a grade, from the nearest known grade below it and above it
    in its reporting lines, each ``(rank, reporting links away)`` (rank None when there is none).

    Between two known ranks it sits closer to the side fewer links away; with one side known, within a rank
    of it, nearer the further it is; contradictory sides (above below below) trust the side below.

    >>> estimated_position((2, 1), (4, 1)), estimated_position((2, 1), (5, 2))
    ((3.0, 2, 4), (3.0, 2, 5))
    >>> estimated_position((2, 1), (None, 0)), estimated_position((None, 0), (4, 3)), estimated_position((3, 1), (2, 1))
    ((2.5, 2, None), (3.25, None, 4), (3.5, 3, None))
    >>> estimated_position((None, 0), (None, 0))
    (None, None, None)
    """
    (lower, d_low), (upper, d_up) = below, above
    if lower is not None and upper is not None and upper <= lower:
        upper = None  # contradictory lines (a loader warning already): trust the side below
    if lower is not None and upper is not None:
        return lower + (upper - lower) * d_low / (d_low + d_up), lower, upper
    if lower is not None:
        return lower + 1 - 1 / (d_low + 1), lower, None
    if upper is not None:
        return upper - 1 + 1 / (d_up + 1), None, upper
    return None, None, None


def _nearest_known(framework: Framework, known: dict[str, int]) -> Callable[[str], tuple[Nearest, Nearest]]:
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

    none: Nearest = (None, 0)
    above: dict[str, Nearest] = {}
    for node in order:  # managers before their reports
        boss = manager.get(node)
        above[node] = none if boss is None else _pick_above(_via(boss, known, above[boss]))
    below: dict[str, Nearest] = {}
    for node in reversed(order):  # reports before their managers
        best = none
        for report in reports.get(node, ()):
            best = _pick_below(best, _pick_below(*_via(report, known, below[report])))
        below[node] = best
    return lambda role_id: (below[role_id], above[role_id])


def _via(neighbour: str, known: dict[str, int], beyond: Nearest) -> tuple[Nearest, Nearest]:
    """What a role learns through one reporting link: the neighbour's own rank (one link away), and what the
    neighbour found further on (one link further)."""
    own = (known[neighbour], 1) if neighbour in known else (None, 0)
    return own, (beyond[0], beyond[1] + 1) if beyond[0] is not None else (None, 0)


def _pick_above(pair: tuple[Nearest, Nearest]) -> Nearest:
    """The lowest known rank, nearest first among equals."""
    a, b = pair
    if a[0] is None or (b[0] is not None and (b[0], b[1]) < (a[0], a[1])):
        return b
    return a


def _pick_below(a: Nearest, b: Nearest) -> Nearest:
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

    def nearest(graph: nx.DiGraph, start: str, pick) -> Nearest:
        reached = nx.single_source_shortest_path_length(graph, start)
        found = {node: dist for node, dist in reached.items() if node in known and node != start}
        if not found:
            return None, 0
        best = pick(known[n] for n in found)
        return best, min(d for n, d in found.items() if known[n] == best)

    return lambda role_id: (nearest(lines.reverse(copy=False), role_id, max), nearest(lines, role_id, min))


def nearest_known_grades(framework: Framework) -> dict[str, tuple[Nearest, Nearest]]:
    """For each role: the nearest known grade below it (the highest among its reports, direct or not) and above
    it (the lowest among its managers), as :data:`Nearest` — what :func:`placements` places a role by."""
    rank = framework.grade_rank
    found = _nearest_known(framework, {r.id: rank[r.grade] for r in framework.roles if r.grade in rank})
    return {role.id: found(role.id) for role in framework.roles}
