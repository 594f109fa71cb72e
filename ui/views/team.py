"""Team: a line manager's view of several development records at once — who holds which skill at what level,
each member against their own target, the team's coverage of the skills its roles need, and single points of
failure.

The records are read for this page view only: they live in the upload widget of this browser session and are
never kept in a cache other sessions share, never written to disk or logs.
"""

from __future__ import annotations

import html
import textwrap

import plotly.graph_objects as go
import streamlit as st

from framework import FrameworkError
from framework.dates import uk_date
from framework.plan import catalogue_notices
from framework.record import load_record
from framework.team import (
    DUE,
    DUE_WITHIN,
    OVERDUE,
    SecondHolder,
    TeamView,
    closing_single_points,
    team_csv,
    team_view,
)
from framework.wording import and_list
from ui import downloads, learning, render, state
from ui.data import describe_error
from ui.plotly_once import drawn_once, plotly_chart
from ui.render import md
from ui.resources import resource_markdown

#: A sequential scale that stays readable in greyscale and for the common colour-vision deficiencies (cividis).
SCALE = "cividis"
MAX_RECORDS = 50


def main() -> None:
    loaded = state.framework()
    fw = loaded.framework
    st.title("Team")
    st.markdown(
        "For line managers: load your team's development records (the files each person saves on the "
        "Development record page) for the monthly round — whose check-in is due or overdue, which actions are "
        "open or overdue, what moved since each person's previous check-in — and to see how well the team "
        "covers the skills its roles need, where one person alone holds one, each person against their own "
        "role and target, and who holds which skill at what level."
    )
    st.info(
        "Nothing is stored: the records are read for this browser tab only, never kept on the server, and are "
        "gone when you close the tab or remove them here.",
        icon=":material/lock:",
    )
    uploads = st.file_uploader(
        "Load the team's development records",
        type=["yaml", "yml", "json"],
        accept_multiple_files=True,
        key="team_uploads",
        max_upload_size=1,
        help=f"Up to {MAX_RECORDS} records (YAML or JSON), each saved from the Development record page.",
    )
    records, refused = [], 0
    for upload in (uploads or [])[:MAX_RECORDS]:
        try:
            record, warnings = load_record(upload.getvalue(), name=upload.name, framework=fw)
        except FrameworkError as error:
            refused += 1
            st.error(f"{md(upload.name)} could not be read, so it is left out:", icon=":material/error:")
            st.code("\n".join(describe_error(error)), language=None)
            continue
        if warnings:
            st.warning(f"{md(upload.name)} was read with warnings:", icon=":material/warning:")
            st.code("\n".join(str(w) for w in warnings), language=None)
        records.append((upload.name, record))
    if len(uploads or []) > MAX_RECORDS:
        st.warning(f"Only the first {MAX_RECORDS} records are read.", icon=":material/warning:")
    if not records:
        if not refused:
            st.markdown("Load one or more records above to see the team.")
        st.stop()
    view = team_view(fw, records)
    library = learning.library(loaded)
    closing = closing_single_points(fw, view, library)
    show(view, closing, catalogue_notices(library, (r for second in closing for r in second.resources)))


def _heatmap(view: TeamView) -> go.Figure:
    """A row per skill and a column per member: members are few, skills many, so the chart grows downwards and
    stays readable on a phone. A cell with no level known is left blank, not drawn as the lowest level."""
    known = view.matrix.T != ""
    z = view.ranks.T.where(known)
    text = [[value or "" for value in row] for row in view.matrix.T.values]
    skills = [_wrap(html.escape(str(c), quote=False)) for c in view.matrix.columns]
    figure = go.Figure(
        go.Heatmap(
            z=z.values,
            x=[html.escape(m, quote=False) for m in view.members],
            y=skills,
            text=[[html.escape(t, quote=False) for t in row] for row in text],
            texttemplate="%{text}",
            colorscale=SCALE,
            showscale=False,
            xgap=2,
            ygap=2,
            hoverongaps=False,
            hovertemplate="%{x}<br>%{y}: %{text}<extra></extra>",
        )
    )
    figure.update_layout(
        height=max(240, 44 * len(skills) + 120),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis={"side": "top", "automargin": True},
    )
    return figure


def _wrap(label: str, width: int = 22) -> str:
    """A skill's name on lines of about ``width`` characters, so the names leave the cells room on a phone."""
    return "<br>".join(textwrap.wrap(label, width)) or label


def show(view: TeamView, closing: tuple[SecondHolder, ...] = (), notices: str | None = None) -> None:
    count = len(view.members)
    st.header(f"{count} member{'s' * (count != 1)}")
    _round(view)
    _coverage(view, closing)
    if notices:
        st.caption(f"Learning resources: {md(notices)}")
    st.subheader("Each member against their own role, and their target")
    render.stacked_table(
        view.targets.replace("", "—"),
        key="stacked-team-targets",
        intro="How many of the skill levels their own role asks each member holds, and — apart, since it is where "
        "they are going — of their target's, with the levels still to gain.",
    )
    _matrix(view)
    _export(view)


