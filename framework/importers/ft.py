"""Import FT engineering-progression job families (their YAML files) as a framework of expectations.

FT's format (``job-family.schema.json`` of github.com/Financial-Times/engineering-progression): one YAML file
per job family, with ``levels`` (id, name), ``themes`` (id, name, summary) and ``competencies`` (level, theme,
summary, proficiency, and — in legacy families — examples and supporting URLs); ``isLegacy`` marks a family
no longer in use. :func:`import_ft` turns them into one :class:`~framework.models.Framework`:

* each family → a discipline (``legacy: true`` where FT marks it), its name and summary as FT writes them;
* each level → a role of that family. A level named ``… (Individual Contributor)`` or ``… (People Manager)``
  is a branch of the grade named by the rest (``Senior Engineer 2``), its id the level id without its last
  part (``senior-2-ic`` → ``senior-2``); the grades of every family are merged into one order;
* each theme → an area (kind ``theme``); a theme id that two families define differently (another name or
  summary) becomes one area per definition: the current family's keeps FT's id, the others add their family's;
* each competency → an expectation of its level's role, word for word, with its proficiency as its level on
  the proficiency scale (Awareness < Foundational < Working knowledge < Practitioner < Expert, FT's order),
  its examples and its supporting URLs as links. FT's levels are not cumulative: each level's competency
  is stated whole.

Two more files may be handed in: FT's ``how-to-use.md`` (its definitions of the proficiencies become the
scale's descriptions) and the ``LICENSE`` (its text becomes the attribution, word for word). The import is a
pure function of its inputs; what it read and skipped is in the :class:`~.summary.ImportSummary`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..errors import InputError, Problem
from ..formats import looks_like_ft
from ..ids import slugify
from ..models import (
    Area,
    Branch,
    Discipline,
    Expectation,
    Framework,
    Grade,
    ImportSource,
    Link,
    Role,
    SkillLevel,
)
from ..wording import and_list, plural
from .common import merge_orders, model_problems, read_text, read_yaml, strip_text
from .summary import ImportResult, ImportSummary, Input

__all__ = ["FRAMEWORK_NAME", "PROFICIENCIES", "SOURCE", "classify", "import_ft", "looks_like_ft"]

FRAMEWORK_NAME = "FT engineering-progression"
SOURCE = "the Financial Times' engineering-progression framework (github.com/Financial-Times/engineering-progression)"
#: FT's proficiencies, lowest first, as its schema lists them.
PROFICIENCIES = ("Awareness", "Foundational", "Working knowledge", "Practitioner", "Expert")
_BRANCHED = re.compile(r"^(?P<grade>.*\S)\s*\((?P<branch>[^()]+)\)\s*$")
_PROFICIENCY_LINE = re.compile(r"^\s*\d+\.\s+\*\*(?P<name>[^*]+)\*\*\s*:\s*(?P<text>.+?)\s*$")


def classify(name: str) -> str:
    """What an input is by its name: ``family`` (.yml/.yaml), ``licence`` (LICENSE…), ``guide`` (.md)."""
    lower = name.lower()
    if lower.startswith(("license", "licence", "copying")):
        return "licence"
    if lower.endswith((".yml", ".yaml")):
        return "family"
    if lower.endswith(".md"):
        return "guide"
    return "other"


@dataclass
class _Family:
    name: str
    slug: str
    file: str
    data: dict
    legacy: bool
    levels: list[tuple[str, str, str, str | None]] = field(default_factory=list)  #: (level id, name, grade, branch)


def _proficiency_texts(text: str) -> dict[str, str]:
    """FT's definitions of the proficiencies: the numbered ``**Name**: text`` lines under 'Proficiency levels'."""
    out: dict[str, str] = {}
    inside = False
    for line in text.splitlines():
        if line.startswith("#"):
            inside = line.lstrip("#").strip().lower() == "proficiency levels"
            continue
        match = _PROFICIENCY_LINE.match(line) if inside else None
        if match:
            out[match["name"].strip()] = match["text"]
    return out


def _read_family(source: Input, summary: ImportSummary, problems: list[Problem]) -> _Family | None:
    data = read_yaml(read_text(source), name=source.name)
    if not looks_like_ft(data):
        keys = ", ".join(map(str, data)) if isinstance(data, dict) else type(data).__name__
        problems.append(
            Problem(
                f"not an FT job family: it needs 'levels', 'themes' and 'competencies' at the top (found: {keys})",
                file=source.name,
                code="ft-not-a-family",
            )
        )
        return None
    name = strip_text(data.get("name"))
    bad = [key for key in ("levels", "themes", "competencies") if not isinstance(data.get(key), list)]
    if name is None or bad:
        what = "a 'name'" if name is None else f"lists under {', '.join(map(repr, bad))}"
        problems.append(Problem(f"an FT job family needs {what}", file=source.name, code="ft-family"))
        return None
    family = _Family(name, slugify(name) or "family", source.name, data, data.get("isLegacy") is True)
    for index, level in enumerate(data["levels"]):
        ident, label = _id(level), strip_text(level.get("name")) if isinstance(level, dict) else None
        if ident is None or label is None:
            summary.skip(f"{source.name} levels[{index}]", repr(level)[:60], "a level needs an id and a name")
            continue
        match = _BRANCHED.match(label)
        if match and "-" in ident:
            family.levels.append((ident, label, ident.rsplit("-", 1)[0], match["branch"].strip()))
        else:
            family.levels.append((ident, label, ident, None))
    return family


