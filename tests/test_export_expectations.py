"""Exports carry the framework: every expectation of every shipped framework in the roles CSV, the expectations
CSV and sheet, and each role's profile; the expectations read back through ``import sheet`` unchanged; and
every count in every workbook is a number a spreadsheet can sum."""

from __future__ import annotations

import io
import subprocess
import sys

import openpyxl
import pytest

from framework import load_framework, load_framework_text
from framework.expectation_index import LADDER
from framework.expectations import effective_expectations, role_expectations
from framework.export import EXPECTATION_COLUMNS, expectations_table, framework_xlsx, role_profile_markdown
from framework.graph import build_graph
from framework.importers import Input, import_sheet
from framework.review import review_xlsx
from framework.team import team_view, team_workbook
from framework.versions import diff_frameworks, diff_xlsx
from framework.yamlwrite import dump_framework
from tests.conftest import COUNCIL, DATA, ROOT
from tests.record_samples import all_records

WITH_EXPECTATIONS = [COUNCIL, DATA / "monzo.yaml", DATA / "ft-engineering.yaml"]


def _own(framework) -> dict[str, list[tuple]]:
    return {
        role.id: [
            (e.id, e.area_name, e.text, e.marker, e.examples, e.links, e.cumulative, e.level_name)
            for e in role_expectations(framework, role)
            if e.origin != LADDER
        ]
        for role in framework.roles
        if role_expectations(framework, role)
    }


@pytest.mark.parametrize("path", WITH_EXPECTATIONS, ids=lambda p: p.stem)
def test_export_then_import_sheet_gives_the_same_expectations(path):
    framework = load_framework(path)
    again = import_sheet(Input(f"{framework.id}.xlsx", framework_xlsx(framework))).framework
    assert _own(load_framework_text(dump_framework(again))) == _own(framework)


def test_the_expectations_csv_the_command_line_exports_reads_back_the_same(tmp_path):
    path = DATA / "monzo.yaml"
    run = [sys.executable, "-m", "framework"]
    subprocess.run([*run, "export", str(path), "-o", str(tmp_path)], cwd=ROOT, check=True, capture_output=True)
    out = tmp_path / "again.yaml"
    csv_file = tmp_path / "monzo-expectations.csv"
    done = subprocess.run([*run, "import", "sheet", str(csv_file), "-o", str(out)], cwd=ROOT, capture_output=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert _own(load_framework(out)) == _own(load_framework(path))


def test_the_expectations_sheet_has_a_row_per_expectation_and_one_more_per_further_example():
    framework = load_framework(DATA / "monzo.yaml")
    table = expectations_table(framework)
    assert list(table.columns) == list(EXPECTATION_COLUMNS)
    items = [e for role in framework.roles for e in role_expectations(framework, role)]
    assert len(table) == sum(max(1, len(e.examples), len(e.links)) for e in items)
    assert table["Level order"].dropna().map(type).eq(int).all()


def test_a_role_profile_carries_its_expectations_with_examples_links_and_sources():
    framework = load_framework(DATA / "ft-engineering.yaml")
    role = next(r for r in framework.roles if any(e.links for e in role_expectations(framework, r)))
    profile = role_profile_markdown(framework, role.id)
    assert "## Expectations" in profile
    for e in effective_expectations(framework, role):
        for _, url in e.links:
            assert url in profile
    for source in {e.source for e in effective_expectations(framework, role)}:
        assert source.split(",")[0].replace("&", "\\&") in profile


def test_the_roles_csv_has_a_column_per_marker():
    from framework.export import roles_table

    monzo = roles_table(load_framework(DATA / "monzo.yaml"))
    assert "Expectations" in monzo.columns
    row = monzo.set_index("Role id").loc["backend-4"]
    assert row["Expectations"].count("\n") + 1 == len(
        role_expectations(load_framework(DATA / "monzo.yaml"), "backend-4")
    )
    council = roles_table(load_framework(COUNCIL))
    assert "Knowledge (essential)" in council.columns


def _numbers(data: bytes, sheet: str, column: str) -> list:
    book = openpyxl.load_workbook(io.BytesIO(data))
    rows = list(book[sheet].iter_rows(values_only=True))
    index = rows[0].index(column)
    return [row[index] for row in rows[1:]]


def _summary(data: bytes) -> dict:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {row[0]: row[1] for row in book["Summary"].iter_rows(min_row=2, values_only=True)}


def test_counts_in_every_workbook_are_numbers(council, council_graph):
    summary = _summary(framework_xlsx(council))
    assert all(isinstance(summary[k], int) for k in ("Roles", "Skills", "Areas", "Expectations"))
    review = _summary(review_xlsx(council, council_graph))
    assert all(isinstance(review[k], int) for k in ("Roles", "Grades", "Problems", "Worth a look", "By design"))
    other = council.model_copy(update={"roles": council.roles[:-1]})
    diff = _summary(diff_xlsx(diff_frameworks(council, council_graph, other, build_graph(other))))
    assert all(isinstance(v, int) for k, v in diff.items() if k not in ("Older version", "Newer version"))
    team = team_view(council, list(all_records(council).items()))
    gains = [
        v
        for v in _numbers(team_workbook(team), "Against role and target", "Levels to gain for the target")
        if v is not None
    ]
    assert gains
    assert all(isinstance(v, int) for v in gains)
