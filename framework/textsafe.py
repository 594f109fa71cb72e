"""Text that is safe where it is shown: Markdown that never becomes markup, spreadsheet cells that never
become formulas (those are :mod:`framework.cells`). Every page that shows framework or user text goes through
these."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from .cells import CONTROL, REPLACEMENT, cell

__all__ = ["md_code", "md_escape", "md_table", "spreadsheet_safe"]

# Characters that are markup wherever they stand: emphasis, code, links, HTML and entities, tables,
# strikethrough, maths (Streamlit renders $…$) and headings. Backslash-escaping any ASCII punctuation is
# valid CommonMark, so the escaped text reads back exactly as written.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>&|~$#])")
# Bare web addresses and e-mail addresses still become links (GFM autolinks), and where the parser finds one
# in the raw text (at "https://", "www." or "name@"), it takes the escapes inside as part of the address:
# ``https://example.com/a\_b`` linked to ``a%5C_b``. Escaping the colon, dot or at sign that it looks for
# (``https\://``) leaves the address to be found in the text once its escapes are read, so the link goes where
# the text says.
_MD_AUTOLINK = re.compile(r"(?<=[A-Za-z]):(?=//)|(?<![\w.-])(?i:(www))\.(?=[^\s.])|(?<=[\w.+-])@(?=[\w-])")
# Markup only at the start of a line: list bullets, setext underlines, ordered-list numbers ("1." / "1)").
_MD_LINE_START = re.compile(r"^([-+=])")
_MD_LIST_NUMBER = re.compile(r"^(\d+)([.)])")
# Streamlit's own Markdown: emoji shortcodes (":smile:"), directives (":red[…]") and icons (":material/…:").
# Both colons of a shortcode need escaping; a colon that starts a word may start a directive.
_MD_SHORTCODE_OPEN = re.compile(r":(?=[\w+-]+:)|(?<![\w:]):(?=[A-Za-z])")
_MD_SHORTCODE_CLOSE = re.compile(r"(\\:[\w+-]+):")
_MD_ICON = re.compile(r"(?<=:material)/", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def md_escape(text: str) -> str:
    """Escape ``text`` for Markdown so it shows as written and never becomes markup (or HTML).

    Line breaks are folded into spaces: each call yields inline text, safe in a heading, a list item or a
    table cell. Control characters become U+FFFD, as in spreadsheet cells (:mod:`framework.cells`).
    """
    text = _SPACES.sub(" ", CONTROL.sub(REPLACEMENT, str(text))).strip()
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_AUTOLINK.sub(_break_autolink, text)
    text = _MD_ICON.sub(r"\\/", text)
    text = _MD_SHORTCODE_OPEN.sub(r"\\:", text)
    text = _MD_SHORTCODE_CLOSE.sub(r"\1\\:", text)
    text = _MD_LINE_START.sub(r"\\\1", text)
    return _MD_LIST_NUMBER.sub(r"\1\\\2", text)


def _break_autolink(match: re.Match) -> str:
    return f"{match[1]}\\." if match[1] else "\\" + match[0]


def md_code(text: str) -> str:
    """``text`` as a Markdown code span: shown exactly as written, never markup and never a link (Streamlit
    turns bare web addresses into links even when escaped, but not inside code). For values quoted from a URL."""
    text = _SPACES.sub(" ", CONTROL.sub(REPLACEMENT, str(text))).strip()
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def md_table(
    columns: Sequence[object],
    rows: Iterable[Sequence[object]],
    *,
    cell: Callable[[object], str] = md_escape,
    right: Sequence[bool] = (),
) -> list[str]:
    r"""A Markdown table's lines: the header, the rule (``---:`` for the columns ``right`` aligns right), a line
    per row. Every heading and cell goes through ``cell`` (escaped text by default: shown as written, never
    markup, and a ``|`` never splits a cell).

    >>> print("\n".join(md_table(["Role", "Grade"], [["Delivery Manager", "PO4"], ["Lead | Head", ""]])))
    | Role | Grade |
    |---|---|
    | Delivery Manager | PO4 |
    | Lead \| Head |  |
    """
    rule = "|" + "".join("---:|" if i < len(right) and right[i] else "---|" for i in range(len(columns)))
    lines = ["| " + " | ".join(cell(name) for name in columns) + " |", rule]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return lines


def spreadsheet_safe(value: object) -> object:
    """A cell a spreadsheet shows as text: :func:`framework.cells.cell`, where every export's cells are made safe."""
    return cell(value)
