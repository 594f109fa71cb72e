"""What each role expects, read once per framework: its expectations with their ids, areas and sources, the rung
below it, and everything it expects once cumulative levels are taken in.

This is the reading :mod:`framework.expectations` (the gap between two roles), the graph (the effort of a move)
and the loader (derived ids that meet) share. It needs only the models, so everything above them may use it;
the result is kept with the framework (:meth:`~framework.models.Framework.derived`).

**Where they come from.** A role's expectations are, in this order: the ones its file states
(``roles[].expectations``); the ones stated once for every level of its discipline and of its track
(``disciplines[].expectations``, ``tracks[].expectations``: a spreadsheet row that applies to all levels); and
the criteria of its job description's person specification (Knowledge, Skills and Abilities, Experience, a
competency … × Essential / Desirable), read where they are written, so no criterion is ever copied into a second
place. A person-specification heading is an area of its own (``Skills and Abilities`` → id
``skills-and-abilities``) unless the file lists an area with that id; the cluster heading it sits under
(``SEEING THE BIG PICTURE``) is an area too, its parent. A criterion that holds the text of one of the
document's links has that link. Each expectation says where it comes from in words: "Person specification of
Delivery Manager, Knowledge — Essential".

**Ids.** Every expectation has an id, stable and readable, unique within its role: the one the file writes,
or one derived from its area, its marker and its place among the role's expectations with that area and
marker — ``communication-1``, ``knowledge-essential-2`` (:func:`expectation_id`); ``expectation-1`` for one
without an area. A person's development record refers to an expectation as ``role id/expectation id``
(:attr:`RoleExpectation.key`).

**Cumulative levels.** An expectation marked ``cumulative`` (Monzo's criteria are) says its level builds on
the level below: the role also expects what the rung below it expects (cumulative ones included, so level 4
takes in levels 1–3) — in the areas where it states cumulative expectations, and in the areas where it states
none at all (a level that adds nothing to a topic still expects the topic's lower levels); not in an area
where its own expectations are not cumulative. A role with no cumulative expectation stands alone. The rung
below a role is the role on its own ladder that states a promotion to it, else the role on the same ladder
(discipline and track) at the nearest lower grade — on the same branch, or on the main ladder where the branch
starts. A move between tracks is not a rung: a manager's level does not take in the expectations of the
engineer's level people move from. Roles without a stated grade have no rung below.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, replace

from .ids import slugify
from .models import MARKERS, Area, Discipline, Expectation, Framework, JobDescription, Role, Track

__all__ = [
    "LADDER",
    "PERSON_SPECIFICATION",
    "STATED",
    "ExpectationIndex",
    "RoleExpectation",
    "all_areas",
    "expectation_id",
    "expectation_index",
    "expectation_key",
    "expectation_sets",
    "has_expectations",
    "ladder_expectations",
    "on_other_ladder",
    "own_expectations",
    "person_spec_area",
]

#: Where an expectation comes from: the role's own list, its ladder's every-level list, its person specification.
STATED, LADDER, PERSON_SPECIFICATION = "stated", "every level", "person specification"


@dataclass(frozen=True)
class RoleExpectation:
    """One expectation of one role, with its id, its area's name and where it comes from."""

    role: str
    id: str
    text: str
    area: str  #: the area id; "" for an expectation without an area
    area_name: str  #: "" for an expectation without an area
    examples: tuple[str, ...] = ()
    links: tuple[tuple[str | None, str], ...] = ()  #: (title or None, url)
    level: str | None = None  #: an area level or skill level id (a proficiency)
    level_name: str | None = None
    marker: str | None = None  #: "essential", "desirable" or None
    marker_text: str | None = None  #: the marker as the source writes it ("Essential")
    cumulative: bool = False
    source: str = ""  #: where it comes from, in words
    origin: str = STATED  #: "stated", "every level" (its ladder's) or "person specification"
    from_role: str | None = None  #: for an expectation taken in from the rung below: the role that states it

    @property
    def key(self) -> str:
        """How a record refers to it: ``role id/expectation id`` (the role that states it)."""
        return f"{self.from_role or self.role}/{self.id}"


def expectation_id(area: str | None, marker: str | None, number: int) -> str:
    """The id derived for the ``number``-th (1-based) expectation of a role with this area and marker."""
    base = area or "expectation"
    return f"{base}-{marker}-{number}" if marker else f"{base}-{number}"


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


