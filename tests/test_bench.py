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


def test_the_sent_benchmark_serves_each_size_of_framework_and_compares_what_each_page_sends(monkeypatch, tmp_path):
    """``bench/sent.py`` without its servers: each size is served as ``python -m ui.serve --framework FILE`` would
    be (the app it asks for), and each page's bytes at the larger size are divided by the smaller's."""
    import threading
    from contextlib import contextmanager
    from types import SimpleNamespace

    from bench import sent
    from bench.browser import App
    from bench.figures import Config

    served = []

    @contextmanager
    def serve(app, log):
        assert isinstance(app, App), "the server is asked for as the browser benchmark asks for one"
        served.append(app.args)
        yield SimpleNamespace(url=f"http://127.0.0.1/{len(served)}")

    async def visit(base, steps):
        scale = 1 if base.endswith("/1") else 2  # the larger framework's pages send twice as much
        return {step.name: (1000 * scale, 0.05) for step in steps}, []

    monkeypatch.setattr(sent, "serve", serve)
    monkeypatch.setattr(sent, "_visit", visit)
    monkeypatch.setattr(sent, "synthetic_file", lambda size: tmp_path / f"synthetic-{size}.yaml")
    # In a thread of its own, as in the benchmark's process: no event loop runs there (another test's may run here).
    done = {}
    worker = threading.Thread(target=lambda: done.update(rows=sent.sent_rows(Config(quick=True))))
    worker.start()
    worker.join()
    rows = done["rows"]
    assert served == [("--framework", str(tmp_path / "synthetic-2000.yaml")),
                      ("--framework", str(tmp_path / "synthetic-4000.yaml"))]  # fmt: skip
    assert len(rows) == len(sent._steps())
    assert {row.ratio for row in rows} == {2.0}
    assert not any(row.met for row in rows), "twice the bytes is over the 1.5× target"
