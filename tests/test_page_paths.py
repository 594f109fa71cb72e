"""Progression paths page: routes from the URL, each step explained, the table alternative, the route on the map,
no-route explanations and the link on to the skill gap."""

from __future__ import annotations

import re

from framework.routes import progression_paths
from tests.apptest import markdown_tables, page, param, texts
from tests.map_reading import Picture, picture, svg_pictures

APM, HEAD = "associate-project-manager", "head-of-delivery-management"  # the council's one route
DEV, HEAD_DDAT = "apprentice-developer", "head-of-agile-delivery-management"  # DDaT: many routes
TABS = ["The routes in words", "As a table", "On the career map"]
TABLE_TAB, MAP_TAB = TABS[1:]


def route_headings(at) -> list[str]:
    """The routes' headings: Markdown headings (h3) inside the routes' text."""
    return [
        line.removeprefix("### ") for m in at.markdown for line in m.value.splitlines() if line.startswith("### Route ")
    ]


def open_table(at):
    """The table of every route's steps, on its own tab, drawn only while that tab is open (a rerun)."""
    assert not markdown_tables(at)
    at.session_state["paths-tab"] = TABLE_TAB
    at.run()
    assert not at.exception
    assert not route_headings(at), "the routes in words are on a closed tab now"
    (table,) = markdown_tables(at)
    return table.astype({"Route": int, "Step": int})


def route_map(at) -> Picture:
    """The route map. It is on the third tab, drawn only while that tab is open: the first call opens it."""
    if at.session_state["paths-tab"] != MAP_TAB:
        assert not svg_pictures(at)  # the closed tab is not drawn
        at.session_state["paths-tab"] = MAP_TAB
        at.run()
        assert not at.exception
        assert not route_headings(at)  # nor is the tab now closed
    return picture(at)


def test_routes_from_the_url_are_listed_with_every_step_explained(council_graph):
    at = page("pages/paths.py", from_=APM, to=HEAD)
    assert not at.exception
    expected = progression_paths(council_graph, APM, HEAD, limit=3)
    headings = route_headings(at)
    assert len(headings) == len(expected)
    assert headings[0] == f"Route 1: {len(expected[0].steps)} steps, {expected[0].effort:g} effort points"
    assert f"*{expected[0].effort:g} effort points: " in texts(at), "each route says what its effort adds up"
    # the summary and every route, each under its heading, are one Markdown element
    (routes,) = [m.value for m in at.markdown if "### Route " in m.value]
    assert routes.startswith(f"## {len(expected)} route{'s' * (len(expected) != 1)} found, easiest first\n\n")
    assert not at.subheader  # the headings are in the Markdown, not separate elements
    assert [t.label for t in at.tabs] == TABS
    shown = texts(at)
    for step in expected[0].steps:
        assert step.reason in shown
    assert shown.count("Why: ") == sum(len(r.steps) for r in expected)
    assert shown.count("Skills to gain: ") == sum(len(r.steps) for r in expected)
    # every route's steps as one table, the text alternative of the steps: drawn once its tab is chosen
    table = open_table(at)
    assert list(table.columns[:2]) == ["Route", "Step"]
    assert len(table) == sum(len(r.steps) for r in expected)
    assert list(table["Route"]) == [n for n, r in enumerate(expected, start=1) for _ in r.steps]
    assert list(table["Step"]) == [i for r in expected for i in range(1, len(r.steps) + 1)]
    assert list(table["To"]) == [council_graph.nodes[s.target]["title"] for r in expected for s in r.steps]


def test_the_number_of_routes_comes_from_the_url():
    at = page("pages/paths.py", framework="ddat", from_=DEV, to=HEAD_DDAT, k="1")
    assert at.selectbox(key="k").value == "1"
    assert len(route_headings(at)) == 1
    assert "1 route found" in texts(at)
    at.selectbox(key="k").set_value("2").run()
    headings = route_headings(at)
    assert len(headings) == 2
    assert "2 routes found" in texts(at)
    assert param(at, "k") == ["2"]
    # one table for both routes: each route's steps, numbered from 1, under its number
    table = open_table(at)
    steps = [int(re.match(r"Route \d+: (\d+) steps?,", h).group(1)) for h in headings]
    assert list(table["Route"]) == [n for n, count in enumerate(steps, start=1) for _ in range(count)]
    assert list(table["Step"]) == [i for count in steps for i in range(1, count + 1)]
    for number in (1, 2):
        route = table[table["Route"] == number]
        assert (route["From"].iloc[0], route["To"].iloc[-1]) == (
            "Apprentice developer",
            "Head of (Agile) delivery management",
        )


