"""The career map figure: layout, bounded traces, kinds of move, escaping, route and table, at any size."""

from __future__ import annotations

import html
import json
from itertools import combinations

import networkx as nx
import pytest

from framework import careermap, load_framework, load_framework_text
from framework.careermap import default_kinds, describe_map, edge_kinds, map_layout, map_overview, map_table
from framework.graph import KIND_ORDER, build_graph
from framework.models import Discipline, Framework, Grade, ImportSource, Move, ReportingLine, Role
from tests.conftest import DATA
from ui.map_figure import OKABE_ITO, career_map_figure, figure_key, overview_figure

ALL_KINDS = [list(c) for n in range(len(KIND_ORDER) + 1) for c in combinations(KIND_ORDER, n)]


@pytest.fixture(scope="module")
def ddat_graph():
    return build_graph(load_framework(DATA / "ddat.yaml"))


@pytest.fixture(params=["council", "ddat"])
def graph(request, council_graph, ddat_graph):
    return council_graph if request.param == "council" else ddat_graph


def parts(fig, part: str) -> list:
    return [t for t in fig.data if t.meta["part"] == part]


def role_ids(fig) -> list[str]:
    """Every role id the node traces carry."""
    return [c for t in parts(fig, "nodes") for c in t.customdata]


def bound(kinds) -> int:
    return 10 + len(kinds)


# --------------------------------------------------------------------------- traces


@pytest.mark.parametrize("kinds", ALL_KINDS, ids=lambda k: "+".join(k) or "none")
def test_trace_count_is_bounded_and_does_not_grow_with_the_edges(council_graph, ddat_graph, kinds):
    small = career_map_figure(council_graph, kinds=kinds)
    large = career_map_figure(ddat_graph, kinds=kinds)
    assert ddat_graph.number_of_edges() > 50 * council_graph.number_of_edges()
    for fig, G in ((small, council_graph), (large, ddat_graph)):
        assert len(fig.data) <= bound(kinds)
        present = {k for _, _, d in G.edges(data=True) for k, _ in d["relations"]} & set(kinds)
        # one line trace and one arrowhead trace per kind shown, however many edges it has
        assert len(parts(fig, "edges")) == len(parts(fig, "arrows")) == len(present)
    if kinds == ["promotion"]:  # 7 promotions or 157: the same traces
        assert [t.meta["part"] for t in small.data if t.meta["part"] in ("edges", "arrows")] == [
            t.meta["part"] for t in large.data if t.meta["part"] in ("edges", "arrows")
        ]


@pytest.mark.parametrize("kinds", ALL_KINDS, ids=lambda k: "+".join(k) or "none")
def test_each_requested_kind_is_drawn_and_no_other(graph, kinds):
    fig = career_map_figure(graph, kinds=kinds)
    present = {k for _, _, d in graph.edges(data=True) for k, _ in d["relations"]}
    drawn = {t.meta["kind"]: t for t in parts(fig, "edges")}
    assert set(drawn) == set(kinds) & present
    for kind, trace in drawn.items():
        assert trace.line.dash == {"promotion": "solid", "lateral": "dash", "reports_to": "dot"}[kind]
        assert trace.showlegend is not False
        assert trace.name  # named in the legend
        assert trace.mode == "lines"


def test_an_edge_with_several_relations_is_drawn_for_each(council_graph):
    both = [(u, v) for u, v, d in council_graph.edges(data=True) if len(d["relations"]) == 2]
    assert both, "the council framework has promotions that are also reporting lines"
    fig = career_map_figure(council_graph)
    counts = {t.meta["kind"]: t.meta["edges"] for t in parts(fig, "edges")}
    assert counts == {"promotion": 7, "reports_to": 6}
    # lines joined with gaps: each edge is a run of points followed by a gap, not a trace of its own
    promotion = parts(fig, "edges")[0]
    assert sum(1 for y in promotion.y if y != y) == counts["promotion"]  # NaN gaps


