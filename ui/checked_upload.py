"""One way for the sidebar to take a file a person uploads in place of a shipped one (a framework, a learning
catalogue): checked by the caller's check, in its uploader's callback, with what is wrong kept for the panel."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from framework import FrameworkError

from .data import describe_error

__all__ = ["take_checked"]

T = TypeVar("T")


def take_checked(key: str, problems_key: str, check: Callable[[bytes, str], T]) -> T | None:
    """For an uploader's callback (the sidebar's framework and catalogue): the file under ``key`` checked by
    ``check(data, name)``, or None. What is wrong with a file is kept under ``problems_key`` as ``(name, lines)``
    for the panel to show — the file's problems with their places, or, for a fault of the app, a plain message
    and never a traceback — and cleared once a file is taken."""
    upload = st.session_state.get(key)
    if upload is None:
        return None
    try:
        checked = check(upload.getvalue(), upload.name)
    except FrameworkError as error:
        st.session_state[problems_key] = (upload.name, describe_error(error))
        return None
    except Exception as error:  # a fault of the app, not of the file: still a message, never a traceback
        fault = f"{upload.name}: could not be checked ({type(error).__name__}), a fault of the app: please report it"
        st.session_state[problems_key] = (upload.name, [fault])
        return None
    st.session_state.pop(problems_key, None)
    return checked
