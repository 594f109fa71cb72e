"""The career graph: ladders, derived promotions, placement of unknown grades, routes and their errors."""

from __future__ import annotations

import pytest

from framework import NoPath, RoleNotFound, load_framework_text
from framework.graph import EffortWeights, build_graph, ladder, move_reason, move_relations
from framework.routes import next_steps, progression_paths
from tests.samples import BRANCHED


@pytest.mark.parametrize(
    ("discipline", "expected"),
    [
        (
            "delivery",
            [
                "associate-project-manager",  # PO1
                "project-manager",  # referenced: above PO1 (the APM reports to it)
                "delivery-manager",  # PO4
                "senior-delivery-manager",  # referenced: above PO4
                "head-of-delivery-management",  # Head
            ],
        ),
        ("product", ["senior-product-manager", "lead-product-manager", "head-of-product"]),
        ("technology", ["lead-developer", "head-of-technology"]),
    ],
)
def test_council_ladders(council_graph, discipline, expected):
    assert ladder(council_graph, discipline) == expected


def test_nodes_carry_what_the_views_need(council_graph):
    node = council_graph.nodes["delivery-manager"]
    assert (node["title"], node["grade"], node["grade_rank"], node["discipline"], node["status"]) == (
        "Delivery Manager", "PO4", 3, "delivery", "described"
    )  # fmt: skip
    referenced = council_graph.nodes["senior-delivery-manager"]
    assert referenced["grade"] is None
    assert referenced["grade_rank"] is None
    assert referenced["status"] == "referenced"
    assert referenced["bounds"] == "grade not stated; above PO4 by its reporting lines"


def test_unknown_grades_are_placed_between_their_reporting_lines(council_graph):
    position = {n: d["position"] for n, d in council_graph.nodes(data=True)}
    assert position["senior-product-manager"] < position["lead-product-manager"] < position["head-of-product"]
    assert position["delivery-manager"] < position["senior-delivery-manager"] < position["head-of-delivery-management"]
    assert position["head-of-delivery-management"] < position["executive-director-for-delivery-and-capabilities"]


def test_every_edge_has_a_kind_and_a_reason(council_graph):
    assert council_graph.number_of_edges() > 0
    for _, _, data in council_graph.edges(data=True):
        assert data["kind"] in ("promotion", "lateral", "reports_to")
        assert move_reason(data).strip()
        assert data["effort"] > 0
        assert all(reason.strip() for _, reason in move_relations(data))


def test_promotion_reason_names_the_skipped_grades(council_graph):
    reason = council_graph.edges["project-manager", "delivery-manager"]["reason"]
    assert reason.startswith("Next rung up the Delivery ladder: Project Manager (grade not stated")
    edge = council_graph.edges["senior-delivery-manager", "head-of-delivery-management"]
    assert edge["kind"] == "promotion"


def test_a_promotion_that_is_also_a_reporting_line_keeps_both_reasons(council_graph):
    edge = council_graph.edges["associate-project-manager", "project-manager"]
    assert edge["kind"] == "promotion"
    assert [kind for kind, _ in edge["relations"]] == ["promotion", "reports_to"]
    assert "This role is responsible to the Project Manager to:" in edge["relations"][1][1]


def test_reporting_line_edge_to_a_role_off_every_ladder(council_graph):
    edge = council_graph.edges["head-of-delivery-management", "executive-director-for-delivery-and-capabilities"]
    assert edge["kind"] == "reports_to"
    assert edge["reason"].startswith("Head of Delivery Management reports to Executive Director")


def test_next_steps(council_graph):
    steps = next_steps(council_graph, "delivery-manager")
    assert [(s.target, s.kind) for s in steps] == [("senior-delivery-manager", "promotion")]
    assert steps[0].grade_change == "PO4 → grade not stated; above PO4 by its reporting lines"
    assert next_steps(council_graph, "executive-director-for-delivery-and-capabilities") == []


