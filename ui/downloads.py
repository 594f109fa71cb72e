"""Download buttons for the documents made from what a person brought: a plan, a record, a team's matrix.

Each such document is

* made only when its button is pressed (Streamlit's deferred download), never on every run of the page;
* made from the person's last edit: an edit sent as the button takes the focus (a text box keeps what is
  typed until then) is taken in by its run first, and the document is made from what the newest run left
  (:mod:`ui.run_gate`);
* made from inputs already held to their bounds (:mod:`framework.docbounds`), and the page says what was cut
  (:func:`cuts_notice`) before anyone presses a button;
* made in a process of its own, in its turn in the fair queue, within a time and a memory budget, where it may
  cost more than a few milliseconds (:class:`Apart`: a PDF, a workbook, a record's YAML); Markdown, CSV and
  JSON are made here, in time linear in their bounded input;
* never a dead button: a document that cannot be made is said to be so — under the button at once (Streamlit's
  own "Failed to generate file for download"), and in the app's words, with the reason, on the page's next
  run — and its failure is logged by kind and place only, never with the person's data (the file's name
  holds their name, so not even that).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

import streamlit as st

from framework.textsafe import md_escape
from ui import run_gate
from ui.render import MIME_TYPES
from ui.upload_worker import DocumentFailed, kind_and_place, make_document
from ui.waiting import session_token

__all__ = ["Apart", "DocumentNotMade", "cuts_notice", "offer"]

_FAILED = "_documents_not_made"  #: session key: file name → why it could not be made, until shown
_LATEST = "_documents_latest"  #: session key: a button's label → how the newest run makes its document
_log = logging.getLogger("career_explorer")


@dataclass(frozen=True)
class Apart:
    """A document made in a child process: ``ui.upload_worker.MAKERS[maker](*args)``. ``args`` may be a function
    giving them when the button is pressed, so that a document is made from what the person has entered then."""

    maker: str
    args: tuple | Callable[[], tuple]


class DocumentNotMade(Exception):
    """What a deferred download raises when its document could not be made (no data in its message)."""


def cuts_notice(cuts: Sequence[str], *, where=st) -> None:
    """Say what the files leave out or cut, if anything (``cuts`` from :class:`framework.docbounds.Bounded`)."""
    if cuts:
        where.info(md_escape(" ".join(cuts)), icon=":material/content_cut:")


def offer(
    label: str,
    make: Callable[[], str | bytes] | Apart,
    file_name: str,
    *,
    where=st,
    help: str | None = None,
) -> None:
    """A download button (in ``where``) for the document ``make`` makes — here, or in a child process when it is
    an :class:`Apart` — when the button is pressed: after the run of an edit sent with the press, by the newest
    run's ``make`` for the same ``label`` (a label names one document in a session). If the last try failed,
    the page says why, below."""
    failures = st.session_state.setdefault(_FAILED, {})
    latest = st.session_state.setdefault(_LATEST, {})
    latest[label] = make
    suffix = PurePath(file_name).suffix
    where.download_button(
        label,
        _deferred(label, file_name, suffix, session_token(), failures, latest, run_gate.gate()),
        file_name=file_name,
        mime=MIME_TYPES[suffix],
        icon=":material/download:",
        on_click="ignore",
        help=help,
    )
    why = failures.pop(file_name, None)
    if why:
        st.warning(
            f"{md_escape(label)}: the file could not be made — {md_escape(why)}. Nothing you entered is lost: "
            "try again, or download it in another format.",
            icon=":material/error:",
        )


def _deferred(
    label: str, file_name: str, suffix: str, session: str, failures: dict, latest: dict, gate: run_gate.RunGate
) -> Callable[[], str | bytes]:
    def run() -> str | bytes:
        gate.settle(time.monotonic())  # the run of the edit sent with the press, if any, ends first
        make = latest[label]  # the newest run's: it has taken that edit in
        try:
            if isinstance(make, Apart):
                args = make.args() if callable(make.args) else make.args
                data = make_document(make.maker, *args, session=session)
            else:
                data = make()
        except DocumentFailed as error:
            failures[file_name] = str(error)
            _log.warning("a %s file could not be made: %s", suffix, type(error).__name__)
            raise DocumentNotMade(f"a {suffix} file could not be made") from None
        except Exception as error:  # a fault of the app: its kind and place in the log, a message on the page
            failures[file_name] = "a fault of the app stopped it: please report it"
            _log.error("making a %s file failed: %s", suffix, kind_and_place(error))
            raise DocumentNotMade(f"a {suffix} file could not be made") from None
        failures.pop(file_name, None)
        return data

    return run
