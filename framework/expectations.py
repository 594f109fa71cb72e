"""Expectations per level: what each role expects, area by area, and the gap between two roles.

Many frameworks (FT, Monzo, a council's person specifications) are written as *expectations*: criteria grouped
by area (a theme, a topic, a competency), stated per level, with examples — not as skills on a proficiency
scale. This module reads them and compares roles by them::

    role_expectations(fw, "delivery-manager")         # stated ones, then the person specification's
    effective_expectations(fw, "backend-4")           # … plus what the levels below add, where cumulative
    expectation_gap(fw, "senior-1", "senior-2-ic")    # what the target expects that the current role does not

**Where they come from.** A role's expectations are the ones its file states (``roles[].expectations``)
followed by the criteria of its job description's person specification (Knowledge, Skills and Abilities,
Experience, … × Essential / Desirable), read where they are written, so no criterion is ever copied into a
second place. A person-specification heading is an area of its own (``Skills and Abilities`` → id
``skills-and-abilities``) unless the file lists an area with that id. Each expectation says where it comes
from in words: "Person specification of Delivery Manager, Knowledge — Essential".

**Ids.** Every expectation has an id, stable and readable, unique within its role: the one the file writes,
or one derived from its area, its marker and its place among the role's expectations with that area and
marker — ``communication-1``, ``knowledge-essential-2`` (:func:`expectation_id`). A person's development
record refers to an expectation as ``role id/expectation id`` (:attr:`RoleExpectation.key`).

**Cumulative levels.** An expectation marked ``cumulative`` (Monzo's criteria are) says its level builds on
the level below: the role also expects what the rung below it expects (cumulative ones included, so level 4
takes in levels 1–3) — in the areas where it states cumulative expectations, and in the areas where it states
none at all (a level that adds nothing to a topic still expects the topic's lower levels); not in an area
where its own expectations are not cumulative. A role with no cumulative expectation stands alone. The rung below a
role is the role that states a promotion to it, else the role on the same ladder (discipline and track) at the
nearest lower grade — on the same branch, or on the main ladder where the branch starts. Roles without a stated
grade have no rung below.

**The gap.** The target expects an expectation that the current role does not when no expectation the
current role has (cumulative ones included) is the same — the same area, text and examples, with case and
spacing ignored (:func:`expectation_key`), since one framework states a shared criterion once per role.
Readiness is the share of the target's
expectations the current role already has.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, replace

from .ids import slugify
from .models import MARKERS, Area, Criteria, Framework, Role

__all__ = [
    "AreaGap",
    "ExpectationGap",
    "RoleExpectation",
    "all_areas",
    "effective_expectations",
    "expectation_gap",
    "expectation_id",
    "expectation_key",
    "expectation_sets",
    "framework_areas",
    "has_expectations",
    "own_expectations",
    "role_expectations",
    "rung_below",
]

STATED, PERSON_SPECIFICATION = "stated", "person specification"


@dataclass(frozen=True)
class RoleExpectation:
    """One expectation of one role, with its id, its area's name and where it comes from."""

    role: str
    id: str
    text: str
    area: str
    area_name: str
    examples: tuple[str, ...] = ()
    links: tuple[tuple[str | None, str], ...] = ()  #: (title or None, url)
    level: str | None = None  #: an area level or skill level id (a proficiency)
    level_name: str | None = None
    marker: str | None = None  #: "essential", "desirable" or None
    marker_text: str | None = None  #: the marker as the source writes it ("Essential")
    cumulative: bool = False
    source: str = ""  #: where it comes from, in words
    origin: str = STATED  #: "stated" (in the file) or "person specification" (read from the job description)
    from_role: str | None = None  #: for an expectation taken in from the rung below: the role that states it

    @property
    def key(self) -> str:
        """How a record refers to it: ``role id/expectation id`` (the role that states it)."""
        return f"{self.from_role or self.role}/{self.id}"


