"""Import the spreadsheets an HR team keeps (CSV or Excel .xlsx): every sheet, in either of two shapes.

* **Long** — one row per expectation, a column per field (family, level, area, expectation, example, marker,
  link, and more): :mod:`.sheet_long` has the columns.
* **Wide** — levels across the columns, a sheet (or a block of rows) per area, criteria down the rows, a row of
  level descriptions: :mod:`.sheet_wide` has the layout.

Each sheet is looked at on its own: its first row names the fields of the long shape, or the levels of the wide
shape (``--shape wide`` reads any first row as levels; ``--shape long`` only the long shape). A workbook may
also hold sheets of what the rows do not say — their first row tells them apart:

* **levels** (``level`` with ``description``, ``level order`` or ``cumulative``): what each level means, the
  order of the levels, the levels that build on the one below;
* **areas** (``area`` with ``description`` or ``parent area``): what each area means, the area it sits in;
* **moves** (``from``, ``to``, and optionally ``kind`` — promotion or lateral — and ``reason``): moves between
  roles, such as a senior engineer's move onto the manager track.

A sheet that is none of these is named in the summary with what it looked like. When no sheet can be read, the
error names the shape each sheet showed and what would work. Every row is accounted for; Excel cells are read
as their values, never their formulas. A Markdown or HTML page is read as its tables (:mod:`.table`).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime

from ..errors import InputError, Problem
from ..formats import header_columns, header_key, is_workbook, looks_like_sheet, split_front_matter
from ..wording import plural
from .build import Ladder, MoveRow, build, no_items, truthy
from .common import model_problems, read_text, read_yaml, strip_text
from .grid import Grid, csv_grid, html_grids, markdown_grids
from .sheet_long import FIELDS, REQUIRED, account, check_accounted, is_long, long_columns, missing_message, read_long
from .sheet_wide import header_levels, read_wide, turned
from .summary import ImportResult, ImportSummary, Input, shown
from .workbook import open_workbook, sheet_rows

__all__ = [
    "FIELDS",
    "MAX_ROWS",
    "REQUIRED",
    "SHAPES",
    "import_sheet",
    "is_workbook",
    "looks_like_sheet",
    "match_columns",
    "parse_mapping",
    "read_ladder",
    "read_rows",
]

SHAPES = ("long", "wide")
MAX_ROWS = 100_000  #: far more than any framework's expectations; a larger sheet is refused, not read for minutes
#: Sheet names that say nothing of what a sheet holds: such a sheet is not taken to be one area.
_GENERIC_SHEETS = frozenset(
    """sheet sheet1 sheet2 sheet3 matrix framework competencies competency criteria levels ladder table
data expectations main all overview""".split()  # noqa: SIM905 - a list of words, read as words
)


def parse_mapping(pairs: list[str], *, fields: tuple[str, ...] = FIELDS) -> dict[str, str]:
    """``["level=Grade", "area=Competency"]`` → ``{"level": "Grade", "area": "Competency"}`` (``fields``: the
    fields the sheet has)."""
    out: dict[str, str] = {}
    problems = []
    for pair in pairs:
        name, sep, header = pair.partition("=")
        name = name.strip().lower()
        if not sep or not header.strip():
            problems.append(Problem(f"--map {pair!r}: write FIELD=HEADER, e.g. level=Grade", code="sheet-map"))
        elif name not in fields:
            problems.append(
                Problem(f"--map {pair!r}: no field {name!r} (fields: {', '.join(fields)})", code="sheet-map")
            )
        else:
            out[name] = header.strip()
    if problems:
        raise InputError(problems, summary="the column mapping has problems")
    return out


# --------------------------------------------------------------------------- reading cells


def _cell(value: object) -> str:
    """A cell as text: a whole number without its ``.0``, a date as ISO, nothing as ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def _workbook_grids(source: Input) -> list[Grid]:
    """Every worksheet of an .xlsx workbook as a grid, in the workbook's order: cell values, never formulas.
    The one place a workbook is opened."""
    book = open_workbook(source.data, source.name)  # bounded before anything is parsed: .workbook
    try:
        grids = []
        total = 0
        for sheet in book.worksheets:
            rows = []
            for row in sheet_rows(sheet, source.name):
                rows.append([_cell(value) for value in row])
                total += 1
                if len(rows) > MAX_ROWS + 1 or total > 2 * MAX_ROWS:
                    break
            grids.append(Grid(sheet.title, rows, hidden=sheet.sheet_state != "visible"))
            if total > 2 * MAX_ROWS:
                break
        return grids
    finally:
        book.close()


