"""Start the app: ``python -m ui.serve [streamlit run options] [-- --framework PATH]`` (what ``dev.py app`` runs).

The same as ``streamlit run app.py``, except for four things:

* Streamlit's legacy multipage mode is off from the start. With a ``pages/`` folder beside ``app.py``, Streamlit
  would otherwise serve the very first visit after a server start in that mode (its own page list for a moment,
  before ``app.py``'s navigation takes over; see ``ui.sidebar.leave_legacy_pages_mode``, which still covers a
  plain ``streamlit run``).
* The server is warmed (:func:`warm`): the pages' modules are imported, and the frameworks and learning
  catalogues a first visit asks for are loaded into the process's cache (with the garbage collector paused,
  then frozen out of its sight by ``ui.data.preload``), so the first person after a start does not wait for
  them, and the health check (``/_stcore/health``) answers only once the server is ready — what a proxy or a
  container platform waits for before sending anyone. Only framework and catalogue files are loaded: nothing
  of any person's. The spare processes that check uploads and make documents start only after the first
  page (:func:`ui.upload_worker.start_soon`).
* Every response carries the security headers, and a request for a host name the app does not serve is
  refused (:mod:`ui.middleware`, given to Streamlit's public ``st.App(..., middleware=...)`` in
  ``ui/server_app.py``, which is what this runs). ``--allowed-hosts NAME,NAME`` names the hosts (default: the
  loopback names).
* No log line carries a person's data (:mod:`ui.logsafe`).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from ui import logsafe
from ui.middleware import HOSTS_VARIABLE, SECURITY_HEADERS, allowed_hosts

__all__ = ["SECURITY_HEADERS", "main", "warm"]

ROOT = Path(__file__).resolve().parents[1]
SERVER_APP = ROOT / "ui" / "server_app.py"  #: app.py served through st.App, with the middleware


def _hosts_option(argv: list[str]) -> list[str]:
    """``argv`` without ``--allowed-hosts NAMES`` (before any ``--``), whose names go to :data:`HOSTS_VARIABLE`,
    where the middleware reads them."""
    end = argv.index("--") if "--" in argv else len(argv)
    out, i = [], 0
    while i < len(argv):
        word = argv[i]
        if i < end and (word == "--allowed-hosts" or word.startswith("--allowed-hosts=")):
            value = word.partition("=")[2] if "=" in word else (argv[i + 1] if i + 1 < end else "")
            os.environ[HOSTS_VARIABLE] = ",".join(allowed_hosts(value))
            i += 1 if "=" in word else 2
            continue
        out.append(word)
        i += 1
    return out


def _framework_file(argv: list[str]) -> Path | None:
    """The ``--framework PATH`` given to the app (after ``--``), if any."""
    if "--" not in argv:
        return None
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--framework", type=Path)
    known, _ = parser.parse_known_args(argv[argv.index("--") + 1 :])
    return known.framework


def warm(argv: list[str]) -> None:
    """Import every page's module and load a ``--framework`` file and the shipped frameworks into the cache the
    app's runs use. A framework file with problems is left for the app to report on its first run."""
    from framework import FrameworkError
    from framework.yamlsafe import gc_paused
    from ui import data, learning, pages

    # Outside a script run, Streamlit warns about a missing ScriptRunContext whenever cached code runs.
    quiet = [logging.getLogger(n) for n in list(logging.root.manager.loggerDict) if n.startswith("streamlit")]
    levels = [logger.level for logger in quiet]
    for logger in quiet:
        logger.setLevel(logging.ERROR)
    try:
        for spec in pages.PAGES:
            importlib.import_module("ui.views." + Path(spec.script).stem)
        local = _framework_file(argv)
        # No session runs yet: the collector is paused while everything loads, and stays paused until
        # ``preload`` has frozen it all out of its sight. Resumed in between, its first collection would walk
        # the ``--framework`` file's millions of objects once more for nothing (0.45 s at 10,000 roles).
        with gc_paused():
            if local is not None:  # named as the app names it, so its runs find it in the cache
                try:
                    data.load(data.LOCAL, local)
                except OSError:  # the app's first run tries again, and says what went wrong
                    pass
                except FrameworkError as error:  # its pages say what is wrong; a path mistyped is said here too
                    unreadable = [p for p in error.problems if p.code == "unreadable"]
                    if unreadable:
                        print(f"--framework {unreadable[0]}", file=sys.stderr)
            learning.shipped_catalogues()  # the sidebar's learning panel reads them on every first page
            data.preload()  # last: it freezes everything loaded so far out of the garbage collector's sight
    finally:
        for logger, level in zip(quiet, levels, strict=True):
            logger.setLevel(level)


def main(argv: list[str]) -> None:
    logsafe.install()
    argv = _hosts_option(argv)
    PagesManager.uses_pages_directory = False
    warm(argv)
    cli.main(["run", str(SERVER_APP), *argv], prog_name="streamlit", standalone_mode=True)


if __name__ == "__main__":
    main(sys.argv[1:])
