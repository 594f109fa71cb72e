"""HR's journeys in the browser, at desktop size and on a phone: a new job description imported, its suggested
DDaT skills accepted one by one and the framework file downloaded and read back; a role's advert and interview
pack downloaded in each format and read back; Pay and progression on the council's and DDaT's frameworks."""

from __future__ import annotations

import io
import re

import pytest
import yaml
from playwright.sync_api import expect
from pypdf import PdfReader

from framework import load_framework
from framework.hiring import role_criteria
from tests.conftest import DATA
from tests.samples import SENIOR_USER_RESEARCHER

from .helpers import (
    axe_audit,
    describe_violations,
    exceptions,
    expect_rerun,
    goto,
    open_expanders,
    screenshot,
    wait_for_app,
)

SIZES = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}
#: What runs off the side of the screen: the page itself, or its main area (0 when nothing does).
SIDEWAYS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  return Math.max(document.documentElement.scrollWidth - document.documentElement.clientWidth,
                  main.scrollWidth - main.clientWidth);
}"""

ROLE = "senior-user-researcher"


def _main(page):
    return page.locator('[data-testid="stMain"]')


def _download(page, label: str):
    """Press the download button labelled ``label``; the file's suggested name and its bytes."""
    button = _main(page).get_by_role("button", name=label, exact=True)
    button.scroll_into_view_if_needed()
    with page.expect_download() as download:
        button.click()
    return download.value.suggested_filename, download.value.path().read_bytes()


def _role_in(data: bytes) -> dict:
    framework = yaml.safe_load(data.decode("utf-8"))
    return next(r for r in framework["roles"] if r["id"] == ROLE)


def _audit(page, name: str) -> None:
    violations = axe_audit(page, name)
    assert not violations, f"{name}:\n" + describe_violations(violations)


@pytest.mark.parametrize("size", list(SIZES))
def test_a_new_job_description_gets_the_skills_accepted_one_by_one_and_no_others(page, app_url, size):
    page.set_viewport_size(SIZES[size])
    goto(page, app_url, "/import_jd")
    uploader = _main(page).locator('[data-testid="stFileUploader"] input[type="file"]')
    with expect_rerun(page):
        uploader.set_input_files(
            files=[{"name": f"{ROLE}.md", "mimeType": "text/markdown", "buffer": SENIOR_USER_RESEARCHER}]
        )
    main = _main(page)
    expect(main.get_by_role("heading", name="Suggested DDaT benchmark and skills")).to_be_visible()
    assert exceptions(page) == []
    chosen_level = main.locator('[data-testid="stRadio"] label', has=page.locator("input:checked")).inner_text()
    assert chosen_level.startswith("Senior user researcher — User-centred design"), chosen_level
    screenshot(page, f"hr-import-suggested-{size}")
    _audit(page, f"hr-import-suggested-{size}")
    assert page.evaluate(SIDEWAYS) <= 0, "the suggestion runs off the side of the screen"

    # Nothing is in the download before it is accepted.
    _, before = _download(page, "Download the framework YAML")
    assert not _role_in(before).get("skills"), "a suggestion is applied only once accepted"
    assert not _role_in(before).get("benchmarks")

    # Tick the second and the fourth skill, and accept those two only.
    boxes = main.locator('[data-testid="stForm"] [data-testid="stCheckbox"]')
    assert boxes.count() >= 4
    ticked = [boxes.nth(i).inner_text().strip() for i in (1, 3)]
    for i in (1, 3):
        boxes.nth(i).locator("label").click()
        expect(boxes.nth(i).locator("input")).to_be_checked()
    captions = main.locator('[data-testid="stForm"] [data-testid="stCaptionContainer"]').all_inner_texts()
    evidence = {label: captions[i] for label, i in zip(ticked, (1, 3), strict=True)}
    main.get_by_role("button", name="Accept the ticked skills").click()
    accepted = main.locator('[data-testid="stAlert"]', has_text="Accepted: Senior user researcher")
    expect(accepted).to_be_visible()
    expect(main.get_by_role("button", name="Withdraw the acceptance")).to_be_visible()
    wait_for_app(page)
    assert exceptions(page) == []
    screenshot(page, f"hr-import-accepted-{size}")
    _audit(page, f"hr-import-accepted-{size}")

    name, after = _download(page, "Download the framework YAML")
    assert name == "imported-roles.yaml"
    role = _role_in(after)
    ddat = load_framework(DATA / "ddat.yaml")
    names = {s.id: s.name for s in ddat.skills}
    levels = {lv.id: lv.name for lv in ddat.skill_levels}
    got = [f"{names[s['skill']]} at {levels[s['level']]}" for s in role["skills"]]
    assert got == ticked, "exactly the skills accepted, in the order shown"
    for requirement, label in zip(role["skills"], ticked, strict=True):
        source = requirement["source"]
        assert source.startswith("Suggested from DDaT role level Senior user researcher and accepted; "), source
        shown = evidence[label]
        if shown.startswith("Evidence"):
            line = shown.split(": “", 1)[1].rstrip("”")
            assert source.endswith(f"evidence in the job description: “{line}”"), (source, shown)
            assert requirement["evidence"] == [line]
        else:
            assert source.endswith("no evidence in the text"), source
    assert [b["role"] for b in role["benchmarks"]] == ["Senior user researcher"]
    lines = SENIOR_USER_RESEARCHER.decode()
    assert all(line in lines for line in role["job_description"]["sections"][0]["items"]), "the text as written"

    # Withdrawn, the download is as it was.
    with expect_rerun(page):
        main.get_by_role("button", name="Withdraw the acceptance").click()
    expect(accepted).to_have_count(0)
    _, withdrawn = _download(page, "Download the framework YAML")
    assert withdrawn == before


