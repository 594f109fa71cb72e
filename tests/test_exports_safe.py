"""Every export stays data: no live formula in any cell or heading, no raw carriage return, no control character
— in every file ``python -m framework export`` writes (the app's framework-level downloads) and in the plans.

The framework is generated with a hostile value in every text a file can give: formulas (``=HYPERLINK(…)``,
``=cmd|' /C calc'!A0``, ``@SUM``, full-width ``＝``, after leading spaces), carriage returns and line feeds
inside fields, and control characters written as YAML escapes (``\\0``, ``\\x07``, ``\\x1b``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from framework import check_framework, load_framework, load_framework_text
from framework.cells import CONTROL, cell
from framework.cli import main
from framework.downloads import framework_downloads
from framework.expectations import has_expectations
from framework.export import framework_xlsx
from framework.graph import build_graph
from framework.plan import Action, development_plan
from framework.planfiles import plan_csv
from framework.review import review_xlsx
from framework.skills import Profile
from tests.commands import framework_command
from tests.conftest import SHIPPED

ATTACKS = [
    '=HYPERLINK(\\"http://evil.example\\", \\"x\\")',
    "=cmd|' /C calc'!A0",
    "@SUM(A1:A9)",
    "+1+1",
    "-2+3",
    "  =1+1",
    "\\t=1+1",
    "\\uff1d1+1",
    "line one\\rline two",
    "=first\\r\\n=second",
    "nul\\0inside",
    "bell\\x07and escape\\x1b",
]
FORMULA = re.compile(r"\s*[=+\-@\t\uff1d\uff0b\uff0d\uff20]")


def hostile_framework() -> str:
    """Every text of the framework holds one of ATTACKS (ids cannot: they are letters, digits and -_.)."""
    attack = iter(ATTACKS * 40)

    def q() -> str:
        return f'"{next(attack)}"'

    lines = [
        "id: hostile",
        f"name: {q()}",
        f"attribution: {q()}",
        f"grades: [{{id: g1, name: {q()}}}, {{id: g2, name: {q()}}}]",
        f"disciplines: [{{id: d, name: {q()}}}]",
        f"skill_levels: [{{id: l1, name: {q()}}}, {{id: l2, name: {q()}}}]",
        "skills:",
    ]
    for i in range(4):
        lines.append(f"  - {{id: s{i}, name: {q()}, levels: {{l1: {q()}, l2: {q()}}}}}")
    lines.append("roles:")
    for i in range(3):
        lines += [
            f"  - id: r{i}",
            f"    title: {q()}",
            f"    grade: g{1 + i % 2}",
            "    discipline: d",
            f"    track: t{i}",
            "    source: {kind: document, document: d}",
            "    job_description:",
            f"      header: [{q()}]",
            "      sections:",
            f"        - {{kind: purpose, heading: {q()}, paragraphs: [{q()}], items: [{q()}]}}",
            f"        - {{kind: duties, heading: {q()}, items: [{q()}, {q()}]}}",
            "      person_specification:",
            f"        fields: [{q()}]",
            "        criteria:",
            f"          - {{heading: {q()}, groups: [{{marker: {q()}, items: [{q()}]}}, {{items: [{q()}]}}]}}",
            f"          - {{heading: {q()}, groups: [{{marker: Essential, items: [{q()}]}}]}}",
            f"    budget: {{evidence: {q()}}}",
            f"    salary: [{{location: {q()}, minimum_gbp: 1, maximum_gbp: 2, evidence: {q()}}}]",
            "    skills:",
            *(f"      - {{skill: s{j}, level: l{1 + (i + j) % 2}, evidence: [{q()}]}}" for j in range(4)),
        ]
    lines.append(
        f"  - {{id: ref, title: {q()}, source: {{kind: referenced, referenced_by: [{{role: r0, evidence: {q()}}}]}}}}"
    )
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.yaml"
    path.write_text(hostile_framework(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def exported(hostile, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("exported")
    assert main(["export", str(hostile), "-o", str(out)]) == 0
    return out


def unsafe(value: object) -> str | None:
    """Why a cell a spreadsheet reads is not safe, or None."""
    if not isinstance(value, str):
        return None
    if FORMULA.match(value):
        return "starts like a formula"
    if "\r" in value:
        return "holds a carriage return"
    if CONTROL.search(value):
        return "holds a control character"
    return None


def csv_problems(data: bytes) -> list[str]:
    text = data.decode("utf-8-sig")
    out = ["a raw carriage return"] if "\r" in text else []
    for number, row in enumerate(csv.reader(io.StringIO(text, newline="")), 1):
        out += [f"row {number}: {value!r} {why}" for value in row if (why := unsafe(value))]
    return out


def xlsx_problems(data: bytes) -> list[str]:
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # a formula is an <f> element in a sheet's XML
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and b"<f>" in archive.read(name):
                out.append(f"{name} holds a formula")
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for c in row:
                if c.data_type == "f":
                    out.append(f"{sheet.title}!{c.coordinate} is a formula")
                elif why := unsafe(c.value):
                    out.append(f"{sheet.title}!{c.coordinate}: {c.value!r} {why}")
    return out


def markdown_problems(data: bytes) -> list[str]:
    text = data.decode("utf-8")
    return (["a raw carriage return"] if "\r" in text else []) + (
        ["a control character"] if CONTROL.search(text) else []
    )


def problems_of(name: str, data: bytes) -> list[str]:
    if name.endswith(".csv"):
        return csv_problems(data)
    if name.endswith(".xlsx"):
        return xlsx_problems(data)
    return markdown_problems(data)


def test_the_hostile_framework_loads_and_names_each_control_character(hostile):
    warnings = check_framework(hostile).warnings
    controls = [w for w in warnings if w.code == "control-character"]
    assert controls, warnings
    first = controls[0]
    assert (first.file, first.line is not None, bool(first.path)) == (str(hostile), True, True)
    said = " ".join(str(w) for w in controls)
    assert all(name in said for name in ("U+0000", "U+0007", "U+001B"))


def test_export_writes_every_download_under_the_app_s_names(hostile, exported):
    framework = load_framework(hostile)
    expected = {
        "hostile-roles.csv",
        "hostile-skills-matrix.csv",
        "hostile-expectations.csv",
        "hostile.xlsx",
        "structure-review-hostile.md",
        "structure-review-hostile.xlsx",
        *(f"{r.id}.md" for r in framework.roles),
    }
    assert {p.name for p in exported.iterdir()} == expected
    for download in framework_downloads(framework, build_graph(framework)):
        data = (exported / download.name).read_bytes()
        if download.name.endswith(".xlsx"):  # a workbook records when it was made: compare what it holds
            assert _cells(data) == _cells(download.make())
        else:
            assert data == download.make()


def _cells(data: bytes) -> list:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [[c.value for row in sheet.iter_rows() for c in row] for sheet in book.worksheets]


def test_every_exported_file_is_safe(exported):
    found = {p.name: problems_of(p.name, p.read_bytes()) for p in sorted(exported.iterdir())}
    assert {name: found_ for name, found_ in found.items() if found_} == {}


@pytest.mark.parametrize(
    ("sheet", "column"),
    [
        ("Skills matrix", "the skills' names"),
        ("Roles", "the criteria headings"),
        ("About", "the attribution"),
    ],
)
def test_headings_are_neutralised_in_the_workbook(hostile, sheet, column):
    book = openpyxl.load_workbook(io.BytesIO(framework_xlsx(load_framework(hostile))))
    values = [c.value for row in book[sheet].iter_rows() for c in row if isinstance(c.value, str)]
    assert any(v.startswith(("'=", "'@", "'\uff1d")) for v in values), (column, values)
    assert not [v for v in values if unsafe(v)]


def test_the_review_workbook_neutralises_grade_names_as_headings(hostile):
    framework = load_framework(hostile)
    book = openpyxl.load_workbook(io.BytesIO(review_xlsx(framework, build_graph(framework))))
    headings = [c.value for c in next(book["Rung status"].iter_rows())]
    assert [h for h in headings if h and h.startswith("'")], headings  # the grade names, quoted
    assert not [h for h in headings if unsafe(h)]


def test_plan_csv_of_the_hostile_framework_is_safe(hostile):
    """The plan's rows hold the framework's text and what the people in the conversation wrote in."""
    framework = load_framework(hostile)
    plan = development_plan(
        framework,
        build_graph(framework),
        Profile(framework="hostile", skills={"s0": "l1"}),
        "r1",
        date=dt.date(2025, 5, 14),
        person='=HYPERLINK("http://evil.example")',
        manager="@SUM(A1)",
        actions=[Action("=cmd|' /C calc'!A0", owner="a\rb", support="nul\x00")],
    )
    assert csv_problems(plan_csv(plan).encode()) == []


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("  @SUM(A1)", "'  @SUM(A1)"),
        ("\uff0b1", "'\uff0b1"),
        ("a\rb", "a\nb"),
        ("a\r\nb", "a\nb"),
        ("\r=evil", "'\n=evil"),
        ("nul\x00bell\x07del\x7fc1\x85", "nul\ufffdbell\ufffddel\ufffdc1\ufffd"),
        ("fine text", "fine text"),
        ("tab\tinside", "tab\tinside"),
        (42, 42),
        (None, None),
    ],
)
def test_one_cell(value, shown):
    assert cell(value) == shown


def test_a_field_holding_a_line_break_stays_one_row():
    framework = load_framework_text(
        'id: x\nname: X\ngrades: [{id: g}]\nroles:\n  - {id: r, title: "a\\rb", grade: g, '
        "source: {kind: document, document: d}}\n"
    )
    from framework.export import framework_csv

    rows = list(csv.reader(io.StringIO(framework_csv(framework, "roles").lstrip("\ufeff"), newline="")))
    assert [row[1] for row in rows] == ["Role", "a\nb"]


@pytest.mark.slow
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_export_from_the_command_line_for_each_shipped_framework(path, tmp_path):
    result = framework_command("export", path, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    framework = load_framework(path)
    files = len(framework.roles) + 5 + has_expectations(framework)  # the expectations CSV, where there are any
    assert result.stdout.splitlines()[0] == f"wrote {files} files to {tmp_path / 'out'}:"
    for file in (tmp_path / "out").iterdir():
        assert problems_of(file.name, file.read_bytes()) == [], file.name


def test_export_refuses_a_role_whose_profile_would_overwrite_the_review(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(
        "id: x\nname: X\ngrades: [{id: g}]\nroles:\n"
        "  - {id: structure-review-x, title: R, grade: g, source: {kind: document, document: d}}\n",
        encoding="utf-8",
    )
    assert main(["export", str(path), "-o", str(tmp_path / "out")]) == 1
    assert not (tmp_path / "out").exists()
