"""The career map drawn as SVG text, for the browser to draw natively: every role placed by grade (left → right)
and discipline (rows), the moves between them, a route and a ringed role.

A plotly chart of the same map cost the browser four to six times an empty page on every visit (plotly.js
building and laying out its SVG, twice, in Streamlit's chart component); the same picture as SVG text is drawn
by the browser in the time of a few elements. What the map shows is :class:`framework.careermap.CareerMap` (or,
for a framework too large to draw role by role, :class:`framework.careermap.MapOverview`), worked out once per
view and shared with the table and the text summary; this module only draws it (no Streamlit calls)::

    drawing = map_drawing(view, highlight=route.roles, selected="delivery-manager")
    drawing.svg       # the picture; every role is an element with ``data-pick`` (its id) to click
    drawing.key       # (glyph, words) for each kind of role and move drawn, the route and the ringed role

Hover labels are SVG ``<title>`` elements (the browser shows them as tooltips): a role's title, grade,
discipline, ladder and whether it has a description; a move's kind and why it exists (on a map of fewer than
:data:`QUIET_MOVES_FROM` roles). Every text from a framework file is escaped for XML, quotes
included, so no title can close an attribute or open an element. The picture is ``role="img"`` with the map's
summary as its name; its keyboard way in is the page's "Find a role", and its table is the text alternative.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from framework.careermap import COLOURS, KIND_LABELS, UNKNOWN_GRADE_TICK, UNPLACED_GAP, CareerMap, MapOverview
from framework.textsafe import md_escape

from .svg_text import LINE_PX, px, tspans, xml

__all__ = ["OKABE_ITO", "MapDrawing", "map_drawing", "overview_drawing"]

#: The Okabe–Ito palette, distinguishable with the common forms of colour blindness (black last: it is
#: also the colour of the route and the selection ring).
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#F0E442", "#000000")
assert len(OKABE_ITO) == COLOURS, "the map layout gives each discipline one of the palette's colours"

#: Each kind of move has its own dash pattern, so the map reads without colour; a kind's moves bend by a share
#: of their length (two opposite moves between the same roles then part, and a reporting line that is also a
#: promotion does not hide under it).
_EDGE_STYLE = {
    "promotion": {"dash": None, "width": 1.8, "color": "#3a3a3a", "opacity": 0.75, "bend": 0.0},
    "lateral": {"dash": "7 4", "width": 1.2, "color": "#0072B2", "opacity": 0.45, "bend": 0.18},
    "reports_to": {"dash": "2 3", "width": 1.6, "color": "#7a4a00", "opacity": 0.7, "bend": -0.22},
}
#: Each kind of move in the key: how it looks, and in words.
_EDGE_KEY = {
    "promotion": ("━━", "Promotion: next rung up the ladder (solid)"),
    "lateral": ("╌╌", "Lateral move (dashed)"),
    "reports_to": ("┈┈", "Reports to (dotted, towards the manager)"),
}
#: The last line of a role's hover label, by its status.
_STATUS = {
    "described": "Has its own description",
    "referenced": "Only named in another role's description (no text of its own)",
}
#: (status, grade stated) → the role's marker, and (its glyph, its words) in the key.
_GROUPS = {
    ("described", True): ("circle", "●", "Role with its own description"),
    ("referenced", True): ("diamond", "◇", "Role only named in another role's description"),
    ("described", False): ("circle-dot", "⊙", "Role with its own description, grade not stated (↔ estimated place)"),
    ("referenced", False): ("diamond-dot", "◈", "Role only named, grade not stated (↔ estimated place)"),
}
_LABEL_ALL_UP_TO = 40  # label every role with its title on maps this small
_LABEL_TRACKS_UP_TO = 150  # otherwise label each ladder (track) once, if there are this few
_REASONS_UP_TO = 3000  # hover labels of moves say why, up to this many moves (beyond: the table does)
#: From this many roles the moves carry no hover labels: a label per move is then most of the picture's bytes,
#: and the map's table lists every move with its reason.
QUIET_MOVES_FROM = 2000


#: Pixels per grade step across, per discipline row down (within the height bounds), and the margins.
COLUMN_PX = 84
ROW_PX = 120
BOTTOM_PX, RIGHT_PX = 40, 24
MIN_HEIGHT, MAX_HEIGHT = 420, 2000
#: The map is drawn at most this much smaller than its own size; on a narrower screen (a phone) it scrolls
#: sideways instead, so that its 12-pixel text stays at least 10 pixels.
LEAST_SCALE = 0.85
_FONT_PX = 12
_LABEL_CHARS = 26  # a discipline's name longer than this is wrapped
_GRADE_CHARS = 14  # a grade's name longer than this is wrapped
_ROLE_CHARS = 18  # a role's title on the map longer than this is wrapped
_CHAR_PX = 6.5  # about the width of a character at 12 px, to size the left margin
_SHADE = "#f2f2f2"  # every other discipline's band
_GRID = "#e4e4e4"
_AXIS = "#9a9a9a"
_TEXT = "#303030"


@dataclass(frozen=True)
class MapDrawing:
    """A map as SVG text and its key. ``roles`` and ``moves`` are the counts drawn (the moves by kind);
    ``width`` and ``height`` its size in pixels when drawn at its own size."""

    svg: str
    key: tuple[tuple[str, str], ...]
    width: int
    height: int
    roles: int
    moves: dict[str, int]

    @property
    def key_markdown(self) -> str:
        """The key as one line of Markdown, for the text above the picture."""
        return "**Key:** " + " · ".join(f"{glyph} {md_escape(text)}" for glyph, text in self.key)


def _lines(text: str, width: int) -> list[str]:
    return textwrap.wrap(str(text), width) or [""]


def _text(x: float, y: float, lines: Sequence[str], *, anchor: str = "middle", below: bool = True, **attrs) -> str:
    """Lines of text at (x, y): the first line's baseline at y, the others under it (``below``) or the last one's
    at y and the others above it."""
    extra = "".join(f' {name.rstrip("_").replace("_", "-")}="{value}"' for name, value in attrs.items())
    first = y if below else y - (len(lines) - 1) * LINE_PX
    return f'<text text-anchor="{anchor}"{extra}>{tspans(x, first, lines)}</text>'


def _most_lines(tick_labels: Sequence[str]) -> int:
    """The most lines a grade's name takes, wrapped."""
    return max((len(_lines(label, _GRADE_CHARS)) for label in tick_labels), default=1)


