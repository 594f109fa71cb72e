"""How well the suggested benchmark and skills match labelled data: ``python -m bench.suggest``.

Three measures, each beside a baseline that looks at titles alone (see ``docs/suggestions.md``):

(a) DDaT self-retrieval — each DDaT role level's description, with its title hidden (taken out of the index
    entry's description and masked in the text), is matched against every role level: is the top suggestion
    (or one of the top three) of the right family, the right role, the right level (exactly, or within one)?
(b) The council's roles, one at a time, against the DDaT benchmarks set by hand: the role's own benchmark and
    skills are never read (only its title and text), and the grade hint comes from the other roles' benchmarks.
(c) The suggested skills against the DDaT role level's own, from (a): precision and recall of the skills, and
    of the skills at their level.

It also calibrates the threshold below which nothing is suggested, from (a) and from job descriptions of
unrelated jobs (``bench/data/unrelated``). Prints the figures and writes them to ``docs/suggestion-figures.md``
and each role level's outcome to ``docs/suggestion-levels.csv``. Takes about a minute.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz

from framework.importers.jobdesc import parse_job_description
from framework.loader import load_framework
from framework.models import Framework, Role
from framework.suggest import (
    CONFIDENT_TEXT,
    TITLE_WEIGHT,
    _title_key,
    _without_title,
    build_index,
    suggest_role,
    suggest_text,
)

ROOT = Path(__file__).resolve().parents[1]
UNRELATED = ROOT / "bench" / "data" / "unrelated"
DOCS = ROOT / "docs"

__all__ = ["Outcome", "calibrate", "council", "main", "self_retrieval", "unrelated_scores"]


@dataclass(frozen=True)
class Outcome:
    """One DDaT role level asked for from its own description: the true one and the top three found."""

    truth: Role
    found: tuple[Role, ...]  # the suggestion's top three
    baseline: tuple[Role, ...]  # the title-only baseline's top three
    top_text: float  # the best text similarity (what the threshold reads)


def _mask(text: str, title: str) -> str:
    """``text`` with its role level's title (and its plural) taken out: the title is hidden."""
    return _without_title(text, title)


def baseline_rank(reference: Framework, levels: list[Role], title: str | None, text: str) -> list[Role]:
    """Titles alone: every role level's title against the job description's title (rapidfuzz token-sort
    ratio) or, where the title is hidden, against its text (rapidfuzz partial ratio: the title found in it)."""
    if title:
        key = _title_key(title)
        scores = [fuzz.token_sort_ratio(key, _title_key(r.title)) for r in levels]
    else:
        body = _title_key(text)
        scores = [fuzz.partial_ratio(_title_key(r.title), body) for r in levels]
    order = np.argsort(-np.array(scores), kind="stable")
    return [levels[i] for i in order]


def self_retrieval(ddat: Framework) -> list[Outcome]:
    """(a): each role level with skills, asked for from its masked description among all of them."""
    levels = [r for r in ddat.roles if r.skills]
    out = []
    for truth in levels:
        index = build_index(ddat, hide={truth.id})
        text = _mask(truth.description or "", truth.title)
        lines = [line for line in text.splitlines() if line.strip()]
        found = suggest_text(index, None, lines, limit=3, threshold=0.0)
        ranked = tuple(ddat.role(c.level) for c in found.candidates[:3])
        out.append(
            Outcome(
                truth=truth,
                found=ranked,
                baseline=tuple(baseline_rank(ddat, levels, None, text)[:3]),
                top_text=found.candidates[0].text_similarity,
            )
        )
    return out


def _hits(ddat: Framework, outcomes: list[Outcome], which: str) -> dict[str, tuple[float, float]]:
    rank = ddat.grade_rank
    tests = {
        "family": lambda t, f: t.discipline == f.discipline,
        "role": lambda t, f: t.track == f.track,
        "level (exact)": lambda t, f: t.grade == f.grade,
        "level (within one)": lambda t, f: abs(rank[t.grade] - rank[f.grade]) <= 1,
        "role level (exact)": lambda t, f: t.id == f.id,
    }
    out = {}
    for name, test in tests.items():
        top1 = sum(bool(getattr(o, which)) and test(o.truth, getattr(o, which)[0]) for o in outcomes)
        top3 = sum(any(test(o.truth, f) for f in getattr(o, which)[:3]) for o in outcomes)
        out[name] = (top1 / len(outcomes), top3 / len(outcomes))
    return out


