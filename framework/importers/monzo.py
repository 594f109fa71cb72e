"""Import Monzo-format progression frameworks (Markdown with YAML front matter) as expectations per level.

Monzo's format (github.com/monzo/progression-framework, ``src/frameworks``): one Markdown file per framework.
Most carry their content in the front matter — ``topics: [{name, title, content: [{level, criteria: [text],
exampleCriteria: [{criteria, examples: [text]}]}]}]`` — and a few (``yaml: false``) in the body, as prose under
``## Level N`` and ``### Topic`` headings. :func:`import_monzo` turns them into one
:class:`~framework.models.Framework`:

* each file → a track (its id the last part of the file's ``path``, its name the title), in the discipline
  of its ``sidebarGroup`` (engineering, design, operations) or, with none, a discipline of its own;
* each level its content uses → a role ``<track>-<level>`` titled ``<title> level N`` (the title without its
  last word "Framework": "Backend Engineering level 3"), at the grade
  ``N`` ("Level N"); levels are Monzo's bare numbers, shared by every framework, with no names of their own.
  Where the front matter's ``levels:`` disagrees with the levels the content uses, the content wins (with a
  note), so no criterion is lost;
* each topic → an area; each criterion → an expectation, word for word; an example criterion → an
  expectation with its examples. Front-matter criteria are cumulative (Monzo's levels build on the ones
  below); the prose of ``yaml: false`` files describes each level whole, so it is not;
* ``generic.md`` holds topics every framework shares. As Monzo's site shows a framework
  (``levelledRenderer.js``), a topic of the same name takes in the generic topic's criteria at the same level,
  after its own, and its title; topics only the generic framework has are not added. The generic framework is
  also a track of its own;
* names (of tracks, areas, roles) are the titles without their leading emoji; criteria are never changed.

Known quirks are repaired with a warning: a TAB after a list dash (``-\\t"…"``), which YAML forbids, becomes a
space. A file with no front matter is read from its ``## Level N`` / ``### Topic`` headings, or skipped with
the reason. A ``LICENSE`` handed in becomes the attribution, word for word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import FrameworkError, InputError, Problem
from ..formats import looks_like_monzo, split_front_matter
from ..ids import slugify
from ..models import Area, Discipline, Expectation, Framework, Grade, ImportSource, Role, Track
from ..wording import and_list, plural
from .common import model_problems, read_text, read_yaml, strip_text
from .summary import ImportResult, ImportSummary, Input

__all__ = ["FRAMEWORK_NAME", "SOURCE", "import_monzo", "looks_like_monzo", "split_front_matter"]

FRAMEWORK_NAME = "Monzo progression framework"
SOURCE = "Monzo's progression framework (github.com/monzo/progression-framework)"
GENERIC_PATH = "/generic"
_TAB_AFTER_DASH = re.compile(r"^(\s*)-\t+")
_LEVEL_HEADING = re.compile(r"^##\s+Level\s+(\d+)\b")
_TOPIC_HEADING = re.compile(r"^###\s+(.+?)\s*#*\s*$")
_LEADING_SYMBOLS = re.compile(r"^[^\w(\"'“‘]+")


def _slug(text: str, most: int) -> str:
    """An id made from a file's name or a topic's: at most ``most`` characters (a file called by 400 characters
    is still read, its track's id cut), so that a role's id stays within the 120 an id may have."""
    return slugify(text)[:most].strip("-")


def _name(title: str | None) -> str | None:
    """A title as a name: without its leading emoji and spaces (``🛠️ Backend`` → ``Backend``)."""
    if not title:
        return None
    return _LEADING_SYMBOLS.sub("", title).strip() or title.strip()


@dataclass
class _File:
    name: str  #: as handed in, e.g. engineering/backend.md
    meta: dict
    track: str
    title: str
    short: str  #: the title without "Framework", as a name: what role titles start with
    group: str | None
    cumulative: bool
    topics: list[tuple[str, str | None]] = field(default_factory=list)  #: (name, title), in order
    levels: dict[int, dict[str, list[tuple[str, list[str]]]]] = field(default_factory=dict)  #: level → topic → items

    def add(self, level: int, topic: str, text: str, examples: list[str]) -> None:
        self.levels.setdefault(level, {}).setdefault(topic, []).append((text, examples))


def _repair(front: str, name: str, summary: ImportSummary) -> str:
    out = []
    for number, line in enumerate(front.splitlines(keepends=True), start=2):
        fixed = _TAB_AFTER_DASH.sub(r"\1- ", line)
        if fixed != line:
            summary.repairs.append(
                f"{name} line {number}: a TAB after a list dash (not allowed in YAML) read as a space"
            )
        out.append(fixed)
    return "".join(out)


def _read(source: Input, summary: ImportSummary) -> _File | None:
    text = read_text(source)
    front, body_line, body = split_front_matter(text)
    meta: dict = {}
    if front is not None:
        try:
            parsed = read_yaml(_repair(front, source.name, summary), name=source.name)
        except FrameworkError as error:
            summary.skip(source.name, "the file", f"its front matter cannot be read: {error.problems[0]}")
            return None
        meta = parsed if isinstance(parsed, dict) else {}
    path = strip_text(meta.get("path"))
    stem = source.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    title = strip_text(meta.get("title")) or _first_heading(body) or stem
    track = _slug(path.rstrip("/").rsplit("/", 1)[-1] if path else stem, 60)
    topics = meta.get("topics")
    from_front = meta.get("yaml") is not False and isinstance(topics, list)
    file = _File(
        name=source.name,
        meta=meta,
        track=track or "framework",
        title=_name(title),
        short=re.sub(r"\s+Framework$", "", _name(title)) or _name(title),
        group=strip_text(meta.get("sidebarGroup")),
        cumulative=from_front,
    )
    if from_front:
        _read_topics(file, topics, summary)
        if body.strip():
            summary.skip(
                f"{source.name} line {body_line}", "the text below the front matter", "an introduction, not criteria"
            )
    else:
        _read_headings(file, body, body_line, summary)
        if not file.levels:
            why = "no front matter" if front is None else "its front matter has no topics"
            summary.skip(source.name, "the file", f"{why}, and no '## Level N' / '### Topic' headings to read instead")
            return None
    stated = meta.get("levels")
    used = sorted(file.levels)
    if isinstance(stated, int) and not isinstance(stated, bool) and used and used != list(range(1, stated + 1)):
        summary.notes.append(
            f"{source.name}: the front matter says levels: {stated}, the content has levels "
            f"{', '.join(map(str, used))}: each level of the content is a role, so no criterion is lost"
        )
    return file


def _first_heading(body: str) -> str | None:
    return next((line[2:].strip() for line in body.splitlines() if line.startswith("# ")), None)


def _read_topics(file: _File, topics: list, summary: ImportSummary) -> None:
    for t, topic in enumerate(topics):
        where = f"{file.name} topics[{t}]"
        name = strip_text(topic.get("name")) if isinstance(topic, dict) else None
        if name is None:
            summary.skip(where, repr(topic)[:60], "a topic needs a name")
            continue
        file.topics.append((name, strip_text(topic.get("title"))))
        for c, content in enumerate(topic.get("content") or []):
            level = content.get("level") if isinstance(content, dict) else None
            if not isinstance(level, int) or isinstance(level, bool) or level < 1:
                summary.skip(f"{where}.content[{c}]", repr(content)[:60], "its level is not a whole number from 1")
                continue
            for i, item in enumerate(content.get("criteria") or []):
                text = strip_text(item)
                if text is None:
                    summary.skip(f"{where}.content[{c}].criteria[{i}]", repr(item), "not a criterion's text")
                    continue
                file.add(level, name, text, [])
            for i, item in enumerate(content.get("exampleCriteria") or []):
                text = strip_text(item.get("criteria")) if isinstance(item, dict) else None
                if text is None:
                    summary.skip(f"{where}.content[{c}].exampleCriteria[{i}]", repr(item)[:60], "no criteria text")
                    continue
                examples = [e for e in map(strip_text, item.get("examples") or []) if e]
                file.add(level, name, text, examples)


def _read_headings(file: _File, body: str, first_line: int, summary: ImportSummary) -> None:
    """Prose under ``## Level N`` and ``### Topic``: each paragraph (or list item) one criterion."""
    level: int | None = None
    topic: str | None = None
    paragraph: list[str] = []
    outside: list[int] = []
    named = {name for name, _ in file.topics}  # a set: a file of 150,000 topics is not read in quadratic time

    def flush() -> None:
        if paragraph and level is not None and topic is not None:
            file.add(level, topic, " ".join(paragraph), [])
        paragraph.clear()

    for number, raw in enumerate(body.splitlines(), start=first_line):
        line = raw.strip()
        heading = _LEVEL_HEADING.match(line)
        if heading or line.startswith(("#", "- ", "* ")) or not line or line == "---":
            flush()
        if heading:
            level, topic = int(heading[1]), None
            continue
        if line.startswith("###") and (match := _TOPIC_HEADING.match(line)):
            topic = match[1]
            if topic not in named:
                named.add(topic)
                file.topics.append((topic, topic))
            continue
        if not line or line == "---" or line.startswith("#"):
            continue
        if level is None or topic is None:
            outside.append(number)
            continue
        paragraph.append(line[2:].strip() if line.startswith(("- ", "* ")) else line)
    flush()
    if outside:
        summary.skip(
            f"{file.name} line {outside[0]}",
            f"{plural(len(outside), 'line')} of text",
            "outside any '## Level N' / '### Topic' heading, so no level or topic to put it under",
        )


@model_problems
def import_monzo(inputs: list[Input]) -> ImportResult:
    """Build one framework from Monzo-format files (and, optionally, the LICENSE).

    Raises :class:`~framework.errors.FrameworkError` when no file holds a framework; every file or part left
    out is named in the summary with the reason.
    """
    summary = ImportSummary("Monzo-format import")
    licence: str | None = None
    files: list[_File] = []
    for source in inputs:
        if source.name.rsplit("/", 1)[-1].lower().startswith(("license", "licence")):
            licence = read_text(source).strip()
            summary.files.append(f"{source.name}: the licence, kept word for word as the attribution")
        elif source.name.lower().endswith((".md", ".markdown")):
            file = _read(source, summary)
            if file is not None:
                files.append(file)
        else:
            summary.skip(source.name, "the file", "not a Markdown framework file (.md) or a LICENSE")
    if not files:  # each file skipped is named, with why: there is no summary to read it in
        problems = [Problem(f"skipped {s.what}: {s.reason}", file=s.where, code="monzo") for s in summary.skipped]
        message = "no Monzo-format framework file was read" + (
            " (each file skipped is listed below, with why)" if problems else ": no file was given"
        )
        raise InputError(problems or [Problem(message, code="monzo")], summary=message)
    tracks = [f.track for f in files]
    if len(set(tracks)) != len(tracks):
        twice = sorted({t for t in tracks if tracks.count(t) > 1})
        raise InputError.single(f"two files are the same framework (path): {', '.join(twice)}", code="monzo")

    generic = next((f for f in files if f.meta.get("path") == GENERIC_PATH), None)
    disciplines: dict[str, Discipline] = {}
    discipline_of: dict[str, str] = {}
    for file in files:
        ident = _slug(file.group, 100) if file.group else file.track
        if ident not in disciplines:
            name = file.group.replace("-", " ").capitalize() if file.group else file.short
            disciplines[ident] = Discipline(id=ident, name=name)
        discipline_of[file.track] = ident
    areas = _areas(files, generic, summary)
    roles = []
    for file in files:
        roles += _roles(file, generic, areas, discipline_of[file.track], summary)
    levels = sorted({level for f in files for level in f.levels})
    framework = Framework(
        id="monzo",
        name="Monzo progression framework",
        description=(
            f"{SOURCE[0].upper()}{SOURCE[1:]}: {plural(len(files), 'framework')} ("
            + ", ".join(f.short for f in files)
            + "), each a ladder of numbered levels with criteria per topic. "
            + (
                "The criteria in the files' front matter are cumulative (each level builds on the ones below), and "
                "the generic framework's topics are taken into each framework as Monzo's site shows them"
                + (
                    f"; {and_list([f.short for f in files if not f.cumulative])} describe each level in prose, whole"
                    if not all(f.cumulative for f in files)
                    else ""
                )
                + ". "
            )
            + "Imported from Monzo's Markdown files: every criterion and example word for word."
        ),
        attribution=f"From {SOURCE}." + (f" Its licence:\n\n{licence}" if licence else ""),
        grades=[Grade(id=str(n), name=f"Level {n}") for n in levels],
        disciplines=list(disciplines.values()),
        tracks=[Track(id=f.track, name=f.title, discipline=discipline_of[f.track]) for f in files],
        areas=list(areas.values()),
        roles=roles,
    )
    if licence is None:
        summary.notes.append("no LICENSE file was given: the attribution names the source but carries no licence")
    summary.counts.update(
        families=len(files),
        levels=len(levels),
        roles=len(roles),
        areas=len(areas),
        expectations=sum(len(r.expectations) for r in roles),
        examples=sum(len(e.examples) for r in roles for e in r.expectations),
    )
    header = (
        f"The {framework.name}, generated by framework/importers/monzo.py from {SOURCE}.",
        "Do not edit by hand; re-run: python -m framework import monzo PATH... -o OUT",
        *(f"from {s.name} (sha256 {s.sha256})" for s in inputs),
        *((licence.splitlines()) if licence else ()),
    )
    return ImportResult(framework, summary, header)


def _areas(files: list[_File], generic: _File | None, summary: ImportSummary) -> dict[str, Area]:
    """Topic name → area (keyed by id): named by the generic topic's title where it has one of that name (as
    Monzo's site names it), else by the topic's own title, else by its name."""
    generic_titles = dict(generic.topics) if generic else {}
    areas: dict[str, Area] = {}
    for file in files:
        for name, title in file.topics:
            shown = _name(generic_titles.get(name) or title) or name[:1].upper() + name[1:]
            ident = _slug(name, 100) or "topic"
            area = areas.get(ident)
            if area is None:
                areas[ident] = Area(id=ident, name=shown, kind="topic", source=f"Monzo {file.title}")
            elif area.name != shown:
                summary.notes.append(
                    f"{file.name}: topic {name!r} is titled {shown!r} here and {area.name!r} in an earlier file; "
                    "the area keeps the first title"
                )
    return areas


def _roles(
    file: _File, generic: _File | None, areas: dict[str, Area], discipline: str, summary: ImportSummary
) -> list[Role]:
    # Monzo's site adds the generic topic's criteria to a framework's topic of the same name, unless the
    # framework is the generic one (its topics are exactly the generic topics).
    merges = (
        generic is not None and file is not generic and [n for n, _ in file.topics] != [n for n, _ in generic.topics]
    )
    generic_names = {name for name, _ in generic.topics} if generic else set()
    roles = []
    count = 0
    for level in sorted(file.levels):
        expectations = []
        for name, _ in file.topics:
            area = _slug(name, 100) or "topic"
            own = file.levels[level].get(name, [])
            for text, examples in own:
                expectations.append(
                    Expectation(
                        text=text,
                        area=area,
                        examples=examples,
                        cumulative=True if file.cumulative else None,
                        source=f"Monzo {file.title}, level {level}: {areas[area].name}",
                    )
                )
            count += len(own)
            if merges and name in generic_names:
                for text, examples in generic.levels.get(level, {}).get(name, []):
                    expectations.append(
                        Expectation(
                            text=text,
                            area=area,
                            examples=examples,
                            cumulative=True if file.cumulative else None,
                            source=f"Monzo {generic.title}, level {level}: {areas[area].name} (shared by every "
                            "framework with this topic)",
                        )
                    )
        roles.append(
            Role(
                id=f"{file.track}-{level}",
                title=f"{file.short} level {level}",
                discipline=discipline,
                grade=str(level),
                track=file.track,
                source=ImportSource(framework=FRAMEWORK_NAME, detail=f"{file.title} ({file.name}), level {level}"),
                expectations=expectations,
            )
        )
    shared = sorted({n for n, _ in file.topics} & generic_names) if merges else []
    summary.files.append(
        f"{file.name}: {file.title!r}, {plural(len(file.levels), 'level')}, {plural(len(file.topics), 'topic')}, "
        f"{plural(count, 'criterion')}"
        + (f"; generic topics taken in: {', '.join(shared)}" if shared else "")
        + ("" if file.cumulative else " (prose under level headings, not cumulative)")
    )
    return roles