def match_columns(
    header: list[str], mapping: dict[str, str], name: str, *, fields: tuple[str, ...], required: tuple[str, ...]
) -> tuple[dict[str, int], list[str]]:
    """Field → column index for a sheet of one row per record whose columns are ``fields`` (matched by header as
    every sheet is: case, spaces, ``_`` and ``-`` ignored; ``mapping`` names others), and the headers not read.
    Raises :class:`InputError` naming the fields missing and the headers the row has."""
    by_key = header_columns(header)
    columns: dict[str, int] = {}
    problems = []
    for field_name in fields:
        wanted = mapping.get(field_name, field_name)
        index = by_key.get(header_key(wanted))
        if index is not None:
            columns[field_name] = index
        elif field_name in mapping:
            problems.append(f"--map {field_name}={wanted!r}: no column of that name")
    missing = [f for f in required if f not in columns and f not in mapping]
    if missing or problems:
        found = ", ".join(repr(h) for h in header if h) or "none"
        hint = " ".join(f'--map {f}="HEADER"' for f in missing)
        message = "; ".join(
            problems + ([f"no column for {', '.join(missing)} (use {hint} to name it)"] if missing else [])
        )
        raise InputError.single(f"{message}; the header row has {found}", file=name, line=1, code="sheet-columns")
    read = set(columns.values())
    return columns, [h for i, h in enumerate(header) if h and i not in read]


def read_rows(source: Input, summary: ImportSummary) -> tuple[list[list[str]], int]:
    """The rows of a one-table sheet as text (a CSV file, or the first sheet of a workbook, the others named in
    ``summary``) and the index of its header row (the first that is not blank). Raises :class:`InputError` for
    an empty sheet."""
    _, grids, _, _ = _grids(source)
    rows = grids[0].rows if grids else []
    if len(grids) > 1:
        others = ", ".join(repr(grid.name) for grid in grids[1:])
        summary.notes.append(f"{source.name}: read its first sheet, {grids[0].name!r}; not the others ({others})")
    start = next((i for i, row in enumerate(rows) if any(row)), None)
    if start is None:
        raise InputError.single("the sheet is empty: no header row", file=source.name, code="sheet-empty")
    return rows, start


def _front_matter(front: str | None, name: str) -> dict:
    """A page's front matter (Jekyll's ``---`` block) as a mapping; {} when there is none or it is not one."""
    if front is None:
        return {}
    try:
        meta = read_yaml(front, name=name)
    except InputError:
        return {}
    return meta if isinstance(meta, dict) else {}


def _grids(source: Input) -> tuple[str | None, list[Grid], str, list[str]]:
    """(a title the file gives itself, its tables, what it is — "csv", "workbook", "markdown" or "html" — and a
    page's text outside its tables)."""
    lower = source.name.lower()
    if lower.endswith((".xlsx", ".xlsm")) or is_workbook(source.data):
        return None, _workbook_grids(source), "workbook", []
    if lower.endswith((".md", ".markdown")):
        front, _, body = split_front_matter(read_text(source))
        meta = _front_matter(front, source.name)
        title, grids, prose = markdown_grids(body)
        return strip_text(meta.get("title")) or title, grids, "markdown", prose
    if lower.endswith((".html", ".htm")):
        title, grids, prose = html_grids(read_text(source))
        return title, grids, "html", prose
    return None, [csv_grid(source, max_rows=MAX_ROWS)], "csv", []


# --------------------------------------------------------------------------- what each table is


def _first_row(grid: Grid) -> int | None:
    return next((i for i, row in enumerate(grid.rows) if any(row)), None)


