"""Text that is safe where it is shown: Markdown that never becomes markup, spreadsheet cells that never
become formulas (those are :mod:`framework.cells`). Every page that shows framework or user text goes through
these."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from .cells import CONTROL, REPLACEMENT, cell

__all__ = ["bidi_isolated", "bidi_visible", "md_code", "md_escape", "md_table", "spreadsheet_safe"]

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
# Characters that change the direction of the text around them: marks, embeddings, overrides and isolates. A
# right-to-left override (U+202E) in a role id quoted in a notice would otherwise show the rest of the line
# backwards.
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ISOLATE_OPENERS, _FSI, _PDI = "\u2066\u2067\u2068", "\u2068", "\u2069"


# Any character or sequence that one of the substitutions below could change: text without one (most names and
# sentences of a framework) is already escaped. Pages escape hundreds of texts a run (a sixth of the Skill gap
# page's server time went to the substitutions).
_MAY_NEED_ESCAPING = re.compile(
    r"[\\`*_\[\]<>&|~$#:@\x00-\x1f\x7f-\x9f\ufffe\uffff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
    r"|[^\S ]|  |(?i:www\.)"
)


def md_escape(text: str) -> str:
    """Escape ``text`` for Markdown so it shows as written and never becomes markup (or HTML).

    Line breaks are folded into spaces: each call yields inline text, safe in a heading, a list item or a
    table cell. Control characters become U+FFFD, as in spreadsheet cells (:mod:`framework.cells`). Text holding
    direction controls is isolated (:func:`bidi_isolated`), so it cannot reverse the rest of its line.
    """
    text = str(text)
    if (
        not _MAY_NEED_ESCAPING.search(text)
        and text[:1] not in "-+= "
        and not text[:1].isdigit()
        and not text.endswith(" ")
    ):
        return text
    return _escaped(text)


def _escaped(text: str) -> str:
    """:func:`md_escape`, every substitution made (the function itself skips them for text none would change)."""
    text = _SPACES.sub(" ", CONTROL.sub(REPLACEMENT, text)).strip()
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_AUTOLINK.sub(_break_autolink, text)
    text = _MD_ICON.sub(r"\\/", text)
    text = _MD_SHORTCODE_OPEN.sub(r"\\:", text)
    text = _MD_SHORTCODE_CLOSE.sub(r"\1\\:", text)
    text = _MD_LINE_START.sub(r"\\\1", text)
    return bidi_isolated(_MD_LIST_NUMBER.sub(r"\1\\\2", text))


def bidi_isolated(text: str) -> str:
    """``text`` unable to change the direction of what is shown around it: if it holds direction controls, it is
    wrapped in a first-strong isolate (U+2068 … U+2069), which ends every embedding and override opened inside
    it, with isolates it leaves open closed and closings it has no opening for left out. Other text is returned
    as it is."""
    if not BIDI_CONTROLS.search(text):
        return text
    kept, depth = [], 0
    for char in text:
        if char in _ISOLATE_OPENERS:
            depth += 1
        elif char == _PDI:
            if not depth:
                continue
            depth -= 1
        kept.append(char)
    return _FSI + "".join(kept) + _PDI * depth + _PDI


def bidi_visible(text: str) -> str:
    """``text`` with each direction control shown as its code point (``<U+202E>``): for listings of what a file
    holds (problem lists), where the character itself is the news."""
    return BIDI_CONTROLS.sub(lambda m: f"<U+{ord(m[0]):04X}>", text)


def _break_autolink(match: re.Match) -> str:
    return f"{match[1]}\\." if match[1] else "\\" + match[0]


def md_code(text: str) -> str:
    """``text`` as a Markdown code span: shown exactly as written, never markup and never a link (Streamlit
    turns bare web addresses into links even when escaped, but not inside code). For values quoted from a URL."""
    text = _SPACES.sub(" ", CONTROL.sub(REPLACEMENT, str(text))).strip()
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{bidi_isolated(text)}{pad}{fence}"


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
