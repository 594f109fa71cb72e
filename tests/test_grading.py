"""Grading consistency: the planted pairs of a small framework and nothing else, the thresholds as keyword
options, the evidence in words, and a cost that stays bounded on a framework of 10,000 roles."""

from __future__ import annotations

import pytest

from framework import load_framework
from framework.grading import DIVERGENT, NEAR_IDENTICAL, GradingRule, grading_consistency, grading_table
from framework.loader import load_framework_text
from framework.models import Framework
from tests.conftest import DATA
from tests.samples import GRADING, two_ladders


@pytest.fixture(scope="module")
def sample():
    return load_framework_text(GRADING)


def test_finds_exactly_the_planted_pairs(sample):
    report = grading_consistency(sample)
    assert [(p.kind, p.first, p.second) for p in report.pairs] == [
        (NEAR_IDENTICAL, "analyst-2", "analyst-3"),
        (DIVERGENT, "designer", "design-assistant"),
    ]
    assert report.roles == 7, "the role named only in another document has no grade and no requirements"
    assert report.left_out == 0


def test_the_evidence_names_the_skills_and_levels_compared(sample):
    near, divergent = grading_consistency(sample).pairs
    assert near.likeness == pytest.approx(11 / 12)
    assert near.same_discipline
    assert near.evidence[0] == "Analyst II (G2) and Analyst III (G3) ask for 92% the same"
    assert "Both ask for 3: Modelling at Practitioner; Statistics at Practitioner; Reporting at Practitioner" in (
        near.evidence
    )
    assert "At different levels: Data quality at Working in Analyst II, Practitioner in Analyst III" in near.evidence
    assert divergent.evidence[0] == "Both at G2"
    assert divergent.evidence[1].startswith("Designer asks for 4 skills at an average level of 3 (of 4)")
    assert divergent.evidence[2].startswith("Design assistant asks for 3 skills at an average level of 1 (of 4)")
    table = grading_table(sample, grading_consistency(sample))
    assert list(table["First role"]) == ["Analyst II", "Designer"]
    assert list(table["Alike"]) == ["92%", "0%"]


def test_thresholds_are_keyword_options(sample):
    strict = grading_consistency(sample, rule=GradingRule(similar=0.95, level_gap=2.5))
    assert strict.pairs == ()
    loose = grading_consistency(sample, rule=GradingRule(level_gap=0.5))
    assert (DIVERGENT, "lead-designer", "analyst-3") in [(p.kind, p.first, p.second) for p in loose.pairs]
    assert not next(p for p in loose.pairs if p.kind == DIVERGENT and p.first == "lead-designer").same_discipline


def test_the_shipped_frameworks_are_checked_quickly():
    ddat = load_framework(DATA / "ddat.yaml")
    report = grading_consistency(ddat)
    pairs = {(p.first, p.second): p for p in report.pairs}
    # DDaT asks the same of its Lead quality assurance test analyst and its Head of test.
    assert pairs[("lead-quality-assurance-test-analyst", "head-of-test")].likeness == 1.0
    assert report.left_out == 0
    assert report.compared < 1_000, "prefix filtering compares a few hundred of DDaT's 20,000 pairs"


def _crowd(roles: int) -> Framework:
    """``roles`` roles over 5 grades and 20 disciplines, all needing the same few skills at similar levels: the
    worst case for the likeness check, every role in every bucket."""
    data = {
        "id": "crowd",
        "name": "Crowd",
        "grades": [{"id": f"g{i}"} for i in range(5)],
        "disciplines": [{"id": f"d{i}", "name": f"D{i}"} for i in range(20)],
        "skill_levels": [{"id": f"l{i}", "name": f"L{i}"} for i in range(4)],
        "skills": [{"id": f"s{i}", "name": f"S{i}"} for i in range(6)],
        "roles": [
            {
                "id": f"r{i}",
                "title": f"R{i}",
                "grade": f"g{i % 5}",
                "discipline": f"d{i % 20}",
                "source": {"kind": "import", "framework": "t"},
                "skills": [{"skill": f"s{k}", "level": f"l{(i + k) % 2 + 1}"} for k in range(6)],
            }
            for i in range(roles)
        ],
    }
    return Framework.model_validate(data)


@pytest.mark.slow
def test_cost_is_bounded_on_ten_thousand_roles():
    framework = _crowd(10_000)
    rule = GradingRule(max_comparisons=200_000)
    report = grading_consistency(framework, rule=rule)
    assert report.roles == 10_000
    assert report.compared <= rule.max_comparisons
    assert report.compared == rule.max_comparisons, "the budget is spent, smallest buckets first"
    assert report.left_out > 0, "the buckets of 10,000 alike roles are over the budget, and say so"
    assert report.pairs, "the pairs found within the budget are listed"


def test_a_framework_of_hostile_text_is_checked_and_reviewed():
    """Its person-specification headings are longer than an id may be: their areas' ids are cut to fit."""
    from framework.findings import findings
    from framework.graph import build_graph
    from framework.review import review_markdown
    from tests.browser.frameworks import HOSTILE_FRAMEWORK

    framework = load_framework_text(HOSTILE_FRAMEWORK)
    report = grading_consistency(framework)
    assert report.roles >= 1
    graph = build_graph(framework)
    assert findings(framework, graph)
    assert review_markdown(framework, graph).startswith("# Structure review:")


@pytest.mark.parametrize("as_branches", [False, True], ids=["tracks", "branches"])
def test_an_engineer_and_a_manager_at_one_grade_are_not_compared(as_branches):
    """They differ by design: 3 expectations a level on one ladder, 15 on the other, once flagged "0% the same"."""
    framework = load_framework_text(two_ladders({3: 3, 4: 3, 5: 3}, {3: 15, 4: 15, 5: 15}, as_branches=as_branches))
    assert grading_consistency(framework).pairs == ()


def test_two_roles_of_one_ladder_at_one_grade_are_still_compared():
    """The engineers' ladder has two roles at grade 4, one stating four times the other's expectations."""
    data = load_framework_text(two_ladders({3: 3, 4: 3, 5: 3}, {3: 15})).model_dump()
    engineer = next(r for r in data["roles"] if r["id"] == "engineer-4")
    texts = [f"{e['text']}, part {n}" for n in range(4) for e in engineer["expectations"]]
    twin = {**engineer, "id": "engineer-4b", "expectations": [{"text": t, "area": "craft"} for t in texts]}
    framework = Framework.model_validate({**data, "roles": [*data["roles"], twin]})
    pairs = [(p.kind, p.first, p.second) for p in grading_consistency(framework).pairs]
    assert pairs == [(DIVERGENT, "engineer-4b", "engineer-4")]


def test_roles_on_two_branches_with_skills_are_not_compared_but_across_disciplines_they_are(sample):
    """Skill levels share one scale: a designer and an analyst at one grade are compared; a role and its
    people-manager branch at one grade are not."""
    data = sample.model_dump()
    assistant = next(r for r in data["roles"] if r["id"] == "design-assistant")
    manager = {
        **assistant,
        "id": "design-lead",
        "branch": "m",
        "skills": [{**s, "level": "l4"} for s in assistant["skills"]],
    }
    branches = [{"id": "m", "name": "Manager"}]
    framework = Framework.model_validate({**data, "branches": branches, "roles": [*data["roles"], manager]})
    pairs = [(p.kind, p.first, p.second) for p in grading_consistency(framework).pairs]
    assert not [pair for pair in pairs if "design-lead" in pair], pairs
    assert (DIVERGENT, "designer", "design-assistant") in pairs