def _left_margin(labels: Sequence[str]) -> float:
    """Room for the discipline names (wrapped) and the axis title at the left."""
    longest = max((len(line) for label in set(labels) for line in _lines(label, _LABEL_CHARS)), default=0)
    return 30 + _CHAR_PX * (min(longest, _LABEL_CHARS) + 3)


class _Frame:
    """The map's coordinates: grade units across and discipline units down, to pixels."""

    def __init__(self, *, left_units: float, right_units: float, span: float, left_px: float, tick_lines: int) -> None:
        self.left_units, self.left_px = left_units, left_px
        self.top = 30 + tick_lines * LINE_PX + 10  # the axis title, then the grades' names (wrapped)
        plot = int(min(MAX_HEIGHT, max(MIN_HEIGHT, self.top + BOTTOM_PX + span * ROW_PX))) - self.top - BOTTOM_PX
        self.row_px = plot / span if span else ROW_PX
        self.bottom = self.top + plot  # the plot area's lower edge
        #: A tall map has the grades again below it, for when its top has scrolled away.
        self.tall = plot > 780
        self.height = self.bottom + (BOTTOM_PX + tick_lines * LINE_PX if self.tall else BOTTOM_PX)
        self.width = int(left_px + (right_units - left_units) * COLUMN_PX + RIGHT_PX)

    def x(self, units):
        return self.left_px + (np.asarray(units, dtype=float) - self.left_units) * COLUMN_PX

    def y(self, units):
        return self.top + np.asarray(units, dtype=float) * self.row_px


def _svg(frame: _Frame, body: list[str], summary: str) -> str:
    width = frame.width
    style = f"max-width:{width}px;min-width:{int(width * LEAST_SCALE)}px"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {frame.height}" role="img" '
        f'aria-label="{xml(summary)}" style="{style}" font-size="{_FONT_PX}">' + "".join(body) + "</svg>"
    )


