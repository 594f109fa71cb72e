"""A session's runs in progress, so that a file made when its button is pressed holds the person's last edit.

A text box keeps what is typed in the browser until it loses the focus. Pressing a download button takes the
focus, so the edit goes to the server (a run of the page, or of its fragment) just before the press asks for
the file; Streamlit then makes the file at once, in a thread of its own, while that run may still be taking
the edit in — and a file made then would leave out the last words typed, though the page shows them.

The browser sends that edit a few tens of milliseconds *after* the press's request for the file, not before
it. So every run is counted here — a page's (:func:`page_run`, around ``app.py``) and a fragment's
(:func:`fragment`, in place of ``st.fragment``) — and a file is made only after the run that an edit sent with
the press starts within :data:`EDIT_GRACE_S` of it, and once no run is in progress (:meth:`RunGate.settle`),
from what the newest run left (:mod:`ui.downloads`). A press with no edit pending waits out the grace: half a
second, in a download. A press that reaches the server only after that run has drawn the button again finds no
file — Streamlit keeps the newest run's button alone — and the button says so at once; the next press brings the
file, with the edit. The gate lives in the session's own state: one person's runs never hold another's files.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import streamlit as st

__all__ = ["RunGate", "fragment", "gate", "page_run"]

F = TypeVar("F", bound=Callable)

_GATE = "_run_gate"
#: Seconds a press waits for the run of an edit sent with it to start (it started 18 ms after the press in the
#: browser test on the development machine: the grace leaves room for a busy one).
EDIT_GRACE_S = 0.5


class RunGate:
    """How many runs of one session are in progress (a fragment's inside its page's counts too)."""

    def __init__(self) -> None:
        self._idle = threading.Condition()
        self._running = 0
        self._last_start = float("-inf")  # time.monotonic() of the latest run's start

    @contextmanager
    def running(self) -> Iterator[None]:
        """Count the block as a run in progress, however it ends (``st.stop`` and ``st.rerun`` included)."""
        with self._idle:
            self._running += 1
            self._last_start = time.monotonic()
            self._idle.notify_all()
        try:
            yield
        finally:
            with self._idle:
                self._running -= 1
                self._idle.notify_all()

    def settle(self, since: float, *, grace: float = EDIT_GRACE_S, timeout: float = 30.0) -> bool:
        """Wait for a run starting within ``grace`` seconds after ``since`` (a ``time.monotonic()``), if one
        comes, then until no run is in progress (at most ``timeout`` seconds); whether none is."""
        with self._idle:
            self._idle.wait_for(lambda: self._last_start >= since, max(0.0, since + grace - time.monotonic()))
            return self._idle.wait_for(lambda: self._running == 0, timeout)


def gate() -> RunGate:
    """This session's gate (made on its first run)."""
    return st.session_state.setdefault(_GATE, RunGate())


@contextmanager
def page_run() -> Iterator[None]:
    """A run of the whole page (``app.py``'s body)."""
    with gate().running():
        yield


def fragment(func: F) -> F:
    """``st.fragment``, with each run of the fragment counted: an edit inside it reruns it alone."""

    @functools.wraps(func)
    def counted(*args, **kwargs):
        with gate().running():
            return func(*args, **kwargs)

    return st.fragment(counted)
