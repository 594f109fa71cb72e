"""The cost model of the graph (framework/cost.py): what a file may ask the graph to derive, and what happens
beyond that — the best moves kept and the rest counted, or the file refused with a located problem.

The worst files the upload's limits allow (tests/hostile.py) are read and built in a fresh interpreter, so
that their time and peak memory are their own; the figures are printed (and quoted in SECURITY.md).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import subprocess
import sys

import networkx as nx
import pytest

from framework import FrameworkError, InputError, load_framework, load_framework_text
from framework.cost import LIMITS, CostLimits, cost_problems
from framework.graph import LateralRule, _levels_to_gain, build_graph, move_relations
from framework.models import Framework
from framework.placement import nearest_known_grades, placements
from tests import hostile
from tests.commands import framework_command
from tests.conftest import ROOT, shipped_params

OVERLAP = "Skills overlap: "


def in_fresh_process(kind: str, size: int, max_bytes: int = hostile.UPLOAD) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "tests.hostile", kind, str(size), str(max_bytes)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"{kind} ({size:,}, {figures['bytes'] / 1024:.0f} KiB): {figures}")
    return figures


def overlap_moves(G: nx.DiGraph) -> set[tuple[str, str]]:
    return {(u, v) for u, v, d in G.edges(data=True) if any(r.startswith(OVERLAP) for _, r in move_relations(d))}


# --------------------------------------------------------------------------- the worst uploads


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_the_worst_skill_overlap_upload_keeps_the_best_moves_in_little_memory():
    """Roles at one grade, each on a ladder of its own, all needing the same two skills, as many as an upload
    may hold: every pair is a plausible move (23 million, once, and a server out of memory). Each role keeps
    its best 20 and the rest are counted."""
    size = hostile.largest(hostile.same_grade)
    assert size > 4_500
    figures = in_fresh_process("same-grade", size)
    kept = size * LIMITS.laterals_per_role
    assert figures["outcome"] == f"loaded {size} roles, {kept} moves, {size * (size - 1) - kept} left out"
    assert figures["growth_mib"] < 300, figures


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.parametrize("kind", ["chain", "wide-profiles"])
def test_the_worst_uploads_of_other_shapes_load_in_little_memory(kind):
    """A chain of thousands of roles without a grade (placing each searched the whole chain: quadratic), and
    thousands of roles carrying one role's thousands of skills (a copy each)."""
    size = hostile.largest(hostile.GENERATORS[kind])
    figures = in_fresh_process(kind, size)
    assert figures["outcome"].startswith("loaded "), figures
    assert figures["growth_mib"] < 300, figures


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_the_most_crowded_ladder_allowed_loads_and_one_more_is_refused():
    allowed = int(LIMITS.ladder_moves**0.5)
    figures = in_fresh_process("crowded-ladder", allowed)
    assert figures["outcome"] == f"loaded {2 * allowed} roles, {allowed * allowed} moves, 0 left out"
    assert figures["growth_mib"] < 300, figures
    refused = in_fresh_process("crowded-ladder", hostile.largest(hostile.crowded_ladder))
    assert refused["outcome"].startswith("rejected: crowded-ladder.yaml:8:34: role r1: roles[1].discipline: "), refused
    assert "the D ladder is too crowded" in refused["outcome"]


# --------------------------------------------------------------------------- refused, with located problems


def refusal(text: str) -> list[str]:
    with pytest.raises(FrameworkError) as caught:
        load_framework_text(text, name="h.yaml")
    return [str(p) for p in caught.value.problems]


@pytest.mark.slow
def test_too_many_roles_at_one_grade_to_compare_are_refused_where_the_grade_is():
    """From disk, a file may hold far more roles than an upload: 12,000 at one grade would need 430 million
    pair checks. Refused while loading, at the first role of that grade, before anything is compared."""
    (found,) = refusal(hostile.same_grade(12_000))
    assert found.startswith("h.yaml:8:23: role r0: roles[0].grade: too many roles at grade g1 to compare")
    assert "12,000 roles with skills, each compared with 12,000 roles at the same grade" in found
    assert f"more than the {LIMITS.pair_checks:,} a framework may need" in found


def test_a_crowded_ladder_is_refused_where_its_rung_is():
    (found,) = refusal(hostile.crowded_ladder(400))
    assert found.startswith("h.yaml:8:34: role r1: roles[1].discipline: the D ladder is too crowded: ")
    assert "400 roles on its g1 rung and 400 on its g2 rung make 160,000 promotions" in found


