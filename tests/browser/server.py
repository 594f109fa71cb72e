"""The app under ``streamlit run`` on a free port, and the Chromium that drives it."""

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
from contextlib import contextmanager
from pathlib import Path

import pytest

from .helpers import ARTIFACTS

__all__ = ["CHROMIUM_ARGS", "ROOT", "find_chromium", "serve_app"]

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
# The machine running the tests may have no outside network: keep Chromium from reaching for it.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
START_TIMEOUT = 60  # seconds
STOP_TIMEOUT = 10


def find_chromium() -> tuple[str | None, list[str]]:
    """The Chromium executable (``CHROMIUM_PATH`` if set, else Debian's), and the paths looked at."""
    configured = os.environ.get("CHROMIUM_PATH")
    candidates = [configured] if configured else CHROMIUM_CANDIDATES
    for path in candidates:
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path, candidates
    return None, candidates


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _stop(process: subprocess.Popen) -> None:
    """Stop the server and anything it started: it leads its own process group."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(STOP_TIMEOUT)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(STOP_TIMEOUT)


@contextmanager
def serve_app(log_name: str = "streamlit-server") -> Iterator[str]:
    """Run ``streamlit run app.py`` from the repository root on a free port; yield its base URL.

    The server's output goes to ``tests/artifacts/{log_name}.log``. If the server exits, or does not answer
    its health check within :data:`START_TIMEOUT` seconds, the test fails with that output.
    """
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    command = [
        sys.executable,
        "-m",
        "ui.serve",  # what `python3 dev.py app` runs: streamlit run app.py, without the legacy pages mode
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
    log_path = ARTIFACTS / f"{log_name}.log"
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
            deadline = time.monotonic() + START_TIMEOUT
            while not _healthy(f"{base}/_stcore/health"):
                if process.poll() is not None:
                    problem = f"exited with code {process.returncode} before answering"
                elif time.monotonic() > deadline:
                    problem = f"did not answer {base}/_stcore/health within {START_TIMEOUT} s"
                else:
                    time.sleep(0.2)
                    continue
                output = log_path.read_text(encoding="utf-8", errors="replace")
                pytest.fail(f"the app server ({' '.join(command)}) {problem}; its output:\n{output}", pytrace=False)
            yield base
        finally:
            _stop(process)
