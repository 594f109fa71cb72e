"""Checked frameworks kept on disk by their content, so that a server starts in seconds on a large one.

Reading a framework file — parsing its YAML with every location kept, checking it against the models and every
reference, then building its graph — takes about 12 s for 10,000 roles on the development machine (2 cores),
nearly all of it the same for the same file. What it makes (the framework and its graph) is kept here as a
pickle named by the SHA-256 of the file's bytes and of the code that read it (the ``framework`` package's
source, and the versions of Python and of the libraries whose objects it holds), and read back in about 1 s.

Only the app's own framework files come here — the shipped ones in ``data/`` and a file given with
``-- --framework PATH`` (:func:`ui.data.load`) — never an upload, and nothing a person enters: a cached file
holds exactly what the framework file holds, checked. A file that changes has another hash, and is read afresh.

Where: ``$CAREER_EXPLORER_CACHE`` (a folder; ``off`` turns the cache off), else ``$XDG_CACHE_HOME`` or
``~/.cache``, in ``career-explorer/frameworks``. A pickle can run code when it is read, so a cached file is read
only from a folder the server's user owns that no one else may write to (mode 0700 when it is made here), and
only if that user owns the file and no one else may write to it; anything else is ignored and read afresh. The
folder keeps the :data:`KEEP` most recently used files. A cache that cannot be written (a read-only disk) is
not an error: the framework is read as it would be without one.

Some views of a framework take seconds to make at that size (the structure review's: about 2 s for 10,000 roles)
and are the same for the same file: :class:`StoredViews` keeps those a page asks for (``Loaded.view(…,
on_disk=True)``) in ``views/`` beside it, named by the file's digest, the view's name and arguments, and the
version of the code that makes it (all the app's code, or the ``framework`` package's alone for a view it makes by
itself, such as the review's, which then outlives a new version of the pages), under the same rules; its
:data:`KEEP_VIEWS` most recently used. Every worker and every start after the first reads them back instead of
making them again. A view is made from the framework and plain ids alone (``ui.data.Loaded``): nothing a person
enters.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TypeVar

__all__ = [
    "CACHE_ENV",
    "KEEP",
    "KEEP_VIEWS",
    "StoredViews",
    "cache_folder",
    "code_version",
    "load_cached",
    "load_cached_with_views",
]

T = TypeVar("T")

CACHE_ENV = "CAREER_EXPLORER_CACHE"
KEEP = 8  # cached files kept: the shipped frameworks and a configured one, with a version or two of each
KEEP_VIEWS = 64  # cached views kept: the half-dozen of each of those frameworks, a version or two of each
VIEWS = "views"  # the subfolder the views are kept in
_LIBRARIES = ("pydantic", "pydantic-core", "networkx", "numpy", "pandas", "PyYAML")
_APP = Path(__file__).resolve().parents[1]
_FRAMEWORK_CODE = _APP / "framework"
#: The app's code that says what is kept of a framework (its build: the framework, its graph, what is read with
#: them), part of the code's version with the framework package.
_BUILD_CODE = _APP / "ui" / "data.py"
_log = logging.getLogger("career_explorer")


def cache_folder() -> Path | None:
    """Where cached frameworks go, or None when the cache is turned off (``CAREER_EXPLORER_CACHE=off``)."""
    configured = os.environ.get(CACHE_ENV, "").strip()
    if configured.lower() in ("off", "0", "no", "false"):
        return None
    if configured:
        return Path(configured).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or Path.home() / ".cache"
    return Path(base) / "career-explorer" / "frameworks"


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of the code that reads a framework (the framework package, and the build in ``ui/data.py``) and
    of what its objects are made of: a cached framework made by other code is never read back."""
    digest = hashlib.sha256(sys.version.encode())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)};".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none;".encode())
    _add_sources(digest, _FRAMEWORK_CODE)
    digest.update(_BUILD_CODE.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def view_code_version() -> str:
    """:func:`code_version` and the app's own code (``ui``): a view is made by a page's code too."""
    digest = hashlib.sha256(code_version().encode())
    _add_sources(digest, _APP / "ui")
    return digest.hexdigest()


#: What the code reads besides itself: a view made with it (with the subjective phrases criteria are checked for)
#: changes with it.
_SOURCES = ("*.py", "*.yaml")


def _add_sources(digest, folder: Path) -> None:
    for source in sorted(p for pattern in _SOURCES for p in folder.rglob(pattern)):
        digest.update(source.relative_to(folder).as_posix().encode())
        digest.update(source.read_bytes())


def _private(path: Path, *, folder: bool) -> bool:
    """Whether ``path`` is the server user's own and no one else may write to it."""
    try:
        info = path.lstat()
    except OSError:
        return False
    kind = stat.S_ISDIR(info.st_mode) if folder else stat.S_ISREG(info.st_mode)
    return kind and info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _folder() -> Path | None:
    folder = cache_folder()
    if folder is None:
        return None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        _log.warning("framework cache: %s cannot be made (%s); frameworks are read without it", folder, error)
        return None
    if not _private(folder, folder=True):
        _log.warning("framework cache: %s is not private to this user; frameworks are read without it", folder)
        return None
    return folder


def load_cached(path: str | Path, build: Callable[[], T]) -> T:
    """What ``build()`` makes of the framework file at ``path`` — from the cache when this code has made it
    from the same bytes before, else made now and kept. ``build`` must read ``path`` and nothing else that
    changes: its result is kept under the file's content alone."""
    return load_cached_with_views(path, build)[0]


def load_cached_with_views(path: str | Path, build: Callable[[], T]) -> tuple[T, StoredViews | None]:
    """:func:`load_cached`, and where the views of what it made are kept (None: no cache, or a file that
    changed while it was read)."""
    folder = _folder()
    if folder is None:
        return build(), None
    before = Path(path).read_bytes()
    digest = hashlib.sha256(before + code_version().encode()).hexdigest()
    cached = folder / f"{digest}.pickle"
    found = _read(cached, what=str(path))
    if found is not _MISSING:
        return found, StoredViews(folder / VIEWS, digest)
    value = build()
    if Path(path).read_bytes() != before:  # the file changed while it was read: keep nothing made of it
        return value, None
    _write(folder, cached, value, keep=KEEP)
    return value, StoredViews(folder / VIEWS, digest)


_MISSING = object()


def _read(cached: Path, *, what: str) -> object:
    """The value kept in ``cached``, or :data:`_MISSING` (no such file, not private, or unreadable)."""
    if not _private(cached, folder=False):
        return _MISSING
    try:
        value = pickle.loads(cached.read_bytes())  # our own file, in a folder no one else may write to
    except Exception as error:  # a file cut short, or from a library that changed in place: made afresh
        _log.warning("framework cache: %s unreadable (%s); making %s afresh", cached.name, error, what)
        return _MISSING
    # Most recently used. Another process sharing the folder (a worker behind the proxy) may have removed it
    # meanwhile as one of the least recently used: what was read stands.
    with contextlib.suppress(FileNotFoundError):
        os.utime(cached)
    return value


@dataclass(frozen=True)
class StoredViews:
    """The views of one framework file kept on disk (see the module's note): ``folder`` is the views' folder,
    ``digest`` the file's (its content and the version of the code that read it)."""

    folder: Path
    digest: str

    def get(self, name: str, args: tuple, build: Callable[[], T], *, framework_only: bool = False) -> T:
        """The view ``name`` of the file for ``args`` (plain ids and options): read back when made before by
        the same code, else made now and kept. ``framework_only``: made by the ``framework`` package alone (which
        never imports the app's pages), so a new version of the pages does not make it again."""
        code = code_version() if framework_only else view_code_version()
        key = f"{self.digest}\n{code}\n{name}\n{args!r}"
        cached = self.folder / (hashlib.sha256(key.encode()).hexdigest() + ".pickle")
        if _private(self.folder, folder=True):
            found = _read(cached, what=f"the view {name}")
            if found is not _MISSING:
                return found
        value = build()
        if _made(self.folder):
            _write(self.folder, cached, value, keep=KEEP_VIEWS)
        return value


def _made(folder: Path) -> bool:
    """Whether ``folder`` is there, or was made now, private to this user."""
    with contextlib.suppress(OSError):
        folder.mkdir(mode=0o700, exist_ok=True)
    return _private(folder, folder=True)


def _write(folder: Path, cached: Path, value: object, *, keep: int) -> None:
    """Keep ``value`` as ``cached`` (written whole, then moved into place: a reader never sees half a file), and
    only the ``keep`` most recently used files of the folder."""
    try:
        handle, writing = tempfile.mkstemp(dir=folder, prefix=".writing-", suffix=".pickle")  # mode 0600
    except OSError as error:
        _log.warning("framework cache: %s cannot be written (%s)", cached.name, error)
        return
    try:
        with os.fdopen(handle, "wb") as file:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(writing, cached)
    except Exception as error:  # a full disk, or something that cannot be pickled: the app goes on without
        _log.warning("framework cache: %s cannot be written (%s)", cached.name, error)
        Path(writing).unlink(missing_ok=True)
        return

    def used(file: Path) -> float:
        try:
            return file.stat().st_mtime
        except OSError:  # removed meanwhile by another worker
            return 0.0

    for old in sorted(folder.glob("*.pickle"), key=used, reverse=True)[keep:]:
        old.unlink(missing_ok=True)