_AREA_ID_MAX = 120  # the schema's longest id


def person_spec_area(heading: str) -> str:
    """The area a person specification's heading stands for: its slug, or for a heading too long to be an id,
    the slug's start and a digest of the whole heading, so two long headings never become one area."""
    slug = slugify(heading) or "criteria"
    if len(slug) <= _AREA_ID_MAX:
        return slug
    digest = hashlib.sha256(heading.encode()).hexdigest()[:10]
    return f"{slug[: _AREA_ID_MAX - len(digest) - 1].rstrip('-')}-{digest}"


def all_areas(framework: Framework) -> dict[str, Area]:
    """Every area expectations may name, in order: the file's areas, then the headings of its person
    specifications (each once, in order of first appearance; a cluster before the headings under it), unless
    an area of the file has that id."""
    areas = dict(framework.areas_by_id)
    for role in framework.roles:
        spec = role.job_description.person_specification if role.job_description else None
        for criteria in spec.criteria if spec else ():
            parent = None
            if criteria.cluster:
                parent = person_spec_area(criteria.cluster)
                if parent not in areas:
                    areas[parent] = Area(
                        id=parent, name=criteria.cluster, kind="person specification cluster",
                        source="Person specifications",
                    )  # fmt: skip
            heading = criteria.heading or spec.heading
            area = person_spec_area(heading)
            if area not in areas:
                areas[area] = Area(
                    id=area,
                    name=heading,
                    description="\n".join(criteria.paragraphs) or None,
                    kind="person specification heading",
                    parent=parent if parent != area else None,
                    source="Person specifications",
                )
    return areas


def _level_name(framework: Framework, area: Area | None, level: str | None) -> str | None:
    if level is None:
        return None
    if area is not None and area.levels:
        return next((lv.name for lv in area.levels if lv.id == level), level)
    return next((lv.name for lv in framework.skill_levels if lv.id == level), level)


def _ladder_expectations(framework: Framework, role: Role) -> list[tuple[Expectation, str]]:
    """What the role's discipline and track expect at every level, each with where it is stated."""
    out: list[tuple[Expectation, str]] = []
    discipline = framework.disciplines_by_id.get(role.discipline) if role.discipline else None
    if discipline is not None:
        out += [(e, f"Expected at every level of {discipline.name}") for e in discipline.expectations]
    track = framework.tracks_by_id.get(role.track) if role.track else None
    if track is not None:
        out += [(e, f"Expected at every level of {track.name}") for e in track.expectations]
    return out


def _links_of(jd: JobDescription, text: str) -> tuple[tuple[str | None, str], ...]:
    return tuple((link.title, link.url) for link in jd.links if link.title and link.title in text)


class _Ids:
    """Derived ids of one role's expectations: numbered in order within (area, marker); a number whose id another
    area's derivation already gave (area 'a-essential' beside area 'a' marked essential) is passed over, so
    derived ids never meet."""

    def __init__(self) -> None:
        self.counts: dict[tuple[str | None, str | None], int] = defaultdict(int)
        self.taken: set[str] = set()

    def __call__(self, area: str | None, marker: str | None) -> str:
        while True:
            self.counts[(area, marker)] += 1
            ident = expectation_id(area, marker, self.counts[(area, marker)])
            if ident not in self.taken:
                self.taken.add(ident)
                return ident


def _read_written(
    framework: Framework, role_id: str, written: list[tuple[Expectation, str, str]], areas: dict[str, Area], ids: _Ids
) -> list[RoleExpectation]:
    """Expectations written in the file — (expectation, where it comes from, origin) — as a role has them."""
    out = []
    for expectation, source, origin in written:
        derived_id = ids(expectation.area, expectation.marker)
        area = areas.get(expectation.area) if expectation.area else None
        out.append(
            RoleExpectation(
                role=role_id,
                id=expectation.id or derived_id,
                text=expectation.text,
                area=expectation.area or "",
                area_name=area.name if area else (expectation.area or ""),
                examples=tuple(expectation.examples),
                links=tuple((link.title, link.url) for link in expectation.links),
                level=expectation.level,
                level_name=_level_name(framework, area, expectation.level),
                marker=expectation.marker,
                marker_text=expectation.marker.capitalize() if expectation.marker else None,
                cumulative=bool(expectation.cumulative),
                source=source,
                origin=origin,
            )
        )
    return out


