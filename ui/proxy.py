"""Several app processes behind nginx: ``python -m ui.proxy --workers N [--port P] [STREAMLIT OPTIONS] [-- ARGS]``.

What ``python3 dev.py serve`` runs. One Streamlit process runs every session's script in one interpreter, so it
uses about one core whatever the machine has; N processes use N. Each worker is ``python -m ui.serve`` (as
``dev.py app`` starts the app) on a loopback port of its own, and nginx, from Debian's packages, listens on the
public port and hands each browser to one worker for good:

* **Session affinity.** A Streamlit session lives in the process that opened its websocket, and the same
  browser's file uploads (``/_stcore/upload_file/...``) and downloads (``/media/...``) must reach that process.
  nginx gives each browser a random token in a cookie (:data:`AFFINITY_COOKIE`, set on its first response) and
  picks the worker by a consistent hash of it, so the page, its websocket, its uploads and a reconnection all
  go to one worker. (``ip_hash`` would send everyone behind one address — a platform's load balancer, an
  office — to a single worker.) A client without the cookie is hashed by a per-request id.
* **Websockets.** ``Upgrade``/``Connection`` headers are passed on, with a day's read timeout (Streamlit pings
  its sockets, so an open tab stays connected).
* **Streamlit's own checks keep working.** The ``Host`` header is passed on as the browser sent it, so the
  websocket's same-origin check (CORS) passes for the proxy's address and no other; the XSRF token is a cookie
  compared with a header, which the proxy passes untouched. All workers share one cookie secret
  (``STREAMLIT_SERVER_COOKIE_SECRET``, random per start unless set), so a signed cookie made by one worker is
  good on another.
* **Health.** The proxy starts only once every worker answers ``/_stcore/health``, which then answers through
  the proxy too (a platform's health check). nginx skips a worker that refuses a connection; a worker that
  exits is started again (a worker that keeps failing within seconds of its start stops the whole server).
* **Nothing on disk but the temporary folder** holding nginx's configuration, pid and buffers, removed on exit;
  nginx keeps no access log (nothing of who asked for what is written anywhere). Ctrl-C (SIGINT) or SIGTERM
  stops nginx, then every worker and anything they started; the children are also told to stop if this
  process dies.

Workers share nothing but the framework files: a view's state is in its link and a person's data in their
session, which lives in one worker.

Only the standard library is imported here (the tests use :func:`nginx_config` without the app's packages);
nginx is found, ports picked and health checked as everywhere else (:mod:`ui.processes`).
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import http.client
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ui.processes import HEALTH_PATH, answers_health, find_nginx, free_port, stop_group

__all__ = [
    "AFFINITY_COOKIE",
    "Cluster",
    "main",
    "nginx_config",
    "parse_hosts",
    "upload_limit_mb",
]

ROOT = Path(__file__).resolve().parents[1]
AFFINITY_COOKIE = "career_explorer_worker"
START_TIMEOUT = 120  # seconds for every worker to answer its health check (a large framework loads first)
STOP_TIMEOUT = 10  # seconds for a child to stop after SIGTERM, before SIGKILL
QUICK_FAILURE = 15  # seconds: a worker that exits this soon after its start counts as failing
MAX_QUICK_FAILURES = 3
STREAMLIT_UPLOAD_DEFAULT_MB = 200
#: Headers on every response (as ``ui.middleware.SECURITY_HEADERS``, which the workers add; kept here so that
#: this module needs only the standard library, and checked equal by the tests).
SECURITY_HEADERS = {
    "Content-Security-Policy": "frame-ancestors 'self'",
    "X-Frame-Options": "SAMEORIGIN",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
LOOPBACK = ("localhost", "127.0.0.1", "::1")  #: the host names answered unless told others
HOSTS_VARIABLE = "CAREER_EXPLORER_ALLOWED_HOSTS"  #: as ``ui.middleware.HOSTS_VARIABLE``: the workers read it


def log(message: str) -> None:
    print(f"[serve] {message}", file=sys.stderr, flush=True)


def upload_limit_mb(root: Path = ROOT) -> int:
    """Streamlit's ``server.maxUploadSize`` from ``.streamlit/config.toml`` (MB): the proxy lets that much through
    and Streamlit, which knows the limit, turns away anything larger with its own message."""
    path = root / ".streamlit" / "config.toml"
    try:
        value = tomllib.loads(path.read_text(encoding="utf-8")).get("server", {}).get("maxUploadSize")
    except (OSError, tomllib.TOMLDecodeError):
        value = None
    return int(value) if isinstance(value, int) and value > 0 else STREAMLIT_UPLOAD_DEFAULT_MB


def parse_hosts(text: str) -> tuple[str, ...]:
    """``"careers.example.org, localhost"`` → ``("careers.example.org", "localhost")``: lower case, without
    brackets or a trailing dot; the loopback names if none."""
    names = []
    for name in text.split(","):
        name = name.strip().lower().rstrip(".")
        name = name[1:-1] if name.startswith("[") and name.endswith("]") else name
        if name and name not in names:
            names.append(name)
    return tuple(names) or LOOPBACK


def _server_names(hosts: tuple[str, ...]) -> str:
    """``hosts`` as nginx's ``server_name`` takes them: an IPv6 address in brackets, ``*.example.org`` as is."""
    return " ".join(f"[{h}]" if ":" in h else h for h in hosts)


