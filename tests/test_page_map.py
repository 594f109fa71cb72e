"""Career map page: the chart, its table alternative, the moves and disciplines shown, and links from the URL."""

from __future__ import annotations

import pytest

from tests.apptest import app, page, param, texts
from tests.map_reading import picture

TIMEOUT = 60


def options(at):
    """The map's options (moves, disciplines, a role to find), drawn only while their expander is open: opened
    here (a rerun) when they are closed."""
    if not at.session_state["map-options"]:
        assert not at.multiselect  # closed, the widgets are not drawn
        at.session_state["map-options"] = True
        at.run()
    return at


def table(at):
    """The table of the map. It is drawn only while its expander is open: the first call opens it (a rerun)."""
    if not at.session_state["map-table"]:
        assert not at.dataframe  # closed, nothing is drawn
        at.session_state["map-table"] = True
        at.run()
    return at.dataframe[0].value


@pytest.mark.parametrize(("framework", "roles", "moves"), [(None, 11, 13), ("ddat", 205, 157)])
def test_page_runs_alone_with_chart_table_and_summary(framework, roles, moves):
    at = page("pages/map.py", framework=framework)
    assert not at.exception
    assert at.title[0].value == "Career map"
    drawn = picture(at)
    assert len(drawn.roles) == roles == len(set(drawn.roles)), "every role once"
    assert f"{roles} roles in" in drawn.name, "the picture's name is the map's summary"
    assert len(table(at)) == moves  # DDaT: its hundreds of lateral moves are hidden at first
    assert texts(at).count(f"{roles} roles in") == 1  # the text summary
    assert [e.label for e in at.expander] == ["Map options", "Table of the map"]


def test_ddat_hides_lateral_moves_at_first_and_says_so():
    at = page("pages/map.py", framework="ddat")
    assert options(at).multiselect(key="edges").value == ["promotion", "reports_to"]
    assert "Lateral moves are hidden at first" in texts(at)
    options(at).multiselect(key="edges").set_value(["promotion", "lateral"]).run()
    assert not at.exception
    assert len(table(at)) == 157 + 785
    assert picture(at).moves["lateral"] > 0


def test_deselecting_a_kind_of_move_shrinks_the_table_and_the_url_keeps_it():
    at = page("pages/map.py")
    everything = len(table(at))
    options(at).multiselect(key="edges").set_value(["promotion"]).run()
    assert not at.exception
    assert len(table(at)) == 7 < everything
    assert set(table(at)["Move"]) == {"Promotion"}
    assert picture(at).moves == {"promotion": 7}
    assert param(at, "edges") == ["promotion"]
    options(at).multiselect(key="edges").set_value([]).run()
    assert len(table(at)) == 0
    assert "No moves shown." in texts(at)


def test_kinds_of_move_come_from_the_url():
    at = page("pages/map.py", edges="reports_to")
    assert options(at).multiselect(key="edges").value == ["reports_to"]
    assert set(table(at)["Move"]) == {"Reports to"}


def test_discipline_filter_focuses_the_map():
    at = page("pages/map.py")
    options(at).multiselect(key="discipline").set_value(["Product"]).run()
    assert not at.exception
    assert set(table(at)["Discipline"]) == {"Product"}
    assert "3 roles in 1 row by discipline (Product 3)" in texts(at)
    assert picture(at).disciplines == ["Product"]
    assert param(at, "discipline") == ["Product"]


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"role": "astronaut"}, "`astronaut`"),
        ({"edges": "bogus"}, "`bogus`"),
        ({"discipline": "Astrology"}, "`Astrology`"),
        ({"edges": ["promotion", "<script>"]}, "`<script>`"),
    ],
)
def test_unknown_values_in_the_url_are_named_in_a_warning(params, named):
    at = page("pages/map.py", **params)
    assert not at.exception
    assert any(named in w.value for w in at.warning)
    assert len(table(at)) > 0


def test_finding_a_role_rings_it_on_the_map():
    at = page("pages/map.py", role="lead-developer")
    assert not at.exception
    assert picture(at).route == ["lead-developer"]
    assert "The role you are finding (thick grey line, its roles ringed)" in texts(at)  # the key


def app_on_the_map(me: str | None = None, **params):
    """The map inside the app; ``me`` is chosen in the sidebar first, as a person does (a link never sets it)."""
    at = app(**params)
    if me:
        at.sidebar.selectbox(key="me").set_value(me).run(timeout=TIMEOUT)
    at.switch_page("pages/map.py").run(timeout=TIMEOUT)
    assert at.title[0].value == "Career map"
    return at


def test_page_runs_inside_the_app():
    at = app_on_the_map()
    assert not at.exception
    assert len(picture(at).roles) == 11
    assert len(table(at)) == 13


def test_page_runs_inside_the_app_on_ddat():
    at = app_on_the_map(framework="ddat")
    assert not at.exception
    assert "205 roles in" in texts(at)


def test_my_role_is_ringed_and_my_route_to_the_role_found_is_drawn():
    at = app_on_the_map(me="associate-project-manager", role="head-of-delivery-management")
    assert not at.exception
    drawn = picture(at)
    assert drawn.ringed("selected") == "associate-project-manager"
    assert (drawn.route[0], drawn.route[-1]) == ("associate-project-manager", "head-of-delivery-management")
    key = texts(at)
    assert "My current role: Associate Project Manager (black ring)" in key
    assert "Your easiest route (thick grey line, its roles ringed)" in key


