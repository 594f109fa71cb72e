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

__all__ = [
    "CONTROL",
    "REPLACEMENT",
    "cell",
    "control_characters",
    "csv_text",
    "safe_table",
    "sheet_name",
    "xlsx_bytes",
]

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


#: The header row's fill (a pale grey-blue, dark text on it well above WCAG AA contrast) and the widest a column
#: is made, in characters: longer texts wrap within it.
HEADER_FILL = "DCE6F1"
MAX_WIDTH = 60
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_name(title: str, taken: Iterable[str] = ()) -> str:
    """A worksheet name in plain words: at most 31 characters (Excel's limit), none of ``[]:*?/\\``, "×" read as
    "by", and different (ignoring case) from the names ``taken``."""
    text = title.replace("×", "by").replace("&", "and")
    text = " ".join(_SHEET_FORBIDDEN.sub(" ", text).split()) or "Sheet"
    text = text[:31].rstrip()
    used = {t.lower() for t in taken}
    candidate, n = text, 2
    while candidate.lower() in used:
        suffix = f" {n}"
        candidate = text[: 31 - len(suffix)].rstrip() + suffix
        n += 1
    return candidate


def _width(values: list[object]) -> int:
    longest = 0
    for value in values:
        if value is None:
            continue
        text = value if isinstance(value, str) else f"{value:,}" if isinstance(value, int | float) else str(value)
        longest = max(longest, max((len(line) for line in text.split("\n")), default=0))
    return min(MAX_WIDTH, max(8, longest + 2))


def xlsx_bytes(sheets: Iterable[tuple[str, pd.DataFrame]]) -> bytes:
    """A workbook of ``(sheet name, table)`` pairs, every cell and heading safe, laid out for reading: each sheet's
    header row bold on a fill and frozen, an auto filter over the table, columns as wide as their longest text
    (up to :data:`MAX_WIDTH`, longer text wrapping), and sheet names made plain by :func:`sheet_name`. The first
    pair is the first sheet, so a workbook that starts with a summary opens on it."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    buffer = io.BytesIO()
    taken: list[str] = []
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, table in sheets:
            name = sheet_name(name, taken)
            taken.append(name)
            safe = safe_table(table)
            safe.to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            bold, fill = Font(bold=True), PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
            for header in sheet[1]:
                header.font, header.fill = bold, fill
                header.alignment = Alignment(vertical="top", wrap_text=True)
            sheet.freeze_panes = "A2"
            if len(safe.columns):
                sheet.auto_filter.ref = f"A1:{get_column_letter(len(safe.columns))}{len(safe) + 1}"
            wrap = Alignment(vertical="top", wrap_text=True)
            for index, column in enumerate(safe.columns, start=1):
                values = [column, *safe.iloc[:, index - 1].tolist()]
                width = _width(values)
                sheet.column_dimensions[get_column_letter(index)].width = width
                if width == MAX_WIDTH:
                    for row in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                        row[0].alignment = wrap
    return buffer.getvalue()
