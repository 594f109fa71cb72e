"""Exports of a skill gap: a development plan for a line-manager conversation, and the page's gap table.

A plan is built from a :class:`~framework.skills.SkillGap` and its framework. It lists the gaps in priority
order (biggest gap first, then the higher required level — the order :func:`~framework.skills.skill_gap`
gives), what each level still to reach looks like (the framework's descriptors), the target job
description's own lines that show the skill is needed, the strengths to build on, and blank space for the
actions, dates and support agreed in the conversation.

Two formats: Markdown to read, print or paste into a document, and CSV to open in a spreadsheet. Framework
and user text is data, never markup: every string placed in the Markdown is escaped, and CSV cells that a
spreadsheet would run as a formula are neutralised.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .cells import csv_text, xlsx_bytes
from .models import Framework
from .skills import GapRow, SkillGap
from .textsafe import md_escape

__all__ = [
    "GAP_TABLE_COLUMNS",
    "PLAN_CSV_COLUMNS",
    "descriptor_markdown",
    "development_plan_csv",
    "development_plan_markdown",
    "framework_csv",
    "framework_xlsx",
    "gap_detail_markdown",
    "gap_summary",
    "gap_table",
    "levels_label",
    "readiness_text",
    "role_profile_markdown",
    "roles_table",
    "skills_matrix",
]

NO_LEVEL = "none"  #: how a skill not held (or not needed) is shown
NOT_DEFINED = "not defined in the framework"  #: shown for a level the framework gives no descriptor
BLANK = "________________"  #: space to write in on a printed plan

GAP_TABLE_COLUMNS = ["Skill", "Now", "Needed", "Gap", "Next level looks like", "Evidence count"]
PLAN_CSV_COLUMNS = [
    "Priority",
    "Skill id",
    "Skill",
    "Current level",
    "Required level",
    "Gap",
    "What to aim for",
    "Evidence",
    "Agreed action",
    "By when",
    "Support",
]


def _level_names(framework: Framework) -> dict[str, str]:
    return {lv.id: lv.name for lv in framework.skill_levels}


def _level(framework: Framework, level_id: str | None) -> str:
    if level_id is None:
        return NO_LEVEL
    return _level_names(framework).get(level_id, level_id)


def levels_label(framework: Framework, row: GapRow) -> str:
    """``"Working → Expert"``: the level held and the level needed."""
    return f"{_level(framework, row.current)} → {_level(framework, row.required)}"


def readiness_text(gap: SkillGap) -> str:
    """``"meets 1 of 9 requirements (11%)"``, or why there is no figure."""
    if gap.readiness is None:
        return "no figure: the target role lists no skill requirements in the framework"
    met = sum(r.met for r in gap.rows)
    return f"meets {met} of {len(gap.rows)} requirement{'s' * (len(gap.rows) != 1)} ({gap.readiness:.0%})"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def gap_summary(framework: Framework, gap: SkillGap, *, current_label: str, target_label: str) -> str:
    """The gap in plain sentences: the text alternative to the chart."""
    total = len(gap.rows)
    if not total:
        return f"{target_label} has no skill requirements in the framework."
    met = sum(r.met for r in gap.rows)
    if not gap.gaps:
        return f"{current_label} meets all {_plural(total, 'skill requirement')} of {target_label}."
    biggest = [r for r in gap.gaps if r.gap == gap.gaps[0].gap]
    named = [f"{r.name} ({levels_label(framework, r)})" for r in biggest[:3]]
    if len(biggest) > 3:
        named.append(f"{len(biggest) - 3} more")
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return (
        f"{current_label} meets {met or 'none'} of the {_plural(total, 'skill requirement')} of {target_label}. "
        f"To get there: {_plural(len(gap.gaps), 'skill')} to develop, {_plural(gap.levels_to_gain, 'level')} in all; "
        f"the biggest {'gaps are' if len(biggest) > 1 else 'gap is'} {listed}."
    )


def _descriptor_parts(descriptor: str) -> list[tuple[bool, str]]:
    """A descriptor's lines as ``(is_bullet, text)``: "You can:" then its "- …" items."""
    parts = []
    for raw in descriptor.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line[:2] in ("- ", "* ", "• "):
            parts.append((True, line[2:].strip()))
        else:
            parts.append((False, line))
    return parts


