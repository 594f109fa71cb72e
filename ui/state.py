"""Session state and query parameters — the only module that touches ``st.session_state`` and ``st.query_params``.

Every view is a link. Widgets that define a view keep their value, an id, in the URL (the widget key is the
parameter name: ``?framework=ddat&role=delivery-manager``), so the address bar can be shared and reopens the
same view. (Streamlit's own ``bind="query-params"`` writes the displayed label rather than the id, which
makes links long and fragile, so the binding is done here.) Query parameters are strings from strangers:
a value that is not one of the options is dropped with a notice naming it — never a crash, never silent.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from framework import FrameworkError
from framework.textsafe import md_code, md_escape
from framework.views import role_labels, roles_by_discipline

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
    "follow_page",
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
    "set_values",
    "upload_panel",
    "use_pages",
]

FRAMEWORK = "framework"  # widget key and query parameter
MY_ROLE = "me"
MAX_PARAM_LENGTH = 200


def cell_date(value: object) -> datetime.date | None:
    """A date typed in a data editor's date column: a date, or None where the cell is blank. A blank cell
    comes back as None or as pandas' "not a time" (``NaT``), which is a ``datetime`` that cannot be written
    out as a date."""
    if isinstance(value, datetime.datetime):
        return None if pd.isna(value) else value.date()
    return value if isinstance(value, datetime.date) else None


def notice(message: str) -> None:
    """Tell the user about a problem with their input, as plain text: the message quotes values from a link,
    which must never become Markdown (a crafted link could otherwise put a working link in the notice)."""
    st.warning(md_escape(message), icon=":material/info:")


def _shorten(value: str) -> str:
    return value if len(value) <= 60 else value[:57] + "…"


#: Session key: query parameter → the values this session last saw in the address bar (or put there).
SEEN = "_url_seen"


def _known(key: str, values: Sequence[str], options: Sequence[str], what: str) -> list[str]:
    """The known ``values`` of ``?key=``; an unknown value is named in a notice and left out.

    The values are quoted as code: whatever a link holds (Markdown, HTML, a web address) shows as written and
    can never become a working link inside the app's own message.
    """
    unknown = [v for v in values if v and v not in options]
    if unknown:
        shown = ", ".join(md_code(_shorten(v)) for v in unknown[:5])
        st.warning(
            f"{md_escape(f'The link asks for {what}')} {shown}"
            f"{md_escape(', which this framework does not have; it has been ignored.')}",
            icon=":material/info:",
        )
    return [v for v in values if v in options]


def _url_values(key: str) -> list[str]:
    return [v[:MAX_PARAM_LENGTH] for v in st.query_params.get_all(key)]


def _url_changed(key: str) -> list[str] | None:
    """The address bar's values of ``?key=`` if they changed since this session last saw them — a link opened,
    or the browser's Back or Forward — else None (they are as the page itself left them). The first look at a
    parameter that is absent is no change: the page's own default stands.

    This is what makes the address bar the view's truth: the page follows the URL when the URL moves, and the URL
    follows the page when a widget moves (:func:`_write_param`), so every change of view is a step in the
    browser's history and Back goes back.
    """
    values = _url_values(key)
    seen = st.session_state.setdefault(SEEN, {})
    before = seen.get(key)
    seen[key] = values
    if before == values or (before is None and not values):
        return None
    if not values and st.session_state.get(SWITCHED) and not _history_navigation():
        return None  # the sidebar's page links carry no parameters: moving to another page keeps the session's
    return values


SWITCHED = "_page_switched"  # session: True while this run is the first on a page other than the last run's
_LAST_PAGE = "_last_page"


def follow_page(page: st.Page) -> None:
    """Note which page this run shows (``app.py``, before the page runs), so that the parameters a page link
    leaves out are not taken for a change of view (see :func:`_url_changed`)."""
    last = st.session_state.get(_LAST_PAGE)
    st.session_state[SWITCHED] = last is not None and last != page.url_path
    st.session_state[_LAST_PAGE] = page.url_path


def _history_navigation() -> bool:
    """Whether this run follows the browser's Back or Forward (Streamlit reruns the page for them)."""
    ctx = get_script_run_ctx()
    return bool(ctx and getattr(ctx, "is_history_navigation", False))


