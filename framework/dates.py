"""Dates as people in the UK read them, and as files keep them.

One style for a reader everywhere ("15 Jan 2027"), one for typing ("DD/MM/YYYY", the format the app's date
inputs use) and ISO 8601 in every file a person saves, so a file sorts and parses the same anywhere.

>>> import datetime
>>> uk_date(datetime.date(2027, 1, 15))
'15 Jan 2027'
>>> uk_date(None)
''
>>> is_past(datetime.date(2020, 1, 1), today=datetime.date(2026, 12, 6))
True
"""

from __future__ import annotations

import datetime

__all__ = ["INPUT_FORMAT", "file_date", "is_past", "uk_date"]

#: The one format a person types a date in (Streamlit's ``st.date_input(format=...)``).
INPUT_FORMAT = "DD/MM/YYYY"

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def uk_date(value: datetime.date | None) -> str:
    """``value`` as a reader in the UK writes it (day, short month, year); "" for no date. The month is
    spelled out so 03/04 can never be read as 4 March by one reader and 3 April by another."""
    if value is None:
        return ""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def file_date(value: datetime.date | None) -> str:
    """``value`` as a file keeps it (ISO 8601, ``2027-01-15``); "" for no date."""
    return value.isoformat() if value is not None else ""


def is_past(value: datetime.date | None, *, today: datetime.date | None = None) -> bool:
    """True when ``value`` is before ``today`` (the local date by default): a next check-in or a "by when" in
    the past is worth a warning, not a refusal — a person may be recording what was agreed earlier."""
    if value is None:
        return False
    return value < (today or datetime.date.today())
