"""Skill overlap between roles, in bounded time and memory: the skill-overlap lateral moves of the graph.

For each role, which roles on other ladders at the same grade (or within a few grades) need skills it already
needs — at least ``min_overlap`` of the target's skills and at least ``min_shared`` of them (see
:class:`LateralRule`) — and, of those, the best few (:class:`framework.cost.CostLimits`).

Roles are compared a grade at a time, in blocks of sources × targets. The skills two roles share are counted
from the skills themselves (for each skill a source needs, the targets that need it too), never from a
roles × skills matrix, which a file of a few thousand skills and a few thousand roles would make gigabytes
of. So a block costs one cell per pair of roles plus one step per (pair, shared skill) — the *pair checks*
:func:`pair_checks` counts and the cost model bounds — and a block's arrays never exceed a few tens of MiB.

The levels to gain of a move are counted in the same pass: the target's levels above the source's are
``sum(target levels) − sum over shared skills of min(source level, target level)``.

**Ranking**: where a role has more plausible moves than it may keep, the moves kept are those

1. whose target's skills the source already needs the largest share of;
2. then that share the most skills;
3. then that need the fewest skill levels gained;
4. then whose target comes first in the file.

Where the total bound binds, every role keeps the same number of its best moves (the largest number that fits).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .models import Framework

__all__ = ["LateralRule", "Overlaps", "SkillProfiles", "best_overlaps", "overlap_input", "pair_checks"]

_MAX_CELLS = 1 << 20  # pairs of roles in one chunk of a block: some 35 MiB of arrays
_MAX_PAIR_SKILLS = 1 << 19  # (pair, shared skill) steps in one chunk: some 40 MiB of arrays
_INT64_MAX = np.iinfo(np.int64).max


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


class SkillProfiles:
    """Roles' skill profiles (skill → level rank) as sparse rows: what the pair computations read.

    ``columns`` numbers the framework's skills; a skill a profile names that the framework does not list (a
    framework built in code, unchecked) gets a column of its own and counts for the levels to gain, but never
    as a shared or needed skill, as the rule is about the framework's skills.
    """

    def __init__(self, profiles: Sequence[Mapping[str, int]], columns: Mapping[str, int]) -> None:
        extra: dict[str, int] = {}
        ptr, cols, levels = [0], [], []
        for profile in profiles:
            for skill, level in profile.items():
                column = columns.get(skill)
                if column is None:
                    column = extra.setdefault(skill, len(columns) + len(extra))
                cols.append(column)
                levels.append(level)
            ptr.append(len(cols))
        self.ptr = np.array(ptr, dtype=np.int64)
        self.col = np.array(cols, dtype=np.int64)
        self.level = np.array(levels, dtype=np.int64)
        self.ncols = len(columns) + len(extra)
        self.known = np.zeros(self.ncols, dtype=bool)
        self.known[: len(columns)] = True
        self.lengths = np.diff(self.ptr)
        rows = np.repeat(np.arange(len(profiles)), self.lengths)
        self.needs = np.bincount(rows, weights=self.known[self.col], minlength=len(profiles)).astype(np.int64)
        self.level_sum = np.bincount(rows, weights=self.level, minlength=len(profiles)).astype(np.int64)

    def entries(self, rows: np.ndarray) -> np.ndarray:
        """Indices of the entries (skill, level) of ``rows``, row by row."""
        return _ranges(self.ptr[rows], self.lengths[rows])


@dataclass(frozen=True)
class Overlaps:
    """The moves kept, in the order they are to be added (grade, then source, then target, as in the file), and
    how many plausible moves out of each role were left out."""

    source: np.ndarray  # index of the source role
    target: np.ndarray
    shared: np.ndarray  # skills of the target the source needs too
    share: np.ndarray  # shared / the target's skills
    gain: np.ndarray  # levels to gain
    left_out: np.ndarray  # per role (index): plausible moves out of it not kept
    kept_per_role: int  # the most kept out of one role


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``concatenate([arange(s, s + n) for s, n in zip(starts, lengths)])``, without the loop."""
    lengths = np.asarray(lengths, dtype=np.int64)
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    ends = np.cumsum(lengths)
    return np.repeat(np.asarray(starts, dtype=np.int64), lengths) + (
        np.arange(total, dtype=np.int64) - np.repeat(ends - lengths, lengths)
    )


def _windows(grades: np.ndarray, gap: int):
    """(sources, targets) per grade: the roles at a grade and the roles within ``gap`` grades of it."""
    for grade in np.unique(grades):
        yield grade, np.flatnonzero(grades == grade), np.flatnonzero(np.abs(grades - grade) <= gap)


