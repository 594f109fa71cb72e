"""An advert with its person specification, and an interview pack, drafted from one role.

Every line about the role is the framework's own, word for word: its title and grade, its pay where the
framework states it, the purpose and duties of its job description, its criteria (a person specification's,
or the expectations it states) and its skills with the descriptor of the level required. The only words added
are headings, the draft banner, a question stem before each criterion or skill and the scoring scale — never a
claim about the role. Each section says where its lines come from.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..documents import Document
from ..expectations import role_expectations
from ..gaptext import one_line
from ..models import Framework, Role

__all__ = [
    "DESIRABLE_HEADING",
    "ESSENTIAL_HEADING",
    "Criterion",
    "Question",
    "advert_document",
    "interview_document",
    "pay_text",
    "role_criteria",
]

ESSENTIAL_HEADING = "Essential criteria"
DESIRABLE_HEADING = "Desirable criteria"
SKILLS_HEADING = "Skills at the level required"
#: The scale each answer is scored on (the panel's own judgement, written down the same way for everyone).
SCORES = (
    ("0", "no evidence"),
    ("1", "limited evidence"),
    ("2", "some of what a good answer shows"),
    ("3", "what a good answer shows"),
    ("4", "more than a good answer shows, with clear examples"),
)


def _banner(framework: Framework, role: Role, what: str) -> str:
    return (
        f"DRAFT {what} — drafted from {framework.name}, role “{role.title}”. Every line about the role is the "
        "framework's own; check it, and the checks at the end, before it is published."
    )


@dataclass(frozen=True)
class Criterion:
    text: str
    marker: str | None  # essential, desirable or None
    area: str  # the heading it is listed under ("Knowledge", a competency, …)
    source: str


def role_criteria(framework: Framework, role: Role) -> list[Criterion]:
    """The role's criteria in order: its person specification's, and the expectations its file states."""
    return [Criterion(e.text, e.marker, e.area_name, e.source) for e in role_expectations(framework, role)]


def pay_text(framework: Framework, role: Role) -> str:
    """The pay the framework states for the role — its job description's salary, else its grade's range — as
    written, or a plain statement that none is stated."""
    if role.salary:
        return "; ".join(s.evidence for s in role.salary)
    grade = framework.grades_by_id.get(role.grade) if role.grade else None
    if grade is not None and grade.pay is not None:
        pay = grade.pay
        text = f"{_money(pay.min, pay.currency)} to {_money(pay.max, pay.currency)} a year"
        return text + (f" ({pay.note})" if pay.note else "")
    return "Not stated in the framework."


def _money(amount: int, currency: str) -> str:
    symbol = {"GBP": "£", "EUR": "€", "USD": "$"}.get(currency)
    return f"{symbol}{amount:,}" if symbol else f"{amount:,} {currency}"


def _purpose(role: Role) -> list[str]:
    jd = role.job_description
    section = jd.section("purpose") if jd else None
    if section is None:
        return [line for line in (role.description or "").splitlines() if line.strip()]
    return [*section.paragraphs, *([section.lead_in] if section.lead_in else []), *section.items]


def _duties(role: Role) -> list[tuple[str | None, list[str]]]:
    jd = role.job_description
    section = jd.section("duties") if jd else None
    if section is None:
        return []
    out: list[tuple[str | None, list[str]]] = []
    if section.items:
        out.append((None, list(section.items)))
    out += [(group.heading, list(group.items)) for group in section.groups]
    return out


def _skills(framework: Framework, role: Role) -> list[tuple[str, str, str | None]]:
    """(skill name, level name, descriptor) of each skill the role requires."""
    names = {lv.id: lv.name for lv in framework.skill_levels}
    out = []
    for requirement in role.skills:
        skill = framework.skills_by_id.get(requirement.skill)
        descriptor = skill.levels.get(requirement.level) if skill else None
        out.append(
            (skill.name if skill else requirement.skill, names.get(requirement.level, requirement.level), descriptor)
        )
    return out


def _descriptor_text(descriptor: str | None) -> str:
    """A level descriptor on one line: its lead-in and its points (separated by " • "), as written."""
    return one_line(descriptor)


def advert_document(framework: Framework, role_id: str) -> Document:
    """The advert and person specification of a role, as a draft."""
    role = framework.role(role_id)
    doc = Document(title=role.title, banner=_banner(framework, role, "job advert and person specification"))
    doc.paragraph(f"Grade: {framework.grade_label(role.grade) if role.grade else 'not stated in the framework'}")
    doc.paragraph(f"Pay: {pay_text(framework, role)}")
    if role.discipline:
        doc.paragraph(f"Discipline: {framework.discipline_label(role.discipline)}")
    purpose = _purpose(role)
    if purpose:
        doc.heading("Purpose of the job")
        doc.note("From the job description's purpose." if role.job_description else "From the role's description.")
        doc.bullets(purpose)
    duties = _duties(role)
    if duties:
        doc.heading("Main duties")
        doc.note("From the job description's main duties.")
        for heading, items in duties:
            if heading:
                doc.heading(heading, level=3)
            doc.bullets(items)
    for section in role.job_description.sections if role.job_description else []:
        if section.kind in ("outcomes", "competencies") and (section.items or section.groups or section.paragraphs):
            doc.heading(section.heading or section.kind.capitalize())
            doc.note(f"From the job description's {(section.heading or section.kind).lower()}.")
            doc.bullets([*section.paragraphs, *([section.lead_in] if section.lead_in else []), *section.items])
            for group in section.groups:
                if group.heading:
                    doc.heading(group.heading, level=3)
                doc.bullets(group.items)
    criteria = role_criteria(framework, role)
    doc.heading("Person specification")
    for marker, heading in (("essential", ESSENTIAL_HEADING), ("desirable", DESIRABLE_HEADING), (None, "Criteria")):
        chosen = [c for c in criteria if c.marker == marker]
        if not chosen:
            continue
        doc.heading(heading, level=3)
        doc.table(("Criterion", "Area"), [(c.text, c.area) for c in chosen], widths=(0.75, 0.25))
    if not criteria:
        doc.paragraph("The framework states no criteria for this role.")
    skills = _skills(framework, role)
    if skills:
        doc.heading(SKILLS_HEADING, level=3)
        doc.note(
            f"The level each skill is needed at, with the framework's description of that level ({framework.name})."
        )
        doc.table(
            ("Skill", "Level", "What the level looks like"),
            [(name, level, _descriptor_text(descriptor)) for name, level, descriptor in skills],
            widths=(0.25, 0.13, 0.62),
        )
    if framework.attribution:
        doc.note(framework.attribution)
    return doc


@dataclass(frozen=True)
class Question:
    number: int
    question: str
    traced_to: str  # what it tests: "Essential criterion (Knowledge): …" or "Skill: … at … level"
    good_answer: str
    tests: str  # what it tests, in short: "Essential criterion (Knowledge)", "Skill: …, at … level"


def interview_questions(framework: Framework, role: Role) -> list[Question]:
    """A question for each essential criterion and each skill at its level, each traced to what it tests."""
    out: list[Question] = []
    for criterion in role_criteria(framework, role):
        if criterion.marker != "essential":
            continue
        out.append(
            Question(
                len(out) + 1,
                f"Tell us about a time your work showed this, with an example: “{criterion.text}”",
                f"Essential criterion ({criterion.area}): {criterion.text}",
                "An example from the candidate's own work that meets the criterion as written.",
                f"Essential criterion ({criterion.area})",
            )
        )
    for name, level, descriptor in _skills(framework, role):
        out.append(
            Question(
                len(out) + 1,
                f"Tell us about a time you used {name} in your work: what you did, and what came of it.",
                f"Skill: {name}, at {level} level",
                _descriptor_text(descriptor),
                f"Skill: {name}, at {level} level",
            )
        )
    return out


def interview_document(framework: Framework, role_id: str) -> Document:
    """Interview questions and a scoring sheet for a role, as a draft."""
    role = framework.role(role_id)
    doc = Document(
        title=f"Interview questions and scoring sheet: {role.title}",
        banner=_banner(framework, role, "interview questions"),
    )
    grade = framework.grade_label(role.grade) if role.grade else "grade not stated in the framework"
    doc.paragraph(f"Role: {role.title} ({grade}). Candidate: ____________  Panel member: ____________")
    questions = interview_questions(framework, role)
    if not questions:
        doc.paragraph("The role states no essential criteria and no skills: there is nothing to trace a question to.")
        return doc
    doc.heading("Questions")
    doc.note(
        "One question for each essential criterion and each skill at the level required. “What a good answer "
        "shows” is the criterion, or the framework's description of the level."
    )
    doc.table(
        ("#", "Question", "Tests", "What a good answer shows"),
        [(str(q.number), q.question, q.tests, q.good_answer) for q in questions],
        widths=(0.05, 0.3, 0.25, 0.4),
    )
    doc.heading("Scoring sheet")
    doc.note("Score each answer against what a good answer shows: " + "; ".join(f"{n} {w}" for n, w in SCORES) + ".")
    doc.table(
        ("#", "Tests", "Score (0–4)", "Notes"),
        [(str(q.number), q.traced_to, "", "") for q in questions],
        widths=(0.05, 0.45, 0.12, 0.38),
    )
    doc.paragraph("Total: ______ of " + str(4 * len(questions)))
    if framework.attribution:
        doc.note(framework.attribution)
    return doc
