"""This session's development record: kept in ``st.session_state`` only, as plain data (the record's own JSON
form), never in a cache other sessions share, never on disk or in logs.

The Development record page edits it; the Skill gap page reads its levels (agreed, else the manager's, else
the person's own).
"""

from __future__ import annotations

import streamlit as st

from framework.models import Framework
from framework.record import DevelopmentRecord

__all__ = ["RECORD", "clear", "get", "put"]

#: {"data": the record as JSON data, "against": the id of the framework it is read with, "source": its file name
#: or None, "warnings": [str]}
RECORD = "dev_record"


def get(framework: Framework | None = None) -> DevelopmentRecord | None:
    """The session's record, when it is read with ``framework`` (given): one started or loaded with another
    framework chosen is not offered."""
    saved = st.session_state.get(RECORD)
    if not isinstance(saved, dict):
        return None
    record = DevelopmentRecord.model_validate(saved["data"])
    if framework is not None and saved.get("against") != framework.id:
        return None
    return record


def put(
    record: DevelopmentRecord,
    framework: Framework,
    *,
    source: str | None = None,
    warnings: list[str] | None = None,
) -> None:
    saved = details()
    st.session_state[RECORD] = {
        "data": record.model_dump(mode="json", by_alias=True, exclude_defaults=True),
        "against": framework.id,
        "source": source if source is not None else saved.get("source"),
        "warnings": warnings if warnings is not None else saved.get("warnings", []),
    }


def details() -> dict:
    saved = st.session_state.get(RECORD)
    return saved if isinstance(saved, dict) else {}


def clear() -> None:
    st.session_state.pop(RECORD, None)
