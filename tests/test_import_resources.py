"""Importing the spreadsheet an L&D team keeps into a learning catalogue: a long CSV (a row per resource, skill
and level), an Excel workbook, headers of one's own (``--map``), names instead of ids, and every bad row named
by its row number with every row accounted for."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import Workbook

from framework import InputError, load_framework
from framework.importers.resources import import_resources, parse_resource_mapping
from framework.importers.summary import Input
from framework.learning import Vocabulary, catalogue_problems, dump_catalogue, load_catalogue
from tests.conftest import DATA

HEADER = ["title", "address", "provider", "kind", "access", "cost", "time", "skill", "level", "source", "checked_on"]


@pytest.fixture(scope="module")
def ddat():
    return load_framework(DATA / "ddat.yaml")


def csv_bytes(rows: list[list[str]], header: list[str] = HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def row(
    title="Agile course",
    address="https://learn.example.org/agile",
    skill="agile-and-lean-practices",
    level="working",
    **more,
):
    values = {"provider": "Our academy", "kind": "course", "access": "organisation", "cost": "£0", "time": "2 days"}
    values |= {"source": "L&D list 2026", "checked_on": "2026-11-30"} | more
    return [
        title,
        address,
        values["provider"],
        values["kind"],
        values["access"],
        values["cost"],
        values["time"],
        skill,
        level,
        values["source"],
        values["checked_on"],
    ]


def test_a_long_sheet_is_one_resource_per_address_serving_every_row(ddat):
    """A row per resource, skill and level: 3,000 rows of 500 resources, each serving three skills at two levels."""
    skills = ["agile-and-lean-practices", "planning", "user-focus"]
    rows = [
        row(title=f"Course {n}", address=f"https://learn.example.org/c/{n}", skill=s, level=level)
        for n in range(500)
        for s in skills
        for level in ("working", "practitioner")
    ]
    result = import_resources(Input("courses.csv", csv_bytes(rows)), framework=ddat)
    catalogue = result.catalogue
    assert len(catalogue.resources) == 500
    first = catalogue.resources[0]
    assert [(s.skill, s.levels) for s in first.serves] == [
        ("agile-and-lean-practices", ["working"]),
        ("agile-and-lean-practices", ["practitioner"]),
        ("planning", ["working"]),
        ("planning", ["practitioner"]),
        ("user-focus", ["working"]),
        ("user-focus", ["practitioner"]),
    ]
    assert first.model_dump(exclude={"serves"}, mode="json") == {
        "title": "Course 0",
        "address": "https://learn.example.org/c/0",
        "provider": "Our academy",
        "kind": "course",
        "access": "organisation",
        "cost": "£0",
        "time": "2 days",
        "licence": None,
        "source": "L&D list 2026",
        "checked_on": "2026-11-30",
        "note": None,
    }
    assert result.summary.files == [
        "courses.csv: 3,000 rows below the header: 500 resources, 2,500 adding to an earlier row's resource, "
        "0 blank, 0 skipped"
    ]
    assert catalogue.frameworks == ["ddat"]
    assert catalogue_problems(catalogue, ddat) == []
    assert load_catalogue(dump_catalogue(catalogue), name="out.yaml", framework=ddat) == catalogue


def test_a_workbook_reads_as_its_csv(ddat):
    rows = [
        row(),
        row(skill="Planning", level="Practitioner; Expert"),
        row(title="Mentoring", address="", access="organisation", kind="Shadowing", skill="user-focus", level=""),
    ]
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for r in rows:
        sheet.append(r)
    book.create_sheet("Notes").append(["not read"])
    data = io.BytesIO()
    book.save(data)
    from_book = import_resources(Input("courses.xlsx", data.getvalue()), framework=ddat)
    from_csv = import_resources(Input("courses.csv", csv_bytes(rows)), framework=ddat)
    assert from_book.catalogue.resources == from_csv.catalogue.resources
    assert [(s.skill, s.levels) for s in from_book.catalogue.resources[0].serves] == [
        ("agile-and-lean-practices", ["working"]),
        ("planning", ["practitioner", "expert"]),
    ], "names are read as the framework's ids; several levels in one cell"
    mentoring = from_book.catalogue.resources[1]
    assert (mentoring.kind, mentoring.address, mentoring.serves[0].levels) == ("shadowing", None, [])
    assert "courses.xlsx: read its first sheet, 'Sheet'; not the others ('Notes')" in from_book.summary.notes


def test_headers_of_ones_own_are_mapped():
    header = ["Course", "Link", "Type", "Open to", "Competency", "Level", "Verified at"]
    data = csv_bytes(
        [
            [
                "Agile 101",
                "https://learn.example.org/a",
                "course",
                "open",
                "agile-and-lean-practices",
                "working",
                "our site",
            ]
        ],
        header,
    )
    with pytest.raises(InputError) as raised:
        import_resources(Input("ours.csv", data))
    assert str(raised.value.problems[0]) == (
        'ours.csv:1: no column for title, kind (use --map title="HEADER" --map kind="HEADER" to name it); the '
        "header row has 'Course', 'Link', 'Type', 'Open to', 'Competency', 'Level', 'Verified at'"
    )
    mapping = parse_resource_mapping(
        ["title=Course", "address=Link", "kind=Type", "access=Open to", "skill=Competency", "source=Verified at"]
    )
    catalogue = import_resources(Input("ours.csv", data), mapping=mapping).catalogue
    entry = catalogue.resources[0]
    assert (entry.title, entry.address, entry.access, entry.source) == (
        "Agile 101",
        "https://learn.example.org/a",
        "open",
        "our site",
    )


def test_a_mapping_names_only_fields_the_sheet_has():
    with pytest.raises(InputError) as raised:
        parse_resource_mapping(["grade=Level", "title"])
    assert [p.message for p in raised.value.problems] == [
        "--map 'grade=Level': no field 'grade' (fields: title, address, provider, kind, access, cost, time, licence, "
        "skill, area, level, source, checked_on, note)",
        "--map 'title': write FIELD=HEADER, e.g. level=Grade",
    ]


BAD_ROWS = [
    (row(title=""), "row 2: 'the row' — no title"),
    (
        row(kind="podcast"),
        "row 3: 'Agile course' — kind 'podcast' is not one of course, guide, book, community, shadowing, on-the-job",
    ),
    (row(access="staff"), "row 4: 'Agile course' — access 'staff' is neither 'open' nor 'organisation'"),
    (
        row(address="www.example.org"),
        "row 5: 'Agile course' — address 'www.example.org' is not a web address (http or https)",
    ),
    (row(address="", access="open"), "row 6: 'Agile course' — an open resource needs an address"),
    (row(skill=""), "row 7: 'Agile course' — no skill or area"),
    (row(skill="Agile and lean"), "row 8: 'Agile course' — the framework has no skill 'Agile and lean'"),
    (
        row(level="guru"),
        "row 9: 'Agile course' — the framework has no level 'guru' for skill 'agile-and-lean-practices'",
    ),
    (row(checked_on="last week"), "row 10: 'Agile course' — checked_on 'last week' is not a date (YYYY-MM-DD)"),
]


def test_bad_rows_are_named_by_row_number_and_every_row_is_accounted_for(ddat):
    rows = [r for r, _ in BAD_ROWS] + [
        [""] * len(HEADER),
        row(title="Good one", address="https://learn.example.org/good"),
    ]
    result = import_resources(Input("mixed.csv", csv_bytes(rows)), framework=ddat)
    assert [str(s) for s in result.summary.skipped] == [said for _, said in BAD_ROWS]
    assert [r.title for r in result.catalogue.resources] == ["Good one"]
    assert result.summary.files == [
        "mixed.csv: 11 rows below the header: 1 resource, 0 adding to an earlier row's resource, 1 blank, 9 skipped"
    ]


def test_unknown_skills_may_be_kept_for_a_catalogue_that_serves_other_frameworks(council):
    data = csv_bytes(
        [
            row(skill="User research methods"),
            row(title="Planning", address="https://learn.example.org/p", skill="Planning"),
        ]
    )
    strict = import_resources(Input("c.csv", data), framework=council)
    assert [str(s) for s in strict.summary.skipped] == [
        "row 2: 'Agile course' — the framework has no skill 'User research methods'"
    ]
    kept = import_resources(Input("c.csv", data), framework=council, unknown="keep")
    assert [s.skill for e in kept.catalogue.resources for s in e.serves] == ["user-research-methods", "planning"]
    assert [p.code for p in catalogue_problems(kept.catalogue, council, unknown="warning")] == ["unknown-skill"]


def test_without_an_access_column_nothing_is_shown_as_open_to_all():
    header = [h for h in HEADER if h != "access"]
    data = csv_bytes([[v for h, v in zip(HEADER, row(), strict=True) if h != "access"]], header)
    result = import_resources(Input("c.csv", data))
    assert result.catalogue.resources[0].access == "organisation"
    assert "no access column: every resource is marked as for the organisation's staff only" in result.summary.notes


def test_without_a_source_column_the_sheet_and_its_row_are_the_source():
    header = [h for h in HEADER if h != "source"]
    data = csv_bytes([[v for h, v in zip(HEADER, row(), strict=True) if h != "source"]], header)
    assert import_resources(Input("c.csv", data)).catalogue.resources[0].source == "c.csv, row 2"


def test_rows_of_one_resource_that_disagree_keep_the_first_and_say_so(ddat):
    data = csv_bytes([row(), row(title="Agile course (new title)", skill="planning", level="expert")])
    result = import_resources(Input("c.csv", data), framework=ddat)
    assert result.catalogue.resources[0].title == "Agile course"
    assert "row 3 adds to row 2's resource but gives another title: row 2's kept" in result.summary.notes


def test_areas_of_an_expectations_framework_by_name():
    ft = load_framework(DATA / "ft-engineering.yaml")
    header = ["title", "address", "kind", "access", "area", "source"]
    data = csv_bytes(
        [["Talks", "https://learn.example.org/t", "community", "open", "Planning and Organising", "ours"]], header
    )
    catalogue = import_resources(Input("c.csv", data), framework=Vocabulary.of(ft)).catalogue
    assert catalogue.resources[0].serves[0].area == "planning-organising"


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"", "c.csv: the sheet is empty: no header row"),
        (csv_bytes([]), "c.csv: the sheet has no rows"),
        (csv_bytes([row(kind="podcast")]), "c.csv: no row holds a usable resource (see the rows skipped)"),
        (
            b"title,kind\nA,guide\n",
            'c.csv:1: no column for skill or area (use --map skill="HEADER" to name it); the header row has '
            "'title', 'kind'",
        ),
    ],
)
def test_a_sheet_with_nothing_to_import_is_refused_plainly(data, said):
    with pytest.raises(InputError) as raised:
        import_resources(Input("c.csv", data))
    assert [str(p) for p in raised.value.problems] == [said]
