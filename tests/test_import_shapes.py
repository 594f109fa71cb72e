"""The shapes HR keeps a framework in, each written here: wide workbooks (a sheet or a block per area, levels
across), ladders published as Markdown and HTML tables, long sheets with the optional columns and sheets, and
what the import says when a workbook cannot be read."""

from __future__ import annotations

import io

import pytest

from framework import FrameworkError, load_framework
from framework.cli import main
from framework.expectations import effective_expectations, framework_areas, role_expectations
from framework.importers import Input, import_sheet, import_table, import_upload
from tests.unseen import workbook


def texts(framework, title: str) -> list[tuple]:
    role = next(r for r in framework.roles if r.title == title)
    return [(e.area_name, e.text) for e in role_expectations(framework, role)]


THREE_SHEETS = {
    "Craft": [["Competency", "Level 1", "Level 2", "Level 3"], ["Description", "Learns", "Practises", "Leads"],
              ["Testing", "Writes unit tests", "Tests a service end to end", "Sets the testing strategy"],
              ["Design", "", "Designs a component", "Designs a system"]],
    "People": [["Competency", "Level 1", "Level 2", "Level 3"], ["Feedback", "Asks for feedback", "Gives feedback",
               "Builds a culture of feedback"]],
    "Delivery": [["Competency", "Level 1", "Level 2", "Level 3"], ["Planning", "Plans a day\nPlans a week",
                 "Plans a sprint", "Plans a quarter"]],
}  # fmt: skip


def test_a_wide_workbook_with_a_sheet_per_competency():
    result = import_sheet(Input("matrix.xlsx", workbook(THREE_SHEETS)))
    fw = result.framework
    assert [g.name for g in fw.grades] == ["Level 1", "Level 2", "Level 3"]
    assert texts(fw, "Level 1") == [
        ("Testing", "Writes unit tests"),
        ("Feedback", "Asks for feedback"),
        ("Planning", "Plans a day"),
        ("Planning", "Plans a week"),
    ]
    areas = {a.name: a for a in fw.areas}
    assert areas["Testing"].parent == areas["Craft"].id
    assert [(lv.name, lv.description) for lv in areas["Craft"].levels][1] == ("Level 2", "Practises")
    assert "the wide shape: 3 levels, 5 criteria, 3 descriptions" in "\n".join(result.summary.lines())


def test_a_wide_sheet_with_a_block_per_area():
    rows = [
        ["", "Junior", "Mid", "Senior"],
        ["Communication"],
        ["Writing", "Writes notes", "Writes for others", "Writes guidance"],
        ["Delivery"],
        ["Planning", "Plans tasks", "Plans sprints", "Plans quarters"],
        ["Area description", "How work gets done", "", ""],
    ]
    fw = import_sheet(Input("blocks.xlsx", workbook({"Sheet1": rows}))).framework
    areas = {a.name: a for a in fw.areas}
    assert areas["Writing"].parent == areas["Communication"].id
    assert areas["Planning"].parent == areas["Delivery"].id
    assert areas["Delivery"].description == "How work gets done"
    assert texts(fw, "Senior") == [("Writing", "Writes guidance"), ("Planning", "Plans quarters")]


def test_a_single_wide_sheet_has_areas_down_its_first_column_and_descriptions_per_level():
    rows = [
        ["Area", "L1", "L2"],
        ["Summary", "New starter", "Works alone"],
        ["Craft", "Follows guidance", "Improves guidance"],
        ["Cumulative", "yes", "yes"],
        ["", "Turns up on time", "Helps others turn up on time"],
        ["Conduct", "", "", "Follows the code of conduct"],
    ]
    rows[0].append("All levels")
    fw = import_sheet(Input("ladder.csv", "\n".join(",".join(r) for r in rows).encode())).framework
    one = next(r for r in fw.roles if r.title == "L1")
    assert one.description == "New starter"
    assert ("", "Turns up on time") in texts(fw, "L1")  # no area: prose per level
    assert fw.disciplines[0].expectations[0].text == "Follows the code of conduct"
    two = next(r for r in fw.roles if r.title == "L2")
    assert "Follows guidance" in [e.text for e in effective_expectations(fw, two)]  # cumulative


