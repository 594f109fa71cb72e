"""The Development record page's view models: the scale each skill is rated on with every level's words, the
criteria whole, and "what the next level looks like" — which never shows a level at or below the one held, on
any shipped framework."""

from __future__ import annotations

import doctest

import pytest

import framework.views.record as record_views
from framework import load_framework
from framework.record import NOT_OBSERVED
from framework.views.record import (
    NOT_OBSERVED_LABEL,
    UNRATED,
    criteria,
    level_notes,
    next_level,
    skill_scale,
    skill_scales,
)
from tests.conftest import ROOT
from tests.record_samples import APM, DM

SHIPPED = ["roles", "ddat", "ft-engineering", "monzo"]


def test_the_examples_in_the_docstrings_run():
    assert doctest.testmod(record_views).failed == 0


def test_the_skills_a_record_rates_with_each_levels_words(council):
    scales = skill_scales(council, None, APM, DM)
    assert [s.skill for s in scales] == [r.skill for r in council.role(DM).skills], "the target's skills first"
    planning = next(s for s in scales if s.skill == "planning")
    assert planning.label == "Planning (target role needs Practitioner)"
    assert list(planning.choices) == [UNRATED, NOT_OBSERVED, "awareness", "working", "practitioner", "expert"]
    assert planning.choices[NOT_OBSERVED] == NOT_OBSERVED_LABEL
    assert planning.choices["working"] == "Working", "a choice is the level's name: its words are shown apart"
    assert planning.descriptors["practitioner"] == council.skills_by_id["planning"].levels["practitioner"]
    assert "working" not in planning.descriptors, "the council does not describe Planning at Working"
    kept = planning.with_kept(("guru", None, "working"))
    assert kept.choices["guru"] == "guru (not a level of this framework)"
    assert planning.with_kept(("working",)) is planning
    assert skill_scale(council, "planning").label == "Planning"


def test_criteria_are_whole_with_their_area(council):
    rated = criteria(council, None, DM)
    assert rated
    assert all(c.key.startswith(f"{DM}/") for c in rated)
    from framework.expectations import effective_expectations

    assert [c.text for c in rated] == [e.text for e in effective_expectations(council, DM)], "word for word"
    assert criteria(council, None, None) == ()


def test_the_next_level_is_the_next_rung_and_its_words(council):
    planning = skill_scale(council, "planning", "practitioner")
    step = next_level(council, planning, "practitioner")
    assert (step.level, step.descriptor) == ("expert", council.skills_by_id["planning"].levels["expert"])
    assert step.said == "The next level up is Expert:"
    undescribed = next_level(council, planning, "awareness")
    assert (undescribed.level, undescribed.descriptor) == ("working", None)
    assert undescribed.nearest_above == ("Practitioner", council.skills_by_id["planning"].levels["practitioner"])
    assert "which the framework does not describe for Planning" in undescribed.said
    assert next_level(council, planning, "expert").said == "Expert is the top of the scale: there is no level above it."
    assert next_level(council, planning, None).level == "awareness", "no level: the first rung is next"
    assert next_level(council, planning, NOT_OBSERVED).level == "awareness"


def test_making_a_process_work_from_working_never_shows_working(council):
    """The council describes Making a process work at Working and Expert only: from Working the next level up,
    Practitioner, is undescribed, and what is shown is Expert's words — not Working's, the level held."""
    scale = skill_scale(council, "making-a-process-work", "expert")
    step = next_level(council, scale, "working")
    assert step.level == "practitioner"
    assert step.nearest_above[0] == "Expert"
    notes = {n.level: n for n in level_notes(council, scale, "working")}
    assert notes["working"].marks == ("chosen",)
    assert notes["practitioner"].marks == ("next level up",)
    assert notes["practitioner"].descriptor is None
    assert notes["expert"].marks == ("the target role needs it",)


@pytest.mark.parametrize("name", SHIPPED)
def test_no_next_level_shown_is_at_or_below_the_one_held_on_any_shipped_framework(name):
    fw = load_framework(ROOT / "data" / f"{name}.yaml")
    position = {lv.id: i for i, lv in enumerate(fw.skill_levels)}
    name_at = {lv.name: i for i, lv in enumerate(fw.skill_levels)}
    checked = 0
    for skill in fw.skills:
        scale = skill_scale(fw, skill.id)
        for held in [None, NOT_OBSERVED, *position]:
            at = position.get(held, -1)
            step = next_level(fw, scale, held)
            if step.level is None:
                assert at == len(fw.skill_levels) - 1, "only the top of the scale has no next level"
                continue
            assert position[step.level] == at + 1
            if step.descriptor is not None:
                assert step.descriptor == skill.levels[step.level]
            if step.nearest_above is not None:
                shown, words = step.nearest_above
                assert name_at[shown] > at + 1, f"{skill.id} held at {held}: {shown} is not above the next level"
                assert words == skill.levels[fw.skill_levels[name_at[shown]].id]
            for note in level_notes(fw, scale, held):
                if "next level up" in note.marks:
                    assert position[note.level] > at
            checked += 1
    assert checked or not fw.skills
