"""What an Excel workbook may cost, checked before anything parses it.

An ``.xlsx`` file is a zip of XML parts, and XML compresses a thousandfold, so the bytes of an upload say little
of what reading it costs. Two workbooks of a few hundred bytes to a few hundred KB showed how much:

* **shared strings** — 11.5 million empty strings (190 MiB unzipped, under the unzip limit) in a 476 KB file:
  openpyxl reads every shared string when it opens a workbook, which held a check for its full minute;
* **a declared size** — ``<dimension ref="A1:XFD1048576"/>`` in 1.8 KB: openpyxl pads every row it reads to
  the declared width, 16,384 cells, and the check reached 2.8 GB, the command line 5.5 GB and a ``MemoryError``.

So :func:`open_workbook` checks, from the zip's directory and a scan of the bytes (no parser, stopping as soon
as a limit is passed):

* the whole unzipped at most :data:`MAX_UNZIPPED`, any part at most :data:`MAX_PART_BYTES`, the styles
  (which openpyxl reads whole) at most :data:`MAX_STYLES_BYTES` — the sizes the zip declares, which
  ``zipfile`` never reads past;
* at most :data:`MAX_STRINGS` shared strings and :data:`MAX_CELLS` cells, counted in the XML of every part
  as it is unzipped;
* no cell beyond column :data:`MAX_COLUMNS` (``IV``);

then opens it read-only with every worksheet's declared size discarded (openpyxl's ``reset_dimensions``), and
:func:`sheet_rows` reads the rows as they are in the file, each at most :data:`MAX_COLUMNS` wide and without
trailing empty cells, and stops once they hold more than :data:`MAX_TEXT` characters — a shared string is
text written once and used by any number of cells, as a YAML alias is, so 4 MiB of shared strings used 9,000
times over made 58 MB of text, and a check of 52 s. A workbook beyond a limit is refused in well under a
second, with the limit it passed.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

from ..errors import InputError

__all__ = [
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_PART_BYTES",
    "MAX_STRINGS",
    "MAX_STYLES_BYTES",
    "MAX_TEXT",
    "MAX_UNZIPPED",
    "check_workbook",
    "open_workbook",
    "sheet_rows",
]

MAX_UNZIPPED = 16 * 2**20  #: every part of the workbook, unzipped (Monzo's whole framework is 420 KB of YAML)
MAX_PART_BYTES = 4 * 2**20  #: any one part: a worksheet, the shared strings, …
MAX_STYLES_BYTES = 2**20  #: the styles, which openpyxl reads whole (Excel writes a few KB)
MAX_STRINGS = 15_000  #: shared strings: each distinct text of the workbook once
MAX_CELLS = 60_000  #: cells in all the worksheets: 20,000 expectations of three columns (Monzo's own export has 33,628)
MAX_COLUMNS = 256  #: columns A to IV; a spreadsheet of expectations uses a dozen
#: Characters in all the cells read, each shared string counted every time a cell uses it (as YAML aliases are
#: counted written out): what the framework made of the sheet holds, and costs to check.
MAX_TEXT = 1_500_000

_CHUNK = 1 << 20
_STYLES = "xl/styles.xml"  # where openpyxl reads them, whatever the package says
_SHARED_STRING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
# A cell reference beyond column IV (256): IW to IZ, JA to ZZ, or three letters.
_FAR_COLUMN = re.compile(rb'\sr="(?:[Ii][W-Zw-z]|[J-Zj-z][A-Za-z]|[A-Za-z]{3})')


def _refused(message: str, name: str) -> InputError:
    return InputError.single(message, file=name, code="too-large")


def _scan(archive: zipfile.ZipFile, info: zipfile.ZipInfo, counts: dict[str, int], name: str) -> None:
    """Add the shared strings and cells of one part to ``counts``, reading its bytes as they are unzipped and
    stopping once a count passes its limit. Every part is scanned, whatever its name: openpyxl finds the
    worksheets and the shared strings through the package's relationships and content types, which the file
    itself names."""
    tail = b""
    with archive.open(info) as part:
        while counts["strings"] <= MAX_STRINGS and counts["cells"] <= MAX_CELLS:
            chunk = part.read(_CHUNK)
            if not chunk:
                return
            text = tail + chunk
            # Split at the last "<": a tag cut in two by the chunk's end is counted with the next chunk.
            cut = text.rfind(b"<")
            whole, tail = (text[:cut], text[cut:]) if cut > 0 else (text, b"")
            counts["strings"] += sum(1 for _ in _SHARED_STRING.finditer(whole))
            counts["cells"] += sum(1 for _ in _CELL.finditer(whole))
            if _FAR_COLUMN.search(whole):
                raise _refused(
                    f"a worksheet has a cell beyond column IV (the {MAX_COLUMNS}th); a spreadsheet of "
                    "expectations uses a few columns",
                    name,
                )
            if len(tail) > 4096:  # no tag is this long: what follows its "<" is text, not a tag
                tail = tail[-64:]


def check_workbook(data: bytes, name: str) -> None:
    """Raise :class:`~framework.errors.InputError` if the workbook in ``data`` passes a limit of this module
    (or is not a readable zip); do nothing otherwise."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError.single("not a readable .xlsx workbook", file=name, code="sheet-xlsx") from None
    with archive:
        parts = archive.infolist()
        unzipped = sum(info.file_size for info in parts)
        if unzipped > MAX_UNZIPPED:
            raise _refused(
                f"the workbook unzips to {unzipped / 2**20:,.0f} MiB, more than the {MAX_UNZIPPED // 2**20} MiB "
                "a workbook may",
                name,
            )
        for info in parts:
            limit = MAX_STYLES_BYTES if info.filename == _STYLES else MAX_PART_BYTES
            if info.file_size > limit:
                raise _refused(
                    f"its part {info.filename!r} unzips to {info.file_size / 2**20:,.1f} MiB, more than the "
                    f"{limit / 2**20:g} MiB it may",
                    name,
                )
        counts = {"strings": 0, "cells": 0}
        try:
            for info in parts:
                _scan(archive, info, counts, name)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError):  # a damaged part (a bad CRC, a short stream)
            raise InputError.single(
                "not a readable .xlsx workbook (a damaged part)", file=name, code="sheet-xlsx"
            ) from None
        if counts["strings"] > MAX_STRINGS:
            raise _refused(
                f"the workbook has more than {MAX_STRINGS:,} shared strings (texts); a spreadsheet of "
                "expectations has far fewer",
                name,
            )
        if counts["cells"] > MAX_CELLS:
            raise _refused(
                f"its worksheets have more than {MAX_CELLS:,} cells; a spreadsheet of expectations has far fewer",
                name,
            )


