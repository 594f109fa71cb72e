"""Progression paths: ranked routes between two roles (``?from=…&to=…``), each step explained."""

from types import SimpleNamespace

import pandas as pd
import streamlit as st

from framework import NoPath
from framework.expectations import expectation_gap
from framework.routes import next_steps, progression_paths
from framework.skills import skill_gap
from ui import render, state
from ui.data import arrow, shared_figure
from ui.map_figure import career_map_figure, default_kinds


def main() -> None:
    loaded = state.framework()
    fw = loaded.framework
    G = loaded.graph
    KIND_LABELS = {"promotion": "Promotion", "lateral": "Lateral move", "reports_to": "Step up to the manager's role"}

    st.title("Progression paths")

    with st.container(horizontal=True):  # one block for the row, where columns would be four
        source = state.role_select(loaded, "From", key="from", default=state.my_role_id(loaded))
        target = state.role_select(loaded, "To", key="to")
        limit = state.bound_select(
            "Routes to show", ["1", "2", "3", "4", "5"], key="k", what="number of routes", index=2, width=130
        )

    if source is None or target is None:
        st.info(
            "Pick where you are and where you want to be: choose a starting role and a goal. Set **My current role** "
            "in the sidebar to start from it. The routes are ranked by effort: the grades climbed plus the skill "
            "levels to gain at each step, with a lateral move or a step into a manager's role counted as harder "
            "than the next rung of your own ladder."
        )
        st.stop()

    def gains(since: str, step) -> str:
        """Skills the step's target needs beyond ``since``: the last role of the route that lists skills (a role
        without skill requirements in the framework tells nothing about what its holder can do)."""
        if G.graph.get("counts_expectations"):  # a framework written as expectations: what the step adds
            gap = expectation_gap(fw, step.source, step.target)
            areas = [f"{area.name} {len(area.to_meet)}" for area in gap.areas if area.to_meet]
            return f"{len(gap.to_meet)} expectations" + (f" ({', '.join(areas)})" if areas else "")
        if not fw.role(step.target).skills:
            return "none listed (this role has no skill requirements in the framework)"
        gap = skill_gap(fw, since, step.target)
        names = {lv.id: lv.name for lv in fw.skill_levels}
        parts = [
            f"{row.name}: {names.get(row.current, 'none')} → {names.get(row.required, row.required)}"
            for row in gap.gaps
        ]
        note = "" if since == step.source else f" (compared with {fw.role(since).title})"
        return ("; ".join(parts) if parts else "none") + note

    def explain(number: int, route) -> SimpleNamespace:
        """Route ``number`` as the page shows it: one Markdown text (a heading, the roles, then the steps with the
        skills to gain) and its rows of the table of every route."""
        lines, rows = [], []
        since = route.steps[0].source
        for i, step in enumerate(route.steps, start=1):
            to_gain = gains(since, step)
            since = step.target if fw.role(step.target).skills else since
            levels = G.edges[step.source, step.target]["levels_to_gain"]
            lines.append(
                f"{i}\\. **{KIND_LABELS[step.kind]}** to {render.md(state.role_label(loaded, step.target))} "
                f"· effort {step.effort:g}  \n"
                f"Why: {render.md(step.reason)}  \n"
                f"{'To meet' if G.graph.get('counts_expectations') else 'Skills to gain'}: {render.md(to_gain)}"
            )
            rows.append(
                {
                    "Route": number,
                    "Step": i,
                    "From": fw.role(step.source).title,
                    "To": fw.role(step.target).title,
                    "Move": KIND_LABELS[step.kind],
                    "Grade change": step.grade_change,
                    "Skill levels to gain": levels,
                    "Effort": step.effort,
                    "Why": step.reason,
                    "Skills to gain": to_gain,
                }
            )
        steps = f"{len(route.steps)} step{'s' * (len(route.steps) != 1)}"
        # A heading inside the Markdown is a real heading (h3) for screen readers, and one element is cheaper to
        # draw than a subheader and a paragraph. The route's roles, then one paragraph per step.
        titles = " → ".join(render.md(fw.role(r).title) for r in route.roles)
        text = "\n\n".join([f"### Route {number}: {steps}, effort {route.effort:g}", titles, *lines])
        return SimpleNamespace(text=text, rows=rows)

    def find_routes() -> SimpleNamespace:
        try:
            routes = progression_paths(G, source, target, limit=int(limit))
        except NoPath as error:
            return SimpleNamespace(routes=None, reason=error.reason)
        views = [explain(number, route) for number, route in enumerate(routes, start=1)]
        counts_expectations = G.graph.get("counts_expectations")
        summary = (
            f"**{len(routes)} route{'s' * (len(routes) != 1)} found**, easiest first. Effort adds up the grades "
            f"climbed and the {'expectations to meet' if counts_expectations else 'skill levels to gain'} at each step "
            "(the “As a table” tab shows both), with a lateral "
            "move or a step into a manager's role counted as harder than the next rung of your own ladder."
        )
        return SimpleNamespace(
            routes=routes,
            # the summary and every route (its heading, roles and steps) in one Markdown element
            text="\n\n".join([summary, *(view.text for view in views)]),
            table=arrow(pd.DataFrame([row for view in views for row in view.rows])),
            reason=None,
        )

    # The routes and their explanations depend on the framework and the three choices alone: worked out once for
    # the recent choices and shared by sessions.
    found = loaded.recent(f"paths.routes:{source}:{target}:{int(limit)}", find_routes)
    if found.routes is None:
        st.warning(
            render.md(f"No route from {state.role_label(loaded, source)} to {state.role_label(loaded, target)}.")
        )
        st.markdown(f"**Why:** {render.md(found.reason)}.")
        onward = next_steps(G, source)
        if onward:
            st.markdown(f"**Where {render.md(fw.role(source).title)} can go next:**")
            for step in onward:
                render.role_link(
                    loaded, step.target, label=f"{KIND_LABELS[step.kind]}: {state.role_label(loaded, step.target)}"
                )
        st.stop()

    routes = found.routes
    # Only the open tab is drawn (choosing another reruns the page): the words, the table, or the map behind them.
    words, as_table, on_map = state.lazy_tabs(
        ["The routes in words", "As a table", "On the career map"], key="paths-tab"
    )
    if words.open:
        with words:
            st.markdown(found.text)
    if as_table.open:
        with as_table:
            st.dataframe(found.table, hide_index=True, key="routes")
    if on_map.open:
        with on_map:
            chosen = st.radio(
                "Route to highlight",
                list(range(len(routes))),
                format_func=lambda i: f"Route {i + 1} (effort {routes[i].effort:g})",
                horizontal=True,
                key="highlight",
            )
            highlight = routes[chosen].roles
            # The map page's opening view as the background (without lateral moves where there are so many that
            # they would hide the ladders); the chosen route is drawn on top whatever kinds of move it takes.
            kinds = loaded.memo("map.default-kinds", lambda: default_kinds(G))
            figure = loaded.recent(
                f"paths.figure:{source}:{highlight!r}",
                lambda: shared_figure(career_map_figure(G, kinds=kinds, highlight=highlight, selected=source)),
            )
            st.plotly_chart(figure, key="route-map")
            hidden = (
                "" if "lateral" in kinds else " Other lateral moves are left out of the background: too many to read."
            )
            st.caption(
                "The highlighted line is the chosen route; the other tabs list its steps in words and as a table, "
                f"which is the same information as text.{hidden}"
            )

    render.page_link(
        "pages/gap.py",
        label=f"Skill gap and development plan: {fw.role(source).title} → {fw.role(target).title}",
        query_params=state.link_params(loaded, current=source, target=target),
        icon=":material/checklist:",
    )