def _headers(grid: Grid, start: int) -> set[str]:
    return {header_key(cell) for cell in grid.rows[start] if cell}


def _kind(grid: Grid, start: int, mapping: dict[str, str], shape: str | None) -> str:
    """``long``, ``moves``, ``levels``, ``areas``, ``wide`` or ``unknown`` (``shape`` "wide" reads any first
    row as levels; "page" does too, unless it names the long shape's columns)."""
    keys = _headers(grid, start)
    if shape != "wide":
        columns, problems = long_columns(grid.rows[start], mapping)
        if is_long(columns) and not problems:
            return "long"
    if {"from", "to"} <= keys:
        return "moves"
    described = bool(keys & {"description", "leveldescription", "areadescription"})
    if "level" in keys and "expectation" not in keys and (described or keys & {"levelorder", "cumulative"}):
        return "levels"
    if "area" in keys and "expectation" not in keys and (described or keys & {"parentarea", "parent"}):
        return "areas"
    force = shape in ("wide", "page")
    if shape != "long" and (header_levels(grid.rows[start], force=force) or turned(grid)):
        return "wide"
    return "unknown"


def _seen(grid: Grid, start: int) -> str:
    cells = [cell for cell in grid.rows[start] if cell]
    listed = ", ".join(shown(c, 40) for c in cells[:8]) + (f" and {len(cells) - 8} more" if len(cells) > 8 else "")
    return f"its first row holds {listed}" if cells else "it is empty"


def _records(grid: Grid, start: int):
    """Each row below a sheet's first row that holds anything: (its number, the cell under the first of the
    headers named that the sheet has, "" when none)."""
    columns = {header_key(cell): i for i, cell in enumerate(grid.rows[start]) if cell}
    for index in range(start + 1, len(grid.rows)):
        row = grid.rows[index]
        if not any(row):
            continue

        def cell(*names: str, row=row) -> str:
            column = next((columns[n] for n in names if n in columns), None)
            return row[column].strip() if column is not None and column < len(row) else ""

        yield grid.numbers[index], cell


def _read_levels(grid: Grid, start: int, ladder: Ladder, family: str, where: str, summary: ImportSummary) -> int:
    count = 0
    for number, cell in _records(grid, start):
        level = cell("level")
        if not level:
            summary.skip(f"{where}, row {number}", "the row", "no level")
            continue
        owner = cell("family") or family
        if cell("description", "leveldescription"):
            ladder.level_descriptions.setdefault((owner, level), cell("description", "leveldescription"))
        if truthy(cell("cumulative")):
            ladder.cumulative_levels.add((owner, level))
        order = cell("levelorder")
        try:
            if order:
                ladder.level_order.setdefault((owner, level), float(order))
        except ValueError:
            summary.skip(f"{where}, row {number}", shown(order), f"the level order of {shown(level)} is not a number")
        count += 1
    return count


def _read_areas(grid: Grid, start: int, ladder: Ladder, where: str, summary: ImportSummary) -> int:
    count = 0
    for number, cell in _records(grid, start):
        area = cell("area")
        if not area:
            summary.skip(f"{where}, row {number}", "the row", "no area")
            continue
        parent = cell("parentarea", "parent") or None
        if parent:
            ladder.area_parents.setdefault(area, parent)
        if cell("description", "areadescription"):
            ladder.area_descriptions.setdefault((parent, area), cell("description", "areadescription"))
        count += 1
    return count


def _read_moves(grid: Grid, start: int, ladder: Ladder, where: str) -> int:
    count = 0
    for number, cell in _records(grid, start):
        ladder.moves.append(
            MoveRow(
                where=f"{where}, row {number}",
                start=cell("from"),
                to=cell("to"),
                kind=cell("kind") or None,
                reason=cell("reason") or None,
                family=cell("family") or None,
            )
        )
        count += 1
    return count


def _what_works(kind: str) -> str:
    table = "a Markdown or HTML page's tables" if kind in ("markdown", "html") else "a sheet"
    return (
        f"what works: {table} in the long shape — a first row naming the columns level (or role), area and "
        'expectation (other headers named with --map level="Grade") — or in the wide shape — the levels across '
        "the first row, the criteria below them, the first column naming areas (--shape wide reads any first "
        "row as the levels)"
    )


