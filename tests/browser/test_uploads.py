"""Bring your own framework: the sidebar's "Use your own framework file" uploader, with a good file, a broken
one, a binary one and one over the size limit. A good file becomes the framework in use for this browser
session; any other leaves the framework in use as it was and says, with locations, what is wrong."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from .frameworks import BROKEN_FRAMEWORK, SMALL_FRAMEWORK, SMALL_NAME, SMALL_ROLE_TITLES
from .helpers import exceptions, figure, goto, listed_rows, open_page, selected, upload_framework, wait_for_app

DDAT_NAME = "UK Government Digital and Data (DDaT) Capability Framework"
LOCATED = re.compile(r"^(\S+\.yaml):(\d+):(\d+): ")  # file:line:column


def home_view(page) -> dict:
    return {
        "framework": selected(page, "Framework"),
        "name": page.locator('[data-testid="stMain"] h2').first.inner_text(),
        "metrics": {label: figure(page, label) for label in ("Roles", "Grades", "Disciplines", "Skills")},
    }


def problems(panel) -> tuple[str, list[str]]:
    """The upload panel's error message and the problem lines listed under it."""
    error = panel.locator('[data-testid="stAlert"]')
    assert error.count() == 1, "the upload panel shows no error"
    lines = panel.locator('[data-testid="stCode"]').inner_text().strip().splitlines()
    return error.inner_text(), lines


def test_a_good_file_becomes_the_framework_in_use(page, app_url):
    goto(page, app_url, "/")
    panel = upload_framework(page, "small.yaml", SMALL_FRAMEWORK.encode())

    assert panel.locator('[data-testid="stAlert"]').count() == 0
    assert selected(page, "Framework") == f"{SMALL_NAME} (uploaded)"
    assert page.locator('[data-testid="stMain"] h2', has_text=SMALL_NAME).is_visible()
    assert figure(page, "Roles") == "2"
    assert figure(page, "Grades") == "2"
    assert figure(page, "Disciplines") == "1"
    assert exceptions(page) == []

    open_page(page, "Roles")  # the upload stays in use across pages of this session
    assert selected(page, "Framework") == f"{SMALL_NAME} (uploaded)"
    rows = listed_rows(page)
    assert sorted(row[0] for row in rows) == sorted(SMALL_ROLE_TITLES), rows
    assert exceptions(page) == []

    # A broken file afterwards leaves the uploaded framework in use.
    panel = upload_framework(page, "broken.yaml", BROKEN_FRAMEWORK.encode())
    assert "broken.yaml was not loaded" in problems(panel)[0]
    assert selected(page, "Framework") == f"{SMALL_NAME} (uploaded)"
    assert len(listed_rows(page)) == 2


def test_a_broken_file_lists_each_problem_where_it_is_and_changes_nothing(page, app_url):
    goto(page, app_url, "/", framework="ddat")
    before = home_view(page)
    assert before["name"] == DDAT_NAME

    panel = upload_framework(page, "broken.yaml", BROKEN_FRAMEWORK.encode())
    message, lines = problems(panel)
    assert "broken.yaml was not loaded: 2 problems" in message
    assert "has not changed" in message
    assert len(lines) == 2, lines
    assert all(LOCATED.match(line) for line in lines), f"a problem without file:line:column: {lines}"
    assert any(line.startswith("broken.yaml:20:3: ") and "duplicate key 'title'" in line for line in lines), (
        f"the duplicate key (line 20) is not reported where it is: {lines}"
    )
    assert any(line.startswith("broken.yaml:13:3: ") and "unknown grade 'G9'" in line for line in lines), (
        f"the unknown grade (line 13) is not reported where it is: {lines}"
    )
    assert panel.locator('[data-testid="stCode"]').is_visible(), "the problems are not on screen"

    assert home_view(page) == before, "the framework in use changed"
    assert exceptions(page) == []

    open_page(page, "Roles")  # the app keeps working
    assert selected(page, "Framework") == DDAT_NAME
    assert page.get_by_role("heading", name="Roles", level=1).is_visible()
    assert exceptions(page) == []


def test_a_binary_file_is_refused_as_not_utf8(page, app_url):
    goto(page, app_url, "/")
    before = home_view(page)
    picture = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01" + bytes(range(256))
    panel = upload_framework(page, "picture.yaml", picture)
    message, lines = problems(panel)
    assert "picture.yaml was not loaded: 1 problem" in message
    assert lines == ["picture.yaml:1:1: the file is not UTF-8 text (byte 0x89 cannot be decoded)"]
    assert home_view(page) == before
    assert exceptions(page) == []


def test_a_file_over_the_size_limit_is_refused(page, app_url):
    """The uploader itself states and enforces the app's 2 MB limit: the file is refused, with a message, before
    it reaches the app, and the framework in use stays."""
    goto(page, app_url, "/")
    before = home_view(page)
    big = SMALL_FRAMEWORK.encode() + b"# " + b"x" * (2 * 1024 * 1024) + b"\n"
    panel = page.locator('[data-testid="stSidebar"] [data-testid="stExpander"]', has_text="Use your own framework file")
    panel.locator("summary").click()
    panel.locator('input[type="file"]').set_input_files(
        {"name": "big.yaml", "mimeType": "application/x-yaml", "buffer": big}
    )
    uploader = panel.locator('[data-testid="stFileUploader"]')
    expect(uploader).to_contain_text(re.compile(r"must be 2(\.0)?\s?MB or smaller"))
    wait_for_app(page)
    assert home_view(page) == before
    assert exceptions(page) == []


def test_the_uploader_states_one_size_limit(page, app_url):
    goto(page, app_url, "/")
    panel = page.locator('[data-testid="stSidebar"] [data-testid="stExpander"]', has_text="Use your own framework file")
    panel.locator("summary").click()
    text = panel.locator('[data-testid="stFileUploader"]').inner_text()
    assert "2 MB" in text
    assert "5MB" not in text, f"the uploader states two limits: {text!r}"
