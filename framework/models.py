"""The data model of a career framework (pydantic v2).

A framework holds an ordered **grade** scale, **disciplines** (job families) with optional **tracks** and
**branches**, an ordered **skill level** scale, **skills** with a descriptor per level, **areas** (themes,
topics, competencies) and **roles**. Lists are ordered: the order of ``grades`` is the career order, the order
of ``skill_levels`` is the proficiency order, and the order of every text list inside a job description is the
order of the document it came from.

Requirements come in two shapes, and a framework may use either or both: **skills on a proficiency scale**
(``roles[].skills``: skill X at level Y, each level with a descriptor — DDaT, SFIA) and **expectations per
level** (``roles[].expectations``: criteria grouped by area, with examples — FT, Monzo, a person
specification). A role's person-specification criteria count as its expectations too, read from its job
description (:mod:`framework.expectations`), so they are written once.

Ids are text; a YAML number where an id belongs (``grade: 3``, ``levels: {1: …}``) is read as that text
(``"3"``), since many scales are numbered. Only whole numbers: ``1.5`` or ``yes`` is still an error.

Models are frozen: a loaded framework is shared by every page and every session and must never change
under them. Unknown fields are rejected, so a typo in a field name is an error, not silently ignored data.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Annotated, Literal, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

__all__ = [
    "MARKERS",
    "MAX_BUDGET_GBP",
    "MAX_LINE",
    "MAX_SALARY_GBP",
    "MAX_STAFF",
    "SCHEMA_VERSION",
    "Area",
    "AreaLevel",
    "Benchmark",
    "Branch",
    "Budget",
    "Criteria",
    "CriteriaGroup",
    "Discipline",
    "DocumentSource",
    "Expectation",
    "Framework",
    "Grade",
    "Group",
    "ImportSource",
    "JobDescription",
    "Link",
    "ManagementSpan",
    "Move",
    "PayRange",
    "PersonSpecification",
    "Reference",
    "ReferencedSource",
    "ReportingLine",
    "Resource",
    "Role",
    "SalaryRange",
    "Section",
    "Skill",
    "SkillLevel",
    "SkillRequirement",
    "Track",
    "labelled_value",
]

SCHEMA_VERSION = 1
_T = TypeVar("_T")

_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
_ID_DESCRIPTION = "A stable, human-readable id: letters, digits, '-', '_' or '.' (a whole number is read as text)."


def _number_as_text(value: object) -> object:
    """A whole number where an id belongs (``grade: 3``) is that id as text; yes/no values are not numbers."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


#: Ids are stable, human-readable and safe in a URL: ``delivery-manager``, ``PO4``, ``agile-and-lean-practices``,
#: or a number such as ``3`` (numbered grades and levels), which is read as the text ``"3"``.
Id = Annotated[
    str,
    BeforeValidator(_number_as_text),
    StringConstraints(pattern=_ID_PATTERN, min_length=1, max_length=120),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": _ID_PATTERN, "minLength": 1, "maxLength": 120},
                {"type": "integer", "minimum": 0},
            ],
            "description": _ID_DESCRIPTION,
        }
    ),
]
#: A web address people can follow: http or https only, so a link can never run script in a page.
Url = Annotated[
    str,
    StringConstraints(pattern=r"^https?://[^\s]+$", max_length=2000),
    Field(description="A web address starting with http:// or https://."),
]
#: The most characters a :data:`Line` may hold.
MAX_LINE = 5000
#: One line of text: never empty, never absurdly long.
Line = Annotated[str, StringConstraints(min_length=1, max_length=MAX_LINE)]
#: A longer text (descriptions): may hold several paragraphs.
Text = Annotated[str, StringConstraints(min_length=1, max_length=50000)]

# Bounds of the numbers a role states. Each is far above any real post, so only an absurd value (hostile, or
# a slip such as a pasted reference number) meets it, and each stays well below 2**53, the largest integer
# that JSON readers, JavaScript (the charts) and spreadsheets hold exactly.
#: Staff a role manages, directly or indirectly.
MAX_STAFF = 1_000_000
#: A salary, in pounds a year.
MAX_SALARY_GBP = 10**9
#: A budget, in pounds: ten trillion, several times the UK's whole public spending, since a senior post can
#: name a budget in the billions.
MAX_BUDGET_GBP = 10**13


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------- expectations


#: The markers an expectation may carry, as person specifications use them.
MARKERS = ("essential", "desirable")


