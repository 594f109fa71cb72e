"""Progression paths: ranked routes between two roles (``?from=…&to=…``), each step explained."""

import streamlit as st

from framework.careermap import CareerMap
from framework.views import RoutesView, RouteView, kind_label, routes_view
from framework.views.map import map_view, usual_kinds
from ui import render, run_gate, state
from ui.map_svg import MapDrawing, map_drawing
from ui.svg_picture import svg_picture

RANKING = (
    "Effort adds up the grades climbed and the skill levels to gain at each step (the “As a table” tab shows both), "
    "with a lateral move or a step into a manager's role counted as harder than the next rung of your own ladder."
)


def _route_text(route: RouteView) -> str:
    """A route as one Markdown text: its heading (an h3 for screen readers), its roles, then each step."""
    steps = [
        f"{step.number}\\. **{step.kind_label}** to {render.md(step.target_label)} · {step.effort:g} effort points  \n"
        f"Why: {render.md(step.reason)}  \n"
        f"{step.gains_label}: {render.md(step.gains_text)}"
        for step in route.steps
    ]
    count = f"{len(route.steps)} step{'s' * (len(route.steps) != 1)}"
    titles = " → ".join(render.md(title) for title in route.titles)
    return "\n\n".join(
        [f"### Route {route.number}: {count}, {route.effort:g} effort points", titles, _effort(route), *steps]
    )


def _effort(route: RouteView) -> str:
    """What the route's effort adds up, under its heading: the unit and its meaning on every route."""
    return f"*{render.md(route.effort_text)}.*"


def _table(found: RoutesView):
    return found.table()


def _route_drawing(view: CareerMap, source: str, highlight: tuple[str, ...]) -> MapDrawing:
    """The map page's opening view (``view``) as the background, the chosen route drawn on top whatever kinds of
    move it takes."""
    return map_drawing(
        view, highlight=highlight, selected=source, highlight_label="The chosen route", selected_label="Its start"
    )


def _no_route(loaded, found: RoutesView) -> None:
    """No route: why; the skill gap for the same pair, which still says what the target asks; the roles nearest
    the start that do lead there; and where the start can go next."""
    source, target = found.source, found.target
    title = loaded.framework.role(target).title
    st.warning(render.md(f"No route from {state.role_label(loaded, source)} to {state.role_label(loaded, target)}."))
    st.markdown(f"**Why:** {render.md(found.no_route_reason)}.")
    render.page_link(
        "pages/gap.py",
        label=f"Skill gap and development plan: {loaded.framework.role(source).title} → {title}",
        query_params=state.link_params(loaded, current=source, target=target),
        icon=":material/checklist:",
    )
    st.caption("The skill gap still says what the role asks, and a plan can be made for it.")
    if found.leading:
        st.markdown(f"**Roles from which a route does lead to {render.md(title)}:**")
        for role_id, label in found.leading:
            render.page_link(
                "pages/paths.py",
                label=f"Routes from {label} to {title}",
                query_params=state.link_params(loaded, **{"from": role_id, "to": target}),
                icon=":material/route:",
            )
    elif source != target:
        st.markdown(f"No role of the framework has a route to {render.md(title)}.")
    if found.onward:
        st.markdown(f"**Where {render.md(loaded.framework.role(source).title)} can go next:**")
        for step in found.onward:
            render.role_link(loaded, step.role, label=f"{kind_label(step.kind, as_step=True)}: {step.label}")


def main() -> None:
    loaded = state.framework()

    st.title("Progression paths")
    chosen_routes(loaded)


@run_gate.fragment
def chosen_routes(loaded) -> None:
    """The roles chosen and the routes between them. A fragment: choosing another role, another number of routes
    or another tab reruns this alone, not the page and its sidebar."""
    with st.container(horizontal=True):
        source = state.role_select(loaded, "From", key="from", default=state.my_role_id(loaded))
        target = state.role_select(loaded, "To", key="to")
        limit = state.bound_select(
            "Show up to",
            ["1", "2", "3", "4", "5"],
            key="k",
            what="number of routes",
            index=2,
            width=130,
            help="How many routes to list at most: the framework may have fewer.",
        )

    if source is None or target is None:
        mine = "" if state.my_role_id(loaded) else " Set **My current role** in the sidebar to start from it."
        st.info(
            f"Pick where you are and where you want to be: choose a starting role and a goal.{mine} The routes are "
            "ranked by effort: the grades climbed plus the skill levels to gain at each step, with a lateral move or "
            "a step into a manager's role counted as harder than the next rung of your own ladder."
        )
        return

    found: RoutesView = loaded.view(routes_view, source, target, int(limit))
    if not found.routes:
        _no_route(loaded, found)
        return

    routes = found.routes
    # Only the open tab is drawn (choosing another reruns the routes): the words, the table, or the map behind them.
    words, as_table, on_map = state.lazy_tabs(
        ["The routes in words", "As a table", "On the career map"], key="paths-tab"
    )
    if words.open:
        with words:
            ranking = RANKING
            if loaded.graph.graph.get("counts_expectations"):  # a framework written as expectations
                ranking = ranking.replace("the skill levels to gain", "the expectations to meet")
            summary = f"## {len(routes)} route{'s' * (len(routes) != 1)} found, easiest first\n\n{ranking}"
            st.markdown("\n\n".join([summary, *(_route_text(route) for route in routes)]))
    if as_table.open:
        with as_table:
            table = loaded.view_from((routes_view, source, target, int(limit)), _table)
            render.stacked_table(table, key="stacked-routes")
    if on_map.open:
        with on_map:
            chosen = st.radio(
                "Route to highlight",
                list(range(len(routes))),
                format_func=lambda i: f"Route {i + 1} ({routes[i].effort:g} effort points)",
                horizontal=True,
                key="highlight",
            )
            # Behind it, the map page's opening view: without lateral moves where there are so many that they
            # would hide the ladders.
            opening = (map_view, loaded.view(usual_kinds), None)
            drawing = loaded.view_from(opening, _route_drawing, source, routes[chosen].roles)
            st.markdown(drawing.key_markdown)
            with st.container(key="route-map-picture"):
                svg_picture(drawing.svg, key="route-map")
            hidden = "" if "lateral" in loaded.view(usual_kinds) else (
                " Other lateral moves are left out of the background: too many to read."
            )  # fmt: skip
            st.caption(
                "The highlighted line is the chosen route; hover over a role or a move for details. The other tabs "
                f"list its steps in words and as a table, which is the same information as text.{hidden}"
            )

    render.page_link(
        "pages/gap.py",
        label=f"Skill gap and development plan: {found.routes[0].titles[0]} → {found.routes[0].titles[-1]}",
        query_params=state.link_params(loaded, current=source, target=target),
        icon=":material/checklist:",
    )
