"""The career map: every role placed by grade (left → right) and discipline (rows), moves drawn between them.

Pure figure building over the career graph (:func:`framework.graph.build_graph`), no Streamlit calls, so the
figures can be tested and timed on their own::

    fig = career_map_figure(G, kinds=("promotion", "reports_to"), highlight=route.roles, selected="delivery-manager")
    map_table(G, kinds)          # the same edges as a table: the accessible alternative to the chart
    describe_map(G, kinds)       # a short plain-text summary for screen readers

The number of plotly traces is bounded, whatever the size of the framework: at most one trace per group of
roles (described / referenced × grade stated / not stated), two per kind of move (its lines, joined with
gaps — never one trace per edge — and its arrowheads), and one each for the labels, a highlighted route and
a selected role: at most 7 + 2 × kinds ≤ 10 + kinds. A map of 10,000 roles therefore costs what drawing its
points costs, not what thousands of traces would.

The number of lines drawn is bounded too. Promotions and reporting lines are about one per role and are all
drawn; lateral moves derived from skill overlap can number a million, which no reader could tell apart. Up to
2,000 are all drawn; beyond, the map draws the easiest lateral move from each role (from 2,000 roles at
most) and says so in its title, its key and :func:`describe_map`, while :func:`map_table` lists every move.
The edges are read from the adjacency dicts in one pass that reads each edge's attributes once and builds no
object per edge (:class:`_Edges`), rather than a loop over ``G.edges(data=True)``.

Every text that comes from a framework file (titles, grade and discipline names, reasons) is escaped with
:func:`html.escape` before it reaches the figure: plotly renders HTML in hover labels, tick labels and text.
"""

from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Collection, Iterable, Sequence
from itertools import chain
from operator import itemgetter

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from framework.graph import KIND_ORDER


def _escape(text: str) -> str:
    """Escape text for plotly's HTML-like labels; quotes stay as they are (plotly shows "&quot;" literally)."""
    return html.escape(str(text), quote=False)


__all__ = [
    "KIND_LABELS",
    "OKABE_ITO",
    "career_map_figure",
    "default_kinds",
    "describe_map",
    "edge_kinds",
    "map_layout",
    "map_table",
]

#: How each kind of move is named on screen.
KIND_LABELS = {"promotion": "Promotion", "lateral": "Lateral move", "reports_to": "Reports to"}
_KIND_COUNTED = {
    "promotion": ("promotion", "promotions"),
    "lateral": ("lateral move", "lateral moves"),
    "reports_to": ("reporting line", "reporting lines"),
}
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
_SWATCH = "#6b6b6b"  # legend swatches of the role groups: their shape is the key, colour is the row

NO_DISCIPLINE = "No discipline"
UNKNOWN_GRADE_TICK = "Grade not known"

# Vertical layout, in y units: a discipline with one ladder is one unit tall; parallel ladders (tracks) of a
# discipline take ``_SUB_ROW`` each, so a family of twelve tracks gets a taller band instead of a cramped one.
_SUB_ROW = 0.26
_BAND_PADDING = 0.3
_UNPLACED_GAP = 1.5  # roles that cannot be placed at all go in a column this far right of the top grade
_ROW_PX = 120  # pixels per y unit, within the height bounds below
_TOP, _BOTTOM = 215, 50  # margins: the title, the key and the grade axis go above the map
_AXIS_PX = 80  # the grade axis's labels and title, above the plot area
_NOTE_PX = 24  # a second line under the title, when it says which lateral moves are drawn
_MIN_HEIGHT, _MAX_HEIGHT = 420, 2000
_LABEL_ALL_UP_TO = 40  # label every role with its title on maps this small
_LABEL_TRACKS_UP_TO = 150  # otherwise label each ladder (track) once, if there are this few
_LATERALS_UP_TO = 120  # more lateral moves than this are hidden unless asked for: they would hide the ladders
_LATERALS_DRAWN_UP_TO = 2000  # asked for, up to this many are drawn; beyond, the easiest from each role
_REASONS_UP_TO = 3000  # hover labels of moves say why, up to this many moves (beyond: the table does)

