"""``python -m framework …`` run as a person runs it, from the repository root, for the tests of the command line.

A process of its own takes seconds (an interpreter, the app's packages): a test that runs one is marked ``slow``,
and the quick tier leaves it to the full run.
"""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

__all__ = ["framework_command"]


def framework_command(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``python -m framework ARGS`` in a process of its own; its exit code, stdout and stderr (as text)."""
    command = [sys.executable, "-m", "framework", *map(str, args)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False)
