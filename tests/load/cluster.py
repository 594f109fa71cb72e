"""``python3 dev.py serve --workers N`` on a free loopback port, for the proxy load test and the capacity benchmark.

The command runs as a user runs it (``dev.py`` replaces itself with the supervisor, ``ui/proxy.py``), leads its
own process group, and is stopped as a user stops it — SIGINT, Ctrl-C — with a check that it took every worker
and nginx with it. Only the standard library is imported here.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.browser.server import descendants
from ui.processes import free_port, running

__all__ = ["Cluster", "alive", "serve_cluster"]

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 180  # seconds: the venv check, N workers starting at once on two cores, then nginx
STOP_TIMEOUT = 30


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


def alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie, finished but not yet reaped, counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@contextmanager
def serve_cluster(log: Path, *, workers: int = 2, app_args: list[str] = ()) -> Iterator[Cluster]:
    """Serve the app with ``workers`` processes behind nginx until the block ends; then stop it with SIGINT, as
    Ctrl-C in a terminal does (:func:`ui.processes.running`; :class:`~ui.processes.ServerError` if it does not
    start).

    ``app_args`` go to the app after ``--`` (e.g. ``["--framework", path]``). On exit, ``cluster.stopped`` holds
    the supervisor's exit code and any of its processes still running, for the caller to check.
    """
    port = free_port()
    command = [sys.executable, str(ROOT / "dev.py"), "serve", "--workers", str(workers)]
    command += ["--port", str(port), "--address", "127.0.0.1", "--server.fileWatcherType", "none"]
    command += ["--", *app_args] if app_args else []
    cluster: Cluster | None = None
    try:
        with running(
            command, url=f"http://127.0.0.1:{port}", log=log, timeout=START_TIMEOUT, poll=0.3,
            stop_signal=signal.SIGINT, stop_timeout=STOP_TIMEOUT,
        ) as server:  # fmt: skip
            cluster = Cluster(server.url, server.pid, log)
            for pid in descendants(server.pid):
                line = _cmdline(pid)
                if "ui.serve" in line:
                    cluster.workers.append(pid)
                elif line and "nginx" in line[0]:
                    cluster.nginx.append(pid)
                    if "-p" in line:
                        cluster.folder = Path(line[line.index("-p") + 1])
            yield cluster
    finally:
        if cluster is not None:
            _record_stop(cluster, server.process.returncode)


def _record_stop(cluster: Cluster, exit_code: int | None) -> None:
    """What the supervisor left behind once it stopped (its children stop as it does; a moment is allowed for
    them to go), and never a process left running, whatever the test then says."""
    everything = [*cluster.workers, *cluster.nginx]
    deadline = time.monotonic() + 5
    while any(alive(pid) for pid in everything) and time.monotonic() < deadline:
        time.sleep(0.05)
    cluster.stopped = {
        "exit_code": exit_code,
        "left_running": [pid for pid in everything if alive(pid)],
        "folder_left": bool(cluster.folder and cluster.folder.exists()),
    }
    for pid in cluster.stopped["left_running"]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
