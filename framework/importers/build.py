"""A framework from what a table of expectations holds: the part every table-shaped import shares.

The readers (:mod:`.sheet_long` for a row per expectation, :mod:`.sheet_wide` for levels across the columns,
:mod:`.table` for ladders published on a page) each turn their table into a :class:`Ladder`: expectations as
:class:`Item` (family, track, role or level, area and the area it sits in, the text word for word, examples,
links, marker, proficiency, cumulative, where it was read), and what the table says besides — level order,
descriptions of levels and areas, levels that build on the one below, moves between roles. :func:`build` makes
the framework of it:

* families → disciplines (one family, named after the file, when the table has no family column); tracks →
  tracks of their family;
* levels → grades, in the order a ``level order`` column gives (numbers), else in the order they first appear
  in each family and track, merged into one scale (two families ordering the same levels two ways is an error);
* each role (a ``role`` column) or each level of a family (and track) → a role; an expectation stated for all
  levels → its family's (or track's) expectations at every level, written once;
* areas, in order of first appearance, each inside the area it sits in (a sheet or block per competency holds
  the competencies' criteria); an area whose table described its levels has those levels;
* moves (from, to, kind) → the roles' stated moves, each found by role id, title or level name.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..errors import InputError
from ..ids import slugify, unique_slugs
from ..models import (
    MAX_LINE,
    Area,
    AreaLevel,
    Discipline,
    Expectation,
    Framework,
    Grade,
    ImportSource,
    Link,
    Move,
    Role,
    SkillLevel,
    Track,
)
from ..wording import plural
from .common import merge_orders
from .summary import ImportSummary, shown

__all__ = ["Item", "Ladder", "MoveRow", "build", "truthy"]

_TRUE = {"yes", "y", "true", "1", "x", "✓", "✔", "cumulative", "all", "all levels"}
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,119}$")


def truthy(text: str) -> bool:
    """A spreadsheet's yes: ``yes``, ``y``, ``true``, ``1``, ``x`` or a tick."""
    return text.strip().casefold() in _TRUE


@dataclass
class Item:
    """One expectation as a table states it."""

    where: str  #: where it was read, in words: "hr.xlsx, sheet 'Craft', row 4"
    family: str
    level: str | None  #: None for an expectation at every level
    text: str
    area: str | None = None
    parent: str | None = None  #: the area the area sits in
    track: str | None = None
    role: str | None = None  #: the role's title, where the table names roles apart from their levels
    role_id: str | None = None
    examples: list[str] = field(default_factory=list)
    links: list[tuple[str | None, str]] = field(default_factory=list)
    marker: str | None = None
    proficiency: str | None = None
    cumulative: bool | None = None
    source: str | None = None  #: a source the table writes for it
    ident: str | None = None  #: an expectation id the table writes

    @property
    def all_levels(self) -> bool:
        return self.level is None and self.role is None


@dataclass(frozen=True)
class MoveRow:
    """A move a table states: from one role (or level) to another."""

    where: str
    start: str
    to: str
    kind: str | None = None
    reason: str | None = None
    family: str | None = None


@dataclass
class Ladder:
    """What the readers found in a file's tables."""

    name: str  #: the framework's name (the file's, or the page's title)
    single_family: bool = True  #: no family column: every item is in the file's one family
    items: list[Item] = field(default_factory=list)
    level_order: dict[tuple[str, str], float] = field(default_factory=dict)  #: (family, level) → order
    level_descriptions: dict[tuple[str | None, str], str] = field(default_factory=dict)  #: (family or None, level)
    area_descriptions: dict[tuple[str | None, str], str] = field(default_factory=dict)  #: (parent, area) → text
    area_parents: dict[str, str] = field(default_factory=dict)  #: area name → parent name (an areas sheet)
    area_levels: dict[tuple[str | None, str], dict[str, str]] = field(default_factory=dict)  #: area → level → text
    cumulative_levels: set[tuple[str | None, str]] = field(default_factory=set)  #: (family or None, level)
    moves: list[MoveRow] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  #: what was read, for the description
    prose: list[str] = field(default_factory=list)  #: a page's text outside its tables: kept in the description


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)


