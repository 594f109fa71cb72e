"""HR pages: a suggestion on the import page is applied only when accepted; Pay and progression on every
shipped framework."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import TIMEOUT, page, texts
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
    from framework.jdimport import import_documents
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


@pytest.mark.parametrize("framework", [p.stem for p in SHIPPED])
def test_pay_page_lists_every_grade(framework):
    from framework import load_framework

    at = page("pages/pay.py", framework=framework)
    assert not at.exception, at.exception
    assert at.title[0].value == "Pay and progression"
    grades = [g.label for g in load_framework(ROOT / "data" / f"{framework}.yaml").grades]
    assert list(at.dataframe[0].value["Grade"]) == grades
    assert at.selectbox(key="pay-grade").options == grades
    assert "states no pay for any of its grades" in texts(at)


def test_pay_page_shows_what_it_takes_to_progress():
    at = page("pages/pay.py")
    at.selectbox(key="pay-grade").set_value("PO4").run()
    assert not at.exception
    shown = texts(at)
    assert "To progress to Senior Delivery Manager" in shown
    assert "Raised: Agile and Lean practices: Practitioner → Expert" in shown
