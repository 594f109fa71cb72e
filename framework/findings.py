"""What the structure review finds, ranked — a problem, worth a look, or by design — each with a one-line why,
the roles involved and a recommended action.

The checks are a table of rules (:data:`RULES`; datasette's ``Filters`` habit): each :class:`Rule` has a kind, a
severity, a way to detect its cases in the structure's figures (:mod:`framework.structure`) and a way to say
them. :func:`findings` runs them all and returns :class:`Finding` records, which the page, the Markdown and the
workbook (:mod:`framework.review`) and the comparison of two versions (:mod:`framework.versions`) render.

>>> from framework import build_graph, load_framework
>>> council = load_framework("data/roles.yaml")
>>> [(f.severity, f.kind) for f in findings(council, build_graph(council))][:3]
[('problem', 'skill cliff'), ('worth a look', 'skill cliff'), ('worth a look', 'missing rung')]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from statistics import median

import networkx as nx
import pandas as pd

from .ladders import ladder_name
from .models import Framework, ReferencedSource
from .structure import (
    EXPECTATIONS_TO_MEET,
    Inversion,
    PromotionStep,
    Steps,
    grade_text,
    inversions,
    ladder_gaps,
    promotion_steps,
)
from .wording import and_list, number, plural

__all__ = [
    "BY_DESIGN",
    "PROBLEM",
    "RULES",
    "SEVERITIES",
    "WORTH_A_LOOK",
    "Case",
    "CliffRule",
    "Finding",
    "Rule",
    "findings",
    "findings_table",
]

PROBLEM, WORTH_A_LOOK, BY_DESIGN = "problem", "worth a look", "by design"
SEVERITIES = (PROBLEM, WORTH_A_LOOK, BY_DESIGN)  #: most pressing first


@dataclass(frozen=True)
class Finding:
    """One thing the review found, ranked and with what to do about it.

    ``kind`` is a stable name of the check ("skill cliff", "dead end", …) and ``roles`` the role ids involved,
    in the order the text names them: together they identify a finding across versions of a framework
    (:mod:`framework.versions`). ``title`` says what, ``why`` says in one line why it matters (or why it is
    expected), ``action`` what to do (for a finding by design: that nothing needs doing, and when it would).
    """

    severity: str
    kind: str
    title: str
    why: str
    action: str
    roles: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, tuple[str, ...]]:
        return (self.kind, self.roles)


@dataclass(frozen=True)
class CliffRule:
    """When a promotion is a cliff: it asks at least ``problem_ratio`` (a problem) or ``look_ratio`` (worth a
    look) times the median promotion of its peers, and never fewer than ``min_levels``.

    Relative to a median, because scales differ: a DDaT promotion asks 6 skill levels at the median, a council
    one 5; twice the median is a step that asks as much as two ordinary promotions at once. **Its peers** are
    the other promotions of its own ladder (discipline and track, and branch where the ladder has branches:
    individual contributors and people managers), because a ladder's steps are sized by how the ladder is
    written: an FT engineering level lists 9 competencies and a legacy one 30, a Monzo leadership level 50
    criteria and a design level 3. So counted expectations are judged only against their own ladder's. Skill
    levels are on one scale every ladder shares, so a ladder with fewer than ``min_peers`` promotions (three
    have no median of their own but the middle one) is judged with its discipline's, or, where that has too
    few as well, the framework's.
    """

    problem_ratio: float = 2.0
    look_ratio: float = 1.5
    min_levels: int = 4
    min_peers: int = 4


@dataclass(frozen=True)
class Case:
    """What a rule detected: the roles involved, in the order its words name them, and what it measured."""

    roles: tuple[str, ...]
    severity: str | None = None  #: where the rule's severity depends on the case (a cliff's size)
    facts: tuple[tuple[str, object], ...] = ()

    def fact(self, name: str):
        return dict(self.facts)[name]


@dataclass(frozen=True)
class Rule:
    """One check of the review, as data: what it is called, how pressing what it finds is, how it finds it and
    how it says it — datasette's ``Filters`` habit, a table of small rules rather than one long function."""

    kind: str
    severity: str
    detect: Callable[[_Review], Iterable[Case]]
    explain: Callable[[_Review, Case], tuple[str, str, str]]  #: (title, why, action)


