"""Structure review for leadership and HR: is the framework sound?

Pure functions over a framework and its graph:

* :func:`grade_matrix` — grade × discipline: which rungs are filled, referenced only, or empty;
* :func:`ladder_gaps` — missing grades between consecutive rungs of a ladder;
* :func:`dead_ends` / :func:`unreachable` — roles with no onward move, roles with no way in;
* :func:`unknown_grades` — roles with no stated grade and the bounds their reporting lines imply;
* :func:`skill_cliffs` — promotions ranked by skill levels to gain; :func:`inversions` (and
  :func:`inversion_table`) — a higher rung requiring less than the one below;
* :func:`spans` and :func:`reporting_tree` — reporting lines as a tree, with span of control per role and
  totals per discipline;
* :func:`referenced_roles` — roles named by documents but not described by one;
* :func:`findings` — all of it ranked (a problem, worth a look, by design), each finding with a one-line why,
  the roles involved and a recommended action.

:func:`review_markdown` and :func:`review_xlsx` put it all in one document for HR (with the grading
consistency of :mod:`framework.grading`): a summary first, plain numbers and words, role names rather than ids.
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
    "BY_DESIGN",
    "FILLED",
    "PROBLEM",
    "REFERENCED",
    "SEVERITIES",
    "WORTH_A_LOOK",
    "CliffRule",
    "Finding",
    "Inversion",
    "LadderGap",
    "dead_ends",
    "findings",
    "findings_table",
    "grade_matrix",
    "inversion_table",
    "inversions",
    "ladder_gaps",
    "referenced_roles",
    "reporting_tree",
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
    steps into roles with skills; or, where the graph counts expectations (a framework written as
    expectations, :func:`framework.graph.build_graph`), the expectations to meet, in a column of that name —
    never a level scale the framework does not have.

    Every promotion edge of the graph is measured, including those through a rung that states no requirements
    of its own (a role only named in another document): the step is then measured from the nearest rung below
    that does state them, as the graph does (a person who reached the empty rung holds what that one needs),
    and ``Through`` names the rungs passed. ``Grades skipped`` names the grades of the scale between the two
    ends that no role of stated grade on the ladder fills. A step into a role that states nothing is left out:
    it asks nothing measurable."""
    if graph.graph.get("counts_expectations"):
        from .expectations import role_expectations

        counted = {r.id for r in framework.roles if role_expectations(framework, r)}
        column, attribute = "Expectations to meet", "expectations_to_gain"
    else:
        counted = {r.id for r in framework.roles if r.skills}
        column, attribute = "Levels to gain", "levels_to_gain"
    measured_from = _measured_from(graph, counted)
    filled = _filled_ranks(framework)
    rows = []
    for u, v, d in graph.edges(data=True):
        if v not in counted or not any(kind == "promotion" for kind, _ in d["relations"]):
            continue
        found = measured_from(u)
        if found is None:
            continue
        start, through = found
        role = framework.role(start)
        rows.append(
            {
                "From": role.title,
                "To": framework.role(v).title,
                "Discipline": framework.discipline_label(role.discipline),
                "Grades": f"{_grade_text(framework, graph, start)} → {_grade_text(framework, graph, v)}",
                column: d.get(attribute, 0),
                "Through": ", ".join(framework.role(r).title for r in through),
                "Grades skipped": ", ".join(_skipped(framework, graph, start, v, filled)),
                "from_id": start,
                "to_id": v,
            }
        )
    columns = ["From", "To", "Discipline", "Grades", column, "Through", "Grades skipped", "from_id", "to_id"]
    table = pd.DataFrame(rows, columns=columns).drop_duplicates(["from_id", "to_id"])
    return table.sort_values([column, "From"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _grade_text(framework: Framework, graph: nx.DiGraph, role_id: str) -> str:
    grade = graph.nodes[role_id]["grade"]
    return framework.grade_label(grade) if grade else "grade not stated"


def _measured_from(graph: nx.DiGraph, counted: set[str]):
    """``found(role_id) -> (start, through) | None``: the role itself when it states requirements, else the
    nearest role below it along promotions that does, with the rungs passed on the way (lowest first).
    Remembered per role, so a long ladder of empty rungs is walked once."""
    memo: dict[str, tuple[str, tuple[str, ...]] | None] = {}

    def found(node: str) -> tuple[str, tuple[str, ...]] | None:
        trail: list[str] = []
        current: str | None = node
        seen: set[str] = set()
        while current is not None and current not in memo:
            if current in counted:
                memo[current] = (current, ())
                break
            if current in seen:  # a loop of stated moves: no rung below to measure from
                memo[current] = None
                break
            seen.add(current)
            trail.append(current)
            below = sorted(
                (p for p, _, d in graph.in_edges(current, data=True)
                 if any(kind == "promotion" for kind, _ in d["relations"])),
                key=lambda p: (-(graph.nodes[p]["position"] or 0), p),
            )  # fmt: skip
            current = below[0] if below else None
        result = memo.get(current) if current is not None else None
        for step in reversed(trail):  # from the nearest to the start upwards
            if step not in memo:
                result = memo[step] = None if result is None else (result[0], (*result[1], step))
        return memo.get(node)

    return found


def _filled_ranks(framework: Framework) -> dict[tuple, set[int]]:
    out: dict[tuple, set[int]] = {}
    for role in framework.roles:
        if role.grade is not None and role.discipline is not None:
            out.setdefault((role.discipline, role.track), set()).add(framework.grade_rank[role.grade])
    return out


def _skipped(framework: Framework, graph: nx.DiGraph, start: str, end: str, filled: dict) -> list[str]:
    low, high = graph.nodes[start]["grade_rank"], graph.nodes[end]["grade_rank"]
    if low is None or high is None:
        return []
    role = framework.role(start)
    taken = filled.get((role.discipline, role.track), set())
    return [framework.grades[i].label for i in range(low + 1, high) if i not in taken]


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


# --------------------------------------------------------------------------- findings: what to do

PROBLEM, WORTH_A_LOOK, BY_DESIGN = "problem", "worth a look", "by design"
SEVERITIES = (PROBLEM, WORTH_A_LOOK, BY_DESIGN)  #: most pressing first


@dataclass(frozen=True)
class Finding:
    """One thing the review found, ranked and with what to do about it.

    ``kind`` is a stable name of the check ("skill cliff", "dead end", …) and ``roles`` the role ids involved,
    in the order the text names them: together they identify a finding across versions of a framework
    (:mod:`framework.versions`). ``title`` says what, ``why`` says in one line why it matters (or why it is
    expected), ``action`` what to do (for a finding by design: that nothing needs doing, and when it would).
    """

    severity: str
    kind: str
    title: str
    why: str
    action: str
    roles: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, tuple[str, ...]]:
        return (self.kind, self.roles)


@dataclass(frozen=True)
class CliffRule:
    """When a promotion is a cliff: it asks at least ``problem_ratio`` (a problem) or ``look_ratio`` (worth a
    look) times the median of the framework's promotions, and never fewer than ``min_levels``.

    Relative to the framework's own median, because scales differ: a DDaT promotion asks 6 skill levels at the
    median, a council one 5; twice the median is a step that asks as much as two ordinary promotions at once.
    """

    problem_ratio: float = 2.0
    look_ratio: float = 1.5
    min_levels: int = 4


def _names(framework: Framework, ids) -> str:
    titles = [framework.role(i).title for i in ids]
    if len(titles) <= 2:
        return " and ".join(titles)
    return ", ".join(titles[:-1]) + " and " + titles[-1]


def _ladder_tops(framework: Framework, graph: nx.DiGraph) -> dict[tuple, float]:
    tops: dict[tuple, float] = {}
    for role in framework.roles:
        position = graph.nodes[role.id]["position"]
        if position is not None and role.discipline is not None:
            key = (role.discipline, role.track)
            tops[key] = max(tops.get(key, position), position)
    return tops


def findings(framework: Framework, graph: nx.DiGraph, *, cliffs: CliffRule | None = None) -> list[Finding]:
    """Every finding of the review, most pressing first (problems, then worth a look, then by design).

    * **isolated roles** — roles that no move leads into or out of, alone on their ladder: a problem, one
      finding per grade, naming the grade below whose roles lead nowhere near them (DDaT: no Head role leads to
      any Chief role);
    * **skill cliffs** — promotions asking far more than the framework's usual step (:class:`CliffRule`),
      measured along every promotion, across rungs with no requirements of their own (:func:`skill_cliffs`);
    * **dead ends** — roles with no onward move below the top of their ladder: a problem; at the top of their
      ladder or of the scale: by design;
    * **no way in** — roles no move leads into above the bottom of their ladder: a problem; the lowest rung of a
      ladder is where people join it: by design;
    * **missing rungs** (:func:`ladder_gaps`), **skill inversions** (:func:`inversions`) and **roles whose grade
      is not stated**: worth a look;
    * **roles only named in another document** (:func:`referenced_roles`): by design.
    """
    rule = cliffs or CliffRule()
    out: list[Finding] = []
    top_rank = len(framework.grades) - 1
    tops = _ladder_tops(framework, graph)
    lowest: dict[tuple, float] = {}
    ladder_size: dict[tuple, int] = {}
    for role in framework.roles:
        position = graph.nodes[role.id]["position"]
        if position is not None:
            key = (role.discipline, role.track)
            lowest[key] = min(lowest.get(key, position), position)
            ladder_size[key] = ladder_size.get(key, 0) + 1

    # Isolated roles: no way in, no way on, alone on their ladder.
    isolated: dict[int | None, list[str]] = {}
    for role in framework.roles:
        if graph.in_degree(role.id) or graph.out_degree(role.id):
            continue
        if ladder_size.get((role.discipline, role.track), 0) > 1:
            continue
        isolated.setdefault(graph.nodes[role.id]["grade_rank"], []).append(role.id)
    for rank, ids in isolated.items():
        grade = framework.grades[rank].label if rank is not None else None
        below = [
            r.id
            for r in framework.roles
            if rank is not None and rank > 0 and graph.nodes[r.id]["grade_rank"] == rank - 1
        ]
        where = f"{grade} role" if grade else "role"
        if below:
            lower = framework.grades[rank - 1].label
            title = f"No {lower} role leads to any {where}"
            them = "them" if len(ids) > 1 else "it"
            nobody = f"none of the {len(below)} {lower} roles has a" if len(below) > 1 else f"the {lower} role has no"
            why = (
                f"{_names(framework, ids)} can be reached by no move, and lead nowhere: {nobody} promotion or "
                f"lateral move to {them}, so {them} {'are' if len(ids) > 1 else 'is'} cut off from the rest of "
                "the structure"
            )
            action = (
                f"State the promotions from the {lower} roles that lead to each {where} (moves of kind "
                "promotion in the framework file), or give them a discipline and track shared with those roles"
            )
        else:
            title = f"{len(ids)} {where}{'s' if len(ids) != 1 else ''} that no move leads into or out of"
            why = f"{_names(framework, ids)} stand alone: no promotion, lateral move or reporting line links them"
            action = "Link each to the roles it is reached from and leads to (moves, reports_to), or remove it"
        out.append(Finding(PROBLEM, "isolated roles", title, why, action, tuple(ids)))
    alone = {i for ids in isolated.values() for i in ids}

    # Skill cliffs, measured along every promotion.
    table = skill_cliffs(framework, graph)
    if not table.empty:
        column = table.columns[4]
        median = float(table[column].median())
        what = "skill levels to gain" if column == "Levels to gain" else "expectations to meet"
        # Two columns' names are not identifiers ("Levels to gain" or "Expectations to meet", "Grades skipped"):
        # they are read by name, the rest as attributes.
        for row, size, skipped in zip(
            table.itertuples(index=False), table[column].astype(int), table["Grades skipped"], strict=True
        ):
            if size < rule.min_levels:
                continue
            if size >= rule.problem_ratio * median:  # a median of 0 makes any step of min_levels a problem
                severity = PROBLEM
            elif size >= rule.look_ratio * median:
                severity = WORTH_A_LOOK
            else:
                continue
            ratio = _number(round(size / median, 1)) if median else "many"
            why = (
                f"{size} {what} in one promotion ({row.Grades}), {ratio} times the framework's median promotion of "
                f"{_number(median)}"
            )
            if row.Through:
                why += f"; through {row.Through}, which states no requirements of its own"
            if skipped:
                why += f"; no role of stated grade at {skipped} on this ladder"
            action = (
                f"Add or describe a rung between {row.From} and {row.To}"
                + (f" (state the grade and skills of {row.Through})" if row.Through else "")
                + f", or spread the {what} over the rungs so each promotion asks a similar step"
            )
            out.append(
                Finding(
                    severity, "skill cliff", f"Skill cliff: {row.From} → {row.To}", why, action,
                    (row.from_id, row.to_id),
                )
            )  # fmt: skip

    # Dead ends and roles with no way in.
    top_ends, entry = [], []
    for role in framework.roles:
        if role.id in alone:
            continue
        position = graph.nodes[role.id]["position"]
        key = (role.discipline, role.track)
        if graph.out_degree(role.id) == 0:
            at_top = (position or -1) >= top_rank or position is None or position >= tops.get(key, -1)
            if at_top:
                top_ends.append(role.id)
            else:
                out.append(
                    Finding(
                        PROBLEM, "dead end", f"Dead end: {role.title}",
                        f"{role.title} ({_grade_text(framework, graph, role.id)}) has no onward move, though its "
                        "ladder goes higher",
                        f"Link {role.title} to the next rung up (a promotion in the framework file), or say in its "
                        "description where people go from it",
                        (role.id,),
                    )
                )  # fmt: skip
        if graph.in_degree(role.id) == 0:
            if position is None or position <= lowest.get(key, -1):
                entry.append(role.id)
            else:
                out.append(
                    Finding(
                        PROBLEM, "no way in", f"No way in: {role.title}",
                        f"No move leads into {role.title} ({_grade_text(framework, graph, role.id)}), though it is "
                        "not the lowest rung of its ladder",
                        f"Link the rung below to {role.title} with a promotion, or a role elsewhere with a lateral "
                        "move",
                        (role.id,),
                    )
                )  # fmt: skip

    for gap in ladder_gaps(framework, graph):
        ladder = gap.discipline + (f" ({framework.track_label(gap.track)})" if gap.track else "")
        lower, upper = framework.role(gap.lower).title, framework.role(gap.upper).title
        why = f"The {ladder} ladder has no role at {', '.join(gap.missing)} between {lower} and {upper}"
        if gap.unplaced:
            names = _names(framework, gap.unplaced)
            why += f"; {names}, whose grade is not stated, sits between them"
            action = f"State the grade of {names}, so the ladder shows which rung it fills"
        else:
            action = (
                f"Confirm the step from {lower} to {upper} is meant to skip {', '.join(gap.missing)}, or add a rung"
            )
        out.append(
            Finding(
                WORTH_A_LOOK, "missing rung", f"Missing rung: {ladder}, {', '.join(gap.missing)}", why, action,
                (gap.lower, gap.upper, *gap.unplaced),
            )
        )  # fmt: skip

    by_pair: dict[tuple[str, str], list[Inversion]] = {}
    for inv in inversions(framework, graph):
        by_pair.setdefault((inv.lower, inv.upper), []).append(inv)
    levels = {lv.id: lv.name for lv in framework.skill_levels}
    for (low, high), found in by_pair.items():
        lower, upper = framework.role(low).title, framework.role(high).title
        listed = "; ".join(
            f"{_skill_name(framework, i.skill)}: {levels.get(i.lower_level, i.lower_level)} → "
            f"{levels.get(i.upper_level, i.upper_level)}"
            for i in found
        )
        out.append(
            Finding(
                WORTH_A_LOOK, "skill inversion", f"Skill inversion: {lower} → {upper}",
                f"{upper} needs {len(found)} skill{'s' if len(found) != 1 else ''} at a lower level than {lower}, "
                f"the rung below ({listed})",
                f"Check the levels {upper} asks for: raise them to at least {lower}'s, or record why the higher "
                "rung needs less",
                (low, high),
            )
        )  # fmt: skip

    unknown = [r.id for r in framework.roles if r.grade is None and r.id not in alone]
    if unknown:
        out.append(
            Finding(
                WORTH_A_LOOK, "grade not stated",
                f"{len(unknown)} role{'s' if len(unknown) != 1 else ''} whose grade is not stated",
                f"{_names(framework, unknown)}: no document states a grade, so the review places "
                f"{'them' if len(unknown) != 1 else 'it'} by reporting lines only",
                "State each grade in the framework file (grade:) where a document or HR record gives it",
                tuple(unknown),
            )
        )  # fmt: skip
    if entry:
        out.append(
            Finding(
                BY_DESIGN, "entry rung", f"{len(entry)} entry rung{'s' if len(entry) != 1 else ''}",
                f"{_names(framework, entry)}: no move leads in because each is the lowest rung of its ladder, "
                "where people join it",
                "Nothing to do; link a role from another ladder with a lateral move if people also join from there",
                tuple(entry),
            )
        )  # fmt: skip
    if top_ends:
        out.append(
            Finding(
                BY_DESIGN, "top of ladder", f"{len(top_ends)} top{'s' if len(top_ends) != 1 else ''} of ladders",
                f"{_names(framework, top_ends)}: no onward move because each is the highest rung of its ladder "
                "or of the grade scale",
                "Nothing to do; add a move where a next step exists outside the framework's ladders",
                tuple(top_ends),
            )
        )  # fmt: skip
    named = [r.id for r in framework.roles if isinstance(r.source, ReferencedSource)]
    if named:
        out.append(
            Finding(
                BY_DESIGN, "named only", f"{len(named)} role{'s' if len(named) != 1 else ''} named in another document",
                f"{_names(framework, named)}: named by another role's job description, with no document of "
                "their own; the framework invents no text for them",
                "Nothing to do; add each role's own job description when there is one",
                tuple(named),
            )
        )  # fmt: skip
    return sorted(out, key=lambda f: SEVERITIES.index(f.severity))


def _skill_name(framework: Framework, skill_id: str) -> str:
    skill = framework.skills_by_id.get(skill_id)
    return skill.name if skill else skill_id


def _number(value) -> str:
    """A number as a person writes it: 5, 5.5, 1,000,000 (never 5.0)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.1f}"


def findings_table(found: list[Finding], framework: Framework) -> pd.DataFrame:
    """The findings as a table: severity, what, why, the roles by name, what to do, and the role ids last."""
    return pd.DataFrame(
        [
            {
                "Severity": f.severity.capitalize(),
                "Finding": f.title,
                "Why": f.why,
                "Roles": "; ".join(framework.role(r).title for r in f.roles),
                "Recommended action": f.action,
                "Role ids": ", ".join(f.roles),
            }
            for f in found
        ],
        columns=["Severity", "Finding", "Why", "Roles", "Recommended action", "Role ids"],
    )


# --------------------------------------------------------------------------- one document


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


def reporting_tree(framework: Framework) -> pd.DataFrame:
    """Reporting lines as a table in tree order: each manager followed by the roles reporting to it, ``Level``
    counting down from the top of its tree (1), with span of control per role. Roles in no reporting line are
    left out (a framework without reporting lines gives an empty table, never a box per role)."""
    reports: dict[str, list[str]] = {}
    has_manager: set[str] = set()
    for role in framework.roles:
        if role.reports_to and role.reports_to.role in framework.roles_by_id and role.reports_to.role != role.id:
            reports.setdefault(role.reports_to.role, []).append(role.id)
            has_manager.add(role.id)
    counts = spans(framework).set_index("id")
    rows: list[dict] = []
    seen: set[str] = set()
    for top in (r.id for r in framework.roles if r.id not in has_manager and r.id in reports):
        stack = [(top, 1)]
        while stack:
            node, depth = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            role = framework.role(node)
            rows.append(
                {
                    "Level": depth,
                    "Role": role.title,
                    "Reports to": framework.role(role.reports_to.role).title if node in has_manager else "",
                    "Grade": framework.grade_label(role.grade) if role.grade else "not stated",
                    "Direct reports (roles)": int(counts.loc[node, "Direct reports (roles)"]),
                    "All reports (roles)": int(counts.loc[node, "All reports (roles)"]),
                    "id": node,
                }
            )
            stack.extend((child, depth + 1) for child in reversed(reports.get(node, [])))
    return pd.DataFrame(
        rows, columns=["Level", "Role", "Reports to", "Grade", "Direct reports (roles)", "All reports (roles)", "id"]
    )


def _sections(framework: Framework, graph: nx.DiGraph, found: list[Finding], grading: pd.DataFrame):
    """The review's tables, each with a plain-word title, ids only in columns of their own."""
    status, titles = grade_matrix(framework)
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
            for g in ladder_gaps(framework, graph)
        ],
        columns=["Discipline", "Track", "Below", "Above", "Missing grades", "Roles of unknown grade in between"],
    )
    span_table = spans(framework)
    referenced = referenced_roles(framework, graph)
    referenced["Reports to"] = [
        framework.role(r).title if r in framework.roles_by_id else r for r in referenced["Reports to"]
    ]
    cliffs = skill_cliffs(framework, graph).drop(columns=["from_id", "to_id"])
    return [
        ("Findings", findings_table(found, framework).drop(columns=["Role ids"])),
        ("Rung status", status.reset_index(names="Discipline")),
        ("Roles in each rung", titles.reset_index(names="Discipline")),
        ("Ladder gaps", gaps),
        ("Dead ends", _plain(dead_ends(framework, graph).drop(columns=["id"]))),
        ("No way in", _plain(unreachable(framework, graph).drop(columns=["id"]))),
        ("Roles of unknown grade", unknown_grades(framework, graph).drop(columns=["id"])),
        ("Skill cliffs", cliffs),
        ("Skill inversions", inversion_table(framework, graph)),
        ("Grading consistency", grading),
        ("Span of control", _plain(span_table.drop(columns=["id"]))),
        ("Totals per discipline", _plain(discipline_totals(span_table))),
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
        return _number(value.item() if hasattr(value, "item") else value)
    return md_escape(str(value))


def review_markdown(framework: Framework, graph: nx.DiGraph) -> str:
    """The review as one Markdown document: a summary, the findings by severity (each with why, the roles and
    what to do), then every table."""
    found, grading = findings(framework, graph), _grading(framework)
    lines = [f"# Structure review: {_md_cell(framework.name)}", ""]
    lines += [f"- **{name}:** {_md_cell(value)}" for name, value in _summary(framework, found, grading)] + [""]
    for severity in SEVERITIES:
        group = [f for f in found if f.severity == severity]
        lines += [f"## {severity.capitalize()} ({_number(len(group))})", ""]
        if not group:
            lines += ["Nothing found.", ""]
        for f in group:
            roles = "; ".join(framework.role(r).title for r in f.roles)
            lines.append(
                f"- **{md_escape(f.title)}** — {md_escape(f.why)}."
                + (f" Roles: {md_escape(roles)}." if roles else "")
                + f" *What to do:* {md_escape(f.action)}."
            )
        lines.append("")
    for title, table in _sections(framework, graph, found, grading)[1:]:
        lines += [f"## {title}", ""]
        if table.empty:
            lines += ["Nothing found.", ""]
            continue
        lines.append("| " + " | ".join(_md_cell(str(c)) for c in table.columns) + " |")
        lines.append("|" + "---|" * len(table.columns))
        for row in table.itertuples(index=False):
            lines.append("| " + " | ".join(_md_cell(v) for v in row) + " |")
        lines.append("")
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
