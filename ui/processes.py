"""The programs the app runs beside itself, and the servers it starts: found and started with the standard library.

``dev.py`` uses this before the virtual environment exists (to find nginx and Chromium, or install them), the
supervisor of several workers (:mod:`ui.proxy`) while it serves, and the tests and benchmarks to start the app
as a person starts it. So there is one answer to each question:

* where nginx is (:func:`find_nginx`) and where Chromium is (:func:`find_chromium`): a path named in the
  environment (``NGINX_PATH``, ``CHROMIUM_PATH``) if set, else Debian's, else whatever ``PATH`` holds;
* which loopback port is free (:func:`free_port`), and whether a server answers its health check
  (:func:`answers_health`: Streamlit's ``/_stcore/health``, which :mod:`ui.serve` answers only once warm);
* how a server is run for as long as it is needed (:func:`running`): in a process group of its own, its output
  in a log, waited for until its health check answers (or it exits, or time runs out: :class:`ServerError`
  with its output), and stopped with everything it started.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "CHROMIUM_CANDIDATES",
    "HEALTH_PATH",
    "NGINX_CANDIDATES",
    "ROOT",
    "Running",
    "ServerError",
    "answers_health",
    "chromium_looked_at",
    "find_chromium",
    "find_nginx",
    "free_port",
    "running",
    "stop_group",
]

ROOT = Path(__file__).resolve().parents[1]
HEALTH_PATH = "/_stcore/health"
#: Where Debian installs nginx: the sbin folders are missing from many users' PATH.
NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx")
#: Where Debian (and Ubuntu's older packages) install Chromium.
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def _find(variable: str, candidates: Sequence[str], name: str) -> str | None:
    configured = os.environ.get(variable)
    if configured:
        return configured if os.path.isfile(configured) and os.access(configured, os.X_OK) else None
    for candidate in candidates:
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return shutil.which(name)


def find_nginx() -> str | None:
    """nginx's executable: ``NGINX_PATH`` if set (None when that is not an executable), else
    :data:`NGINX_CANDIDATES`, else ``nginx`` on ``PATH``."""
    return _find("NGINX_PATH", NGINX_CANDIDATES, "nginx")


def find_chromium() -> str | None:
    """Chromium's executable: ``CHROMIUM_PATH`` if set (None when that is not an executable), else
    :data:`CHROMIUM_CANDIDATES`, else ``chromium`` on ``PATH``."""
    return _find("CHROMIUM_PATH", CHROMIUM_CANDIDATES, "chromium")


def chromium_looked_at() -> str:
    """Where :func:`find_chromium` looks, for a message saying it found nothing."""
    configured = os.environ.get("CHROMIUM_PATH")
    return f"CHROMIUM_PATH={configured}" if configured else ", ".join([*CHROMIUM_CANDIDATES, "chromium on PATH"])


def free_port(address: str = "127.0.0.1") -> int:
    """A port nothing listens on at ``address`` now (the system's pick)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((address, 0))
        return sock.getsockname()[1]


def answers_health(base: str, *, timeout: float = 2.0) -> bool:
    """True when the server at ``base`` (``http://host:port``) answers its health check with 200 OK; False while
    it refuses, resets or cuts the connection short (as it does while it starts)."""
    try:
        with urllib.request.urlopen(f"{base}{HEALTH_PATH}", timeout=timeout) as response:
            return response.status == 200
    except (OSError, http.client.HTTPException):
        return False


class ServerError(RuntimeError):
    """A server exited, or did not answer its health check in time; the message holds its output."""


@dataclass(frozen=True)
class Running:
    """A server started by :func:`running`."""

    url: str  # its base URL, e.g. http://127.0.0.1:41234
    process: subprocess.Popen  # it leads its own process group
    log: Path  # its output
    started: float  # time.monotonic() just before it started
    healthy: float  # time.monotonic() when its health check first answered

    @property
    def pid(self) -> int:
        return self.process.pid


def stop_group(process: subprocess.Popen, sig: int = signal.SIGTERM, *, timeout: float = 10) -> None:
    """Stop ``process`` and everything it started (it leads its own process group): ``sig``, then SIGKILL for
    what is still running after ``timeout`` seconds."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout)


@contextmanager
def running(
    command: Sequence[str],
    *,
    url: str,
    log: Path,
    cwd: Path = ROOT,
    timeout: float = 60,
    poll: float = 0.2,
    stop_signal: int = signal.SIGTERM,
    stop_timeout: float = 10,
) -> Iterator[Running]:
    """Run ``command``, a server that will answer at ``url``, until the block ends.

    It runs in ``cwd`` in a session (and process group) of its own, its output (stdout and stderr) written to
    ``log``. The block starts once :func:`answers_health` says yes; if the server exits first, or has not
    answered after ``timeout`` seconds, :class:`ServerError` says so, with its output. On leaving the block the
    whole group is sent ``stop_signal``, then SIGKILL after ``stop_timeout`` seconds.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as output:
        started = time.monotonic()
        process = subprocess.Popen(
            list(command),
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            start_new_session=True,
        )
        try:
            while not answers_health(url):
                if process.poll() is not None:
                    problem = f"exited with code {process.returncode} before answering"
                elif time.monotonic() - started > timeout:
                    problem = f"did not answer {url}{HEALTH_PATH} within {timeout:g} s"
                else:
                    time.sleep(poll)
                    continue
                written = log.read_text(encoding="utf-8", errors="replace")
                raise ServerError(f"{' '.join(map(str, command))} {problem}; its output:\n{written}")
            yield Running(url, process, log, started, time.monotonic())
        finally:
            stop_group(process, stop_signal, timeout=stop_timeout)