# (status, grade stated) → legend name, marker symbol
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


# --------------------------------------------------------------------------- layout


def map_layout(G: nx.DiGraph, *, disciplines: Collection[str | None] | None = None) -> pd.DataFrame:
    """Where each role of ``G`` sits on the map: one row per node, in the graph's order (the file's order).

    ``disciplines`` (ids; ``None`` stands for roles without one) keeps only the roles of those disciplines;
    they keep the colour they have on the whole map.

    Columns: ``id``, ``title``, ``grade`` (its label, or the "grade not stated; …" bounds text),
    ``grade_known``, ``discipline`` (the discipline's name, as in the role catalogue), ``row_label`` (the
    name shown on the axis), ``track``, ``branch``, ``status``, ``row`` (the discipline's row index, first
    discipline first, roles without one last), ``x`` (the grade position; roles that cannot be placed go in
    a separate column right of the top grade, flagged by ``unplaced``), ``y`` (the row's band, with each
    track of the discipline on its own line inside it), ``band_low``/``band_center``/``band_high`` (the row's
    band and where its label goes) and ``colour`` (the discipline's place in :data:`OKABE_ITO`).

    Roles that would sit on the same spot (two branches of one rung, or simply two roles of one grade) are
    spread sideways by a small, deterministic offset so none hides another.
    """
    grades: list[str] = G.graph.get("grades", [])
    labels: dict[str, str] = G.graph.get("grade_labels", {})
    columns = {name: [] for name in ("id", "title", "grade", "grade_known", "discipline_id", "discipline")}
    columns.update({name: [] for name in ("track", "branch", "status", "position")})
    for node, data in G.nodes(data=True):
        grade = data.get("grade")
        columns["id"].append(node)
        columns["title"].append(data.get("title") or node)
        columns["grade"].append(labels.get(grade, grade) if grade else data.get("bounds") or "grade not stated")
        columns["grade_known"].append(grade is not None)
        columns["discipline_id"].append(data.get("discipline"))
        columns["discipline"].append(data.get("discipline_name") or data.get("discipline") or "no discipline")
        columns["track"].append(data.get("track"))
        columns["branch"].append(data.get("branch"))
        columns["status"].append(data.get("status", "described"))
        position = data.get("position")
        columns["position"].append(math.nan if position is None else float(position))
    table = pd.DataFrame(columns)
    table["position"] = table["position"].astype(float)

    # Rows: disciplines in the order their roles come in the file; roles without a discipline last.
    has_discipline = table["discipline_id"].notna()
    order = list(dict.fromkeys(table.loc[has_discipline, "discipline_id"]))
    row_of = {d: i for i, d in enumerate(order)}
    table["row"] = table["discipline_id"].map(row_of).fillna(len(order)).astype(int)
    table["row_label"] = table["discipline"].where(has_discipline, NO_DISCIPLINE)
    table["colour"] = table["row"] % len(OKABE_ITO)
    if disciplines is not None:
        wanted = set(disciplines)
        keep = [d in wanted if isinstance(d, str) else None in wanted for d in table["discipline_id"].tolist()]
        table = table[keep].reset_index(drop=True)
        table["row"] = table["row"].rank(method="dense").astype(int) - 1
    if table.empty:
        for name in ("x", "y", "band_low", "band_high", "band_center"):
            table[name] = pd.Series(dtype=float)
        table["unplaced"] = pd.Series(dtype=bool)
        return table

    # Tracks: each ladder of a discipline on its own line inside the discipline's band, in file order.
    ladders = list(zip(table["row"].tolist(), table["track"].fillna("").tolist(), strict=True))
    sub_of: dict[tuple, int] = {}
    per_band: dict[int, int] = {}
    for ladder in dict.fromkeys(ladders):
        sub_of[ladder] = per_band.get(ladder[0], 0)
        per_band[ladder[0]] = sub_of[ladder] + 1
    table["sub"] = [sub_of[ladder] for ladder in ladders]
    sub_rows = table.groupby("row")["sub"].transform("max") + 1
    per_row = table.groupby("row")["sub"].max().sort_index() + 1
    heights = np.maximum(1.0, per_row.to_numpy() * _SUB_ROW + _BAND_PADDING)
    starts = np.concatenate([[0.0], np.cumsum(heights)[:-1]])
    table["band_low"] = table["row"].map(pd.Series(starts, index=per_row.index))
    table["band_high"] = table["row"].map(pd.Series(starts + heights, index=per_row.index))
    table["band_center"] = (table["band_low"] + table["band_high"]) / 2
    table["y"] = table["band_center"] + (table["sub"] - (sub_rows - 1) / 2) * _SUB_ROW

    # Columns: the grade position; roles with none in a column of their own at the right.
    top = max(len(grades) - 1, 0)
    table["unplaced"] = table["position"].isna()
    table["x"] = table["position"].fillna(top + _UNPLACED_GAP)

    # Roles on the same spot: spread sideways (main ladder first, then branches, then by id).
    spot = [table["y"].round(6), table["x"].round(6)]
    order_key = table.assign(_b=table["branch"].fillna(""), _y=spot[0], _x=spot[1])
    order_key = order_key.sort_values(["_y", "_x", "_b", "id"], kind="stable")
    rank = order_key.groupby(["_y", "_x"]).cumcount().reindex(table.index)
    size = order_key.groupby(["_y", "_x"])["id"].transform("size").reindex(table.index)
    columns_in_spot = np.ceil(np.sqrt(size)).astype(int)
    lines_in_spot = np.ceil(size / columns_in_spot).astype(int)
    col, line = rank % columns_in_spot, rank // columns_in_spot
    x_step = np.minimum(0.24, 0.64 / np.maximum(columns_in_spot - 1, 1))
    y_step = np.minimum(_SUB_ROW * 0.45, _SUB_ROW * 0.8 / np.maximum(lines_in_spot - 1, 1))
    table["x"] = table["x"] + (col - (columns_in_spot - 1) / 2) * x_step
    table["y"] = table["y"] + (line - (lines_in_spot - 1) / 2) * y_step.where(lines_in_spot > 1, 0.0)
    return table.drop(columns=["sub"])


