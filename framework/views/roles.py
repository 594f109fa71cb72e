"""The Roles page: the catalogue of every role, and one role's profile.

A profile says what the role is (grade, discipline, where it comes from), what its documents state (span,
budget, salary, benchmarks), where it leads and what leads to it — each move with its reason — its skills with
the descriptor of the level needed, and its job description as written.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import pandas as pd

from ..catalogue import catalogue, neighbours, source_text, status_text
from ..models import Framework, JobDescription, ReferencedSource
from .labels import kind_label, role_label

__all__ = ["CatalogueView", "Connection", "RoleProfile", "SkillLine", "StatedFact", "catalogue_view", "role_profile"]

STATUSES = ("described", "referenced")


@dataclass(frozen=True)
class CatalogueView:
    """Every role as a table (career order within each discipline), and the values its filters offer."""

    table: pd.DataFrame  # framework.catalogue.CATALOGUE_COLUMNS
    disciplines: tuple[str, ...]  # discipline names, sorted
    grades: tuple[str, ...]  # grade labels in scale order, those that some role has
    statuses: tuple[str, ...] = STATUSES


def catalogue_view(framework: Framework, G: nx.DiGraph) -> CatalogueView:
    table = catalogue(framework, G)
    present = set(table["Grade"])
    return CatalogueView(
        table=table,
        disciplines=tuple(sorted(table["Discipline"].unique())),
        grades=tuple(label for label in (framework.grade_label(g.id) for g in framework.grades) if label in present),
    )


@dataclass(frozen=True)
class Connection:
    """Another role this one is linked to, how and why."""

    role: str
    label: str  # "Title (grade)"
    kind: str  # promotion, lateral or reports_to
    reason: str


@dataclass(frozen=True)
class StatedFact:
    """A fact a document states about the role, as written (``label`` is "" for a note under the one above)."""

    label: str
    text: str


@dataclass(frozen=True)
class SkillLine:
    skill: str
    name: str
    level: str  # the level's name
    descriptor: str | None  # what the level looks like; None where the framework defines none
    source: str  # where the requirement comes from ("" when not said)
    evidence: tuple[str, ...]  # job-description lines that show the skill is needed


@dataclass(frozen=True)
class RoleProfile:
    role: str
    title: str
    grade: str | None  # the grade's label; None when no document states it
    placement: str | None  # where the reporting lines place a role of unknown grade, as a sentence
    grade_evidence: str | None
    discipline: str
    status: str  # described or referenced
    status_text: str  # in words: "Full job description", "Imported description", "Named in another job description"
    source: str  # where the role comes from, in words
    description: tuple[str, ...]  # paragraphs
    reports_to: Connection | None
    reports_to_evidence: str | None  # the line that states the reporting line
    reports_to_inferred: bool
    reports_to_note: str | None
    onward: tuple[Connection, ...]  # where it leads (not its manager)
    reached_from: tuple[Connection, ...]
    manages: tuple[Connection, ...]  # roles that report to it
    stated: tuple[StatedFact, ...]
    skills: tuple[SkillLine, ...]
    job_description: JobDescription | None
    referenced_by: tuple[tuple[str, str], ...]  # (label of the role whose document names it, the line)

    @property
    def connected(self) -> dict[str, str]:
        """Role id → how the profile first names it ("Reports to: …", "Promotion: …"), in the profile's order:
        one entry per connected role, for a button that opens it."""
        out: dict[str, str] = {}
        if self.reports_to:
            out[self.reports_to.role] = f"Reports to: {self.reports_to.label}"
        for c in self.onward:
            out.setdefault(c.role, f"{kind_label(c.kind)}: {c.label}")
        for c in self.reached_from:
            out.setdefault(c.role, f"{kind_label(c.kind)} from {c.label}")
        for c in self.manages:
            out.setdefault(c.role, f"Manages: {c.label}")
        return out


def _stated(framework: Framework, role_id: str) -> tuple[StatedFact, ...]:
    role = framework.role(role_id)
    out = []
    span = role.management
    if span and (span.direct is not None or span.indirect is not None):
        out.append(StatedFact("Management span", " · ".join(span.evidence)))
    if role.budget:
        out.append(StatedFact("Budget", role.budget.evidence))
    for pay in role.salary:
        out.append(StatedFact("Salary", pay.evidence))
    for benchmark in role.benchmarks:
        what = " ".join(x for x in (benchmark.role, f"level {benchmark.level}" if benchmark.level else None) if x)
        out.append(StatedFact(f"{benchmark.framework} benchmark", what or "none"))
        if benchmark.note:
            out.append(StatedFact("", benchmark.note))
        if benchmark.evidence:
            out.append(StatedFact("", f"“{benchmark.evidence}”"))
    return tuple(out)


def role_profile(framework: Framework, G: nx.DiGraph, role_id: str) -> RoleProfile:
    """The profile of ``role_id``. Raises :class:`~framework.errors.RoleNotFound` for an unknown id."""
    role = framework.role(role_id)
    node = G.nodes[role_id]

    def connection(n) -> Connection:
        return Connection(n.role, role_label(framework, n.role), n.kind, n.reason)

    inward = neighbours(G, role_id, direction="in")
    line = role.reports_to
    manager = line.role if line and line.role in framework.roles_by_id else None
    levels = {lv.id: lv.name for lv in framework.skill_levels}
    skills = []
    for req in role.skills:
        skill = framework.skills_by_id[req.skill]
        skills.append(
            SkillLine(
                skill=req.skill,
                name=skill.name,
                level=levels.get(req.level, req.level),
                descriptor=skill.levels.get(req.level),
                source=req.source or "",
                evidence=tuple(req.evidence),
            )
        )
    referenced_by: tuple[tuple[str, str], ...] = ()
    if isinstance(role.source, ReferencedSource):
        referenced_by = tuple((role_label(framework, r.role), r.evidence) for r in role.source.referenced_by)
    bounds = node["bounds"]
    return RoleProfile(
        role=role.id,
        title=role.title,
        grade=framework.grade_label(role.grade) if role.grade else None,
        placement=None if role.grade else bounds[:1].upper() + bounds[1:] + ".",
        grade_evidence=role.grade_evidence,
        discipline=framework.discipline_label(role.discipline),
        status=role.status,
        status_text=status_text(role),
        source=source_text(framework, role),
        description=tuple(role.description.split("\n\n")) if role.description else (),
        reports_to=Connection(manager, role_label(framework, manager), "reports_to", "") if manager else None,
        reports_to_evidence=line.evidence if manager else None,
        reports_to_inferred=bool(manager and line.inferred),
        reports_to_note=line.note if manager else None,
        onward=tuple(connection(n) for n in neighbours(G, role_id) if n.kind != "reports_to"),
        reached_from=tuple(connection(n) for n in inward if n.kind != "reports_to"),
        manages=tuple(connection(n) for n in inward if n.kind == "reports_to"),
        stated=_stated(framework, role_id),
        skills=tuple(skills),
        job_description=role.job_description,
        referenced_by=referenced_by,
    )
