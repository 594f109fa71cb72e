"""HR pages: a suggestion on the import page is applied only when accepted; Pay and progression on every
shipped framework."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from framework.paycriteria import NO_PAY, PAY_EXAMPLE
from tests.apptest import TIMEOUT, markdown_tables, page, texts
from tests.conftest import ROOT, SHIPPED
from tests.test_suggest import NEW_JD
from ui.views.import_jd import ACCEPTED


def _imported(name: str, data: bytes) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "import_jd.py"), default_timeout=TIMEOUT).run()
    at.file_uploader(key="jd_files").set_value([(name, data, "text/markdown")]).run()
    assert not at.exception, at.exception
    return at


def test_a_suggestion_is_shown_and_nothing_is_applied_until_accepted():
    at = _imported("service-delivery-lead.md", NEW_JD)
    assert "Suggested DDaT benchmark and skills" in texts(at)
    assert at.session_state[ACCEPTED] == {}
    assert at.radio(key="suggest-level-service-delivery-lead").value is not None
    boxes = [c for c in at.checkbox if c.key.startswith("suggest-skill-service-delivery-lead")]
    assert boxes
    assert not any(c.value for c in boxes)
    boxes[0].check()
    next(b for b in at.button if b.label == "Accept the ticked skills").click().run()
    assert not at.exception, at.exception
    _level, skills = at.session_state[ACCEPTED]["service-delivery-lead"]
    assert len(skills) == 1
    assert "Accepted:" in texts(at)


def test_accept_all_takes_every_skill_into_the_download():
    from framework.importers.jd import import_documents
    from ui.views import import_jd

    at = _imported("service-delivery-lead.md", NEW_JD)
    next(b for b in at.button if b.label == "Accept all").click().run()
    assert not at.exception, at.exception
    level, skills = at.session_state[ACCEPTED]["service-delivery-lead"]
    framework = import_documents([("service-delivery-lead.md", NEW_JD)]).framework
    downloaded = import_jd._with_accepted(framework, {"service-delivery-lead": (level, skills)}, import_jd._reference())
    role = downloaded.role("service-delivery-lead")
    assert [r.skill for r in role.skills] == list(skills)
    assert all(r.source.startswith("Suggested from DDaT role level ") for r in role.skills)
    assert import_jd._with_accepted(framework, {}, import_jd._reference()) is framework


def test_an_unrelated_job_gets_no_confident_suggestion_on_the_page():
    chef = (ROOT / "bench" / "data" / "unrelated" / "head-chef.md").read_bytes()
    at = _imported("head-chef.md", chef)
    assert "No confident suggestion" in texts(at)
    assert not [b for b in at.button if b.label.startswith("Accept")]


def test_ticking_skills_applies_nothing_until_accepted():
    at = _imported("service-delivery-lead.md", NEW_JD)
    boxes = [c for c in at.checkbox if c.key.startswith("suggest-skill-service-delivery-lead")]
    for box in boxes[:2]:
        box.check()
    at.run()  # the ticks are in a form: a rerun without pressing a button accepts nothing
    assert not at.exception, at.exception
    assert at.session_state[ACCEPTED] == {}
    assert "Accepted:" not in texts(at)
    assert "added to the download only once you accept them" in texts(at)


def test_an_accepted_suggestion_can_be_withdrawn():
    at = _imported("service-delivery-lead.md", NEW_JD)
    next(b for b in at.button if b.label == "Accept all").click().run()
    level, skills = at.session_state[ACCEPTED]["service-delivery-lead"]
    shown = texts(at)
    assert "The download holds the suggestions accepted below (1 role(s))" in shown
    listed = [m.value.splitlines() for m in at.markdown if m.value.startswith("- ")]
    assert [len(lines) for lines in listed] == [len(skills)], "each accepted skill is named"
    at.button(key="withdraw-service-delivery-lead").click().run()
    assert not at.exception, at.exception
    assert at.session_state[ACCEPTED] == {}
    assert at.radio(key="suggest-level-service-delivery-lead").value == level, "the same suggestion, to accept again"


def test_the_imported_role_is_described_by_name():
    from framework.importers.jd import import_documents

    at = _imported("service-delivery-lead.md", NEW_JD)
    facts = next(m.value for m in at.markdown if m.value.startswith("**Grade:**"))
    kept = len(import_documents([("service-delivery-lead.md", NEW_JD)]).documents[0].role.job_description.lines())
    assert facts == (
        f"**Grade:** PO5 · **Discipline:** Delivery · **Reports to:** Head of Delivery Management · "
        f"**Lines kept:** {kept}"
    )


def test_each_suggested_skill_says_its_evidence_or_that_there_is_none():
    at = _imported("service-delivery-lead.md", NEW_JD)
    level = at.radio(key="suggest-level-service-delivery-lead").value
    boxes = [c for c in at.checkbox if c.key.startswith(f"suggest-skill-service-delivery-lead-{level}-")]
    evidence = [c.value for c in at.caption if c.value.startswith(("Evidence — ", "No evidence in the text"))]
    assert len(evidence) == len(boxes) > 0
    assert all(c.help and c.help.startswith("**") for c in boxes), "each says what its level looks like"


@pytest.mark.parametrize("framework", [p.stem for p in SHIPPED])
def test_pay_page_lists_every_grade(framework):
    from framework import load_framework

    at = page("pages/pay.py", framework=framework)
    assert not at.exception, at.exception
    assert at.title[0].value == "Pay and progression"
    loaded = load_framework(ROOT / "data" / f"{framework}.yaml")
    grades = [g.label for g in loaded.grades]
    table = markdown_tables(at)[0]
    assert list(table["Grade"]) == grades
    assert at.selectbox(key="pay-grade").options == grades
    if any(r.salary and r.grade for r in loaded.roles):  # the council's Head of Delivery Management states one
        assert "No grade of this framework states a pay range; 1 of its roles states a salary" in texts(at)
        assert any("“UK: £100,000 - £121,500”" in cell for cell in table["Salaries its roles state"])
    else:
        assert "states no pay for any of its grades" in texts(at)
    assert not at.code, "the example is drawn only once its expander is opened (most visits never do)"
    at.session_state["pay-example"] = True
    at.run()
    assert [c.value for c in at.code] == [PAY_EXAMPLE], "how a file states pay, with the example"
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Criteria (PDF)", "Criteria (Excel)", "Criteria (Markdown)"]


def test_pay_page_shows_what_it_takes_to_progress():
    at = page("pages/pay.py")
    at.selectbox(key="pay-grade").set_value("PO4").run()
    assert not at.exception
    shown = texts(at)
    assert "To progress to Senior Delivery Manager, whose grade is not stated:" in shown
    assert "Raised: Agile and Lean practices, from Practitioner to Expert" in shown
    assert [e.label for e in at.expander if e.label != "How a framework file states pay"] == ["Delivery Manager"]


def test_a_grade_of_many_roles_lists_them_closed_and_a_grade_of_one_open():
    at = page("pages/pay.py", framework="ddat")
    at.selectbox(key="pay-grade").set_value("Mid-level").run()
    assert not at.exception
    roles = [e for e in at.expander if e.label != "How a framework file states pay"]
    assert len(roles) == 46
    assert not any(e.proto.expanded for e in roles)
    business = next(e for e in roles if e.label == "Business architect")
    assert not business.children, "a closed role's contents are drawn only once it is opened"
    at.session_state["pay-role-business-architect"] = True  # as its expander does when opened
    at.run()
    business = next(e for e in at.expander if e.label == "Business architect")
    assert business.proto.expanded
    assert "| Business architecture | Practitioner |" in business.markdown[0].value
    council = page("pages/pay.py")
    assert [e.proto.expanded for e in council.expander if e.label == "Associate Project Manager"] == [True]


def test_pay_page_shows_the_pay_a_framework_states(tmp_path, monkeypatch):
    import sys

    import yaml

    from tests.apptest import app

    data = yaml.safe_load((ROOT / "data" / "roles.yaml").read_text(encoding="utf-8"))
    pay = {"min": 44428, "max": 47420, "currency": "GBP", "spine_points": [38, 39, 40, 41]}
    pay["progression"] = "One spine point each April until the top of the grade."
    data["grades"] = [{**g, "pay": pay} if g["id"] == "PO4" else g for g in data["grades"]]
    data["name"] = "The council's framework, with pay"  # told apart from the shipped one in the picker
    local = tmp_path / "paid.yaml"
    local.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["app.py", "--framework", str(local)])
    at = app()
    at.switch_page("pages/pay.py").run()
    assert not at.exception, at.exception
    table = markdown_tables(at)[0]
    po4 = table[table["Grade"] == "PO4"].iloc[0]
    assert (po4["Pay"], po4["Spine points"]) == ("£44,428 to £47,420 a year", "38, 39, 40, 41")
    assert po4["Pay within the grade"] == "One spine point each April until the top of the grade."
    assert table[table["Grade"] == "PO1"].iloc[0]["Pay"] == NO_PAY
    assert not at.code, "a framework that states pay is not shown how to"
    at.selectbox(key="pay-grade").set_value("PO4").run()
    assert "**Pay:** £44,428 to £47,420 a year" in [m.value for m in at.markdown]


def test_the_hiring_documents_say_what_their_checks_found_and_offer_each_format():
    at = page("pages/roles.py", role="delivery-manager")
    assert not at.get("download_button") or all("Advert" not in b.proto.label for b in at.get("download_button"))
    at.session_state["roles-hiring"] = True  # the expander opened
    at.run()
    assert not at.exception, at.exception
    labels = [b.proto.label for b in at.get("download_button") if b.proto.label.startswith(("Advert", "Interview"))]
    assert labels == [
        f"{which} ({fmt})" for which in ("Advert", "Interview pack") for fmt in ("Word", "PDF", "Markdown")
    ]
    found = [c.value for c in at.caption if c.value.startswith("Found:")]
    assert len(found) == 2
    assert "2 unexplained acronyms" in found[0]  # GDPR and DDAT, in the Delivery Manager's own text
    assert all("Readability: Flesch reading ease" in f for f in found)


def test_merged_into_the_council_a_grade_hint_that_differs_from_the_stated_grade_says_so():
    from tests.samples import SENIOR_USER_RESEARCHER

    at = _imported("senior-user-researcher.md", SENIOR_USER_RESEARCHER)
    assert not [m for m in at.markdown if m.value.startswith("**Grade hint:**")], "no hint without the council's roles"
    at.toggle(key="jd_merge").set_value(True).run()
    assert not at.exception, at.exception
    hint = next(m.value for m in at.markdown if m.value.startswith("**Grade hint:**"))
    assert hint.startswith("**Grade hint:** PO6 — Senior Product Manager: benchmarked to a DDaT role level")
    assert hint.endswith("The job description states PO5: worth a look before it is graded.")
    assert at.session_state[ACCEPTED] == {}


def test_a_grade_of_more_roles_than_a_page_shows_them_a_page_at_a_time(monkeypatch):
    """A framework of thousands of roles has hundreds at a grade: they are shown a page at a time, in order."""
    from ui.views import pay

    monkeypatch.setattr(pay, "ROLES_PER_PAGE", 10)
    at = page("pages/pay.py", framework="ddat")
    at.selectbox(key="pay-grade").set_value("Mid-level").run()
    first = [e.label for e in at.expander if e.label != "How a framework file states pay"]
    assert len(first) == 10
    assert "Roles 1–10 of 46" in texts(at)
    at.number_input(key="pay-roles-page").set_value(5).run()
    assert not at.exception
    last = [e.label for e in at.expander if e.label != "How a framework file states pay"]
    assert len(last) == 6
    assert "Roles 41–46 of 46" in texts(at)
    assert not set(first) & set(last)


def test_a_pasted_job_description_is_read_as_a_plain_text_document():
    """HR pastes a job description's text rather than saving it as a file first: it is read as plain text, its
    sections found by their names, and a problem names it as the pasted job description."""
    pasted = (
        "Senior Delivery Manager\n\nGrade: PO6\nSalary: £48,000 - £53,500\n\nJob purpose\n"
        "Lead the delivery of complex digital services for residents.\n\nMain duties and responsibilities\n"
        "- Lead two or more agile delivery teams.\n- Manage the team budget and contracts with suppliers.\n"
    )
    at = AppTest.from_file(str(ROOT / "pages" / "import_jd.py"), default_timeout=TIMEOUT).run()
    assert "Choose one or more documents, or paste one, to preview." in texts(at)
    at.text_area(key="jd_pasted").set_value(pasted).run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert "Senior Delivery Manager" in shown
    assert "no duties section" not in shown
    assert "pasted job description.txt" in shown, "its problems name it"
