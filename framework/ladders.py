"""A framework's ladders: its roles on rungs, per discipline and track, with what each role holds.

The graph (:mod:`framework.graph`) derives its promotions and parallel-branch moves from the ladders, and the
cost model (:mod:`framework.cost`) counts those moves before any is made: both start from :func:`ladders_of`.

* **A ladder** is a discipline, or a track within it (``(discipline, track)``); its **rungs** are its roles
  grouped by their place on the grade scale (:mod:`framework.placement`), lowest first. A role without a
  discipline, or one its reporting lines cannot place, is on no ladder.
* **Branches** run side by side on a rung (``branch``, e.g. ``management``): a role on the main ladder may move
  up to any branch, a role on a branch moves up its own branch where it continues (:func:`promotion_targets`).
* **What a role holds** (:attr:`Ladders.levels`): skill → level rank. A role that lists no skills (a role only
  named in another document) is taken to hold what the nearest rung below it on its ladder needs: whoever
  reached it got that far.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .models import Framework, Role
from .placement import Placement, placements

__all__ = ["Ladders", "Rungs", "branches", "ladder_name", "ladders_of", "promotion_targets", "rung_name"]

#: Each ladder, ``(discipline, track)``, and its rungs, lowest first: the roles at one place on the scale.
Rungs = dict[tuple[str, str | None], list[list[Role]]]


@dataclass(frozen=True)
class Ladders:
    """A framework's roles placed and on their ladders: what its graph is built from."""

    where: dict[str, Placement]  #: role id → its place on the grade scale
    position: dict[str, float | None]  #: role id → its position (the grade rank, or an estimate; None: unplaced)
    rungs: Rungs
    levels: dict[str, dict[str, int]]  #: role id → skill id → the level rank it holds (shared, read-only)


def ladders_of(framework: Framework) -> Ladders:
    """Place every role (:func:`~framework.placement.placements`), put the placed ones on their ladders' rungs,
    and say what each holds (see the module docstring)."""
    where = placements(framework)
    position = {role_id: place.position for role_id, place in where.items()}
    rungs = _rungs(framework, position)
    return Ladders(where, position, rungs, _skill_levels(framework, rungs))


def _rungs(framework: Framework, position: dict[str, float | None]) -> Rungs:
    by_ladder: dict[tuple, dict[float, list[Role]]] = defaultdict(lambda: defaultdict(list))
    for role in framework.roles:
        place = position[role.id]
        if role.discipline is not None and place is not None:
            by_ladder[(role.discipline, role.track)][place].append(role)
    return {key: [rungs[p] for p in sorted(rungs)] for key, rungs in by_ladder.items()}


def _skill_levels(framework: Framework, rungs: Rungs) -> dict[str, dict[str, int]]:
    """Skill → level rank per role; a role that lists no skills shares the mapping of the nearest rung below
    it that does (read-only): a copy each would cost a ladder of thousands of roles without skills above one
    that lists thousands a copy of thousands of skills each."""
    rank = framework.level_rank
    levels = {r.id: {req.skill: rank.get(req.level, 0) for req in r.skills} for r in framework.roles}
    for ladder in rungs.values():
        carried: dict[str, int] = {}
        for rung in ladder:
            for role in rung:
                if not levels[role.id]:
                    levels[role.id] = carried
            listed = [levels[r.id] for r in rung if r.skills]
            if listed:
                carried = listed[0]
    return levels


def branches(rung: list[Role]) -> dict[str | None, list[Role]]:
    """The roles of a rung by branch (None: the main ladder)."""
    out: dict[str | None, list[Role]] = defaultdict(list)
    for role in rung:
        out[role.branch].append(role)
    return out


def promotion_targets(role: Role, upper: dict[str | None, list[Role]], everyone: list[Role]) -> list[Role]:
    """The roles of the rung above (``everyone``, and by branch ``upper``) that ``role`` is promoted to: any of
    them from the main ladder; from a branch, its own branch where it continues, else the main ladder."""
    if role.branch is None:
        return everyone
    return upper.get(role.branch) or upper.get(None, [])


def ladder_name(framework: Framework, discipline: str, track: str | None) -> str:
    """``Delivery``, or ``Engineering (Backend)`` for a track of its own."""
    name = framework.discipline_label(discipline)
    return f"{name} ({framework.track_label(track)})" if track and track != discipline else name


def rung_name(framework: Framework, rung: list[Role]) -> str:
    """The grade of a rung's roles, or ``one estimated level`` for roles placed by their reporting lines."""
    grade = rung[0].grade
    return framework.grade_label(grade) if grade in framework.grade_rank else "one estimated level"