@pytest.mark.parametrize(
    ("text", "limits", "says", "where"),
    [
        (hostile.same_grade(40), CostLimits(pair_checks=1_000), "too many roles at grade g1", "roles[0].grade"),
        (hostile.crowded_ladder(5), CostLimits(ladder_moves=24), "the D ladder is too crowded", "roles[1].discipline"),
        (hostile.wide_profiles(30), CostLimits(gain_work=10), "more than the 10 a framework may need", "roles[2]"),
    ],
    ids=["pair-checks", "ladder-moves", "gain-work"],
)
def test_each_limit_names_what_exceeds_it(text, limits, says, where):
    framework = load_framework_text(text)
    (problem,) = cost_problems(framework, limits=limits)
    assert (problem.code, problem.severity) == ("too-costly", "error")
    assert str(problem).split(": ")[1] == where
    assert says in problem.message
    with pytest.raises(InputError) as caught:  # a framework made in code meets the same limits
        build_graph(framework, limits=limits)
    assert caught.value.problems == [problem]


def test_what_fits_the_limits_builds_and_a_limit_lower_refuses_it():
    framework = load_framework_text(hostile.same_grade(40))
    assert cost_problems(framework) == []
    assert build_graph(framework).number_of_edges() == 40 * 20


# --------------------------------------------------------------------------- which moves are kept


def random_framework(seed: int, roles: int = 70) -> Framework:
    rng = random.Random(seed)
    skills = [f"s{i}" for i in range(8)]
    data = {
        "id": "r",
        "name": "R",
        "grades": [{"id": f"g{i}"} for i in range(3)],
        "disciplines": [{"id": f"d{i}", "name": f"D{i}"} for i in range(3)],
        "skill_levels": [{"id": f"l{i}", "name": f"L{i}"} for i in range(4)],
        "skills": [{"id": s, "name": s.upper()} for s in skills],
        "roles": [],
    }
    for i in range(roles):
        role = {"id": f"r{i}", "title": f"R{i}", "source": {"kind": "document", "document": "d"}}
        if rng.random() < 0.9:
            role["grade"] = f"g{rng.randrange(3)}"
        if rng.random() < 0.9:
            role["discipline"] = f"d{rng.randrange(3)}"
        if rng.random() < 0.5:
            role["track"] = f"t{rng.randrange(4)}"
        chosen = rng.sample(skills, rng.randrange(0, 6))
        role["skills"] = [{"skill": s, "level": f"l{rng.randrange(4)}"} for s in chosen]
        data["roles"].append(role)
    return Framework.model_validate(data)


def reference_overlaps(framework: Framework, rule: LateralRule) -> dict[str, list[tuple[str, tuple]]]:
    """Every plausible skill-overlap move, pair by pair, with its rank key: source → [(target, key)], best first."""
    rank, levels = framework.grade_rank, framework.level_rank
    roles = [r for r in framework.roles if r.skills and r.grade in rank]
    order = {r.id: i for i, r in enumerate(framework.roles)}
    out: dict[str, list[tuple[str, tuple]]] = {}
    for a in roles:
        found = []
        for b in roles:
            if abs(rank[a.grade] - rank[b.grade]) > rule.max_grade_gap or (a.discipline, a.track) == (
                b.discipline,
                b.track,
            ):
                continue
            mine, theirs = {q.skill for q in a.skills}, {q.skill for q in b.skills}
            shared = len(mine & theirs)
            share = shared / max(len(theirs), 1)
            if share >= rule.min_overlap and shared >= rule.min_shared:
                gain = _levels_to_gain(
                    {q.skill: levels[q.level] for q in a.skills}, {q.skill: levels[q.level] for q in b.skills}
                )
                found.append((b.id, (-share, -shared, gain, order[b.id])))
        out[a.id] = sorted(found, key=lambda f: f[1])
    return out


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("keep", [1, 3, 100])
def test_the_moves_kept_are_the_best_by_the_documented_ranking(seed, keep):
    """Compared with every pair checked one by one: the same plausible moves, the same levels to gain, and where
    a role has more than ``keep``, its ``keep`` best (largest share, most shared, fewest levels, file order)."""
    framework = random_framework(seed)
    G = build_graph(framework, limits=CostLimits(laterals_per_role=keep))
    expected = reference_overlaps(framework, LateralRule())
    kept = {(u, v) for u, found in expected.items() for v, _ in found[:keep]}
    assert overlap_moves(G) == kept
    for u, v in kept:
        assert G.edges[u, v]["levels_to_gain"] == _levels_to_gain(
            G.graph["route_bound"]["levels"][u], G.graph["route_bound"]["levels"][v]
        )
    left = {u: len(found) - keep for u, found in expected.items() if len(found) > keep}
    assert dict(G.graph["laterals_left_out"].per_role) == left


@pytest.mark.parametrize("total", [0, 10, 45])
def test_under_the_total_limit_every_role_keeps_the_same_number_of_its_best(total):
    framework = random_framework(3, roles=90)
    expected = reference_overlaps(framework, LateralRule())
    G = build_graph(framework, limits=CostLimits(laterals_per_role=20, laterals_total=total))
    left_out = G.graph["laterals_left_out"]
    each = left_out.kept_per_role
    assert sum(min(len(found), each) for found in expected.values()) <= total
    assert sum(min(len(found), each + 1) for found in expected.values()) > total
    assert overlap_moves(G) == {(u, v) for u, found in expected.items() for v, _ in found[:each]}
    assert left_out.total == sum(len(found) for found in expected.values()) - len(overlap_moves(G))


