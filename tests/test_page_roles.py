"""Roles page: the catalogue, its filters, and the profile of every role of every shipped framework."""

from __future__ import annotations

import networkx as nx
import pytest

from framework import load_framework
from framework.graph import build_graph
from tests.apptest import markdown_tables, page, param, pick_row, shown_tables, sort_by, texts
from tests.conftest import ROOT, SHIPPED


def test_catalogue_lists_every_role_in_career_order():
    at = page("pages/roles.py")
    table = shown_tables(at)[0].value
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
    if widget != "q":
        open_filters(at)
    element = at.text_input(key=widget) if widget == "q" else at.multiselect(key=widget)
    (element.input(value) if widget == "q" else element.set_value(value)).run()
    assert not at.exception
    assert len(shown_tables(at)[0].value) == rows
    assert param(at, widget) == ([value] if isinstance(value, str) else value), "filters are in the URL"


def test_a_long_catalogue_is_shown_a_hundred_roles_at_a_time():
    """DDaT's 205 roles: three pages of the catalogue, the last holding the last five roles in the same order."""
    at = page("pages/roles.py", framework="ddat")
    first = shown_tables(at)[0].value
    assert len(first) == 100
    assert "Roles 1–100 of 205" in texts(at)
    at.number_input(key="catalogue-page").set_value(3).run()
    assert not at.exception
    last = shown_tables(at)[0].value
    assert len(last) == 5
    assert "Roles 201–205 of 205" in texts(at)
    at.text_input(key="q").input("data").run()
    shown = shown_tables(at)[0].value
    assert 0 < len(shown) < 100, "a search narrows the whole catalogue, not the page shown"
    assert [box.key for box in at.number_input] == [], "one page: no page to choose"


def test_another_list_of_the_same_length_starts_at_its_first_page(monkeypatch):
    """A page number belongs to the list it was chosen in: a search that finds as many other roles shows the
    first of them, not the page reached in the list before."""
    from ui import paging

    monkeypatch.setattr(paging, "ROWS_PER_PAGE", 1)
    at = page("pages/roles.py", q="product")
    at.number_input(key="catalogue-page").set_value(3).run()
    assert "Roles 3–3 of 3" in texts(at)
    at.text_input(key="q").input("head").run()
    assert not at.exception
    assert "Roles 1–1 of 3" in texts(at), "three other roles, from the first"
    assert at.number_input(key="catalogue-page").value == 1
    assert list(shown_tables(at)[0].value["Role"]) == ["Head of Delivery Management"]


def test_filters_come_from_the_url():
    at = page("pages/roles.py", q="manager", discipline="Product")
    assert len(shown_tables(at)[0].value) == 2
    assert at.multiselect(key="discipline").value == ["Product"], "a link's filter opens the filters, set"


def open_filters(at):
    """The discipline, grade and status pickers, drawn only while their expander is open: opened here (a rerun)."""
    assert not at.multiselect, "closed, the pickers are not drawn"
    at.session_state["roles-filters"] = True
    at.run()
    assert [box.key for box in at.multiselect] == ["discipline", "grade", "status"]


def test_filters_closed_still_narrow_the_list_and_are_named():
    """Closing the filters keeps them: the list stays narrowed, the count says by what, and reopening shows them
    as they were left."""
    at = page("pages/roles.py")
    open_filters(at)
    at.multiselect(key="discipline").set_value(["Technology"]).run()
    at.multiselect(key="grade").set_value(["PO4", "PO8"]).run()
    narrowed = list(shown_tables(at)[0].value["Role"])
    at.session_state["roles-filters"] = False
    at.run()
    assert not at.exception
    assert not at.multiselect
    assert list(shown_tables(at)[0].value["Role"]) == narrowed
    assert narrowed == ["Lead Developer"]
    assert "1 of 11 roles (discipline: Technology; grade: PO4, PO8)." in texts(at)
    assert param(at, "discipline") == ["Technology"]
    assert param(at, "grade") == ["PO4", "PO8"]
    at.session_state["roles-filters"] = True
    at.run()
    assert at.multiselect(key="discipline").value == ["Technology"]
    assert at.multiselect(key="grade").value == ["PO4", "PO8"]
    assert list(shown_tables(at)[0].value["Role"]) == narrowed


def test_profile_shows_the_job_description_as_written():
    at = page("pages/roles.py", role="delivery-manager")
    shown = texts(at)
    assert at.title[0].value == "Delivery Manager"
    assert not shown_tables(at), "the profile is a view of its own: the catalogue is not drawn"
    assert not at.text_input, "nor are its filters"
    assert "**Grade:** PO4 · **Discipline:** Delivery · **Status:** Full job description · **Skills:** 9" in shown
    headings = [line for m in at.markdown for line in m.value.splitlines() if line.startswith("#")]
    assert "## Purpose of Job" in headings, "the document's headings stay headings, under the role's title"
    assert "Lead the end-to-end delivery of new digital services for the council" in shown
    assert "**This role is responsible to the senior delivery manager to:**" in shown
    assert "**Source:** The Delivery Manager job description, Digital and Customer Services" in shown
    assert "seeds/" not in shown, "a document is named by its title, never by its file"


