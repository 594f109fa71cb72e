"""The view's state in the address bar: every view is a link.

Widgets that define a view keep their value, an id, in the URL (the widget key is the parameter name:
``?framework=ddat&role=delivery-manager``), so the address bar can be shared and reopens the same view. (Streamlit's
own ``bind="query-params"`` writes the displayed label rather than the id, which makes links long and fragile, so
the binding is done here.) Query parameters are strings from strangers: a value that is not one of the options is
dropped with a notice naming it — never a crash, never silent. This is the only module that writes
``st.query_params`` for a view (the sidebar drops an old ``?me=``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from framework.textsafe import md_code, md_escape

from .data import Loaded, default_key

__all__ = [
    "FRAMEWORK",
    "MAX_PARAM_LENGTH",
    "SEEN",
    "bound_multiselect",
    "bound_select",
    "bound_text",
    "close_value",
    "follow_page",
    "held_values",
    "link_params",
    "notice",
    "open_value",
    "opened",
    "set_values",
    "url_changed",
    "url_values",
    "write_param",
]

FRAMEWORK = "framework"  # the framework picker's widget key and query parameter
MAX_PARAM_LENGTH = 200


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


def url_values(key: str) -> list[str]:
    return [v[:MAX_PARAM_LENGTH] for v in st.query_params.get_all(key)]


def url_changed(key: str) -> list[str] | None:
    """The address bar's values of ``?key=`` if they changed since this session last saw them — a link opened,
    or the browser's Back or Forward — else None (they are as the page itself left them). The first look at a
    parameter that is absent is no change: the page's own default stands.

    This is what makes the address bar the view's truth: the page follows the URL when the URL moves, and the URL
    follows the page when a widget moves (:func:`_write_param`), so every change of view is a step in the
    browser's history and Back goes back.
    """
    values = url_values(key)
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


def write_param(key: str, value: str | Sequence[str] | None, default=None) -> None:
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
    changed = url_changed(key)
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
    write_param(key, value, default)
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
    changed = url_changed(key)
    if changed is not None or key not in state:
        wanted = list(dict.fromkeys(_known(key, changed if changed is not None else url_values(key), options, what)))
        if most is not None and len(wanted) > most:
            notice(f"The link names {len(wanted)} of {what}; only the first {most} are used.")
            wanted = wanted[:most]
        state[key] = wanted or [v for v in default if v in options]
    else:
        kept = [v for v in state[key] if v in options]
        if kept != state[key]:
            state[key] = kept
    value = st.multiselect(label, options, key=key, format_func=format_func, **kwargs)
    write_param(key, None if list(value) == list(default) else value)
    return value


def held_values(key: str, options: Sequence[str], *, what: str, default: Sequence[str] = ()) -> list[str]:
    """What :func:`bound_multiselect` would give while it is not drawn: the session's values (see :func:`keep`),
    else the URL's, else ``default``."""
    state = st.session_state
    changed = url_changed(key)
    if changed is not None or key not in state:
        values = changed if changed is not None else url_values(key)
        wanted = list(dict.fromkeys(_known(key, values, options, what)))
        state[key] = wanted or [v for v in default if v in options]
    return [v for v in state[key] if v in options]


def link_params(loaded: Loaded, **params: str | None) -> dict[str, str]:
    """Query parameters for a link to another view of the same framework."""
    out = {k: v for k, v in params.items() if v}
    if loaded.key != default_key():
        out[FRAMEWORK] = loaded.key
    return out


def bound_text(label: str, *, key: str, placeholder: str = "", max_chars: int = 100, **kwargs) -> str:
    """A text box whose value is the ``?key=`` query parameter (trimmed, at most ``max_chars``)."""
    changed = url_changed(key)
    if changed is not None or key not in st.session_state:
        raw = (changed if changed is not None else url_values(key)) or [""]
        st.session_state[key] = raw[0][:max_chars]
    value = st.text_input(label, key=key, placeholder=placeholder, max_chars=max_chars, **kwargs).strip()
    write_param(key, value or None)
    return value


def opened(key: str, options: Sequence[str], *, what: str) -> str | None:
    """The value of a view that has no widget of its own on the page (e.g. the role whose profile is open): the
    session's, as set by a picker, a table row or a button (:func:`open_value`), or else the URL's ``?key=`` (an
    unknown value gets a notice). It is written back to the URL, so the view stays a link."""
    changed = url_changed(key)
    if changed is not None:  # a link, Back or Forward: the address bar says which
        wanted = _known(key, changed, options, what)
        st.session_state[key] = wanted[0] if wanted else None
    value = st.session_state.get(key)
    if value not in options:
        wanted = _known(key, url_values(key), options, what) if key not in st.session_state else []
        value = wanted[0] if wanted else None
    write_param(key, value)
    return value


def open_value(key: str, value: str) -> None:
    """Callback: make ``value`` the session's ``key`` (read by :func:`opened` on the next run)."""
    st.session_state[key] = value


def set_values(key: str, values: Sequence[str]) -> None:
    """Callback: make ``values`` those of the multiselect ``key`` (:func:`bound_multiselect`, or
    :func:`held_values` while it is not drawn), in the session and the URL."""
    st.session_state[key] = list(values)
    write_param(key, values)


def close_value(key: str) -> None:
    """Callback: forget ``key`` in the session and the URL (the view goes back to where nothing is open)."""
    st.session_state[key] = None
    write_param(key, None)
