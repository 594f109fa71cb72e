"""The Progression paths page: up to a few routes between two roles, each step with its reason and the skills
to gain.

The skills a step asks for are counted from the last role of the route that lists skill requirements: a role
without any in the framework (a referenced role with no benchmark, say) tells nothing about what its holder
can do, so the step after it is measured against the role before it.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import pandas as pd

from ..errors import NoPath
from ..expectations import expectation_gap
from ..graph import EffortWeights
from ..models import Framework
from ..routes import Route, next_steps, progression_paths
from ..skills import skill_gap, standing_text
from .labels import kind_label, role_label
from .roles import Connection

__all__ = ["ROUTE_TABLE_COLUMNS", "RouteView", "RoutesView", "SkillChange", "StepView", "routes_view"]

ROUTE_TABLE_COLUMNS = [
    "Route",
    "Step",
    "From",
    "To",
    "Move",
    "Grade change",
    "Grades climbed",
    "Skill levels to gain",
    "Effort",
    "Why",
    "Skills to gain",
]


@dataclass(frozen=True)
class SkillChange:
    """A skill a step asks for: where the route stands on it before the step, in words (a level, or "not in
    <role>'s profile"), and the level needed."""

    skill: str
    name: str
    held: str
    needed: str  # level name


@dataclass(frozen=True)
class StepView:
    number: int
    kind: str
    kind_label: str
    source: str
    target: str
    source_title: str
    target_title: str
    target_label: str  # "Title (grade)"
    reason: str
    effort: float
    grade_change: str
    levels_to_gain: int  # as the graph counts them for this move
    #: Grades this move climbs as the effort counts them: rounded up, an estimated position counting too.
    grades_climbed: int
    target_lists_skills: bool
    gains: tuple[SkillChange, ...]  # what the target needs beyond the role compared with
    compared_with: str | None  # the title of the role compared with, when it is not the step's own start
    #: For a framework written as expectations (the graph counts them): (area name, expectations to meet) for
    #: each area where the step's target expects something its start does not; None otherwise.
    expectations_to_meet: tuple[tuple[str, int], ...] | None = None

    @property
    def gains_label(self) -> str:
        return "Skills to gain" if self.expectations_to_meet is None else "To meet"

    @property
    def gains_text(self) -> str:
        """The skills to gain (or expectations to meet) in one line, as the table and the words say them."""
        if self.expectations_to_meet is not None:
            total = sum(n for _, n in self.expectations_to_meet)
            areas = ", ".join(f"{name} {n}" for name, n in self.expectations_to_meet)
            return f"{total} expectations" + (f" ({areas})" if areas else "")
        if not self.target_lists_skills:
            return "none listed (this role has no skill requirements in the framework)"
        parts = [f"{g.name}: {g.held} → {g.needed}" for g in self.gains]
        note = f" (compared with {self.compared_with})" if self.compared_with else ""
        return ("; ".join(parts) if parts else "none") + note


@dataclass(frozen=True)
class RouteView:
    number: int
    effort: float
    roles: tuple[str, ...]
    titles: tuple[str, ...]
    steps: tuple[StepView, ...]
    effort_parts: tuple[tuple[str, float], ...] = ()  # what the effort adds up, in words: (what, points)

    @property
    def effort_text(self) -> str:
        """The route's effort in points and what makes it up: "35 effort points: 6 for the grades climbed, …"."""
        parts = ", ".join(f"{points:g} for {what}" for what, points in self.effort_parts if points)
        return f"{self.effort:g} effort points" + (f": {parts}" if parts else "")


@dataclass(frozen=True)
class RoutesView:
    source: str
    target: str
    routes: tuple[RouteView, ...]  # easiest first; empty when there is none
    no_route_reason: str | None  # why there is no route, in words
    onward: tuple[Connection, ...]  # where the start can go next (shown when there is no route)
    #: When there is no route: the roles nearest the start from which one does lead to the target, as (role id,
    #: "Title (grade)") — the Skill gap page names the same ones.
    leading: tuple[tuple[str, str], ...] = ()

    def table(self) -> pd.DataFrame:
        """Every step of every route, one row each (the routes' accessible alternative to the map)."""
        rows = [
            {
                "Route": route.number,
                "Step": step.number,
                "From": step.source_title,
                "To": step.target_title,
                "Move": step.kind_label,
                "Grade change": step.grade_change,
                "Grades climbed": step.grades_climbed,
                "Skill levels to gain": step.levels_to_gain,
                "Effort": step.effort,
                "Why": step.reason,
                "Skills to gain": step.gains_text,
            }
            for route in self.routes
            for step in route.steps
        ]
        return pd.DataFrame(rows, columns=ROUTE_TABLE_COLUMNS)


def _expectations_to_meet(framework: Framework, G: nx.DiGraph, source: str, target: str):
    if not G.graph.get("counts_expectations"):
        return None
    gap = expectation_gap(framework, source, target)
    return tuple((area.name, len(area.to_meet)) for area in gap.areas if area.to_meet)


def _route_view(framework: Framework, G: nx.DiGraph, number: int, route: Route) -> RouteView:
    names = {lv.id: lv.name for lv in framework.skill_levels}
    steps = []
    since = route.steps[0].source  # the last role of the route that lists skills
    for i, step in enumerate(route.steps, start=1):
        target = framework.role(step.target)
        gains: tuple[SkillChange, ...] = ()
        if target.skills:
            gap = skill_gap(framework, since, step.target)
            gains = tuple(
                SkillChange(r.skill, r.name, standing_text(framework, gap, r), names.get(r.required, ""))
                for r in gap.gaps
            )
        steps.append(
            StepView(
                number=i,
                kind=step.kind,
                kind_label=kind_label(step.kind, as_step=True),
                source=step.source,
                target=step.target,
                source_title=framework.role(step.source).title,
                target_title=target.title,
                target_label=role_label(framework, step.target),
                reason=step.reason,
                effort=step.effort,
                grade_change=step.grade_change,
                levels_to_gain=G.edges[step.source, step.target]["levels_to_gain"],
                grades_climbed=G.edges[step.source, step.target]["grade_steps"],
                target_lists_skills=bool(target.skills),
                gains=gains,
                compared_with=framework.role(since).title if target.skills and since != step.source else None,
                expectations_to_meet=_expectations_to_meet(framework, G, step.source, step.target),
            )
        )
        if target.skills:
            since = step.target
    return RouteView(
        number=number,
        effort=route.effort,
        roles=tuple(route.roles),
        titles=tuple(framework.role(r).title for r in route.roles),
        steps=tuple(steps),
        effort_parts=_effort_parts(G, route),
    )


def _effort_parts(G: nx.DiGraph, route: Route) -> tuple[tuple[str, float], ...]:
    """What a route's effort adds up (the formula of :mod:`framework.graph`, with the graph's own weights)."""
    weights = G.graph.get("weights")
    if not isinstance(weights, EffortWeights):
        return ()
    edges = [G.edges[s.source, s.target] for s in route.steps]
    moves = sum(weights.base(s.kind) for s in route.steps)
    grades = sum(e.get("grade_steps", 0) for e in edges) * weights.per_grade_step
    levels = sum(e.get("levels_to_gain", 0) for e in edges) * weights.per_skill_level
    meet = sum(e.get("expectations_to_gain", 0) for e in edges) * weights.per_expectation
    return (
        ("the kinds of move (1 a promotion, 2 a lateral move or a step into a manager's role)", moves),
        ("the grades climbed (each step's rounded up to whole grades)", grades),
        ("the skill levels to gain", levels),
        ("the expectations to meet", meet),
    )


def routes_view(framework: Framework, G: nx.DiGraph, source: str, target: str, limit: int = 3) -> RoutesView:
    """Up to ``limit`` routes from ``source`` to ``target``, easiest first, or why there is none.

    Raises :class:`~framework.errors.RoleNotFound` for an unknown role.
    """
    try:
        routes = progression_paths(G, source, target, limit=limit)
    except NoPath as error:
        from ..plan import leading_roles  # framework.plan names roles with .labels: imported where it is used

        onward = tuple(
            Connection(s.target, role_label(framework, s.target), s.kind, s.reason) for s in next_steps(G, source)
        )
        leading = leading_roles(framework, G, source, target) if source != target else ()
        return RoutesView(source, target, (), error.reason, onward, leading)
    views = tuple(_route_view(framework, G, number, route) for number, route in enumerate(routes, start=1))
    return RoutesView(source, target, views, None, ())
