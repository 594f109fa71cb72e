"""Session state and query parameters — the only module that touches ``st.session_state`` and ``st.query_params``.

Every view is a link. Widgets that define a view keep their value, an id, in the URL (the widget key is the
parameter name: ``?framework=ddat&role=delivery-manager``), so the address bar can be shared and reopens the
same view. (Streamlit's own ``bind="query-params"`` writes the displayed label rather than the id, which
makes links long and fragile, so the binding is done here.) Query parameters are strings from strangers:
a value that is not one of the options is dropped with a notice naming it — never a crash, never silent.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from framework import FrameworkError
from framework.textsafe import md_code, md_escape
from framework.views import role_labels

from .data import (
    UPLOAD_MAX_BYTES,
    Loaded,
    default_key,
    describe_error,
    load,
    load_upload,
    shipped_frameworks,
)

if TYPE_CHECKING:
    from streamlit.elements.lib.mutable_expander_container import ExpanderContainer
    from streamlit.elements.lib.mutable_tab_container import TabContainer

__all__ = [
    "FRAMEWORK",
    "MY_ROLE",
    "bound_multiselect",
    "bound_select",
    "bound_text",
    "close_value",
    "framework",
    "framework_picker",
    "held_values",
    "keep",
    "lazy_expander",
    "lazy_tabs",
    "leave_legacy_pages_mode",
    "link_params",
    "linked_page",
    "my_role_id",
    "my_role_picker",
    "notice",
    "open_value",
    "opened",
    "role_ids",
    "role_label",
    "role_namer",
    "role_select",
    "upload_panel",
    "use_pages",
]

FRAMEWORK = "framework"  # widget key and query parameter
MY_ROLE = "me"
MAX_PARAM_LENGTH = 200


def notice(message: str) -> None:
    """Tell the user about a problem with their input, as plain text: the message quotes values from a link,
    which must never become Markdown (a crafted link could otherwise put a working link in the notice)."""
    st.warning(md_escape(message), icon=":material/info:")


def _shorten(value: str) -> str:
    return value if len(value) <= 60 else value[:57] + "…"


def _check_param(key: str, options: Sequence[str], what: str) -> list[str]:
    """The known values of ``?key=``; an unknown value is named in a notice and left out.

    The values are quoted as code: whatever a link holds (Markdown, HTML, a web address) shows as written and
    can never become a working link inside the app's own message.
    """
    values = [v[:MAX_PARAM_LENGTH] for v in st.query_params.get_all(key)]
    unknown = [v for v in values if v and v not in options]
    if unknown:
        shown = ", ".join(md_code(_shorten(v)) for v in unknown[:5])
        st.warning(
            f"{md_escape(f'The link asks for {what}')} {shown}"
            f"{md_escape(', which this framework does not have; it has been ignored.')}",
            icon=":material/info:",
        )
    return [v for v in values if v in options]


def _write_param(key: str, value: str | Sequence[str] | None, default=None) -> None:
    """Put a view's value in the address bar (and take it out when it is the default)."""
    if value is None or value == default or (not isinstance(value, str) and not value):
        if key in st.query_params:
            del st.query_params[key]
    elif isinstance(value, str):
        if st.query_params.get(key) != value:
            st.query_params[key] = value
    elif st.query_params.get_all(key) != list(value):
        st.query_params[key] = list(value)


def bound_select(
    label: str,
    options: Sequence[str],
    *,
    key: str,
    what: str,
    format_func: Callable[[str], str] = str,
    index: int | None = 0,
    widget=None,
    **kwargs,
) -> str | None:
    """A select box (or radio, …) whose value is the ``?key=`` query parameter (an id, so links stay short).

    The URL seeds the widget the first time it is drawn in a session (or after a page switch); the widget's
    value is written back on every run. A value the framework does not have gets a notice.
    """
    state = st.session_state
    if state.get(key) is not None and state[key] not in options:
        del state[key]  # e.g. a role of the framework used before a switch
    wanted = _check_param(key, options, what)
    if key not in state and wanted:
        state[key] = wanted[0]
    widget = widget or st.selectbox
    if key in state:
        value = widget(label, options, key=key, format_func=format_func, **kwargs)
    else:
        value = widget(label, options, key=key, format_func=format_func, index=index, **kwargs)
    default = options[index] if index is not None and options else None
    _write_param(key, value, default)
    return value


