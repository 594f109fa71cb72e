"""Roles page: the catalogue, its filters, and the profile of every role of every shipped framework."""

from __future__ import annotations

import pytest

from framework import load_framework
from tests.apptest import page, param, texts
from tests.conftest import SHIPPED


def test_catalogue_lists_every_role_in_career_order():
    at = page("pages/roles.py")
    table = at.dataframe[0].value
    assert list(table["Role"][:5]) == [
        "Associate Project Manager",
        "Project Manager",
        "Delivery Manager",
        "Senior Delivery Manager",
        "Head of Delivery Management",
    ]
    assert len(table) == 11


@pytest.mark.parametrize(
    ("widget", "value", "rows"),
    [("q", "product", 3), ("discipline", ["Technology"], 2), ("status", ["referenced"], 6), ("grade", ["PO4"], 1)],
)
def test_filters_narrow_the_catalogue(widget, value, rows):
    at = page("pages/roles.py")
    element = at.text_input(key=widget) if widget == "q" else at.multiselect(key=widget)
    (element.input(value) if widget == "q" else element.set_value(value)).run()
    assert not at.exception
    assert len(at.dataframe[0].value) == rows
    assert param(at, widget) == ([value] if isinstance(value, str) else value), "filters are in the URL"


def test_filters_come_from_the_url():
    at = page("pages/roles.py", q="manager", discipline="Product")
    assert len(at.dataframe[0].value) == 2


def test_profile_shows_the_job_description_as_written():
    at = page("pages/roles.py", role="delivery-manager")
    shown = texts(at)
    assert [m.value for m in at.metric] == ["PO4", "Delivery", "Described", "9"]
    assert "Purpose of Job" in [s.value for s in at.subheader]
    assert "Lead the end-to-end delivery of new digital services for the council" in shown
    assert "**This role is responsible to the senior delivery manager to:**" in shown
    assert "Job description seeds/000_58d0c7616c641dd4.txt" in shown


def test_the_skills_tab_lists_the_skills_and_their_evidence_once_opened():
    at = page("pages/roles.py", role="delivery-manager")
    assert [t.label for t in at.tabs] == ["Job description", "Skills"]
    assert not [e for e in at.expander if e.label.startswith("Evidence for")]  # the closed tab is not drawn
    at.session_state["roles-tab"] = "Skills"
    at.run()
    skills = at.dataframe[-1].value
    assert len(skills) == 9
    assert "Planning" in set(skills["Skill"])
    evidence = [e.label for e in at.expander if e.label.startswith("Evidence for")]
    assert "Evidence for Planning" in evidence
    assert "Purpose of Job" not in [s.value for s in at.subheader]  # now the job description is the closed tab
    at.selectbox(key="role").set_value("lead-developer").run()
    assert at.session_state["roles-tab"] == "Skills"  # the open tab stays open for the next role


def test_profile_of_a_referenced_role_quotes_who_names_it():
    at = page("pages/roles.py", role="senior-delivery-manager")
    shown = texts(at)
    assert "This role has no job description of its own" in shown
    assert "This role is responsible to the senior delivery manager to:" in shown
    assert "Grade not stated; above PO4 by its reporting lines" in shown


def test_choosing_another_role_changes_the_profile():
    at = page("pages/roles.py", role="delivery-manager")
    at.selectbox(key="role").set_value("lead-developer").run()
    assert at.subheader[0].value == "Lead Developer"
    assert param(at, "role") == ["lead-developer"]


def test_selecting_a_table_row_opens_its_profile():
    at = page("pages/roles.py")
    assert at.info[0].value.startswith("Choose a role")
    at.selectbox(key="role").set_value("head-of-product").run()
    assert at.subheader[0].value == "Head of Product"


def test_unknown_role_in_the_url():
    at = page("pages/roles.py", role="astronaut")
    assert not at.exception
    assert "`astronaut`" in texts(at)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_role_of_every_shipped_framework_renders(path):
    framework = load_framework(path)
    at = page("pages/roles.py", framework=path.stem, role=framework.roles[0].id)
    for role in framework.roles:
        at.selectbox(key="role").set_value(role.id).run()
        assert not at.exception, (role.id, at.exception)
        assert at.subheader[0].value == role.title
    # and each role's skills tab (the open tab is kept from role to role)
    at.session_state["roles-tab"] = "Skills"
    for role in framework.roles:
        at.selectbox(key="role").set_value(role.id).run()
        assert not at.exception, (role.id, at.exception)
        assert at.session_state["roles-tab"] == "Skills"
        if role.skills:
            assert len(at.dataframe[-1].value) == len(role.skills), role.id
