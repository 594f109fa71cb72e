"""The career map: where each role sits, the moves shown, the table and the summary (framework.careermap), and the
picture drawn from them (SVG, ui.map_svg) — every role once and clickable, the moves of each kind chosen, hover
labels, text from the file kept as written and never read as markup, the route and the rings, the key — at any
size, with an overview whose size does not grow with the roles."""

from __future__ import annotations

from itertools import combinations

import networkx as nx
import pytest

from framework import careermap, load_framework, load_framework_text
from framework.careermap import (
    career_map,
    default_kinds,
    describe_map,
    edge_kinds,
    map_layout,
    map_overview,
    map_table,
)
from framework.graph import KIND_ORDER, build_graph, move_kinds, move_reason, move_relations
from framework.models import Discipline, Framework, Grade, ImportSource, Move, ReportingLine, Role
from tests.conftest import DATA
from tests.map_reading import SVG, Picture
from ui import map_svg
from ui.map_svg import OKABE_ITO, map_drawing, overview_drawing

ALL_KINDS = [list(c) for n in range(len(KIND_ORDER) + 1) for c in combinations(KIND_ORDER, n)]


@pytest.fixture(scope="module")
def ddat_graph():
    return build_graph(load_framework(DATA / "ddat.yaml"))


@pytest.fixture(params=["council", "ddat"])
def graph(request, council_graph, ddat_graph):
    return council_graph if request.param == "council" else ddat_graph


def drawn(G, **options) -> Picture:
    """The picture of ``G``'s map; ``kinds`` and ``disciplines`` make the view, the rest is for the drawing."""
    view = career_map(G, kinds=options.pop("kinds", KIND_ORDER), disciplines=options.pop("disciplines", None))
    return Picture.of(map_drawing(view, **options).svg)


# --------------------------------------------------------------------------- roles and moves drawn


def test_every_role_is_drawn_once_and_can_be_clicked(council_graph, ddat_graph):
    for G in (council_graph, ddat_graph):
        picture = drawn(G)
        assert picture.roles == list(map_layout(G)["id"]), "every role once, in the file's order"
        assert picture.name.startswith(f"{G.number_of_nodes()} roles in"), "its name is the map's summary"


@pytest.mark.parametrize("kinds", [(), ("promotion",), ("reports_to",), KIND_ORDER])
def test_each_kind_of_move_chosen_is_drawn_and_counted(council_graph, kinds):
    picture = drawn(council_graph, kinds=kinds)
    expected = {"promotion": 7, "lateral": 0, "reports_to": 6}
    assert picture.moves == {kind: expected[kind] for kind in kinds if expected[kind]}


def test_the_moves_look_different_without_colour(council_graph):
    root = drawn(council_graph).root
    dashes = {g.get("data-kind"): g.get("stroke-dasharray") for g in root.iter(f"{SVG}g") if g.get("class") == "moves"}
    assert dashes == {"promotion": None, "reports_to": "2 3"}, "solid promotions, dotted reporting lines"


def test_hover_labels_name_a_role_its_grade_discipline_and_description(council_graph):
    labels = drawn(council_graph).titles
    assert "Delivery Manager\nGrade: PO4\nDiscipline: Delivery\nHas its own description" in labels
    senior = next(t for t in labels if t.startswith("Senior Delivery Manager\n"))
    assert "grade not stated; above PO4 by its reporting lines" in senior
    assert senior.endswith("Only named in another role's description (no text of its own)")
    move = next(t for t in labels if t.startswith("Promotion"))
    assert "\n" in move, "a move's label says why it exists"


def test_a_large_map_drops_the_hover_labels_of_moves_not_of_roles(ddat_graph, monkeypatch):
    small = drawn(ddat_graph)
    monkeypatch.setattr(map_svg, "QUIET_MOVES_FROM", 200)  # DDaT's 205 roles are now a large map
    large = drawn(ddat_graph)
    assert large.moves == small.moves, "the moves are still drawn"
    assert len(large.titles) == len(large.roles) < len(small.titles), "a title per role, none per move"


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