def test_profile_says_where_the_role_leads_and_why():
    at = page("pages/roles.py", role="delivery-manager")
    shown = texts(at)
    assert "**Reports to:** Senior Delivery Manager (grade not stated)." in shown
    assert "- Promotion: Senior Delivery Manager (grade not stated)." in shown
    assert "- Promotion from Project Manager (grade not stated). Next rung up the Delivery ladder" in shown
    # one button per connected role, named by the first way the text names it
    assert at.button_group(key="roles-go").options == [
        "Reports to: Senior Delivery Manager (grade not stated)",
        "Promotion from Project Manager (grade not stated)",
    ]


def skills_table(at):
    """The role's skills, as the Skills tab's table shows them (a Markdown table, each description whole)."""
    (table,) = [t for t in markdown_tables(at) if list(t.columns[:2]) == ["Skill", "Level"]]
    return table


def test_the_skills_tab_lists_the_skills_and_their_evidence_once_opened():
    at = page("pages/roles.py", role="delivery-manager")
    assert [t.label for t in at.tabs] == ["Job description", "Skills"]
    assert not [e for e in at.expander if e.label.startswith("Evidence")]  # the closed tab is not drawn
    at.session_state["roles-tab"] = "Skills"
    at.run()
    skills = skills_table(at)
    assert len(skills) == 9
    assert "Planning" in set(skills["Skill"])
    assert [e.label for e in at.expander if e.label.startswith("Evidence")] == [
        "Evidence: the job description's lines behind each skill"
    ]
    assert "**Planning**" not in texts(at), "the evidence is drawn once its expander is opened"
    at.session_state["role-evidence"] = True
    at.run()
    assert "**Planning**" in texts(at)
    assert "Purpose of Job" not in texts(at)  # now the job description is the closed tab
    at.button_group(key="roles-go").set_value("project-manager").run()
    assert at.title[0].value == "Project Manager"
    assert at.session_state["roles-tab"] == "Skills"  # the open tab stays open for the next role


def test_profile_of_a_referenced_role_quotes_who_names_it():
    at = page("pages/roles.py", role="senior-delivery-manager")
    shown = texts(at)
    assert "This role has no job description of its own" in shown
    assert "This role is responsible to the senior delivery manager to:" in shown
    assert "Grade not stated; above PO4 by its reporting lines" in shown


def test_a_connected_role_opens_from_the_profile_and_all_roles_goes_back():
    at = page("pages/roles.py", q="manager", role="delivery-manager")
    at.button_group(key="roles-go").set_value("project-manager").run()
    assert at.title[0].value == "Project Manager"
    assert param(at, "role") == ["project-manager"]
    assert at.button_group(key="roles-go").value is None, "the buttons are ready for the next move"
    at.button[0].click().run()  # "All roles"
    assert at.title[0].value == "Roles"
    assert param(at, "role") == []
    assert at.text_input(key="q").value == "manager", "the search is kept while a profile is open"
    assert len(shown_tables(at)[0].value) == len(shown_tables(page("pages/roles.py", q="manager"))[0].value) == 6


@pytest.mark.parametrize("closed", [True, False])
def test_the_filters_are_kept_while_a_profile_is_open(closed):
    """Filters set (and their expander closed, or left open), then a role opened from the list and "All roles": the
    list comes back narrowed as it was, and says by what."""
    at = page("pages/roles.py")
    open_filters(at)
    at.multiselect(key="discipline").set_value(["Product"]).run()
    if closed:
        at.session_state["roles-filters"] = False
        at.run()
    narrowed = shown_tables(at)[0].ids
    pick_row(at, "catalogue", narrowed[0])
    assert at.title[0].value != "Roles"
    pick_row(at, "catalogue", None)
    at.button[0].click().run()  # "All roles"
    assert at.title[0].value == "Roles"
    assert shown_tables(at)[0].ids == narrowed
    assert f"{len(narrowed)} of 11 roles (discipline: Product)." in texts(at)
    assert param(at, "discipline") == ["Product"]
    if not closed:
        assert at.multiselect(key="discipline").value == ["Product"]


def test_a_role_opened_from_the_catalogues_table_shows_its_profile_in_the_same_run():
    at = page("pages/roles.py", q="product")
    table = shown_tables(at)[0]
    assert table.ids == ["senior-product-manager", "lead-product-manager", "head-of-product"]
    assert list(table.value["Role"]) == ["Senior Product Manager", "Lead Product Manager", "Head of Product"]
    assert table.links[0] == "?role=senior-product-manager", "each name is the link of its profile's view"
    pick_row(at, "catalogue", "lead-product-manager")
    assert not at.exception
    assert at.title[0].value == "Lead Product Manager"
    assert param(at, "role") == ["lead-product-manager"]
    pick_row(at, "catalogue", None)
    at.button[0].click().run()  # "All roles"
    assert at.title[0].value == "Roles"
    assert shown_tables(at)[0].ids == table.ids, "back to the list as it was, its search kept"


