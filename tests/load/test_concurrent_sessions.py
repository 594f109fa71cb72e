"""Load: the real app on loopback, 20 concurrent sessions walking the main journeys, and a browser among them.

One server (``python -m ui.serve``, as ``dev.py app`` runs it) on a free loopback port. Twenty websocket
clients speak Streamlit's own protocol (``tests/load/client.py``: the protobuf messages its frontend sends and
receives), so the server
does all the work of twenty users — a session each, every page's script run and every element sent — while
the client side stays light enough for a two-core CI machine. Each walks the journeys staff and managers take,
again and again for a bounded time, a new session per journey: Home, a role's profile (``/roles?role=``), the
career map, routes between two roles (``/paths?from=&to=``) and the skill gap (``/gap?current=&target=``).
Meanwhile one headless Chromium walks the same journey as a real user would see it.

Before the load, the same journeys are timed with a single session (and the browser alone), on the same
server, for comparison.

Asserted: zero errors — every page's run finishes, on the page asked for (its title), with no exception
element (``[data-testid="stException"]`` in the browser), no "page not found", no failed navigation, no
timeout. Recorded, not asserted (timings depend on the machine): the median and 95th-percentile page time for
one session and for 20, and the server's memory (VmRSS, and its peak VmHWM) before and after the load, and its
CPU time; printed and written to ``tests/artifacts/load.json``.

Chromium is Debian's (``/usr/bin/chromium``) or ``CHROMIUM_PATH``: without it the test skips, except under CI
(``CI=true``), where a missing browser is a failure — as for tests/browser.
"""

from __future__ import annotations

import asyncio
import os
import time

import pytest

from tests.browser.server import (
    CHROMIUM_ARGS,
    cpu_seconds,
    peak_rss_bytes,
    rss_bytes,
)
from tests.conftest import ROOT
from tests.load.client import (
    JOURNEY_PAGES,
    PAGE_TIMEOUT,
    PageRun,
    Session,
    council_journeys,
    measure_served_app,
    page_times,
    summary,
)

SESSIONS = 20
LOAD_SECONDS = 60  # how long sessions keep starting new journeys; the journeys under way then finish
SINGLE_ROUNDS = 3  # journeys timed with one session, after one to warm the server up
# Chromium keeps its shared memory in /tmp rather than /dev/shm, which is small in containers: the load test
# has many contexts open at once.
LOAD_CHROMIUM_ARGS = [*CHROMIUM_ARGS, "--disable-dev-shm-usage"]
JOURNEYS = council_journeys(ROOT)
PAGES = JOURNEY_PAGES


# --------------------------------------------------------------------------- the server


def server_figures(pid: int) -> dict[str, float]:
    """The server's resident memory now (VmRSS) and at its peak so far (VmHWM), in MiB, and its CPU seconds."""
    return {
        "VmRSS_mib": round(rss_bytes(pid) / 2**20, 1),
        "VmHWM_mib": round(peak_rss_bytes(pid) / 2**20, 1),
        "cpu_s": round(cpu_seconds(pid), 1),
    }


# --------------------------------------------------------------------------- a session in Chromium

# Counts finished script runs: a page is idle once its run has finished and nothing has changed for a moment.
RUN_TRACKER = """
(() => {
  const runs = {changedAt: performance.now(), state: null};
  window.__loadRuns = runs;
  const read = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    const state = app ? app.getAttribute('data-test-script-state') : null;
    if (state !== runs.state) { runs.state = state; runs.changedAt = performance.now(); }
  };
  new MutationObserver(read).observe(document, {subtree: true, childList: true, attributes: true,
    attributeFilter: ['data-test-script-state']});
})();
"""
IDLE = """
(title) => {
  const runs = window.__loadRuns;
  const app = document.querySelector('[data-testid="stApp"]');
  if (!runs || !app || app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stException"]')) return true;  // reported by the caller
  const heading = document.querySelector('[data-testid="stMain"] h1');
  if (!heading || !heading.innerText.includes(title)) return false;
  if (document.querySelector('[data-testid="stSkeleton"], [data-testid="stStatusWidget"], [data-stale="true"]'))
    return false;
  return performance.now() - runs.changedAt > 150;
}
"""


