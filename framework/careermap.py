"""The career map's content: where each role sits (grade across, discipline down) and which moves are shown.

What the map page shows is worked out here once per view — the framework's graph, the kinds of move and the
disciplines chosen — and shared by the three things drawn from it: the picture (:mod:`ui.map_svg`, SVG),
the table of moves and the text summary, which are the picture's accessible alternatives. Everything here is
plain data (pandas and numpy), testable without Streamlit or plotly::

    view = career_map(G, kinds=("promotion", "reports_to"), disciplines=["delivery"])
    view.layout          # one row per role: x (grade), y (discipline band), labels
    view.table()         # every move shown, by discipline and grade
    view.summary         # a short plain-text description

The number of lines drawn is bounded. Promotions and reporting lines are about one per role and are all drawn;
lateral moves derived from skill overlap can number in the hundreds of thousands, which no reader could tell
apart. Up to 2,000 are all drawn; beyond, the map draws the easiest lateral move from each role (from 2,000
roles at most) and says so (:attr:`CareerMap.note`), while the table lists every move. A framework too large to
draw role by role opens on :func:`map_overview`: how many roles each discipline has at each grade, a cell each,
so what is drawn grows with the disciplines and grades, not with the roles. The edges are read from
the adjacency dicts in one pass that reads each edge's attributes once and builds no object per edge
(:class:`_Edges`), rather than a loop over ``G.edges(data=True)``.
"""

from __future__ import annotations

import math
import threading
import weakref
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from operator import itemgetter

import networkx as nx
import numpy as np
import pandas as pd

from .graph import KIND_ORDER, move_reason
from .wording import plural

__all__ = [
    "COLOURS",
    "KIND_LABELS",
    "LATERALS_DRAWN_UP_TO",
    "MOVE_COLUMNS",
    "NO_DISCIPLINE",
    "UNKNOWN_GRADE_TICK",
    "UNPLACED_GAP",
    "CareerMap",
    "MapOverview",
    "career_map",
    "default_kinds",
    "describe_map",
    "edge_kinds",
    "map_layout",
    "map_overview",
    "map_table",
]

#: How each kind of move is named on screen.
KIND_LABELS = {"promotion": "Promotion", "lateral": "Lateral move", "reports_to": "Reports to"}
_KIND_COUNTED = {
    "promotion": ("promotion", "promotions"),
    "lateral": ("lateral move", "lateral moves"),
    "reports_to": ("reporting line", "reporting lines"),
}
NO_DISCIPLINE = "No discipline"
UNKNOWN_GRADE_TICK = "Grade not known"

#: How many colours the map's palette has (:data:`ui.map_svg.OKABE_ITO`): each discipline's row gets one.
COLOURS = 8

