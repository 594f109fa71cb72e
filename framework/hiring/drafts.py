"""An advert with its person specification, and an interview pack, drafted from one role.

Every line about the role is the framework's own, word for word: its title and grade, its pay where the
framework states it, its reporting line where a document states it, the purpose and duties of its job
description, its criteria (a person specification's, or the expectations it states) and its skills with the
descriptor of the level required, and where each level comes from (a benchmark role, or a suggestion a person
accepted on import). The only words added are headings, the draft banner and what it asks HR to
add, a question stem before each criterion or skill, what a good answer to a criterion is made of, and the
scoring scale — never a claim about the role. Each section says where its lines come from.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..documents import Document
from ..expectations import role_expectations
from ..gaptext import NOT_DEFINED, descriptor_lines
from ..models import Framework, Role, Section
from ..suggest import from_accepted_suggestion

__all__ = [
    "DESIRABLE_HEADING",
    "ESSENTIAL_HEADING",
    "NO_CRITERIA",
    "OTHER_HEADING",
    "QUESTIONS_HEADER",
    "SCORES",
    "Criterion",
    "Question",
    "advert_document",
    "descriptor_cell",
    "interview_document",
    "pay_text",
    "role_criteria",
]

ESSENTIAL_HEADING = "Essential criteria"
DESIRABLE_HEADING = "Desirable criteria"
OTHER_HEADING = "Other criteria"
SKILLS_HEADING = "Skills at the level required"
QUESTIONS_HEADER = ("#", "Question", "What it tests", "What a good answer shows")
#: About as many questions as an hour's interview leaves time for, with follow-up questions.
QUESTIONS_IN_AN_INTERVIEW = 8
#: The scale each answer is scored on (the panel's own judgement, written down the same way for everyone).
SCORES = (
    ("0", "No evidence"),
    ("1", "Limited evidence"),
    ("2", "Some of what a good answer shows"),
    ("3", "What a good answer shows"),
    ("4", "More than a good answer shows, with clear examples"),
)
CANDIDATE_LINE = "Candidate: ______________________   Panel member: ______________________   Date: __________"
NO_CRITERIA = "The framework states no criteria for this role."
NO_PAY = "not stated in the framework — add it before the advert is published"
#: What a good answer to a criterion shows: the criterion itself is the standard, shown by an example.
GOOD_EXAMPLE = "Meets the criterion as written, with an example from the candidate's own work."


def _banner(framework: Framework, role: Role, what: str, then: str) -> str:
    return f"DRAFT {what} — drafted from {framework.name}, role “{role.title}”. {then}"


@dataclass(frozen=True)
class Criterion:
    text: str
    marker: str | None  # essential, desirable or None
    area: str  # the heading it is listed under ("Knowledge", a competency, …)
    source: str


def role_criteria(framework: Framework, role: Role) -> list[Criterion]:
    """The role's criteria in order: its person specification's, and the expectations its file states."""
    return [Criterion(e.text, e.marker, e.area_name, e.source) for e in role_expectations(framework, role)]


def pay_text(framework: Framework, role: Role) -> str | None:
    """The pay the framework states for the role — its job description's salary, else its grade's range — as
    written; None when it states none."""
    if role.salary:
        return "; ".join(s.evidence for s in role.salary)
    grade = framework.grades_by_id.get(role.grade) if role.grade else None
    if grade is not None and grade.pay is not None:
        pay = grade.pay
        text = f"{_money(pay.min, pay.currency)} to {_money(pay.max, pay.currency)} a year"
        return text + (f" ({pay.note})" if pay.note else "")
    return None


def _money(amount: int, currency: str) -> str:
    symbol = {"GBP": "£", "EUR": "€", "USD": "$"}.get(currency)
    return f"{symbol}{amount:,}" if symbol else f"{amount:,} {currency}"


def descriptor_cell(descriptor: str | None) -> str:
    """A level descriptor for a table cell: its lead-in, then each point on a line of its own after "• ", as
    written (Markdown, whose cells are one line, joins the lines with spaces)."""
    if descriptor is None:
        return NOT_DEFINED
    return "\n".join(f"• {text}" if bullet else text for bullet, text in descriptor_lines(descriptor))


def _section(doc: Document, section: Section, heading: str, note: str) -> None:
    """One section of the job description, in its order: paragraphs, lead-in, items, items under sub-headings,
    the lines after them."""
    doc.heading(heading)
    doc.note(note)
    for line in [*section.paragraphs, *([section.lead_in] if section.lead_in else [])]:
        doc.paragraph(line)
    doc.bullets(section.items)
    for group in section.groups:
        if group.heading:
            doc.heading(group.heading, level=3)
        doc.bullets(group.items)
    for line in section.notes:
        doc.paragraph(line)


def _has_text(section: Section | None) -> bool:
    return section is not None and bool(
        section.paragraphs or section.lead_in or section.items or section.groups or section.notes
    )


@dataclass(frozen=True)
class SkillAtLevel:
    name: str
    level: str
    descriptor: str | None
    source: str | None  # where the level comes from, as the framework file states it


def _skills(framework: Framework, role: Role) -> list[SkillAtLevel]:
    """Each skill the role requires, at its level, with what the level looks like and where it comes from."""
    names = {lv.id: lv.name for lv in framework.skill_levels}
    out = []
    for requirement in role.skills:
        skill = framework.skills_by_id.get(requirement.skill)
        descriptor = skill.levels.get(requirement.level) if skill else None
        name = skill.name if skill else requirement.skill
        out.append(SkillAtLevel(name, names.get(requirement.level, requirement.level), descriptor, requirement.source))
    return out


def _own_words(framework: Framework, role: Role) -> str:
    """The banner's account of the advert's words: all the framework's, and whether a person accepted a suggested
    level for any of its skills (then the framework holds it, but no document of the organisation stated it)."""
    said = "Every line about the role is the framework's own"
    if any(from_accepted_suggestion(r.source) for r in role.skills):
        said += (
            "; the levels of its skills were set from a suggestion accepted on import, not from its job "
            "description, as the skills' table says"
        )
    return said + "."


def _pay_line(framework: Framework, role: Role) -> str:
    """The advert's pay: its job description's salary lines, quoted (each may carry its own label), else its
    grade's range."""
    if role.salary:
        return "Pay, as its job description states it: " + "; ".join(f"“{s.evidence}”" for s in role.salary)
    return f"Pay: {pay_text(framework, role) or NO_PAY}"


