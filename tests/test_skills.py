"""Skill gaps, profiles, and the council roles' DDaT benchmarks."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from framework import FrameworkError, RoleNotFound, load_framework
from framework.graph import LateralRule, build_graph, move_reason, move_relations
from framework.routes import progression_paths
from framework.skills import Profile, dump_profile, load_profile, profile_from_role, skill_gap
from tests.conftest import DATA

DDAT_FILE = DATA / "ddat.yaml"

# Council role → its DDaT benchmark role level (issue brief for the first five; the rest by title).
BENCHMARKS = {
    "associate-project-manager": "associate-delivery-manager",
    "delivery-manager": "delivery-manager",
    "senior-product-manager": "senior-product-manager",
    "lead-developer": "lead-developer",
    "head-of-delivery-management": "head-of-agile-delivery-management",
    "senior-delivery-manager": "senior-delivery-manager",
    "lead-product-manager": "lead-product-manager",
    "head-of-product": "head-of-product",
}


@pytest.fixture(scope="module")
def ddat():
    return load_framework(DDAT_FILE)


@pytest.fixture(scope="module")
def ddat_graph(ddat):
    return build_graph(ddat)


def rows(gap):
    return [(r.skill, r.required, r.current, r.gap) for r in gap.rows]


@pytest.mark.parametrize(("council_role", "ddat_level"), BENCHMARKS.items())
def test_council_roles_take_their_skills_from_their_benchmark(council, ddat, council_role, ddat_level):
    role, level = council.role(council_role), ddat.role(ddat_level)
    assert [(b.framework, b.role) for b in role.benchmarks if b.framework == "DDaT"] == [("DDaT", level.title)]
    assert {(s.skill, s.level) for s in role.skills} == {(s.skill, s.level) for s in level.skills}
    for requirement in role.skills:
        assert requirement.source == f"DDaT: {level.title}"
        assert council.skills_by_id[requirement.skill].levels == ddat.skills_by_id[requirement.skill].levels


def test_roles_without_a_ddat_counterpart_say_so(council):
    for role_id in ("project-manager", "head-of-technology", "executive-director-for-delivery-and-capabilities"):
        role = council.role(role_id)
        assert role.skills == []
        (benchmark,) = [b for b in role.benchmarks if b.framework == "DDaT"]
        assert benchmark.role is None
        assert benchmark.note


def test_evidence_lines_are_lines_of_the_roles_own_document(council):
    linked = 0
    for role in council.roles:
        lines = role.job_description.lines() if role.job_description else []
        for requirement in role.skills:
            assert set(requirement.evidence) <= set(lines), (role.id, requirement.skill)
            linked += bool(requirement.evidence)
    assert linked >= 35  # most requirements of the five documents are evidenced


def test_gap_from_associate_project_manager_to_delivery_manager_is_the_ddat_gap(council, ddat):
    council_gap = skill_gap(council, "associate-project-manager", "delivery-manager")
    ddat_gap = skill_gap(ddat, "associate-delivery-manager", "delivery-manager")
    assert rows(council_gap) == rows(ddat_gap)
    assert council_gap.levels_to_gain == ddat_gap.levels_to_gain == 10
    assert council_gap.readiness == pytest.approx(1 / 9)  # only commercial management is already met


def test_gap_rows_carry_the_descriptors_still_to_reach(council):
    gap = skill_gap(council, "associate-project-manager", "delivery-manager")
    making = next(r for r in gap.rows if r.skill == "making-a-process-work")
    assert (making.current, making.required, making.gap) == ("working", "expert", 2)
    assert [step.level for step in making.to_reach] == ["practitioner", "expert"]
    skill = council.skills_by_id["making-a-process-work"]
    assert [step.descriptor for step in making.to_reach] == [skill.levels["practitioner"], skill.levels["expert"]]
    assert gap.rows[0].gap == max(r.gap for r in gap.rows), "biggest gaps first"
    assert making.evidence, "the target's job-description lines come with the row"


def test_strengths_when_the_current_role_exceeds_the_target(council):
    gap = skill_gap(council, "delivery-manager", "associate-project-manager")
    assert gap.levels_to_gain == 0
    assert gap.readiness == 1.0
    assert {r.skill for r in gap.strengths} == {
        "agile-and-lean-practices", "communicating-between-the-technical-and-non-technical", "financial-management",
        "life-cycle-management", "maintaining-delivery-momentum", "making-a-process-work", "planning",
        "team-dynamics-and-collaboration",
    }  # fmt: skip


def test_gap_to_a_role_without_skills_has_no_readiness(council):
    gap = skill_gap(council, "delivery-manager", "head-of-technology")
    assert gap.rows == ()
    assert gap.readiness is None
    assert {r.skill for r in gap.extra} == {req.skill for req in council.role("delivery-manager").skills}


def test_gap_across_disciplines(council):
    gap = skill_gap(council, "delivery-manager", "senior-product-manager")
    shared = {r.skill for r in gap.rows if r.current}
    assert shared == {"agile-and-lean-practices", "life-cycle-management"}


def test_unknown_role_in_a_gap(council):
    with pytest.raises(RoleNotFound):
        skill_gap(council, "delivery-manager", "astronaut")


def test_gap_from_a_self_assessment(council):
    profile = Profile(framework=council.id, skills={"agile-and-lean-practices": "expert", "planning": "working"})
    gap = skill_gap(council, profile, "delivery-manager")
    agile = next(r for r in gap.rows if r.skill == "agile-and-lean-practices")
    assert (agile.current, agile.met, agile.surplus) == ("expert", True, 1)
    assert gap.current == "my self-assessment"


# --------------------------------------------------------------------------- profiles


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_profile_round_trip(council, fmt):
    profile = profile_from_role(council, "delivery-manager", label="Sam, May review")
    profile = profile.model_copy(update={"skills": {**profile.skills, "planning": "expert"}})
    text = dump_profile(profile, fmt=fmt)
    if fmt == "json":
        assert json.loads(text)["profile_version"] == 1
    again = load_profile(text.encode(), name=f"p.{fmt}", framework=council)
    assert again == profile


PROFILE_ERRORS = [
    ("profile_version: 2\nframework: council-digital\n", "p.yaml:1:1: profile_version: input should be 1"),
    ("framework: council-digital\nskills:\n  planing: working\n", "p.yaml:3:3: skills.planing: unknown skill 'planing' (did you mean 'planning'?)"),  # noqa: E501
    ("framework: council-digital\nskills:\n  planning: guru\n", "p.yaml:3:3: skills.planning: unknown skill level 'guru' (known: awareness, working, practitioner, expert)"),  # noqa: E501
    ("framework: ddat\n", "p.yaml:1:1: framework: the profile is for framework 'ddat', not 'council-digital'"),
    ("framework: council-digital\nbased_on: astronaut\n", "p.yaml:2:1: based_on: unknown role 'astronaut'"),
    ("framework: council-digital\nhobbies: [chess]\n", "p.yaml:2:1: hobbies: unknown field 'hobbies'"),
    ("skills: {}\n", "p.yaml:1:1: framework: missing required field 'framework'"),
    ("[1, 2]\n", "p.yaml:1:1: a profile is a mapping"),
    ("framework: [\n", "p.yaml:2:1: YAML syntax"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), PROFILE_ERRORS)
def test_profile_problems_are_located(council, text, expected):
    with pytest.raises(FrameworkError) as caught:
        load_profile(text.encode(), name="p.yaml", framework=council)
    assert any(str(p).startswith(expected) for p in caught.value.problems), [str(p) for p in caught.value.problems]


def test_profile_reports_every_problem_at_once(council):
    text = b"framework: council-digital\nskills:\n  planing: guru\n  agile-and-lean-practices: master\n"
    with pytest.raises(FrameworkError) as caught:
        load_profile(text, name="p.yaml", framework=council)
    assert len(caught.value.problems) == 3


def test_profile_rejects_non_utf8_and_oversized(council):
    with pytest.raises(FrameworkError, match="not UTF-8"):
        load_profile(b"\xff\xfe\xfa", name="p.yaml", framework=council)
    with pytest.raises(FrameworkError, match="larger than"):
        load_profile(b"#" * 300_000, name="p.yaml", framework=council)


# --------------------------------------------------------------------------- effort and laterals


def test_effort_counts_levels_to_gain_and_grade_steps(council_graph, council):
    edge = council_graph.edges["delivery-manager", "senior-delivery-manager"]
    gap = skill_gap(council, "delivery-manager", "senior-delivery-manager")
    assert edge["levels_to_gain"] == gap.levels_to_gain
    assert edge["effort"] == 1 + edge["grade_steps"] + gap.levels_to_gain


def test_ddat_route_from_apprentice_developer_to_head_of_delivery(ddat_graph):
    routes = progression_paths(ddat_graph, "apprentice-developer", "head-of-agile-delivery-management", limit=3)
    assert routes
    assert [r.effort for r in routes] == sorted(r.effort for r in routes)
    for step in routes[0].steps:
        assert step.reason
        assert step.kind in ("promotion", "lateral")
    assert any(s.reason.startswith("Skills overlap: ") for s in routes[0].steps)


def test_lateral_rule_is_configurable(ddat):
    strict = build_graph(ddat, laterals=LateralRule(min_overlap=0.9))
    off = build_graph(ddat, laterals=LateralRule(enabled=False))
    default = build_graph(ddat)

    def laterals(G):
        return sum(d["kind"] == "lateral" for *_, d in G.edges(data=True))

    assert laterals(off) < laterals(strict) < laterals(default)
    assert not nx.has_path(off, "apprentice-developer", "head-of-agile-delivery-management")


def test_lateral_reasons_name_the_shared_skills(ddat_graph):
    reason = move_reason(ddat_graph.edges["product-manager", "delivery-manager"])
    assert reason == (
        "Skills overlap: Product manager already needs 2 of the 9 skills Delivery manager needs (22%): "
        "Agile and Lean practices, Life cycle management"
    )


def test_a_move_from_skill_overlap_keeps_the_parts_of_its_reason(ddat_graph):
    """200,000 such moves at 10,000 roles: each keeps references to shared titles and listings, and its
    sentence is written when read — the same sentence, word for word."""
    overlaps = [(u, v, d) for u, v, d in ddat_graph.edges(data=True) if "overlap" in d]
    assert len(overlaps) > 100
    for u, v, data in overlaps:
        source, shared, needed, target, share, listing = data["overlap"]
        assert "reason" not in data
        assert (source, target) == (ddat_graph.nodes[u]["title"], ddat_graph.nodes[v]["title"])
        assert move_reason(data) == (
            f"Skills overlap: {source} already needs {shared} of the {needed} skills {target} needs ({share}): "
            f"{listing}"
        )
        assert move_relations(data) == (("lateral", move_reason(data)),)
    listings = {id(d["overlap"][5]) for _, _, d in overlaps}
    assert len(listings) < len(overlaps), "moves sharing the same skills share one listing"


def test_every_ddat_role_is_reachable_from_an_entry_rung_or_has_no_way_in(ddat, ddat_graph):
    lowest = {}
    for role in ddat.roles:
        key = (role.discipline, role.track)
        rank = ddat.grade_rank[role.grade]
        lowest[key] = min(lowest.get(key, rank), rank)
    starts = {r.id for r in ddat.roles if ddat.grade_rank[r.grade] == lowest[(r.discipline, r.track)]}
    reachable = set(starts)
    for start in starts:
        reachable |= nx.descendants(ddat_graph, start)
    unreachable = {r.id for r in ddat.roles} - reachable
    assert unreachable == set(), sorted(unreachable)
    chiefs = [r.id for r in ddat.roles if r.grade == "chief"]
    assert len(chiefs) == 4
    assert all(ddat_graph.in_degree(c) == 0 for c in chiefs), "Chief roles: single levels, no way in"


def test_a_role_without_skills_counts_as_holding_the_rung_below(council_graph, council):
    """Project Manager has no DDaT benchmark: the step out of it is measured from Associate Project Manager."""
    assert council.role("project-manager").skills == []
    assert council_graph.edges["associate-project-manager", "project-manager"]["levels_to_gain"] == 0
    into_delivery_manager = council_graph.edges["project-manager", "delivery-manager"]["levels_to_gain"]
    assert into_delivery_manager == skill_gap(council, "associate-project-manager", "delivery-manager").levels_to_gain


def test_every_requirement_is_a_gap_a_strength_or_at_the_level_needed(ddat):
    gap = skill_gap(ddat, "senior-developer", "lead-developer")
    assert (len(gap.gaps), len(gap.at_level)) == (2, 8)
    assert all(r.met and not r.surplus for r in gap.at_level)
    assert sorted(r.skill for r in (*gap.gaps, *gap.strengths, *gap.at_level)) == sorted(r.skill for r in gap.rows)
