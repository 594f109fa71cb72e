"""Whose turn it is: a session's place in the queue of work done apart (:mod:`ui.upload_worker`), and telling the
person while their file waits.

The queue is fair between sessions, so it needs to know which session asks. A random token kept in the
session's own state names it (:func:`session_token`): nothing about the person, and gone with the session.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

import streamlit as st

__all__ = ["session_token", "upload_waiting"]

_TOKEN = "_queue_token"


def session_token() -> str:
    """This browser session's name in the queue: a random token, the same for the whole session."""
    token = st.session_state.get(_TOKEN)
    if token is None:
        token = st.session_state[_TOKEN] = secrets.token_hex(8)
    return token


def waiting_text(ahead: int) -> str:
    files = "1 file is" if ahead == 1 else f"{ahead} files are"
    return f"Your file is waiting: {files} ahead of it. It is checked as soon as they are done."


def upload_waiting() -> Callable[[int], None]:
    """For a check that may wait: tells the person, in a notification that follows the queue, how many files
    go before theirs (only when it has to wait at all)."""
    toast = None

    def tell(ahead: int) -> None:
        nonlocal toast
        if toast is None:
            toast = st.toast(waiting_text(ahead), icon=":material/hourglass_top:", duration="long")
        else:
            toast.toast(waiting_text(ahead), icon=":material/hourglass_top:", duration="long")

    return tell
