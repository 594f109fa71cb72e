"""Grading consistency, for HR: are roles at one grade asked for about the same, and roles at different grades
for different things?

Two checks over every role's requirements (its skills at their levels, and its own expectations), within and
across disciplines:

* **near-identical at different grades** — two roles whose requirements are at least ``similar`` alike
  (:class:`GradingRule`) but that sit at different grades: one of the grades asks for nothing the other does
  not, so either the grading or the requirements are wrong;
* **divergent at the same grade** — two roles at one grade whose requirements differ widely in how much they
  ask: the average level of the skills they require differs by at least ``level_gap`` levels of the scale, or
  (roles stating expectations only) one states at least ``count_ratio`` times as many expectations as the
  other. Per grade, the most divergent pair within each discipline, and the most divergent pair of the grade
  when its two roles are in different disciplines.

**How alike** two roles are is the weighted overlap of their requirements: each skill counts as many units as
the level it is required at (Working = 2 on a four-level scale), each expectation as one unit, and the
likeness is the units both require over the units either requires (Σ min / Σ max, a weighted Jaccard index).
1 means the same requirements; a skill one level lower in one role of nine skills at Practitioner costs about
4%.

**Cost is bounded.** Comparing every pair of roles is quadratic (50 million pairs at 10,000 roles), so pairs
are found the way similarity joins do: a pair can reach ``similar`` only if the two roles share one of the
rarest units of the larger role (prefix filtering), so only roles sharing such a unit are compared, bucket by
bucket; at most ``max_comparisons`` (500,000: a few seconds) comparisons are made, the smallest buckets first,
and :attr:`GradingReport.left_out` says how many were not. The divergence check is linear: per grade, only the
extremes are compared. Like :mod:`framework.cost`, it is a bound that keeps the worst upload cheap, and
shipped frameworks are far within it.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

import pandas as pd

from .expectations import expectation_key, role_expectations
from .models import Framework, Role
from .wording import number

__all__ = [
    "DIVERGENT",
    "NEAR_IDENTICAL",
    "GradingPair",
    "GradingReport",
    "GradingRule",
    "grading_consistency",
    "grading_table",
]

NEAR_IDENTICAL = "near-identical at different grades"
DIVERGENT = "divergent at the same grade"


@dataclass(frozen=True)
class GradingRule:
    """The thresholds of :func:`grading_consistency` (keyword options; see the module docstring).

    ``similar`` = 0.9: two roles of nine skills that differ by one level in one skill are 96% alike, by one
    level in three skills 88%; 0.9 flags the first and not the second. ``level_gap`` = 1: one whole level of the
    scale on average (every skill Working in one role, Practitioner in the other). ``min_requirements``: roles
    with fewer skills and expectations than this take no part (a role only named in another document has none).
    """

    similar: float = 0.9
    level_gap: float = 1.0
    count_ratio: float = 2.0
    min_requirements: int = 3
    max_comparisons: int = 500_000
    #: pairs listed at most (the most striking): a framework of thousands of copies of one role would list
    #: millions; :attr:`GradingReport.not_listed` counts the rest
    max_pairs: int = 1_000


@dataclass(frozen=True)
class GradingPair:
    """Two roles the check flags, with the evidence: what was compared and what it found, in words."""

    kind: str  # NEAR_IDENTICAL or DIVERGENT
    first: str  # role ids: the lower grade first (near-identical), the one asking more first (divergent)
    second: str
    same_discipline: bool
    likeness: float  # the weighted overlap of their requirements, 0–1
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class GradingReport:
    pairs: tuple[GradingPair, ...]
    roles: int  # roles with enough requirements to take part
    compared: int  # pairs of roles compared for likeness
    left_out: int  # comparisons not made under ``max_comparisons``
    not_listed: int = 0  # pairs found beyond ``max_pairs``


def _units(framework: Framework, role: Role) -> dict[tuple, int]:
    """A role's requirements as weighted units: skill → its level rank; expectation → 1."""
    rank = framework.level_rank
    units: dict[tuple, int] = {("skill", r.skill): rank.get(r.level, 1) for r in role.skills}
    for expectation in role_expectations(framework, role):
        units[("expectation", *expectation_key(expectation))] = 1
    return units


