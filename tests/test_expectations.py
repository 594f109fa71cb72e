"""Expectations per level: the model, the loader's checks, and the analyses that read them.

The council's person specifications are its roles' expectations, read from the job descriptions where they
are written; a small hand-made framework covers the rest of the model (areas with levels, cumulative levels,
tracks and branches with names, stated promotions, pay, numbered grades, resources).
"""

from __future__ import annotations

import textwrap

import pytest

from framework import FrameworkError, check_framework_text, load_framework, load_framework_text
from framework.expectations import (
    effective_expectations,
    expectation_gap,
    framework_areas,
    has_expectations,
    role_expectations,
    rung_below,
)
from framework.graph import EffortWeights, build_graph
from framework.structure import skill_cliffs
from framework.yamlwrite import dump_framework
from tests.conftest import COUNCIL

SMALL = textwrap.dedent(
    """\
    id: small
    name: Small
    grades:
      - {id: 1, name: Level 1, pay: {min: 30000, max: 40000, currency: GBP}}
      - {id: 2, name: Level 2}
      - {id: 3, name: Level 3}
    disciplines:
      - {id: eng, name: Engineering}
    tracks:
      - {id: backend, name: Backend engineering, discipline: eng}
      - {id: web, name: Web engineering, discipline: eng}
    branches:
      - {id: pm, name: People manager}
    skill_levels:
      - {id: aware, name: Awareness}
      - {id: practised, name: Practitioner}
    areas:
      - id: craft
        name: Craft
        kind: topic
        resources: [{title: A guide, link: "https://example.org/guide", kind: guide}]
      - id: people
        name: People
        levels: [{id: adopts, name: Adopts}, {id: leads, name: Leads}]
    roles:
      - id: backend-1
        title: Backend level 1
        discipline: eng
        track: backend
        grade: 1
        source: {kind: import, framework: Small}
        expectations:
          - {text: Writes tested code, area: craft, cumulative: true, level: aware}
          - {text: Asks for help early, area: people, cumulative: true, level: adopts}
      - id: backend-2
        title: Backend level 2
        discipline: eng
        track: backend
        grade: 2
        source: {kind: import, framework: Small}
        expectations:
          - text: Designs small services
            area: craft
            cumulative: true
            examples: [Split the payments worker out]
            links: [{title: Service design, url: "https://example.org/services"}]
          - {id: mentoring, text: Mentors a new joiner, area: people, cumulative: true, level: leads}
      - id: backend-3
        title: Backend level 3
        discipline: eng
        track: backend
        grade: 3
        source: {kind: import, framework: Small}
        expectations:
          - {text: Leads the design of a system, area: craft, cumulative: true}
          - {text: Writes tested code, area: craft, cumulative: true}
      - id: backend-3-pm
        title: Backend level 3 (people manager)
        discipline: eng
        track: backend
        branch: pm
        grade: 3
        source: {kind: import, framework: Small}
        expectations:
          - {text: Manages a team of engineers, area: people}
      - id: web-2
        title: Web level 2
        discipline: eng
        track: web
        grade: 2
        source: {kind: import, framework: Small}
        expectations:
          - {text: writes  tested code, area: craft}
          - {text: Builds accessible pages, area: craft}
          - {text: Designs small services, area: craft}
    """
)


@pytest.fixture(scope="module")
def small():
    return load_framework_text(SMALL, name="small.yaml")


@pytest.fixture(scope="module")
def council():
    return load_framework(COUNCIL)


def _replace(old: str, new: str) -> str:
    assert old in SMALL, old
    return SMALL.replace(old, new, 1)


def _problems(text: str) -> list[str]:
    with pytest.raises(FrameworkError) as caught:
        load_framework_text(text, name="small.yaml")
    return [str(p) for p in caught.value.problems]


# --------------------------------------------------------------------------- the council's person specifications


def test_person_specification_criteria_are_the_roles_expectations_word_for_word_and_in_order(council):
    for role in council.roles:
        spec = role.job_description.person_specification if role.job_description else None
        written = [item for c in spec.criteria for g in c.groups for item in g.items] if spec else []
        assert [e.text for e in role_expectations(council, role)] == written, role.id
    assert "expectations:" not in COUNCIL.read_text(encoding="utf-8")  # stated once: in the job description


