"""Capacity, measured as people use the app, as a ratio to Streamlit's own floor: the empty app served the same way.

An *open-loop* driver: users arrive at random (a Poisson process) whatever the server is doing — a slow server
does not slow the arrivals, as it would with a fixed number of clients that each wait for their page — and each
walks one journey over its own websocket (Home, a role's profile, the career map, routes between two roles,
the skill gap: ``tests/load/client.py``; on the empty app, its pages of the same paths), reading for
:data:`THINK` seconds (±50 %) between clicks. The offered load is counted in pages per second. At each rate the
page times of the pages asked for once the load is steady (after the first journeys have ramped up) give a
p95; an app's capacity is the highest rate whose p95 is at or under :data:`TARGET_P95`, found by doubling the
rate from 1 page/s until the p95 goes over, then bisecting (geometrically) until the rate that passed and the
one that failed are within :data:`Plan.resolution` of each other (20 % in a full run). A page still unanswered
when a step ends counts as slower than any answered one; a step with an error fails.

Ours and the empty app (``bench/empty_app.py``) are served side by side and measured **alternately**, a step of
one then a step of the other, so the noise of a shared machine falls on both: the figure is ours ÷ the empty
app's pages per second, for one server process (``python -m ui.serve``; the empty app under ``streamlit run``)
and for two workers behind nginx (``python3 dev.py serve --workers 2``; the empty app's two workers behind the
same nginx configuration, :func:`ui.proxy.nginx_config`), on DDaT. Then a fixed crowd on ours: 50 users, each
clicking, reading 5 s, clicking again, for a while — the p95 page time. And the server's memory per extra
session: 50 sessions held open against one. The clients run on the same machine as the servers (they use little
CPU, which is reported); the load average is recorded with every step. Figures are printed, and the details
saved to ``bench/results/capacity.json``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import os
import random
import shutil
import signal
import subprocess
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.browser.server import app_server as one_process
from tests.browser.server import cpu_seconds, rss_bytes
from tests.load.client import Session, Step, framework_journeys, percentile
from tests.load.cluster import serve_cluster
from ui.pages import PAGES
from ui.processes import answers_health
from ui.proxy import find_nginx, free_port, nginx_config, upload_limit_mb

from .browser import INTERACTIONS, serve, served_empty_app
from .empty_app import write_empty_app
from .figures import RESULTS, ROOT, Config
from .timing import Row

__all__ = ["capacity_rows"]

FRAMEWORK_KEY = "ddat"
THINK = 5.0  # seconds a person reads between clicks (uniformly ±50 %)
TARGET_P95 = 1.5  # seconds: the capacity is the highest rate at which the p95 page time stays at or under this
CROWD = 50  # users of the fixed-crowd figure
CROWD_TARGET_P95 = 1.5
UNANSWERED = float("inf")
FIRST_RATE, MOST_RATE, LEAST_RATE = 1.0, 128.0, 0.125  # pages per second tried: from, and within
RATIO_TARGET = 0.8  # ours against the empty app's pages per second
WORKERS_TARGET = 1.7  # two workers against one process


@dataclass(frozen=True)
class Plan:
    """How long each measurement runs."""

    step_seconds: float  # arrivals at one rate
    ramp_seconds: float  # of those, the first ones not counted (the first journeys are still ramping up)
    drain_seconds: float  # after the arrivals stop, how long journeys under way may go on
    resolution: float  # the search stops when the failing rate is at most this times the passing one
    crowd_seconds: float
    crowd_ramp: float

    @classmethod
    def for_config(cls, config: Config) -> Plan:
        if config.quick:  # to within a factor of 2: doubling only
            return cls(24, 9, 12, 2.0, 40, 15)
        return cls(60, 25, 20, 1.2, 90, 25)


@dataclass
class Clicks:
    """Every page asked for in a step: when it was asked for, and how long it took (inf if never answered)."""

    sent: list[float] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def p95(self, since: float, until: float) -> tuple[float, int]:
        counted = sorted(s for t, s in zip(self.sent, self.seconds, strict=True) if since <= t <= until)
        return (percentile(counted, 0.95) if counted else UNANSWERED), len(counted)


async def _click(session: Session, ws, step: Step, clicks: Clicks) -> None:
    index = len(clicks.sent)
    clicks.sent.append(time.monotonic())
    clicks.seconds.append(UNANSWERED)
    run = await session.open_page(ws, step)
    if run is not None:
        clicks.seconds[index] = run.seconds


async def _user(
    base: str, number: int, steps: list[Step], clicks: Clicks, rng: random.Random, stop_at: float | None = None
) -> None:
    """One person: opens the app, reads each page before the next click; given ``stop_at`` (monotonic), starts
    over until then, and clicks nothing after it."""
    session = Session(base, number, [steps])
    try:
        while True:
            async with session.connect() as ws:
                for i, step in enumerate(steps):
                    if i:
                        await asyncio.sleep(THINK * rng.uniform(0.5, 1.5))
                    if stop_at is not None and time.monotonic() >= stop_at:
                        return
                    await _click(session, ws, step, clicks)
            if stop_at is None:
                break
            await asyncio.sleep(THINK * rng.uniform(0.5, 1.5))
    except asyncio.CancelledError:
        raise
    except Exception as error:  # a refused connection or a dropped socket: an error of the step
        session.errors.append(f"user {number}: {type(error).__name__}: {error}")
    finally:
        clicks.errors += session.errors


async def _finish(tasks: list[asyncio.Task], timeout: float) -> None:
    """Let the users' tasks finish for ``timeout`` seconds, then cancel the rest (and wait a little for them: a
    cancellation that lands as a page arrives can be lost in ``asyncio.wait_for``, so never wait for ever)."""
    if tasks:
        _, pending = await asyncio.wait(tasks, timeout=timeout)
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.wait(pending, timeout=15)


async def _step(base: str, journeys: list[list[Step]], rate: float, plan: Plan, seed: int) -> dict:
    """Users arriving for ``plan.step_seconds`` so that ``rate`` pages a second are asked for, on average."""
    rng = random.Random(seed)
    clicks = Clicks()
    per_user = len(journeys[0])
    start = time.monotonic()
    end = start + plan.step_seconds
    tasks, arrival, number = [], start, 0
    while True:
        arrival += rng.expovariate(rate / per_user)
        if arrival > end:
            break
        await asyncio.sleep(max(0.0, arrival - time.monotonic()))
        user_rng = random.Random(rng.random())
        steps = journeys[number % len(journeys)]
        tasks.append(asyncio.create_task(_user(base, number, steps, clicks, user_rng)))
        number += 1
    await _finish(tasks, plan.drain_seconds)
    p95, counted = clicks.p95(start + plan.ramp_seconds, end)
    return {
        "rate": rate,
        "users": number,
        "pages_counted": counted,
        "p95_s": round(p95, 3) if p95 != UNANSWERED else None,
        "unanswered": sum(s == UNANSWERED for s in clicks.seconds),
        "answered": sum(s != UNANSWERED for s in clicks.seconds),
        "errors": clicks.errors[:10],
        "ok": p95 <= TARGET_P95 and not clicks.errors,
    }


@dataclass
class Search:
    """One app's search for its capacity: the rates tried, the highest that passed and the lowest that failed."""

    app: str  # "ours" or "empty app"
    base: str
    journeys: list[list[Step]]
    steps: list[dict] = field(default_factory=list)
    good: float = 0.0
    bad: float | None = None

    def next_rate(self, resolution: float) -> float | None:
        """The rate to try next, or None when the capacity is found to within ``resolution``."""
        if self.bad is None:
            rate = self.good * 2 if self.good else FIRST_RATE
            return rate if rate <= MOST_RATE else None
        if not self.good:  # even the first rate failed: halve it
            return self.bad / 2 if self.bad / 2 >= LEAST_RATE else None
        if self.bad <= self.good * resolution:
            return None
        return round(math.sqrt(self.good * self.bad), 2)

    def record(self, result: dict) -> None:
        self.steps.append(result)
        if result["ok"]:
            self.good = max(self.good, result["rate"])
        else:
            self.bad = result["rate"] if self.bad is None else min(self.bad, result["rate"])

    def result(self) -> dict:
        return {"capacity_pages_per_s": self.good, "first_failing_rate": self.bad, "steps": self.steps}