def _axes(frame: _Frame, ticks: list[float], tick_labels: list[str], bands: pd.DataFrame) -> list[str]:
    """The grade axis along the top (again along the bottom on a tall map), a light line at each grade, the
    discipline bands (every other one shaded) and their names at the left, each after a dot of its colour."""
    right = frame.width - RIGHT_PX
    bottom = frame.bottom
    out = [f'<rect x="0" y="0" width="{frame.width}" height="{frame.height}" fill="#ffffff"/>']
    for k, (low, high) in enumerate(zip(bands["band_low"], bands["band_high"], strict=True)):
        if k % 2 == 0:
            y0, y1 = frame.y(low), frame.y(high)
            out.append(
                f'<rect x="{px(frame.left_px)}" y="{px(y0)}" width="{px(right - frame.left_px)}" '
                f'height="{px(y1 - y0)}" fill="{_SHADE}"/>'
            )
    top = frame.top
    grid = "".join(f"M{px(x)} {top}V{px(bottom)}" for x in frame.x(ticks))
    out.append(f'<path d="{grid}" stroke="{_GRID}" fill="none"/>')
    out.append(
        f'<path d="M{px(frame.left_px)} {top}H{px(right)}M{px(frame.left_px)} {px(bottom)}H{px(right)}" '
        f'stroke="{_AXIS}" fill="none"/>'
    )
    out.append(_text(frame.left_px, 18, ["Grade, lowest to highest →"], anchor="start", font_size=14, fill=_TEXT))
    for x, label in zip(frame.x(ticks), tick_labels, strict=True):
        out.append(_text(x, top - 8, _lines(label, _GRADE_CHARS), below=False, fill=_TEXT))
        if frame.tall:
            out.append(_text(x, bottom + 16, _lines(label, _GRADE_CHARS), fill="#505050"))
    out.append(
        f'<text transform="translate(16 {px((top + bottom) / 2)}) rotate(-90)" text-anchor="middle" '
        f'font-size="14" fill="{_TEXT}">Discipline</text>'
    )
    for center, label, colour in zip(bands["band_center"], bands["row_label"], bands["colour"], strict=True):
        lines = _lines(label, _LABEL_CHARS)
        y = float(frame.y(center)) + 4 - (len(lines) - 1) * LINE_PX / 2
        out.append(
            f'<circle cx="{px(frame.left_px - 12)}" cy="{px(y - 4)}" r="5" fill="{OKABE_ITO[int(colour)]}" '
            f'stroke="#202020" stroke-width="0.5"/>'
        )
        out.append(_text(frame.left_px - 22, y, lines, anchor="end", fill=_TEXT, class_="discipline"))
    return out


# --------------------------------------------------------------------------- roles and moves

_SIZE = 7  # a role's marker, from its centre


def _shape(symbol: str, colour: str) -> str:
    """A role's marker at (0, 0): filled circle, open diamond, and either with a dot when its grade is not stated."""
    diamond = f"M0 {-_SIZE - 1}L{_SIZE + 1} 0L0 {_SIZE + 1}L{-_SIZE - 1} 0Z"
    if symbol == "circle":
        return f'<circle r="{_SIZE - 0.5}" fill="{colour}" stroke="#202020"/>'
    shape = (
        f'<path d="{diamond}" fill="#ffffff" stroke="{colour}" stroke-width="2.5"/>'
        if symbol.startswith("diamond")
        else f'<circle r="{_SIZE}" fill="#ffffff" stroke="{colour}" stroke-width="2.5"/>'
    )
    return shape + (f'<circle r="2.2" fill="{colour}"/>' if symbol.endswith("dot") else "")


def _role_title(row: dict) -> str:
    """A role's hover label: its title, grade, discipline, ladder and branch, and whether it has a description."""
    lines = [row["title"], f"Grade: {row['grade']}", f"Discipline: {row['row_label']}"]
    if isinstance(row["track"], str):
        lines.append(f"Ladder: {_humanise(row['track'])}")
    if isinstance(row["branch"], str):
        lines.append(f"Branch: {row['branch']}")
    if row["unplaced"]:
        lines.append("Not placed: no grade and no graded role in its reporting lines")
    lines.append(_STATUS[row["status"]])
    return "\n".join(lines)


def _roles(layout: pd.DataFrame, xs: np.ndarray, ys: np.ndarray) -> list[str]:
    """Every role, a marker each, clickable (``data-pick``), with its hover label; a role whose grade is not
    stated has a soft grey smear behind it (its place is an estimate)."""
    out = ['<g class="roles">']
    names = ("id", "title", "grade", "row_label", "track", "branch", "unplaced", "status", "grade_known", "colour")
    for i, values in enumerate(zip(*(layout[name].tolist() for name in names), strict=True)):
        row = dict(zip(names, values, strict=True))
        symbol = _GROUPS[(row["status"], bool(row["grade_known"]))][0]
        smear = (
            "" if row["grade_known"] else '<rect x="-18" y="-4.5" width="36" height="9" fill="#5a5a5a" opacity="0.22"/>'
        )
        out.append(
            f'<g class="pick" data-pick="{xml(row["id"])}" transform="translate({px(xs[i])} {px(ys[i])})">'
            f"<title>{xml(_role_title(row))}</title>{smear}{_shape(symbol, OKABE_ITO[int(row['colour'])])}</g>"
        )
    out.append("</g>")
    return out


