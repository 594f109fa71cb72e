"""Spreadsheet cells that stay text: every CSV and Excel export, headers included, goes through this module.

Framework files, uploads and imported documents are written by strangers, and a spreadsheet program runs a
cell that starts like a formula (``=HYPERLINK(…)``, ``=cmd|' /C calc'!A0``, ``@SUM(…)``). So every cell and
every column heading is made safe here, once, in :func:`cell`:

* **formulas** — text whose first character (after any leading spaces or line breaks) is ``=``, ``+``, ``-``,
  ``@``, a tab, or their full-width forms (``＝``, ``＋``, ``－``, ``＠``) gets a leading ``'``, which
  spreadsheets read as "this is text";
* **line breaks** — a carriage return (alone or before a line feed) becomes a line feed, and a field holding a
  line feed is quoted in CSV: a bare carriage return, written unquoted, made spreadsheet programs start a new
  row there, with the text after it as an unprotected first cell;
* **control characters** — C0 controls other than tab and line feed, DEL, C1 controls and the non-characters
  U+FFFE and U+FFFF become U+FFFD (�): Excel files cannot hold them (openpyxl refuses to write them, so the
  download failed), and in a CSV they are invisible. The loader reports each one as a warning with its place
  (:func:`control_characters` finds them), so the file can be fixed at its source.

:func:`csv_text` and :func:`xlsx_bytes` write tables with every cell and header made safe; exports call them
rather than pandas' writers.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable

import pandas as pd

__all__ = ["CONTROL", "REPLACEMENT", "cell", "control_characters", "csv_text", "safe_table", "xlsx_bytes"]

#: Characters no cell may hold: C0 controls but tab, line feed and carriage return (handled as line breaks),
#: DEL, C1 controls, and U+FFFE/U+FFFF, which are not characters at all (and not allowed in XML).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
REPLACEMENT = "\ufffd"
_FORMULA = re.compile(r"[\s]*[=+\-@\t\uff1d\uff0b\uff0d\uff20]")
_RETURN = re.compile(r"\r\n?")


def cell(value: object) -> object:
    """A cell a spreadsheet shows as the text it is: see the module docstring. Numbers, dates and empty cells
    are returned as they are."""
    if not isinstance(value, str):
        return value
    text = CONTROL.sub(REPLACEMENT, value)
    text = _RETURN.sub("\n", text)
    if _FORMULA.match(text):
        return "'" + text
    return text


def control_characters(text: str) -> list[str]:
    """The control characters (as ``U+0000`` names) that ``text`` holds, each once, in order of appearance."""
    return list(dict.fromkeys(f"U+{ord(c):04X}" for c in CONTROL.findall(text)))


def safe_table(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with every cell and every column heading made safe by :func:`cell`."""
    out = table.map(cell) if not table.empty else table.copy()
    out.columns = [cell(str(c)) if not isinstance(c, str) else cell(c) for c in table.columns]
    return out


def csv_text(table: pd.DataFrame, *, bom: bool = False) -> str:
    """``table`` as CSV text: safe cells and headings, lines ending in ``\\n``, fields holding a line break
    quoted. ``bom`` starts it with a byte-order mark, which Excel needs to read UTF-8."""
    text = safe_table(table).to_csv(index=False, lineterminator="\n")
    return ("\ufeff" if bom else "") + text


def xlsx_bytes(sheets: Iterable[tuple[str, pd.DataFrame]]) -> bytes:
    """A workbook of ``(sheet name, table)`` pairs, every cell and heading safe (sheet names are the app's own)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, table in sheets:
            safe_table(table).to_excel(writer, sheet_name=name, index=False)
    return buffer.getvalue()
