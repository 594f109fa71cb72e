"""Expectations per level: what each role expects, area by area, and the gap between two roles.

Many frameworks (FT, Monzo, a council's person specifications) are written as *expectations*: criteria grouped
by area (a theme, a topic, a competency), stated per level, with examples — not as skills on a proficiency
scale. This module answers questions about them::

    role_expectations(fw, "delivery-manager")         # stated ones, its ladder's, then the person specification's
    effective_expectations(fw, "backend-4")           # … plus what the levels below add, where cumulative
    expectation_gap(fw, "senior-1", "senior-2-ic")    # what the target expects that the current role does not

How expectations are read — where they come from, their ids, cumulative levels and the rung below a role — is
:mod:`framework.expectation_index`, which the graph and the loader share; its names are given here too.

**The gap.** The target expects an expectation that the current role does not when no expectation the
current role has (cumulative ones included) is the same — the same area, text and examples, with case and
spacing ignored (:func:`expectation_key`), since one framework states a shared criterion once per role.
Readiness is the share of the target's expectations the current role already has.
"""

from __future__ import annotations

from dataclasses import dataclass

from .expectation_index import (
    PERSON_SPECIFICATION,
    STATED,
    RoleExpectation,
    all_areas,
    expectation_id,
    expectation_index,
    expectation_key,
    expectation_sets,
    has_expectations,
    own_expectations,
)
from .models import Area, Framework, Role

__all__ = [
    "PERSON_SPECIFICATION",
    "STATED",
    "AreaGap",
    "ExpectationGap",
    "RoleExpectation",
    "all_areas",
    "effective_expectations",
    "expectation_gap",
    "expectation_id",
    "expectation_key",
    "expectation_sets",
    "framework_areas",
    "has_expectations",
    "own_expectations",
    "role_expectations",
    "rung_below",
]


def framework_areas(framework: Framework) -> dict[str, Area]:
    """Every area expectations may name, in order: the file's areas, then the headings of its person
    specifications (each once, in order of first appearance), unless an area of the file has that id."""
    return expectation_index(framework).areas


# --------------------------------------------------------------------------- queries


def _role(framework: Framework, role: str | Role) -> Role:
    return role if isinstance(role, Role) else framework.role(role)


def role_expectations(framework: Framework, role: str | Role) -> tuple[RoleExpectation, ...]:
    """The role's own expectations: those its file states, those of its ladder at every level, then its person
    specification's criteria, in order.

    Raises :class:`~framework.errors.RoleNotFound` for an unknown role id.
    """
    return expectation_index(framework).own[_role(framework, role).id]


def effective_expectations(framework: Framework, role: str | Role) -> tuple[RoleExpectation, ...]:
    """Everything the role expects: its own expectations, after those it takes in from the rung below it in
    the areas where its expectations are cumulative (each once; the lowest level's first)."""
    return expectation_index(framework).effective[_role(framework, role).id]


def rung_below(framework: Framework, role: str | Role) -> str | None:
    """The role a cumulative expectation builds on (:mod:`framework.expectation_index`), or None."""
    return expectation_index(framework).below[_role(framework, role).id]


@dataclass(frozen=True)
class AreaGap:
    """One area of the target role: what it expects that the current role does not, and what both expect."""

    area: str
    name: str
    description: str | None
    to_meet: tuple[RoleExpectation, ...]
    met: tuple[RoleExpectation, ...]


@dataclass(frozen=True)
class ExpectationGap:
    current: str  #: role id
    target: str  #: role id
    areas: tuple[AreaGap, ...]  #: the target's areas, in the framework's order

    @property
    def to_meet(self) -> tuple[RoleExpectation, ...]:
        return tuple(e for area in self.areas for e in area.to_meet)

    @property
    def met(self) -> tuple[RoleExpectation, ...]:
        return tuple(e for area in self.areas for e in area.met)

    @property
    def total(self) -> int:
        return len(self.to_meet) + len(self.met)

    @property
    def readiness(self) -> float | None:
        """The share of the target's expectations the current role already has (None when it has none)."""
        return len(self.met) / self.total if self.total else None

    def marked(self, marker: str | None) -> tuple[RoleExpectation, ...]:
        """Expectations still to meet with this marker (``essential``, ``desirable``, or None for unmarked)."""
        return tuple(e for e in self.to_meet if e.marker == marker)


def expectation_gap(framework: Framework, current: str | Role, target: str | Role) -> ExpectationGap:
    """What ``target`` expects that ``current`` does not, area by area, with examples (module docstring).

    Raises :class:`~framework.errors.RoleNotFound` for an unknown role id.
    """
    current_role, target_role = _role(framework, current), _role(framework, target)
    held = {expectation_key(e) for e in effective_expectations(framework, current_role)}
    by_area: dict[str, tuple[list[RoleExpectation], list[RoleExpectation]]] = {}
    for expectation in effective_expectations(framework, target_role):
        to_meet, met = by_area.setdefault(expectation.area, ([], []))
        (met if expectation_key(expectation) in held else to_meet).append(expectation)
    areas = framework_areas(framework)
    order = {area: i for i, area in enumerate(areas)}
    rows = []
    for area_id in sorted(by_area, key=lambda a: order.get(a, len(order))):
        area = areas.get(area_id)
        to_meet, met = by_area[area_id]
        rows.append(
            AreaGap(
                area=area_id,
                name=area.name if area else area_id,
                description=area.description if area else None,
                to_meet=tuple(to_meet),
                met=tuple(met),
            )
        )
    return ExpectationGap(current=current_role.id, target=target_role.id, areas=tuple(rows))
