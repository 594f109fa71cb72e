"""What turning a framework into its graph may cost, and the limits that keep that bounded.

Reading a file is bounded by its bytes and nodes (:mod:`framework.yamlsafe`). A valid file can still ask for
far more work once it is read, because the graph derives moves between *pairs* of roles: every pair at one
grade is compared for skill overlap, every pair of roles on two rungs of one ladder is a promotion, and each
move's levels to gain compares two skill profiles. A few hundred kilobytes of roles at one grade, each on a
ladder of its own and all sharing two skills, once made 23 million moves and ran the server out of memory.

So the graph's cost is bounded too, by :class:`CostLimits`, inside ``framework/`` where the app, the command
line and every importer share it:

* **kept, and counted** — skill-overlap lateral moves: at most ``laterals_per_role`` out of one role and
  ``laterals_total`` in all. The best are kept (ranked as :mod:`framework.overlap` says: the largest share of
  the target's skills, then the most skills shared, then the fewest levels to gain, then file order); how many
  were left out, per role, is recorded on the graph (``G.graph["laterals_left_out"]``, a :class:`LeftOut`), so
  pages and the command line can say so. Where the total binds, every role keeps the same smaller number.
* **refused, with located problems** — a file whose graph would need more than ``pair_checks`` pairs of roles
  compared for skill overlap, more than ``ladder_moves`` promotions and parallel-branch moves, or more than
  ``gain_work`` skill comparisons to count the levels to gain of its other moves. The loader reports these
  with the rest of a file's problems (so ``validate`` and an upload refuse the file, naming the grade or the
  rungs responsible), and :func:`~framework.graph.build_graph` raises them as an
  :class:`~framework.errors.InputError` for a framework made any other way.
* **linear** — placing roles without a grade by their reporting lines is one pass over the reporting forest
  (:mod:`framework.placement`).

:func:`cost_problems` counts what a framework's ladders (:mod:`framework.ladders`) and skill overlap
(:mod:`framework.overlap`) would derive, without deriving any of it.

The defaults are set so that the worst upload the limits allow is read and built in seconds and a few hundred
MiB (SECURITY.md gives the figures, measured by ``tests/test_cost.py``), while real frameworks are far inside
them: the shipped DDaT framework needs some 14,000 pair checks and at most 16 skill-overlap moves per role.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

from .errors import Problem
from .ladders import Ladders, Rungs, branches, ladder_name, ladders_of, promotion_targets, rung_name
from .models import Framework, Role
from .overlap import LateralRule, overlap_input, pair_checks

__all__ = ["LIMITS", "CostLimits", "LeftOut", "cost_problems"]


@dataclass(frozen=True)
class CostLimits:
    """The most a framework's graph may cost (see the module docstring)."""

    #: skill-overlap lateral moves kept out of one role: the best of them
    laterals_per_role: int = 20
    #: skill-overlap lateral moves kept in all (each role then keeps the same, smaller number)
    laterals_total: int = 200_000
    #: pairs of roles compared for skill overlap, counted with the skills they share (beyond: refused)
    pair_checks: int = 100_000_000
    #: promotions and parallel-branch moves derived from the ladders (beyond: refused)
    ladder_moves: int = 100_000
    #: skill comparisons to count the levels to gain of promotions, stated moves and reporting lines
    gain_work: int = 20_000_000


LIMITS = CostLimits()


@dataclass(frozen=True)
class LeftOut:
    """Skill-overlap moves the rule found plausible but the graph does not keep, under :class:`CostLimits`."""

    #: role id → how many plausible moves out of it were left out (roles with none left out are not listed)
    per_role: Mapping[str, int] = field(default_factory=dict)
    #: the most moves kept out of one role: ``laterals_per_role``, or less where ``laterals_total`` binds
    kept_per_role: int = LIMITS.laterals_per_role

    @property
    def total(self) -> int:
        return sum(self.per_role.values())

    def __bool__(self) -> bool:
        return bool(self.per_role)