def ladder_expectations(framework: Framework, owner: Discipline | Track) -> tuple[RoleExpectation, ...]:
    """What a discipline or a track states once for every level of it, read as a role's expectations are (with
    no role: ``role`` is "", and ids are derived among these alone)."""
    where = f"Expected at every level of {owner.name}"
    written = [(e, e.source or where, LADDER) for e in owner.expectations]
    return tuple(_read_written(framework, "", written, all_areas(framework), _Ids()))


def own_expectations(framework: Framework, role: Role, areas: dict[str, Area]) -> tuple[RoleExpectation, ...]:
    """A role's own expectations, read afresh (:func:`expectation_index` gives them from the cache)."""
    ids = _Ids()
    written = [(e, e.source or f"Stated for {role.title} in {framework.name}", STATED) for e in role.expectations]
    written += [(e, e.source or where, LADDER) for e, where in _ladder_expectations(framework, role)]
    out = _read_written(framework, role.id, written, areas, ids)
    jd = role.job_description
    spec = jd.person_specification if jd else None
    for criteria in spec.criteria if spec else ():
        heading = criteria.heading or spec.heading
        area_id = person_spec_area(heading)
        area = areas.get(area_id)
        for group in criteria.groups:
            marker = _marker(group.marker)
            where = f"Person specification of {role.title}, {heading}"
            if group.marker:
                where += f" — {group.marker}"
            for item in group.items:
                out.append(
                    RoleExpectation(
                        role=role.id,
                        id=ids(area_id, marker),
                        text=item,
                        area=area_id,
                        area_name=area.name if area else heading,
                        links=_links_of(jd, item),
                        marker=marker,
                        marker_text=group.marker,
                        source=where,
                        origin=PERSON_SPECIFICATION,
                    )
                )
    return tuple(out)


def on_other_ladder(role: Role, other: Role) -> bool:
    """True when a move from ``role`` to ``other`` leaves its ladder: another discipline or another track (a
    move between tracks, such as a senior engineer becoming a manager). A branch of the same ladder is not
    another ladder."""
    return (role.discipline, role.track) != (other.discipline, other.track)


def _rungs_below(framework: Framework) -> dict[str, str | None]:
    stated: dict[str, str] = {}
    promoting = set()
    for role in framework.roles:
        for move in role.moves:
            target = framework.roles_by_id.get(move.to)
            if move.kind == "promotion" and target is not None and not on_other_ladder(role, target):
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


@dataclass(frozen=True)
class ExpectationIndex:
    """Everything read about a framework's expectations (see the module docstring)."""

    areas: dict[str, Area]  #: every area, in order (:func:`all_areas`)
    own: dict[str, tuple[RoleExpectation, ...]]  #: role id → its own expectations
    below: dict[str, str | None]  #: role id → the rung below it
    effective: dict[str, tuple[RoleExpectation, ...]]  #: role id → everything it expects


def _read(framework: Framework) -> ExpectationIndex:
    areas = all_areas(framework)
    own = {role.id: own_expectations(framework, role, areas) for role in framework.roles}
    below = _rungs_below(framework)
    memo: dict[str, tuple[RoleExpectation, ...]] = {}
    effective = {role.id: _effective(role.id, own, below, memo, set()) for role in framework.roles}
    return ExpectationIndex(areas=areas, own=own, below=below, effective=effective)


def expectation_index(framework: Framework) -> ExpectationIndex:
    """The framework's expectations, read once and kept with it."""
    return framework.derived(_read)


def has_expectations(framework: Framework) -> bool:
    """True when some role has an expectation (stated, its ladder's, or read from a person specification)."""
    if any(d.expectations for d in framework.disciplines) or any(t.expectations for t in framework.tracks):
        return True
    return any(role.expectations or _criteria_items(role) for role in framework.roles)


def _criteria_items(role: Role) -> bool:
    spec = role.job_description.person_specification if role.job_description else None
    return bool(spec) and any(group.items for criteria in spec.criteria for group in criteria.groups)


def expectation_sets(framework: Framework) -> dict[str, frozenset[tuple]]:
    """Role id → the keys (:func:`expectation_key`) of everything it expects: what route effort compares."""
    return {
        role: frozenset(expectation_key(e) for e in items)
        for role, items in expectation_index(framework).effective.items()
    }
