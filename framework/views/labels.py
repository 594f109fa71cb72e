"""How roles, grades and moves are named on every page, in one place so that pages and exports agree."""

from __future__ import annotations

import networkx as nx

from ..models import Framework
from ..naming import role_label, role_labels

__all__ = ["KIND_LABELS", "grade_text", "kind_label", "role_label", "role_labels", "roles_by_discipline"]

#: How each kind of move is named where a role's connections are listed (a profile, a map card).
KIND_LABELS = {"promotion": "Promotion", "lateral": "Lateral move", "reports_to": "Reports to"}
#: The same, as a step of a route: moving into the role one reports to.
STEP_LABELS = {"promotion": "Promotion", "lateral": "Lateral move", "reports_to": "Step up to the manager's role"}


def kind_label(kind: str, *, as_step: bool = False) -> str:
    """The words for a kind of move (``promotion``, ``lateral``, ``reports_to``)."""
    return (STEP_LABELS if as_step else KIND_LABELS).get(kind, kind)


def grade_text(framework: Framework, G: nx.DiGraph, role_id: str) -> str:
    """The role's grade, or where its reporting lines place it ("grade not stated; above PO4 …")."""
    node = G.nodes[role_id]
    return framework.grade_label(node["grade"]) if node["grade"] else node["bounds"]


def roles_by_discipline(framework: Framework) -> dict[str, tuple[str, ...]]:
    """Discipline name → the ids of its roles, in the file's order (disciplines as their roles come, roles
    without one last): how a picker of thousands of roles is narrowed, a discipline first, then the role."""
    groups: dict[str | None, list[str]] = {}
    for role in framework.roles:
        groups.setdefault(role.discipline, []).append(role.id)
    ordered = sorted(groups.items(), key=lambda item: item[0] is None)
    return {framework.discipline_label(discipline): tuple(ids) for discipline, ids in ordered}
