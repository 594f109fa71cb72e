"""The career map as a plotly figure: every role placed by grade (left → right) and discipline (rows), moves
drawn between them.

What the map shows — where each role sits, which moves of which kinds — is :class:`framework.careermap.CareerMap`,
worked out once per view and shared with the table and the text summary drawn beside the figure; this module
only turns it into plotly traces (no Streamlit calls, so figures can be tested and timed on their own)::

    view = career_map(G, kinds=("promotion", "reports_to"))
    fig = career_map_figure(view, highlight=route.roles, selected="delivery-manager")

The number of plotly traces is bounded, whatever the size of the framework: at most one trace per group of
roles (described / referenced × grade stated / not stated), two per kind of move (its lines, joined with
gaps — never one trace per edge — and its arrowheads), and one each for the labels, a highlighted route and
a selected role: at most 7 + 2 × kinds ≤ 10 + kinds. A map of 10,000 roles therefore costs what drawing its
points costs, not what thousands of traces would; from :data:`QUIET_MOVES_FROM` roles the moves lose their
hover labels (the table beside the map has every move and its reason).

What the browser spends drawing it is kept down too: the key is text beside the chart (:func:`figure_key`)
rather than a plotly legend, and the left margin is worked out here rather than by plotly's ``automargin``,
which lays the chart out twice (together about half of plotly's drawing time on the council and DDaT maps).
Every trace is SVG: WebGL (``scattergl``) is many times slower to start in a browser without a GPU, and with
:func:`overview_figure` no map opens on thousands of points. A framework too large to draw role by role opens on
:func:`overview_figure`: a cell per discipline and grade, however many roles there are.

Every text that comes from a framework file (titles, grade and discipline names, reasons) is escaped with
:func:`html.escape` before it reaches the figure: plotly renders HTML in hover labels, tick labels and text.
"""

from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Collection, Sequence

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from framework.careermap import (
    COLOURS,
    KIND_LABELS,
    UNKNOWN_GRADE_TICK,
    UNPLACED_GAP,
    CareerMap,
    MapOverview,
    career_map,
)
from framework.graph import KIND_ORDER

__all__ = ["OKABE_ITO", "career_map_figure", "figure_key", "overview_figure"]


def _escape(text: str) -> str:
    """Escape text for plotly's HTML-like labels; quotes stay as they are (plotly shows "&quot;" literally)."""
    return html.escape(str(text), quote=False)


#: Each kind has its own dash pattern, so the map reads without colour.
_EDGE_STYLE = {
    "promotion": {"dash": "solid", "width": 1.8, "color": "#3a3a3a", "opacity": 0.75, "bend": 0.0},
    "lateral": {"dash": "dash", "width": 1.2, "color": "#0072B2", "opacity": 0.45, "bend": 0.18},
    "reports_to": {"dash": "dot", "width": 1.6, "color": "#7a4a00", "opacity": 0.7, "bend": -0.22},
}
_EDGE_LEGEND = {
    "promotion": "Promotion: next rung up the ladder (solid)",
    "lateral": "Lateral move (dashed)",
    "reports_to": "Reports to (dotted, towards the manager)",
}

#: The Okabe–Ito palette, distinguishable with the common forms of colour blindness (black last: it is
#: also the colour of the route and the selection ring).
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#F0E442", "#000000")
assert len(OKABE_ITO) == COLOURS, "the map layout gives each discipline one of the palette's colours"

_ROW_PX = 120  # pixels per y unit, within the height bounds below
_BOTTOM = 50
_AXIS_PX = 90  # the grade axis's labels and title, above the plot area
_NOTE_PX = 24  # a second line under the title, when it says which lateral moves are drawn
_TITLE_PX = 40  # the title's line
_CHAR_PX = 6.5  # about the width of a character of the axis labels (12 px), to size the left margin
_LABEL_CHARS = 26  # a discipline's name longer than this is wrapped on the axis
_AXIS_TITLE_PX = 36  # the discipline axis's title, left of the names
_MIN_HEIGHT, _MAX_HEIGHT = 420, 2000
_LABEL_ALL_UP_TO = 40  # label every role with its title on maps this small
_LABEL_TRACKS_UP_TO = 150  # otherwise label each ladder (track) once, if there are this few
_REASONS_UP_TO = 3000  # hover labels of moves say why, up to this many moves (beyond: the table does)
#: From this many roles the moves carry no hover labels: a label per move is then most of the chart's bytes
#: (1.4 of 4.6 MB at 10,000 roles), and the map's table lists every move with its reason.
QUIET_MOVES_FROM = 2000