def test_an_odd_number_of_routes_in_the_url_gets_a_notice_and_the_usual_three():
    at = page("pages/paths.py", from_=APM, to=HEAD, k="99")
    assert not at.exception
    assert at.selectbox(key="k").value == "3"
    assert "99" in texts(at)


def test_the_chosen_route_is_highlighted_on_the_map(council_graph):
    at = page("pages/paths.py", from_=APM, to=HEAD)
    drawn = route_map(at)
    assert drawn.route == progression_paths(council_graph, APM, HEAD, limit=1)[0].roles
    assert drawn.ringed("selected") == APM
    assert "The chosen route (thick grey line, its roles ringed)" in texts(at)  # the key
    at = page("pages/paths.py", framework="ddat", from_=DEV, to=HEAD_DDAT)
    assert [t.label for t in at.tabs] == TABS
    first = route_map(at).route
    assert len(at.radio(key="highlight").options) == 3
    at.radio(key="highlight").set_value(1).run()
    assert not at.exception
    second = route_map(at).route
    assert second != first
    assert (second[0], second[-1]) == (DEV, HEAD_DDAT)


def test_a_crowded_framework_draws_the_route_over_the_ladders_and_says_so():
    at = page("pages/paths.py", framework="ddat", from_=DEV, to=HEAD_DDAT)
    assert not at.exception
    # DDaT's 785 lateral moves would hide the ladders (it states no reporting lines)
    assert set(route_map(at).moves) == {"promotion"}
    route = route_map(at).route
    assert (route[0], route[-1]) == (DEV, HEAD_DDAT)
    assert "Other lateral moves are left out of the background" in texts(at)


def test_no_route_says_why_and_where_one_can_go_instead():
    at = page("pages/paths.py", from_=HEAD, to=APM)
    assert not at.exception
    assert at.warning[0].value.startswith("No route from")
    shown = texts(at)
    assert "describes moves up and across, not down" in shown
    assert "Where Head of Delivery Management can go next:" in shown
    assert "Step up to the manager's role: Executive Director for Delivery and Capabilities" in shown
    assert "roles?role=executive-director-for-delivery-and-capabilities" in shown
    assert not svg_pictures(at)


def test_the_gap_page_is_one_link_away():
    at = page("pages/paths.py", from_=APM, to=HEAD)
    shown = texts(at) + " ".join(str(getattr(e.proto, "label", "")) for e in at.get("page_link"))
    assert "Skill gap and development plan" in shown


def test_no_route_hands_over_to_the_skill_gap_for_the_same_pair():
    """Delivery Manager → Senior Product Manager: no route, so the page links to the skill gap for the same two
    roles (which still says what the role asks) and says that no role leads there."""
    at = page("pages/paths.py", from_="delivery-manager", to="senior-product-manager")
    assert not at.exception
    shown = texts(at)
    assert "Skill gap and development plan: Delivery Manager → Senior Product Manager" in shown
    assert "(./gap?current=delivery-manager&target=senior-product-manager)" in shown
    assert "No role of the framework has a route to Senior Product Manager." in shown


def test_no_route_names_the_nearest_roles_that_do_lead_there():
    """Lead Developer → Delivery Manager: the roles nearest the start from which a route leads there, each a link
    to its routes — the same ones the skill gap names."""
    at = page("pages/paths.py", from_="lead-developer", to="delivery-manager")
    assert not at.exception
    shown = texts(at)
    assert "Roles from which a route does lead to Delivery Manager:" in shown
    assert "[Routes from Project Manager (grade not stated) to Delivery Manager](./paths?" in shown
    assert "(./gap?current=lead-developer&target=delivery-manager)" in shown