def test_text_from_the_file_is_kept_as_written_and_never_read_as_markup():
    G = build_graph(load_framework_text(HOSTILE, name="hostile.yaml"))
    G.add_edge("c", "a", kind="lateral", reason="<b>why</b>", effort=9.0, relations=(("lateral", "<b>why</b>"),))
    picture = drawn(G, highlight=["a", "b"], selected="b")  # parsed as XML: a markup character left raw fails here
    assert {element.tag.removeprefix(SVG) for element in picture.root.iter()} <= {
        "svg", "g", "rect", "path", "circle", "polyline", "text", "tspan", "title",
    }, "no element comes from the file's text"  # fmt: skip
    texts = "".join("".join(picture.texts).split())  # lines joined again: long words are wrapped
    assert "<imgsrc=xonerror=alert(1)>" in texts  # a grade name, along the axis
    assert "<i>R&D</i>" in picture.disciplines
    labels = "\n".join(picture.titles)
    assert "<script>alert(1)</script>\nGrade:" in labels  # a role's title, in its hover label
    assert "<script>also this</script>" in labels  # a move's reason
    assert "Lateral move: Third → <script>alert(1)</script>\n<b>why</b>" in labels
    assert picture.route == ["a", "b"]
    assert picture.ringed("selected") == "b"


def test_a_direction_control_in_a_title_is_closed_off():
    text = HOSTILE.replace('title: "Third"', 'title: "Third \u202eboss"')
    picture = drawn(build_graph(load_framework_text(text, name="bidi.yaml")))
    assert any(t.startswith("\u2068Third \u202eboss\n") and t.endswith("\u2069") for t in picture.titles)


def test_the_route_and_my_role_are_ringed_and_roles_not_on_the_map_are_left_out(council_graph):
    route = ["associate-project-manager", "project-manager", "delivery-manager"]
    picture = drawn(council_graph, highlight=["nobody", *route], selected="delivery-manager")
    assert picture.route == route
    assert picture.ringed("selected") == "delivery-manager"
    assert not drawn(council_graph, highlight=["nobody"], selected="nobody").route
    assert drawn(council_graph, selected="nobody").ringed("selected") is None


def test_grades_run_left_to_right_and_disciplines_top_to_bottom(council_graph):
    picture = drawn(council_graph)
    grades = ["PO1", "PO2", "PO3", "PO4", "PO5", "PO6", "PO7", "PO8", "Head"]
    assert [t for t in picture.texts if t in grades] == grades
    assert picture.disciplines == ["Delivery", "Product", "Technology", "No discipline"]
    roles = {g.get("data-pick"): g.get("transform") for g in picture.root.iter(f"{SVG}g") if g.get("data-pick")}
    x = {role: float(place.split("(")[1].split()[0]) for role, place in roles.items()}
    assert x["associate-project-manager"] < x["delivery-manager"] < x["head-of-delivery-management"]


def test_height_follows_the_rows_within_bounds_and_a_tall_map_repeats_its_grades(council_graph, ddat_graph):
    small = map_drawing(career_map(council_graph))
    large = map_drawing(career_map(ddat_graph, kinds=default_kinds(ddat_graph)))
    assert map_svg.MIN_HEIGHT <= small.height < large.height <= map_svg.MAX_HEIGHT + 100
    grades = Picture.of(large.svg).texts
    assert grades.count("Lead") == 2, "along the top and again along the bottom"
    assert Picture.of(small.svg).texts.count("PO4") == 1


def test_the_key_names_what_is_drawn(council_graph):
    drawing = map_drawing(
        career_map(council_graph),
        highlight=("delivery-manager", "senior-delivery-manager"),
        selected="delivery-manager",
        highlight_label="Your easiest route",
        selected_label="My current role",
    )
    key = {text: glyph for glyph, text in drawing.key}
    assert key["Promotion: next rung up the ladder (solid)"] == "━━"
    assert key["Reports to (dotted, towards the manager)"] == "┈┈"
    assert key["Role only named, grade not stated (↔ estimated place)"] == "◈"
    assert key["Role with its own description"] == "●"
    assert "Your easiest route (thick grey line, its roles ringed)" in key
    assert "My current role: Delivery Manager (black ring)" in key


def test_lateral_moves_beyond_the_limit_are_counted_in_the_key(ddat_graph, monkeypatch):
    monkeypatch.setattr(careermap, "LATERALS_DRAWN_UP_TO", 10)
    drawing = map_drawing(career_map(ddat_graph, kinds=["lateral"]))
    (line,) = [text for _, text in drawing.key if text.startswith("Lateral move")]
    assert f"— {drawing.moves['lateral']:,} of " in line


