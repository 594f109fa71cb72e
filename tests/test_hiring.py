"""Hiring drafts: the framework's own words only, every essential criterion, checks that catch seeded problems."""

from __future__ import annotations

import io

import pytest

from framework.documents import Block, document_docx, document_pdf, document_text
from framework.gaptext import one_line
from framework.hiring import advert_document, check_draft, checked_document, hiring_document, interview_document
from framework.hiring.drafts import ESSENTIAL_HEADING, role_criteria
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
        allowed |= {skill.name, one_line(skill.levels.get(requirement.level))}
    allowed |= {lv.name for lv in framework.skill_levels}
    return allowed


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
    for block in document.blocks:  # every listed line and table cell is the role's text or a descriptor
        said = list(block.items) + [cell for row in block.rows for cell in row]
        for text in said:
            assert text in allowed, text
    assert document.banner.startswith("DRAFT")


def test_interview_questions_trace_each_essential_criterion_and_skill(council):
    role = council.role("delivery-manager")
    document = interview_document(council, "delivery-manager")
    table = next(b for b in document.blocks if b.kind == "table")
    essential = [c for c in role_criteria(council, role) if c.marker == "essential"]
    assert len(table.rows) == len(essential) + len(role.skills)
    for row, criterion in zip(table.rows, essential, strict=False):
        assert f"“{criterion.text}”" in row[1]
    for row, requirement in zip(table.rows[len(essential) :], role.skills, strict=True):
        skill = council.skills_by_id[requirement.skill]
        assert row[3] == one_line(skill.levels[requirement.level]), "the descriptor is what a good answer shows"


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
    assert ", line " in found.where


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