def _grade(framework: Framework, role: Role) -> str:
    return framework.grade_label(role.grade) if role.grade else "not stated in the framework"


def advert_document(framework: Framework, role_id: str) -> Document:
    """The advert and person specification of a role, as a draft."""
    role = framework.role(role_id)
    doc = Document(
        title=role.title,
        banner=_banner(
            framework,
            role,
            "job advert and person specification",
            f"{_own_words(framework, role)} Before it is published: add what the framework does not hold (where "
            "the job is based, hours, closing date, how to apply), and read the checks at the end.",
        ),
        footer=f"DRAFT — {role.title}: job advert and person specification",
    )
    doc.paragraph(f"Grade: {_grade(framework, role)}")
    doc.paragraph(_pay_line(framework, role))
    if role.discipline:
        doc.paragraph(f"Discipline: {framework.discipline_label(role.discipline)}")
    manager = framework.roles_by_id.get(role.reports_to.role) if role.reports_to else None
    if manager is not None and not role.reports_to.inferred:
        doc.paragraph(f"Reports to: {manager.title}")
    jd = role.job_description
    purpose = jd.section("purpose") if jd else None
    if _has_text(purpose):
        _section(doc, purpose, "Purpose of the job", "From the job description's purpose.")
    elif role.description:
        doc.heading("Purpose of the job")
        doc.note("From the role's description.")
        for line in role.description.splitlines():
            if line.strip():
                doc.paragraph(line.strip())
    duties = jd.section("duties") if jd else None
    if _has_text(duties):
        _section(doc, duties, "Main duties", "From the job description's main duties.")
    for section in jd.sections if jd else []:
        if section.kind in ("outcomes", "competencies") and _has_text(section):
            name = section.heading or section.kind.capitalize()
            _section(doc, section, name, f"From the job description's {name.lower()}.")
    criteria = role_criteria(framework, role)
    doc.heading("Person specification")
    if criteria:
        doc.note(
            "From the job description's person specification."
            if jd and jd.person_specification
            else "The criteria the framework states for the role."
        )
    for marker, heading in (("essential", ESSENTIAL_HEADING), ("desirable", DESIRABLE_HEADING), (None, OTHER_HEADING)):
        chosen = [c for c in criteria if c.marker == marker]
        if not chosen:
            continue
        doc.heading(heading, level=3)
        doc.table(("Criterion", "Area"), [(c.text, c.area) for c in chosen], widths=(0.75, 0.25))
    if not criteria:
        doc.paragraph(NO_CRITERIA)
    skills = _skills(framework, role)
    if skills:
        doc.heading(SKILLS_HEADING, level=3)
        sourced = any(s.source for s in skills)
        doc.note(
            f"The level each skill is needed at, and what that level looks like, in the words of {framework.name}"
            + ("; the last column says where each level comes from, as the framework states it." if sourced else ".")
        )
        header = ("Skill", "Level", "What the level looks like")
        rows = [(s.name, s.level, descriptor_cell(s.descriptor)) for s in skills]
        if sourced:
            header += ("Where the level comes from",)
            rows = [(*row, s.source or "not stated") for row, s in zip(rows, skills, strict=True)]
        doc.table(header, rows, widths=(0.18, 0.15, 0.42, 0.25) if sourced else (0.24, 0.16, 0.6))
    if framework.attribution:
        doc.note(framework.attribution)
    return doc