def _moves(view: CareerMap, xs: np.ndarray, ys: np.ndarray, *, reasons: bool, hover: bool) -> list[str]:
    """Each kind of move drawn: a curve per move (bent by its kind, so two opposite moves between the same roles
    part), an arrowhead half way along it, and its hover label (the kind, the roles and why)."""
    out = []
    titles = view.layout["title"].tolist()
    for kind, at in view.drawn.items():
        style = _EDGE_STYLE[kind]
        source, target = view.edges.sources(at), view.edges.targets(at)
        why = view.edges.reasons(kind, at) if reasons else None
        x0, y0, x1, y1 = xs[source], ys[source], xs[target], ys[target]
        dx, dy = x1 - x0, y1 - y0
        cx, cy = (x0 + x1) / 2 - dy * style["bend"], (y0 + y1) / 2 + dx * style["bend"]
        hx, hy = 0.25 * x0 + 0.5 * cx + 0.25 * x1, 0.25 * y0 + 0.5 * cy + 0.25 * y1
        length = np.maximum(np.hypot(dx, dy), 1e-9)
        ux, uy = dx / length, dy / length  # the tangent half way along a quadratic curve is its chord's direction
        dashed = f' stroke-dasharray="{style["dash"]}"' if style["dash"] else ""
        out.append(
            f'<g class="moves" data-kind="{kind}" fill="none" stroke="{style["color"]}" '
            f'stroke-width="{style["width"]}" stroke-opacity="{style["opacity"]}"{dashed}>'
        )
        head = min(1.0, style["opacity"] + 0.2)
        for j in range(len(source)):
            tip = (hx[j] + ux[j] * 5, hy[j] + uy[j] * 5)
            back = (hx[j] - ux[j] * 5, hy[j] - uy[j] * 5)
            wing = (-uy[j] * 4.5, ux[j] * 4.5)
            arrow = (
                f"M{px(tip[0])} {px(tip[1])}L{px(back[0] + wing[0])} {px(back[1] + wing[1])}"
                f"L{px(back[0] - wing[0])} {px(back[1] - wing[1])}Z"
            )
            label = ""
            if hover:
                a, b = titles[source[j]], titles[target[j]]
                text = f"{KIND_LABELS[kind]}: {a} → {b}"
                if why is not None:
                    reason = why[j]
                    text = f"{KIND_LABELS[kind]}\n{reason}" if a in reason and b in reason else f"{text}\n{reason}"
                label = f"<title>{xml(text)}</title>"
            out.append(
                f'<g>{label}<path d="M{px(x0[j])} {px(y0[j])}Q{px(cx[j])} {px(cy[j])} {px(x1[j])} {px(y1[j])}"/>'
                f'<path d="{arrow}" fill="{style["color"]}" fill-opacity="{head}" stroke="none"/></g>'
            )
        out.append("</g>")
    return out


def _humanise(identifier: str) -> str:
    words = identifier.replace("-", " ").replace("_", " ")
    return words[:1].upper() + words[1:]


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


def _labels_ladders(layout: pd.DataFrame) -> bool:
    """Whether the map names each ladder once, at its left (too many roles to name each, few enough ladders)."""
    ladders = layout[layout["track"].notna()].drop_duplicates(["row", "track"])
    return len(layout) > _LABEL_ALL_UP_TO and 0 < len(ladders) <= _LABEL_TRACKS_UP_TO


