"""The Skill gap page: what someone needs to learn to move from one role — or their own self-assessment — to
a target role, skill by skill, and the development plan made from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx
import pandas as pd

from ..gaptext import gap_summary, gap_table
from ..models import Framework
from ..skills import Profile, SkillGap, skill_gap
from .labels import role_label

if TYPE_CHECKING:  # framework.plan names roles with .labels, so it is imported where it is used
    from ..plan import PlanBasis, RouteCheck

__all__ = [
    "GAP_HEADINGS",
    "SELF_LABEL",
    "GapPage",
    "GapView",
    "gap_page",
    "gap_view",
    "level_choices",
    "skills_to_assess",
]

SELF_LABEL = "My self-assessment"  #: how a self-assessment without a name of its own is called
#: The gap table's columns as the page names them.
GAP_HEADINGS = {"Gap": "Levels to gain", "Evidence count": "Evidence lines in the job description"}


@dataclass(frozen=True)
class GapView:
    current_label: str  # "Title (grade)", or the self-assessment's name
    target_label: str
    gap: SkillGap
    summary: str  # the gap in sentences: the text alternative to the chart
    table: pd.DataFrame  # a row per requirement of the target, biggest gap first

    @property
    def met(self) -> int:
        return sum(r.met for r in self.gap.rows)

    @property
    def total(self) -> int:
        return len(self.gap.rows)


def gap_view(
    framework: Framework, G: nx.DiGraph, current: str | Profile, target: str, *, gap: SkillGap | None = None
) -> GapView:
    """The gap from ``current`` (a role id, or a person's :class:`~framework.skills.Profile`) to ``target`` (made
    from ``gap`` where the caller has it).

    A view from a profile holds that person's levels: it is for their own page, never to be cached or shared.
    Raises :class:`~framework.errors.RoleNotFound` for an unknown role.
    """
    gap = gap if gap is not None else skill_gap(framework, current, target)
    own = isinstance(current, Profile)
    current_label = (current.label or SELF_LABEL) if own else role_label(framework, current)
    target_label = role_label(framework, target)
    return GapView(
        current_label=current_label,
        target_label=target_label,
        gap=gap,
        summary=gap_summary(framework, gap, current_label=current_label, target_label=target_label),
        table=gap_table(framework, gap).rename(columns=GAP_HEADINGS),
    )


@dataclass(frozen=True)
class GapPage:
    """What the Skill gap page shows of one comparison, made from one computation of the gap: the gap itself and
    the plan's basis (what changes, the focus candidates, the route check)."""

    view: GapView
    plan: PlanBasis


def gap_page(
    framework: Framework,
    G: nx.DiGraph,
    current: str | Profile,
    target: str,
    *,
    route: RouteCheck | None = None,
    levels_from: str | None = None,
) -> GapPage:
    """The gap and the plan's basis from ``current`` to ``target``, the gap computed once for both (and the route
    check once, or not at all where ``route`` is given). From two role ids it is the same for everyone and may be
    kept and shared; from a person's profile it is theirs."""
    from ..plan import plan_basis

    gap = skill_gap(framework, current, target)
    view = gap_view(framework, G, current, target, gap=gap)
    basis = plan_basis(
        framework, G, current, target, gap=gap, route=route, current_label=view.current_label, levels_from=levels_from
    )
    return GapPage(view, basis)


def level_choices(framework: Framework) -> dict[str, str]:
    """Skill-level id → the name a picker shows, made unique where two levels share a name ("Name (id)")."""
    names = [lv.name for lv in framework.skill_levels]
    return {lv.id: lv.name if names.count(lv.name) == 1 else f"{lv.name} ({lv.id})" for lv in framework.skill_levels}


def skills_to_assess(
    framework: Framework, current: str | None, target: str | None, assessed: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """The skills a self-assessment lists: those the target needs, then the current role's, then any already
    assessed — each once, and only skills the framework has."""
    needed = [r.skill for r in framework.role(target).skills] if target else []
    start = [r.skill for r in framework.role(current).skills] if current else []
    return tuple(s for s in dict.fromkeys([*needed, *start, *assessed]) if s in framework.skills_by_id)
