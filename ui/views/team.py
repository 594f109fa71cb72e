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
from framework.record import load_record
from framework.team import TeamView, team_csv, team_view
from ui import downloads, render, state
from ui.data import describe_error
from ui.render import md

#: A sequential scale that stays readable in greyscale and for the common colour-vision deficiencies (cividis).
SCALE = "cividis"
MAX_RECORDS = 50


def main() -> None:
    loaded = state.framework()
    fw = loaded.framework
    st.title("Team")
    st.markdown(
        "For line managers: load your team's development records (the files each person saves on the "
        "Development record page) to see who holds which skill at what level, each person against their own "
        "target, how well the team covers the skills its roles need, and where one person alone holds a "
        "needed skill."
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
    show(view)


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


def show(view: TeamView) -> None:
    count = len(view.members)
    st.header(f"{count} member{'s' * (count != 1)}")
    st.subheader("Skills matrix")
    st.markdown(
        md(view.sources) + " A row per skill and a column per member. Darker cells are lower levels; each cell "
        "names its level, so colour is not needed, and a blank cell is a skill with no level known."
    )
    st.plotly_chart(
        _heatmap(view),
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
    st.subheader("Each member against their own target")
    render.stacked_table(view.targets.replace("", "—"), key="stacked-team-targets")
    st.subheader("Coverage of the skills the team's roles need")
    if view.coverage:
        render.stacked_table(
            view.coverage_table,
            key="stacked-team-coverage",
            intro="How many members hold each skill at the level the team's roles need (the highest any of "
            "their current roles asks), fewest first.",
        )
    else:
        st.markdown("The members' current roles name no skills, so there is nothing to cover.")
    st.subheader("Single points of failure")
    if view.single_points:
        st.markdown(
            "A needed skill held at the level needed by one member only:\n\n"
            + "\n".join(f"- **{md(c.name)}** ({md(c.needed)}): only {md(c.holders[0])}" for c in view.single_points)
        )
    else:
        st.markdown("No needed skill rests on one member alone.")
    if view.uncovered:
        st.markdown(
            "**Needed but held by no one at the level needed:** "
            + ", ".join(f"{md(c.name)} ({md(c.needed)})" for c in view.uncovered)
            + "."
        )
    st.subheader("Export")
    buttons = st.container(horizontal=True)
    downloads.offer(
        "Download the team view (Excel)", downloads.Apart("team-xlsx", (view,)), "team-skills.xlsx", where=buttons
    )
    downloads.offer("Download the matrix (CSV)", lambda: team_csv(view).encode(), "team-skills.csv", where=buttons)
