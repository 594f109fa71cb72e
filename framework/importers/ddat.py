"""Import the UK Government Digital and Data (DDaT) Capability Framework from its official CSV download.

The download is two files. ``roles.csv`` has one row per (role level, skill): role family, role, role
level, their descriptions, and the skill with the level that role level needs. ``skills.csv`` has one row
per skill with its descriptor at each of the four levels. :func:`import_ddat` turns them into one
:class:`~framework.models.Framework`:

* role families → ``disciplines``; roles → ``track`` ids; every role level → one :class:`Role`;
* skills → ``skills`` with a descriptor (or null) per level of the scale awareness < working <
  practitioner < expert;
* each (role level, skill, level) row → a :class:`SkillRequirement` on that role level.

DDaT has no grade scale of its own: role levels are just names, listed alphabetically. The career order is
what a user of this app needs most, so :func:`place_level` derives a grade from each role-level name by
the explicit, ordered rules in :data:`GRADE_RULES` (apprentice/trainee < junior/associate < the plain name
< senior < lead < principal < head, and a top ``chief`` grade for the Chief roles). A name that matches no
rule is an error, never a guess.

The data is real-world data with real-world mess (repeated rows, ``MISSING`` descriptions, descriptors
that read "This skill level is currently not defined.", Chief roles whose role level is ``NOT IN USE``).
Each is handled on purpose, and the :class:`ImportReport` accounts for every row read and says what was
done, so nothing is dropped silently. The import is a pure function: it prints nothing and reads nothing
but its two files; :func:`run_import` also writes the YAML file.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, Problem
from ..ids import slugify
from ..models import (
    Discipline,
    Framework,
    Grade,
    ImportSource,
    JobDescription,
    Role,
    Section,
    Skill,
    SkillLevel,
    SkillRequirement,
)
from ..yamlwrite import write_framework_yaml

__all__ = [
    "ATTRIBUTION",
    "FRAMEWORK_NAME",
    "GRADES",
    "GRADE_RULES",
    "SKILL_LEVELS",
    "FileCount",
    "GradeRule",
    "ImportReport",
    "Placement",
    "header_comment",
    "import_ddat",
    "place_level",
    "run_import",
    "write_framework_yaml",
]

FRAMEWORK_NAME = "DDaT Capability Framework"
SOURCE_URL = "ddat-capability-framework.service.gov.uk/download"
ATTRIBUTION = (
    "Contains public sector information licensed under the Open Government Licence v3.0. "
    "Crown copyright. Source: the UK Government Digital and Data Profession Capability Framework, "
    f"{SOURCE_URL}."
)
DESCRIPTION = (
    "The UK Government Digital and Data (DDaT) Profession Capability Framework: the job families (role "
    "families), roles and role levels of digital, data and technology jobs in government, and the skills "
    "each role level needs at one of four skill levels (awareness, working, practitioner, expert). Imported "
    "from the framework's official CSV download. DDaT itself has no grade scale: the grades here (entry, "
    "junior, mid-level, senior, lead, principal, head, chief) are derived by the importer from the words "
    "of each role-level name, to put the levels of each role in career order; three names are placed by hand "
    "(Chief data architect: principal; Major incident manager: senior; Operational control manager: mid-level)."
)

ROLE_COLUMNS = (
    "Role Family",
    "Role",
    "Role Description",
    "Role Level",
    "Role Level Description",
    "Skill Name",
    "Skill Description",
    "Skill Level",
    "Skill Level Description",
    "Role Type",
)
SKILL_COLUMNS = (
    "Skill Name",
    "Skill Description",
    "Awareness",
    "Working",
    "Practitioner",
    "Expert",
    "Roles that require Skill",
)

#: The skill-level scale, lowest first: (id, name as the CSV spells it).
SKILL_LEVELS: tuple[tuple[str, str], ...] = (
    ("awareness", "Awareness"),
    ("working", "Working"),
    ("practitioner", "Practitioner"),
    ("expert", "Expert"),
)
_LEVEL_IDS = {name: ident for ident, name in SKILL_LEVELS}
_LEVEL_RANK = {ident: rank for rank, (ident, _) in enumerate(SKILL_LEVELS, start=1)}

MISSING = "MISSING"  #: how the CSV marks an absent description
NOT_IN_USE = "NOT IN USE"  #: the role level (and skill level) of the four Chief roles
NOT_DEFINED = "This skill level is currently not defined."  #: a descriptor the framework has not written
MANAGEMENT_SUFFIX = " - management"
MANAGEMENT_BRANCH = "management"

#: The derived grade scale, lowest first. The descriptions say which role-level names land on each grade.
GRADES: tuple[Grade, ...] = (
    Grade(
        id="entry",
        name="Entry (apprentice, trainee)",
        description="Apprentice and trainee role levels; also an Associate level that sits below a Junior level "
        "of the same role, and the first of two analyst rungs below a manager role.",
    ),
    Grade(
        id="junior",
        name="Junior (junior, associate)",
        description="Junior and associate role levels, and the analyst rung below a manager role.",
    ),
    Grade(id="mid", name="Mid-level", description="The role level named after the role itself, with no prefix."),
    Grade(id="senior", name="Senior", description="Senior role levels."),
    Grade(id="lead", name="Lead", description="Lead role levels."),
    Grade(id="principal", name="Principal", description="Principal role levels."),
    Grade(id="head", name="Head", description="'Head of …' role levels."),
    Grade(
        id="chief",
        name="Chief",
        description="The Senior Civil Service Chief roles (Chief digital and data family), "
        "which DDaT gives no role levels.",
    ),
)
_GRADE_RANK = {grade.id: rank for rank, grade in enumerate(GRADES)}

#: First words of a role-level name that set its grade.
_PREFIX_GRADES = {
    "apprentice": "entry",
    "trainee": "entry",
    "junior": "junior",
    "associate": "junior",
    "senior": "senior",
    "lead": "lead",
    "principal": "principal",
}

#: Role levels whose names carry no usable keyword, or whose keyword misleads, placed by hand:
#: (role, role level) → (grade, why). Every entry is a decision about one real name of the source.
_OVERRIDES: dict[tuple[str, str], tuple[str, str]] = {
    ("Data architect", "Chief data architect"): (
        "principal",
        "'Chief' here names the top rung of the Data architect role in the Architecture family (above Senior data "
        "architect), not a Senior Civil Service Chief role; the other architect roles top out at Principal",
    ),
    ("Incident manager", "Major incident manager"): (
        "senior",
        "the rung above Incident manager: it manages significant outages and crises, and incident managers "
        "escalate to it",
    ),
    ("Command and control centre manager", "Operational control manager"): (
        "mid",
        "the manager rung of its role: accountable for day-to-day IT operations, above the (senior) operations "
        "analysts and below the Head of command and control",
    ),
}


@dataclass(frozen=True)
class Placement:
    """Where one role level sits on the grade scale, and the rule that put it there."""

    role: str  #: the DDaT role (our track)
    level: str  #: the role-level name as written in the framework (a Chief role's own name)
    grade: str
    branch: str | None
    rule: str  #: one of the rule ids of :data:`GRADE_RULES`
    reason: str  #: the decision in plain words

    def line(self) -> str:
        branch = f", branch {self.branch}" if self.branch else ""
        return f"{self.role} › {self.level} → {self.grade}{branch} [{self.rule}: {self.reason}]"


def _short_forms(role: str) -> set[str]:
    """Names a role's own level may go by: the role name, and ``X (Abbr) y`` shortened to ``Abbr y``."""
    forms = {role.lower()}
    match = re.fullmatch(r".*\((?P<abbr>[^)]+)\)(?P<rest>.*)", role)
    if match:
        forms.add((match["abbr"] + match["rest"]).strip().lower())
    return forms


