"""The Compare versions page, for leadership and HR: what changed between two versions of a framework.

:func:`versions_view` makes the page's tables from :func:`framework.versions.diff_frameworks`: a summary of
counts, then the roles, the review's findings and the moves between roles that changed, each table in plain
words with the ids in columns of their own; the downloads are made from it when they are asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import networkx as nx
import pandas as pd

from ..models import Framework
from ..versions import VersionDiff, diff_frameworks, diff_markdown, diff_tables, diff_xlsx

__all__ = ["VersionsView", "versions_view"]


@dataclass(frozen=True)
class VersionsView:
    old_name: str
    new_name: str
    summary: tuple[tuple[str, int], ...]  # (what, how many)
    roles: pd.DataFrame
    findings: pd.DataFrame
    moves: pd.DataFrame
    diff: VersionDiff

    @property
    def unchanged(self) -> bool:
        return not any(n for _, n in self.summary)

    @cached_property
    def markdown(self) -> str:
        """The comparison as Markdown, as the download gives it: made when first asked for (a download pressed),
        not with the page."""
        return diff_markdown(self.diff)

    @cached_property
    def workbook(self) -> bytes:
        """The comparison as a workbook, made when first asked for."""
        return diff_xlsx(self.diff)


def versions_view(old: Framework, old_graph: nx.DiGraph, new: Framework, new_graph: nx.DiGraph) -> VersionsView:
    diff = diff_frameworks(old, old_graph, new, new_graph)
    tables = dict(diff_tables(diff))
    return VersionsView(
        old_name=old.name,
        new_name=new.name,
        summary=tuple(diff.summary),
        roles=tables["Roles"],
        findings=tables["Review findings"],
        moves=tables["Routes between roles"],
        diff=diff,
    )
