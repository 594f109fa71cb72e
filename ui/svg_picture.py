"""A picture made as SVG text (the career map, :mod:`ui.map_svg`; the skill gap's radar, :mod:`ui.radar_svg`) drawn
by the browser itself, and a click on one of its parts (a role, an overview's circle) sent back to the page.

A chart library draws the same pictures in several times the browser's time of the rest of a page (plotly built
and laid out the career map's SVG twice a visit, four to six times an empty page's whole time); SVG text is
drawn by the browser directly, in the time of a few elements.

An ``st.components.v2`` component, in the page itself (a shadow root keeps its style apart; no frame to load): its
script puts the SVG text in place when the picture changes (a rerun with the same picture leaves the drawing as it
is) and answers a click on an element with ``data-pick`` by sending that value as the trigger ``picked``, which the
page reads on the run the click starts, and only then. The SVG is made by the app with every text of a framework or a
person escaped: nothing they wrote becomes markup.
"""

from __future__ import annotations

import streamlit as st

__all__ = ["SCRIPT", "STYLE", "svg_picture"]

SCRIPT = """
export default function ({ data, parentElement, setTriggerValue }) {
  let box = parentElement.querySelector('.svg-picture');
  if (!box) {
    box = document.createElement('div');
    box.className = 'svg-picture';
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

STYLE = """
.svg-picture { overflow-x: auto; }
.svg-picture svg { display: block; width: 100%; height: auto; font-family: inherit; }
.svg-picture.clickable .pick { cursor: pointer; }
.svg-picture.clickable .pick:hover > :not(title):not(rect) { stroke-width: 3; }
"""

_component = st.components.v2.component("svg_picture", js=SCRIPT, css=STYLE)


def svg_picture(svg: str, *, key: str, clickable: bool = False) -> str | None:
    """Draw ``svg`` on the page. A ``clickable`` picture returns the ``data-pick`` of the part clicked on this run
    (a role's id, an overview circle's discipline), else None; any other only shows (its hover labels too)."""
    result = _component(data={"svg": svg, "clickable": clickable}, key=key, on_picked_change=lambda: None)
    return getattr(result, "picked", None) if clickable else None
