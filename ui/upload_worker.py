"""Work on what a person brings is done in a process of its own, never in the server's: checking an uploaded
framework or learning catalogue, and making the documents that cost the most to make (a plan's PDF, a team's
workbook, a record's YAML).

Why: the worst file the limits allow (see ``framework.cost``) takes seconds of pure-Python work to check and
build, and a document costs what the person put in it. In the server's process that work holds the
interpreter lock, and every other person's page waits its turn for it: pages that take 0.03 s took up to 2 s
while someone uploaded. In a child process it runs beside the server, so other sessions keep their pace; the
child is held to a time and a memory limit (:data:`TIME_LIMIT_S` and :data:`MEMORY_LIMIT_BYTES` for a check,
:data:`DOCUMENT_TIME_LIMIT_S` and :data:`DOCUMENT_MEMORY_LIMIT_BYTES` for a document), so no file can cost the
server more than that; and whatever the work used goes back to the system when the child exits. Only the
answer comes back (pickled, through the child's standard output): nothing is written to disk or to a log, and
a person's file lives on only in the session that brought it.

A child is a fresh interpreter (``python -m ui.upload_worker``) that imports the loader, then waits for one
request on its standard input, answers and exits. :data:`SPARES` such children are kept started, so a request
does not wait the second an interpreter takes to import the loader; each request starts another. They are
started a few seconds after the server's first page (:func:`start_soon`), not with the server.

**The queue is fair** (:class:`FairQueue`): at most :data:`AT_ONCE` requests are worked on at a time (one CPU
is always left to the pages); a session has at most one worked on at a time; and the others are taken first
come, first served across sessions. So one session uploading again and again cannot hold the queue: each of
its uploads waits behind those that came before it, and everyone else's are taken in turn. A request that
waits longer than :data:`QUEUE_LIMIT_S` is turned away, and a session may have at most
:data:`PER_SESSION` requests waiting or worked on. While a request waits, ``on_wait`` is told how many go
before it, so the page can say so.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pickle
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "AT_ONCE",
    "DOCUMENT_MEMORY_LIMIT_BYTES",
    "DOCUMENT_TIME_LIMIT_S",
    "MAKERS",
    "MEMORY_LIMIT_BYTES",
    "PER_SESSION",
    "QUEUE_LIMIT_S",
    "SPARES",
    "TIME_LIMIT_S",
    "DocumentFailed",
    "FairQueue",
    "QueueFull",
    "check_catalogue_upload",
    "check_upload",
    "kind_and_place",
    "make_document",
    "start",
    "start_soon",
]

#: A check that takes longer is stopped (the worst file the limits allow takes about 4 s on one core).
TIME_LIMIT_S = 60.0
#: The child's address space: the worst file allowed peaks well under a third of it.
MEMORY_LIMIT_BYTES = 3 * 2**30
#: A document that takes longer is stopped (the worst plan the bounds allow takes under a second).
DOCUMENT_TIME_LIMIT_S = 30.0
#: A document's child may use this much address space (the worst plan's PDF needs about 200 MiB).
DOCUMENT_MEMORY_LIMIT_BYTES = 2**30
#: Requests worked on at once: all CPUs but one, so the server's own work always has one to itself.
AT_ONCE = max(1, (os.cpu_count() or 1) - 1)
#: How long a request waits for its turn before it is turned away.
QUEUE_LIMIT_S = 120.0
#: Requests one session may have waiting or worked on at once (a further one is turned away at once).
PER_SESSION = 3
#: Children kept started and waiting: one for the next request, and one more, so that requests that follow
#: each other do not each wait for an interpreter to import the loader (a second or more on a busy machine).
SPARES = 2
#: The spares are started this long after the first page of a server's life has run (:func:`start_soon`):
#: each takes about 1.5 s of CPU to import the loader, and started with the server they took the CPU the
#: first person's browser needed to draw that page (on two cores, 4.1 s from the start to the first page
#: settled without them, 4.8 s with them, at 10,000 roles). A request that comes sooner starts its own.
SPARES_DELAY_S = 5.0

#: The documents made in a child: name → (module, function). Only these can be asked for.
MAKERS = {
    "plan-pdf": ("framework.planfiles", "plan_pdf"),
    "team-xlsx": ("framework.team", "team_workbook"),
    "record-yaml": ("framework.record", "dump_record"),
}

ROOT = Path(__file__).resolve().parents[1]
_spare_lock = threading.Lock()
_spares: list[subprocess.Popen] = []  # oldest first
_spares_scheduled = threading.Event()


class QueueFull(Exception):
    """The request was not taken: the session has as many waiting as it may, or its wait ran out."""


class DocumentFailed(Exception):
    """A document could not be made; the message says why, in words for the page, and holds nothing of the
    person's data."""


# --------------------------------------------------------------------------- the queue


@dataclass(eq=False)
class _Ticket:
    session: str
    since: float = field(default_factory=time.monotonic)


