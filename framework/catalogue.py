"""The role catalogue as a table, and the neighbours of a role in the graph.

Pure functions over a framework and its graph (pandas for the table), used by the Roles page and the exports.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from .graph import KIND_ORDER, move_relations
from .models import DocumentSource, Framework, ImportSource, ReferencedSource, Role
from .sorting import sort_rows

__all__ = [
    "STATUS_LABELS",
    "Neighbour",
    "catalogue",
    "document_title",
    "filter_catalogue",
    "neighbours",
    "sort_catalogue",
    "source_text",
    "status_text",
]

CATALOGUE_COLUMNS = ["id", "Role", "Grade", "Discipline", "Status", "Reports to", "Source", "_rank", "_status"]


def document_title(role: Role) -> str:
    """How a person names the document a role was built from: its title as the document gives it (its own title
    line, else its "Position Designation" or "Job Title"), and its department where it states one — never the
    file it was read from."""
    jd = role.job_description
    title = role.title
    department = None
    if jd is not None:
        spec = jd.person_specification
        title = (
            jd.title
            or jd.field("position designation", "job title")
            or (spec.field("job title") if spec else None)
            or role.title
        )
        department = jd.field("department", "service", "directorate")
    return f"{title} job description" + (f", {department}" if department else "")


#: How a role's status reads: a role has a document of its own (or an imported description), or is only named.
STATUS_LABELS = {"described": "Has its own description", "referenced": "Named in another job description"}


def status_text(role: Role) -> str:
    """A role's status in plain words: "Full job description", "Imported description" or "Named in another
    job description"."""
    if isinstance(role.source, DocumentSource):
        return "Full job description"
    if isinstance(role.source, ImportSource):
        return "Imported description"
    return STATUS_LABELS["referenced"]


def source_text(framework: Framework, role: Role) -> str:
    """Where a role comes from, in words (a document by its title, never by its file)."""
    source = role.source
    if isinstance(source, DocumentSource):
        where = f"; {source.organisation}" if source.organisation else ""
        return f"The {document_title(role)}{where}"
    if isinstance(source, ReferencedSource):
        names = sorted(
            {framework.roles_by_id[r.role].title for r in source.referenced_by if r.role in framework.roles_by_id}
        )
        return "Named in the job description of " + ", ".join(names) if names else "Named by another role"
    if isinstance(source, ImportSource):
        return f"Imported from {source.framework}" + (f" ({source.detail})" if source.detail else "")
    return "Unknown"  # pragma: no cover - the union is closed


def catalogue(framework: Framework, graph: nx.DiGraph) -> pd.DataFrame:
    """One row per role, in career order within each discipline (grade position, then title)."""
    rows = []
    for role in framework.roles:
        node = graph.nodes[role.id]
        manager = framework.roles_by_id.get(role.reports_to.role) if role.reports_to else None
        rows.append(
            {
                "id": role.id,
                "Role": role.title,
                "Grade": framework.grade_label(role.grade) if role.grade else node["bounds"],
                "Discipline": framework.discipline_label(role.discipline),
                "Status": status_text(role),
                "Reports to": manager.title if manager else "",
                "Source": source_text(framework, role),
                "_rank": node["position"] if node["position"] is not None else float("inf"),
                "_status": role.status,
            }
        )
    table = pd.DataFrame(rows, columns=CATALOGUE_COLUMNS)
    order = {d.id: i for i, d in enumerate(framework.disciplines)}
    table["_discipline"] = [order.get(r.discipline, len(order)) for r in framework.roles]
    table = table.sort_values(["_discipline", "_rank", "Role"], kind="stable").drop(columns=["_discipline"])
    return table.reset_index(drop=True)


def filter_catalogue(
    table: pd.DataFrame,
    *,
    query: str = "",
    disciplines: Iterable[str] = (),
    grades: Iterable[str] = (),
    statuses: Iterable[str] = (),
) -> pd.DataFrame:
    """Rows matching every given filter; ``query`` matches words of the title, id or source (any case);
    ``statuses`` are status ids (``described``, ``referenced``)."""
    mask = pd.Series(True, index=table.index)
    for word in query.lower().split():
        mask &= (
            table["Role"].str.lower().str.contains(word, regex=False)
            | table["id"].str.contains(word, regex=False)
            | table["Discipline"].str.lower().str.contains(word, regex=False)
        )
    for column, wanted in (("Discipline", disciplines), ("Grade", grades), ("_status", statuses)):
        wanted = list(wanted)
        if wanted:
            mask &= table[column].isin(wanted)
    return table[mask]


def sort_catalogue(table: pd.DataFrame, column: str | None, *, descending: bool = False) -> pd.DataFrame:
    """The rows sorted by ``column`` (None: the catalogue's own career order, as :func:`catalogue` gives it);
    grades in the framework's order, not as text ("Head" above "PO8")."""
    return sort_rows(table, column, descending=descending, keys={"Grade": "_rank"})


@dataclass(frozen=True)
class Neighbour:
    role: str
    kind: str
    reason: str
    effort: float


def neighbours(graph: nx.DiGraph, role_id: str, *, direction: str = "out") -> list[Neighbour]:
    """Where a role leads (``out``) or where it is reached from (``in``), one entry per relation."""
    edges = graph.out_edges(role_id, data=True) if direction == "out" else graph.in_edges(role_id, data=True)
    out = []
    for u, v, data in edges:
        other = v if direction == "out" else u
        for kind, reason in move_relations(data):
            out.append(Neighbour(other, kind, reason, data["effort"]))
    return sorted(out, key=lambda n: (KIND_ORDER.index(n.kind), n.effort, n.role))