class _Review:
    """A review under way: the framework and its graph, and what several rules need of them, worked out once."""

    def __init__(
        self,
        framework: Framework,
        graph: nx.DiGraph,
        cliffs: CliffRule,
        steps: Steps | None = None,
        inversions: Sequence[Inversion] | None = None,
    ) -> None:
        self.framework, self.graph, self.cliffs = framework, graph, cliffs
        if steps is not None:
            self.steps = steps  # given: what the cached property would work out (the review's tables need it too)
        if inversions is not None:
            self.inversions = inversions

    def names(self, ids) -> str:
        return and_list(self.framework.role(i).title for i in ids)

    def grade(self, role_id: str) -> str:
        return grade_text(self.framework, self.graph, role_id)

    def position(self, role_id: str) -> float | None:
        return self.graph.nodes[role_id]["position"]

    @cached_property
    def _placed(self) -> list[tuple[tuple, float, bool]]:
        """(ladder, position, has a discipline) of every placed role."""
        out = []
        for role in self.framework.roles:
            position = self.position(role.id)
            if position is not None:
                out.append(((role.discipline, role.track), position, role.discipline is not None))
        return out

    @cached_property
    def lowest(self) -> dict[tuple, float]:
        """(discipline, track) → the position of the ladder's lowest rung."""
        out: dict[tuple, float] = {}
        for ladder, position, _ in self._placed:
            out[ladder] = min(out.get(ladder, position), position)
        return out

    @cached_property
    def tops(self) -> dict[tuple, float]:
        """(discipline, track) → the position of the ladder's highest rung (roles with a discipline only)."""
        out: dict[tuple, float] = {}
        for ladder, position, on_a_ladder in self._placed:
            if on_a_ladder:
                out[ladder] = max(out.get(ladder, position), position)
        return out

    @cached_property
    def isolated(self) -> dict[int | None, list[str]]:
        """Grade rank → roles that no move leads into or out of, alone on their ladder."""
        sizes = Counter(ladder for ladder, _, _ in self._placed)
        out: dict[int | None, list[str]] = {}
        for role in self.framework.roles:
            if self.graph.in_degree(role.id) or self.graph.out_degree(role.id):
                continue
            if sizes[(role.discipline, role.track)] > 1:
                continue
            out.setdefault(self.graph.nodes[role.id]["grade_rank"], []).append(role.id)
        return out

    @cached_property
    def alone(self) -> set[str]:
        return {role_id for ids in self.isolated.values() for role_id in ids}

    def dead_end(self, role) -> bool | None:
        """For a role with no onward move (not alone): True below the top of its ladder, False at the top of
        its ladder or of the scale; None for a role with a move on."""
        if role.id in self.alone or self.graph.out_degree(role.id):
            return None
        position = self.position(role.id)
        top = self.tops.get((role.discipline, role.track), -1)
        return not (position is None or position >= len(self.framework.grades) - 1 or position >= top)

    def no_way_in(self, role) -> bool | None:
        """For a role no move leads into (not alone): True above the lowest rung of its ladder, False on it."""
        if role.id in self.alone or self.graph.in_degree(role.id):
            return None
        position = self.position(role.id)
        return not (position is None or position <= self.lowest.get((role.discipline, role.track), -1))

    @cached_property
    def steps(self) -> Steps:
        return promotion_steps(self.framework, self.graph)

    @cached_property
    def inversions(self) -> Sequence[Inversion]:
        return inversions(self.framework, self.graph)

    @cached_property
    def _peers(self) -> tuple[dict[tuple, tuple[int, float]], dict[str | None, tuple[int, float]], tuple[int, float]]:
        """How many promotion steps there are, and their median size, on each ladder, in each discipline and in
        the whole framework, worked out once: each step is judged against its peers (see :func:`_yardstick`),
        and gathering them step by step cost a framework of 10,000 roles 17 s."""
        by_ladder: dict[tuple, list] = defaultdict(list)
        by_discipline: dict[str | None, list] = defaultdict(list)
        for s in self.steps.steps:
            by_ladder[s.ladder].append(s.size)
            by_discipline[s.ladder[0]].append(s.size)
        every = [s.size for s in self.steps.steps]
        return (
            {ladder: (len(sizes), median(sizes)) for ladder, sizes in by_ladder.items()},
            {discipline: (len(sizes), median(sizes)) for discipline, sizes in by_discipline.items()},
            (len(every), median(every) if every else 0),
        )

    def peers(self, step: PromotionStep) -> tuple[tuple[int, float], tuple[int, float], tuple[int, float]]:
        """(how many, median size) of the promotion steps on ``step``'s ladder, in its discipline, and in all."""
        by_ladder, by_discipline, every = self._peers
        return by_ladder[step.ladder], by_discipline[step.ladder[0]], every


