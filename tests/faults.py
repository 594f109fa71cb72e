"""The app's server with faults put in: ``python -m tests.faults [python -m ui.serve options]``.

For the test that searches the server's log for a person's data after every kind of failure
(``tests/browser/test_failure_logs.py``). Each fault raises an exception whose message quotes what the person
entered — as reportlab's ``LayoutError`` quoted the agreed action it could not place — in one of the places a
failure can happen:

* making a document a person downloads (the plan's Markdown): a deferred download, run by Streamlit;
* drawing a page (the development record's progress, once its section is opened): caught by ``app.py``;
* a widget's callback (taking a record's levels on the Skill gap page): uncaught, logged by Streamlit itself.

Everything else is the app as ``python -m ui.serve`` runs it.
"""

from __future__ import annotations

import sys
import threading

import framework.planfiles
import framework.progress

_plan_markdown = framework.planfiles.plan_markdown


def _markdown_fault(plan):
    """The plan's Markdown fails when made for a download (outside the page's own run, which previews it)."""
    if threading.current_thread().name.startswith("ScriptRunner"):
        return _plan_markdown(plan)
    raise ValueError(f"cannot lay out the plan of {plan.person}")


def _progress_fault(record, *_args, **_kwargs):
    raise ValueError(f"cannot follow the record of {record.person}")


def _record_levels_fault(_framework, record, _source=None):
    raise ValueError(f"cannot read the levels of {record.person}")


def main(argv: list[str]) -> None:
    framework.planfiles.plan_markdown = _markdown_fault  # before the pages' modules take it by name
    framework.progress.progress = _progress_fault
    import ui.views.gap

    ui.views.gap._take_record = _record_levels_fault  # looked up when the callback runs

    from ui.serve import main as serve

    serve(argv)


if __name__ == "__main__":
    main(sys.argv[1:])
