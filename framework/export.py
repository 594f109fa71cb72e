"""Exports of a framework for HR: every role with its job-description fields, the roles × skills matrix, every
expectation, and a printable role profile.

Everything the framework holds travels: each expectation with its area (and the area it sits in), its text
word for word, its marker, proficiency, examples, links and source is in the expectations table (a sheet of the
workbook, and a CSV of its own), in a column per marker of the roles table, and in the role's profile. The
expectations table is a sheet ``python -m framework import sheet`` reads back: one row per expectation (a row
more for each further example or link, with the same expectation id), the level order as a number.

Framework text is data, never markup: every string placed in the Markdown is escaped, and spreadsheet cells
that would run as a formula are neutralised. Counts are numbers, never text, so a spreadsheet sums them. (A
development plan's files are :mod:`framework.planfiles`.)
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from .catalogue import status_text
from .cells import csv_text, xlsx_bytes
from .expectation_index import LADDER, PERSON_SPECIFICATION, RoleExpectation, expectation_index, ladder_expectations
from .expectation_text import expectations_markdown, markdown_url
from .expectations import effective_expectations
from .gaptext import descriptor_markdown
from .models import Framework, Role, Track
from .textsafe import md_escape

__all__ = [
    "EXPECTATION_COLUMNS",
    "areas_table",
    "expectations_table",
    "framework_csv",
    "framework_summary",
    "framework_xlsx",
    "role_profile_markdown",
    "roles_table",
    "skills_matrix",
]

#: The columns of the expectations table, in order: what ``import sheet`` reads back (role and level, area and
#: its parent, the expectation with its id, marker, proficiency, whether it builds on the level below or holds at
#: every level, one example and one link a row, and where it comes from).
EXPECTATION_COLUMNS = (
    "Role id",
    "Role",
    "Family",
    "Track",
    "Level",
    "Level order",
    "Area",
    "Parent area",
    "Expectation id",
    "Expectation",
    "Marker",
    "Proficiency",
    "Cumulative",
    "All levels",
    "Example",
    "Link title",
    "Link",
    "Source",
)


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


def _expectation_rows(framework: Framework, role: Role | None, items, common: dict) -> list[dict]:
    """The rows of ``items`` (RoleExpectations): one per expectation, and one more for each further example or
    link, each repeating the expectation's id and text so a reader (``import sheet``) puts them together."""
    areas = expectation_index(framework).areas
    rows = []
    for e in items:
        area = areas.get(e.area)
        parent = areas.get(area.parent) if area is not None and area.parent else None
        row = {
            **common,
            "Area": e.area_name,
            "Parent area": parent.name if parent else "",
            "Expectation id": e.id,
            "Expectation": e.text,
            "Marker": e.marker_text or "",
            "Proficiency": e.level_name or "",
            "Cumulative": "yes" if e.cumulative else "",
            "All levels": "yes" if role is None else "",
        }
        for n in range(max(1, len(e.examples), len(e.links))):
            title, url = e.links[n] if n < len(e.links) else ("", "")
            rows.append(
                row
                | {
                    "Example": e.examples[n] if n < len(e.examples) else "",
                    "Link title": title or "",
                    "Link": url,
                    "Source": e.source,
                }
            )
    return rows