def _one_line(descriptor: str | None) -> str:
    """A descriptor on one line (for table cells): its bullets separated by " • "."""
    if descriptor is None:
        return NOT_DEFINED
    out = ""
    for is_bullet, text in _descriptor_parts(descriptor):
        out += (" • " if is_bullet else (" " if out else "")) + text
    return out.strip()


def _plain(descriptor: str | None) -> str:
    """A descriptor as plain text lines (for CSV cells)."""
    if descriptor is None:
        return NOT_DEFINED
    return "\n".join(("- " if b else "") + t for b, t in _descriptor_parts(descriptor))


def descriptor_markdown(descriptor: str | None) -> str:
    """A level descriptor as escaped Markdown: its lead-in as a paragraph, its "- …" items as a list."""
    if descriptor is None:
        return f"*{NOT_DEFINED}*"
    blocks: list[str] = []
    items: list[str] = []
    for is_bullet, text in _descriptor_parts(descriptor):
        if is_bullet:
            items.append(f"- {md_escape(text)}")
            continue
        if items:
            blocks.append("\n".join(items))
            items = []
        blocks.append(md_escape(text))
    if items:
        blocks.append("\n".join(items))
    return "\n\n".join(blocks) or f"*{NOT_DEFINED}*"


def gap_detail_markdown(row: GapRow) -> str:
    """What one gap asks for, as escaped Markdown: each level still to reach and the evidence lines."""
    parts = ["**What to aim for**"]
    for step in row.to_reach:
        if step.descriptor is None:
            parts.append(f"*{md_escape(step.name)}:* {NOT_DEFINED}")
        else:
            parts.append(f"*{md_escape(step.name)}:*")
            parts.append(descriptor_markdown(step.descriptor))
    if not row.to_reach:
        parts.append("Already at the level needed.")
    parts.append("**Evidence from the job description**")
    if row.evidence:
        parts.append("\n".join(f"- “{md_escape(line)}”" for line in row.evidence))
    else:
        parts.append("No line of the target role's job description names this skill.")
    return "\n\n".join(parts)


def development_plan_markdown(
    framework: Framework, gap: SkillGap, *, current_label: str, target_label: str, date: str | None = None
) -> str:
    """A development plan in Markdown for a conversation between a member of staff and their line manager.

    ``current_label`` and ``target_label`` name the two sides as people know them (e.g. "Associate Project
    Manager (PO1)", "My self-assessment"); ``date`` is printed as given. Every piece of text from the
    framework or the user is escaped, so the result is safe to render as Markdown.
    """
    esc = md_escape
    gaps = gap.gaps
    lines = [
        f"# Development plan: {esc(current_label)} → {esc(target_label)}",
        "",
        f"- **From:** {esc(current_label)}",
        f"- **To:** {esc(target_label)}",
        f"- **Framework:** {esc(framework.name)}",
    ]
    if date:
        lines.append(f"- **Date:** {esc(date)}")
    lines.append(f"- **Readiness:** {readiness_text(gap)}")
    lines.append(
        f"- **Levels to gain:** {gap.levels_to_gain}"
        + (f" across {_plural(len(gaps), 'skill')}" if gaps else " — every requirement is already met")
    )

    lines += ["", "## Skills to develop, in priority order", ""]
    if not gaps:
        lines.append("None: every skill the target role needs is already at the level needed.")
    for number, row in enumerate(gaps, 1):
        lines += [
            f"### {number}. {esc(row.name)}",
            "",
            f"**Now:** {esc(_level(framework, row.current))} · **Needed:** {esc(_level(framework, row.required))}"
            f" · **Gap:** {_plural(row.gap, 'level')}",
            "",
            gap_detail_markdown(row),
            "",
        ]

    lines += ["## Strengths to build on", ""]
    if gap.strengths:
        lines += [
            f"- {esc(r.name)}: {esc(_level(framework, r.current))}, above the {esc(_level(framework, r.required))}"
            f" needed ({_plural(r.surplus, 'level')} above)"
            for r in gap.strengths
        ]
    else:
        lines.append("No skill is held above the level the target role needs.")
    met = gap.at_level
    if met:
        lines += ["", "Already at the level needed:", ""]
        lines += [f"- {esc(r.name)} ({esc(_level(framework, r.current))})" for r in met]
    if gap.extra:
        lines += ["", "Other skills held, which the target role does not list:", ""]
        lines += [f"- {esc(r.name)} ({esc(_level(framework, r.current))})" for r in gap.extra]

    lines += ["", "## Agreed actions", ""]
    if gaps:
        lines.append("For each skill: what will be done, by when, and what support is needed.")
        lines.append("")
        for number, row in enumerate(gaps, 1):
            lines += [
                f"{number}. **{esc(row.name)}** ({esc(levels_label(framework, row))})",
                f"   - Agreed action: {BLANK}",
                f"   - By (date): {BLANK}",
                f"   - Support needed: {BLANK}",
            ]
        lines.append("")
    else:
        lines += ["No gaps to close; agree how to use and show these skills.", ""]

    lines += [
        "## Notes and next review",
        "",
        f"- Notes: {BLANK}",
        f"- Next review date: {BLANK}",
        f"- Agreed by (member of staff): {BLANK}",
        f"- Agreed by (line manager): {BLANK}",
    ]
    if framework.attribution:
        lines += ["", "---", "", esc(framework.attribution)]
    return "\n".join(lines) + "\n"


