"""The long shape of a spreadsheet: one row per expectation, a column per field.

Columns are matched by header, case, spaces, ``_`` and ``-`` ignored, by their own name or a common one
(``Competency`` is the area, ``Grade`` the level, ``Criterion`` the expectation); ``--map FIELD=HEADER`` names
any other. Needed: the expectation, and its level (or its role). Everything else is optional:

===================  ==========================================================================================
field                holds
===================  ==========================================================================================
family               the job family (discipline); without the column, all rows are one family
track                a ladder within the family (engineer, manager): levels of two tracks are two roles
role                 the role's title, where the sheet names roles apart from their levels (``level`` is then
                     the grade); ``role_id`` its id
level                the level (role) within its family; ``level_order``, a number, orders the levels
level_description    what the level means (the role's description)
area                 the area (competency, theme, topic); ``parent_area`` the area it sits in (a cluster),
                     ``area_description`` what it means. Without an area the expectation has none
expectation          the expectation, word for word; ``expectation_id`` its id (rows repeating an id — or,
                     without ids, an expectation — add their example and link to it)
example, link        an example of meeting it; a web page (http or https), ``link_title`` its title
marker               ``essential`` or ``desirable``
proficiency          the level of proficiency it asks (a scale of its own, in order of first appearance)
cumulative           yes where the level builds on the level below (takes in what it expects)
all_levels           yes where the row applies at every level of its family (or track): the level is then
                     empty or ignored
source               where the expectation comes from, in words (kept as its source)
===================  ==========================================================================================

Every row is accounted for: it becomes an expectation, adds an example to an earlier row's expectation, repeats
an earlier row, is blank, or is skipped — named by its row number (the header is row 1, as a spreadsheet
numbers it) with the reason.
"""

from __future__ import annotations

import re
from collections import Counter

from ..errors import InputError, Problem
from ..formats import header_columns, header_key
from ..models import MAX_LINE
from ..wording import plural
from .build import Item, Ladder, truthy
from .grid import Grid
from .summary import ImportSummary, shown

__all__ = ["FIELDS", "REQUIRED", "SYNONYMS", "long_columns", "read_long"]

FIELDS = (
    "family",
    "level",
    "area",
    "expectation",
    "example",
    "level_order",
    "marker",
    "link",
    "track",
    "role",
    "role_id",
    "level_description",
    "parent_area",
    "area_description",
    "expectation_id",
    "link_title",
    "proficiency",
    "cumulative",
    "all_levels",
    "source",
)
REQUIRED = ("level", "expectation")
#: Other headers each field is known by, where its own name is not a column.
SYNONYMS = {
    "family": ("job family", "discipline", "profession"),
    "track": ("ladder", "pathway"),
    "role": ("role title", "job title", "position"),
    "level": ("grade", "band"),
    "level_order": ("order", "grade order"),
    "area": ("competency", "theme", "topic", "capability", "competence"),
    "parent_area": ("cluster", "competency cluster", "competency group", "parent"),
    "area_description": ("competency description",),
    "expectation": ("criterion", "criteria", "text", "behaviour", "behavior", "indicator", "statement"),
    "example": ("examples", "evidence"),
    "link": ("url",),
    "all_levels": ("every level",),
}
MAX_TEXT = 50_000  #: the longest text a framework holds (an expectation, an example)
MAX_LINK = 2_000  #: the longest web address a framework holds
_WEB = re.compile(r"^https?://\S+$")


def long_columns(header: list[str], mapping: dict[str, str]) -> tuple[dict[str, int], list[str]]:
    """Field → column index for each field the header names (its own name, a mapping, or a synonym), and the
    problems with the mapping (a mapped header that is not in the row)."""
    by_key = header_columns(header)
    columns: dict[str, int] = {}
    problems = []
    for name in FIELDS:
        if name in mapping:
            index = by_key.get(header_key(mapping[name]))
            if index is None:
                problems.append(f"--map {name}={mapping[name]!r}: no column of that name")
            else:
                columns[name] = index
            continue
        for candidate in (name, *SYNONYMS.get(name, ())):
            index = by_key.get(header_key(candidate))
            if index is not None and index not in columns.values():
                columns[name] = index
                break
    return columns, problems


def is_long(columns: dict[str, int]) -> bool:
    """True for a header naming the expectation and its level, role, or that it applies at every level."""
    return "expectation" in columns and bool({"level", "role", "all_levels"} & columns.keys())


def missing_message(header: list[str], columns: dict[str, int], problems: list[str]) -> str:
    """Why a header is not the long shape: the mapping's problems, the fields it lacks, the headers it has."""
    missing = [f for f in REQUIRED if f not in columns and not (f == "level" and "role" in columns)]
    hint = " ".join(f'--map {f}="HEADER"' for f in missing)
    parts = problems + ([f"no column for {', '.join(missing)} (use {hint} to name it)"] if missing else [])
    found = ", ".join(repr(h) for h in header if h) or "none"
    return f"{'; '.join(parts)}; the header row has {found}"


def _marker(text: str) -> str | bool | None:
    """essential / desirable / None (blank) / False (anything else)."""
    word = text.strip().casefold()
    if not word:
        return None
    if word.startswith("essential") or word == "e":
        return "essential"
    if word.startswith("desirable") or word == "d":
        return "desirable"
    return False