def _labels(layout: pd.DataFrame, xs: np.ndarray, ys: np.ndarray, x_max: float) -> list[str]:
    """Titles on the map itself: every role's on a small map (above or below it, so neighbours do not collide),
    each ladder's name once at its left on a larger one (:func:`_labels_ladders`), none on a larger one still."""
    n = len(layout)
    out = ['<g class="labels" fill="#303030" font-size="11">']
    if 0 < n <= _LABEL_ALL_UP_TO:
        position = np.full(n, "top center", dtype=object)
        for _, line in layout.groupby("y", sort=False):
            _place_labels(line, position, x_max)
        for i, title in enumerate(layout["title"].tolist()):
            side, across = position[i].split()
            anchor = {"center": "middle", "right": "start", "left": "end"}[across]
            x = xs[i] + {"center": 0, "right": -6, "left": 6}[across]
            lines = _lines(title, _ROLE_CHARS)
            y = ys[i] - 17 if side == "top" else ys[i] + 24
            out.append(_text(x, y, lines, anchor=anchor, below=side != "top"))
        return [*out, "</g>"]
    if _labels_ladders(layout):
        tracks = layout[layout["track"].notna()]
        first = tracks.sort_values("x", kind="stable").drop_duplicates(["row", "track"])
        titles = dict(zip(layout["id"], layout["title"], strict=True))
        for i, track in zip(first.index, first["track"], strict=True):
            name = titles.get(track) or _humanise(track)
            out.append(_text(xs[i] - 12, ys[i] + 4, [name], anchor="end"))
        return [*out, "</g>"]
    return []


def _ring(kind: str, role: str, x: float, y: float, radius: float) -> str:
    """A black ring around a role's place — ``selected`` (my current role) or ``found`` (its cell on the
    overview) — which a click goes through to the role under it."""
    return (
        f'<circle class="{kind}" data-role="{xml(role)}" cx="{px(x)}" cy="{px(y)}" r="{px(radius)}" fill="none" '
        'stroke="#000000" stroke-width="3.5" pointer-events="none"/>'
    )


def map_drawing(
    view: CareerMap,
    *,
    highlight: Sequence[str] = (),
    selected: str | None = None,
    highlight_label: str = "Highlighted route",
    selected_label: str = "Selected role",
) -> MapDrawing:
    """The career map of ``view`` as SVG: grades left → right, one row per discipline. ``highlight`` is a route
    (role ids in order) drawn thick under the roles, its roles ringed; ``selected`` is one role, ringed."""
    layout = view.layout
    where = view.where
    span = float(layout["band_high"].max()) if len(layout) else 1.0
    ticks = list(range(len(view.grades)))
    tick_labels = [view.grade_labels.get(g, g) for g in view.grades]
    if view.has_unplaced:
        ticks.append(view.x_max)
        tick_labels.append(UNKNOWN_GRADE_TICK)
    frame = _Frame(
        left_units=-1.9 if _labels_ladders(layout) else -0.7,  # ladders' names take room at the left
        right_units=view.x_max + 0.7,
        span=span,
        left_px=_left_margin(layout["row_label"].tolist()),
        tick_lines=_most_lines(tick_labels),
    )
    xs, ys = frame.x(layout["x"].to_numpy(float)), frame.y(layout["y"].to_numpy(float))
    bands = layout.drop_duplicates("row").sort_values("row")
    body = _axes(frame, ticks, tick_labels, bands)
    if view.has_unplaced:
        x = float(frame.x(view.x_max - UNPLACED_GAP / 2))
        body.append(f'<path d="M{px(x)} {frame.top}V{frame.bottom}" stroke="{_AXIS}" stroke-dasharray="10 5"/>')

    large = len(layout) >= QUIET_MOVES_FROM
    moves = {kind: len(at) for kind, at in view.drawn.items()}
    reasons = not large and sum(moves.values()) <= _REASONS_UP_TO
    body += _moves(view, xs, ys, reasons=reasons, hover=not large)
    key: list[tuple[str, str]] = []
    for kind, drawn in moves.items():
        glyph, text = _EDGE_KEY[kind]
        total = len(view.shown[kind])
        if drawn < total:
            text += f" — {drawn:,} of {total:,} drawn"
        key.append((glyph, text))

    route = [where[r] for r in highlight if r in where]
    if route:
        points = " ".join(f"{px(xs[i])},{px(ys[i])}" for i in route)
        body.append(
            f'<g class="route" data-roles="{xml(" ".join(layout["id"].iloc[route]))}" fill="none" stroke="#000000">'
            f'<polyline points="{points}" stroke-width="7" '
            f'stroke-opacity="0.35" stroke-linejoin="round"/>'
            + "".join(f'<circle cx="{px(xs[i])}" cy="{px(ys[i])}" r="12" stroke-width="3"/>' for i in route)
            + "</g>"
        )

    body += _labels(layout, xs, ys, view.x_max)
    body += _roles(layout, xs, ys)
    groups = set(zip(layout["status"].tolist(), layout["grade_known"].astype(bool).tolist(), strict=True))
    node_key = [(glyph, name) for group, (_, glyph, name) in _GROUPS.items() if group in groups]
    key = node_key + key
    if route:
        key.append(("▬", f"{highlight_label} (thick grey line, its roles ringed)"))
    if selected in where:
        i = where[selected]
        body.append(_ring("selected", selected, xs[i], ys[i], 15))
        key.append(("◯", f"{selected_label}: {layout.at[i, 'title']} (black ring)"))
    return MapDrawing(
        svg=_svg(frame, body, view.summary),
        key=tuple(key),
        width=frame.width,
        height=frame.height,
        roles=len(layout),
        moves=moves,
    )


