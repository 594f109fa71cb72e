"""Hiring documents drafted from a role: an advert with its person specification, interview questions with a
scoring sheet, and the checks on each draft (:mod:`framework.hiring.checks`)."""

from __future__ import annotations

from ..documents import Document, document_docx, document_markdown, document_pdf
from ..models import Framework
from .checks import Finding, Readability, check_draft, feminine_coded_count, flesch_reading_ease, wordlists
from .drafts import advert_document, interview_document, interview_questions, pay_text, role_criteria

__all__ = [
    "DRAFTS",
    "Finding",
    "Readability",
    "advert_document",
    "check_draft",
    "checked_document",
    "feminine_coded_count",
    "flesch_reading_ease",
    "hiring_document",
    "hiring_file_name",
    "interview_document",
    "interview_questions",
    "pay_text",
    "role_criteria",
    "wordlists",
]

#: The drafts there are, by name: what each is called, and how it is made.
DRAFTS = {
    "advert": ("Job advert and person specification", advert_document),
    "interview": ("Interview questions", interview_document),
}


def checked_document(framework: Framework, role_id: str, which: str) -> tuple[Document, list[Finding], Readability]:
    """A draft (``advert`` or ``interview``) with its checks written at its end."""
    document = DRAFTS[which][1](framework, role_id)
    findings, readability = check_draft(document, framework, role_id)
    document.heading("Checks on this draft")
    document.note("Made when the draft was made; edit the draft, and run the checks again on the edited text.")
    document.paragraph(
        f"Readability: Flesch reading ease {readability.score:g} ({readability.band}; {readability.words} words in "
        f"{readability.sentences} sentences — 60 or more reads as plain English)."
    )
    feminine = feminine_coded_count(document)
    if findings:
        document.table(
            ("Check", "Where", "What"),
            [(f.kind.replace("-", " "), f.where, f"{f.message}: “{f.line}”") for f in findings],
            widths=(0.16, 0.22, 0.62),
        )
    else:
        document.paragraph(
            "No gender-coded word, pay-history question, criterion outside the profile or unexplained acronym."
        )
    document.note(
        f"{feminine} feminine-coded word(s) counted. Gender-coded words: {wordlists()['gender_coded']['source']}"
    )
    return document, findings, readability


def hiring_document(framework: Framework, role_id: str, which: str, fmt: str) -> str | bytes:
    """A checked draft as Markdown (text), Word or PDF (bytes)."""
    document, _, _ = checked_document(framework, role_id, which)
    if fmt == "md":
        return document_markdown(document)
    return document_docx(document) if fmt == "docx" else document_pdf(document)


def hiring_file_name(role_id: str, which: str, fmt: str) -> str:
    return f"{role_id}-{'advert' if which == 'advert' else 'interview'}-draft.{fmt}"
