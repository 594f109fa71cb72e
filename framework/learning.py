"""Learning catalogues: where to learn a skill at a level, kept as data apart from the framework it serves.

A **catalogue** is a file of its own (``data/learning/ddat.yaml`` ships with the app; an organisation keeps
its own beside it) listing **resources**: a course, a guide, a book, a community, shadowing or learning on the
job — never their content, only their title and where to find them, with who provides them, whether anyone
may use them (``open``) or only the organisation's staff (``organisation``), their cost and time, the licence
of the material where known, the skills and levels (or areas, for a framework written as expectations) they
serve, and ``source``: where their title and address were verified, and when (``checked_on``).

Catalogues name skills, levels and areas by the ids of the framework they serve, so one catalogue serves
every framework that shares those ids (the council's skills are DDaT's). :func:`catalogue_problems` names
every id a framework does not have, at its line; :func:`merge_catalogues` puts an organisation's catalogues
before the shipped ones and merges entries that point at the same address; :func:`resources_for` answers
"how do I learn this skill at this level" with typed :class:`LearningResource` values::

    catalogue = read_catalogue("data/learning/ddat.yaml", framework=fw)
    library = merge_catalogues(shipped=[catalogue])
    resources_for(library, fw, "user-research-methods", "working", limit=3)  # LearningResource, each with its source
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .errors import InputError, Problem, QueryError
from .filecheck import located, validated
from .hints import Hints
from .models import Framework, Id, Line, Text, Url
from .yamlsafe import MAX_BYTES, decode, node_limit, parse_yaml

__all__ = [
    "ACCESS",
    "CATALOGUE_SCHEMA_LINE",
    "KINDS",
    "Catalogue",
    "CatalogueEntry",
    "LearningResource",
    "Library",
    "Serves",
    "Vocabulary",
    "address_key",
    "catalogue_problems",
    "check_catalogue",
    "dump_catalogue",
    "is_catalogue",
    "load_catalogue",
    "merge_catalogues",
    "read_catalogue",
    "resource_line",
    "resources_by_level",
    "resources_for",
    "resources_for_area",
]

#: What a resource is, in a word.
KINDS = ("course", "guide", "book", "community", "shadowing", "on-the-job")
#: Who may use it: anyone, or only the organisation's own staff.
ACCESS = ("open", "organisation")
CATALOGUE_VERSION = 1
#: The editor hint a catalogue in ``data/learning/`` starts with.
CATALOGUE_SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/learning.schema.json"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Serves(_Model):
    """What a resource helps with: one skill (or one area) at some of its levels."""

    skill: Id | None = Field(None, description="The id of a skill of the framework.")
    area: Id | None = Field(None, description="The id of an area (theme, topic, competency) of the framework.")
    levels: list[Id] = Field(
        default_factory=list,
        description="The levels it serves: skill-level ids (or the area's own level ids); empty for every level.",
    )

    @model_validator(mode="after")
    def _one_thing(self) -> Serves:
        if (self.skill is None) == (self.area is None):
            raise ValueError("name a skill or an area (one of them)")
        return self

    @property
    def subject(self) -> tuple[str, str]:
        """("skill", id) or ("area", id)."""
        return ("skill", self.skill) if self.skill is not None else ("area", self.area or "")


class CatalogueEntry(_Model):
    """One resource of a catalogue: where to find it and what it serves — never its content."""

    title: Line = Field(description="Its title, as its provider gives it.")
    address: Url | None = Field(None, description="Where to find it; needed for an open resource.")
    provider: Line | None = Field(None, description="Who offers it: 'GOV.UK Service Manual', 'Our L&D team'.")
    kind: Literal["course", "guide", "book", "community", "shadowing", "on-the-job"]
    access: Literal["open", "organisation"] = Field(
        description="'open': anyone may use it; 'organisation': only the organisation's own staff."
    )
    cost: Line | None = Field(None, description="What it costs, as said: 'free', '£450 a place'.")
    time: Line | None = Field(None, description="How long it takes, as said: 'about 10 minutes', '2 days'.")
    licence: Line | None = Field(None, description="The licence of the material, where known.")
    serves: list[Serves] = Field(min_length=1, description="The skills (or areas) and levels it serves.")
    source: Line = Field(description="Where its title and address were verified (see docs/learning.md).")
    checked_on: dt.date | None = Field(None, description="When they were verified, YYYY-MM-DD.")
    note: Text | None = Field(None, description="Anything a learner should know (prerequisites, how to book).")

    @model_validator(mode="after")
    def _open_has_address(self) -> CatalogueEntry:
        if self.access == "open" and self.address is None:
            raise ValueError("an open resource needs an address, so that anyone can find it")
        return self


class Catalogue(_Model):
    """A learning catalogue: resources, each serving skills (or areas) of a framework at some levels."""

    catalogue_version: Literal[1] = CATALOGUE_VERSION
    id: Id
    name: Line
    description: Text | None = None
    attribution: Text | None = Field(None, description="Licence or attribution to show with the catalogue.")
    frameworks: list[Id] = Field(
        default_factory=list,
        description="The ids of the frameworks whose skill, level and area ids it uses; empty: any framework.",
    )
    resources: list[CatalogueEntry] = Field(default_factory=list)

    def serves_framework(self, framework_id: str) -> bool:
        return not self.frameworks or framework_id in self.frameworks


# --------------------------------------------------------------------------- the ids a catalogue may name


@dataclass(frozen=True)
class Vocabulary:
    """The ids a catalogue may name, for one framework or several (a catalogue may serve frameworks that share
    ids, such as DDaT and the council's, which takes its skills from DDaT): small and picklable, so that a
    catalogue can be checked in a process of its own without the frameworks (``ui/upload_worker.py``)."""

    frameworks: Mapping[str, str]  #: framework id → name
    skills: Mapping[str, str]  #: skill id → name
    levels: Mapping[str, str]  #: skill-level id → name, in scale order
    areas: Mapping[str, tuple[str, ...]]  #: area id → its own level ids (empty: the skill-level scale)
    area_names: Mapping[str, str] = field(default_factory=dict)  #: area id → name

    @classmethod
    def of(cls, *frameworks: Framework) -> Vocabulary:
        """Every id of ``frameworks``: an id is known when one of them has it."""
        from .expectations import framework_areas

        skills: dict[str, str] = {}
        levels: dict[str, str] = {}
        areas: dict[str, tuple[str, ...]] = {}
        area_names: dict[str, str] = {}
        for framework in frameworks:
            skills |= {s.id: s.name for s in framework.skills if s.id not in skills}
            levels |= {lv.id: lv.name for lv in framework.skill_levels if lv.id not in levels}
            for area in framework_areas(framework).values():
                areas[area.id] = tuple(dict.fromkeys([*areas.get(area.id, ()), *(lv.id for lv in area.levels)]))
                area_names.setdefault(area.id, area.name)
        return cls({f.id: f.name for f in frameworks}, skills, levels, areas, area_names)

    def area_levels(self, area: str) -> tuple[str, ...]:
        return self.areas.get(area) or tuple(self.levels)


def _vocabulary(framework: Framework | Vocabulary | Sequence[Framework]) -> Vocabulary:
    if isinstance(framework, Vocabulary):
        return framework
    return Vocabulary.of(framework) if isinstance(framework, Framework) else Vocabulary.of(*framework)


# --------------------------------------------------------------------------- reading and checking a file


def is_catalogue(raw: object) -> bool:
    """Whether parsed YAML looks like a learning catalogue (rather than a framework or a record)."""
    return isinstance(raw, dict) and ("catalogue_version" in raw or ("resources" in raw and "roles" not in raw))


def load_catalogue(
    data: bytes | str,
    *,
    name: str,
    framework: Framework | Vocabulary | Sequence[Framework] | None = None,
    max_bytes: int = MAX_BYTES,
) -> Catalogue:
    """A catalogue read from YAML (or JSON) text, checked against its schema and — given a framework, or several
    it serves — every skill, level and area id it names. Raises :class:`~framework.errors.InputError` with every
    problem, each at its line and column (see :func:`check_catalogue` for the warnings too)."""
    return check_catalogue(data, name=name, framework=framework, max_bytes=max_bytes)[0]


def check_catalogue(
    data: bytes | str,
    *,
    name: str,
    framework: Framework | Vocabulary | Sequence[Framework] | None = None,
    max_bytes: int = MAX_BYTES,
    unknown: Literal["error", "warning"] = "error",
) -> tuple[Catalogue, list[Problem]]:
    """:func:`load_catalogue`, and the warnings that do not stop the catalogue being used (it names other
    frameworks than the one it is checked against; with ``unknown="warning"``, ids the framework does not
    have: see :func:`catalogue_problems`), located."""
    text = data if isinstance(data, str) else decode(data, name=name, max_bytes=max_bytes)
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise InputError.single(f"larger than the {max_bytes // 2**20} MiB limit", file=name, code="too-large")
    raw, problems = parse_yaml(text, name=name, max_nodes=node_limit(size))
    catalogue = None
    if not problems:
        if not isinstance(raw, dict):
            kind = "empty" if raw is None else f"a {type(raw).__name__}"
            problems.append(Problem(f"a learning catalogue is a mapping with 'id', 'name' and 'resources', not {kind}"))
        else:
            catalogue = validated(Catalogue, raw, problems)
            if framework is not None:
                problems += catalogue_problems(raw, framework, unknown=unknown)
    problems = located(problems, text, name)
    if catalogue is None or any(p.severity == "error" for p in problems):
        raise InputError(problems, summary=f"{name} is not a usable learning catalogue")
    return catalogue, problems


def read_catalogue(
    path: str | Path, *, framework: Framework | Vocabulary | Sequence[Framework] | None = None
) -> Catalogue:
    """The catalogue in the file at ``path`` (see :func:`load_catalogue`)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError.single(f"cannot read ({exc.strerror})", file=str(path), code="unreadable") from None
    return load_catalogue(data, name=str(path), framework=framework)


def catalogue_problems(
    raw: Mapping | Catalogue,
    framework: Framework | Vocabulary | Sequence[Framework],
    *,
    unknown: Literal["error", "warning"] = "error",
) -> list[Problem]:
    """Every skill, area and level id the catalogue names that ``framework`` (or every one of several
    frameworks) does not have, with its field path (``resources[3].serves[0].skill``); and a warning when the
    catalogue says it is for none of them.

    ``unknown="warning"`` makes an unknown id a warning: for a catalogue used with a framework that shares only
    some of its ids (an organisation's catalogue for DDaT skills, opened beside the council's framework), whose
    other entries are kept for the frameworks they fit."""
    vocabulary = _vocabulary(framework)
    data = raw.model_dump(mode="json") if isinstance(raw, Catalogue) else raw
    problems: list[Problem] = []
    wanted = data.get("frameworks")
    if isinstance(wanted, list) and wanted and not {str(w) for w in wanted} & set(vocabulary.frameworks):
        names = ", ".join(f"{ident!r} ({name})" for ident, name in vocabulary.frameworks.items())
        problems.append(
            Problem(
                f"the catalogue is for {', '.join(map(str, wanted))}, not {names}; its ids are checked all the same",
                path=("frameworks",),
                severity="warning",
                code="other-framework",
            )
        )
    resources = data.get("resources")
    if not isinstance(resources, list):
        return problems
    hints = Hints()
    for i, entry in enumerate(resources):
        serves = entry.get("serves") if isinstance(entry, dict) else None
        for j, item in enumerate(serves if isinstance(serves, list) else ()):
            if isinstance(item, dict):
                found = _serves_problems(item, ("resources", i, "serves", j), vocabulary, hints)
                problems += [replace(p, severity=unknown) for p in found]
    return problems


def _id(value: object) -> str | None:
    """An id as a file writes it (a whole number is read as text, as the framework does), else None."""
    return str(value) if isinstance(value, str | int) and not isinstance(value, bool) else None


def _unknown(kind: str, value: str, known: Mapping[str, object], path: tuple, hints: Hints) -> Problem:
    hint = hints(kind, value, known)
    return Problem(
        f"unknown {kind} {value!r}" + (f" (did you mean {hint!r}?)" if hint else ""),
        path=(*path, kind),
        code=f"unknown-{kind}",
    )


def _serves_problems(item: dict, path: tuple, vocabulary: Vocabulary, hints: Hints) -> list[Problem]:
    out = []
    skill, area = _id(item.get("skill")), _id(item.get("area"))
    allowed: Sequence[str] = ()
    if skill is not None:
        allowed = tuple(vocabulary.levels)
        if skill not in vocabulary.skills:
            out.append(_unknown("skill", skill, vocabulary.skills, path, hints))
    elif area is not None:
        if area in vocabulary.areas:
            allowed = vocabulary.area_levels(area)
        else:
            out.append(_unknown("area", area, vocabulary.areas, path, hints))
    levels = item.get("levels")
    if allowed and isinstance(levels, list):
        for k, level in enumerate(levels):
            if _id(level) is not None and _id(level) not in allowed:
                out.append(
                    Problem(
                        f"unknown level {_id(level)!r} (known: {', '.join(allowed)})",
                        path=(*path, "levels", k),
                        code="unknown-level",
                    )
                )
    return out


def dump_catalogue(catalogue: Catalogue, *, header_comment: Iterable[str] = ()) -> str:
    """``catalogue`` as YAML text, the same way every time: the schema line, the header comments, then the
    data in the models' field order, without empty or absent fields; a list of levels on one line."""
    import yaml

    from .yamlwrite import _prune

    class _Dumper(yaml.SafeDumper):
        pass

    def _list(dumper: yaml.SafeDumper, items: list) -> yaml.Node:
        flow = bool(items) and all(isinstance(item, str) for item in items)
        return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=flow)

    _Dumper.add_representer(list, _list)
    data = _prune(catalogue.model_dump(mode="python", exclude_none=True))
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10**9)
    comments = [line if line.startswith("#") else f"# {line}".rstrip() for line in header_comment]
    return "\n".join([CATALOGUE_SCHEMA_LINE, *comments, body.rstrip("\n")]) + "\n"


