"""Browser tests: the real app under ``streamlit run`` on a free port, driven by Chromium through Playwright.

One server and one browser serve the whole session; each test gets a fresh browser context. Chromium is
Debian's (``/usr/bin/chromium``) or the one named by ``CHROMIUM_PATH``. Without it the tests skip, except
under CI (``CI=true``), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .helpers import ARTIFACTS, RUN_TRACKER, VIEWPORT

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_TIMEOUT = 60  # seconds
SERVER_STOP_TIMEOUT = 10


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


_REPORTS = pytest.StashKey[dict]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _find_chromium() -> tuple[str | None, list[str]]:
    configured = os.environ.get("CHROMIUM_PATH")
    candidates = [configured] if configured else CHROMIUM_CANDIDATES
    for path in candidates:
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path, candidates
    return None, candidates


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The Chromium executable; skips the browser tests without one (fails them under CI)."""
    path, looked_at = _find_chromium()
    if path is None:
        where = "looked for " + ", ".join(looked_at)
        if _in_ci():
            pytest.fail(f"CI=true but Chromium is missing: install Debian's chromium package ({where})")
        pytest.skip(
            f"Chromium not found (install Debian's chromium package or set CHROMIUM_PATH); browser tests skipped"
            f" ({where})"
        )
    return path


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stop(process: subprocess.Popen) -> None:
    """Stop the server and anything it started (it runs in its own process group)."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(SERVER_STOP_TIMEOUT)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(SERVER_STOP_TIMEOUT)


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


@pytest.fixture(scope="session")
def app_url(chromium_path: str) -> Iterator[str]:
    """Base URL of the app, served by ``streamlit run app.py`` on a free port for the whole session.

    The server's output goes to ``tests/artifacts/streamlit-server.log``; if the server exits or does not
    answer its health check in time, the tests fail with that output.
    """
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS / "streamlit-server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + SERVER_START_TIMEOUT
            while not _healthy(f"{base}/_stcore/health"):
                if process.poll() is not None:
                    pytest.fail(
                        f"the app server exited with code {process.returncode} before answering:\n"
                        + log_path.read_text(encoding="utf-8", errors="replace"),
                        pytrace=False,
                    )
                if time.monotonic() > deadline:
                    pytest.fail(
                        f"the app server did not answer {base}/_stcore/health within {SERVER_START_TIMEOUT} s:\n"
                        + log_path.read_text(encoding="utf-8", errors="replace"),
                        pytrace=False,
                    )
                time.sleep(0.2)
            yield base
        finally:
            _stop(process)


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


@pytest.fixture
def page(browser, request: pytest.FixtureRequest):
    """A page in a fresh browser context; a screenshot is saved if the test fails."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(RUN_TRACKER)
    page = context.new_page()
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
    context.close()
