"""Helpers for AppTest page tests: run a page (or the whole app) with a framework and query parameters."""

from __future__ import annotations

import re

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


def plan_opened(at: AppTest) -> AppTest:
    """The Skill gap page's plan with every part opened, as a reader opens them to read them (each is drawn only
    while open): the detail of each gap in focus, the other gaps and the preview of the whole plan."""
    focus = at.multiselect(key="plan-focus").value
    for key in [f"plan-detail-{item}" for item in focus] + ["plan-others", "plan-preview"]:
        at.session_state[key] = True
    at.run()
    assert not at.exception
    return at
