"""The structure review's grade × discipline matrix, as an HTML table with coloured cells (reporting lines are a nested
list: a tree of hundreds of roles without lines drew a box for each). Its size is disciplines × grades, and a
rung names its first :data:`TITLES_SHOWN` roles and counts the rest, whatever the number of roles.

Colour-blind-safe colours (blue shades of the Okabe–Ito palette, with the status written in every cell, so
colour is never the only signal).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from framework.structure import EMPTY, FILLED, REFERENCED

from .style import stacked_table_css
from .svg_text import xml

__all__ = ["KEY", "TITLES_SHOWN", "matrix_html", "rung_matrix", "shown_titles"]

TITLES_SHOWN = 8  # roles named in a rung's label; the rest are counted (a rung can hold hundreds of roles)


def shown_titles(titles: str) -> str:
    """A rung's roles (titles joined with "; ") as a reader is shown them: the first few, and how many more."""
    names = titles.split("; ") if titles else []
    if len(names) <= TITLES_SHOWN:
        return titles
    return "; ".join(names[:TITLES_SHOWN]) + f"; and {len(names) - TITLES_SHOWN:,} more"


#: Each status's cell: Okabe–Ito blues (colour-blind safe), the status written in every cell so colour is never the
#: only signal, and text colours that keep WCAG AA contrast on each fill.
_CELL = {
    EMPTY: "background-color: #f2f2f2; color: #505050",
    REFERENCED: "background-color: #56B4E9; color: #0b0c0c",
    FILLED: "background-color: #0072B2; color: #ffffff",
}
_CLASS = {EMPTY: "rung-empty", REFERENCED: "rung-referenced", FILLED: "rung-filled"}
KEY = "stacked-rung-matrix"  #: the matrix's container: its cells stack under their grades on a phone


def matrix_html(status: pd.DataFrame) -> str:
    """The grade × discipline matrix as an HTML table, each cell's status written in it and coloured by its
    class; every text escaped (a discipline's or grade's name comes from the framework)."""
    columns = ["Discipline", *(str(c) for c in status.columns)]
    head = "".join(f'<th scope="col">{xml(c)}</th>' for c in columns)
    rows = []
    for discipline, values in status.iterrows():
        cells = "".join(f'<td class="{_CLASS.get(v, "")}">{xml(v)}</td>' for v in values)
        rows.append(f"<tr><td>{xml(discipline)}</td>{cells}</tr>")
    rules = "".join(f".st-key-{KEY} td.{name} {{ {_CELL[status_]} }}" for status_, name in _CLASS.items())
    return (
        f"<style>{rules}</style>"
        f'<div class="rung-matrix-box"><table class="rung-matrix"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def rung_matrix(status: pd.DataFrame) -> None:
    """The matrix on the page: a table of text drawn by the browser (a data grid's script, evaluated the first
    time a grid is shown, cost more than the whole tab), whose rows stack on a phone, each cell under its grade.
    Its size is disciplines × grades, whatever the number of roles."""
    columns = ["Discipline", *(str(c) for c in status.columns)]
    with st.container(key=KEY):
        st.html(stacked_table_css(KEY, columns) + matrix_html(status))
