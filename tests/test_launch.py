"""However the app is started, the loaded frameworks are frozen out of the garbage collector's sight, so no
collection walks them (``bench/launch.py`` measures what that saves); and Streamlit's own collection after every
run is off in the configuration every way of starting reads."""

from __future__ import annotations

import gc

from tests.apptest import app
from ui import data


def test_the_first_run_of_app_py_loads_and_freezes_the_frameworks_as_ui_serve_does():
    data._PRELOADED.clear()  # as in a process started with `streamlit run app.py`: nothing preloaded
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    at = app()
    assert not at.exception
    assert data._PRELOADED.is_set()
    assert gc.get_freeze_count() > 0, "what was loaded is out of the collector's sight"
    assert set(data.shipped_frameworks()) <= set(data._LAST), "every shipped framework, loaded before the page"
    frozen = gc.get_freeze_count()
    assert not app().exception
    assert gc.get_freeze_count() <= frozen, "once per process: a later run freezes nothing of its own"


def test_streamlit_does_not_collect_the_whole_heap_after_every_run():
    import streamlit as st

    # The configuration Streamlit read on starting here, from the repository root as every way of starting does.
    assert st.get_option("runner.postScriptGC") is False, "set in .streamlit/config.toml ([runner])"
