"""Helpers for driving the running app in Chromium: open a view, wait for Streamlit, pick options, audit.

Waiting is event-driven. Streamlit marks its root element ``[data-testid="stApp"]`` with
``data-test-connection-state`` (``CONNECTED`` once the websocket is up) and ``data-test-script-state``
(``initial`` → ``running`` → ``notRunning``, or ``compilationError``). A small script installed in every page
(:data:`RUN_TRACKER`) watches that attribute and counts finished runs, so an action that triggers a rerun can
wait for *its* run rather than mistaking the idle state before the rerun for the end of it. A quick run may
never show as ``running`` (the frontend can draw its start and its end at once), so the tracker also counts
the server's websocket messages: messages since the action, then a quiet spell, also mean a run came and
went. After a run the
frontend may still be drawing (an element whose code loads on first use shows a skeleton until then), so
idle also needs no skeletons and a short spell without elements coming or going.
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
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

__all__ = [
    "ARTIFACTS",
    "AXE_TAGS",
    "RUN_TRACKER",
    "VIEWPORT",
    "axe_audit",
    "choose",
    "choose_many",
    "describe_violations",
    "each_tab",
    "exceptions",
    "expect_rerun",
    "figure",
    "full_height",
    "goto",
    "listed_rows",
    "new_page",
    "open_expanders",
    "open_page",
    "screenshot",
    "selected",
    "table_rows",
    "upload_framework",
    "wait_for_app",
]

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
VIEWPORT = {"width": 1400, "height": 1000}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_SCRIPT = Path(axe_playwright_python.__file__).with_name("axe.min.js")
#: Violations that come from Streamlit's own markup, which the app cannot change: rule → (the elements it is
#: allowed on, why). A violation of the rule anywhere else still fails.
STREAMLIT_OWN = {
    "presentation-role-conflict": (
        '[data-testid="stFileUploaderDropzone"]',
        "Streamlit's file uploader draws its drop zone as <section role=presentation tabindex=-1>; its button and "
        "its input are reachable and labelled",
    ),
    "target-size": (
        '[data-testid="stDateInput"] [role="spinbutton"]',
        "Streamlit's date field types a filled-in date as day, month and year parts each narrower than 24 px; "
        "WCAG 2.5.8 allows it as its calendar button, 24 px or more, sets the same date (an equivalent control)",
    ),
}

APP_TIMEOUT_MS = 30_000  # the first load of a large framework builds its graph
SETTLE_MS = 150  # quiet time wanted after the last change of script state or elements
QUIET_AFTER_MESSAGES_MS = 500  # a run seen only through the server's messages: quiet time wanted after them
MAX_PAGE_HEIGHT = 12_000  # pixels: the tallest viewport used for screenshots and audits

# The height the page would need to show everything: the document's, or that of Streamlit's scrolling main
# area and sidebar (elements such as data frames scroll on their own and are left as they are).
_CONTENT_HEIGHT = """
() => {
  const root = document.documentElement;
  const areas = document.querySelectorAll(
    '[data-testid="stMain"], [data-testid="stAppViewContainer"], [data-testid="stSidebarContent"]');
  return Math.max(root.scrollHeight, ...[...areas].map(e => e.scrollHeight - e.clientHeight + root.clientHeight));
}
"""
_NEXT_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"

# Counts Streamlit script runs in this document: ``finished`` goes up each time the script state comes to rest
# (``notRunning`` or ``compilationError``) from another state. ``changedAt`` is when the script state last
# changed, ``mutatedAt`` when an element was last added or removed, ``messages`` and ``messageAt`` count and
# time the server's websocket messages (a quick run may never show as ``running``: see ``_BUSY``); ``doc``
# tells one document from the next.
RUN_TRACKER = """
(() => {
  if (window.__careerExplorerRuns) return;
  const now = performance.now();
  const runs = {
    doc: Math.random().toString(36).slice(2), finished: 0, changedAt: now, mutatedAt: now, state: null,
    messages: 0, messageAt: now,
  };
  window.__careerExplorerRuns = runs;
  // Messages from the server (each run sends several), counted as they arrive.
  const NativeWebSocket = window.WebSocket;
  if (NativeWebSocket && !NativeWebSocket.__counted) {
    window.WebSocket = class extends NativeWebSocket {
      constructor(...args) {
        super(...args);
        this.addEventListener('message', () => { runs.messages += 1; runs.messageAt = performance.now(); });
      }
    };
    window.WebSocket.__counted = true;
  }
  const read = (records) => {
    if (records && records.some(r => r.type === 'childList')) runs.mutatedAt = performance.now();
    const app = document.querySelector('[data-testid="stApp"]');
    const state = app ? app.getAttribute('data-test-script-state') : null;
    // Every value the attribute has had since the last call: a quick run can go running → notRunning
    // within one batch of records, so the value now alone would miss it.
    const before = (records || []).filter(r => r.type === 'attributes' && r.target === app).map(r => r.oldValue);
    if (runs.state === null && !before.length) {
      if (state === 'notRunning' || state === 'compilationError') runs.finished += 1;  // installed after a run
    } else {
      const values = before.length ? [...before, state] : [runs.state, state];
      for (let i = 0; i + 1 < values.length; i++) {
        if (values[i] !== values[i + 1] && (values[i + 1] === 'notRunning' || values[i + 1] === 'compilationError')) {
          runs.finished += 1;
        }
      }
    }
    if (state !== runs.state || before.length) runs.changedAt = performance.now();
    runs.state = state;
  };
  new MutationObserver(read).observe(document, {
    subtree: true, childList: true, attributes: true, attributeOldValue: true,
    attributeFilter: ['data-test-script-state'],
  });
  read();
})();
"""

# Why the app is not idle yet, or "" when it is.
_BUSY = """
({doc, minFinished, minMessages, settleMs, quietAfterMessages}) => {
  const runs = window.__careerExplorerRuns;
  const app = document.querySelector('[data-testid="stApp"]');
  if (!runs || !app) return 'no app';
  const connection = app.getAttribute('data-test-connection-state');
  if (connection !== 'CONNECTED') return `connection ${connection}`;
  const state = app.getAttribute('data-test-script-state');
  if (state !== 'notRunning' && state !== 'compilationError') return `script ${state}`;
  const wanted = runs.doc === doc ? minFinished : 1;
  const sinceMessage = performance.now() - runs.messageAt;
  // A quick run can leave no trace in the script state (React may draw its start and its end at once): then
  // the server's messages since the action, followed by a quiet spell, say that it has come and gone.
  const answered = runs.doc === doc && runs.messages > minMessages && sinceMessage >= quietAfterMessages;
  if (runs.finished < wanted && !answered) return `${runs.finished} of ${wanted} runs finished`;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return 'status widget shown';
  if (document.querySelector('[data-stale="true"]')) return 'stale elements shown';
  if (document.querySelector('[data-testid="stSkeleton"]')) return 'elements still loading';
  if (document.fonts && document.fonts.status !== 'loaded') return 'fonts loading';
  const quiet = performance.now() - Math.max(runs.changedAt, runs.mutatedAt, runs.messageAt);
  return quiet >= settleMs ? '' : `settling (${Math.round(quiet)} ms quiet)`;
}
"""


def _runs(page: Page) -> dict:
    """The run tracker's counters, installing it first if this page was opened without it."""
    page.evaluate(RUN_TRACKER)
    return page.evaluate("(({doc, finished, messages}) => ({doc, finished, messages}))(window.__careerExplorerRuns)")