def test_every_role_appears_exactly_once_in_the_node_traces(graph):
    fig = career_map_figure(graph)
    ids = role_ids(fig)
    assert sorted(ids) == sorted(graph.nodes)
    assert len(ids) == len(set(ids))
    assert len(parts(fig, "nodes")) <= 4


def test_roles_of_unknown_grade_are_a_trace_of_their_own(council_graph):
    fig = career_map_figure(council_graph)
    unknown = {n for n, d in council_graph.nodes(data=True) if d["grade"] is None}
    assert len(unknown) == 6
    traces = parts(fig, "nodes")
    of_unknown = [t for t in traces if not t.meta["grade_known"]]
    assert {c for t in of_unknown for c in t.customdata if c} == unknown
    known_symbols = {t.marker.symbol for t in traces if t.meta["grade_known"]}
    assert all(t.marker.symbol not in known_symbols for t in of_unknown)
    assert all("grade not stated" in t.name for t in of_unknown)  # explained in the legend
    assert all(t.error_x.type == "constant" for t in of_unknown)  # drawn with a smear: the place is an estimate


def test_described_roles_are_filled_circles_and_referenced_roles_open_diamonds(council_graph):
    symbols = {
        (t.meta["status"], t.meta["grade_known"]): t.marker.symbol
        for t in parts(career_map_figure(council_graph), "nodes")
    }
    assert symbols[("described", True)] == "circle"
    assert symbols[("referenced", False)].startswith("diamond-open")


def test_roles_are_coloured_by_discipline_with_the_okabe_ito_palette(council_graph):
    fig = career_map_figure(council_graph)
    layout = map_layout(council_graph).set_index("id")
    for trace in parts(fig, "nodes"):
        scale = dict(trace.marker.colorscale)
        for role, code in zip(trace.customdata, trace.marker.color, strict=True):
            assert code == layout.at[role, "row"] % len(OKABE_ITO)
        assert set(OKABE_ITO) <= set(scale.values())


def shown_hover(trace, i: int) -> str:
    """What plotly shows on hovering point ``i`` of ``trace``: its hover template, filled in."""
    text = trace.text[i] if trace.text is not None else ""
    filled = trace.hovertemplate.replace("%{text}", str(text)).replace("%{hovertext}", str(trace.hovertext[i]))
    return filled.removesuffix("<extra></extra>")


def test_hover_text_names_title_grade_and_discipline(council_graph):
    fig = career_map_figure(council_graph)
    hover = {c: shown_hover(t, i) for t in parts(fig, "nodes") for i, c in enumerate(t.customdata) if c}
    assert hover["delivery-manager"].startswith("<b>Delivery Manager</b><br>Grade: PO4<br>Discipline: Delivery")
    assert hover["delivery-manager"].endswith("<br>Has its own description")
    assert "grade not stated; above PO4 by its reporting lines" in hover["senior-delivery-manager"]


def test_a_large_map_drops_the_hover_labels_of_moves_not_of_roles(ddat_graph, monkeypatch):
    small = career_map_figure(ddat_graph)
    assert all(t.hovertext is not None for t in parts(small, "arrows"))
    monkeypatch.setattr("ui.map_figure.QUIET_MOVES_FROM", 200)  # DDaT's 205 roles are now a large map
    large = career_map_figure(ddat_graph)
    arrows = parts(large, "arrows")
    assert arrows, "the moves are still drawn, arrowheads and all"
    assert all(t.hovertext is None and t.hoverinfo == "skip" for t in arrows)
    assert all(t.hovertext is not None for t in parts(large, "nodes"))
    assert len(large.to_json()) < len(small.to_json())


HOSTILE = """\
id: hostile
name: <b>Hostile</b>
grades: [{id: g1, name: "<img src=x onerror=alert(1)>"}, {id: g2}]
disciplines: [{id: d, name: "<i>R&D</i>"}]
roles:
  - {id: a, title: "<script>alert(1)</script>", discipline: d, grade: g1, source: {kind: import, framework: t}}
  - {id: b, title: "Boss <u>", discipline: d, grade: g2, source: {kind: import, framework: t},
     moves: [{to: a, reason: "<script>also this</script>"}]}
  - {id: c, title: "Third", discipline: d, grade: g1, source: {kind: import, framework: t},
     reports_to: {role: b}}
"""


