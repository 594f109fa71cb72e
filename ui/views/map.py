"""Career map: every role by grade (left to right) and discipline (rows), with the moves between them.

The map's content comes from :func:`framework.views.map.map_view`, made once per view and shared by the
picture (SVG, :mod:`ui.map_svg`, put on the page by :mod:`ui.svg_picture`), its table and its summary; this page
reads the view's state (kinds of move, disciplines, the role to find — all in the URL), draws them and turns a
click on a role into links to its profile and to the routes from "my current role".
"""

from contextlib import contextmanager

import streamlit as st

from framework.careermap import KIND_LABELS, CareerMap, MapOverview
from framework.graph import KIND_ORDER
from framework.views import kind_label
from framework.views import map as map_views
from framework.views.map import (
    RoleCard,
    easiest_route,
    map_disciplines,
    map_overview,
    map_view,
    role_card,
    usual_kinds,
)
from ui import render, run_gate, state
from ui.data import arrow
from ui.map_svg import MapDrawing, map_drawing, overview_drawing
from ui.svg_picture import svg_picture


def _drawing(view: CareerMap, highlight, me, route_shown) -> MapDrawing:
    return map_drawing(
        view,
        highlight=highlight,
        selected=me,
        highlight_label="Your easiest route" if route_shown else "The role you are finding",
        selected_label="My current role",
    )


def _table(view: CareerMap):
    return arrow(view.table())


def _overview_drawing(overview: MapOverview, found: str | None, found_title: str) -> MapDrawing:
    return overview_drawing(overview, found=found, found_title=found_title)


def _overview_table(overview: MapOverview):
    return arrow(overview.table())


OVERVIEW = "map-overview"  # the overview picture's key


def main() -> None:
    loaded = state.framework()
    me = state.my_role_id(loaded)

    st.title("Career map")
    the_map(loaded, me)


@run_gate.fragment
def the_map(loaded, me: str | None) -> None:
    """The map, its options and the role found. A fragment: opening the options, choosing one, finding or clicking
    a role reruns this alone, not the page and its sidebar."""
    G = loaded.graph
    usual = loaded.view(usual_kinds)
    discipline_ids = loaded.view(map_disciplines)
    # A framework of more roles than a browser can draw quickly opens on its overview (a cell per discipline and
    # grade); the disciplines chosen show their roles.
    large = G.number_of_nodes() > map_views.MAP_ROLES_AT_ONCE
    # The options are drawn only while their expander is open (it starts open when a link sets one); closed,
    # the map keeps them as they were left (or as the link says).
    state.keep("edges", "discipline")
    # Finding a role is the map's keyboard path to every role on it (the chart's points cannot be focused), so
    # it is always there; the kinds of move and the disciplines shown are under "Map options".
    target = state.role_select(
        loaded,
        "Find a role",
        key="role",
        placeholder="Choose a role",
        help="Rings the role on the map and opens its panel: its profile and the routes from and to it. With your "
        "current role chosen in the sidebar, the map also draws your easiest route to it.",
    )
    linked = any(key in st.query_params for key in ("edges", "discipline"))
    options = state.lazy_expander("Map options", key="map-options", expanded=linked)
    if options.open:
        with options:
            controls = st.columns(2)
            with controls[0]:
                kinds = state.bound_multiselect(
                    "Show moves",
                    list(KIND_ORDER),
                    key="edges",
                    what="the kind of move",
                    format_func=lambda k: KIND_LABELS.get(k, k),
                    default=usual,
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
                    placeholder="Overview: roles counted by discipline and grade" if large else "All disciplines",
                    help="Focus the map on some disciplines; moves to and from other disciplines are then left out."
                    + (" With none chosen, it counts the roles of each discipline at each grade." if large else ""),
                )
    else:
        kinds = state.held_values("edges", list(KIND_ORDER), what="the kind of move", default=usual)
        disciplines = state.held_values("discipline", list(discipline_ids), what="the discipline")

    kinds = tuple(k for k in KIND_ORDER if k in kinds)
    focus = tuple(discipline_ids[name] for name in disciplines) or None
    if large and focus is None:
        _overview(loaded, target, me)
    else:
        _detailed(loaded, target, me, kinds, focus, usual)


