"""Long lists and tables a page at a time, so what a page sends does not grow with the framework.

A list of a few dozen items is drawn whole; a longer one is drawn a page at a time, with the page chosen by a
number box (whose size is the same for ten pages or ten thousand: a select box of pages would send a label per
page) and a caption saying which rows are shown of how many, and that the downloads hold them all. The page
chosen is the session's (it is no view of its own to link to) and starts at the first whenever the list changes:
another length, or another list as the caller names it (``list_of``: the framework and filters it was made from).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TypeVar

import pandas as pd
import streamlit as st

from .render import stacked_table

__all__ = ["ROWS_PER_PAGE", "page", "paged_table"]

T = TypeVar("T")

ROWS_PER_PAGE = 100  # rows of a table at a time


def page(
    items: Sequence[T],
    *,
    key: str,
    per_page: int,
    what: str = "rows",
    where: str = "",
    list_of: Hashable = None,
) -> Sequence[T]:
    """The part of ``items`` to draw: all of them up to ``per_page``; else the page chosen in a number box
    ``key`` drawn here, with a caption ("Rows 101–200 of 9,000; …"). ``where`` ends the caption (where the
    rest is: "the downloads hold every row"). ``list_of`` names the list (ids and options: the framework and the
    filters it was made from): another list starts at its first page, even one of the same length."""
    total = len(items)
    if total <= per_page:
        return items
    pages = -(-total // per_page)
    state = st.session_state
    if state.get(f"{key}-of") != (list_of, total):  # another list (another framework, another filter)
        state[key] = 1
        state[f"{key}-of"] = (list_of, total)
    row = st.container(horizontal=True, vertical_alignment="bottom")
    with row:
        number = st.number_input(
            f"Page (of {pages:,})", min_value=1, max_value=pages, step=1, key=key, width=160, help=None
        )
    first = (int(number) - 1) * per_page
    shown = items[first : first + per_page]
    with row:
        st.caption(
            f"{what.capitalize()} {first + 1:,}–{first + len(shown):,} of {total:,}" + (f"; {where}" if where else ".")
        )
    return shown


def paged_table(table: pd.DataFrame, *, key: str, per_page: int = ROWS_PER_PAGE) -> None:
    """``table`` a page at a time (see :func:`page`), as a table of text that stacks on a phone
    (:func:`ui.render.stacked_table`)."""
    shown = page(table, key=key, per_page=per_page, where="the downloads hold every row.")
    stacked_table(shown, key=f"stacked-{key}")
