"""Career map: every role by grade (left to right) and discipline (rows), with the moves between them.

The figure, its table and its summary come from :mod:`ui.map_figure`; this page only reads the view's state
(kinds of move, disciplines, the role to find — all in the URL), draws them and turns a click on a role into
links to its profile and to the routes from "my current role".
"""

import streamlit as st

from framework import NoPath
from framework.careermap import KIND_LABELS, default_kinds, describe_map, map_table
from framework.graph import KIND_ORDER
from framework.routes import progression_paths
from ui import render, state
from ui.data import arrow, shared_figure
from ui.map_figure import career_map_figure


def main() -> None:
    loaded = state.framework()
    G = loaded.graph
    me = state.my_role_id(loaded)

    st.title("Career map")

    usual_kinds = loaded.memo("map.default-kinds", lambda: default_kinds(G))
    # Names, as on the Roles page: the two pages share this filter (and its ``?discipline=`` parameter).
    discipline_ids = loaded.memo(
        "map.disciplines", lambda: {d["discipline_name"]: d["discipline"] for _, d in G.nodes(data=True)}
    )
    # The options are drawn only while their expander is open (it starts open when a link sets one); closed,
    # the map keeps them as they were left (or as the link says).
    state.keep("edges", "discipline")
    linked = any(key in st.query_params for key in ("edges", "discipline", "role"))
    options = state.lazy_expander("Map options", key="map-options", expanded=linked)
    if options.open:
        with options:
            controls = st.columns([2, 2, 3])
            with controls[0]:
                kinds = state.bound_multiselect(
                    "Show moves",
                    list(KIND_ORDER),
                    key="edges",
                    what="the kind of move",
                    format_func=lambda k: KIND_LABELS.get(k, k),
                    default=usual_kinds,
                    placeholder="No moves: roles only",
                    help="Promotions are the next rung up a ladder; lateral moves cross to another ladder at about "
                    "the same grade; reporting lines run from a role to its manager.",
                )
            with controls[1]:
                disciplines = state.bound_multiselect(
                    "Disciplines",
                    list(discipline_ids),
                    key="discipline",
                    what="the discipline",
                    placeholder="All disciplines",
                    help="Focus the map on some disciplines; moves to and from other disciplines are then left out.",
                )
            with controls[2]:
                target = state.role_select(
                    loaded,
                    "Find a role",
                    key="role",
                    placeholder="Choose a role to ring it on the map",
                    help="With your current role chosen in the sidebar, the map also draws your easiest route to "
                    "this role.",
                )
    else:
        kinds = state.held_values("edges", list(KIND_ORDER), what="the kind of move", default=usual_kinds)
        disciplines = state.held_values("discipline", list(discipline_ids), what="the discipline")
        target = state.opened("role", state.role_ids(loaded), what="the role")

    focus = [discipline_ids[name] for name in disciplines] or None

    def easiest_route() -> tuple[list[str], str | None]:
        try:
            return progression_paths(G, me, target, limit=1)[0].roles, None
        except NoPath as error:
            return [], f"There is no route from your role to {G.nodes[target]['title']}: {error.reason}."

    route: list[str] = []
    route_note = None
    if target and me and target != me:
        route, route_note = loaded.recent(f"map.route:{me}:{target}", easiest_route)
        if focus is not None and any(G.nodes[r]["discipline"] not in focus for r in route):
            route_note = "Part of your route runs through disciplines the map does not show; that part is left out."

    # The figure, its summary and its table depend on the framework and the view's choices alone: made once for
    # the recent views and shared by sessions (the figure is not changed once made).
    view = (tuple(kinds), None if focus is None else tuple(focus))
    highlight = tuple(route or ([target] if target else []))
    fig = loaded.recent(
        f"map.figure:{view!r}:{highlight!r}:{me}",
        lambda: shared_figure(
            career_map_figure(
                G,
                kinds=kinds,
                disciplines=focus,
                highlight=highlight,
                selected=me,
                highlight_label="Your easiest route" if route else "The role you are finding",
                selected_label="My current role",
            )
        ),
    )
    summary = loaded.recent(f"map.summary:{view!r}", lambda: describe_map(G, kinds, disciplines=focus))
    # What the map shows, how to use it and what it holds (its text alternative), above it in one element.
    notes = [
        "Every role of the framework, by grade from left to right and by discipline, one row each; the lines are the "
        "moves between roles. Hover over a role or an arrow for details; click a role for links to its profile and "
        "to the routes there. Drag to move the map, use the toolbar above it to zoom, and click an entry of the key "
        "to hide or show it. Choose the moves and disciplines shown, or find a role, under “Map options”."
    ]
    if "lateral" not in usual_kinds and "lateral" not in kinds:
        notes.append(
            "Lateral moves are hidden at first on this framework: there are so many that they would hide the "
            "ladders. Add them under “Show moves” in “Map options”, ideally with a discipline or two chosen."
        )
    notes.append(render.md(summary))
    st.markdown("\n\n".join(notes))
    event = st.plotly_chart(
        fig,
        on_select="rerun",
        selection_mode="points",
        key="map",
        config={"displaylogo": False, "scrollZoom": False},
        alt=summary,
    )
    if route_note:
        st.info(render.md(route_note), icon=":material/info:")

    points = event.selection.points if event and event.selection else []
    clicked = [p["customdata"] for p in points if isinstance(p.get("customdata"), str) and p["customdata"] in G]
    for role_id in dict.fromkeys(clicked):
        node = G.nodes[role_id]
        with st.container(border=True):
            grade = G.graph["grade_labels"].get(node["grade"], node["grade"]) if node["grade"] else node["bounds"]
            st.markdown(f"**{render.md(node['title'])}** · {render.md(grade)} · {render.md(node['discipline_name'])}")
            links = st.columns(2)
            with links[0]:
                render.page_link(
                    "pages/roles.py",
                    label=f"Open the profile of {node['title']}",
                    query_params=state.link_params(loaded, role=role_id),
                    icon=":material/badge:",
                )
            with links[1]:
                if me and me != role_id:
                    render.page_link(
                        "pages/paths.py",
                        label=f"Routes from my role to {node['title']}",
                        query_params=state.link_params(loaded, **{"from": me, "to": role_id}),
                        icon=":material/route:",
                    )
                elif me is None:
                    render.page_link(
                        "pages/paths.py",
                        label=f"Routes to {node['title']}",
                        query_params=state.link_params(loaded, to=role_id),
                        icon=":material/route:",
                    )
    # The table is drawn only while its expander is open (a few hundred rows, which most visits never read).
    table_box = state.lazy_expander("Table of the map", key="map-table")
    with table_box:
        if table_box.open:
            table = loaded.recent(f"map.table:{view!r}", lambda: arrow(map_table(G, kinds, disciplines=focus)))
            st.caption(render.md(f"{table.num_rows} moves shown, by discipline and grade."))
            st.dataframe(table, hide_index=True)
