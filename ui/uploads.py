"""One way for a page to take a file a person uploads — a saved self-assessment, a development record: read once,
used once, and what is wrong with it said for as long as it stays in the uploader.

:func:`file_upload` draws the uploader and hands a file the page has not used yet to the page's ``use(name,
data)``, which reads and applies it and returns what to say (:class:`Used`). A file ``use`` cannot read — it
raises a :class:`~framework.FrameworkError` — changes nothing; its problems are listed with their places, and
listed again on every run while the file stays in the uploader, without reading it again. Which file was used,
and a refused file's problems, are kept in this session only, under the uploader's own key.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import streamlit as st

from framework import FrameworkError
from ui import render

__all__ = ["FILE_TYPES", "Used", "file_upload"]

FILE_TYPES = ("yaml", "yml", "json")  #: what a saved file of the app is: YAML, or JSON (which is YAML)


@dataclass(frozen=True)
class Used:
    """What a page says of a file it has just used: a line of success (Markdown, escaped), and lines to show
    under it as they are (warnings). Nothing: the page says it elsewhere, in its own place."""

    said: str | None = None
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Done:
    """The file last handed to the page (its upload id), and why it was refused, if it was."""

    file_id: str
    refused: FrameworkError | None = None


def file_upload(
    label: str,
    *,
    key: str,
    use: Callable[[str, bytes], Used],
    kept: str,
    help: str,
    types: Sequence[str] = FILE_TYPES,
    max_mb: int = 1,
) -> None:
    """An uploader (``label``, ``key``, ``help``; files of ``types`` up to ``max_mb`` MB) whose file is given to
    ``use(name, data)`` once. When ``use`` raises a :class:`~framework.FrameworkError`, the file could not be used
    and ``kept`` says what stays as it was ("your assessment is unchanged")."""
    upload = st.file_uploader(label, type=list(types), key=key, max_upload_size=max_mb, help=help)
    done_key = f"{key}-done"
    done = st.session_state.get(done_key)
    if upload is None:
        st.session_state.pop(done_key, None)
        return
    if isinstance(done, _Done) and done.file_id == upload.file_id:
        if done.refused is not None:
            render.unusable_file(upload.name, done.refused, kept=kept)
        return
    try:
        used = use(upload.name, upload.getvalue())
    except FrameworkError as error:
        st.session_state[done_key] = _Done(upload.file_id, error)
        render.unusable_file(upload.name, error, kept=kept)
        return
    st.session_state[done_key] = _Done(upload.file_id)
    if used.said:
        st.success(used.said, icon=":material/check_circle:")
    if used.details:
        st.code("\n".join(used.details), language=None)
