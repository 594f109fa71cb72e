"""Load: one session uploads the worst framework file the limits allow, again and again, while another session
reads pages — the attacker must not hurt the other user.

The real app on loopback (``python -m ui.serve``, as ``dev.py app`` runs it). The attacker is Chromium, using
the sidebar's uploader as a person would: three uploads in a row of the worst file (tests/hostile.py: roles at
one grade, each on a ladder of its own, all sharing two skills, as many as an upload may hold — once 23 million
moves and a server out of memory), each a little different so each is a new framework that replaces the one
before. The other user is a websocket session speaking Streamlit's protocol, opening the home page and a role's
profile one after another (half a second on each) for as long as the uploads last; the server's memory is
sampled meanwhile.

Each file is checked in a process of its own (``ui.upload_worker``), so the server's own work is only taking
the checked framework back.

Asserted: every upload is taken (the picker shows it, and only it, as uploaded); the files were checked in
processes of their own (the CPU time of the server's finished children grew); the other session kept reading
pages throughout the uploads (at least a round of its pages per upload), every one finishing without error; the
server's resident memory stays under 1 GiB at its peak (VmHWM) and after the three uploads (one upload kept per
session; with the spare check process). Recorded in ``tests/artifacts/hostile-upload.json``, not asserted (they
depend on the machine; time is measured in ``bench/``): the other session's page times alone and under attack,
the upload times, the CPU time of the server and of the check processes.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from dataclasses import dataclass, field

import pytest

from tests import hostile
from tests.browser.server import (
    CHROMIUM_ARGS,
    cpu_seconds,
    peak_rss_bytes,
    rss_bytes,
)
from tests.load.client import HOME_TITLE, Session, Step, measure_served_app, page_times, summary

UPLOADS = 3
MEMORY_LIMIT_MIB = 1024
PAGE_TIMEOUT = 120
UPLOAD_TIMEOUT = 180
THINK_S = 0.5  # the other user reads each page for a moment before opening the next, as people do
VICTIM_PAGES = [Step("home", "", "", HOME_TITLE), Step("roles", "roles", "role=delivery-manager", "Delivery Manager")]


def worst_files() -> list[tuple[str, bytes]]:
    """The worst upload, ``UPLOADS`` times, each with a name of its own (so each is another framework)."""
    size = hostile.largest(hostile.same_grade)
    text = hostile.same_grade(size)
    return [
        (f"hostile-{i}.yaml", text.replace("name: Hostile\n", f"name: Hostile {i}\n", 1).encode())
        for i in range(UPLOADS)
    ]


@dataclass
class Victim(Session):
    """Another user: one websocket session opening the home page and a role's profile one after another, reading
    each for a moment, for ``rounds`` rounds or until ``until`` is set; each page's time, and any error."""

    journeys: list[list[Step]] = field(default_factory=lambda: [VICTIM_PAGES])

    async def read(self, *, rounds: int | None = None, until: threading.Event | None = None) -> None:
        done = 0
        try:
            async with self.connect() as ws:
                while (rounds is not None and done < rounds) or (until is not None and not until.is_set()):
                    for step in VICTIM_PAGES:
                        await self.open_page(ws, step)
                        await asyncio.sleep(THINK_S)
                    done += 1
        except Exception as error:  # a refused connection, a timeout, a dropped socket: an error of the run
            self.errors.append(f"{type(error).__name__}: {error}")


