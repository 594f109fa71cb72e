"""Compare two or three roles side by side: facts, skills with levels, and the criteria that differ."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .catalogue import status_text
from .models import Framework, Role

__all__ = ["compare_criteria", "compare_facts", "compare_skills", "headers"]

NOT_REQUIRED = "—"


def _purpose(role: Role) -> str:
    if role.job_description is None:
        return role.description or "No job description"
    section = role.job_description.section("purpose")
    if section is None:
        return "No purpose section"
    return " ".join([*section.paragraphs, section.lead_in or "", *section.items]).strip()


def headers(framework: Framework, roles: Sequence[str]) -> list[str]:
    """Column headers for the compared roles: their titles (their ids where two share a title)."""
    titles = [framework.role(rid).title for rid in roles]
    return [t if titles.count(t) == 1 else rid for t, rid in zip(titles, roles, strict=True)]


def compare_facts(framework: Framework, roles: Sequence[str]) -> pd.DataFrame:
    """Rows: grade, discipline, status, reports to, purpose, management span, budget, salary; a column per role."""
    columns = {}
    for header, role_id in zip(headers(framework, roles), roles, strict=True):
        role = framework.role(role_id)
        span = role.management
        manager = framework.roles_by_id.get(role.reports_to.role) if role.reports_to else None
        columns[header] = {
            "Grade": framework.grade_label(role.grade),
            "Discipline": framework.discipline_label(role.discipline),
            "Status": status_text(role),
            "Reports to": manager.title if manager else "Not stated",
            "Purpose": _purpose(role),
            "Directly managed staff": "" if not span or span.direct is None else f"up to {span.direct}",
            "Indirectly managed staff": "" if not span or span.indirect is None else f"up to {span.indirect}",
            "Budget": role.budget.evidence if role.budget else "",
            "Salary": "; ".join(s.evidence for s in role.salary),
            "Skills required": str(len(role.skills)),
        }
    table = pd.DataFrame(columns)
    table.index.name = "Fact"
    return table.reset_index()


def compare_skills(framework: Framework, roles: Sequence[str]) -> pd.DataFrame:
    """One row per skill any of the roles requires: the level each needs, and whether they differ."""
    names = {lv.id: lv.name for lv in framework.skill_levels}
    levels = {rid: {req.skill: req.level for req in framework.role(rid).skills} for rid in roles}
    names_of = headers(framework, roles)
    skills: list[str] = []
    for rid in roles:
        skills += [s for s in levels[rid] if s not in skills]
    rows = []
    for skill in skills:
        row = {"Skill": framework.skills_by_id[skill].name if skill in framework.skills_by_id else skill}
        seen = []
        for header, rid in zip(names_of, roles, strict=True):
            level = levels[rid].get(skill)
            row[header] = names.get(level, level) if level else NOT_REQUIRED
            seen.append(level)
        row["Differs"] = "yes" if len(set(seen)) > 1 else ""
        rows.append(row)
    return pd.DataFrame(rows, columns=["Skill", *names_of, "Differs"])


def compare_criteria(framework: Framework, roles: Sequence[str]) -> pd.DataFrame:
    """Person-specification criteria that not every compared role shares: criterion, heading, and who has it."""
    found: dict[tuple[str, str, str], set[str]] = {}
    order: list[tuple[str, str, str]] = []
    for rid in roles:
        role = framework.role(rid)
        spec = role.job_description.person_specification if role.job_description else None
        if spec is None:
            continue
        for criteria in spec.criteria:
            for group in criteria.groups:
                for item in group.items:
                    key = (criteria.heading, group.marker or "", item)
                    if key not in found:
                        found[key] = set()
                        order.append(key)
                    found[key].add(rid)
    rows = [
        {
            "Heading": heading,
            "Essential or desirable": marker,
            "Criterion": item,
            "Asked by": ", ".join(framework.role(r).title for r in roles if r in found[(heading, marker, item)]),
        }
        for heading, marker, item in order
        if len(found[(heading, marker, item)]) < len(roles)
    ]
    return pd.DataFrame(rows, columns=["Heading", "Essential or desirable", "Criterion", "Asked by"])
