"""``python -m framework``: exit codes, one problem per line, never a traceback."""

from __future__ import annotations

import pytest

from tests.commands import framework_command as run
from tests.conftest import COUNCIL, SHIPPED


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_validate_shipped_frameworks(path):
    result = run("validate", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK: ")


def test_validate_council_counts():
    result = run("validate", str(COUNCIL))
    assert result.returncode == 0
    first = result.stdout.splitlines()[0]
    assert first.startswith("OK: 11 roles, 9 grades, 3 disciplines, ")
    assert first.split(", ")[3].endswith(" skills") or " skills" in first


def test_validate_bad_file_lists_every_problem_and_exits_1(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "id: x\nname: X\ngrades: [{id: a}]\nroles:\n"
        "  - {id: r, title: R, grade: zz, source: {kind: document, document: d}}\n"
        "  - {id: s, title: S, grade: a, source: {kind: document, document: d}, reports_to: {role: nobody}}\n",
        encoding="utf-8",
    )
    result = run("validate", str(bad))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith(f"{bad}:5:")
    assert "unknown grade 'zz'" in lines[0]
    assert lines[1].startswith(f"{bad}:6:")
    assert "unknown role 'nobody'" in lines[1]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "content",
    [b"", b"\xff\xfe\x00garbage", b"[" * 100_000, b"a: !!python/object:os.system {}", b"- 1\n- 2\n", b"{{{{"],
    ids=["empty", "binary", "deep", "python-tag", "list", "broken-flow"],
)
def test_validate_never_prints_a_traceback(tmp_path, content):
    path = tmp_path / "x.yaml"
    path.write_bytes(content)
    result = run("validate", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout.strip(), "a problem must be printed"
    assert result.stdout.startswith(str(path))


def test_validate_a_directory_or_missing_file(tmp_path):
    for target, message in ((tmp_path, "is a directory"), (tmp_path / "nope.yaml", "no such file")):
        result = run("validate", str(target))
        assert result.returncode == 1
        assert message in result.stdout


@pytest.mark.parametrize(
    "args",
    [[], ["frobnicate"], ["validate"], ["import"], ["import", "ddat"], ["schema", "-o", "a", "--check", "b"]],
    ids=["nothing", "unknown-command", "validate-without-path", "import-without-source", "ddat-without-files",
         "schema-conflicting"],
)  # fmt: skip
def test_usage_errors_exit_2(args):
    result = run(*args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "usage:" in result.stderr


@pytest.mark.parametrize("command", [[], ["validate"], ["schema"], ["import"], ["import", "ddat"]])
def test_help_for_every_command(command):
    result = run(*command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: python -m framework")


def test_schema_check_passes_on_the_committed_schema():
    result = run("schema", "--check", "schema/framework.schema.json")
    assert result.returncode == 0, result.stdout


def test_schema_check_fails_on_a_stale_schema(tmp_path):
    stale = tmp_path / "s.json"
    stale.write_text("{}", encoding="utf-8")
    result = run("schema", "--check", str(stale))
    assert result.returncode == 1
    assert "out of date" in result.stdout