# --------------------------------------------------------------------------- merging catalogues


def address_key(address: str) -> str:
    """What two addresses share when they point at the same page: the scheme and host in lower case, no
    trailing slash, no fragment (``HTTPS://Example.org/a/`` and ``https://example.org/a#x`` are one)."""
    parts = urlsplit(address.strip())
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


@dataclass(frozen=True)
class Shelved:
    """A resource of the merged catalogues: the entry shown (the first catalogue's, with every catalogue's
    ``serves``) and the names of the catalogues that list it, the one shown first."""

    entry: CatalogueEntry
    catalogues: tuple[str, ...]
    from_organisation: bool  #: listed by an organisation's own catalogue (not only a shipped one)


@dataclass(frozen=True)
class Library:
    """Catalogues merged for use: an organisation's entries first, then the shipped ones, each address once."""

    entries: tuple[Shelved, ...] = ()
    catalogues: tuple[Catalogue, ...] = ()
    organisation: frozenset[str] = frozenset()  #: ids of the organisation's catalogues among ``catalogues``
    #: (("skill" | "area", id) → indexes into ``entries``, in order), made once by :func:`merge_catalogues`
    by_subject: Mapping[tuple[str, str], tuple[int, ...]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.entries)


def merge_catalogues(*, shipped: Sequence[Catalogue] = (), organisation: Sequence[Catalogue] = ()) -> Library:
    """The catalogues as one :class:`Library`: the organisation's entries first (its own courses come before
    anything public), then the shipped ones, in file order. Entries with the same address (:func:`address_key`)
    are one resource: the first one's fields, and what every one of them serves. An entry without an address
    (shadowing a colleague, learning on the job) is never merged."""
    first: dict[str, int] = {}
    merged: list[list] = []  # [entry, catalogue names, from organisation, serves]
    for catalogue, own in [*((c, True) for c in organisation), *((c, False) for c in shipped)]:
        for entry in catalogue.resources:
            key = address_key(entry.address) if entry.address else None
            at = first.get(key) if key is not None else None
            if at is None:
                if key is not None:
                    first[key] = len(merged)
                merged.append([entry, [catalogue.name], own, list(entry.serves)])
                continue
            item = merged[at]
            if catalogue.name not in item[1]:
                item[1].append(catalogue.name)
            item[2] = item[2] or own
            item[3] += [s for s in entry.serves if s not in item[3]]
    entries = tuple(
        Shelved(
            entry if serves == list(entry.serves) else entry.model_copy(update={"serves": serves}),
            tuple(names),
            own,
        )
        for entry, names, own, serves in merged
    )
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, shelved in enumerate(entries):
        for subject in dict.fromkeys(s.subject for s in shelved.entry.serves):
            index[subject].append(i)
    return Library(
        entries=entries,
        catalogues=(*organisation, *shipped),
        organisation=frozenset(c.id for c in organisation),
        by_subject={k: tuple(v) for k, v in index.items()},
    )


