"""Figures drawn once: plain lists, no template, ``meta`` as a JSON string and a revision that follows the content."""

from __future__ import annotations

import base64
import json
import math

import numpy as np
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from ui.plotly_once import DECIMALS, drawn_once, plotly_chart


def figure(y=(1.0, 2.5, 3.25), meta=None) -> go.Figure:
    return go.Figure(
        go.Scatter(x=np.arange(3), y=np.array(y), text=np.array(["a", "b", "c"], dtype=object), meta=meta),
        layout={"font": {"size": 20}},
    )


def test_numbers_are_sent_as_plain_lists_with_their_values():
    y = (1.0, math.pi, float("nan"))
    sent = drawn_once(figure(y)).to_dict()
    (trace,) = sent["data"]
    assert trace["x"] == [0, 1, 2]
    assert trace["y"] == [1.0, round(math.pi, DECIMALS), None], "NaN is sent as a gap (null), never as NaN"
    assert trace["text"] == ["a", "b", "c"]
    json.dumps(sent, allow_nan=False)  # no binary array and no NaN left anywhere


def test_a_binary_array_with_a_shape_is_read_back_whole():
    z = np.arange(6, dtype=np.float32).reshape(2, 3) / 4
    sent = drawn_once(go.Figure(go.Heatmap(z=z))).to_dict()
    assert sent["data"][0]["z"] == [[0.0, 0.25, 0.5], [0.75, 1.0, 1.25]]


def test_no_template_the_theme_look_set_and_the_figures_own_layout_kept():
    sent = drawn_once(figure(), text_colour="#123456").to_dict()
    layout = sent["layout"]
    assert "template" not in layout
    assert layout["font"]["size"] == 20, "what the figure sets itself wins"
    assert layout["font"]["color"] == "#123456"
    assert layout["hoverlabel"]["font"]["family"] == layout["font"]["family"]


def test_meta_is_a_json_string_and_the_figure_keeps_its_dict():
    made = drawn_once(figure(meta={"part": "nodes", "title": "Café"}))
    (trace,) = made.to_dict()["data"]
    assert json.loads(trace["meta"]) == {"part": "nodes", "title": "Café"}
    assert made.data[0].meta == {"part": "nodes", "title": "Café"}, "the server side reads the dict"


def test_the_dict_is_made_once_and_its_revision_follows_the_content():
    one = drawn_once(figure())
    assert one.to_dict() is one.to_dict()
    same = drawn_once(figure()).to_dict()["layout"]["datarevision"]
    other = drawn_once(figure(y=(1.0, 2.5, 3.5))).to_dict()["layout"]["datarevision"]
    assert one.to_dict()["layout"]["datarevision"] == same
    assert other != same


def test_none_stays_none_and_only_figures_made_ready_are_drawn():
    assert drawn_once(None) is None
    with pytest.raises(TypeError):
        plotly_chart(figure())


def test_a_page_draws_it_without_streamlits_theme():
    def page():
        import plotly.graph_objects as go
        import streamlit as st

        from ui.plotly_once import drawn_once, plotly_chart

        plotly_chart(drawn_once(go.Figure(go.Scatter(x=[1, 2], y=[3, 4], meta={"part": "nodes"}))))
        st.session_state["drawn"] = True

    at = AppTest.from_function(page).run(timeout=30)
    assert not at.exception
    (element,) = at.get("plotly_chart")
    assert element.proto.theme == ""
    spec = json.loads(element.proto.spec)
    assert json.loads(spec["data"][0]["meta"]) == {"part": "nodes"}
    assert "template" not in spec["layout"]


def _decoded(value):
    """A figure's dict as plain values, whatever form plotly wrote its arrays in, each number to
    :data:`DECIMALS` and a missing one (NaN) as None: what a figure says, however it is sent."""
    if isinstance(value, dict):
        if "bdata" in value:
            array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
            if "shape" in value:
                array = array.reshape(tuple(int(n) for n in str(value["shape"]).split(",")))
            return _decoded(array.tolist())
        return {key: _decoded(item) for key, item in value.items()}
    if isinstance(value, list | tuple | np.ndarray):
        return [_decoded(item) for item in (value.tolist() if isinstance(value, np.ndarray) else value)]
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, DECIMALS)
    return value


def _every_chart_the_app_draws(council):
    """A record's skill over its check-ins and a team's skills matrix."""
    from framework.progress import progress
    from framework.team import team_view
    from tests.record_samples import D3, dev, kim, pat, sam
    from ui.record_figures import skill_chart
    from ui.views.team import _heatmap

    view = progress(sam(council), council, today=D3)
    name, voices = next(iter(view.series.items()))
    yield "skill over check-ins", skill_chart(name, view.labels, voices, [lv.name for lv in council.skill_levels])
    records = [("kim.yaml", kim(council)), ("dev.yaml", dev(council)), ("pat.yaml", pat(council))]
    yield "team matrix", _heatmap(team_view(council, records, today=D3))


def test_every_chart_the_app_draws_is_sent_saying_the_same(council):
    for what, made in _every_chart_the_app_draws(council):
        expected = _decoded(json.loads(made.to_json()))
        sent = drawn_once(made).to_dict()
        assert len(sent["data"]) == len(expected["data"]), what
        for mine, theirs in zip(sent["data"], expected["data"], strict=True):
            if isinstance(mine.get("meta"), str):
                mine = {**mine, "meta": json.loads(mine["meta"])}
            assert _decoded(mine) == theirs, what
        polar = any(trace["type"] in ("scatterpolar", "barpolar") for trace in sent["data"])
        assert polar == ("xaxis" not in sent["layout"]), f"{what}: axes' look only on a chart with axes"
        assert "template" not in sent["layout"], what
