"""What the next level looks like is never a level already held — on every shipped framework, for every skill,
every level held (none included) and every level needed above it."""

from __future__ import annotations

import re

import pytest

from framework import load_framework
from framework.gaptext import gap_table
from framework.plan import looks_like
from framework.skills import Profile, level_steps, skill_gap
from tests.conftest import SHIPPED


@pytest.fixture(scope="module", params=SHIPPED, ids=lambda p: p.stem)
def framework(request):
    return load_framework(request.param)


def _shown(step) -> str | None:
    """The name of the level whose words stand for ``step``: its own, or the nearest one described."""
    if step.descriptor is not None:
        return step.name
    return step.nearest[0] if step.nearest else None


def test_no_step_is_shown_in_the_words_of_a_level_held(framework):
    scale = framework.skill_levels
    if not scale or not framework.skills:
        pytest.skip(f"{framework.name} has no skills on a scale")
    rank = {lv.name: framework.level_rank[lv.id] for lv in scale}
    checked = 0
    for skill in framework.skills:
        for held_rank, held in enumerate([None, *(lv.id for lv in scale)]):
            for needed in scale[held_rank:]:
                for step in level_steps(framework, skill.id, held, needed.id):
                    shown = _shown(step)
                    said = looks_like(framework, skill.id, step)
                    if shown is None:
                        # No level above the one held is described: said so, and no text stands in.
                        assert said.text is None
                        assert "no level above the one held" in said.note
                        assert not any(skill.levels.get(lv.id) for lv in scale[held_rank:])
                        continue
                    assert rank[shown] > held_rank, (skill.id, held, needed.id, step.name, shown)
                    assert said.text == skill.levels[next(lv.id for lv in scale if lv.name == shown)]
                    checked += 1
    assert checked


_NEAREST = re.compile(r"the nearest level above the one held that it describes, ([^:]+):")


def test_the_gap_tables_next_level_is_above_the_one_held(framework):
    """The "Next level looks like" column, for a person holding every skill at each level in turn against every
    role: the level it quotes is above the one held."""
    scale = framework.skill_levels
    if not scale or not framework.skills:
        pytest.skip(f"{framework.name} has no skills on a scale")
    rank = {lv.name: framework.level_rank[lv.id] for lv in scale}
    targets = [r for r in framework.roles if r.skills][:40]
    for held_rank, held in enumerate(scale[:-1], start=1):
        me = Profile(framework=framework.id, skills={s.id: held.id for s in framework.skills})
        for target in targets:
            table = gap_table(framework, skill_gap(framework, me, target.id))
            for text in table["Next level looks like"]:
                level = text.split(":", 1)[0]
                if level == "Already met":
                    continue
                assert rank[level] > held_rank, text
                found = _NEAREST.search(text)
                if found:
                    assert rank[found[1]] > held_rank, text


def test_a_criterion_to_meet_looks_like_the_targets_own_words(framework):
    """On a framework of expectations (FT, Monzo, a person specification), what good looks like for a criterion is
    the target's own criterion, whole — never one the current role already has."""
    from framework.expectations import effective_expectations, expectation_key
    from framework.graph import build_graph
    from framework.plan import focus_candidates

    G = build_graph(framework)
    promotions = [(u, v) for u, v, d in G.edges(data=True) if d["kind"] == "promotion"][:30]
    checked = 0
    for current, target in promotions:
        held = {expectation_key(e) for e in effective_expectations(framework, current)}
        wanted = {f"expectation/{e.key}": e for e in effective_expectations(framework, target)}
        for item in focus_candidates(framework, current, target):
            if item.kind != "expectation":
                continue
            (step,) = item.looks_like
            criterion = wanted[item.key]
            assert step.text == criterion.text, "the target's own words, whole"
            assert expectation_key(criterion) not in held, (current, target, criterion.text)
            checked += 1
    if any(effective_expectations(framework, target) for _, target in promotions):
        assert checked, "some promotion asks a criterion the role below does not have"


def test_the_record_and_the_gap_follow_one_rule(framework):
    """The record's "what the next level up looks like" and the gap's first level still to reach are the same
    step of :func:`framework.skills.next_level_step`: the same level, the same words or the same nearest level."""
    from framework.record import NOT_OBSERVED
    from framework.skills import next_level_step
    from framework.views.record import next_level, skill_scale

    scale = framework.skill_levels
    if not scale or not framework.skills:
        pytest.skip(f"{framework.name} has no skills on a scale")
    top = scale[-1].id
    for skill in framework.skills:
        rated = skill_scale(framework, skill.id)
        for held in [None, NOT_OBSERVED, *(lv.id for lv in scale)]:
            step = next_level_step(framework, skill.id, held)
            record = next_level(framework, rated, held)
            gap = level_steps(framework, skill.id, None if held == NOT_OBSERVED else held, top)
            if step is None:
                assert (record.level, gap) == (None, ()), "the top of the scale: nothing above, on either page"
                continue
            assert step == gap[0]
            assert (record.level, record.descriptor, record.nearest_above) == (
                step.level,
                step.descriptor,
                step.nearest,
            )
