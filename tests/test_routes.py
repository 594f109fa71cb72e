"""Routes: progression_paths finds what networkx's Yen finds (the same efforts, in order), and the lower bound
that guides its searches never overestimates the effort still to go."""

from __future__ import annotations

import random
from itertools import islice, pairwise

import networkx as nx
import pytest

from bench.figures import reachable_pairs
from bench.synthetic import synthetic_framework
from framework import load_framework, load_framework_text
from framework.graph import EffortWeights, build_graph
from framework.routes import _RouteBound, progression_paths
from tests.conftest import DATA
from tests.samples import BRANCHED


@pytest.fixture(scope="module")
def graphs(council_graph):
    ddat = build_graph(load_framework(DATA / "ddat.yaml"))
    return {"council": council_graph, "ddat": ddat, "synthetic 400": build_graph(synthetic_framework(400))}


def _effort(G: nx.DiGraph, path: list[str]) -> float:
    return sum(G.edges[u, v]["effort"] for u, v in pairwise(path))


@pytest.mark.parametrize("name", ["council", "ddat", "synthetic 400"])
def test_routes_have_the_efforts_networkx_finds(graphs, name):
    G = graphs[name]
    for source, target in reachable_pairs(G, 25, seed=5):
        routes = progression_paths(G, source, target, limit=5)
        expected = [
            _effort(G, path) for path in islice(nx.shortest_simple_paths(G, source, target, weight="effort"), 5)
        ]
        assert [r.effort for r in routes] == pytest.approx(expected), (source, target)
        seen = set()
        for route in routes:
            roles = route.roles
            assert (roles[0], roles[-1]) == (source, target)
            assert len(set(roles)) == len(roles)  # simple: no role twice
            assert all(G.has_edge(u, v) for u, v in pairwise(roles))
            assert route.effort == pytest.approx(_effort(G, roles))
            seen.add(tuple(roles))
        assert len(seen) == len(routes)  # distinct routes


@pytest.mark.parametrize("name", ["council", "ddat", "synthetic 400"])
def test_the_bound_never_overestimates_the_effort_to_go(graphs, name):
    G = graphs[name]
    rng = random.Random(9)
    targets = rng.sample(sorted(G), min(12, len(G)))
    checked = 0
    for target in targets:
        bound = _RouteBound(G, target, "effort")
        assert bound.usable
        to_go = nx.shortest_path_length(G, target=target, weight="effort")  # every role that can reach it
        for node, effort in to_go.items():
            assert bound(node) <= effort + 1e-9, (node, target)
            checked += 1
        assert bound(target) == 0
    assert checked > len(targets)


def test_the_bound_leaves_out_grades_when_a_role_is_unplaced(council_graph):
    # The council framework has referenced roles placed by reporting lines; a role with no grade and no lines
    # is unplaced, and a move to it counts one grade step whatever the climb: the bound cannot count grades.
    G = build_graph(load_framework_text(BRANCHED, name="b.yaml"))
    assert G.graph["route_bound"]["placed"] is False
    assert _RouteBound(G, "pr", "effort").per_step == 0
    assert council_graph.graph["route_bound"]["placed"] is True
    assert _RouteBound(council_graph, "head-of-delivery-management", "effort").per_step == 1


def test_other_weights_and_graphs_fall_back_to_dijkstra(council_graph):
    assert not _RouteBound(council_graph, "head-of-product", "grade_steps").usable
    plain = nx.DiGraph(council_graph)
    del plain.graph["route_bound"]  # as a graph not made by build_graph
    assert not _RouteBound(plain, "head-of-product", "effort").usable
    a, b = "associate-project-manager", "head-of-delivery-management"
    assert [r.roles for r in progression_paths(plain, a, b, limit=2)] == [
        r.roles for r in progression_paths(council_graph, a, b, limit=2)
    ]
    by_steps = progression_paths(council_graph, a, b, weight="grade_steps")
    assert by_steps[0].roles[0] == a


def test_negative_weights_are_refused_not_looped_over(council):
    G = build_graph(council, weights=EffortWeights(promotion=-5, per_grade_step=0, per_skill_level=0))
    assert not _RouteBound(G, "head-of-delivery-management", "effort").usable
    with pytest.raises(ValueError, match="Negative weight"):
        progression_paths(G, "associate-project-manager", "head-of-delivery-management")