def test_shape_wide_reads_level_names_it_does_not_recognise():
    rows = [["", "Bronze", "Silver"], ["Craft", "Does it", "Does it well"]]
    data = workbook({"Medals": rows})
    with pytest.raises(FrameworkError) as caught:
        import_sheet(Input("medals.xlsx", data))
    message = str(caught.value)
    assert "sheet 'Medals'" in message
    assert "its first row after the first cell does not name levels" in message
    assert "--shape wide" in message
    fw = import_sheet(Input("medals.xlsx", data), shape="wide").framework
    assert [r.title for r in fw.roles] == ["Bronze", "Silver"]


def test_a_workbook_that_cannot_be_read_names_each_sheet_and_what_would_work(tmp_path, capsys):
    path = tmp_path / "people.xlsx"
    path.write_bytes(workbook({"Staff": [["Name", "Team"], ["Sam", "Data"]], "Notes": [["Anything"]]}))
    assert main(["import", "sheet", str(path), "-o", str(tmp_path / "out.yaml")]) == 1
    printed = capsys.readouterr().out
    assert "sheet 'Staff': neither shape: no column for level, expectation" in printed
    assert "the header row has 'Name', 'Team'" in printed
    assert "sheet 'Notes'" in printed
    assert "what works:" in printed


def test_a_long_sheet_with_every_optional_column():
    header = ["Family", "Track", "Role", "Role id", "Level", "Level order", "Level description", "Area",
              "Parent area", "Area description", "Expectation id", "Expectation", "Example", "Marker", "Proficiency",
              "Cumulative", "All levels", "Link", "Link title", "Source"]  # fmt: skip
    rows = [
        ["Eng", "IC", "Engineer", "eng-1", "E1", "1", "Starts out", "Testing", "Craft", "Tests that prove it works",
         "t1", "Writes tests", "A unit test", "essential", "Working", "yes", "", "https://example.org/t",
         "Testing guide", "Our handbook, p. 3"],
        ["Eng", "IC", "Engineer", "eng-1", "E1", "1", "", "Testing", "Craft", "", "t1", "Writes tests",
         "An end-to-end test", "essential", "Working", "yes", "", "", "", "Our handbook, p. 3"],
        ["Eng", "", "", "", "", "", "", "Conduct", "", "", "", "Is kind", "", "", "", "", "yes", "", "", ""],
    ]  # fmt: skip
    fw = import_sheet(Input("hr.csv", _csv([header, *rows]))).framework
    role = fw.role("eng-1")
    (own,) = role.expectations
    assert (own.id, own.examples, own.marker, own.cumulative, own.source) == (
        "t1", ["A unit test", "An end-to-end test"], "essential", True, "Our handbook, p. 3"
    )  # fmt: skip
    assert (own.links[0].title, own.links[0].url) == ("Testing guide", "https://example.org/t")
    assert role.description == "Starts out"
    assert role.track == fw.tracks[0].id
    areas = framework_areas(fw)
    assert areas[own.area].parent == "craft"
    assert areas[own.area].description == "Tests that prove it works"
    assert [lv.name for lv in fw.skill_levels] == ["Working"]
    assert fw.disciplines[0].expectations[0].text == "Is kind"


def _csv(rows: list[list[str]]) -> bytes:
    import csv

    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


# --------------------------------------------------------------------------- ladders published as tables

MARKDOWN_LADDER = """---
title: Data engineering ladder
---

# Ignored when the front matter names the page

| Area | Data Engineer | Senior Data Engineer | Lead Data Engineer |
|---|---|---|---|
| Description | Builds pipelines | Designs pipelines | Sets the data platform's direction |
| *Pipelines* | Builds a pipeline with help | Designs pipelines | Chooses the [platform](https://example.org/p) |
| Quality | Writes data tests | Sets data contracts | Assures data across teams |
"""


