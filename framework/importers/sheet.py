"""Import the spreadsheet an HR team keeps (CSV or Excel .xlsx): one row per expectation.

Columns, matched by header with case, spaces, ``_`` and ``-`` ignored (``Level order`` is ``level_order``):

=============  =========  =========================================================================
field          needed     holds
=============  =========  =========================================================================
family         no         the job family (discipline); without the column, all rows are one family
level          yes        the level (role) within its family: ``Engineer``, ``Senior``, ``L3``
area           yes        the area the expectation belongs to: a competency, a theme, a topic
expectation    yes        the expectation, word for word
example        no         an example of meeting it (rows that repeat an expectation add examples)
level_order    no         a number ordering the levels (the grade); without it, levels keep the order
                          they first appear in within their family, and families are merged by it
marker         no         ``essential`` or ``desirable``
link           no         a web page (http or https) that helps understand the expectation
=============  =========  =========================================================================

``mapping`` (``--map level="Grade"``) names another header for a field. Every row is accounted for: it becomes
an expectation, adds an example to an earlier row's expectation, repeats an earlier row, is blank, or is
skipped — named by its row number (the header is row 1, as a spreadsheet numbers it) with the reason. Excel
cells are read as their values, never their formulas.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from ..errors import InputError, Problem
from ..ids import slugify, unique_slugs
from ..models import MAX_LINE, Area, Discipline, Expectation, Framework, Grade, ImportSource, Link, Role
from .common import merge_orders, model_problems, read_text
from .summary import ImportResult, ImportSummary, Input, plural
from .workbook import open_workbook, sheet_rows

__all__ = ["FIELDS", "MAX_ROWS", "REQUIRED", "import_sheet", "is_workbook", "looks_like_sheet", "parse_mapping"]

FIELDS = ("family", "level", "area", "expectation", "example", "level_order", "marker", "link")
REQUIRED = ("level", "area", "expectation")
MAX_ROWS = 100_000  #: far more than any framework's expectations; a larger sheet is refused, not read for minutes
MAX_TEXT = 50_000  #: the longest text a framework holds (an expectation, an example)
MAX_LINK = 2_000  #: the longest web address a framework holds
_ZIP = b"PK\x03\x04"


def is_workbook(data: bytes) -> bool:
    """True for the bytes of an .xlsx workbook (a zip archive holding ``xl/``)."""
    if not data.startswith(_ZIP):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(name.startswith("xl/") for name in archive.namelist())
    except zipfile.BadZipFile:
        return False


def _norm(header: str) -> str:
    return re.sub(r"[\s_-]+", "", header).casefold()


def looks_like_sheet(text: str) -> bool:
    """True for CSV text whose first line names at least two of the columns this importer reads."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    cells = {_norm(cell.strip().strip('"')) for cell in re.split(r"[,;\t]", first)}
    return len(cells & {_norm(f) for f in FIELDS}) >= 2


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """``["level=Grade", "area=Competency"]`` → ``{"level": "Grade", "area": "Competency"}``."""
    out: dict[str, str] = {}
    problems = []
    for pair in pairs:
        name, sep, header = pair.partition("=")
        name = name.strip().lower()
        if not sep or not header.strip():
            problems.append(Problem(f"--map {pair!r}: write FIELD=HEADER, e.g. level=Grade", code="sheet-map"))
        elif name not in FIELDS:
            problems.append(
                Problem(f"--map {pair!r}: no field {name!r} (fields: {', '.join(FIELDS)})", code="sheet-map")
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


def _csv_rows(source: Input) -> list[list[str]]:
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
            if len(rows) > MAX_ROWS + 1:
                break
    except csv.Error as exc:
        raise InputError.single(f"not a readable CSV file: {exc}", file=source.name, code="sheet-csv") from None
    return rows


def _xlsx_rows(source: Input, summary: ImportSummary) -> list[list[str]]:
    book = open_workbook(source.data, source.name)  # bounded before anything is parsed: .workbook
    try:
        sheet = book.worksheets[0]
        if len(book.worksheets) > 1:
            others = ", ".join(repr(ws.title) for ws in book.worksheets[1:])
            summary.notes.append(f"{source.name}: read its first sheet, {sheet.title!r}; not the others ({others})")
        rows = []
        for row in sheet_rows(sheet, source.name):
            rows.append([_cell(value) for value in row])
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        book.close()


# --------------------------------------------------------------------------- building


@dataclass
class _Item:
    row: int
    family: str
    level: str
    area: str
    text: str
    examples: list[str] = field(default_factory=list)
    marker: str | None = None
    link: str | None = None


def _columns(header: list[str], mapping: dict[str, str], name: str) -> tuple[dict[str, int], list[str]]:
    """Field → column index, and the headers not read."""
    by_norm: dict[str, int] = {}
    for index, cell in enumerate(header):
        if cell:
            by_norm.setdefault(_norm(cell), index)
    columns: dict[str, int] = {}
    problems = []
    for field_name in FIELDS:
        wanted = mapping.get(field_name, field_name)
        index = by_norm.get(_norm(wanted))
        if index is not None:
            columns[field_name] = index
        elif field_name in mapping:
            problems.append(f"--map {field_name}={wanted!r}: no column of that name")
    missing = [f for f in REQUIRED if f not in columns and f not in mapping]
    if missing or problems:
        found = ", ".join(repr(h) for h in header if h) or "none"
        hint = " ".join(f'--map {f}="HEADER"' for f in missing)
        message = "; ".join(
            problems + ([f"no column for {', '.join(missing)} (use {hint} to name it)"] if missing else [])
        )
        raise InputError.single(f"{message}; the header row has {found}", file=name, line=1, code="sheet-columns")
    read = set(columns.values())
    return columns, [h for i, h in enumerate(header) if h and i not in read]


@model_problems
def import_sheet(source: Input, *, mapping: dict[str, str] | None = None) -> ImportResult:
    """Build a framework from one spreadsheet (CSV, or the first sheet of an .xlsx workbook).

    Raises :class:`~framework.errors.FrameworkError` when the file cannot be read, has no header naming the
    needed columns, is larger than :data:`MAX_ROWS`, or orders its levels two ways; a bad row is skipped and
    named in the summary by its row number.
    """
    mapping = mapping or {}
    summary = ImportSummary("Spreadsheet import")
    workbook = source.name.lower().endswith((".xlsx", ".xlsm")) or is_workbook(source.data)
    rows = _xlsx_rows(source, summary) if workbook else _csv_rows(source)
    start = next((i for i, row in enumerate(rows) if any(row)), None)
    if start is None:
        raise InputError.single("the sheet is empty: no header row", file=source.name, code="sheet-empty")
    if len(rows) - start - 1 > MAX_ROWS:
        raise InputError.single(f"the sheet has more than {MAX_ROWS:,} rows", file=source.name, code="too-large")
    columns, unread = _columns(rows[start], mapping, source.name)
    if unread:
        summary.notes.append(f"columns not read: {', '.join(map(repr, unread))}")
    stem = source.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    single_family = "family" not in columns
    if single_family:
        summary.notes.append(f"no family column: every row is in one family, {stem!r}")

    tally = Counter()
    items: list[_Item] = []
    first: dict[tuple[str, str, str, str], _Item] = {}
    orders: dict[tuple[str, str], tuple[float, int]] = {}  # (family, level) → (level_order, row)
    for offset, row in enumerate(rows[start + 1 :], start=start + 2):
        tally["read"] += 1
        if not any(row):
            tally["blank"] += 1
            continue

        def cell(name: str, row=row) -> str:
            index = columns.get(name)
            return row[index] if index is not None and index < len(row) else ""

        family = stem if single_family else cell("family")
        values = {"family": family, "level": cell("level"), "area": cell("area"), "expectation": cell("expectation")}
        empty = [name for name, value in values.items() if not value]
        problem = f"no {' or '.join(empty)}" if empty else None
        too_long = [n for n in ("expectation", "example") if len(cell(n)) > MAX_TEXT]
        too_long += [n for n in ("family", "level", "area") if len(cell(n)) > MAX_LINE]
        if not problem and too_long:
            limit = MAX_TEXT if too_long[0] in ("expectation", "example") else MAX_LINE
            problem = f"the {too_long[0]} is longer than {limit:,} characters"
        marker = cell("marker").lower() or None
        if not problem and marker not in (None, "essential", "desirable"):
            problem = f"marker {cell('marker')!r} is neither 'essential' nor 'desirable'"
        link = cell("link") or None
        if not problem and link and (len(link) > MAX_LINK or not re.match(r"^https?://\S+$", link)):
            problem = f"link {link[:80]!r} is not a web address (http or https, at most {MAX_LINK:,} characters)"
        order_text = cell("level_order")
        if not problem and "level_order" in columns:
            try:
                order = float(order_text)
            except ValueError:
                problem = f"level_order {order_text!r} is not a number"
            else:
                known = orders.get((family, values["level"]), (order, offset))
                if not order >= 0:  # also refuses nan
                    problem = f"level_order {order_text!r} is below 0"
                elif known[0] != order:
                    problem = (
                        f"level {values['level']!r} has level_order {order_text} here but {_number(known[0])} "
                        f"in row {known[1]}"
                    )
        if not problem and "level_order" in columns:
            orders.setdefault((family, values["level"]), (float(order_text), offset))
        if problem:
            tally["skipped"] += 1
            summary.skip(f"row {offset}", repr(values["expectation"][:60] or "the row"), problem)
            continue
        key = (family, values["level"], values["area"], " ".join(values["expectation"].split()).casefold())
        example = cell("example")
        earlier = first.get(key)
        if earlier is not None:
            if example and example not in earlier.examples:
                earlier.examples.append(example)
                tally["examples merged"] += 1
            else:
                tally["repeats"] += 1
                summary.notes.append(f"row {offset} repeats row {earlier.row}")
            continue
        item = _Item(
            offset,
            family,
            values["level"],
            values["area"],
            values["expectation"],
            [example] if example else [],
            marker,
            link,
        )
        first[key] = item
        items.append(item)
        tally["imported"] += 1
    if not items:
        raise InputError.single(
            "no row holds an expectation (see the rows skipped)" if tally["skipped"] else "the sheet has no rows",
            file=source.name,
            code="sheet-empty",
        )
    framework = _framework(source, stem, items, orders if "level_order" in columns else None, single_family)
    by_family = [{r.grade for r in framework.roles if r.discipline == d.id} for d in framework.disciplines]
    if (
        "level_order" not in columns
        and len(by_family) > 1
        and not any(a & b for i, a in enumerate(by_family) for b in by_family[i + 1 :])
    ):
        summary.notes.append(
            "the families share no level name, so their levels are placed one after another on the grade scale; "
            "add a level_order column to say how the levels of different families compare"
        )
    summary.files.append(
        f"{source.name}: {plural(tally['read'], 'row')} below the header: "
        f"{plural(tally['imported'], 'expectation')}, {plural(tally['examples merged'], 'example')} added to an "
        f"earlier row's expectation, {plural(tally['repeats'], 'repeat')}, {tally['blank']} blank, "
        f"{tally['skipped']} skipped"
    )
    accounted = sum(tally[k] for k in ("imported", "examples merged", "repeats", "blank", "skipped"))
    if accounted != tally["read"]:  # pragma: no cover - every branch above counts its row once
        summary.notes.append(f"NOT ACCOUNTED FOR: {tally['read'] - accounted} rows")
    summary.counts.update(
        families=len(framework.disciplines),
        levels=len(framework.grades),
        roles=len(framework.roles),
        areas=len(framework.areas),
        expectations=len(items),
        examples=sum(len(i.examples) for i in items),
        links=sum(1 for i in items if i.link),
    )
    header = (
        f"{framework.name}, generated by framework/importers/sheet.py from {source.name} (sha256 {source.sha256}).",
        "Re-run: python -m framework import sheet FILE -o OUT [--map FIELD=HEADER ...]",
    )
    return ImportResult(framework, summary, header)


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)