def read_long(
    grid: Grid,
    start: int,
    columns: dict[str, int],
    ladder: Ladder,
    summary: ImportSummary,
    *,
    where: str,
    family_name: str,
    label: str,
) -> Counter:
    """Read the rows of a long-shape ``grid`` below its header (row ``start``) into ``ladder``; returns the
    tally of what became of each row. ``where`` names the grid in sources ("hr.xlsx, sheet 'Expectations'"),
    ``label`` in the summary ("" for a file of one table), and ``family_name`` is the one family when there
    is no family column."""
    tally: Counter = Counter()
    first: dict[tuple, Item] = {}
    orders = ladder.level_order
    order_rows: dict[tuple[str, str], int] = {}
    for index in range(start + 1, len(grid.rows)):
        row, number = grid.rows[index], grid.numbers[index]
        at = f"{label}row {number}"
        tally["read"] += 1
        if not any(row):
            tally["blank"] += 1
            continue

        def cell(name: str, row=row) -> str:
            column = columns.get(name)
            return row[column] if column is not None and column < len(row) else ""

        family = cell("family") or family_name  # a row without a family is in the file's one family
        every = truthy(cell("all_levels")) if "all_levels" in columns else False
        role = cell("role") or None
        level = cell("level") or role or ""  # a named role without a level is a level of its own
        values = {"family": family, "level": level, "expectation": cell("expectation")}
        if every:
            values.pop("level")
        empty = [name for name, value in values.items() if not value]
        problem = f"no {' or '.join(empty)}" if empty else None
        too_long = [n for n in ("expectation", "example") if len(cell(n)) > MAX_TEXT]
        too_long += [n for n in ("family", "track", "role", "level", "area", "parent_area") if len(cell(n)) > MAX_LINE]
        if not problem and too_long:
            limit = MAX_TEXT if too_long[0] in ("expectation", "example") else MAX_LINE
            problem = f"the {too_long[0]} is longer than {limit:,} characters"
        marker = _marker(cell("marker"))
        if not problem and marker is False:
            problem = f"marker {shown(cell('marker'))} is neither 'essential' nor 'desirable'"
        link = cell("link") or None
        if not problem and link and (len(link) > MAX_LINK or not _WEB.match(link)):
            problem = f"link {link[:80]!r} is not a web address (http or https, at most {MAX_LINK:,} characters)"
        order_text = cell("level_order")
        if not problem and "level_order" in columns and not every and order_text:
            problem = _order_problem(orders, order_rows, (family, level), order_text, number)
        if problem:
            tally["skipped"] += 1
            summary.skip(at, shown(values["expectation"] or "the row"), problem)
            continue
        if order_text and not every:
            orders.setdefault((family, level), float(order_text))
            order_rows.setdefault((family, level), number)
        description = cell("level_description")
        if description and not every:
            ladder.level_descriptions.setdefault((family, level), description)
        area = cell("area") or None
        parent = cell("parent_area") or None
        if area and cell("area_description"):
            ladder.area_descriptions.setdefault((parent, area), cell("area_description"))
        track = cell("track") or None
        ident = cell("expectation_id") or None
        text = values["expectation"]
        owner = (family, track, None if every else (role or level))
        key = (*owner, "id", ident) if ident else (*owner, area, " ".join(text.split()).casefold())
        example = cell("example")
        link_pair = (cell("link_title") or None, link) if link else None
        earlier = first.get(key)
        if earlier is not None:
            added = False
            if example and example not in earlier.examples:
                earlier.examples.append(example)
                tally["examples merged"] += 1
                added = True
            if link_pair and link_pair not in earlier.links:
                earlier.links.append(link_pair)
                added = True
            if not added:
                tally["repeats"] += 1
                summary.notes.append(f"{at} repeats row {earlier.where.rsplit('row ', 1)[-1]}")
            elif not example:
                tally["links merged"] += 1
            continue
        item = Item(
            where=f"{where}, row {number}",
            family=family,
            level=None if every else level,
            text=text,
            area=area,
            parent=parent,
            track=track,
            role=None if every else role,
            role_id=None if every else (cell("role_id") or None),
            examples=[example] if example else [],
            links=[link_pair] if link_pair else [],
            marker=marker or None,
            proficiency=cell("proficiency") or None,
            cumulative=True if truthy(cell("cumulative")) else None,
            source=cell("source") or None,
            ident=ident,
        )
        first[key] = item
        ladder.items.append(item)
        tally["imported"] += 1
    return tally


def _order_problem(orders: dict, rows: dict, key: tuple[str, str], text: str, number: int) -> str | None:
    try:
        order = float(text)
    except ValueError:
        return f"level_order {text!r} is not a number"
    if not order >= 0:  # also refuses nan
        return f"level_order {text!r} is below 0"
    known = orders.get(key)
    if known is not None and known != order:
        value = str(int(known)) if known.is_integer() else str(known)
        return f"level {key[1]!r} has level_order {text} here but {value} in row {rows[key]}"
    return None


def account(tally: Counter, name: str) -> str:
    """What became of a sheet's rows, in one line of the summary."""
    line = (
        f"{name}: {plural(tally['read'], 'row')} below the header: "
        f"{plural(tally['imported'], 'expectation')}, {plural(tally['examples merged'], 'example')} added to an "
        f"earlier row's expectation, "
    )
    if tally["links merged"]:
        line += f"{plural(tally['links merged'], 'link')} added to an earlier row's expectation, "
    line += f"{plural(tally['repeats'], 'repeat')}, {tally['blank']} blank, {tally['skipped']} skipped"
    return line


def check_accounted(tally: Counter, summary: ImportSummary) -> None:
    accounted = sum(tally[k] for k in ("imported", "examples merged", "links merged", "repeats", "blank", "skipped"))
    if accounted != tally["read"]:  # pragma: no cover - every branch above counts its row once
        summary.notes.append(f"NOT ACCOUNTED FOR: {tally['read'] - accounted} rows")


def mapping_error(name: str, message: str) -> InputError:
    return InputError([Problem(message, file=name, line=1, code="sheet-columns")], summary=message)