class Link(_Model):
    """A web page: one that helps understand an expectation, or one a line of a job description links to."""

    title: Line | None = None
    url: Url


class Expectation(_Model):
    """One thing a role expects, word for word as the framework states it, in an area (or in none, for a ladder
    whose levels are described without areas).

    Its ``id`` is stable and human-readable; where the file writes none it is derived from the area, the
    marker and the expectation's place among the role's expectations of that area and marker:
    ``communication-1``, ``knowledge-essential-2`` (see :func:`framework.expectations.expectation_id`).
    ``cumulative`` says the role's level builds on the level below: the role also expects what the rung below
    it on its ladder expects (the rules are in :mod:`framework.expectations`).
    """

    id: Id | None = Field(None, description="Stable id within the role; derived from area and position if absent.")
    text: Text = Field(description="The expectation, word for word.")
    area: Id | None = Field(None, description="The id of one of the framework's areas; none in a ladder without areas.")
    examples: list[Text] = Field(default_factory=list, description="Examples of meeting it, word for word.")
    links: list[Link] = Field(default_factory=list, description="Pages that help understand it.")
    level: Id | None = Field(
        None, description="A level of the area, or (when the area has no levels) a skill level: the proficiency."
    )
    marker: Literal["essential", "desirable"] | None = None
    cumulative: bool | None = Field(None, description="True: builds on the level below (includes what it expects).")
    source: Line | None = Field(None, description="Where it comes from, in words a person understands.")


# --------------------------------------------------------------------------- scales and vocabularies


class PayRange(_Model):
    """The pay of a grade, as the organisation publishes it."""

    min: int = Field(ge=0, le=MAX_SALARY_GBP, description="The lowest pay of the grade, a year.")
    max: int = Field(ge=0, le=MAX_SALARY_GBP, description="The highest pay of the grade, a year.")
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = Field(
        description="The ISO 4217 code of the currency, e.g. GBP, EUR, USD."
    )
    note: Line | None = Field(None, description="What the range covers, e.g. 'London weighting included'.")
    spine_points: list[Annotated[int, Field(ge=0, le=1000)]] = Field(
        default_factory=list,
        description="The pay spine points of the grade, lowest first, where the organisation uses a pay spine "
        "(e.g. the NJC spine's 38, 39, 40, 41).",
    )
    progression: Line | None = Field(
        None,
        description="How pay moves within the grade, as the organisation states it, e.g. 'one spine point each "
        "April until the top of the grade'.",
    )

    @model_validator(mode="after")
    def _ordered(self) -> PayRange:
        if self.max < self.min:
            raise ValueError("max is below min")
        return self


class Grade(_Model):
    """One rung of the organisation's grade scale (``PO4``, ``Head``, or a DDaT level such as ``senior``)."""

    id: Id
    name: Line | None = Field(None, description="Display name; the id when absent.")
    description: Text | None = None
    pay: PayRange | None = Field(None, description="The grade's pay range, where the organisation states one.")

    @property
    def label(self) -> str:
        return self.name or self.id


class Discipline(_Model):
    """A job family: Delivery, Product, Technology, or a DDaT role family.

    ``expectations`` are expected at every level of the family (a row of a spreadsheet that applies to all
    levels): written once here, every role of the discipline has them among its own.
    """

    id: Id
    name: Line
    description: Text | None = None
    legacy: bool | None = Field(None, description="True for a family its source marks as no longer in use.")
    expectations: list[Expectation] = Field(
        default_factory=list, description="Expected at every level of the discipline: each of its roles has them."
    )


class Track(_Model):
    """A ladder within a discipline (a DDaT role, a Monzo framework such as Backend), with its display name.

    Listing tracks is optional: roles may name a track that is not listed (its id is then its name). Once a
    file lists any, every role's track must be one of them.
    """

    id: Id
    name: Line
    discipline: Id | None = Field(None, description="The discipline the track belongs to, if it belongs to one.")
    description: Text | None = None
    expectations: list[Expectation] = Field(
        default_factory=list, description="Expected at every level of the track: each of its roles has them."
    )


class Branch(_Model):
    """A parallel branch of the ladders (e.g. people manager beside individual contributor), with its name.

    Optional, like tracks: once a file lists any branches, every role's branch must be one of them.
    """

    id: Id
    name: Line
    description: Text | None = None


class SkillLevel(_Model):
    """One step of the ordered skill-level scale (DDaT: awareness, working, practitioner, expert)."""

    id: Id
    name: Line
    description: Text | None = None


