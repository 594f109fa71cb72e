"""The Structure review page, for leadership and HR: is the structure sound?

Each part answers one question about the framework as a whole (which rungs are filled, where ladders skip a
grade, dead ends and roles with no way in, skill cliffs and inversions, reporting lines and spans of control,
roles only named in another document); :attr:`ReviewView.overview` counts what each found.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import pandas as pd

from ..models import Framework
from ..review import (
    dead_ends,
    discipline_totals,
    grade_matrix,
    inversion_table,
    ladder_gaps,
    referenced_roles,
    skill_cliffs,
    spans,
    unknown_grades,
    unreachable,
)

__all__ = ["MissingRung", "ReviewView", "review_view"]


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

    @property
    def overview(self) -> tuple[tuple[int, str, str], ...]:
        """What each part found, as (count, singular, plural) in the order of the parts."""
        return (
            (len(self.missing_rungs), "gap in ladders (missing rungs)", "gaps in ladders (missing rungs)"),
            (len(self.dead_ends), "dead end", "dead ends"),
            (len(self.no_way_in), "role with no way in", "roles with no way in"),
            (len(self.unknown_grades), "role whose grade is not stated", "roles whose grade is not stated"),
            (len(self.inversions), "skill inversion", "skill inversions"),
            (len(self.referenced), "referenced role without a document", "referenced roles without a document"),
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
    )