def cost_problems(
    framework: Framework,
    *,
    laterals: LateralRule | None = None,
    limits: CostLimits = LIMITS,
    ladders: Ladders | None = None,
) -> list[Problem]:
    """Why building the graph of ``framework`` would cost more than ``limits`` allow: located problems (role id
    and field path), one per limit exceeded, naming the grade or the rungs that cost most. Empty when it fits.
    The loader reports these with a file's other problems, so a file that loads is a file whose graph builds.
    ``ladders`` are the framework's (:func:`~framework.ladders.ladders_of`), when the caller has them already."""
    ladders = ladders or ladders_of(framework)
    rule = laterals or LateralRule()
    problems = _ladder_cost(framework, ladders.rungs, limits)
    if not problems:  # a ladder too large to enumerate is not enumerated to count the rest
        problems += _gain_cost(framework, ladders.rungs, ladders.levels, limits)
    if rule.enabled:
        problems += _overlap_cost(framework, rule, ladders.levels, limits)
    return problems


def _too_costly(message: str, role: Role, framework: Framework, field: str | None = None) -> Problem:
    index = next(i for i, r in enumerate(framework.roles) if r is role)
    path = ("roles", index, field) if field else ("roles", index)
    return Problem(message, path=path, role=role.id, code="too-costly")


def _ladder_cost(framework: Framework, rungs: Rungs, limits: CostLimits) -> list[Problem]:
    """Promotions and parallel-branch moves the ladders would derive, counted rung by rung (never enumerated)."""
    total, worst, what = 0, 0, ("", [])
    for ladder in rungs.values():
        for rung in ladder:
            twins = _count_twins(rung)
            total += twins
            if twins > worst:
                worst = twins
                what = (f"{len(rung):,} roles on its {rung_name(framework, rung)} rung make {twins:,} moves "
                        "between parallel branches", rung)  # fmt: skip
        for lower, upper in pairwise(ladder):
            moves = _count_promotions(lower, upper)
            total += moves
            if moves > worst:
                worst = moves
                what = (f"{len(lower):,} roles on its {rung_name(framework, lower)} rung and {len(upper):,} on "
                        f"its {rung_name(framework, upper)} rung make {moves:,} promotions", upper)  # fmt: skip
    if total <= limits.ladder_moves:
        return []
    said, rung = what
    message = (
        f"the {ladder_name(framework, rung[0].discipline, rung[0].track)} ladder is too crowded: {said}, and "
        f"the framework's ladders make {total:,} moves in all, more than the {limits.ladder_moves:,} a framework may "
        "derive. Give the roles of a discipline tracks (ladders of their own), or put fewer roles on each rung"
    )
    return [_too_costly(message, rung[0], framework, "track" if rung[0].track else "discipline")]


def _count_twins(rung: list[Role]) -> int:
    sizes = [len(group) for group in branches(rung).values()]
    return len(rung) ** 2 - sum(size * size for size in sizes)


def _count_promotions(lower: list[Role], upper: list[Role]) -> int:
    by_branch = branches(upper)
    return sum(len(promotion_targets(a, by_branch, upper)) for a in lower)


def _gain_cost(
    framework: Framework,
    rungs: Rungs,
    levels: dict[str, dict[str, int]],
    limits: CostLimits,
) -> list[Problem]:
    """Skill comparisons the levels to gain of promotions, parallel-branch moves, stated moves and reporting
    lines need: per distinct pair of skill profiles, the smaller profile's size (as the graph counts them).
    Ladder moves are counted by profile without their branches, so the figure is an upper bound."""
    total, worst = 0, (0, None)
    for ladder in rungs.values():
        for i, rung in enumerate(ladder):
            work = _pairs_work([levels[r.id] for r in rung], [levels[r.id] for r in rung])
            if i:
                work += _pairs_work([levels[r.id] for r in ladder[i - 1]], [levels[r.id] for r in rung])
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
    roles, profiles, grades, _ = overlap_input(framework, rule, levels)
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
