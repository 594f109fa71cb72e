"""A user of the app over Streamlit's own websocket protocol, for the load tests and the capacity benchmark.

A :class:`Session` speaks the protobuf messages Streamlit's frontend sends and receives (``BackMsg``,
``ForwardMsg``): it asks for a page (a rerun with the page's name and query string) and reads the messages of
that run to its end, so the server does all the work of a real user — a session, the page's script run, every
element sent — while the client side stays light enough for a two-core machine. Like the browser, it sends back
the value of each picker of the sidebar (the framework in use) with every request: without them, Streamlit
takes a picker the client does not mention for one at its default, and a journey on DDaT went on on the
council's framework from its third page. Each page opened is checked:
the run finishes, on the page asked for (its title), with no exception element and no "page not found".

Journeys are lists of :class:`Step`; :func:`council_journeys` and :func:`framework_journeys` make them. Only
the standard library, Streamlit's protobuf classes and ``websockets`` (a Streamlit dependency) are needed, so
the benchmarks use this module too.
"""

from __future__ import annotations

import asyncio
import json
import random
import statistics
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from tests.browser.server import ARTIFACTS, require_chromium, serving
from ui.pages import PAGES

__all__ = [
    "PAGE_TIMEOUT",
    "PageRun",
    "Session",
    "Step",
    "council_journeys",
    "framework_journeys",
    "measure_served_app",
    "percentile",
    "run_in_own_thread",
    "save_figures",
    "summary",
]

SIDEBAR = 1  #: the first index of an element's delta path in the sidebar (0: the main area)
PAGE_TIMEOUT = 120  # seconds for one page, from the request to the end of its run, under load
#: The heading of each page, by URL path (a role's profile is headed by the role's title).
TITLES = {spec.path: spec.h1 for spec in PAGES}
HOME_TITLE = TITLES[""]
#: (role to open, route from, route to) in the council framework; each session starts at a different one.
COUNCIL_JOURNEYS = [
    ("delivery-manager", "associate-project-manager", "head-of-delivery-management"),
    ("lead-developer", "project-manager", "delivery-manager"),
    ("senior-product-manager", "delivery-manager", "head-of-product"),
    ("head-of-technology", "lead-developer", "head-of-technology"),
    ("project-manager", "associate-project-manager", "senior-delivery-manager"),
]
JOURNEY_PAGES = ["home", "roles", "map", "paths", "gap"]


@dataclass(frozen=True)
class Step:
    """One page of a journey: a name for the figures, the URL path, the query string and the title shown."""

    name: str
    path: str
    query: str
    title: str


def journey(titles: dict[str, str], role: str, source: str, target: str, framework: str | None = None) -> list[Step]:
    """Home, a role's profile, the career map, routes between two roles and the skill gap between them."""
    extra = {"framework": framework} if framework else {}

    def query(**params: str) -> str:
        return urlencode({**params, **extra})

    return [
        Step("home", "", query(), HOME_TITLE),
        Step("roles", "roles", query(role=role), titles[role]),
        Step("map", "map", query(), TITLES["map"]),
        Step("paths", "paths", query(**{"from": source, "to": target}), TITLES["paths"]),
        Step("gap", "gap", query(current=source, target=target), TITLES["gap"]),
    ]


def _titles(path: Path) -> dict[str, str]:
    from framework import load_framework

    return {role.id: role.title for role in load_framework(path).roles}


def council_journeys(root: Path) -> list[list[Step]]:
    """The journeys staff and managers take in the council framework (the default one)."""
    titles = _titles(root / "data" / "roles.yaml")
    return [journey(titles, *roles) for roles in COUNCIL_JOURNEYS]


def framework_journeys(path: Path, key: str | None, count: int = 8, seed: int = 5) -> list[list[Step]]:
    """``count`` journeys over random roles of the framework at ``path``, chosen by ``?framework=key`` (None:
    the default framework), each route between a role and one it leads to when it has any."""
    from framework import load_framework
    from framework.graph import build_graph

    framework = load_framework(path)
    graph = build_graph(framework)
    titles = {role.id: role.title for role in framework.roles}
    rng = random.Random(seed)
    ids = sorted(titles)
    out = []
    for _ in range(count):
        role, source = rng.choice(ids), rng.choice(ids)
        onward = sorted(graph.successors(source))
        target = rng.choice(onward) if onward else rng.choice(ids)
        out.append(journey(titles, role, source, target, key))
    return out


@dataclass(frozen=True)
class PageRun:
    """One page opened: its name, seconds from the request to the end of its run, and bytes received."""

    name: str
    seconds: float
    received: int


