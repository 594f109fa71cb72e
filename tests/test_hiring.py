"""Hiring drafts: the framework's own words only, every essential criterion, checks that catch seeded problems."""

from __future__ import annotations

import io

import pytest

from framework.documents import Block, document_docx, document_markdown, document_pdf, document_text
from framework.gaptext import one_line
from framework.hiring import advert_document, check_draft, checked_document, hiring_document, interview_document
from framework.hiring.drafts import ESSENTIAL_HEADING, NO_CRITERIA, QUESTIONS_HEADER, descriptor_cell, role_criteria
from framework.models import Framework

DESCRIBED = [
    "associate-project-manager",
    "delivery-manager",
    "senior-product-manager",
    "lead-developer",
    "head-of-delivery-management",
]


def _allowed(framework: Framework, role_id: str) -> set[str]:
    """Everything an advert may say about the role: its own text and the framework's descriptors and names."""
    role = framework.role(role_id)
    allowed = set(role.job_description.lines()) if role.job_description else set()
    allowed |= {c.text for c in role_criteria(framework, role)} | {c.area for c in role_criteria(framework, role)}
    for requirement in role.skills:
        skill = framework.skills_by_id[requirement.skill]
        allowed |= {skill.name, descriptor_cell(skill.levels.get(requirement.level))}
        allowed |= {requirement.source or "not stated"}  # where the level comes from, as the file states it
    allowed |= {lv.name for lv in framework.skill_levels}
    return allowed | {NO_CRITERIA}


@pytest.mark.parametrize("role_id", DESCRIBED)
def test_an_advert_holds_every_essential_criterion_and_nothing_else(council, role_id):
    role = council.role(role_id)
    document = advert_document(council, role_id)
    lines = document_text(document)
    essential = [c.text for c in role_criteria(council, role) if c.marker == "essential"]
    if not essential:  # the supplier's Head of Delivery Management has competencies, not a person specification
        essential = role.job_description.section("competencies").items
    assert essential
    for criterion in essential:
        assert criterion in lines, criterion
    allowed = _allowed(council, role_id)
    facts = ("Grade: ", "Pay: ", "Pay, as its job description states it: ", "Discipline: ", "Reports to: ")
    for block in document.blocks:  # every line and table cell is the role's text or a descriptor
        said = list(block.items) + [cell for row in block.rows for cell in row]
        if block.kind == "paragraph" and not block.text.startswith(facts):
            said.append(block.text)
        for text in said:
            assert text in allowed, text
    assert document.banner.startswith("DRAFT")


def test_interview_questions_trace_each_essential_criterion_and_skill(council):
    role = council.role("delivery-manager")
    document = interview_document(council, "delivery-manager")
    table = next(b for b in document.blocks if b.kind == "table" and b.header == QUESTIONS_HEADER)
    essential = [c for c in role_criteria(council, role) if c.marker == "essential"]
    assert len(table.rows) == len(essential) + len(role.skills)
    for row, criterion in zip(table.rows, essential, strict=False):
        assert f"“{criterion.text}”" in row[1]
    for row, requirement in zip(table.rows[len(essential) :], role.skills, strict=True):
        skill = council.skills_by_id[requirement.skill]
        descriptor = skill.levels[requirement.level]
        assert row[3] == descriptor_cell(descriptor), "the descriptor is what a good answer shows"
        assert " ".join(row[3].split()) == one_line(descriptor), "its words, one point to a line"


CLEAN = Framework.model_validate(
    {
        "id": "clean",
        "name": "A clean framework",
        "grades": [{"id": "G1"}],
        "roles": [
            {
                "id": "gardener",
                "title": "Gardener",
                "grade": "G1",
                "source": {"kind": "document", "document": "gardener.md"},
                "job_description": {
                    "sections": [
                        {"kind": "purpose", "heading": "Purpose", "items": ["Look after the parks of the town."]},
                        {"kind": "duties", "heading": "Duties", "items": ["Cut the grass.", "Plant the flower beds."]},
                    ],
                    "person_specification": {
                        "criteria": [
                            {"heading": "Skills", "groups": [{"marker": "Essential", "items": ["Can use a mower."]}]}
                        ]
                    },
                },
            }
        ],
    }
)