# --------------------------------------------------------------------------- edges


def edge_kinds(data: dict) -> list[tuple[str, str]]:
    """Every ``(kind, reason)`` of an edge: an edge with several relations belongs to each of their kinds."""
    relations = data.get("relations") or ((data.get("kind"), data.get("reason", "")),)
    seen: dict[str, str] = {}
    for kind, reason in relations:
        seen.setdefault(kind, reason)
    return list(seen.items())


def default_kinds(G: nx.DiGraph, *, max_laterals: int = _LATERALS_UP_TO) -> list[str]:
    """The kinds of move a map shows unless asked otherwise: every kind, except lateral moves when there are
    so many (DDaT's skill-overlap moves number in the hundreds) that they would hide the ladders."""
    laterals = 0
    for nbrs in G._succ.values():  # the adjacency dict itself: a framework can have a million moves
        for data in nbrs.values():
            if any(k == "lateral" for k, _ in edge_kinds(data)):
                laterals += 1
                if laterals > max_laterals:  # enough to know: no need to count the rest
                    return [k for k in KIND_ORDER if k != "lateral"]
    return list(KIND_ORDER)


def _check_kinds(kinds: Iterable[str]) -> tuple[str, ...]:
    kinds = tuple(dict.fromkeys(kinds))
    unknown = [k for k in kinds if k not in KIND_ORDER]
    if unknown:
        raise ValueError(f"unknown kind of move {unknown[0]!r}; the kinds are {', '.join(KIND_ORDER)}")
    return tuple(k for k in KIND_ORDER if k in kinds)


_EFFORT = itemgetter("effort")
_KIND_CODE = {kind: i for i, kind in enumerate(KIND_ORDER)}


