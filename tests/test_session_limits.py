"""What one session may hold and ask for: one uploaded framework at a time, and an import page that takes a
bounded batch of documents and reads each batch once, not on every rerun. (AppTest, in this process, so the
work done can be counted.)"""

from __future__ import annotations

import yaml
from streamlit.testing.v1 import AppTest

import ui.views.import_jd as import_page
from framework.importers.jd import MAX_BATCH_BYTES, MAX_BATCH_DOCUMENTS
from tests.apptest import TIMEOUT
from tests.conftest import ROOT


def small(framework_id: str, name: str) -> bytes:
    return yaml.safe_dump(
        {
            "id": framework_id,
            "name": name,
            "grades": [{"id": "g1"}, {"id": "g2"}],
            "roles": [
                {"id": "a", "title": "A", "grade": "g1", "source": {"kind": "document", "document": "a.txt"}},
            ],
        }
    ).encode()


def test_a_session_keeps_one_uploaded_framework():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    for framework_id, name in [("first", "First upload"), ("second", "Second upload"), ("third", "Third upload")]:
        at.file_uploader(key="framework_upload").set_value((f"{framework_id}.yaml", small(framework_id, name), "x"))
        at.run()
        assert not at.exception
    picker = at.sidebar.selectbox(key="framework")
    uploaded = [label for label in picker.options if label.endswith("(uploaded)")]
    assert uploaded == ["Third upload (uploaded)"]
    assert picker.value.startswith("upload-")
    assert len(at.session_state["_uploaded_frameworks"]) == 1


def test_a_bad_upload_after_a_good_one_leaves_the_good_one_in_use():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    at.file_uploader(key="framework_upload").set_value(("good.yaml", small("good", "Good upload"), "x"))
    at.run()
    at.file_uploader(key="framework_upload").set_value(("bad.yaml", b"id: [", "x"))
    at.run()
    picker = at.sidebar.selectbox(key="framework")
    assert [label for label in picker.options if label.endswith("(uploaded)")] == ["Good upload (uploaded)"]
    assert any("bad.yaml was not loaded" in e.value for e in at.sidebar.error)


DOCUMENT = b"# Delivery Manager\n\n## Main Duties:\n1. Run the team.\n"


def import_page_with(files, monkeypatch) -> tuple[AppTest, list]:
    calls = []
    real = import_page.import_documents
    monkeypatch.setattr(import_page, "import_documents", lambda *a, **k: calls.append(a) or real(*a, **k))
    at = AppTest.from_file(str(ROOT / "pages" / "import_jd.py"), default_timeout=TIMEOUT).run()
    at.file_uploader(key="jd_files").set_value(files)
    return at.run(), calls


def test_a_batch_of_documents_is_read_once_however_often_the_page_reruns(monkeypatch):
    at, calls = import_page_with([("a.txt", DOCUMENT, "text/plain"), ("b.md", DOCUMENT, "text/plain")], monkeypatch)
    assert not at.exception
    assert [h.value for h in at.header] == ["Delivery Manager", "Delivery Manager"]
    for _ in range(3):
        at.run()  # any rerun: a widget changed, an expander, a download
    assert len(calls) == 1
    at.toggle(key="jd_merge").set_value(True).run()  # merging is another import
    assert len(calls) == 2
    assert import_page.IMPORTS in at.session_state  # in this session, and nowhere else


def test_too_many_documents_at_once_are_refused_before_any_is_read(monkeypatch):
    files = [(f"d{i}.txt", DOCUMENT, "text/plain") for i in range(MAX_BATCH_DOCUMENTS + 1)]
    at, calls = import_page_with(files, monkeypatch)
    assert calls == []
    assert [e.value for e in at.error] == ["The documents could not be read: 1 problem(s)."]
    assert f"{MAX_BATCH_DOCUMENTS + 1} documents at once: import at most {MAX_BATCH_DOCUMENTS}" in at.code[0].value


def test_documents_too_large_together_are_refused_before_any_is_read(monkeypatch):
    each = MAX_BATCH_BYTES // 3 + 1
    files = [(f"d{i}.txt", DOCUMENT + b"x" * (each - len(DOCUMENT)), "text/plain") for i in range(3)]
    at, calls = import_page_with(files, monkeypatch)
    assert calls == []
    assert "more than the 8 MiB one import may read" in at.code[0].value
