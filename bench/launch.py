"""The same speed however the app is started: a page's rerun under ``streamlit run app.py`` and under
``python -m ui.serve`` (what ``dev.py app``, ``dev.py serve`` and the container run), against the empty app.

After every run of a script Streamlit collects the garbage of the whole heap (``runner.postScriptGC``, which the
app's configuration turns off; the frameworks must still be out of the sight of Python's own full collections): the
loaded frameworks are millions of objects, and the collection walks them all on every run unless they are
frozen out of its sight (``gc.freeze``, :func:`ui.data.preload`). It happens after the run's last message is
sent, so a page's own time does not show it; the server's CPU time per run does, and so does a page asked for
straight after the one before (a person clicking on, or another session), which waits for it.

Three servers run side by side on loopback: ours started each way, and the empty app
(``bench/empty_app.py``, ``streamlit run``). Each round, on each server in turn (the order alternating), one
session asks for the same pages back to back — Home, the career map, the structure review and a skill gap on
DDaT (the empty app's pages of the same names) — and the server's CPU time and the wall time per page are
recorded. Figures: the medians over rounds, and each of ours against the empty app.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from tests.browser.server import cpu_seconds
from tests.load.client import HOME_TITLE, TITLES, Session, Step
from ui.pages import PAGES

from .browser import INTERACTIONS, serve
from .empty_app import write_empty_app
from .figures import RESULTS, ROOT, Config
from .timing import Row, format_ms

__all__ = ["launch_rows"]

GAP = {"current": "business-architect", "target": "senior-data-architect"}  # DDaT roles, for the skill gap
TARGET = 1.2  # ours against the empty app, per page: the goal is "as quick as Streamlit allows"


def _steps(ours: bool) -> list[Step]:
    """The pages asked for: on DDaT for ours; the pages of the same paths (and titles) on the empty app."""
    titles = {spec.path: spec.title for spec in PAGES}
    pages = [("home", "", {}), ("map", "map", {}), ("review", "review", {}), ("gap", "gap", GAP)]
    return [
        Step(name, path, urlencode({**query, "framework": "ddat"}), TITLES.get(path, HOME_TITLE))
        if ours
        else Step(name, path, "", titles[path])
        for name, path, query in pages
    ]


async def _pages(base: str, steps: list[Step], repeats: int) -> tuple[int, list[str]]:
    """Ask for ``steps`` ``repeats`` times over, each page as soon as the one before has finished."""
    session = Session(base, 0, [steps])
    async with session.connect() as ws:
        for _ in range(repeats):
            for step in steps:
                await session.open_page(ws, step)
    return len(session.times), session.errors


def _round(base: str, pid: int, steps: list[Step], repeats: int) -> dict:
    cpu, start = cpu_seconds(pid), time.perf_counter()
    pages, errors = asyncio.run(_pages(base, steps, repeats))
    wall, used = time.perf_counter() - start, cpu_seconds(pid) - cpu
    return {"cpu_ms": used / max(pages, 1) * 1000, "wall_ms": wall / max(pages, 1) * 1000, "errors": errors}


def launch_rows(config: Config) -> list[Row]:
    rounds = 3 if config.quick else 7
    repeats = 3 if config.quick else 5
    folder = Path(tempfile.mkdtemp(prefix="career-explorer-empty-app-"))
    python = sys.executable
    commands = {
        "python -m ui.serve": ([python, "-m", "ui.serve"], ROOT, True),
        "streamlit run app.py": ([python, "-m", "streamlit", "run", str(ROOT / "app.py")], ROOT, True),
        "empty app": ([python, "-m", "streamlit", "run", str(folder / "app.py")], folder, False),
    }
    results: dict[str, list[dict]] = {name: [] for name in commands}
    try:
        write_empty_app(folder, INTERACTIONS)
        with contextlib.ExitStack() as stack:
            servers = {
                name: stack.enter_context(serve(command, cwd, RESULTS / f"launch-{index}.log"))
                for index, (name, (command, cwd, _)) in enumerate(commands.items())
            }
            for name, server in servers.items():  # warm: every page once (and a framework loaded on first use)
                _round(server.url, server.pid, _steps(commands[name][2]), 1)
            names = list(servers)
            for i in range(rounds):
                for name in names if i % 2 == 0 else names[::-1]:
                    server = servers[name]
                    results[name].append(_round(server.url, server.pid, _steps(commands[name][2]), repeats))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    load = _load_average()

    def median(name: str, key: str) -> float:
        return statistics.median(r[key] for r in results[name])

    empty_cpu, empty_wall = median("empty app", "cpu_ms"), median("empty app", "wall_ms")
    rows = []
    for name in ("python -m ui.serve", "streamlit run app.py"):
        cpu, wall = median(name, "cpu_ms"), median(name, "wall_ms")
        errors = [e for r in results[name] for e in r["errors"]]
        rows.append(
            Row(
                f"a page's run back to back, started with {name}: server CPU per page",
                format_ms(cpu / 1000),
                f"{format_ms(empty_cpu / 1000)} (empty app)",
                cpu / empty_cpu if empty_cpu else None,
                note=f"DDaT: home, the map, the review, a gap, {repeats}× per round, median of {rounds} rounds; "
                f"wall per page {format_ms(wall / 1000)} against {format_ms(empty_wall / 1000)} "
                f"({wall / empty_wall:.2f}×); load average {load}" + (f"; errors: {errors[:2]}" if errors else ""),
            )
        )
    serve_cpu, run_cpu = median("python -m ui.serve", "cpu_ms"), median("streamlit run app.py", "cpu_ms")
    ratio = run_cpu / serve_cpu if serve_cpu else None
    rows.append(
        Row(
            "streamlit run app.py against python -m ui.serve: server CPU per page",
            format_ms(run_cpu / 1000),
            f"{format_ms(serve_cpu / 1000)} (python -m ui.serve)",
            ratio,
            f"≤ {TARGET:g}×",
            ratio is not None and ratio <= TARGET,
            "the same pages, the same code: what is left is how the server was started (see bench/launch.py)",
        )
    )
    return rows


def _load_average() -> str:
    import os

    return " / ".join(f"{x:.1f}" for x in os.getloadavg())