# Vertical layout, in y units: a discipline with one ladder is one unit tall; parallel ladders (tracks) of a
# discipline take ``_SUB_ROW`` each, so a family of twelve tracks gets a taller band instead of a cramped one.
_SUB_ROW = 0.26
_BAND_PADDING = 0.3
UNPLACED_GAP = 1.5  # roles that cannot be placed at all go in a column this far right of the top grade
_LATERALS_UP_TO = 120  # more lateral moves than this are hidden unless asked for: they would hide the ladders
LATERALS_DRAWN_UP_TO = 2000  # asked for, up to this many are drawn; beyond, the easiest from each role

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
    band and where its label goes) and ``colour`` (the discipline's place in the palette, 0 to ``COLOURS - 1``).

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
    table["colour"] = table["row"] % COLOURS
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
    table["x"] = table["position"].fillna(top + UNPLACED_GAP)

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
    relations = data.get("relations") or ((data.get("kind"), move_reason(data)),)
    seen: dict[str, str] = {}
    for kind, reason in relations:
        seen.setdefault(kind, str(reason))
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
    """An edge's kind as a small number (far cheaper to compare than strings), -1 if it has several relations
    (or states its one relation in ``relations``, as a graph built by other code may)."""
    return -1 if "relations" in data else _KIND_CODE[data["kind"]]


class _EdgeIndex:
    """Every edge of a graph as flat arrays, in the graph's order (edges out of each role, roles in the file's
    order): each end as the role's place in the graph's order of nodes, each edge's attributes by reference,
    its kind as a small number. Made once per graph (:func:`_edge_index`) and shared by every view of it, so a
    view of a framework of a million moves costs what it shows, not a copy of the million.

    The edges are read in one pass (``map`` over the adjacency dicts into numpy arrays) that reads each edge's
    dict once and builds no object per edge, not a Python loop over ``G.edges(data=True)`` building tuples. An
    edge with a single relation (nearly all) is of its ``kind``; the few that list ``relations`` (several, the
    strongest as ``kind``: :func:`framework.graph.build_graph`) go through :func:`edge_kinds`, and so does every
    edge of a graph whose edges lack a ``kind``. Arrays rather than lists: the garbage collector
    does not walk numpy arrays, and it would walk lists of a million references at each of its frequent
    young-generation passes.
    """

    def __init__(self, G: nx.DiGraph) -> None:
        succ = G._succ  # the adjacency dict networkx's own algorithms read
        self.nodes = {node: i for i, node in enumerate(succ)}
        degrees = np.fromiter(map(len, succ.values()), np.int64, count=len(succ))
        self.source = np.repeat(np.arange(len(succ), dtype=np.int32), degrees)
        n = len(self.source)
        self.target = np.fromiter(map(self.nodes.__getitem__, chain.from_iterable(succ.values())), np.int32, n)
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


_INDEXES: weakref.WeakKeyDictionary[nx.DiGraph, _EdgeIndex] = weakref.WeakKeyDictionary()
_INDEXES_LOCK = threading.Lock()


def _edge_index(G: nx.DiGraph) -> _EdgeIndex:
    """The edge index of ``G``, made on first use and kept while the graph lives (graphs are never changed once
    built: :func:`framework.graph.build_graph`)."""
    with _INDEXES_LOCK:
        index = _INDEXES.get(G)
    if index is None or len(index.source) != G.number_of_edges():
        index = _EdgeIndex(G)
        with _INDEXES_LOCK:
            _INDEXES[G] = index
    return index


class _Edges:
    """The edges of a graph as one view of the map sees them: each end's row in the view's layout (-1 for a role
    the view leaves out), over the graph's shared :class:`_EdgeIndex`. Edges are named by their positions in the
    graph's order; only the edges a view shows pay for their rows, targets, reasons and efforts."""

    def __init__(self, G: nx.DiGraph, where: dict[str, int]) -> None:
        self.index = _edge_index(G)
        self.row = np.full(len(self.index.nodes), -1, dtype=np.int64)
        nodes = self.index.nodes
        for node, row in where.items():
            self.row[nodes[node]] = row
        self.all_shown = bool((self.row >= 0).all())

    def sources(self, at: np.ndarray) -> np.ndarray:
        """The layout rows of the edges' sources."""
        return self.row[self.index.source[at]]

    def targets(self, at: np.ndarray) -> np.ndarray:
        """The layout rows of the edges' targets."""
        return self.row[self.index.target[at]]

    def of_kind(self, kind: str) -> np.ndarray:
        """The edges of ``kind`` between roles the map shows, as positions in the graph's order."""
        index = self.index
        mask = index.kind == _KIND_CODE[kind]
        if kind in index.other:
            mask[np.fromiter(index.other[kind], np.int64)] = True
        at = np.flatnonzero(mask)
        if not self.all_shown and len(at):
            at = at[(self.sources(at) >= 0) & (self.targets(at) >= 0)]
        return at

    def reasons(self, kind: str, at: np.ndarray) -> list[str]:
        other = self.index.other.get(kind, {})
        data = self.index.data
        return [other[i] if i in other else move_reason(data[i]) for i in at.tolist()]

    def efforts(self, at: np.ndarray) -> np.ndarray:
        data = self.index.data[at].tolist()
        try:
            return np.fromiter(map(_EFFORT, data), float, count=len(data))
        except (KeyError, TypeError, ValueError):  # an edge without an effort counts as no effort
            return np.fromiter((d.get("effort") or 0.0 for d in data), float, count=len(data))


def _laterals_drawn(edges: _Edges, at: np.ndarray, limit: int | None = None) -> tuple[np.ndarray, int]:
    """Which of the lateral moves ``at`` the map draws, and out of how many roles they are picked.

    All of them, up to ``limit`` (:data:`LATERALS_DRAWN_UP_TO`). Beyond, a million dashed lines would only
    be a grey fog, so the map draws one move per role, the easiest (lowest effort; the first in the graph's
    order on a tie) — and if more roles than ``limit`` have lateral moves, those of ``limit`` roles spread
    evenly over them in the file's order. Returns the positions drawn and the number of roles with lateral
    moves (0 when all are drawn).
    """
    limit = LATERALS_DRAWN_UP_TO if limit is None else limit
    if len(at) <= limit:
        return at, 0
    source = edges.sources(at)
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


# --------------------------------------------------------------------------- the view


@dataclass(frozen=True, eq=False)
class CareerMap:
    """One view of the career map: its roles placed, and the moves shown of the kinds chosen.

    ``shown`` holds, per kind, the moves between roles the view shows (positions in :attr:`edges`, the graph's
    order); ``drawn`` those the figure draws — all of them, except lateral moves beyond
    :data:`LATERALS_DRAWN_UP_TO`, of which the easiest from each role (``lateral_roles`` says from how many
    roles they were picked; 0 when all are drawn) — and ``note`` says so in a sentence ("" when all are drawn).
    Made once per view by :func:`career_map` and shared by the figure, :meth:`table` and :attr:`summary`.
    """

    layout: pd.DataFrame
    kinds: tuple[str, ...]
    focus: tuple[str | None, ...] | None  # the disciplines (ids) the view keeps; None: all
    grades: tuple[str, ...]
    grade_labels: dict[str, str]
    edges: _Edges | None
    shown: dict[str, np.ndarray]
    drawn: dict[str, np.ndarray]
    lateral_roles: int = 0
    note: str = ""
    _table: list = field(default_factory=list, repr=False)  # made on first use, then kept

    @property
    def where(self) -> dict[str, int]:
        """Role id → its row in :attr:`layout`."""
        return {node: i for i, node in enumerate(self.layout["id"])}

    @property
    def has_unplaced(self) -> bool:
        return bool(self.layout["unplaced"].any())

    @property
    def x_max(self) -> float:
        """The right edge of the grade axis: the top grade, or the column of roles that cannot be placed."""
        return max(len(self.grades) - 1, 0) + (UNPLACED_GAP if self.has_unplaced else 0)

    def table(self) -> pd.DataFrame:
        """The moves shown, as a table: one row per edge and kind, by discipline then grade.

        An edge with several relations (a promotion that is also a reporting line) has a row for each kind
        shown, each with its own reason, just as the map draws a line for each. The table lists every move shown,
        also the lateral moves the figure leaves out when there are too many to draw.
        """
        if not self._table:
            self._table.append(_moves_table(self))
        return self._table[0]

    @cached_property
    def summary(self) -> str:
        """A short plain-text summary of the map, for screen readers and anyone who prefers words (made once a
        view: every run of the map page shows it)."""
        return _summary(self)


def career_map(
    G: nx.DiGraph, *, kinds: Sequence[str] = KIND_ORDER, disciplines: Collection[str | None] | None = None
) -> CareerMap:
    """The career map of ``G`` showing the moves of ``kinds``; ``disciplines`` (ids, ``None`` for roles without
    one) focuses it on some disciplines, leaving out moves to and from the others (see :func:`map_layout`)."""
    kinds = _check_kinds(kinds)
    layout = map_layout(G, disciplines=disciplines)
    where = {node: i for i, node in enumerate(layout["id"])}
    edges = _Edges(G, where) if kinds else None
    shown = {kind: edges.of_kind(kind) for kind in kinds} if edges is not None else {}
    drawn = {kind: at for kind, at in shown.items() if len(at)}
    note, lateral_roles = "", 0
    if "lateral" in drawn:
        drawn["lateral"], lateral_roles = _laterals_drawn(edges, shown["lateral"])
        if lateral_roles:
            n, total = len(drawn["lateral"]), len(shown["lateral"])
            note = f"Showing {n:,} of {total:,} lateral moves: {_lateral_choice(n, lateral_roles)}."
            note += " Choose a few disciplines to see more of them." if disciplines is None else ""
    return CareerMap(
        layout=layout,
        kinds=kinds,
        focus=None if disciplines is None else tuple(disciplines),
        grades=tuple(G.graph.get("grades", [])),
        grade_labels=dict(G.graph.get("grade_labels", {})),
        edges=edges,
        shown=shown,
        drawn=drawn,
        lateral_roles=lateral_roles,
        note=note,
    )


def map_table(
    G: nx.DiGraph, kinds: Sequence[str] = KIND_ORDER, *, disciplines: Collection[str | None] | None = None
) -> pd.DataFrame:
    """``career_map(G, kinds=kinds, disciplines=disciplines).table()``."""
    return career_map(G, kinds=kinds, disciplines=disciplines).table()


def describe_map(
    G: nx.DiGraph, kinds: Sequence[str] = KIND_ORDER, *, disciplines: Collection[str | None] | None = None
) -> str:
    """``career_map(G, kinds=kinds, disciplines=disciplines).summary``."""
    return career_map(G, kinds=kinds, disciplines=disciplines).summary


MOVE_COLUMNS = ["Discipline", "From", "From grade", "To", "To grade", "Move", "Reason"]


def _moves_table(view: CareerMap) -> pd.DataFrame:
    shown = [(kind, at) for kind, at in view.shown.items() if len(at)]
    if not shown:
        return pd.DataFrame(columns=MOVE_COLUMNS)
    edges, layout = view.edges, view.layout
    source = np.concatenate([edges.sources(at) for _, at in shown])
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
    return table[MOVE_COLUMNS].reset_index(drop=True)


def _summary(view: CareerMap) -> str:
    layout = view.layout
    if layout.empty:
        return "The map is empty: no roles to show."
    per_row = layout.groupby(["row", "row_label"]).size().sort_index(level=0)
    rows = ", ".join(f"{label} {count}" for (_, label), count in per_row.items())
    parts = [f"{plural(len(layout), 'role')} in {plural(len(per_row), 'row')} by discipline ({rows})."]
    if view.kinds:
        counts = [plural(len(view.shown[k]), *_KIND_COUNTED[k]) for k in view.kinds]
        parts.append(f"Moves shown: {', '.join(counts)}.")
        if view.lateral_roles:  # the figure draws some of them: say which, as its title does
            drawn = len(view.drawn["lateral"])
            choice = _lateral_choice(drawn, view.lateral_roles)
            parts.append(f"The map draws {drawn:,} of the lateral moves: {choice}; the table lists them all.")
    else:
        parts.append("No moves shown.")
    unknown = int((~layout["grade_known"]).sum())
    unplaced = int(layout["unplaced"].sum())
    if unknown:
        placed = unknown - unplaced
        text = f"{plural(unknown, 'role')} without a stated grade"
        text += f": {placed} placed by {'its' if placed == 1 else 'their'} reporting lines" if placed else ""
        text += f"{',' if placed else ':'} {unplaced} in the “{UNKNOWN_GRADE_TICK}” column" if unplaced else ""
        parts.append(text + ".")
    referenced = int((layout["status"] == "referenced").sum())
    if referenced:
        parts.append(f"{plural(referenced, 'role')} only named in another role's description.")
    return " ".join(parts)


# --------------------------------------------------------------------------- the overview

GRADE_NOT_STATED = "Grade not stated"


@dataclass(frozen=True, eq=False)
class MapOverview:
    """The career map of a framework too large to draw role by role: one cell per discipline and grade with
    roles, counting them. Its size is disciplines × grades, whatever the number of roles.

    ``cells`` has one row per cell: ``row`` and ``row_label`` (the discipline, in the map's order of rows, roles
    without one last), ``discipline_id``, ``colour`` (as on the detailed map), ``column`` (the grade's place;
    roles whose grade is not stated in a column of their own at the right), ``grade`` (its label), ``roles``,
    ``described`` and ``referenced``. ``where`` gives each role's cell, as (row, column).
    """

    cells: pd.DataFrame
    grades: tuple[str, ...]
    grade_labels: dict[str, str]
    roles: int
    where: dict[str, tuple[int, float]]

    @property
    def unstated_column(self) -> float | None:
        """The column of the roles whose grade is not stated, if any."""
        columns = self.cells.loc[self.cells["grade"] == GRADE_NOT_STATED, "column"]
        return float(columns.iloc[0]) if len(columns) else None

    @cached_property
    def rows(self) -> pd.DataFrame:
        """One row per discipline: ``row``, ``row_label``, ``discipline_id``, ``colour`` and its ``roles``."""
        per = self.cells.groupby(["row", "row_label", "colour"], sort=True, dropna=False)["roles"].sum()
        out = per.reset_index()
        ids = self.cells.drop_duplicates("row").set_index("row")["discipline_id"]
        out["discipline_id"] = out["row"].map(ids)
        return out

    def table(self) -> pd.DataFrame:
        """Roles per discipline (rows) and grade (columns, lowest first), with a total: the overview's
        accessible alternative."""
        labels = [self.grade_labels.get(g, g) for g in self.grades]
        if self.unstated_column is not None:
            labels.append(GRADE_NOT_STATED)
        counts = self.cells.pivot_table(index=["row", "row_label"], columns="grade", values="roles", aggfunc="sum")
        counts = counts.reindex(columns=[c for c in labels if c in counts.columns]).fillna(0).astype(int)
        counts["All grades"] = counts.sum(axis=1)
        counts = counts.sort_index(level=0)
        counts.index = counts.index.get_level_values(1)
        counts.columns.name = None
        return counts.reset_index(names="Discipline")

    @cached_property
    def summary(self) -> str:
        """The overview in words: roles per discipline, and where most of them are (made once an overview: every
        run of the map page shows it)."""
        rows = self.rows
        per = ", ".join(f"{label} {count:,}" for label, count in zip(rows["row_label"], rows["roles"], strict=True))
        busiest = self.cells.sort_values(["roles", "row", "column"], ascending=[False, True, True]).iloc[0]
        text = (
            f"{plural(self.roles, 'role')} in {plural(len(rows), 'discipline')} ({per}), counted by grade: "
            f"{plural(len(self.cells), 'cell')} of a discipline and a grade with roles. The most roles, "
            f"{int(busiest['roles']):,}, are in {busiest['row_label']} at {busiest['grade']}."
        )
        referenced = int(self.cells["referenced"].sum())
        if referenced:
            text += f" {plural(referenced, 'role')} only named in another role's description."
        return text


def map_overview(G: nx.DiGraph) -> MapOverview:
    """How many roles of ``G`` each discipline has at each grade (see :class:`MapOverview`); rows and colours as
    on the detailed map (:func:`map_layout`), so a discipline keeps its colour when it is opened."""
    grades: list[str] = G.graph.get("grades", [])
    labels: dict[str, str] = G.graph.get("grade_labels", {})
    rank = {grade: i for i, grade in enumerate(grades)}
    unstated = float(max(len(grades) - 1, 0) + UNPLACED_GAP)
    order: dict[str | None, int] = {}
    names: dict[str | None, str] = {}
    counts: dict[tuple[str | None, float], list[int]] = {}
    cell_of: dict[str, tuple[str | None, float]] = {}
    for node, data in G.nodes(data=True):
        discipline = data.get("discipline")
        if discipline is not None and discipline not in order:
            order[discipline] = len(order)
        names.setdefault(discipline, data.get("discipline_name") or discipline or NO_DISCIPLINE)
        grade = data.get("grade")
        column = float(rank[grade]) if grade in rank else unstated
        tally = counts.setdefault((discipline, column), [0, 0])
        tally[0 if data.get("status", "described") == "described" else 1] += 1
        cell_of[node] = (discipline, column)
    if None in names:
        order[None] = len(order)
        names[None] = NO_DISCIPLINE
    grade_of = {float(i): labels.get(g, g) for i, g in enumerate(grades)} | {unstated: GRADE_NOT_STATED}
    rows = [
        {
            "row": order[discipline],
            "row_label": names[discipline],
            "discipline_id": discipline,
            "colour": order[discipline] % COLOURS,
            "column": column,
            "grade": grade_of[column],
            "roles": described + referenced,
            "described": described,
            "referenced": referenced,
        }
        for (discipline, column), (described, referenced) in counts.items()
    ]
    columns = ["row", "row_label", "discipline_id", "colour", "column", "grade", "roles", "described", "referenced"]
    cells = pd.DataFrame(rows, columns=columns).sort_values(["row", "column"], kind="stable").reset_index(drop=True)
    where = {node: (order[discipline], column) for node, (discipline, column) in cell_of.items()}
    return MapOverview(cells, tuple(grades), dict(labels), G.number_of_nodes(), where)