async def _search(searches: list[Search], plan: Plan, label: str) -> None:
    """Each app's capacity, their steps alternating (the order swapped each round) until each is found."""
    round_ = 0
    while True:
        order = searches if round_ % 2 == 0 else searches[::-1]
        pending = [(s, s.next_rate(plan.resolution)) for s in order]
        pending = [(s, rate) for s, rate in pending if rate is not None]
        if not pending:
            return
        for search, rate in pending:
            result = await _step(search.base, search.journeys, rate, plan, seed=len(search.steps))
            result["load_average"] = round(os.getloadavg()[0], 1)
            search.record(result)
            shown = result["p95_s"] if result["p95_s"] is not None else "∞"
            print(
                f"    {label}, {search.app}: {rate:g} pages/s → p95 {shown} s ({result['pages_counted']} pages, "
                f"load {result['load_average']})",
                flush=True,
            )
            await asyncio.sleep(3)  # let the server finish and settle before the next step
        round_ += 1


async def _crowd(base: str, journeys: list[list[Step]], plan: Plan) -> dict:
    """``CROWD`` users at once, each clicking, reading ``THINK`` s and clicking again, for a while."""
    rng = random.Random(50)
    clicks = Clicks()
    start = time.monotonic()
    tasks = []
    for number in range(CROWD):  # they come in over the first reading time, not all in the same instant
        await asyncio.sleep(THINK / CROWD)
        user_rng = random.Random(rng.random())
        steps = journeys[number % len(journeys)]
        tasks.append(asyncio.create_task(_user(base, number, steps, clicks, user_rng, start + plan.crowd_seconds)))
    await asyncio.sleep(max(0.0, start + plan.crowd_seconds - time.monotonic()))
    await _finish(tasks, 20)  # the pages asked for before the end are answered (or counted as unanswered)
    p95, counted = clicks.p95(start + plan.crowd_ramp, start + plan.crowd_seconds - 5)
    answered = sorted(s for s in clicks.seconds if s != UNANSWERED)
    return {
        "users": CROWD,
        "pages_counted": counted,
        "p95_s": round(p95, 3) if p95 != UNANSWERED else None,
        "median_s": round(answered[len(answered) // 2], 3) if answered else None,
        "pages_per_s": round(counted / (plan.crowd_seconds - 5 - plan.crowd_ramp), 2),
        "answered": len(answered),
        "errors": clicks.errors[:10],
    }


async def _memory(base: str, pids: list[int], journeys: list[list[Step]], sessions: int = CROWD) -> dict:
    """Server memory with one session open (a journey walked), then with ``sessions``; per extra session."""

    async def open_session(number: int):
        session = Session(base, number, journeys)
        connection = session.connect()
        ws = await connection.__aenter__()
        for step in journeys[number % len(journeys)]:
            await session.open_page(ws, step)
        return connection, session

    def rss() -> int:
        return sum(rss_bytes(pid) for pid in pids)

    first = [await open_session(0)]
    await asyncio.sleep(2)
    one = rss()
    others = []
    for start in range(1, sessions, 5):  # five at a time: the memory of sessions, not of a burst
        others += await asyncio.gather(*(open_session(n) for n in range(start, min(sessions, start + 5))))
    await asyncio.sleep(3)
    many = rss()
    errors = [e for _, s in first + others for e in s.errors]
    for connection, _ in first + others:
        await connection.__aexit__(None, None, None)
    return {
        "rss_one_mib": round(one / 2**20, 1),
        "rss_many_mib": round(many / 2**20, 1),
        "sessions": sessions,
        "per_session_mib": round((many - one) / (sessions - 1) / 2**20, 2),
        "errors": errors[:10],
    }


@contextmanager
def _empty_cluster(folder: Path, workers: int = 2):
    """The empty app's ``workers`` processes behind nginx, configured as ``dev.py serve`` configures it
    (:func:`ui.proxy.nginx_config`); yields (the proxy's URL, the workers' pids)."""
    nginx = find_nginx()
    if nginx is None:
        raise RuntimeError("nginx not found: install Debian's nginx package (python3 dev.py serve installs it)")
    with contextlib.ExitStack() as stack:
        servers = [
            stack.enter_context(serve(served_empty_app(folder), RESULTS / f"capacity-empty-{n}.log"))
            for n in range(workers)
        ]
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="career-explorer-bench-nginx-")))
        tmp.chmod(0o711)
        port = free_port()
        config = tmp / "nginx.conf"
        config.write_text(
            nginx_config(
                listen="127.0.0.1",
                port=port,
                workers=[int(s.url.rsplit(":", 1)[1]) for s in servers],
                folder=tmp,
                upload_mb=upload_limit_mb(),
            ),
            encoding="utf-8",
        )
        log = stack.enter_context((RESULTS / "capacity-empty-nginx.log").open("wb"))
        proxy = subprocess.Popen(
            [nginx, "-p", str(tmp), "-e", "stderr", "-c", str(config)],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 30
            while not answers_health(url):
                if proxy.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"nginx in front of the empty app did not start (see {log.name})")
                time.sleep(0.1)
            yield url, [s.pid for s in servers]
        finally:
            if proxy.poll() is None:
                proxy.send_signal(signal.SIGQUIT)  # nginx's graceful stop
                try:
                    proxy.wait(15)
                except subprocess.TimeoutExpired:
                    proxy.kill()
                    proxy.wait(15)


