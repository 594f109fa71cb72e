"""Helpers for driving the running app in Chromium: open a view, wait for Streamlit, pick options, audit.

Waiting is event-driven. Streamlit marks its root element ``[data-testid="stApp"]`` with
``data-test-connection-state`` (``CONNECTED`` once the websocket is up) and ``data-test-script-state``
(``initial`` → ``running`` → ``notRunning``, or ``compilationError``). A small script installed in every page
(:data:`RUN_TRACKER`) watches that attribute and counts finished runs, so an action that triggers a rerun can
wait for *its* run rather than mistaking the idle state before the rerun for the end of it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

import axe_playwright_python
from playwright.sync_api import Browser, Locator, Page

__all__ = [
    "ARTIFACTS",
    "AXE_TAGS",
    "RUN_TRACKER",
    "VIEWPORT",
    "axe_audit",
    "choose",
    "describe_violations",
    "exceptions",
    "expect_rerun",
    "goto",
    "metric",
    "new_page",
    "open_page",
    "screenshot",
    "selected",
    "wait_for_app",
]

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
VIEWPORT = {"width": 1400, "height": 1000}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_SCRIPT = Path(axe_playwright_python.__file__).with_name("axe.min.js")
BLOCKING_IMPACTS = {"serious", "critical"}

APP_TIMEOUT_MS = 30_000  # the first load of a large framework builds its graph
SETTLE_MS = 150  # quiet time after the last script-state change, for the frontend to finish drawing

# Counts Streamlit script runs in this document. ``finished`` goes up each time the script state leaves
# ``running``; ``changedAt`` is when the state last changed; ``doc`` tells one document from the next.
RUN_TRACKER = """
(() => {
  if (window.__careerExplorerRuns) return;
  const runs = {doc: Math.random().toString(36).slice(2), finished: 0, changedAt: performance.now(), state: null};
  window.__careerExplorerRuns = runs;
  const read = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    const state = app ? app.getAttribute('data-test-script-state') : null;
    if (state === runs.state) return;
    if (runs.state === null && (state === 'notRunning' || state === 'compilationError')) {
      runs.finished += 1;  // installed after a run had already finished
    } else if (runs.state === 'running') {
      runs.finished += 1;
    }
    runs.state = state;
    runs.changedAt = performance.now();
  };
  new MutationObserver(read).observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ['data-test-script-state'],
  });
  read();
})();
"""

_IDLE = """
({doc, minFinished, settleMs}) => {
  const runs = window.__careerExplorerRuns;
  const app = document.querySelector('[data-testid="stApp"]');
  if (!runs || !app) return false;
  if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  const state = app.getAttribute('data-test-script-state');
  if (state !== 'notRunning' && state !== 'compilationError') return false;
  if (runs.finished < (runs.doc === doc ? minFinished : 1)) return false;
  if (document.querySelector('[data-testid="stStatusWidget"], [data-stale="true"]')) return false;
  if (document.fonts && document.fonts.status !== 'loaded') return false;
  return performance.now() - runs.changedAt >= settleMs;
}
"""


def _runs(page: Page) -> dict:
    """The run tracker's counters, installing it first if this page was opened without it."""
    page.evaluate(RUN_TRACKER)
    return page.evaluate("({doc: window.__careerExplorerRuns.doc, finished: window.__careerExplorerRuns.finished})")


def wait_for_app(page: Page, *, after: dict | None = None, timeout: float = APP_TIMEOUT_MS) -> None:
    """Wait until Streamlit is connected, has finished running the script and the page has settled.

    Idle means: the websocket is connected; the script state is ``notRunning`` (or ``compilationError``);
    at least one run has finished in this document — or, given ``after`` (counters taken before an action),
    a run newer than those; the status widget ("Running…") is gone; no element is stale (left over from the
    previous run); web fonts are loaded; and the script state has not changed for a short settle time.
    """
    page.wait_for_selector('[data-testid="stApp"]', state="attached", timeout=timeout)
    runs = _runs(page)
    before = after or {"doc": runs["doc"], "finished": 0}
    page.wait_for_function(
        _IDLE,
        arg={"doc": before["doc"], "minFinished": before["finished"] + 1, "settleMs": SETTLE_MS},
        polling=50,
        timeout=timeout,
    )


@contextmanager
def expect_rerun(page: Page, *, timeout: float = APP_TIMEOUT_MS) -> Iterator[None]:
    """Wrap an action that makes Streamlit rerun the script; on exit, wait for that rerun to finish."""
    before = _runs(page)
    yield
    wait_for_app(page, after=before, timeout=timeout)


def goto(page: Page, app_url: str, path: str = "/", **params: str | list[str]) -> None:
    """Open ``path`` of the app with query parameters, e.g. ``goto(page, app_url, "/roles", framework="ddat")``."""
    query = urlencode(params, doseq=True)
    page.goto(app_url.rstrip("/") + "/" + path.lstrip("/") + (f"?{query}" if query else ""))
    wait_for_app(page)


def new_page(browser: Browser) -> Page:
    """A page in a fresh browser context (no cookies, no storage, no session), set up like the ``page`` fixture."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(RUN_TRACKER)
    return context.new_page()


def _selectbox(page: Page, label: str) -> Locator:
    return page.locator('[data-testid="stSelectbox"]').filter(has_text=label)


def selected(page: Page, label: str) -> str:
    """The text shown by the select box labelled ``label`` ("" when nothing is chosen)."""
    return _selectbox(page, label).locator("input").input_value()


def choose(page: Page, label: str, option_text: str) -> None:
    """Pick the option containing ``option_text`` in the select box labelled ``label``, and wait for the rerun."""
    field = _selectbox(page, label).locator("input")
    field.click()
    option = page.get_by_role("option").filter(has_text=option_text)
    option.wait_for()
    if option.inner_text().strip() == field.input_value():
        page.keyboard.press("Escape")  # already chosen: Streamlit does not rerun
        wait_for_app(page)
        return
    with expect_rerun(page):
        option.click()


def open_page(page: Page, title: str) -> None:
    """Go to another page of the app through the sidebar navigation."""
    link = page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title, exact=True)
    with expect_rerun(page):
        link.click()


def metric(page: Page, label: str) -> str:
    """The value shown by the ``st.metric`` labelled exactly ``label``."""
    labels = page.locator('[data-testid="stMetricLabel"]', has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    return page.locator('[data-testid="stMetric"]', has=labels).locator('[data-testid="stMetricValue"]').inner_text()


def exceptions(page: Page) -> list[str]:
    """Texts of any tracebacks Streamlit shows on the page."""
    return page.locator('[data-testid="stException"]').all_inner_texts()


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page PNG to ``tests/artifacts/screenshots/{name}.png``."""
    path = ARTIFACTS / "screenshots" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=path, full_page=True)
    return path


def axe_audit(page: Page, name: str) -> list[dict]:
    """Run axe-core's WCAG 2.x A/AA rules on the page; return the serious and critical violations.

    The whole result is saved to ``tests/artifacts/axe/{name}.json``.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    path = ARTIFACTS / "axe" / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return [v for v in result["violations"] if v.get("impact") in BLOCKING_IMPACTS]


def describe_violations(violations: list[dict], *, targets: int = 3) -> str:
    """One block per axe violation: rule id, impact, help text, link, and the first few offending elements."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {v.get('helpUrl', '')}")
        for node in v["nodes"][:targets]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:160]}")
        if len(v["nodes"]) > targets:
            lines.append(f"    … and {len(v['nodes']) - targets} more")
    return "\n".join(lines)