@pytest.mark.parametrize("path", shipped_params())
def test_the_shipped_frameworks_lose_no_move(path):
    """DDaT's roles have at most 16 skill-overlap moves each: the limits leave its graph as it was."""
    framework = load_framework(path)
    G = build_graph(framework)
    assert not G.graph["laterals_left_out"]
    expected = reference_overlaps(framework, LateralRule())
    assert overlap_moves(G) == {(u, v) for u, found in expected.items() for v, _ in found}


# --------------------------------------------------------------------------- placement in one pass


def reference_placements(framework: Framework) -> dict[str, tuple]:
    """The nearest known grade below and above each role, searched along its reporting lines one by one."""
    rank = framework.grade_rank
    known = {r.id: rank[r.grade] for r in framework.roles if r.grade in rank}
    lines = nx.DiGraph()
    lines.add_nodes_from(known)
    lines.add_nodes_from(r.id for r in framework.roles)
    lines.add_edges_from((r.id, r.reports_to.role) for r in framework.roles if r.reports_to)

    def nearest(graph, start, pick):
        found = {n: d for n, d in nx.single_source_shortest_path_length(graph, start).items() if n in known}
        found.pop(start, None)
        if not found:
            return None, 0
        best = pick(known[n] for n in found)
        return best, min(d for n, d in found.items() if known[n] == best)

    return {r.id: (nearest(lines.reverse(), r.id, max), nearest(lines, r.id, min)) for r in framework.roles}


def random_forest(seed: int, roles: int = 120) -> Framework:
    rng = random.Random(seed)
    data = {"id": "f", "name": "F", "grades": [{"id": f"g{i}"} for i in range(6)], "roles": []}
    for i in range(roles):
        role = {"id": f"r{i}", "title": f"R{i}", "source": {"kind": "document", "document": "d"}}
        if rng.random() < 0.3:
            role["grade"] = f"g{rng.randrange(6)}"
        if i and rng.random() < 0.85:
            role["reports_to"] = {"role": f"r{rng.randrange(i)}"}  # an earlier role: a forest, never a cycle
        data["roles"].append(role)
    return Framework.model_validate(data)


@pytest.mark.parametrize("seed", range(12))
def test_the_nearest_grades_found_in_one_pass_match_a_search_from_each_role(seed):
    framework = random_forest(seed)
    assert nearest_known_grades(framework) == reference_placements(framework)


def test_a_chain_of_roles_without_a_grade_is_placed_without_a_search_from_each_role(monkeypatch):
    """A search along the reporting lines from every role made a chain of n roles cost n² steps (a 763 KB
    file took 29 s): the chain is walked once, and keeps its order."""
    searches = []
    search = nx.single_source_shortest_path_length
    monkeypatch.setattr(nx, "single_source_shortest_path_length", lambda *a, **k: searches.append(a) or search(*a, **k))
    framework = load_framework_text(hostile.chain(2_000))
    where = placements(framework)
    assert searches == []
    positions = [where[f"r{i}"].position for i in range(2_000)]
    assert all(a > b for a, b in itertools.pairwise(positions))  # each below the one before
    assert all(where[f"r{i}"].upper == 2 for i in range(2_000))  # below g3, the top role's grade


# --------------------------------------------------------------------------- on the command line


def validate(tmp_path, text: str) -> subprocess.CompletedProcess:
    path = tmp_path / "h.yaml"
    path.write_text(text, encoding="utf-8")
    return framework_command("validate", "-q", path)


@pytest.mark.slow
def test_validate_builds_the_graph_and_says_what_was_left_out(tmp_path):
    result = validate(tmp_path, hostile.same_grade(100))
    assert result.returncode == 0, result.stdout + result.stderr
    ok, note = result.stdout.splitlines()
    assert ok.startswith("OK: 100 roles, 3 grades, 1 disciplines, 2 skills, 2000 moves")
    assert note == (
        "note: 7,900 skill-overlap moves left out, from 100 roles: each role keeps its 20 best (largest share of "
        "the target's skills first)"
    )


@pytest.mark.slow
def test_validate_refuses_what_the_graph_could_not_afford_with_its_place(tmp_path):
    result = validate(tmp_path, hostile.same_grade(12_000))
    assert result.returncode == 1
    (line,) = result.stdout.splitlines()
    assert line.startswith(f"{tmp_path / 'h.yaml'}:8:23: role r0: roles[0].grade: too many roles at grade g1")
    assert "Traceback" not in result.stderr
