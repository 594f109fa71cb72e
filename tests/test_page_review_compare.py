"""Structure review and Compare roles pages; the HR downloads; starting on a local framework file."""

from __future__ import annotations

import shutil
import sys

import pytest

from tests.apptest import app, html_tables, markdown_tables, page, param, texts
from tests.conftest import COUNCIL

TABS = {  # each tab of the review and the headings it draws once opened
    "What to do": ["What to do"],
    "Rungs": ["Which rungs are filled?", "Missing rungs"],
    "Dead ends and ways in": ["Dead ends and ways in"],
    "Skill cliffs": ["Skill cliffs"],
    "Grading consistency": ["Grading consistency"],
    "Reporting lines": ["Reporting lines and spans of control"],
    "Referenced roles": ["Referenced roles without a document"],
}


@pytest.mark.parametrize("framework", [None, "ddat"])
def test_review_page_runs_on_both_frameworks_and_draws_only_the_open_tab(framework):
    at = page("pages/review.py", framework=framework)
    assert not at.exception
    assert [t.label for t in at.tabs] == list(TABS)
    assert "**In short:**" in at.markdown[0].value
    assert not at.get("download_button"), "the downloads are drawn once their expander is opened"
    charts = {}  # the rungs are a table of coloured cells; reporting lines a nested list, never a box per role
    subheaders = {
        "What to do": ["Problems", "Worth a look", "By design"],
        "Dead ends and ways in": ["Dead ends", "No way in", "Roles whose grade is not stated"],
        "Reporting lines": ["The tree", "Per role", "Totals per discipline"],
    }
    for tab, headers in TABS.items():
        at.session_state["review-tab"] = tab
        at.run()
        assert not at.exception, tab
        headings = [h.value for h in at.header]
        headings += [line[3:] for m in at.markdown for line in m.value.splitlines() if line.startswith("## ")]
        assert headings == headers, tab
        assert [h.value.split(" (")[0] for h in at.subheader] == subheaders.get(tab, []), tab
        assert len(at.get("plotly_chart")) == charts.get(tab, 0), tab
    at.session_state["review-tab"] = "Dead ends and ways in"
    at.run()
    assert len(markdown_tables(at)) == 3
    at.session_state["review-tab"] = "Rungs"
    at.run()
    (matrix,) = html_tables(at)  # the rung matrix, each cell's status written in it
    assert {"filled", "empty"} <= set(matrix.drop(columns=["Discipline"]).to_numpy().ravel())
    at.session_state["review-rungs-table"] = True  # the roles in each rung, drawn once its expander is opened
    at.run()
    assert [e.label for e in at.expander] == [
        "The roles in each rung",
        "Download the review (Markdown or Excel)",
    ]
    (rungs,) = markdown_tables(at)
    assert "Discipline" in rungs.columns
    at.session_state["review-downloads"] = True
    at.run()
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Download as Markdown", "Download as Excel (XLSX)"]


def test_review_says_what_to_do_with_links_to_the_roles():
    at = page("pages/review.py")
    assert [h.value for h in at.subheader] == ["Problems (1)", "Worth a look (4)", "By design (3)"]
    shown = texts(at)
    assert "**Skill cliff: Associate Project Manager → Delivery Manager**" in shown
    assert "[Associate Project Manager](./roles?role=associate-project-manager)" in shown
    assert "**What to do:** Add or describe a rung between Associate Project Manager and Delivery Manager" in shown
    assert "**3 entry rungs**" in shown
    at = page("pages/review.py", framework="ddat")
    shown = texts(at)
    assert "**No Head role leads to any Chief role**" in shown
    assert "framework=ddat" in shown, "links keep the framework"


def test_review_grading_and_reporting_tabs():
    at = page("pages/review.py", framework="ddat", tab="grading-consistency")
    assert not at.exception
    shown = texts(at)
    assert (
        "(100% alike): [Lead quality assurance test analyst (Lead)](./roles?role=lead-quality-assurance-test-analyst"
        in (shown)
    )
    assert "pairs were compared for likeness" in shown
    at = page("pages/review.py", framework="ddat", tab="reporting-lines")
    assert "The framework states no reporting lines" in texts(at)
    assert not at.get("plotly_chart")
    at = page("pages/review.py", tab="reporting-lines")
    shown = texts(at)
    assert "- [Project Manager](./roles?role=project-manager) (not stated; 1 direct, 1 in all)" in shown
    assert "  - [Associate Project Manager](./roles?role=associate-project-manager) (PO1; no reports)" in shown


def test_review_reports_the_delivery_ladder_gaps():
    shown = texts(page("pages/review.py", tab="rungs"))
    assert (
        "**Delivery:** no role at PO2, PO3 between Associate Project Manager and Delivery Manager — Project Manager, "
        "whose grade is not stated, sits between them." in shown
    )
    assert "no role at PO5, PO6, PO7, PO8 between Delivery Manager and Head of Delivery Management" in shown