def test_text_from_the_file_is_escaped_everywhere_in_the_figure():
    G = build_graph(load_framework_text(HOSTILE, name="hostile.yaml"))
    fig = career_map_figure(G, highlight=["a", "b"], selected="b")
    text = json.dumps(json.loads(fig.to_json()), ensure_ascii=False)  # plotly escapes "<" in its JSON
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text  # a grade name, in the tick labels
    assert "&lt;i&gt;R&amp;D&lt;/i&gt;" in text  # a discipline name, in the tick labels
    assert "&lt;script&gt;also this&lt;/script&gt;" in text  # a reason, in the hover label of the move
    for raw in ("<script>", "<img", "<i>", "<u>"):
        assert raw not in text
    # the table alternative keeps the text as written: a dataframe shows text, never HTML
    assert "<script>also this</script>" in set(map_table(G)["Reason"])


# --------------------------------------------------------------------------- route, selection, axes


def test_highlight_draws_the_route_on_top(council_graph):
    route = ["associate-project-manager", "project-manager", "delivery-manager"]
    plain = career_map_figure(council_graph)
    fig = career_map_figure(council_graph, highlight=route, selected="delivery-manager")
    assert len(fig.data) == len(plain.data) + 2
    (line,) = parts(fig, "route")
    assert line.meta["roles"] == route
    layout = map_layout(council_graph).set_index("id")
    assert list(line.x) == list(layout.loc[route, "x"])
    assert list(line.y) == list(layout.loc[route, "y"])
    assert line.line.width > max(t.line.width for t in parts(fig, "edges"))
    parts_in_order = [t.meta["part"] for t in fig.data]
    assert parts_in_order.index("route") > max(i for i, p in enumerate(parts_in_order) if p == "edges")
    (ring,) = parts(fig, "selected")
    assert (ring.x[0], ring.y[0]) == (layout.at["delivery-manager", "x"], layout.at["delivery-manager", "y"])
    assert "Delivery Manager" in ring.name


def test_unknown_roles_in_a_highlight_or_selection_are_left_out(council_graph):
    fig = career_map_figure(council_graph, highlight=["nobody", "delivery-manager"], selected="nobody")
    assert parts(fig, "route")[0].meta["roles"] == ["delivery-manager"]
    assert not parts(fig, "selected")


def test_axes_are_grades_in_order_and_disciplines(council_graph):
    fig = career_map_figure(council_graph)
    assert list(fig.layout.xaxis.ticktext) == ["PO1", "PO2", "PO3", "PO4", "PO5", "PO6", "PO7", "PO8", "Head"]
    assert list(fig.layout.xaxis.tickvals) == list(range(9))
    labels = [t.split("</span> ", 1)[1] for t in fig.layout.yaxis.ticktext]
    assert labels == ["Delivery", "Product", "Technology", "No discipline"]
    assert fig.layout.xaxis.title.text
    assert fig.layout.yaxis.title.text
    assert fig.layout.title.text
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]  # the first discipline at the top


def test_height_follows_the_rows_within_bounds(council_graph, ddat_graph):
    small, large = career_map_figure(council_graph), career_map_figure(ddat_graph)
    assert 420 <= small.layout.height < large.layout.height <= 2000


def test_unknown_kind_is_an_error(council_graph):
    with pytest.raises(ValueError, match="unknown kind of move 'sideways'"):
        career_map_figure(council_graph, kinds=["promotion", "sideways"])


def test_default_kinds_hide_laterals_only_when_there_are_too_many(council_graph, ddat_graph):
    assert default_kinds(council_graph) == list(KIND_ORDER)
    assert default_kinds(ddat_graph) == ["promotion", "reports_to"]


