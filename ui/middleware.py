"""What the app's server does to every request before Streamlit sees it, given to Streamlit's public
``st.App(..., middleware=...)`` (``ui/server_app.py``):

* :class:`AllowedHosts` answers only requests for the host names it serves (:func:`allowed_hosts`: the
  loopback names unless told others). A page on another site can make its own name resolve to this server's
  address (DNS rebinding) and then talk to it as "the same origin" — Streamlit's websocket accepts any
  ``Origin`` equal to ``Host`` — so a request for any other name is refused (400), its websocket closed before
  it opens. The health check (``/_stcore/health``) answers whatever the name, for a platform's probes, which
  ask by address; it tells nothing.
* :class:`SecurityHeaders` puts :data:`SECURITY_HEADERS` on every response, refusals included: no other site
  may frame the app (``frame-ancestors``, and ``X-Frame-Options`` for older browsers), so it cannot be overlaid
  to trick a user into clicks; content types are not guessed; links do not tell other sites where they came
  from.

Names come from ``--allowed-hosts`` (``python -m ui.serve``, ``dev.py app``, ``dev.py serve``) or the
environment variable :data:`HOSTS_VARIABLE` (a comma-separated list; ``*.example.org`` takes every name under
``example.org``; ``*`` takes any name and turns the check off, for a proxy in front that checks them itself).
"""

from __future__ import annotations

import os

from starlette.datastructures import MutableHeaders

__all__ = [
    "HOSTS_VARIABLE",
    "LOOPBACK_HOSTS",
    "SECURITY_HEADERS",
    "AllowedHosts",
    "SecurityHeaders",
    "allowed_hosts",
    "host_allowed",
    "host_name",
    "middleware",
]

#: Headers on every response of the app's server.
SECURITY_HEADERS = {
    "Content-Security-Policy": "frame-ancestors 'self'",
    "X-Frame-Options": "SAMEORIGIN",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
HOSTS_VARIABLE = "CAREER_EXPLORER_ALLOWED_HOSTS"
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
HEALTH_PATH = "/_stcore/health"


def allowed_hosts(value: str | None = None) -> tuple[str, ...]:
    """The host names the app answers for: ``value`` (or :data:`HOSTS_VARIABLE`), comma-separated, else the
    loopback names. Names are compared without case, port or brackets (``[::1]:8501`` is ``::1``)."""
    text = os.environ.get(HOSTS_VARIABLE, "") if value is None else value
    names = tuple(dict.fromkeys(_bare(n) for n in text.split(",") if n.strip()))
    return names or LOOPBACK_HOSTS


def _bare(name: str) -> str:
    name = name.strip().lower().rstrip(".")
    return name[1:-1] if name.startswith("[") and name.endswith("]") else name


def host_name(host_header: str) -> str:
    """The name in a ``Host`` header, without its port: ``Example.org:8080`` → ``example.org``."""
    host = host_header.strip().lower()
    if host.startswith("["):  # an IPv6 address, with or without a port
        return host[1 : host.find("]")] if "]" in host else host
    name, colon, port = host.rpartition(":")
    return _bare(name if colon and port.isdigit() else host)


def host_allowed(host_header: str, allowed: tuple[str, ...]) -> bool:
    if "*" in allowed:
        return True
    name = host_name(host_header)
    return bool(name) and any(
        name == a or (a.startswith("*.") and name.endswith(a[1:]) and len(name) > len(a) - 1) for a in allowed
    )


class AllowedHosts:
    """ASGI middleware: a request whose ``Host`` is not one of ``hosts`` is refused (see the module docstring)."""

    def __init__(self, app, hosts: tuple[str, ...] | None = None) -> None:
        self.app = app
        self.hosts = hosts if hosts is not None else allowed_hosts()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] not in ("http", "websocket") or scope.get("path") == HEALTH_PATH:
            await self.app(scope, receive, send)
            return
        host = next((v.decode("latin-1") for k, v in scope.get("headers", ()) if k == b"host"), "")
        if host_allowed(host, self.hosts):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        body = b"This server does not answer for that host name.\n"
        headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 400, "headers": headers})
        await send({"type": "http.response.body", "body": body})


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


def middleware() -> list:
    """The app's middleware, outermost first: the headers on every answer, refusals of other hosts included."""
    from starlette.middleware import Middleware

    return [Middleware(SecurityHeaders), Middleware(AllowedHosts, hosts=allowed_hosts())]
