"""``python3 dev.py serve --workers N`` on a free loopback port, for the proxy load test and the capacity benchmark.

The command runs as a user runs it (``dev.py`` replaces itself with the supervisor, ``ui/proxy.py``), leads its
own process group, and is stopped as a user stops it — SIGINT, Ctrl-C — with a check that it took every worker
and nginx with it. Only the standard library is imported here.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ui.proxy import free_port

__all__ = ["Cluster", "ClusterError", "alive", "serve_cluster"]

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 180  # seconds: the venv check, N workers starting at once on two cores, then nginx
STOP_TIMEOUT = 30


class ClusterError(RuntimeError):
    """The served app did not start, or did not stop cleanly; the message holds its output."""


@dataclass
class Cluster:
    url: str  # the proxy: http://127.0.0.1:PORT
    pid: int  # the supervisor (dev.py, replaced by ui/proxy.py)
    log: Path
    workers: list[int] = field(default_factory=list)  # the app workers' pids
    nginx: list[int] = field(default_factory=list)  # nginx's master and worker pids
    folder: Path | None = None  # nginx's temporary folder
    stopped: dict = field(default_factory=dict)  # filled on exit: the supervisor's exit code, what was left


def _cmdline(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return []


def _descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                children = [int(c) for c in task.read_text().split()]
                out += children
                todo += children
    return out


def alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie, finished but not yet reaped, counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _healthy(url: str) -> bool:
    host, port = url.removeprefix("http://").split(":")
    try:
        connection = http.client.HTTPConnection(host, int(port), timeout=2)
        connection.request("GET", "/_stcore/health")
        return connection.getresponse().status == 200
    except (OSError, http.client.HTTPException):
        return False


@contextmanager
def serve_cluster(log: Path, *, workers: int = 2, app_args: list[str] = ()) -> Iterator[Cluster]:
    """Serve the app with ``workers`` processes behind nginx until the block ends; then stop it with SIGINT.

    ``app_args`` go to the app after ``--`` (e.g. ``["--framework", path]``). On exit, ``cluster.stopped`` holds
    the supervisor's exit code and any of its processes still running, for the caller to check.
    """
    port = free_port()
    command = [sys.executable, str(ROOT / "dev.py"), "serve", "--workers", str(workers)]
    command += ["--port", str(port), "--address", "127.0.0.1", "--server.fileWatcherType", "none"]
    command += ["--", *app_args] if app_args else []
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
        cluster = Cluster(f"http://127.0.0.1:{port}", process.pid, log)
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while not _healthy(cluster.url):
                if process.poll() is not None or time.monotonic() > deadline:
                    problem = (
                        f"exited with code {process.returncode}"
                        if process.poll() is not None
                        else f"did not answer within {START_TIMEOUT} s"
                    )
                    written = log.read_text(encoding="utf-8", errors="replace")
                    raise ClusterError(f"{' '.join(command)} {problem}; its output:\n{written}")
                time.sleep(0.3)
            for pid in _descendants(process.pid):
                line = _cmdline(pid)
                if "ui.serve" in line:
                    cluster.workers.append(pid)
                elif line and "nginx" in line[0]:
                    cluster.nginx.append(pid)
                    if "-p" in line:
                        cluster.folder = Path(line[line.index("-p") + 1])
            yield cluster
        finally:
            everything = [*cluster.workers, *cluster.nginx]
            if process.poll() is None:
                os.kill(process.pid, signal.SIGINT)  # as Ctrl-C in a terminal: the supervisor stops the rest
                try:
                    process.wait(STOP_TIMEOUT)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(process.pid, signal.SIGKILL)
                    process.wait(STOP_TIMEOUT)
            time.sleep(0.2)
            cluster.stopped = {
                "exit_code": process.returncode,
                "left_running": [pid for pid in everything if alive(pid)],
                "folder_left": bool(cluster.folder and cluster.folder.exists()),
            }
            for pid in cluster.stopped["left_running"]:  # never leave a process behind, whatever the test says
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