class BrowserSession:
    """One Chromium tab opening each page of a journey by its link, as a user following shared links would."""

    def __init__(self, browser, base: str) -> None:
        self.browser = browser
        self.base = base
        self.times: list[tuple[str, float]] = []
        self.errors: list[str] = []
        self.script_errors: list[str] = []

    async def run(self, *, rounds: int) -> None:
        context = await self.browser.new_context(viewport={"width": 1280, "height": 900})
        await context.add_init_script(RUN_TRACKER)
        page = await context.new_page()
        page.on("pageerror", lambda error: self.script_errors.append(str(error)[:200]))
        try:
            for done in range(rounds):
                for step in JOURNEYS[done % len(JOURNEYS)]:
                    name, title = step.name, step.title
                    url = f"{self.base}/{step.path}" + (f"?{step.query}" if step.query else "")
                    start = time.perf_counter()
                    try:
                        response = await page.goto(url, timeout=PAGE_TIMEOUT * 1000)
                        if response is None or not response.ok:
                            status = response.status if response is not None else "no response"
                            self.errors.append(f"browser: {url}: navigation failed ({status})")
                            continue
                        await page.wait_for_function(IDLE, arg=title, polling=100, timeout=PAGE_TIMEOUT * 1000)
                    except Exception as error:  # a timeout or a crashed page: an error of the run
                        self.errors.append(f"browser: {url}: {type(error).__name__}: {str(error)[:300]}")
                        continue
                    elapsed = time.perf_counter() - start
                    shown = await page.locator('[data-testid="stException"]').all_inner_texts()
                    if shown:
                        self.errors.append(f"browser: {url}: exception on the page: {shown[0][:300]}")
                    else:
                        self.times.append(PageRun(name, elapsed, 0))
        finally:
            await context.close()


# --------------------------------------------------------------------------- the test


async def drive(base: str, pid: int, chromium: str) -> dict:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium, headless=True, args=LOAD_CHROMIUM_ARGS)
        try:
            warm = Session(base, 0, JOURNEYS)
            await warm.run(rounds=len(JOURNEYS))  # the first visits load the framework and build its tables
            single = Session(base, 0, JOURNEYS)
            await single.run(rounds=SINGLE_ROUNDS)
            browser_alone = BrowserSession(browser, base)
            await browser_alone.run(rounds=2)
            before = server_figures(pid)
            sessions = [Session(base, n, JOURNEYS) for n in range(SESSIONS)]
            start = time.monotonic()
            browser_loaded = BrowserSession(browser, base)
            await asyncio.gather(*(s.run(until=start + LOAD_SECONDS) for s in sessions), browser_loaded.run(rounds=1))
            wall = time.monotonic() - start
            after = server_figures(pid)
        finally:
            await browser.close()
    everyone = [warm, single, browser_alone, *sessions, browser_loaded]
    return {
        "sessions": SESSIONS,
        "load_seconds": LOAD_SECONDS,
        "wall_seconds": round(wall, 1),
        "cpus": os.cpu_count(),
        "load_average_after": os.getloadavg()[0],
        "journeys_completed": len(page_times(sessions)) // len(PAGES),
        "fewest_pages_in_a_session": min(len(s.times) for s in sessions),
        "single": summary(page_times([single])),
        "concurrent": summary(page_times(sessions)),
        "browser_alone": summary(page_times([browser_alone])),
        "browser_under_load": summary(page_times([browser_loaded])),
        "by_page": {
            name: {"single": summary(page_times([single], name)), "concurrent": summary(page_times(sessions, name))}
            for name in PAGES
        },
        "server": {"before": before, "after": after, "cpu_s_during_load": round(after["cpu_s"] - before["cpu_s"], 1)},
        "errors": [e for s in everyone for e in s.errors],
        "browser_script_errors": browser_alone.script_errors + browser_loaded.script_errors,
    }


@pytest.mark.browser
@pytest.mark.timeout(420)
def test_twenty_concurrent_sessions_walk_the_main_journeys_without_errors():
    figures = measure_served_app("load", drive)
    one, many, server = figures["single"], figures["concurrent"], figures["server"]
    alone, loaded = figures["browser_alone"], figures["browser_under_load"]
    print(
        f"\nload: {SESSIONS} sessions for {LOAD_SECONDS} s ({figures['wall_seconds']} s in all, "
        f"{figures['journeys_completed']} journeys, {many['pages']} pages; {figures['cpus']} CPUs, "
        f"load average {figures['load_average_after']:.1f})\n"
        f"  page time, one session:  median {one['median_s']} s, p95 {one['p95_s']} s\n"
        f"  page time, {SESSIONS} sessions: median {many['median_s']} s, p95 {many['p95_s']} s\n"
        f"  browser page time, alone: median {alone.get('median_s')} s, p95 {alone.get('p95_s')} s; "
        f"under load: median {loaded.get('median_s')} s, p95 {loaded.get('p95_s')} s\n"
        f"  server memory (MiB): VmRSS {server['before']['VmRSS_mib']} before, {server['after']['VmRSS_mib']} after"
        f" (peak {server['after']['VmHWM_mib']}); CPU {server['cpu_s_during_load']} s during the load\n"
        f"  errors: {len(figures['errors'])}; browser script errors: {len(figures['browser_script_errors'])}"
    )
    assert not figures["errors"], "\n".join(figures["errors"][:20])
    assert figures["fewest_pages_in_a_session"] >= len(PAGES), "every session finished at least one whole journey"
    assert loaded["pages"] == len(PAGES), "the browser finished its journey under load"