@contextmanager
def _servers(kind: str, folder: Path):
    """Ours and the empty app, served the ``kind`` way side by side: yields {app: (base URL, pids)}."""
    with contextlib.ExitStack() as stack:
        if kind == "one process":
            server = stack.enter_context(one_process(RESULTS / "capacity-server.log"))
            ours = (server.url, [server.pid])
            empty_server = stack.enter_context(serve(served_empty_app(folder), RESULTS / "capacity-empty.log"))
            empty = (empty_server.url, [empty_server.pid])
        else:
            cluster = stack.enter_context(serve_cluster(RESULTS / "capacity-proxy.log", workers=2))
            ours = (cluster.url, cluster.workers)
            empty = stack.enter_context(_empty_cluster(folder))
        yield {"ours": ours, "empty app": empty}


def empty_journeys(count: int = 8) -> list[list[Step]]:
    """The empty app's journeys: its pages of the paths ours walks (each with its own title, no query)."""
    titles = {spec.path: spec.title for spec in PAGES}
    steps = [Step(name, path, "", titles[path]) for name, path in JOURNEY]
    return [steps] * count


JOURNEY = [("home", ""), ("roles", "roles"), ("map", "map"), ("paths", "paths"), ("gap", "gap")]


async def _warm(base: str, journeys: list[list[Step]]) -> None:
    """Every worker loads the framework and draws each page once before anything is timed."""
    sessions = [Session(base, n, journeys) for n in range(6)]
    await asyncio.gather(*(s.run(rounds=len(journeys)) for s in sessions))


