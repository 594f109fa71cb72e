"""Loading frameworks for the app, once per file (``st.cache_resource`` keyed by path and modification).

The loaded framework and its graph are shared by every session and never mutated by a page (the models are
frozen). Cached functions take plain keys (paths, mtimes, ids), never model objects and never a person's data.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import lru_cache, partial
from pathlib import Path
from typing import TypeVar

import networkx as nx
import pandas as pd
import pyarrow as pa
import streamlit as st

from framework import Framework, FrameworkError, load_framework
from framework.expectation_index import expectation_index
from framework.graph import build_graph
from framework.textsafe import bidi_visible
from framework.yamlsafe import gc_paused, unreadable
from ui.framework_cache import StoredViews, load_cached_with_views
from ui.upload_worker import check_upload
from ui.waiting import session_token, upload_waiting

T = TypeVar("T")

__all__ = [
    "DATA_DIR",
    "DEFAULT_FRAMEWORK",
    "UPLOAD_MAX_BYTES",
    "VIEWS_MAX",
    "Loaded",
    "arrow",
    "default_key",
    "load",
    "load_upload",
    "local_framework",
    "preload",
    "preload_once",
    "read_framework_file",
    "shipped_frameworks",
]

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
DEFAULT_FRAMEWORK = "roles"  # data/roles.yaml, the council framework
LOCAL = "local"  # a file given with --framework
UPLOAD_MAX_BYTES = 2 * 1024 * 1024  #: uploads: a framework of a few thousand roles fits well within this
#: Views kept per framework (a profile, a route, a filtered map, …): the most recently used ones. The largest, a
#: DDaT map with every kind of move, takes about 3 MB (the figure and its dict form).
VIEWS_MAX = 64


def arrow(df: pd.DataFrame) -> pa.Table:
    """``df`` as the Arrow table ``st.dataframe`` would build from it on every run (the same conversion, so the
    same bytes reach the browser); memoised, the conversion is done once instead of on each rerun."""
    return pa.Table.from_pandas(df)


#: A cached view's arguments are ids and options: these types, and tuples and frozensets of them.
_PLAIN = (str, int, float, bool, type(None))


def _plain(value: object) -> bool:
    if isinstance(value, _PLAIN):
        return True
    return isinstance(value, tuple | frozenset) and all(_plain(item) for item in value)


class Loaded:
    """A framework and its graph, and the views made from them, kept while the framework is in use.

    The shipped frameworks' ``Loaded`` is made once per file version and shared by every session; an uploaded
    framework's lives in that person's session only. Either way the views it keeps (:meth:`view`) are made
    from the framework, its graph and plain ids and options — never from what a person entered, which the
    argument check enforces — so keeping them in a shared object shares nothing personal.
    """

    def __init__(self, key: str, framework: Framework, graph: nx.DiGraph, *, stored: StoredViews | None = None) -> None:
        self.key = key  # "roles", "ddat", or "upload-<hash>"
        self.framework = framework
        self.graph = graph
        self._views: OrderedDict[tuple, object] = OrderedDict()
        self._lock = threading.Lock()
        # Where views asked for ``on_disk`` are kept: the app's own files only (read_framework_file), never an
        # upload, which is a person's.
        self._stored = stored

    @property
    def label(self) -> str:
        return self.framework.name

    def view(self, build: Callable[..., T], *args: object, on_disk: bool = False) -> T:
        """``build(framework, graph, *args)``, made once for these arguments and then reused (treat it as
        read-only). ``args`` must be ids and options (strings, numbers, None, tuples of them): a view of what
        one person entered is built for their run only, never kept here. Only the ``VIEWS_MAX`` most recently
        used views are kept, so memory stays bounded however many selections sessions make. ``on_disk``: a view
        that takes long to make at scale (the review's), kept on disk too for the app's own files, so that
        another worker or the next start reads it back (:class:`ui.framework_cache.StoredViews`)."""
        make = partial(build, self.framework, self.graph, *args)
        return self._kept((build, args), args, self._on_disk((build,), args, make) if on_disk else make)

    def view_from(self, source: tuple, build: Callable[..., T], *args: object, on_disk: bool = False) -> T:
        """``build(self.view(*source), *args)``, kept as :meth:`view` keeps views: a view made from another one
        (``source``: the other view's build and its arguments), so that the view it comes from is made once —
        the review's findings written out for the page, say, or the map's drawing and its table from one map.
        ``on_disk`` as for :meth:`view`, for both views."""

        def make() -> T:
            return build(self.view(*source, on_disk=on_disk), *args)

        both = (*source[1:], *args)
        kept = self._on_disk((source[0], build), both, make) if on_disk else make
        return self._kept(((source, build), args), both, kept)

    def _on_disk(self, builds: tuple[Callable, ...], args: tuple, make: Callable[[], T]) -> Callable[[], T]:
        """``make``, or where this framework's views are kept on disk, what it made before: the view is named by
        its build functions' modules and names (a view made from another names both)."""
        stored = self._stored
        if stored is None:
            return make
        name = " ← ".join(f"{b.__module__}.{b.__qualname__}" for b in builds)
        framework_only = all(b.__module__.startswith("framework.") for b in builds)
        return partial(stored.get, name, args, make, framework_only=framework_only)

    def _kept(self, key: tuple, args: tuple, make: Callable[[], T]) -> T:
        if not all(_plain(arg) for arg in args):
            kinds = ", ".join(type(arg).__name__ for arg in args if not _plain(arg))
            raise TypeError(f"a cached view takes ids and options, not {kinds}: build a person's view for them alone")
        with self._lock:
            if key in self._views:
                self._views.move_to_end(key)
                return self._views[key]
        value = make()  # outside the lock: a slow build holds up no one else
        with self._lock:
            value = self._views.setdefault(key, value)
            self._views.move_to_end(key)
            while len(self._views) > VIEWS_MAX:
                self._views.popitem(last=False)
            return value

    def cached_views(self) -> list[tuple[tuple, object]]:
        """What :meth:`view` keeps now, as (key, view) pairs: for tests that check nothing personal is kept."""
        with self._lock:
            return list(self._views.items())


def local_framework() -> Path | None:
    """The file given as ``streamlit run app.py -- --framework PATH``, if any."""
    return _framework_argument(tuple(sys.argv[1:]))


@lru_cache(maxsize=8)
def _framework_argument(argv: tuple[str, ...]) -> Path | None:
    # Pages ask several times per run (every link says which framework it is for): parse each command line once.
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--framework", type=Path)
    known, _ = parser.parse_known_args(list(argv))
    return known.framework


def shipped_frameworks() -> dict[str, Path]:
    """Framework files by key: a local file given on the command line ("local") first, then the shipped
    files (file stem), the council framework before the others."""
    out = _shipped(os.stat(DATA_DIR).st_mtime_ns)  # the folder changes when a file is added, removed or renamed
    local = local_framework()
    return {LOCAL: local, **out} if local else out


@lru_cache(maxsize=1)
def _shipped(_version: int) -> dict[str, Path]:
    # Every run of every page asks: the folder is listed once per change to it, not on every run.
    files = sorted(DATA_DIR.glob("*.yaml"), key=lambda p: (p.stem != DEFAULT_FRAMEWORK, p.stem))
    return {p.stem: p for p in files}


def default_key() -> str:
    return LOCAL if local_framework() else DEFAULT_FRAMEWORK


def load_upload(data: bytes, name: str) -> Loaded:
    """An uploaded framework, checked by the same loader (an FT, Monzo or spreadsheet file is imported first,
    by the command line's importers) in a process of its own (:mod:`ui.upload_worker`: other sessions are not
    slowed by it, and a session waits its turn behind those that asked first, told how many); kept by the caller
    for its session only. Raises FrameworkError."""
    framework, graph = check_upload(
        data, name, max_bytes=UPLOAD_MAX_BYTES, session=session_token(), on_wait=upload_waiting()
    )
    key = "upload-" + hashlib.sha256(data).hexdigest()[:12]
    return Loaded(key, framework, graph)


def read_framework_file(path: str | Path) -> tuple[Framework, nx.DiGraph]:
    """The framework at ``path`` (one of the app's own files, never an upload) and its graph: from the disk
    cache of checked frameworks when this file was read before (:mod:`ui.framework_cache`)."""
    return _read_with_views(path)[0]


def _read_with_views(path: str | Path) -> tuple[tuple[Framework, nx.DiGraph], StoredViews | None]:
    def build() -> tuple[Framework, nx.DiGraph]:
        framework = load_framework(path)
        # Every role's expectations, read once and kept with the framework, so in the copy on disk too: the first
        # page after a start that shows a role's criteria would otherwise read them all (0.1-0.15 s at 10,000
        # roles). Kept, they add 0.2 MB to that copy's 38 MB and nothing measurable to reading it.
        expectation_index(framework)
        return framework, build_graph(framework)

    return load_cached_with_views(path, build)


@st.cache_resource(show_spinner="Loading the framework…", max_entries=16)
def _load_file(key: str, path: str, mtime_ns: int, size: int) -> Loaded:
    (framework, graph), stored = _read_with_views(path)
    return Loaded(key, framework, graph, stored=stored)


#: key → (the file version it was loaded from, what was loaded): the last version of each file, so that a run
#: finds its framework without Streamlit hashing the cache's arguments (every page asks on every run).
_LAST: dict[str, tuple[tuple, Loaded]] = {}


def load(key: str, path: Path) -> Loaded:
    """The framework at ``path`` and its graph, built once per file version. Raises FrameworkError (a file
    that is not there, or cannot be read, included: a ``--framework`` path mistyped is said so on the page)."""
    version = _file_version(path)
    last = _LAST.get(key)
    if last is not None and last[0] == version:
        return last[1]
    loaded = _load_file(key, *version)
    _LAST[key] = (version, loaded)
    return loaded


def _file_version(path: Path) -> tuple[str, int, int]:
    """What tells one version of the file at ``path`` from another. Raises FrameworkError when it is not there or
    cannot be looked at, as reading it would."""
    try:
        stat = os.stat(path)
    except OSError as exc:
        raise unreadable(exc, str(path)) from None
    return str(path), stat.st_mtime_ns, stat.st_size


_PRELOADED = threading.Event()  # set once the shipped frameworks are loaded and frozen (preload)
_PRELOADING = threading.Lock()


def preload_once() -> None:
    """:func:`preload`, unless it has been done in this process: for the first run of an app started as
    ``streamlit run app.py``, which has no warm-up of its own (``python -m ui.serve`` preloads before the server
    starts, and this does nothing there).

    Without it every full collection walks the frameworks' millions of objects: Streamlit's after each run, where
    it is on (``runner.postScriptGC``; off in the app's configuration), about 85 ms more CPU a run on DDaT
    (``bench/launch.py``), and Python's own whenever it comes. The first run loads
    every shipped framework anyway (the sidebar's picker names each); doing it here, before the page, lets them
    be frozen out of the collector's sight. What the first session holds at that moment is frozen with them
    (a few objects of its state, nothing a person has entered: nothing can have been by then).
    """
    if _PRELOADED.is_set():
        return
    with _PRELOADING:
        if not _PRELOADED.is_set():
            preload()


def preload() -> list[str]:
    """Load every shipped framework before the server takes its first session.

    Nothing else runs yet, so the cyclic garbage collector can be paused while they load (about twice as fast:
    see :func:`framework.yamlsafe.gc_paused`), and then everything loaded is moved out of the collector's sight
    (``gc.freeze``): these frameworks live as long as the server, and no later collection needs to walk their
    millions of objects again. A file with problems is left for the first page that asks for it to report.
    Returns the keys loaded.
    """
    done = []
    with gc_paused():
        for key, path in shipped_frameworks().items():
            try:
                version = _file_version(path)
                (framework, graph), stored = _read_with_views(path)
            except FrameworkError:
                continue
            _LAST[key] = (version, Loaded(key, framework, graph, stored=stored))
            done.append(key)
        # Frozen before the collector resumes: resumed first, its first collection would walk all of it once.
        gc.freeze()
    _PRELOADED.set()
    return done


def describe_error(error: FrameworkError) -> list[str]:
    """The problems of ``error``, one line each, for a code block: a direction control a file or link holds is
    shown as its code point, so that it cannot turn the rest of a line around."""
    return [bidi_visible(str(p)) for p in error.problems] or [bidi_visible(error.summary)]