def test_a_long_discipline_name_is_wrapped_and_the_margin_holds_it():
    framework = load_framework_text(
        "id: x\nname: X\ngrades: [{id: g1}]\n"
        "disciplines: [{id: d, name: Quality assurance testing and accessibility of digital services}]\n"
        "roles: [{id: a, title: A, discipline: d, grade: g1, source: {kind: import, framework: t}}]\n"
    )
    picture = drawn(build_graph(framework))
    (name,) = [t for t in picture.root.iter(f"{SVG}text") if t.get("class") == "discipline"]
    lines = ["".join(span.itertext()) for span in name]
    assert len(lines) >= 3
    assert max(map(len, lines)) <= 26


@pytest.mark.parametrize("kinds", ALL_KINDS, ids=lambda k: "+".join(k) or "none")
def test_each_kind_requested_is_drawn_and_no_other_and_the_table_lists_every_move(graph, kinds):
    picture = drawn(graph, kinds=kinds)
    present = {k for _, _, d in graph.edges(data=True) for k in move_kinds(d)}
    assert set(picture.moves) == set(kinds) & present
    table = map_table(graph, kinds)
    assert len(table) == sum(picture.moves.values()), "small maps draw every move shown"
    assert list(table.columns) == ["Discipline", "From", "From grade", "To", "To grade", "Move", "Reason"]
    assert set(table["Move"]) <= {"Promotion", "Lateral move", "Reports to"}
    assert table["Reason"].str.len().min() > 0 if len(table) else True


def test_an_edge_with_several_relations_is_drawn_for_each(council_graph):
    both = [(u, v) for u, v, d in council_graph.edges(data=True) if len(move_relations(d)) == 2]
    assert both, "the council framework has promotions that are also reporting lines"
    assert drawn(council_graph).moves == {"promotion": 7, "reports_to": 6}


def test_roles_of_unknown_grade_are_marked_apart_and_smeared(council_graph):
    unknown = {n for n, d in council_graph.nodes(data=True) if d["grade"] is None}
    assert len(unknown) == 6
    picture = drawn(council_graph)
    markers = {g.get("data-pick"): g for g in picture.root.iter(f"{SVG}g") if g.get("class") == "pick"}
    for role, marker in markers.items():
        smeared = marker.find(f"{SVG}rect") is not None  # a soft smear behind: the place is an estimate
        dotted = len(marker.findall(f"{SVG}circle")) + len(marker.findall(f"{SVG}path")) == 2  # a dot inside
        assert smeared == dotted == (role in unknown), role


def test_described_roles_are_filled_circles_and_referenced_roles_open_diamonds(council_graph):
    markers = {g.get("data-pick"): g for g in drawn(council_graph).root.iter(f"{SVG}g") if g.get("class") == "pick"}
    (circle,) = markers["delivery-manager"].findall(f"{SVG}circle")
    assert circle.get("fill") == OKABE_ITO[0]
    diamond = markers["senior-delivery-manager"].find(f"{SVG}path")
    assert diamond.get("fill") == "#ffffff"
    assert diamond.get("stroke") == OKABE_ITO[0]


def test_roles_are_coloured_by_discipline_with_the_okabe_ito_palette(council_graph):
    layout = map_layout(council_graph).set_index("id")
    markers = {g.get("data-pick"): g for g in drawn(council_graph).root.iter(f"{SVG}g") if g.get("class") == "pick"}
    for role, marker in markers.items():
        shape = marker.find(f"{SVG}circle") if marker.find(f"{SVG}path") is None else marker.find(f"{SVG}path")
        colour = shape.get("fill") if shape.get("fill") != "#ffffff" else shape.get("stroke")
        assert colour == OKABE_ITO[layout.at[role, "row"] % len(OKABE_ITO)], role


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
    picture = drawn(branched)
    grades = [t for t in picture.texts if t in ("junior", "mid", "senior", "Grade not known")]
    assert grades == ["junior", "mid", "senior", "Grade not known"]
    assert "1 in the “Grade not known” column" in describe_map(branched)


def test_no_two_roles_share_a_spot(graph):
    layout = map_layout(graph)
    assert not layout.duplicated(["x", "y"]).any()


def test_unknown_kind_is_an_error(council_graph):
    with pytest.raises(ValueError, match="unknown kind of move 'sideways'"):
        career_map(council_graph, kinds=["promotion", "sideways"])


# --------------------------------------------------------------------------- the table and the summary


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
def test_ten_thousand_roles_are_drawn_once_each_without_hover_labels_on_their_moves():
    G = build_graph(synthetic())
    assert G.number_of_nodes() == 10_000
    drawing = map_drawing(career_map(G))
    picture = Picture.of(drawing.svg)
    assert drawing.moves == {"promotion": 9_000, "lateral": 400, "reports_to": 9_000}
    assert len(picture.roles) == 10_000
    assert set(picture.move_labels("lateral")) == {""}, "a large map's moves carry no hover labels"
    assert len(map_table(G, ["lateral"])) == 400


