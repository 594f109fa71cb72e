"""An upload is checked in a child process: the same framework and problems as the loader gives in-process,
with the work kept out of the server's process, and held to its time, memory and queue limits."""

from __future__ import annotations

import threading

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


def test_an_upload_that_finds_every_check_busy_is_told_so(monkeypatch):
    busy = threading.BoundedSemaphore(1)
    busy.acquire()
    monkeypatch.setattr(upload_worker, "_slots", busy)
    monkeypatch.setattr(upload_worker, "QUEUE_LIMIT_S", 0.05)
    with pytest.raises(FrameworkError) as error:
        upload_worker.check_upload(_council(), "roles.yaml", max_bytes=LIMIT)
    assert [p.code for p in error.value.problems] == ["busy"]
    assert "try again in a minute" in str(error.value)


def test_a_spare_child_waits_for_the_next_upload():
    upload_worker.start()
    spare = upload_worker._spare
    assert spare is not None
    assert spare.poll() is None
    with pytest.raises(FrameworkError):
        upload_worker.check_upload(BROKEN, "mine.yaml", max_bytes=LIMIT)
    assert spare.wait(timeout=30) == 0, "the spare was used for the check, and exited once it had answered"
    assert upload_worker._spare is not spare, "a new spare was started in its place"
    assert upload_worker._spare.poll() is None, "and it waits"
