"""The app's own stylesheet: what Streamlit's defaults leave to do for phones, focus and legibility.

One sheet, written here and nowhere else, holding no text from a framework or a person (so it can go to the
page as it is). It is added on every run by ``app.py``; pages mark the parts it styles with container keys
(``st.container(key=…)`` gives an element the class ``st-key-…``).
"""

from __future__ import annotations

import streamlit as st

__all__ = ["NARROW_PX", "apply", "stacked_table_css"]

#: Below this width (a phone held upright), wide content stacks instead of running off the side of the screen.
NARROW_PX = 640

_SHEET = f"""
<style>
/* A link to a page wraps its label rather than cutting it short ("… → He…"): the role it names is read whole. */
[data-testid="stPageLink"] a :not([data-testid="stIconMaterial"]) {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}}
/* Tab labels wrap onto a second line rather than being cut off at the edge of a narrow screen. */
[data-testid="stTabs"] [role="tablist"] {{ flex-wrap: wrap; row-gap: 0.25rem; }}
/* A focus ring that stands out on every background, the sidebar's included (WCAG 2.2: focus visible). */
a:focus-visible, button:focus-visible, [role="tab"]:focus-visible, [role="radio"]:focus-visible,
input:focus-visible, summary:focus-visible, [tabindex]:focus-visible {{
  outline: 3px solid #0b0c0c !important; outline-offset: 2px; box-shadow: 0 0 0 5px #ffdd00 !important;
}}
/* Captions are drawn at 0.6 opacity, which takes a link in one (a licence's address) under 3:1; a grey of 7:1
   instead keeps them quieter than the text and every link in them at the theme's own contrast. */
[data-testid="stCaptionContainer"] {{ opacity: 1 !important; color: #505a5f !important; }}
.st-key-map-narrow-note {{ display: none !important; }}
/* What keeps the focus on a list of tabs (ui.tab_focus) takes no room. */
[class*="st-key-tab-focus"] {{ display: none !important; }}
/* Home's figures (ui.views.home): each a label over a large number, side by side, wrapping on a phone. */
.stHtml dl.home-figures {{ display: flex; flex-wrap: wrap; gap: 0.5rem 3rem; margin: 0; padding-left: 0; }}
.home-figures dt {{ font-size: 0.875rem; }}
.home-figures dd {{ margin: 0; font-size: 2.25rem; line-height: 1.3; }}
/* The structure review's rung matrix (ui.review_figures): a table of text, its cells coloured by status. */
.rung-matrix-box {{ overflow-x: auto; }}
.rung-matrix {{ border-collapse: collapse; font-size: 0.875rem; }}
.rung-matrix th, .rung-matrix td {{
  border: 1px solid rgba(49, 51, 63, 0.2); padding: 0.25rem 0.5rem; text-align: left;
}}
@media (max-width: {NARROW_PX}px) {{
  /* Other Markdown tables keep within the width: their columns share it and long words wrap. */
  [data-testid="stMarkdownContainer"] table {{ width: 100%; table-layout: fixed; }}
  [data-testid="stMarkdownContainer"] th, [data-testid="stMarkdownContainer"] td {{ overflow-wrap: anywhere; }}
  /* Pickers and text boxes set side by side stand one above the other, so each shows its whole value. */
  [data-testid="stMain"] [data-testid="stHorizontalBlock"]:has(> [data-testid="stElementContainer"] :is(
    [data-testid="stSelectbox"], [data-testid="stTextInput"], [data-testid="stDateInput"])) {{
    flex-direction: column; align-items: stretch;
  }}
  [data-testid="stMain"] [data-testid="stHorizontalBlock"]:has(> [data-testid="stElementContainer"] :is(
    [data-testid="stSelectbox"], [data-testid="stTextInput"], [data-testid="stDateInput"]))
    > [data-testid="stElementContainer"] {{
    width: 100% !important; max-width: 100%; flex: 0 0 auto !important;
  }}
  /* The note that says the map leaves out the names at this width (it is hidden on wider screens). */
  .st-key-map-narrow-note {{ display: flex !important; }}
  /* Tables written as Markdown stack: a block per row, each cell after its column's name (stacked_table_css). */
  [class*="st-key-stacked"] table, [class*="st-key-stacked"] tbody, [class*="st-key-stacked"] tr,
  [class*="st-key-stacked"] td {{
    display: block; width: 100%;
  }}
  [class*="st-key-stacked"] thead {{
    position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
  }}
  [class*="st-key-stacked"] tr {{
    border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem; margin-bottom: 0.75rem;
  }}
  [class*="st-key-stacked"] td {{ border: none; text-align: left !important; }}
  [class*="st-key-stacked"] td::before {{ font-weight: 600; }}
}}
</style>
"""


def apply() -> None:
    """Add the stylesheet to this run's page (it takes no room)."""
    st.html(_SHEET)


def _css_string(text: str) -> str:
    """``text`` as a CSS string in which every character but letters, digits and spaces is a hex escape: nothing
    in it can end the string, the rule or the style element."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text) + '"'


def stacked_table_css(key: str, columns: list[str]) -> str:
    """The labels a stacked table's cells show on a narrow screen, for the container ``st-key-{key}`` (whose key
    starts with ``stacked``): each cell is preceded by its column's name."""
    if not key.startswith("stacked") or not all(c.isalnum() or c == "-" for c in key):
        raise ValueError(f"a stacked table's key starts with 'stacked' and holds letters, digits and '-': {key!r}")
    rules = "".join(
        f".st-key-{key} td:nth-of-type({i})::before {{ content: {_css_string(name + ': ')}; }}"
        for i, name in enumerate(columns, start=1)
    )
    return f"<style>@media (max-width: {NARROW_PX}px) {{ {rules} }}</style>"