def bound_multiselect(
    label: str,
    options: Sequence[str],
    *,
    key: str,
    what: str,
    format_func: Callable[[str], str] = str,
    default: Sequence[str] = (),
    **kwargs,
) -> list[str]:
    """A multiselect whose values are the repeated ``?key=a&key=b`` query parameter.

    ``default`` applies when neither the session nor the URL says otherwise; it is left out of the URL.
    """
    state = st.session_state
    wanted = list(dict.fromkeys(_check_param(key, options, what)))  # a repeated value counts once
    most = kwargs.get("max_selections")
    if most is not None and len(wanted) > most:
        notice(f"The link names {len(wanted)} of {what}; only the first {most} are used.")
        wanted = wanted[:most]
    if key in state:
        kept = [v for v in state[key] if v in options]
        if kept != state[key]:
            state[key] = kept
    else:
        state[key] = wanted or [v for v in default if v in options]
    value = st.multiselect(label, options, key=key, format_func=format_func, **kwargs)
    _write_param(key, None if list(value) == list(default) else value)
    return value


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


PAGES = "_pages"  # this run's navigation: page script → its st.Page (set by app.py before the page runs)


def use_pages(pages: dict[str, st.Page]) -> None:
    """The pages of this run's navigation (``app.py``), for links between pages."""
    st.session_state[PAGES] = pages


def linked_page(script: str) -> st.Page | None:
    """The page of the app's navigation that runs ``script``; None when a page runs on its own (tests)."""
    return st.session_state.get(PAGES, {}).get(script)


def lazy_expander(label: str, *, key: str, expanded: bool = False) -> ExpanderContainer:
    """An expander whose contents the page draws only while it is open (``.open``): opening it reruns the page.
    For contents that cost something on every rerun (tables, downloads) and that most visits never open.
    ``expanded`` is how it starts in a session; then it stays as the user leaves it."""
    if expanded and key not in st.session_state:
        st.session_state[key] = True  # not as ``expanded=``: the expander would become another one when it changes
    return st.expander(label, key=key, on_change="rerun")


def keep(*keys: str) -> None:
    """Keep these widgets' values while the widgets are not drawn (e.g. in a closed lazy expander): Streamlit
    forgets the value of a widget that a run does not draw, unless the page sets it again itself."""
    for key in keys:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def held_values(key: str, options: Sequence[str], *, what: str, default: Sequence[str] = ()) -> list[str]:
    """What :func:`bound_multiselect` would give while it is not drawn: the session's values (see :func:`keep`),
    else the URL's, else ``default``."""
    if key in st.session_state:
        return [v for v in st.session_state[key] if v in options]
    return list(dict.fromkeys(_check_param(key, options, what))) or [v for v in default if v in options]


def lazy_tabs(labels: Sequence[str], *, key: str) -> Sequence[TabContainer]:
    """Tabs whose contents the page draws only for the tab that is open (``.open``): choosing a tab reruns the
    page."""
    return st.tabs(labels, key=key, on_change="rerun")


UPLOADS = "_uploaded_frameworks"  # session only: key → Loaded; nothing is written on the server
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
    """File uploader callback: check the file; use it if it is a framework, else keep the current one."""
    upload = st.session_state.get("framework_upload")
    if upload is None:
        return
    data = upload.getvalue()
    try:
        loaded = load_upload(data, upload.name)
    except FrameworkError as error:
        st.session_state[UPLOAD_PROBLEMS] = (upload.name, describe_error(error))
        return
    st.session_state.pop(UPLOAD_PROBLEMS, None)
    st.session_state[UPLOADS] = {**_uploads(), loaded.key: loaded}
    st.session_state[FRAMEWORK] = loaded.key


def upload_panel() -> None:
    """Sidebar: bring your own framework file (checked by the same loader; kept for this session only)."""
    with st.sidebar.expander("Use your own framework file", expanded=UPLOAD_PROBLEMS in st.session_state):
        st.file_uploader(
            f"Framework YAML (up to {UPLOAD_MAX_BYTES // (1024 * 1024)} MB)",
            type=["yaml", "yml"],
            max_upload_size=UPLOAD_MAX_BYTES // (1024 * 1024),
            key="framework_upload",
            on_change=_take_upload,
            help="Checked like the shipped frameworks. Nothing is stored on the server: the file is used in "
            "this browser session only.",
        )
        problems = st.session_state.get(UPLOAD_PROBLEMS)
        if problems:
            name, lines = problems
            count = f"{len(lines)} problem{'s' * (len(lines) != 1)}"
            st.error(f"{md_escape(name)} was not loaded: {count}. The framework in use has not changed.")
            st.code("\n".join(lines), language=None, wrap_lines=True)