# --------------------------------------------------------------------------- the overview

_CELL_PX = (5, 22)  # the smallest and largest cell's radius, in pixels


def overview_drawing(
    overview: MapOverview,
    *,
    found: str | None = None,
    found_label: str = "The role you are finding",
    found_title: str = "",
) -> MapDrawing:
    """The overview of a large framework: a circle per discipline and grade with roles, its area by how many,
    the count beside it; rows and colours as on the detailed map. A circle's ``data-pick`` is its discipline's
    name (a click shows that discipline's roles); ``found`` (a role id) rings the cell the role is in. Its size
    depends on the disciplines and grades, never on the number of roles."""
    cells, rows = overview.cells, overview.rows
    grades = list(overview.grades)
    unstated = overview.unstated_column
    x_max = unstated if unstated is not None else max(len(grades) - 1, 0)
    ticks = list(range(len(grades)))
    tick_labels = [overview.grade_labels.get(g, g) for g in grades]
    if unstated is not None:
        ticks.append(unstated)
        tick_labels.append(UNKNOWN_GRADE_TICK)
    frame = _Frame(
        left_units=-0.6,
        right_units=x_max + 0.8,
        span=max(len(rows), 1) * 0.55,
        left_px=_left_margin(rows["row_label"].tolist()),
        tick_lines=_most_lines(tick_labels),
    )
    # Rows are a discipline each, 0.55 units apart; the band of row r spans r ± 0.275 units.
    bands = pd.DataFrame(
        {
            "band_low": rows["row"] * 0.55,
            "band_high": (rows["row"] + 1) * 0.55,
            "band_center": (rows["row"] + 0.5) * 0.55,
            "row_label": rows["row_label"],
            "colour": rows["colour"],
        }
    )
    body = _axes(frame, ticks, tick_labels, bands)
    most = max(int(cells["roles"].max()) if len(cells) else 1, 1)
    low, high = _CELL_PX
    xs = frame.x(cells["column"].to_numpy(float))
    ys = frame.y((cells["row"].to_numpy(float) + 0.5) * 0.55)
    body.append('<g class="cells">')
    names = ("row_label", "grade", "roles", "described", "referenced", "colour")
    for i, (label, grade, roles, described, referenced, colour) in enumerate(
        zip(*(cells[name].tolist() for name in names), strict=True)
    ):
        radius = low + (high - low) * math.sqrt(roles / most)
        counted = f"{roles:,} role{'s' if roles != 1 else ''}"
        if referenced:
            counted += f": {described:,} with a description, {referenced:,} only named"
        title = f"{label}\nGrade: {grade}\n{counted}\nClick to show this discipline's roles"
        body.append(
            f'<g class="pick" data-pick="{xml(label)}" transform="translate({px(xs[i])} {px(ys[i])})">'
            f'<title>{xml(title)}</title><circle r="{px(radius)}" fill="{OKABE_ITO[int(colour)]}" stroke="#202020"/>'
            f'<text x="{px(radius + 4)}" y="4" fill="{_TEXT}" font-size="11">{roles:,}</text></g>'
        )
    body.append("</g>")
    key: list[tuple[str, str]] = []
    if found in overview.where:
        row, column = overview.where[found]
        body.append(_ring("found", found, frame.x(column), frame.y((row + 0.5) * 0.55), high + 7))
        key.append(("◯", f"{found_label}: {found_title} (ringed, in its discipline and grade)"))
    return MapDrawing(
        svg=_svg(frame, body, overview.summary),
        key=tuple(key),
        width=frame.width,
        height=frame.height,
        roles=overview.roles,
        moves={},
    )
