"""Reusable render functions: small pieces of page that several pages share. Text is always passed to
Streamlit as text (``st.text``/``st.markdown`` of escaped strings, or dataframes) — never as HTML."""

from __future__ import annotations

import re

import streamlit as st

from .data import Loaded
from .state import link_params, role_label

__all__ = ["md", "role_link"]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def md(text: str) -> str:
    """Escape text for st.markdown, so data is shown as written and never read as markup or HTML."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def role_link(loaded: Loaded, role_id: str, *, label: str | None = None, page: str = "pages/roles.py") -> None:
    """A link that opens a role's profile (or another role-keyed page)."""
    st.page_link(
        page,
        label=label or role_label(loaded, role_id),
        query_params=link_params(loaded, role=role_id),
        icon=":material/badge:",
    )