# --------------------------------------------------------------------------- what to learn from


@dataclass(frozen=True)
class LearningResource:
    """A resource for one skill (or area), as a page, a plan or a file shows it."""

    title: str
    address: str | None
    provider: str | None
    kind: str
    access: str | None  #: "open", "organisation", or None where its source does not say (a framework's own)
    cost: str | None
    time: str | None
    licence: str | None
    source: str  #: where its title and address were verified
    checked_on: dt.date | None
    note: str | None
    levels: tuple[str, ...]  #: the level ids it serves for this skill or area; () for every level
    catalogue: str  #: the catalogue it is shown from (the first that lists it), or the framework's name

    @property
    def organisation_only(self) -> bool:
        return self.access == "organisation"

    @classmethod
    def given(
        cls, title: str, address: str | None, kind: str, *, source: str, catalogue: str, levels: tuple[str, ...] = ()
    ) -> LearningResource:
        """A resource a framework file gives itself (with a skill, a level, an area or a criterion), which says
        no more of it than its title, address and kind: who provides it and who may use it are not known."""
        return cls(title, address, None, kind, None, None, None, None, source, None, None, levels, catalogue)


def _library(catalogue: Catalogue | Library) -> Library:
    return catalogue if isinstance(catalogue, Library) else merge_catalogues(shipped=[catalogue])


