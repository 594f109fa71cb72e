"""Figures for the structure review: the grade × discipline heatmap (reporting lines are a nested list: a tree
of hundreds of roles without lines drew a box for each). Its size is disciplines × grades: a rung's label names
its first :data:`TITLES_SHOWN` roles and counts the rest, whatever the number of roles.

Colour-blind-safe colours (blue shades of the Okabe–Ito palette, with the status written in every cell, so
colour is never the only signal); all text escaped for plotly's HTML-like labels.
"""

from __future__ import annotations

import textwrap
from html import escape as _html_escape

import pandas as pd
import plotly.graph_objects as go

from framework.review import EMPTY, FILLED, REFERENCED


def _escape(text: str) -> str:
    """Escape text for plotly's HTML-like labels; quotes stay as they are (plotly shows "&quot;" literally)."""
    return _html_escape(str(text), quote=False)


__all__ = ["TITLES_SHOWN", "matrix_figure", "shown_titles"]

TITLES_SHOWN = 8  # roles named in a rung's label; the rest are counted (a rung can hold hundreds of roles)


def shown_titles(titles: str) -> str:
    """A rung's roles (titles joined with "; ") as a reader is shown them: the first few, and how many more."""
    names = titles.split("; ") if titles else []
    if len(names) <= TITLES_SHOWN:
        return titles
    return "; ".join(names[:TITLES_SHOWN]) + f"; and {len(names) - TITLES_SHOWN:,} more"


_LEVEL = {EMPTY: 0, REFERENCED: 1, FILLED: 2}
_SHORT = {EMPTY: "", REFERENCED: "referenced", FILLED: "filled"}


_CHAR_PX = 6.5  # about the width of a character of the axis labels, to size the margins
_LINE_PX = 15  # a line of the grades' labels
_WRAP = 14  # characters per line of a grade's label


def _wrapped(text: str, width: int) -> str:
    return "<br>".join(_escape(line) for line in textwrap.wrap(str(text), width) or [""])


def matrix_figure(status: pd.DataFrame, titles: pd.DataFrame) -> go.Figure:
    """The grade × discipline matrix. Its margins are worked out here from the labels (plotly's ``automargin``,
    which Streamlit's theme turns on, lays a chart out twice), and a rung's label names its first
    :data:`TITLES_SHOWN` roles."""
    z = status.replace(_LEVEL).astype(int).values
    text = status.replace(_SHORT).values
    hover = [
        [
            f"{_escape(row)} · {_escape(col)}<br>{_escape(status.loc[row, col])}"
            + (f"<br>{_escape(shown_titles(titles.loc[row, col]))}" if titles.loc[row, col] else "")
            for col in status.columns
        ]
        for row in status.index
    ]
    grades = [_wrapped(c, _WRAP) for c in status.columns]
    lines = max((g.count("<br>") + 1 for g in grades), default=1)
    longest = max((len(str(r)) for r in status.index), default=0)
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=grades,
            y=[_escape(r) for r in status.index],
            text=text,
            texttemplate="%{text}",
            hovertext=hover,
            hoverinfo="text",
            colorscale=[[0, "#f2f2f2"], [0.5, "#56B4E9"], [1, "#0072B2"]],
            zmin=0,
            zmax=2,
            showscale=False,
            xgap=3,
            ygap=3,
        )
    )
    figure.update_layout(
        title="Rungs filled by a described role, referenced only, or empty",
        xaxis={"title": {"text": "Grade (lowest first)"}, "automargin": False, "tickangle": 0},
        yaxis={"title": {"text": "Discipline"}, "automargin": False, "autorange": "reversed"},
        height=140 + 60 * len(status.index) + _LINE_PX * lines,
        margin={"l": int(40 + _CHAR_PX * longest), "r": 10, "t": 50, "b": 40 + _LINE_PX * lines},
    )
    return figure