def expectations_table(framework: Framework) -> pd.DataFrame:
    """Every expectation of the framework, a row each (:data:`EXPECTATION_COLUMNS`): each role's own — stated and
    from its person specification — in the framework's order, then those its disciplines and tracks state once
    for every level ("All levels": yes). What a level takes in from the levels below it is not repeated: the
    rows of those levels hold it, and "Cumulative" says which levels build on the one below."""
    rank = framework.grade_rank
    own = expectation_index(framework).own
    rows = []
    for role in framework.roles:
        common = {
            "Role id": role.id,
            "Role": role.title,
            "Family": framework.discipline_label(role.discipline) if role.discipline else "",
            "Track": framework.track_label(role.track) if role.track else "",
            "Level": framework.grade_label(role.grade) if role.grade else "",
            "Level order": rank[role.grade] + 1 if role.grade in rank else None,
        }
        rows += _expectation_rows(framework, role, [e for e in own[role.id] if e.origin != LADDER], common)
    for owner in [*framework.disciplines, *framework.tracks]:
        if not owner.expectations:
            continue
        family = owner.discipline if isinstance(owner, Track) else owner.id
        common = {
            "Role id": "",
            "Role": "",
            "Family": framework.discipline_label(family) if family else "",
            "Track": owner.name if isinstance(owner, Track) else "",
            "Level": "",
            "Level order": None,
        }
        items = [replace(e, id="") for e in ladder_expectations(framework, owner)]  # each role derives its own
        rows += _expectation_rows(framework, None, items, common)
    return pd.DataFrame(rows, columns=list(EXPECTATION_COLUMNS))


def areas_table(framework: Framework) -> pd.DataFrame:
    """Every area expectations are grouped by: its name, the area it sits in, what kind it is and what it
    means, and its own levels with what each means."""
    areas = expectation_index(framework).areas
    rows = []
    for area in areas.values():
        parent = areas.get(area.parent) if area.parent else None
        levels = "\n".join(f"{lv.name}: {lv.description}" if lv.description else lv.name for lv in area.levels)
        rows.append(
            {
                "Area id": area.id,
                "Area": area.name,
                "Parent area": parent.name if parent else "",
                "Kind": area.kind or "",
                "Description": area.description or "",
                "Levels": levels,
                "Source": area.source or "",
            }
        )
    columns = ["Area id", "Area", "Parent area", "Kind", "Description", "Levels", "Source"]
    return pd.DataFrame(rows, columns=columns)


def _by_marker(items: list[RoleExpectation]) -> dict[str, str]:
    """The role's expectations other than its person specification's (those have columns of their own), a
    column per marker: each on a line of its own, after its area."""
    columns: dict[str, list[str]] = {}
    for e in items:
        if e.origin == PERSON_SPECIFICATION:
            continue
        column = f"Expectations ({e.marker})" if e.marker else "Expectations"
        columns.setdefault(column, []).append(f"{e.area_name}: {e.text}" if e.area_name else e.text)
    return {column: "\n".join(lines) for column, lines in columns.items()}


def roles_table(framework: Framework) -> pd.DataFrame:
    """One row per role with its job-description fields, each field's lines joined in document order, and its
    expectations in a column per marker (``Expectations (essential)``, ``Expectations (desirable)``,
    ``Expectations`` for those without a marker)."""
    own = expectation_index(framework).own
    rows = []
    for role in framework.roles:
        jd = role.job_description
        purpose = jd.section("purpose") if jd else None
        duties = jd.section("duties") if jd else None
        spec = jd.person_specification if jd else None
        criteria = {}
        for heading in spec.criteria if spec else []:
            for group in heading.groups:
                title = heading.heading or spec.heading
                column = f"{title} ({group.marker.lower()})" if group.marker else title
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
                **_by_marker(own[role.id]),
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
    index = expectation_index(framework)
    expectations = sum(1 for items in index.own.values() for e in items if e.origin != LADDER)
    expectations += sum(len(d.expectations) for d in framework.disciplines)
    expectations += sum(len(t.expectations) for t in framework.tracks)
    rows: list[tuple[str, object]] = [
        ("Framework", framework.name),
        ("Roles", len(framework.roles)),
        ("Roles with a job description or import of their own", described),
        ("Grades (lowest first)", ", ".join(g.label for g in framework.grades)),
        ("Disciplines", ", ".join(d.name for d in framework.disciplines) or "none"),
        ("Skills", len(framework.skills)),
        ("Areas", len(index.areas)),
        ("Expectations", expectations),
        ("Sheet: Roles", "every role with its job-description fields and its expectations, one row each"),
        ("Sheet: Skills matrix", "roles × skills: the level each role requires"),
    ]
    if expectations:
        rows += [
            ("Sheet: Expectations", "every expectation, a row each (a row more for each further example or link)"),
            ("Sheet: Areas", "what expectations are grouped by, and the area each sits in"),
        ]
    return pd.DataFrame(rows, columns=["Item", "Value"])