def _likeness(
    a: dict[tuple, int], b: dict[tuple, int], total_a: int | None = None, total_b: int | None = None
) -> float:
    """Σ min / Σ max of the two roles' units (the totals may be given: the check compares each role many times)."""
    if len(b) < len(a):
        a, b, total_a, total_b = b, a, total_b, total_a
    both = 0
    for key, value in a.items():  # a plain loop: this runs for every pair compared
        other = b.get(key)
        if other is not None:
            both += value if value < other else other
    either = (sum(a.values()) if total_a is None else total_a) + (sum(b.values()) if total_b is None else total_b)
    either -= both
    return both / either if either else 1.0


def grading_consistency(framework: Framework, *, rule: GradingRule | None = None) -> GradingReport:
    """Pairs of roles whose grading looks inconsistent (see the module docstring), near-identical pairs first,
    each kind most striking first."""
    rule = rule or GradingRule()
    rank = framework.grade_rank
    units: dict[str, dict[tuple, int]] = {}
    for role in framework.roles:
        if role.grade not in rank:
            continue
        mine = _units(framework, role)
        if len(mine) >= rule.min_requirements:
            units[role.id] = mine
    near, compared, left_out = _near_identical(framework, units, rule)
    divergent = _divergent(framework, units, rule)
    # The most striking of each kind, the near-identical pairs taking what room the divergent ones leave (at
    # least half).
    room = max(rule.max_pairs // 2, rule.max_pairs - len(divergent))
    kept = [_near_pair(framework, units, a, b, likeness) for likeness, a, b in near[:room]]
    kept += divergent[: rule.max_pairs - len(kept)]
    not_listed = len(near) + len(divergent) - len(kept)
    return GradingReport(tuple(kept), len(units), compared, left_out, not_listed)


def _near_identical(framework: Framework, units: dict[str, dict[tuple, int]], rule: GradingRule):
    """Prefix filtering over the units expanded one per level (a skill at rank 3 is three tokens), whose plain
    Jaccard index is the weighted likeness: a pair reaching ``similar`` shares a token among the first
    ``n − ⌈similar·n⌉ + 1`` of the larger one, rarest first."""
    tokens = {rid: [(k, i) for k, v in u.items() for i in range(v)] for rid, u in units.items()}
    frequency = Counter(t for ts in tokens.values() for t in ts)
    # Rarest first, then by their text: each distinct token placed once, not once per role holding it.
    place = {t: i for i, t in enumerate(sorted(frequency, key=lambda t: (frequency[t], repr(t))))}
    buckets: dict[tuple, list[str]] = defaultdict(list)
    for rid, ts in tokens.items():
        ts.sort(key=place.__getitem__)
        n = len(ts)
        for t in ts[: n - math.ceil(rule.similar * n) + 1]:
            buckets[t].append(rid)
    budget, compared, left_out, similar = rule.max_comparisons, 0, 0, rule.similar
    count = len(units)
    index = {rid: i for i, rid in enumerate(units)}
    seen: set[int] = set()  # pairs compared, as one number each (a set of millions of tuples costs too much)
    totals = {rid: len(ts) for rid, ts in tokens.items()}  # a unit per level: the tokens are the weights
    found: list[tuple[float, str, str]] = []  # evidence is written only for the pairs listed
    grade = {r.id: r.grade for r in framework.roles}
    ordered = sorted(buckets.values(), key=len)
    for done_buckets, members in enumerate(ordered):
        if compared >= budget:  # the rest of the buckets are left out whole
            left_out += sum(len(m) * (len(m) - 1) // 2 for m in ordered[done_buckets:])
            break
        work, done = len(members) * (len(members) - 1) // 2, 0
        # What each pair's test reads, looked up once a bucket: this loop runs up to the budget's 500,000 times.
        rows = [(index[rid], grade[rid], totals[rid], rid) for rid in members]
        for i, (ia, grade_a, la, a) in enumerate(rows):
            if compared >= budget:
                break
            for ib, grade_b, lb, b in rows[i + 1 :]:
                if compared >= budget:
                    break
                done += 1
                key = ia * count + ib if ia < ib else ib * count + ia
                if key in seen:
                    continue
                seen.add(key)
                compared += 1
                if grade_a == grade_b:
                    continue
                if (la if la < lb else lb) < similar * (la if la > lb else lb):
                    continue
                likeness = _likeness(units[a], units[b], la, lb)
                if likeness >= similar:
                    found.append((likeness, *sorted((a, b))))
        left_out += work - done
    found.sort(key=lambda x: (-x[0], x[1], x[2]))
    return found, compared, left_out


def _level_name(framework: Framework, rank: int) -> str:
    levels = framework.skill_levels
    return levels[rank - 1].name if 0 < rank <= len(levels) else str(rank)


def _describe(framework: Framework, key: tuple, value: int) -> str:
    if key[0] == "skill":
        skill = framework.skills_by_id.get(key[1])
        return f"{skill.name if skill else key[1]} at {_level_name(framework, value)}"
    return f"“{key[2]}”"


def _near_pair(framework: Framework, units, a: str, b: str, likeness: float) -> GradingPair:
    rank = framework.grade_rank
    ra, rb = framework.role(a), framework.role(b)
    if rank[ra.grade] > rank[rb.grade]:
        ra, rb = rb, ra
    ua, ub = units[ra.id], units[rb.id]
    same = [_describe(framework, k, v) for k, v in ua.items() if ub.get(k) == v]
    differ = [
        f"{_describe(framework, k, v)} in {ra.title}, {_level_name(framework, ub[k])} in {rb.title}"
        for k, v in ua.items()
        if k in ub and ub[k] != v and k[0] == "skill"
    ]
    only_a = [_describe(framework, k, v) for k, v in ua.items() if k not in ub]
    only_b = [_describe(framework, k, v) for k, v in ub.items() if k not in ua]
    evidence = [
        f"{ra.title} ({framework.grade_label(ra.grade)}) and {rb.title} ({framework.grade_label(rb.grade)}) "
        f"ask for {likeness:.0%} the same",
        f"Both ask for {len(same)}: " + "; ".join(same[:12]) + (" …" if len(same) > 12 else ""),
    ]
    if differ:
        evidence.append("At different levels: " + "; ".join(differ))
    if only_a:
        evidence.append(f"Only {ra.title}: " + "; ".join(only_a))
    if only_b:
        evidence.append(f"Only {rb.title}: " + "; ".join(only_b))
    return GradingPair(NEAR_IDENTICAL, ra.id, rb.id, ra.discipline == rb.discipline, likeness, tuple(evidence))


def _demand(framework: Framework, units: dict[tuple, int]) -> tuple[float | None, int]:
    """(average level of the skills required, or None without skills; the number of expectations)."""
    levels = [v for k, v in units.items() if k[0] == "skill"]
    return (sum(levels) / len(levels) if levels else None), sum(1 for k in units if k[0] == "expectation")


def _gap(framework: Framework, units, a: str, b: str, rule: GradingRule) -> float:
    """How far apart two roles' demands are, in units of the rule's threshold (≥ 1 is divergent); 0 when the
    two cannot be compared (one has skills, the other not, and neither states expectations enough)."""
    (la, ea), (lb, eb) = _demand(framework, units[a]), _demand(framework, units[b])
    if la is not None and lb is not None:
        return abs(la - lb) / rule.level_gap
    if ea and eb:
        return (max(ea, eb) / min(ea, eb)) / rule.count_ratio
    return 0.0


def _divergent(framework: Framework, units: dict[str, dict[tuple, int]], rule: GradingRule) -> list[GradingPair]:
    """Per grade, the most divergent comparable pairs (see :func:`_comparable_groups`) at least a threshold apart."""
    by_grade: dict[str, list[str]] = defaultdict(list)
    for rid in units:
        by_grade[framework.role(rid).grade].append(rid)
    out: list[tuple[float, GradingPair]] = []
    for grade_id in (g.id for g in framework.grades):
        chosen: set[tuple[str, str]] = set()
        for pair in _comparable_groups(framework, units, by_grade.get(grade_id, [])):
            if not pair or tuple(sorted(pair)) in chosen:
                continue
            gap = _gap(framework, units, *pair, rule)
            if gap >= 1:
                chosen.add(tuple(sorted(pair)))
                out.append((gap, _divergent_pair(framework, units, *pair)))
    out.sort(key=lambda x: (-x[0], x[1].first, x[1].second))
    return [p for _, p in out]


def _comparable_groups(framework: Framework, units, members: list[str]) -> list[tuple[str, str] | None]:
    """The extremes of each group of one grade's roles that can fairly be compared.

    Roles on different branches (an individual contributor and a people manager: FT's two Senior Engineer 2s)
    differ by design, and are never compared. Skill levels are on one scale every ladder shares: roles needing
    skills are compared within their discipline, and the grade's extremes across disciplines. Counted
    expectations measure how each ladder is written (one track writes a criterion a line, another a paragraph
    a level), so roles stating only expectations are compared within their own ladder (discipline and track).
    """
    # Grouped in one pass each, in the order the roles come (a grade of a 10,000-role framework holds a thousand
    # roles: filtering them again for each discipline and ladder, and comparing whole roles, took 40 s).
    by_branch: dict[object, list[Role]] = defaultdict(list)
    for rid in members:
        role = framework.role(rid)
        by_branch[role.branch].append(role)
    groups: list[tuple[str, list[str]]] = []
    for mine in by_branch.values():
        by_discipline: dict[str | None, list[str]] = defaultdict(list)
        by_ladder: dict[tuple, list[str]] = defaultdict(list)
        for r in mine:
            if _demand(framework, units[r.id])[0] is not None:
                by_discipline[r.discipline].append(r.id)
            else:
                by_ladder[(r.discipline, r.track)].append(r.id)
        groups += [("skills", ids) for ids in by_discipline.values()]
        if len(by_discipline) > 1:
            skilled = {rid for ids in by_discipline.values() for rid in ids}
            groups.append(("skills across disciplines", [r.id for r in mine if r.id in skilled]))
        groups += [("expectations", ids) for ids in by_ladder.values()]
    out = []
    for kind, ids in groups:
        pair = _extremes(framework, units, ids)
        crosses = pair is not None and framework.role(pair[0]).discipline != framework.role(pair[1]).discipline
        out.append(pair if kind != "skills across disciplines" or crosses else None)
    return out


def _extremes(framework: Framework, units, ids: list[str]) -> tuple[str, str] | None:
    """The role asking most and the one asking least of ``ids``: by average skill level, or by expectations."""
    with_skills = [(d[0], rid) for rid in ids if (d := _demand(framework, units[rid]))[0] is not None]
    if len(with_skills) >= 2:
        return max(with_skills)[1], min(with_skills)[1]
    with_expectations = [(d[1], rid) for rid in ids if (d := _demand(framework, units[rid]))[1]]
    if len(with_expectations) >= 2:
        return max(with_expectations)[1], min(with_expectations)[1]
    return None


def _divergent_pair(framework: Framework, units, high: str, low: str) -> GradingPair:
    rh, rl = framework.role(high), framework.role(low)
    evidence = [f"Both at {framework.grade_label(rh.grade)}"]
    for role in (rh, rl):
        average, count = _demand(framework, units[role.id])
        mine = units[role.id]
        if average is not None:
            skills = [_describe(framework, k, v) for k, v in mine.items() if k[0] == "skill"]
            evidence.append(
                f"{role.title} asks for {len(skills)} skills at an average level of {number(average)} "
                f"(of {len(framework.skill_levels)}): " + "; ".join(skills)
            )
        else:
            evidence.append(f"{role.title} states {count} expectations")
    likeness = _likeness(units[high], units[low])
    evidence.append(f"Their requirements are {likeness:.0%} the same")
    return GradingPair(DIVERGENT, high, low, rh.discipline == rl.discipline, likeness, tuple(evidence))


def grading_table(framework: Framework, report: GradingReport) -> pd.DataFrame:
    """The pairs as a table: what was found, the two roles by name with their grades and disciplines, how alike
    their requirements are, and the evidence; the role ids in columns of their own."""
    rows = []
    for pair in report.pairs:
        a, b = framework.role(pair.first), framework.role(pair.second)
        rows.append(
            {
                "Finding": pair.kind.capitalize(),
                "First role": a.title,
                "First grade": framework.grade_label(a.grade),
                "Second role": b.title,
                "Second grade": framework.grade_label(b.grade),
                "Disciplines": framework.discipline_label(a.discipline)
                if pair.same_discipline
                else f"{framework.discipline_label(a.discipline)}; {framework.discipline_label(b.discipline)}",
                "Alike": f"{pair.likeness:.0%}",
                "Evidence": " | ".join(pair.evidence),
                "First role id": a.id,
                "Second role id": b.id,
            }
        )
    columns = ["Finding", "First role", "First grade", "Second role", "Second grade", "Disciplines", "Alike",
               "Evidence", "First role id", "Second role id"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)