def test_each_criterion_says_where_it_comes_from_and_has_a_readable_id(council):
    found = role_expectations(council, "delivery-manager")
    first = found[0]
    assert first.text == "Knowledge of and ability to use a range of Agile and Lean tools and techniques"
    assert (first.id, first.area, first.area_name, first.marker) == (
        "knowledge-essential-1",
        "knowledge",
        "Knowledge",
        "essential",
    )
    assert first.source == "Person specification of Delivery Manager, Knowledge — Essential"
    assert first.key == "delivery-manager/knowledge-essential-1"
    desirable = [e for e in found if e.area == "knowledge" and e.marker == "desirable"]
    assert [e.id for e in desirable] == [f"knowledge-desirable-{n}" for n in range(1, 5)]
    equal = [e for e in found if e.area == "equal-opportunities"]
    assert [e.id for e in equal] == ["equal-opportunities-1", "equal-opportunities-2"]
    assert equal[0].marker is None
    assert equal[0].source == "Person specification of Delivery Manager, Equal Opportunities"
    assert len({e.id for e in found}) == len(found)
    # Criteria listed before any marker keep no marker (nothing is invented).
    lead = [e for e in role_expectations(council, "lead-developer") if e.area == "knowledge"]
    assert lead[0].id == "knowledge-1"
    assert lead[0].marker is None


def test_person_specification_headings_are_areas(council):
    assert list(framework_areas(council)) == ["knowledge", "skills-and-abilities", "experience", "equal-opportunities"]
    assert framework_areas(council)["skills-and-abilities"].name == "Skills and Abilities"


def test_person_specification_headings_too_long_for_an_id_are_still_areas_each_its_own():
    text = COUNCIL.read_text(encoding="utf-8")
    long = "Knowledge of " + "local government digital services and their users, " * 6
    text = text.replace("heading: Knowledge\n", f"heading: {long}one\n", 1)
    text = text.replace("heading: Knowledge\n", f"heading: {long}two\n", 1)
    framework = load_framework_text(text, name="roles.yaml")
    long_areas = [a for a in framework_areas(framework).values() if a.name.startswith(long)]
    assert [a.name for a in long_areas] == [f"{long}one", f"{long}two"]
    assert len({a.id for a in long_areas}) == 2
    assert all(len(a.id) <= 120 for a in long_areas)
    for role in framework.roles:
        effective_expectations(framework, role.id)  # every role's expectations read, none refused


def test_the_council_gap_lists_the_targets_essential_and_desirable_criteria_the_current_role_lacks(council):
    gap = expectation_gap(council, "delivery-manager", "senior-product-manager")
    target = role_expectations(council, "senior-product-manager")
    current = {" ".join(e.text.split()).casefold() for e in role_expectations(council, "delivery-manager")}
    lacking = [e.text for e in target if " ".join(e.text.split()).casefold() not in current]
    assert [e.text for e in gap.to_meet] == lacking
    assert {e.marker for e in gap.to_meet} == {"essential", "desirable"}
    assert "Product thinking and how to apply it" in [e.text for e in gap.marked("essential")]
    assert "Coaching and mentoring" in [e.text for e in gap.marked("desirable")]
    # Both roles share the council's equal-opportunities criteria: met, not listed as to meet.
    assert [a.name for a in gap.areas] == ["Knowledge", "Skills and Abilities", "Experience", "Equal Opportunities"]
    assert len(gap.areas[-1].met) == 2
    assert not gap.areas[-1].to_meet
    assert gap.readiness == pytest.approx(len(gap.met) / len(target))


def test_the_council_routes_still_count_skills_not_expectations(council):
    G = build_graph(council)
    assert G.graph["counts_expectations"] is False
    assert all(d.get("expectations_to_gain", 0) == 0 for _, _, d in G.edges(data=True))
    assert "Levels to gain" in skill_cliffs(council, G).columns


# --------------------------------------------------------------------------- the rest of the model


def test_the_small_framework_loads_with_its_names_pay_and_numbered_grades(small):
    assert [g.id for g in small.grades] == ["1", "2", "3"]
    assert small.grades[0].pay.currency == "GBP"
    assert small.grades[0].pay.max == 40000
    assert small.role("backend-1").grade == "1"
    assert small.track_label("backend") == "Backend engineering"
    assert small.track_label("not-listed") == "not listed"
    assert small.branch_label("pm") == "People manager"
    assert small.areas_by_id["craft"].resources[0].link == "https://example.org/guide"
    warnings = check_framework_text(SMALL, name="small.yaml").warnings
    assert not warnings, [str(w) for w in warnings]


