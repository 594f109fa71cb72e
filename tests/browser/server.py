"""The app under ``streamlit run`` on a free port, the Chromium that drives it, and the server's memory.

One place starts the real app for everything that needs it: the browser tests (:func:`serve_app`), the load
test (tests/load, :func:`serving`) and the memory benchmark (bench/memory.py, :func:`app_server`). The server is
started as ``python3 dev.py app`` starts it (``python -m ui.serve``), on a free loopback port, by
:func:`ui.processes.running`, which waits for its health check and stops it with everything it started. Only the
standard library is imported here, so the benchmark can use it without pytest or Playwright.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ui.processes import Running, ServerError, chromium_looked_at, find_chromium, find_nginx, free_port, running

__all__ = [
    "ARTIFACTS",
    "CHROMIUM_ARGS",
    "ROOT",
    "app_command",
    "app_server",
    "cpu_seconds",
    "descendants",
    "in_ci",
    "peak_rss_bytes",
    "require_chromium",
    "require_nginx",
    "rss_bytes",
    "serve_app",
    "serving",
]

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
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
#: Options of every server started here: loopback only, no browser opened, no usage statistics, no file watcher.
SERVER_OPTIONS = (
    "--server.address",
    "127.0.0.1",
    "--server.headless",
    "true",
    "--browser.gatherUsageStats",
    "false",
    "--server.fileWatcherType",
    "none",
)


def in_ci() -> bool:
    """True under CI (``CI=true``), where a program the tests need must be there: its absence fails them."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _required(what: str, found: str | None, *, install: str, skipped: str) -> str:
    """``found``, the path of a program the test needs; without it the test skips — or fails under CI."""
    if found is not None:
        return found
    import pytest

    if in_ci():
        pytest.fail(f"CI=true but {what} is missing: {install}", pytrace=False)
    pytest.skip(f"{what} not found ({install}); {skipped}")


def require_chromium(skipped: str = "the browser tests are skipped") -> str:
    """Chromium's path for a test (:func:`ui.processes.find_chromium`): a skip without it, a failure under CI."""
    install = f"install Debian's chromium package or set CHROMIUM_PATH; looked at {chromium_looked_at()}"
    return _required("Chromium", find_chromium(), install=install, skipped=skipped)


def require_nginx(skipped: str) -> str:
    """nginx's path for a test (:func:`ui.processes.find_nginx`): a skip without it, a failure under CI."""
    install = "install Debian's nginx package (python3 dev.py test does, as root)"
    return _required("nginx", find_nginx(), install=install, skipped=skipped)


def app_command(port: int, *app_args: str, script: Path | None = None, module: str = "ui.serve") -> list[str]:
    """The command that serves the app on ``port``: ``python -m ui.serve`` (what ``python3 dev.py app`` runs:
    streamlit run app.py, without the legacy pages mode) or another ``module`` that starts it, or ``streamlit
    run SCRIPT`` for another app; then ``app_args`` after ``--``."""
    command = [sys.executable, "-m", module] if script is None else [sys.executable, "-m", "streamlit", "run"]
    command += [str(script)] if script is not None else []
    command += ["--server.port", str(port), *SERVER_OPTIONS]
    return command + (["--", *app_args] if app_args else [])


@contextmanager
def app_server(log: Path, *, timeout: float = START_TIMEOUT, module: str = "ui.serve") -> Iterator[Running]:
    """Run the app from the repository root on a free loopback port until the block ends, its output in ``log``.

    If the server exits, or does not answer its health check within ``timeout`` seconds,
    :class:`~ui.processes.ServerError` says so with that output.
    """
    port = free_port()
    with running(app_command(port, module=module), url=f"http://127.0.0.1:{port}", log=log, timeout=timeout) as server:
        yield server


@contextmanager
def serving(log_name: str, *, module: str = "ui.serve") -> Iterator[Running]:
    """For a test: :func:`app_server` with its output in ``tests/artifacts/{log_name}.log``.

    A server that does not start fails the test with the server's output, without a traceback of this helper.
    """
    with contextlib.ExitStack() as stack:
        try:
            server = stack.enter_context(app_server(ARTIFACTS / f"{log_name}.log", module=module))
        except ServerError as error:
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


def descendants(pid: int) -> list[int]:
    """Every process ``pid`` started, and those they started, that is still running."""
    out, todo, seen = [], [pid], {pid}
    while todo:
        for task in Path(f"/proc/{todo.pop()}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                children = [c for c in map(int, task.read_text().split()) if c not in seen]
                seen.update(children)
                out += children
                todo += children
    return out


def rss_bytes(pid: int) -> int:
    """Resident memory (``VmRSS``) of ``pid`` and every process below it, in bytes."""
    return sum(_status_kib(current, "VmRSS") * 1024 for current in [pid, *descendants(pid)])


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