def _round(view: TeamView) -> None:
    st.subheader("The monthly round")
    overdue = [r.member for r in view.rounds if r.check_in == OVERDUE]
    due = [r.member for r in view.rounds if r.check_in == DUE]
    late = sum(len(r.overdue_actions) for r in view.rounds)
    said = [
        f"Check-ins overdue: {md(', '.join(overdue))}." if overdue else "No check-in is overdue.",
        f"Due by {uk_date(view.today + DUE_WITHIN)}: {md(', '.join(due))}." if due else "",
        f"{late} action{'s' * (late != 1)} overdue." if late else "No action is overdue.",
    ]
    render.stacked_table(
        view.round_table,
        key="stacked-team-round",
        intro=" ".join(s for s in said if s)
        + f" As of {uk_date(view.today)}; “moved” compares each member's latest check-in with the one before, "
        "in one voice.",
    )


def _closing(second: SecondHolder) -> str:
    """How a single point of failure would close, under its line: who is nearest to covering the skill too, at
    what level, and the ways to learn it there."""
    who = and_list(second.members)
    each = " each" if len(second.members) > 1 else ""
    levels = f"{second.gain} level{'s' * (second.gain != 1)} to gain{each}"
    lines = [f"  To close it: {md(who)} would cover it at {md(second.level_name)} ({levels})."]
    if second.resources:
        lines[0] += " Ways to learn it there:"
        lines += [textwrap.indent(resource_markdown(r.resource, found=r.found), "  ") for r in second.resources]
    else:
        lines[0] += " No resource in the catalogues in use names that level."
    return "\n\n".join(lines)


def _coverage(view: TeamView, closing: tuple[SecondHolder, ...] = ()) -> None:
    st.subheader("Coverage of the skills the team's roles need")
    if not view.coverage:
        st.markdown("The members' current roles name no skills, so there is nothing to cover.")
        return
    render.stacked_table(
        view.coverage_table,
        key="stacked-team-coverage",
        intro="Each member is judged against their own role: they cover a skill when they hold it at the level "
        "their role needs (or, where their role does not need it, at the lowest level the team's roles need). "
        "Targets do not count. Fewest first.",
    )
    st.markdown(
        "**Single points of failure** — a needed skill one member alone covers; under each, who is nearest to "
        "covering it too, and ways to learn it from the learning catalogues in use:"
    )
    if view.single_points:
        by_skill = {second.coverage.skill: second for second in closing}
        items = []
        for c in view.single_points:
            item = f"- **{md(c.name)}**: only {md(c.holders[0])} — needed by {md(c.needed)}"
            if c.skill in by_skill:
                item += "\n\n" + _closing(by_skill[c.skill])
            items.append(item)
        with st.container(key="team-single-points"):
            st.markdown("\n".join(items))
    else:
        st.markdown("No needed skill rests on one member alone.")
    if view.uncovered:
        st.markdown(
            "**Needed but covered by no one:** "
            + "; ".join(f"{md(c.name)} ({md(c.needed)})" for c in view.uncovered)
            + "."
        )
    if view.top_uncovered:
        st.markdown(
            "**Covered, but no one holds the highest level the team's roles need:** "
            + "; ".join(f"{md(c.name)} ({md(c.top)})" for c in view.top_uncovered)
            + "."
        )


def _matrix(view: TeamView) -> None:
    count = len(view.members)
    st.subheader("Skills matrix")
    st.markdown(
        md(view.sources) + " A row per skill and a column per member. Darker cells are lower levels; each cell "
        "names its level, so colour is not needed, and a blank cell is a skill with no level known."
    )
    plotly_chart(
        drawn_once(_heatmap(view)),
        config={"displayModeBar": False},
        alt=f"Skills matrix of {count} members and {len(view.skills)} skills; the table below gives every cell.",
    )
    by_skill = view.matrix.T.rename_axis("Skill").reset_index().replace("", "—")
    by_skill.columns = ["Skill", *view.members]
    render.stacked_table(
        by_skill,
        key="stacked-team-matrix",
        intro="**The matrix as a table**, a row per skill and a column per member (— where no level is known):",
    )


def _export(view: TeamView) -> None:
    """Every file the page offers, in one place."""
    st.subheader("Export")
    buttons = st.container(horizontal=True)
    downloads.offer(
        "Download the team view (Excel)", downloads.Apart("team-xlsx", (view,)), "team-skills.xlsx", where=buttons
    )
    downloads.offer("Download the matrix (CSV)", lambda: team_csv(view).encode(), "team-skills.csv", where=buttons)