def _kind_code(data: dict) -> int:
    """An edge's kind as a small number (far cheaper to compare than strings), -1 if it has several relations.

    One function reading both attributes: each edge's dict is read once, which is what costs on a million.
    """
    return _KIND_CODE[data["kind"]] if len(data["relations"]) == 1 else -1


class _Edges:
    """Every edge of ``G`` as flat arrays, in the graph's order (edges out of each role, roles in the file's
    order), with each end's row in the map's layout (-1 for a role the map leaves out).

    A large framework has a million moves, nearly all derived lateral moves, each a dict of its own somewhere
    in memory. They are read in one pass (``map`` over the adjacency dicts into a numpy array) that reads
    each edge's dict once and builds no object per edge, not a Python loop over ``G.edges(data=True)``
    building tuples; only the edges drawn pay for their targets, reasons and efforts. An edge with a single
    relation (nearly all) is of its ``kind`` (:func:`framework.graph.build_graph` keeps it the strongest of
    the relations); the few with several go through :func:`edge_kinds`, and so does every edge of a graph
    whose edges lack a ``kind`` or ``relations``.
    """

    def __init__(self, G: nx.DiGraph, where: dict[str, int]) -> None:
        succ = G._succ  # the adjacency dict networkx's own algorithms read
        self.where = where
        self.all_shown = all(node in where for node in succ)
        degrees = np.fromiter(map(len, succ.values()), np.int64, count=len(succ))
        rows = np.fromiter((where.get(u, -1) for u in succ), np.int64, count=len(succ))
        self.source = np.repeat(rows, degrees)
        n = len(self.source)
        # Each edge's target and attributes, by reference (no edge is read here), in numpy arrays rather than
        # lists: the garbage collector does not walk numpy arrays, and it would walk two lists of a million
        # references at each of its frequent young-generation passes while the figure is built.
        self.ends = np.fromiter(chain.from_iterable(succ.values()), object, count=n)
        self.data = np.fromiter(chain.from_iterable(map(dict.values, succ.values())), object, count=n)
        try:
            self.kind = np.fromiter(map(_kind_code, chain.from_iterable(map(dict.values, succ.values()))), np.int8, n)
        except (KeyError, TypeError):  # an edge without a kind or relations, or of another kind
            self.kind = np.full(n, -1, dtype=np.int8)
        # The other edges, one by one (a promotion that is also a reporting line): kind → {position: reason}.
        self.other: dict[str, dict[int, str]] = {}
        for i in np.flatnonzero(self.kind < 0).tolist():
            for kind, reason in edge_kinds(self.data[i]):
                self.other.setdefault(kind, {})[i] = reason

    def of_kind(self, kind: str) -> np.ndarray:
        """The edges of ``kind`` between roles the map shows, as positions in the graph's order."""
        mask = self.kind == _KIND_CODE[kind]
        if kind in self.other:
            mask[np.fromiter(self.other[kind], np.int64)] = True
        at = np.flatnonzero(mask)
        if not self.all_shown and len(at):
            at = at[(self.source[at] >= 0) & (self.targets(at) >= 0)]
        return at

    def targets(self, at: np.ndarray) -> np.ndarray:
        get = self.where.get
        return np.fromiter((get(v, -1) for v in self.ends[at].tolist()), np.int64, count=len(at))

    def reasons(self, kind: str, at: np.ndarray) -> list[str]:
        other = self.other.get(kind, {})
        data = self.data
        return [other[i] if i in other else data[i]["relations"][0][1] for i in at.tolist()]

    def efforts(self, at: np.ndarray) -> np.ndarray:
        data = self.data[at].tolist()
        try:
            return np.fromiter(map(_EFFORT, data), float, count=len(data))
        except (KeyError, TypeError, ValueError):  # an edge without an effort counts as no effort
            return np.fromiter((d.get("effort") or 0.0 for d in data), float, count=len(data))