def _write_param(key: str, value: str | Sequence[str] | None, default=None) -> None:
    """Put a view's value in the address bar (and take it out when it is the default). Streamlit makes each
    change a new entry of the browser's history (or replaces the entry while Back or Forward is followed)."""
    if value is None or value == default or (not isinstance(value, str) and not value):
        values: list[str] = []
        if key in st.query_params:
            del st.query_params[key]
    elif isinstance(value, str):
        values = [value]
        if st.query_params.get_all(key) != values:
            st.query_params[key] = value
    else:
        values = list(value)
        if st.query_params.get_all(key) != values:
            st.query_params[key] = values
    st.session_state.setdefault(SEEN, {})[key] = [v[:MAX_PARAM_LENGTH] for v in values]


def bound_select(
    label: str,
    options: Sequence[str],
    *,
    key: str,
    what: str,
    format_func: Callable[[str], str] = str,
    index: int | None = 0,
    widget=None,
    fallback: str | None = None,
    **kwargs,
) -> str | None:
    """A select box (or radio, …) whose value is the ``?key=`` query parameter (an id, so links stay short).

    When the address bar changes (a link, Back, Forward) the widget takes its value from it — ``fallback``, or
    else the default option, when the parameter is gone; when the widget changes, its value is written to the
    address bar. A value the framework does not have gets a notice.
    """
    state = st.session_state
    if state.get(key) is not None and state[key] not in options:
        del state[key]  # e.g. a role of the framework used before a switch
    default = options[index] if index is not None and options else None
    changed = _url_changed(key)
    if changed is not None:
        wanted = _known(key, changed, options, what)
        if wanted:
            state[key] = wanted[0]
        elif key in state or fallback is not None:
            state[key] = fallback if fallback in options else default  # the address bar names none
    widget = widget or st.selectbox
    if key in state:
        value = widget(label, options, key=key, format_func=format_func, **kwargs)
    else:
        value = widget(label, options, key=key, format_func=format_func, index=index, **kwargs)
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
    """A multiselect whose values are the repeated ``?key=a&key=b`` query parameter, followed both ways as
    :func:`bound_select` does. ``default`` applies when neither the session nor the URL says otherwise; it is
    left out of the URL."""
    state = st.session_state
    most = kwargs.get("max_selections")
    changed = _url_changed(key)
    if changed is not None or key not in state:
        wanted = list(dict.fromkeys(_known(key, changed if changed is not None else _url_values(key), options, what)))
        if most is not None and len(wanted) > most:
            notice(f"The link names {len(wanted)} of {what}; only the first {most} are used.")
            wanted = wanted[:most]
        state[key] = wanted or [v for v in default if v in options]
    else:
        kept = [v for v in state[key] if v in options]
        if kept != state[key]:
            state[key] = kept
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
    state = st.session_state
    changed = _url_changed(key)
    if changed is not None or key not in state:
        values = changed if changed is not None else _url_values(key)
        wanted = list(dict.fromkeys(_known(key, values, options, what)))
        state[key] = wanted or [v for v in default if v in options]
    return [v for v in state[key] if v in options]


TAB = "tab"  # the query parameter that names the open tab


def _slug(label: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in label.lower()).split())


