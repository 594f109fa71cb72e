"""Timing helpers and the results table.

Machines are noisy (the reference machine has two cores shared with other work), so every figure is a ratio
against a baseline measured in the same run, the two are measured alternately, each repeat starts from a
collected heap (``gc.collect()``), and the figure is the median of the repeats. Times use
``time.perf_counter``.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from framework.textsafe import md_table

__all__ = ["Paired", "Row", "format_ms", "median_time", "paired_medians", "table"]


def _once(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one call of ``fn``, from a collected heap."""
    gc.collect()
    cpu, start = time.process_time(), time.perf_counter()
    result = fn()
    elapsed, used = time.perf_counter() - start, time.process_time() - cpu
    del result  # freeing what was built (a graph of a million edges takes a while) is not part of building it
    return elapsed, used


def median_time(fn: Callable[[], object], *, repeats: int, warmup: int = 0) -> float:
    """Median seconds of ``fn()`` over ``repeats`` runs, after ``warmup`` untimed runs."""
    for _ in range(warmup):
        fn()
    return statistics.median(_once(fn)[0] for _ in range(repeats))


@dataclass(frozen=True)
class Paired:
    """Medians of a subject and its baseline, measured alternately: wall-clock seconds, and CPU seconds (which
    a busy machine disturbs less; shown in the notes)."""

    subject: float
    baseline: float
    subject_cpu: float
    baseline_cpu: float

    @property
    def ratio(self) -> float:
        return self.subject / self.baseline

    @property
    def cpu_ratio(self) -> float:
        return self.subject_cpu / self.baseline_cpu if self.baseline_cpu else float("nan")


def paired_medians(
    subject: Callable[[], object], baseline: Callable[[], object], *, repeats: int, warmup: int = 1
) -> Paired:
    """``subject`` and ``baseline`` measured alternately (so noise hits both alike), ``repeats`` times each."""
    for _ in range(warmup):
        baseline()
        subject()
    runs_subject, runs_baseline = [], []
    for i in range(repeats):
        if i % 2:
            runs_subject.append(_once(subject))
            runs_baseline.append(_once(baseline))
        else:
            runs_baseline.append(_once(baseline))
            runs_subject.append(_once(subject))
    median = statistics.median
    return Paired(
        median(r[0] for r in runs_subject),
        median(r[0] for r in runs_baseline),
        median(r[1] for r in runs_subject),
        median(r[1] for r in runs_baseline),
    )


def format_ms(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    ms = seconds * 1000
    if ms >= 1000:
        return f"{seconds:.2f} s"
    if ms >= 100:
        return f"{ms:.0f} ms"
    if ms >= 1:
        return f"{ms:.1f} ms"
    return f"{ms * 1000:.0f} µs"


@dataclass
class Row:
    """One line of the table. ``ratio`` is measured / baseline where there is a baseline."""

    figure: str
    measured: str
    baseline: str = "—"
    ratio: float | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""

    def cells(self) -> list[str]:
        ratio = "—" if self.ratio is None else f"{self.ratio:.2f}×"
        met = "—" if self.met is None else ("yes" if self.met else "**no**")
        return [self.figure, self.measured, self.baseline, ratio, self.target, met, self.note]


HEADER = ["figure", "measured", "baseline", "ratio", "target", "met", "notes"]


def table(rows: list[Row]) -> str:
    """The rows as a Markdown table."""
    return "\n".join(md_table(HEADER, (row.cells() for row in rows), cell=lambda c: str(c).replace("|", "\\|")))
