"""The skill-gap chart as SVG text, for the browser to draw natively: the level held and the level needed, per
skill, on one radar (bars for one or two skills, where a radar encloses no area).

The two outlines differ in colour (Okabe–Ito blue and orange, safe for the common colour-vision deficiencies),
in line style (dashed and solid) and in marker shape, so they can be told apart without colour; a key above the
chart says which is which. Each marker's hover label (an SVG ``<title>``) names the skill and the level. Every
text from the framework or the person is escaped for XML, quotes included. The chart always has a text
alternative on the page (the gap table and a summary); the picture's own name says what it compares.
"""

from __future__ import annotations

import math
import textwrap

from framework.models import Framework
from framework.skills import SkillGap

from .svg_text import LINE_PX, px, tspans, xml

__all__ = ["CURRENT_COLOUR", "TARGET_COLOUR", "radar_svg"]

CURRENT_COLOUR = "#0072B2"  # Okabe–Ito blue
TARGET_COLOUR = "#E69F00"  # Okabe–Ito orange
LABEL_WIDTH = 15  # characters per line of a spoke's label
#: The chart is drawn this wide (its own units) and shown up to ``_GROWS`` times larger: on a phone it shrinks to
#: about 0.8 (12-pixel text at about 10 pixels), beside the text on a desktop it grows to about 1.25.
WIDTH = 440
_GROWS = 1.35
_KEY_CHARS = 52  # a line of the key
_TEXT, _GRID = "#303030", "#dcdcdc"


def _key(now_name: str, need_name: str) -> tuple[str, float]:
    """The key: a swatch of each outline (its colour, dash and marker) and whose level it is, each name wrapped;
    returns the key and its height."""
    items = [
        (need_name, TARGET_COLOUR, "", '<circle cx="14" cy="0" r="4.5" fill="{c}"/>'),
        (now_name, CURRENT_COLOUR, ' stroke-dasharray="7 4"', '<path d="M14 -6L20 0L14 6L8 0Z" fill="{c}"/>'),
    ]
    out, y = [], 14.0
    for name, colour, dash, marker in items:
        lines = textwrap.wrap(name, _KEY_CHARS) or [name]
        out.append(
            f'<g transform="translate(4 {px(y)})"><path d="M0 0H28" stroke="{colour}" stroke-width="3"{dash}/>'
            + marker.format(c=colour)
            + f'<text fill="{_TEXT}">{tspans(36, 4, lines)}</text></g>'
        )
        y += len(lines) * LINE_PX + 6
    return "".join(out), y


def _svg(width: float, height: float, name: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {px(width)} {px(height)}" role="img" '
        f'aria-label="{xml(name)}" style="max-width:{px(width * _GROWS)}px" font-size="12">'
        f'<rect width="{px(width)}" height="{px(height)}" fill="#ffffff"/>' + "".join(body) + "</svg>"
    )


