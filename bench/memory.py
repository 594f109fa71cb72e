"""Memory of the running app: one browser session, then twenty at once, against the real server.

The server is started as ``python3 dev.py app`` starts it (``python -m ui.serve``), on a free loopback port,
and stopped at the end, by the helper the browser and load tests use (``tests/browser/server.py``). Its memory
is the resident set size (``VmRSS`` in ``/proc/PID/status``) of the server and any processes it started.
Sessions are Chromium browser contexts driven by Playwright; each opens the app on the DDaT framework and
visits every page through the app's own navigation (one Streamlit session per context, as a person clicking
through the app). The figure is the growth from one session to twenty, per extra session. Everything is
bounded in time; nothing leaves the machine.
"""

from __future__ import annotations

import asyncio

from tests.browser.server import CHROMIUM_ARGS, app_server, rss_bytes
from ui.pages import PAGES as REGISTRY
from ui.processes import chromium_looked_at, find_chromium

from .figures import ROOT, Config
from .timing import Row

__all__ = ["memory_rows", "rss_bytes"]

SESSION_TIMEOUT = 420  # seconds for all the concurrent sessions to open every page
CONCURRENT_CLICKS = 4  # sessions clicking through pages at the same moment
PAGE_TIMEOUT_MS = 90_000
SETTLE = 3.0  # seconds to let the server settle before reading its memory
#: The pages visited after the home page, through the app's navigation — every page of the registry — with
#: the heading each shows.
PAGES = {spec.path: spec.h1 for spec in REGISTRY if not spec.default}

STATE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const h1 = document.querySelector('[data-testid="stMain"] h1');
  return [location.pathname, app && app.getAttribute('data-test-connection-state'),
    app && app.getAttribute('data-test-script-state'), h1 && h1.textContent.trim()];
}"""
# Idle on the wanted page: connected, the script not running, and the page's own title shown. (Counting runs
# is not reliable: a short run can start and end between two renders, never showing "running" in the page.)
IDLE = """
(title) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const h1 = document.querySelector('[data-testid="stMain"] h1');
  return !!app && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && !!h1 && h1.textContent.trim().startsWith(title);
}
"""


async def _session(browser, base: str, gate: asyncio.Semaphore) -> object:
    """A browser context that opens the app on DDaT and visits every page; returned open (the session lives).

    ``gate`` limits how many sessions click through pages at the same moment (two cores draw the pages for
    every browser too); every session stays open, so all of them are alive at once when memory is read.
    """
    async with gate:
        context = await browser.new_context(viewport={"width": 1400, "height": 1000})
        page = await context.new_page()
        await page.goto(f"{base}/?framework=ddat", timeout=PAGE_TIMEOUT_MS)
        await page.wait_for_function(IDLE, arg="Career Explorer", timeout=PAGE_TIMEOUT_MS, polling=100)
        for path, title in PAGES.items():
            link = page.locator(f'[data-testid="stSidebarNavLink"][href$="/{path}"]').first
            await link.click(timeout=PAGE_TIMEOUT_MS)
            try:
                await page.wait_for_function(IDLE, arg=title, timeout=PAGE_TIMEOUT_MS, polling=100)
            except Exception:
                state = await page.evaluate(STATE)
                wait = PAGE_TIMEOUT_MS / 1000
                raise RuntimeError(f"/{path} did not finish loading within {wait:g} s: {state}") from None
    return context


async def _measure(chromium: str, base: str, pid: int, extra: int) -> tuple[int, int, int]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        try:
            idle = rss_bytes(pid)
            gate = asyncio.Semaphore(CONCURRENT_CLICKS)
            first = await asyncio.wait_for(_session(browser, base, gate), SESSION_TIMEOUT)
            await asyncio.sleep(SETTLE)
            one = rss_bytes(pid)
            print(f"  1 session: server RSS {one / 2**20:.0f} MB; opening {extra} more", flush=True)
            others = await asyncio.wait_for(
                asyncio.gather(*(_session(browser, base, gate) for _ in range(extra))), SESSION_TIMEOUT
            )
            await asyncio.sleep(SETTLE)
            many = rss_bytes(pid)
            for context in [first, *others]:
                await context.close()
        finally:
            await browser.close()
    return idle, one, many


def memory_rows(config: Config, *, sessions: int = 20) -> list[Row]:
    name = f"app memory per extra session ({sessions} sessions vs 1)"
    chromium = find_chromium()
    if chromium is None:
        return [Row(name, "skipped", note=f"no Chromium at {chromium_looked_at()} (set CHROMIUM_PATH)")]
    try:
        import playwright  # noqa: F401
    except ImportError:
        return [Row(name, "skipped", note="Playwright is not installed (requirements-dev.txt)")]
    with app_server(ROOT / "bench" / "results" / "memory-server.log") as server:
        idle, one, many = asyncio.run(_measure(chromium, server.url, server.pid, sessions - 1))
    per_session = (many - one) / (sessions - 1) / 2**20
    return [
        Row(
            name,
            f"{per_session:.1f} MB",
            f"{one / 2**20:.0f} MB (1 session)",
            None,
            "≤ 10 MB",
            per_session <= 10,
            f"server RSS: {idle / 2**20:.0f} MB idle, {one / 2**20:.0f} MB with 1 session, "
            f"{many / 2**20:.0f} MB with {sessions}; ddat, every page",
        )
    ]