def skill_scores(outcomes: list[Outcome], which: str) -> dict[str, float]:
    """(c): micro-averaged precision and recall of the top suggestion's skills against the true role level's."""
    counts = Counter()
    for o in outcomes:
        top = getattr(o, which)[0]
        want = {r.skill for r in o.truth.skills}
        got = {r.skill for r in top.skills}
        want_at = {(r.skill, r.level) for r in o.truth.skills}
        got_at = {(r.skill, r.level) for r in top.skills}
        counts["hit"] += len(want & got)
        counts["hit_at"] += len(want_at & got_at)
        counts["got"] += len(got)
        counts["want"] += len(want)
    return {
        "skills precision": counts["hit"] / counts["got"],
        "skills recall": counts["hit"] / counts["want"],
        "skill at level precision": counts["hit_at"] / counts["got"],
        "skill at level recall": counts["hit_at"] / counts["want"],
    }


def unrelated_scores(index) -> list[tuple[str, str, float]]:
    """(file, nearest role level, text similarity) for each job description of an unrelated job."""
    out = []
    for path in sorted(UNRELATED.glob("*.md")):
        parsed = parse_job_description(path.read_text(encoding="utf-8"))
        found = suggest_text(index, parsed.title, parsed.job_description.lines(), limit=1, threshold=0.0)
        best = found.candidates[0]
        out.append((path.stem, best.title, best.text_similarity))
    return out


def calibrate(outcomes: list[Outcome], unrelated: list[tuple[str, str, float]]) -> dict[str, float]:
    """The threshold: the next hundredth above the closest unrelated job description, so that none of them gets
    a suggestion; with the share of DDaT descriptions still suggested for at that threshold, and of those the
    share whose top suggestion is of the right family."""
    highest = max(score for _, _, score in unrelated)
    threshold = np.ceil((highest + 1e-9) * 100) / 100
    kept = [o for o in outcomes if o.top_text >= threshold]
    right = [o for o in kept if o.found[0].discipline == o.truth.discipline]
    wrong_family = [o for o in outcomes if o.found[0].discipline != o.truth.discipline]
    return {
        "threshold": float(threshold),
        "highest unrelated": highest,
        "DDaT suggested for": len(kept) / len(outcomes),
        "of those, right family": len(right) / max(len(kept), 1),
        "wrong-family tops held back": sum(o.top_text < threshold for o in wrong_family) / max(len(wrong_family), 1),
    }


@dataclass(frozen=True)
class CouncilRow:
    role: str
    title: str
    expected: str  # the hand-set DDaT role level, or "none"
    suggested: tuple[str, ...]  # top three ("none" when not confident)
    baseline: str
    grade: str | None
    grade_hint: str | None  # the hint's label: one grade or a range
    hint_right: bool | None  # None: no hint, or no stated grade to check it against
    confidence: float | None


#: The title weights tried in (b); each role is measured with the weight that does best on the other roles.
TITLE_WEIGHTS = (0.3, 0.6, 1.0, 2.0)


def _right(found, expected: str) -> bool:
    top = found.candidates[0].title if found.confident else "none"
    return top == expected