def expectation_id(area: str, marker: str | None, number: int) -> str:
    """The id derived for the ``number``-th (1-based) expectation of a role with this area and marker."""
    return f"{area}-{marker}-{number}" if marker else f"{area}-{number}"


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def expectation_key(expectation: RoleExpectation) -> tuple:
    """What two expectations must share to be the same: area, text and examples, case and spacing ignored.

    The examples count because some sources carry their content there (Monzo: "Criteria for sublevel A" in
    several topics, each with its own examples)."""
    return (expectation.area, _fold(expectation.text), tuple(_fold(e) for e in expectation.examples))


def _marker(written: str | None) -> str | None:
    """``Essential``, ``Essential criteria`` → essential; a marker that is neither is kept as written only."""
    word = (written or "").strip().lower()
    return next((m for m in MARKERS if word.startswith(m)), None)


# --------------------------------------------------------------------------- reading, once per framework


@dataclass(frozen=True)
class _Index:
    areas: dict[str, Area]
    own: dict[str, tuple[RoleExpectation, ...]]
    below: dict[str, str | None]
    effective: dict[str, tuple[RoleExpectation, ...]]


_AREA_ID_MAX = 120  # the schema's longest id


def _person_spec_area(criteria: Criteria) -> str:
    """The area a person specification's heading stands for: its slug, or for a heading too long to be an id,
    the slug's start and a digest of the whole heading, so two long headings never become one area."""
    slug = slugify(criteria.heading) or "criteria"
    if len(slug) <= _AREA_ID_MAX:
        return slug
    digest = hashlib.sha256(criteria.heading.encode()).hexdigest()[:10]
    return f"{slug[: _AREA_ID_MAX - len(digest) - 1].rstrip('-')}-{digest}"


def framework_areas(framework: Framework) -> dict[str, Area]:
    """Every area expectations may name, in order: the file's areas, then the headings of its person
    specifications (each once, in order of first appearance), unless an area of the file has that id."""
    return framework.expectation_index.areas


def all_areas(framework: Framework) -> dict[str, Area]:
    areas = dict(framework.areas_by_id)
    for role in framework.roles:
        spec = role.job_description.person_specification if role.job_description else None
        for criteria in spec.criteria if spec else ():
            area = _person_spec_area(criteria)
            if area not in areas:
                areas[area] = Area(
                    id=area, name=criteria.heading, kind="person specification heading", source="Person specifications"
                )
    return areas


def _level_name(framework: Framework, area: Area | None, level: str | None) -> str | None:
    if level is None:
        return None
    if area is not None and area.levels:
        return next((lv.name for lv in area.levels if lv.id == level), level)
    return next((lv.name for lv in framework.skill_levels if lv.id == level), level)


def own_expectations(framework: Framework, role: Role, areas: dict[str, Area]) -> tuple[RoleExpectation, ...]:
    """A role's own expectations, read afresh (:func:`role_expectations` gives them from the cached index)."""
    counts: dict[tuple[str, str | None], int] = defaultdict(int)
    derived: set[str] = set()

    def next_id(area: str, marker: str | None) -> str:
        # Numbered in order within (area, marker); a number whose id another area's derivation already gave
        # (area 'a-essential' beside area 'a' marked essential) is passed over, so derived ids never meet.
        while True:
            counts[(area, marker)] += 1
            ident = expectation_id(area, marker, counts[(area, marker)])
            if ident not in derived:
                derived.add(ident)
                return ident

    out = []
    for expectation in role.expectations:
        derived_id = next_id(expectation.area, expectation.marker)
        area = areas.get(expectation.area)
        out.append(
            RoleExpectation(
                role=role.id,
                id=expectation.id or derived_id,
                text=expectation.text,
                area=expectation.area,
                area_name=area.name if area else expectation.area,
                examples=tuple(expectation.examples),
                links=tuple((link.title, link.url) for link in expectation.links),
                level=expectation.level,
                level_name=_level_name(framework, area, expectation.level),
                marker=expectation.marker,
                marker_text=expectation.marker.capitalize() if expectation.marker else None,
                cumulative=bool(expectation.cumulative),
                source=expectation.source or f"Stated for {role.title} in {framework.name}",
            )
        )
    spec = role.job_description.person_specification if role.job_description else None
    for criteria in spec.criteria if spec else ():
        area_id = _person_spec_area(criteria)
        area = areas.get(area_id)
        for group in criteria.groups:
            marker = _marker(group.marker)
            where = f"Person specification of {role.title}, {criteria.heading}"
            if group.marker:
                where += f" — {group.marker}"
            for item in group.items:
                out.append(
                    RoleExpectation(
                        role=role.id,
                        id=next_id(area_id, marker),
                        text=item,
                        area=area_id,
                        area_name=area.name if area else criteria.heading,
                        marker=marker,
                        marker_text=group.marker,
                        source=where,
                        origin=PERSON_SPECIFICATION,
                    )
                )
    return tuple(out)


