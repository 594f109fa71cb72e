"""Load through the proxy: ``python3 dev.py serve --workers 2`` (two app processes behind nginx), many sessions at
once, and a browser that uploads a framework file through it.

The app is served as a user serves it (``tests/load/cluster.py``) and stopped with Ctrl-C (SIGINT). Websocket
clients speaking Streamlit's protocol (``tests/load/client.py``) walk the main journeys for a bounded time, a new
session per journey, each handed to a worker by nginx. Then one Chromium opens a deep link through the proxy,
goes to another page from the sidebar, and uploads a framework file: the upload is an HTTP request of its own,
which Streamlit accepts only from the process that holds the browser's session and only with the XSRF token of
that browser — so it works only if affinity and XSRF both work through the proxy.

Asserted: every page's run finishes, on the page asked for, with no exception, for one session and for many;
both workers share the load; the browser's pages and its upload work; an upload without the XSRF token and a
websocket from another origin are refused through the proxy; Ctrl-C stops the supervisor, every worker and
nginx, and removes nginx's temporary folder. Recorded, not asserted: page times (median, p95) for one session
and for many, each worker's CPU time; printed and written to ``tests/artifacts/load-proxy.json``.

nginx and Chromium are Debian's (``python3 dev.py test`` installs both when it can): without them the test
skips, except under CI (``CI=true``), where either missing is a failure.
"""

from __future__ import annotations

import asyncio
import http.client
import time

import pytest

from tests.browser.server import ARTIFACTS, CHROMIUM_ARGS, cpu_seconds, require_chromium, require_nginx
from tests.conftest import ROOT
from tests.load.client import (
    Session,
    council_journeys,
    page_times,
    run_in_own_thread,
    save_figures,
    summary,
)
from tests.load.cluster import serve_cluster
from ui.processes import ServerError
from ui.proxy import AFFINITY_COOKIE

WORKERS = 2
SESSIONS = 16
LOAD_SECONDS = 40  # how long sessions keep starting new journeys; the journeys under way then finish
SINGLE_ROUNDS = 3
JOURNEYS = council_journeys(ROOT)


async def _load(base: str) -> dict:
    warm = Session(base, 0, JOURNEYS)
    await warm.run(rounds=2 * len(JOURNEYS))  # each worker loads the framework once: warm both
    single = Session(base, 0, JOURNEYS)
    await single.run(rounds=SINGLE_ROUNDS)
    sessions = [Session(base, n, JOURNEYS) for n in range(SESSIONS)]
    start = time.monotonic()
    await asyncio.gather(*(s.run(until=start + LOAD_SECONDS) for s in sessions))
    return {
        "wall_seconds": round(time.monotonic() - start, 1),
        "single": summary(page_times([single])),
        "concurrent": summary(page_times(sessions)),
        "fewest_pages_in_a_session": min(len(s.times) for s in sessions),
        "errors": [e for s in [warm, single, *sessions] for e in s.errors],
    }


async def _foreign_origin_refused(base: str) -> bool:
    from websockets.asyncio.client import connect
    from websockets.exceptions import InvalidStatus

    url = base.replace("http://", "ws://") + "/_stcore/stream"
    try:
        async with connect(url, subprotocols=["streamlit"], origin="http://elsewhere.example", open_timeout=30):
            return False
    except InvalidStatus:
        return True


def _upload_without_xsrf_token(base: str) -> int:
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    connection.request("PUT", "/_stcore/upload_file/some-session/some-file", body=b"x", headers={"Content-Length": "1"})
    return connection.getresponse().status


