"""No line of the server's log carries a person's data.

An exception's message often quotes what it was given: reportlab's ``LayoutError`` quotes the paragraph it
could not place (an agreed action a person typed), a parser's error quotes the line of a file, and Streamlit
logs every uncaught exception of a script or a download with its message and its causes' messages. So
:func:`install` puts a log-record factory in place, for every logger of the process (Streamlit's own, which do
not propagate to the root, included): a record's exception is replaced by what went wrong and where — each
exception's kind, for it and every exception in its chain, and the traceback's places (file, line, function
and that line of code) — never a message; and an argument that is an exception is logged as its kind. Uncaught
exceptions of threads and of the process are logged the same way.

The app's own messages name places and kinds only (``ui.downloads``, ``app.py``); this is what keeps the
promise for every other line, whoever writes it.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback

__all__ = ["install", "safe_traceback"]

WITHHELD = "its message is not logged: it may quote a person's data"
_installed = False


def _chain(error: BaseException) -> list[BaseException]:
    """``error`` and the exceptions it was raised from or during, the first raised first."""
    chain, seen = [], set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    return chain[::-1]


def safe_traceback(error: BaseException) -> str:
    """A traceback of ``error`` and its chain with every place and every exception's kind, and no message."""
    parts = []
    for number, current in enumerate(_chain(error)):
        if number:
            parts.append("\nwhich led to\n\n")
        parts.append("Traceback (most recent call last):\n")
        parts += traceback.format_list(traceback.extract_tb(current.__traceback__))
        kind = type(current)
        parts.append(f"{kind.__module__}.{kind.__qualname__} ({WITHHELD})\n")
    return "".join(parts).rstrip("\n")


def _kind(value: object) -> object:
    if isinstance(value, BaseException):
        return f"{type(value).__name__} ({WITHHELD})"
    return value


def install() -> None:
    """Make every log record of this process free of exception messages (once; later calls do nothing)."""
    global _installed
    if _installed:
        return
    _installed = True
    make_record = logging.getLogRecordFactory()

    def safe_record(*args, **kwargs) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        error = record.exc_info[1] if record.exc_info else None
        if error is not None:
            record.exc_text = safe_traceback(error)
            record.exc_info = None
        if isinstance(record.args, tuple) and any(isinstance(a, BaseException) for a in record.args):
            record.args = tuple(_kind(a) for a in record.args)
        return record

    logging.setLogRecordFactory(safe_record)
    log = logging.getLogger("career_explorer")

    def thread_hook(hook_args: threading.ExceptHookArgs) -> None:
        if hook_args.exc_value is not None and not isinstance(hook_args.exc_value, SystemExit):
            name = hook_args.thread.name if hook_args.thread else "a thread"
            log.error("uncaught in %s:\n%s", name, safe_traceback(hook_args.exc_value))

    def process_hook(kind, value, tb) -> None:
        if isinstance(value, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        log.error("uncaught:\n%s", safe_traceback(value))

    threading.excepthook = thread_hook
    sys.excepthook = process_hook
