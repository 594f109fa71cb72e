"""A file made when its button is pressed waits for the run of an edit sent with the press (ui.run_gate), and is
made by the newest run's maker (ui.downloads): the words typed last are in it. Threads stand for Streamlit's
(the run's and the press's); every wait here ends on an event, not on a clock."""

from __future__ import annotations

import threading
import time

import pytest

from ui import downloads
from ui.run_gate import RunGate

LABEL = "Download the plan (Markdown)"


def pressed(run) -> tuple[threading.Thread, dict]:
    """Press a deferred download's button in a thread of its own: what it made, once it has."""
    made: dict = {}

    def press() -> None:
        made["data"] = run()

    thread = threading.Thread(target=press, daemon=True)
    thread.start()
    return thread, made


def test_a_press_during_a_run_is_made_after_it_by_the_newest_runs_maker():
    gate, latest, failures = RunGate(), {LABEL: lambda: "before the edit"}, {}
    run = downloads._deferred(LABEL, "plan.md", ".md", "token", failures, latest, gate)
    with gate.running():  # the run taking the edit in
        thread, made = pressed(run)
        latest[LABEL] = lambda: "with the words typed last"  # what that run leaves
        assert "data" not in made, "the file waits for the run"
    thread.join(timeout=30)
    assert made == {"data": "with the words typed last"}
    assert failures == {}


def test_a_press_whose_edit_arrives_just_after_it_waits_for_that_run():
    gate, latest = RunGate(), {LABEL: lambda: "before the edit"}
    entered, release = threading.Event(), threading.Event()

    def edit_run() -> None:
        entered.wait(30)  # the press has been made: the edit's run starts after it, within the grace
        with gate.running():
            latest[LABEL] = lambda: "with the words typed last"
            release.wait(30)

    editor = threading.Thread(target=edit_run, daemon=True)
    editor.start()
    since = time.monotonic()
    waiter = threading.Thread(target=lambda: results.append(gate.settle(since, grace=30, timeout=30)), daemon=True)
    results: list[bool] = []
    waiter.start()
    entered.set()
    release.set()
    waiter.join(timeout=60)
    editor.join(timeout=60)
    assert results == [True]
    assert latest[LABEL]() == "with the words typed last"


def test_a_press_with_no_edit_pending_is_made_after_the_grace():
    gate = RunGate()
    assert gate.settle(time.monotonic(), grace=0.0, timeout=30)


def test_a_run_ended_by_an_exception_is_no_longer_in_progress():
    gate = RunGate()

    class Stopped(Exception):  # st.stop and st.rerun end a run by raising
        pass

    with pytest.raises(Stopped), gate.running():
        raise Stopped
    assert gate.settle(time.monotonic(), grace=0.0, timeout=0.0)