def test_expectation_ids_levels_examples_and_links(small):
    found = role_expectations(small, "backend-2")
    assert [e.id for e in found] == ["craft-1", "mentoring"]
    assert found[0].examples == ("Split the payments worker out",)
    assert found[0].links == (("Service design", "https://example.org/services"),)
    assert found[1].level_name == "Leads"  # an area's own level
    assert role_expectations(small, "backend-1")[0].level_name == "Awareness"  # the skill-level scale


def test_cumulative_levels_take_in_the_rung_below(small):
    assert rung_below(small, "backend-3") == "backend-2"
    assert rung_below(small, "backend-3-pm") == "backend-2"  # the branch starts from the main ladder
    assert rung_below(small, "backend-1") is None
    texts = [e.text for e in effective_expectations(small, "backend-3")]
    # Level 1's, level 2's, then level 3's own; "Writes tested code" once, though levels 1 and 3 both state it.
    assert texts == [
        "Writes tested code",
        "Asks for help early",
        "Designs small services",
        "Mentors a new joiner",
        "Leads the design of a system",
    ]
    taken = effective_expectations(small, "backend-3")[0]
    assert (taken.role, taken.from_role, taken.key) == ("backend-3", "backend-1", "backend-1/craft-1")
    # Not cumulative: only its own.
    assert [e.text for e in effective_expectations(small, "backend-3-pm")] == ["Manages a team of engineers"]


def test_a_promotion_gap_lists_what_the_level_adds_by_area_with_examples(small):
    gap = expectation_gap(small, "backend-1", "backend-2")
    assert [(a.name, [e.text for e in a.to_meet]) for a in gap.areas] == [
        ("Craft", ["Designs small services"]),
        ("People", ["Mentors a new joiner"]),
    ]
    assert gap.areas[0].to_meet[0].examples == ("Split the payments worker out",)
    assert gap.readiness == pytest.approx(2 / 4)
    assert expectation_gap(small, "backend-2", "backend-2").readiness == 1


def test_a_lateral_gap_compares_area_text_and_examples_in_any_track(small):
    gap = expectation_gap(small, "backend-2", "web-2")
    # The same text (case and spacing aside) in the same area is met; the same text without backend's examples
    # is another expectation (a source may carry its content in the examples).
    assert [e.text for e in gap.met] == ["writes  tested code"]
    assert [e.text for e in gap.to_meet] == ["Builds accessible pages", "Designs small services"]


# --------------------------------------------------------------------------- routes and the structure review


def test_route_effort_counts_expectations_where_no_role_requires_a_skill(small):
    G = build_graph(small)
    assert G.graph["counts_expectations"] is True
    edge = G.edges["backend-1", "backend-2"]
    assert (edge["kind"], edge["expectations_to_gain"], edge["levels_to_gain"]) == ("promotion", 2, 0)
    assert edge["effort"] == 1 + 1 + 2  # promotion base, one grade, two expectations
    heavier = build_graph(small, weights=EffortWeights(per_expectation=3.0))
    assert heavier.edges["backend-1", "backend-2"]["effort"] == 1 + 1 + 6
    assert build_graph(small, expectations=False).edges["backend-1", "backend-2"]["effort"] == 2


def test_the_review_ranks_promotions_by_expectations_to_meet_not_invented_levels(small):
    table = skill_cliffs(small, build_graph(small))
    assert "Levels to gain" not in table.columns
    rows = {(r.from_id, r.to_id): r._asdict()["_5"] for r in table.itertuples()}
    assert rows[("backend-1", "backend-2")] == 2
    assert rows[("backend-2", "backend-3")] == 1  # level 3 adds one text; its other is level 1's already


def test_track_and_branch_names_are_used_in_reasons(small):
    G = build_graph(small)
    assert "Engineering (Backend engineering) ladder" in G.edges["backend-1", "backend-2"]["reason"]
    assert "onto the People manager branch" in G.edges["backend-2", "backend-3-pm"]["reason"]
    assert "Parallel People manager branch" in G.edges["backend-3", "backend-3-pm"]["reason"]


def test_stated_promotions_win_over_derived_ones():
    text = _replace(
        "    grade: 2\n    source: {kind: import, framework: Small}\n    expectations:\n      - text: Designs",
        "    grade: 2\n    source: {kind: import, framework: Small}\n"
        "    moves: [{to: backend-3-pm, kind: promotion, reason: Straight to management}]\n"
        "    expectations:\n      - text: Designs",
    )
    framework = load_framework_text(text, name="small.yaml")
    G = build_graph(framework)
    promotions = {v for v in G.successors("backend-2") if G.edges["backend-2", v]["kind"] == "promotion"}
    assert promotions == {"backend-3-pm"}
    assert G.edges["backend-2", "backend-3-pm"]["reason"] == "Straight to management"
    assert rung_below(framework, "backend-3-pm") == "backend-2"


