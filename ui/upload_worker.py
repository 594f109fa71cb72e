"""An uploaded framework is checked and its graph built in a process of its own, never in the server's (an
uploaded learning catalogue is checked there too).

Why: the worst file the limits allow (see ``framework.cost``) takes seconds of pure-Python work to check and
build. In the server's process that work holds the interpreter lock, and every other person's page waits its
turn for it: pages that take 0.03 s took up to 2 s while someone uploaded. In a child process it runs beside
the server, so other sessions keep their pace; the child is held to :data:`TIME_LIMIT_S` and
:data:`MEMORY_LIMIT_BYTES`, so no file can cost the server more than that; and whatever the check used goes
back to the system when the child exits. Only the finished framework and graph come back (pickled, through the
child's standard output): nothing is written to disk or to a log, and the upload lives on only in the session
that made it.

A child is a fresh interpreter (``python -m ui.upload_worker``) that imports the loader, then waits for one
file on its standard input, answers and exits. One such spare is kept started, so an upload does not wait
the half second an interpreter takes to import the loader; each check starts the next spare. At most
:data:`AT_ONCE` checks run at a time (one CPU is always left to the pages); an upload that finds them all busy
waits for one, up to :data:`QUEUE_LIMIT_S`.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from pathlib import Path

__all__ = [
    "AT_ONCE",
    "MEMORY_LIMIT_BYTES",
    "QUEUE_LIMIT_S",
    "TIME_LIMIT_S",
    "check_catalogue_upload",
    "check_upload",
    "start",
]

#: A check that takes longer is stopped (the worst file the limits allow takes about 4 s on one core).
TIME_LIMIT_S = 60.0
#: The child's address space: the worst file allowed peaks well under a third of it.
MEMORY_LIMIT_BYTES = 3 * 2**30
#: Checks that run at once: all CPUs but one, so the server's own work always has one to itself.
AT_ONCE = max(1, (os.cpu_count() or 1) - 1)
#: How long an upload waits for a free check before it is turned away.
QUEUE_LIMIT_S = 120.0

ROOT = Path(__file__).resolve().parents[1]
_slots = threading.BoundedSemaphore(AT_ONCE)
_spare_lock = threading.Lock()
_spare: subprocess.Popen | None = None


def _new_child() -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", __name__],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # the child answers every failure on stdout; nothing of a file reaches a log
    )


def start() -> None:
    """Start the spare child, so that the first upload does not wait for an interpreter to start."""
    global _spare
    with _spare_lock:
        if _spare is None or _spare.poll() is not None:
            _spare = _new_child()


def _take_child() -> subprocess.Popen:
    """The spare child (or a new one if it is gone), with the next spare started in its place."""
    global _spare
    with _spare_lock:
        child = _spare if _spare is not None and _spare.poll() is None else _new_child()
        _spare = _new_child()
        return child


def check_upload(data: bytes, name: str, *, max_bytes: int):
    """``data`` (a file called ``name``) loaded or imported as a framework, and its graph, built in a child
    process: ``(Framework, networkx.DiGraph)``. Raises :class:`~framework.errors.FrameworkError` with every
    problem of the file, or with why it could not be checked (too slow, too costly, the server busy); any other
    failure is a fault of the app (RuntimeError)."""
    return _check(("framework", data, name, max_bytes, MEMORY_LIMIT_BYTES), name)


def check_catalogue_upload(data: bytes, name: str, *, max_bytes: int, vocabulary):
    """``data`` read as a learning catalogue (YAML, or a spreadsheet imported as ``import resources`` does) and
    checked against ``vocabulary`` (:class:`framework.learning.Vocabulary`: the ids of the framework in use), in
    a child process like a framework: ``(Catalogue, notes)``, the notes being the warnings and the import's
    account of its rows, one line each. Raises as :func:`check_upload` does."""
    return _check(("catalogue", data, name, max_bytes, MEMORY_LIMIT_BYTES, vocabulary), name)


def _check(request: tuple, name: str) -> tuple:
    from framework.errors import InputError

    if not _slots.acquire(timeout=QUEUE_LIMIT_S):
        raise InputError.single(
            "could not be checked now: the server is busy checking other files; please try again in a minute",
            file=name,
            code="busy",
        )
    try:
        outcome = _ask_child(pickle.dumps(request), name)
    finally:
        _slots.release()
    kind, *rest = outcome
    if kind in ("framework", "catalogue"):
        return rest[0], rest[1]
    if kind == "problems":
        raise InputError(rest[0], summary=rest[1])
    if kind == "too-costly":
        raise InputError.single(f"could not be checked: it {rest[0]}", file=name, code="too-costly")
    raise RuntimeError(f"checking {name} failed in the app ({rest[0]})")


def _ask_child(request: bytes, name: str) -> tuple:
    from framework.errors import InputError

    child = _take_child()
    try:
        answer, _ = child.communicate(request, timeout=TIME_LIMIT_S)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        raise InputError.single(
            f"took longer than the {TIME_LIMIT_S:.0f} s a check may take: the file is too large or too tangled "
            "to use here",
            file=name,
            code="too-slow",
        ) from None
    if child.returncode != 0 or not answer:
        return ("too-costly", "stopped the check before it finished (it may need more memory than a check may use)")
    return pickle.loads(answer)  # written by this module's own child, below


def _serve_one() -> None:
    """The child: the loader imported while it waits; then the file, its memory limit, the same loading the app
    would do, one answer on stdout, and exit."""
    from framework.errors import FrameworkError
    from framework.graph import build_graph
    from framework.importers import load_or_import

    request = sys.stdin.buffer.read()
    if not request:  # the server stopped while this child was its spare
        return
    kind, data, name, max_bytes, memory_limit, *more = pickle.loads(request)
    _limit_memory(memory_limit)
    try:
        if kind == "catalogue":
            outcome = ("catalogue", *_catalogue(data, name, max_bytes, more[0]))
        else:
            framework, _ = load_or_import(data, name=name, max_bytes=max_bytes)
            outcome = ("framework", framework, build_graph(framework))
    except FrameworkError as error:
        outcome = ("problems", error.problems, error.summary)
    except MemoryError:
        outcome = ("too-costly", f"needs more than the {memory_limit / 2**30:.1f} GiB of memory a check may use")
    except Exception as error:  # a fault of the app, not of the file: named, never a traceback
        outcome = ("fault", type(error).__name__)
    try:
        answer = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        answer = pickle.dumps(("too-costly", "is too large to hand back once checked"))
    sys.stdout.buffer.write(answer)
    sys.stdout.buffer.flush()


def _catalogue(data: bytes, name: str, max_bytes: int, vocabulary) -> tuple:
    """A learning catalogue and the lines to show beside it: a spreadsheet is imported (its account of every
    row), a YAML file checked; ids the framework does not have are warnings (the catalogue may serve others)."""
    from framework.importers.resources import import_resources
    from framework.importers.sheet import is_workbook
    from framework.importers.summary import Input
    from framework.learning import catalogue_problems, check_catalogue

    if len(data) > max_bytes:
        from framework.errors import InputError

        raise InputError.single(f"larger than the {max_bytes // 2**20} MiB limit", file=name, code="too-large")
    if name.lower().endswith((".csv", ".xlsx", ".xlsm")) or is_workbook(data):
        result = import_resources(Input(name, data), framework=vocabulary, unknown="keep")
        warnings = catalogue_problems(result.catalogue, vocabulary, unknown="warning")
        return result.catalogue, [*result.summary.lines(), *(str(w) for w in warnings)]
    catalogue, warnings = check_catalogue(data, name=name, framework=vocabulary, max_bytes=max_bytes, unknown="warning")
    return catalogue, [str(w) for w in warnings]


def _limit_memory(limit: int) -> None:
    """Hold this process to ``limit`` bytes of address space where the system can (Linux can; on a system
    without the ``resource`` module or that refuses the limit, the time limit still holds)."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass


if __name__ == "__main__":
    _serve_one()