# --------------------------------------------------------------------------- layout

BRANCHED = """\
id: b
name: Branched
grades: [{id: junior}, {id: mid}, {id: senior}]
disciplines: [{id: dev, name: Development}, {id: ops, name: Operations}]
roles:
  - {id: jr, title: Junior developer, discipline: dev, track: developer, grade: junior, source: {kind: import, framework: t}}
  - {id: sr, title: Senior developer, discipline: dev, track: developer, grade: senior, source: {kind: import, framework: t}}
  - {id: sr-m, title: Senior developer - management, discipline: dev, track: developer, branch: management, grade: senior, source: {kind: import, framework: t}}
  - {id: tester, title: Tester, discipline: dev, track: tester, grade: mid, source: {kind: import, framework: t}}
  - {id: sre, title: Site reliability engineer, discipline: ops, grade: senior, source: {kind: import, framework: t}}
  - {id: floating, title: Unplaced role, discipline: ops, source: {kind: import, framework: t}}
  - {id: boss, title: Director, grade: senior, source: {kind: import, framework: t}}
"""  # noqa: E501


@pytest.fixture(scope="module")
def branched():
    return build_graph(load_framework_text(BRANCHED, name="b.yaml"))


def test_layout_rows_columns_tracks_and_branches(branched):
    layout = map_layout(branched).set_index("id")
    assert list(layout.columns[:3]) == ["title", "grade", "grade_known"]
    assert layout.loc[["jr", "sr", "tester", "sre", "boss"], "row"].tolist() == [0, 0, 0, 1, 2]
    assert layout.at["boss", "row_label"] == "No discipline"
    # two tracks of one discipline: two lines inside its band
    assert layout.at["jr", "y"] == layout.at["sr", "y"] != layout.at["tester", "y"]
    assert layout.at["jr", "band_low"] < layout.at["tester", "y"] < layout.at["jr", "band_high"]
    # two branches of one rung: side by side around the grade, never on the same spot
    assert layout.at["sr", "x"] < 2 < layout.at["sr-m", "x"]
    assert abs(layout.at["sr", "x"] - layout.at["sr-m", "x"]) < 0.5
    # a role with no grade and no reporting line: a column of its own, right of the top grade
    assert layout.at["floating", "unplaced"]
    assert layout.at["floating", "x"] == 2 + 1.5
    assert layout.at["floating", "grade"] == "grade not stated"
    assert not layout.drop("floating")["unplaced"].any()


def test_unplaced_roles_get_their_own_column_on_the_axis(branched):
    fig = career_map_figure(branched)
    assert fig.layout.xaxis.tickvals[-1] == 3.5
    assert fig.layout.xaxis.ticktext[-1].replace("<br>", " ") == "Grade not known"
    assert "1 in the “Grade not known” column" in describe_map(branched)


def test_no_two_roles_share_a_spot(graph):
    layout = map_layout(graph)
    assert not layout.duplicated(["x", "y"]).any()


# --------------------------------------------------------------------------- accessible alternatives


@pytest.mark.parametrize("kinds", ALL_KINDS, ids=lambda k: "+".join(k) or "none")
def test_table_has_a_row_per_edge_shown(graph, kinds):
    fig = career_map_figure(graph, kinds=kinds)
    table = map_table(graph, kinds)
    assert len(table) == sum(t.meta["total"] for t in parts(fig, "edges"))
    assert all(t.meta["edges"] == t.meta["total"] for t in parts(fig, "edges"))  # small maps draw every move
    assert list(table.columns) == ["Discipline", "From", "From grade", "To", "To grade", "Move", "Reason"]
    assert set(table["Move"]) <= {"Promotion", "Lateral move", "Reports to"}
    assert table["Reason"].str.len().min() > 0 if len(table) else True