def test_focus_on_some_disciplines_keeps_their_colours_and_their_own_moves(council_graph):
    full = map_layout(council_graph).set_index("id")
    focus = map_layout(council_graph, disciplines=["product", None]).set_index("id")
    assert set(focus.index) == {"senior-product-manager", "lead-product-manager", "head-of-product"} | {
        "executive-director-for-delivery-and-capabilities"
    }
    assert focus["row"].tolist() == [0, 0, 0, 1]
    assert (focus["colour"] == full.loc[focus.index, "colour"]).all()
    picture = drawn(council_graph, disciplines=["product"])
    assert sorted(picture.roles) == ["head-of-product", "lead-product-manager", "senior-product-manager"]
    table = map_table(council_graph, disciplines=["product"])
    assert set(table["Discipline"]) == {"Product"}
    assert len(table) == sum(picture.moves.values()) == 4
    assert describe_map(council_graph, disciplines=["product"]).startswith("3 roles in 1 row by discipline")


def test_an_empty_focus_draws_an_empty_map(council_graph):
    picture = drawn(council_graph, disciplines=["astrology"])
    assert picture.roles == []
    assert picture.moves == {}
    assert map_table(council_graph, disciplines=["astrology"]).empty
    assert describe_map(council_graph, disciplines=["astrology"]) == "The map is empty: no roles to show."


# --------------------------------------------------------------------------- too many lateral moves to draw


def lateral_edges(G, shown=None) -> dict[tuple[str, str], float]:
    """Every lateral move of ``G`` (between roles ``shown``) and its effort."""
    return {
        (u, v): d["effort"]
        for u, v, d in G.edges(data=True)
        if "lateral" in move_kinds(d) and (shown is None or (u in shown and v in shown))
    }


def drawn_moves(picture: Picture, G, kind: str) -> list[tuple[str, str]]:
    """The (source, target) of each move of ``kind`` drawn, read back from its hover label's reason."""
    by_reason = {}  # each move's reason names both of its roles, so it tells the move
    for u, v, d in G.edges(data=True):
        for k, reason in move_relations(d):
            if k == kind:
                by_reason.setdefault(reason, []).append((u, v))
    assert all(len(moves) == 1 for moves in by_reason.values()), "a reason that does not tell its move"
    return [by_reason[label.split("\n", 1)[1]][0] for label in picture.move_labels(kind)]


def test_beyond_the_limit_the_map_draws_the_easiest_lateral_move_of_each_role_and_says_so(ddat_graph, monkeypatch):
    monkeypatch.setattr(careermap, "LATERALS_DRAWN_UP_TO", 100)
    laterals = lateral_edges(ddat_graph)
    sources = {u for u, _ in laterals}
    # more moves, and more roles with one, than are drawn
    assert len(laterals) == 785
    assert len(sources) == 166
    view = career_map(ddat_graph)
    drawing = map_drawing(view)
    picture = Picture.of(drawing.svg)
    assert drawing.moves["lateral"] == 100
    (dashes,) = [g.get("stroke-dasharray") for g in picture.root.iter(f"{SVG}g") if g.get("data-kind") == "lateral"]
    assert dashes == "7 4", "still the lateral moves' own pattern"
    moves = drawn_moves(picture, ddat_graph, "lateral")
    assert len(moves) == len({u for u, _ in moves}) == 100  # one per role
    for u, v in moves:  # each the easiest move out of its role
        assert laterals[(u, v)] == min(e for (a, _), e in laterals.items() if a == u)
    # spread over the roles, not the first hundred of the file
    order = {n: i for i, n in enumerate(ddat_graph)}
    assert max(order[u] for u, _ in moves) > sorted(order[u] for u in sources)[100]
    # said in the key and the text summary (the page puts the view's note above the map); the table lists them all
    note = "Showing 100 of 785 lateral moves: the easiest one from each of 100 roles, spread across the map."
    assert view.note.startswith(note)
    assert "Choose a few disciplines" in view.note
    assert any(text.endswith("— 100 of 785 drawn") for _, text in drawing.key)
    text = describe_map(ddat_graph)
    assert "Moves shown: 157 promotions, 785 lateral moves, 0 reporting lines." in text
    assert "The map draws 100 of the lateral moves: the easiest one from each of 100 roles" in text
    assert "the table lists them all" in text
    assert (map_table(ddat_graph)["Move"] == "Lateral move").sum() == 785


