"""Text and numbers written into SVG made by the app (:mod:`ui.map_svg`, :mod:`ui.radar_svg`).

Every text there comes from a framework file or a person: it is escaped for XML, quotes included, so that none
can close an attribute or open an element, and a direction control in it (a right-to-left override) is closed
off, so it cannot turn the rest of its line around.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from framework.textsafe import bidi_isolated

__all__ = ["LINE_PX", "px", "tspans", "xml"]

LINE_PX = 14  #: a line of 12-pixel text


def xml(value: object) -> str:
    """Text, or an attribute's value, as written: escaped for XML, its direction controls closed off."""
    return escape(bidi_isolated(str(value)), quote=True)


def px(value: float) -> str:
    """A coordinate, to a tenth of a pixel (more is never seen, and costs bytes on every rerun)."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def tspans(x: float, y: float, lines: Sequence[str]) -> str:
    """Lines of text, the first one's baseline at (x, y), the others under it."""
    return "".join(f'<tspan x="{px(x)}" y="{px(y + i * LINE_PX)}">{xml(line)}</tspan>' for i, line in enumerate(lines))
