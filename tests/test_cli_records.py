"""``python -m framework record`` and ``team``: a new record, checking one, and a team's workbook."""

from __future__ import annotations

import io

import openpyxl

from framework import load_framework
from framework.record import dump_record, load_record
from tests.conftest import COUNCIL
from tests.record_samples import ali, jo, sam
from tests.test_cli import run


def test_record_new_then_validate(tmp_path):
    out = tmp_path / "sam.yaml"
    result = run("record", "new", "--framework", str(COUNCIL), "--role", "associate-project-manager",
                 "--target", "delivery-manager", "--name", "Sam", "-o", str(out))  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"wrote {out}: one check-in (")
    record, warnings = load_record(out.read_bytes(), name="sam.yaml", framework=load_framework(COUNCIL))
    assert (record.person, record.current_role, record.target_role, warnings) == (
        "Sam",
        "associate-project-manager",
        "delivery-manager",
        [],
    )
    checked = run("record", "validate", str(out), "--framework", str(COUNCIL))
    assert checked.returncode == 0
    assert checked.stdout == "OK: 1 check-in, 0 warnings\n"


def test_record_new_with_an_unknown_role_exits_1(tmp_path):
    result = run("record", "new", "--framework", str(COUNCIL), "--role", "delivery-manger", "-o", str(tmp_path / "x"))
    assert result.returncode == 1
    assert "did you mean 'delivery-manager'?" in result.stdout
    assert not (tmp_path / "x").exists()


def test_record_validate_lists_problems_and_warnings(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("record_version: 1\nframework: {id: x}\ncheck_ins: [{date: nope}]\nextra: 1\n", encoding="utf-8")
    result = run("record", "validate", str(bad))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"{bad} is not a valid development record"
    assert any("check_ins[0].date: input should be a valid date" in line for line in lines)
    assert any(line.endswith("extra: unknown field 'extra'") for line in lines)
    typo = tmp_path / "typo.yaml"
    council = load_framework(COUNCIL)
    typo.write_text(dump_record(sam(council)).replace("planning:", "planing:"), encoding="utf-8")
    result = run("record", "validate", str(typo), "--framework", str(COUNCIL))
    assert result.returncode == 0
    assert result.stdout.startswith("OK: 3 check-ins, 3 warnings\n")
    assert "warning: unknown skill 'planing' (did you mean 'planning'?)" in result.stdout


def test_team_workbook_and_csv(tmp_path):
    council = load_framework(COUNCIL)
    paths = []
    for name, make in (("sam", sam), ("ali", ali), ("jo", jo)):
        path = tmp_path / f"{name}.yaml"
        path.write_text(dump_record(make(council)), encoding="utf-8")
        paths.append(str(path))
    out = tmp_path / "team.xlsx"
    result = run("team", *paths, "--framework", str(COUNCIL), "--format", "xlsx", "-o", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 members" in result.stdout
    assert "1 single point of failure" in result.stdout
    book = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    assert book.sheetnames[0] == "Monthly round"
    coverage = {row[0]: row[2] for row in book["Coverage"].iter_rows(min_row=2, values_only=True)}
    assert coverage["Product management"] == 1
    csv = tmp_path / "team.csv"
    assert run("team", *paths, "--framework", str(COUNCIL), "--format", "csv", "-o", str(csv)).returncode == 0
    assert csv.read_text(encoding="utf-8").splitlines()[1].startswith("Sam Okafor,")