async def attack(browser, base: str, files: list[tuple[str, bytes]], done: threading.Event, record: dict) -> None:
    """Upload each file in turn in one Chromium session, waiting until the app has taken it."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    try:
        await page.goto(base + "/", timeout=PAGE_TIMEOUT * 1000)
        await page.wait_for_selector('[data-testid="stMain"] h1', timeout=PAGE_TIMEOUT * 1000)
        panel = page.locator(
            '[data-testid="stSidebar"] [data-testid="stExpander"]', has_text="Use your own framework file"
        )
        await panel.locator("summary").click()
        label = page.locator('[data-testid="stWidgetLabel"]', has_text="Framework")
        picker = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]', has=label).locator("input")
        for number, (name, data) in enumerate(files):
            start = time.perf_counter()
            await (
                panel.locator('[data-testid="stFileUploader"]', has_text="Framework YAML")
                .locator('input[type="file"]')
                .set_input_files(files=[{"name": name, "mimeType": "application/yaml", "buffer": data}])
            )
            while await picker.input_value() != f"Hostile {number} (uploaded)":  # the app has taken it
                if time.perf_counter() - start > UPLOAD_TIMEOUT:
                    raise TimeoutError(f"{name} was not taken within {UPLOAD_TIMEOUT} s")
                await asyncio.sleep(0.2)
            record["upload_seconds"].append(round(time.perf_counter() - start, 2))
        await picker.click()  # the options: only the last upload is listed as uploaded
        options = await page.get_by_role("option").all_inner_texts()
        record["uploaded_options"] = [o.strip() for o in options if o.strip().endswith("(uploaded)")]
        await page.keyboard.press("Escape")
        record["attacker_exceptions"] = await page.locator('[data-testid="stException"]').all_inner_texts()
    finally:
        done.set()
        await context.close()


async def sample_memory(pid: int, done: threading.Event, samples: list[float]) -> None:
    while not done.is_set():
        samples.append(rss_bytes(pid) / 2**20)
        await asyncio.sleep(0.2)


async def drive(base: str, pid: int, chromium: str) -> dict:
    from playwright.async_api import async_playwright

    files = worst_files()
    record: dict = {"upload_seconds": [], "uploaded_options": [], "attacker_exceptions": []}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        try:
            await Victim(base, 0).read(rounds=2)  # warm: the shipped framework and its tables are built
            alone = Victim(base, 1)
            await alone.read(rounds=3)
            before, cpu_before = rss_bytes(pid) / 2**20, cpu_seconds(pid)
            checks_before = cpu_seconds(pid, children=True)
            done, samples = threading.Event(), []
            victim = Victim(base, 2)
            await asyncio.gather(
                attack(browser, base, files, done, record), victim.read(until=done), sample_memory(pid, done, samples)
            )
            after, cpu_during = rss_bytes(pid) / 2**20, cpu_seconds(pid) - cpu_before
            checks_during = cpu_seconds(pid, children=True) - checks_before
        finally:
            await browser.close()
    under = page_times([victim])
    return {
        "file": {"name": files[0][0], "bytes": len(files[0][1]), "roles": hostile.largest(hostile.same_grade)},
        "cpus": os.cpu_count(),
        "load_average_after": os.getloadavg()[0],
        "victim_alone": summary(page_times([alone])),
        "victim_under_attack": summary(under),
        "upload_seconds": record["upload_seconds"],
        "server_cpu_seconds_during_uploads": round(cpu_during, 1),
        "check_processes_cpu_seconds_during_uploads": round(checks_during, 1),
        "uploaded_options": record["uploaded_options"],
        "attacker_exceptions": record["attacker_exceptions"],
        "server_mib": {
            "before": round(before, 1),
            "peak_sampled": round(max(samples, default=before), 1),
            "peak_VmHWM": round(peak_rss_bytes(pid) / 2**20, 1),
            "after": round(after, 1),
        },
        "errors": alone.errors + victim.errors,
    }


@pytest.mark.timeout(600)
def test_the_worst_upload_never_hurts_another_session():
    figures = measure_served_app("hostile-upload", drive)
    memory, alone, under = figures["server_mib"], figures["victim_alone"], figures["victim_under_attack"]
    print(
        f"\nhostile upload: {UPLOADS} × {figures['file']['bytes'] / 1024:.0f} KiB ({figures['file']['roles']:,} roles "
        f"at one grade), each taken in {figures['upload_seconds']} s (server CPU "
        f"{figures['server_cpu_seconds_during_uploads']} s in all, the processes the files were checked in "
        f"{figures['check_processes_cpu_seconds_during_uploads']} s); {figures['cpus']} CPUs, load average "
        f"{figures['load_average_after']:.1f}\n"
        f"  other session's pages: alone median {alone.get('median_s')} s, max {alone.get('max_s')} s; during the "
        f"uploads {under['pages']} pages, median {under.get('median_s')} s, max {under.get('max_s')} s\n"
        f"  server memory (MiB): {memory['before']} before, peak {memory['peak_VmHWM']} (its own), {memory['after']} "
        "after (with the spare check process)"
    )
    assert not figures["errors"], "\n".join(figures["errors"][:20])
    assert figures["attacker_exceptions"] == []
    assert len(figures["upload_seconds"]) == UPLOADS, "every upload was taken"
    assert figures["uploaded_options"] == [f"Hostile {UPLOADS - 1} (uploaded)"], "one upload kept per session"
    assert under["pages"] >= UPLOADS * len(VICTIM_PAGES), "the other session kept reading pages during the uploads"
    assert figures["check_processes_cpu_seconds_during_uploads"] > 0, "the files were checked in the server itself"
    assert memory["peak_VmHWM"] < MEMORY_LIMIT_MIB, memory
    assert memory["after"] < MEMORY_LIMIT_MIB, memory