def open_workbook(data: bytes, name: str):
    """The workbook in ``data``, once :func:`check_workbook` passes it, opened read-only (values, never
    formulas) with every worksheet's declared size discarded. The caller closes it."""
    check_workbook(data, name)
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file; each is the file's fault
        raise InputError.single(
            f"not a readable .xlsx workbook ({type(exc).__name__})", file=name, code="sheet-xlsx"
        ) from None
    for sheet in book.worksheets:
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()  # never trust <dimension>: rows are read as the file has them
    return book


def sheet_rows(sheet, name: str) -> Iterator[tuple]:
    """The rows of a worksheet opened by :func:`open_workbook`, as they are in the file (a missing row is an
    empty one), each as wide as its last cell (column :data:`MAX_COLUMNS` at most: :func:`check_workbook`
    refuses a cell beyond it) and without its trailing empty cells. Raises
    :class:`~framework.errors.InputError` once the cells read hold more than :data:`MAX_TEXT` characters."""
    text = 0
    for row in sheet.iter_rows(values_only=True):
        end = len(row)
        while end and row[end - 1] is None:
            end -= 1
        text += sum(len(value) for value in row[:end] if isinstance(value, str))
        if text > MAX_TEXT:
            raise _refused(
                f"its cells hold more than {MAX_TEXT:,} characters of text (a shared string counted each time a "
                "cell uses it); a spreadsheet of expectations holds far less",
                name,
            )
        yield row[:end]
