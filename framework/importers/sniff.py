"""Recognise a file of another format handed in where a framework file belongs, and say which import reads it.

A raw FT job family, a Monzo page or an HR spreadsheet would otherwise meet the framework loader's schema and
get a list of "unknown field 'levels'" problems that do not help; :func:`foreign_format` says what the file
looks like and the command that converts it, as one problem.
"""

from __future__ import annotations

from typing import Any

from ..errors import Problem
from .ft import looks_like_ft
from .monzo import looks_like_monzo
from .sheet import looks_like_sheet

__all__ = ["FOREIGN", "foreign_format", "foreign_problem"]

FOREIGN = "foreign-format"  #: the code of the problem that names the format
_NOT_PARSED = object()

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
}


def foreign_format(*, data: bytes | None = None, text: str | None = None, parsed: Any = _NOT_PARSED) -> str | None:
    """``ft``, ``monzo``, ``sheet`` or ``workbook`` when the input looks like one; None otherwise (a framework
    file, or something else). Cheap: it looks at the first bytes, the top-level keys or the first lines."""
    if data is not None and data.startswith(b"PK\x03\x04") and b"xl/" in data[: 1 << 16]:
        return "workbook"  # a zip whose first entries name the parts of an .xlsx
    if parsed is not _NOT_PARSED and looks_like_ft(parsed):
        return "ft"
    if text is not None:
        if looks_like_monzo(text):
            return "monzo"
        if looks_like_sheet(text):
            return "sheet"
    return None


def foreign_problem(kind: str, name: str | None = None) -> Problem:
    """The one problem to report for a file of another format: what it looks like, and the import to use."""
    what, command = _WHAT[kind]
    return Problem(
        f"this looks like {what}: convert it with '{command}' (see the README, 'Importing other formats')",
        file=name,
        code=FOREIGN,
    )