def test_a_links_address_names_a_framework_other_than_the_default():
    table = shown_tables(page("pages/roles.py", framework="ddat"))[0]
    assert table.links[0] == f"?role={table.ids[0]}&framework=ddat"


def test_a_heading_sorts_the_whole_list_and_the_order_is_kept():
    at = page("pages/roles.py", framework="ddat")
    assert shown_tables(at)[0].sorted_by is None, "career order first"
    sort_by(at, "catalogue", "Role")
    table = shown_tables(at)[0]
    assert table.sorted_by == ("Role", "ascending")
    everything = sorted(r.title.casefold() for r in load_framework(ROOT / "data" / "ddat.yaml").roles)
    shown = [title.casefold() for title in table.value["Role"]]
    assert shown == everything[:100], "the whole catalogue is sorted (in any case), then paged"
    at.number_input(key="catalogue-page").set_value(2).run()
    sort_by(at, "catalogue", "Role", "desc")
    assert shown_tables(at)[0].sorted_by == ("Role", "descending")
    assert at.number_input(key="catalogue-page").value == 1, "the list in another order starts at its top"
    assert [title.casefold() for title in shown_tables(at)[0].value["Role"]] == everything[::-1][:100]
    at.text_input(key="q").input("data").run()
    table = shown_tables(at)[0]
    assert table.sorted_by == ("Role", "descending"), "a search keeps the order chosen"
    assert list(table.value["Role"]) == sorted(table.value["Role"], key=str.casefold, reverse=True)


def test_grades_sort_in_the_frameworks_order_not_as_text():
    at = page("pages/roles.py", status=["described"])
    sort_by(at, "catalogue", "Grade", "desc")
    assert list(shown_tables(at)[0].value["Grade"]) == ["Head", "PO8", "PO6", "PO4", "PO1"], "as text, Head is last"


def test_choosing_a_role_in_the_catalogue_opens_its_profile():
    at = page("pages/roles.py")
    assert at.selectbox(key="role").value is None
    at.selectbox(key="role").set_value("head-of-product").run()
    assert at.title[0].value == "Head of Product"
    assert param(at, "role") == ["head-of-product"]


def test_the_catalogue_offers_my_role():
    at = page("pages/roles.py", me="lead-developer")
    at.session_state["me"] = "lead-developer"
    at.run()
    assert at.title[0].value == "Roles", "the catalogue opens first, not my role's profile"
    button = next(b for b in at.button if b.label.startswith("Open my role"))
    assert button.label == "Open my role: Lead Developer (PO8)"
    button.click().run()
    assert at.title[0].value == "Lead Developer"


def test_unknown_role_in_the_url():
    at = page("pages/roles.py", role="astronaut")
    assert not at.exception
    assert "`astronaut`" in texts(at)
    assert at.title[0].value == "Roles", "the catalogue is shown instead"
    assert param(at, "role") == []


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_role_of_every_shipped_framework_renders(path):
    framework = load_framework(path)
    G = build_graph(framework)
    at = page("pages/roles.py", framework=path.stem, role=framework.roles[0].id)
    for role in framework.roles:
        at.session_state["role"] = role.id
        at.run()
        assert not at.exception, (role.id, at.exception)
        assert at.title[0].value == role.title
        connected = set(nx.all_neighbors(G, role.id))  # its manager, the roles it leads to, those leading here
        shown = at.button_group(key="roles-go").options if connected else []
        assert len(shown) == len(connected), (role.id, shown, connected)
    # and each role's skills tab (the open tab is kept from role to role)
    at.session_state["roles-tab"] = "Skills"
    for role in framework.roles:
        at.session_state["role"] = role.id
        at.run()
        assert not at.exception, (role.id, at.exception)
        assert at.session_state["roles-tab"] == "Skills"
        if role.skills:
            assert len(skills_table(at)) == len(role.skills), role.id


def test_a_heading_the_list_does_not_have_changes_nothing():
    at = page("pages/roles.py")
    before = shown_tables(at)[0]
    sort_by(at, "catalogue", "<script>", "desc")
    assert not at.exception
    after = shown_tables(at)[0]
    assert after.sorted_by is None
    assert after.ids == before.ids


def test_a_description_s_listed_lines_are_a_list_as_written():
    """DDaT's role levels say "At this role level, you will:" then a line per point, each starting "- ": the
    profile shows them as a list, each point word for word, not run together with literal dashes."""
    at = page("pages/roles.py", framework="ddat", role="senior-delivery-manager")
    assert not at.exception
    shown = "\n".join(m.value for m in at.markdown)
    listed = "At this role level, you will:\n\n- have strong communication skills and engage senior stakeholders\n"
    assert listed in shown
    assert "\\- have strong" not in shown
