"""Plotly charts that the browser draws once a visit, not twice.

Streamlit's plotly component draws a figure as soon as it is mounted, then applies its theme to a copy of the
figure (parsed again from JSON) and hands the copy to plotly.js, which compares the two and draws again whatever
it takes to have changed. Three things in a figure make plotly.js draw the whole chart a second time, although
nothing changed: Streamlit's theme template (a new object on every copy), numbers sent as binary arrays
(plotly.py's form of numpy arrays: a new array on every copy) and a trace's ``meta`` dict (a new object). On a
chart as large as a career map, the second draw was a third of the time from a click in the sidebar to the
settled page (the map is now SVG the browser draws itself: :mod:`ui.svg_picture`).

A figure made ready here (:func:`drawn_once`) has none of them: no template (the look Streamlit's theme would
give it — its font, text colour and hover labels — is set on the figure itself, and :func:`plotly_chart` draws
it with ``theme=None``), its numbers as plain lists, each trace's ``meta`` as a JSON string, and a
``datarevision`` made from its content, which tells plotly.js that arrays with the same revision hold the same
values (a figure whose content changes gets another revision, and is drawn anew). Such a figure is made once, may
be shared by sessions, and must not be changed afterwards: its dict form (asked for on every rerun) is made on
first use and kept.
"""

from __future__ import annotations

import base64
import hashlib
import json

import numpy as np
import plotly.graph_objects as go
import streamlit as st

__all__ = ["DECIMALS", "drawn_once", "plotly_chart"]

#: Numbers are sent to a ten-thousandth: a chart's positions are in levels, dates or rows, a few hundred pixels
#: apiece.
DECIMALS = 4
#: Streamlit's body font (its theme gives it to charts).
FONT = '"Source Sans", sans-serif'
#: What Streamlit's theme gives a chart's hover labels and axis titles (in pixels).
TEXT_PX, TITLE_PX = 12, 14
#: Traces drawn without x and y axes (none of the app's charts today; a figure of them keeps its own layout).
NOT_CARTESIAN = frozenset({"scatterpolar", "barpolar", "pie"})


class _DrawnOnce(go.Figure):
    """A figure sent in the form plotly.js draws once (see the module's docstring); made once, never changed."""

    def to_dict(self) -> dict:
        # ``st.plotly_chart`` asks for the figure's dict on every rerun: made once, then kept.
        made = self.__dict__.get("_as_dict")
        if made is None:
            made = _plain(super().to_dict())
            for trace in made.get("data", ()):
                if isinstance(trace.get("meta"), dict):
                    trace["meta"] = json.dumps(trace["meta"], ensure_ascii=False)
            content = json.dumps(made, sort_keys=True, ensure_ascii=False, default=str).encode()
            made["layout"]["datarevision"] = hashlib.blake2b(content, digest_size=8).hexdigest()
            self._as_dict = made
        return made


def _plain(value):
    """``value`` (a figure's dict) with every array as a list — numpy arrays, and the binary arrays plotly.py
    writes numeric ones as (``{"dtype": "f4", "bdata": "…"}``): numbers rounded to :data:`DECIMALS`, a missing
    number (NaN) as None, texts as they are."""
    if isinstance(value, dict):
        if value.keys() in ({"dtype", "bdata"}, {"dtype", "bdata", "shape"}):
            array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
            return _plain(array.reshape(_shape(value.get("shape"))) if "shape" in value else array)
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, np.ndarray):
        if value.dtype.kind == "f":
            return _no_nan(np.round(value.astype(np.float64), DECIMALS).tolist())
        return [_plain(item) for item in value.tolist()] if value.dtype.kind == "O" else value.tolist()
    return value


def _no_nan(items: list):
    """``items`` (numbers, or lists of them) with each NaN as None — NaN is the one value unequal to itself."""
    return [_no_nan(v) if isinstance(v, list) else (None if v != v else v) for v in items]


def _shape(shape) -> tuple[int, ...]:
    """The shape of a binary array as plotly.py writes it: a number, or numbers in a string ("3, 2")."""
    return tuple(int(n) for n in str(shape).split(","))


def drawn_once(figure: go.Figure | None, *, text_colour: str | None = None) -> go.Figure | None:
    """``figure``, ready to be drawn once by :func:`plotly_chart` (and to be memoised and shared: it must not be
    changed afterwards). Its template is dropped and Streamlit's font, ``text_colour`` (the theme's text colour
    when not given) and hover labels are set in its layout, where the figure does not set them itself."""
    if figure is None:
        return None
    colour = text_colour or st.get_option("theme.textColor") or "#31333F"
    look = go.Layout(
        font={"family": FONT, "size": TEXT_PX, "color": colour},
        hoverlabel={"bgcolor": "#ffffff", "bordercolor": "#d5dae5", "font": {"family": FONT, "size": TEXT_PX}},
        paper_bgcolor="#ffffff",
    )
    if any(trace.type not in NOT_CARTESIAN for trace in figure.data):
        # Only a chart with x and y axes is given their look: axes set in a polar chart's layout would be drawn.
        axis = {"title": {"font": {"size": TITLE_PX}}, "tickfont": {"size": TEXT_PX}}
        look.update(xaxis=axis, yaxis=axis)
    look.update(figure.layout.to_plotly_json())  # what the figure sets itself wins
    figure.layout = look
    figure.layout.template = None
    figure.__class__ = _DrawnOnce
    return figure


def plotly_chart(figure: go.Figure, **options):
    """``st.plotly_chart`` for a figure made with :func:`drawn_once` (with Streamlit's theme, the chart would be
    drawn twice again)."""
    if not isinstance(figure, _DrawnOnce):
        raise TypeError("plotly_chart draws figures made ready with drawn_once")
    return st.plotly_chart(figure, theme=None, **options)