# --------------------------------------------------------------------------- the loader's checks


PROBLEMS = [
    pytest.param(("area: people, cumulative: true, level: adopts", "area: peple, cumulative: true, level: adopts"),
                 "roles[0].expectations[1].area: unknown area 'peple' (did you mean 'people'?)", id="unknown-area"),
    pytest.param(("level: adopts}", "level: masters}"),
                 "roles[0].expectations[1].level: unknown level 'masters' of area 'people' (its levels: adopts, leads)",
                 id="unknown-area-level"),
    pytest.param(("cumulative: true, level: aware}", "cumulative: true, level: expert}"),
                 "roles[0].expectations[0].level: unknown skill level 'expert' (known: aware, practised)",
                 id="unknown-proficiency"),
    pytest.param(("{id: mentoring, text:", "{id: craft-1, text:"),
                 "roles[1].expectations[1].id: 2 expectations of this role have the id 'craft-1'",
                 id="written-id-meets-derived-id"),
    pytest.param(("    branch: pm\n", "    branch: manager\n"),
                 "roles[3].branch: unknown branch 'manager' (known: pm)", id="unlisted-branch"),
    pytest.param(("track: web\n", "track: frontend\n"),
                 "roles[4].track: unknown track 'frontend' (known: backend, web)", id="unlisted-track"),
    pytest.param(('url: "https://example.org/services"', 'url: "javascript:alert(1)"'),
                 "roles[1].expectations[0].links[0].url: 'javascript:alert(1)' is not a web address", id="script-link"),
    pytest.param(("max: 40000", "max: 20000"), "grades[0].pay: max is below min", id="pay-upside-down"),
    pytest.param(("discipline: eng}\n  - {id: web", "discipline: engineering}\n  - {id: web"),
                 "tracks[0].discipline: unknown discipline 'engineering'", id="track-discipline"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "expected"), PROBLEMS)
def test_problems_are_located(change, expected):
    found = _problems(_replace(*change))
    assert any(expected in p for p in found), found


def test_two_written_ids_alike_are_one_problem():
    text = _replace("{text: Asks for help early,", "{id: same, text: Asks for help early,")
    first = "{text: Writes tested code, area: craft, cumulative: true, level: aware}"
    text = text.replace(first, "{id: same, " + first[1:], 1)
    found = _problems(text)
    assert any("expectation id 'same' is used twice in this role" in p for p in found), found


WARNINGS = [
    pytest.param(SMALL.split("roles:\n")[0] + "roles:\n  - {id: r, title: R, source: {kind: import, framework: X}}\n",
                 "the gap between two roles will be empty", id="nothing-to-compare"),
    pytest.param(SMALL.replace("areas:\n", "skills:\n  - {id: s, name: S}\nareas:\n", 1).replace(
        "    grade: 1\n", "    grade: 1\n    skills: [{skill: s, level: aware}]\n", 1),
                 "skill 's' is required but has no level descriptors", id="skill-without-descriptors"),
    pytest.param(SMALL.replace("    grade: 3\n    source: {kind: import, framework: Small}\n    expectations:\n"
                               "      - {text: Leads",
                               "    grade: 3\n    source: {kind: import, framework: Small}\n"
                               "    moves: [{to: backend-1, kind: promotion, reason: Down}]\n    expectations:\n"
                               "      - {text: Leads", 1),
                 "a promotion to 'backend-1', whose grade 1 is not above 3", id="promotion-down"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), WARNINGS)
def test_warnings(text, expected):
    warnings = check_framework_text(text, name="small.yaml").warnings
    assert any(expected in str(w) for w in warnings), [str(w) for w in warnings]


def test_has_expectations(small, council):
    assert has_expectations(small)
    assert has_expectations(council)
    bare = load_framework_text(WARNINGS[0].values[0], name="bare.yaml")
    assert not has_expectations(bare)


def test_a_written_framework_round_trips(small):
    text = dump_framework(small)
    again = load_framework_text(text, name="again.yaml")
    assert again.model_dump() == small.model_dump()
    assert "cumulative: true" in text
    assert "grades:\n- id: '1'" in text