def _found(shelved: Shelved, subject: tuple[str, str]) -> LearningResource:
    entry = shelved.entry
    levels: list[str] = []
    every = False
    for serves in entry.serves:
        if serves.subject == subject:
            every = every or not serves.levels
            levels += [lv for lv in serves.levels if lv not in levels]
    return LearningResource(
        title=entry.title,
        address=entry.address,
        provider=entry.provider,
        kind=entry.kind,
        access=entry.access,
        cost=entry.cost,
        time=entry.time,
        licence=entry.licence,
        source=entry.source,
        checked_on=entry.checked_on,
        note=entry.note,
        levels=() if every else tuple(levels),
        catalogue=shelved.catalogues[0],
    )


def _of_framework(framework: Framework, resources, levels: tuple[str, ...], where: str) -> list[LearningResource]:
    """A framework file's own resources (``skills[].resources``, ``level_resources``, ``areas[].resources``)."""
    return [
        LearningResource.given(
            r.title,
            r.link,
            r.kind or "guide",
            source=f"{framework.name}, {where}",
            catalogue=framework.name,
            levels=levels,
        )
        for r in resources
    ]


def _check(framework: Framework, kind: str, subject: str, level: str | None) -> None:
    if kind == "skill":
        if subject not in framework.skills_by_id:
            raise QueryError.single(f"no skill with id {subject!r}", code="unknown-skill")
        known: Sequence[str] = tuple(framework.level_rank)
    else:
        from .expectations import framework_areas

        areas = framework_areas(framework)
        if subject not in areas:
            raise QueryError.single(f"no area with id {subject!r}", code="unknown-area")
        known = tuple(lv.id for lv in areas[subject].levels) or tuple(framework.level_rank)
    if level is not None and level not in known:
        raise QueryError.single(f"no level {level!r} for {kind} {subject!r}", code="unknown-level")