# ------------------------------------------------------------------ each rule: what it detects, and in words


def _detect_isolated(review: _Review) -> Iterable[Case]:
    for rank, ids in review.isolated.items():
        below = [
            r.id
            for r in review.framework.roles
            if rank is not None and rank > 0 and review.graph.nodes[r.id]["grade_rank"] == rank - 1
        ]
        yield Case(tuple(ids), facts=(("rank", rank), ("below", len(below))))


def _explain_isolated(review: _Review, case: Case) -> tuple[str, str, str]:
    grades, rank, below, n = review.framework.grades, case.fact("rank"), case.fact("below"), len(case.roles)
    where = f"{grades[rank].label} role" if rank is not None else "role"
    if not below:
        title = f"{plural(n, where)} that no move leads into or out of"
        why = f"{review.names(case.roles)} stand alone: no promotion, lateral move or reporting line links them"
        return title, why, "Link each to the roles it is reached from and leads to (moves, reports_to), or remove it"
    lower = grades[rank - 1].label
    them = "them" if n > 1 else "it"
    nobody = f"none of the {below} {lower} roles has a" if below > 1 else f"the {lower} role has no"
    why = (
        f"{review.names(case.roles)} can be reached by no move, and lead nowhere: {nobody} promotion or lateral "
        f"move to {them}, so {them} {'are' if n > 1 else 'is'} cut off from the rest of the structure"
    )
    action = (
        f"State the promotions from the {lower} roles that lead to each {where} (moves of kind promotion in the "
        "framework file), or give them a discipline and track shared with those roles"
    )
    return f"No {lower} role leads to any {where}", why, action


def _yardstick(review: _Review, step: PromotionStep) -> tuple[float, str]:
    """The median promotion a step is judged against, and where its peers are (see :class:`CliffRule`)."""
    steps, rule, framework = review.steps, review.cliffs, review.framework
    discipline, track, branch = step.ladder
    (on_ladder, ladder_median), (in_discipline, discipline_median), (_, every_median) = review.peers(step)
    if on_ladder >= rule.min_peers or steps.measure == EXPECTATIONS_TO_MEET:
        where = f"the {ladder_name(framework, discipline, track)} ladder"
        where = f"the {framework.branch_label(branch)} branch of {where}" if branch else where
        return ladder_median, f"on {where}"
    if in_discipline >= rule.min_peers:
        return discipline_median, f"in the {framework.discipline_label(discipline)} discipline"
    return every_median, "in the framework"


def _detect_cliffs(review: _Review) -> Iterable[Case]:
    rule = review.cliffs
    for step in review.steps.steps:
        if step.size < rule.min_levels:
            continue
        typical, whose = _yardstick(review, step)
        if step.size >= rule.problem_ratio * typical:  # a median of 0 makes any step of min_levels a problem
            severity = PROBLEM
        elif step.size >= rule.look_ratio * typical:
            severity = WORTH_A_LOOK
        else:
            continue
        yield Case((step.start, step.end), severity, (("step", step), ("median", typical), ("whose", whose)))


def _explain_cliff(review: _Review, case: Case) -> tuple[str, str, str]:
    step, typical, whose = case.fact("step"), case.fact("median"), case.fact("whose")
    start, end = (review.framework.role(r).title for r in case.roles)
    through = review.names(step.through)
    what = review.steps.measure
    ratio = number(round(step.size / typical, 1)) if typical else "many"
    why = (
        f"{step.size} {what} in one promotion ({review.grade(step.start)} → {review.grade(step.end)}), {ratio} "
        f"times the median promotion {whose} ({number(typical)})"
    )
    why += f"; through {through}, which states no requirements of its own" if through else ""
    why += f"; no role of stated grade at {', '.join(step.skipped)} on this ladder" if step.skipped else ""
    action = (
        f"Add or describe a rung between {start} and {end}"
        + (f" (state the grade and skills of {through})" if through else "")
        + f", or spread the {what} over the rungs so each promotion asks a similar step"
    )
    return f"Skill cliff: {start} → {end}", why, action