# (status, grade stated) → name in the key, marker symbol
#: The last line of a role's hover label, by its status (the same for every role of a trace).
_STATUS = {
    "described": "Has its own description",
    "referenced": "Only named in another role's description (no text of its own)",
}
_GROUPS = {
    ("described", True): ("Role with its own description", "circle"),
    ("referenced", True): ("Role only named in another role's description", "diamond-open"),
    ("described", False): ("Role with its own description, grade not stated (↔ estimated place)", "circle-open-dot"),
    ("referenced", False): ("Role only named, grade not stated (↔ estimated place)", "diamond-open-dot"),
}


# --------------------------------------------------------------------------- edges


def _wrap(text: str, width: int = 70) -> str:
    """Escaped text with ``<br>`` line breaks, for a hover label (plotly does not wrap them itself)."""
    if len(text) <= width:
        return _escape(text)
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "<br>".join(_escape(line) for line in lines)


def _edge_traces(
    kind: str,
    source: np.ndarray,
    target: np.ndarray,
    why: list[str] | None,
    layout: pd.DataFrame,
    titles: np.ndarray,
    scale,
    *,
    total: int,
    large: bool = False,
) -> tuple[go.Scatter, go.Scatter]:
    """Two traces for the edges of a kind drawn (layout rows ``source`` → ``target``): the lines (a curve per
    edge, gaps between edges) and the arrowheads half way along each, which also carry the hover text (why
    the move exists, when ``why`` gives the reasons). ``titles`` are the roles' titles, escaped; ``total``
    is the number of edges of the kind, drawn or not; on a ``large`` map the arrows have no hover labels (see
    :data:`QUIET_MOVES_FROM`)."""
    style = _EDGE_STYLE[kind]
    xs, ys = layout["x"].to_numpy(float), layout["y"].to_numpy(float)
    x0, y0, x1, y1 = xs[source], ys[source], xs[target], ys[target]
    # Bend each edge by a share of its on-screen length: two opposite moves between the same roles then
    # curve to opposite sides, and a reporting line that is also a promotion does not hide under it.
    sx, sy = scale
    dx, dy = (x1 - x0) * sx, (y1 - y0) * sy
    bend = style["bend"]
    cx = (x0 + x1) / 2 - dy * bend / sx
    cy = (y0 + y1) / 2 + dx * bend / sy

    def along(t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:  # points of the quadratic Bézier curves
        a, b, c = (1 - t) ** 2, 2 * (1 - t) * t, t**2
        return np.outer(x0, a) + np.outer(cx, b) + np.outer(x1, c), np.outer(y0, a) + np.outer(cy, b) + np.outer(y1, c)

    gap = np.full((len(source), 1), np.nan)
    line_x, line_y = along(np.linspace(0, 1, 5) if bend else np.array([0.0, 1.0]))
    line_x, line_y = np.hstack([line_x, gap]).ravel(), np.hstack([line_y, gap]).ravel()
    # Arrowheads half way along, turned the way of the move: the tangent there is the chord's direction.
    # (Screen y grows downwards, like the reversed y axis; plotly turns markers clockwise from "up".)
    head_x, head_y = (v.ravel() for v in along(np.array([0.5])))
    angles = np.degrees(np.arctan2(dx, -dy))
    # The kind of move, in bold, is the same for every arrow of the trace: its hover template says it once (the
    # hover texts are most of the chart's weight, and each tag in them is sent escaped).
    pairs = list(zip(titles[source].tolist(), titles[target].tolist(), strict=True)) if not large else []
    if why is None:
        texts = [f": {a} → {b}" for a, b in pairs]
    else:
        # The reason usually names both roles already (e.g. "Next rung up the … ladder: A (grade) → B (grade)"):
        # then the label does not say it a second time.
        texts = []
        for (a, b), reason in zip(pairs, why, strict=True):
            escaped = _escape(reason)
            names = "" if a in escaped and b in escaped else f": {a} → {b}"
            texts.append(f"{names}<br>{_wrap(reason)}")
    meta = {"kind": kind, "edges": len(source), "total": total}
    name = _EDGE_LEGEND[kind]
    if len(source) < total:
        name += f" — {len(source):,} of {total:,} drawn"
    lines = go.Scatter(
        x=line_x.astype(np.float32),  # screen positions: single precision is plenty, and half the bytes
        y=line_y.astype(np.float32),
        mode="lines",
        name=name,
        line={"dash": style["dash"], "width": style["width"], "color": style["color"]},
        opacity=style["opacity"],
        hoverinfo="skip",
        meta={"part": "edges", **meta},
    )
    hover = (
        {"hoverinfo": "skip"}
        if large
        else {
            "hovertext": np.array(texts, dtype=str),  # a fixed-width array: plotly copies it whole, not one by one
            "hovertemplate": f"<b>{KIND_LABELS[kind]}</b>%{{hovertext}}<extra></extra>",
        }
    )
    heads = go.Scatter(
        x=head_x.astype(np.float32),
        y=head_y.astype(np.float32),
        mode="markers",
        name=name,
        marker={"symbol": "arrow", "angle": angles.astype(np.float32), "size": 10, "color": style["color"]},
        opacity=min(1.0, style["opacity"] + 0.2),
        unselected={"marker": {"opacity": 1}},  # a click on a role selects it: the moves stay as they are
        meta={"part": "arrows", **meta},
        **hover,
    )
    return lines, heads


# --------------------------------------------------------------------------- figure


def _colour_codes(layout: pd.DataFrame) -> np.ndarray:
    """Each role's colour as a number on :data:`_COLOURSCALE` (numbers are far cheaper than colour strings
    for plotly to check, which matters on a map of thousands of roles)."""
    return layout["colour"].to_numpy().astype(float)


def _discrete_scale(colours: Sequence[str]) -> list[tuple[float, str]]:
    """A colour scale of flat steps, one per colour: value ``i`` is ``colours[i]`` with cmin -0.5."""
    n = len(colours)
    return [step for i, c in enumerate(colours) for step in ((i / n, c), ((i + 1) / n, c))]


_COLOURSCALE = _discrete_scale(OKABE_ITO)
_LINE_RANGE = {"cmin": -0.5, "cmax": len(OKABE_ITO) - 0.5, "colorscale": _COLOURSCALE}
_COLOUR_RANGE = {**_LINE_RANGE, "showscale": False}


def _scatter_template() -> go.layout.Template:
    """The default template (Streamlit's, when it runs) cut to what a map of scatter traces with their own colours
    uses: the scatter defaults and the colour sequence. The rest (colour scales of heatmaps, contours, …) is sent
    with every rerun of the page for nothing."""
    base = pio.templates[pio.templates.default] if pio.templates.default else go.layout.Template()
    return go.layout.Template(data={"scatter": base.data.scatter}, layout={"colorway": base.layout.colorway})


def _hover(layout: pd.DataFrame) -> list[str]:
    """Each role's hover label. Grades, disciplines, ladders and branches
    repeat from role to role, so each is escaped once. Whether the role has its own description is the same for
    every role of a trace: the trace's hover template says it (see ``_STATUS``), not each label; so does the
    template put the role's title (its ``text``) in bold above the label."""
    grade = {g: f"Grade: {_wrap(g)}" for g in set(layout["grade"].tolist())}
    discipline = {d: f"Discipline: {_escape(d)}" for d in set(layout["row_label"].tolist())}
    ladder = {t: f"Ladder: {_escape(_humanise(t))}" for t in set(layout["track"].dropna().tolist())}
    branch = {b: f"Branch: {_escape(b)}" for b in set(layout["branch"].dropna().tolist())}
    out = []
    names = ("grade", "row_label", "track", "branch", "unplaced")
    for g, d, track, b, unplaced in zip(*(layout[name].tolist() for name in names), strict=True):
        lines = [grade[g], discipline[d]]
        if isinstance(track, str):
            lines.append(ladder[track])
        if isinstance(b, str):
            lines.append(branch[b])
        if unplaced:
            lines.append("Not placed: no grade and no graded role in its reporting lines")
        out.append("<br>".join(lines))
    return out


def _humanise(identifier: str) -> str:
    words = identifier.replace("-", " ").replace("_", " ")
    return words[:1].upper() + words[1:]


def _node_text(layout: pd.DataFrame, right_edge: float) -> tuple[np.ndarray, np.ndarray, str]:
    """Labels on the map itself: every title on a small map, each ladder's name once on a larger one.

    Returns the texts, their positions and what was labelled (``roles``, ``tracks`` or ``""``).
    """
    n = len(layout)
    text = np.full(n, "", dtype=object)
    position = np.full(n, "top center", dtype=object)
    if 0 < n <= _LABEL_ALL_UP_TO:
        for i, title in zip(layout.index, layout["title"], strict=True):
            text[i] = "<br>".join(_escape(line) for line in textwrap.wrap(title, 18) or [""])
        for _, line in layout.groupby("y", sort=False):
            _place_labels(line, position, right_edge)
        return text, position, "roles"
    tracks = layout[layout["track"].notna()]
    if 0 < len(tracks.drop_duplicates(["row", "track"])) <= _LABEL_TRACKS_UP_TO:
        first = tracks.sort_values("x", kind="stable").drop_duplicates(["row", "track"])
        titles = dict(zip(layout["id"], layout["title"], strict=True))
        for i, track in zip(first.index, first["track"], strict=True):
            # The track's own role names it best ("IT service manager"), else its id in words.
            text[i] = _escape(titles.get(track) or _humanise(track))
            position[i] = "middle left"
        return text, position, "tracks"
    return text, position, ""


def _place_labels(line: pd.DataFrame, position: np.ndarray, right_edge: float) -> None:
    """Put the labels of one line of roles above or below them, so that neighbours' labels do not collide.

    Walking left to right, a label goes above its role if the last label above is far enough away, else below;
    if both sides are taken it goes on the freer side, shifted to the right. Labels near the right edge are
    shifted left so they stay inside the map.
    """
    room = 0.95  # grade steps a centred label needs
    last = {"top": -math.inf, "bottom": -math.inf}
    for i, x in zip(line.sort_values("x").index, line.sort_values("x")["x"], strict=True):
        free = [side for side in ("top", "bottom") if x - last[side] >= room]
        side = free[0] if free else min(last, key=last.get)
        across = "center" if free else "right"
        if x > right_edge - 0.45:
            across = "left"
        position[i] = f"{side} {across}"
        last[side] = x + (room / 2 if across == "right" else 0)


def career_map_figure(
    source: CareerMap | nx.DiGraph,
    *,
    kinds: Sequence[str] = KIND_ORDER,
    disciplines: Collection[str | None] | None = None,
    highlight: Sequence[str] = (),
    selected: str | None = None,
    title: str | None = "Career map: roles by grade and discipline",
    highlight_label: str = "Highlighted route",
    selected_label: str = "Selected role",
) -> go.Figure:
    """The career map as a plotly figure: grades left → right, one row per discipline.

    ``source`` is a view made by :func:`framework.careermap.career_map`, or a graph, which is then made into
    one with ``kinds`` (promotion, lateral, reports_to) and ``disciplines`` (ids). ``highlight`` is a route
    (role ids in order) drawn thick on top, its roles ringed; ``selected`` is one role, ringed. Role traces
    carry the role id as ``customdata`` so a click on the chart maps back to a role; every trace says what it
    is in ``meta["part"]`` (``nodes``, ``edges``, ``route`` or ``selected``), and the traces of moves say how
    many they draw of how many (``meta["edges"]``, ``meta["total"]``). When not every lateral move is drawn,
    the title's subtitle and the key say how many of how many (:attr:`CareerMap.note`). With ``title=None`` the
    figure has no title of its own (nor the note): the page says both above it, where nothing overlaps them.
    """
    view = source if isinstance(source, CareerMap) else career_map(source, kinds=kinds, disciplines=disciplines)
    layout, edges, drawn, note = view.layout, view.edges, view.drawn, view.note
    where = view.where
    # Without a title (the page gives it as a heading of its own, with the note), the figure starts at its key.
    top = _AXIS_PX + (_TITLE_PX + (_NOTE_PX if note else 0) if title is not None else 0)

    grades, grade_labels = list(view.grades), view.grade_labels
    span = float(layout["band_high"].max()) if len(layout) else 1.0
    height = int(min(_MAX_HEIGHT, max(_MIN_HEIGHT, top + _BOTTOM + span * _ROW_PX)))
    x_max = view.x_max
    # Pixels per x unit and per y unit, roughly, so curves bend alike whatever the direction of an edge.
    scale = (1100 / (x_max + 1.2), (height - top - _BOTTOM) / span)

    fig = go.Figure()
    large = len(layout) >= QUIET_MOVES_FROM
    reasons = not large and sum(len(at) for at in drawn.values()) <= _REASONS_UP_TO
    titles = np.array([_escape(t) for t in layout["title"].tolist()], dtype=object)
    traces = [
        _edge_traces(
            kind,
            edges.sources(at),
            edges.targets(at),
            edges.reasons(kind, at) if reasons else None,
            layout,
            titles,
            scale,
            total=len(view.shown[kind]),
            large=large,
        )
        for kind, at in drawn.items()
    ]
    fig.add_traces([lines for lines, _ in traces] + [heads for _, heads in traces])

    route = [r for r in highlight if r in where]
    if route:
        idx = [where[r] for r in route]
        fig.add_trace(
            go.Scatter(
                x=layout["x"].to_numpy(np.float32)[idx],
                y=layout["y"].to_numpy(np.float32)[idx],
                mode="lines+markers",
                name=highlight_label,
                line={"width": 7, "color": "rgba(0,0,0,0.35)"},
                marker={"symbol": "circle-open", "size": 24, "line": {"width": 3}, "color": "#000000"},
                unselected={"marker": {"opacity": 1}},
                hoverinfo="skip",
                meta={"part": "route", "roles": route, "label": _escape(highlight_label)},
            )
        )

    text, text_position, labelled = _node_text(layout, x_max)
    if labelled:
        # Labels in a trace of their own, so the roles' traces carry no text to draw.
        on = np.flatnonzero(text != "")
        fig.add_trace(
            go.Scatter(
                x=layout["x"].to_numpy(np.float32)[on],
                y=layout["y"].to_numpy(np.float32)[on],
                mode="markers+text",  # invisible markers the size of the roles' keep the text clear of them
                marker={"size": 16, "opacity": 0},
                unselected={"marker": {"opacity": 0}, "textfont": {"color": "#303030"}},
                text=text[on],
                textposition=text_position[on],
                textfont={"size": 11, "color": "#303030"},
                hoverinfo="skip",
                cliponaxis=False,
                meta={"part": "labels", "labelled": labelled},
            )
        )

    colours = _colour_codes(layout)
    hover = np.array(_hover(layout), dtype=str)
    for (status, known), (name, symbol) in _GROUPS.items():
        members = np.flatnonzero((layout["status"].to_numpy() == status) & (layout["grade_known"].to_numpy() == known))
        if not len(members):
            continue
        open_symbol = "open" in symbol
        fig.add_trace(
            go.Scatter(
                x=layout["x"].to_numpy(np.float32)[members],
                y=layout["y"].to_numpy(np.float32)[members],
                mode="markers",
                name=name,
                # Fixed-width string arrays: plotly copies them whole, where it would go through a list item by item.
                customdata=layout["id"].to_numpy(str)[members],
                text=titles[members].astype(str),  # not drawn (markers only): the hover's heading
                hovertext=hover[members],
                hovertemplate=f"<b>%{{text}}</b><br>%{{hovertext}}<br>{_STATUS[status]}<extra></extra>",
                # After a click, the other roles fade a little, not so much that the map becomes hard to read.
                unselected={"marker": {"opacity": 0.5}},
                marker={
                    "symbol": symbol,
                    "size": 13 if not open_symbol else 14,
                    "color": colours[members],
                    **_COLOUR_RANGE,
                    "line": {"width": 2.5, "color": colours[members], **_LINE_RANGE}
                    if open_symbol
                    else {"width": 1, "color": "#202020"},
                },
                # A soft horizontal smear behind a role whose grade is not stated: its place is an estimate.
                error_x=None
                if known
                else {"type": "constant", "value": 0.22, "thickness": 9, "width": 0, "color": "rgba(90,90,90,0.22)"},
                meta={"part": "nodes", "status": status, "grade_known": known},
            )
        )

    if selected in where:
        i = where[selected]
        fig.add_trace(
            go.Scatter(
                x=[layout.at[i, "x"]],
                y=[layout.at[i, "y"]],
                mode="markers",
                name=f"{selected_label}: {_escape(layout.at[i, 'title'])}",
                marker={"symbol": "circle-open", "size": 30, "line": {"width": 3.5}, "color": "#000000"},
                unselected={"marker": {"opacity": 1}},
                hoverinfo="skip",
                meta={"part": "selected", "role": selected, "label": _escape(selected_label), "title": titles[i]},
            )
        )

    _axes(fig, layout, grades, grade_labels, x_max, left=-1.9 if labelled == "tracks" else -0.7, tall=height > 900)
    fig.update_layout(
        template=_scatter_template(),
        title=None
        if title is None
        else {
            "text": _escape(title),
            # The note (when lateral moves are left out) under the title, where a reader looks first.
            **({"subtitle": {"text": note, "font": {"size": 13}}} if note else {}),
            "x": 0,
            "xanchor": "left",
            "y": 1,
            "yanchor": "top",
            "yref": "container",
        },
        height=height,
        margin={"l": _left_margin(layout["row_label"]), "r": 20, "t": top, "b": _BOTTOM},
        **_INTERACTION,
    )
    return fig


#: How both maps answer the pointer, and what they leave out: the key is text beside the chart
#: (:func:`figure_key`), since a legend is drawn and measured by the browser on every draw, and is read no better
#: than the same words above the map.
_INTERACTION = {
    "hovermode": "closest",
    "clickmode": "event+select",
    "dragmode": "pan",
    "plot_bgcolor": "#ffffff",
    "showlegend": False,
}


def _left_margin(labels: pd.Series) -> int:
    """Room for the discipline names on the left (as they are wrapped by :func:`_row_label`) and the axis
    title, worked out here rather than measured by the browser (plotly's ``automargin`` draws the chart twice)."""
    lines = (line for label in set(labels.tolist()) for line in textwrap.wrap(label, _LABEL_CHARS))
    longest = max(map(len, lines), default=0)
    return int(_AXIS_TITLE_PX + _CHAR_PX * (min(longest, _LABEL_CHARS) + 2))


def _row_label(label: str, colour: str) -> str:
    """A discipline's name on the axis: a dot of its colour, then the name escaped, wrapped when long."""
    lines = textwrap.wrap(label, _LABEL_CHARS) or [""]
    return f'<span style="color:{colour}">●</span> ' + "<br>".join(_escape(line) for line in lines)


#: How each part of the map looks, as the key says it.
_NODE_GLYPHS = {"circle": "●", "diamond-open": "◇", "circle-open-dot": "⊙", "diamond-open-dot": "◈"}
_EDGE_GLYPHS = {"promotion": "━━", "lateral": "╌╌", "reports_to": "┈┈"}


def figure_key(figure: go.Figure) -> list[tuple[str, str]]:
    """The map's key, as (what it looks like, what it means) in plain words, for the text above the chart: one
    line per kind of role and of move drawn, and the route and the ringed role when there are. The texts are
    plain (not escaped): the page escapes them for Markdown."""
    lines = []
    for trace in figure.data:
        # Texts in a trace's meta are escaped like every text of the figure: plain words again here.
        meta = {k: html.unescape(v) if isinstance(v, str) else v for k, v in (trace.meta or {}).items()}
        part = meta.get("part")
        if part == "nodes":
            name, symbol = _GROUPS[(meta["status"], meta["grade_known"])]
            lines.append((_NODE_GLYPHS[symbol], name))
        elif part == "edges":
            text = _EDGE_LEGEND[meta["kind"]]
            if meta["edges"] < meta["total"]:
                text += f" — {meta['edges']:,} of {meta['total']:,} drawn"
            lines.append((_EDGE_GLYPHS[meta["kind"]], text))
        elif part == "route":
            lines.append(("▬", f"{meta['label']} (thick grey line, its roles ringed)"))
        elif part in ("selected", "cells-selected"):
            lines.append(("◯", f"{meta['label']}: {meta['title']} (black ring)"))
        elif part == "cells-found":
            lines.append(("◯", f"{meta['label']}: {meta['title']} (ringed, in its discipline and grade)"))
    return lines


def _axes(fig: go.Figure, layout: pd.DataFrame, grades, grade_labels, x_max: float, *, left: float, tall: bool) -> None:
    ticks = list(range(len(grades)))
    text = [_wrap(grade_labels.get(g, g), 14) for g in grades]
    if layout["unplaced"].any():
        ticks.append(x_max)
        text.append(_wrap(UNKNOWN_GRADE_TICK, 14))
    grade_axis = {
        "tickmode": "array",
        "tickvals": ticks,
        "ticktext": text,
        "range": [left, x_max + 0.7],
        "zeroline": False,
        "showline": True,
        "linecolor": "#9a9a9a",
    }
    fig.update_xaxes(
        title={"text": "Grade, lowest to highest →", "standoff": 6},
        side="top",
        showgrid=True,
        gridcolor="#e4e4e4",
        mirror="ticks",
        automargin=False,  # Streamlit's theme turns it on: the margins are worked out here (see _left_margin)
        **grade_axis,
    )
    if tall:  # the grades again along the bottom, for when the top of the map has scrolled away
        fig.update_layout(
            annotations=[
                {"x": x, "y": 0, "xref": "x", "yref": "paper", "yanchor": "top", "yshift": -4, "text": label,
                 "showarrow": False, "font": {"size": 12, "color": "#505050"}}
                for x, label in zip(ticks, text, strict=True)
            ]
        )  # fmt: skip
    bands = layout.drop_duplicates("row").sort_values("row")
    colours = [OKABE_ITO[c] for c in bands["colour"]]
    fig.update_yaxes(
        title={"text": "Discipline"},
        tickmode="array",
        tickvals=bands["band_center"].tolist(),
        ticktext=[_row_label(label, c) for c, label in zip(colours, bands["row_label"], strict=True)],
        range=[float(layout["band_high"].max()), 0.0],  # first discipline at the top
        showgrid=False,
        zeroline=False,
        automargin=False,
    )
    # A light band behind every other discipline, so a row reads across the whole width.
    shapes = [
        {"type": "rect", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": low, "y1": high,
         "fillcolor": "#f2f2f2", "line": {"width": 0}, "layer": "below"}
        for k, (low, high) in enumerate(zip(bands["band_low"], bands["band_high"], strict=True))
        if k % 2 == 0
    ]  # fmt: skip
    if layout["unplaced"].any():
        x = x_max - UNPLACED_GAP / 2
        shapes.append(
            {"type": "line", "xref": "x", "yref": "paper", "x0": x, "x1": x, "y0": 0, "y1": 1,
             "line": {"color": "#9a9a9a", "width": 1, "dash": "longdash"}}
        )  # fmt: skip
    fig.update_layout(shapes=shapes)


# --------------------------------------------------------------------------- the overview

_CELL_PX = (10, 44)  # the smallest and largest cell, in pixels across


def overview_figure(
    overview: MapOverview,
    *,
    found: str | None = None,
    found_label: str = "The role you are finding",
    found_title: str = "",
) -> go.Figure:
    """The overview of a large framework (:class:`framework.careermap.MapOverview`): a circle per discipline and
    grade with roles, its area by how many, the count beside it; rows and colours as on the detailed map.

    A click on a circle gives its discipline's name as ``customdata`` (the page opens that discipline); ``found``
    (a role id) rings the cell the role is in. Traces say what they are in ``meta["part"]`` (``cells``,
    ``cells-found``). Its size depends on the disciplines and grades, never on the number of roles.
    """
    cells = overview.cells
    rows = overview.rows
    grades = list(overview.grades)
    unstated = overview.unstated_column
    x_max = unstated if unstated is not None else max(len(grades) - 1, 0)
    most = max(int(cells["roles"].max()) if len(cells) else 1, 1)
    low, high = _CELL_PX
    sizes = low + (high - low) * np.sqrt(cells["roles"].to_numpy(float) / most)
    hover = [
        f"Grade: {_escape(grade)}<br>{roles:,} role{'s' if roles != 1 else ''}"
        + (f": {described:,} with a description, {referenced:,} only named" if referenced else "")
        for grade, roles, described, referenced in zip(
            cells["grade"], cells["roles"], cells["described"], cells["referenced"], strict=True
        )
    ]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=cells["column"].to_numpy(np.float32),
            y=cells["row"].to_numpy(np.float32),
            mode="markers+text",
            customdata=cells["row_label"].to_numpy(str),
            text=[f"{n:,}" for n in cells["roles"].tolist()],
            textposition="middle right",
            textfont={"size": 11, "color": "#303030"},
            hovertext=hover,
            hovertemplate="<b>%{customdata}</b><br>%{hovertext}<br>Click to show this discipline's roles"
            "<extra></extra>",
            marker={
                "size": sizes.astype(np.float32),
                "color": cells["colour"].to_numpy(float),
                **_COLOUR_RANGE,
                "line": {"width": 1, "color": "#202020"},
            },
            unselected={"marker": {"opacity": 0.6}},
            cliponaxis=False,
            meta={"part": "cells", "cells": len(cells), "roles": overview.roles},
        )
    )
    if found in overview.where:
        row, column = overview.where[found]
        fig.add_trace(
            go.Scatter(
                x=[column],
                y=[row],
                mode="markers",
                marker={"symbol": "circle-open", "size": high + 14, "line": {"width": 3.5}, "color": "#000000"},
                hoverinfo="skip",
                meta={
                    "part": "cells-found",
                    "role": found,
                    "label": _escape(found_label),
                    "title": _escape(found_title),
                },
            )
        )
    ticks = list(range(len(grades)))
    text = [_wrap(overview.grade_labels.get(g, g), 14) for g in grades]
    if unstated is not None:
        ticks.append(unstated)
        text.append(_wrap(UNKNOWN_GRADE_TICK, 14))
    fig.update_xaxes(
        title={"text": "Grade, lowest to highest →", "standoff": 6},
        side="top",
        tickmode="array",
        tickvals=ticks,
        ticktext=text,
        range=[-0.6, x_max + 0.8],
        showgrid=True,
        gridcolor="#e4e4e4",
        zeroline=False,
        showline=True,
        linecolor="#9a9a9a",
        automargin=False,
    )
    colours = [OKABE_ITO[c] for c in rows["colour"]]
    fig.update_yaxes(
        title={"text": "Discipline"},
        tickmode="array",
        tickvals=rows["row"].tolist(),
        ticktext=[_row_label(label, c) for c, label in zip(colours, rows["row_label"], strict=True)],
        range=[len(rows) - 0.4, -0.6],
        showgrid=False,
        zeroline=False,
        automargin=False,
    )
    fig.update_layout(
        template=_scatter_template(),
        height=int(min(_MAX_HEIGHT, max(_MIN_HEIGHT, _AXIS_PX + _BOTTOM + 64 * len(rows)))),
        margin={"l": _left_margin(rows["row_label"]), "r": 20, "t": _AXIS_PX, "b": _BOTTOM},
        **_INTERACTION,
    )
    return fig
