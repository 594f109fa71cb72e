"""The benchmarks run (``python -m bench``). Benchmarks print figures; no test here asserts a time."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

HEADER = "| figure | measured | baseline | ratio | target | met | notes |"


def test_bench_quick_runs_and_prints_the_table():
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--only", "skill_gap", "--no-save"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert HEADER in result.stdout
    assert "skill_gap, random pair: data/ddat.yaml" in result.stdout


def test_bench_refuses_an_unknown_figure():
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--only", "nonsense", "--no-save"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "unknown figure nonsense" in result.stderr
