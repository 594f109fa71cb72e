"""The structure review as one document for leadership and HR: is the framework sound?

:func:`review_markdown` and :func:`review_xlsx` put the review's findings (:mod:`framework.findings`), the
structure's figures (:mod:`framework.structure`) and the grading consistency (:mod:`framework.grading`) in one
document: a summary first, then the findings by severity, then every table — plain numbers and words, role names
rather than ids.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from . import structure
from .cells import xlsx_bytes
from .findings import BY_DESIGN, PROBLEM, SEVERITIES, WORTH_A_LOOK, Finding, findings, findings_table
from .models import Framework
from .textsafe import md_escape, md_table
from .wording import number

__all__ = ["review_markdown", "review_xlsx"]


def _plain(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` for a person to read: yes/no for true/false, whole numbers without a decimal point."""
    out = table.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_bool_dtype(series):
            out[column] = series.map({True: "yes", False: "no"})
        elif pd.api.types.is_float_dtype(series):
            whole = series.dropna()
            if (whole == whole.round()).all():
                out[column] = series.astype("Int64")
    return out


def _sections(framework: Framework, graph: nx.DiGraph, found: list[Finding], grading: pd.DataFrame):
    """The review's tables, each with a plain-word title, ids only in columns of their own."""
    status, titles = structure.grade_matrix(framework)
    gaps = pd.DataFrame(
        [
            {
                "Discipline": g.discipline,
                "Track": framework.track_label(g.track) if g.track else "",
                "Below": framework.role(g.lower).title,
                "Above": framework.role(g.upper).title,
                "Missing grades": ", ".join(g.missing),
                "Roles of unknown grade in between": ", ".join(framework.role(r).title for r in g.unplaced),
            }
            for g in structure.ladder_gaps(framework, graph)
        ],
        columns=["Discipline", "Track", "Below", "Above", "Missing grades", "Roles of unknown grade in between"],
    )
    span_table = structure.spans(framework)
    referenced = structure.referenced_roles(framework, graph)
    referenced["Reports to"] = [
        framework.role(r).title if r in framework.roles_by_id else r for r in referenced["Reports to"]
    ]
    cliffs = structure.skill_cliffs(framework, graph).drop(columns=["from_id", "to_id"])
    return [
        ("Findings", findings_table(found, framework).drop(columns=["Role ids"])),
        ("Rung status", status.reset_index(names="Discipline")),
        ("Roles in each rung", titles.reset_index(names="Discipline")),
        ("Ladder gaps", gaps),
        ("Dead ends", _plain(structure.dead_ends(framework, graph).drop(columns=["id"]))),
        ("No way in", _plain(structure.unreachable(framework, graph).drop(columns=["id"]))),
        ("Roles of unknown grade", structure.unknown_grades(framework, graph).drop(columns=["id"])),
        ("Skill cliffs", cliffs),
        ("Skill inversions", structure.inversion_table(framework, graph)),
        ("Grading consistency", grading),
        ("Span of control", _plain(span_table.drop(columns=["id"]))),
        ("Totals per discipline", _plain(structure.discipline_totals(span_table))),
        ("Referenced roles", _plain(referenced.drop(columns=["id"]))),
    ]


def _grading(framework: Framework) -> pd.DataFrame:
    from .grading import grading_consistency, grading_table

    table = grading_table(framework, grading_consistency(framework))
    return table.drop(columns=["First role id", "Second role id"])


def _summary(framework: Framework, found: list[Finding], grading: pd.DataFrame) -> list[tuple[str, str | int]]:
    """The review's summary: counts as numbers (a workbook keeps them so), the rest in words."""
    count = {s: sum(1 for f in found if f.severity == s) for s in SEVERITIES}
    return [
        ("Framework", framework.name),
        ("Roles", len(framework.roles)),
        ("Grades", len(framework.grades)),
        ("Disciplines", len(framework.disciplines)),
        ("Problems", count[PROBLEM]),
        ("Worth a look", count[WORTH_A_LOOK]),
        ("By design", count[BY_DESIGN]),
        ("Grading consistency: pairs of roles to check", len(grading)),
        ("Where it comes from", f"The structure review of {framework.name}, worked out from its roles, grades and "
         "skills by Career Explorer"),
    ]  # fmt: skip


def _md_cell(value) -> str:
    """A Markdown table cell: numbers and yes/no as a person writes them (1, 1,000,000 — never 1.0 or True),
    text escaped."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, bool | int | float) or hasattr(value, "is_integer"):
        return number(value.item() if hasattr(value, "item") else value)
    return md_escape(str(value))


def review_markdown(framework: Framework, graph: nx.DiGraph) -> str:
    """The review as one Markdown document: a summary, the findings by severity (each with why, the roles and
    what to do), then every table."""
    found, grading = findings(framework, graph), _grading(framework)
    lines = [f"# Structure review: {_md_cell(framework.name)}", ""]
    lines += [f"- **{name}:** {_md_cell(value)}" for name, value in _summary(framework, found, grading)] + [""]
    for severity in SEVERITIES:
        group = [f for f in found if f.severity == severity]
        lines += [f"## {severity.capitalize()} ({number(len(group))})", ""]
        if not group:
            lines += ["Nothing found.", ""]
        for f in group:
            roles = "; ".join(framework.role(r).title for r in f.roles)
            lines.append(
                f"- **{md_escape(f.title)}** — {md_escape(f.why)}."
                + (f" Roles: {md_escape(roles)}." if roles else "")
                + f" **What to do:** {md_escape(f.action)}."
            )
        lines.append("")
    for title, table in _sections(framework, graph, found, grading)[1:]:
        lines += [f"## {title}", ""]
        if table.empty:
            lines += ["Nothing found.", ""]
            continue
        lines += [*md_table([str(c) for c in table.columns], table.itertuples(index=False), cell=_md_cell), ""]
    if framework.attribution:
        lines += ["---", "", _md_cell(framework.attribution), ""]
    return "\n".join(lines)


def review_xlsx(framework: Framework, graph: nx.DiGraph) -> bytes:
    """The review as a workbook: a summary sheet first, then the findings, then one sheet per table (every cell
    and heading made safe, headers styled and frozen: :func:`framework.cells.xlsx_bytes`)."""
    found, grading = findings(framework, graph), _grading(framework)
    summary = pd.DataFrame(_summary(framework, found, grading), columns=["Item", "Value"])
    sheets = [("Summary", summary)] + [
        (title, table if not table.empty else pd.DataFrame({"": ["Nothing found."]}))
        for title, table in _sections(framework, graph, found, grading)
    ]
    if framework.attribution:
        sheets.append(("About", pd.DataFrame({"Attribution": [framework.attribution]})))
    return xlsx_bytes(sheets)
