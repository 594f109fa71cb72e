"""Import the spreadsheet a learning and development team keeps (CSV or Excel .xlsx) as a learning catalogue.

One row says that a resource serves a skill (or an area) at some levels; the rows of one resource (the same
address — or, for one without an address, the same title) become one entry serving everything its rows name,
so both a *long* sheet (a row per resource, skill and level) and a short one (levels listed in one cell,
``working; practitioner``) read the same. Columns are matched by header as ``import sheet`` matches them (case,
spaces, ``_`` and ``-`` ignored); ``mapping`` (``--map address="Link"``) names another header for a field:

=============  ==========================================================================================
field          holds
=============  ==========================================================================================
title          its title (needed)
address        where to find it, http or https (needed for an open resource)
provider       who offers it
kind           course, guide, book, community, shadowing or on-the-job (needed; ``On the job`` is read too)
access         open, or organisation (only the organisation's staff may use it); without the column, every
               row is ``organisation``: nothing is shown as open to all unless the sheet says so
cost, time     as written: ``free``, ``£450``; ``2 days``
licence        the licence of the material, where known
skill          a skill's id or name (one of skill and area is needed)
area           an area's id or name, for a framework written as expectations
level          the levels it serves, ids or names, several separated by ``;`` or ``,``; blank for every level
source         where its title and address were verified; without it, the sheet and its row number
checked_on     when, as a date (``2026-12-06``)
note           anything a learner should know
=============  ==========================================================================================

Every row is accounted for: it starts a resource, adds to an earlier row's resource, is blank, or is skipped
— named by its row number (the header is row 1) with the reason. Given the framework the catalogue serves,
skills, areas and levels may be written by name and every one is checked; a row naming one the framework does
not have is skipped and named.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from ..errors import InputError
from ..ids import slugify
from ..learning import KINDS, Catalogue, CatalogueEntry, Serves, Vocabulary
from ..models import MAX_LINE, Framework
from ..wording import number, plural
from .common import model_problems
from .sheet import match_columns, parse_mapping, read_rows
from .summary import ImportSummary, Input

__all__ = ["FIELDS", "CatalogueImport", "import_resources", "parse_resource_mapping"]

FIELDS = (
    "title",
    "address",
    "provider",
    "kind",
    "access",
    "cost",
    "time",
    "licence",
    "skill",
    "area",
    "level",
    "source",
    "checked_on",
    "note",
)
REQUIRED = ("title", "kind")
_ACCESS = {"open": "open", "organisation": "organisation", "organization": "organisation"}
_ACCESS |= {f"{word} only": "organisation" for word in ("organisation", "organization")}
_URL = re.compile(r"^https?://\S+$")
MAX_ADDRESS = 2_000


@dataclass(frozen=True)
class CatalogueImport:
    """A catalogue made from a spreadsheet, with the account of how."""

    catalogue: Catalogue
    summary: ImportSummary
    header: tuple[str, ...] = ()  #: comment lines for the top of the written file


def parse_resource_mapping(pairs: list[str]) -> dict[str, str]:
    """``["address=Link", "skill=Competency"]`` → ``{"address": "Link", "skill": "Competency"}``."""
    return parse_mapping(pairs, fields=FIELDS)


def _columns(header: list[str], mapping: dict[str, str], name: str) -> tuple[dict[str, int], list[str]]:
    """Field → column index, and the headers not read, as ``import sheet`` matches them; a sheet needs a skill
    or an area column besides its title and kind."""
    columns, unread = match_columns(header, mapping, name, fields=FIELDS, required=REQUIRED)
    if "skill" not in columns and "area" not in columns:
        found = ", ".join(repr(h) for h in header if h) or "none"
        raise InputError.single(
            f'no column for skill or area (use --map skill="HEADER" to name it); the header row has {found}',
            file=name,
            line=1,
            code="sheet-columns",
        )
    return columns, unread


@dataclass
class _Resource:
    row: int
    values: dict[str, str]
    serves: list[Serves] = field(default_factory=list)


class _Names:
    """Skill, area and level ids as a row writes them: an id, or (given a framework) a name in any case."""

    def __init__(self, vocabulary: Vocabulary | None) -> None:
        self.vocabulary = vocabulary
        if vocabulary is not None:
            self.skills = _lookup(vocabulary.skills)
            self.levels = _lookup(vocabulary.levels)
            self.areas = _lookup({a: vocabulary.area_names.get(a, a) for a in vocabulary.areas})

    def skill(self, text: str) -> str | None:
        if self.vocabulary is None:
            return slugify(text) or None
        return self.skills.get(_fold(text))

    def area(self, text: str) -> str | None:
        if self.vocabulary is None:
            return slugify(text) or None
        return self.areas.get(_fold(text))

    def level(self, text: str, area: str | None) -> str | None:
        if self.vocabulary is None:
            return slugify(text) or None
        if area is not None and self.vocabulary.areas.get(area):
            return next((lv for lv in self.vocabulary.areas[area] if _fold(lv) in (_fold(text), slugify(text))), None)
        return self.levels.get(_fold(text))


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _lookup(names: dict[str, str]) -> dict[str, str]:
    """Id or name (folded) → id."""
    out = {_fold(name): ident for ident, name in names.items()}
    out |= {_fold(ident): ident for ident in names}
    return out


def _kind(text: str) -> str | None:
    word = re.sub(r"[\s_]+", "-", text.strip().casefold())
    return word if word in KINDS else None


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _row_problem(values: dict[str, str], has_access: bool) -> str | None:
    """Why a row cannot be read (its own cells, before any framework is asked), or None."""
    empty = [f for f in REQUIRED if not values[f]]
    if empty:
        return f"no {' or '.join(empty)}"
    too_long = [f for f, v in values.items() if len(v) > (MAX_ADDRESS if f == "address" else MAX_LINE)]
    if too_long:
        return f"the {too_long[0]} is longer than {MAX_ADDRESS if too_long[0] == 'address' else MAX_LINE:,} characters"
    if _kind(values["kind"]) is None:
        return f"kind {values['kind']!r} is not one of {', '.join(KINDS)}"
    if has_access and values["access"].strip().casefold() not in _ACCESS:
        return f"access {values['access']!r} is neither 'open' nor 'organisation'"
    if values["address"] and not _URL.match(values["address"]):
        return f"address {values['address'][:80]!r} is not a web address (http or https)"
    if has_access and _ACCESS.get(values["access"].strip().casefold()) == "open" and not values["address"]:
        return "an open resource needs an address"
    if bool(values["skill"]) == bool(values["area"]):
        return "no skill or area" if not values["skill"] else "both a skill and an area: give one per row"
    if values["checked_on"] and _date(values["checked_on"]) is None:
        return f"checked_on {values['checked_on']!r} is not a date (YYYY-MM-DD)"
    return None


def _serves(values: dict[str, str], names: _Names, keep_unknown: bool) -> Serves | str:
    """What the row serves, or why it cannot be read (a skill, area or level the framework does not have —
    unless ``keep_unknown``, when its id is made from its name as written)."""
    what = "skill" if values["skill"] else "area"
    ident = names.skill(values["skill"]) if what == "skill" else names.area(values["area"])
    if ident is None and keep_unknown:
        ident = slugify(values[what]) or None
    if ident is None:
        return f"the framework has no {what} {values[what]!r}"
    levels = []
    for text in re.split(r"[;,]", values["level"]):
        if text.strip():
            level = names.level(text.strip(), ident if what == "area" else None)
            if level is None and keep_unknown:
                level = slugify(text) or None
            if level is None:
                return f"the framework has no level {text.strip()!r} for {what} {values[what]!r}"
            if level not in levels:
                levels.append(level)
    return Serves(**{what: ident}, levels=levels)


@model_problems
def import_resources(
    source: Input,
    *,
    mapping: dict[str, str] | None = None,
    framework: Framework | Vocabulary | None = None,
    unknown: Literal["skip", "keep"] = "skip",
) -> CatalogueImport:
    """Build a catalogue from one spreadsheet (CSV, or the first sheet of an .xlsx workbook).

    Given a ``framework``, skills, areas and levels may be written by name; a row naming one the framework does
    not have is skipped (``unknown="keep"``: kept, its id made from the name, for a catalogue that also serves
    other frameworks — :func:`framework.learning.catalogue_problems` then lists them).

    Raises :class:`~framework.errors.FrameworkError` when the file cannot be read, has no header naming the
    needed columns, is larger than the row limit or has no usable row; a bad row is skipped and named in the
    summary by its row number.
    """
    mapping = mapping or {}
    vocabulary = Vocabulary.of(framework) if isinstance(framework, Framework) else framework
    summary = ImportSummary("Learning catalogue import")
    rows, start = read_rows(source, summary)
    columns, unread = _columns(rows[start], mapping, source.name)
    if unread:
        summary.notes.append(f"columns not read: {', '.join(map(repr, unread))}")
    has_access = "access" in columns
    if not has_access:
        summary.notes.append("no access column: every resource is marked as for the organisation's staff only")
    if "source" not in columns:
        summary.notes.append("no source column: each resource's source is this sheet and its first row")
    names = _Names(vocabulary)
    tally: Counter[str] = Counter()
    resources: list[_Resource] = []
    by_key: dict[tuple[str, str], _Resource] = {}
    for row_number, row in enumerate(rows[start + 1 :], start=start + 2):
        tally["read"] += 1
        if not any(row):
            tally["blank"] += 1
            continue
        values = {f: (row[columns[f]] if f in columns and columns[f] < len(row) else "").strip() for f in FIELDS}
        problem = _row_problem(values, has_access)
        serves = None if problem else _serves(values, names, unknown == "keep")
        if isinstance(serves, str):
            problem = serves
        if problem or serves is None:
            tally["skipped"] += 1
            summary.skip(f"row {row_number}", repr(values["title"][:60] or "the row"), problem or "unreadable")
            continue
        key = ("address", values["address"]) if values["address"] else ("title", _fold(values["title"]))
        earlier = by_key.get(key)
        if earlier is None:
            earlier = by_key[key] = _Resource(row_number, values)
            resources.append(earlier)
            tally["resources"] += 1
        else:
            tally["added"] += 1
            differ = [f for f in FIELDS if f not in ("skill", "area", "level") and values[f] != earlier.values[f]]
            if differ:
                summary.notes.append(
                    f"row {row_number} adds to row {earlier.row}'s resource but gives another {', '.join(differ)}: "
                    f"row {earlier.row}'s kept"
                )
        if serves not in earlier.serves:
            earlier.serves.append(serves)
    if not resources:
        raise InputError.single(
            "no row holds a usable resource (see the rows skipped)" if tally["skipped"] else "the sheet has no rows",
            file=source.name,
            code="sheet-empty",
        )
    stem = source.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    catalogue = Catalogue(
        id=slugify(stem) or "catalogue",
        name=(stem.replace("_", " ").replace("-", " ").strip() or "Learning catalogue").capitalize(),
        description=f"Imported from the spreadsheet {source.name}: {plural(len(resources), 'resource')}.",
        frameworks=list(vocabulary.frameworks) if vocabulary else [],
        resources=[_entry(r, source.name, has_access) for r in resources],
    )
    summary.files.append(
        f"{source.name}: {plural(tally['read'], 'row')} below the header: {plural(tally['resources'], 'resource')}, "
        f"{number(tally['added'])} adding to an earlier row's resource, {number(tally['blank'])} blank, "
        f"{number(tally['skipped'])} skipped"
    )
    # Counted under singular names: the summary makes them plural ("3 resources, 2 skills").
    summary.counts["resource"] = len(resources)
    summary.counts["skill"] = len({s.skill for r in resources for s in r.serves if s.skill})
    areas = len({s.area for r in resources for s in r.serves if s.area})
    if areas:
        summary.counts["areas"] = areas
    header = (
        f"{catalogue.name}, generated by framework/importers/resources.py from {source.name} (sha256 {source.sha256}).",
        "Re-run: python -m framework import resources FILE -o OUT [--framework FRAMEWORK] [--map FIELD=HEADER ...]",
    )
    return CatalogueImport(catalogue, summary, header)


def _entry(resource: _Resource, name: str, has_access: bool) -> CatalogueEntry:
    values = resource.values
    return CatalogueEntry(
        title=values["title"],
        address=values["address"] or None,
        provider=values["provider"] or None,
        kind=_kind(values["kind"]),
        access=_ACCESS[values["access"].strip().casefold()] if has_access else "organisation",
        cost=values["cost"] or None,
        time=values["time"] or None,
        licence=values["licence"] or None,
        serves=resource.serves,
        source=values["source"] or f"{name}, row {resource.row}",
        checked_on=_date(values["checked_on"]) if values["checked_on"] else None,
        note=values["note"] or None,
    )