def test_a_clean_draft_raises_no_finding():
    for which in (advert_document, interview_document):
        findings, readability = check_draft(which(CLEAN, "gardener"), CLEAN, "gardener")
        assert findings == []
        assert readability.words > 0


@pytest.mark.parametrize(
    ("block", "kind", "said"),
    [
        (Block("bullets", items=("We want a dominant and competitive person.",)), "gender-coded", "dominant"),
        (Block("paragraph", "Question: what is your current salary?"), "pay-history", "current salary"),
        (Block("paragraph", "Tell us how much you earn now."), "pay-history", "how much you earn"),
        (
            Block("table", header=("Criterion", "Area"), rows=(("A full driving licence.", "Skills"),)),
            "not-in-profile",
            "",
        ),
        (Block("paragraph", "You will report KPIs every month."), "acronym", "KPIs"),
    ],
    ids=["gender-coded", "pay-history", "pay-history-2", "not-in-profile", "acronym"],
)
def test_each_seeded_problem_is_caught_with_its_line(block, kind, said):
    document = advert_document(CLEAN, "gardener")
    if kind == "not-in-profile":  # slipped into the essential criteria
        at = next(i for i, b in enumerate(document.blocks) if b.kind == "heading" and b.text == ESSENTIAL_HEADING)
        document.blocks.insert(at + 2, block)
    else:
        document.blocks.append(block)
    findings, _ = check_draft(document, CLEAN, "gardener")
    assert [f.kind for f in findings] == [kind]
    found = findings[0]
    assert said in found.message or kind == "not-in-profile"
    assert found.line in document_text(document)
    assert found.where.rsplit(", ", 1)[1].split(" ")[0] in ("paragraph", "item", "row"), found.where


def test_an_explained_acronym_is_not_reported():
    document = advert_document(CLEAN, "gardener")
    document.paragraph("You will report key performance indicators (KPIs) every month; the KPIs are simple.")
    assert check_draft(document, CLEAN, "gardener")[0] == []


def test_word_and_pdf_files_open_and_read_back(council):
    import docx
    from pypdf import PdfReader

    document, findings, _ = checked_document(council, "lead-developer", "advert")
    essential = [c.text for c in role_criteria(council, council.role("lead-developer")) if c.marker == "essential"]
    word = docx.Document(io.BytesIO(document_docx(document)))
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    paragraphs = [p.text for p in word.paragraphs]
    assert paragraphs[0].startswith("DRAFT")
    for criterion in essential:
        assert criterion in cells
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(document_pdf(document))).pages)
    flat = " ".join(text.split())
    assert "DRAFT job advert" in flat
    assert "Checks on this draft" in flat
    assert " ".join(essential[0].split()) in flat
    assert findings  # the council's own wording has masculine-coded words ("lead"): named, not hidden


@pytest.mark.parametrize("fmt", ["md", "docx", "pdf"])
def test_every_format_is_made_for_every_described_role(council, fmt):
    for role_id in DESCRIBED:
        for which in ("advert", "interview"):
            made = hiring_document(council, role_id, which, fmt)
            assert made if fmt == "md" else made[:2] in (b"PK", b"%P")


DM_LINK = ("cross-government service standards", "https://www.gov.uk/service-manual/service-standard")


def test_a_link_in_the_job_description_is_a_link_in_every_format(council):
    import docx
    from pypdf import PdfReader

    words, address = DM_LINK
    document = advert_document(council, "delivery-manager")
    assert f"[{words}]({address})" in " ".join(document_text(document)), "the source line keeps its link as written"
    markdown = document_markdown(document)
    assert f"[{words}]({address})" in markdown
    word = docx.Document(io.BytesIO(document_docx(document)))
    said = " ".join(p.text for p in word.paragraphs)
    assert words in said
    assert "](" not in said, "Word shows the link's words, not its brackets"
    assert address in [r.target_ref for r in word.part.rels.values() if r.is_external]
    reader = PdfReader(io.BytesIO(document_pdf(document)))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert words in text
    assert "](" not in text
    links = [a.get_object()["/A"]["/URI"] for page in reader.pages for a in page.get("/Annots") or []]
    assert address in links


