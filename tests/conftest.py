"""Shared fixtures: paths to the shipped data and the source material beside the repository; markers by folder.

Every test under ``tests/browser`` is marked ``browser`` and every one under ``tests/load`` ``load``; both, and
the tests marked so by hand, are ``slow``: ``python3 dev.py test -m "not slow"`` is the quick local loop, and
CI runs everything.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from framework import load_framework
from framework.graph import build_graph

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
_BY_FOLDER = {HERE / "browser": "browser", HERE / "load": "load"}
DATA = ROOT / "data"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
DDAT_CSV = SHARED / "reference" / "ddat"
COUNCIL = DATA / "roles.yaml"
SHIPPED = sorted(DATA.glob("*.yaml"))
# The app keeps checked frameworks on disk (ui/framework_cache.py): tests read every file afresh (the cache has
# tests of its own, each in a folder of its own), and write nothing into the home folder.
os.environ.setdefault("CAREER_EXPLORER_CACHE", "off")


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
