"""The disk cache of checked frameworks (``ui/framework_cache.py``): what it keeps is what the file holds, read
back only from a private folder, by the file's content and the code's version; uploads never reach it."""

from __future__ import annotations

import pickle
import stat

import pytest

from framework import load_framework
from tests.conftest import COUNCIL
from ui import data, framework_cache
from ui.framework_cache import CACHE_ENV, KEEP, cache_folder, load_cached


@pytest.fixture
def folder(tmp_path, monkeypatch):
    where = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(where))
    return where


class Builds:
    """A build function that counts its calls."""

    def __init__(self, value=("made", 1)):
        self.calls = 0
        self.value = value

    def __call__(self):
        self.calls += 1
        return self.value


def test_a_file_read_once_is_read_back_from_the_cache(folder, tmp_path):
    source = tmp_path / "f.yaml"
    source.write_text("id: one\n")
    build = Builds()
    assert load_cached(source, build) == ("made", 1)
    assert load_cached(source, build) == ("made", 1)
    assert build.calls == 1
    (kept,) = folder.glob("*.pickle")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600


def test_a_file_another_process_removes_while_it_is_read_still_gives_what_was_read(folder, tmp_path, monkeypatch):
    source = tmp_path / "f.yaml"
    source.write_text("id: one\n")
    load_cached(source, Builds())
    (kept,) = folder.glob("*.pickle")
    read = type(kept).read_bytes

    def read_then_removed(self):  # another worker keeps only its most recently used files, meanwhile
        data = read(self)
        if self == kept:
            kept.unlink()
        return data

    monkeypatch.setattr(type(kept), "read_bytes", read_then_removed)
    build = Builds(("made again",))
    assert load_cached(source, build) == ("made", 1)
    assert build.calls == 0


def test_a_changed_file_is_read_afresh(folder, tmp_path):
    source = tmp_path / "f.yaml"
    source.write_text("id: one\n")
    load_cached(source, Builds(("first",)))
    source.write_text("id: two\n")
    build = Builds(("second",))
    assert load_cached(source, build) == ("second",)
    assert build.calls == 1


def test_other_code_never_reads_what_this_code_kept(folder, tmp_path, monkeypatch):
    source = tmp_path / "f.yaml"
    source.write_text("id: one\n")
    load_cached(source, Builds(("old code",)))
    monkeypatch.setattr(framework_cache, "code_version", lambda: "another version of the loader")
    assert load_cached(source, Builds(("new code",))) == ("new code",)


def test_the_cache_can_be_turned_off(monkeypatch, tmp_path):
    monkeypatch.setenv(CACHE_ENV, "off")
    assert cache_folder() is None
    source = tmp_path / "f.yaml"
    source.write_text("id: one\n")
    build = Builds()
    load_cached(source, build)
    load_cached(source, build)
    assert build.calls == 2


@pytest.mark.parametrize("what", ["folder", "file"])
def test_nothing_is_read_from_a_cache_others_may_write_to(folder, tmp_path, what, caplog):
    source = tmp_path / "f.yaml"
    source.write_text("id: one\n")
    load_cached(source, Builds(("kept",)))
    (kept,) = folder.glob("*.pickle")
    kept.write_bytes(pickle.dumps(("planted by someone else",)))
    shared = folder if what == "folder" else kept
    shared.chmod(stat.S_IMODE(shared.stat().st_mode) | stat.S_IWOTH)
    build = Builds(("read afresh",))
    assert load_cached(source, build) == ("read afresh",)
    assert build.calls == 1
    if what == "folder":
        assert "not private" in caplog.text


def test_a_damaged_cache_file_is_read_afresh(folder, tmp_path):
    source = tmp_path / "f.yaml"
    source.write_text("id: one\n")
    load_cached(source, Builds())
    (kept,) = folder.glob("*.pickle")
    kept.write_bytes(kept.read_bytes()[:5])
    assert load_cached(source, Builds(("again",))) == ("again",)
    assert load_cached(source, Builds(("not needed",))) == ("again",), "and kept again"


def test_only_the_most_recently_used_files_are_kept(folder, tmp_path):
    for n in range(KEEP + 3):
        source = tmp_path / f"f{n}.yaml"
        source.write_text(f"id: f{n}\n")
        load_cached(source, Builds((n,)))
    assert len(list(folder.glob("*.pickle"))) == KEEP


def test_the_app_reads_the_same_framework_and_graph_from_the_cache(folder):
    fresh, fresh_graph = data.read_framework_file(COUNCIL)
    cached, cached_graph = data.read_framework_file(COUNCIL)
    assert list(folder.glob("*.pickle")), "kept"
    assert cached == fresh == load_framework(COUNCIL)
    assert list(cached_graph.nodes(data=True)) == list(fresh_graph.nodes(data=True))
    assert list(cached_graph.edges(data=True)) == list(fresh_graph.edges(data=True))
    assert cached_graph.graph == fresh_graph.graph


def test_an_upload_never_reaches_the_cache(folder, monkeypatch):
    def refuse(*_):
        raise AssertionError("an upload went to the disk cache")

    monkeypatch.setattr(data, "load_cached", refuse)
    loaded = data.load_upload(COUNCIL.read_bytes(), "mine.yaml")
    assert loaded.framework.roles
    assert not folder.exists() or not list(folder.iterdir())
