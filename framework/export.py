"""Exports of a framework for HR: every role with its job-description fields, the roles × skills matrix, and
a printable role profile.

Framework text is data, never markup: every string placed in the Markdown is escaped, and spreadsheet cells
that would run as a formula are neutralised. (A development plan's files are :mod:`framework.planfiles`.)
"""

from __future__ import annotations

import pandas as pd

from .catalogue import status_text
from .cells import csv_text, xlsx_bytes
from .gaptext import descriptor_markdown
from .models import Framework
from .textsafe import md_escape

__all__ = [
    "framework_csv",
    "framework_summary",
    "framework_xlsx",
    "role_profile_markdown",
    "roles_table",
    "skills_matrix",
]


def _level_names(framework: Framework) -> dict[str, str]:
    return {lv.id: lv.name for lv in framework.skill_levels}


# --------------------------------------------------------------------------- exports for HR


def skills_matrix(framework: Framework) -> pd.DataFrame:
    """Roles × skills: the level each role requires (blank where it requires none)."""
    names = _level_names(framework)
    rows = []
    for role in framework.roles:
        row = {"Role id": role.id, "Role": role.title, "Grade": framework.grade_label(role.grade)}
        needed = {req.skill: names.get(req.level, req.level) for req in role.skills}
        row.update({skill.name: needed.get(skill.id, "") for skill in framework.skills})
        rows.append(row)
    return pd.DataFrame(rows, columns=["Role id", "Role", "Grade", *(s.name for s in framework.skills)])


def roles_table(framework: Framework) -> pd.DataFrame:
    """One row per role with its job-description fields, each field's lines joined in document order."""
    rows = []
    for role in framework.roles:
        jd = role.job_description
        purpose = jd.section("purpose") if jd else None
        duties = jd.section("duties") if jd else None
        spec = jd.person_specification if jd else None
        criteria = {}
        for heading in spec.criteria if spec else []:
            for group in heading.groups:
                column = f"{heading.heading} ({group.marker.lower()})" if group.marker else heading.heading
                criteria[column] = " | ".join(group.items)
        rows.append(
            {
                "Role id": role.id,
                "Role": role.title,
                "Grade": framework.grade_label(role.grade),
                "Discipline": framework.discipline_label(role.discipline),
                "Status": status_text(role),
                "Reports to": _manager_title(framework, role),
                "Reports to (id)": role.reports_to.role if role.reports_to else "",
                "Header": " | ".join(jd.header) if jd else "",
                "Purpose": " | ".join(
                    purpose.lines()[1:] if purpose and purpose.heading else (purpose.lines() if purpose else [])
                ),
                "Duties": " | ".join(
                    duties.lines()[1:] if duties and duties.heading else (duties.lines() if duties else [])
                ),
                "Directly managed staff": role.management.direct if role.management else None,
                "Indirectly managed staff": role.management.indirect if role.management else None,
                "Budget": role.budget.evidence if role.budget else "",
                "Salary": " | ".join(s.evidence for s in role.salary),
                **criteria,
            }
        )
    return pd.DataFrame(rows)


def _manager_title(framework: Framework, role) -> str:
    line = role.reports_to
    if not line:
        return ""
    manager = framework.roles_by_id.get(line.role)
    return manager.title if manager else line.role


def framework_summary(framework: Framework) -> pd.DataFrame:
    """What a workbook of the framework holds, in words: the first sheet HR sees."""
    described = sum(1 for r in framework.roles if r.status == "described")
    rows = [
        ("Framework", framework.name),
        ("Roles", f"{len(framework.roles):,}"),
        ("Roles with a job description or import of their own", f"{described:,}"),
        ("Grades (lowest first)", ", ".join(g.label for g in framework.grades)),
        ("Disciplines", ", ".join(d.name for d in framework.disciplines) or "none"),
        ("Skills", f"{len(framework.skills):,}"),
        ("Sheet: Roles", "every role with its job-description fields, one row each"),
        ("Sheet: Skills matrix", "roles × skills: the level each role requires"),
    ]
    return pd.DataFrame(rows, columns=["Item", "Value"])


def framework_csv(framework: Framework, which: str) -> str:
    """``which`` = "matrix" (roles × skills) or "roles" (job-description fields), every cell and heading safe."""
    table = skills_matrix(framework) if which == "matrix" else roles_table(framework)
    return csv_text(table, bom=True)


def framework_xlsx(framework: Framework) -> bytes:
    """The framework as a workbook: a summary first, then roles with their job-description fields, and the
    roles × skills matrix (headers styled and frozen, columns sized: :func:`framework.cells.xlsx_bytes`)."""
    sheets = [
        ("Summary", framework_summary(framework)),
        ("Roles", roles_table(framework)),
        ("Skills matrix", skills_matrix(framework)),
    ]
    if framework.attribution:
        sheets.append(("About", pd.DataFrame({"Attribution": [framework.attribution]})))
    return xlsx_bytes(sheets)


def role_profile_markdown(framework: Framework, role_id: str) -> str:
    """A printable role profile: facts, the job description as written, and the skills with descriptors."""
    role = framework.role(role_id)
    esc = md_escape
    names = _level_names(framework)
    out = [f"# {esc(role.title)}", ""]
    out += [
        f"- **Grade:** {esc(framework.grade_label(role.grade))}",
        f"- **Discipline:** {esc(framework.discipline_label(role.discipline))}",
        f"- **Status:** {esc(status_text(role))}",
    ]
    if role.reports_to and role.reports_to.role in framework.roles_by_id:
        out.append(f"- **Reports to:** {esc(framework.role(role.reports_to.role).title)}")
    out.append("")
    jd = role.job_description
    if jd:
        out += [esc(line) + "  " for line in jd.header] + [""]
        for section in jd.sections:
            if section.heading:
                out += [f"## {esc(section.heading)}", ""]
            out += [esc(p) + "\n" for p in section.paragraphs]
            if section.lead_in:
                out += [esc(section.lead_in), ""]
            out += [f"- {esc(i)}" for i in section.items]
            for group in section.groups:
                if group.heading:
                    out += ["", f"### {esc(group.heading)}", ""]
                out += [f"- {esc(i)}" for i in group.items]
            out += [""] + [esc(n) + "\n" for n in section.notes]
        spec = jd.person_specification
        if spec:
            out += [f"## {esc(spec.heading)}", ""] + [esc(f) + "  " for f in spec.fields] + [""]
            for criteria in spec.criteria:
                out += [f"### {esc(criteria.heading)}", ""]
                for group in criteria.groups:
                    if group.marker:
                        out += [f"*{esc(group.marker)}*", ""]
                    out += [f"- {esc(i)}" for i in group.items] + [""]
    elif role.status == "referenced":
        out += ["This role has no job description of its own. It is named in:", ""]
        out += [f"- {esc(framework.role(r.role).title)}: “{esc(r.evidence)}”" for r in role.source.referenced_by]
        out.append("")
    if role.skills:
        out += ["## Skills", ""]
        for req in role.skills:
            skill = framework.skills_by_id.get(req.skill)
            name = skill.name if skill else req.skill
            out += [f"### {esc(name)}: {esc(names.get(req.level, req.level))}", ""]
            out += [descriptor_markdown(skill.levels.get(req.level) if skill else None), ""]
    if framework.attribution:
        out += ["---", "", esc(framework.attribution), ""]
    return "\n".join(out)
