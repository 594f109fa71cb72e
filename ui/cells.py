"""Values read back from a data editor's cells, as the app's models want them."""

from __future__ import annotations

import datetime

import pandas as pd

__all__ = ["cell_date"]


def cell_date(value: object) -> datetime.date | None:
    """A date typed in a data editor's date column: a date, or None where the cell is blank. A blank cell
    comes back as None or as pandas' "not a time" (``NaT``), which is a ``datetime`` that cannot be written
    out as a date."""
    if isinstance(value, datetime.datetime):
        return None if pd.isna(value) else value.date()
    return value if isinstance(value, datetime.date) else None