def lazy_tabs(labels: Sequence[str], *, key: str) -> Sequence[TabContainer]:
    """Tabs whose contents the page draws only for the tab that is open (``.open``): choosing a tab reruns the
    page. The open tab is part of the view's link (``?tab=development-plan``; the first tab is left out), so a
    link reopens it and Back returns to the tab open before."""
    by_slug = {_slug(label): label for label in labels}
    changed = _url_changed(TAB)
    if changed is not None:
        wanted = [by_slug[v] for v in changed if v in by_slug]
        st.session_state[key] = wanted[0] if wanted else labels[0]
    if st.session_state.get(key) not in labels:
        st.session_state[key] = labels[0]
    tabs = st.tabs(labels, key=key, on_change="rerun")
    _write_param(TAB, _slug(st.session_state[key]), _slug(labels[0]))
    return tabs


FOLLOWED_DEFAULTS = "_followed_defaults"  # picker key → the default it was last given (see role_select)
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
    upload = st.session_state.get("framework_upload")
    if upload is None:
        return
    data = upload.getvalue()
    try:
        loaded = load_upload(data, upload.name)
    except FrameworkError as error:
        st.session_state[UPLOAD_PROBLEMS] = (upload.name, describe_error(error))
        return
    except Exception as error:  # a defect of the app, not of the file: still a message, never a traceback
        st.session_state[UPLOAD_PROBLEMS] = (
            upload.name,
            [f"{upload.name}: could not be checked ({type(error).__name__}), a fault of the app: please report it"],
        )
        return
    st.session_state.pop(UPLOAD_PROBLEMS, None)
    st.session_state[UPLOADS] = {loaded.key: loaded}
    st.session_state[FRAMEWORK] = loaded.key