def council(council_fw: Framework, ddat: Framework) -> tuple[list[CouncilRow], dict[float, int], dict[str, float]]:
    """(b): every council role with a hand-set DDaT benchmark (or a stated 'no benchmark'), one at a time, with
    the title weight chosen on the other roles (leave-one-out). Returns the rows, how many roles each weight gets
    right over all of them, and the weight each role was measured with."""
    index = build_index(ddat)
    levels = [r for r in ddat.roles if r.skills]
    labelled = [(role, [b for b in role.benchmarks if b.framework == "DDaT"]) for role in council_fw.roles]
    labelled = [(role, hand[0].role or "none") for role, hand in labelled if hand]
    runs = {
        weight: {role.id: suggest_role(index, council_fw, role.id, title_weight=weight) for role, _ in labelled}
        for weight in TITLE_WEIGHTS
    }
    right = {w: {role.id: _right(runs[w][role.id], expected) for role, expected in labelled} for w in TITLE_WEIGHTS}
    chosen: dict[str, float] = {}
    for role, _ in labelled:  # the weight that does best on the others; ties go to the smaller weight
        chosen[role.id] = max(TITLE_WEIGHTS, key=lambda w: (sum(v for k, v in right[w].items() if k != role.id), -w))
    rows = []
    for role, expected in labelled:
        found = runs[chosen[role.id]][role.id]
        top = found.candidates[0] if found.confident else None
        rows.append(
            CouncilRow(
                role=role.id,
                title=role.title,
                expected=expected,
                suggested=tuple(c.title for c in found.candidates[:3]) if found.confident else ("none",),
                baseline=baseline_rank(ddat, levels, role.title, "")[0].title,
                grade=role.grade,
                grade_hint=top.grade_hint.label if top and top.grade_hint else None,
                hint_right=top.grade_hint.allows(role.grade) if top and top.grade_hint and role.grade else None,
                confidence=top.confidence if top else None,
            )
        )
    return rows, {w: sum(right[w].values()) for w in TITLE_WEIGHTS}, chosen


def _pct(x: float) -> str:
    return f"{x:.0%}"


def _confusion(outcomes: list[Outcome], key, labels: list[str], which: str = "found") -> list[str]:
    counts = Counter((key(o.truth), key(getattr(o, which)[0])) for o in outcomes)
    short = {label: label[:14] for label in labels}
    out = ["| true ↓ / suggested → | " + " | ".join(short[x] for x in labels) + " |"]
    out.append("|---|" + "---|" * len(labels))
    for truth in labels:
        out.append(f"| {truth} | " + " | ".join(str(counts.get((truth, f), "")) for f in labels) + " |")
    return out


