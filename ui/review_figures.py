"""The structure review's grade × discipline matrix, as a table with coloured cells (reporting lines are a nested
list: a tree of hundreds of roles without lines drew a box for each). Its size is disciplines × grades, and a
rung names its first :data:`TITLES_SHOWN` roles and counts the rest, whatever the number of roles.

Colour-blind-safe colours (blue shades of the Okabe–Ito palette, with the status written in every cell, so
colour is never the only signal).
"""

from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler

from framework.structure import EMPTY, FILLED, REFERENCED

__all__ = ["TITLES_SHOWN", "matrix_table", "shown_titles"]

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


def matrix_table(status: pd.DataFrame) -> Styler:
    """The grade × discipline matrix as a table with coloured cells: which rungs are filled by a described role,
    referenced only, or empty. A table rather than a chart: it reads the same, is its own text alternative, and
    the browser draws a grid of cells for a fraction of what plotly's heatmap costs (drawn twice a visit in
    Streamlit). Its size is disciplines × grades, whatever the number of roles."""
    return status.reset_index(names="Discipline").style.map(lambda value: _CELL.get(value, ""))
