"""The Home page: what the framework holds, in a few figures and its own words."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ..models import Framework

__all__ = ["HomeView", "home_view"]


@dataclass(frozen=True)
class HomeView:
    name: str
    description: str | None
    roles: int
    described: int  # roles with a document or an import of their own
    referenced: int  # roles only named in another role's document
    grades: tuple[str, ...]  # labels, lowest first
    disciplines: tuple[str, ...]
    skills: int
    attribution: str | None


def home_view(framework: Framework, G: nx.DiGraph) -> HomeView:
    described = sum(r.status == "described" for r in framework.roles)
    return HomeView(
        name=framework.name,
        description=framework.description,
        roles=len(framework.roles),
        described=described,
        referenced=len(framework.roles) - described,
        grades=tuple(g.label for g in framework.grades),
        disciplines=tuple(d.name for d in framework.disciplines),
        skills=len(framework.skills),
        attribution=framework.attribution,
    )