def _measure(kind: str, journeys: dict[str, list[list[Step]]], plan: Plan, folder: Path) -> dict:
    with _servers(kind, folder) as servers:
        for app, (base, _) in servers.items():
            asyncio.run(_warm(base, journeys[app]))
        cpu_before = {app: [cpu_seconds(pid) for pid in pids] for app, (_, pids) in servers.items()}
        client_cpu = time.process_time()
        print(f"  {kind}: finding the capacity of ours and of the empty app, alternately", flush=True)
        searches = [Search(app, base, journeys[app]) for app, (base, _) in servers.items()]
        asyncio.run(_search(searches, plan, kind))
        result = {search.app: search.result() for search in searches}
        for app, (_, pids) in servers.items():
            used = [cpu_seconds(pid) - before for pid, before in zip(pids, cpu_before[app], strict=True)]
            answered = sum(step["answered"] for step in result[app]["steps"])
            result[app]["server_cpu_s"] = [round(seconds, 1) for seconds in used]
            result[app]["server_cpu_ms_per_page"] = round(sum(used) / answered * 1000, 1) if answered else None
        result["client_cpu_s"] = round(time.process_time() - client_cpu, 1)
        base, pids = servers["ours"]
        print(f"  {kind}: {CROWD} users reading {THINK:g} s between clicks", flush=True)
        result["ours"]["crowd"] = asyncio.run(_crowd(base, journeys["ours"], plan))
        print(f"    p95 {result['ours']['crowd']['p95_s']} s", flush=True)
        result["load_average"] = os.getloadavg()
        if kind == "one process":
            result["ours"]["memory"] = asyncio.run(_memory(base, pids, journeys["ours"]))
    return result