def test_route_up_the_delivery_ladder(council_graph):
    (route,) = progression_paths(council_graph, "associate-project-manager", "head-of-delivery-management")
    assert route.roles == [
        "associate-project-manager",
        "project-manager",
        "delivery-manager",
        "senior-delivery-manager",
        "head-of-delivery-management",
    ]
    assert route.effort == sum(step.effort for step in route.steps)
    assert all(step.reason for step in route.steps)


@pytest.mark.parametrize(
    ("source", "target", "because"),
    [
        ("delivery-manager", "associate-project-manager", "is below Delivery Manager"),
        ("delivery-manager", "head-of-product", "no lateral move or reporting line leads from them"),
        ("head-of-technology", "executive-director-for-delivery-and-capabilities", "has no onward move"),
        ("delivery-manager", "delivery-manager", "the same role"),
    ],
)
def test_no_path_says_why(council_graph, source, target, because):
    with pytest.raises(NoPath) as caught:
        progression_paths(council_graph, source, target)
    assert because in caught.value.reason


def test_unknown_role_ids(council_graph):
    with pytest.raises(RoleNotFound, match="did you mean 'delivery-manager'"):
        progression_paths(council_graph, "delivery-manger", "head-of-product")
    with pytest.raises(RoleNotFound):
        next_steps(council_graph, "nobody")


@pytest.fixture(scope="module")
def branched():
    return build_graph(load_framework_text(BRANCHED, name="b.yaml"))


def test_tracks_are_separate_ladders(branched):
    assert ladder(branched, "dev", track="developer") == ["jr", "dev", "sr", "sr-m", "lead", "lead-m", "pr"]
    assert ladder(branched, "dev", track="tester") == ["tester"]
    assert not branched.has_edge("tester", "sr")


def test_management_branch_runs_parallel(branched):
    def kinds(u):
        return {v: d["kind"] for v, d in branched.adj[u].items()}

    assert kinds("dev") == {"sr": "promotion", "sr-m": "promotion"}  # the main ladder may branch
    assert kinds("sr-m") == {"lead-m": "promotion", "sr": "lateral"}  # the branch continues on itself
    assert kinds("lead-m") == {"pr": "promotion", "lead": "lateral"}  # …and rejoins where it ends
    assert "onto the management branch" in branched.edges["dev", "sr-m"]["reason"]
    assert branched.edges["sr", "sr-m"]["reason"].startswith("Parallel management branch at the same level")


def test_stated_lateral_moves_keep_their_reason(branched):
    edge = branched.edges["tester", "sre"]
    assert (edge["kind"], edge["reason"]) == ("lateral", "Testers often move into reliability work")


def test_a_role_with_no_grade_and_no_lines_is_unplaced_but_never_crashes(branched):
    assert branched.nodes["floating"]["position"] is None
    assert ladder(branched, "ops") == ["sre", "floating"]
    assert next_steps(branched, "floating") == []
    with pytest.raises(NoPath, match="Unplaced role has no rung below it, no lateral move into it"):
        progression_paths(branched, "jr", "floating")


def test_routes_are_ranked_by_effort_and_limited(branched):
    routes = progression_paths(branched, "jr", "pr", limit=3)
    assert len(routes) == 3
    efforts = [r.effort for r in routes]
    assert efforts == sorted(efforts)
    assert routes[0].roles == ["jr", "dev", "sr", "lead", "pr"]
    assert len(progression_paths(branched, "jr", "pr", limit=1)) == 1


def test_effort_weights_are_a_keyword_option():
    framework = load_framework_text(BRANCHED, name="b.yaml")
    heavy = build_graph(framework, weights=EffortWeights(lateral=10))
    assert heavy.edges["tester", "sre"]["effort"] == 10 + 1  # one grade step, mid → senior
    assert build_graph(framework).edges["tester", "sre"]["effort"] == 2 + 1


def test_a_move_lists_its_relations_only_when_it_has_several(council_graph):
    """Nearly every move has one relation: it is read from its kind and reason, not kept twice."""
    for _, _, data in council_graph.edges(data=True):
        several = data.get("relations")
        assert several is None or len(several) >= 2
        assert move_relations(data)[0] == (data["kind"], move_reason(data))