#: What :func:`framework_csv` writes, by name.
TABLES = {"matrix": skills_matrix, "roles": roles_table, "expectations": expectations_table}


def framework_csv(framework: Framework, which: str) -> str:
    """``which`` = "matrix" (roles × skills), "roles" (job-description fields and expectations) or
    "expectations" (every expectation, a row each), every cell and heading safe."""
    return csv_text(TABLES[which](framework), bom=True)


def framework_xlsx(framework: Framework) -> bytes:
    """The framework as a workbook: a summary first, then roles with their job-description fields, the
    roles × skills matrix, and — where the framework has any — every expectation and the areas (headers styled
    and frozen, columns sized: :func:`framework.cells.xlsx_bytes`)."""
    sheets = [
        ("Summary", framework_summary(framework)),
        ("Roles", roles_table(framework)),
        ("Skills matrix", skills_matrix(framework)),
    ]
    expectations = expectations_table(framework)
    if not expectations.empty:
        sheets += [("Expectations", expectations), ("Areas", areas_table(framework))]
    if framework.attribution:
        sheets.append(("About", pd.DataFrame({"Attribution": [framework.attribution]})))
    return xlsx_bytes(sheets)


def _profile_expectations(framework: Framework, role: Role) -> list[str]:
    """Everything the role expects, by area, each with its level or marker, examples, links and sources — but
    its person specification's criteria, which the job description above shows where they are written."""
    items = [e for e in effective_expectations(framework, role) if e.origin != PERSON_SPECIFICATION]
    if not items:
        return []
    inherited = sum(1 for e in items if e.from_role)
    intro = f"**{len(items)} expectation{'s' * (len(items) != 1)}**"
    if inherited:
        intro += (
            f" ({len(items) - inherited} stated for this level, {inherited} from the levels below, which it builds on)"
        )
    if any(e.origin == PERSON_SPECIFICATION for e in expectation_index(framework).own[role.id]):
        intro += "; the person specification's criteria above are expectations too"
    body = expectations_markdown(items, framework=framework, heading="###", sources="area")
    return ["## Expectations", "", intro + ".", "", body, ""]


def role_profile_markdown(framework: Framework, role_id: str) -> str:
    """A printable role profile: facts, the job description as written, the expectations (with examples, links
    and where each comes from), and the skills with descriptors."""
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
            out += [esc(p) + "\n" for p in spec.paragraphs]
            if spec.criteria_heading:
                out += [f"**{esc(spec.criteria_heading)}**", ""]
            cluster = None
            for criteria in spec.criteria:
                if criteria.cluster and criteria.cluster != cluster:
                    out += [f"### {esc(criteria.cluster)}", ""]
                cluster = criteria.cluster
                if criteria.heading:
                    out += [f"{'####' if criteria.cluster else '###'} {esc(criteria.heading)}", ""]
                out += [esc(p) + "\n" for p in criteria.paragraphs]
                for group in criteria.groups:
                    if group.marker:
                        out += [f"*{esc(group.marker)}*", ""]
                    out += [f"- {esc(i)}" for i in group.items] + [""]
                out += [esc(n) + "\n" for n in criteria.notes]
        if jd.links:
            out += ["**Links in the job description:**", ""]
            out += [f"- [{esc(link.title or link.url)}]({markdown_url(link.url)})" for link in jd.links] + [""]
    elif role.status == "referenced":
        out += ["This role has no job description of its own. It is named in:", ""]
        out += [f"- {esc(framework.role(r.role).title)}: “{esc(r.evidence)}”" for r in role.source.referenced_by]
        out.append("")
    out += _profile_expectations(framework, role)
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
