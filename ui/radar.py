"""The skill-gap chart: the level held and the level needed, per skill, on one radar.

The two outlines differ in colour (Okabe–Ito blue and orange, safe for the common colour-vision
deficiencies), in line style (dashed and solid) and in marker shape, so they can be told apart without
colour. Plotly reads a subset of HTML in labels and hover text, so every name from the framework or the
user is escaped with :func:`html.escape` before it reaches the figure (quotes are left alone: plotly shows
``&quot;`` as written, and quotes carry no meaning in its labels).

A radar needs three spokes to enclose an area; with one or two skills the same comparison is drawn as
horizontal bars. The chart always has a text alternative on the page (the gap table and a summary).
"""

from __future__ import annotations

import html
import textwrap

import plotly.graph_objects as go

from framework.models import Framework
from framework.skills import SkillGap

__all__ = ["CURRENT_COLOUR", "TARGET_COLOUR", "radar_figure"]

CURRENT_COLOUR = "#0072B2"  # Okabe–Ito blue
TARGET_COLOUR = "#E69F00"  # Okabe–Ito orange
LABEL_WIDTH = 22  # characters per line of a spoke label


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _label(name: str) -> str:
    """A skill name escaped for plotly and wrapped onto short lines."""
    lines = textwrap.wrap(name, LABEL_WIDTH) or [name]
    return "<br>".join(_esc(line) for line in lines)


def _unique_names(gap: SkillGap) -> list[str]:
    """Skill names, made unique (plotly merges equal category labels) by adding the id where needed."""
    names = [row.name for row in gap.rows]
    return [f"{n} ({row.skill})" if names.count(n) > 1 else n for n, row in zip(names, gap.rows, strict=True)]


def radar_figure(framework: Framework, gap: SkillGap, *, current_label: str, target_label: str) -> go.Figure | None:
    """A chart of the level held (``current_label``) and needed (``target_label``) for each requirement.

    The radial axis runs from 0 ("none") to the top of the framework's skill-level scale, labelled with the
    level names. Returns None when the target role has no skill requirements.
    """
    if not gap.rows:
        return None
    levels = ["none", *(lv.name for lv in framework.skill_levels)]
    level_ticks = list(range(len(levels)))
    names = _unique_names(gap)
    labels = [_label(n) for n in names]
    now_name = _esc(f"Now: {current_label}")
    need_name = _esc(f"Needed: {target_label}")

    def hover(rank_attr: str, who: str) -> list[str]:
        return [
            f"<b>{_esc(n)}</b><br>{_esc(who)}: {_esc(levels[getattr(row, rank_attr)])}"
            for n, row in zip(names, gap.rows, strict=True)
        ]

    now = [row.current_rank for row in gap.rows]
    need = [row.required_rank for row in gap.rows]
    now_hover, need_hover = hover("current_rank", "Now"), hover("required_rank", "Needed")
    figure = go.Figure()

    if len(gap.rows) >= 3:

        def loop(values: list) -> list:
            return [*values, values[0]]  # back to the first spoke, so each outline closes

        figure.add_trace(
            go.Scatterpolar(
                r=loop(need),
                theta=loop(labels),
                name=need_name,
                mode="lines+markers",
                line={"color": TARGET_COLOUR, "width": 3, "dash": "solid"},
                marker={"symbol": "circle", "size": 9},
                fill="toself",
                fillcolor="rgba(230, 159, 0, 0.12)",
                text=loop(need_hover),
                hovertemplate="%{text}<extra></extra>",
            )
        )
        figure.add_trace(
            go.Scatterpolar(
                r=loop(now),
                theta=loop(labels),
                name=now_name,
                mode="lines+markers",
                line={"color": CURRENT_COLOUR, "width": 3, "dash": "dash"},
                marker={"symbol": "diamond", "size": 10},
                text=loop(now_hover),
                hovertemplate="%{text}<extra></extra>",
            )
        )
        figure.update_layout(
            polar={
                "radialaxis": {
                    "range": [0, len(levels) - 1],
                    "tickvals": level_ticks,
                    "ticktext": [_esc(lv) for lv in levels],
                    "angle": 90 - 180 / len(gap.rows),  # between the first two spokes, clear of their labels
                    "tickfont": {"size": 11},
                },
                "angularaxis": {"direction": "clockwise", "rotation": 90, "tickfont": {"size": 12}},
            },
            height=520 if len(gap.rows) <= 12 else 640,
        )
    else:
        for values, hovers, name, colour, pattern in (
            (need, need_hover, need_name, TARGET_COLOUR, ""),
            (now, now_hover, now_name, CURRENT_COLOUR, "/"),
        ):
            figure.add_trace(
                go.Bar(
                    x=values,
                    y=labels,
                    orientation="h",
                    name=name,
                    marker={"color": colour, "pattern": {"shape": pattern}, "line": {"color": colour, "width": 2}},
                    text=hovers,
                    textposition="none",
                    hovertemplate="%{text}<extra></extra>",
                )
            )
        figure.update_layout(
            barmode="group",
            xaxis={
                "range": [0, len(levels) - 1],
                "tickvals": level_ticks,
                "ticktext": [_esc(lv) for lv in levels],
                "title": {"text": "Skill level"},
            },
            yaxis={"autorange": "reversed"},
            height=160 + 90 * len(gap.rows),
        )

    figure.update_layout(
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.08, "xanchor": "center", "x": 0.5},
        margin={"l": 130, "r": 130, "t": 70, "b": 50},
        dragmode=False,
    )
    return figure
