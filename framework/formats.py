"""What a file is, told from a glance at it: a framework file, or another format that one of the imports reads.

A raw FT job family, a Monzo page, an HR spreadsheet, a job description or a ladder published as a table would
otherwise meet the framework loader's schema and get a list of "unknown field 'levels'" problems that do not
help. :func:`foreign_format` says what the file looks like, and :func:`foreign_problem` names the command that
reads it, as one problem.

This module sits beside the loader and below the importers: the loader asks it what a file is without
importing any importer, and each importer asks it the same questions (:func:`looks_like_ft`,
:func:`looks_like_monzo`, :func:`split_front_matter`, …), so the two never disagree.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from .errors import Problem

__all__ = [
    "FOREIGN",
    "SHEET_FIELDS",
    "foreign_format",
    "foreign_problem",
    "header_columns",
    "header_key",
    "is_word_document",
    "is_workbook",
    "looks_like_ft",
    "looks_like_html",
    "looks_like_monzo",
    "looks_like_sheet",
    "markdown_tables",
    "split_front_matter",
]

FOREIGN = "foreign-format"  #: the code of the problem that names the format
_NOT_PARSED = object()
_ZIP = b"PK\x03\x04"

#: The columns of a spreadsheet of expectations, one row each (:mod:`framework.importers.sheet`).
SHEET_FIELDS = ("family", "level", "area", "expectation", "example", "level_order", "marker", "link")
_FT_KEYS = frozenset({"levels", "themes", "competencies"})
_LEVEL_HEADING = re.compile(r"^##\s+Level\s+(\d+)\b")
_MONZO_KEYS = re.compile(r"^(topics|yaml)\s*:", re.MULTILINE)
#: A Markdown table's delimiter row: ``| --- | :---: |`` (pipes at the ends optional).
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$")
_HTML = re.compile(r"<(!doctype\s+html|html|table|body)\b", re.IGNORECASE)
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+\S", re.MULTILINE)

_WHAT = {
    "ft": (
        "an FT engineering-progression job family (levels, themes and competencies), not a framework file",
        "python -m framework import ft FILE... -o OUT.yaml",
    ),
    "monzo": (
        "a Monzo-format progression framework (Markdown with its topics in front matter, or '## Level N' headings), "
        "not a framework file",
        "python -m framework import monzo PATH... -o OUT.yaml",
    ),
    "sheet": (
        "a spreadsheet of expectations (a CSV with columns such as level, area, expectation), not a framework file",
        "python -m framework import sheet FILE.csv -o OUT.yaml",
    ),
    "workbook": (
        "an Excel workbook, not a framework file (framework files are YAML text)",
        "python -m framework import sheet FILE.xlsx -o OUT.yaml",
    ),
    "docx": (
        "a Word document (a job description?), not a framework file (framework files are YAML text)",
        "python -m framework import jd FILE.docx -o OUT.yaml",
    ),
    "table": (
        "a Markdown page holding a table (a ladder published as a table: levels across, areas down?), not a "
        "framework file",
        "python -m framework import table FILE.md -o OUT.yaml",
        "if it is a job description, 'python -m framework import jd FILE.md -o OUT.yaml' reads it",
    ),
    "html": (
        "an HTML page, not a framework file",
        "python -m framework import table FILE.html -o OUT.yaml",
        "that reads a ladder published as a table on it",
    ),
    "markdown": (
        "a Markdown document (a job description?), not a framework file (framework files are YAML)",
        "python -m framework import jd FILE.md -o OUT.yaml",
    ),
}


def header_key(header: str) -> str:
    """A column heading as compared: case, spaces, ``_`` and ``-`` ignored (``Level order`` is ``level_order``)."""
    return re.sub(r"[\s_-]+", "", header).casefold()


def header_columns(header: list[str]) -> dict[str, int]:
    """Each heading of a header row (as :func:`header_key` compares it) → its column, the first where two match."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        if cell:
            columns.setdefault(header_key(cell), index)
    return columns