def test_word_files_are_a4_with_their_columns_sized_and_header_rows_repeated(council):
    import docx
    from docx.shared import Mm

    document = interview_document(council, "delivery-manager")
    word = docx.Document(io.BytesIO(document_docx(document)))
    section = word.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1)  # A4, to the twip Word keeps
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    questions = next(t for t in word.tables if tuple(c.text for c in t.rows[0].cells) == QUESTIONS_HEADER)
    widths = [column.width for column in questions.columns]
    usable = section.page_width - section.left_margin - section.right_margin
    block = next(b for b in document.blocks if b.kind == "table" and b.header == QUESTIONS_HEADER)
    assert [round(w / usable, 2) for w in widths] == [round(s, 2) for s in block.widths]
    assert questions.rows[0]._tr.trPr.xml.count("tblHeader") == 1, "the header row repeats on each page"
    assert "DRAFT — Delivery Manager: interview questions and scoring sheet — page" in section.footer.paragraphs[0].text


def test_the_scoring_sheet_and_the_checks_each_start_a_page(council):
    from pypdf import PdfReader

    document, _, _ = checked_document(council, "delivery-manager", "interview")
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(document_pdf(document))).pages]
    footers = [f"DRAFT — Delivery Manager: interview questions and scoring sheet — page {i + 1} " for i in range(7)]
    assert [text[: len(f)] for text, f in zip(pages, footers, strict=False)] == footers[: len(pages)]
    bodies = [text.removeprefix(f) for text, f in zip(pages, footers, strict=False)]  # the footer is read first
    starts = [body.split(" ", 2)[:2] for body in bodies if body.startswith(("Scoring sheet", "Checks on this draft"))]
    assert starts == [["Scoring", "sheet"], ["Checks", "on"]]


def test_the_checks_sum_up_and_list_each_coded_word_once_with_every_place():
    from framework.hiring import checks_summary, coded_words

    document = advert_document(CLEAN, "gardener")
    document.heading("Duties")
    document.bullets(["Lead the volunteers.", "Cut the grass.", "Lead the way, and be active."])
    findings, readability = check_draft(document, CLEAN, "gardener")
    assert [f.where for f in findings] == ["Duties, item 1", "Duties, item 3"]
    assert coded_words(findings) == [("lead", "Duties, items 1 and 3"), ("active", "Duties, item 3")]
    summary = checks_summary(findings, readability)
    assert summary[0] == (
        "Found: 2 lines with masculine-coded words; no question about pay history; no criterion outside the "
        "role's profile; no unexplained acronym."
    )
    assert summary[1].startswith(f"Readability: Flesch reading ease {readability.score:g}, {readability.band} (")


def test_an_advert_keeps_its_purpose_in_order_with_the_lines_after_it(council):
    """The lead-in is a paragraph before the items, and the lines after them (the management span) stay."""
    document = advert_document(council, "delivery-manager")
    purpose = council.role("delivery-manager").job_description.section("purpose")
    at = next(i for i, b in enumerate(document.blocks) if b.kind == "heading" and b.text == "Purpose of the job")
    after = document.blocks[at + 2 : at + 4 + len(purpose.notes)]  # after its heading and its note
    assert after[0] == Block("paragraph", purpose.lead_in)
    assert after[1].items == tuple(purpose.items)
    assert (
        [b.text for b in after[2:]]
        == purpose.notes
        == [
            "Manages up to 1 directly managed staff.",
            "Manages up to 10 indirectly managed consultancy/contracting staff.",
        ]
    )


def test_pay_not_stated_asks_for_it_before_publishing(council):
    document = advert_document(council, "lead-developer")
    assert Block("paragraph", "Pay: not stated in the framework — add it before the advert is published") in (
        document.blocks
    )


