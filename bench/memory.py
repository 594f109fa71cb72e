"""Memory of the running app: one browser session, then twenty at once, against the real server.

The server is started as ``python3 dev.py app`` starts it (``python -m ui.serve``), on a free loopback port,
and stopped at the end. Its memory is the resident set size (``VmRSS`` in ``/proc/PID/status``) of the server
and any processes it started. Sessions are Chromium browser contexts driven by Playwright; each opens the
app on the DDaT framework and visits every page through the app's own navigation (one Streamlit session per
context, as a person clicking through the app). The figure is the growth from one session to twenty, per extra
session. Everything is bounded in time; nothing leaves the machine.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .figures import ROOT, Config
from .timing import Row

__all__ = ["memory_rows", "rss_bytes"]

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
START_TIMEOUT = 60
SESSION_TIMEOUT = 420  # seconds for all the concurrent sessions to open every page
CONCURRENT_CLICKS = 4  # sessions clicking through pages at the same moment
PAGE_TIMEOUT_MS = 90_000
SETTLE = 3.0  # seconds to let the server settle before reading its memory
#: The pages visited after the home page, through the app's navigation, with the title each shows.
PAGES = {
    "roles": "Roles",
    "map": "Career map",
    "paths": "Progression paths",
    "gap": "Skill gap and development plan",
    "compare": "Compare roles",
    "review": "Structure review",
}

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


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            out += [int(c) for c in task.read_text().split()]
    return out


def rss_bytes(pid: int) -> int:
    """Resident memory of ``pid`` and every process below it, in bytes (Linux ``/proc``)."""
    total, todo, seen = 0, [pid], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
        todo += _children(current)
    return total


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _start_server(port: int, log) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "ui.serve",
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    deadline = time.monotonic() + START_TIMEOUT
    while not _healthy(f"http://127.0.0.1:{port}/_stcore/health"):
        if process.poll() is not None or time.monotonic() > deadline:
            _stop(process)
            raise RuntimeError(f"the app server did not start (see {log.name})")
        time.sleep(0.2)
    return process


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)  # its own process group: the server and what it started
        process.wait(10)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)


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


async def _measure(base: str, pid: int, extra: int) -> tuple[int, int, int]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
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
    if not Path(CHROMIUM).exists():
        return [Row(name, "skipped", note=f"no Chromium at {CHROMIUM} (set CHROMIUM_PATH)")]
    try:
        import playwright  # noqa: F401
    except ImportError:
        return [Row(name, "skipped", note="Playwright is not installed (requirements-dev.txt)")]
    port = _free_port()
    log_path = ROOT / "bench" / "results" / "memory-server.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        process = _start_server(port, log)
        try:
            idle, one, many = asyncio.run(_measure(f"http://127.0.0.1:{port}", process.pid, sessions - 1))
        finally:
            _stop(process)
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
