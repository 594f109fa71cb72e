"""Capacity, measured as people use the app: users arrive at a given rate, read between clicks, and leave.

An *open-loop* driver: users arrive at random (a Poisson process) whatever the server is doing — a slow server
does not slow the arrivals, as it would with a fixed number of clients that each wait for their page — and each
walks one journey over its own websocket (Home, a role's profile, the career map, routes between two roles,
the skill gap: ``tests/load/client.py``), reading for :data:`THINK` seconds (±50 %) between clicks. The offered
load is counted in pages per second. At each rate the page times of the pages asked for once the load is steady
(after the first journeys have ramped up) give a p95; the figure is the highest rate whose p95 is at or under
1 s, found by doubling the rate from 1 page/s until the p95 goes over, then halving the interval a few times.
A page still unanswered when a step ends counts as slower than any answered one; a step with an error fails.

Measured for one server process (``python -m ui.serve``) and for two workers behind nginx
(``python3 dev.py serve --workers 2``), on DDaT. Then a fixed crowd: 50 users, each clicking, reading 5 s,
clicking again, for a while — the p95 page time for each server. And the server's memory per extra session: 50
sessions held open against one. The clients run on the same machine as the server (they use little CPU, which
is reported); figures are printed, and the details saved to ``bench/results/capacity.json``.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from tests.browser.server import app_server as one_process
from tests.browser.server import cpu_seconds, rss_bytes
from tests.load.client import Session, Step, framework_journeys, percentile
from tests.load.cluster import serve_cluster

from .figures import RESULTS, ROOT, Config
from .timing import Row

__all__ = ["capacity_rows"]

FRAMEWORK_KEY = "ddat"
THINK = 5.0  # seconds a person reads between clicks (uniformly ±50 %)
TARGET_P95 = 1.0  # seconds: the capacity is the highest rate at which the p95 page time stays at or under this
CROWD = 50  # users of the fixed-crowd figure
CROWD_TARGET_P95 = 1.5
UNANSWERED = float("inf")


@dataclass(frozen=True)
class Plan:
    """How long each measurement runs."""

    step_seconds: float  # arrivals at one rate
    ramp_seconds: float  # of those, the first ones not counted (the first journeys are still ramping up)
    drain_seconds: float  # after the arrivals stop, how long journeys under way may go on
    bisections: int
    crowd_seconds: float
    crowd_ramp: float

    @classmethod
    def for_config(cls, config: Config) -> Plan:
        if config.quick:
            return cls(30, 12, 15, 0, 40, 15)
        return cls(60, 25, 20, 2, 90, 25)


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


async def _capacity(base: str, journeys: list[list[Step]], plan: Plan, label: str) -> dict:
    steps: list[dict] = []

    async def measure(rate: float) -> bool:
        result = await _step(base, journeys, rate, plan, seed=len(steps))
        steps.append(result)
        print(f"    {label}: {rate:g} pages/s → p95 {result['p95_s']} s ({result['pages_counted']} pages)", flush=True)
        await asyncio.sleep(3)  # let the server finish and settle before the next rate
        return result["ok"]

    good, bad, rate = 0.0, None, 1.0
    while bad is None and rate <= 64:
        if await measure(rate):
            good, rate = rate, rate * 2
        else:
            bad = rate
    for _ in range(plan.bisections if bad is not None else 0):
        middle = round((good + bad) / 2 * 2) / 2  # to half a page a second
        if middle in (good, bad):
            break
        if await measure(middle):
            good = middle
        else:
            bad = middle
    return {"capacity_pages_per_s": good, "first_failing_rate": bad, "steps": steps}


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
def _server(kind: str):
    """Yields (base URL, the app processes' pids)."""
    if kind == "one process":
        with one_process(RESULTS / "capacity-server.log") as server:
            yield server.url, [server.pid]
    else:
        with serve_cluster(RESULTS / "capacity-proxy.log", workers=2) as cluster:
            yield cluster.url, cluster.workers


async def _warm(base: str, journeys: list[list[Step]]) -> None:
    """Every worker loads the framework and draws each page once before anything is timed."""
    sessions = [Session(base, n, journeys) for n in range(6)]
    await asyncio.gather(*(s.run(rounds=len(journeys)) for s in sessions))


def _measure(kind: str, journeys: list[list[Step]], plan: Plan) -> dict:
    with _server(kind) as (base, pids):
        asyncio.run(_warm(base, journeys))
        cpu_before = [cpu_seconds(pid) for pid in pids]
        client_cpu = time.process_time()
        print(f"  {kind}: finding the capacity", flush=True)
        result = asyncio.run(_capacity(base, journeys, plan, kind))
        print(f"  {kind}: {CROWD} users reading {THINK:g} s between clicks", flush=True)
        result["crowd"] = asyncio.run(_crowd(base, journeys, plan))
        print(f"    p95 {result['crowd']['p95_s']} s", flush=True)
        used = [cpu_seconds(pid) - before for pid, before in zip(pids, cpu_before, strict=True)]
        result["server_cpu_s"] = [round(seconds, 1) for seconds in used]
        result["client_cpu_s"] = round(time.process_time() - client_cpu, 1)
        answered = sum(step["answered"] for step in result["steps"]) + result["crowd"]["answered"]
        result["server_cpu_ms_per_page"] = round(sum(used) / answered * 1000, 1) if answered else None
        result["load_average"] = os.getloadavg()
        if kind == "one process":
            result["memory"] = asyncio.run(_memory(base, pids, journeys))
    return result


def _steps_note(result: dict) -> str:
    tried = ", ".join(f"{s['rate']:g}/s → {s['p95_s'] if s['p95_s'] is not None else '∞'} s" for s in result["steps"])
    return f"p95 at each rate tried: {tried}"


def capacity_rows(config: Config) -> list[Row]:
    plan = Plan.for_config(config)
    journeys = framework_journeys(ROOT / "data" / "ddat.yaml", FRAMEWORK_KEY)
    results = {kind: _measure(kind, journeys, plan) for kind in ("one process", "two workers")}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "capacity.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    one, two = results["one process"], results["two workers"]
    c1, c2 = one["capacity_pages_per_s"], two["capacity_pages_per_s"]
    ratio = c2 / c1 if c1 else None
    reading = f"DDaT, users arriving at random, reading {THINK:g} s ±50 % between clicks"
    rows = [
        Row(
            "capacity, one process: highest page rate with p95 ≤ 1 s",
            f"{c1:g} pages/s",
            note=f"{reading}; {_steps_note(one)}; server CPU {sum(one['server_cpu_s'])} s, "
            f"client {one['client_cpu_s']} s; server CPU per page {one['server_cpu_ms_per_page']} ms; "
            f"load average at the end {one['load_average'][0]:.1f}",
        ),
        Row(
            "capacity, two workers behind nginx",
            f"{c2:g} pages/s",
            f"{c1:g} pages/s (one process)",
            ratio,
            "≥ 1.7×",
            ratio is not None and ratio >= 1.7,
            f"{reading}; {_steps_note(two)}; worker CPU {two['server_cpu_s']} s, client {two['client_cpu_s']} s; "
            f"server CPU per page {two['server_cpu_ms_per_page']} ms; load average {two['load_average'][0]:.1f}",
        ),
    ]
    for kind, result in results.items():
        crowd = result["crowd"]
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
    memory = one["memory"]
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