def _headers(indent: str, *, hide: bool = False) -> str:
    """The security headers on every response nginx sends from this block — its own errors (400, 413, 502, …)
    included (``always``) — and, with ``hide``, the workers' copies left out so that each is sent once."""
    lines = [f'{indent}add_header {name} "{value}" always;' for name, value in SECURITY_HEADERS.items()]
    if hide:
        lines += [f"{indent}proxy_hide_header {name};" for name in SECURITY_HEADERS]
    return "\n".join(lines)


def nginx_config(
    *, listen: str, port: int, workers: list[int], folder: Path, upload_mb: int, hosts: tuple[str, ...] = LOOPBACK
) -> str:
    """The whole nginx configuration: ``listen:port`` in front of the workers on loopback ``workers`` ports,
    answering for the host names ``hosts`` only (``("*",)``: any name).

    ``folder`` holds the pid file and nginx's buffers (it must exist; nginx creates the sub-folders).
    """
    upstreams = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;" for p in workers)
    listen_on = f"[{listen}]:{port}" if ":" in listen else f"{listen}:{port}"
    any_host = "*" in hosts
    refuse_others = (
        ""
        if any_host
        else f"""
    # Any other host name (a DNS-rebinding page's, say) is refused; the health check answers for a platform's
    # probes, which ask by address.
    server {{
        listen {listen_on} default_server;
        server_name _;
{_headers("        ")}
        location = {HEALTH_PATH} {{
            proxy_pass http://streamlit_workers;
            proxy_http_version 1.1;
{_headers("            ", hide=True)}
        }}
        location / {{
            default_type text/plain;
            return 421 "This server does not answer for that host name.";
        }}
    }}
"""
    )
    names = "_" if any_host else _server_names(hosts)
    return f"""\
# Generated by ui/proxy.py for this run; removed when it stops.
daemon off;
worker_processes 1;  # one event loop carries thousands of sockets; the cores are left to the app
pid {folder}/nginx.pid;
error_log stderr warn;

events {{
    worker_connections 4096;
}}

http {{
    access_log off;  # nothing of who asked for what is written anywhere
    server_tokens off;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    # Streamlit refuses larger uploads itself, with a message the person understands.
    client_max_body_size {upload_mb + 1}m;
    # Requests nginx refuses before it knows their server (a malformed header, say) get the headers too.
{_headers("    ")}

    # A websocket upgrade is passed on; any other request keeps the connection to the worker open.
    map $http_upgrade $connection_upgrade {{
        default upgrade;
        "" "";
    }}
    # Session affinity: the browser's token, or (first visit, or a client without cookies) this request's id.
    map $cookie_{AFFINITY_COOKIE} $affinity {{
        "" $request_id;
        default $cookie_{AFFINITY_COOKIE};
    }}
    map $cookie_{AFFINITY_COOKIE} $set_affinity {{
        "" "{AFFINITY_COOKIE}=$request_id; Path=/; HttpOnly; SameSite=Lax";
        default "";
    }}

    upstream streamlit_workers {{
        hash $affinity consistent;
{upstreams}
        keepalive 32;
    }}

{refuse_others}
    server {{
        listen {listen_on}{" default_server" if any_host else ""};
        server_name {names};
{_headers("        ")}
        location / {{
            proxy_pass http://streamlit_workers;
            proxy_http_version 1.1;
            proxy_set_header Host $http_host;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 1d;
            proxy_send_timeout 1d;
            proxy_buffering off;  # a run's messages reach the browser as they are sent
            proxy_request_buffering off;  # an upload streams to its worker
            proxy_next_upstream error timeout http_502 http_503;
            add_header Set-Cookie $set_affinity always;  # sent only while the browser has no token
{_headers("            ", hide=True)}
        }}
    }}
}}
"""