def _docx_text(data: bytes) -> list[str]:
    import docx

    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return [p.text for p in document.paragraphs] + cells


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("size", list(SIZES))
def test_a_roles_advert_and_interview_pack_hold_every_essential_criterion_in_each_format(page, app_url, size):
    page.set_viewport_size(SIZES[size])
    goto(page, app_url, "/roles", role="delivery-manager")
    main = _main(page)
    with expect_rerun(page):
        main.locator('[data-testid="stExpander"] summary', has_text="Hiring documents").click()
    expect(main.get_by_role("button", name="Advert (Word)")).to_be_visible()
    found = main.locator('[data-testid="stCaptionContainer"]', has_text="Found:")
    expect(found).to_have_count(2)
    screenshot(page, f"hr-hiring-{size}")
    _audit(page, f"hr-hiring-{size}")
    assert page.evaluate(SIDEWAYS) <= 0, "the hiring documents run off the side of the screen"
    if size == "phone":
        return  # the files are the same at any size

    council = load_framework(DATA / "roles.yaml")
    essential = [c.text for c in role_criteria(council, council.role("delivery-manager")) if c.marker == "essential"]
    assert len(essential) == 18
    for which, short in (("advert", "Advert"), ("interview", "Interview pack")):
        name, word = _download(page, f"{short} (Word)")
        assert name == f"delivery-manager-{which}-draft.docx"
        lines = _docx_text(word)
        assert lines[0].startswith("DRAFT ")
        _, pdf = _download(page, f"{short} (PDF)")
        reader = PdfReader(io.BytesIO(pdf))
        pdf_text = _flat(" ".join(p.extract_text() for p in reader.pages))
        assert pdf_text.startswith("DRAFT ")
        _, markdown = _download(page, f"{short} (Markdown)")
        md_text = re.sub(r"\\(.)", r"\1", markdown.decode("utf-8"))
        assert md_text.startswith("> **DRAFT ")
        for criterion in essential:
            if which == "advert":
                assert criterion in lines, f"Word: {criterion}"  # a cell of its own, word for word
            else:
                assert any(f"“{criterion}”" in line for line in lines), f"Word: {criterion}"
            assert _flat(criterion) in pdf_text, f"PDF: {criterion}"
            assert criterion in md_text, f"Markdown: {criterion}"
        assert "Checks on this draft" in pdf_text
        assert exceptions(page) == []


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("framework", ["roles", "ddat"])
def test_pay_and_progression_lists_every_grade(page, app_url, framework, size):
    page.set_viewport_size(SIZES[size])
    goto(page, app_url, "/pay", **({"framework": framework} if framework != "roles" else {}))
    main = _main(page)
    expect(main.get_by_role("heading", name="Pay and progression", level=1)).to_be_visible()
    assert exceptions(page) == []
    grades = [g.label for g in load_framework(DATA / f"{framework}.yaml").grades]
    table = main.locator('[data-testid="stMarkdownContainer"] table').first
    assert [c.strip() for c in table.locator("tbody tr td:first-child").all_inner_texts()] == grades
    said = (  # the council's Head of Delivery Management states a salary in its job description
        "No grade of this framework states a pay range; 1 of its roles states a salary"
        if framework == "roles"
        else "This framework states no pay for any of its grades."
    )
    expect(main.get_by_text(said)).to_be_visible()
    open_expanders(page)
    expect(main.locator('[data-testid="stCode"]')).to_contain_text("spine_points: [38, 39, 40, 41]")
    assert page.evaluate(SIDEWAYS) <= 0, "the page runs off the side of the screen"
    screenshot(page, f"hr-pay-{framework}-{size}")
    _audit(page, f"hr-pay-{framework}-{size}")
    if size == "phone":
        return
    name, pdf = _download(page, "Criteria (PDF)")
    assert name == f"pay-criteria-{load_framework(DATA / f'{framework}.yaml').id}.pdf"
    text = _flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    for grade in grades:
        assert f"Grade {grade}" in text, grade