def _zip_names(data: bytes) -> list[str]:
    if not data.startswith(_ZIP):
        return []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, EOFError, ValueError):
        return []


def is_workbook(data: bytes) -> bool:
    """True for the bytes of an .xlsx workbook (a zip archive holding ``xl/``)."""
    return any(name.startswith("xl/") for name in _zip_names(data))


def is_word_document(data: bytes) -> bool:
    """True for the bytes of a .docx document (a zip archive holding ``word/``)."""
    return any(name.startswith("word/") for name in _zip_names(data))


def looks_like_ft(data: object) -> bool:
    """True for parsed YAML shaped like an FT job family (levels, themes and competencies at the top)."""
    return isinstance(data, dict) and set(data) >= _FT_KEYS


def split_front_matter(text: str) -> tuple[str | None, int, str]:
    """(front matter or None, the line the body starts on, body). The front matter runs from a first line
    ``---`` to the next line ``---`` (or the end of the file, which one of Monzo's files reaches)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None, 1, text
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "".join(lines[1:index]), index + 2, "".join(lines[index + 1 :])
    return "".join(lines[1:]), len(lines) + 1, ""


def looks_like_monzo(text: str) -> bool:
    """True for text shaped like a Monzo framework file: front matter with ``topics:`` or ``yaml:``, or a body
    of ``## Level N`` headings."""
    front, _, body = split_front_matter(text)
    if front is not None and _MONZO_KEYS.search(front):
        return True
    return any(_LEVEL_HEADING.match(line) for line in body.splitlines())


def looks_like_sheet(text: str) -> bool:
    """True for CSV text whose first line names at least two of the columns the sheet import reads."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    cells = {header_key(cell.strip().strip('"')) for cell in re.split(r"[,;\t]", first)}
    return len(cells & {header_key(f) for f in SHEET_FIELDS}) >= 2


def looks_like_html(text: str) -> bool:
    """True for text that is an HTML page or fragment (a doctype, ``<html>``, ``<body>`` or a ``<table>``)."""
    return bool(_HTML.search(text[: 1 << 16]))


def markdown_tables(text: str) -> int:
    """How many Markdown tables (a row of cells above a ``| --- |`` delimiter row) the text holds."""
    return sum(1 for line in text.splitlines() if _TABLE_RULE.match(line))


def foreign_format(*, data: bytes | None = None, text: str | None = None, parsed: Any = _NOT_PARSED) -> str | None:
    """``ft``, ``monzo``, ``sheet``, ``workbook``, ``docx``, ``table``, ``html`` or ``markdown`` when the input
    looks like one; None otherwise (a framework file, or something else). Cheap: it looks at the first bytes, the
    top-level keys or the text. Call it for a file that did not read as a framework: a YAML file of a framework is
    never Markdown to it, but a Markdown page can be YAML."""
    if data is not None:
        if data.startswith(_ZIP) and b"xl/" in data[: 1 << 16]:
            return "workbook"  # a zip whose first entries name the parts of an .xlsx
        if data.startswith(_ZIP) and b"word/" in data[: 1 << 16]:
            return "docx"
    if parsed is not _NOT_PARSED and looks_like_ft(parsed):
        return "ft"
    if text is not None:
        if looks_like_monzo(text):
            return "monzo"
        if looks_like_sheet(text):
            return "sheet"
        if looks_like_html(text):
            return "html"
        if markdown_tables(text):
            return "table"
        _, _, body = split_front_matter(text)
        if _MARKDOWN_HEADING.search(body) and (parsed is _NOT_PARSED or not isinstance(parsed, dict)):
            return "markdown"
    return None


def foreign_problem(kind: str, name: str | None = None) -> Problem:
    """The one problem to report for a file of another format: what it looks like, and the import to use."""
    what, command, *also = _WHAT[kind]
    more = f"; {also[0]}" if also else ""
    return Problem(
        f"this looks like {what}: convert it with '{command}'{more} (see the README, 'Importing other formats')",
        file=name,
        code=FOREIGN,
    )
