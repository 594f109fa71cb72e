"""Loading frameworks for the app, once per file (``st.cache_resource`` keyed by path and modification).

The loaded framework and its graph are shared by every session and never mutated by a page (the models are
frozen). Cached functions take plain keys (paths, mtimes), never model objects.
"""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path

import networkx as nx
import pandas as pd
import streamlit as st

from framework import Framework, FrameworkError, load_framework
from framework.catalogue import catalogue
from framework.graph import build_graph

__all__ = ["DATA_DIR", "DEFAULT_FRAMEWORK", "Loaded", "load", "shipped_frameworks"]

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
DEFAULT_FRAMEWORK = "roles"  # data/roles.yaml, the council framework


class Loaded:
    """A framework, its graph, and tables derived from them: built once per file version, shared by every
    session, never changed by a page (derived tables are computed on first use and then reused)."""

    def __init__(self, key: str, framework: Framework, graph: nx.DiGraph) -> None:
        self.key = key  # "roles", "ddat", or "upload-<hash>"
        self.framework = framework
        self.graph = graph

    @property
    def label(self) -> str:
        return self.framework.name

    @cached_property
    def catalogue(self) -> pd.DataFrame:
        return catalogue(self.framework, self.graph)


def shipped_frameworks() -> dict[str, Path]:
    """Shipped framework files by key (file stem), the council framework first."""
    files = sorted(DATA_DIR.glob("*.yaml"), key=lambda p: (p.stem != DEFAULT_FRAMEWORK, p.stem))
    return {p.stem: p for p in files}


@st.cache_resource(show_spinner="Loading the framework…", max_entries=16)
def _load_file(key: str, path: str, mtime_ns: int, size: int) -> Loaded:
    framework = load_framework(path)
    return Loaded(key, framework, build_graph(framework))


def load(key: str, path: Path) -> Loaded:
    """The framework at ``path`` and its graph, built once per file version. Raises FrameworkError."""
    stat = os.stat(path)
    return _load_file(key, str(path), stat.st_mtime_ns, stat.st_size)


def describe_error(error: FrameworkError) -> list[str]:
    return [str(p) for p in error.problems] or [error.summary]
