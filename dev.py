#!/usr/bin/env python3
"""Set-up and everyday commands, so a fresh clone needs nothing but Python 3.11+.

    python3 dev.py app  [--allowed-hosts NAMES] [STREAMLIT OPTIONS] [-- --framework PATH]
                                              start the app (on the shipped framework, or on PATH)
    python3 dev.py serve [--workers N] [--port P] [--address A] [--allowed-hosts NAMES] [STREAMLIT OPTIONS]
                         [-- --framework PATH]
                                              serve the app with N processes behind nginx (ui/proxy.py),
                                              answering for NAMES only (default: localhost,127.0.0.1,::1)
    python3 dev.py setup                      create the venv and install the app's requirements and nginx
    python3 dev.py test [--quick] [PYTEST ARGS]
                                              lint, then run the whole test suite on every core (up to two),
                                              the load tests last and alone (the 25 slowest tests listed);
                                              --quick: the tests not marked slow, in a few minutes
    python3 dev.py bench [BENCH ARGS]         run the benchmarks

Each command creates ``.venv`` if it is missing and re-installs the pinned requirements whenever the
requirement files change (a hash of them is kept in the venv). ``test`` also makes sure Debian's Chromium
and nginx are present for the browser and proxy tests: it installs the ``chromium`` and ``nginx`` packages
with apt when it can (as root), and otherwise those tests skip with a message — except under ``CI=true``,
where a missing browser or proxy fails. ``serve`` installs nginx the same way, and stops if it cannot.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

from ui.processes import find_chromium, find_nginx  # the standard library only: runs before the venv exists

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def log(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def run(*cmd: str | Path, **kwargs) -> int:
    return subprocess.call([str(c) for c in cmd], cwd=ROOT, **kwargs)


def ensure_venv(requirements: str) -> None:
    """Create the virtual environment and install ``requirements`` (pinned) if they changed."""
    if not PY.exists():
        log(f"creating the virtual environment in {VENV.relative_to(ROOT)}")
        venv.EnvBuilder(with_pip=True, clear=VENV.exists()).create(VENV)
    files = [ROOT / "requirements.txt"] + ([ROOT / requirements] if requirements != "requirements.txt" else [])
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    stamp = VENV / f".installed-{requirements}.sha256"
    if stamp.exists() and stamp.read_text().strip() == digest:
        return
    if requirements == "requirements.txt" and _dev_requirements_current():
        return  # the test tools' requirements include the app's
    log(f"installing pinned packages from {requirements}")
    quiet = [] if os.environ.get("CI") else ["--quiet"]
    if run(PY, "-m", "pip", "install", *quiet, "--disable-pip-version-check", "-r", requirements) != 0:
        sys.exit("installing the requirements failed (see above)")
    stamp.write_text(digest + "\n")


#: The app's own code (what a server imports), compiled to bytecode ahead of its starts.
SOURCES = ("app.py", "framework", "ui", "pages")


def compile_sources() -> None:
    """Write the bytecode of the app's code beside it (what is up to date is left as it is). Python writes it on
    first import anyway, unless ``PYTHONDONTWRITEBYTECODE`` is set, as containers and CI machines often set it:
    then every server start compiled the app afresh, about 0.3 s of each start on a 2-core machine. A tree that
    cannot be written to is left as it is."""
    run(PY, "-m", "compileall", "-q", *SOURCES, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _dev_requirements_current() -> bool:
    files = [ROOT / "requirements.txt", ROOT / "requirements-dev.txt"]
    stamp = VENV / ".installed-requirements-dev.txt.sha256"
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    return stamp.exists() and stamp.read_text().strip() == digest


_APT_UPDATED = False


def apt_install(package: str, why: str) -> bool:
    """Install a Debian package with apt-get when this runs as root on a machine that has apt; True if done."""
    global _APT_UPDATED
    can_install = shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0
    if not can_install:
        log(f"{package} not found and cannot be installed here (needs root and apt-get): {why}")
        return False
    log(f"installing Debian's {package} package")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    quiet = ["-qq"] if not os.environ.get("CI") else ["-q"]
    if not _APT_UPDATED:
        run("apt-get", *quiet, "update", env=env)
        _APT_UPDATED = True
    if run("apt-get", *quiet, "install", "-y", "--no-install-recommends", package, env=env) != 0:
        log(f"installing {package} failed: {why}")
        return False
    return True


def ensure_chromium() -> None:
    """Install Debian's Chromium when missing and possible; the browser tests decide what a miss means."""
    if find_chromium() or os.environ.get("SKIP_BROWSER_INSTALL"):
        return
    apt_install("chromium", "browser tests will skip locally and fail in CI")