def _names_role(rest: str, role: str) -> bool:
    """True when ``rest`` (a level name without its seniority word) is the role's own name.

    ``Developer`` names ``Software developer``: the role's last words, without its qualifier.
    """
    rest = rest.lower()
    return any(rest == form or form.endswith(" " + rest) for form in _short_forms(role))


@dataclass(frozen=True)
class _Level:
    """A role level to place: its role, its name and the names of the role's other levels."""

    role: str
    name: str
    siblings: Collection[str]

    @property
    def first(self) -> str:
        words = self.name.split()
        return words[0].lower() if words else ""

    @property
    def rest(self) -> str:
        """The name without its first word (``Senior developer`` → ``developer``)."""
        return self.name.split(maxsplit=1)[1] if " " in self.name.strip() else ""

    def at(self, grade: str, rule: str, reason: str, branch: str | None = None) -> Placement:
        return Placement(self.role, self.name, grade, branch, rule, reason)


@dataclass(frozen=True)
class GradeRule:
    """One rule of :data:`GRADE_RULES`: when it ``applies`` to a role level it decides, and ``place`` gives the
    level's grade — or None, refusing to guess (a name the rule cannot read is for a person to look at)."""

    id: str
    says: str  #: the rule in words
    applies: Callable[[_Level], bool]
    place: Callable[[_Level], Placement | None]