def wait_for_app(page: Page, *, after: dict | None = None, timeout: float = APP_TIMEOUT_MS) -> None:
    """Wait until Streamlit is connected, has finished running the script and the page has settled.

    Idle means: the websocket is connected; the script state is ``notRunning`` (or ``compilationError``);
    at least one run has finished in this document — or, given ``after`` (counters taken before an action),
    a run newer than those; the status widget ("Running…") is gone; no element is stale (left over from the
    previous run) or still a loading skeleton; web fonts are loaded; and neither the script state nor the
    elements have changed for a short settle time.
    """
    page.wait_for_selector('[data-testid="stApp"]', state="attached", timeout=timeout)
    runs = _runs(page)
    before = after or {"doc": runs["doc"], "finished": 0, "messages": 0}
    arg = {
        "doc": before["doc"],
        "minFinished": before["finished"] + 1,
        "minMessages": before.get("messages", 0),
        "settleMs": SETTLE_MS,
        "quietAfterMessages": QUIET_AFTER_MESSAGES_MS,
    }
    try:
        page.wait_for_function(f"arg => ({_BUSY})(arg) === ''", arg=arg, polling=50, timeout=timeout)
    except PlaywrightTimeoutError:
        busy = page.evaluate(_BUSY, arg)
        raise AssertionError(f"the app at {page.url} was not idle after {timeout / 1000:g} s: {busy}") from None


