"""The one Streamlit internal the app relies on, checked so that an upgrade that changes it fails here, loudly.

With a ``pages/`` folder beside ``app.py``, Streamlit starts in its legacy multipage mode
(``PagesManager.uses_pages_directory``) until a script calls ``st.navigation``; ``ui.sidebar.leave_legacy_pages_mode``
switches that flag off so that a cold deep link runs inside ``app.py``'s navigation. These tests pin what that
function assumes about the flag.
"""

from __future__ import annotations

import inspect

import pytest
from streamlit.commands import navigation
from streamlit.runtime import pages_manager
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import script_runner

from tests.conftest import ROOT


@pytest.fixture
def fresh_flag():
    before = PagesManager.uses_pages_directory
    PagesManager.uses_pages_directory = None
    yield
    PagesManager.uses_pages_directory = before


def test_the_legacy_pages_flag_is_still_a_class_attribute():
    assert "uses_pages_directory" in vars(PagesManager), "Streamlit no longer has PagesManager.uses_pages_directory"


def test_a_pages_folder_beside_the_entry_point_turns_legacy_mode_on(fresh_flag):
    PagesManager(str(ROOT / "app.py"))
    assert PagesManager.uses_pages_directory is True, "Streamlit no longer derives legacy mode from pages/"


def test_legacy_mode_is_what_decides_how_a_page_script_runs():
    source = inspect.getsource(script_runner)
    why = "the script runner no longer switches on the flag: review ui.sidebar.leave_legacy_pages_mode"
    assert "if PagesManager.uses_pages_directory:" in source, why
    assert "_mpa_v1(" in source, why


def test_navigation_switches_legacy_mode_off_as_the_app_does():
    assert "PagesManager.uses_pages_directory = False" in inspect.getsource(navigation.navigation)
    assert pages_manager.PagesManager is PagesManager


def test_a_run_says_whether_it_follows_back_or_forward():
    from streamlit.runtime.scriptrunner_utils.script_run_context import ScriptRunContext

    fields = ScriptRunContext.__dataclass_fields__
    assert "is_history_navigation" in fields, "ui.state reads it to tell Back and Forward from a page link"
