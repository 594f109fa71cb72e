"""The spreadsheet importer, on spreadsheets made here that it has never seen.

Each generated sheet (CSV and .xlsx, from a seeded random source) holds texts with commas, quotes, line ends
and non-ASCII letters, headers in any case, extra columns, repeated rows and blank rows. The import must keep
every expectation and example word for word, in its family, level and area, and account for every row.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pytest
from openpyxl import Workbook

from framework import FrameworkError, load_framework
from framework.cli import main
from framework.expectations import role_expectations
from framework.importers import Input, import_sheet, import_upload, parse_mapping
from framework.importers import sheet as sheet_module
from framework.importers import workbook as workbook_module

WORDS = ["deliver", "review", "café", "naïve", "mentor", "a, b", 'say "yes"', "plan", "étude", "ship", "test"]


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def _generate(seed: int) -> tuple[list[str], list[list[str]], dict]:
    """A header and rows of a sheet never seen before, and what it holds: (family, level, area) → [(text,
    [examples])], with levels in order."""
    rng = random.Random(seed)
    header = [rng.choice(["Family", "FAMILY", "family"]), "Level", " Area ", "Expectation", "example", "Owner"]
    holds: dict[tuple[str, str, str], list[tuple[str, list[str]]]] = {}
    rows = []
    for f in range(rng.randint(1, 3)):
        family = f"Family {f} — {_text(rng, 1)}"
        for lv in range(rng.randint(2, 4)):
            level = f"L{lv + 1}"
            for a in range(rng.randint(1, 3)):
                area = f"Area {a} {_text(rng, 1)}"
                for e in range(rng.randint(1, 3)):
                    text = f"{_text(rng, rng.randint(2, 6))} {seed}-{f}-{lv}-{a}-{e}"
                    if rng.random() < 0.2:
                        text += "\nwith a second line"
                    examples = [_text(rng, 3) + f" #{n}" for n in range(rng.randint(0, 2))]
                    holds.setdefault((family, level, area), []).append((text, examples))
                    for n, example in enumerate(examples or [""]):
                        rows.append([family, level, area, text, example, "someone"])
                        if n == 0 and rng.random() < 0.2:
                            rows.append([family, level, area, text, example, "someone"])  # a repeat
                    if rng.random() < 0.1:
                        rows.append([""] * 6)  # a blank row
    return header, rows, holds


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows([header, *rows])
    return out.getvalue().encode("utf-8")


def _xlsx(header: list, rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in [header, *rows]:
        sheet.append([cell if cell != "" else None for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_a_generated_sheet_keeps_every_expectation_and_example_word_for_word(tmp_path, capsys, kind, seed):
    header, rows, holds = _generate(seed)
    path = tmp_path / f"generated.{kind}"
    path.write_bytes(_csv(header, rows) if kind == "csv" else _xlsx(header, rows))
    out = tmp_path / "out.yaml"
    assert main(["import", "sheet", str(path), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    fw = load_framework(out)
    for (family, level, area), expected in holds.items():
        (role,) = [r for r in fw.roles if r.source.detail == f"{family} › {level}"]
        assert fw.discipline_label(role.discipline) == family
        found = [(e.text, list(e.examples)) for e in role_expectations(fw, role) if e.area_name == area]
        assert found == expected, (family, level, area)
    # Levels keep their order within each family; every row is accounted for.
    for family in {f for f, _, _ in holds}:
        levels = [r.source.detail.split(" › ")[1] for r in fw.roles if fw.discipline_label(r.discipline) == family]
        assert levels == sorted(levels)
    blank = sum(1 for r in rows if not any(r))
    imported = sum(len(v) for v in holds.values())
    assert f"{len(rows)} rows below the header" in printed
    assert f"{blank} blank, 0 skipped" in printed
    assert "columns not read: 'Owner'" in printed
    assert sum(len(r.expectations) for r in fw.roles) == imported


SMALL = [
    ["Family", "Level", "Area", "Expectation", "Example", "Level order", "Marker", "Link"],
    ["Eng", "Senior", "Craft", "Designs systems", "", "2", "essential", "https://example.org/design"],
    ["Eng", "Junior", "Craft", "Writes tests", "Added a test", "1", "", ""],
    ["Eng", "Junior", "Craft", "Writes tests", "Fixed a flaky test", "1", "", ""],
    ["Data", "Analyst", "Craft", "Builds dashboards", "", "1", "desirable", ""],
    ["Data", "Lead", "People", "Leads analysts", "", "3", "", ""],
]


def test_level_order_orders_levels_and_sets_the_grade():
    result = import_sheet(Input("hr.csv", _csv(SMALL[0], SMALL[1:])))
    fw = result.framework
    assert [g.id for g in fw.grades] == ["1", "2", "3"]
    assert [(r.id, r.grade) for r in fw.roles] == [
        ("eng-junior", "1"),
        ("eng-senior", "2"),
        ("data-analyst", "1"),
        ("data-lead", "3"),
    ]
    (designs,) = fw.role("eng-senior").expectations
    assert (designs.marker, designs.links[0].url, designs.source) == (
        "essential",
        "https://example.org/design",
        "hr.csv, row 2",
    )
    (tests,) = fw.role("eng-junior").expectations
    assert tests.examples == ["Added a test", "Fixed a flaky test"]
    assert "1 example added to an earlier row's expectation" in "\n".join(result.summary.lines())


def test_headers_are_mapped():
    header = ["Job family", "Grade", "Competency", "Behaviour"]
    rows = [["Eng", "G1", "Craft", "Writes code"], ["Eng", "G2", "Craft", "Reviews code"]]
    mapping = parse_mapping(["family=Job family", "level=grade", "area=Competency", "expectation=Behaviour"])
    fw = import_sheet(Input("hr.csv", _csv(header, rows)), mapping=mapping).framework
    assert [r.title for r in fw.roles] == ["G1", "G2"]
    assert fw.role("eng-g2").expectations[0].text == "Reviews code"


BAD_ROWS = [
    (["Eng", "Junior", "Craft", ""], "row 3: 'the row' — no expectation"),
    (["Eng", "Junior", "Craft", "Bad marker", "", "1", "maybe"], "row 3: 'Bad marker' — marker 'maybe' is neither"),
    (["Eng", "Junior", "Craft", "Bad link", "", "1", "", "javascript:alert(1)"], "is not a web address"),
    (["Eng", "Junior", "Craft", "Bad order", "", "first"], "level_order 'first' is not a number"),
    (["Eng", "Junior", "Craft", "Negative", "", "-1"], "level_order '-1' is below 0"),
    (
        ["Eng", "Senior", "Craft", "Order changes", "", "5"],
        "row 3: 'Order changes' — level 'Senior' has level_order 5 here but 2 in row 2",
    ),
]


@pytest.mark.parametrize(("row", "expected"), BAD_ROWS)
def test_a_bad_row_is_named_by_its_row_number_and_the_rest_imported(row, expected):
    good = ["Eng", "Senior", "Craft", "Designs systems", "", "2", "", ""]
    data = _csv(SMALL[0], [good, row + [""] * (8 - len(row))])
    result = import_sheet(Input("hr.csv", data))
    lines = "\n".join(result.summary.lines())
    assert expected in lines, lines
    assert "2 rows below the header: 1 expectation" in lines
    assert "1 skipped" in lines
    assert result.framework.role("eng-senior").expectations[0].text == "Designs systems"


@pytest.mark.parametrize(
    ("header", "mapping", "expected"),
    [
        (["Family", "Level", "Area"], [], 'no column for expectation (use --map expectation="HEADER" to name it)'),
        (["Family", "Level", "Area", "Expectation"], ["level=Grade"], "--map level='Grade': no column of that name"),
    ],
)
def test_missing_columns_are_named_with_the_headers_found(header, mapping, expected):
    with pytest.raises(FrameworkError) as caught:
        import_sheet(Input("hr.csv", _csv(header, [["a"] * len(header)])), mapping=parse_mapping(mapping))
    assert expected in str(caught.value)
    assert "the header row has 'Family', 'Level'" in str(caught.value)


def test_a_bad_mapping_is_named():
    with pytest.raises(FrameworkError, match="no field 'levl'"):
        parse_mapping(["levl=Grade"])


def test_families_ordering_levels_two_ways_need_a_level_order():
    rows = [["A", "One", "X", "a1"], ["A", "Two", "X", "a2"], ["B", "Two", "X", "b2"], ["B", "One", "X", "b1"]]
    with pytest.raises(FrameworkError, match="different orders"):
        import_sheet(Input("hr.csv", _csv(["family", "level", "area", "expectation"], rows)))


def test_without_a_family_column_the_sheet_is_one_family():
    rows = [["One", "X", "first"], ["Two", "X", "second"]]
    result = import_sheet(Input("team-skills.csv", _csv(["level", "area", "expectation"], rows)))
    assert [r.id for r in result.framework.roles] == ["one", "two"]
    assert result.framework.disciplines[0].name == "team-skills"
    assert "no family column" in "\n".join(result.summary.lines())


def test_semicolons_and_tabs_separate_cells_too():
    text = "level;area;expectation\nOne;X;Keeps, commas\n"
    fw = import_sheet(Input("hr.csv", text.encode())).framework
    assert fw.roles[0].expectations[0].text == "Keeps, commas"


def test_excel_formulas_are_never_read_as_text():
    data = _xlsx(["level", "area", "expectation"], [["One", "X", '=HYPERLINK("http://x")'], ["One", "X", "Plain"]])
    result = import_sheet(Input("hr.xlsx", data))
    texts = [e.text for r in result.framework.roles for e in r.expectations]
    assert texts == ["Plain"]  # the formula has no cached value: the cell is read as empty, and the row named
    assert any("row 2" in str(s) and "no expectation" in str(s) for s in result.summary.skipped)


def test_a_sheet_over_the_row_limit_is_refused(monkeypatch):
    monkeypatch.setattr(sheet_module, "MAX_ROWS", 3)
    rows = [["One", "X", f"e{n}"] for n in range(5)]
    with pytest.raises(FrameworkError, match="more than 3 rows"):
        import_sheet(Input("hr.csv", _csv(["level", "area", "expectation"], rows)))


def test_a_workbook_that_unzips_too_large_is_refused(monkeypatch):
    monkeypatch.setattr(workbook_module, "MAX_UNZIPPED", 1000)
    with pytest.raises(FrameworkError, match="unzips to"):
        import_sheet(Input("hr.xlsx", _xlsx(["level", "area", "expectation"], [["One", "X", "e"]])))


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_validate_names_the_import_for_a_raw_sheet(tmp_path, capsys, kind):
    path = tmp_path / f"hr.{kind}"
    path.write_bytes(_csv(SMALL[0], SMALL[1:]) if kind == "csv" else _xlsx(SMALL[0], SMALL[1:]))
    assert main(["validate", str(path)]) == 1
    printed = capsys.readouterr().out
    assert "python -m framework import sheet" in printed
    assert "unknown field" not in printed


def test_an_upload_of_a_sheet_is_imported_by_the_same_code():
    result = import_upload("hr.xlsx", _xlsx(SMALL[0], SMALL[1:]))
    assert result is not None
    assert [r.id for r in result.framework.roles] == ["eng-junior", "eng-senior", "data-analyst", "data-lead"]
    assert import_upload("framework.yaml", Path(__file__).read_bytes()) is None


@pytest.mark.parametrize(
    ("name", "data", "role"),
    [
        ("hr.csv", _csv(SMALL[0], SMALL[1:]), "eng-junior"),
        ("hr.xlsx", _xlsx(SMALL[0], SMALL[1:]), "eng-senior"),
        ("tiny.md", b"## Level 1\n\n### Craft\n\nWrites small things.\n", "tiny-1"),
        (
            "tiny.yml",
            b"name: Tiny\nlevels: [{id: one, name: One}]\nthemes: [{id: craft, name: Craft}]\n"
            b"competencies: [{level: one, theme: craft, summary: Does it., proficiency: Expert}]\n",
            "tiny-one",
        ),
    ],
)
def test_an_upload_of_another_format_is_imported_and_checked_like_any_framework(name, data, role):
    from ui.data import load_upload

    loaded = load_upload(data, name)
    assert role in loaded.framework.roles_by_id
    assert loaded.graph.number_of_nodes() == len(loaded.framework.roles)


def test_an_upload_that_is_a_broken_framework_still_lists_its_problems():
    from ui.data import load_upload

    with pytest.raises(FrameworkError) as caught:
        load_upload(b"id: x\nname: X\ngrades: [{id: g}]\nroles: [{id: r}]\n", "mine.yaml")
    assert "missing required field 'title'" in str(caught.value)


def test_a_link_too_long_is_a_bad_row():
    link = "https://example.org/" + "a" * 3000
    result = import_sheet(
        Input(
            "hr.csv", _csv(["level", "area", "expectation", "link"], [["One", "X", "e", link], ["One", "X", "f", ""]])
        )
    )
    assert any("row 2" in str(s) and "at most 2,000 characters" in str(s) for s in result.summary.skipped)


def test_a_value_no_framework_can_hold_is_named_not_a_traceback():
    page = (
        "---\nyaml: true\ntopics:\n  - name: craft\n    content:\n      - level: 1\n        criteria: ['"
        + "x" * 60_000
        + "']\n---\n"
    )
    from framework.importers import import_monzo

    with pytest.raises(FrameworkError) as caught:
        import_monzo([Input("long.md", page.encode())])
    assert "the source holds a value a framework cannot" in str(caught.value)
    assert "at most 50000 characters" in str(caught.value)