@pytest.mark.parametrize("name", ["roles", "ddat", "ft-engineering", "monzo"])
def test_every_visible_character_of_the_pdfs_has_a_glyph(name):
    """The PDF font (Vera) holds every character the documents show: none prints as an empty box."""
    import unicodedata

    from reportlab.pdfbase import pdfmetrics

    from framework import load_framework
    from framework.documents import register_fonts
    from framework.graph import build_graph
    from framework.paycriteria import criteria_as_document, pay_criteria
    from tests.conftest import DATA

    register_fonts()
    glyphs = pdfmetrics.getFont("Vera").face.charToGlyph
    framework = load_framework(DATA / f"{name}.yaml")
    lines = document_text(criteria_as_document(pay_criteria(framework, build_graph(framework))))
    for role in framework.roles[::7]:  # a sample of every kind of role, to keep the test quick
        for which in ("advert", "interview"):
            lines += document_text(checked_document(framework, role.id, which)[0])
    shown = {ch for line in lines for ch in line if not ch.isspace() and unicodedata.category(ch) != "Cf"}
    assert not {ch for ch in shown if ord(ch) not in glyphs}


def test_invisible_characters_are_left_out_of_the_pdf():
    from pypdf import PdfReader

    document = advert_document(CLEAN, "gardener")
    document.paragraph("Zero\u200bwidth")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(document_pdf(document))).pages)
    assert "Zerowidth" in text


@pytest.mark.parametrize(("command", "fmt"), [("advert", "docx"), ("interview", "pdf"), ("criteria", "xlsx")])
def test_the_command_line_writes_each_document(tmp_path, command, fmt):
    import subprocess
    import sys

    from tests.conftest import COUNCIL, ROOT

    out = tmp_path / f"out.{fmt}"
    role = ["--role", "delivery-manager"] if command != "criteria" else []
    done = subprocess.run(
        [sys.executable, "-m", "framework", command, str(COUNCIL), *role, "--format", fmt, "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == f"wrote {out}\n"
    assert out.read_bytes()[:2] in (b"PK", b"%P")


def test_the_command_line_names_an_unknown_role():
    import subprocess
    import sys

    from tests.conftest import COUNCIL, ROOT

    done = subprocess.run(
        [sys.executable, "-m", "framework", "advert", str(COUNCIL), "--role", "nobody"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stdout, done.stderr) == (1, "role nobody: no role with id 'nobody'\n", "")


def test_an_advert_says_where_each_skill_level_comes_from_and_quotes_the_salary(council):
    """The council's levels come from DDaT benchmark roles, and its Head of Delivery Management states its salary
    with its own label: the advert names each level's source and quotes the salary, not "Pay: Salary: …"."""
    document = advert_document(council, "head-of-delivery-management")
    skills = next(b for b in document.blocks if b.kind == "table" and "Where the level comes from" in b.header)
    role = council.role("head-of-delivery-management")
    assert [row[3] for row in skills.rows] == [r.source for r in role.skills]
    pay = next(b.text for b in document.blocks if b.kind == "paragraph" and "Pay" in b.text)
    quoted = "“UK: £100,000 - £121,500”; “London & South East: £105,000 - £127,575”"
    assert pay == f"Pay, as its job description states it: {quoted}"
    assert "suggestion accepted" not in document.banner, "no level of it was set by a suggestion"


def test_an_advert_says_so_when_a_person_accepted_the_levels_of_its_skills(council):
    """A level set by a suggestion accepted on import is the framework's, but no document of the organisation
    stated it: the banner and the skills' table say so."""
    role = council.role("delivery-manager")
    source = "Suggested from DDaT role level Delivery manager and accepted; evidence in the job description: none"
    skills = [r.model_copy(update={"source": source}) for r in role.skills]
    changed = council.model_copy(
        update={"roles": [role.model_copy(update={"skills": skills}) if r.id == role.id else r for r in council.roles]}
    )
    document = advert_document(changed, "delivery-manager")
    assert "the levels of its skills were set from a suggestion accepted on import" in document.banner
    table = next(b for b in document.blocks if b.kind == "table" and "Where the level comes from" in b.header)
    assert {row[3] for row in table.rows} == {source}