def test_a_markdown_ladder_table():
    result = import_table(Input("ladder.md", MARKDOWN_LADDER.encode()))
    fw = result.framework
    assert fw.name == "Data engineering ladder"
    assert [r.title for r in fw.roles] == ["Data Engineer", "Senior Data Engineer", "Lead Data Engineer"]
    assert texts(fw, "Lead Data Engineer") == [
        ("Pipelines", "Chooses the platform"),
        ("Quality", "Assures data across teams"),
    ]
    lead = next(r for r in fw.roles if r.title == "Lead Data Engineer")
    assert lead.description == "Sets the data platform's direction"
    assert lead.expectations[0].links[0].url == "https://example.org/p"
    # import sheet recognises the page too, and an upload of it is imported
    assert import_sheet(Input("ladder.md", MARKDOWN_LADDER.encode())).framework.roles == fw.roles
    assert import_upload("ladder.md", MARKDOWN_LADDER.encode()) is not None


def test_an_html_ladder_with_header_rows_and_a_cell_across_every_level(tmp_path):
    page = (
        "<html><head><title>Ladder</title></head><body><h2>Engineers</h2><table><thead>"
        "<tr><th rowspan=2>Area</th><th colspan=2>Engineer</th></tr><tr><th>E1</th><th>E2</th></tr></thead>"
        "<tbody><tr><td>Craft</td><td>Codes<br>Tests</td><td>Designs</td></tr>"
        "<tr><td>Conduct</td><td colspan=2>Is kind</td></tr></tbody></table>"
        "<script>var a = '<td>not a cell</td>';</script></body></html>"
    )
    path = tmp_path / "ladder.html"
    path.write_text(page)
    out = tmp_path / "ladder.yaml"
    assert main(["import", "table", str(path), "-o", str(out)]) == 0
    fw = load_framework(out)
    assert [r.title for r in fw.roles] == ["Engineer — E1", "Engineer — E2"]
    assert texts(fw, "Engineer — E1") == [("Craft", "Codes"), ("Craft", "Tests"), ("Conduct", "Is kind")]
    assert [e.text for e in fw.disciplines[0].expectations] == ["Is kind"]
    assert "not a cell" not in path.read_text().split("<script>")[0]


def test_levels_down_the_first_column_are_read_turned():
    page = "| Level | Craft | People |\n|---|---|---|\n| Junior | Codes | Listens |\n"
    page += "| Senior | Designs | Coaches |\n"
    fw = import_table(Input("down.md", page.encode())).framework
    assert texts(fw, "Senior") == [("Craft", "Designs"), ("People", "Coaches")]


@pytest.mark.parametrize(("name", "command"), [("ladder.md", "import table"), ("ladder.html", "import table")])
def test_validate_names_the_import_for_a_page(tmp_path, capsys, name, command):
    path = tmp_path / name
    path.write_text(MARKDOWN_LADDER if name.endswith(".md") else "<html><table><tr><td>x</td></tr></table></html>")
    assert main(["validate", str(path)]) == 1
    printed = capsys.readouterr().out
    assert command in printed
    assert "unknown field" not in printed


def test_validate_names_the_import_for_a_job_description_in_markdown(tmp_path, capsys):
    path = tmp_path / "analyst.md"
    path.write_text("# Analyst\n\n## Duties\n\n- Analyses.\n")
    assert main(["validate", str(path)]) == 1
    assert "python -m framework import jd" in capsys.readouterr().out


def test_a_skipped_row_shows_a_non_breaking_space_as_a_space():
    data = "level,area,expectation,marker\nL1,Craft,Writes\u00a0code,maybe\n".encode()
    with pytest.raises(FrameworkError):
        import_sheet(Input("hr.csv", data))
    result = import_sheet(Input("hr.csv", data + b"L1,Craft,Reads code,\n"))
    (skipped,) = result.summary.skipped
    assert str(skipped) == "row 2: 'Writes code' — marker 'maybe' is neither 'essential' nor 'desirable'"