# --------------------------------------------------------------------------- the processes


def _die_with_parent() -> None:
    """In a child, before it runs: start a session of its own (Ctrl-C reaches only the supervisor, which stops
    the children in order), and on Linux have the kernel send SIGTERM if the supervisor dies."""
    os.setsid()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


@dataclass
class Worker:
    number: int
    port: int
    process: subprocess.Popen | None = None
    started: float = 0.0
    quick_failures: int = 0


@dataclass
class Cluster:
    """N app workers and nginx in front of them; :meth:`run` serves until a signal or a failure."""

    workers: int
    port: int
    listen: str = "0.0.0.0"  # all interfaces, as `streamlit run` listens
    hosts: tuple[str, ...] = LOOPBACK  # the host names answered for; ("*",) any
    streamlit_options: list[str] = field(default_factory=list)
    script_args: list[str] = field(default_factory=list)
    python: str = sys.executable
    nginx: str | None = None
    _stopping: bool = False

    def _worker_command(self, port: int) -> list[str]:
        command = [self.python, "-m", "ui.serve", "--server.port", str(port), "--server.address", "127.0.0.1"]
        # browser.serverPort: the port people reach, which Streamlit prints and uses for its origin checks.
        command += ["--server.headless", "true", "--browser.serverPort", str(self.port), *self.streamlit_options]
        return command + (["--", *self.script_args] if self.script_args else [])

    def _start_worker(self, worker: Worker, env: dict[str, str]) -> None:
        worker.process = subprocess.Popen(
            self._worker_command(worker.port),
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            env=env,
            preexec_fn=_die_with_parent,
        )
        worker.started = time.monotonic()

    def _signal(self, signum, _frame) -> None:
        if not self._stopping:
            log(f"{signal.Signals(signum).name}: stopping")
        self._stopping = True

    def run(self) -> int:
        nginx = self.nginx or find_nginx()
        if nginx is None:
            log("nginx not found: install Debian's nginx package (python3 dev.py serve installs it as root)")
            return 1
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, self._signal)
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
        env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))
        env[HOSTS_VARIABLE] = ",".join(self.hosts)  # the workers refuse other names too (ui.middleware)
        workers = [Worker(n, free_port()) for n in range(1, self.workers + 1)]
        proxy: subprocess.Popen | None = None
        with tempfile.TemporaryDirectory(prefix="career-explorer-nginx-") as tmp:
            folder = Path(tmp)
            folder.chmod(0o711)  # nginx's own workers (another user when started as root) create their buffers
            try:
                for worker in workers:
                    self._start_worker(worker, env)
                log(f"starting {self.workers} worker(s) on 127.0.0.1 ports {', '.join(str(w.port) for w in workers)}")
                if not self._wait_healthy(workers):
                    return 1
                config = folder / "nginx.conf"
                ports = [w.port for w in workers]
                config.write_text(
                    nginx_config(
                        listen=self.listen,
                        port=self.port,
                        workers=ports,
                        folder=folder,
                        upload_mb=upload_limit_mb(),
                        hosts=self.hosts,
                    ),
                    encoding="utf-8",
                )
                proxy = subprocess.Popen(
                    [nginx, "-p", str(folder), "-e", "stderr", "-c", str(config)],
                    stdin=subprocess.DEVNULL,
                    preexec_fn=_die_with_parent,
                )
                if not self._wait_proxy(proxy):
                    return 1
                shown = "localhost" if self.listen in ("0.0.0.0", "::") else self.listen
                log(f"serving http://{shown}:{self.port} with {self.workers} workers behind nginx (Ctrl-C stops)")
                return self._supervise(workers, proxy, env)
            finally:
                if proxy is not None:
                    stop_group(proxy, signal.SIGQUIT, timeout=STOP_TIMEOUT)  # nginx's graceful stop
                for worker in workers:
                    if worker.process is not None:
                        stop_group(worker.process, timeout=STOP_TIMEOUT)
                log("stopped")

    def _wait_healthy(self, workers: list[Worker]) -> bool:
        deadline = time.monotonic() + START_TIMEOUT
        waiting = list(workers)
        while waiting:
            if self._stopping:
                return False
            for worker in list(waiting):
                if worker.process.poll() is not None:
                    log(f"worker {worker.number} exited with code {worker.process.returncode} before answering")
                    return False
                if answers_health(f"http://127.0.0.1:{worker.port}"):
                    waiting.remove(worker)
            if waiting and time.monotonic() > deadline:
                log(f"{len(waiting)} worker(s) did not answer {HEALTH_PATH} within {START_TIMEOUT} s")
                return False
            if waiting:
                time.sleep(0.2)
        return True

    def _wait_proxy(self, proxy: subprocess.Popen) -> bool:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not self._stopping:
            if proxy.poll() is not None:
                log(f"nginx exited with code {proxy.returncode} (see its messages above)")
                return False
            if _healthy_at(self.listen, self.port):
                return True
            time.sleep(0.1)
        if not self._stopping:
            log(f"nginx did not answer on port {self.port} within 10 s")
        return False

    def _supervise(self, workers: list[Worker], proxy: subprocess.Popen, env: dict[str, str]) -> int:
        while not self._stopping:
            if proxy.poll() is not None:
                log(f"nginx exited with code {proxy.returncode}: stopping")
                return proxy.returncode or 1
            for worker in workers:
                code = worker.process.poll()
                if code is None or self._stopping:
                    continue
                quick = time.monotonic() - worker.started < QUICK_FAILURE
                worker.quick_failures = worker.quick_failures + 1 if quick else 0
                if worker.quick_failures >= MAX_QUICK_FAILURES:
                    log(f"worker {worker.number} keeps exiting (code {code}) within {QUICK_FAILURE} s: stopping")
                    return 1
                log(f"worker {worker.number} exited with code {code}: starting it again")
                self._start_worker(worker, env)
            time.sleep(0.5)
        return 0


