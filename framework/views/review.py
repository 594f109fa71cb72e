"""The Structure review page, for leadership and HR: is the structure sound?

The findings come first, ranked (a problem, worth a look, by design), each with why it matters, the roles it
involves and what to do (:func:`framework.findings.findings`). Then each part answers one question about the
framework as a whole (which rungs are filled, where ladders skip a grade, dead ends and roles with no way in,
skill cliffs and inversions, grading consistency, reporting lines and spans of control, roles only named in
another document); :attr:`ReviewView.overview` counts what was found.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

import networkx as nx
import pandas as pd

from ..findings import BY_DESIGN, PROBLEM, SEVERITIES, WORTH_A_LOOK, findings
from ..grading import DIVERGENT, NEAR_IDENTICAL, grading_consistency
from ..models import Framework
from ..structure import (
    dead_ends,
    discipline_totals,
    grade_matrix,
    inversion_table,
    inversions,
    ladder_gaps,
    promotion_steps,
    referenced_roles,
    reporting_tree,
    skill_cliffs,
    spans,
    unknown_grades,
    unreachable,
)

__all__ = [
    "KIND_HEADINGS",
    "SEVERAL_DISCIPLINES",
    "FindingGroup",
    "FindingView",
    "GradingView",
    "MissingRung",
    "ReviewView",
    "TreeLine",
    "review_view",
]


@dataclass(frozen=True)
class FindingView:
    """A finding as the page shows it: the roles as (id, title), for links to their profiles; ``kind`` is the
    check that found it, ``discipline`` the discipline its roles are in (:data:`SEVERAL_DISCIPLINES` when
    they are in more than one)."""

    severity: str
    title: str
    why: str
    action: str
    roles: tuple[tuple[str, str], ...]
    kind: str = ""
    discipline: str = ""


SEVERAL_DISCIPLINES = "Across disciplines"

#: How the page names each kind of finding, as a heading over a list of them.
KIND_HEADINGS = {
    "isolated roles": "Isolated roles",
    "skill cliff": "Skill cliffs",
    "dead end": "Dead ends",
    "no way in": "Roles with no way in",
    "missing rung": "Missing rungs",
    "skill inversion": "Skill inversions",
    "grade not stated": "Roles whose grade is not stated",
    "entry rung": "Entry rungs",
    "top of ladder": "Tops of ladders",
    "named only": "Roles named in another document",
}


@dataclass(frozen=True)
class FindingGroup:
    """The findings of one severity and kind, in the review's order, as positions in
    :attr:`ReviewView.findings`; ``disciplines`` counts them by discipline (most first)."""

    severity: str
    kind: str
    heading: str
    positions: tuple[int, ...]
    disciplines: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class GradingView:
    """A pair of roles the grading check flags, with the evidence in words."""

    kind: str
    first: tuple[str, str]  # (id, "title (grade)")
    second: tuple[str, str]
    alike: str  # "92%"
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class TreeLine:
    """One role in the reporting tree: how deep it sits (1 = the top of its tree) and its span of control."""

    depth: int
    role: str
    title: str
    grade: str
    direct: int
    all: int


@dataclass(frozen=True)
class MissingRung:
    """Grades a ladder skips between two of its roles."""

    ladder: str  # the discipline, and its track in brackets when it has several
    missing: tuple[str, ...]  # grade labels
    lower: str  # title of the rung below
    upper: str  # title of the rung above
    unplaced: tuple[str, ...]  # titles of roles of unknown grade placed between them


@dataclass(frozen=True)
class ReviewView:
    rung_status: pd.DataFrame  # discipline × grade: filled / referenced only / empty
    rung_titles: pd.DataFrame  # discipline × grade: the roles' titles
    missing_rungs: tuple[MissingRung, ...]
    dead_ends: pd.DataFrame
    no_way_in: pd.DataFrame
    unknown_grades: pd.DataFrame
    cliffs: pd.DataFrame  # promotions by skill levels to gain, steepest first
    inversions: pd.DataFrame
    spans: pd.DataFrame
    totals: pd.DataFrame
    referenced: pd.DataFrame
    findings: tuple[FindingView, ...] = ()
    grading: tuple[GradingView, ...] = ()
    grading_note: str = ""  # what the check compared, and what the cost bound left out
    tree: tuple[TreeLine, ...] = ()  # reporting lines in tree order; roles in no line are left out
    unlinked: int = 0  # roles in no reporting line

    def by_severity(self, severity: str) -> tuple[FindingView, ...]:
        return tuple(f for f in self.findings if f.severity == severity)

    @cached_property
    def groups(self) -> tuple[FindingGroup, ...]:
        """The findings grouped by severity (most pressing first) and kind (in the order the review lists them),
        each group counted by discipline: a framework of thousands of roles has thousands of findings of a
        kind, which the page shows a group at a time."""
        positions: dict[tuple[str, str], list[int]] = {}
        for i, f in enumerate(self.findings):
            positions.setdefault((f.severity, f.kind), []).append(i)
        out = []
        for (severity, kind), where in positions.items():
            counts = Counter(self.findings[i].discipline for i in where)
            out.append(
                FindingGroup(
                    severity,
                    kind,
                    KIND_HEADINGS.get(kind, kind.capitalize()),
                    tuple(where),
                    tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0]))),
                )
            )
        return tuple(sorted(out, key=lambda g: SEVERITIES.index(g.severity) if g.severity in SEVERITIES else 99))

    @property
    def overview(self) -> tuple[tuple[int, str, str], ...]:
        """What was found, as (count, singular, plural): the findings by severity, then the grading pairs."""
        return (
            (len(self.by_severity(PROBLEM)), "problem", "problems"),
            (len(self.by_severity(WORTH_A_LOOK)), "finding worth a look", "findings worth a look"),
            (len(self.by_severity(BY_DESIGN)), "finding by design", "findings by design"),
            (len(self.grading), "grading pair to check", "grading pairs to check"),
        )


def _discipline_of(framework: Framework, roles: tuple[str, ...]) -> str:
    if not roles:
        return ""
    names = {framework.discipline_label(framework.role(r).discipline) for r in roles}
    return names.pop() if len(names) == 1 else SEVERAL_DISCIPLINES


def review_view(framework: Framework, G: nx.DiGraph) -> ReviewView:
    status, titles = grade_matrix(framework)
    missing = []
    for gap in ladder_gaps(framework, G):
        missing.append(
            MissingRung(
                ladder=gap.discipline + (f" ({gap.track.replace('-', ' ')})" if gap.track else ""),
                missing=gap.missing,
                lower=framework.role(gap.lower).title,
                upper=framework.role(gap.upper).title,
                unplaced=tuple(framework.role(r).title for r in gap.unplaced),
            )
        )
    span_table = spans(framework)
    report = grading_consistency(framework)
    steps, inverted = promotion_steps(framework, G), inversions(framework, G)  # for the tables and the findings

    def named(role_id: str) -> tuple[str, str]:
        role = framework.role(role_id)
        return role_id, f"{role.title} ({framework.grade_label(role.grade)})"

    grading = tuple(
        GradingView(p.kind, named(p.first), named(p.second), f"{p.likeness:.0%}", p.evidence) for p in report.pairs
    )
    near = sum(1 for p in report.pairs if p.kind == NEAR_IDENTICAL)
    note = (
        f"{report.roles:,} roles with a grade and requirements took part; {report.compared:,} pairs were compared "
        f"for likeness; {near:,} near-identical pairs at different grades and "
        f"{sum(1 for p in report.pairs if p.kind == DIVERGENT):,} divergent pairs at one grade were found."
    )
    if report.left_out:
        note += f" {report.left_out:,} comparisons were left out to keep the check quick (too many alike roles)."
    if report.not_listed:
        note += f" {report.not_listed:,} more pairs are not listed."
    tree = reporting_tree(framework, span_table)
    lines = tuple(
        TreeLine(int(r.Level), r.id, r.Role, r.Grade, int(r._4), int(r._5)) for r in tree.itertuples(index=False)
    )
    return ReviewView(
        rung_status=status,
        rung_titles=titles.reset_index(names="Discipline"),
        missing_rungs=tuple(missing),
        dead_ends=dead_ends(framework, G).drop(columns=["id"]),
        no_way_in=unreachable(framework, G).drop(columns=["id"]),
        unknown_grades=unknown_grades(framework, G).drop(columns=["id"]),
        cliffs=skill_cliffs(framework, G, steps).drop(columns=["from_id", "to_id"]),
        inversions=inversion_table(framework, G, inverted),
        spans=span_table.drop(columns=["id"]),
        totals=discipline_totals(span_table),
        referenced=referenced_roles(framework, G).drop(columns=["id"]),
        findings=tuple(
            FindingView(
                f.severity,
                f.title,
                f.why,
                f.action,
                tuple((r, framework.role(r).title) for r in f.roles),
                f.kind,
                _discipline_of(framework, f.roles),
            )
            for f in findings(framework, G, steps=steps, inversions=inverted)
        ),
        grading=grading,
        grading_note=note,
        tree=lines,
        unlinked=len(framework.roles) - len(lines),
    )
