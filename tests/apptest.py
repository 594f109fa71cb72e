"""Helpers for AppTest page tests: run a page (or the whole app) with a framework and query parameters."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from xml.etree import ElementTree

import pandas as pd
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

TIMEOUT = 60


def page(script: str, *, framework: str | None = None, **params: str) -> AppTest:
    """A page script run on its own, as the issue of each page requires (state comes from the URL)."""
    at = AppTest.from_file(str(ROOT / script), default_timeout=TIMEOUT)
    if framework:
        at.session_state["framework"] = framework
    for key, value in params.items():
        at.query_params[key.rstrip("_")] = value
    return at.run()


def app(**params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key.rstrip("_")] = value
    return at.run()


def texts(at: AppTest) -> str:
    """Every piece of text on the page, joined, with Markdown escapes removed: for 'is this shown?' checks."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


def param(at: AppTest, key: str) -> list[str]:
    """A query parameter's values as a list (AppTest gives a single value as a string)."""
    value = at.query_params.get(key)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def markdown_tables(at: AppTest) -> list:
    """Every table written as Markdown on the page, read back as a DataFrame of its cells (escapes removed)."""
    out = []
    for element in at.markdown:
        lines = element.value.splitlines()
        for start, line in enumerate(lines):
            if line.startswith("| ") and start + 1 < len(lines) and lines[start + 1].startswith("|---"):
                if start and lines[start - 1].startswith("|"):
                    continue
                rows = []
                for row in lines[start:]:
                    if not row.startswith("|"):
                        break
                    cells = [re.sub(r"\\(.)", r"\1", c.strip()) for c in re.split(r"(?<!\\)\|", row)[1:-1]]
                    rows.append(cells)
                out.append(pd.DataFrame(rows[2:], columns=rows[0]))
    return out


def _html_documents(at: AppTest) -> list[ElementTree.Element]:
    """The page's HTML elements (``st.html``) parsed, but for scripts (``ui.tab_focus``): they are code, not XML."""
    return [
        ElementTree.fromstring(f"<body>{element.proto.body}</body>")
        for element in at.get("html")
        if not element.proto.unsafe_allow_javascript
    ]


def html_tables(at: AppTest) -> list[pd.DataFrame]:
    """Every table the page drew as HTML (``st.html``: the review's rung matrix), read back as a DataFrame of its
    cells' texts, the headings as columns."""
    out = []
    for root in _html_documents(at):
        for table in root.iter("table"):
            columns = ["".join(th.itertext()) for th in table.findall("./thead/tr/th")]
            rows = [["".join(td.itertext()) for td in tr] for tr in table.findall("./tbody/tr")]
            out.append(pd.DataFrame(rows, columns=columns))
    return out


def figures(at: AppTest) -> dict[str, str]:
    """Home's figures (``ui.views.home.figures_html``) read back: each label's number, as shown."""
    out = {}
    for root in _html_documents(at):
        for figure in root.iterfind(".//dl[@class='home-figures']/div"):
            out[figure.findtext("dt")] = figure.findtext("dd")
    return out


def plan_opened(at: AppTest) -> AppTest:
    """The Skill gap page's plan with every part opened, as a reader opens them to read them (each is drawn only
    while open): its tab, the detail of each gap in focus, the other gaps and the preview of the whole plan."""
    if "plan-focus" not in [w.key for w in at.multiselect]:
        at.session_state["gap-tab"] = "Development plan"
        at.run()
    focus = at.multiselect(key="plan-focus").value
    for key in [f"plan-detail-{item}" for item in focus] + ["plan-others", "plan-preview"]:
        at.session_state[key] = True
    at.run()
    assert not at.exception
    return at


@dataclass(frozen=True)
class ShownTable:
    """A list drawn by :mod:`ui.pick_table`, read back from the HTML a run sent: its cells as a DataFrame (the
    headings as columns), each row's id, each row's link, and the column it is sorted by (and which way)."""

    value: pd.DataFrame
    ids: list[str]
    links: list[str]
    sorted_by: tuple[str, str] | None  # (column, "ascending" / "descending")


def shown_tables(at: AppTest) -> list[ShownTable]:
    """Every :mod:`ui.pick_table` list on the page, in order (the pictures of :mod:`ui.svg_picture` left out)."""
    out = []
    for element in at.get("bidi_component"):
        data = json.loads(element.proto.json or "null")  # what keeps the focus on tabs has no data
        html = data.get("html") if isinstance(data, dict) else None
        if html is None:
            continue
        root = ElementTree.fromstring(html)
        headings = root.findall("./thead/tr/th")
        columns = ["".join(h.itertext()).replace(" ▲", "").replace(" ▼", "") for h in headings]
        rows = root.findall("./tbody/tr")
        cells = [["".join(cell.itertext()) for cell in row] for row in rows]
        sorted_by = next(
            ((c, h.get("aria-sort")) for c, h in zip(columns, headings, strict=True) if h.get("aria-sort")), None
        )
        out.append(
            ShownTable(
                value=pd.DataFrame(cells, columns=columns),
                ids=[row.get("data-pick") for row in rows],
                links=[row.find("./th/a").get("href") for row in rows],
                sorted_by=sorted_by,
            )
        )
    return out


def pick_row(at: AppTest, key: str, row_id: str | None) -> AppTest:
    """A click on a row of the list ``key`` (:mod:`ui.pick_table`), as the browser sends it, and the run it starts.
    AppTest keeps a component's trigger for every later run: ``None`` takes it back."""
    at.session_state[key] = {"picked": row_id, "sorted": None}
    return at.run()


def sort_by(at: AppTest, key: str, column: str, way: str = "asc") -> AppTest:
    """A click on a heading of the list ``key`` asking for ``way`` ("asc" or "desc"), and the run it starts."""
    at.session_state[key] = {"picked": None, "sorted": f"{way}:{column}"}
    return at.run()
