"""Start the app: ``python -m ui.serve [streamlit run options] [-- --framework PATH]`` (what ``dev.py app`` runs).

The same as ``streamlit run app.py``, except for three things:

* Streamlit's legacy multipage mode is off from the start. With a ``pages/`` folder beside ``app.py``, Streamlit
  would otherwise serve the very first visit after a server start in that mode (its own page list for a moment,
  before ``app.py``'s navigation takes over; see ``ui.sidebar.leave_legacy_pages_mode``, which still covers a
  plain ``streamlit run``).
* The server is warmed (:func:`warm`): the pages' modules are imported and the frameworks a first visit asks
  for are loaded into the process's cache (the shipped ones by ``ui.data.preload``, with the garbage collector
  paused, then frozen out of its sight), so the first person after a start does not wait for them, and the
  health check (``/_stcore/health``) answers only once the server is ready — what a proxy or a container
  platform waits for before sending anyone. Only framework files are loaded: nothing of any person's.
* Every response carries :data:`SECURITY_HEADERS`: no other site may frame the app (``frame-ancestors``, and
  ``X-Frame-Options`` for older browsers), so it cannot be overlaid to trick a user into clicks. Streamlit has
  no setting for response headers; its server is a Starlette application whose middleware Streamlit makes in
  one function, so :class:`SecurityHeaders` is put first in that stack — for pages, static files, health
  checks and refusals alike. (Behind a reverse proxy, the proxy may set them too.)
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import sys
from pathlib import Path

from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli
from streamlit.web.server.starlette import starlette_app

APP = Path(__file__).resolve().parents[1] / "app.py"

#: Headers on every response of the app's server.
SECURITY_HEADERS = {
    "Content-Security-Policy": "frame-ancestors 'self'",
    "X-Frame-Options": "SAMEORIGIN",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


class SecurityHeaders:
    """ASGI middleware: :data:`SECURITY_HEADERS` on every HTTP response (the websocket has no headers to set)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def add_security_headers() -> None:
    """Put :class:`SecurityHeaders` first in the middleware Streamlit's server is built with (once)."""
    make = starlette_app.create_streamlit_middleware
    if getattr(make, "security_headers", False):
        return

    def with_headers() -> list[Middleware]:
        return [Middleware(SecurityHeaders), *make()]

    with_headers.security_headers = True  # type: ignore[attr-defined]
    starlette_app.create_streamlit_middleware = with_headers


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
    from ui import data, pages, upload_worker

    # Outside a script run, Streamlit warns about a missing ScriptRunContext whenever cached code runs.
    quiet = [logging.getLogger(n) for n in list(logging.root.manager.loggerDict) if n.startswith("streamlit")]
    levels = [logger.level for logger in quiet]
    for logger in quiet:
        logger.setLevel(logging.ERROR)
    try:
        for spec in pages.PAGES:
            importlib.import_module("ui.views." + Path(spec.script).stem)
        local = _framework_file(argv)
        if local is not None:  # named as the app names it, so its runs find it in the cache
            with contextlib.suppress(FrameworkError, OSError):
                data.load(data.LOCAL, local)
        upload_worker.start()  # the process the first upload is checked in
        data.preload()  # last: it freezes everything loaded so far out of the garbage collector's sight
    finally:
        for logger, level in zip(quiet, levels, strict=True):
            logger.setLevel(level)


def main(argv: list[str]) -> None:
    PagesManager.uses_pages_directory = False
    add_security_headers()
    warm(argv)
    cli.main(["run", str(APP), *argv], prog_name="streamlit", standalone_mode=True)


if __name__ == "__main__":
    main(sys.argv[1:])
