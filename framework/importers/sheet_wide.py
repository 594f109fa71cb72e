"""The wide shape of a table: levels across the columns, criteria down the rows.

The shape HR keeps most often, and the way ladders are published on web pages::

    Communication | Level 1                  | Level 2                     | Level 3
    Description   | Shares updates …         | Explains decisions …        | Shapes how the team …
    Written       | Writes clear notes       | Writes for other teams      | Writes the team's guidance
    Verbal        | Speaks up in stand-ups   | Presents to the service     | Leads the conversation

* **The header row** names the levels: every cell after the first (a table published on a page may have
  several header rows: a column's cells are read as one level, "Individual contributor — IC2"). A header is
  recognised by its level names (``Level 3``, ``L3``, ``G7``, ``Senior``, ``Lead`` …) or because several
  sheets share it; ``--shape wide`` reads any first row as one.
* **Areas.** A sheet (or a table, or a block of rows under a title row) may be one area: the sheet's name, the
  title row's text, or a header whose first cell names an area rather than saying "Competency". The first
  column then names areas inside it (a competency's criteria, or its behaviours). Without such a title, the
  first column names the areas; an empty first column means the table has no areas (prose per level).
* **Rows of their own.** A row whose first cell says ``Description`` (or ``Summary``, ``Overview``, ``Level
  description``) describes each level — of the area, where the table is one area; ``Area description`` (or
  ``About``) describes the area; ``Cumulative`` says, with a yes under a level, that it builds on the level
  below; ``Level order`` gives the levels numbers. A column headed ``All levels`` (or a cell spanning every
  level) holds criteria expected at every level.
* **Cells.** A cell holding several lines holds several criteria (a list bullet at a line's start is markup,
  not text); each is an expectation of that level, word for word.
* **Levels down.** A table whose first column holds the levels and whose header names the areas is read the
  same way, turned.
"""

from __future__ import annotations

import re
from collections import Counter

from .build import Item, Ladder, truthy
from .grid import Grid
from .summary import ImportSummary, shown

__all__ = ["header_levels", "is_level_name", "read_wide", "turned"]

_LEVEL_WORDS = frozenset(
    """junior associate intermediate mid middle senior lead principal distinguished fellow head director chief
trainee apprentice graduate entry foundation practitioner expert awareness working novice beginner advanced
master emerging developing established leading manager engineer developer analyst designer officer executive
ic em scs aa ao eo heo seo hro""".split()  # noqa: SIM905 - a list of words, read as words
)
#: Words that name a level only with a number or code after them: "Level 3", "Grade 7", "Band B".
_SCALE_WORDS = re.compile(
    r"^(?:level|lvl|grade|band|tier|rung|stage|step|career level)\s*[-_.:]?\s*[a-z0-9]{1,3}$", re.IGNORECASE
)
_GRADE = re.compile(r"^(?:[a-z]{1,6}\s*[-_.]?\s*)?\d{1,2}[a-z]?$", re.IGNORECASE)
_GENERIC_FIRST = frozenset(
    """area areas competency competencies competence competences criteria criterion skill skills theme
themes topic topics level levels grade grades role behaviour behaviours behavior behaviors indicator
indicators dimension dimensions capability capabilities category categories # no no. item
expectation expectations attribute attributes""".split()  # noqa: SIM905 - a list of words, read as words
)
_NO_AREA = frozenset({"what we expect", "what is expected", "expected", "what this looks like", "in practice"})
_LEVEL_DESCRIPTION = frozenset(
    {"description", "descriptions", "level description", "summary", "overview", "level summary", "definition",
     "about this level", "what this level means", "in summary", "scope"}
)  # fmt: skip
_AREA_DESCRIPTION = frozenset(
    {"area description", "about", "about this area", "about this competency", "competency description",
     "what it means", "why it matters", "purpose"}
)  # fmt: skip
_CUMULATIVE = frozenset({"cumulative", "builds on the level below", "includes the level below"})
_ORDER = frozenset({"level order", "order"})
_ALL_LEVELS = frozenset({"all levels", "every level", "all"})
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦‣–]|\d{1,2}[.)])\s+")


def _key(text: str) -> str:
    return " ".join(text.replace(":", " ").split()).casefold()


def is_level_name(text: str) -> bool:
    """True for a header cell that names a level: ``Level 3``, ``L3``, ``G7``, ``PO4``, ``Senior``, ``Lead
    engineer``, ``3`` — a grade code, or words of seniority."""
    text = text.strip()
    if not text or len(text) > 60 or text.endswith((".", ":")):
        return False
    if _GRADE.match(text) or _SCALE_WORDS.match(text):
        return True
    words = re.findall(r"[a-z]+", text.casefold())
    return bool(words) and len(words) <= 5 and any(word in _LEVEL_WORDS for word in words)


def _header_cells(grid: Grid, start: int, rows: int) -> list[str]:
    """One name per column from the grid's ``rows`` header rows from ``start``: a column's cells top-down, each
    once (a cell spanning columns names each of them)."""
    width = max((len(r) for r in grid.rows[start : start + rows]), default=0)
    names: list[list[str]] = [[] for _ in range(width)]
    for r in range(start, start + rows):
        for c, text in enumerate(grid.rows[r]):
            for k in range(c, min(c + grid.spans.get((r, c), 1), width)):
                if text and text not in names[k]:
                    names[k].append(text)
    return [" — ".join(parts) for parts in names]


