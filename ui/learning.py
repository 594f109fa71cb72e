"""The learning catalogues in use: the shipped ones, one given at start-up, and one a person adds in the sidebar.

* **Shipped** — ``data/learning/*.yaml``, each used with the frameworks it names (``frameworks``), read once per
  file version and shared by every session.
* **At start-up** — ``streamlit run app.py -- --catalogue PATH``: an organisation's own, read once per version and
  used with the frameworks it names (every framework when it names none), before the shipped ones.
* **Added in the sidebar** (:mod:`ui.catalogue_panel`) — checked in the upload worker like a framework, kept in
  this browser session only, used with the framework that was in use when it was added, first of all.

:func:`library` merges them for the framework in use (:func:`framework.learning.merge_catalogues`).
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import streamlit as st

from framework import FrameworkError
from framework.learning import Catalogue, Library, Vocabulary, merge_catalogues, read_catalogue

from .data import DATA_DIR, Loaded, describe_error

__all__ = [
    "CATALOGUE_MAX_BYTES",
    "LEARNING_DIR",
    "Added",
    "added",
    "forget_added",
    "keep_added",
    "library",
    "shipped_catalogues",
    "startup_catalogue",
    "vocabulary",
]

LEARNING_DIR = DATA_DIR / "learning"
CATALOGUE_MAX_BYTES = 2 * 1024 * 1024  #: a catalogue of several thousand resources fits well within this
ADDED = "_added_catalogue"  # session: the catalogue added in the sidebar (an Added), nothing else


@dataclass(frozen=True)
class Added:
    """A catalogue a person added in the sidebar, for their session only."""

    file: str  #: the file's name, as they gave it
    catalogue: Catalogue
    framework: str  #: the key of the framework it was checked against and is used with
    framework_name: str
    notes: tuple[str, ...]  #: warnings and the import's account of its rows


@lru_cache(maxsize=4)
def _read_shipped(versions: tuple[tuple[str, int, int], ...]) -> tuple[tuple[Catalogue, ...], tuple[str, ...]]:
    catalogues, problems = [], []
    for path, _, _ in versions:
        try:
            catalogues.append(read_catalogue(path))
        except FrameworkError as error:  # a shipped file broken on disk: said, and the others still used
            problems += describe_error(error)
    return tuple(catalogues), tuple(problems)


def _shipped_files() -> tuple[Path, ...]:
    """The shipped catalogue files, in name order: the folder is listed once per change to it (a file added,
    removed or renamed), not on every run that offers learning."""
    return _listed(LEARNING_DIR, os.stat(LEARNING_DIR).st_mtime_ns)


@lru_cache(maxsize=2)
def _listed(folder: Path, _version: int) -> tuple[Path, ...]:
    return tuple(sorted(folder.glob("*.yaml")))


def _versions(paths) -> tuple[tuple[str, int, int], ...]:
    out = []
    for path in paths:
        stat = os.stat(path)
        out.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(out)


def shipped_catalogues() -> tuple[tuple[Catalogue, ...], tuple[str, ...]]:
    """The shipped catalogues (read once per file version), and the problems of any that cannot be read."""
    return _read_shipped(_versions(_shipped_files()))


@lru_cache(maxsize=8)
def _catalogue_argument(argv: tuple[str, ...]) -> Path | None:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--catalogue", type=Path)
    known, _ = parser.parse_known_args(list(argv))
    return known.catalogue


def startup_catalogue() -> tuple[Catalogue | None, tuple[str, ...]]:
    """The catalogue given as ``--catalogue PATH`` (None when none is), and its problems when it cannot be read."""
    path = _catalogue_argument(tuple(sys.argv[1:]))
    if path is None:
        return None, ()
    try:
        catalogues, problems = _read_shipped(_versions([path]))
    except OSError as error:
        return None, (f"{path}: cannot read ({error.strerror})",)
    return (catalogues[0] if catalogues else None), problems


def added() -> Added | None:
    """The catalogue this session added in the sidebar, if any."""
    value = st.session_state.get(ADDED)
    return value if isinstance(value, Added) else None


def keep_added(value: Added) -> None:
    st.session_state[ADDED] = value


def forget_added() -> None:
    st.session_state.pop(ADDED, None)


def _startup_versions() -> tuple[tuple[str, int, int], ...]:
    path = _catalogue_argument(tuple(sys.argv[1:]))
    try:
        return _versions([path]) if path is not None else ()
    except OSError:
        return ()


@lru_cache(maxsize=32)
def _merged(framework_id: str, shipped: tuple, startup: tuple) -> Library:
    """The shipped catalogues that name the framework, after the start-up one when it serves it; keyed by the
    files' versions (plain values), so a changed file is read and merged afresh."""
    used = [c for c in _read_shipped(shipped)[0] if framework_id in c.frameworks]
    organisation = [c for c in _read_shipped(startup)[0] if c.serves_framework(framework_id)] if startup else []
    return merge_catalogues(shipped=used, organisation=organisation)


def library(loaded: Loaded) -> Library:
    """Every resource for the framework in use: the catalogue added in this session, the one given at start-up,
    then the shipped ones that name this framework. Merged once per set of files; one added in a session is
    merged for that session's run only, never kept where another session could reach it."""
    framework_id = loaded.framework.id
    shared = _merged(framework_id, _versions(_shipped_files()), _startup_versions())
    own = added()
    if own is None or own.framework != loaded.key:
        return shared
    return merge_catalogues(
        shipped=[c for c in shared.catalogues if c.id not in shared.organisation],
        organisation=[own.catalogue, *(c for c in shared.catalogues if c.id in shared.organisation)],
    )


def _vocabulary(framework, graph) -> Vocabulary:
    return Vocabulary.of(framework)


def vocabulary(loaded: Loaded) -> Vocabulary:
    """The ids a catalogue may name for the framework in use, made once per framework."""
    return loaded.view(_vocabulary)
