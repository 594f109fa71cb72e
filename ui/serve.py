"""Start the app: ``python -m ui.serve [streamlit run options]`` (what ``python3 dev.py app`` runs).

The same as ``streamlit run app.py``, with these differences:

* Streamlit's legacy multipage mode is off from the start. With a ``pages/`` folder beside ``app.py``,
  Streamlit would otherwise serve the very first visit after a server start in that mode (its own page list
  for a moment, before ``app.py``'s navigation takes over; see ``ui.state.leave_legacy_pages_mode``, which
  still covers a plain ``streamlit run``).
* The shipped frameworks are loaded before the first visitor arrives.
* Every response carries :data:`SECURITY_HEADERS`: no other site may frame the app (``frame-ancestors``, and
  ``X-Frame-Options`` for older browsers), so it cannot be overlaid to trick a user into clicks. Streamlit has
  no setting for response headers; its server is a Starlette application whose middleware Streamlit makes in
  one function, so :class:`SecurityHeaders` is put first in that stack — for pages, static files, health
  checks and refusals alike. (Behind a reverse proxy, the proxy may set them too.)
"""

from __future__ import annotations

import sys
from pathlib import Path

from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli
from streamlit.web.server.starlette import starlette_app

from ui.data import preload

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


def main(argv: list[str]) -> None:
    PagesManager.uses_pages_directory = False
    add_security_headers()
    preload()  # the shipped frameworks, before the first session: see ui.data.preload
    cli.main(["run", str(APP), *argv], prog_name="streamlit", standalone_mode=True)


if __name__ == "__main__":
    main(sys.argv[1:])
