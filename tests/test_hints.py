"""Hints ("did you mean …?") for profiles, as for framework files, within one budget of comparisons: a 60-line
profile against a framework of 20,000 skills once compared 50 of its unknown skills with all 20,000 (6 s)."""

from __future__ import annotations

import difflib

import pytest

from framework import FrameworkError
from framework.hints import Hints
from framework.models import Framework
from framework.skills import load_profile


@pytest.fixture(scope="module")
def many_skills() -> Framework:
    return Framework.model_validate(
        {
            "id": "big",
            "name": "Big",
            "grades": [{"id": "g"}],
            "skill_levels": [{"id": "working", "name": "Working"}],
            "skills": [{"id": f"skill-number-{i}", "name": f"Skill {i}"} for i in range(20_000)],
        }
    )


def problems(text: str, framework: Framework) -> list[str]:
    with pytest.raises(FrameworkError) as caught:
        load_profile(text.encode(), name="p.yaml", framework=framework)
    return [str(p) for p in caught.value.problems]


def profile(framework_id: str, skills: list[str]) -> str:
    return f"profile_version: 1\nframework: {framework_id}\nskills:\n" + "".join(f"  {s}: working\n" for s in skills)


def test_a_profile_of_unknown_skills_stays_within_the_budget(many_skills, monkeypatch):
    compared = []
    close = difflib.get_close_matches
    monkeypatch.setattr(difflib, "get_close_matches", lambda w, c, **k: compared.append(len(c)) or close(w, c, **k))
    found = problems(profile("big", [f"skill-numbr-{i}" for i in range(60)]), many_skills)
    assert len(found) == 60
    assert sum(compared) <= Hints.BUDGET
    assert "(did you mean 'skill-number-0'?)" in found[0]  # the first ones still get their hint


def test_hints_are_still_given_where_the_budget_allows(council):
    skill = council.skills[0].id
    (found,) = problems(profile(council.id, [skill[:-1] + "x"]), council)
    assert found.endswith(f"unknown skill '{skill[:-1]}x' (did you mean '{skill}'?)")
