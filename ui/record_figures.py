"""The Development record's progress charts: one small chart per skill, a line per voice.

The three voices are told apart by colour (Okabe–Ito, safe for the common colour-vision deficiencies), by
marker and by dash — never by colour alone — and every chart has the table of the same levels beside it.
"""

from __future__ import annotations

import html

import plotly.graph_objects as go

from framework.progress import VOICE_NAMES
from framework.record import AGREED, MANAGER, SELF

__all__ = ["VOICE_KEY", "VOICE_STYLE", "skill_chart"]

#: voice → (colour, marker, dash, how the key says it)
VOICE_STYLE = {
    SELF: ("#0072B2", "circle", "solid", "● solid line"),
    MANAGER: ("#D55E00", "diamond", "dash", "◆ dashed line"),
    AGREED: ("#009E73", "square", "dot", "■ dotted line"),
}
#: The charts' key, in words and the marks themselves.
VOICE_KEY = " · ".join(f"{VOICE_NAMES[v]}: {style[3]}" for v, style in VOICE_STYLE.items())


def skill_chart(name: str, labels: tuple[str, ...], voices: dict[str, tuple[int | None, ...]], levels: list[str]):
    """A small chart of one skill over the check-ins (``labels``): a line per voice, ranks on a scale of
    ``levels`` (lowest first; rank 1 is the first). A check-in where a voice gives no level is a gap."""
    figure = go.Figure()
    for offset, (voice, ranks) in zip((-0.06, 0.0, 0.06), voices.items(), strict=False):
        colour, symbol, dash, _ = VOICE_STYLE[voice]
        figure.add_trace(
            go.Scatter(
                x=list(range(len(labels))),
                y=[None if r is None else r + offset for r in ranks],  # voices on one level stay apart
                name=VOICE_NAMES[voice],
                mode="lines+markers",
                line={"color": colour, "dash": dash, "width": 2},
                marker={"symbol": symbol, "size": 9, "color": colour},
                connectgaps=False,
                customdata=[levels[r - 1] if r else "" for r in ranks],
                hovertemplate=f"{html.escape(VOICE_NAMES[voice])}: %{{customdata}}<extra></extra>",
            )
        )
    figure.update_layout(
        title={"text": html.escape(name, quote=False), "font": {"size": 14}, "x": 0, "xanchor": "left"},
        height=210,
        margin={"l": 10, "r": 10, "t": 36, "b": 10},
        showlegend=False,
        yaxis={
            "tickvals": list(range(1, len(levels) + 1)),
            "ticktext": [html.escape(lv, quote=False) for lv in levels],
            "range": [0.6, len(levels) + 0.4],
            "fixedrange": True,
        },
        xaxis={
            "tickvals": list(range(len(labels))),
            "ticktext": [html.escape(label.split(" · ")[-1], quote=False) for label in labels],
            "range": [-0.3, len(labels) - 0.7],
            "fixedrange": True,
        },
    )
    return figure