class FairQueue:
    """Turns for work, first come first served across sessions, one at a time per session, ``slots`` at once."""

    def __init__(self, slots: int) -> None:
        self.slots = slots
        self._changed = threading.Condition()
        self._waiting: list[_Ticket] = []  # in order of arrival
        self._running: list[_Ticket] = []

    def _next(self) -> _Ticket | None:
        if len(self._running) >= self.slots:
            return None
        busy = {t.session for t in self._running}
        return next((t for t in self._waiting if t.session not in busy), None)

    def _ahead(self, ticket: _Ticket) -> int:
        return len(self._running) + self._waiting.index(ticket)

    def sizes(self) -> tuple[int, int]:
        """(waiting, worked on) now: for tests and the page."""
        with self._changed:
            return len(self._waiting), len(self._running)

    @contextlib.contextmanager
    def turn(self, session: str, *, timeout: float, on_wait: Callable[[int], None] | None = None) -> Iterator[None]:
        """Wait for this session's turn (telling ``on_wait`` how many go before it whenever that changes), then
        hold it for the ``with`` block. Raises :class:`QueueFull` when the session may not queue another
        request, or when ``timeout`` seconds pass first."""
        ticket = _Ticket(session)
        with self._changed:
            mine = sum(t.session == session for t in (*self._waiting, *self._running))
            if mine >= PER_SESSION:
                raise QueueFull(f"{mine} requests of this session are already waiting or worked on")
            self._waiting.append(ticket)
        try:
            self._wait(ticket, time.monotonic() + timeout, on_wait)
        except BaseException:
            with self._changed:
                self._waiting.remove(ticket)
                self._changed.notify_all()
            raise
        try:
            yield
        finally:
            with self._changed:
                self._running.remove(ticket)
                self._changed.notify_all()

    def _wait(self, ticket: _Ticket, deadline: float, on_wait: Callable[[int], None] | None) -> None:
        told = None
        while True:
            with self._changed:
                if self._next() is ticket:
                    self._waiting.remove(ticket)
                    self._running.append(ticket)
                    return
                ahead = self._ahead(ticket)
                if ahead == told or on_wait is None:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise QueueFull(f"waited {time.monotonic() - ticket.since:.0f} s")
                    self._changed.wait(min(left, 1.0))
                    continue
            told = ahead
            on_wait(ahead)  # outside the lock: the page's notice may take a moment to send


_queue = FairQueue(AT_ONCE)


# --------------------------------------------------------------------------- the children


def _new_child() -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", __name__],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # the child answers every failure on stdout; nothing of a file reaches a log
    )


def start() -> None:
    """Start the spare children, so that the first requests do not wait for an interpreter to start."""
    with _spare_lock:
        _top_up()


def start_soon(delay: float = SPARES_DELAY_S) -> threading.Timer | None:
    """:func:`start` the spares ``delay`` seconds from now, once in the process's life: the timer that will, or
    None when an earlier call has started one."""
    with _spare_lock:
        if _spares_scheduled.is_set():
            return None
        _spares_scheduled.set()
    timer = threading.Timer(delay, start)
    timer.daemon = True  # a server stopping does not wait for it
    timer.start()
    return timer


def _top_up() -> None:
    _spares[:] = [child for child in _spares if child.poll() is None]
    while len(_spares) < SPARES:
        _spares.append(_new_child())


def _take_child() -> subprocess.Popen:
    """The oldest spare child (or a new one if none is left), with another spare started in its place."""
    with _spare_lock:
        alive = [child for child in _spares if child.poll() is None]
        child = alive.pop(0) if alive else _new_child()
        _spares[:] = alive
        _top_up()
        return child


def _ask_child(request: tuple, time_limit: float) -> tuple | None:
    """The child's answer to ``request``; None if it took longer than ``time_limit`` (it is stopped)."""
    child = _take_child()
    try:
        answer, _ = child.communicate(pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL), timeout=time_limit)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        return None
    if child.returncode != 0 or not answer:
        return ("too-costly", "stopped before it finished (it may need more memory than it may use)")
    return pickle.loads(answer)  # written by this module's own child, below


def _anonymous() -> str:
    return f"anonymous-{threading.get_ident()}-{time.monotonic_ns()}"


def check_upload(
    data: bytes,
    name: str,
    *,
    max_bytes: int,
    session: str | None = None,
    on_wait: Callable[[int], None] | None = None,
):
    """``data`` (a file called ``name``) loaded or imported as a framework, and its graph, built in a child
    process: ``(Framework, networkx.DiGraph)``. ``session`` says whose request it is (for the queue's
    fairness); ``on_wait`` is told how many requests go before it while it waits. Raises
    :class:`~framework.errors.FrameworkError` with every problem of the file, or with why it could not be
    checked (too slow, too costly, the server busy); any other failure is a fault of the app (RuntimeError)."""
    return _check("check", (data, name, max_bytes), name, session=session, on_wait=on_wait)


