"""Tabs and expanders drawn only while open.

Choosing a tab or opening an expander reruns the page, which then draws only what is open — what most visits
never open costs nothing — and the open tab is part of the view's link (``?tab=development-plan``); the keyboard
focus stays on the tabs through the rerun (:mod:`ui.tab_focus`). A page may still draw a tab that is cheap to
draw whatever tab is open, so that it shows at once when chosen (the skill gap's tabs to read).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import streamlit as st

from framework.ids import slugify

from .tab_focus import keep_tab_focus
from .url import url_changed, write_param

if TYPE_CHECKING:
    from streamlit.elements.lib.mutable_expander_container import ExpanderContainer
    from streamlit.elements.lib.mutable_tab_container import TabContainer

__all__ = ["TAB", "keep", "lazy_expander", "lazy_tabs"]


def lazy_expander(label: str, *, key: str, expanded: bool = False) -> ExpanderContainer:
    """An expander whose contents the page draws only while it is open (``.open``): opening it reruns the page.
    For contents that cost something on every rerun (tables, downloads) and that most visits never open.
    ``expanded`` is how it starts in a session; then it stays as the user leaves it."""
    if expanded and key not in st.session_state:
        st.session_state[key] = True  # not as ``expanded=``: the expander would become another one when it changes
    return st.expander(label, key=key, on_change="rerun")


def keep(*keys: str) -> None:
    """Keep these widgets' values while the widgets are not drawn (e.g. in a closed lazy expander): Streamlit
    forgets the value of a widget that a run does not draw, unless the page sets it again itself. Call it in the
    run that draws them again too, before they are drawn: a widget shows a kept value only if the page set it in
    that run (otherwise the browser draws it at its default and sends that back). Not on every run for a text
    field, though: set in a run while a person types in it, it would be sent the value it held before."""
    for key in keys:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


TAB = "tab"  # the query parameter that names the open tab


def lazy_tabs(labels: Sequence[str], *, key: str) -> Sequence[TabContainer]:
    """Tabs whose contents the page draws only for the tab that is open (``.open``): choosing a tab reruns the
    page. The open tab is part of the view's link (``?tab=development-plan``; the first tab is left out), so a
    link reopens it and Back returns to the tab open before. The keyboard focus stays on the tabs through the
    rerun (:mod:`ui.tab_focus`)."""
    by_slug = {slugify(label): label for label in labels}
    changed = url_changed(TAB)
    if changed is not None:
        wanted = [by_slug[v] for v in changed if v in by_slug]
        st.session_state[key] = wanted[0] if wanted else labels[0]
    if st.session_state.get(key) not in labels:
        st.session_state[key] = labels[0]
    keep_tab_focus(key)
    tabs = st.tabs(labels, key=key, on_change="rerun")
    write_param(TAB, slugify(st.session_state[key]), slugify(labels[0]))
    return tabs
