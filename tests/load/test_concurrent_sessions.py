"""Load: the real app on loopback, 20 concurrent sessions walking the main journeys, and a browser among them.

One server (``python -m ui.serve``, as ``dev.py app`` runs it) on a free loopback port. Twenty websocket
clients speak Streamlit's own protocol (the protobuf messages its frontend sends and receives), so the server
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
import json
import os
import statistics
import time
from urllib.parse import urlencode

import pytest

from framework import load_framework
from tests.browser.server import (
    ARTIFACTS,
    CHROMIUM_ARGS,
    cpu_seconds,
    find_chromium,
    peak_rss_bytes,
    rss_bytes,
    serving,
)
from tests.conftest import ROOT

SESSIONS = 20
LOAD_SECONDS = 60  # how long sessions keep starting new journeys; the journeys under way then finish
SINGLE_ROUNDS = 3  # journeys timed with one session, after one to warm the server up
PAGE_TIMEOUT = 120  # seconds for one page, from the request to the end of its run, under load
# Chromium keeps its shared memory in /tmp rather than /dev/shm, which is small in containers: the load test
# has many contexts open at once.
LOAD_CHROMIUM_ARGS = [*CHROMIUM_ARGS, "--disable-dev-shm-usage"]
# Journeys: (role to open, route from, route to). Each session starts at a different one.
JOURNEYS = [
    ("delivery-manager", "associate-project-manager", "head-of-delivery-management"),
    ("lead-developer", "project-manager", "delivery-manager"),
    ("senior-product-manager", "delivery-manager", "head-of-product"),
    ("head-of-technology", "lead-developer", "head-of-technology"),
    ("project-manager", "associate-project-manager", "senior-delivery-manager"),
]
PAGES = ["home", "roles", "map", "paths", "gap"]
TITLES = {role.id: role.title for role in load_framework(ROOT / "data" / "roles.yaml").roles}


def journey(role: str, source: str, target: str) -> list[tuple[str, str, str, str]]:
    """(name, URL path, query string, the page's title) for each step."""
    return [
        ("home", "", "", "Career Explorer"),
        ("roles", "roles", urlencode({"role": role}), TITLES[role]),  # a profile is headed by its role's title
        ("map", "map", "", "Career map"),
        ("paths", "paths", urlencode({"from": source, "to": target}), "Progression paths"),
        ("gap", "gap", urlencode({"current": source, "target": target}), "Skill gap and development plan"),
    ]


# --------------------------------------------------------------------------- the server


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _chromium() -> str:
    path, candidates = find_chromium()
    if path is not None:
        return path
    where = ", ".join(candidates)
    if _in_ci():
        pytest.fail(f"CI=true but Chromium is missing: install Debian's chromium package (looked for {where})")
    pytest.skip(f"Chromium not found (looked for {where}); the load test is skipped")


def server_figures(pid: int) -> dict[str, float]:
    """The server's resident memory now (VmRSS) and at its peak so far (VmHWM), in MiB, and its CPU seconds."""
    return {
        "VmRSS_mib": round(rss_bytes(pid) / 2**20, 1),
        "VmHWM_mib": round(peak_rss_bytes(pid) / 2**20, 1),
        "cpu_s": round(cpu_seconds(pid), 1),
    }


# --------------------------------------------------------------------------- a session over the websocket


class Session:
    """A user: a websocket session per journey, a page at a time; records each page's time and any error."""

    def __init__(self, base: str, number: int) -> None:
        self.url = base.replace("http://", "ws://") + "/_stcore/stream"
        self.number = number
        self.times: list[tuple[str, float]] = []
        self.errors: list[str] = []

    async def open_page(self, ws, name: str, page: str, query: str, title: str) -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        where = f"session {self.number}: /{page}{'?' + query if query else ''}"
        request = BackMsg()
        request.rerun_script.query_string = query
        request.rerun_script.page_name = page
        start = time.perf_counter()
        await ws.send(request.SerializeToString())
        heading = None
        problems = []
        while True:
            message = ForwardMsg()
            message.ParseFromString(await asyncio.wait_for(ws.recv(), PAGE_TIMEOUT))
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                if element.WhichOneof("type") == "exception":
                    problems.append(f"exception on the page: {element.exception.message[:300]}")
                elif element.WhichOneof("type") == "heading" and element.heading.tag == "h1" and heading is None:
                    heading = element.heading.body
            elif kind == "page_not_found":
                problems.append("page not found")
            elif kind == "session_event" and message.session_event.WhichOneof("type") == "script_compilation_exception":
                problems.append("the script did not compile")
            elif kind == "script_finished":
                if message.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # the page asked for a rerun (e.g. to leave legacy pages mode): wait for that one
                if message.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    problems.append("the script did not compile")
                break
        elapsed = time.perf_counter() - start
        if heading != title:
            problems.append(f"the page's title is {heading!r}, not {title!r}")
        if problems:
            self.errors += [f"{where}: {problem}" for problem in problems]
        else:
            self.times.append((name, elapsed))

    async def walk(self, journey_number: int) -> None:
        from websockets.asyncio.client import connect

        steps = journey(*JOURNEYS[journey_number % len(JOURNEYS)])
        try:
            async with connect(self.url, subprotocols=["streamlit"], max_size=None, open_timeout=PAGE_TIMEOUT) as ws:
                for step in steps:
                    await self.open_page(ws, *step)
        except Exception as error:  # a refused connection, a timeout, a dropped socket: an error of the run
            self.errors.append(f"session {self.number}: journey {journey_number}: {type(error).__name__}: {error}")

    async def run(self, *, rounds: int | None = None, until: float | None = None) -> None:
        done = 0
        while (rounds is not None and done < rounds) or (until is not None and time.monotonic() < until):
            await self.walk(self.number + done)
            done += 1


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
                for name, path, query, title in journey(*JOURNEYS[done % len(JOURNEYS)]):
                    url = f"{self.base}/{path}" + (f"?{query}" if query else "")
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
                        self.times.append((name, elapsed))
        finally:
            await context.close()


# --------------------------------------------------------------------------- the test


def summary(times: list[float]) -> dict[str, float | int]:
    if not times:
        return {"pages": 0}
    ordered = sorted(times)
    return {
        "pages": len(ordered),
        "median_s": round(statistics.median(ordered), 3),
        "p95_s": round(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], 3),
        "max_s": round(ordered[-1], 3),
    }