def _clip(text: str) -> str:
    return text if len(text) <= MAX_LINE else text[: MAX_LINE - 1] + "…"


def _grades(ladder: Ladder, where: str) -> tuple[list[Grade], dict[tuple[str, str], str]]:
    """The grade scale and (family, level) → grade id."""
    levelled = [i for i in ladder.items if i.level is not None]
    keys = list(dict.fromkeys((i.family, i.level) for i in levelled))
    if keys and all(key in ladder.level_order for key in keys):
        numbers = sorted({ladder.level_order[key] for key in keys})
        names: dict[float, set[str]] = {}
        for key in keys:
            names.setdefault(ladder.level_order[key], set()).add(key[1])
        grades = [
            Grade(id=_number(n), name=next(iter(names[n])) if len(names[n]) == 1 else f"Level {_number(n)}")
            for n in numbers
        ]
        return grades, {key: _number(ladder.level_order[key]) for key in keys}
    sequences: dict[tuple[str, str | None], list[str]] = {}
    for item in levelled:
        sequence = sequences.setdefault((item.family, item.track), [])
        if item.level not in sequence:
            sequence.append(item.level)
    order = merge_orders(sequences.values(), what="level", where=where)
    slugs = unique_slugs(order, fallback="level")
    return [Grade(id=slugs[level], name=level) for level in order], {(f, lv): slugs[lv] for f, lv in keys}


def _area_key(ladder: Ladder, item: Item) -> tuple[str | None, str]:
    """(the area the item's area sits in, its area): the item's own parent, else the one an areas sheet gives."""
    return (item.parent if item.parent is not None else ladder.area_parents.get(item.area), item.area)


def _areas(ladder: Ladder) -> tuple[list[Area], dict[tuple[str | None, str], str]]:
    """The areas, each after the area it sits in, and (parent, name) → area id."""
    keys: list[tuple[str | None, str]] = []
    for item in ladder.items:
        if item.area is None:
            continue
        parent, _ = _area_key(ladder, item)
        if parent is not None and (None, parent) not in keys:
            keys.append((None, parent))
        if (parent, item.area) not in keys:
            keys.append((parent, item.area))
    names = [f"{parent} {name}" if parent and sum(k[1] == name for k in keys) > 1 else name for parent, name in keys]
    ids = unique_slugs(names, fallback="area")
    key_ids = {key: ids[name] for key, name in zip(keys, names, strict=True)}
    areas = []
    for (parent, name), ident in key_ids.items():
        levels = ladder.area_levels.get((parent, name), {})
        areas.append(
            Area(
                id=ident,
                name=_clip(name),
                description=ladder.area_descriptions.get((parent, name)) or ladder.area_descriptions.get((None, name)),
                parent=key_ids.get((None, parent)) if parent is not None else None,
                levels=[
                    AreaLevel(id=slugify(lv) or "level", name=_clip(lv), description=t or None)
                    for lv, t in levels.items()
                ],
            )
        )
    return areas, key_ids