def ensure_nginx(why: str) -> bool:
    """Install Debian's nginx when missing and possible (the package's own service is not needed: ``serve``
    runs nginx itself with a configuration of its own). True if nginx is there."""
    if find_nginx():
        return True
    return apt_install("nginx", why) and find_nginx() is not None


def cmd_app(args: list[str]) -> int:
    ensure_venv("requirements.txt")
    compile_sources()
    return run(PY, "-m", "ui.serve", *args)  # [streamlit options] [-- --framework PATH]


def cmd_serve(args: list[str]) -> int:
    ensure_venv("requirements.txt")
    compile_sources()
    if not ensure_nginx("it is needed to serve several workers"):
        return 1
    os.chdir(ROOT)
    # The supervisor takes this process's place, so Ctrl-C and SIGTERM reach it alone and it stops its children.
    os.execv(PY, [str(PY), "-m", "ui.proxy", *args])
    return 1  # not reached


def cmd_setup(args: list[str]) -> int:
    ensure_venv("requirements.txt")
    return 0 if ensure_nginx("python3 dev.py serve needs it") else 1


def cmd_test(args: list[str]) -> int:
    ensure_venv("requirements-dev.txt")
    compile_sources()  # the tests start app servers again and again
    ensure_chromium()
    if not os.environ.get("SKIP_NGINX_INSTALL"):
        ensure_nginx("the proxy load test will skip locally and fail in CI")
    log("ruff: lint and format check")
    if run(PY, "-m", "ruff", "check", ".") != 0 or run(PY, "-m", "ruff", "format", "--check", ".") != 0:
        log("ruff found problems: run '.venv/bin/ruff check --fix . && .venv/bin/ruff format .'")
        return 1
    quick = "--quick" in args
    log("pytest" + (" (quick: the tests not marked slow)" if quick else ", on every core but the load tests"))
    code = run(PY, "-m", "pytest", *pytest_args(args))
    if quick or code not in (0, NO_TESTS):
        return code
    # The load tests measure what other sessions wait for, so nothing else may run beside them: last, alone.
    log("pytest: the load tests, alone")
    load = run(PY, "-m", "pytest", *pytest_args(args, load=True))
    return 0 if code in (0, NO_TESTS) and load in (0, NO_TESTS) else (load or code)


NO_TESTS = 5  #: pytest's exit code when the arguments select no test (``-k graph`` selects no load test)


def pytest_args(args: list[str], *, load: bool = False) -> list[str]:
    """The arguments of one of the two pytest runs of ``dev.py test``: every test but the load tests, spread over
    the machine's cores (pytest-xdist, a test file per worker, so a file's shared server is started once), then
    the load tests alone (``load=True``). ``--quick`` is ``-m "not slow"`` (no load test is quick), on every
    core too; every run lists its slowest tests, unless told otherwise."""
    out = [a for a in args if a != "--quick"]
    if load:
        out = ["-m", "load", *out]
    else:
        out = ["-m", "not slow" if "--quick" in args else "not load", *out]
        workers = min(os.cpu_count() or 1, MAX_WORKERS)
        if workers > 1 and not any(a == "-n" or a.startswith(("-n", "--numprocesses")) for a in out):
            out = ["-n", str(workers), "--dist", "loadfile", *out]
    if not any(a.startswith("--durations") for a in out):
        out = ["--durations=25", *out]
    return out


#: Test workers at most: each browser test file starts its own app server and Chromium beside the others'.
MAX_WORKERS = 2


def cmd_bench(args: list[str]) -> int:
    ensure_venv("requirements-dev.txt")
    compile_sources()
    return run(PY, "-m", "bench", *args)


COMMANDS = {"app": cmd_app, "serve": cmd_serve, "setup": cmd_setup, "test": cmd_test, "bench": cmd_bench}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