def page_times(sessions, name: str | None = None) -> list[float]:
    return [t for s in sessions for n, t in s.times if name is None or n == name]


async def drive(base: str, pid: int, chromium: str) -> dict:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium, headless=True, args=LOAD_CHROMIUM_ARGS)
        try:
            warm = Session(base, 0)
            await warm.run(rounds=len(JOURNEYS))  # the first visits load the framework and build its tables
            single = Session(base, 0)
            await single.run(rounds=SINGLE_ROUNDS)
            browser_alone = BrowserSession(browser, base)
            await browser_alone.run(rounds=2)
            before = server_figures(pid)
            sessions = [Session(base, n) for n in range(SESSIONS)]
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
    chromium = _chromium()
    with serving("load-server") as server:
        figures = _run_in_own_thread(lambda: asyncio.run(drive(server.url, server.pid, chromium)))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "load.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
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


def _run_in_own_thread(work):
    """Run ``work`` in a thread of its own: the browser tests' Playwright keeps an event loop running in this
    thread for the whole session, and asyncio cannot start a second one here."""
    import threading

    result: dict = {}

    def target():
        try:
            result["value"] = work()
        except BaseException as exc:  # re-raised in the test's thread
            result["error"] = exc

    thread = threading.Thread(target=target, name="load-test")
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["value"]