def test_no_route_is_explained():
    at = app_on_the_map(me="head-of-delivery-management", role="associate-project-manager")
    assert not at.exception
    assert any("There is no route from your role to Associate Project Manager" in i.value for i in at.info)


def test_closed_options_keep_what_was_chosen_and_links_open_them():
    at = page("pages/map.py", framework="ddat")
    assert not at.session_state["map-options"], "a plain visit starts with the options closed"
    options(at).multiselect(key="edges").set_value([]).run()
    options(at).multiselect(key="discipline").set_value(["Data"]).run()
    at.session_state["map-options"] = False
    at.run()
    assert not at.multiselect
    assert picture(at).moves == {}, "still no moves"
    assert picture(at).disciplines == ["Data"], "still one discipline"
    assert param(at, "discipline") == ["Data"]
    linked = page("pages/map.py", framework="ddat", edges="lateral")
    assert linked.session_state["map-options"], "a link that sets an option opens the options"
    assert linked.multiselect(key="edges").value == ["lateral"]


def test_finding_a_role_opens_its_panel_once():
    at = page("pages/map.py", role="delivery-manager")
    assert not at.exception
    shown = texts(at)
    assert "**Grade:** PO4 · **Discipline:** Delivery" in shown
    assert "**Leads next:**\n\n- Promotion: Senior Delivery Manager (grade not stated)" in shown
    assert "**Reached from:**\n\n- Promotion from Project Manager (grade not stated)" in shown
    at.run()
    assert "**Leads next:**" not in texts(at), "once closed, the panel does not open again by itself"
    assert at.selectbox(key="role").value == "delivery-manager", "the role stays found (ringed on the map)"


def test_the_panel_links_to_routes_and_the_gap_from_my_role():
    at = app_on_the_map(me="associate-project-manager", role="delivery-manager")
    labels = [link.proto.label for link in at.get("page_link")]
    assert "Routes from my role to Delivery Manager" in labels
    assert "Skill gap from my role to Delivery Manager" in labels
    assert "Routes from Delivery Manager" in labels


def test_a_framework_too_large_to_draw_at_once_opens_on_its_overview_and_says_so(monkeypatch):
    monkeypatch.setattr("framework.views.map.MAP_ROLES_AT_ONCE", 60)  # DDaT's 205 roles: too many at once
    at = page("pages/map.py", framework="ddat")
    assert not at.exception
    drawn = picture(at)
    assert drawn.roles == [], "no role drawn one by one"
    assert len(drawn.cells) > 8, "a circle per discipline and grade"
    assert len(drawn.disciplines) == 8
    opening = texts(at)
    assert "This framework has 205 roles, more than a map can draw one by one" in opening
    assert "205 roles in 8 disciplines" in opening  # the overview's text alternative
    assert options(at).multiselect(key="discipline").value == []
    assert "discipline" not in at.query_params, "the opening view is the page's default, not part of the link"
    counts = table(at)
    assert counts["All grades"].sum() == 205

    at.multiselect(key="discipline").set_value(["Data"]).run()  # a discipline, chosen by the reader
    assert picture(at).roles
    assert picture(at).disciplines == ["Data"]
    assert "more than a map can draw one by one" not in texts(at)
    assert param(at, "discipline") == ["Data"]


def test_a_click_on_the_overview_opens_that_discipline(monkeypatch):
    monkeypatch.setattr("framework.views.map.MAP_ROLES_AT_ONCE", 60)
    at = page("pages/map.py", framework="ddat")
    assert "Data" in picture(at).cells
    at.session_state["map-overview"] = {"picked": "Data"}  # what the picture sends when Data's circle is clicked
    at.run()
    assert not at.exception
    assert picture(at).disciplines == ["Data"]
    assert picture(at).roles
    assert param(at, "discipline") == ["Data"]


def test_finding_a_role_on_the_overview_rings_its_cell_and_opens_its_panel(monkeypatch):
    monkeypatch.setattr("framework.views.map.MAP_ROLES_AT_ONCE", 60)
    at = page("pages/map.py", framework="ddat", role="accessibility-specialist")
    assert not at.exception
    assert picture(at).ringed("found") == "accessibility-specialist"
    shown = texts(at)
    assert "**Discipline:** User-centred design" in shown  # the panel: the role on demand
    assert "The role you are finding: Accessibility specialist" in shown  # the key


def test_a_click_on_a_role_opens_its_panel_and_a_second_click_opens_it_again():
    at = page("pages/map.py")
    assert "delivery-manager" in picture(at).roles
    assert "**Leads next:**" not in texts(at)
    at.session_state["map"] = {"picked": "delivery-manager"}  # what the picture sends when the role is clicked
    at.run()
    assert not at.exception
    assert "**Grade:** PO4 · **Discipline:** Delivery" in texts(at)
    at.session_state["map"] = {"picked": None}  # a click is sent for its own run only (AppTest keeps it)
    at.run()
    assert "**Leads next:**" not in texts(at), "a click opens the panel once"
    at.session_state["map"] = {"picked": "delivery-manager"}
    at.run()
    assert "**Grade:** PO4 · **Discipline:** Delivery" in texts(at), "clicked again, it opens again"
