"""Career Explorer: explore a career framework — roles, the career map, progression paths and skill gaps.

Run with ``python3 dev.py app`` (or ``streamlit run app.py``). This script sets up the page, draws the
shared sidebar (framework picker, "my current role") and hands over to the page the user chose.
"""

from __future__ import annotations

import logging
import traceback

import streamlit as st

from framework import FrameworkError
from ui import catalogue_panel, logsafe, run_gate, state, style, upload_worker
from ui.data import describe_error, preload_once

logsafe.install()  # no log line carries a person's data, however the app is started (once per process)
preload_once()  # started with `streamlit run app.py`: load and freeze the frameworks once, as ui.serve does


def main() -> None:
    state.leave_legacy_pages_mode()
    st.set_page_config(page_title="Career Explorer", page_icon="🧭", layout="wide")
    style.apply()

    pages = state.session_pages()  # links between pages point at these
    page = st.navigation(list(pages.values()), expanded=True)  # every page listed: no "View more" to find
    state.follow_page(page)
    try:
        loaded = state.framework_picker()
    except FrameworkError as error:  # a shipped file broken on disk: say where, keep the app up
        st.error("The framework file could not be loaded:")
        st.code("\n".join(describe_error(error)), language=None)
        st.stop()
    state.my_role_picker(loaded)
    state.upload_panel()
    catalogue_panel.catalogue_panel(loaded)  # an organisation's learning catalogue, this session only
    try:
        page.run()
    except Exception as error:  # a defect of the app (st.stop and st.rerun are not Exceptions): say so, plainly
        # The server's log gets where it happened, without the exception's message, which may quote a user's data.
        where = "".join(traceback.format_list(traceback.extract_tb(error.__traceback__)))
        log = logging.getLogger("career_explorer")
        log.error("the %s page failed: %s\n%s", page.title, type(error).__name__, where)
        st.error(
            "Something went wrong while showing this page: a fault of the app, not of anything you did. Try again, "
            "or choose another page; if it keeps happening, please report it (what you did, and when)."
        )


with run_gate.page_run():  # a file asked for meanwhile waits for this run (ui.run_gate)
    main()
upload_worker.start_soon()  # after the server's first page, not while its browser draws it
