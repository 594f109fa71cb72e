"""The list to choose from (:mod:`ui.pick_table`): its HTML read back as XML, and the sorting behind its headings
(:mod:`framework.sorting`)."""

from __future__ import annotations

from xml.etree import ElementTree

import pandas as pd

from framework.sorting import sort_rows
from ui.pick_table import Sorting, table_html, toggled

TABLE = pd.DataFrame({"Role": ["Analyst", 'Lead <b>"x"</b> & co'], "Grade": ["PO3", "PO8"], "Roles": [3, 12]})


def read(html: str) -> ElementTree.Element:
    return ElementTree.fromstring(html)


def test_every_text_is_escaped_and_kept_word_for_word():
    root = read(table_html(TABLE, ["analyst", "lead&co"], label="Roles <all>", param="role", link_params={}))
    assert root.get("aria-label") == "Roles <all>"
    assert root.find(".//b") is None, "a framework's text never becomes markup"
    names = ["".join(a.itertext()) for a in root.findall("./tbody/tr/th/a")]
    assert names == ["Analyst", 'Lead <b>"x"</b> & co']
    assert [tr.get("data-pick") for tr in root.findall("./tbody/tr")] == ["analyst", "lead&co"]


def test_a_direction_control_in_a_name_is_closed_off():
    table = pd.DataFrame({"Role": ["\u202eevil"], "Grade": ["PO1"]})
    root = read(table_html(table, ["x"], label="Roles", param="role", link_params={}))
    name = "".join(root.find("./tbody/tr/th/a").itertext())
    assert name.startswith("\u2068\u202eevil"), "isolated, so it cannot turn the rest of the line around"


def test_each_name_links_to_its_own_view_with_the_framework():
    root = read(table_html(TABLE, ["analyst", "lead&co"], label="Roles", param="role", link_params={"framework": "f"}))
    links = [a.get("href") for a in root.findall("./tbody/tr/th/a")]
    assert links == ["?role=analyst&framework=f", "?role=lead%26co&framework=f"]


def test_each_cell_names_its_column_for_a_phone():
    root = read(table_html(TABLE, ["a", "b"], label="Roles", param="role", link_params={}))
    assert [td.get("data-label") for td in root.findall("./tbody/tr")[0].findall("td")] == ["Grade", "Roles"]
    assert [td.text for td in root.findall("./tbody/tr")[1].findall("td")] == ["PO8", "12"]


def test_headings_are_plain_unless_the_list_sorts():
    plain = read(table_html(TABLE, ["a", "b"], label="Roles", param="role", link_params={}))
    assert plain.find(".//button") is None
    assert ["".join(th.itertext()) for th in plain.findall("./thead/tr/th")] == ["Role", "Grade", "Roles"]


def test_a_heading_asks_for_the_next_sorting_and_marks_the_present_one():
    root = read(
        table_html(TABLE, ["a", "b"], label="Roles", param="role", link_params={}, sorting=Sorting("Grade", False))
    )
    headings = root.findall("./thead/tr/th")
    assert [th.get("aria-sort") for th in headings] == [None, "ascending", None]
    assert [th.find("button").get("data-sort") for th in headings] == ["asc:Role", "desc:Grade", "asc:Roles"]
    assert "".join(headings[1].itertext()) == "Grade ▲"


def test_toggled_goes_ascending_first_then_each_way_in_turn():
    first = toggled(Sorting(), "Role")
    assert first == Sorting("Role", False)
    assert toggled(first, "Role") == Sorting("Role", True)
    assert toggled(Sorting("Role", True), "Role") == Sorting("Role", False)
    assert toggled(Sorting("Role", True), "Grade") == Sorting("Grade", False)


def test_sort_rows_numbers_as_numbers_text_in_any_case_and_hidden_keys():
    table = pd.DataFrame(
        {"Name": ["beta", "Alpha", "alpha2", "Gamma"], "Count": [9, 10, 2, 10], "Grade": ["PO9", "PO10", "PO1", "x"]}
    )
    table["_rank"] = [9, 10, 1, 0]
    assert list(sort_rows(table, "Count")["Count"]) == [2, 9, 10, 10]
    assert list(sort_rows(table, "Name")["Name"]) == ["Alpha", "alpha2", "beta", "Gamma"]
    assert list(sort_rows(table, "Grade", keys={"Grade": "_rank"})["Grade"]) == ["x", "PO1", "PO9", "PO10"]
    assert sort_rows(table, None) is table
    assert sort_rows(table, "No such column") is table


def test_ties_keep_the_tables_order_whichever_way():
    table = pd.DataFrame({"Name": ["first", "second", "third"], "Count": [1, 1, 2]})
    assert list(sort_rows(table, "Count")["Name"]) == ["first", "second", "third"]
    assert list(sort_rows(table, "Count", descending=True)["Name"]) == ["third", "first", "second"]


def test_numbers_line_up_on_the_right():
    root = read(table_html(TABLE, ["a", "b"], label="Roles", param="role", link_params={}, sorting=Sorting()))
    assert [th.get("class") for th in root.findall("./thead/tr/th")] == [None, None, "number"]
    assert [td.get("class") for td in root.findall("./tbody/tr")[0].findall("td")] == [None, "number"]
