"""Structure review for leadership and HR: is the framework sound?

Pure functions over a framework and its graph:

* :func:`grade_matrix` — grade × discipline: which rungs are filled, referenced only, or empty;
* :func:`ladder_gaps` — missing grades between consecutive rungs of a ladder;
* :func:`dead_ends` / :func:`unreachable` — roles with no onward move, roles with no way in;
* :func:`unknown_grades` — roles with no stated grade and the bounds their reporting lines imply;
* :func:`skill_cliffs` — promotions ranked by skill levels to gain; :func:`inversions` (and
  :func:`inversion_table`) — a higher rung requiring less than the one below;
* :func:`spans` — reporting lines as a tree, with span of control per role and totals per discipline;
* :func:`referenced_roles` — roles named by documents but not described by one.

:func:`review_markdown` and :func:`review_xlsx` put it all in one document.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from .catalogue import source_text
from .cells import xlsx_bytes
from .models import Framework, ReferencedSource
from .textsafe import md_escape

__all__ = [
    "FILLED",
    "REFERENCED",
    "Inversion",
    "LadderGap",
    "dead_ends",
    "grade_matrix",
    "inversion_table",
    "inversions",
    "ladder_gaps",
    "referenced_roles",
    "review_markdown",
    "review_xlsx",
    "skill_cliffs",
    "spans",
    "unknown_grades",
    "unreachable",
]

FILLED, REFERENCED, EMPTY = "filled", "referenced only", "empty"
NO_DISCIPLINE = "No discipline"


def _disciplines(framework: Framework) -> list[tuple[str | None, str]]:
    out = [(d.id, d.name) for d in framework.disciplines]
    if any(r.discipline is None for r in framework.roles):
        out.append((None, NO_DISCIPLINE))
    return out


def grade_matrix(framework: Framework) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(status, titles): discipline rows × grade columns (plus "Grade not stated").

    ``status`` holds ``filled`` (a described role), ``referenced only`` or ``empty``; ``titles`` the roles.
    """
    columns = [g.label for g in framework.grades] + ["Grade not stated"]
    index = [name for _, name in _disciplines(framework)]
    # Filled in plain dicts, then made into frames once: writing cell by cell into a DataFrame costs about a
    # millisecond a cell.
    status = {row: dict.fromkeys(columns, EMPTY) for row in index}
    titles = {row: dict.fromkeys(columns, "") for row in index}
    for role in framework.roles:
        row = framework.discipline_label(role.discipline) if role.discipline else NO_DISCIPLINE
        column = framework.grade_label(role.grade) if role.grade else "Grade not stated"
        titles[row][column] = "; ".join(filter(None, [titles[row][column], role.title]))
        if role.status == "described":
            status[row][column] = FILLED
        elif status[row][column] == EMPTY:
            status[row][column] = REFERENCED

    def frame(cells: dict[str, dict[str, str]]) -> pd.DataFrame:
        return pd.DataFrame([[cells[row][c] for c in columns] for row in index], index=index, columns=columns)

    return frame(status), frame(titles)


@dataclass(frozen=True)
class LadderGap:
    discipline: str
    track: str | None
    lower: str  # role id of the rung below the gap
    upper: str  # role id of the rung above
    missing: tuple[str, ...]  # grade labels with no role between them
    unplaced: tuple[str, ...]  # roles of unknown grade the graph places between them (may fill a gap)


def _ladders(framework: Framework) -> dict[tuple, list]:
    ladders: dict[tuple, list] = {}
    for role in framework.roles:
        if role.discipline is not None:
            ladders.setdefault((role.discipline, role.track), []).append(role)
    return ladders


def ladder_gaps(framework: Framework, graph: nx.DiGraph) -> list[LadderGap]:
    """Missing grades between consecutive rungs (with a stated grade) of each ladder."""
    rank = framework.grade_rank
    out = []
    for (discipline, track), roles in _ladders(framework).items():
        known = sorted((r for r in roles if r.grade is not None), key=lambda r: rank[r.grade])
        by_rank: dict[int, list] = {}
        for role in known:
            by_rank.setdefault(rank[role.grade], []).append(role)
        ranks = sorted(by_rank)
        for low, high in itertools.pairwise(ranks):
            if high - low <= 1:
                continue
            between = tuple(
                r.id
                for r in roles
                if r.grade is None
                and graph.nodes[r.id]["position"] is not None
                and low < graph.nodes[r.id]["position"] < high
            )
            out.append(
                LadderGap(
                    discipline=framework.discipline_label(discipline),
                    track=track,
                    lower=by_rank[low][0].id,
                    upper=by_rank[high][0].id,
                    missing=tuple(g.label for g in framework.grades[low + 1 : high]),
                    unplaced=between,
                )
            )
    return out


def _role_row(framework: Framework, graph: nx.DiGraph, role, **extra) -> dict:
    grade = framework.grade_label(role.grade) if role.grade else graph.nodes[role.id]["bounds"]
    return {
        "id": role.id,
        "Role": role.title,
        "Discipline": framework.discipline_label(role.discipline),
        "Grade": grade,
        **extra,
    }