def report(ddat: Framework, council_fw: Framework) -> tuple[str, list[Outcome]]:
    started = time.perf_counter()
    outcomes = self_retrieval(ddat)
    unrelated = unrelated_scores(build_index(ddat))
    calibration = calibrate(outcomes, unrelated)
    rows, by_weight, chosen = council(council_fw, ddat)
    ours, base = _hits(ddat, outcomes, "found"), _hits(ddat, outcomes, "baseline")
    skills, base_skills = skill_scores(outcomes, "found"), skill_scores(outcomes, "baseline")
    lines = [f"# Suggestion benchmark ({len(outcomes)} DDaT role levels, {len(rows)} council roles)", ""]
    lines += ["Written by `python -m bench.suggest`; how to read it: [suggestions.md](suggestions.md).", ""]
    lines += ["## (a) DDaT self-retrieval, title hidden", ""]
    lines += ["| measure | suggestion top-1 | top-3 | title-only baseline top-1 | top-3 |", "|---|---|---|---|---|"]
    for name in ours:
        lines.append(
            f"| {name} | {_pct(ours[name][0])} | {_pct(ours[name][1])} | "
            f"{_pct(base[name][0])} | {_pct(base[name][1])} |"
        )
    lines += ["", "## (c) Suggested skills against the role level's own (top suggestion of (a))", ""]
    lines += ["| measure | suggestion | title-only baseline |", "|---|---|---|"]
    lines += [f"| {name} | {_pct(skills[name])} | {_pct(base_skills[name])} |" for name in skills]
    right = sum(r.suggested[0] == r.expected for r in rows)
    right3 = sum(r.expected in r.suggested for r in rows)
    base_right = sum(r.baseline == r.expected for r in rows)
    graded = [r for r in rows if r.grade and r.suggested[0] != "none"]
    hinted = [r for r in graded if r.hint_right is not None]
    exact = sum(r.hint_right and r.grade_hint == r.grade for r in hinted)
    within = sum(bool(r.hint_right) for r in hinted)
    lines += ["", "## (b) The council's roles against their hand-set DDaT benchmarks", ""]
    lines.append(
        f"Top-1 right: **{right} of {len(rows)}** (top-3: {right3}); title-only baseline: {base_right} of "
        f"{len(rows)}. Each role is measured with the title weight chosen on the other roles ("
        + ", ".join(f"{w:g}: {sum(c == w for c in chosen.values())} roles" for w in TITLE_WEIGHTS)
        + "); over all eleven, the weights get "
        + ", ".join(f"{n} right at {w:g}" for w, n in by_weight.items())
        + f" (the code uses {TITLE_WEIGHT:g}). Grade hints, for the {len(graded)} roles with a stated grade and a "
        "suggestion: "
        f"{len(hinted)} given, {exact} naming the grade itself and {within} whose grade or range holds the role's "
        "grade (each hint read from the other roles' benchmarks only)."
    )
    lines += ["", "| role | hand-set | suggested (top 3) | confidence | baseline | grade | grade hint |"]
    lines.append("|---|---|---|---|---|---|---|")
    for r in rows:
        mark = "✓" if r.suggested[0] == r.expected else "✗"
        confidence = _pct(r.confidence) if r.confidence is not None else "—"
        lines.append(
            f"| {r.title} | {r.expected} | {mark} {' · '.join(r.suggested)} | {confidence} | "
            f"{'✓' if r.baseline == r.expected else '✗'} {r.baseline} | {r.grade or '—'} | {r.grade_hint or '—'} |"
        )
    lines += ["", "## Calibration of “no confident suggestion”", ""]
    lines.append(
        f"Threshold on text similarity: **{calibration['threshold']:.2f}** (the code uses {CONFIDENT_TEXT:.2f}); "
        f"the closest unrelated job description scores {calibration['highest unrelated']:.3f}. At the threshold "
        f"{_pct(calibration['DDaT suggested for'])} of DDaT descriptions get a suggestion, "
        f"{_pct(calibration['of those, right family'])} of them of the right family; "
        f"{_pct(calibration['wrong-family tops held back'])} of the wrong-family top suggestions are held back."
    )
    lines += ["", "| unrelated job description | nearest DDaT role level | text similarity |", "|---|---|---|"]
    lines += [f"| {name} | {title} | {score:.3f} |" for name, title, score in unrelated]
    families = [d.id for d in ddat.disciplines if any(o.truth.discipline == d.id for o in outcomes)]
    lines += ["", "## Confusion: family (rows true, columns top suggestion)", ""]
    lines += _confusion(outcomes, lambda r: r.discipline, families)
    grades = [g.id for g in ddat.grades if any(o.truth.grade == g.id for o in outcomes)]
    lines += ["", "## Confusion: level (rows true, columns top suggestion)", ""]
    lines += _confusion(outcomes, lambda r: r.grade, grades)
    lines += ["", "## Wrong family at top-1 (every failure)", ""]
    lines += ["| role level | family | top suggestion | its family | text similarity |", "|---|---|---|---|---|"]
    for o in outcomes:
        if o.found[0].discipline != o.truth.discipline:
            lines.append(
                f"| {o.truth.title} | {o.truth.discipline} | {o.found[0].title} | {o.found[0].discipline} | "
                f"{o.top_text:.3f} |"
            )
    lines += ["", "Every role level's outcome: [suggestion-levels.csv](suggestion-levels.csv).", ""]
    print(f"({time.perf_counter() - started:.0f} s)")
    return "\n".join(lines), outcomes


def _write_levels(outcomes: list[Outcome], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["role level", "family", "level", "top 1", "top 2", "top 3", "baseline top 1", "text"])
        for o in outcomes:
            found = [f.title for f in o.found] + [""] * (3 - len(o.found))
            writer.writerow(
                [o.truth.title, o.truth.discipline, o.truth.grade, *found, o.baseline[0].title, f"{o.top_text:.3f}"]
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.suggest", description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-save", action="store_true", help="print the figures without saving them")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    ddat = load_framework(ROOT / "data" / "ddat.yaml")
    council_fw = load_framework(ROOT / "data" / "roles.yaml")
    text, outcomes = report(ddat, council_fw)
    print(text)
    if not args.no_save:
        (DOCS / "suggestion-figures.md").write_text(text, encoding="utf-8")
        _write_levels(outcomes, DOCS / "suggestion-levels.csv")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