def _laterals_drawn(edges: _Edges, at: np.ndarray, limit: int | None = None) -> tuple[np.ndarray, int]:
    """Which of the lateral moves ``at`` the map draws, and out of how many roles they are picked.

    All of them, up to ``limit`` (:data:`_LATERALS_DRAWN_UP_TO`). Beyond, a million dashed lines would only
    be a grey fog, so the map draws one move per role, the easiest (lowest effort; the first in the graph's
    order on a tie) — and if more roles than ``limit`` have lateral moves, those of ``limit`` roles spread
    evenly over them in the file's order. Returns the positions drawn and the number of roles with lateral
    moves (0 when all are drawn).
    """
    limit = _LATERALS_DRAWN_UP_TO if limit is None else limit
    if len(at) <= limit:
        return at, 0
    source = edges.source[at]
    if (np.diff(source) < 0).any():  # edges come grouped by role; only a graph built otherwise needs this
        order = np.argsort(source, kind="stable")
        at, source = at[order], source[order]
    starts = np.flatnonzero(np.r_[True, source[1:] != source[:-1]])
    roles = len(starts)
    if roles > limit:  # the roles first: then only their moves' efforts are read
        keep = np.zeros(roles, dtype=bool)
        keep[np.round(np.linspace(0, roles - 1, limit)).astype(np.int64)] = True
        picked = np.repeat(keep, np.diff(np.r_[starts, len(source)]))
        at, source = at[picked], source[picked]
        starts = np.flatnonzero(np.r_[True, source[1:] != source[:-1]])
    effort = np.nan_to_num(edges.efforts(at), nan=np.inf)
    lowest = np.repeat(np.minimum.reduceat(effort, starts), np.diff(np.r_[starts, len(source)]))
    easiest = np.flatnonzero(effort == lowest)
    easiest = easiest[np.r_[True, source[easiest][1:] != source[easiest][:-1]]]  # the first of each role
    return np.sort(at[easiest]), roles