class Resource(_Model):
    """Something to read, watch or do to develop in an area or a skill level: a course, a guide, a talk."""

    title: Line
    link: Url | None = Field(None, description="Where to find it, if it is online.")
    kind: Line | None = Field(None, description="What it is, in a word: course, guide, book, talk, …")


class Skill(_Model):
    """A skill (or competency, or topic) with a descriptor for each level of the scale.

    Resources sit beside the descriptors rather than inside them, so ``levels`` keeps its plain form (level id
    → text or null) and every file and reader of it stays as it was: ``resources`` are for the skill as a
    whole, ``level_resources`` for one level (level id → resources).
    """

    id: Id
    name: Line
    description: Text | None = None
    category: Line | None = Field(None, description="A theme or group the skill belongs to, if any.")
    levels: dict[Id, Text | None] = Field(
        default_factory=dict,
        description="Descriptor per skill-level id, in scale order; null where the source defines none.",
    )
    source: Line | None = Field(None, description="Where the skill and its descriptors come from.")
    resources: list[Resource] = Field(default_factory=list, description="Ways to develop the skill as a whole.")
    level_resources: dict[Id, list[Resource]] = Field(
        default_factory=dict, description="Ways to develop the skill at one level: skill-level id → resources."
    )


class AreaLevel(_Model):
    """A named level of one area (e.g. an axis whose levels are 'Adopts', 'Specialises', …)."""

    id: Id
    name: Line
    description: Text | None = None
    resources: list[Resource] = Field(default_factory=list)


class Area(_Model):
    """What expectations are grouped by: a theme (FT), a topic (Monzo), an axis or a competency.

    An area may have its own named levels, lowest first; an expectation's ``level`` then names one of them.
    An area may sit inside another (``parent``): a competency inside its cluster.
    """

    id: Id
    name: Line
    description: Text | None = None
    kind: Line | None = Field(None, description="What the source calls it: theme, topic, axis, competency, …")
    parent: Id | None = Field(None, description="The area this one sits inside (a competency's cluster), if any.")
    levels: list[AreaLevel] = Field(default_factory=list, description="The area's own levels, lowest first.")
    resources: list[Resource] = Field(default_factory=list, description="Ways to develop in the area.")
    source: Line | None = Field(None, description="Where the area comes from.")


# --------------------------------------------------------------------------- job-description content


class Group(_Model):
    """Items under one sub-heading (``Strategic``, ``Service delivery``, …) of a section."""

    heading: Line | None = None
    items: list[Line] = Field(default_factory=list)


class Section(_Model):
    """A section of a job description, its lines kept word for word and in document order.

    The order is: ``paragraphs``, then ``lead_in`` (the sentence that introduces the items), ``items``,
    ``groups`` (items under sub-headings), and ``notes`` (lines that follow the items).
    """

    kind: Literal["purpose", "duties", "outcomes", "competencies", "benefits", "salary", "applying", "other"] = "other"
    heading: Line | None = None
    paragraphs: list[Line] = Field(default_factory=list)
    lead_in: Line | None = None
    items: list[Line] = Field(default_factory=list)
    groups: list[Group] = Field(default_factory=list)
    notes: list[Line] = Field(default_factory=list)

    def lines(self) -> list[str]:
        out = [self.heading] if self.heading else []
        out += self.paragraphs
        if self.lead_in:
            out.append(self.lead_in)
        out += self.items
        for group in self.groups:
            if group.heading:
                out.append(group.heading)
            out += group.items
        out += self.notes
        return out


class CriteriaGroup(_Model):
    """Criteria under one marker as written (``Essential``, ``Desirable``), or before any marker."""

    marker: Line | None = Field(None, description="The marker as written, e.g. 'Essential'; null if none.")
    items: list[Line] = Field(default_factory=list)


