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


def test_the_memory_benchmark_visits_every_page_and_knows_the_title_each_shows():
    """The memory benchmark waits on each page for its own title: a wrong title would leave it waiting."""
    from streamlit.testing.v1 import AppTest

    from bench.memory import PAGES
    from tests.apptest import TIMEOUT
    from ui.pages import PAGES as REGISTRY

    assert list(PAGES) == [spec.path for spec in REGISTRY if not spec.default]
    for spec in REGISTRY:
        if spec.default:
            continue
        at = AppTest.from_file(str(ROOT / spec.script), default_timeout=TIMEOUT)
        at.query_params["framework"] = "ddat"
        at.run()
        assert at.title[0].value.startswith(PAGES[spec.path]), spec.path