def dead_ends(framework: Framework, graph: nx.DiGraph) -> pd.DataFrame:
    """Roles with no onward move; ``top of scale`` marks those already at the highest grade or above."""
    top = len(framework.grades) - 1
    rows = [
        _role_row(framework, graph, role, **{"Top of scale": (graph.nodes[role.id]["position"] or -1) >= top})
        for role in framework.roles
        if graph.out_degree(role.id) == 0
    ]
    return pd.DataFrame(rows, columns=["id", "Role", "Discipline", "Grade", "Top of scale"])


def unreachable(framework: Framework, graph: nx.DiGraph) -> pd.DataFrame:
    """Roles no move leads into; ``entry rung`` marks the lowest rung of their ladder (a natural way in)."""
    lowest: dict[tuple, float] = {}
    for role in framework.roles:
        position = graph.nodes[role.id]["position"]
        if position is not None:
            key = (role.discipline, role.track)
            lowest[key] = min(lowest.get(key, position), position)
    rows = [
        _role_row(
            framework,
            graph,
            role,
            **{"Entry rung": graph.nodes[role.id]["position"] == lowest.get((role.discipline, role.track), -1)},
        )
        for role in framework.roles
        if graph.in_degree(role.id) == 0
    ]
    return pd.DataFrame(rows, columns=["id", "Role", "Discipline", "Grade", "Entry rung"])


def unknown_grades(framework: Framework, graph: nx.DiGraph) -> pd.DataFrame:
    rows = [
        {
            "id": r.id,
            "Role": r.title,
            "Discipline": framework.discipline_label(r.discipline),
            "Bounds": graph.nodes[r.id]["bounds"].removeprefix("grade not stated; ").removeprefix("grade not stated"),
        }
        for r in framework.roles
        if r.grade is None
    ]
    for row in rows:
        row["Bounds"] = row["Bounds"] or "no reporting line places it"
    return pd.DataFrame(rows, columns=["id", "Role", "Discipline", "Bounds"])