def build(ladder: Ladder, *, source_name: str, summary: ImportSummary, kind: str = "spreadsheet") -> Framework:
    """The framework of ``ladder`` (see the module docstring). ``source_name`` names the file in sources."""
    items = ladder.items
    families = list(dict.fromkeys(i.family for i in items))
    family_ids = unique_slugs(families, fallback="family")
    grades, grade_of = _grades(ladder, source_name)
    areas, area_ids = _areas(ladder)
    area_of = {area.id: area for area in areas}
    proficiencies = list(dict.fromkeys(i.proficiency for i in items if i.proficiency))
    proficiency_ids = unique_slugs(proficiencies, fallback="level")
    tracks = list(dict.fromkeys((i.family, i.track) for i in items if i.track))
    track_ids = unique_slugs([f"{f} {t}" if sum(t == u for _, u in tracks) > 1 else t for f, t in tracks])
    track_id = {key: track_ids[f"{key[0]} {key[1]}" if sum(key[1] == u for _, u in tracks) > 1 else key[1]]
                for key in tracks}  # fmt: skip

    def expectation(item: Item) -> Expectation:
        area = area_ids.get(_area_key(ladder, item)) if item.area else None
        level = None
        if item.proficiency:
            level = proficiency_ids[item.proficiency]
        elif area and area_of[area].levels and item.level is not None:
            level = next((lv.id for lv in area_of[area].levels if lv.name == _clip(item.level)), None)
        cumulative = item.cumulative
        stated = {(item.family, item.level), (None, item.level)} & ladder.cumulative_levels
        if cumulative is None and item.level is not None and stated:
            cumulative = True
        return Expectation(
            id=item.ident if item.ident and _ID.match(item.ident) else None,
            text=item.text,
            area=area,
            examples=item.examples,
            links=[Link(title=_clip(t) if t else None, url=u) for t, u in item.links],
            level=level,
            marker=item.marker,
            cumulative=cumulative,
            source=_clip(item.source or item.where),
        )

    # Roles: one per named role, or per level of a family (and track), in order of first appearance.
    role_keys = list(dict.fromkeys((i.family, i.track, i.role or i.level) for i in items if not i.all_levels))
    first: dict[tuple, Item] = {}
    for item in items:
        if not item.all_levels:
            first.setdefault((item.family, item.track, item.role or item.level), item)
    # Each family's roles in the order of its levels (and of its tracks, as they first appear).
    rank = {g.id: i for i, g in enumerate(grades)}
    family_order = {f: i for i, f in enumerate(families)}
    track_order = {t: i for i, t in enumerate(dict.fromkeys(k[1] for k in role_keys))}
    role_keys.sort(
        key=lambda k: (family_order[k[0]], track_order[k[1]], rank.get(grade_of.get((k[0], first[k].level or k[2])), 0))
    )
    titles = Counter(key[2] for key in role_keys)
    bases = []
    for family, track, name in role_keys:
        parts = ([] if ladder.single_family else [family_ids[family]]) + ([track_id[(family, track)]] if track else [])
        bases.append("-".join([*parts, slugify(name) or "level"]))
    written = {key: first[key].role_id for key in role_keys if first[key].role_id and _ID.match(first[key].role_id)}
    taken = set(written.values())
    role_ids: dict[tuple, str] = {}
    for key, base in zip(role_keys, bases, strict=True):
        if key in written:
            role_ids[key] = written[key]
            continue
        ident, n = base[:120], 1
        while ident in taken:
            n += 1
            ident = f"{base[:110]}-{n}"
        taken.add(ident)
        role_ids[key] = ident
    roles: dict[tuple, Role] = {}
    for key in role_keys:
        family, track, name = key
        item = first[key]
        level = item.level or name
        title = name if titles[name] == 1 else f"{name} ({track or family})"
        named = f"{item.role} ({level})" if item.role and item.role != level else level
        detail = " › ".join(p for p in (family, track, named) if p)
        description = ladder.level_descriptions.get((family, level)) or ladder.level_descriptions.get((None, level))
        roles[key] = Role(
            id=role_ids[key],
            title=_clip(title),
            discipline=family_ids[family],
            grade=grade_of.get((family, level)),
            track=track_id[(family, track)] if track else None,
            description=description,
            source=ImportSource(framework=_clip(source_name), detail=_clip(detail)),
            expectations=[expectation(i) for i in items
                          if not i.all_levels and (i.family, i.track, i.role or i.level) == key],
        )  # fmt: skip
    _add_moves(ladder, roles, rank, summary)
    every_level: dict[tuple[str, str | None], list[Expectation]] = {}
    for item in items:
        if item.all_levels:
            every_level.setdefault((item.family, item.track), []).append(expectation(item))
    disciplines = [
        Discipline(id=family_ids[f], name=_clip(f), expectations=every_level.get((f, None), [])) for f in families
    ]
    framework_tracks = [
        Track(id=track_id[(f, t)], name=_clip(t), discipline=family_ids[f], expectations=every_level.get((f, t), []))
        for f, t in tracks
    ]
    name = ladder.name.replace("_", " ").strip() or f"{kind.capitalize()} framework"
    count = sum(1 for i in items)
    read = f"the {kind} {source_name}" if not ladder.sources else ", ".join(ladder.sources)
    return Framework(
        id=slugify(ladder.name)[:120] or kind,
        name=_clip(name[:1].upper() + name[1:]),
        description=(
            f"Imported from {read}: {plural(len(families), 'family')}, {plural(len(roles), 'level')} and "
            f"{plural(count, 'expectation')}, each word for word."
            + ("\n\nThe page's own words, outside its tables:\n\n" + "\n\n".join(ladder.prose) if ladder.prose else "")
        )[:50_000],
        grades=grades or [Grade(id="all-levels", name="All levels")],
        disciplines=disciplines,
        tracks=framework_tracks,
        skill_levels=[SkillLevel(id=proficiency_ids[p], name=_clip(p)) for p in proficiencies],
        areas=areas,
        roles=list(roles.values()),
    )


