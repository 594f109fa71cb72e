"""Sidebar: add an organisation's own learning catalogue for this browser session (``app.py`` draws it).

The file — a catalogue's YAML, or the spreadsheet an L&D team keeps (CSV or Excel, read as ``import resources``
reads it) — is checked in the upload worker like a framework, against the framework in use; a file that cannot
be used is named with its problems and the catalogues in use stay as they were. Nothing is stored on the
server: the catalogue lives in this session only, and is used with the framework it was added for.
"""

from __future__ import annotations

import streamlit as st

from framework.textsafe import md_escape

from . import learning
from .checked_upload import take_checked
from .data import Loaded
from .upload_worker import check_catalogue_upload
from .waiting import session_token, upload_waiting

__all__ = ["catalogue_panel"]

UPLOAD = "catalogue_upload"  # the file uploader's key
PROBLEMS = "_catalogue_problems"  # session: (file name, [problem lines]) of the last file that could not be used


def _take_upload(loaded: Loaded) -> None:
    """File uploader callback: check the file against the framework in use; use it, or say why not. The
    framework's vocabulary is made here, when a file comes, not on every run (at 10,000 roles it takes about a
    quarter of a second, the first time)."""
    vocabulary = learning.vocabulary(loaded)

    def check(data: bytes, name: str):
        return name, *check_catalogue_upload(
            data,
            name,
            max_bytes=learning.CATALOGUE_MAX_BYTES,
            vocabulary=vocabulary,
            session=session_token(),
            on_wait=upload_waiting(),
        )

    if (checked := take_checked(UPLOAD, PROBLEMS, check)) is not None:
        name, catalogue, notes = checked
        learning.keep_added(learning.Added(name, catalogue, loaded.key, loaded.label, tuple(notes)))


def _stop_using() -> None:
    learning.forget_added()
    st.session_state.pop(PROBLEMS, None)


def catalogue_panel(loaded: Loaded) -> None:
    """The sidebar's "Add your learning catalogue" panel: the uploader, the catalogue in use, its notes."""
    problems = st.session_state.get(PROBLEMS)
    own = learning.added()
    _, shipped_problems = learning.shipped_catalogues()
    startup, startup_problems = learning.startup_catalogue()
    with st.sidebar.expander("Add your learning catalogue", expanded=problems is not None):
        st.file_uploader(
            f"Catalogue: YAML, CSV or Excel (up to {learning.CATALOGUE_MAX_BYTES // 2**20} MB)",
            type=["yaml", "yml", "csv", "xlsx"],
            max_upload_size=learning.CATALOGUE_MAX_BYTES // 2**20,
            key=UPLOAD,
            on_change=_take_upload,
            args=(loaded,),
            help="Your organisation's courses, guides and shadowing, by skill and level: they are listed first on "
            "the Skills page, marked when they are for your organisation's staff only. A spreadsheet has a row per "
            "resource and skill (title, address, kind, access, skill, level, …). Nothing is stored on the server: "
            "the catalogue is used in this browser session only.",
        )
        if problems:
            name, lines = problems
            count = f"{len(lines)} problem{'s' * (len(lines) != 1)}"
            st.error(f"{md_escape(name)} was not added: {count}. The catalogues in use have not changed.")
            st.code("\n".join(lines), language=None, wrap_lines=True)
        if own is not None:
            resources = len(own.catalogue.resources)
            where = (
                f"used with {md_escape(own.framework_name)}"
                if own.framework == loaded.key
                else f"used with {md_escape(own.framework_name)} only, not with the framework now chosen"
            )
            st.success(
                f"In use: {md_escape(own.file)}, {resources} resource{'s' * (resources != 1)}, {where}.",
                icon=":material/school:",
            )
            if own.notes:
                with st.popover("What the check said"):
                    st.code("\n".join(own.notes), language=None, wrap_lines=True)
            st.button("Stop using it", on_click=_stop_using, icon=":material/close:", key="catalogue-stop")
        if startup is not None:
            st.caption(f"Also in use, given when the app started: {md_escape(startup.name)}.")
        for line in (*startup_problems, *shipped_problems):
            st.warning(md_escape(line), icon=":material/warning:")
