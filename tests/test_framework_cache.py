"""The disk cache of checked frameworks (``ui/framework_cache.py``): what it keeps is what the file holds, read
back only from a private folder, by the file's content and the code's version; uploads never reach it. The same
for the views a page keeps on disk (the structure review's), by the file, the view and its arguments."""

from __future__ import annotations

import functools
import pickle
import stat

import pytest

from framework import load_framework
from framework.views import review_view
from tests.conftest import COUNCIL
from ui import data, framework_cache
from ui.framework_cache import CACHE_ENV, KEEP, KEEP_VIEWS, cache_folder, load_cached


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


def test_a_framework_read_back_has_its_expectations_read_already(folder, monkeypatch):
    """Every role's expectations are read before the framework is kept: a start that reads it back shows a role's
    criteria without reading them all again, and what it shows is what was read."""
    from framework import expectation_index as index_module
    from framework.expectations import role_expectations

    fresh, _ = data.read_framework_file(COUNCIL)
    expected = {role.id: role_expectations(fresh, role.id) for role in fresh.roles}
    read = index_module._read
    calls = []

    @functools.wraps(read)  # the same module and name: the same derived value (Framework.derived names it so)
    def counted(framework):
        calls.append(framework)
        return read(framework)

    monkeypatch.setattr(index_module, "_read", counted)
    cached, _ = data.read_framework_file(COUNCIL)
    assert cached is not fresh
    assert {role.id: role_expectations(cached, role.id) for role in cached.roles} == expected
    assert any(expected.values())
    assert calls == [], "read back with the framework, not read again"


def test_an_upload_never_reaches_the_cache(folder, monkeypatch):
    def refuse(*_):
        raise AssertionError("an upload went to the disk cache")

    monkeypatch.setattr(data, "load_cached_with_views", refuse)
    loaded = data.load_upload(COUNCIL.read_bytes(), "mine.yaml")
    assert loaded.framework.roles
    assert not folder.exists() or not list(folder.iterdir())


def _stored(source):
    """What the app's loader gives for ``source``: a ``Loaded`` with its views kept on disk, as a server start
    (or another worker) makes it."""
    (framework, graph), stored = data._read_with_views(source)
    return data.Loaded("roles", framework, graph, stored=stored)


def test_a_view_kept_on_disk_is_made_once_for_every_start_and_worker(folder):
    made = []

    def census(framework, graph, grade):
        made.append(grade)
        return tuple(r.id for r in framework.roles if r.grade == grade)

    first = _stored(COUNCIL)
    assert first.view(census, "PO4", on_disk=True) == first.view(census, "PO4", on_disk=True)
    again = _stored(COUNCIL)  # the next start, or another worker: a Loaded of its own
    assert again.view(census, "PO4", on_disk=True) == first.view(census, "PO4")
    assert made == ["PO4"], "read back from the disk by the second"
    again.view(census, "PO5", on_disk=True)
    assert made == ["PO4", "PO5"], "another argument is another view"
    views = list((folder / "views").glob("*.pickle"))
    assert len(views) == 2
    assert stat.S_IMODE((folder / "views").stat().st_mode) == 0o700
    assert {stat.S_IMODE(v.stat().st_mode) for v in views} == {0o600}
    assert len(list(folder.glob("*.pickle"))) == 1, "the framework's own file, beside the views' folder"