def _rungs_below(framework: Framework) -> dict[str, str | None]:
    stated: dict[str, str] = {}
    promoting = set()
    for role in framework.roles:
        for move in role.moves:
            if move.kind == "promotion":
                promoting.add(role.id)
                stated.setdefault(move.to, role.id)
    rank = framework.grade_rank
    # Ladder → grade rank → the roles there, in file order: each role looks only at the nearest rung below.
    ladders: dict[tuple, dict[int, list[Role]]] = defaultdict(lambda: defaultdict(list))
    for role in framework.roles:
        if role.discipline is not None and role.grade in rank and role.id not in promoting:
            ladders[(role.discipline, role.track)][rank[role.grade]].append(role)
    ranks = {ladder: sorted(rungs) for ladder, rungs in ladders.items()}
    below: dict[str, str | None] = {}
    for role in framework.roles:
        below[role.id] = stated.get(role.id)
        ladder = (role.discipline, role.track)
        if role.id in stated or role.discipline is None or role.grade not in rank or ladder not in ladders:
            continue
        lower = ranks[ladder][: bisect_left(ranks[ladder], rank[role.grade])]
        if not lower:
            continue
        rung = ladders[ladder][lower[-1]]
        pick = next((r for r in rung if r.branch == role.branch), None) or next(
            (r for r in rung if r.branch is None), None
        )
        below[role.id] = pick.id if pick else None
    return below


def _effective(role_id: str, index_own: dict, below: dict, memo: dict, visiting: set) -> tuple[RoleExpectation, ...]:
    if role_id in memo:
        return memo[role_id]
    own = index_own.get(role_id, ())
    cumulative_areas = {e.area for e in own if e.cumulative}
    closed_areas = {e.area for e in own} - cumulative_areas
    lower = below.get(role_id)
    inherited: tuple[RoleExpectation, ...] = ()
    if cumulative_areas and lower is not None and lower not in visiting:
        visiting.add(role_id)
        inherited = tuple(e for e in _effective(lower, index_own, below, memo, visiting) if e.area not in closed_areas)
        visiting.discard(role_id)
    # Each text once, where it first appears: a level that restates a lower level's expectation keeps the lower
    # one (the level that introduced it).
    taken = [_taken_in(e, role_id) for e in inherited]
    seen = {expectation_key(e) for e in taken}
    for e in own:
        key = expectation_key(e)
        if key not in seen:
            seen.add(key)
            taken.append(e)
    result = tuple(taken)
    memo[role_id] = result
    return result


def _taken_in(expectation: RoleExpectation, role_id: str) -> RoleExpectation:
    return replace(expectation, role=role_id, from_role=expectation.from_role or expectation.role)


def _read_all(framework: Framework) -> _Index:
    """Everything this module needs about a framework, worked out once (the model caches it)."""
    areas = all_areas(framework)
    own = {role.id: own_expectations(framework, role, areas) for role in framework.roles}
    below = _rungs_below(framework)
    memo: dict[str, tuple[RoleExpectation, ...]] = {}
    effective = {role.id: _effective(role.id, own, below, memo, set()) for role in framework.roles}
    return _Index(areas=areas, own=own, below=below, effective=effective)


# --------------------------------------------------------------------------- queries


def _role(framework: Framework, role: str | Role) -> Role:
    return role if isinstance(role, Role) else framework.role(role)


