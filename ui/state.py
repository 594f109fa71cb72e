"""What pages import to read and keep state, in one place; each part lives in a module with one job:

- :mod:`ui.url` — the view's state in the address bar (bound widgets, opened values, links);
- :mod:`ui.lazy` — tabs and expanders drawn only while open;
- :mod:`ui.sidebar` — the framework in use, "My current role", the app's navigation;
- :mod:`ui.pickers` — role pickers;
- :mod:`ui.session` — a person's working data (the self-assessment, the plan's inputs), as typed models;
- :mod:`ui.cells` — values read back from a data editor's cells.
"""

from __future__ import annotations

from .cells import cell_date
from .lazy import TAB, keep, lazy_expander, lazy_tabs
from .pickers import LONG_PICKER, narrowed_choices, narrowed_roles, role_ids, role_label, role_namer, role_select
from .sidebar import (
    MY_ROLE,
    framework,
    framework_picker,
    leave_legacy_pages_mode,
    linked_page,
    my_role_id,
    my_role_picker,
    session_pages,
    upload_panel,
)
from .url import (
    FRAMEWORK,
    bound_multiselect,
    bound_select,
    bound_text,
    close_value,
    follow_page,
    held_values,
    link_params,
    notice,
    open_value,
    opened,
    set_values,
)

__all__ = [
    "FRAMEWORK",
    "LONG_PICKER",
    "MY_ROLE",
    "TAB",
    "bound_multiselect",
    "bound_select",
    "bound_text",
    "cell_date",
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
    "narrowed_choices",
    "narrowed_roles",
    "notice",
    "open_value",
    "opened",
    "role_ids",
    "role_label",
    "role_namer",
    "role_select",
    "session_pages",
    "set_values",
    "upload_panel",
]
