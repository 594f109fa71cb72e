"""No log line carries a person's data (``ui.logsafe``): an exception logged by any logger — Streamlit's own,
which keep their own handlers — comes out as its kind and its places, never its message, for it and every
exception it was raised from."""

from __future__ import annotations

import io
import logging
import threading

import pytest

from ui import logsafe

CANARY = "CANARY-Ngozi-Okafor-personal-note"


@pytest.fixture
def captured():
    """A logger set up as Streamlit sets up each of its own: a handler of its own, not propagating."""
    logsafe.install()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("streamlit.test_logsafe")
    logger.propagate = False
    logger.addHandler(handler)
    yield logger, stream
    logger.removeHandler(handler)


def _layout_failure() -> None:
    try:
        raise ValueError(f"the cell holds {CANARY}")  # as reportlab's LayoutError quotes the paragraph
    except ValueError as error:
        raise RuntimeError(f"Callable execution failed: {error}") from error  # as Streamlit wraps it


def test_an_exception_is_logged_by_kind_and_place_without_its_message_or_its_cause_s(captured):
    logger, stream = captured
    try:
        _layout_failure()
    except RuntimeError:
        logger.exception("Error executing deferred callable for file_id %s", "abc123")
    written = stream.getvalue()
    assert CANARY not in written
    assert "Error executing deferred callable for file_id abc123" in written
    assert "builtins.ValueError (its message is not logged" in written
    assert "builtins.RuntimeError (its message is not logged" in written
    assert "which led to" in written
    assert "test_logsafe.py" in written
    assert "in _layout_failure" in written


def test_an_exception_given_as_an_argument_is_logged_as_its_kind(captured):
    logger, stream = captured
    logger.error("upload failed: %s", ValueError(CANARY))
    assert stream.getvalue().strip() == (
        "ERROR streamlit.test_logsafe: upload failed: ValueError (its message is not logged: it may quote a "
        "person's data)"
    )


def test_an_uncaught_exception_of_a_thread_is_logged_without_its_message(caplog):
    logsafe.install()

    def fail() -> None:
        raise KeyError(CANARY)

    thread = threading.Thread(target=fail, name="a-download")
    thread.start()
    thread.join()
    written = caplog.text
    assert "uncaught in a-download" in written
    assert "builtins.KeyError" in written
    assert CANARY not in written


def test_installing_twice_changes_nothing(captured):
    factory = logging.getLogRecordFactory()
    logsafe.install()
    assert logging.getLogRecordFactory() is factory
