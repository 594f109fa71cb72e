"""The Compare versions page: two shipped frameworks chosen by link, the tables of what changed, downloads."""

from __future__ import annotations

from tests.apptest import markdown_tables, page, param, texts

TABLES = ["Roles", "Review findings", "Routes between roles"]


def tables(at) -> list:
    """The comparison's tables, one per tab (each tab is drawn once opened)."""
    out = []
    for label in TABLES:
        at.session_state["versions-tab"] = label
        at.run()
        (table,) = markdown_tables(at)
        out.append(table)
    return out


def test_the_page_opens_on_the_shipped_framework_against_a_file_of_ones_own():
    at = page("pages/versions.py")
    assert not at.exception
    assert [s.value for s in at.selectbox] == ["roles", "upload"]
    assert at.info[0].value == "Choose or upload both versions to compare them."
    assert [u.label for u in at.get("file_uploader")] == ["Newer version: a framework file (up to 2 MB)"]


def test_the_same_file_twice_has_no_changes():
    at = page("pages/versions.py", old="roles", new="roles")
    assert not at.exception
    assert at.title[0].value == "Compare versions"
    assert [s.label for s in at.selectbox] == ["Older version", "Newer version"]
    assert at.info[0].value.startswith("Nothing changed")
    assert "- **Roles added:** 0" in texts(at)
    assert [t.label for t in at.tabs] == ["Roles", "Review findings", "Routes between roles"]
    assert not at.dataframe, "nothing to tabulate"
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Download as Markdown", "Download as Excel (XLSX)"]


def test_two_frameworks_compared_from_a_link():
    at = page("pages/versions.py", old="roles", new="ft-engineering")
    assert not at.exception
    shown = texts(at)
    assert "- **Roles removed:** 11" in shown
    roles, findings, moves = tables(at)  # short enough to show whole: every word of each change
    assert list(roles.columns) == ["Change", "Role", "What changed", "Role id"]
    assert set(roles["Change"]) == {"Added", "Removed"}
    assert list(roles["Change"]).count("Removed") == 11
    assert len(findings) > 0
    assert len(moves) > 0
    assert not at.dataframe


def test_choosing_a_version_writes_the_link():
    at = page("pages/versions.py", new="roles")
    at.selectbox(key="new").set_value("ft-engineering").run()
    assert not at.exception
    assert param(at, "new") == ["ft-engineering"]
    assert "- **Roles added:** 0" not in texts(at)


def test_upload_asks_for_a_file():
    at = page("pages/versions.py", new="upload")
    assert not at.exception
    assert at.info[0].value == "Choose or upload both versions to compare them."
    assert len(at.get("file_uploader")) == 1


def test_an_uploaded_version_is_read_and_compared_once_however_often_the_page_reruns(monkeypatch):
    from framework.views import versions as versions_model
    from tests.apptest import TIMEOUT
    from tests.conftest import ROOT
    from ui import data
    from ui.views import versions as versions_page

    loads, compares = [], []
    real_load, real_compare = data.load_upload, versions_model.versions_view
    monkeypatch.setattr(versions_page, "load_upload", lambda *a: loads.append(a[1]) or real_load(*a))
    monkeypatch.setattr(versions_page, "versions_view", lambda *a: compares.append(1) or real_compare(*a))
    at = page("pages/versions.py")
    mine = (ROOT / "data" / "roles.yaml").read_bytes().replace(b"\nname: ", b"\nname: My draft of ", 1)
    at.file_uploader(key="new_file").set_value(("draft.yaml", mine, "application/yaml"))
    at.run(timeout=TIMEOUT)
    assert not at.exception
    assert "My draft of" in at.header[0].value
    assert at.header[0].value.endswith("→ My draft of Council digital team career framework")
    for _ in range(3):
        at.run(timeout=TIMEOUT)  # any rerun: a click elsewhere on the page, a download
    assert loads == ["draft.yaml"]
    assert len(compares) == 1
    at.selectbox(key="old").set_value("ft-engineering").run(timeout=TIMEOUT)  # another pair: compared anew
    assert len(compares) == 2
    assert loads == ["draft.yaml"]


def test_two_versions_of_one_framework_say_which_is_which_and_show_each_change_whole():
    from tests.apptest import TIMEOUT
    from tests.conftest import ROOT

    at = page("pages/versions.py")
    mine = (ROOT / "data" / "roles.yaml").read_text(encoding="utf-8")
    mine = mine.replace("title: Delivery Manager\n", "title: Digital Delivery Manager\n", 1)
    at.file_uploader(key="new_file").set_value(("draft.yaml", mine.encode(), "application/yaml"))
    at.run(timeout=TIMEOUT)
    assert not at.exception
    assert at.header[0].value == ("Council digital team career framework: the shipped file → draft.yaml, uploaded")
    (roles, *_) = markdown_tables(at)
    changed = roles.set_index("Role id").loc["delivery-manager"]
    assert "Delivery Manager → Digital Delivery Manager" in changed["What changed"]


def test_a_long_comparison_is_shown_a_table_and_a_page_at_a_time_and_the_downloads_hold_every_row():
    at = page("pages/versions.py", old="roles", new="ddat")
    assert not at.exception
    assert [t.label for t in at.tabs] == TABLES
    assert len(markdown_tables(at)) == 1, "the open tab's table only"
    roles, findings, moves = tables(at)
    assert len(roles) == len(findings) == len(moves) == 50, "a page of each table"
    assert "Rows 1–50 of 945; the Markdown and Excel downloads below hold every row." in texts(at)
    last = at.number_input(key="versions-routes-between-roles-page")
    assert last.label == "Page (of 19)"
    last.set_value(19).run()
    assert len(markdown_tables(at)[0]) == 945 - 18 * 50
    assert not at.dataframe
    from framework import load_framework
    from framework.graph import build_graph
    from framework.views.versions import versions_view
    from tests.conftest import DATA

    old, new = load_framework(DATA / "roles.yaml"), load_framework(DATA / "ddat.yaml")
    view = versions_view(old, build_graph(old), new, build_graph(new))
    rows = [line for line in view.markdown.splitlines() if line.startswith("| ") and not line.startswith("| Change |")]
    assert len(rows) == len(view.roles) + len(view.findings) + len(view.moves), "every row, in the download"
