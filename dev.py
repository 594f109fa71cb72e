#!/usr/bin/env python3
"""Set-up and everyday commands, so a fresh clone needs nothing but Python 3.11+.

    python3 dev.py app  [STREAMLIT OPTIONS] [-- --framework PATH]
                                              start the app (on the shipped framework, or on PATH)
    python3 dev.py test [PYTEST ARGS]         lint, then run the whole test suite
    python3 dev.py bench [BENCH ARGS]         run the benchmarks

Each command creates ``.venv`` if it is missing and re-installs the pinned requirements whenever the
requirement files change (a hash of them is kept in the venv). ``test`` also makes sure Debian's Chromium
is present for the browser tests: it installs the ``chromium`` package with apt when it can (as root), and
otherwise the browser tests skip with a message — except under ``CI=true``, where a missing browser fails.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


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
    log(f"installing pinned packages from {requirements}")
    quiet = [] if os.environ.get("CI") else ["--quiet"]
    if run(PY, "-m", "pip", "install", *quiet, "--disable-pip-version-check", "-r", requirements) != 0:
        sys.exit("installing the requirements failed (see above)")
    stamp.write_text(digest + "\n")


def find_chromium() -> str | None:
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if Path(configured).exists() else None
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


def ensure_chromium() -> None:
    """Install Debian's Chromium when missing and possible; the browser tests decide what a miss means."""
    if find_chromium() or os.environ.get("SKIP_BROWSER_INSTALL"):
        return
    can_install = shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0
    if not can_install:
        log("Chromium not found and cannot be installed here (needs root and apt-get): browser tests will skip")
        return
    log("installing Debian's chromium package for the browser tests")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    quiet = ["-qq"] if not os.environ.get("CI") else ["-q"]
    run("apt-get", *quiet, "update", env=env)
    if run("apt-get", *quiet, "install", "-y", "--no-install-recommends", "chromium", env=env) != 0:
        log("installing chromium failed: browser tests will skip locally and fail in CI")


def cmd_app(args: list[str]) -> int:
    ensure_venv("requirements.txt")
    return run(PY, "-m", "ui.serve", *args)  # [streamlit options] [-- --framework PATH]


def cmd_test(args: list[str]) -> int:
    ensure_venv("requirements-dev.txt")
    ensure_chromium()
    log("ruff: lint and format check")
    if run(PY, "-m", "ruff", "check", ".") != 0 or run(PY, "-m", "ruff", "format", "--check", ".") != 0:
        log("ruff found problems: run '.venv/bin/ruff check --fix . && .venv/bin/ruff format .'")
        return 1
    log("pytest")
    return run(PY, "-m", "pytest", *args)


def cmd_bench(args: list[str]) -> int:
    ensure_venv("requirements-dev.txt")
    return run(PY, "-m", "bench", *args)


COMMANDS = {"app": cmd_app, "test": cmd_test, "bench": cmd_bench}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