def test_a_view_kept_on_disk_is_made_again_by_other_code_or_for_another_file(folder, tmp_path, monkeypatch):
    made = []

    def roles(framework, graph):
        made.append(framework.id)
        return len(framework.roles)

    _stored(COUNCIL).view(roles, on_disk=True)
    monkeypatch.setattr(framework_cache, "view_code_version", lambda: "the app's code, changed")
    _stored(COUNCIL).view(roles, on_disk=True)
    assert len(made) == 2, "a page's code changed: its view is made again"
    changed = tmp_path / "roles.yaml"
    changed.write_text(COUNCIL.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _stored(changed).view(roles, on_disk=True)
    assert len(made) == 3, "another file, even one byte longer"


def test_a_view_the_framework_makes_alone_outlives_a_new_version_of_the_pages(folder, monkeypatch):
    made = _stored(COUNCIL).view(review_view, on_disk=True)
    monkeypatch.setattr(framework_cache, "view_code_version", lambda: "the pages' code, changed")
    calls = []
    monkeypatch.setattr(framework_cache, "_write", lambda *a, **k: calls.append(a))
    read_back = _stored(COUNCIL).view(review_view, on_disk=True)
    assert pickle.dumps(read_back) == pickle.dumps(made)
    assert not calls, "read back, not made and written again"
    monkeypatch.setattr(framework_cache, "code_version", lambda: "the framework's code, changed")
    _stored(COUNCIL).view(review_view, on_disk=True)
    assert [a for a in calls if a[0] == folder / "views"], "made again by another version of the framework's code"


def test_the_review_read_back_from_the_disk_is_the_review_made(folder):
    made = _stored(COUNCIL).view(review_view, on_disk=True)
    read_back = _stored(COUNCIL).view(review_view, on_disk=True)
    assert read_back is not made
    assert pickle.dumps(read_back) == pickle.dumps(made)
    assert read_back.findings
    assert read_back.findings == made.findings


@pytest.mark.parametrize(
    ("page", "build"),
    [
        ("review", "_finding_texts"),
        ("pay", "_outline"),
        ("skills", "_names"),
        ("skills", "skills_index"),
        ("roles", "catalogue_view"),
    ],
)
def test_what_a_page_reads_back_from_the_disk_is_what_it_made(folder, page, build):
    """Each page's views kept on disk, made by one start and read back by the next (not made again), are the
    same to the byte."""
    import importlib

    made_by = getattr(importlib.import_module(f"ui.views.{page}"), build)
    calls = []

    @functools.wraps(made_by)  # the same module and name: the same view on disk
    def counted(*args):
        calls.append(args)
        return made_by(*args)

    def view(loaded):
        if page == "review":
            return loaded.view_from((review_view,), counted, "roles", on_disk=True)
        return loaded.view(counted, on_disk=True)

    made = view(_stored(COUNCIL))
    read_back = view(_stored(COUNCIL))
    assert len(calls) == 1, "read back by the second start"
    assert read_back is not made
    assert pickle.dumps(read_back) == pickle.dumps(made)


def test_a_view_made_from_a_view_keeps_both_on_disk(folder):
    made = []

    def source(framework, graph):
        made.append("source")
        return [r.id for r in framework.roles]

    def count(ids, prefix):
        made.append("count")
        return sum(i.startswith(prefix) for i in ids)

    first = _stored(COUNCIL).view_from((source,), count, "d", on_disk=True)
    again = _stored(COUNCIL)
    assert again.view_from((source,), count, "d", on_disk=True) == first
    assert made == ["source", "count"]
    assert again.view(source, on_disk=True) == [r.id for r in again.framework.roles]
    assert made == ["source", "count"], "the source view, read back too"


def test_only_the_most_recently_used_views_are_kept_and_never_at_the_frameworks_expense(folder):
    loaded = _stored(COUNCIL)

    def nth(framework, graph, n):
        return n

    for n in range(KEEP_VIEWS + 3):
        loaded.view(nth, n, on_disk=True)
    assert len(list((folder / "views").glob("*.pickle"))) == KEEP_VIEWS
    assert len(list(folder.glob("*.pickle"))) == 1, "the framework's file is still there"


def test_nothing_an_upload_makes_reaches_the_disk(folder):
    loaded = data.load_upload(COUNCIL.read_bytes(), "mine.yaml")
    assert loaded.view(review_view, on_disk=True).findings
    assert not folder.exists() or not list(folder.rglob("*.pickle"))


def test_views_are_made_without_a_cache_when_it_is_off(monkeypatch, tmp_path):
    monkeypatch.setenv(CACHE_ENV, "off")
    (framework, graph), stored = data._read_with_views(COUNCIL)
    assert stored is None
    loaded = data.Loaded("roles", framework, graph, stored=stored)
    assert loaded.view(review_view, on_disk=True).findings


def test_a_view_is_not_read_from_a_views_folder_others_may_write_to(folder):
    made = []

    def census(framework, graph):
        made.append(1)
        return "made here"

    _stored(COUNCIL).view(census, on_disk=True)
    (kept,) = (folder / "views").glob("*.pickle")
    kept.write_bytes(pickle.dumps("planted by someone else"))
    kept.chmod(stat.S_IMODE(kept.stat().st_mode) | stat.S_IWOTH)
    assert _stored(COUNCIL).view(census, on_disk=True) == "made here"
    assert len(made) == 2


def test_the_codes_version_follows_the_data_the_code_reads(tmp_path, monkeypatch):
    """The checks flag phrases listed in ``framework/hiring/wordlists.yaml``: a new list is a new version."""
    code = tmp_path / "framework"
    code.mkdir()
    (code / "checks.py").write_text("WORDS = 'wordlists.yaml'\n")
    (code / "wordlists.yaml").write_text("coded: [driven]\n")
    monkeypatch.setattr(framework_cache, "_FRAMEWORK_CODE", code)
    framework_cache.code_version.cache_clear()
    try:
        before = framework_cache.code_version()
        (code / "wordlists.yaml").write_text("coded: [driven, ambitious]\n")
        framework_cache.code_version.cache_clear()
        assert framework_cache.code_version() != before
    finally:
        framework_cache.code_version.cache_clear()


def test_the_codes_version_follows_what_the_app_keeps_of_a_framework(tmp_path, monkeypatch):
    """What is kept of a framework (the framework, its graph, the expectations read with them) is said in
    ``ui/data.py``: another build is another version, so a framework kept by the old one is not read back."""
    build = tmp_path / "data.py"
    build.write_text("def build(): return load(path)\n")
    monkeypatch.setattr(framework_cache, "_BUILD_CODE", build)
    framework_cache.code_version.cache_clear()
    try:
        before = framework_cache.code_version()
        build.write_text("def build(): return load(path), read_expectations(path)\n")
        framework_cache.code_version.cache_clear()
        assert framework_cache.code_version() != before
    finally:
        framework_cache.code_version.cache_clear()