def _chief(level: _Level) -> Placement | None:
    if not level.role.startswith("Chief "):
        return None
    return Placement(level.role, level.role, "chief", None, "chief-role", "a Chief role with no role levels")


def _override(level: _Level) -> Placement:
    grade, why = _OVERRIDES[(level.role, level.name)]
    return level.at(grade, "override", why)


def _management(level: _Level) -> Placement | None:
    twin = level.name.removesuffix(MANAGEMENT_SUFFIX).strip()
    placed = place_level(level.role, twin, level.siblings)
    if placed is None:
        return None
    has_twin = "its twin" if twin in level.siblings else "no twin level in the source"
    reason = f"management branch of {twin!r} ({has_twin}); {placed.reason}"
    return level.at(placed.grade, f"management-branch+{placed.rule}", reason, MANAGEMENT_BRANCH)


def _analyst_rung(level: _Level) -> Placement:
    if level.first == "senior":
        return level.at("junior", "analyst-rung", "senior analyst rung below the manager")
    senior = [s for s in level.siblings if s.lower().startswith("senior ") and s.lower().endswith(" analyst")]
    if senior:
        return level.at("entry", "analyst-rung", f"analyst rung below {senior[0]!r}")
    return level.at("junior", "analyst-rung", "analyst rung below the manager")


def _associate_below_junior(level: _Level) -> Placement | None:
    if not _names_role(level.rest, level.role):
        return None
    return level.at("entry", "associate-below-junior", "Associate below a Junior level")


def _prefix(level: _Level) -> Placement | None:
    if not _names_role(level.rest, level.role):
        return None
    return level.at(_PREFIX_GRADES[level.first], "prefix", f"first word {level.name.split()[0]!r}")


#: The grade rules in the order they are tried; the first that applies decides.
GRADE_RULES: tuple[GradeRule, ...] = (
    GradeRule(
        "chief-role", "role level 'NOT IN USE' on a 'Chief …' role → one level named after the role, grade chief",
        lambda level: level.name == NOT_IN_USE, _chief,
    ),
    GradeRule(
        "override", "a named (role, role level) decided by hand, with its reason",
        lambda level: (level.role, level.name) in _OVERRIDES, _override,
    ),
    GradeRule(
        "management-branch", "'… - management' → branch 'management', graded by the rest of the name (its twin's)",
        lambda level: level.name.endswith(MANAGEMENT_SUFFIX), _management,
    ),
    GradeRule(
        "head-of", "'Head of …' → head",
        lambda level: level.name.lower().startswith("head of "),
        lambda level: level.at("head", "head-of", "'Head of …'"),
    ),
    GradeRule(
        "analyst-rung",
        "'… analyst' on a '… manager' role → junior, below the manager; where the role also has a "
        "'Senior … analyst', that is junior and the plain analyst is entry",
        lambda level: level.role.lower().endswith(" manager") and level.name.lower().endswith(" analyst"),
        _analyst_rung,
    ),
    GradeRule(
        "associate-below-junior",
        "'Associate …' on a role that also has a 'Junior …' level → entry (those Associate levels describe "
        "themselves as 'a trainee in an entry-level position')",
        lambda level: level.first == "associate" and any(s.lower().startswith("junior ") for s in level.siblings),
        _associate_below_junior,
    ),
    GradeRule(
        "prefix", "first word apprentice/trainee → entry, junior/associate → junior, senior, lead, principal",
        lambda level: level.first in _PREFIX_GRADES, _prefix,
    ),
    GradeRule(
        "suffix-lead", "'… lead' (e.g. 'Data ethics lead') → lead",
        lambda level: len(level.name.split()) > 1 and level.name.split()[-1].lower() == "lead",
        lambda level: level.at("lead", "suffix-lead", "last word 'lead'"),
    ),
    GradeRule(
        "plain", "the role's own name (or its short form, e.g. 'Developer', 'DevOps engineer') → mid",
        lambda level: _names_role(level.name, level.role),
        lambda level: level.at("mid", "plain", "the role's own name"),
    ),
)  # fmt: skip


def place_level(role: str, level: str, siblings: Collection[str] = ()) -> Placement | None:
    """Place the role level ``level`` of ``role`` on the grade scale by :data:`GRADE_RULES`.

    ``siblings`` are the names of the role's other levels: two rules look at them (an analyst rung under
    a senior analyst, an Associate level under a Junior level). Returns ``None`` when no rule places it;
    the caller must treat that as an error, so that a new name in a future download is looked at by a
    person rather than guessed.

    >>> place_level("Software developer", "Senior developer").grade
    'senior'
    >>> print(place_level("Delivery manager", "Delivery manager - management").line())
    Delivery manager › Delivery manager - management → mid, branch management [management-branch+plain: ...]
    >>> place_level("Software developer", "Wizard") is None
    True
    """
    found = _Level(role, level, tuple(siblings))
    rule = next((rule for rule in GRADE_RULES if rule.applies(found)), None)
    return rule.place(found) if rule else None


