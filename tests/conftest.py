"""Shared fixtures: paths to the shipped data and the source material beside the repository; markers by folder.

Every test under ``tests/browser`` is marked ``browser`` and every one under ``tests/load`` ``load``; both are
``slow``, as is every test of :data:`SLOW_MODULES` and those marked so by hand (the largest inputs, a process of
their own). ``python3 dev.py test --quick`` (``-m "not slow"``) is the quick tier for the inner loop — the
domain, every page once in AppTest on the council framework, the code's own checks — and CI runs everything.
"""

from __future__ import annotations

import os
from fnmatch import fnmatch
from pathlib import Path

import pytest

from framework import load_framework
from framework.graph import build_graph

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
_BY_FOLDER = {HERE / "browser": "browser", HERE / "load": "load"}
#: Test modules each of whose tests starts a process (the command line, a server, a benchmark) or runs a page in
#: Streamlit's AppTest, seconds a test: the quick tier leaves them to the full run.
SLOW_MODULES = (
    "test_bench.py",
    "test_bench_browser.py",
    "test_cli.py",
    "test_cli_records.py",
    "test_history.py",
    "test_long_pickers.py",
    "test_page_*.py",
    "test_privacy.py",
    "test_production.py",
    "test_query_params.py",
    "test_session_limits.py",
    "test_upload_worker.py",
)
DATA = ROOT / "data"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
DDAT_CSV = SHARED / "reference" / "ddat"
COUNCIL = DATA / "roles.yaml"
SHIPPED = sorted(DATA.glob("*.yaml"))
# The app keeps checked frameworks on disk (ui/framework_cache.py): tests read every file afresh (the cache has
# tests of its own, each in a folder of its own), and write nothing into the home folder.
os.environ.setdefault("CAREER_EXPLORER_CACHE", "off")


def shipped_params(value=lambda path: path) -> list:
    """Each shipped framework as a test parameter (``value(path)``, named after the file): the council's, the
    default, in the quick tier; the others, larger, in the full run (``slow``)."""
    return [pytest.param(value(p), id=p.stem, marks=() if p == COUNCIL else pytest.mark.slow) for p in SHIPPED]


def require_seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed job descriptions are not beside the repository ({SEEDS})")
    return SEEDS


@pytest.fixture(scope="session")
def council():
    return load_framework(COUNCIL)


@pytest.fixture(scope="session")
def council_graph(council):
    return build_graph(council)


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        for folder, marker in _BY_FOLDER.items():
            if folder in item.path.parents:
                item.add_marker(marker)
                item.add_marker(pytest.mark.slow)
        if item.path.parent == HERE and any(fnmatch(item.path.name, pattern) for pattern in SLOW_MODULES):
            item.add_marker(pytest.mark.slow)