def read_ladder(
    source: Input, summary: ImportSummary, *, mapping: dict[str, str] | None = None, shape: str | None = None
) -> tuple[Ladder, str]:
    """Read every table of ``source`` into a :class:`~.build.Ladder` (and say what the file is)."""
    mapping = mapping or {}
    title, grids, kind, prose = _grids(source)
    stem = source.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    ladder = Ladder(name=title or re.sub(r"[_-]+", " ", stem).strip(), prose=prose)  # a file's name, in words
    family = title if kind in ("markdown", "html") and title else stem
    several = len(grids) > 1
    sheet = "sheet" if kind == "workbook" else "table"
    kinds: list[tuple[Grid, int | None, str]] = []
    for grid in grids:
        start = _first_row(grid)
        if start is not None and len(grid.rows) - start - 1 > MAX_ROWS:
            raise InputError.single(f"the sheet has more than {MAX_ROWS:,} rows", file=source.name, code="too-large")
        looked = "page" if shape is None and kind in ("markdown", "html") else shape
        kinds.append((grid, start, "empty" if start is None else _kind(grid, start, mapping, looked)))
    has_long = any(k == "long" for _, _, k in kinds)
    wide = [(g, s) for g, s, k in kinds if k == "wide" and not has_long]
    same_levels = len({tuple(t for _, t in header_levels(g.rows[s], force=True) or ()) for g, s in wide}) <= 1
    reasons: list[str] = []
    single_family = True
    tallies: Counter = Counter()
    for number, (grid, start, what) in enumerate(kinds, 1):
        label = f"{sheet} {grid.name!r}" if grid.name else f"{sheet} {number}"
        where = f"{source.name}, {label}" if several or grid.name else source.name
        if what == "empty":
            summary.notes.append(f"{label}: empty")
            continue
        if what == "long":
            columns, _ = long_columns(grid.rows[start], mapping)
            unread = [h for i, h in enumerate(grid.rows[start]) if h and i not in columns.values()]
            if unread:
                summary.notes.append(
                    f"{label + ': ' if several else ''}columns not read: {', '.join(map(repr, unread))}"
                )
            if "family" not in columns:
                summary.notes.append(f"no family column: every row is in one family, {family!r}")
            single_family = single_family and "family" not in columns
            tally = read_long(grid, start, columns, ladder, summary, where=where, family_name=family,
                              label=f"{label} " if several else "")  # fmt: skip
            summary.files.append(account(tally, f"{source.name}, {label}" if several else source.name))
            check_accounted(tally, summary)
            tallies.update(tally)
        elif what == "moves":
            found = _read_moves(grid, start, ladder, where)
            summary.files.append(f"{where}: {plural(found, 'move')} between roles")
        elif what == "levels":
            found = _read_levels(grid, start, ladder, family, where, summary)
            summary.files.append(f"{where}: {plural(found, 'level')} described")
        elif what == "areas":
            found = _read_areas(grid, start, ladder, where, summary)
            summary.files.append(f"{where}: {plural(found, 'area')} described")
        elif what == "wide" and not has_long:
            force = shape == "wide" or (shape is None and kind in ("markdown", "html"))
            turn = None if header_levels(grid.rows[start]) or (force and not turned(grid)) else turned(grid)
            table = turn or grid
            per_area = len(wide) > 1 and same_levels and grid.name and grid.name.casefold() not in _GENERIC_SHEETS
            track = grid.name if len(wide) > 1 and not same_levels and grid.name else None
            tally = read_wide(table, ladder, summary, where=where, family=family, force=force and turn is None,
                              area=grid.name if per_area else None, track=track)  # fmt: skip
            levels = tally.pop("levels", 0)
            tallies.update(tally)
            summary.files.append(
                f"{where}: the wide shape{' (levels down its first column)' if turn else ''}: "
                f"{plural(levels, 'level')}, {plural(tally['criteria'], 'criterion')}"
                + (f", {plural(tally['descriptions'], 'description')}" if tally["descriptions"] else "")
            )
        else:
            seen = _seen(grid, start)
            if has_long:
                read = ", ".join(repr(g.name) for g, _, k in kinds if k == "long")
                why = f"not read: the expectations are in the long shape, in {sheet} {read}; {seen}"
            else:
                columns, problems = long_columns(grid.rows[start], mapping)
                why = (
                    f"neither shape: {missing_message(grid.rows[start], columns, problems)}; and its first row "
                    "after the first cell does not name levels"
                )
            summary.skip(where, f"the {sheet}", why)
            reasons.append(f"{label}: {why}")
    if not ladder.items:
        if len(kinds) == 1 and kinds[0][2] == "long":
            if tallies["skipped"]:
                raise InputError.single(
                    "no row holds an expectation (see the rows skipped)", file=source.name, code="sheet-empty"
                )
            raise InputError.single("the sheet has no rows", file=source.name, code="sheet-empty")
        if all(k == "empty" for _, _, k in kinds):
            raise InputError.single("the sheet is empty: no header row", file=source.name, code="sheet-empty")
        if len(kinds) == 1 and mapping:
            grid, start, _ = kinds[0]
            columns, problems = long_columns(grid.rows[start], mapping)
            message = missing_message(grid.rows[start], columns, problems)
            raise InputError.single(message, file=source.name, line=start + 1, code="sheet-columns")
        raise no_items(source.name, [*reasons, _what_works(kind)] if reasons else [_what_works(kind)])
    ladder.single_family = single_family
    if kind in ("markdown", "html"):
        ladder.sources.append(f"the {kind.upper() if kind == 'html' else 'Markdown'} page {source.name}")
    return ladder, kind


