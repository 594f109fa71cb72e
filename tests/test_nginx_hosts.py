"""nginx, configured as ``python3 dev.py serve`` configures it, answers only for the host names it is given and
puts the security headers on every response — those it makes itself (400, 413, 421) included.

nginx runs for real, in front of a small stand-in for the workers (an HTTP server on loopback that answers
every request with 200 and a framing header of its own, which nginx must replace, not repeat).
"""

from __future__ import annotations

import contextlib
import http.client
import http.server
import os
import socket
import subprocess
import threading
import time

import pytest

from ui.middleware import SECURITY_HEADERS as APP_HEADERS
from ui.proxy import SECURITY_HEADERS, find_nginx, free_port, nginx_config, parse_hosts


class _Worker(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = f"worker saw host {self.headers.get('Host')}".encode()
        self.send_response(200)
        self.send_header("X-Frame-Options", "SAMEORIGIN")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *_args) -> None:
        pass


@pytest.fixture(scope="module")
def nginx(tmp_path_factory):
    executable = find_nginx()
    if executable is None:
        if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
            pytest.fail("CI=true but nginx is missing: python3 dev.py test installs Debian's nginx package")
        pytest.skip("nginx is not installed (python3 dev.py test installs it as root)")
    worker = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Worker)
    threading.Thread(target=worker.serve_forever, daemon=True).start()
    folder = tmp_path_factory.mktemp("nginx")
    folder.chmod(0o711)
    port = free_port()
    config = folder / "nginx.conf"
    hosts = parse_hosts("careers.example.org, localhost")
    config.write_text(
        nginx_config(
            listen="127.0.0.1", port=port, workers=[worker.server_address[1]], folder=folder, upload_mb=1, hosts=hosts
        ),
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [executable, "-p", str(folder), "-e", "stderr", "-c", str(config)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while True:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            break
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline, "nginx did not start listening"
        time.sleep(0.1)
    yield port
    process.terminate()
    process.wait(10)
    worker.shutdown()


def _ask(port: int, host: str, path: str = "/", *, body: bytes | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest("POST" if body is not None else "GET", path, skip_host=True)
    connection.putheader("Host", host)
    if body is not None:
        connection.putheader("Content-Length", str(len(body)))
    connection.endheaders(body)
    response = connection.getresponse()
    response.read()
    return response


def _has_headers_once(response: http.client.HTTPResponse) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get_all(name) == [value], name


def test_the_proxy_puts_the_same_headers_as_the_app():
    assert SECURITY_HEADERS == APP_HEADERS


@pytest.mark.parametrize("host", ["careers.example.org", "CAREERS.example.org:8443", "localhost:8501"])
def test_the_names_it_is_given_reach_the_workers_with_the_headers_once(nginx, host):
    response = _ask(nginx, host)
    assert response.status == 200
    _has_headers_once(response)  # the worker's own framing header is replaced, not repeated


@pytest.mark.parametrize("host", ["attacker.example", "127.0.0.1", "careers.example.org.attacker.example"])
def test_any_other_name_is_refused_with_the_headers(nginx, host):
    """A DNS-rebinding page reaches the server under its own name: nginx does not pass it on."""
    response = _ask(nginx, host)
    assert response.status == 421
    _has_headers_once(response)


def test_the_health_check_answers_whatever_the_name(nginx):
    """A platform's probes ask by address (Kubernetes: the pod's IP)."""
    response = _ask(nginx, "10.1.2.3:8080", "/_stcore/health")
    assert response.status == 200
    _has_headers_once(response)


def test_a_body_larger_than_the_proxy_lets_through_is_refused_with_the_headers(nginx):
    response = _ask(nginx, "localhost", "/_stcore/upload_file/x/y", body=b"x" * (3 * 2**20))
    assert response.status == 413
    _has_headers_once(response)


def test_a_malformed_request_is_refused_with_the_headers(nginx):
    with socket.create_connection(("127.0.0.1", nginx), timeout=10) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\nBroken header line\r\n\r\n")
        answer = sock.recv(65536).decode("latin-1")
    head = answer.split("\r\n\r\n", 1)[0].lower()
    assert head.startswith("http/1.1 400")
    for name, value in SECURITY_HEADERS.items():
        assert f"{name.lower()}: {value.lower()}" in head


def test_any_name_may_be_allowed_explicitly(tmp_path):
    config = nginx_config(listen="127.0.0.1", port=1, workers=[2], folder=tmp_path, upload_mb=1, hosts=("*",))
    assert "return 421" not in config
    assert "default_server" in config
