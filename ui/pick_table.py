"""A list to choose from, drawn as a plain HTML table by the browser (the Roles catalogue, the Skills index): each
row's name is a link that opens it on the same page and session, and each column's heading sorts the list.

A data grid (``st.dataframe``) brings about 1.7 MB of script that the browser evaluates the first time a grid is
shown after the app is opened (a third of a second on a 2-core machine), and draws its cells on a canvas, where a
cell's text is cut to one line. A list that people read, search and open needs none of it: a table of text wraps
its cells, reads as a table to a screen reader, and stacks into a block per row on a phone.

An ``st.components.v2`` component in a shadow root, as :mod:`ui.svg_picture` is. A click on a row (or Enter on its
link) sends its id as the trigger ``picked``; a column's heading button sends the sorting it asks for as ``sorted``.
The page reads both before it draws anything (:func:`picked`, :func:`sorting`), so the profile, or the list in its
new order, is drawn by the run the click starts. The link's address is the view's own (``?role=…``): opened in a
new tab, it is a link like any other. Every text in the table is escaped (:func:`ui.svg_text.xml`): nothing a
framework says becomes markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from .style import NARROW_PX
from .svg_text import xml

__all__ = ["SCRIPT", "STYLE", "Sorting", "pick_table", "picked", "sorting", "table_html", "toggled"]


@dataclass(frozen=True)
class Sorting:
    """The column a list is sorted by, and which way (None: the list's own order)."""

    column: str | None = None
    descending: bool = False


def toggled(sorting: Sorting, column: str) -> Sorting:
    """The sorting after a click on ``column``'s heading: ascending first, then the other way at each click."""
    if sorting.column == column:
        return Sorting(column, not sorting.descending)
    return Sorting(column, False)


def _heading(sorting: Sorting, column: str, number: str) -> str:
    """A column's heading: a button whose value is the sorting it asks for (so that a click repeated, or read
    twice, asks for the same thing), marked with the way the list is sorted now; ``number`` is the class of a
    column of numbers (or nothing)."""
    target = toggled(sorting, column)
    value = f"{'desc' if target.descending else 'asc'}:{column}"
    aria = arrow = ""
    if sorting.column == column:
        aria = f' aria-sort="{"descending" if sorting.descending else "ascending"}"'
        arrow = f'<span aria-hidden="true"> {"▼" if sorting.descending else "▲"}</span>'
    return (
        f'<th scope="col"{number}{aria}><button type="button" data-column="{xml(column)}" data-sort="{xml(value)}">'
        f"{xml(column)}{arrow}</button></th>"
    )


def table_html(
    table: pd.DataFrame,
    ids: Sequence[str],
    *,
    label: str,
    param: str,
    link_params: Mapping[str, str],
    sorting: Sorting | None = None,
) -> str:
    """The table as HTML: the first column's cells are links to each row's view (``?param=id`` with
    ``link_params``), every other cell names its column for a phone, where the rows stack. With a ``sorting``,
    each heading is a button that sorts by its column."""
    columns = [str(c) for c in table.columns]
    # Numbers line up on the right, as in the app's other tables.
    number = [' class="number"' if pd.api.types.is_numeric_dtype(t) else "" for t in table.dtypes]
    if sorting is None:
        head = "".join(f'<th scope="col"{n}>{xml(c)}</th>' for c, n in zip(columns, number, strict=True))
    else:
        head = "".join(_heading(sorting, c, n) for c, n in zip(columns, number, strict=True))
    rows = []
    for row_id, values in zip(ids, table.itertuples(index=False, name=None), strict=True):
        href = "?" + urlencode({param: row_id, **link_params})
        first, *rest = values
        cells = "".join(
            f'<td data-label="{xml(c)}"{n}>{xml(v)}</td>' for c, n, v in zip(columns[1:], number[1:], rest, strict=True)
        )
        rows.append(
            f'<tr data-pick="{xml(row_id)}"><th scope="row"><a href="{xml(href)}">{xml(first)}</a></th>{cells}</tr>'
        )
    return f'<table aria-label="{xml(label)}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


SCRIPT = """
export default function ({ data, parentElement, setTriggerValue }) {
  let box = parentElement.querySelector('.pick-table');
  if (!box) {
    box = document.createElement('div');
    box.className = 'pick-table';
    parentElement.appendChild(box);
  }
  if (box.drawnHtml !== data.html) {
    // A heading's button that sorted the list keeps the focus once the list is drawn in its new order.
    const active = parentElement.getRootNode().activeElement;
    const sortedBy = active && box.contains(active) ? active.getAttribute('data-column') : null;
    box.innerHTML = data.html;
    box.drawnHtml = data.html;
    if (sortedBy !== null) {
      const again = [...box.querySelectorAll('[data-column]')].find((b) => b.getAttribute('data-column') === sortedBy);
      if (again) again.focus();
    }
  }
  box.onclick = (event) => {
    const sort = event.target.closest('[data-sort]');
    if (sort) {
      setTriggerValue('sorted', sort.getAttribute('data-sort'));
      return;
    }
    // A link opened in a new tab or window stays a link; a plain click opens the row here.
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const row = event.target.closest('[data-pick]');
    if (row) {
      event.preventDefault();
      setTriggerValue('picked', row.getAttribute('data-pick'));
    }
  };
}
"""

STYLE = f"""
.pick-table {{ max-height: 28rem; overflow: auto; border: 1px solid var(--st-border-color, rgba(49, 51, 63, 0.2));
  border-radius: 0.5rem; font-size: 0.875rem; line-height: 1.4; }}
.pick-table table {{ border-collapse: collapse; width: 100%; }}
.pick-table th, .pick-table td {{ padding: 0.375rem 0.625rem; text-align: left; vertical-align: top;
  border-bottom: 1px solid var(--st-border-color, rgba(49, 51, 63, 0.2)); }}
.pick-table tbody th {{ font-weight: 400; min-width: 10rem; }}
.pick-table thead th {{ position: sticky; top: 0; z-index: 1; white-space: nowrap;
  background: var(--st-secondary-background-color, #f0f2f6); }}
.pick-table .number {{ text-align: right; }}
.pick-table thead button {{ font: inherit; font-weight: 600; color: inherit; background: none; border: 0;
  padding: 0.125rem 0; cursor: pointer; }}
.pick-table tbody tr {{ cursor: pointer; }}
.pick-table tbody tr:hover {{ background: var(--st-secondary-background-color, #f0f2f6); }}
.pick-table a {{ color: var(--st-link-color, #0054a3); text-decoration: underline; }}
/* The app's own focus ring (ui.style), which does not reach into this shadow root. */
.pick-table a:focus-visible, .pick-table button:focus-visible {{
  outline: 3px solid #0b0c0c; outline-offset: 2px; box-shadow: 0 0 0 5px #ffdd00; }}
@media (max-width: {NARROW_PX}px) {{
  .pick-table table, .pick-table tbody, .pick-table tr, .pick-table th, .pick-table td {{ display: block; }}
  .pick-table {{ max-height: 75vh; }}
  .pick-table thead tr {{ display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 0.75rem; }}
  .pick-table thead tr::before {{ content: "Sort by:"; padding-left: 0.625rem; }}
  .pick-table thead th {{ border: 0; }}
  .pick-table tbody tr {{ padding: 0.375rem 0;
    border-bottom: 1px solid var(--st-border-color, rgba(49, 51, 63, 0.2)); }}
  .pick-table tbody th, .pick-table td {{ border: 0; padding: 0.125rem 0.625rem; text-align: left; }}
  .pick-table td::before {{ content: attr(data-label) ": "; font-weight: 600; }}
  .pick-table td:empty {{ display: none; }}
}}
"""

_component = st.components.v2.component("pick_table", js=SCRIPT, css=STYLE)


def pick_table(
    table: pd.DataFrame,
    ids: Sequence[str],
    *,
    key: str,
    label: str,
    param: str,
    link_params: Mapping[str, str],
    sorting: Sorting | None = None,
) -> None:
    """Draw ``table`` (one row per id, its first column the name that opens it); with the ``sorting`` the page
    read (:func:`sorting`, before it drew anything), each heading is a button that sorts the list. What a click
    asks for is read by :func:`picked` and :func:`sorting` on the run it starts."""
    html = table_html(table, ids, label=label, param=param, link_params=link_params, sorting=sorting)
    _component(data={"html": html}, key=key, on_picked_change=_nothing, on_sorted_change=_nothing)


def _nothing() -> None:
    """The component's triggers are read from the session by the page itself (:func:`picked`, :func:`sorting`)."""


def picked(key: str) -> str | None:
    """The id of the row opened by the click that started this run, else None."""
    return _trigger(key, "picked")


def sorting(key: str, columns: Sequence[str]) -> Sorting:
    """How the list ``key`` is sorted: as the heading pressed on this run asks (by one of its ``columns``), else
    as it was (kept in the session), else in its own order."""
    kept = f"{key}:sorting"
    if (asked := _trigger(key, "sorted")) is not None:
        way, _, column = asked.partition(":")
        if column in columns:
            st.session_state[kept] = Sorting(column, way == "desc")
    return st.session_state.get(kept, Sorting())


def _trigger(key: str, name: str) -> str | None:
    state = st.session_state.get(key)
    value = state.get(name) if isinstance(state, Mapping) else getattr(state, name, None)
    return value if isinstance(value, str) else None