def radar_svg(
    framework: Framework, gap: SkillGap, *, current_label: str, target_label: str, summary: str = ""
) -> str | None:
    """The chart of the level held (``current_label``) and needed (``target_label``) for each requirement, as
    SVG; None when the target role has no skill requirements. The scale runs from "none" at the centre (or the
    left) to the top of the framework's skill levels, each level named. ``summary`` (the gap in words) is the
    picture's accessible name, after what it compares."""
    if not gap.rows:
        return None
    levels = ["none", *(lv.name for lv in framework.skill_levels)]
    top = len(levels) - 1
    now_name, need_name = f"Now: {current_label}", f"Needed: {target_label}"
    name = f"The level held ({current_label}) and needed ({target_label}) for each skill. {summary}".strip()
    rows = gap.rows
    hover_now = [f"{row.name}\nNow: {levels[row.current_rank]}" for row in rows]
    hover_need = [f"{row.name}\nNeeded: {levels[row.required_rank]}" for row in rows]
    if len(rows) < 3:
        return _bars(levels, rows, hover_now, hover_need, now_name, need_name, name)

    key, key_height = _key(now_name, need_name)
    n = len(rows)
    margin_x, margin_y = 100, 66  # room for the skills' names, wrapped, beyond the spokes' ends
    radius = (WIDTH - 2 * margin_x) / 2
    width = WIDTH
    cx, cy = width / 2, key_height + margin_y + radius
    height = cy + radius + margin_y

    def point(i: int, rank: float) -> tuple[float, float]:
        angle = 2 * math.pi * i / n  # clockwise from the top
        r = radius * rank / top if top else 0
        return cx + r * math.sin(angle), cy - r * math.cos(angle)

    body = [key]
    # The scale: a ring per level, each named beside the spoke's gap between the first two skills.
    for rank in range(1, top + 1):
        ring = " ".join(f"{px(x)},{px(y)}" for x, y in (point(i, rank) for i in range(n)))
        body.append(f'<polygon points="{ring}" fill="none" stroke="{_GRID}"/>')
    spokes = "".join(f"M{px(cx)} {px(cy)}L{px(point(i, top)[0])} {px(point(i, top)[1])}" for i in range(n))
    body.append(f'<path d="{spokes}" stroke="{_GRID}" fill="none"/>')
    for rank, level in enumerate(levels):
        angle = math.pi / n  # half way between the first two spokes
        r = radius * rank / top if top else 0
        x, y = cx + r * math.sin(angle), cy - r * math.cos(angle)
        body.append(
            f'<text x="{px(x + 4)}" y="{px(y + 4)}" fill="#505050" font-size="11" stroke="#ffffff" '
            f'stroke-width="3" paint-order="stroke">{xml(level)}</text>'
        )
    # Each skill's name beyond its spoke's end, wrapped, on the side the spoke points to.
    for i, row in enumerate(rows):
        x, y = point(i, top * 1.12)
        lines = textwrap.wrap(row.name, LABEL_WIDTH) or [row.name]
        anchor = "middle" if abs(x - cx) < 8 else ("start" if x > cx else "end")
        y0 = y - (len(lines) - 1) * LINE_PX / 2 + 4
        if y < cy - radius * 0.9:
            y0 = y - (len(lines) - 1) * LINE_PX
        elif y > cy + radius * 0.9:
            y0 = y + 8
        body.append(f'<text text-anchor="{anchor}" fill="{_TEXT}">{tspans(x, y0, lines)}</text>')
    # The outlines: needed (orange, solid, filled lightly, circles), then held (blue, dashed, diamonds) on top.
    need = [point(i, row.required_rank) for i, row in enumerate(rows)]
    now = [point(i, row.current_rank) for i, row in enumerate(rows)]
    body.append(
        f'<polygon points="{" ".join(f"{px(x)},{px(y)}" for x, y in need)}" fill="{TARGET_COLOUR}" '
        f'fill-opacity="0.12" stroke="{TARGET_COLOUR}" stroke-width="3"/>'
    )
    body.append(
        f'<polygon points="{" ".join(f"{px(x)},{px(y)}" for x, y in now)}" fill="none" '
        f'stroke="{CURRENT_COLOUR}" stroke-width="3" stroke-dasharray="7 4"/>'
    )
    for (x, y), label in zip(need, hover_need, strict=True):
        body.append(
            f'<circle cx="{px(x)}" cy="{px(y)}" r="4.5" fill="{TARGET_COLOUR}"><title>{xml(label)}</title></circle>'
        )
    for (x, y), label in zip(now, hover_now, strict=True):
        body.append(
            f'<path d="M{px(x)} {px(y - 6)}L{px(x + 6)} {px(y)}L{px(x)} {px(y + 6)}L{px(x - 6)} {px(y)}Z" '
            f'fill="{CURRENT_COLOUR}"><title>{xml(label)}</title></path>'
        )
    return _svg(width, height, name, body)


def _bars(levels, rows, hover_now, hover_need, now_name, need_name, name) -> str:
    """One or two skills: a pair of bars each, needed (orange, solid) above held (blue, hatched)."""
    top = len(levels) - 1
    key, key_height = _key(now_name, need_name)
    left, right, bar, gap = 118, 24, 20, 24
    width = WIDTH
    plot = width - left - right
    y0 = key_height + 36
    height = y0 + len(rows) * (2 * bar + gap) + 40

    def x(rank: float) -> float:
        return left + plot * rank / top if top else left

    body = [
        key,
        '<defs><pattern id="held" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<path d="M0 0V6" stroke="{CURRENT_COLOUR}" stroke-width="3"/></pattern></defs>',
    ]
    for rank, level in enumerate(levels):
        body.append(
            f'<path d="M{px(x(rank))} {px(y0 - 6)}V{px(height - 34)}" stroke="{_GRID}"/>'
            f'<text x="{px(x(rank))}" y="{px(height - 16)}" text-anchor="middle" fill="{_TEXT}">{xml(level)}</text>'
        )
    body.append(
        f'<text x="{px(left + plot / 2)}" y="{px(y0 - 14)}" text-anchor="middle" fill="{_TEXT}">Skill level</text>'
    )
    for i, row in enumerate(rows):
        y = y0 + i * (2 * bar + gap)
        lines = textwrap.wrap(row.name, LABEL_WIDTH) or [row.name]
        ty = y + bar - (len(lines) - 1) * LINE_PX / 2 + 4
        body.append(f'<text text-anchor="end" fill="{_TEXT}">{tspans(left - 10, ty, lines)}</text>')
        body.append(
            f'<rect x="{left}" y="{px(y)}" width="{px(x(row.required_rank) - left)}" height="{bar}" '
            f'fill="{TARGET_COLOUR}" stroke="{TARGET_COLOUR}" stroke-width="2">'
            f"<title>{xml(hover_need[i])}</title></rect>"
        )
        body.append(
            f'<rect x="{left}" y="{px(y + bar)}" width="{px(x(row.current_rank) - left)}" height="{bar}" '
            f'fill="url(#held)" stroke="{CURRENT_COLOUR}" stroke-width="2"><title>{xml(hover_now[i])}</title></rect>'
        )
    return _svg(width, height, name, body)
