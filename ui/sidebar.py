"""The shared sidebar and the app's navigation: the framework in use (shipped, or a file of the person's own for
their session only), "My current role", and the pages that links between pages point at.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from framework import FrameworkError
from framework.textsafe import md_escape

from .checked_upload import take_checked
from .data import UPLOAD_MAX_BYTES, Loaded, default_key, load, load_upload, shipped_frameworks
from .pages import PAGES as PAGE_SPECS
from .pickers import narrowed_roles, role_ids, role_namer
from .url import FRAMEWORK, bound_select

__all__ = [
    "MY_ROLE",
    "framework",
    "framework_picker",
    "leave_legacy_pages_mode",
    "linked_page",
    "my_role_id",
    "my_role_picker",
    "session_pages",
    "upload_panel",
]

MY_ROLE = "me"  # the "My current role" widget key (never a query parameter)
_MY_ROLES = "_my_roles"  # session only: framework key → the role chosen as "my current role" in it
_MY_ROLE_IN = "_my_role_in"  # session only: the framework whose role the MY_ROLE widget holds


def leave_legacy_pages_mode() -> None:
    """Make sure the app runs through ``app.py``'s navigation, even on a cold deep link.

    With a ``pages/`` folder beside the entry point, Streamlit starts in its legacy multipage mode until some
    script calls ``st.navigation``; a first visit straight to ``/roles`` would then run the page without
    ``app.py`` (no sidebar, no framework picker). Leaving that mode and rerunning once puts the page back
    inside the app.
    """
    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()


PAGES = "_pages"  # this session's navigation: page script → its st.Page (made by app.py before the page runs)


def session_pages() -> dict[str, st.Page]:
    """The app's pages (``ui/pages.py``) for ``st.navigation`` and for links between pages, made once per session:
    making one resolves its script's path on the disk, and the thirteen of them took about a tenth of a page's own
    server time when made on every run. Not shared between sessions: ``st.navigation`` marks the page it returns
    as the one that may run, and the page's ``run`` clears the mark."""
    made = st.session_state.get(PAGES)
    if made is None:
        made = {
            spec.script: st.Page(spec.script, title=spec.title, icon=spec.icon, default=spec.default)
            for spec in PAGE_SPECS
        }
        st.session_state[PAGES] = made
    return made


def linked_page(script: str) -> st.Page | None:
    """The page of the app's navigation that runs ``script``; None when a page runs on its own (tests)."""
    return st.session_state.get(PAGES, {}).get(script)


UPLOADS = "_uploaded_frameworks"  # session only: key → Loaded, one at most; nothing is written on the server
UPLOAD_PROBLEMS = "_upload_problems"


def _uploads() -> dict[str, Loaded]:
    return st.session_state.get(UPLOADS, {})


def framework() -> Loaded:
    """The framework chosen in the sidebar (the default one when a page runs on its own)."""
    leave_legacy_pages_mode()
    key = st.session_state.get(FRAMEWORK)
    uploads = _uploads()
    if key in uploads:
        return uploads[key]
    files = shipped_frameworks()
    if key not in files:
        key = default_key() if default_key() in files else next(iter(files))
    return load(key, files[key])


def framework_picker() -> Loaded:
    """The framework picker (sidebar) and the framework it selects, loaded once per file version."""
    files = shipped_frameworks()
    labels = {k: _label(k, p) for k, p in files.items()}
    labels |= {k: f"{u.label} (uploaded)" for k, u in _uploads().items()}
    options = [*files, *_uploads()]
    with st.sidebar:
        bound_select(
            "Framework",
            options,
            key=FRAMEWORK,
            what="the framework",
            format_func=lambda k: labels.get(k, k),
            index=options.index(default_key()) if default_key() in options else 0,
            help="Which career framework to explore. Uploaded files stay in this browser session only.",
        )
    return framework()


def _label(key: str, path) -> str:
    try:
        return load(key, path).label
    except FrameworkError:
        return f"{path.name} (has problems)"