def test_table_is_sorted_by_discipline_then_grade(council_graph):
    table = map_table(council_graph)
    assert list(dict.fromkeys(table["Discipline"])) == ["Delivery", "Product", "Technology"]
    delivery = table[table["Discipline"] == "Delivery"]
    assert delivery["From"].iloc[0] == "Associate Project Manager"
    assert delivery["From"].iloc[-1] == "Head of Delivery Management"


def test_description_counts_roles_moves_and_unknown_grades(council_graph):
    text = describe_map(council_graph)
    assert text.startswith("11 roles in 4 rows by discipline (Delivery 5, Product 3, Technology 2, No discipline 1).")
    assert "Moves shown: 7 promotions, 0 lateral moves, 6 reporting lines." in text
    assert "6 roles without a stated grade: 6 placed by their reporting lines." in text
    assert describe_map(council_graph, []).count("No moves shown.") == 1
    assert "1 promotion," not in describe_map(council_graph, ["promotion"])


# --------------------------------------------------------------------------- scale


def synthetic(disciplines: int = 8, grades: int = 10, tracks: int = 125) -> Framework:
    """A framework of disciplines × grades × tracks roles (10,000 by default): a ladder per track, reporting
    lines up each ladder, and a lateral move across disciplines every 25 tracks."""
    source = ImportSource(framework="synthetic")
    roles = [
        Role(
            id=f"d{d}-t{t}-g{g}",
            title=f"Role {t} of discipline {d}, level {g}",
            discipline=f"d{d}",
            track=f"t{t}",
            grade=f"g{g}",
            source=source,
            reports_to=ReportingLine(role=f"d{d}-t{t}-g{g + 1}") if g + 1 < grades else None,
            moves=[Move(to=f"d{(d + 1) % disciplines}-t{t}-g{g}", reason="Sideways")] if t % 25 == 0 else [],
        )
        for d in range(disciplines)
        for t in range(tracks)
        for g in range(grades)
    ]
    return Framework(
        id="synthetic",
        name="Synthetic",
        grades=[Grade(id=f"g{g}") for g in range(grades)],
        disciplines=[Discipline(id=f"d{d}", name=f"Discipline {d}") for d in range(disciplines)],
        roles=roles,
    )


@pytest.mark.slow
def test_ten_thousand_roles_keep_the_same_bounded_trace_count(ddat_graph):
    G = build_graph(synthetic())
    assert G.number_of_nodes() == 10_000
    fig = career_map_figure(G)
    kinds = list(KIND_ORDER)
    assert len(fig.data) <= bound(kinds)
    assert {t.meta["kind"]: t.meta["edges"] for t in parts(fig, "edges")} == {
        "promotion": 9_000,
        "lateral": 400,
        "reports_to": 9_000,
    }
    assert len(parts(fig, "edges")) == len(parts(career_map_figure(ddat_graph, kinds=kinds), "edges")) + 1
    assert len(role_ids(fig)) == 10_000
    assert len(map_table(G, ["lateral"])) == 400
    json.loads(fig.to_json())  # serialisable as it is sent to the browser


def test_focus_on_some_disciplines_keeps_their_colours_and_their_own_moves(council_graph):
    full = map_layout(council_graph).set_index("id")
    focus = map_layout(council_graph, disciplines=["product", None]).set_index("id")
    assert set(focus.index) == {"senior-product-manager", "lead-product-manager", "head-of-product"} | {
        "executive-director-for-delivery-and-capabilities"
    }
    assert focus["row"].tolist() == [0, 0, 0, 1]
    assert (focus["colour"] == full.loc[focus.index, "colour"]).all()
    fig = career_map_figure(council_graph, disciplines=["product"])
    assert sorted(role_ids(fig)) == ["head-of-product", "lead-product-manager", "senior-product-manager"]
    table = map_table(council_graph, disciplines=["product"])
    assert set(table["Discipline"]) == {"Product"}
    assert len(table) == sum(t.meta["edges"] for t in parts(fig, "edges")) == 4
    assert describe_map(council_graph, disciplines=["product"]).startswith("3 roles in 1 row by discipline")