def test_a_focused_map_over_the_limit_draws_one_lateral_move_from_each_role_that_has_any(ddat_graph, monkeypatch):
    monkeypatch.setattr(careermap, "LATERALS_DRAWN_UP_TO", 20)
    focus = ["architecture"]
    shown = {n for n, d in ddat_graph.nodes(data=True) if d["discipline"] in focus}
    laterals = lateral_edges(ddat_graph, shown)
    sources = {u for u, _ in laterals}
    assert len(sources) < 20 < len(laterals)  # fewer roles with lateral moves than drawn, more moves
    view = career_map(ddat_graph, kinds=["lateral"], disciplines=focus)
    moves = drawn_moves(Picture.of(map_drawing(view).svg), ddat_graph, "lateral")
    assert {u for u, _ in moves} == sources
    note = f"Showing {len(sources)} of {len(laterals)} lateral moves: the easiest one from each role that has any."
    assert view.note == note  # already focused: no advice to choose disciplines
    text = describe_map(ddat_graph, ["lateral"], disciplines=focus)
    assert f"The map draws {len(sources)} of the lateral moves: the easiest one from each role that has any" in text
    assert len(map_table(ddat_graph, ["lateral"], disciplines=focus)) == len(laterals)


def test_within_the_limit_every_lateral_move_is_drawn_and_nothing_is_said(ddat_graph):
    view = career_map(ddat_graph)
    drawing = map_drawing(view)
    assert drawing.moves["lateral"] == len(view.shown["lateral"]) == 785
    assert sorted(drawn_moves(Picture.of(drawing.svg), ddat_graph, "lateral")) == sorted(lateral_edges(ddat_graph))
    assert not view.note
    (line,) = [text for _, text in drawing.key if text.startswith("Lateral move")]
    assert "drawn" not in line
    assert "The map draws" not in describe_map(ddat_graph)


def test_edges_without_relations_are_read_by_their_kind_and_reason(council_graph):
    """A graph built by other code may give an edge only its kind and reason: edge_kinds reads those."""
    G = nx.DiGraph(council_graph)
    for _, _, data in G.edges(data=True):
        data["reason"] = move_reason(data)
        data.pop("relations", None)
        data.pop("overlap", None)
    expected = dict.fromkeys(KIND_ORDER, 0)
    for _, _, data in G.edges(data=True):
        expected[data["kind"]] += 1
    assert drawn(G).moves == {k: n for k, n in expected.items() if n}
    assert len(map_table(G)) == sum(expected.values())
    assert f"Moves shown: {expected['promotion']} promotions" in describe_map(G)


def test_edges_with_several_relations_count_once_per_kind(council_graph):
    counted = dict.fromkeys(KIND_ORDER, 0)
    for _, _, data in council_graph.edges(data=True):
        for kind, _ in edge_kinds(data):
            counted[kind] += 1
    view = career_map(council_graph)
    assert {kind: len(at) for kind, at in view.shown.items() if len(at)} == {k: n for k, n in counted.items() if n}
    table = map_table(council_graph)
    assert table.groupby("Move").size().to_dict() == {careermap.KIND_LABELS[k]: n for k, n in counted.items() if n}


# --------------------------------------------------------------------------- the overview


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


def test_the_overview_draws_a_clickable_circle_per_discipline_and_grade(ddat_graph):
    overview = map_overview(ddat_graph)
    drawing = overview_drawing(overview, found="senior-user-researcher", found_title="Senior user researcher")
    picture = Picture.of(drawing.svg)
    assert len(picture.cells) == len(overview.cells)
    assert set(picture.cells) == set(overview.table()["Discipline"]), "a click on a circle names its discipline"
    assert picture.roles == []
    assert picture.ringed("found") == "senior-user-researcher"
    assert drawing.key == (
        ("◯", "The role you are finding: Senior user researcher (ringed, in its discipline and grade)"),
    )
    assert picture.name == overview.summary


@pytest.mark.slow
def test_the_overview_does_not_grow_with_the_roles():
    small, large = build_graph(synthetic(tracks=2)), build_graph(synthetic())
    assert large.number_of_nodes() == 62.5 * small.number_of_nodes()
    sizes = [len(overview_drawing(map_overview(G)).svg) for G in (small, large)]
    assert sizes[1] < sizes[0] * 1.1, "what is sent grows with the disciplines and grades, not the roles"
