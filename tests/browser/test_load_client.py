"""The load tests' and the capacity benchmark's client (``tests/load/client.py``) against the app, as a browser
would be served: what it measures must be the pages a person gets."""

from __future__ import annotations

import asyncio

from framework import load_framework
from tests.conftest import ROOT
from tests.load.client import TITLES, Session, Step, run_in_own_thread


def test_a_journey_on_ddat_stays_on_ddat_from_page_to_page(app_url):
    """Streamlit takes a picker the client does not mention for one at its default: unless the client sends the
    sidebar's framework back as the browser does, a journey on DDaT went on on the council's framework a page later
    (a DDaT role's profile then said "Roles": the role is unknown to the council)."""
    ddat = load_framework(ROOT / "data" / "ddat.yaml")
    first, second = ddat.roles[3], ddat.roles[40]
    steps = [
        Step("roles", "roles", f"role={first.id}&framework=ddat", first.title),
        Step("map", "map", "framework=ddat", TITLES["map"]),
        Step("roles", "roles", f"role={second.id}&framework=ddat", second.title),
    ]
    session = Session(app_url, 0, [steps])

    async def walk():
        async with session.connect() as ws:
            for step in steps:
                await session.open_page(ws, step)

    run_in_own_thread(lambda: asyncio.run(walk()))
    assert session.errors == []
    assert [run.name for run in session.times] == ["roles", "map", "roles"]
    assert list(session.sidebar_choices.values()) == [ddat.name]