def _overview(loaded, target: str | None, me: str | None) -> None:
    """The map of a large framework before a discipline is chosen: roles counted by discipline and grade."""
    overview = loaded.view(map_overview)
    title = loaded.graph.nodes[target]["title"] if target else ""
    drawing = loaded.view_from((map_overview,), _overview_drawing, target, title)
    notes = [
        f"This framework has {overview.roles:,} roles, more than a map can draw one by one: it shows how many "
        "roles each discipline has at each grade, a circle each, larger for more roles. Click a circle — or "
        "choose disciplines under “Map options” — to see that discipline's roles and the moves between them; "
        "choose a role under “Find a role” to open its panel, with its profile and the routes from and to it.",
        render.md(overview.summary),
    ]
    if target:
        notes.append(drawing.key_markdown)
    notes.append("## Roles by grade and discipline")
    st.markdown("\n\n".join(notes))
    with st.container(key="career-map"):
        picked = svg_picture(drawing.svg, key=OVERVIEW, clickable=True)
    if picked in loaded.view(map_disciplines):  # a discipline's circle: show that discipline's roles
        state.set_values("discipline", [picked])
        st.rerun()
    _open_panel(loaded, (), target, me)
    with _table_box() as open_:
        if open_:
            st.caption("Roles by discipline and grade.")
            st.dataframe(loaded.view_from((map_overview,), _overview_table), hide_index=True)


def _detailed(loaded, target: str | None, me: str | None, kinds, focus, usual) -> None:
    """The map role by role: the disciplines chosen (all, on a framework small enough), with the moves chosen."""
    G = loaded.graph
    added = None  # the discipline of the role being found, when the map would otherwise leave it out
    if focus is not None and target and G.nodes[target]["discipline"] not in focus:
        added = G.nodes[target]["discipline_name"]
        focus = (*focus, G.nodes[target]["discipline"])

    route: tuple[str, ...] = ()
    route_note = None
    if target and me and target != me:
        found = loaded.view(easiest_route, me, target)
        route, route_note = found.roles, found.no_route
        if focus is not None and any(G.nodes[r]["discipline"] not in focus for r in route):
            route_note = "Part of your route runs through disciplines the map does not show; that part is left out."

    view = loaded.view(map_view, kinds, focus)
    highlight = route or ((target,) if target else ())
    drawing = loaded.view_from((map_view, kinds, focus), _drawing, highlight, me, bool(route))
    # What the map shows, how to use it and what it holds (its text alternative), above it in one element.
    which = "Every role of the framework" if focus is None else "The roles of the disciplines shown"
    notes = [
        f"{which}, by grade from left to right and by discipline, one row each; the lines are the "
        "moves between roles. Hover over a role or a move for details; click a role — or choose it under “Find a "
        "role” — to open its panel, with its profile and the routes from and to it. Choose the moves and "
        "disciplines shown under “Map options”."
    ]
    if added is not None:
        notes.append(f"The map also shows {render.md(added)}, the discipline of the role you are finding.")
    if "lateral" not in usual and "lateral" not in kinds:
        notes.append(
            "Lateral moves are hidden at first on this framework: there are so many that they would hide the "
            "ladders. Add them under “Show moves” in “Map options”, ideally with a discipline or two chosen."
        )
    notes.append(render.md(view.summary))
    notes.append(drawing.key_markdown)
    notes.append("## Roles by grade and discipline" + (f"\n\n{render.md(view.note)}" if view.note else ""))
    st.markdown("\n\n".join(notes))
    with st.container(key="map-narrow-note"):  # shown on a phone only (ui.style)
        st.info(
            "On a screen this narrow the map is wider than the screen: scroll it sideways, tap a role to open "
            "its panel, choose one under “Find a role”, or open “Table of the map” below for every role by name.",
            icon=":material/smartphone:",
        )
    with st.container(key="career-map"):
        picked = svg_picture(drawing.svg, key="map", clickable=True)
    if route_note:
        st.info(render.md(route_note), icon=":material/info:")

    _open_panel(loaded, (picked,) if picked in G else (), target, me)
    with _table_box() as open_:
        if open_:
            table = loaded.view_from((map_view, kinds, focus), _table)
            st.caption(render.md(f"{table.num_rows} moves shown, by discipline and grade."))
            st.dataframe(table, hide_index=True)