def my_role_id(loaded: Loaded) -> str | None:
    """The role chosen as 'my current role', if it belongs to this framework."""
    role_id = st.session_state.get(MY_ROLE)
    return role_id if role_id in loaded.framework.roles_by_id else None


def my_role_picker(loaded: Loaded) -> str | None:
    """'My current role' (sidebar): kept in the URL (``?me=``) and across pages; None until chosen."""
    with st.sidebar:
        return bound_select(
            "My current role",
            role_ids(loaded),
            key=MY_ROLE,
            what="the role",
            index=None,
            format_func=role_namer(loaded),
            placeholder="Choose your role",
            help="Pages start from it: paths from your role, the gap from your role to another.",
        )


def role_label(loaded: Loaded, role_id: str) -> str:
    """ "Title (grade)": how a role is named on screen (its id if the framework does not have it)."""
    return _role_labels(loaded).get(role_id, role_id)


def role_namer(loaded: Loaded) -> Callable[[str], str]:
    """``role_label`` for a picker's ``format_func``: a picker names every role on every rerun."""
    labels = _role_labels(loaded)
    return lambda role_id: labels.get(role_id, role_id)


def role_ids(loaded: Loaded) -> list[str]:
    """The ids of the framework's roles, in its order: one list per framework version (do not change it)."""
    return loaded.view(_all_role_ids)


def _all_role_ids(framework, graph) -> list[str]:
    return [r.id for r in framework.roles]


def _all_role_labels(framework, graph) -> dict[str, str]:
    return role_labels(framework)


def _role_labels(loaded: Loaded) -> dict[str, str]:
    return loaded.view(_all_role_labels)


def role_select(
    loaded: Loaded,
    label: str,
    *,
    key: str,
    default: str | None = None,
    roles: Sequence[str] | None = None,
    placeholder: str = "Choose a role",
    **kwargs,
) -> str | None:
    """A role picker bound to ``?key=`` (ids in the URL, "Title (grade)" on screen).

    ``default`` (e.g. my current role) is used when neither the session nor the URL says otherwise.
    """
    options = list(roles) if roles is not None else role_ids(loaded)
    if key not in st.session_state and default in options and not st.query_params.get_all(key):
        st.session_state[key] = default
    return bound_select(
        label,
        options,
        key=key,
        what="the role",
        index=None,
        format_func=role_namer(loaded),
        placeholder=placeholder,
        **kwargs,
    )


def link_params(loaded: Loaded, **params: str | None) -> dict[str, str]:
    """Query parameters for a link to another view of the same framework."""
    out = {k: v for k, v in params.items() if v}
    if loaded.key != default_key():
        out[FRAMEWORK] = loaded.key
    return out


def bound_text(label: str, *, key: str, placeholder: str = "", max_chars: int = 100, **kwargs) -> str:
    """A text box whose value is the ``?key=`` query parameter (trimmed, at most ``max_chars``)."""
    if key not in st.session_state:
        raw = st.query_params.get(key)
        if raw:
            st.session_state[key] = raw[:max_chars]
    value = st.text_input(label, key=key, placeholder=placeholder, max_chars=max_chars, **kwargs).strip()
    _write_param(key, value or None)
    return value


def opened(key: str, options: Sequence[str], *, what: str) -> str | None:
    """The value of a view that has no widget of its own on the page (e.g. the role whose profile is open): the
    session's, as set by a picker, a table row or a button (:func:`open_value`), or else the URL's ``?key=`` (an
    unknown value gets a notice). It is written back to the URL, so the view stays a link."""
    value = st.session_state.get(key)
    if value not in options:
        wanted = _check_param(key, options, what)
        value = wanted[0] if wanted else None
    _write_param(key, value)
    return value


def open_value(key: str, value: str) -> None:
    """Callback: make ``value`` the session's ``key`` (read by :func:`opened` on the next run)."""
    st.session_state[key] = value


def close_value(key: str) -> None:
    """Callback: forget ``key`` in the session and the URL (the view goes back to where nothing is open)."""
    st.session_state.pop(key, None)
    if key in st.query_params:
        del st.query_params[key]
