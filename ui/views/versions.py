"""Compare versions, for leadership and HR: what changed between two versions of a framework (``?old=&new=``).

What a choice sends is the summary of what changed and one table of it (a tab each: roles, review findings, moves)
a page at a time (:mod:`ui.paging`); the downloads hold it all and are made when pressed."""

import hashlib
import os
from pathlib import Path

import streamlit as st

from framework import FrameworkError
from framework.views.versions import VersionsView, versions_view
from ui import paging, render, run_gate, state
from ui.data import UPLOAD_MAX_BYTES, describe_error, load, load_upload, shipped_frameworks

UPLOAD = "upload"
#: Rows of a table of changes shown at once, as text that wraps; a longer table is shown a page at a time (what
#: changed between two large frameworks is thousands of rows: the downloads hold them all).
ROWS_AT_ONCE = 50
#: This session's uploaded versions, by side ("old" / "new"): (content hash, Loaded or the problems). In the
#: session only — an uploaded file is a person's — and read once per file, not on every rerun.
UPLOADED = "_versions_uploaded"
#: This session's last comparison that involves an upload: (older, newer, the comparison), made once for that
#: pair rather than on every rerun (each click on the page), in the session only, like the uploads themselves.
COMPARED = "_versions_compared"


@st.cache_resource(max_entries=8, show_spinner="Comparing the versions…")
def _shipped_diff(old_key: str, old_path: str, old_mtime: int, new_key: str, new_path: str, new_mtime: int):
    """The comparison of two shipped files, made once per pair of file versions and shared (framework data
    only, keyed by paths and modification times)."""
    old, new = load(old_key, Path(old_path)), load(new_key, Path(new_path))
    return versions_view(old.framework, old.graph, new.framework, new.graph)


def _label(key: str) -> str:
    if key == UPLOAD:
        return "Upload a file…"
    path = shipped_frameworks()[key]
    try:
        return load(key, path).label
    except FrameworkError:
        return f"{path.name} (has problems)"


def _side(title: str, key: str, default: str):
    """One version: a shipped framework (its key) or this session's uploaded file (a Loaded), or None; and
    where it comes from, in words ("the shipped file", "draft.yaml, uploaded")."""
    options = [*shipped_frameworks(), UPLOAD]
    index = options.index(default) if default in options else 0
    chosen = state.bound_select(title, options, key=key, what="the framework", format_func=_label, index=index)
    if chosen != UPLOAD:
        return chosen, "the shipped file"
    upload = st.file_uploader(
        f"{title}: a framework file (up to {UPLOAD_MAX_BYTES // (1024 * 1024)} MB)",
        type=["yaml", "yml", "md", "csv", "xlsx"],
        max_upload_size=UPLOAD_MAX_BYTES // (1024 * 1024),
        key=f"{key}_file",
        help="Checked like the shipped frameworks. Nothing is stored on the server: the file is used in this "
        "browser session only.",
    )
    if upload is None:
        return None, None
    data = upload.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    kept: dict = st.session_state.setdefault(UPLOADED, {})
    if kept.get(key, (None,))[0] != digest:
        try:
            kept[key] = (digest, load_upload(data, upload.name))
        except FrameworkError as error:
            kept[key] = (digest, describe_error(error))
    found = kept[key][1]
    if isinstance(found, list):
        st.error(f"{render.md(upload.name)} could not be read: {len(found)} problem(s).")
        st.code("\n".join(found), language=None, wrap_lines=True)
        return None, None
    return found, f"{upload.name}, uploaded"


def _compared(old, new) -> VersionsView:
    files = shipped_frameworks()
    if isinstance(old, str) and isinstance(new, str):
        paths = files[old], files[new]
        return _shipped_diff(old, str(paths[0]), os.stat(paths[0]).st_mtime_ns, new, str(paths[1]),
                             os.stat(paths[1]).st_mtime_ns)  # fmt: skip
    a = load(old, files[old]) if isinstance(old, str) else old
    b = load(new, files[new]) if isinstance(new, str) else new
    last = st.session_state.get(COMPARED)
    if last is not None and last[0] is a and last[1] is b:
        return last[2]
    view = versions_view(a.framework, a.graph, b.framework, b.graph)
    st.session_state[COMPARED] = (a, b, view)
    return view


#: The tables of changes, each a tab: its heading, the view's table, and what to say when it is empty.
TABLES = [
    ("Roles", "roles", "No role was added, removed or changed."),
    ("Review findings", "findings", "The structure review finds the same in both."),
    ("Routes between roles", "moves", "The moves between roles are the same."),
]


@run_gate.fragment
def _tables(view: VersionsView) -> None:
    """A tab per table of changes, only the open one drawn, a page of it at a time. A fragment: another tab or
    page reruns this alone."""
    tabs = state.lazy_tabs([heading for heading, _, _ in TABLES], key="versions-tab")
    for (heading, name, nothing), tab in zip(TABLES, tabs, strict=True):
        if not tab.open:
            continue
        with tab:
            table = getattr(view, name)
            if table.empty:
                st.write(nothing)
                continue
            slug = heading.lower().replace(" ", "-")
            shown = paging.page(
                table,
                key=f"versions-{slug}-page",
                per_page=ROWS_AT_ONCE,
                where="the Markdown and Excel downloads below hold every row.",
            )
            # Every word of each change shown, wrapped (and stacked on a phone).
            render.stacked_table(shown, key=f"stacked-versions-{slug}")


def main() -> None:
    state.leave_legacy_pages_mode()  # a cold deep link runs inside app.py, with its sidebar
    st.title("Compare versions")
    st.markdown(
        "What changed between two versions of a framework: roles added, removed, regraded and renamed (matched by "
        "id, then by title), skills and expectations changed, how the structure review's findings changed, and "
        "the moves between roles that were added, removed or changed. Choose two shipped frameworks, or upload "
        "a version of your own."
    )
    compared_versions()


@run_gate.fragment
def compared_versions() -> None:
    """The two versions chosen (or uploaded) and what changed between them. A fragment: choosing another version
    reruns this alone, not the page and its sidebar (its tables, inside it, are a fragment of their own)."""
    left, right = st.columns(2)
    with left:
        old, old_from = _side("Older version", "old", "roles")
    with right:  # most often: a draft of one's own against the shipped framework
        new, new_from = _side("Newer version", "new", UPLOAD)
    if old is None or new is None:
        st.info("Choose or upload both versions to compare them.")
        return
    try:
        view = _compared(old, new)
    except FrameworkError as error:
        st.error("A version could not be read:")
        st.code("\n".join(describe_error(error)), language=None, wrap_lines=True)
        return

    if view.old_name == view.new_name and old_from != new_from:  # two versions of one framework: which is which
        heading = f"{render.md(view.old_name)}: {render.md(old_from)} → {render.md(new_from)}"
    else:
        heading = f"{render.md(view.old_name)} → {render.md(view.new_name)}"
    st.header(heading, divider="gray")
    if view.unchanged:
        st.info("Nothing changed: the two versions have the same roles, requirements, findings and moves.")
    st.markdown("\n".join(f"- **{render.md(name)}:** {count:,}" for name, count in view.summary))
    _tables(view)
    buttons = st.container(horizontal=True)
    # Each file is made when its button is pressed, not with every run of the page.
    render.download("Download as Markdown", lambda: view.markdown, file_name="framework-changes.md", where=buttons)
    render.download(
        "Download as Excel (XLSX)", lambda: view.workbook, file_name="framework-changes.xlsx", where=buttons
    )
