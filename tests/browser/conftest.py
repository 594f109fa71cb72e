"""Browser tests: the real app under ``streamlit run`` on a free port, driven by Chromium through Playwright.

One server and one browser serve the whole session; each test gets a fresh browser context. Chromium is
Debian's (``/usr/bin/chromium``) or the one named by ``CHROMIUM_PATH``. Without it the tests skip, except
under CI (``CI=true``), where a missing browser is a failure. Every test in this directory is marked
``browser`` (and ``slow``) by ``tests/conftest.py``, so ``-m "not browser"`` leaves them out.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .helpers import ARTIFACTS, goto, new_page
from .server import CHROMIUM_ARGS, require_chromium, serve_app

_REPORTS = pytest.StashKey[dict]()
FIRST_VISIT_PATH = "/roles"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The Chromium executable; without one the browser tests skip (and fail under CI)."""
    return require_chromium()


@pytest.fixture(scope="session")
def playwright_instance(chromium_path: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance, chromium_path: str):
    """Headless Chromium, shared by the session."""
    browser = playwright_instance.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


# Records each distinct list of page links the sidebar shows while a page loads.
NAV_RECORDER = """
(() => {
  window.__navSeen = [];
  new MutationObserver(() => {
    const links = [...document.querySelectorAll('[data-testid="stSidebarNavLink"]')];
    const nav = links.map(a => a.innerText.trim().split('\\n').pop().trim());
    const last = window.__navSeen.at(-1);
    if (nav.length && JSON.stringify(nav) !== JSON.stringify(last)) window.__navSeen.push(nav);
  }).observe(document, {subtree: true, childList: true, characterData: true});
})();
"""
FIRST_VISIT = pytest.StashKey[dict]()


@pytest.fixture(scope="session")
def app_url(browser, request: pytest.FixtureRequest) -> Iterator[str]:
    """Base URL of the app, served by ``streamlit run app.py`` for the whole session.

    Before any test, a deep link to a page other than Home is opened once, so that every test meets a server
    that has already run the app. What the sidebar navigation showed during that first visit is kept for
    :func:`first_visit`.
    """
    with serve_app() as url:
        visit = new_page(browser)
        try:
            visit.add_init_script(NAV_RECORDER)
            goto(visit, url, FIRST_VISIT_PATH)
            request.config.stash[FIRST_VISIT] = {
                "path": FIRST_VISIT_PATH,
                "nav_seen": visit.evaluate("window.__navSeen"),
            }
        finally:
            visit.context.close()
        yield url


@pytest.fixture(scope="session")
def first_visit(app_url: str, request: pytest.FixtureRequest) -> dict:
    """The first visit to the freshly started server: ``path`` opened, and ``nav_seen``, each list of page
    links the sidebar showed while it loaded."""
    return request.config.stash[FIRST_VISIT]


@pytest.fixture
def page(browser, request: pytest.FixtureRequest):
    """A page in a fresh browser context; if the test fails, a screenshot goes to tests/artifacts/."""
    page = new_page(browser)
    yield page
    report = request.node.stash.get(_REPORTS, {}).get("call")
    if report is not None and report.failed:
        name = "".join(c if c.isalnum() or c in "-_." else "_" for c in request.node.name)
        path = ARTIFACTS / "screenshots" / "failed" / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            page.screenshot(path=path, full_page=True)
        except Exception as error:  # the page may be gone; the failure itself matters more
            print(f"could not save a screenshot of the failure: {error}")
    page.context.close()