@dataclass(frozen=True)
class Question:
    number: int
    question: str
    traced_to: str  # what it tests, in full: "Essential criterion (Knowledge): …" or "Skill: …, at … level"
    good_answer: str
    tests: str  # what it tests, in short: "Essential criterion (Knowledge)", "Skill: …, at … level"


def _criterion_question(criterion: Criterion) -> str:
    """A question that asks for the criterion, its stem fitting what kind of criterion it is."""
    area = criterion.area.lower()
    if area.startswith("knowledge"):
        stem = "What do you know about this, and how have you used it in your work?"
    elif area.startswith("experience"):
        stem = "Tell us about your experience of this, with an example."
    else:
        stem = "Tell us about a time you did this: what you did, how, and what came of it."
    return f"{stem} “{criterion.text}”"


def interview_questions(framework: Framework, role: Role) -> list[Question]:
    """A question for each essential criterion and each skill at its level, each traced to what it tests."""
    out: list[Question] = []
    for criterion in role_criteria(framework, role):
        if criterion.marker != "essential":
            continue
        out.append(
            Question(
                len(out) + 1,
                _criterion_question(criterion),
                f"Essential criterion ({criterion.area}): {criterion.text}",
                GOOD_EXAMPLE,
                f"Essential criterion ({criterion.area})",
            )
        )
    for skill in _skills(framework, role):
        out.append(
            Question(
                len(out) + 1,
                f"Tell us about a time you used {skill.name} in your work: what you did, and what came of it.",
                f"Skill: {skill.name}, at {skill.level} level",
                descriptor_cell(skill.descriptor),
                f"Skill: {skill.name}, at {skill.level} level",
            )
        )
    return out


def interview_document(framework: Framework, role_id: str) -> Document:
    """Interview questions and a scoring sheet for a role, as a draft."""
    role = framework.role(role_id)
    doc = Document(
        title=f"Interview questions and scoring sheet: {role.title}",
        banner=_banner(
            framework,
            role,
            "interview questions and scoring sheet",
            "What each question tests, and what a good answer shows, are the framework's own words; the question "
            "wording is a starting point for the panel. Read the checks at the end before it is used.",
        ),
        footer=f"DRAFT — {role.title}: interview questions and scoring sheet",
    )
    doc.paragraph(f"Role: {role.title} (grade {_grade(framework, role)})")
    doc.paragraph(CANDIDATE_LINE)
    questions = interview_questions(framework, role)
    if not questions:
        doc.paragraph("The role states no essential criteria and no skills: there is nothing to trace a question to.")
        return doc
    doc.heading("How to use this pack")
    doc.bullets(
        [
            f"There is one question for each essential criterion and each skill at the level required: "
            f"{len(questions)} in all"
            + (
                ", more than one interview may have time for. Choose the ones the interview will test, and ask "
                "every candidate the same ones."
                if len(questions) > QUESTIONS_IN_AN_INTERVIEW
                else ". Ask every candidate the same ones."
            ),
            "For a criterion, a good answer is a real example from the candidate's own work — the situation, what "
            "they did themselves and what came of it — that meets the criterion as written. For a skill, it shows "
            "what the framework says the level looks like.",
            "Score each answer on its own, against what a good answer shows, on the scale below; write down what "
            "the candidate said that supports the score.",
        ]
    )
    doc.table(("Score", "Meaning"), SCORES, widths=(0.12, 0.88))
    doc.heading("Questions")
    doc.table(
        QUESTIONS_HEADER,
        [(str(q.number), q.question, q.tests, q.good_answer) for q in questions],
        widths=(0.05, 0.33, 0.2, 0.42),
    )
    doc.page_break()
    doc.heading("Scoring sheet")
    doc.paragraph(f"Role: {role.title} (grade {_grade(framework, role)})")
    doc.paragraph(CANDIDATE_LINE)
    doc.table(
        ("#", "What it tests", "Score (0–4)", "Notes"),
        [(str(q.number), q.traced_to, "", "") for q in questions],
        widths=(0.05, 0.45, 0.1, 0.4),
    )
    doc.paragraph(f"Total: ______ of {4 * len(questions)} (or 4 for each question asked)")
    doc.paragraph("Signed: ______________________   Date: __________")
    if framework.attribution:
        doc.note(framework.attribution)
    return doc