def _rows_for_export(framework: Framework, gap: SkillGap) -> Iterable[dict[str, object]]:
    for priority, row in enumerate(gap.rows, 1):
        aims = "\n\n".join(f"{step.name}:\n{_plain(step.descriptor)}" for step in row.to_reach)
        yield {
            "Priority": priority,
            "Skill id": row.skill,
            "Skill": row.name,
            "Current level": _level(framework, row.current),
            "Required level": _level(framework, row.required),
            "Gap": row.gap,
            "What to aim for": aims,
            "Evidence": " | ".join(row.evidence),
            "Agreed action": "",
            "By when": "",
            "Support": "",
        }


def development_plan_csv(framework: Framework, gap: SkillGap) -> str:
    """The plan as CSV, one row per requirement of the target role, with empty columns to fill in.

    Every cell is made safe by :func:`framework.cells.cell`: text that would start a formula gets a leading
    ``'``, carriage returns become line feeds (quoted), control characters become U+FFFD.
    """
    table = pd.DataFrame(list(_rows_for_export(framework, gap)), columns=PLAN_CSV_COLUMNS)
    return csv_text(table)


def _next_level(row: GapRow) -> str:
    if not row.to_reach:
        return "Already met"
    step = row.to_reach[0]
    return f"{step.name}: {_one_line(step.descriptor)}"


def gap_table(framework: Framework, gap: SkillGap) -> pd.DataFrame:
    """The gap as a table, one row per requirement in the order of ``gap.rows`` (biggest gap first)."""
    rows = [
        {
            "Skill": row.name,
            "Now": _level(framework, row.current),
            "Needed": _level(framework, row.required),
            "Gap": row.gap,
            "Next level looks like": _next_level(row),
            "Evidence count": len(row.evidence),
        }
        for row in gap.rows
    ]
    return pd.DataFrame(rows, columns=GAP_TABLE_COLUMNS).astype({"Gap": "int64", "Evidence count": "int64"})


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
                "Status": role.status,
                "Reports to": role.reports_to.role if role.reports_to else "",
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


def framework_csv(framework: Framework, which: str) -> str:
    """``which`` = "matrix" (roles × skills) or "roles" (job-description fields), every cell and heading safe."""
    table = skills_matrix(framework) if which == "matrix" else roles_table(framework)
    return csv_text(table, bom=True)


def framework_xlsx(framework: Framework) -> bytes:
    """The framework as a workbook: roles with their job-description fields, and the roles × skills matrix."""
    sheets = [("Roles", roles_table(framework)), ("Skills matrix", skills_matrix(framework))]
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
        f"- **Status:** {role.status}",
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