# --------------------------------------------------------------------------- the report


@dataclass
class FileCount:
    """What happened to the rows of one CSV file: ``read == kept + merged + sum(skipped)``."""

    name: str
    read: int = 0
    merged: int = 0  #: exact repeats of an earlier row, merged into it
    kept: int = 0  #: rows that became part of the framework (a skill, or a skill requirement)
    skipped: Counter[str] = field(default_factory=Counter)  #: reason → rows

    @property
    def accounted(self) -> bool:
        return self.read == self.kept + self.merged + sum(self.skipped.values())

    def lines(self) -> list[str]:
        out = [f"{self.name}: {self.read} rows read, {self.merged} exact duplicates merged, {self.kept} kept"]
        out += [f"  skipped {count}: {reason}" for reason, count in sorted(self.skipped.items())]
        if not self.accounted:
            out.append(f"  NOT ACCOUNTED FOR: {self.read - self.kept - self.merged - sum(self.skipped.values())}")
        return out


@dataclass
class ImportReport:
    """An account of every row of both files, and of every decision the import made on purpose."""

    roles_file: FileCount
    skills_file: FileCount
    placements: list[Placement] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def note(self, text: str) -> None:
        self.notes.append(text)

    def lines(self, *, verbose: bool = False) -> list[str]:
        """The human summary; ``verbose`` adds every grade placement, one line each."""
        out = ["DDaT import:"]
        out += self.roles_file.lines() + self.skills_file.lines()
        out.append(", ".join(f"{count} {what}" for what, count in self.counts.items()))
        rules = Counter(p.rule for p in self.placements)
        out.append("grades of role levels, by rule: " + ", ".join(f"{r} {n}" for r, n in sorted(rules.items())))
        grades = Counter(p.grade for p in self.placements)
        out.append("role levels per grade: " + ", ".join(f"{g.id} {grades[g.id]}" for g in GRADES))
        special = [p for p in self.placements if p.rule not in ("prefix", "plain", "head-of")]
        shown = self.placements if verbose else special
        out.append("every placement:" if verbose else "role levels placed by special rules:")
        out += [f"  {p.line()}" for p in shown]
        out.append("notes:")
        out += [f"  {text}" for text in self.notes]
        return out


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class _Row:
    line: int  #: 1-based line the row starts on
    raw: tuple[str, ...]
    cells: dict[str, str]  #: column → value, surrounding whitespace removed
    trimmed: tuple[tuple[str, str], ...] = ()  #: (column, value as read) for cells that had surrounding spaces


def _read_rows(path: Path, columns: tuple[str, ...], count: FileCount) -> Iterator[_Row]:
    """Read ``path`` as CSV; fail with a located problem when a column is missing."""
    name = path.name
    try:
        handle = open(path, newline="", encoding="utf-8-sig")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise InputError.single(f"cannot read the file: {exc.strerror}", file=str(path), code="unreadable") from exc
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            raise InputError.single("the file is empty", file=str(path), code="ddat-empty") from None
        except (csv.Error, UnicodeDecodeError) as exc:
            raise InputError.single(f"not a readable CSV file: {exc}", file=str(path), code="ddat-csv") from None
        header = [h.strip() for h in header]
        absent = [c for c in columns if c not in header]
        if absent:
            raise InputError.single(
                f"{name} lacks the column(s) {', '.join(map(repr, absent))}; found {', '.join(map(repr, header))}",
                file=str(path),
                line=1,
                code="ddat-columns",
            )
        index = {c: header.index(c) for c in columns}
        line = reader.line_num + 1
        while True:
            try:
                raw = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as exc:
                raise InputError.single(f"not a readable CSV row: {exc}", file=str(path), line=line) from None
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in raw):
                continue  # a blank line is not a row
            count.read += 1
            if len(raw) != len(header):
                count.skipped[f"malformed: {len(raw)} cells where the header has {len(header)}"] += 1
                continue
            cells = {c: raw[i].strip() for c, i in index.items()}
            trimmed = tuple((c, raw[i]) for c, i in index.items() if raw[i] != cells[c])
            yield _Row(start, tuple(raw), cells, trimmed)