def test_compare_needs_two_roles():
    at = page("pages/compare.py", roles="delivery-manager")
    assert at.info[0].value == "Choose at least two roles."


def test_compare_two_roles_side_by_side():
    at = page("pages/compare.py", roles=["associate-project-manager", "delivery-manager"])
    assert not at.exception
    facts, skills, criteria = markdown_tables(at)  # tables that stack on a phone
    assert list(facts.columns) == ["Fact", "Associate Project Manager", "Delivery Manager"]
    grade = facts.set_index("Fact").loc["Grade"]
    assert (grade["Associate Project Manager"], grade["Delivery Manager"]) == ("PO1", "PO4")
    assert len(skills) == 9
    assert "8 of 9 skills differ" in texts(at)
    assert len(criteria) > 0
    headings = [h.value for h in at.header]
    headings += [line[3:] for m in at.markdown for line in m.value.splitlines() if line.startswith("## ")]
    assert headings == ["Facts", "Skills", "Criteria that differ"]


def test_compare_a_third_role_changes_the_tables():
    at = page("pages/compare.py", roles=["associate-project-manager", "delivery-manager"])
    at.multiselect(key="roles").set_value(["associate-project-manager", "delivery-manager", "lead-developer"]).run()
    assert markdown_tables(at)[1].shape == (19, 5)
    assert param(at, "roles") == ["associate-project-manager", "delivery-manager", "lead-developer"]


def test_compare_unknown_role_in_the_link():
    at = page("pages/compare.py", roles=["delivery-manager", "astronaut"])
    assert not at.exception
    assert "`astronaut`" in texts(at)


def test_roles_page_offers_hr_downloads_and_a_printable_profile():
    at = page("pages/roles.py", role="delivery-manager")
    assert [b.proto.label for b in at.get("download_button")] == ["Printable role profile (Markdown)"]
    at = page("pages/roles.py")  # the catalogue
    # The framework's downloads are drawn once their expander is opened (opening it reruns the page).
    assert [e.label for e in at.expander] == [
        "Filter by discipline, grade or status",
        "Download the framework (for HR)",
    ]
    assert not at.get("download_button")
    at.session_state["roles-downloads"] = True
    at.run()
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Roles (CSV)", "Skills matrix (CSV)", "Both (Excel)"]


def test_import_page_asks_for_documents():
    at = page("pages/import_jd.py")
    assert not at.exception
    assert at.info[0].value == "Choose one or more documents, or paste one, to preview."


def test_the_app_can_start_on_a_local_framework_file(tmp_path, monkeypatch):
    local = tmp_path / "mine.yaml"
    shutil.copy(COUNCIL, local)
    text = local.read_text(encoding="utf-8")
    local.write_text(text.replace("name: Council digital team career framework", "name: My local framework"))
    monkeypatch.setattr(sys, "argv", ["app.py", "--framework", str(local)])
    at = app()
    assert not at.exception
    assert at.sidebar.selectbox(key="framework").value == "local"
    assert "My local framework" in texts(at)


def test_a_broken_local_framework_file_is_reported_with_its_location(tmp_path, monkeypatch):
    local = tmp_path / "broken.yaml"
    local.write_text("id: x\nname: X\ngrades: [{id: a}]\nroles:\n  - {id: r, title: R, grade: zz}\n", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["app.py", "--framework", str(local)])
    at = app()
    assert not at.exception
    shown = texts(at) + "\n".join(c.value for c in at.code)
    assert f"{local}:5:" in shown


def test_a_long_kind_of_finding_is_counted_by_discipline_and_shown_a_page_at_a_time():
    at = page("pages/review.py", framework="ddat")
    shown = texts(at)
    assert "**Missing rungs (31)** — by discipline: Data 10 · User-centred design 7 · Architecture 4" in shown
    assert shown.count("**Missing rung:") == 5, "the first five"
    assert not at.number_input, "all of them are drawn only once asked for"
    at.session_state["review-worth-a-look-missing-rung-all"] = True  # "All 31 missing rungs, by discipline"
    at.run()
    shown = texts(at)
    assert "Findings 1–10 of 31; the downloads below hold every one." in shown
    assert shown.count("**Missing rung:") == 5 + 10
    pages = at.number_input(key="review-worth-a-look-missing-rung-page")
    assert pages.label == "Page (of 4)"
    pages.set_value(4).run()
    assert texts(at).count("**Missing rung:") == 5 + 1, "the last page holds the 31st"
    at.selectbox(key="review-worth-a-look-missing-rung-discipline").set_value("User-centred design").run()
    listed = [line for line in texts(at).splitlines() if line.startswith("- **Missing rung:")]
    assert len(listed) == 5 + 7, "one discipline's seven, on one page"
    assert all("User-centred design" in line for line in listed[5:])