def _lateral_choice(drawn: int, roles: int) -> str:
    """Which lateral moves the map draws when it cannot draw them all (see :func:`_laterals_drawn`)."""
    return "the easiest one from each role that has any" if drawn == roles else (
        f"the easiest one from each of {drawn:,} roles, spread across the map"
    )  # fmt: skip


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
) -> tuple[go.Scatter, go.Scatter]:
    """Two traces for the edges of a kind drawn (layout rows ``source`` → ``target``): the lines (a curve per
    edge, gaps between edges) and the arrowheads half way along each, which also carry the hover text (why
    the move exists, when ``why`` gives the reasons). ``titles`` are the roles' titles, escaped; ``total``
    is the number of edges of the kind, drawn or not."""
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
    pairs = list(zip(titles[source].tolist(), titles[target].tolist(), strict=True))
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
        legendgroup=f"edges-{kind}",
        legendrank=200 + KIND_ORDER.index(kind),
        line={"dash": style["dash"], "width": style["width"], "color": style["color"]},
        opacity=style["opacity"],
        hoverinfo="skip",
        meta={"part": "edges", **meta},
    )
    heads = go.Scatter(
        x=head_x.astype(np.float32),
        y=head_y.astype(np.float32),
        mode="markers",
        name=name,
        legendgroup=f"edges-{kind}",
        showlegend=False,
        marker={"symbol": "arrow", "angle": angles.astype(np.float32), "size": 10, "color": style["color"]},
        opacity=min(1.0, style["opacity"] + 0.2),
        unselected={"marker": {"opacity": 1}},  # a click on a role selects it: the moves stay as they are
        hovertext=np.array(texts, dtype=str),  # a fixed-width array: plotly copies it whole, not text by text
        hovertemplate=f"<b>{KIND_LABELS[kind]}</b>%{{hovertext}}<extra></extra>",
        meta={"part": "arrows", **meta},
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


# Value len(OKABE_ITO) is the neutral colour of the legend swatches.
_COLOURSCALE = _discrete_scale([*OKABE_ITO, _SWATCH])
_LINE_RANGE = {"cmin": -0.5, "cmax": len(OKABE_ITO) + 0.5, "colorscale": _COLOURSCALE}
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
    G: nx.DiGraph,
    *,
    kinds: Sequence[str] = KIND_ORDER,
    disciplines: Collection[str | None] | None = None,
    highlight: Sequence[str] = (),
    selected: str | None = None,
    title: str = "Career map: roles by grade and discipline",
    highlight_label: str = "Highlighted route",
    selected_label: str = "Selected role",
) -> go.Figure:
    """The career map of ``G`` as a plotly figure: grades left → right, one row per discipline.

    ``kinds`` chooses which moves are drawn (promotion, lateral, reports_to); ``disciplines`` (ids) focuses
    the map on some disciplines (see :func:`map_layout`), leaving out moves to and from the others.
    ``highlight`` is a route (role ids in order) drawn thick on top, its roles ringed; ``selected`` is one
    role, ringed. Role traces carry
    the role id as ``customdata`` so a click on the chart maps back to a role; every trace says what it is
    in ``meta["part"]`` (``nodes``, ``edges``, ``route`` or ``selected``), and the traces of moves say how
    many they draw of how many (``meta["edges"]``, ``meta["total"]``).

    More than 2,000 lateral moves are not all drawn: the map draws the easiest one from each role (from
    2,000 roles at most, spread over the file's order), and its title and key say how many of how many.
    """
    kinds = _check_kinds(kinds)
    layout = map_layout(G, disciplines=disciplines)
    where = {node: i for i, node in enumerate(layout["id"])}
    edges = _Edges(G, where) if kinds else None
    shown = {kind: at for kind, at in ((kind, edges.of_kind(kind)) for kind in kinds) if len(at)}
    drawn = dict(shown)
    note = ""
    if "lateral" in shown:
        drawn["lateral"], lateral_roles = _laterals_drawn(edges, shown["lateral"])
        if lateral_roles:
            n, total = len(drawn["lateral"]), len(shown["lateral"])
            note = f"Showing {n:,} of {total:,} lateral moves: {_lateral_choice(n, lateral_roles)}."
            note += " Choose a few disciplines to see more of them." if disciplines is None else ""
    top = _TOP + (_NOTE_PX if note else 0)

    grades: list[str] = G.graph.get("grades", [])
    grade_labels: dict[str, str] = G.graph.get("grade_labels", {})
    span = float(layout["band_high"].max()) if len(layout) else 1.0
    height = int(min(_MAX_HEIGHT, max(_MIN_HEIGHT, top + _BOTTOM + span * _ROW_PX)))
    x_max = max(len(grades) - 1, 0) + (_UNPLACED_GAP if layout["unplaced"].any() else 0)
    # Pixels per x unit and per y unit, roughly, so curves bend alike whatever the direction of an edge.
    scale = (1100 / (x_max + 1.2), (height - top - _BOTTOM) / span)

    fig = go.Figure()
    reasons = sum(len(at) for at in drawn.values()) <= _REASONS_UP_TO
    titles = np.array([_escape(t) for t in layout["title"].tolist()], dtype=object)
    traces = [
        _edge_traces(
            kind,
            edges.source[at],
            edges.targets(at),
            edges.reasons(kind, at) if reasons else None,
            layout,
            titles,
            scale,
            total=len(shown[kind]),
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
                legendrank=100,
                meta={"part": "route", "roles": route},
            )
        )

    text, text_position, labelled = _node_text(layout, x_max)
    if labelled:
        # Labels in a trace of their own: text on a trace whose first point has no coordinates (see below)
        # is dropped by plotly.js when it redraws.
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
                showlegend=False,
                cliponaxis=False,
                meta={"part": "labels", "labelled": labelled},
            )
        )

    colours = _colour_codes(layout)
    swatch = float(len(OKABE_ITO))
    hover = np.array(_hover(layout), dtype=str)
    for (status, known), (name, symbol) in _GROUPS.items():
        members = np.flatnonzero((layout["status"].to_numpy() == status) & (layout["grade_known"].to_numpy() == known))
        if not len(members):
            continue
        open_symbol = "open" in symbol
        # A first point without coordinates: never drawn, but plotly draws the legend swatch from the first
        # point, so the key shows the shape in a neutral colour rather than one discipline's colour.
        fig.add_trace(
            go.Scatter(
                x=np.concatenate([[np.nan], layout["x"].to_numpy(float)[members]]).astype(np.float32),
                y=np.concatenate([[np.nan], layout["y"].to_numpy(float)[members]]).astype(np.float32),
                mode="markers",
                name=name,
                legendrank=10 + len(fig.data),
                # Fixed-width string arrays: plotly copies them whole, where it would go through a list item by item.
                customdata=np.concatenate([[""], layout["id"].to_numpy(str)[members]]),
                text=np.concatenate([[""], titles[members]]),  # not drawn (markers only): the hover's heading
                hovertext=np.concatenate([[""], hover[members]]),
                hovertemplate=f"<b>%{{text}}</b><br>%{{hovertext}}<br>{_STATUS[status]}<extra></extra>",
                # After a click, the other roles fade a little, not so much that the map becomes hard to read.
                unselected={"marker": {"opacity": 0.5}},
                marker={
                    "symbol": symbol,
                    "size": 13 if not open_symbol else 14,
                    "color": np.concatenate([[swatch], colours[members]]),
                    **_COLOUR_RANGE,
                    "line": {"width": 2.5, "color": np.concatenate([[swatch], colours[members]]), **_LINE_RANGE}
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
                legendrank=1,
                meta={"part": "selected", "role": selected},
            )
        )

    _axes(fig, layout, grades, grade_labels, x_max, left=-1.9 if labelled == "tracks" else -0.7, tall=height > 900)
    fig.update_layout(
        template=_scatter_template(),
        title={
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
        margin={"l": 10, "r": 20, "t": top, "b": _BOTTOM},
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            # above the grade axis, which runs along the top of the map
            "y": 1 + _AXIS_PX / max(height - top - _BOTTOM, 1),
            "x": 0,
            "xanchor": "left",
            "title": {"text": "Key: shape = kind of role, colour and row = discipline, line = kind of move"},
            "font": {"size": 12},
            "itemclick": "toggle",
        },
        hovermode="closest",
        clickmode="event+select",
        dragmode="pan",
        plot_bgcolor="#ffffff",
        showlegend=True,
    )
    return fig


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
        ticktext=[
            f'<span style="color:{c}">●</span> {_escape(label)}'
            for c, label in zip(colours, bands["row_label"], strict=True)
        ],
        range=[float(layout["band_high"].max()), 0.0],  # first discipline at the top
        showgrid=False,
        zeroline=False,
        automargin=True,
    )
    # A light band behind every other discipline, so a row reads across the whole width.
    shapes = [
        {"type": "rect", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": low, "y1": high,
         "fillcolor": "#f2f2f2", "line": {"width": 0}, "layer": "below"}
        for k, (low, high) in enumerate(zip(bands["band_low"], bands["band_high"], strict=True))
        if k % 2 == 0
    ]  # fmt: skip
    if layout["unplaced"].any():
        x = x_max - _UNPLACED_GAP / 2
        shapes.append(
            {"type": "line", "xref": "x", "yref": "paper", "x0": x, "x1": x, "y0": 0, "y1": 1,
             "line": {"color": "#9a9a9a", "width": 1, "dash": "longdash"}}
        )  # fmt: skip
    fig.update_layout(shapes=shapes)


