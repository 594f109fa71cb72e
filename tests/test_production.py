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