@contextmanager
def expect_rerun(page: Page, *, timeout: float = APP_TIMEOUT_MS) -> Iterator[None]:
    """Wrap an action that makes Streamlit rerun the script; on exit, wait for that rerun to finish."""
    before = _runs(page)
    yield
    wait_for_app(page, after=before, timeout=timeout)


def press_for_file(page: Page, button: Locator, *, timeout: float = APP_TIMEOUT_MS) -> bytes:
    """Press a download button as a person does and return the file it brings.

    A press that lands while the run taking the person's last edit replaces the button can find that Streamlit
    has already let go of the old button's file (it keeps only the newest run's): the button then says at once
    that no file came (``stDownloadButtonError``), and the person presses again. So does this, once; the second
    press must bring the file. What it never accepts is a file without the edit (the test reads the file)."""
    failed = page.locator('[data-testid="stDownloadButtonError"]')
    for attempt in range(2):
        got: list = []

        def keep(download, got=got) -> None:
            got.append(download)

        page.on("download", keep)
        try:
            button.click()
            waited = 0  # whichever comes first, the file or the button saying none came: one is a browser event
            while not got and not (attempt == 0 and failed.count()):
                if waited > timeout:
                    raise AssertionError(f"no file, and no failure said, {timeout / 1000:g} s after the press")
                page.wait_for_timeout(100)
                waited += 100
        finally:
            page.remove_listener("download", keep)
        if got:
            return Path(got[0].path()).read_bytes()
    raise AssertionError("the second press brought no file either")


#: The closed expanders a person can see (not those of a tab not shown).
CLOSED_EXPANDERS = '[data-testid="stMain"] [data-testid="stExpander"] details:not([open]) > summary:visible'


def open_expanders(page: Page) -> None:
    """Open every closed expander of the main area. Some rerun the page when opened (their contents are drawn only
    then), others do not: each click is followed by a wait for the app to be idle and settled, not for a rerun."""
    closed = page.locator(CLOSED_EXPANDERS)
    for _ in range(closed.count()):  # the first closed one each time: the locator shrinks as they open
        closed.first.click()
        wait_for_app(page)
    assert closed.count() == 0, "an expander of the main area did not open"


def each_tab(page: Page, *, start: int = 0) -> Iterator[str]:
    """Open each tab of the main area in turn (from the ``start``-th), and every expander in it; yield its label.
    A tab's contents may be drawn only while it is open (choosing it reruns the page)."""
    tabs = page.locator('[data-testid="stMain"] [role="tab"]')
    for i in range(start, tabs.count()):
        tabs.nth(i).click()
        wait_for_app(page)
        open_expanders(page)
        yield tabs.nth(i).inner_text().strip()


def goto(page: Page, app_url: str, path: str = "/", **params: str | list[str]) -> None:
    """Open ``path`` of the app with query parameters, e.g. ``goto(page, app_url, "/roles", framework="ddat")``."""
    query = urlencode(params, doseq=True)
    page.goto(app_url.rstrip("/") + "/" + path.lstrip("/") + (f"?{query}" if query else ""))
    wait_for_app(page)