class Criteria(_Model):
    """One heading of the person specification (Knowledge, Skills and Abilities, Experience, a competency, …).

    In document order: the ``cluster`` heading it sits under (written once, above its first heading), the
    heading, its ``paragraphs`` (what the competency means), the criteria under each marker, then ``notes``
    (lines after them, such as how a criterion is assessed).
    """

    heading: Line | None = Field(
        None, description="Its heading; null for criteria listed straight under the person specification's heading."
    )
    cluster: Line | None = Field(None, description="The heading it sits under (a competency cluster), if any.")
    paragraphs: list[Line] = Field(default_factory=list, description="Lines under the heading, before criteria.")
    groups: list[CriteriaGroup] = Field(default_factory=list)
    notes: list[Line] = Field(default_factory=list, description="Lines after the criteria, as written.")

    def _marked(self, word: str | None) -> list[str]:
        return [
            item
            for group in self.groups
            if (group.marker is None if word is None else (group.marker or "").lower().startswith(word))
            for item in group.items
        ]

    @property
    def essential(self) -> list[str]:
        return self._marked("essential")

    @property
    def desirable(self) -> list[str]:
        return self._marked("desirable")

    @property
    def unmarked(self) -> list[str]:
        """Criteria the document lists before any Essential/Desirable marker."""
        return self._marked(None)

    def lines(self) -> list[str]:
        out = [self.heading] if self.heading else []
        out += self.paragraphs
        for group in self.groups:
            out += ([group.marker] if group.marker else []) + group.items
        return out + self.notes


class PersonSpecification(_Model):
    heading: Line = "Person Specification"
    fields: list[Line] = Field(
        default_factory=list, description="'Label: value' lines as written: Job Title, Grade, Service/Section, …"
    )
    paragraphs: list[Line] = Field(
        default_factory=list, description="Lines under the heading that are neither fields nor criteria."
    )
    criteria_heading: Line | None = None
    criteria: list[Criteria] = Field(default_factory=list)

    def lines(self) -> list[str]:
        out = [self.heading, *self.fields, *self.paragraphs]
        if self.criteria_heading:
            out.append(self.criteria_heading)
        cluster = None
        for criteria in self.criteria:
            if criteria.cluster and criteria.cluster != cluster:
                out.append(criteria.cluster)
            cluster = criteria.cluster
            out += criteria.lines()
        return out

    def field(self, *labels: str) -> str | None:
        return labelled_value(self.fields, *labels)


def labelled_value(lines: list[str], *labels: str) -> str | None:
    """The value of the first ``Label: value`` line whose label is one of ``labels`` (case-insensitive)."""
    wanted = {label.lower() for label in labels}
    for line in lines:
        label, sep, value = line.partition(":")
        if sep and label.strip().lower() in wanted:
            return value.strip() or None
    return None


class JobDescription(_Model):
    """The whole text of a job description, kept word for word and in order."""

    title: Line | None = Field(None, description="The document's own title line, if it has one.")
    header: list[Line] = Field(
        default_factory=list,
        description="Header lines as written: 'Department: …', 'Grade: …', 'Position Designation: …'",
    )
    sections: list[Section] = Field(default_factory=list)
    person_specification: PersonSpecification | None = None
    links: list[Link] = Field(
        default_factory=list,
        description="The document's links: the text of each, as it stands in a line, and where it leads.",
    )

    def lines(self) -> list[str]:
        """Every content line, in document order (markup such as ``##`` or list numbers removed)."""
        out = [self.title] if self.title else []
        out += self.header
        for section in self.sections:
            out += section.lines()
        if self.person_specification:
            out += self.person_specification.lines()
        return out

    def statements(self) -> list[str]:
        """The listed items — purpose, duties, other sections, person-specification criteria — in order.

        These are the document's own statements of what the role does and needs, as opposed to its
        headers, introductions and notes; they are what evidence for a skill is drawn from.
        """
        out: list[str] = []
        for section in self.sections:
            out += section.items
            for group in section.groups:
                out += group.items
        if self.person_specification:
            for criteria in self.person_specification.criteria:
                for group in criteria.groups:
                    out += group.items
        return out

    def section(self, kind: str) -> Section | None:
        return next((s for s in self.sections if s.kind == kind), None)

    def field(self, *labels: str) -> str | None:
        """A header value by label, e.g. ``field("grade")``."""
        return labelled_value(self.header, *labels)


# --------------------------------------------------------------------------- derived facts, each with evidence


class ReportingLine(_Model):
    """Who a role reports to, and the words that say so."""

    role: Id
    evidence: Line | None = Field(None, description="The line of a document that states this reporting line.")
    inferred: bool = Field(False, description="True when no document states it directly; `note` says why.")
    note: Line | None = None


class ManagementSpan(_Model):
    direct: int | None = Field(None, ge=0, le=MAX_STAFF, description="Directly managed staff (upper bound).")
    indirect: int | None = Field(None, ge=0, le=MAX_STAFF, description="Indirectly managed staff (upper bound).")
    evidence: list[Line] = Field(default_factory=list)