def pair_checks(profiles: SkillProfiles, grades: np.ndarray, gap: int) -> list[tuple[int, int, int, int]]:
    """``(grade, sources, targets, work)`` per grade: the pair checks comparing its roles costs — one per pair
    of roles plus one per (pair, shared skill) — counted from the skills alone, before any pair is compared."""
    out = []
    for grade, sources, targets in _windows(grades, gap):
        per_source = np.bincount(profiles.col[profiles.entries(sources)], minlength=profiles.ncols)
        per_target = np.bincount(profiles.col[profiles.entries(targets)], minlength=profiles.ncols)
        work = int(per_source @ per_target) + len(sources) * len(targets)
        out.append((int(grade), len(sources), len(targets), work))
    return out


def best_overlaps(
    profiles: SkillProfiles,
    grades: np.ndarray,
    ladders: np.ndarray,
    *,
    min_overlap: float,
    min_shared: int,
    max_grade_gap: int,
    per_role: int,
    total: int,
) -> Overlaps:
    """The skill-overlap moves between roles on different ``ladders`` (codes) at ``grades`` (ranks) within
    ``max_grade_gap``: at most ``per_role`` out of one role and ``total`` in all, the best by the ranking of the
    module docstring."""
    n = len(grades)
    plausible = np.zeros(n, dtype=np.int64)
    parts = []
    per_role = max(0, per_role)
    for _, sources, targets in _windows(np.asarray(grades), max_grade_gap):
        parts += _block(profiles, sources, targets, ladders, min_overlap, min_shared, per_role, plausible)
    columns = list(zip(*parts, strict=True)) if parts else [()] * 6
    source, target, shared, share, gain, rank = (
        np.concatenate(c) if c else np.zeros(0, dtype=np.int64) for c in columns
    )
    kept = per_role
    counts = np.bincount(source, minlength=n)
    if counts.sum() > total:
        kept = _fair_share(counts, per_role, max(0, total))
        mask = rank < kept
        source, target, shared, share, gain = source[mask], target[mask], shared[mask], share[mask], gain[mask]
    left_out = plausible - np.bincount(source, minlength=n)
    return Overlaps(source, target, shared, share, gain, left_out, kept)


def _fair_share(counts: np.ndarray, most: int, total: int) -> int:
    """The largest k <= ``most`` such that every role keeping up to k moves keeps at most ``total`` in all."""
    low, high = 0, most
    while low < high:
        k = (low + high + 1) // 2
        if int(np.minimum(counts, k).sum()) <= total:
            low = k
        else:
            high = k - 1
    return low


