"""The Structure review page, for leadership and HR: is the structure sound?

The findings come first, ranked (a problem, worth a look, by design), each with why it matters, the roles it
involves and what to do (:func:`framework.findings.findings`). Then each part answers one question about the
framework as a whole (which rungs are filled, where ladders skip a grade, dead ends and roles with no way in,
skill cliffs and inversions, grading consistency, reporting lines and spans of control, roles only named in
another document); :attr:`ReviewView.overview` counts what was found.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import pandas as pd

from ..findings import BY_DESIGN, PROBLEM, WORTH_A_LOOK, findings
from ..grading import DIVERGENT, NEAR_IDENTICAL, grading_consistency
from ..models import Framework
from ..structure import (
    dead_ends,
    discipline_totals,
    grade_matrix,
    inversion_table,
    ladder_gaps,
    referenced_roles,
    reporting_tree,
    skill_cliffs,
    spans,
    unknown_grades,
    unreachable,
)

__all__ = ["FindingView", "GradingView", "MissingRung", "ReviewView", "TreeLine", "review_view"]


@dataclass(frozen=True)
class FindingView:
    """A finding as the page shows it: the roles as (id, title), for links to their profiles."""

    severity: str
    title: str
    why: str
    action: str
    roles: tuple[tuple[str, str], ...]


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

    @property
    def overview(self) -> tuple[tuple[int, str, str], ...]:
        """What was found, as (count, singular, plural): the findings by severity, then the grading pairs."""
        return (
            (len(self.by_severity(PROBLEM)), "problem", "problems"),
            (len(self.by_severity(WORTH_A_LOOK)), "finding worth a look", "findings worth a look"),
            (len(self.by_severity(BY_DESIGN)), "finding by design", "findings by design"),
            (len(self.grading), "grading pair to check", "grading pairs to check"),
        )


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
    tree = reporting_tree(framework)
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
        cliffs=skill_cliffs(framework, G).drop(columns=["from_id", "to_id"]),
        inversions=inversion_table(framework, G),
        spans=span_table.drop(columns=["id"]),
        totals=discipline_totals(span_table),
        referenced=referenced_roles(framework, G).drop(columns=["id"]),
        findings=tuple(
            FindingView(f.severity, f.title, f.why, f.action, tuple((r, framework.role(r).title) for r in f.roles))
            for f in findings(framework, G)
        ),
        grading=grading,
        grading_note=note,
        tree=lines,
        unlinked=len(framework.roles) - len(lines),
    )
