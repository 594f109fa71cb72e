"""Workbooks are bounded before anything parses them (``framework.importers.workbook``): the two workbooks that
held the upload checks — eleven million shared strings, and a declared size of the whole grid — and the others
an attacker would try next, each refused by the limit it passes, in a fraction of a second, in the app's check
and on the command line alike; and the worst workbook the limits allow is read."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile

import pytest

from framework import FrameworkError
from framework.importers import Input, import_sheet, load_or_import
from framework.importers import workbook as limits
from tests import hostile_workbooks as hostile
from tests.conftest import ROOT

UPLOAD = 2 * 2**20


@pytest.fixture
def unparsed(monkeypatch):
    """openpyxl may not open a workbook in the test: a refusal must come from the scan, before any parsing."""
    import openpyxl

    def never(*_args, **_kwargs):
        raise AssertionError("openpyxl was asked to open the workbook")

    monkeypatch.setattr(openpyxl, "load_workbook", never)


def _refusal(data: bytes) -> str:
    with pytest.raises(FrameworkError) as refused:
        import_sheet(Input("expectations.xlsx", data))
    (problem,) = refused.value.problems
    assert problem.code == "too-large"
    return str(problem)


def test_eleven_million_shared_strings_are_refused_before_openpyxl_reads_them(unparsed):
    """476 KB, 190 MiB unzipped: openpyxl read every string as it opened the workbook, and the check held the
    only slot for its whole minute."""
    assert "unzips to 175 MiB, more than the 16 MiB" in _refusal(hostile.shared_strings_bomb())


def test_shared_strings_are_counted_whatever_the_part_is_called(unparsed):
    """Within the sizes, a flood of strings is counted in the bytes — and a part not named sharedStrings.xml,
    which openpyxl would still find through the package's content types, is counted too."""
    flood = hostile.workbook(b"", strings=b"<x:si/>" * (limits.MAX_STRINGS + 1))
    assert f"more than {limits.MAX_STRINGS:,} shared strings" in _refusal(flood)
    renamed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(flood)) as source, zipfile.ZipFile(renamed, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            name = "xl/words.xml" if info.filename == "xl/sharedStrings.xml" else info.filename
            out.writestr(name, source.read(info).replace(b"sharedStrings.xml", b"words.xml"))
    assert "shared strings" in _refusal(renamed.getvalue())


def test_a_declared_size_of_the_whole_grid_is_not_trusted():
    """``<dimension ref="A1:XFD1048576"/>`` in 1.8 KB: every row was padded to 16,384 cells (2.8 GB in the check,
    a MemoryError on the command line). The rows are read as the file has them."""
    data = hostile.declared_grid()
    assert len(data) < 150_000
    book = limits.open_workbook(data, "grid.xlsx")
    try:
        rows = list(limits.sheet_rows(book.worksheets[0], "grid.xlsx"))
    finally:
        book.close()
    assert [len(row) for row in rows[:4]] == [3, 3, 3, 3]
    assert len(rows) == 4 + 60_000
    assert not any(rows[4:])
    result = import_sheet(Input("grid.xlsx", data))
    assert sum(len(role.expectations) for role in result.framework.roles) == 3


def test_the_command_line_reads_the_declared_grid_within_a_gigabyte(tmp_path):
    """``python -m framework import sheet`` died with a MemoryError traceback at 5.5 GB; held to 1 GiB of
    address space, it now writes the framework."""
    path = tmp_path / "grid.xlsx"
    path.write_bytes(hostile.declared_grid())
    code = (
        "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30)); "
        "from framework.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    out = tmp_path / "grid.yaml"
    done = subprocess.run(
        [sys.executable, "-c", code, "import", "sheet", str(path), "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 0, done.stdout + done.stderr
    assert out.exists()


def test_the_command_line_names_the_limit_a_workbook_passes(tmp_path):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(hostile.shared_strings_bomb())
    done = subprocess.run(
        [sys.executable, "-m", "framework", "import", "sheet", str(path), "-o", str(tmp_path / "out.yaml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1
    assert done.stdout.strip() == f"{path.name}: the workbook unzips to 175 MiB, more than the 16 MiB a workbook may"
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (hostile.far_column, "a cell beyond column IV"),
        (lambda: hostile.cell_flood(limits.MAX_CELLS + 10), f"more than {limits.MAX_CELLS:,} cells"),
        (lambda: hostile.workbook(b"<x:c/>" * (limits.MAX_CELLS + 1)), "cells"),
    ],
    ids=["far-column", "cell-flood", "prefixed-cells"],
)
def test_cells_beyond_the_limits_are_refused(unparsed, make, says):
    assert says in _refusal(make())


def test_a_part_larger_than_a_workbook_s_part_may_be_is_refused_by_its_declared_size(unparsed):
    styles = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(hostile.declared_grid())) as source, zipfile.ZipFile(styles, "w") as out:
        for info in source.infolist():
            out.writestr(info, source.read(info))
        out.writestr("xl/styles.xml", b"<styleSheet>" + b"<xf/>" * 300_000 + b"</styleSheet>")
    assert "its part 'xl/styles.xml' unzips to 1.4 MiB, more than the 1 MiB it may" in _refusal(styles.getvalue())


def test_text_repeated_through_shared_strings_is_counted_each_time_it_is_used():
    """A few hundred KB of shared strings, each used by many cells, made 58 MB of expectations and a 52 s check."""
    texts = "".join(f"<si><t>{n} {'word ' * 1300}</t></si>" for n in range(600)).encode()
    header = b"<si><t>level</t></si><si><t>area</t></si><si><t>expectation</t></si>"
    cell = '<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>L</t></is></c><c r="B{r}" t="inlineStr"><is><t>A</t></is>'
    cell += '</c><c r="C{r}" t="s"><v>{v}</v></c></row>'
    rows = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>'
    rows += "".join(cell.format(r=n + 2, v=3 + n % 600) for n in range(3_000))
    data = hostile.workbook(rows.encode(), strings=header + texts)
    assert f"more than {limits.MAX_TEXT:,} characters of text" in _refusal(data)


def test_the_worst_workbook_the_limits_allow_is_read_as_a_framework():
    data = hostile.worst_allowed()
    limits.check_workbook(data, "worst.xlsx")  # within every limit
    framework, _ = load_or_import(data, name="worst.xlsx", max_bytes=UPLOAD)
    assert sum(len(role.expectations) for role in framework.roles) == 14_990