def new_page(browser: Browser) -> Page:
    """A page in a fresh browser context (no cookies, storage or session), ready for :func:`wait_for_app`."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(RUN_TRACKER)
    return context.new_page()


def _exactly(text: str) -> re.Pattern:
    return re.compile(rf"^\s*{re.escape(text)}\s*$")


def _selectbox(page: Page, label: str) -> Locator:
    """The ``st.selectbox`` whose label is exactly ``label``."""
    label_element = page.locator('[data-testid="stWidgetLabel"]', has_text=_exactly(label))
    return page.locator('[data-testid="stSelectbox"]', has=label_element)


def selected(page: Page, label: str) -> str:
    """The text shown by the select box labelled ``label`` ("" when nothing is chosen)."""
    return _selectbox(page, label).locator("input").input_value()


def choose(page: Page, label: str, option_text: str) -> None:
    """Pick the option containing ``option_text`` in the select box labelled ``label``; wait for the rerun.

    The text is typed into the box first, which filters the options: long lists only draw the options in
    view. An option whose text is exactly ``option_text`` wins over others that merely contain it.
    """
    field = _selectbox(page, label).locator("input")
    current = field.input_value()
    field.click()
    field.fill(option_text)
    options = page.get_by_role("option").filter(has_text=option_text)
    options.first.wait_for()
    texts = [t.strip() for t in options.all_inner_texts()]
    if option_text in texts:
        option, text = options.nth(texts.index(option_text)), option_text
    elif len(texts) == 1:
        option, text = options.first, texts[0]
    else:
        raise AssertionError(f"{len(texts)} options of {label!r} contain {option_text!r}: {texts}")
    if text == current:
        page.keyboard.press("Escape")  # already chosen: no rerun to wait for
        wait_for_app(page)
        return
    with expect_rerun(page):
        option.click()


def choose_many(page: Page, label: str, option_texts: list[str]) -> None:
    """Add the option containing each of ``option_texts`` to the multiselect labelled ``label``."""
    label_element = page.locator('[data-testid="stWidgetLabel"]', has_text=_exactly(label))
    field = page.locator('[data-testid="stMultiSelect"]', has=label_element).locator("input")
    for option_text in option_texts:
        field.click()
        field.fill(option_text)
        options = page.get_by_role("option").filter(has_text=option_text)
        options.first.wait_for()
        if options.count() != 1:
            raise AssertionError(f"{options.count()} options of {label!r} contain {option_text!r}")
        with expect_rerun(page):
            options.first.click()
    page.keyboard.press("Escape")


def upload_framework(page: Page, name: str, data: bytes) -> Locator:
    """Give the sidebar's "Use your own framework file" uploader a file; wait for the rerun; return the expander.

    The expander is opened first if it is closed (its file input exists either way, but a user would open it).
    """
    panel = page.locator('[data-testid="stSidebar"] [data-testid="stExpander"]', has_text="Use your own framework file")
    details = panel.locator("details")
    if details.count() and details.get_attribute("open") is None:
        panel.locator("summary").click()
    mime = "application/yaml" if name.endswith((".yaml", ".yml")) else "application/octet-stream"
    with expect_rerun(page):
        panel.locator('[data-testid="stFileUploader"]', has_text="Framework YAML").locator(
            'input[type="file"]'
        ).set_input_files(files=[{"name": name, "mimeType": mime, "buffer": data}])
    return panel


# The visible rows of a data frame, from the ARIA grid its canvas keeps in step for assistive technology.
_GRID_ROWS = """
grid => [...grid.querySelectorAll('[role="row"]')]
  .filter(row => row.querySelector('[role="gridcell"]'))
  .map(row => [...row.querySelectorAll('[role="gridcell"]')].map(cell => cell.innerText.trim()))
