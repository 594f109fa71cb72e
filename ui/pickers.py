"""Role pickers: "Title (grade)" on screen and ids in the link; on a framework of thousands of roles, a discipline
first, then its roles.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from framework.views import role_labels, roles_by_discipline

from .data import Loaded
from .url import SEEN, bound_select, url_values

__all__ = [
    "LONG_PICKER",
    "narrowed_choices",
    "narrowed_roles",
    "role_ids",
    "role_label",
    "role_namer",
    "role_select",
]

FOLLOWED_DEFAULTS = "_followed_defaults"  # picker key → the default it was last given (see role_select)


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
    in_url = url_values(key)
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
    held = [*st.session_state.get(key, ()), *url_values(key)]
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