@model_problems
def import_sheet(source: Input, *, mapping: dict[str, str] | None = None, shape: str | None = None) -> ImportResult:
    """Build a framework from a spreadsheet (CSV, or every sheet of an .xlsx workbook), or from the tables of a
    Markdown or HTML page.

    Raises :class:`~framework.errors.FrameworkError` when the file cannot be read, no table in it can be read
    (naming what each looked like and what would work), a sheet is larger than :data:`MAX_ROWS`, or levels are
    ordered two ways; a bad row is skipped and named in the summary by its row number.
    """
    if shape is not None and shape not in SHAPES:
        raise InputError.single(f"--shape {shape!r}: the shapes are {' and '.join(SHAPES)}", code="sheet-shape")
    summary = ImportSummary("Spreadsheet import")
    ladder, kind = read_ladder(source, summary, mapping=mapping, shape=shape)
    framework = build(ladder, source_name=source.name, summary=summary)
    by_family = [{r.grade for r in framework.roles if r.discipline == d.id} for d in framework.disciplines]
    if (
        not ladder.level_order
        and len(by_family) > 1
        and not any(a & b for i, a in enumerate(by_family) for b in by_family[i + 1 :])
    ):
        summary.notes.append(
            "the families share no level name, so their levels are placed one after another on the grade scale; "
            "add a level_order column to say how the levels of different families compare"
        )
    _count(framework, summary)
    options = " [--map FIELD=HEADER ...]" if kind != "workbook" or not shape else f" --shape {shape}"
    header = (
        f"{framework.name}, generated by framework/importers/sheet.py from {source.name} (sha256 {source.sha256}).",
        f"Re-run: python -m framework import sheet FILE -o OUT{options}",
    )
    return ImportResult(framework, summary, header)


def _count(framework, summary: ImportSummary) -> None:
    """The counts every import reports."""
    every = [e for owner in (*framework.disciplines, *framework.tracks) for e in owner.expectations]
    stated = [e for r in framework.roles for e in r.expectations] + every
    summary.counts.update(
        families=len(framework.disciplines),
        levels=len(framework.grades),
        roles=len(framework.roles),
        areas=len(framework.areas),
        expectations=len(stated),
        examples=sum(len(e.examples) for e in stated),
        links=sum(len(e.links) for e in stated),
    )
    if every:
        summary.counts["every-level expectation"] = len(every)
    moves = sum(len(r.moves) for r in framework.roles)
    if moves:
        summary.counts["move"] = moves