def test_an_empty_focus_draws_an_empty_map(council_graph):
    fig = career_map_figure(council_graph, disciplines=["astrology"])
    assert not fig.data
    assert map_table(council_graph, disciplines=["astrology"]).empty
    assert describe_map(council_graph, disciplines=["astrology"]) == "The map is empty: no roles to show."


# --------------------------------------------------------------------------- too many lateral moves to draw


def lateral_edges(G, shown=None) -> dict[tuple[str, str], float]:
    """Every lateral move of ``G`` (between roles ``shown``) and its effort."""
    return {
        (u, v): d["effort"]
        for u, v, d in G.edges(data=True)
        if any(k == "lateral" for k, _ in d["relations"]) and (shown is None or (u in shown and v in shown))
    }


def drawn_moves(fig, G, kind: str) -> list[tuple[str, str]]:
    """The (source, target) of each move a kind's arrowheads stand for, read back from their hover text."""
    (arrows,) = [t for t in parts(fig, "arrows") if t.meta["kind"] == kind]
    by_reason = {}  # each move's reason names both of its roles, so it tells the move
    for u, v, d in G.edges(data=True):
        for k, reason in d["relations"]:
            if k == kind:
                by_reason.setdefault(reason, []).append((u, v))
    assert all(len(moves) == 1 for moves in by_reason.values()), "a reason that does not tell its move"
    shown = [html.unescape(str(text).split("<br>", 1)[1].replace("<br>", " ")) for text in arrows.hovertext]
    return [by_reason[reason][0] for reason in shown]


def test_beyond_the_limit_the_map_draws_the_easiest_lateral_move_of_each_role_and_says_so(ddat_graph, monkeypatch):
    monkeypatch.setattr(careermap, "LATERALS_DRAWN_UP_TO", 100)
    laterals = lateral_edges(ddat_graph)
    sources = {u for u, _ in laterals}
    # more moves, and more roles with one, than are drawn
    assert len(laterals) == 785
    assert len(sources) == 166
    fig = career_map_figure(ddat_graph)
    (lines,) = [t for t in parts(fig, "edges") if t.meta["kind"] == "lateral"]
    assert (lines.meta["edges"], lines.meta["total"]) == (100, 785)
    assert lines.line.dash == "dash"  # still the lateral moves' own pattern
    drawn = drawn_moves(fig, ddat_graph, "lateral")
    assert len(drawn) == len({u for u, _ in drawn}) == 100  # one per role
    for u, v in drawn:  # each the easiest move out of its role
        assert laterals[(u, v)] == min(e for (a, _), e in laterals.items() if a == u)
    # spread over the roles, not the first hundred of the file
    order = {n: i for i, n in enumerate(ddat_graph)}
    assert max(order[u] for u, _ in drawn) > sorted(order[u] for u in sources)[100]
    # said in the title, the key and the text summary; the table still lists every move
    note = "Showing 100 of 785 lateral moves: the easiest one from each of 100 roles, spread across the map."
    assert fig.layout.title.subtitle.text.startswith(note)
    assert "Choose a few disciplines" in fig.layout.title.subtitle.text
    assert lines.name.endswith("100 of 785 drawn")
    text = describe_map(ddat_graph)
    assert "Moves shown: 157 promotions, 785 lateral moves, 0 reporting lines." in text
    assert "The map draws 100 of the lateral moves: the easiest one from each of 100 roles" in text
    assert "the table lists them all" in text
    assert (map_table(ddat_graph)["Move"] == "Lateral move").sum() == 785
    assert len(fig.data) <= bound(KIND_ORDER)


