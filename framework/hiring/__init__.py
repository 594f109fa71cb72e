"""Hiring documents drafted from a role: an advert with its person specification, interview questions with a
scoring sheet, and the checks on each draft (:mod:`framework.hiring.checks`)."""

from __future__ import annotations

from ..documents import Document, document_docx, document_markdown, document_pdf
from ..models import Framework
from .checks import Finding, Readability, check_draft, feminine_coded_count, flesch_reading_ease, wordlists
from .drafts import advert_document, interview_document, interview_questions, pay_text, role_criteria

__all__ = [
    "CHECKS_HEADING",
    "CHECK_NAMES",
    "DRAFTS",
    "Finding",
    "Readability",
    "advert_document",
    "check_draft",
    "checked_document",
    "checks_summary",
    "coded_words",
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
    "interview": ("Interview questions and scoring sheet", interview_document),
}


CHECKS_HEADING = "Checks on this draft"
#: How each kind of finding is named in a draft's checks.
CHECK_NAMES = {
    "pay-history": "Question about pay history",
    "not-in-profile": "Criterion outside the role's profile",
    "acronym": "Unexplained acronym",
}


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def checks_summary(findings: list[Finding], readability: Readability) -> list[str]:
    """The checks in a few plain sentences: what was found, how many times, and the readability."""
    coded = [f for f in findings if f.kind == "gender-coded"]
    others = {kind: [f for f in findings if f.kind == kind] for kind in CHECK_NAMES}
    found = [
        _count(len(coded), "line with masculine-coded words", "lines with masculine-coded words")
        if coded
        else "no masculine-coded word",
        _count(len(others["pay-history"]), "question about pay history", "questions about pay history")
        if others["pay-history"]
        else "no question about pay history",
        _count(len(others["not-in-profile"]), "criterion outside the role's profile", "criteria outside the profile")
        if others["not-in-profile"]
        else "no criterion outside the role's profile",
        _count(len(others["acronym"]), "unexplained acronym", "unexplained acronyms")
        if others["acronym"]
        else "no unexplained acronym",
    ]
    return [
        "Found: " + "; ".join(found) + ".",
        f"Readability: Flesch reading ease {readability.score:g}, {readability.band} ({readability.words} words in "
        f"{readability.sentences} sentences; 60 or more reads as plain English).",
    ]


def coded_words(findings: list[Finding]) -> list[tuple[str, str]]:
    """Each masculine-coded word found (in lower case), with the places it is found in the draft's order, those
    of one section together: "Main duties › People, items 2 and 5; Essential criteria, row 11"."""
    out: dict[str, dict[str, list[str]]] = {}
    for finding in findings:
        section, _, place = finding.where.rpartition(", ")
        for word in finding.words:
            places = out.setdefault(word.lower(), {}).setdefault(section or place, [])
            if place not in places and section:
                places.append(place)
    return [(word, "; ".join(_places_text(s, p) for s, p in sections.items())) for word, sections in out.items()]


def _places_text(section: str, places: list[str]) -> str:
    """ "Purpose of the job, items 3 and 5": one section's places, their kind ("item", "row") said once."""
    if not places:
        return section
    kinds = {p.split(" ", 1)[0] for p in places}
    if len(places) == 1 or len(kinds) > 1:
        return f"{section}, " + ", ".join(places)
    numbers = [p.split(" ", 1)[1] for p in places]
    listed = ", ".join(numbers[:-1]) + f" and {numbers[-1]}"
    return f"{section}, {kinds.pop()}s {listed}"


def checked_document(framework: Framework, role_id: str, which: str) -> tuple[Document, list[Finding], Readability]:
    """A draft (``advert`` or ``interview``) with its checks written at its end: a summary, then each finding
    with its place — the masculine-coded words each once, with the places they are found."""
    document = DRAFTS[which][1](framework, role_id)
    findings, readability = check_draft(document, framework, role_id)
    document.page_break()
    document.heading(CHECKS_HEADING)
    document.note(
        "For HR, not for publication: the checks of the draft as made. After editing it, read it again for the "
        "same things."
    )
    for line in checks_summary(findings, readability):
        document.paragraph(line)
    listed = [f for f in findings if f.kind in CHECK_NAMES]
    if listed:
        document.table(
            ("Check", "Where", "What"),
            [(CHECK_NAMES[f.kind], f.where, f"{f.message}: “{f.line}”") for f in listed],
            widths=(0.2, 0.25, 0.55),
        )
    words = coded_words(findings)
    if words:
        document.heading("Masculine-coded words", level=3)
        document.note(
            "Job adverts worded with more of these words appealed less to women in Gaucher, Friesen and Kay's "
            "studies; feminine-coded words did not put men off. Where a plainer word says the same, consider it — "
            "but the criteria are the role's own and keep their words."
        )
        document.table(("Word", "Where"), words, widths=(0.2, 0.8))
    document.note(
        f"{feminine_coded_count(document)} feminine-coded word(s) counted. Gender-coded words: "
        f"{wordlists()['gender_coded']['source']}"
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