def _framework(
    source: Input,
    stem: str,
    items: list[_Item],
    orders: dict[tuple[str, str], tuple[float, int]] | None,
    single_family: bool,
) -> Framework:
    families = list(dict.fromkeys(i.family for i in items))
    family_ids = unique_slugs(families, fallback="family")
    levels_of: dict[str, list[str]] = {
        f: list(dict.fromkeys(i.level for i in items if i.family == f)) for f in families
    }
    if orders is not None:
        numbers = sorted({value for value, _ in orders.values()})
        grades = [Grade(id=_number(n), name=f"Level {_number(n)}") for n in numbers]
        grade_of = {key: _number(value) for key, (value, _) in orders.items()}
        for family in families:
            levels_of[family].sort(key=lambda level, f=family: orders[(f, level)][0])
    else:
        order = merge_orders(levels_of.values(), what="level", where=source.name)
        slugs = unique_slugs(order, fallback="level")
        grades = [Grade(id=slugs[level], name=level) for level in order]
        grade_of = {(f, level): slugs[level] for f in families for level in levels_of[f]}
    area_ids = unique_slugs(list(dict.fromkeys(i.area for i in items)), fallback="area")
    shared = Counter(level for f in families for level in levels_of[f])
    roles = []
    for family in families:
        level_ids = unique_slugs(levels_of[family], fallback="level")
        for level in levels_of[family]:
            mine = [i for i in items if i.family == family and i.level == level]
            roles.append(
                Role(
                    id=level_ids[level] if single_family else f"{family_ids[family]}-{level_ids[level]}",
                    title=level if shared[level] == 1 else f"{level} ({family})",
                    discipline=family_ids[family],
                    grade=grade_of[(family, level)],
                    source=ImportSource(framework=source.name, detail=f"{family} › {level}"),
                    expectations=[
                        Expectation(
                            text=i.text,
                            area=area_ids[i.area],
                            examples=i.examples,
                            links=[Link(url=i.link)] if i.link else [],
                            marker=i.marker,
                            source=f"{source.name}, row {i.row}",
                        )
                        for i in mine
                    ],
                )
            )
    name = stem.replace("_", " ").replace("-", " ").strip() or "Spreadsheet framework"
    return Framework(
        id=slugify(stem) or "spreadsheet",
        name=name[:1].upper() + name[1:],
        description=(
            f"Imported from the spreadsheet {source.name}: {plural(len(families), 'family')}, "
            f"{plural(len(roles), 'level')} and {plural(len(items), 'expectation')}, each word for word."
        ),
        grades=grades,
        disciplines=[Discipline(id=family_ids[f], name=f) for f in families],
        areas=[Area(id=ident, name=area) for area, ident in area_ids.items()],
        roles=roles,
    )
