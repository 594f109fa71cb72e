"""Shared fixtures: paths to the shipped data and the source material beside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from framework import load_framework
from framework.graph import build_graph

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
DDAT_CSV = SHARED / "reference" / "ddat"
COUNCIL = DATA / "roles.yaml"
SHIPPED = sorted(DATA.glob("*.yaml"))


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