def skill_cliffs(framework: Framework, graph: nx.DiGraph) -> pd.DataFrame:
    """Promotions ranked by what they ask beyond the rung below (biggest first): the skill levels to gain, for
    steps between roles with skills; or, where the graph counts expectations (a framework written as
    expectations, :func:`framework.graph.build_graph`), the expectations to meet, in a column of that name,
    for steps between roles that state expectations — never a level scale the framework does not have."""
    if graph.graph.get("counts_expectations"):
        from .expectations import role_expectations

        counted = {r.id for r in framework.roles if role_expectations(framework, r)}
        column, attribute = "Expectations to meet", "expectations_to_gain"
    else:
        counted = {r.id for r in framework.roles if r.skills}
        column, attribute = "Levels to gain", "levels_to_gain"
    rows = [
        {
            "From": framework.role(u).title,
            "To": framework.role(v).title,
            "Discipline": framework.discipline_label(framework.role(u).discipline),
            "Grades": f"{graph.nodes[u]['grade'] or '?'} → {graph.nodes[v]['grade'] or '?'}",
            column: d.get(attribute, 0),
            "from_id": u,
            "to_id": v,
        }
        for u, v, d in graph.edges(data=True)
        if any(kind == "promotion" for kind, _ in d["relations"]) and u in counted and v in counted
    ]
    table = pd.DataFrame(rows, columns=["From", "To", "Discipline", "Grades", column, "from_id", "to_id"])
    return table.sort_values([column, "From"], ascending=[False, True], kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class Inversion:
    lower: str
    upper: str
    skill: str
    lower_level: str
    upper_level: str


def inversions(framework: Framework, graph: nx.DiGraph) -> list[Inversion]:
    """Skills a higher rung requires at a lower level than the rung below it (promotion edges)."""
    rank = framework.level_rank
    out = []
    for u, v, d in graph.edges(data=True):
        if not any(kind == "promotion" for kind, _ in d["relations"]):
            continue
        below = {req.skill: req.level for req in framework.role(u).skills}
        for req in framework.role(v).skills:
            if req.skill in below and rank.get(req.level, 0) < rank.get(below[req.skill], 0):
                out.append(Inversion(u, v, req.skill, below[req.skill], req.level))
    return out


def inversion_table(framework: Framework, graph: nx.DiGraph) -> pd.DataFrame:
    """:func:`inversions` as a table: the two rungs, the skill, and the level each needs."""
    columns = ["Lower rung", "Higher rung", "Skill", "Lower rung needs", "Higher rung needs"]
    rows = [
        {
            "Lower rung": framework.role(i.lower).title,
            "Higher rung": framework.role(i.upper).title,
            "Skill": framework.skills_by_id[i.skill].name if i.skill in framework.skills_by_id else i.skill,
            "Lower rung needs": i.lower_level,
            "Higher rung needs": i.upper_level,
        }
        for i in inversions(framework, graph)
    ]
    return pd.DataFrame(rows, columns=columns)


def spans(framework: Framework) -> pd.DataFrame:
    """One row per role: its manager (the tree), direct and indirect reports in the framework, and the staff
    and budget its document states."""
    tree = nx.DiGraph()
    tree.add_nodes_from(r.id for r in framework.roles)
    for role in framework.roles:
        if role.reports_to and role.reports_to.role in framework.roles_by_id:
            tree.add_edge(role.reports_to.role, role.id)
    rows = []
    for role in framework.roles:
        span = role.management
        line = role.reports_to
        manager = framework.role(line.role).title if line and line.role in framework.roles_by_id else ""
        rows.append(
            {
                "id": role.id,
                "Role": role.title,
                "Discipline": framework.discipline_label(role.discipline) if role.discipline else NO_DISCIPLINE,
                "Reports to": manager,
                "Direct reports (roles)": tree.out_degree(role.id),
                "All reports (roles)": len(nx.descendants(tree, role.id)),
                "Direct staff (stated)": span.direct if span else None,
                "Indirect staff (stated)": span.indirect if span else None,
                "Budget (£, stated)": role.budget.amount_gbp if role.budget else None,
            }
        )
    return pd.DataFrame(rows)


def discipline_totals(span_table: pd.DataFrame) -> pd.DataFrame:
    numeric = ["Direct staff (stated)", "Indirect staff (stated)", "Budget (£, stated)"]
    totals = span_table.groupby("Discipline", sort=False)[numeric].sum(min_count=1)
    totals.insert(0, "Roles", span_table.groupby("Discipline", sort=False).size())
    return totals.reset_index()


def referenced_roles(framework: Framework, graph: nx.DiGraph) -> pd.DataFrame:
    rows = []
    for role in framework.roles:
        if isinstance(role.source, ReferencedSource):
            rows.append(
                {
                    "id": role.id,
                    "Role": role.title,
                    "Discipline": framework.discipline_label(role.discipline),
                    "Grade": framework.grade_label(role.grade) if role.grade else graph.nodes[role.id]["bounds"],
                    "Named by": source_text(framework, role).removeprefix("Named in the job description of "),
                    "Evidence": " | ".join(ref.evidence for ref in role.source.referenced_by),
                    "Reports to": role.reports_to.role if role.reports_to else "",
                    "Skills (from benchmark)": len(role.skills),
                }
            )
    return pd.DataFrame(
        rows,
        columns=["id", "Role", "Discipline", "Grade", "Named by", "Evidence", "Reports to", "Skills (from benchmark)"],
    )


# --------------------------------------------------------------------------- one document


def _sections(framework: Framework, graph: nx.DiGraph) -> list[tuple[str, pd.DataFrame]]:
    status, titles = grade_matrix(framework)
    gaps = pd.DataFrame(
        [
            {
                "Discipline": g.discipline,
                "Track": g.track or "",
                "Below": framework.role(g.lower).title,
                "Above": framework.role(g.upper).title,
                "Missing grades": ", ".join(g.missing),
                "Roles of unknown grade in between": ", ".join(framework.role(r).title for r in g.unplaced),
            }
            for g in ladder_gaps(framework, graph)
        ]
    )
    inv = inversion_table(framework, graph)
    span_table = spans(framework)
    return [
        ("Grade × discipline: rung status", status.reset_index(names="Discipline")),
        ("Grade × discipline: roles", titles.reset_index(names="Discipline")),
        ("Ladder gaps", gaps),
        ("Dead ends", dead_ends(framework, graph).drop(columns=["id"])),
        ("No way in", unreachable(framework, graph).drop(columns=["id"])),
        ("Roles of unknown grade", unknown_grades(framework, graph).drop(columns=["id"])),
        ("Skill cliffs", skill_cliffs(framework, graph).drop(columns=["from_id", "to_id"])),
        ("Skill inversions", inv),
        ("Span of control", span_table.drop(columns=["id"])),
        ("Totals per discipline", discipline_totals(span_table)),
        ("Referenced roles", referenced_roles(framework, graph).drop(columns=["id"])),
    ]


def _md_cell(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return md_escape(str(value))


def review_markdown(framework: Framework, graph: nx.DiGraph) -> str:
    lines = [f"# Structure review: {_md_cell(framework.name)}", ""]
    for title, table in _sections(framework, graph):
        lines += [f"## {title}", ""]
        if table.empty:
            lines += ["None.", ""]
            continue
        lines.append("| " + " | ".join(_md_cell(c) for c in table.columns) + " |")
        lines.append("|" + "---|" * len(table.columns))
        for row in table.itertuples(index=False):
            lines.append("| " + " | ".join(_md_cell(v) for v in row) + " |")
        lines.append("")
    if framework.attribution:
        lines += ["---", "", _md_cell(framework.attribution), ""]
    return "\n".join(lines)


def review_xlsx(framework: Framework, graph: nx.DiGraph) -> bytes:
    """The review as a workbook, one sheet per section (every cell and heading made safe: :mod:`framework.cells`)."""
    return xlsx_bytes(
        (_sheet_name(title), table if not table.empty else pd.DataFrame({"": ["None."]}))
        for title, table in _sections(framework, graph)
    )


def _sheet_name(title: str) -> str:
    cleaned = "".join("-" if c in "[]:*?/\\" else c for c in title)
    return cleaned[:31]
