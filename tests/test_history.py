"""Back and Forward: the address bar is the view's truth.

When a page changes its view (a role opened, the roles of a route or a gap chosen, a tab), the address bar
follows, and Streamlit makes that a step of the browser's history. When the address bar changes — Back,
Forward, or a link — Streamlit reruns the page with the new query string and the widgets' last values, and the
page follows the address bar. AppTest reruns the same way when its query parameters are set, so each "Back"
below is the previous address given to a session whose widgets still hold the later view.
"""

from __future__ import annotations

from tests.apptest import TIMEOUT, page, param, shown_tables

DM, SDM = "delivery-manager", "senior-delivery-manager"
APM, HDM = "associate-project-manager", "head-of-delivery-management"


def back_to(at, **params: str | None):
    """What Back does: the previous address, the widgets as they were left."""
    for key, value in params.items():
        if value is None:
            at.query_params.pop(key, None)
        else:
            at.query_params[key] = value
    return at.run(timeout=TIMEOUT)


def test_back_and_forward_through_the_roles_a_profile_opens():
    at = page("pages/roles.py", role=DM)
    assert at.title[0].value == "Delivery Manager"
    at.button_group(key="roles-go").set_value(SDM).run()
    assert at.title[0].value == "Senior Delivery Manager"
    assert param(at, "role") == [SDM]
    back_to(at, role=DM)
    assert at.title[0].value == "Delivery Manager", "Back leaves the profile the button opened"
    assert param(at, "role") == [DM]
    back_to(at, role=None)
    assert at.title[0].value == "Roles", "and then the catalogue"
    back_to(at, role=SDM)
    assert at.title[0].value == "Senior Delivery Manager", "Forward goes to it again"


def test_back_returns_to_the_route_chosen_before():
    at = page("pages/paths.py", **{"from": APM, "to": DM})
    at.selectbox(key="to").set_value(HDM).run()
    assert param(at, "to") == [HDM]
    assert any("### Route 1" in m.value and "Head of Delivery Management" in m.value for m in at.markdown)
    back_to(at, to=DM)
    assert at.selectbox(key="to").value == DM
    assert param(at, "to") == [DM]
    back_to(at, to=None)
    assert at.selectbox(key="to").value is None, "the view before a goal was chosen"
    assert any("Pick where you are and where you want to be" in i.value for i in at.info)


def test_the_open_tab_is_in_the_link_and_back_returns_to_the_tab_before():
    at = page("pages/roles.py", role=DM)
    assert param(at, "tab") == [], "the first tab is the view's default: not in the link"
    at.session_state["roles-tab"] = "Skills"
    at.run()
    assert param(at, "tab") == ["skills"]
    back_to(at, tab=None)
    assert at.session_state["roles-tab"] == "Job description"


def opened_tab(at) -> int:
    """The tab a page's tab list opens with (its index), as the browser is told."""

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None and proto.DESCRIPTOR.name == "Block" and proto.WhichOneof("type") == "tab_container":
            return proto.tab_container.default_tab_index
        for child in getattr(node, "children", {}).values():
            found = walk(child)
            if found is not None:
                return found
        return None

    return walk(at._tree)


def test_a_link_opens_its_tab_of_the_gap():
    """The gap's tabs switch in the browser (no rerun, so the keyboard focus stays on them); a link still opens
    its tab."""
    at = page("pages/gap.py", current=APM, target=DM, tab="development-plan")
    assert opened_tab(at) == 3
    odd = page("pages/gap.py", current=APM, target=DM, tab="no-such-tab")
    assert opened_tab(odd) == 0, "an unknown tab opens the first"
    assert not odd.exception


def test_back_returns_to_the_catalogue_search_before():
    at = page("pages/roles.py", q="product")
    assert len(shown_tables(at)[0].value) == 3
    at.text_input(key="q").input("delivery").run()
    assert param(at, "q") == ["delivery"]
    back_to(at, q="product")
    assert at.text_input(key="q").value == "product"
    assert len(shown_tables(at)[0].value) == 3