def _browser(base: str, chromium: str) -> dict:
    """A person in Chromium: a deep link, a page from the sidebar, an upload; through the proxy."""
    from playwright.sync_api import sync_playwright

    from tests.browser.frameworks import SMALL_FRAMEWORK, SMALL_NAME
    from tests.browser.helpers import exceptions, goto, new_page, open_page, selected, upload_framework

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        try:
            page = new_page(browser)
            start = time.perf_counter()
            goto(page, base, "/paths", **{"from": "project-manager", "to": "delivery-manager"})
            deep_link = time.perf_counter() - start
            heading = page.locator('[data-testid="stMain"] h1').first.inner_text()
            start = time.perf_counter()
            open_page(page, "Career map")
            sidebar = time.perf_counter() - start
            map_heading = page.locator('[data-testid="stMain"] h1').first.inner_text()
            upload_framework(page, "small.yaml", SMALL_FRAMEWORK.encode())
            framework = selected(page, "Framework")
            cookies = {c["name"] for c in page.context.cookies()}
            return {
                "deep_link_s": round(deep_link, 3),
                "sidebar_s": round(sidebar, 3),
                "headings": [heading, map_heading],
                "framework_after_upload": framework,
                "expected_framework": SMALL_NAME,
                "cookies": sorted(cookies),
                "exceptions": exceptions(page),
            }
        finally:
            browser.close()


@pytest.mark.browser
@pytest.mark.timeout(480)
def test_two_workers_behind_the_proxy_serve_many_sessions_and_a_browser_without_errors():
    require_nginx("the proxy load test is skipped")
    chromium = require_chromium("the proxy load test is skipped")
    try:
        with serve_cluster(ARTIFACTS / "proxy-server.log", workers=WORKERS) as cluster:
            assert len(cluster.workers) == WORKERS, f"workers found: {cluster.workers}"
            before = {pid: cpu_seconds(pid) for pid in cluster.workers}
            figures = run_in_own_thread(lambda: asyncio.run(_load(cluster.url)))
            figures["worker_cpu_s"] = [round(cpu_seconds(pid) - before[pid], 1) for pid in cluster.workers]
            figures["foreign_origin_refused"] = run_in_own_thread(
                lambda: asyncio.run(_foreign_origin_refused(cluster.url))
            )
            figures["upload_without_xsrf_status"] = _upload_without_xsrf_token(cluster.url)
            figures["browser"] = run_in_own_thread(lambda: _browser(cluster.url, chromium))
    except ServerError as error:
        pytest.fail(str(error), pytrace=False)
    figures["stopped"] = cluster.stopped
    save_figures("load-proxy", figures)
    one, many, seen = figures["single"], figures["concurrent"], figures["browser"]
    print(
        f"\nproxy: {WORKERS} workers, {SESSIONS} sessions for {LOAD_SECONDS} s ({many['pages']} pages)\n"
        f"  page time, one session:  median {one['median_s']} s, p95 {one['p95_s']} s\n"
        f"  page time, {SESSIONS} sessions: median {many['median_s']} s, p95 {many['p95_s']} s\n"
        f"  worker CPU during the load: {figures['worker_cpu_s']} s\n"
        f"  browser: deep link {seen['deep_link_s']} s, sidebar to the map {seen['sidebar_s']} s\n"
        f"  errors: {len(figures['errors'])}"
    )
    assert not figures["errors"], "\n".join(figures["errors"][:20])
    assert figures["fewest_pages_in_a_session"] >= len(JOURNEYS[0]), "every session finished a whole journey"
    total = sum(figures["worker_cpu_s"])
    assert min(figures["worker_cpu_s"]) >= 0.2 * total, f"one worker took nearly all the load: {figures}"
    assert seen["headings"] == ["Progression paths", "Career map"]
    assert not seen["exceptions"], seen["exceptions"]
    assert seen["framework_after_upload"].startswith(seen["expected_framework"]), seen
    assert AFFINITY_COOKIE in seen["cookies"]
    assert figures["foreign_origin_refused"], "a websocket from another origin was accepted through the proxy"
    assert figures["upload_without_xsrf_status"] == 403
    assert cluster.stopped == {"exit_code": 0, "left_running": [], "folder_left": False}, cluster.stopped