def _id(item: object) -> str | None:
    """An item's ``id`` as text (FT's ids are text; a number is read as its text), or None."""
    return _text_id(item.get("id")) if isinstance(item, dict) else None


def _text_id(value: object) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    return strip_text(value)


@model_problems
def import_ft(inputs: list[Input]) -> ImportResult:
    """Build one framework from FT job-family files (and, optionally, FT's how-to-use.md and LICENSE).

    Raises :class:`~framework.errors.FrameworkError` listing every file that is not a job family, or when no
    family is given; a competency that cannot be placed is skipped and named in the summary.
    """
    summary = ImportSummary("FT job-family import")
    problems: list[Problem] = []
    families: list[_Family] = []
    licence: str | None = None
    definitions: dict[str, str] = {}
    for source in inputs:
        kind = classify(source.name)
        if kind == "family":
            family = _read_family(source, summary, problems)
            if family is not None:
                families.append(family)
        elif kind == "licence":
            licence = read_text(source).strip()
            summary.files.append(f"{source.name}: the licence, kept word for word as the attribution")
        elif kind == "guide":
            definitions = _proficiency_texts(read_text(source))
            summary.files.append(f"{source.name}: definitions of {plural(len(definitions), 'proficiency')}")
        else:
            summary.skip(source.name, "the file", "not a job family (.yml), a guide (.md) or a LICENSE")
    if problems:
        raise InputError(problems, summary="some files are not FT job families")
    if not families:
        raise InputError.single("no FT job-family file (.yml) was given", code="ft-no-family")
    families.sort(key=lambda f: f.legacy)  # current families first: where themes differ, theirs keep FT's ids

    grade_ids = merge_orders(
        [[grade for _, _, grade, _ in f.levels] for f in families], what="level", where=families[0].file
    )
    grade_names: dict[str, str] = {}
    branch_names: dict[str, str] = {}
    for family in families:
        for _, label, grade, branch in family.levels:
            base = _BRANCHED.match(label)["grade"] if branch else label
            if grade_names.setdefault(grade, base) != base:
                summary.notes.append(
                    f"{family.file}: level {grade!r} is named {base!r} here and {grade_names[grade]!r} in an "
                    "earlier family; the grade keeps the first name"
                )
            if branch:
                branch_names.setdefault(slugify(branch), branch)

    areas, area_of = _areas(families, summary)
    scale = [SkillLevel(id=slugify(name), name=name, description=definitions.get(name)) for name in PROFICIENCIES]
    proficiency_ids = {level.name.casefold(): level.id for level in scale}
    roles: list[Role] = []
    for family in families:
        roles += _roles(family, area_of, proficiency_ids, branch_names, summary)

    legacy = [f.name for f in families if f.legacy]
    current = [f.name for f in families if not f.legacy]
    description = (
        f"{SOURCE[0].upper()}{SOURCE[1:]}: {_names(current) or 'no current family'}"
        + (f", and the legacy {_names(legacy)}" if legacy else "")
        + ". Each level lists FT's competencies, one or more per theme, each with the proficiency FT expects "
        f"({' < '.join(PROFICIENCIES)})"
        + (", and individual-contributor and people-manager branches where FT's levels divide" if branch_names else "")
        + ". Imported from FT's job-family YAML files: every competency word for word, with its examples and links."
    )
    attribution = f"From {SOURCE}." + (f" Its licence:\n\n{licence}" if licence else "")
    if licence is None:
        summary.notes.append("no LICENSE file was given: the attribution names the source but carries no licence")
    framework = Framework(
        id="ft-engineering",
        name="FT engineering progression",
        description=description,
        attribution=attribution,
        grades=[Grade(id=g, name=grade_names[g]) for g in grade_ids],
        disciplines=[
            Discipline(id=f.slug, name=f.name, description=strip_text(f.data.get("summary")), legacy=f.legacy or None)
            for f in families
        ],
        branches=[Branch(id=ident, name=name) for ident, name in branch_names.items()],
        skill_levels=scale,
        areas=areas,
        roles=roles,
    )
    summary.counts.update(
        families=len(families),
        levels=len(grade_ids),
        roles=len(roles),
        areas=len(areas),
        expectations=sum(len(r.expectations) for r in roles),
        examples=sum(len(e.examples) for r in roles for e in r.expectations),
        links=sum(len(e.links) for r in roles for e in r.expectations),
    )
    header = (
        f"The {framework.name} framework, generated by framework/importers/ft.py from {SOURCE}.",
        "Do not edit by hand; re-run: python -m framework import ft FILE... -o OUT",
        *(f"from {s.name} (sha256 {s.sha256})" for s in inputs),
        *((licence.splitlines()) if licence else ()),
    )
    return ImportResult(framework, summary, header)


