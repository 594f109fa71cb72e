"""ui/processes.py: the programs found where the environment says, and a server run until its block ends — waited
for until its health check answers, stopped with everything it started, and its output shown when it fails.

The servers here are a few lines of the standard library (no app, no packages), so these tests take a second.
"""

from __future__ import annotations

import os
import sys

import pytest

from ui.processes import ServerError, answers_health, find_chromium, find_nginx, free_port, running

#: A server answering 200 on Streamlit's health path, and 404 elsewhere, on the port it is given.
HEALTHY = """
import http.server, sys
class Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == "/_stcore/health" else 404)
        self.end_headers()
        self.wfile.write(b"ok")
    def log_message(self, *args):
        pass
print("serving", flush=True)
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Health).serve_forever()
"""


@pytest.mark.parametrize(("find", "variable"), [(find_chromium, "CHROMIUM_PATH"), (find_nginx, "NGINX_PATH")])
def test_a_program_named_in_the_environment_is_the_one_found(monkeypatch, tmp_path, find, variable):
    program = tmp_path / "program"
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setenv(variable, str(program))
    assert find() == str(program)
    monkeypatch.setenv(variable, str(tmp_path / "missing"))
    assert find() is None, "a path named but not there is not replaced by a guess"


def test_a_server_runs_until_its_block_ends_and_is_stopped(tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with running([sys.executable, "-c", HEALTHY, str(port)], url=url, log=tmp_path / "server.log") as server:
        assert answers_health(url)
        assert server.healthy >= server.started
        pid = server.pid
    assert server.process.returncode is not None, "stopped when the block ended"
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert not answers_health(url)
    assert (tmp_path / "server.log").read_text(encoding="utf-8").startswith("serving")


def test_a_server_that_exits_before_answering_is_an_error_with_its_output(tmp_path):
    command = [sys.executable, "-c", "print('cannot start: port taken'); raise SystemExit(3)"]
    with (
        pytest.raises(ServerError, match="exited with code 3 before answering") as error,
        running(command, url=f"http://127.0.0.1:{free_port()}", log=tmp_path / "server.log"),
    ):
        pass
    assert "cannot start: port taken" in str(error.value)


def test_a_server_that_never_answers_is_an_error_after_its_time(tmp_path):
    command = [sys.executable, "-c", "import time; print('warming up', flush=True); time.sleep(60)"]
    with (
        pytest.raises(ServerError, match=r"did not answer .* within 1 s") as error,
        running(command, url=f"http://127.0.0.1:{free_port()}", log=tmp_path / "server.log", timeout=1, poll=0.05),
    ):
        pass
    assert "warming up" in str(error.value)