def _deduplicated(rows: Iterator[_Row], count: FileCount) -> list[_Row]:
    """Merge exact repeats of a row (every cell identical, as read) into the first."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for row in rows:
        if row.raw in seen:
            count.merged += 1
            continue
        seen.add(row.raw)
        out.append(row)
    return out


def _text(value: str) -> str | None:
    """A description as the framework means it: ``MISSING`` and blank cells mean "none"."""
    return None if value in ("", MISSING) else value


def _descriptor(value: str) -> str | None:
    """A skill-level descriptor: "currently not defined" and blank cells mean "none" (null)."""
    return None if value in ("", NOT_DEFINED, MISSING) else value


# --------------------------------------------------------------------------- building


@dataclass
class _SkillData:
    name: str
    description: str | None
    levels: dict[str, str | None]
    line: int
    from_roles_csv: bool = False
    listed_for: set[str] = field(default_factory=set)  #: roles named by skills.csv's 'Roles that require Skill'
    linked: set[str] = field(default_factory=set)  #: roles whose roles.csv rows list the skill (at any level)
    not_in_use_for: list[str] = field(default_factory=list)  #: roles that list it only at 'NOT IN USE'


@dataclass
class _LevelData:
    name: str
    description: str
    role_type: str
    first: int  #: order of first appearance in roles.csv
    line: int
    requirements: dict[str, tuple[str, int]] = field(default_factory=dict)  #: skill name → (level id, line)


@dataclass
class _RoleData:
    name: str
    family: str
    description: str
    line: int
    levels: dict[str, _LevelData] = field(default_factory=dict)


def _read_skills(path: Path, report: ImportReport) -> dict[str, _SkillData]:
    count = report.skills_file
    skills: dict[str, _SkillData] = {}
    blank_descriptions: list[str] = []
    not_defined = Counter[str]()
    blank_descriptors: list[str] = []
    for row in _deduplicated(_read_rows(path, SKILL_COLUMNS, count), count):
        name = row.cells["Skill Name"]
        if not name:
            count.skipped["blank Skill Name"] += 1
            continue
        if name in skills:
            count.skipped["repeats an earlier skill's name with different text (the first row is kept)"] += 1
            report.note(
                f"skills.csv line {row.line}: skill {name!r} again with different text; kept line {skills[name].line}"
            )
            continue
        levels = {}
        for ident, column in SKILL_LEVELS:
            value = row.cells[column]
            if value == NOT_DEFINED:
                not_defined[ident] += 1
            levels[ident] = _descriptor(value)
        if all(row.cells[column] == "" for _, column in SKILL_LEVELS):
            blank_descriptors.append(name)
        if _text(row.cells["Skill Description"]) is None:
            blank_descriptions.append(name)
        listed_for = {r.strip() for r in row.cells["Roles that require Skill"].split(",") if r.strip()}
        skills[name] = _SkillData(name, _text(row.cells["Skill Description"]), levels, row.line, listed_for=listed_for)
        count.kept += 1
    if not_defined:
        per_level = ", ".join(f"{ident} {not_defined[ident]}" for ident, _ in SKILL_LEVELS if not_defined[ident])
        report.note(
            f"{sum(not_defined.values())} descriptors read {NOT_DEFINED!r} ({per_level}): written as null, "
            "so the level is on the scale but has no text"
        )
    if blank_descriptors:
        report.note(
            f"{len(blank_descriptors)} skills have all four descriptor cells blank in skills.csv; their levels "
            f"are null: {', '.join(blank_descriptors)}"
        )
    if blank_descriptions:
        report.note(f"{len(blank_descriptions)} skills have a blank description in skills.csv: description omitted")
    return skills


_NAME_COLUMNS = ("Role Family", "Role", "Role Level", "Skill Name", "Skill Level")


def _read_roles(path: Path, skills: dict[str, _SkillData], report: ImportReport) -> dict[str, _RoleData]:
    count = report.roles_file
    rows = _deduplicated(_read_rows(path, ROLE_COLUMNS, count), count)
    roles: dict[str, _RoleData] = {}
    trimmed: Counter[str] = Counter()
    missing_skill_descriptions = 0
    descriptor_differences: list[str] = []
    description_differences: set[str] = set()
    for row in rows:
        cells = row.cells
        for column, value in row.trimmed:
            if column in _NAME_COLUMNS:
                trimmed[f"{column} {value!r}"] += 1
        blank = [c for c in _NAME_COLUMNS if not cells[c]]
        if blank:
            count.skipped[f"blank {blank[0]}"] += 1
            continue
        role = roles.get(cells["Role"])
        if role is None:
            role = roles[cells["Role"]] = _RoleData(
                cells["Role"], cells["Role Family"], cells["Role Description"], row.line
            )
        elif role.family != cells["Role Family"] or role.description != cells["Role Description"]:
            report.note(
                f"roles.csv line {row.line}: role {role.name!r} has a different family or description than on "
                f"line {role.line}; kept line {role.line}'s"
            )
        level = role.levels.get(cells["Role Level"])
        if level is None:
            level = role.levels[cells["Role Level"]] = _LevelData(
                cells["Role Level"], cells["Role Level Description"], cells["Role Type"], len(role.levels), row.line
            )
        elif level.description != cells["Role Level Description"]:
            report.note(
                f"roles.csv line {row.line}: role level {level.name!r} has a different description than on "
                f"line {level.line}; kept line {level.line}'s"
            )

        # The skill: skills.csv is the catalogue; roles.csv repeats its text, and fills in only what it lacks.
        skill_name, level_text = cells["Skill Name"], cells["Skill Level"]
        skill = skills.get(skill_name)
        if skill is None:
            skill = skills[skill_name] = _SkillData(
                skill_name, _text(cells["Skill Description"]), {}, row.line, from_roles_csv=True
            )
            report.note(f"roles.csv line {row.line}: skill {skill_name!r} is not in skills.csv; built from roles.csv")
        skill.linked.add(role.name)
        if level_text == NOT_IN_USE:
            count.skipped[f"Skill Level is {NOT_IN_USE!r} (no level to require; the row still defines its role)"] += 1
            if role.name not in skill.not_in_use_for:
                skill.not_in_use_for.append(role.name)
            continue
        level_id = _LEVEL_IDS.get(level_text)
        if level_id is None:
            count.skipped[f"unknown Skill Level {level_text!r}"] += 1
            continue
        if cells["Skill Description"] == MISSING:
            missing_skill_descriptions += 1
        row_description = _text(cells["Skill Description"])
        if row_description and skill.description is None:
            skill.description = row_description
            report.note(f"skill {skill_name!r}: description taken from roles.csv line {row.line} (skills.csv has none)")
        elif row_description and row_description != skill.description:
            description_differences.add(skill_name)
        row_descriptor = _descriptor(cells["Skill Level Description"])
        if skill.from_roles_csv and level_id not in skill.levels:
            skill.levels[level_id] = row_descriptor
        elif skill.levels.get(level_id) != row_descriptor:
            descriptor_differences.append(f"{skill_name} @ {level_id} (line {row.line})")

        # The requirement: one per (role level, skill); a repeat at another level keeps the higher level.
        earlier = level.requirements.get(skill_name)
        if earlier is None:
            level.requirements[skill_name] = (level_id, row.line)
            count.kept += 1
        elif earlier[0] == level_id:
            count.skipped[
                "repeats a requirement already kept (same role level, skill and level; other text differs)"
            ] += 1
        else:
            high, low = sorted([earlier, (level_id, row.line)], key=lambda r: _LEVEL_RANK[r[0]], reverse=True)
            level.requirements[skill_name] = high
            count.skipped["the same skill again at a lower level for the same role level (the higher is kept)"] += 1
            report.note(
                f"{role.name} › {level.name}: {skill_name!r} listed at {earlier[0]} (line {earlier[1]}) and "
                f"{level_id} (line {row.line}); kept {high[0]}, dropped {low[0]}"
            )
    if count.merged:
        report.note(
            f"{count.merged} exact duplicate rows of roles.csv merged into the first copy (every cell identical)"
        )
    for what, rows_trimmed in sorted(trimmed.items()):
        report.note(f"trimmed surrounding spaces from {what} on {rows_trimmed} rows")
    if missing_skill_descriptions:
        report.note(
            f"{missing_skill_descriptions} roles.csv rows read {MISSING!r} as the Skill Description; skills.csv is "
            "the source of skill descriptions (and has none for those skills either)"
        )
    if description_differences:
        report.note(
            f"{len(description_differences)} skills are described differently in roles.csv than in skills.csv; "
            f"the skills.csv text is kept: {', '.join(sorted(description_differences))}"
        )
    if descriptor_differences:
        report.note(
            f"{len(descriptor_differences)} roles.csv rows give a skill-level descriptor that differs from skills.csv; "
            f"the skills.csv text is kept: {'; '.join(descriptor_differences[:10])}"
            + (" …" if len(descriptor_differences) > 10 else "")
        )
    else:
        report.note("every skill-level descriptor repeated in roles.csv matches skills.csv")
    return roles


def _required_by_differences(skills: dict[str, _SkillData]) -> list[str]:
    """Where skills.csv's informational 'Roles that require Skill' column disagrees with roles.csv's rows."""
    differ = []
    for skill in skills.values():
        if skill.from_roles_csv or skill.listed_for == skill.linked:
            continue
        bits = []
        if only_skills_csv := sorted(skill.listed_for - skill.linked):
            bits.append(f"only skills.csv names {', '.join(only_skills_csv)}")
        if only_roles_csv := sorted(skill.linked - skill.listed_for):
            bits.append(f"only roles.csv lists it for {', '.join(only_roles_csv)}")
        differ.append(f"{skill.name} ({'; '.join(bits)})")
    return differ


def _paragraphs(text: str) -> list[str]:
    """Split a description at its blank lines, keeping each paragraph (and its list lines) word for word."""
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def import_ddat(roles_csv: Path, skills_csv: Path) -> tuple[Framework, ImportReport]:
    """Build the DDaT framework from the two official CSV files, and account for every row.

    Raises :class:`~framework.errors.FrameworkError` when a file cannot be read, lacks a column, or holds a
    role level that no grade rule places — each problem located by file and line.
    """
    roles_csv, skills_csv = Path(roles_csv), Path(skills_csv)
    report = ImportReport(FileCount(roles_csv.name), FileCount(skills_csv.name))
    skills = _read_skills(skills_csv, report)
    roles = _read_roles(roles_csv, skills, report)

    problems: list[Problem] = []
    placed: dict[tuple[str, str], Placement] = {}
    for role in roles.values():
        for level in role.levels.values():
            placement = place_level(role.name, level.name, [n for n in role.levels if n != level.name])
            if placement is None:
                problems.append(
                    Problem(
                        f"role level {level.name!r} of role {role.name!r} matches no grade rule; add a rule or an "
                        "override in framework/importers/ddat.py",
                        file=str(roles_csv),
                        line=level.line,
                        code="ddat-unplaced-level",
                    )
                )
                continue
            placed[(role.name, level.name)] = placement
    if problems:
        raise InputError(problems, summary=f"{len(problems)} DDaT role levels have no grade")

    chief_roles = [p.role for p in placed.values() if p.rule == "chief-role"]
    if chief_roles:
        report.note(
            f"{len(chief_roles)} Chief roles have the role level {NOT_IN_USE!r} and Role Type 'Senior Civil "
            f"Service': each became a single role level named after the role, at grade chief, described by the "
            f"role description, with no skill requirements (their skill rows say {NOT_IN_USE!r} too): "
            + ", ".join(chief_roles)
        )

    # Ids: slugs of the names; a role-level slug used twice is prefixed with its track, for every holder.
    discipline_ids = _unique_ids({r.family for r in roles.values()}, "role family", problems)
    track_ids = _unique_ids(set(roles), "role", problems)
    skill_ids = _unique_ids(set(skills), "skill", problems)
    level_slugs = Counter(slugify(p.level) for p in placed.values())
    if problems:
        raise InputError(problems, summary="DDaT names give clashing ids")

    framework_roles: list[Role] = []
    missing_descriptions: list[str] = []
    for role in roles.values():
        track = track_ids[role.name]
        levels = sorted(
            role.levels.values(),
            key=lambda lv: (
                _GRADE_RANK[placed[(role.name, lv.name)].grade],
                placed[(role.name, lv.name)].branch is not None,
                lv.first,
            ),
        )
        for level in levels:
            placement = placed[(role.name, level.name)]
            report.placements.append(placement)
            slug = slugify(placement.level)
            role_id = slug if level_slugs[slug] == 1 else f"{track}-{slug}"
            if role_id != slug:
                report.note(f"role level {placement.level!r} shares the id {slug!r} with another; id {role_id!r}")
            is_chief = placement.rule == "chief-role"
            description = _text(role.description) if is_chief else _text(level.description)
            if description is None:
                missing_descriptions.append(placement.level)
            role_description = _text(role.description)
            job_description = None
            if role_description and not is_chief:
                section = Section(kind="purpose", heading=role.name, paragraphs=_paragraphs(role_description))
                job_description = JobDescription(sections=[section])
            detail = f"{role.family} › {role.name} › {level.name}"
            if level.role_type:
                detail += f" (Role Type: {level.role_type})"
            framework_roles.append(
                Role(
                    id=role_id,
                    title=placement.level,
                    discipline=discipline_ids[role.family],
                    grade=placement.grade,
                    track=track,
                    branch=placement.branch,
                    description=description,
                    source=ImportSource(framework=FRAMEWORK_NAME, detail=detail),
                    job_description=job_description,
                    skills=[
                        SkillRequirement(skill=skill_ids[name], level=level_id, source=f"DDaT: {placement.level}")
                        for name, (level_id, _line) in level.requirements.items()
                    ],
                )
            )
    if missing_descriptions:
        report.note(
            f"{len(missing_descriptions)} role levels have a {MISSING!r} or blank description: description omitted: "
            + ", ".join(missing_descriptions)
        )
    report.note(
        "each role level keeps its own description as its description; the role's description (shared by all "
        "its levels) is kept as the 'purpose' section of each level's job description, headed by the role name"
    )
    required = {name for r in roles.values() for lv in r.levels.values() for name in lv.requirements}
    unrequired = [s for s in skills.values() if s.name not in required]
    if unrequired:
        report.note(
            f"{len(unrequired)} skills are required by no role level (kept in the catalogue; the loader warns about "
            "each): "
            + "; ".join(
                s.name
                + (f" (listed only by {', '.join(s.not_in_use_for)} at {NOT_IN_USE!r})" if s.not_in_use_for else "")
                for s in unrequired
            )
        )
    differ = _required_by_differences(skills)
    if differ:
        report.note(
            f"skills.csv's 'Roles that require Skill' column is informational; requirements come from roles.csv, "
            f"and the two disagree for {len(differ)} skills: " + "; ".join(differ)
        )

    framework = Framework(
        id="ddat",
        name="UK Government Digital and Data (DDaT) Capability Framework",
        description=DESCRIPTION,
        attribution=ATTRIBUTION,
        grades=list(GRADES),
        disciplines=[Discipline(id=discipline_ids[f], name=f) for f in dict.fromkeys(r.family for r in roles.values())],
        skill_levels=[SkillLevel(id=ident, name=name) for ident, name in SKILL_LEVELS],
        skills=[
            Skill(
                id=skill_ids[s.name],
                name=s.name,
                description=s.description,
                levels={ident: s.levels.get(ident) for ident, _ in SKILL_LEVELS if ident in s.levels},
                source=_skill_source(s, required),
            )
            for s in skills.values()
        ],
        roles=framework_roles,
    )
    report.counts = {
        "disciplines": len(framework.disciplines),
        "tracks": len(roles),
        "role levels": len(framework.roles),
        "skills": len(framework.skills),
        "skill requirements": sum(len(r.skills) for r in framework.roles),
    }
    return framework, report


def _skill_source(skill: _SkillData, required: set[str]) -> str:
    """Where a skill comes from; for a skill no role level requires, which roles list it without a level."""
    source = FRAMEWORK_NAME + (" (roles.csv; not in skills.csv)" if skill.from_roles_csv else "")
    if skill.name not in required and skill.not_in_use_for:
        roles = ", ".join(skill.not_in_use_for)
        source += f"; listed for {roles} with the skill level {NOT_IN_USE!r}"
    return source


def _unique_ids(names: set[str], kind: str, problems: list[Problem]) -> dict[str, str]:
    """Slug every name; two names with one slug (or a name with none) is a problem, not a silent merge."""
    ids: dict[str, str] = {}
    holders: dict[str, str] = {}
    for name in sorted(names):
        slug = slugify(name)
        if not slug:
            problems.append(Problem(f"the {kind} {name!r} gives an empty id", code="ddat-id"))
        elif slug in holders:
            problems.append(
                Problem(f"the {kind}s {holders[slug]!r} and {name!r} share the id {slug!r}", code="ddat-id")
            )
        holders.setdefault(slug, name)
        ids[name] = slug
    return ids


# --------------------------------------------------------------------------- writing


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def header_comment(roles_csv: Path, skills_csv: Path) -> list[str]:
    """The comment lines at the top of the generated file: what it is, where from, how to remake it.

    The inputs are named by file name and SHA-256 (never an absolute path or a date), so the file is the
    same on every machine and every re-run.
    """
    roles_csv, skills_csv = Path(roles_csv), Path(skills_csv)
    return [
        "The UK Government Digital and Data (DDaT) Capability Framework, generated by framework/importers/ddat.py —",
        "do not edit by hand; re-run:",
        "python -m framework import ddat --roles ROLES.csv --skills SKILLS.csv -o data/ddat.yaml",
        f"from {roles_csv.name} (sha256 {_sha256(roles_csv)})",
        f"and {skills_csv.name} (sha256 {_sha256(skills_csv)}).",
        ATTRIBUTION,
    ]


def run_import(roles: Path, skills: Path, out: Path) -> ImportReport:
    """Import the two CSV files and write the framework to ``out`` as YAML; returns the report."""
    framework, report = import_ddat(roles, skills)
    write_framework_yaml(framework, out, header_comment=header_comment(roles, skills))
    return report