def _block(
    profiles: SkillProfiles,
    sources: np.ndarray,
    targets: np.ndarray,
    ladders: np.ndarray,
    min_overlap: float,
    min_shared: int,
    keep: int,
    plausible_count: np.ndarray,
) -> list[tuple[np.ndarray, ...]]:
    """The moves kept from ``sources`` to ``targets``, chunk by chunk of sources; counts each source's
    plausible moves into ``plausible_count``."""
    t = len(targets)
    if not len(sources) or not t:
        return []
    # The targets' skills, by skill: for each skill, the targets that need it and at what level.
    entries = profiles.entries(targets)
    where = np.repeat(np.arange(t), profiles.lengths[targets])
    skill = profiles.col[entries]
    order = np.argsort(skill, kind="stable")
    holder, holder_level = where[order], profiles.level[entries][order]
    holders = np.bincount(skill, minlength=profiles.ncols)
    first = np.cumsum(holders) - holders
    needs, level_sum, target_ladder = profiles.needs[targets], profiles.level_sum[targets], ladders[targets]

    # Cut the sources into chunks that keep each chunk's arrays small.
    source_entries = profiles.entries(sources)
    steps = np.bincount(
        np.repeat(np.arange(len(sources)), profiles.lengths[sources]),
        weights=holders[profiles.col[source_entries]],
        minlength=len(sources),
    )
    rows_per_chunk = max(1, _MAX_CELLS // t)
    out = []
    start = 0
    cumulative = np.cumsum(steps)
    while start < len(sources):
        before = cumulative[start - 1] if start else 0.0
        by_steps = int(np.searchsorted(cumulative, before + _MAX_PAIR_SKILLS, side="right"))
        end = min(len(sources), start + rows_per_chunk, max(by_steps, start + 1))
        rows = sources[start:end]
        part = _chunk(
            profiles, rows, t, holder, holder_level, holders, first, needs, level_sum, target_ladder, ladders,
            min_overlap, min_shared, keep, plausible_count,
        )  # fmt: skip
        if part is not None:
            local, columns, *rest = part
            out.append((rows[local], targets[columns], *rest))
        start = end
    return out


def _chunk(
    profiles, rows, t, holder, holder_level, holders, first, needs, level_sum, target_ladder, ladders,
    min_overlap, min_shared, keep, plausible_count,
):  # fmt: skip
    c = len(rows)
    entries = profiles.entries(rows)
    local = np.repeat(np.arange(c), profiles.lengths[rows])
    skill, level = profiles.col[entries], profiles.level[entries]
    count = holders[skill]
    at = _ranges(first[skill], count)
    key = np.repeat(local, count) * t + holder[at]
    known = np.repeat(profiles.known[skill], count)
    shared = np.bincount(key[known], minlength=c * t).reshape(c, t)
    lower = np.minimum(np.repeat(level, count), holder_level[at])
    common = np.bincount(key, weights=lower, minlength=c * t).reshape(c, t)
    del key, known, lower, at
    share = shared / np.maximum(needs, 1)
    plausible = (share >= min_overlap) & (shared >= min_shared) & (ladders[rows][:, None] != target_ladder[None, :])
    found = plausible.sum(axis=1)
    plausible_count[rows] = found
    if not found.any() or keep <= 0:
        return None
    gain = level_sum[None, :] - common.astype(np.int64)
    kept = plausible
    crowded = np.flatnonzero(found > keep)
    if crowded.size:
        kept = plausible.copy()
        kept[crowded] = _best(plausible[crowded], share[crowded], shared[crowded], gain[crowded], keep)
    r, col = np.nonzero(kept)  # by source, then target: the order the moves are added in
    s_shared, s_share, s_gain = shared[r, col], share[r, col], gain[r, col]
    order = np.lexsort((col, s_gain, -s_shared, -s_share, r))  # the ranking, within each source
    rank = np.empty(len(r), dtype=np.int64)
    rank[order] = np.arange(len(r)) - np.searchsorted(r, r, side="left")
    return r, col, s_shared, s_share, s_gain, rank


def _best(plausible: np.ndarray, share: np.ndarray, shared: np.ndarray, gain: np.ndarray, keep: int) -> np.ndarray:
    """Which ``keep`` cells of each row to keep: the best by the ranking, each row having more plausible ones.

    In two passes, each linear in the row: the ``keep``-th largest share sets a threshold; every move above it
    is kept, and the rest are the best of the moves at it, by skills shared, levels to gain, then file order.
    """
    rows, t = plausible.shape
    shown = np.where(plausible, share, -1.0)
    threshold = np.partition(shown, t - keep, axis=1)[:, t - keep][:, None]
    above, tied = shown > threshold, shown == threshold
    most_shared, most_gain = int(shared.max()), int(max(gain.max(), 0))
    if (most_shared + 1) * (most_gain + 1) * t < _INT64_MAX // 2:
        position = np.arange(t, dtype=np.int64)[None, :]
        tiebreak = (most_shared - shared) * ((most_gain + 1) * t) + np.maximum(gain, 0) * t + position
        key = np.where(above, -1, np.where(tied, tiebreak, _INT64_MAX))
        chosen = np.argpartition(key, keep - 1, axis=1)[:, :keep]
        out = np.zeros((rows, t), dtype=bool)
        out[np.arange(rows)[:, None], chosen] = True
        return out
    out = above.copy()  # figures too large to pack into one integer: rank the tied moves row by row
    for i in range(rows):
        candidates = np.flatnonzero(tied[i])
        order = np.lexsort((candidates, gain[i, candidates], -shared[i, candidates]))
        out[i, candidates[order[: keep - int(above[i].sum())]]] = True
    return out


def overlap_input(framework: Framework, rule: LateralRule, levels: dict[str, dict[str, int]]):
    """The roles that take part in skill overlap, their profiles, grade ranks and ladder codes.

    A role takes part when it has a stated grade and needs enough of the framework's skills to share
    ``min_shared`` of them (at least one, unless no overlap is asked for): a role needing fewer can be neither
    end of a move, so it is left out of the comparisons altogether.
    """
    rank, known = framework.grade_rank, framework.skills_by_id
    fewest = max(rule.min_shared, 1 if rule.min_overlap > 0 else 0)
    roles = [
        r
        for r in framework.roles
        if r.skills and r.grade in rank and len({q.skill for q in r.skills} & known.keys()) >= fewest
    ]
    columns = {s: i for i, s in enumerate(known)}
    profiles = SkillProfiles([levels[r.id] for r in roles], columns)
    grades = np.array([rank[r.grade] for r in roles], dtype=np.int64)
    codes: dict[tuple, int] = {}
    ladder = np.array([codes.setdefault((r.discipline, r.track), len(codes)) for r in roles], dtype=np.int64)
    return roles, profiles, grades, ladder