# --------------------------------------------------------------------------- accessible alternatives


def map_table(
    G: nx.DiGraph, kinds: Sequence[str] = KIND_ORDER, *, disciplines: Collection[str | None] | None = None
) -> pd.DataFrame:
    """The moves of the kinds shown, as a table: one row per edge and kind, by discipline then grade.

    An edge with several relations (a promotion that is also a reporting line) has a row for each kind
    shown, each with its own reason, just as the map draws a line for each. The table lists every move, also
    the lateral moves the map leaves out when there are too many to draw (see :func:`career_map_figure`).
    """
    kinds = _check_kinds(kinds)
    columns = ["Discipline", "From", "From grade", "To", "To grade", "Move", "Reason"]
    layout = map_layout(G, disciplines=disciplines)
    where = {node: i for i, node in enumerate(layout["id"])}
    edges = _Edges(G, where) if kinds else None
    shown = [(kind, edges.of_kind(kind)) for kind in kinds]
    if not sum(len(at) for _, at in shown):
        return pd.DataFrame(columns=columns)
    source = np.concatenate([edges.source[at] for _, at in shown])
    target = np.concatenate([edges.targets(at) for _, at in shown])
    move = np.concatenate([np.full(len(at), KIND_ORDER.index(kind), dtype=np.int8) for kind, at in shown])
    labels = np.array([KIND_LABELS[kind] for kind in KIND_ORDER], dtype=object)
    pick = {name: layout[name].to_numpy(object) for name in ("row_label", "title", "grade")}
    table = pd.DataFrame(
        {
            "Discipline": pick["row_label"][source],
            "From": pick["title"][source],
            "From grade": pick["grade"][source],
            "To": pick["title"][target],
            "To grade": pick["grade"][target],
            "Move": labels[move],
            "Reason": [reason for kind, at in shown for reason in edges.reasons(kind, at)],
            "_row": layout["row"].to_numpy()[source],
            "_x": layout["x"].to_numpy()[source],
            "_to_x": layout["x"].to_numpy()[target],
            "_kind": move,
        }
    )
    table = table.sort_values(["_row", "_x", "From", "_kind", "_to_x", "To"], kind="stable")
    return table[columns].reset_index(drop=True)