def _names(names: list[str]) -> str:
    """``job family Engineering``, ``job families Engineering (Legacy) and Operations``; "" for none."""
    return f"{'job family' if len(names) == 1 else 'job families'} {and_list(names)}" if names else ""


def _areas(families: list[_Family], summary: ImportSummary) -> tuple[list[Area], dict[tuple[str, str], str]]:
    """Themes → areas: one per distinct (id, name, summary); (family slug, theme id) → area id."""
    areas: dict[str, Area] = {}
    by_definition: dict[tuple, str] = {}
    area_of: dict[tuple[str, str], str] = {}
    for family in families:
        for index, theme in enumerate(family.data["themes"]):
            ident, name = _id(theme), strip_text(theme.get("name")) if isinstance(theme, dict) else None
            if ident is None or name is None:
                summary.skip(f"{family.file} themes[{index}]", repr(theme)[:60], "a theme needs an id and a name")
                continue
            text = strip_text(theme.get("summary"))
            definition = (ident, name, text)
            if definition not in by_definition:
                area_id = ident if ident not in areas else f"{ident}-{family.slug}"
                if area_id != ident:
                    summary.notes.append(
                        f"{family.file}: theme {ident!r} differs from the one of the same id in an earlier family "
                        f"(name or summary): it is the area {area_id!r}"
                    )
                by_definition[definition] = area_id
                areas[area_id] = Area(
                    id=area_id, name=name, description=text, kind="theme", source=f"FT {family.name} job family"
                )
            area_of[(family.slug, ident)] = by_definition[definition]
    return list(areas.values()), area_of


def _roles(
    family: _Family,
    area_of: dict[tuple[str, str], str],
    proficiency_ids: dict[str, str],
    branch_names: dict[str, str],
    summary: ImportSummary,
) -> list[Role]:
    levels = {ident: (label, grade, branch) for ident, label, grade, branch in family.levels}
    themes = {
        _id(t): strip_text(t.get("name")) for t in family.data["themes"] if isinstance(t, dict) and _id(t) is not None
    }
    expected: dict[str, list[Expectation]] = {ident: [] for ident in levels}
    counts = Counter()
    for index, item in enumerate(family.data["competencies"]):
        where = f"{family.file} competencies[{index}]"
        if not isinstance(item, dict):
            summary.skip(where, repr(item)[:60], "a competency is a mapping")
            continue
        text, level, theme = strip_text(item.get("summary")), _text_id(item.get("level")), item.get("theme")
        if text is None:
            summary.skip(where, f"the competency of {level} / {theme}", "it has no summary text")
            continue
        if level not in levels:
            summary.skip(where, repr(text[:60]), f"its level {level!r} is not one of the family's levels")
            continue
        if (family.slug, theme) not in area_of:
            summary.skip(where, repr(text[:60]), f"its theme {theme!r} is not one of the family's themes")
            continue
        proficiency = strip_text(item.get("proficiency"))
        level_id = proficiency_ids.get(proficiency.casefold()) if proficiency else None
        if proficiency and level_id is None:
            summary.repairs.append(f"{where}: proficiency {proficiency!r} is not one of FT's; kept without one")
        links = []
        for url in item.get("supportingUrls") or []:
            address = strip_text(url.get("url")) if isinstance(url, dict) else None
            if address is None or len(address) > 2000 or not re.match(r"^https?://\S+$", address):
                summary.skip(
                    where, f"supporting URL {url!r}"[:80], "not a web address (http or https, at most 2,000 characters)"
                )
                continue
            links.append(Link(title=strip_text(url.get("label")), url=address))
        examples = [text for text in map(strip_text, item.get("examples") or []) if text]
        label = levels[level][0]
        expected[level].append(
            Expectation(
                text=text,
                area=area_of[(family.slug, theme)],
                examples=examples,
                links=links,
                level=level_id,
                source=f"FT {family.name} job family: {label}, {themes.get(theme) or theme}",
            )
        )
        counts[level] += 1
    summary.files.append(
        f"{family.file}: job family {family.name!r}{' (legacy)' if family.legacy else ''}, "
        f"{plural(len(levels), 'level')}, {plural(len(themes), 'theme')}, "
        f"{plural(sum(counts.values()), 'competency')}"
    )
    roles = []
    for ident, (label, grade, branch) in levels.items():
        roles.append(
            Role(
                id=f"{family.slug}-{ident}",
                title=label,
                discipline=family.slug,
                grade=grade,
                branch=slugify(branch) if branch else None,
                source=ImportSource(
                    framework=FRAMEWORK_NAME,
                    detail=f"{family.name} job family{' (legacy)' if family.legacy else ''} › {label}",
                ),
                expectations=expected[ident],
            )
        )
        if not expected[ident]:
            summary.notes.append(f"{family.file}: level {label!r} has no competency")
    return roles