@contextmanager
def _table_box():
    """The map's table, in an expander whose contents are drawn only while it is open (a few hundred rows, which
    most visits never read): yields whether it is open."""
    box = state.lazy_expander("Table of the map", key="map-table")
    with box:
        yield box.open


def _open_panel(loaded, clicked: tuple[str, ...], found: str | None, me: str | None) -> None:
    """Open the panel of a role just clicked on the chart, or just found with the picker (see _newly_chosen)."""
    chosen = _newly_chosen(clicked, found)
    if chosen is not None:
        card = loaded.view(role_card, chosen)
        st.dialog(card.title, width="medium")(_panel)(loaded, card, me)


CLICKED, FOUND = "map-clicked", "map-found"  # session: the roles the panel was last opened for


def _newly_chosen(clicked: tuple[str, ...], found: str | None) -> str | None:
    """The role whose panel to open on this run: one just clicked on the chart, else one just found with the
    picker; None when neither changed (the panel was opened for them already, and may have been closed)."""
    state_ = st.session_state
    chosen = None
    if clicked and clicked != state_.get(CLICKED):
        chosen = clicked[0]
    elif found and found != state_.get(FOUND):
        chosen = found
    state_[CLICKED] = clicked or None
    state_[FOUND] = found
    return chosen


def _panel(loaded, card: RoleCard, me: str | None) -> None:
    """A role's panel, over the map: where it sits, its profile, where it leads and what leads to it, and links
    to the routes from and to it. It is a dialog, so it opens in view wherever the role was on the map."""
    kind = "Has its own description" if card.described else "Only named in another role's description"
    st.markdown(f"**Grade:** {render.md(card.grade)} · **Discipline:** {render.md(card.discipline)}  \n{kind}.")
    render.page_link(
        "pages/roles.py",
        label=f"Open the profile of {card.title}",
        query_params=state.link_params(loaded, role=card.role),
        icon=":material/badge:",
    )
    onward = [f"- {kind_label(c.kind)}: {render.md(c.label)}" for c in card.onward]
    reached = [f"- {kind_label(c.kind)} from {render.md(c.label)}" for c in card.reached_from]
    blocks = ["**Leads next:**", "\n".join(onward) or "No onward move."]
    blocks += ["**Reached from:**", "\n".join(reached) or "No role leads here."]
    st.markdown("\n\n".join(blocks))
    if me and me != card.role:
        render.page_link(
            "pages/paths.py",
            label=f"Routes from my role to {card.title}",
            query_params=state.link_params(loaded, **{"from": me, "to": card.role}),
            icon=":material/route:",
        )
        render.page_link(
            "pages/gap.py",
            label=f"Skill gap from my role to {card.title}",
            query_params=state.link_params(loaded, current=me, target=card.role),
            icon=":material/checklist:",
        )
    else:
        render.page_link(
            "pages/paths.py",
            label=f"Routes to {card.title}",
            query_params=state.link_params(loaded, to=card.role),
            icon=":material/route:",
        )
    render.page_link(
        "pages/paths.py",
        label=f"Routes from {card.title}",
        query_params=state.link_params(loaded, **{"from": card.role}),
        icon=":material/route:",
    )