def _explain_dead_end(review: _Review, case: Case) -> tuple[str, str, str]:
    title = review.framework.role(case.roles[0]).title
    return (
        f"Dead end: {title}",
        f"{title} ({review.grade(case.roles[0])}) has no onward move, though its ladder goes higher",
        f"Link {title} to the next rung up (a promotion in the framework file), or say in its description where "
        "people go from it",
    )


def _explain_no_way_in(review: _Review, case: Case) -> tuple[str, str, str]:
    title = review.framework.role(case.roles[0]).title
    return (
        f"No way in: {title}",
        f"No move leads into {title} ({review.grade(case.roles[0])}), though it is not the lowest rung of its ladder",
        f"Link the rung below to {title} with a promotion, or a role elsewhere with a lateral move",
    )


def _detect_missing_rungs(review: _Review) -> Iterable[Case]:
    for gap in ladder_gaps(review.framework, review.graph):
        yield Case((gap.lower, gap.upper, *gap.unplaced), facts=(("gap", gap),))


def _explain_missing_rung(review: _Review, case: Case) -> tuple[str, str, str]:
    gap = case.fact("gap")
    ladder = gap.discipline + (f" ({review.framework.track_label(gap.track)})" if gap.track else "")
    lower, upper = (review.framework.role(r).title for r in (gap.lower, gap.upper))
    missing = ", ".join(gap.missing)
    why = f"The {ladder} ladder has no role at {missing} between {lower} and {upper}"
    if gap.unplaced:
        names = review.names(gap.unplaced)
        why += f"; {names}, whose grade is not stated, sits between them"
        action = f"State the grade of {names}, so the ladder shows which rung it fills"
    else:
        action = f"Confirm the step from {lower} to {upper} is meant to skip {missing}, or add a rung"
    return f"Missing rung: {ladder}, {missing}", why, action


def _detect_inversions(review: _Review) -> Iterable[Case]:
    by_pair: dict[tuple[str, str], list[Inversion]] = {}
    for inversion in review.inversions:
        by_pair.setdefault((inversion.lower, inversion.upper), []).append(inversion)
    for pair, found in by_pair.items():
        yield Case(pair, facts=(("inversions", tuple(found)),))


def _explain_inversion(review: _Review, case: Case) -> tuple[str, str, str]:
    framework, found = review.framework, case.fact("inversions")
    lower, upper = (framework.role(r).title for r in case.roles)
    levels = {level.id: level.name for level in framework.skill_levels}
    listed = "; ".join(
        f"{_skill_name(framework, i.skill)}: {levels.get(i.lower_level, i.lower_level)} → "
        f"{levels.get(i.upper_level, i.upper_level)}"
        for i in found
    )
    return (
        f"Skill inversion: {lower} → {upper}",
        f"{upper} needs {plural(len(found), 'skill')} at a lower level than {lower}, the rung below ({listed})",
        f"Check the levels {upper} asks for: raise them to at least {lower}'s, or record why the higher rung needs "
        "less",
    )


def _all_in_one(roles: list[str]) -> Iterable[Case]:
    """One finding naming every role a rule found, when it found any."""
    return [Case(tuple(roles))] if roles else []


def _listing(word: str, after: str, why: str, action: str) -> Callable[[_Review, Case], tuple[str, str, str]]:
    """The words of a finding that lists roles: "3 entry rungs", "<the roles>: <why>", what to do."""

    def explain(review: _Review, case: Case) -> tuple[str, str, str]:
        n = len(case.roles)
        return (
            f"{plural(n, word)}{after}",
            f"{review.names(case.roles)}: {why.format(them='them' if n != 1 else 'it')}",
            action,
        )

    return explain


