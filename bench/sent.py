"""What a page sends, as the framework grows: the structure review (each of its tabs), the career map, Home, the
Roles and Skills lists and the view of the skill most roles need,
on synthetic frameworks of two sizes (``bench/synthetic.py``: 2,000 and 10,000 roles, 2,000 and 4,000 with
``--quick``), over Streamlit's own websocket protocol.

A page's bytes must not grow with the number of roles: the review groups and pages its findings and tables, the
map opens a framework too large to draw role by role on its overview. For each size our server is started on
the synthetic file (``python -m ui.serve -- --framework PATH``); each page (each tab of the review, by its link)
is opened by a new session to warm it (a view is made once per framework), then by another, whose bytes and time
are recorded. The figure is the larger framework's bytes ÷ the smaller's, page by page (target ≤ 1.5×: five
times the roles, about the same page).
"""

from __future__ import annotations

import asyncio
import os
from urllib.parse import urlencode

from tests.load.client import HOME_TITLE, TITLES, Session, Step

from .browser import App, serve
from .figures import RESULTS, Config, synthetic_file
from .timing import Row, format_ms

__all__ = ["sent_rows"]

TARGET = 1.5
REVIEW_TABS = {  # the review's tabs, as a link opens them
    "What to do": "",
    "Rungs": "rungs",
    "Dead ends and ways in": "dead-ends-and-ways-in",
    "Skill cliffs": "skill-cliffs",
    "Grading consistency": "grading-consistency",
    "Reporting lines": "reporting-lines",
    "Referenced roles": "referenced-roles",
}


#: The skill most roles of a synthetic framework need (and its name, the view's title): its view links them.
BUSIEST_SKILL = ("cloud-design", "Cloud design")


def _steps() -> list[Step]:
    steps = [
        Step("Home", "", "", HOME_TITLE),
        Step("Career map", "map", "", TITLES["map"]),
        Step("Roles", "roles", "", TITLES["roles"]),
        Step("Skills", "skills", "", TITLES["skills"]),
        Step("A skill most roles need", "skills", urlencode({"skill": BUSIEST_SKILL[0]}), BUSIEST_SKILL[1]),
    ]
    for label, slug in REVIEW_TABS.items():
        steps.append(Step(f"Review: {label}", "review", urlencode({"tab": slug}) if slug else "", TITLES["review"]))
    return steps


async def _open(base: str, step: Step, number: int) -> tuple[object, list[str]]:
    """``step``'s page as a new session opens it (a link followed): its run, or None, and any errors."""
    session = Session(base, number, [[step]])
    async with session.connect() as ws:
        run = await session.open_page(ws, step)
    return run, session.errors


async def _visit(base: str, steps: list[Step]) -> tuple[dict[str, tuple[int, float]], list[str]]:
    """Each page opened by a session of its own, twice: the first makes the page's views (once per framework),
    the second is recorded: its bytes and its time."""
    out, errors = {}, []
    for number, step in enumerate(steps):
        await _open(base, step, number)
        run, problems = await _open(base, step, number)
        errors += problems
        if run is not None:
            out[step.name] = (run.received, run.seconds)
    return out, errors


def sent_rows(config: Config) -> list[Row]:
    # Both sizes above the thresholds at which pages change how they show a framework (a role picker asks for the
    # discipline first from 1,000 roles; the map opens on its overview from 1,500): what is left to grow is the page.
    sizes = (2000, 4000) if config.quick else (2000, 10_000)
    found: dict[int, dict[str, tuple[int, float]]] = {}
    problems: list[str] = []
    for size in sizes:
        path = synthetic_file(size)
        print(f"  {size:,} roles", flush=True)
        with serve(App(args=("--framework", str(path))), RESULTS / f"sent-{size}.log") as server:
            found[size], errors = asyncio.run(_visit(server.url, _steps()))
        problems += errors
    small, large = sizes
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    rows = []
    for step in _steps():
        if step.name not in found[small] or step.name not in found[large]:
            continue
        (bytes_small, time_small), (bytes_large, time_large) = found[small][step.name], found[large][step.name]
        ratio = bytes_large / bytes_small
        rows.append(
            Row(
                f"bytes sent, {step.name}: {large:,} roles ÷ {small:,}",
                f"{bytes_large / 1000:.1f} KB",
                f"{bytes_small / 1000:.1f} KB ({small:,} roles)",
                ratio,
                f"≤ {TARGET:g}×",
                ratio <= TARGET,
                f"the page's run, warm, over the websocket: {format_ms(time_large)} against {format_ms(time_small)}; "
                f"load average {load}",
            )
        )
    if problems:
        rows.append(Row("bytes sent: problems", f"{len(problems)}", note="; ".join(problems)[:300]))
    return rows
