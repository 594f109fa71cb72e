"""An upload is checked in a child process: the same framework and problems as the loader gives in-process,
with the work kept out of the server's process, and held to its time, memory and queue limits."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest

from framework import FrameworkError, load_framework_bytes
from framework.graph import build_graph
from tests import hostile
from ui import upload_worker

LIMIT = 2 * 2**20
BROKEN = b"id: x\nname: X\ngrades: [{id: g}]\nroles: [{id: r}]\n"


def _council() -> bytes:
    from ui.data import DATA_DIR

    return (DATA_DIR / "roles.yaml").read_bytes()


def test_a_framework_comes_back_as_the_loader_makes_it_in_process():
    data = _council()
    framework, graph = upload_worker.check_upload(data, "roles.yaml", max_bytes=LIMIT)
    here = load_framework_bytes(data, name="roles.yaml", max_bytes=LIMIT)
    assert framework == here
    assert sorted(graph.edges(data=True)) == sorted(build_graph(here).edges(data=True))


def test_a_broken_file_raises_every_located_problem_the_loader_finds():
    with pytest.raises(FrameworkError) as checked:
        upload_worker.check_upload(BROKEN, "mine.yaml", max_bytes=LIMIT)
    with pytest.raises(FrameworkError) as here:
        load_framework_bytes(BROKEN, name="mine.yaml", max_bytes=LIMIT)
    assert checked.value.problems == here.value.problems
    assert checked.value.summary == here.value.summary
    assert [str(p).split(": ", 1)[0] for p in checked.value.problems] == ["mine.yaml:4:9", "mine.yaml:4:9"]


def test_the_check_is_not_done_in_this_process(monkeypatch):
    """The loader and the graph builder refuse to run here, and the check still succeeds: it ran elsewhere."""
    import framework.graph
    import framework.importers

    def not_here(*_args, **_kwargs):
        raise AssertionError("the upload was checked in the server's process")

    monkeypatch.setattr(framework.importers, "load_or_import", not_here)
    monkeypatch.setattr(framework.graph, "build_graph", not_here)
    framework_, graph = upload_worker.check_upload(_council(), "roles.yaml", max_bytes=LIMIT)
    assert framework_.roles
    assert graph.number_of_nodes() == len(framework_.roles)


def test_a_check_that_takes_too_long_is_stopped(monkeypatch):
    monkeypatch.setattr(upload_worker, "TIME_LIMIT_S", 0.2)
    worst = hostile.same_grade(hostile.largest(hostile.same_grade)).encode()
    with pytest.raises(FrameworkError) as error:
        upload_worker.check_upload(worst, "worst.yaml", max_bytes=LIMIT)
    assert [p.code for p in error.value.problems] == ["too-slow"]
    assert "took longer than the 0 s a check may take" in str(error.value)


def test_a_check_that_needs_too_much_memory_is_turned_away(monkeypatch):
    monkeypatch.setattr(upload_worker, "MEMORY_LIMIT_BYTES", 300 * 2**20)  # less than the worst file needs
    worst = hostile.same_grade(hostile.largest(hostile.same_grade)).encode()
    with pytest.raises(FrameworkError) as error:
        upload_worker.check_upload(worst, "worst.yaml", max_bytes=LIMIT)
    assert [p.code for p in error.value.problems] == ["too-costly"]
    assert str(error.value).startswith("worst.yaml: could not be checked")


def test_an_upload_that_waits_too_long_for_its_turn_is_told_so(monkeypatch):
    busy = upload_worker.FairQueue(1)
    monkeypatch.setattr(upload_worker, "_queue", busy)
    monkeypatch.setattr(upload_worker, "QUEUE_LIMIT_S", 0.05)
    with busy.turn("someone else", timeout=1), pytest.raises(FrameworkError) as error:
        upload_worker.check_upload(_council(), "roles.yaml", max_bytes=LIMIT, session="me")
    assert [p.code for p in error.value.problems] == ["busy"]
    assert "try again in a minute" in str(error.value)


def test_the_spares_are_started_once_a_moment_after_the_first_page(monkeypatch):
    monkeypatch.setattr(upload_worker, "_spares_scheduled", threading.Event())
    monkeypatch.setattr(upload_worker, "_spares", [])
    timer = upload_worker.start_soon(delay=0.01)
    assert timer is not None
    assert timer.daemon, "a server stopping does not wait for it"
    assert upload_worker.start_soon(delay=0.01) is None, "the first page's run scheduled them; later runs do not"
    timer.join(timeout=30)
    assert len(upload_worker._spares) == upload_worker.SPARES
    assert all(child.poll() is None for child in upload_worker._spares), "started, and waiting for a request"


def test_spare_children_wait_for_the_next_uploads():
    upload_worker.start()
    spares = list(upload_worker._spares)
    assert len(spares) == upload_worker.SPARES
    assert all(child.poll() is None for child in spares)
    with pytest.raises(FrameworkError):
        upload_worker.check_upload(BROKEN, "mine.yaml", max_bytes=LIMIT)
    assert spares[0].wait(timeout=30) == 0, "the oldest spare was used for the check, and exited once it had answered"
    assert spares[0] not in upload_worker._spares
    assert len(upload_worker._spares) == upload_worker.SPARES, "another was started in its place"
    assert all(child.poll() is None for child in upload_worker._spares), "and they wait"


# --------------------------------------------------------------------------- the fair queue


def _holder(queue, session: str, started: threading.Event, release: threading.Event, order: list[str]):
    def hold() -> None:
        with queue.turn(session, timeout=30):
            order.append(session)
            started.set()
            release.wait(30)

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    return thread


def _wait_until(predicate, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "the queue did not reach the state waited for"
        time.sleep(0.01)


def test_requests_are_taken_first_come_first_served_across_sessions():
    queue = upload_worker.FairQueue(1)
    order: list[str] = []
    first_in, release = threading.Event(), threading.Event()
    threads = [_holder(queue, "a", first_in, release, order)]
    first_in.wait(30)
    for session in ("b", "c", "d"):  # each joins the line after the one before
        waiting = queue.sizes()[0]
        threads.append(_holder(queue, session, threading.Event(), release, order))
        _wait_until(lambda waiting=waiting: queue.sizes()[0] == waiting + 1)
    release.set()
    for thread in threads:
        thread.join(30)
    assert order == ["a", "b", "c", "d"]


def test_a_session_has_one_request_worked_on_at_a_time_and_cannot_hold_the_queue():
    """Session "a" asks again and again; "b" asks once, after a's second request: b is taken before a's second,
    though a free slot would otherwise go to the first in line."""
    queue = upload_worker.FairQueue(2)
    order: list[str] = []
    first_in, release = threading.Event(), threading.Event()
    threads = [_holder(queue, "a", first_in, release, order)]
    first_in.wait(30)
    threads.append(_holder(queue, "a", threading.Event(), release, order))
    _wait_until(lambda: queue.sizes() == (1, 1))  # a's second waits though a slot is free: a has one worked on
    b_in = threading.Event()
    threads.append(_holder(queue, "b", b_in, release, order))
    b_in.wait(30)
    assert order == ["a", "b"], "b took the free slot while a's second request waited for a's first"
    release.set()
    for thread in threads:
        thread.join(30)
    assert order == ["a", "b", "a"]


def test_the_waiting_are_told_how_many_go_before_them():
    queue = upload_worker.FairQueue(1)
    told: list[int] = []
    started, release_a, release_b = threading.Event(), threading.Event(), threading.Event()
    threads = [_holder(queue, "a", started, release_a, [])]
    started.wait(30)
    threads.append(_holder(queue, "b", threading.Event(), release_b, []))
    _wait_until(lambda: queue.sizes() == (1, 1))

    def third() -> None:
        with queue.turn("c", timeout=30, on_wait=told.append):
            pass

    waiter = threading.Thread(target=third, daemon=True)
    waiter.start()
    _wait_until(lambda: told == [2])  # a worked on, b waiting before it
    release_a.set()
    _wait_until(lambda: told == [2, 1])  # b worked on
    release_b.set()
    for thread in [*threads, waiter]:
        thread.join(30)
    assert queue.sizes() == (0, 0)


def test_a_session_may_have_only_a_few_requests_waiting():
    queue = upload_worker.FairQueue(1)
    started, release = threading.Event(), threading.Event()
    threads = [_holder(queue, "a", started, release, [])]
    started.wait(30)
    for _ in range(upload_worker.PER_SESSION - 1):
        threads.append(_holder(queue, "a", threading.Event(), release, []))
    _wait_until(lambda: sum(queue.sizes()) == upload_worker.PER_SESSION)
    with pytest.raises(upload_worker.QueueFull), queue.turn("a", timeout=5):
        pass
    release.set()
    for thread in threads:
        thread.join(30)
    assert queue.sizes() == (0, 0)


# --------------------------------------------------------------------------- documents made apart


def _plan(actions: int = 2, text: str = "Lead sprint planning"):
    from framework import load_framework
    from framework.plan import Action, development_plan
    from ui.data import DATA_DIR

    framework = load_framework(DATA_DIR / "roles.yaml")
    return development_plan(
        framework,
        build_graph(framework),
        "associate-project-manager",
        "delivery-manager",
        date=dt.date(2026, 12, 3),
        actions=[Action(text, owner="Sam")] * actions,
    )


def test_a_plan_s_pdf_is_made_in_a_child_as_it_would_be_here(monkeypatch):
    import framework.planfiles

    plan = _plan()
    here = framework.planfiles.plan_pdf(plan)

    def not_here(*_args, **_kwargs):
        raise AssertionError("the PDF was made in the server's process")

    monkeypatch.setattr(framework.planfiles, "plan_pdf", not_here)
    made = upload_worker.make_document("plan-pdf", plan, session="me")
    assert made[:5] == b"%PDF-"
    assert abs(len(made) - len(here)) < 200


def test_a_document_that_takes_too_long_or_needs_too_much_memory_is_refused_with_why(monkeypatch):
    plan = _plan(actions=20, text="x" * 300)
    monkeypatch.setattr(upload_worker, "DOCUMENT_TIME_LIMIT_S", 0.05)
    with pytest.raises(upload_worker.DocumentFailed, match="took longer than the 0 s a file may take"):
        upload_worker.make_document("plan-pdf", plan)
    monkeypatch.setattr(upload_worker, "DOCUMENT_TIME_LIMIT_S", 60)
    monkeypatch.setattr(upload_worker, "DOCUMENT_MEMORY_LIMIT_BYTES", 200 * 2**20)  # less than the child has
    with pytest.raises(upload_worker.DocumentFailed) as failed:
        upload_worker.make_document("record-yaml", _large_record())
    assert str(failed.value).startswith("making it ")
    assert "x" * 20 not in str(failed.value)


def _large_record():
    """A record of as much text as a record may hold: its YAML takes some tens of MiB to write."""
    from framework.record import AgreedAction, CheckIn, DevelopmentRecord, FrameworkRef

    action = AgreedAction(action="x " * 2_000, owner="o " * 2_000, support="s " * 2_000)
    check_ins = [CheckIn(date=dt.date(2026, 1, 1) + dt.timedelta(days=d), actions=[action] * 40) for d in range(2)]
    return DevelopmentRecord(framework=FrameworkRef(id="council-digital"), current_role="x", check_ins=check_ins)


def test_a_fault_while_making_a_document_is_named_by_kind_and_place_never_by_its_message():
    canary = "CANARY-Ngozi-Okafor"
    with pytest.raises(upload_worker.DocumentFailed) as failed:
        upload_worker.make_document("record-yaml", canary)  # a text is not a record: dump_record fails on it
    assert "AttributeError in dump_record (record.py:" in str(failed.value)
    assert canary not in str(failed.value)


def test_only_the_listed_documents_can_be_asked_for():
    with pytest.raises(ValueError, match="no document maker"):
        upload_worker.make_document("os.system", "true")
