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
* **linear** — placing roles without a grade by their reporting lines is one pass over the reporting forest.

The defaults are set so that the worst upload the limits allow is read and built in seconds and a few hundred
MiB (SECURITY.md gives the figures, measured by ``tests/test_cost.py``), while real frameworks are far inside
them: the shipped DDaT framework needs some 14,000 pair checks and at most 16 skill-overlap moves per role.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["LIMITS", "CostLimits", "LeftOut"]


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