_PROMOTION = ("promotion", "progression", "step up", "up")
_LATERAL = ("lateral", "sideways", "transfer", "move", "change of track", "track change")


def _add_moves(ladder: Ladder, roles: dict[tuple, Role], rank: dict[str, int], summary: ImportSummary) -> None:
    """Each stated move onto the role it leaves; a move whose roles cannot be found is skipped, with why. A move
    without a kind is a promotion where it leads to a higher grade, a lateral move otherwise."""
    by_name: dict[str, list[tuple]] = {}
    for key, role in roles.items():
        # A level named by several header rows ("Individual contributor — Senior Engineer") is found by its own
        # name (the last) too.
        for label in {role.id, key[2], role.title, key[2].rsplit(" — ", 1)[-1]}:
            by_name.setdefault(label.casefold(), []).append(key)

    def find(label: str, family: str | None) -> tuple | str:
        found = list(dict.fromkeys(by_name.get(label.strip().casefold(), [])))
        if family:
            found = [k for k in found if k[0].casefold() == family.casefold()] or found
        if not found:
            return f"no role or level {shown(label)}"
        if len(found) > 1:
            ids = ", ".join(roles[k].id for k in found)
            return f"{shown(label)} names {len(found)} roles ({ids}): name it by role id"
        return found[0]

    for row in ladder.moves:
        start, to = find(row.start, row.family), find(row.to, row.family)
        problem = start if isinstance(start, str) else to if isinstance(to, str) else None
        if problem is None and start == to:
            problem = "a move cannot lead back to the same role"
        kind = (row.kind or "").strip().casefold()
        if problem is None and kind and kind not in _PROMOTION + _LATERAL:
            problem = f"kind {row.kind!r} is neither a promotion nor a lateral move"
        if problem is not None:
            summary.skip(row.where, f"the move {shown(row.start)} → {shown(row.to)}", problem)
            continue
        source, target = roles[start], roles[to]
        if kind:
            kind = "promotion" if kind in _PROMOTION else "lateral"
        else:
            upward = rank.get(target.grade or "", -1) > rank.get(source.grade or "", -1)
            kind = "promotion" if upward else "lateral"
        reason = row.reason or f"{source.title} → {target.title}, as {row.where} states"
        move = Move(to=target.id, kind=kind, reason=_clip(reason))
        roles[start] = source.model_copy(update={"moves": [*source.moves, move]})


def no_items(name: str, reasons: list[str]) -> InputError:
    """The error for a file in which no table could be read: what each table looked like, and what would work."""
    from ..errors import Problem

    problems = [Problem(reason, file=name, code="sheet-shape") for reason in reasons]
    return InputError(problems, summary=f"{name}: no table could be read as expectations")
