"""The Career map page: the map's options and what a chosen role's card says.

The map itself — where each role sits, the moves shown — is :class:`framework.careermap.CareerMap`.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ..careermap import CareerMap, MapOverview, career_map, default_kinds
from ..careermap import map_overview as overview_of
from ..errors import NoPath
from ..models import Framework
from ..routes import progression_paths
from .labels import grade_text
from .roles import Connection, role_profile

__all__ = [
    "MAP_ROLES_AT_ONCE",
    "EasiestRoute",
    "RoleCard",
    "easiest_route",
    "map_disciplines",
    "map_overview",
    "map_view",
    "role_card",
    "usual_kinds",
]

#: The most roles the map draws before a discipline is chosen. A browser takes seconds to draw thousands of
#: roles with their moves (about 8 s for 10,000 in Chromium on two cores), and no one reads that many at once:
#: a larger framework opens on its overview (:func:`map_overview`), and the page says how to see the roles.
MAP_ROLES_AT_ONCE = 1500


def usual_kinds(framework: Framework, G: nx.DiGraph) -> tuple[str, ...]:
    """The kinds of move the map shows unless asked otherwise (lateral moves are left out where they would
    hide the ladders: see :func:`framework.careermap.default_kinds`)."""
    return tuple(default_kinds(G))


def map_disciplines(framework: Framework, G: nx.DiGraph) -> dict[str, str | None]:
    """Discipline name → id, for the map's discipline filter (names as the Roles page shows them), in the map's
    order of rows: as their roles come in the file, roles without a discipline last."""
    names = {d["discipline_name"]: d["discipline"] for _, d in G.nodes(data=True)}
    return dict(sorted(names.items(), key=lambda item: item[1] is None))


def map_overview(framework: Framework, G: nx.DiGraph) -> MapOverview:
    """The overview a framework of more than :data:`MAP_ROLES_AT_ONCE` roles opens on: its roles counted by
    discipline and grade (:func:`framework.careermap.map_overview`)."""
    return overview_of(G)


def map_view(
    framework: Framework, G: nx.DiGraph, kinds: tuple[str, ...], focus: tuple[str | None, ...] | None
) -> CareerMap:
    """The map showing ``kinds`` of move, of the ``focus`` disciplines (ids; None: all)."""
    return career_map(G, kinds=kinds, disciplines=focus)


@dataclass(frozen=True)
class EasiestRoute:
    roles: tuple[str, ...]  # empty when there is none
    no_route: str | None  # why not, as a sentence


def easiest_route(framework: Framework, G: nx.DiGraph, source: str, target: str) -> EasiestRoute:
    """The easiest route from ``source`` to ``target``, to draw on the map."""
    try:
        return EasiestRoute(tuple(progression_paths(G, source, target, limit=1)[0].roles), None)
    except NoPath as error:
        return EasiestRoute((), f"There is no route from your role to {G.nodes[target]['title']}: {error.reason}.")


@dataclass(frozen=True)
class RoleCard:
    """What the map's panel says of a role chosen on it: where it sits, where it leads and what leads to it."""

    role: str
    title: str
    grade: str
    discipline: str
    described: bool  # False for a role only named in another role's document
    onward: tuple[Connection, ...]
    reached_from: tuple[Connection, ...]


def role_card(framework: Framework, G: nx.DiGraph, role_id: str) -> RoleCard:
    node = G.nodes[role_id]
    profile = role_profile(framework, G, role_id)
    return RoleCard(
        role=role_id,
        title=node["title"],
        grade=grade_text(framework, G, role_id),
        discipline=node["discipline_name"],
        described=profile.status == "described",
        onward=profile.onward,
        reached_from=profile.reached_from,
    )