def _steps_note(result: dict) -> str:
    tried = ", ".join(
        f"{s['rate']:g}/s → {s['p95_s'] if s['p95_s'] is not None else '∞'} s (load {s['load_average']})"
        for s in result["steps"]
    )
    return f"p95 at each rate tried: {tried}"


def _capacity_row(kind: str, result: dict, plan: Plan) -> Row:
    ours, empty = result["ours"]["capacity_pages_per_s"], result["empty app"]["capacity_pages_per_s"]
    ratio = ours / empty if empty else None

    def rate(app: str, pages: float) -> str:  # "at least" when no rate tried was too many
        return f"{'≥ ' if result[app]['first_failing_rate'] is None else ''}{pages:g} pages/s"

    within = f"to within {round((plan.resolution - 1) * 100)} %" if plan.resolution < 2 else "to within a factor of 2"
    return Row(
        f"capacity at p95 ≤ {TARGET_P95:g} s, {kind}: ours ÷ the empty app's pages per second",
        rate("ours", ours),
        f"{rate('empty app', empty)} (empty app)",
        ratio,
        f"≥ {RATIO_TARGET:g}×",
        ratio is not None and ratio >= RATIO_TARGET,
        f"DDaT, users arriving at random, reading {THINK:g} s ±50 % between clicks; each {within}, alternately; "
        f"ours: {_steps_note(result['ours'])}; empty app: {_steps_note(result['empty app'])}; server CPU per page "
        f"{result['ours']['server_cpu_ms_per_page']} ms (empty app {result['empty app']['server_cpu_ms_per_page']} "
        f"ms); load average at the end {result['load_average'][0]:.1f}",
    )


def capacity_rows(config: Config) -> list[Row]:
    plan = Plan.for_config(config)
    journeys = {
        "ours": framework_journeys(ROOT / "data" / "ddat.yaml", FRAMEWORK_KEY),
        "empty app": empty_journeys(),
    }
    folder = Path(tempfile.mkdtemp(prefix="career-explorer-empty-app-"))
    try:
        write_empty_app(folder, INTERACTIONS)
        results = {kind: _measure(kind, journeys, plan, folder) for kind in ("one process", "two workers")}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "capacity.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    rows = [_capacity_row(kind, result, plan) for kind, result in results.items()]
    one, two = (results[kind]["ours"]["capacity_pages_per_s"] for kind in ("one process", "two workers"))
    empty_one, empty_two = (
        results[kind]["empty app"]["capacity_pages_per_s"] for kind in ("one process", "two workers")
    )
    ratio = two / one if one else None
    rows.append(
        Row(
            "capacity, ours: two workers behind nginx ÷ one process",
            f"{two:g} pages/s",
            f"{one:g} pages/s (one process)",
            ratio,
            f"≥ {WORKERS_TARGET:g}×",
            ratio is not None and ratio >= WORKERS_TARGET,
            f"the empty app, the same way: {empty_two:g} against {empty_one:g} pages/s"
            + (f" ({empty_two / empty_one:.2f}×)" if empty_one else ""),
        )
    )
    for kind, result in results.items():
        crowd = result["ours"]["crowd"]
        p95 = crowd["p95_s"]
        rows.append(
            Row(
                f"{CROWD} DDaT users reading {THINK:g} s between clicks, {kind}: p95 page time",
                "never answered" if p95 is None else f"{p95:.2f} s",
                target=f"≤ {CROWD_TARGET_P95:g} s" if kind == "two workers" else "",
                met=(p95 is not None and p95 <= CROWD_TARGET_P95) if kind == "two workers" else None,
                note=f"median {crowd['median_s']} s; {crowd['pages_per_s']} pages/s; {crowd['pages_counted']} pages; "
                f"errors {len(crowd['errors'])}",
            )
        )
    memory = results["one process"]["ours"]["memory"]
    rows.append(
        Row(
            f"server memory per extra session ({memory['sessions']} protocol sessions vs 1)",
            f"{memory['per_session_mib']:.2f} MB",
            f"{memory['rss_one_mib']:.0f} MB (1 session)",
            target="≤ 10 MB",
            met=memory["per_session_mib"] <= 10,
            note=f"one process, DDaT, each session walked a journey and stays open; {memory['rss_many_mib']:.0f} MB "
            f"with {memory['sessions']}",
        )
    )
    return rows
