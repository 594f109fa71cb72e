"""The career map on the page: its SVG (:mod:`ui.map_svg`) drawn by the browser itself, a click on a role (or an
overview's circle) sent back to the page.

An ``st.components.v2`` component, in the page itself (a shadow root keeps its style apart; no frame to load): its
script puts the SVG text in place when the picture changes (a rerun with the same picture leaves the drawing as it
is) and answers a click on an element with ``data-pick`` by sending that value as the trigger ``picked``, which the
page reads on the run the click starts, and only then. The SVG is made by the app with every text of the framework
escaped (:mod:`ui.map_svg`): nothing in a file becomes markup.
"""

from __future__ import annotations

import streamlit as st

from .map_svg import MapDrawing
from .render import md

__all__ = ["key_markdown", "map_picture"]

_SCRIPT = """
export default function ({ data, parentElement, setTriggerValue }) {
  let box = parentElement.querySelector('.career-map-picture');
  if (!box) {
    box = document.createElement('div');
    box.className = 'career-map-picture';
    parentElement.appendChild(box);
  }
  if (box.drawnSvg !== data.svg) {
    box.innerHTML = data.svg;
    box.drawnSvg = data.svg;
  }
  box.classList.toggle('clickable', data.clickable);
  box.onclick = data.clickable ? (event) => {
    const picked = event.target.closest('[data-pick]');
    if (picked) setTriggerValue('picked', picked.getAttribute('data-pick'));
  } : null;
}
"""

_STYLE = """
.career-map-picture { overflow-x: auto; }
.career-map-picture svg { display: block; width: 100%; height: auto; font-family: inherit; }
.career-map-picture.clickable .pick { cursor: pointer; }
.career-map-picture.clickable .pick:hover > :not(title):not(rect) { stroke-width: 3; }
"""

_component = st.components.v2.component("career_map_picture", js=_SCRIPT, css=_STYLE)


def map_picture(drawing: MapDrawing, *, key: str, clickable: bool = True) -> str | None:
    """Draw ``drawing`` on the page; the ``data-pick`` of the element clicked on this run (a role's id, an
    overview circle's discipline), else None. A picture not ``clickable`` only shows (and its hover labels)."""
    data = {"svg": drawing.svg, "clickable": clickable}
    result = _component(data=data, key=key, on_picked_change=lambda: None)
    return getattr(result, "picked", None) if clickable else None


def key_markdown(drawing: MapDrawing) -> str:
    """The picture's key as one line of Markdown, for the text above it."""
    return "**Key:** " + " · ".join(f"{glyph} {md(text)}" for glyph, text in drawing.key)
