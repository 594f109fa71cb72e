"""The app under ``streamlit run`` on a free port, the Chromium that drives it, and the server's memory.

One place starts the real app for everything that needs it: the browser tests (:func:`serve_app`), the load
test (tests/load, :func:`serving`) and the memory benchmark (bench/memory.py, :func:`app_server`). The server is
started as ``python3 dev.py app`` starts it (``python -m ui.serve``), on a free loopback port, leads its own
process group, and is stopped with everything it started. Only the standard library is imported here, so the
benchmark can use it without pytest or Playwright.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "ARTIFACTS",
    "CHROMIUM_ARGS",
    "ROOT",
    "AppServer",
    "AppServerError",
    "app_server",
    "cpu_seconds",
    "find_chromium",
    "peak_rss_bytes",
    "rss_bytes",
    "serve_app",
    "serving",
]

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
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


# --------------------------------------------------------------------------- the server


class AppServerError(RuntimeError):
    """The app server exited, or did not answer its health check in time; the message holds its output."""


@dataclass(frozen=True)
class AppServer:
    url: str  # e.g. http://127.0.0.1:41234
    pid: int  # the server process, which leads its own process group
    log: Path  # the server's output


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except (OSError, http.client.HTTPException):  # refused, reset or cut short while the server starts
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
def app_server(log: Path, *, module: str = "ui.serve") -> Iterator[AppServer]:
    """Run the app (``python -m ui.serve``, or another ``module`` that starts it) from the repository root on a
    free loopback port until the block ends.

    The server's output goes to ``log``. If the server exits, or does not answer its health check within
    :data:`START_TIMEOUT` seconds, :class:`AppServerError` says so with that output.
    """
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    command = [
        sys.executable,
        "-m",
        module,  # ui.serve: what `python3 dev.py app` runs (streamlit run app.py, without the legacy pages mode)
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
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=output,
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
                written = log.read_text(encoding="utf-8", errors="replace")
                raise AppServerError(f"the app server ({' '.join(command)}) {problem}; its output:\n{written}")
            yield AppServer(base, process.pid, log)
        finally:
            _stop(process)


@contextmanager
def serving(log_name: str, *, module: str = "ui.serve") -> Iterator[AppServer]:
    """For a test: :func:`app_server` with its output in ``tests/artifacts/{log_name}.log``.

    A server that does not start fails the test with the server's output, without a traceback of this helper.
    """
    with contextlib.ExitStack() as stack:
        try:
            server = stack.enter_context(app_server(ARTIFACTS / f"{log_name}.log", module=module))
        except AppServerError as error:
            import pytest

            pytest.fail(str(error), pytrace=False)
        yield server


@contextmanager
def serve_app(log_name: str = "streamlit-server") -> Iterator[str]:
    """:func:`serving`, for the browser tests: yields the app's base URL."""
    with serving(log_name) as server:
        yield server.url


# --------------------------------------------------------------------------- its memory and time (Linux /proc)


def _status_kib(pid: int, key: str) -> int:
    """A ``kB`` figure of ``/proc/PID/status`` (e.g. ``VmRSS``); 0 for a process that has gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name == key:
                return int(value.split()[0])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            out += [int(c) for c in task.read_text().split()]
    return out


def rss_bytes(pid: int) -> int:
    """Resident memory (``VmRSS``) of ``pid`` and every process below it, in bytes."""
    total, todo, seen = 0, [pid], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        total += _status_kib(current, "VmRSS") * 1024
        todo += _children(current)
    return total


def peak_rss_bytes(pid: int) -> int:
    """The most resident memory ``pid`` itself has had (``VmHWM``), in bytes."""
    return _status_kib(pid, "VmHWM") * 1024


def cpu_seconds(pid: int, *, children: bool = False) -> float:
    """CPU time ``pid`` has used so far, in user and system mode, in seconds; with ``children``, instead, the
    time its finished child processes used (those it has waited for, such as the processes uploads are
    checked in)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()  # after the command, which may hold ")"
    first = 13 if children else 11  # cutime + cstime, or utime + stime
    return (int(fields[first]) + int(fields[first + 1])) / os.sysconf("SC_CLK_TCK")