def header_levels(cells: list[str], *, force: bool = False) -> list[tuple[int, str]] | None:
    """The level columns of a header row, ``(column, level name)``, or None when the row does not name levels:
    at least two cells after the first, two thirds of them level names (any names, with ``force``)."""
    levels = [(c, text.strip()) for c, text in enumerate(cells) if c > 0 and text.strip()]
    if len(levels) < (1 if force else 2):
        return None
    if force:
        return levels
    named = sum(1 for _, text in levels if is_level_name(text) or _key(text) in _ALL_LEVELS)
    return levels if named * 3 >= len(levels) * 2 else None


def turned(grid: Grid) -> Grid | None:
    """The grid turned a quarter, when its levels run down the first column rather than across the header:
    the header's cells do not name levels and the first column's do. None otherwise."""
    body = [row[0] for row in grid.rows[max(grid.header_rows, 1) :] if row and row[0]]
    if len(body) < 2 or header_levels(grid.rows[0] if grid.rows else []):
        return None
    if sum(1 for text in body if is_level_name(text)) * 3 < len(body) * 2:
        return None
    width = max(len(row) for row in grid.rows)
    rows = [[row[c] if c < len(row) else "" for row in grid.rows] for c in range(width)]
    links = {(c, r): found for (r, c), found in grid.links.items()}
    return Grid(grid.name, rows, list(range(1, width + 1)), links, header_rows=1)


def _criteria(text: str) -> list[str]:
    """A cell's criteria: each line, without a list bullet."""
    return [_BULLET.sub("", line).strip() for line in text.split("\n") if _BULLET.sub("", line).strip()]


def read_wide(
    grid: Grid,
    ladder: Ladder,
    summary: ImportSummary,
    *,
    where: str,
    family: str,
    area: str | None,
    force: bool = False,
    track: str | None = None,
) -> Counter:
    """Read a wide ``grid`` into ``ladder``; ``area`` is the area the whole grid is about (a sheet per
    competency), or None. Returns the tally of its cells."""
    tally: Counter = Counter()
    header = max(grid.header_rows, 1)
    start = next((i for i, row in enumerate(grid.rows) if any(row)), None)
    if start is None:
        return tally
    levels = header_levels(_header_cells(grid, start, header), force=force)
    if levels is None:
        return tally
    tally["levels"] = len(levels)
    block = area
    first = grid.rows[start][0].strip() if grid.rows[start] else ""
    if first and _key(first) not in _GENERIC_FIRST:
        block = first
        if area is not None and first != area:
            ladder.area_parents.setdefault(first, area)
    row_index = start + header
    while row_index < len(grid.rows):
        row, number = grid.rows[row_index], grid.numbers[row_index]
        row_index += 1
        at = f"{where}, row {number}"
        filled = [c for c, text in enumerate(row) if text.strip()]
        if not filled:
            continue
        label = row[0].strip() if row else ""
        if filled == [0]:  # a title row: the block of rows under it is one area
            again = header_levels(grid.rows[row_index]) if row_index < len(grid.rows) else None
            if again is not None:
                levels = again
                row_index += 1
            block = label
            if area is not None and label != area:
                ladder.area_parents.setdefault(label, area)
            tally["titles"] += 1
            continue
        names = [text for _, text in levels]
        if row_index - 1 > start and [row[c].strip() if c < len(row) else "" for c, _ in levels] == names:
            block = label or block  # the header again, starting a block
            continue
        key = _key(label)
        cells = [(lv, row[c].strip()) for c, lv in levels if c < len(row) and row[c].strip()]
        if key in _LEVEL_DESCRIPTION:
            for level, text in cells:
                if block is not None:
                    ladder.area_levels.setdefault((ladder.area_parents.get(block), block), {})[level] = text
                else:
                    ladder.level_descriptions.setdefault((family, level), text)
            tally["descriptions"] += len(cells)
            continue
        if key in _AREA_DESCRIPTION and block is not None:
            ladder.area_descriptions.setdefault((ladder.area_parents.get(block), block), "\n".join(t for _, t in cells))
            tally["descriptions"] += 1
            continue
        if key in _CUMULATIVE:
            ladder.cumulative_levels.update((family, level) for level, text in cells if truthy(text))
            tally["settings"] += 1
            continue
        if key in _ORDER:
            for level, text in cells:
                try:
                    ladder.level_order.setdefault((family, level), float(text))
                except ValueError:
                    summary.skip(at, shown(text), f"the level order of {shown(level)} is not a number")
            tally["settings"] += 1
            continue
        named = ""
        if _key(label) in _GENERIC_FIRST or _key(label) in _NO_AREA:
            label, named = "", label  # "What we expect": a row of criteria in no area; its label stays in sources
        row_area, parent = (label or block, block if label and block else None)
        if row_area is not None and parent is None:
            parent = ladder.area_parents.get(row_area)
        span = grid.spans.get((row_index - 1, filled[1]), 1) if len(filled) == 2 else 1
        spans_all = len(levels) > 1 and span >= len(levels)  # one cell across every level: at every level
        for column, level in levels:
            text = row[column].strip() if column < len(row) else ""
            if not text:
                continue
            every = spans_all or _key(level) in _ALL_LEVELS
            links = grid.links.get((row_index - 1, column), [])
            for criterion in _criteria(text):
                ladder.items.append(
                    Item(
                        where=f"{at}, {level if not every else 'all levels'}" + (f", {named}" if named else ""),
                        family=family,
                        level=None if every else level,
                        text=criterion,
                        area=row_area,
                        parent=parent,
                        track=track,
                        links=[(t, u) for t, u in links if t and t in criterion],
                    )
                )
                tally["criteria"] += 1
            if spans_all:
                break
    return tally
