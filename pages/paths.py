"""Progression paths: ranked routes between two roles (``?from=…&to=…``), each step explained."""

import pandas as pd
import streamlit as st

from framework import NoPath
from framework.graph import next_steps, progression_paths
from framework.skills import skill_gap
from ui import render, state
from ui.map_figure import career_map_figure

loaded = state.framework()
fw = loaded.framework
G = loaded.graph
KIND_LABELS = {"promotion": "Promotion", "lateral": "Lateral move", "reports_to": "Step up to the manager's role"}

st.title("Progression paths")
st.markdown(
    "Pick where you are and where you want to be. The routes below are ranked by effort: the grades climbed "
    "plus the skill levels to gain at each step, with a lateral move or a step into a manager's role counted "
    "as harder than the next rung of your own ladder."
)

left, right, count = st.columns([4, 4, 2])
with left:
    source = state.role_select(loaded, "From", key="from", default=state.my_role_id(loaded))
with right:
    target = state.role_select(loaded, "To", key="to")
with count:
    limit = st.number_input("Routes to show", min_value=1, max_value=5, value=3, key="k")

if source is None or target is None:
    st.info("Choose a starting role and a goal. Set **My current role** in the sidebar to start from it.")
    st.stop()

try:
    routes = progression_paths(G, source, target, limit=int(limit))
except NoPath as error:
    st.warning(render.md(f"No route from {state.role_label(loaded, source)} to {state.role_label(loaded, target)}."))
    st.markdown(f"**Why:** {render.md(error.reason)}.")
    onward = next_steps(G, source)
    if onward:
        st.markdown(f"**Where {render.md(fw.role(source).title)} can go next:**")
        for step in onward:
            render.role_link(
                loaded, step.target, label=f"{KIND_LABELS[step.kind]}: {state.role_label(loaded, step.target)}"
            )
    st.stop()

st.caption(
    f"{len(routes)} route{'s' * (len(routes) != 1)} found, easiest first. Effort adds up each step's grade "
    "steps and skill levels to gain (see the table)."
)


def gains(since: str, step) -> str:
    """Skills the step's target needs beyond ``since``: the last role of the route that lists skills (a role
    without skill requirements in the framework tells nothing about what its holder can do)."""
    if not fw.role(step.target).skills:
        return "none listed (this role has no skill requirements in the framework)"
    gap = skill_gap(fw, since, step.target)
    names = {lv.id: lv.name for lv in fw.skill_levels}
    parts = [
        f"{row.name}: {names.get(row.current, 'none')} → {names.get(row.required, row.required)}" for row in gap.gaps
    ]
    note = "" if since == step.source else f" (compared with {fw.role(since).title})"
    return ("; ".join(parts) if parts else "none") + note


for number, route in enumerate(routes, start=1):
    st.subheader(f"Route {number}: {len(route.steps)} step{'s' * (len(route.steps) != 1)}, effort {route.effort:g}")
    st.markdown(" → ".join(render.md(fw.role(r).title) for r in route.roles))
    rows = []
    since = route.steps[0].source
    for i, step in enumerate(route.steps, start=1):
        to_gain = gains(since, step)
        since = step.target if fw.role(step.target).skills else since
        levels = G.edges[step.source, step.target]["levels_to_gain"]
        st.markdown(
            f"{i}\\. **{KIND_LABELS[step.kind]}** to {render.md(state.role_label(loaded, step.target))} "
            f"· effort {step.effort:g}  \n"
            f"Why: {render.md(step.reason)}  \n"
            f"Skills to gain: {render.md(to_gain)}"
        )
        rows.append(
            {
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
    with st.expander(f"Route {number} as a table"):
        st.dataframe(pd.DataFrame(rows), hide_index=True, key=f"route-{number}")

st.header("On the career map", divider="gray")
chosen = st.radio(
    "Route to highlight",
    list(range(len(routes))),
    format_func=lambda i: f"Route {i + 1} (effort {routes[i].effort:g})",
    horizontal=True,
    key="highlight",
)
figure = career_map_figure(G, highlight=routes[chosen].roles, selected=source)
st.plotly_chart(figure, key="route-map")
st.caption(
    "The highlighted line is the chosen route; the table above lists its steps, which is the same information as text."
)

render.page_link(
    "pages/gap.py",
    label=f"Skill gap and development plan: {fw.role(source).title} → {fw.role(target).title}",
    query_params=state.link_params(loaded, current=source, target=target),
    icon=":material/checklist:",
)