def _all_for(catalogue: Catalogue | Library, framework: Framework, kind: str, subject: str) -> list[LearningResource]:
    """Every resource for the skill or area: the catalogues' (the organisation's first), then the framework
    file's own."""
    library = _library(catalogue)
    key = (kind, subject)
    found = [_found(library.entries[i], key) for i in library.by_subject.get(key, ())]
    if kind == "skill":
        skill = framework.skills_by_id[subject]
        for level, resources in skill.level_resources.items():
            found += _of_framework(framework, resources, (level,), f"skill {skill.name}, level {level}")
        found += _of_framework(framework, skill.resources, (), f"skill {skill.name}")
    else:
        from .expectations import framework_areas

        area = framework_areas(framework)[subject]
        for level in area.levels:
            found += _of_framework(framework, level.resources, (level.id,), f"area {area.name}, level {level.name}")
        found += _of_framework(framework, area.resources, (), f"area {area.name}")
    return found


def _at_level(found: list[LearningResource], level: str | None, limit: int | None) -> tuple[LearningResource, ...]:
    """Those that serve ``level`` by name first, then those for every level; in catalogue order within each."""
    chosen = found if level is None else [r for r in found if level in r.levels] + [r for r in found if not r.levels]
    return tuple(chosen if limit is None else chosen[:limit])