def _take_upload() -> None:
    """File uploader callback: check the file; use it if it is a framework, else keep the current one.

    A session keeps one uploaded framework: a good new file replaces the one before, which is then let go
    (each costs as much as its graph, within the limits of framework.cost); a bad one leaves it in use."""
    loaded = take_checked("framework_upload", UPLOAD_PROBLEMS, load_upload)
    if loaded is None:
        return
    st.session_state[UPLOADS] = {loaded.key: loaded}
    st.session_state[FRAMEWORK] = loaded.key


def upload_panel() -> None:
    """Sidebar: bring your own framework file (checked by the same loader; kept for this session only)."""
    with st.sidebar.expander("Use your own framework file", expanded=UPLOAD_PROBLEMS in st.session_state):
        st.file_uploader(
            f"Framework YAML (up to {UPLOAD_MAX_BYTES // (1024 * 1024)} MB)",
            type=["yaml", "yml", "md", "csv", "xlsx", "html", "htm", "docx"],
            max_upload_size=UPLOAD_MAX_BYTES // (1024 * 1024),
            key="framework_upload",
            on_change=_take_upload,
            help="Checked like the shipped frameworks. An FT job-family file, a Monzo-format page, a "
            "spreadsheet of expectations (.csv, .xlsx), a ladder published as tables on a page (.md, .html) or a "
            "job description (.md, .docx) is imported first, as the command line's import does. "
            "Nothing is stored on the server: the file is used in this browser session only.",
        )
        problems = st.session_state.get(UPLOAD_PROBLEMS)
        if problems:
            name, lines = problems
            count = f"{len(lines)} problem{'s' * (len(lines) != 1)}"
            st.error(f"{md_escape(name)} was not loaded: {count}. The framework in use has not changed.")
            st.code("\n".join(lines), language=None, wrap_lines=True)


def _follow_framework(key: str) -> None:
    """Give "My current role" the role chosen in framework ``key``, if any: a role chosen in one framework is not
    the person's in another, even where both have a role of that id (the council's Delivery Manager at PO4 and
    DDaT's Delivery manager); switching back brings the earlier choice back."""
    chosen = st.session_state.setdefault(_MY_ROLES, {})
    was = st.session_state.get(_MY_ROLE_IN)
    if was == key:
        return
    if was is not None:
        chosen[was] = st.session_state.get(MY_ROLE)
    st.session_state[MY_ROLE] = chosen.get(key)
    st.session_state[_MY_ROLE_IN] = key


def my_role_id(loaded: Loaded) -> str | None:
    """The role chosen as 'my current role', if it belongs to this framework."""
    role_id = st.session_state.get(MY_ROLE)
    return role_id if role_id in loaded.framework.roles_by_id else None


def my_role_picker(loaded: Loaded) -> str | None:
    """'My current role' (sidebar): this session's own, kept across pages; None until chosen.

    It is never part of a link: a link someone shares opens their view, and must not set the recipient's own
    role (an old link's ``?me=`` is dropped from the address bar and ignored).
    """
    if MY_ROLE in st.query_params:
        del st.query_params[MY_ROLE]
    _follow_framework(loaded.key)
    options = role_ids(loaded)
    if st.session_state.get(MY_ROLE) not in options:
        st.session_state.pop(MY_ROLE, None)  # e.g. a role of the framework used before a switch
    with st.sidebar:
        options = narrowed_roles(loaded, "My current role", key=MY_ROLE, options=options)
        if st.session_state.get(MY_ROLE) not in options:
            st.session_state.pop(MY_ROLE, None)  # another discipline chosen: choose the role again
        return st.selectbox(
            "My current role",
            options,
            key=MY_ROLE,
            index=None,
            format_func=role_namer(loaded),
            placeholder="Choose your role",
            help="Pages start from it: paths from your role, the gap from your role to another. It stays in this "
            "browser tab and is never part of a link you share.",
        )
