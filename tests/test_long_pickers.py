"""Role pickers on a framework of thousands of roles: a discipline first, then its roles (ui.pickers.LONG_PICKER).

DDaT's 205 roles stand in for a large framework here, with the limit lowered: the pages behave as they would
at 10,000 roles, without loading a framework that takes half a minute.
"""

from __future__ import annotations

import pytest

from framework import load_framework
from framework.views import roles_by_discipline
from tests.apptest import app, page, param, texts
from tests.conftest import DATA

DS, LDS, DA = "data-scientist", "lead-data-scientist", "data-architect"


@pytest.fixture(autouse=True)
def long_pickers(monkeypatch):
    monkeypatch.setattr("ui.pickers.LONG_PICKER", 100)


@pytest.fixture(scope="module")
def ddat():
    return load_framework(DATA / "ddat.yaml")


def roles_by_discipline_of(name: str) -> tuple[str, ...]:
    return roles_by_discipline(load_framework(DATA / "ddat.yaml"))[name]


def test_roles_by_discipline_holds_every_role_once_under_its_discipline(ddat):
    groups = roles_by_discipline(ddat)
    listed = [r for roles in groups.values() for r in roles]
    assert sorted(listed) == sorted(r.id for r in ddat.roles)
    assert len(listed) == len(set(listed))
    assert list(groups) == [ddat.discipline_label(d.id) for d in ddat.disciplines]
    assert DS in groups["Data"]
    assert DA in groups["Architecture"]


def test_a_link_sets_each_pickers_discipline_from_its_role():
    at = page("pages/paths.py", framework="ddat", from_=DS, to=LDS)
    assert not at.exception
    assert not at.warning, [w.value for w in at.warning]
    assert at.selectbox(key="from-discipline").value == "Data"
    assert at.selectbox(key="to-discipline").value == "Data"
    assert at.selectbox(key="from").value == DS
    assert at.selectbox(key="to").value == LDS
    assert len(at.selectbox(key="to").options) == len(roles_by_discipline_of("Data"))


def test_choosing_another_discipline_asks_for_the_role_again_and_the_link_follows():
    at = page("pages/paths.py", framework="ddat", from_=DS, to=LDS)
    at.selectbox(key="to-discipline").set_value("Architecture").run()
    assert not at.exception
    assert at.selectbox(key="to").value is None
    assert param(at, "to") == []
    at.selectbox(key="to").set_value(DA).run()
    assert param(at, "to") == [DA]
    assert "Data scientist" in texts(at)


def test_without_a_role_the_discipline_comes_first_and_the_role_picker_waits():
    at = page("pages/gap.py", framework="ddat")
    assert not at.exception
    assert at.selectbox(key="target-discipline").value is None
    assert at.selectbox(key="target").options == []


def test_my_current_role_in_the_sidebar_narrows_the_same_way():
    at = app(framework="ddat")
    at.selectbox(key="me-discipline").set_value("Data").run()
    assert not at.exception
    me = at.selectbox(key="me")
    assert len(me.options) == len(roles_by_discipline_of("Data"))
    me.set_value(DS).run()
    assert at.selectbox(key="me").value == DS
    assert "me" not in at.query_params


def test_compare_keeps_roles_of_other_disciplines_chosen_so_far():
    at = page("pages/compare.py", framework="ddat", roles=[DS, DA])
    assert not at.exception
    assert not at.warning, [w.value for w in at.warning]
    assert at.multiselect(key="roles").value == [DS, DA]
    at.selectbox(key="roles-discipline").set_value("User-centred design").run()
    options = at.multiselect(key="roles").options
    assert len(options) == 2 + len(roles_by_discipline_of("User-centred design"))
