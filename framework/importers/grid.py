"""Tables as the table-shaped imports read them: a :class:`Grid` of text cells, whatever the file.

A CSV file is one grid; each sheet of a workbook is one (read in :mod:`.sheet`, where the workbook is opened);
each table of a Markdown page (through markdown-it, a CommonMark parser) or of an HTML page (through the
standard library's ``html.parser``) is one, with the heading above it as its title. A cell keeps its text word
for word — markup is all that goes: emphasis marks, ``<br>`` (a line break), list bullets — and the links in it
(their text stays in the cell). A cell spanning columns (HTML ``colspan``) is kept once, with its span.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..errors import InputError
from .common import read_text
from .summary import Input

__all__ = ["Grid", "csv_grid", "html_grids", "markdown_grids"]


@dataclass
class Grid:
    """One table: its rows of cells (text, "" where empty) and where each was read."""

    name: str  #: the sheet's name, or the table's title (the heading above it, its caption), or ""
    rows: list[list[str]]
    numbers: list[int] = field(default_factory=list)  #: each row's number as the source counts it (1-based)
    links: dict[tuple[int, int], list[tuple[str | None, str]]] = field(default_factory=dict)  #: (row, col) → links
    #: (row, col) → columns the cell spans; the columns it covers after the first hold "" in ``rows``
    spans: dict[tuple[int, int], int] = field(default_factory=dict)
    header_rows: int = 0  #: rows the source marks as its header (a Markdown table's, an HTML ``<thead>``)
    hidden: bool = False  #: a workbook's hidden sheet

    def __post_init__(self) -> None:
        if not self.numbers:
            self.numbers = list(range(1, len(self.rows) + 1))

    def cell(self, row: int, column: int) -> str:
        cells = self.rows[row]
        return cells[column] if column < len(cells) else ""


def csv_grid(source: Input, *, max_rows: int) -> Grid:
    """A CSV file (comma, semicolon or tab) as one grid of at most ``max_rows`` + 1 rows (a larger file is
    refused by whoever reads it, which knows its limit)."""
    text = read_text(source)
    # The delimiter is the one the header line uses most (comma, semicolon or tab); quoting is Excel's. The
    # csv module's Sniffer guesses the quoting too, and guesses it wrong on a header without quotes.
    header = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=header.count)

    class dialect(csv.excel):
        pass

    dialect.delimiter = delimiter
    rows = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), dialect):
            rows.append([cell.strip() for cell in row])
            if len(rows) > max_rows + 1:
                break
    except csv.Error as exc:
        raise InputError.single(f"not a readable CSV file: {exc}", file=source.name, code="sheet-csv") from None
    return Grid("", rows)


# --------------------------------------------------------------------------- Markdown


def _inline_text(token) -> tuple[str, list[tuple[str | None, str]]]:
    """The text of a markdown-it inline token without its markup, and its links (text, address)."""
    out: list[str] = []
    links: list[tuple[str | None, str]] = []
    href: str | None = None
    start = 0
    for child in token.children or ():
        kind = child.type
        if kind in ("text", "code_inline"):
            out.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            out.append("\n")
        elif kind == "html_inline":
            tag = child.content.strip().lower()
            if tag.startswith(("<br", "</p", "<p")):
                out.append("\n")
        elif kind == "link_open":
            href, start = str(child.attrs.get("href") or ""), len("".join(out))
        elif kind == "link_close" and href is not None:
            title = "".join(out)[start:].strip()
            if href.startswith(("http://", "https://")):
                links.append((title or None, href))
            href = None
        elif kind == "image":
            out.append(child.content)
    return "".join(out), links


def markdown_parser():
    """CommonMark with tables (GitHub's), as a page of a ladder or a job description is written."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def markdown_grids(text: str) -> tuple[str | None, list[Grid], list[str]]:
    """(the page's first heading, each table of a Markdown page as a grid titled by the heading above it, the
    page's text outside its tables: every other heading and paragraph)."""
    tokens = markdown_parser().parse(text)
    grids: list[Grid] = []
    prose: list[str] = []
    title: str | None = None
    heading = ""
    rows: list[list[str]] | None = None
    links: dict[tuple[int, int], list] = {}
    numbers: list[int] = []
    header_rows = 0
    in_heading = in_head = False
    for token in tokens:
        kind = token.type
        if kind == "heading_open":
            in_heading = True
        elif kind == "heading_close":
            in_heading = False
        elif kind == "inline" and in_heading:
            heading = _inline_text(token)[0].strip()
            if title is None:
                title = heading
            elif heading:
                prose.append(heading)
        elif kind == "table_open":
            rows, links, numbers, header_rows = [], {}, [], 0
        elif kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open" and rows is not None:
            rows.append([])
            numbers.append((token.map[0] + 1) if token.map else len(rows))
            header_rows += in_head
        elif kind == "inline" and rows is not None and rows:
            cell, found = _inline_text(token)
            if found:
                links[(len(rows) - 1, len(rows[-1]))] = found
            rows[-1].append(cell.strip())
        elif kind == "table_close" and rows is not None:
            grids.append(Grid(heading, rows, numbers, links, header_rows=header_rows))
            rows = None
        elif kind == "inline" and rows is None and (paragraph := _inline_text(token)[0].strip()):
            prose.append(paragraph)
    return title, grids, prose


# --------------------------------------------------------------------------- HTML


class _TableParser(HTMLParser):
    """Tables of an HTML page: every cell's text (line breaks for ``<br>``, ``<p>`` and list items), its links
    and its span, the page's title and the heading or caption above each table. Script and style are not text."""

    _BREAKS = frozenset({"br", "p", "li", "div", "tr"})
    _HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: str | None = None
        self.grids: list[Grid] = []
        self.prose: list[str] = []  # the page's text outside its tables: headings and paragraphs
        self._stack: list[dict] = []  # open tables (a table may sit in a cell of another)
        self._text: list[str] | None = None  # the text being gathered: a cell, a heading, a caption, the title
        self._gathering: str | None = None
        self._heading = ""
        self._skip = 0
        self._href: tuple[str, int] | None = None
        self._links: list[tuple[str | None, str]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("script", "style", "template"):
            self._skip += 1
        elif tag == "table":
            self._stack.append({"rows": [], "numbers": [], "links": {}, "spans": {}, "head": 0, "in_head": False,
                                "caption": None, "title": self._heading, "down": {}})  # fmt: skip
        elif self._stack and tag == "thead":
            self._stack[-1]["in_head"] = True
        elif self._stack and tag == "tr":
            table = self._stack[-1]
            if table["rows"]:
                _cover(table, None)  # the columns cells above still reach down into, at the row's end
            table["rows"].append([])
            table["numbers"].append(self.getpos()[0])
            table["head"] += table["in_head"]
        elif self._stack and tag in ("td", "th"):
            table = self._stack[-1]
            if not table["rows"]:
                table["rows"].append([])
                table["numbers"].append(self.getpos()[0])
            _cover(table, len(table["rows"][-1]))
            span, down = _number(attributes.get("colspan")), _number(attributes.get("rowspan"))
            column = len(table["rows"][-1])
            if span > 1:
                table["spans"][(len(table["rows"]) - 1, column)] = span
            for k in range(column, column + span):
                if down > 1:
                    table["down"][k] = down - 1
            self._start("cell")
        elif self._stack and tag == "caption":
            self._start("caption")
        elif tag in self._HEADINGS and self._gathering is None:
            self._start("heading")
        elif tag in ("p", "li") and self._gathering is None and not self._stack:
            self._start("prose")
        elif tag == "title" and self._gathering is None:
            self._start("title")
        elif tag == "a" and self._text is not None:
            self._href = (attributes.get("href") or "", len("".join(self._text)))
        elif tag in self._BREAKS and self._text is not None:
            self._text.append("\n")

    def _start(self, what: str) -> None:
        self._gathering, self._text, self._links = what, [], []

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self._skip = max(0, self._skip - 1)
        elif tag == "a" and self._href is not None and self._text is not None:
            href, start = self._href
            text = " ".join("".join(self._text)[start:].split())
            if href.startswith(("http://", "https://")):
                self._links.append((text or None, href))
            self._href = None
        elif tag in ("td", "th") and self._gathering == "cell":
            table = self._stack[-1]
            cell = _lines("".join(self._text or []))
            if self._links:
                table["links"][(len(table["rows"]) - 1, len(table["rows"][-1]))] = self._links
            table["rows"][-1].append(cell)
            span = table["spans"].get((len(table["rows"]) - 1, len(table["rows"][-1]) - 1), 1)
            table["rows"][-1].extend([""] * (span - 1))  # each column keeps its place: a cell per column
            self._gathering, self._text = None, None
        elif tag == "caption" and self._gathering == "caption":
            self._stack[-1]["caption"] = _lines("".join(self._text or []))
            self._gathering, self._text = None, None
        elif tag in self._HEADINGS and self._gathering == "heading":
            self._heading = " ".join("".join(self._text or []).split())
            if self._heading and (self.grids or self.prose or self.title != self._heading):
                self.prose.append(self._heading)
            self._gathering, self._text = None, None
        elif tag in ("p", "li") and self._gathering == "prose":
            if text := _lines("".join(self._text or [])):
                self.prose.append(text)
            self._gathering, self._text = None, None
        elif tag == "title" and self._gathering == "title":
            self.title = " ".join("".join(self._text or []).split()) or None
            self._gathering, self._text = None, None
        elif tag == "thead" and self._stack:
            self._stack[-1]["in_head"] = False
        elif tag == "table" and self._stack:
            table = self._stack.pop()
            rows = list(table["rows"])
            self.grids.append(
                Grid(table["caption"] or table["title"], rows, table["numbers"], table["links"], table["spans"],
                     header_rows=table["head"])
            )  # fmt: skip
        elif tag in self._BREAKS and self._text is not None:
            self._text.append("\n")

    def handle_data(self, data):
        if self._skip or self._text is None:
            return
        self._text.append(data)


def _number(text: str | None) -> int:
    """A span attribute as a number of columns or rows: 1 when missing or not a number; at most 1,000."""
    try:
        return max(1, min(int(text or 1), 1000))
    except ValueError:
        return 1


def _cover(table: dict, upto: int | None) -> None:
    """Place a "" in the row being read for each column a cell above still covers (``rowspan``): every column
    before ``upto`` (None: to the row's end), so each cell keeps the column it stands in."""
    row, down = table["rows"][-1], table["down"]
    while down and (upto is None or len(row) <= upto) and down.get(len(row), 0) > 0:
        down[len(row)] -= 1
        row.append("")
    if upto is None:
        for column in [k for k, left in down.items() if left > 0 and k >= len(row)]:
            row.extend([""] * (column + 1 - len(row)))
            down[column] -= 1


def _lines(text: str) -> str:
    """A cell's text: each line's spaces folded (HTML's own rule), blank lines dropped."""
    return "\n".join(" ".join(line.split()) for line in text.split("\n") if line.strip())


def html_grids(text: str) -> tuple[str | None, list[Grid], list[str]]:
    """(the page's title, each table of an HTML page as a grid, the page's text outside its tables)."""
    parser = _TableParser()
    parser.feed(text)
    parser.close()
    grids = [grid for grid in parser.grids if any(any(row) for row in grid.rows)]
    return parser.title, grids, parser.prose