def test_a_focused_map_over_the_limit_draws_one_lateral_move_from_each_role_that_has_any(ddat_graph, monkeypatch):
    monkeypatch.setattr(careermap, "LATERALS_DRAWN_UP_TO", 20)
    focus = ["architecture"]
    shown = {n for n, d in ddat_graph.nodes(data=True) if d["discipline"] in focus}
    laterals = lateral_edges(ddat_graph, shown)
    sources = {u for u, _ in laterals}
    assert len(sources) < 20 < len(laterals)  # fewer roles with lateral moves than drawn, more moves
    fig = career_map_figure(ddat_graph, kinds=["lateral"], disciplines=focus)
    drawn = drawn_moves(fig, ddat_graph, "lateral")
    assert {u for u, _ in drawn} == sources
    note = f"Showing {len(sources)} of {len(laterals)} lateral moves: the easiest one from each role that has any."
    assert fig.layout.title.subtitle.text == note  # already focused: no advice to choose disciplines
    text = describe_map(ddat_graph, ["lateral"], disciplines=focus)
    assert f"The map draws {len(sources)} of the lateral moves: the easiest one from each role that has any" in text
    assert len(map_table(ddat_graph, ["lateral"], disciplines=focus)) == len(laterals)


def test_within_the_limit_every_lateral_move_is_drawn_and_nothing_is_said(ddat_graph):
    fig = career_map_figure(ddat_graph)
    (lines,) = [t for t in parts(fig, "edges") if t.meta["kind"] == "lateral"]
    assert lines.meta["edges"] == lines.meta["total"] == 785
    assert sorted(drawn_moves(fig, ddat_graph, "lateral")) == sorted(lateral_edges(ddat_graph))
    assert not fig.layout.title.subtitle.text
    assert "(dashed)" in lines.name
    assert "drawn" not in lines.name
    assert "The map draws" not in describe_map(ddat_graph)


def test_hover_labels_of_the_lateral_moves_drawn_stay_escaped(monkeypatch):
    G = build_graph(load_framework_text(HOSTILE, name="hostile.yaml"))
    G.add_edge("c", "a", kind="lateral", reason="<b>why</b>", effort=9.0, relations=(("lateral", "<b>why</b>"),))
    monkeypatch.setattr(careermap, "LATERALS_DRAWN_UP_TO", 1)
    fig = career_map_figure(G, kinds=["lateral"])
    (arrows,) = parts(fig, "arrows")
    assert (arrows.meta["edges"], arrows.meta["total"]) == (1, 2)
    label = shown_hover(arrows, 0)  # the move from the first role of the file: b's, with its reason
    assert len(arrows.hovertext) == 1
    assert label.startswith("<b>Lateral move</b>: Boss &lt;u&gt; → &lt;script&gt;alert(1)&lt;/script&gt;<br>")
    assert label.endswith("&lt;script&gt;also this&lt;/script&gt;")
    text = json.dumps(json.loads(fig.to_json()), ensure_ascii=False)
    for raw in ("<script>", "<u>", "<b>why"):
        assert raw not in text


def test_edges_without_relations_are_read_by_their_kind_and_reason(council_graph):
    """A graph built by other code may give an edge only its kind and reason: edge_kinds reads those."""
    G = nx.DiGraph(council_graph)
    for _, _, data in G.edges(data=True):
        data.pop("relations")
    expected = dict.fromkeys(KIND_ORDER, 0)
    for _, _, data in G.edges(data=True):
        expected[data["kind"]] += 1
    fig = career_map_figure(G)
    assert {t.meta["kind"]: t.meta["edges"] for t in parts(fig, "edges")} == {k: n for k, n in expected.items() if n}
    assert len(map_table(G)) == sum(expected.values())
    assert f"Moves shown: {expected['promotion']} promotions" in describe_map(G)


def test_edges_with_several_relations_count_once_per_kind(council_graph):
    counted = dict.fromkeys(KIND_ORDER, 0)
    for _, _, data in council_graph.edges(data=True):
        for kind, _ in edge_kinds(data):
            counted[kind] += 1
    fig = career_map_figure(council_graph)
    assert {t.meta["kind"]: t.meta["total"] for t in parts(fig, "edges")} == {k: n for k, n in counted.items() if n}
    table = map_table(council_graph)
    assert table.groupby("Move").size().to_dict() == {careermap.KIND_LABELS[k]: n for k, n in counted.items() if n}