def upload_panel() -> None:
    """Sidebar: bring your own framework file (checked by the same loader; kept for this session only)."""
    with st.sidebar.expander("Use your own framework file", expanded=UPLOAD_PROBLEMS in st.session_state):
        st.file_uploader(
            f"Framework YAML (up to {UPLOAD_MAX_BYTES // (1024 * 1024)} MB)",
            type=["yaml", "yml", "md", "csv", "xlsx"],
            max_upload_size=UPLOAD_MAX_BYTES // (1024 * 1024),
            key="framework_upload",
            on_change=_take_upload,
            help="Checked like the shipped frameworks. An FT job-family file, a Monzo-format page or a "
            "spreadsheet of expectations (.csv, .xlsx) is imported first, as the command line's import does. "
            "Nothing is stored on the server: the file is used in this browser session only.",
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
    """'My current role' (sidebar): this session's own, kept across pages; None until chosen.

    It is never part of a link: a link someone shares opens their view, and must not set the recipient's own
    role (an old link's ``?me=`` is dropped from the address bar and ignored).
    """
    if MY_ROLE in st.query_params:
        del st.query_params[MY_ROLE]
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


#: A role picker of more roles than this asks for a discipline first: a list of thousands is sent to the
#: browser with every run of the page (450 KB at 10,000 roles) and is no easier to choose from.
LONG_PICKER = 1000


def _disciplines_of(framework, graph) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    groups = roles_by_discipline(framework)
    return groups, {role: name for name, roles in groups.items() for role in roles}


def _discipline_picker(label: str, disciplines: list[str], *, key: str, roles: int) -> str | None:
    return st.selectbox(
        label,
        disciplines,
        key=key,
        placeholder="Choose a discipline first",
        help=f"This framework has {roles:,} roles: choose the discipline, then the role.",
        **({} if key in st.session_state else {"index": None}),
    )


def narrowed_roles(loaded: Loaded, label: str, *, key: str, options: Sequence[str]) -> list[str]:
    """``options`` as they are when there are up to :data:`LONG_PICKER`; else a "discipline" picker first (a
    session widget, never part of a link), set from the role the picker ``key`` holds or is about to hold (the
    address bar's, when it moved), and the roles of that discipline."""
    if len(options) <= LONG_PICKER:
        return list(options)
    groups, discipline_of = loaded.view(_disciplines_of)
    state, picker = st.session_state, f"{key}-discipline"
    in_url = _url_values(key)
    url_moved = bool(in_url) and in_url != state.get(SEEN, {}).get(key)
    holds = in_url[0] if url_moved else state.get(key)
    if holds in discipline_of and (url_moved or picker not in state):
        state[picker] = discipline_of[holds]
    chosen = _discipline_picker(f"{label}: discipline", list(groups), key=picker, roles=len(options))
    allowed = set(options)
    return [role for role in groups.get(chosen, ()) if role in allowed] if chosen else []


def narrowed_choices(loaded: Loaded, label: str, *, key: str, options: Sequence[str]) -> list[str]:
    """:func:`narrowed_roles` for a picker of several roles: the roles chosen so far (the session's, or the
    address bar's) stay among the options, whatever discipline is chosen to add more from."""
    if len(options) <= LONG_PICKER:
        return list(options)
    groups, discipline_of = loaded.view(_disciplines_of)
    picker = f"{key}-discipline"
    held = [*st.session_state.get(key, ()), *_url_values(key)]
    chosen = _discipline_picker(f"{label}: add from the discipline", list(groups), key=picker, roles=len(options))
    allowed = set(options)
    offered = dict.fromkeys([*(r for r in held if r in discipline_of), *groups.get(chosen, ())])
    return [role for role in offered if role in allowed]


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

    ``default`` (e.g. my current role) is used when neither the session nor the URL says otherwise — and is
    followed when it changes (my current role set in the sidebar while the page is open) as long as the
    picker still shows the default it had, or nothing: a role the person chose here is left as it is.
    """
    options = list(roles) if roles is not None else role_ids(loaded)
    followed = st.session_state.setdefault(FOLLOWED_DEFAULTS, {})
    before, now = followed.get(key), st.session_state.get(key)
    if default in options and default != before:
        untouched = now is None and not st.query_params.get_all(key)
        if untouched or (now is not None and now == before):
            st.session_state[key] = default
    followed[key] = default
    options = narrowed_roles(loaded, label, key=key, options=options)
    return bound_select(
        label,
        options,
        key=key,
        what="the role",
        index=None,
        format_func=role_namer(loaded),
        placeholder=placeholder,
        fallback=default,
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
    changed = _url_changed(key)
    if changed is not None or key not in st.session_state:
        raw = (changed if changed is not None else _url_values(key)) or [""]
        st.session_state[key] = raw[0][:max_chars]
    value = st.text_input(label, key=key, placeholder=placeholder, max_chars=max_chars, **kwargs).strip()
    _write_param(key, value or None)
    return value


def opened(key: str, options: Sequence[str], *, what: str) -> str | None:
    """The value of a view that has no widget of its own on the page (e.g. the role whose profile is open): the
    session's, as set by a picker, a table row or a button (:func:`open_value`), or else the URL's ``?key=`` (an
    unknown value gets a notice). It is written back to the URL, so the view stays a link."""
    changed = _url_changed(key)
    if changed is not None:  # a link, Back or Forward: the address bar says which
        wanted = _known(key, changed, options, what)
        st.session_state[key] = wanted[0] if wanted else None
    value = st.session_state.get(key)
    if value not in options:
        wanted = _known(key, _url_values(key), options, what) if key not in st.session_state else []
        value = wanted[0] if wanted else None
    _write_param(key, value)
    return value


def open_value(key: str, value: str) -> None:
    """Callback: make ``value`` the session's ``key`` (read by :func:`opened` on the next run)."""
    st.session_state[key] = value


def set_values(key: str, values: Sequence[str]) -> None:
    """Callback: make ``values`` those of the multiselect ``key`` (:func:`bound_multiselect`, or
    :func:`held_values` while it is not drawn), in the session and the URL."""
    st.session_state[key] = list(values)
    _write_param(key, values)


def close_value(key: str) -> None:
    """Callback: forget ``key`` in the session and the URL (the view goes back to where nothing is open)."""
    st.session_state[key] = None
    _write_param(key, None)