def resources_for(
    catalogue: Catalogue | Library,
    framework: Framework,
    skill_id: str,
    level_id: str,
    *,
    limit: int | None = 3,
) -> tuple[LearningResource, ...]:
    """Up to ``limit`` resources (None: all) for ``skill_id`` at ``level_id``: those named for that level first,
    then those for every level of the skill; an organisation's before the shipped ones. Raises
    :class:`~framework.errors.QueryError` for a skill or level the framework does not have.

    >>> from framework import load_framework
    >>> fw = load_framework("data/roles.yaml")
    >>> shipped = read_catalogue("data/learning/ddat.yaml")
    >>> [r.title for r in resources_for(shipped, fw, "prototyping", "practitioner", limit=2)]
    ['Making prototypes', 'Prototyping']
    """
    _check(framework, "skill", skill_id, level_id)
    return _at_level(_all_for(catalogue, framework, "skill", skill_id), level_id, limit)


def resources_for_area(
    catalogue: Catalogue | Library,
    framework: Framework,
    area_id: str,
    level_id: str | None = None,
    *,
    limit: int | None = None,
) -> tuple[LearningResource, ...]:
    """:func:`resources_for` for an area of an expectations framework (FT's themes, Monzo's topics): those for
    ``level_id`` (one of the area's levels) first, or with no level given every resource of the area."""
    _check(framework, "area", area_id, level_id)
    return _at_level(_all_for(catalogue, framework, "area", area_id), level_id, limit)


def resources_by_level(
    catalogue: Catalogue | Library, framework: Framework, skill_id: str
) -> tuple[dict[str, tuple[LearningResource, ...]], tuple[LearningResource, ...]]:
    """Every resource for a skill, as the skill's page lists them: level id → those named for that level (in
    scale order, every level present), and those for every level of the skill."""
    _check(framework, "skill", skill_id, None)
    found = _all_for(catalogue, framework, "skill", skill_id)
    per_level = {lv.id: tuple(r for r in found if lv.id in r.levels) for lv in framework.skill_levels}
    return per_level, tuple(r for r in found if not r.levels)


def resource_line(resource: LearningResource) -> str:
    """The resource in one line of plain text, as a plan's Markdown, CSV or PDF can print it: title, provider,
    what it is and costs, whether it is for the organisation's staff only, and its address."""
    facts = [resource.kind.replace("-", " ")]
    facts += [x for x in (resource.cost, resource.time) if x]
    if resource.organisation_only:
        facts.append("organisation only")
    by = f" ({resource.provider})" if resource.provider else ""
    where = f": {resource.address}" if resource.address else ""
    return f"{resource.title}{by} — {', '.join(facts)}{where}"