def role_expectations(framework: Framework, role: str | Role) -> tuple[RoleExpectation, ...]:
    """The role's own expectations: those its file states, then its person specification's criteria, in order.

    Raises :class:`~framework.errors.RoleNotFound` for an unknown role id.
    """
    return framework.expectation_index.own[_role(framework, role).id]


def effective_expectations(framework: Framework, role: str | Role) -> tuple[RoleExpectation, ...]:
    """Everything the role expects: its own expectations, after those it takes in from the rung below it in
    the areas where its expectations are cumulative (each once; the lowest level's first)."""
    return framework.expectation_index.effective[_role(framework, role).id]


def rung_below(framework: Framework, role: str | Role) -> str | None:
    """The role a cumulative expectation builds on (see the module docstring), or None."""
    return framework.expectation_index.below[_role(framework, role).id]


def has_expectations(framework: Framework) -> bool:
    """True when some role has an expectation (stated, or read from a person specification)."""
    return any(role.expectations or _criteria_items(role) for role in framework.roles)


def _criteria_items(role: Role) -> bool:
    spec = role.job_description.person_specification if role.job_description else None
    return bool(spec) and any(group.items for criteria in spec.criteria for group in criteria.groups)


@dataclass(frozen=True)
class AreaGap:
    """One area of the target role: what it expects that the current role does not, and what both expect."""

    area: str
    name: str
    description: str | None
    to_meet: tuple[RoleExpectation, ...]
    met: tuple[RoleExpectation, ...]


@dataclass(frozen=True)
class ExpectationGap:
    current: str  #: role id
    target: str  #: role id
    areas: tuple[AreaGap, ...]  #: the target's areas, in the framework's order

    @property
    def to_meet(self) -> tuple[RoleExpectation, ...]:
        return tuple(e for area in self.areas for e in area.to_meet)

    @property
    def met(self) -> tuple[RoleExpectation, ...]:
        return tuple(e for area in self.areas for e in area.met)

    @property
    def total(self) -> int:
        return len(self.to_meet) + len(self.met)

    @property
    def readiness(self) -> float | None:
        """The share of the target's expectations the current role already has (None when it has none)."""
        return len(self.met) / self.total if self.total else None

    def marked(self, marker: str | None) -> tuple[RoleExpectation, ...]:
        """Expectations still to meet with this marker (``essential``, ``desirable``, or None for unmarked)."""
        return tuple(e for e in self.to_meet if e.marker == marker)


def expectation_gap(framework: Framework, current: str | Role, target: str | Role) -> ExpectationGap:
    """What ``target`` expects that ``current`` does not, area by area, with examples (module docstring).

    Raises :class:`~framework.errors.RoleNotFound` for an unknown role id.
    """
    current_role, target_role = _role(framework, current), _role(framework, target)
    held = {expectation_key(e) for e in effective_expectations(framework, current_role)}
    by_area: dict[str, tuple[list[RoleExpectation], list[RoleExpectation]]] = {}
    for expectation in effective_expectations(framework, target_role):
        to_meet, met = by_area.setdefault(expectation.area, ([], []))
        (met if expectation_key(expectation) in held else to_meet).append(expectation)
    areas = framework_areas(framework)
    order = {area: i for i, area in enumerate(areas)}
    rows = []
    for area_id in sorted(by_area, key=lambda a: order.get(a, len(order))):
        area = areas.get(area_id)
        to_meet, met = by_area[area_id]
        rows.append(
            AreaGap(
                area=area_id,
                name=area.name if area else area_id,
                description=area.description if area else None,
                to_meet=tuple(to_meet),
                met=tuple(met),
            )
        )
    return ExpectationGap(current=current_role.id, target=target_role.id, areas=tuple(rows))


def expectation_sets(framework: Framework) -> dict[str, frozenset[tuple]]:
    """Role id → the keys (:func:`expectation_key`) of everything it expects: what route effort compares."""
    return {
        role: frozenset(expectation_key(e) for e in items)
        for role, items in framework.expectation_index.effective.items()
    }