"""


def table_rows(frame: Locator) -> list[list[str]]:
    """The data rows of an ``st.dataframe`` (``[data-testid="stDataFrame"]``) as cell texts.

    Only rows drawn on screen are listed (the grid is virtual), which is every row of a short table.
    """
    frame.scroll_into_view_if_needed()
    grid = frame.locator('[role="grid"]')
    grid.wait_for(state="attached")
    return grid.evaluate(_GRID_ROWS)


def listed_rows(page: Page, *, which: int = 0) -> list[list[str]]:
    """The rows of the page's list drawn as a table to choose from (:mod:`ui.pick_table`; ``which``: the first,
    second…) as cell texts, once it is on the page."""
    table = page.locator('[data-testid="stMain"] .pick-table table').nth(which)
    table.wait_for()
    return table.locator("tbody tr").evaluate_all(
        "rows => rows.map(row => [...row.children].map(cell => cell.innerText.trim()))"
    )


def open_page(page: Page, title: str) -> None:
    """Go to another page of the app through the sidebar navigation."""
    link = page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title, exact=True)
    with expect_rerun(page):
        link.click()


def figure(page: Page, label: str) -> str:
    """The number Home shows under the figure labelled exactly ``label`` (``ui.views.home.figures_html``)."""
    label_element = page.locator("dt", has_text=_exactly(label))
    return page.locator(".home-figures > div", has=label_element).locator("dd").first.inner_text()


#: How app.py tells the reader a page failed (the traceback goes to the server's log only).
APP_FAULT = "Something went wrong while showing this page"


def exceptions(page: Page) -> list[str]:
    """Texts of any tracebacks Streamlit shows on the page, and of the app's own notice that a page failed."""
    tracebacks = page.locator('[data-testid="stException"]').all_inner_texts()
    return tracebacks + page.locator('[data-testid="stAlert"]', has_text=APP_FAULT).all_inner_texts()


@contextmanager
def full_height(page: Page) -> Iterator[None]:
    """Stretch the viewport to the height of the page's content for the duration, then put it back.

    Streamlit scrolls inside its main area rather than the document, so whatever lies below the fold is
    clipped: a full-page screenshot would miss it, and axe-core skips elements that are not on screen.
    """
    viewport = page.viewport_size
    height = min(page.evaluate(_CONTENT_HEIGHT), MAX_PAGE_HEIGHT)
    if viewport is None or height <= viewport["height"]:
        yield
        return
    page.set_viewport_size({"width": viewport["width"], "height": height})
    page.evaluate(_NEXT_FRAMES)
    try:
        yield
    finally:
        page.set_viewport_size(viewport)
        page.evaluate(_NEXT_FRAMES)


def screenshot(page: Page, name: str) -> Path:
    """Save a PNG of the whole page (see :func:`full_height`) to ``tests/artifacts/screenshots/{name}.png``."""
    path = ARTIFACTS / "screenshots" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    with full_height(page):
        page.screenshot(path=path, full_page=True)
    return path


def axe_audit(page: Page, name: str) -> list[dict]:
    """Run axe-core's WCAG 2.x A/AA rules and its best practices on the whole page; return every violation, of
    any impact, except those :data:`STREAMLIT_OWN` lists for Streamlit's own markup.

    The whole result is saved to ``tests/artifacts/axe/{name}.json``.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_SCRIPT.read_text(encoding="utf-8"))
    with full_height(page):
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    path = ARTIFACTS / "axe" / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return [v for v in result["violations"] if not _streamlit_own(page, v)]


def _streamlit_own(page: Page, violation: dict) -> bool:
    allowed = STREAMLIT_OWN.get(violation["id"])
    if allowed is None:
        return False
    selector = allowed[0]
    return all(
        page.evaluate("([target, selector]) => !!document.querySelector(target)?.matches(selector)", [t, selector])
        for node in violation["nodes"]
        for t in node["target"][-1:]
    )


def describe_violations(violations: list[dict], *, targets: int = 3) -> str:
    """One block per axe violation: rule id, impact, help text, link, and the first few offending elements."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {v.get('helpUrl', '')}")
        for node in v["nodes"][:targets]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:160]}")
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(v["nodes"]) > targets:
            lines.append(f"    … and {len(v['nodes']) - targets} more")
    return "\n".join(lines)


def map_role(page: Page, role_id: str) -> Locator:
    """``role_id``'s marker on the career map's picture (inside the picture's shadow root, which locators
    reach): click it as a person does; Playwright scrolls it into view first, also sideways on a phone."""
    return page.locator(f'[data-testid="stMain"] .svg-picture [data-pick="{role_id}"]')