class Budget(_Model):
    amount_gbp: int | None = Field(
        None, ge=0, le=MAX_BUDGET_GBP, description="The amount the document names, in pounds."
    )
    qualifier: Line | None = Field(None, description="How the amount is stated, e.g. 'may exceed'.")
    evidence: Line


class SalaryRange(_Model):
    location: Line | None = None
    minimum_gbp: int = Field(ge=0, le=MAX_SALARY_GBP, description="In pounds a year.")
    maximum_gbp: int = Field(ge=0, le=MAX_SALARY_GBP, description="In pounds a year.")
    evidence: Line

    @model_validator(mode="after")
    def _ordered(self) -> SalaryRange:
        if self.maximum_gbp < self.minimum_gbp:
            raise ValueError("maximum_gbp is below minimum_gbp")
        return self


class Benchmark(_Model):
    """How a role compares with a role or level of another framework (DDaT, SFIA, …)."""

    framework: Line = Field(description="e.g. 'DDaT' or 'SFIA'.")
    role: Line | None = Field(None, description="The other framework's role or role level, by name.")
    level: Line | None = Field(None, description="The other framework's level, e.g. SFIA '6'.")
    evidence: Line | None = Field(None, description="The document line that states it, if any.")
    note: Text | None = Field(None, description="Why this benchmark was chosen, when no document states it.")


class SkillRequirement(_Model):
    skill: Id
    level: Id
    source: Line | None = Field(None, description="Where the requirement comes from (e.g. a DDaT role level).")
    evidence: list[Line] = Field(
        default_factory=list, description="Job-description lines that show the skill is needed."
    )


class Move(_Model):
    """A move between roles stated by the framework.

    Promotions are derived from the ladder (the next rung up) unless a role states its own: a role with any
    ``kind: promotion`` move is promoted exactly to those roles, and no derived promotion leaves it.
    """

    to: Id
    kind: Literal["lateral", "promotion"] = "lateral"
    reason: Line


class Reference(_Model):
    role: Id = Field(description="The role whose document names this one.")
    evidence: Line = Field(description="The line that names it.")


class DocumentSource(_Model):
    kind: Literal["document"] = "document"
    document: Line = Field(description="The job-description file the role was built from.")
    organisation: Line | None = None


class ReferencedSource(_Model):
    kind: Literal["referenced"] = "referenced"
    referenced_by: list[Reference] = Field(min_length=1)


class ImportSource(_Model):
    kind: Literal["import"] = "import"
    framework: Line = Field(description="The framework the role was imported from.")
    detail: Line | None = None


Source = Annotated[DocumentSource | ReferencedSource | ImportSource, Field(discriminator="kind")]


class Role(_Model):
    id: Id
    title: Line
    discipline: Id | None = Field(None, description="Null for roles that span disciplines (e.g. executives).")
    grade: Id | None = Field(None, description="Null when no document states the grade.")
    grade_evidence: Line | None = Field(
        None, description="Where the grade comes from, when the role's own document header does not state it."
    )
    track: Id | None = Field(None, description="A ladder within the discipline (e.g. a DDaT role); optional.")
    branch: Id | None = Field(None, description="A parallel branch of the ladder, e.g. 'management'.")
    description: Text | None = None
    source: Source
    reports_to: ReportingLine | None = None
    job_description: JobDescription | None = None
    management: ManagementSpan | None = None
    budget: Budget | None = None
    salary: list[SalaryRange] = Field(default_factory=list)
    benchmarks: list[Benchmark] = Field(default_factory=list)
    skills: list[SkillRequirement] = Field(default_factory=list)
    expectations: list[Expectation] = Field(
        default_factory=list,
        description="What the role expects, by area; its person-specification criteria count too, unwritten.",
    )
    moves: list[Move] = Field(default_factory=list)

    @property
    def status(self) -> str:
        """``described`` (a document or import describes it) or ``referenced`` (only named by others)."""
        return "referenced" if isinstance(self.source, ReferencedSource) else "described"

    @model_validator(mode="after")
    def _referenced_roles_have_no_text(self) -> Role:
        if isinstance(self.source, ReferencedSource) and self.job_description is not None:
            raise ValueError("a referenced role has no document of its own, so it cannot have a job_description")
        return self