@dataclass
class Session:
    """A user: a websocket session per journey, a page at a time; records each page's time and any error."""

    base: str  # http://host:port
    number: int
    journeys: list[list[Step]]
    times: list[PageRun] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: The sidebar's pickers as the browser holds them: widget id → the option shown (what a browser sends).
    sidebar_choices: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return self.base.replace("http://", "ws://") + "/_stcore/stream"

    async def open_page(self, ws, step: Step) -> PageRun | None:
        """Ask for ``step``'s page on the open websocket ``ws`` and read its run to the end."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        where = f"session {self.number}: /{step.path}{'?' + step.query if step.query else ''}"
        request = BackMsg()
        request.rerun_script.query_string = step.query
        request.rerun_script.page_name = step.path
        for widget_id, option in self.sidebar_choices.items():
            state = request.rerun_script.widget_states.widgets.add()
            state.id = widget_id
            state.string_value = option
        start = time.perf_counter()
        await ws.send(request.SerializeToString())
        heading = None
        problems = []
        received = 0
        while True:
            data = await asyncio.wait_for(ws.recv(), PAGE_TIMEOUT)
            received += len(data)
            message = ForwardMsg()
            message.ParseFromString(data)
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                if element.WhichOneof("type") == "selectbox" and message.metadata.delta_path[:1] == [SIDEBAR]:
                    self._note_sidebar_choice(element.selectbox)
                if element.WhichOneof("type") == "exception":
                    problems.append(f"exception on the page: {element.exception.message[:300]}")
                elif element.WhichOneof("type") == "heading" and element.heading.tag == "h1" and heading is None:
                    heading = element.heading.body
            elif kind == "page_not_found":
                problems.append("page not found")
            elif kind == "session_event" and message.session_event.WhichOneof("type") == "script_compilation_exception":
                problems.append("the script did not compile")
            elif kind == "script_finished":
                if message.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # the page asked for a rerun (e.g. to leave legacy pages mode): wait for that one
                if message.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    problems.append("the script did not compile")
                break
        elapsed = time.perf_counter() - start
        if heading != step.title:
            problems.append(f"the page's title is {heading!r}, not {step.title!r}")
        if problems:
            self.errors += [f"{where}: {problem}" for problem in problems]
            return None
        run = PageRun(step.name, elapsed, received)
        self.times.append(run)
        return run

    def _note_sidebar_choice(self, box) -> None:
        """Keep a sidebar picker's option as the browser shows it: the one the server set, else the one kept."""
        if box.set_value:
            if box.raw_value:
                self.sidebar_choices[box.id] = box.raw_value
            else:
                self.sidebar_choices.pop(box.id, None)

    def connect(self):
        """A websocket to the app, as the frontend opens it."""
        from websockets.asyncio.client import connect

        return connect(self.url, subprotocols=["streamlit"], max_size=None, open_timeout=PAGE_TIMEOUT)

    async def walk(self, journey_number: int) -> None:
        steps = self.journeys[journey_number % len(self.journeys)]
        try:
            async with self.connect() as ws:
                for step in steps:
                    await self.open_page(ws, step)
        except Exception as error:  # a refused connection, a timeout, a dropped socket: an error of the run
            self.errors.append(f"session {self.number}: journey {journey_number}: {type(error).__name__}: {error}")

    async def run(self, *, rounds: int | None = None, until: float | None = None) -> None:
        done = 0
        while (rounds is not None and done < rounds) or (until is not None and time.monotonic() < until):
            await self.walk(self.number + done)
            done += 1


# --------------------------------------------------------------------------- figures


def percentile(ordered: list[float], fraction: float) -> float:
    """The value at ``fraction`` (0.95 for p95) of sorted ``ordered``, by the nearest rank."""
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summary(times: list[float]) -> dict[str, float | int]:
    if not times:
        return {"pages": 0}
    ordered = sorted(times)
    return {
        "pages": len(ordered),
        "median_s": round(statistics.median(ordered), 3),
        "p95_s": round(percentile(ordered, 0.95), 3),
        "max_s": round(ordered[-1], 3),
    }


def measure_served_app(name: str, drive) -> dict:
    """Serve the app (its output in ``tests/artifacts/{name}-server.log``), run ``drive(url, pid, chromium)`` against
    it (a coroutine, in a thread of its own), keep the figures it returns (:func:`save_figures`) and return them.
    Without Chromium the test skips — or fails under CI."""
    chromium = require_chromium("the load test is skipped")
    with serving(f"{name}-server") as server:
        figures = run_in_own_thread(lambda: asyncio.run(drive(server.url, server.pid, chromium)))
    save_figures(name, figures)
    return figures


def save_figures(name: str, figures: dict) -> None:
    """Keep a load test's figures in ``tests/artifacts/{name}.json``: recorded, for a person to read, not asserted."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{name}.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


def page_times(sessions, name: str | None = None) -> list[float]:
    return [run.seconds for s in sessions for run in s.times if name is None or run.name == name]


def run_in_own_thread(work):
    """Run ``work`` in a thread of its own: the browser tests' Playwright keeps an event loop running in the main
    thread for the whole test session, and asyncio cannot start a second one there."""
    result: dict = {}

    def target():
        try:
            result["value"] = work()
        except BaseException as exc:  # re-raised in the caller's thread
            result["error"] = exc

    thread = threading.Thread(target=target, name="load-client")
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["value"]