def _healthy_at(listen: str, port: int) -> bool:
    host = "127.0.0.1" if listen in ("0.0.0.0", "") else ("::1" if listen == "::" else listen)
    try:
        connection = http.client.HTTPConnection(host, port, timeout=2)
        connection.request("GET", HEALTH_PATH)
        return connection.getresponse().status == 200
    except (OSError, http.client.HTTPException):
        return False


def _parse(argv: list[str]) -> tuple[argparse.Namespace, list[str], list[str]]:
    before, script_args = (argv[: argv.index("--")], argv[argv.index("--") + 1 :]) if "--" in argv else (argv, [])
    parser = argparse.ArgumentParser(
        prog="python3 dev.py serve",
        description="Serve the app with several processes behind nginx. Other options go to each worker's "
        "streamlit run; arguments after -- go to the app (e.g. -- --framework PATH).",
    )
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="app processes (default: CPUs)")
    parser.add_argument("--port", type=int, default=8501, help="the port nginx listens on (default 8501)")
    parser.add_argument("--address", default="0.0.0.0", help="the address nginx listens on (default all)")
    parser.add_argument(
        "--allowed-hosts",
        type=parse_hosts,
        default=LOOPBACK,
        metavar="NAMES",
        help="the host names people reach the app by, comma-separated (default: localhost,127.0.0.1,::1); "
        "*.example.org takes every name under example.org, * any name. Requests for other names are refused.",
    )
    args, streamlit_options = parser.parse_known_args(before)
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    return args, streamlit_options, script_args


def main(argv: list[str] | None = None) -> int:
    args, streamlit_options, script_args = _parse(sys.argv[1:] if argv is None else argv)
    cluster = Cluster(
        workers=args.workers,
        port=args.port,
        listen=args.address,
        hosts=args.allowed_hosts,
        streamlit_options=streamlit_options,
        script_args=script_args,
    )
    return cluster.run()


if __name__ == "__main__":
    sys.exit(main())
