"""The keyboard focus kept on a list of tabs whose choice reruns the page (:func:`ui.lazy.lazy_tabs`).

While a rerun runs, Streamlit makes the tabs of the list unfocusable for a moment (the selected one loses its
``tabindex``), and the browser moves the focus to the page itself: a person moving along the tabs with the arrow
keys would find the next press going nowhere, and have to find the tabs again. This puts the focus back on the
selected tab once it can take it again — only when the focus was taken from a tab that way (a tab still
focusable when it loses the focus was left by the person: a click or Tab elsewhere), and only while the focus is
nowhere else.

A script with nothing to show (``st.html`` with its script allowed, in a container hidden by :mod:`ui.style`):
it listens on the page's document once per page load, and reads only the tabs' ARIA roles and attributes. Not a
component: the first component a page shows brings about 190 KB of script (Arrow's, for a component's data) that
the browser evaluates before it draws the page.
"""

from __future__ import annotations

import streamlit as st

__all__ = ["SCRIPT", "keep_tab_focus"]

SCRIPT = """<script>
(() => {
  const doc = document;
  if (doc.keepsTabFocus) return;
  doc.keepsTabFocus = true;
  doc.addEventListener('focusout', (event) => {
    const tab = event.target;
    if (event.relatedTarget || !(tab instanceof Element) || tab.getAttribute('role') !== 'tab') return;
    if (tab.hasAttribute('tabindex')) return;  // still focusable: the person moved the focus away
    const list = tab.closest('[role="tablist"]');
    const index = [...doc.querySelectorAll('[role="tablist"]')].indexOf(list);
    const until = Date.now() + 10000;
    const again = () => {
      if (doc.activeElement && doc.activeElement !== doc.body) return;  // the focus is somewhere: leave it
      const now = list && list.isConnected ? list : doc.querySelectorAll('[role="tablist"]')[index];
      const selected = now ? now.querySelector('[role="tab"][aria-selected="true"]') : null;
      if (selected && selected.hasAttribute('tabindex')) {
        selected.focus();
        return;
      }
      if (Date.now() < until) setTimeout(again, 30);
    };
    setTimeout(again, 30);
  }, true);
})();
</script>"""

#: The hidden container's key (``ui.style`` hides every ``st-key-tab-focus…``).
KEY = "tab-focus"


def keep_tab_focus(key: str) -> None:
    """Keep the keyboard focus on the tabs ``key`` (see the module's note); draws nothing a person sees."""
    with st.container(key=f"{KEY}-{key}"):
        st.html(SCRIPT, unsafe_allow_javascript=True)  # the script is this module's own text: nothing from outside