def check_catalogue_upload(
    data: bytes,
    name: str,
    *,
    max_bytes: int,
    vocabulary,
    session: str | None = None,
    on_wait: Callable[[int], None] | None = None,
):
    """``data`` read as a learning catalogue (YAML, or a spreadsheet imported as ``import resources`` does) and
    checked against ``vocabulary`` (:class:`framework.learning.Vocabulary`: the ids of the framework in use), in
    a child process in its turn, as a framework is: ``(Catalogue, notes)``, the notes being the warnings and the
    import's account of its rows, one line each. Raises as :func:`check_upload` does."""
    return _check("catalogue", (data, name, max_bytes, vocabulary), name, session=session, on_wait=on_wait)


def _check(kind: str, payload: tuple, name: str, *, session: str | None, on_wait: Callable[[int], None] | None):
    from framework.errors import InputError

    try:
        with _queue.turn(session or _anonymous(), timeout=QUEUE_LIMIT_S, on_wait=on_wait):
            outcome = _ask_child((kind, payload, MEMORY_LIMIT_BYTES), TIME_LIMIT_S)
    except QueueFull:
        raise InputError.single(
            "could not be checked now: the server is busy checking other files; please try again in a minute",
            file=name,
            code="busy",
        ) from None
    if outcome is None:
        raise InputError.single(
            f"took longer than the {TIME_LIMIT_S:.0f} s a check may take: the file is too large or too tangled "
            "to use here",
            file=name,
            code="too-slow",
        )
    kind, *rest = outcome
    if kind in ("framework", "catalogue"):
        return rest[0], rest[1]
    if kind == "problems":
        raise InputError(rest[0], summary=rest[1])
    if kind == "too-costly":
        raise InputError.single(f"could not be checked: it {rest[0]}", file=name, code="too-costly")
    raise RuntimeError(f"checking an upload failed in the app ({rest[0]})")


def make_document(maker: str, *args, session: str | None = None) -> bytes | str:
    """The document :data:`MAKERS` ``[maker]`` makes of ``args``, made in a child process within
    :data:`DOCUMENT_TIME_LIMIT_S` and :data:`DOCUMENT_MEMORY_LIMIT_BYTES`, in its turn in the fair queue.
    Raises :class:`DocumentFailed` saying why it could not be made (never with the person's data)."""
    if maker not in MAKERS:
        raise ValueError(f"no document maker {maker!r}")
    try:
        with _queue.turn(session or _anonymous(), timeout=QUEUE_LIMIT_S):
            outcome = _ask_child(("make", (maker, args), DOCUMENT_MEMORY_LIMIT_BYTES), DOCUMENT_TIME_LIMIT_S)
    except QueueFull:
        raise DocumentFailed(
            "the server is busy making other files and checking uploads: please try again in a minute"
        ) from None
    if outcome is None:
        raise DocumentFailed(f"making it took longer than the {DOCUMENT_TIME_LIMIT_S:.0f} s a file may take")
    kind, *rest = outcome
    if kind == "document":
        return rest[0]
    if kind == "too-costly":
        raise DocumentFailed(f"making it {rest[0]}")
    raise DocumentFailed(f"a fault of the app stopped it ({rest[0]}): please report it")


# --------------------------------------------------------------------------- in the child


def _serve_one() -> None:
    """The child: the loader imported while it waits; then one request, its memory limit, the work, one answer
    on stdout, and exit."""
    import reportlab.platypus  # noqa: F401  (a plan's PDF: imported while the child waits, as the loader is)

    import framework.planfiles
    from framework.errors import FrameworkError
    from framework.graph import build_graph
    from framework.importers import load_or_import

    request = sys.stdin.buffer.read()
    if not request:  # the server stopped while this child was its spare
        return
    kind, payload, memory_limit = pickle.loads(request)
    _limit_memory(memory_limit)
    try:
        if kind == "check":
            data, name, max_bytes = payload
            framework, _ = load_or_import(data, name=name, max_bytes=max_bytes)
            outcome = ("framework", framework, build_graph(framework))
        elif kind == "catalogue":
            outcome = ("catalogue", *_catalogue(*payload))
        else:
            maker, args = payload
            module, function = MAKERS[maker]
            outcome = ("document", getattr(importlib.import_module(module), function)(*args))
    except FrameworkError as error:
        outcome = ("problems", error.problems, error.summary)
    except MemoryError:
        outcome = ("too-costly", f"needs more than the {memory_limit / 2**30:.1f} GiB of memory it may use")
    except Exception as error:  # a fault of the app, not of the file: its kind and place, never its message
        outcome = ("fault", kind_and_place(error))
    try:
        answer = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        answer = pickle.dumps(("too-costly", "is too large to hand back once made"))
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


def kind_and_place(error: BaseException) -> str:
    """``LayoutError in plan_pdf (planfiles.py:310)``: what went wrong and where, without the message."""
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return type(error).__name__
    last = frames[-1]
    return f"{type(error).__name__} in {last.name} ({Path(last.filename).name}:{last.lineno})"


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