# --------------------------------------------------------------------------- what the browser draws


def test_the_key_is_text_and_plotly_lays_the_chart_out_once(council_graph):
    fig = career_map_figure(council_graph, highlight=("delivery-manager", "senior-delivery-manager"),
                            selected="delivery-manager", highlight_label="Your easiest route",
                            selected_label="My current role")  # fmt: skip
    assert fig.layout.showlegend is False, "no plotly legend: the key is text beside the chart"
    assert fig.layout.yaxis.automargin is False, "the margin is worked out, not measured by a second layout"
    assert fig.layout.xaxis.automargin is False, "(Streamlit's theme turns it on unless the figure says no)"
    assert fig.layout.margin.l >= 6 * len("● No discipline")
    key = {text: glyph for glyph, text in figure_key(fig)}
    assert key["Promotion: next rung up the ladder (solid)"] == "━━"
    assert key["Role only named, grade not stated (↔ estimated place)"] == "◈"
    assert "Your easiest route (thick grey line, its roles ringed)" in key
    assert "My current role: Delivery Manager (black ring)" in key
    named = [t.name for t in fig.data if t.meta["part"] in ("nodes", "edges")]
    assert named
    assert set(named) <= set(key), "every kind of role and of move drawn is in the key"
    assert all(t.type == "scatter" for t in fig.data), "SVG: WebGL is slower to start without a GPU"


def test_a_long_discipline_name_is_wrapped_on_the_axis_and_the_margin_holds_it():
    framework = load_framework_text(
        "id: x\nname: X\ngrades: [{id: g1}]\n"
        "disciplines: [{id: d, name: Quality assurance testing and accessibility of digital services}]\n"
        "roles: [{id: a, title: A, discipline: d, grade: g1, source: {kind: import, framework: t}}]\n"
    )
    fig = career_map_figure(build_graph(framework))
    (label,) = fig.layout.yaxis.ticktext
    assert label.count("<br>") >= 2
    assert max(len(line) for line in label.split("</span> ", 1)[1].split("<br>")) <= 26
    assert fig.layout.margin.l <= 36 + 6.5 * 28


def test_the_overview_counts_roles_by_discipline_and_grade(ddat_graph):
    overview = map_overview(ddat_graph)
    assert overview.roles == ddat_graph.number_of_nodes() == int(overview.cells["roles"].sum())
    layout = map_layout(ddat_graph).set_index("id")
    for role, (row, _) in overview.where.items():
        assert row == layout.at[role, "row"], "the same rows as the detailed map"
    table = overview.table()
    assert table["All grades"].sum() == overview.roles
    assert list(table["Discipline"]) == list(dict.fromkeys(layout.sort_values("row")["row_label"]))
    assert overview.summary.startswith(f"{overview.roles} roles in 8 disciplines (Architecture 27")
    fig = overview_figure(overview, found="senior-user-researcher", found_title="Senior user researcher")
    (cells,) = parts(fig, "cells")
    assert len(cells.x) == len(overview.cells)
    assert set(cells.customdata) == set(table["Discipline"]), "a click on a circle names its discipline"
    (found,) = parts(fig, "cells-found")
    assert (found.x[0], found.y[0]) == overview.where["senior-user-researcher"][::-1]
    assert figure_key(fig) == [
        ("◯", "The role you are finding: Senior user researcher (ringed, in its discipline and grade)")
    ]


@pytest.mark.slow
def test_the_overview_does_not_grow_with_the_roles():
    small, large = build_graph(synthetic(tracks=2)), build_graph(synthetic())
    assert large.number_of_nodes() == 62.5 * small.number_of_nodes()
    sizes = [len(overview_figure(map_overview(G)).to_json()) for G in (small, large)]
    assert len(map_overview(large).cells) == len(map_overview(small).cells) == 8 * 10
    assert sizes[1] < sizes[0] * 1.1, "what is sent grows with the disciplines and grades, not the roles"
