"""A table's rows sorted by one of its columns, as a person asks by pressing the column's heading."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

__all__ = ["sort_rows"]


def sort_rows(
    table: pd.DataFrame, column: str | None, *, descending: bool = False, keys: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """The rows sorted by ``column`` (None, or a column the table does not have: as they are). Numbers sort as
    numbers, text in any case ("apprentice" beside "Apprentice"), and a column named in ``keys`` by the hidden
    column it names (grades by their place in the framework, not as text). Ties keep the table's own order,
    whichever way the column is sorted."""
    if column is None or column not in table.columns:
        return table
    values = table[(keys or {}).get(column, column)]
    if not pd.api.types.is_numeric_dtype(values):
        values = values.astype(str).str.casefold()
    order = sorted(range(len(table)), key=values.iloc.__getitem__, reverse=descending)
    return table.iloc[order]
