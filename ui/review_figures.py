"""Figures for the structure review: the grade × discipline heatmap (reporting lines are a nested list: a tree
of hundreds of roles without lines drew a box for each). Its size is disciplines × grades: a rung's label names
its first :data:`TITLES_SHOWN` roles and counts the rest, whatever the number of roles.

Colour-blind-safe colours (blue shades of the Okabe–Ito palette, with the status written in every cell, so
colour is never the only signal); all text escaped for plotly's HTML-like labels.
"""

from __future__ import annotations

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


def matrix_figure(status: pd.DataFrame, titles: pd.DataFrame) -> go.Figure:
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
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=[_escape(c) for c in status.columns],
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
        xaxis_title="Grade (lowest first)",
        yaxis_title="Discipline",
        yaxis_autorange="reversed",
        height=140 + 60 * len(status.index),
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
    )
    return figure
