"""Two people at once, in two browser contexts: what one enters stays theirs.

The first loads a saved self-assessment with a name of its own on the Skill gap page; the second opens the very
same link. The second sees none of the first's assessment — neither its name nor its levels — and starts from
the current role's own levels; the server's log and the files of the project hold nothing of it either.
"""

from __future__ import annotations

import time

from framework.skills import Profile, dump_profile
from tests.conftest import ROOT

from .helpers import ARTIFACTS, each_tab, expect_rerun, goto, new_page, screenshot

MARKER = "Assessment of Zebedee Quorn-Abernethy"
LINK = {"compare": "self", "current": "associate-project-manager", "target": "delivery-manager"}
SKIPPED = {".venv", ".git", "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis"}


def load_assessment(page, data: bytes) -> None:
    uploader = page.locator('[data-testid="stFileUploader"]', has_text="Load a saved self-assessment")
    with expect_rerun(page):
        uploader.locator('input[type="file"]').set_input_files(
            files=[{"name": "zebedee.yaml", "mimeType": "application/yaml", "buffer": data}]
        )


def files_written_since(started: float) -> list:
    """Files of the project (outside the virtual environment and caches) changed since ``started``."""
    out = []
    for path in ROOT.rglob("*"):
        if SKIPPED & set(path.relative_to(ROOT).parts) or not path.is_file():
            continue
        if path.stat().st_mtime >= started and path.stat().st_size < 20_000_000:
            out.append(path)
    return out


def test_one_persons_assessment_never_reaches_another_session(browser, app_url):
    started = time.time()
    profile = Profile(
        framework="council-digital",
        label=MARKER,
        based_on="associate-project-manager",
        skills={"planning": "expert", "agile-and-lean-practices": "expert"},
    )
    first, second = new_page(browser), new_page(browser)
    try:
        goto(first, app_url, "/gap", **LINK)
        load_assessment(first, dump_profile(profile).encode())
        main = first.locator('[data-testid="stMain"]')
        assert MARKER in main.inner_text(), "the person sees their own assessment"
        screenshot(first, "privacy-first-person")

        goto(second, app_url, "/gap", **LINK)
        text = second.locator('[data-testid="stMain"]').inner_text()
        assert MARKER not in text
        assert "Zebedee" not in text
        assert "My self-assessment → Delivery Manager (PO4)" in text
        assert "Requirements already met: 1 of 9 (11%)" in text.replace("**", ""), "the role's own levels"
        opened = []
        for tab in each_tab(second):
            opened.append(tab)
            assert "Zebedee" not in second.locator('[data-testid="stMain"]').inner_text(), tab
        assert len(opened) == 4, "every tab of the gap was opened"
        screenshot(second, "privacy-second-person")
    finally:
        first.context.close()
        second.context.close()
    log = (ARTIFACTS / "streamlit-server.log").read_text(encoding="utf-8", errors="replace")
    assert "Zebedee" not in log
    for path in files_written_since(started):
        if path.suffix in (".png", ".log"):
            continue  # the screenshots taken above, and the server's log (read already)
        assert b"Zebedee" not in path.read_bytes(), path