def describe_map(
    G: nx.DiGraph, kinds: Sequence[str] = KIND_ORDER, *, disciplines: Collection[str | None] | None = None
) -> str:
    """A short plain-text summary of the map, for screen readers and anyone who prefers words."""
    kinds = _check_kinds(kinds)
    layout = map_layout(G, disciplines=disciplines)
    if layout.empty:
        return "The map is empty: no roles to show."
    per_row = layout.groupby(["row", "row_label"]).size().sort_index(level=0)
    disciplines = ", ".join(f"{label} {count}" for (_, label), count in per_row.items())
    n_rows = len(per_row)
    parts = [
        f"{_count(len(layout), 'role')} in {_count(n_rows, 'row')} by discipline ({disciplines}).",
    ]
    if kinds:
        where = {node: i for i, node in enumerate(layout["id"])}
        edges = _Edges(G, where)
        shown = {kind: edges.of_kind(kind) for kind in kinds}
        counts = [_count(len(shown[k]), *_KIND_COUNTED[k]) for k in kinds]
        laterals = shown.get("lateral", ())
        roles = len(np.unique(edges.source[laterals])) if len(laterals) > _LATERALS_DRAWN_UP_TO else 0
        parts.append(f"Moves shown: {', '.join(counts)}.")
        if roles:  # the map draws some of them: say which, as its title does
            drawn = min(roles, _LATERALS_DRAWN_UP_TO)
            choice = _lateral_choice(drawn, roles)
            parts.append(f"The map draws {drawn:,} of the lateral moves: {choice}; the table lists them all.")
    else:
        parts.append("No moves shown.")
    unknown = int((~layout["grade_known"]).sum())
    unplaced = int(layout["unplaced"].sum())
    if unknown:
        placed = unknown - unplaced
        text = f"{_count(unknown, 'role')} without a stated grade"
        text += f": {placed} placed by {'its' if placed == 1 else 'their'} reporting lines" if placed else ""
        text += f"{',' if placed else ':'} {unplaced} in the “{UNKNOWN_GRADE_TICK}” column" if unplaced else ""
        parts.append(text + ".")
    referenced = int((layout["status"] == "referenced").sum())
    if referenced:
        parts.append(f"{_count(referenced, 'role')} only named in another role's description.")
    return " ".join(parts)


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n:,} {singular if n == 1 else plural or singular + 's'}"