class Framework(_Model):
    """A whole career framework: scales, vocabularies and roles."""

    schema_version: Literal[1] = SCHEMA_VERSION
    id: Id
    name: Line
    description: Text | None = None
    attribution: Text | None = Field(None, description="Licence or attribution text to show with the data.")
    grades: list[Grade] = Field(min_length=1, description="The grade scale, lowest first.")
    disciplines: list[Discipline] = Field(default_factory=list)
    tracks: list[Track] = Field(default_factory=list, description="Display names of the ladders roles name.")
    branches: list[Branch] = Field(default_factory=list, description="Display names of the branches roles name.")
    skill_levels: list[SkillLevel] = Field(
        default_factory=list,
        description="The skill-level (proficiency) scale, lowest first: skill descriptors and expectation levels.",
    )
    skills: list[Skill] = Field(default_factory=list)
    areas: list[Area] = Field(default_factory=list, description="What expectations are grouped by.")
    roles: list[Role] = Field(default_factory=list)

    def model_copy(self, *, update=None, deep: bool = False) -> Framework:
        """A copy (with ``update`` applied) whose cached lookups and derived values are recomputed, not carried
        over."""
        copy = super().model_copy(update=update, deep=deep)
        for name in [key for key in copy.__dict__ if key not in type(self).model_fields]:
            copy.__dict__.pop(name)
        return copy

    def derived(self, make: Callable[[Framework], _T]) -> _T:
        """``make(self)``, worked out once and kept with the framework: how a module above the models (the
        expectations read from every role, say) caches what it derives without the models importing it. The
        model is frozen, so a derived value never goes stale; :meth:`model_copy` drops it."""
        key = f"derived:{make.__module__}.{make.__qualname__}"
        try:
            return self.__dict__[key]
        except KeyError:
            value = self.__dict__[key] = make(self)
            return value

    # Lookups, computed once: the model is frozen, so they never go stale (model_copy drops them).
    @cached_property
    def roles_by_id(self) -> dict[str, Role]:
        return {r.id: r for r in self.roles}

    @cached_property
    def grade_rank(self) -> dict[str, int]:
        """Grade id → position on the scale (0 = lowest)."""
        return {g.id: i for i, g in enumerate(self.grades)}

    @cached_property
    def grades_by_id(self) -> dict[str, Grade]:
        return {g.id: g for g in self.grades}

    @cached_property
    def disciplines_by_id(self) -> dict[str, Discipline]:
        return {d.id: d for d in self.disciplines}

    @cached_property
    def skills_by_id(self) -> dict[str, Skill]:
        return {s.id: s for s in self.skills}

    @cached_property
    def tracks_by_id(self) -> dict[str, Track]:
        return {t.id: t for t in self.tracks}

    @cached_property
    def branches_by_id(self) -> dict[str, Branch]:
        return {b.id: b for b in self.branches}

    @cached_property
    def areas_by_id(self) -> dict[str, Area]:
        return {a.id: a for a in self.areas}

    @cached_property
    def level_rank(self) -> dict[str, int]:
        """Skill-level id → position on the scale (1 = lowest, so 0 can mean "none")."""
        return {lv.id: i + 1 for i, lv in enumerate(self.skill_levels)}

    def role(self, role_id: str) -> Role:
        from .errors import RoleNotFound

        try:
            return self.roles_by_id[role_id]
        except KeyError:
            raise RoleNotFound(role_id, known=self.roles_by_id) from None

    def grade_label(self, grade_id: str | None) -> str:
        if grade_id is None:
            return "grade not stated"
        grade = self.grades_by_id.get(grade_id)
        return grade.label if grade else grade_id

    def discipline_label(self, discipline_id: str | None) -> str:
        if discipline_id is None:
            return "no discipline"
        discipline = self.disciplines_by_id.get(discipline_id)
        return discipline.name if discipline else discipline_id

    def track_label(self, track_id: str | None) -> str:
        """A track's display name: its listed name, else the title of the role it is named after (DDaT's
        ``it-service-manager`` → "IT service manager", as the framework spells it), else its id in words."""
        if track_id is None:
            return "no track"
        track = self.tracks_by_id.get(track_id)
        if track:
            return track.name
        role = self.roles_by_id.get(track_id)
        return role.title if role else track_id.replace("-", " ")

    def branch_label(self, branch_id: str | None) -> str:
        """A branch's display name: its listed name, else its id."""
        if branch_id is None:
            return "main ladder"
        branch = self.branches_by_id.get(branch_id)
        return branch.name if branch else branch_id
