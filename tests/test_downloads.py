"""A download that cannot be made is never a dead button (``ui.downloads``): the button's request fails with a
message that holds no data, the page's next run says why, and the log gets the failure's kind and place."""

from __future__ import annotations

import datetime as dt

import pytest

from framework.ids import file_stem
from tests.apptest import page
from ui import downloads, upload_worker
from ui.run_gate import RunGate

CANARY = "CANARY-Ngozi-Okafor"


def _make(maker, failures: dict, name: str = "development-plan-ngozi.md"):
    return downloads._deferred("Download", name, ".md", "session", failures, {"Download": maker}, RunGate())


def test_a_fault_while_making_a_file_is_said_and_logged_without_the_person_s_data(caplog):
    def fails() -> str:
        raise ValueError(f"cannot lay out {CANARY}")

    failures: dict = {}
    with pytest.raises(downloads.DocumentNotMade) as failed:
        _make(fails, failures)()
    assert CANARY not in str(failed.value)
    assert failed.value.__cause__ is None
    assert failed.value.__suppress_context__
    assert failures == {"development-plan-ngozi.md": "a fault of the app stopped it: please report it"}
    assert "making a .md file failed: ValueError in fails (test_downloads.py:" in caplog.text
    assert CANARY not in caplog.text
    assert "ngozi" not in caplog.text, "not even the file's name, which holds the person's"


def test_a_file_refused_by_its_limits_says_why(monkeypatch):
    def busy(*_args, **_kwargs):
        raise upload_worker.DocumentFailed("the server is busy making other files: please try again in a minute")

    monkeypatch.setattr(downloads, "make_document", busy)
    failures: dict = {}
    with pytest.raises(downloads.DocumentNotMade):
        _make(downloads.Apart("plan-pdf", ("plan",)), failures)()
    assert failures["development-plan-ngozi.md"].startswith("the server is busy")


def test_a_file_made_clears_the_failure_before_it():
    failures = {"development-plan-ngozi.md": "earlier"}
    assert _make(lambda: "# Plan\n", failures)() == "# Plan\n"
    assert failures == {}


def test_the_page_says_why_the_last_file_was_not_made():
    at = page("pages/gap.py", current="associate-project-manager", target="delivery-manager", tab="development-plan")
    assert any(b.label == "Download the plan (PDF, to print)" for b in at.download_button)
    name = file_stem("development-plan", "", "Delivery Manager", dt.date.today().isoformat(), most=60) + ".pdf"
    at.session_state[downloads._FAILED] = {name: "making it took longer than the 30 s a file may take"}
    at.run()
    (warning,) = [w for w in at.warning if "could not be made" in w.value]
    assert "took longer than the 30 s a file may take" in warning.value
    assert "Nothing you entered is lost" in warning.value
