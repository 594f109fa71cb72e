"""Production settings of the server: no traceback reaches a user (the app's own message instead), and no other
site may frame the app — checked on the real server (``python -m ui.serve``) with real HTTP requests."""

from __future__ import annotations

import subprocess
import urllib.request

import pytest
from streamlit.testing.v1 import AppTest

import ui.views.home as home
from tests.apptest import TIMEOUT
from tests.browser.server import serving
from tests.conftest import ROOT
from ui.serve import SECURITY_HEADERS


@pytest.fixture(scope="module")
def server():
    with serving("production-headers") as running:
        yield running


@pytest.mark.parametrize("path", ["/", "/roles", "/_stcore/health", "/favicon.png", "/no-such-page"])
def test_every_response_forbids_framing_by_other_sites(server, path):
    request = urllib.request.Request(server.url + path)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            headers = response.headers
    except urllib.error.HTTPError as error:  # a missing file is an answer too, with the same headers
        headers = error.headers
    assert headers["Content-Security-Policy"] == "frame-ancestors 'self'"
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value


def test_streamlit_shows_no_error_details():
    shown = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "streamlit"), "config", "show"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert '\nshowErrorDetails = "none"\n' in shown


def test_a_fault_of_a_page_shows_the_app_s_own_message(monkeypatch):
    def broken() -> None:
        raise RuntimeError("/secret/path/of/the/server and a user's text")

    monkeypatch.setattr(home, "main", broken)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    assert not at.exception  # no traceback, type or message of the error on the page
    (error,) = at.error
    assert error.value.startswith("Something went wrong while showing this page: a fault of the app")
    assert "secret" not in error.value


def _ask(server, host: str, path: str = "/"):
    import http.client

    address = server.url.removeprefix("http://")
    connection = http.client.HTTPConnection(address, timeout=30)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", host)
    connection.endheaders()
    response = connection.getresponse()
    return response.status, response.headers, response.read()


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:8501", "localhost.attacker.example"])
def test_a_request_for_another_host_name_is_refused_with_the_headers(server, host):
    """A DNS-rebinding page reaches the server under its own name: the app answers only for the loopback names
    unless told others (``--allowed-hosts``)."""
    status, headers, body = _ask(server, host)
    assert status == 400
    assert body == b"This server does not answer for that host name.\n"
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1:8501", "[::1]:8501", "LOCALHOST."])
def test_the_loopback_names_are_answered(server, host):
    assert _ask(server, host)[0] == 200


def test_the_health_check_answers_whatever_the_name(server):
    assert _ask(server, "10.1.2.3:8080", "/_stcore/health")[:1] == (200,)


def _websocket_handshake(server, host: str) -> str:
    """The status line the server answers a websocket handshake for ``host`` with (sent as a browser sends it,
    ``Origin`` and ``Host`` alike)."""
    import base64
    import os
    import socket

    address, port = server.url.removeprefix("http://").split(":")
    request = (
        f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}:{port}\r\nOrigin: http://{host}:{port}\r\n"
        "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
        f"Sec-WebSocket-Key: {base64.b64encode(os.urandom(16)).decode()}\r\nSec-WebSocket-Protocol: streamlit\r\n\r\n"
    )
    with socket.create_connection((address, int(port)), timeout=30) as sock:
        sock.sendall(request.encode())
        return sock.recv(4096).decode("latin-1").split("\r\n", 1)[0]


def test_a_websocket_for_another_host_name_is_closed_before_it_opens(server):
    """The websocket accepts any Origin equal to Host: a rebinding page's own name is refused before that."""
    assert _websocket_handshake(server, "attacker.example") == "HTTP/1.1 403 Forbidden"
    assert _websocket_handshake(server, "localhost") == "HTTP/1.1 101 Switching Protocols"


def test_the_security_headers_come_through_streamlit_s_public_app_not_a_patched_server():
    """``ui/server_app.py`` is what ``python -m ui.serve`` runs: an ``st.App`` given the app's middleware."""
    from streamlit.web.server.app_discovery import discover_asgi_app
    from streamlit.web.server.starlette import starlette_app

    assert discover_asgi_app(ROOT / "ui" / "server_app.py").is_asgi_app
    assert not hasattr(starlette_app.create_streamlit_middleware, "security_headers")