#: The review's checks, in the order their findings are listed within a severity.
RULES: tuple[Rule, ...] = (
    Rule("isolated roles", PROBLEM, _detect_isolated, _explain_isolated),
    Rule("skill cliff", PROBLEM, _detect_cliffs, _explain_cliff),
    Rule(
        "dead end", PROBLEM,
        lambda review: (Case((r.id,)) for r in review.framework.roles if review.dead_end(r)),
        _explain_dead_end,
    ),
    Rule(
        "no way in", PROBLEM,
        lambda review: (Case((r.id,)) for r in review.framework.roles if review.no_way_in(r)),
        _explain_no_way_in,
    ),
    Rule("missing rung", WORTH_A_LOOK, _detect_missing_rungs, _explain_missing_rung),
    Rule("skill inversion", WORTH_A_LOOK, _detect_inversions, _explain_inversion),
    Rule(
        "grade not stated", WORTH_A_LOOK,
        lambda review: _all_in_one(
            [r.id for r in review.framework.roles if r.grade is None and r.id not in review.alone]
        ),
        _listing(
            "role", " whose grade is not stated",
            "no document states a grade, so the review places {them} by reporting lines only",
            "State each grade in the framework file (grade:) where a document or HR record gives it",
        ),
    ),
    Rule(
        "entry rung", BY_DESIGN,
        lambda review: _all_in_one([r.id for r in review.framework.roles if review.no_way_in(r) is False]),
        _listing(
            "entry rung", "",
            "no move leads in because each is the lowest rung of its ladder, where people join it",
            "Nothing to do; link a role from another ladder with a lateral move if people also join from there",
        ),
    ),
    Rule(
        "top of ladder", BY_DESIGN,
        lambda review: _all_in_one([r.id for r in review.framework.roles if review.dead_end(r) is False]),
        _listing(
            "top", " of ladders",
            "no onward move because each is the highest rung of its ladder or of the grade scale",
            "Nothing to do; add a move where a next step exists outside the framework's ladders",
        ),
    ),
    Rule(
        "named only", BY_DESIGN,
        lambda review: _all_in_one([r.id for r in review.framework.roles if isinstance(r.source, ReferencedSource)]),
        _listing(
            "role", " named in another document",
            "named by another role's job description, with no document of their own; the framework invents no "
            "text for them",
            "Nothing to do; add each role's own job description when there is one",
        ),
    ),
)  # fmt: skip


def findings(
    framework: Framework,
    graph: nx.DiGraph,
    *,
    cliffs: CliffRule | None = None,
    steps: Steps | None = None,
    inversions: Sequence[Inversion] | None = None,
) -> list[Finding]:
    """Every finding of the review's :data:`RULES`, most pressing first (problems, then worth a look, then by
    design), each with a one-line why, the roles involved and what to do.

    * **isolated roles** — roles that no move leads into or out of, alone on their ladder: a problem, one
      finding per grade, naming the grade below whose roles lead nowhere near them (DDaT: no Head role leads to
      any Chief role);
    * **skill cliffs** — promotions asking far more than the usual step of their ladder (:class:`CliffRule`),
      measured along every promotion, across rungs with no requirements of their own (:func:`promotion_steps`);
    * **dead ends** — roles with no onward move below the top of their ladder: a problem; at the top of their
      ladder or of the scale: by design;
    * **no way in** — roles no move leads into above the bottom of their ladder: a problem; the lowest rung of a
      ladder is where people join it: by design;
    * **missing rungs** (:func:`ladder_gaps`), **skill inversions** (:func:`inversions`) and **roles whose grade
      is not stated**: worth a look;
    * **roles only named in another document** (:func:`referenced_roles`): by design.

    ``steps`` and ``inversions``: the framework's promotion steps and skill inversions, when the caller has
    worked them out already (the structure review shows them as tables too); otherwise worked out here.
    """
    structure = _Review(framework, graph, cliffs or CliffRule(), steps, inversions)
    out = [
        Finding(case.severity or rule.severity, rule.kind, *rule.explain(structure, case), case.roles)
        for rule in RULES
        for case in rule.detect(structure)
    ]
    return sorted(out, key=lambda f: SEVERITIES.index(f.severity))


def _skill_name(framework: Framework, skill_id: str) -> str:
    skill = framework.skills_by_id.get(skill_id)
    return skill.name if skill else skill_id


def findings_table(found: list[Finding], framework: Framework) -> pd.DataFrame:
    """The findings as a table: severity, what, why, the roles by name, what to do, and the role ids last."""
    return pd.DataFrame(
        [
            {
                "Severity": f.severity.capitalize(),
                "Finding": f.title,
                "Why": f.why,
                "Roles": "; ".join(framework.role(r).title for r in f.roles),
                "Recommended action": f.action,
                "Role ids": ", ".join(f.roles),
            }
            for f in found
        ],
        columns=["Severity", "Finding", "Why", "Roles", "Recommended action", "Role ids"],
    )
