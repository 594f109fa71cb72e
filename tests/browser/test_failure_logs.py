"""No line of the server's log carries a person's data, whatever fails.

The real server, with faults put in (``tests/faults.py``: a document, a page and a callback each fail with an
exception that quotes what the person entered), driven in Chromium through every kind of failure a person can
meet: a download that cannot be made, a page that fails, a callback that fails, and an upload, a workbook and a
record refused. A canary — a name no one has — is what the person enters each time; after each failure the
server's log is searched for it, and for the signs that the failure was logged by its kind and place.
"""

from __future__ import annotations

import re

import pytest

from framework import load_framework
from framework.record import dump_record
from tests import hostile_workbooks
from tests.browser.server import serving
from tests.conftest import ROOT
from tests.record_samples import sam

from .helpers import exceptions, expect_rerun, goto, new_page, open_page, upload_framework, wait_for_app

CANARY = "Zebedee Quillfeather-7731"
APM, DM = "associate-project-manager", "delivery-manager"
MY_ASSESSMENT = "My self-assessment"


@pytest.fixture(scope="module")
def faulty():
    with serving("failure-logs", module="tests.faults") as server:
        yield server


def _log(server) -> str:
    return server.log.read_text(encoding="utf-8", errors="replace")


def _clean(server, *signs: str) -> str:
    """The log so far: no canary in it, and each sign that the failure was logged."""
    log = _log(server)
    assert CANARY not in log, "a person's data reached the server's log"
    assert CANARY.split()[1] not in log
    for sign in signs:
        assert sign in log, f"the failure was not logged as expected ({sign!r}); the log:\n{log[-3000:]}"
    return log


def _main(page):
    return page.locator('[data-testid="stMain"]')


def _load_record(page, name: str, data: bytes) -> None:
    """Give the Development record page's uploader a file, and wait for the page's run."""
    field = _main(page).locator('[data-testid="stFileUploader"] input[type="file"]').first
    with expect_rerun(page):
        field.set_input_files(files=[{"name": name, "mimeType": "application/yaml", "buffer": data}])


def _record() -> bytes:
    record = sam(load_framework(ROOT / "data" / "roles.yaml")).model_copy(update={"person": CANARY})
    return dump_record(record).encode()


def test_a_download_that_cannot_be_made_says_so_and_logs_no_data(browser, faulty):
    page = new_page(browser)
    try:
        goto(page, faulty.url, "/gap", current=APM, target=DM, tab="development-plan")
        with expect_rerun(page):
            _main(page).get_by_label("Person (optional)").fill(CANARY)
            _main(page).get_by_label("Person (optional)").press("Enter")
        _main(page).get_by_role("button", name="Download the plan (Markdown)").click()
        failed = page.locator('[data-testid="stDownloadButtonError"]')
        failed.wait_for(timeout=60_000)
        assert failed.inner_text().strip(), "the button says at once that no file came"
        with expect_rerun(page):  # the next run of the page says why, in the app's words
            _main(page).get_by_label("Line manager (optional)").fill("Alex")
            _main(page).get_by_label("Line manager (optional)").press("Enter")
        warning = _main(page).locator('[data-testid="stAlert"]', has_text="the file could not be made")
        assert "a fault of the app stopped it" in warning.inner_text()
        assert exceptions(page) == []
        _clean(faulty, "making a .md file failed: ValueError in _markdown_fault", "Error executing deferred callable")
    finally:
        page.context.close()


def test_a_page_that_fails_and_a_callback_that_fails_log_no_data(browser, faulty):
    page = new_page(browser)
    try:
        goto(page, faulty.url, "/record")
        _load_record(page, "mine.yaml", _record())
        with expect_rerun(page):  # progress is drawn once its section is opened
            _main(page).locator("summary", has_text=re.compile(r"Progress over the \d+ check-ins")).click()
        assert "Something went wrong while showing this page" in _main(page).inner_text()
        _clean(faulty, "page failed: ValueError")

        open_page(page, "Skill gap and plan")  # in the same session, which holds the record
        with expect_rerun(page):
            _main(page).get_by_text(MY_ASSESSMENT, exact=True).click()
        offer = _main(page).get_by_role("button", name=re.compile("Use the levels of my development record"))
        with expect_rerun(page):
            offer.click()
        wait_for_app(page)
        _clean(faulty, "Uncaught app execution", "builtins.ValueError (its message is not logged")
    finally:
        page.context.close()


def test_files_that_are_refused_log_no_data(browser, faulty):
    page = new_page(browser)
    try:
        goto(page, faulty.url, "/")
        broken = f"id: mine\nname: {CANARY}\ngrades: [{{id: g}}]\nroles: [{{id: r, title: {CANARY}, grade: x}}]\n"
        panel = upload_framework(page, f"{CANARY}.yaml", broken.encode())
        assert "was not loaded" in panel.inner_text()
        panel = upload_framework(page, f"{CANARY}.xlsx", hostile_workbooks.shared_strings_bomb())
        assert "more than the 16 MiB a workbook may" in panel.inner_text()
        goto(page, faulty.url, "/record")
        _load_record(page, f"{CANARY}.yaml", f"record_version: 1\nperson: {CANARY}\ncheck_ins: nothing\n".encode())
        assert "could not be used" in _main(page).inner_text()
        _clean(faulty)
    finally:
        page.context.close()
