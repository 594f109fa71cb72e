"""Pages on frameworks written as expectations (FT, Monzo): what the pages show of their criteria.

The full rendering of expectations on every page is still to come; these check the first steps: the gap
page lists the target's expectations the current role lacks, a role's profile lists its expectations, and
routes say what each step asks rather than "no skill requirements".
"""

from __future__ import annotations

import pytest

from framework import load_framework
from framework.expectations import expectation_gap, role_expectations
from tests.apptest import page, texts
from tests.conftest import DATA

CASES = [("ft-engineering", "engineering-senior-1", "engineering-senior-2-ic"), ("monzo", "backend-3", "backend-4")]


@pytest.mark.parametrize(("framework", "current", "target"), CASES)
def test_the_gap_page_lists_what_the_target_expects_beyond_the_current_role(framework, current, target):
    at = page("pages/gap.py", framework=framework, current=current, target=target)
    assert not at.exception
    shown = texts(at)
    fw = load_framework(DATA / f"{framework}.yaml")
    gap = expectation_gap(fw, current, target)
    assert f"**Criteria to meet:** {len(gap.to_meet)}" in shown
    assert [t.label for t in at.tabs] == ["What changes", "Development plan"], "no skill table or chart"
    for expectation in gap.to_meet:
        assert expectation.text.splitlines()[0].split(".")[-1].strip()[:40] in shown
    assert "does not define skills" not in shown


def test_the_gap_page_asks_for_two_roles_first():
    at = page("pages/gap.py", framework="monzo")
    assert not at.exception
    assert "Choose a **current role** and a **target role**" in texts(at)
    assert not at.radio, "no self-assessment of skills: the framework has none"


@pytest.mark.parametrize(("framework", "role"), [("ft-engineering", "engineering-principal-pm"), ("monzo", "web-2")])
def test_a_role_profile_lists_its_expectations(framework, role):
    at = page("pages/roles.py", framework=framework, role=role)
    assert not at.exception
    shown = texts(at)
    assert "No job description in this framework." not in shown
    fw = load_framework(DATA / f"{framework}.yaml")
    for expectation in role_expectations(fw, role):
        assert expectation.text.splitlines()[0][:40].split(". ", 1)[-1] in shown


def test_routes_say_what_each_step_asks():
    at = page("pages/paths.py", framework="ft-engineering", from_="engineering-senior-1", to="engineering-principal-ic")
    assert not at.exception
    shown = texts(at)
    assert "To meet: 9 expectations (Planning and Organising 1," in shown
    assert "no skill requirements" not in shown
