"""Pay and progression criteria, grade by grade, for staff to read (EU Pay Transparency Directive, Art. 6).

For each grade of the framework: its pay range (with spine points) where the framework states one
(``grades[].pay``), how pay moves within the grade where it says so, the roles at the grade with the salary a
role's own job description states (word for word: a grade's pay is not inferred from it) and what each
expects (skills at their levels, criteria), and what it takes to progress from each to the next rung of its
ladder — the next rung's new and raised skills and the expectations it adds, exactly as the skill gap
(:func:`framework.skills.skill_gap`) and the expectation gap (:func:`framework.expectations.expectation_gap`)
compute them. A check names every criterion worded subjectively ("good fit", "dynamic", … kept as data in
``framework/hiring/wordlists.yaml``) with its role and line. Against an older version of the framework, what
changed in these criteria is read from :func:`framework.versions.diff_frameworks` and the grades' pay.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import pandas as pd

from .cells import xlsx_bytes
from .documents import Document, document_markdown, document_pdf
from .expectations import expectation_gap, role_expectations
from .hiring.checks import subjective_phrases, wordlists
from .models import Framework, Grade, Role
from .skills import skill_gap

__all__ = [
    "GradeCriteria",
    "GradeRoles",
    "PayCriteria",
    "PayOutline",
    "Progression",
    "RoleAtGrade",
    "SubjectiveCriterion",
    "criteria_as_document",
    "criteria_document",
    "criteria_markdown",
    "criteria_pdf",
    "criteria_xlsx",
    "no_pay_text",
    "pay_criteria",
    "pay_outline",
    "progression_heading",
    "progression_items",
    "role_at_grade",
    "role_progressions",
    "salaries_text",
]

NO_PAY = "The framework states no pay for this grade."
NO_PAY_AT_ALL = "This framework states no pay for any of its grades."
#: How a framework file states a grade's pay (docs/framework-format.md): the figures are an illustration.
PAY_EXAMPLE = """grades:
  - id: PO4
    pay:
      min: 44428
      max: 47420
      currency: GBP
      spine_points: [38, 39, 40, 41]
      progression: One spine point each April, on a satisfactory appraisal, until the top of the grade.
      note: Outer London weighting included."""


@dataclass(frozen=True)
class Progression:
    """From a role to the next rung of its ladder: what the next rung asks that this one does not."""

    target: str
    target_title: str
    target_grade: str
    new_skills: tuple[str, ...]  # "Skill at Level"
    raised_skills: tuple[str, ...]  # "Skill, from Working to Practitioner"
    expectations: tuple[str, ...]  # the expectations to meet, word for word, with their marker
    target_states_nothing: bool = False  # the next rung has neither skills nor expectations of its own


@dataclass(frozen=True)
class RoleAtGrade:
    role: str
    title: str
    skills: tuple[str, ...]  # "Skill at Level"
    skill_levels: tuple[tuple[str, str], ...]  # (skill, level) by name, in the role's order
    criteria: tuple[str, ...]  # its own criteria, word for word, essential ones first
    #: To each next rung; None when made for one role alone (:func:`role_at_grade`: a page showing a role at a
    #: time works them out with :func:`role_progressions` when the role is opened).
    progressions: tuple[Progression, ...] | None
    salary: tuple[str, ...] = ()  # the salary lines of its job description, word for word


@dataclass(frozen=True)
class GradeCriteria:
    grade: str
    label: str
    pay: str  # the range in words, or NO_PAY
    spine_points: str | None
    in_grade: str | None  # how pay moves within the grade, as stated
    roles: tuple[RoleAtGrade, ...]

    @property
    def stated_salaries(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(title, salary lines) of each role at the grade whose job description states a salary."""
        return tuple((role.title, role.salary) for role in self.roles if role.salary)


@dataclass(frozen=True)
class GradeRoles:
    """A grade as a page lists it: its pay, and its roles by id and title only. What each role expects is made
    when it is opened (:func:`role_at_grade`): at 10,000 roles every role's criteria are about 4 MB of objects
    that a visit, which opens a few, never reads."""

    grade: str
    label: str
    pay: str  # the range in words, or NO_PAY
    spine_points: str | None
    in_grade: str | None  # how pay moves within the grade, as stated
    roles: tuple[tuple[str, str], ...]  # (role id, title), in the framework's order
    stated_salaries: tuple[tuple[str, tuple[str, ...]], ...]  # (title, salary lines), word for word


@dataclass(frozen=True)
class SubjectiveCriterion:
    role: str
    title: str
    line: str
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class PayCriteria:
    framework: str
    states_pay: bool
    grades: tuple[GradeCriteria, ...]
    ungraded: tuple[str, ...]  # titles of roles whose grade is not stated
    subjective: tuple[SubjectiveCriterion, ...]
    changes: tuple[str, ...] | None  # against an older version; None when none was given
    roles_stating_salary: int = 0  # roles whose job description states a salary

    @property
    def salaries(self) -> bool:
        """Whether any role states a salary of its own (shown with the role, and in the grades' table)."""
        return self.roles_stating_salary > 0


@dataclass(frozen=True)
class PayOutline:
    """What a page shows of every grade before a role is opened: :class:`PayCriteria` with each grade's roles by
    name (:class:`GradeRoles`)."""

    framework: str
    states_pay: bool
    grades: tuple[GradeRoles, ...]
    subjective: tuple[SubjectiveCriterion, ...]
    roles_stating_salary: int = 0

    @property
    def salaries(self) -> bool:
        """Whether any role states a salary of its own (shown with the role, and in the grades' table)."""
        return self.roles_stating_salary > 0


def no_pay_text(criteria: PayCriteria | PayOutline) -> str:
    """What the framework says of pay when no grade states a range: nothing at all, or only some roles' salaries."""
    if not criteria.salaries:
        return NO_PAY_AT_ALL
    n = criteria.roles_stating_salary
    roles = "1 of its roles states" if n == 1 else f"{n} of its roles state"
    return (
        f"No grade of this framework states a pay range; {roles} a salary in its job description, shown with the "
        "role as written (a grade's pay is not inferred from it)."
    )


def salaries_text(grade: GradeCriteria | GradeRoles) -> str:
    """The salaries the roles at ``grade`` state, each with its role: "Head of X: “UK: £100,000 - £121,500”"."""
    return "; ".join(f"{title}: " + ", ".join(f"“{line}”" for line in lines) for title, lines in grade.stated_salaries)


def _grade_pay(grade: Grade) -> tuple[str, str | None, str | None]:
    pay = grade.pay
    if pay is None:
        return NO_PAY, None, None
    symbol = {"GBP": "£", "EUR": "€", "USD": "$"}.get(pay.currency)
    money = (lambda n: f"{symbol}{n:,}") if symbol else (lambda n: f"{n:,} {pay.currency}")
    text = f"{money(pay.min)} to {money(pay.max)} a year" + (f" ({pay.note})" if pay.note else "")
    spine = ", ".join(str(p) for p in pay.spine_points) or None
    return text, spine, pay.progression


def _level_names(framework: Framework) -> dict[str, str]:
    return {lv.id: lv.name for lv in framework.skill_levels}


def _level_name(framework: Framework, level: str | None) -> str:
    return framework.derived(_level_names).get(level, level or "none")


def _role_order(framework: Framework) -> dict[str, int]:
    """Role id → its place in the file: worked out once a framework, not once a role (at 10,000 roles, once a
    role cost the Pay page 24 s)."""
    return {r.id: i for i, r in enumerate(framework.roles)}


def next_rungs(framework: Framework, graph: nx.DiGraph, role_id: str) -> list[str]:
    """The roles a promotion leads to from ``role_id``, in the framework's order."""
    order = framework.derived(_role_order)
    targets = [v for _, v, data in graph.out_edges(role_id, data=True) if data.get("kind") == "promotion"]
    return sorted(set(targets), key=lambda v: order.get(v, len(order)))


def progression(framework: Framework, current: str, target: str) -> Progression:
    """What ``target`` asks that ``current`` does not: the skill gap's new and raised skills, and the
    expectation gap's expectations to meet."""
    gap = skill_gap(framework, current, target)
    new, raised = [], []
    for row in gap.rows:
        if not row.gap:
            continue
        if row.current_rank == 0:
            new.append(f"{row.name} at {_level_name(framework, row.required)}")
        else:
            raised.append(
                f"{row.name}, from {_level_name(framework, row.current)} to {_level_name(framework, row.required)}"
            )
    to_meet = expectation_gap(framework, current, target).to_meet
    role = framework.role(target)
    return Progression(
        target=target,
        target_title=role.title,
        target_grade=framework.grade_label(role.grade),
        new_skills=tuple(new),
        raised_skills=tuple(raised),
        expectations=tuple(f"{e.text} ({e.marker_text or e.marker})" if e.marker else e.text for e in to_meet),
        target_states_nothing=not role.skills and not role_expectations(framework, role),
    )


def role_progressions(framework: Framework, graph: nx.DiGraph, role_id: str) -> tuple[Progression, ...]:
    """What it takes to progress from ``role_id`` to each of its next rungs, in the framework's order."""
    return tuple(progression(framework, role_id, target) for target in next_rungs(framework, graph, role_id))


def role_at_grade(framework: Framework, graph: nx.DiGraph, role_id: str) -> RoleAtGrade:
    """What one role at its grade expects, for a page that has just opened it; its progressions are left to
    :func:`role_progressions` (None)."""
    return _role_at_grade(framework, graph, role_id, with_progressions=False)


def _role_at_grade(framework: Framework, graph: nx.DiGraph, role_id: str, with_progressions: bool) -> RoleAtGrade:
    role = framework.role(role_id)
    skill_levels = tuple(
        (
            framework.skills_by_id[r.skill].name if r.skill in framework.skills_by_id else r.skill,
            _level_name(framework, r.level),
        )
        for r in role.skills
    )
    skills = tuple(f"{name} at {level}" for name, level in skill_levels)
    own = role_expectations(framework, role)
    ordered = [e for e in own if e.marker == "essential"] + [e for e in own if e.marker != "essential"]
    criteria = tuple(f"{e.text} ({e.marker_text or e.marker})" if e.marker else e.text for e in ordered)
    progressions = role_progressions(framework, graph, role_id) if with_progressions else None
    salary = tuple(s.evidence for s in role.salary)
    return RoleAtGrade(role_id, role.title, skills, skill_levels, criteria, progressions, salary)


def _subjective(framework: Framework) -> list[SubjectiveCriterion]:
    out = []
    for role in framework.roles:
        for e in role_expectations(framework, role):
            found = subjective_phrases(e.text)
            if found:
                out.append(SubjectiveCriterion(role.id, role.title, e.text, tuple(dict.fromkeys(found))))
    return out


def _pay_changes(old: Framework, new: Framework) -> list[str]:
    out = []
    old_grades = old.grades_by_id
    for grade in new.grades:
        before = old_grades.get(grade.id)
        if before is None:
            out.append(f"Grade {grade.label} added.")
            continue
        was, now = _grade_pay(before), _grade_pay(grade)
        if was != now:
            out.append(
                f"Pay of {grade.label}: was {was[0]} (spine {was[1] or '—'}), now {now[0]} (spine {now[1] or '—'})."
            )
    out += [f"Grade {g.label} removed." for g in old.grades if g.id not in new.grades_by_id]
    return out


def pay_criteria(framework: Framework, graph: nx.DiGraph, *, old: Framework | None = None) -> PayCriteria:
    """Every grade's pay and progression criteria, for the documents; with ``old``, what changed since that
    version. A page shows :func:`pay_outline` and a role at a time instead."""
    by_grade = _roles_by_grade(framework)
    grades = []
    for grade in framework.grades:
        pay, spine, in_grade = _grade_pay(grade)
        roles = tuple(_role_at_grade(framework, graph, r.id, True) for r in by_grade.get(grade.id, []))
        grades.append(GradeCriteria(grade.id, grade.label, pay, spine, in_grade, roles))
    changes = None
    if old is not None:
        from .graph import build_graph
        from .versions import diff_frameworks

        diff = diff_frameworks(old, build_graph(old), framework, graph)
        changes = _pay_changes(old, framework)
        changes += [f"{t} added." for _, t in diff.added] + [f"{t} removed." for _, t in diff.removed]
        for change in diff.changed:
            if change.grade:
                changes.append(f"{change.title}: regraded from {change.grade[0]} to {change.grade[1]}.")
            changes += [f"{change.title}: {line}" for line in (*change.skills, *change.expectations)]
        changes += [
            f"Promotion from {m.source_title} to {m.target_title} {m.change}: {m.detail}"
            for m in diff.moves
            if m.kind == "promotion"
        ]
    return PayCriteria(
        framework=framework.name,
        states_pay=any(g.pay is not None for g in framework.grades),
        grades=tuple(grades),
        ungraded=tuple(r.title for r in framework.roles if r.grade is None),
        subjective=tuple(_subjective(framework)),
        changes=tuple(changes) if changes is not None else None,
        roles_stating_salary=_roles_stating_salary(framework),
    )


def pay_outline(framework: Framework) -> PayOutline:
    """Every grade's pay with its roles by name, and the subjective criteria: what :func:`pay_criteria` holds
    before a role is opened: about 20 ms at 10,000 roles, against a quarter of a second for the criteria whole."""
    by_grade = _roles_by_grade(framework)
    grades = []
    for grade in framework.grades:
        pay, spine, in_grade = _grade_pay(grade)
        roles = by_grade.get(grade.id, [])
        salaries = tuple((r.title, tuple(s.evidence for s in r.salary)) for r in roles if r.salary)
        grades.append(
            GradeRoles(grade.id, grade.label, pay, spine, in_grade, tuple((r.id, r.title) for r in roles), salaries)
        )
    return PayOutline(
        framework=framework.name,
        states_pay=any(g.pay is not None for g in framework.grades),
        grades=tuple(grades),
        subjective=tuple(_subjective(framework)),
        roles_stating_salary=_roles_stating_salary(framework),
    )


def _roles_by_grade(framework: Framework) -> dict[str, list[Role]]:
    by_grade: dict[str, list[Role]] = {}
    for role in framework.roles:
        if role.grade is not None:
            by_grade.setdefault(role.grade, []).append(role)
    return by_grade


def _roles_stating_salary(framework: Framework) -> int:
    return sum(1 for role in framework.roles if role.salary and role.grade is not None)


def progression_heading(p: Progression) -> str:
    """ "To progress to Senior Delivery Manager (grade not stated)", "… to Lead developer, at Lead"."""
    grade = p.target_grade
    return f"To progress to {p.target_title}, " + (
        "whose grade is not stated" if grade in ("", "grade not stated") or grade is None else f"at {grade}"
    )


def progression_items(p: Progression) -> list[str]:
    """What the next rung asks, one line each: new skills, raised skills, expectations to meet."""
    if p.target_states_nothing:
        return [f"{p.target_title} states no skills or criteria of its own: the framework does not say."]
    items = [f"New skill: {s}" for s in p.new_skills] + [f"Raised: {s}" for s in p.raised_skills]
    items += [f"Criterion to meet: {e}" for e in p.expectations]
    return items or ["Nothing new: the next rung asks nothing this role does not already."]


def criteria_as_document(criteria: PayCriteria) -> Document:
    """The criteria as a plain document, written as Markdown or PDF by :mod:`framework.documents`."""
    doc = Document(
        title=f"Pay and progression criteria: {criteria.framework}",
        footer=f"Pay and progression criteria: {criteria.framework}",
    )
    if criteria.states_pay:
        doc.paragraph("Pay ranges as the framework states them, grade by grade.")
    else:
        doc.paragraph(
            f"{no_pay_text(criteria)} A framework file states a grade's pay under grades[].pay — min, max and "
            "currency, and optionally spine_points, progression (how pay moves within the grade) and a note — as in "
            "this example, whose figures are an illustration (docs/framework-format.md):"
        )
        doc.code(PAY_EXAMPLE)
    doc.paragraph(
        "What it takes to progress is what the next rung of each ladder asks that the role does not: its new and "
        "raised skills and the criteria it adds, as the skill gap computes them."
    )
    for grade in criteria.grades:
        doc.heading(f"Grade {grade.label}")
        if criteria.states_pay:
            doc.paragraph(f"Pay: {grade.pay}")
            if grade.spine_points:
                doc.paragraph(f"Spine points: {grade.spine_points}")
            doc.paragraph(f"Pay within the grade: {grade.in_grade or 'the framework states no rule.'}")
        if not grade.roles:
            doc.paragraph("No role of the framework is at this grade.")
        for role in grade.roles:
            doc.heading(role.title, level=3)
            if role.salary:
                doc.paragraph("Salary, as its job description states it: " + "; ".join(f"“{s}”" for s in role.salary))
            if role.skill_levels:
                doc.table(("Skill it expects", "At level"), role.skill_levels, widths=(0.7, 0.3))
            else:
                doc.paragraph("Expects no skills on the framework's scale.")
            if role.criteria:
                doc.paragraph(f"Its criteria ({len(role.criteria)}), essential first:")
                doc.bullets(role.criteria)
            progressions = _worked_out(role)
            if not progressions:
                doc.paragraph("Next grade: no promotion leads on from this role in the framework.")
            for p in progressions:
                doc.paragraph(progression_heading(p) + ":")
                doc.bullets(progression_items(p))
    if criteria.ungraded:
        doc.heading("Roles whose grade is not stated")
        doc.bullets(criteria.ungraded)
    doc.heading("Subjective criteria")
    lists = wordlists()["subjective"]
    if criteria.subjective:
        doc.table(
            ("Role", "Criterion", "Subjective wording"),
            [(s.title, s.line, ", ".join(s.phrases)) for s in criteria.subjective],
            widths=(0.2, 0.6, 0.2),
        )
    else:
        doc.paragraph(f"No criterion uses any of the {len(lists['phrases'])} subjective phrases checked for.")
    doc.note(f"Phrases checked for: {', '.join(lists['phrases'])}. {lists['source']}")
    if criteria.changes is not None:
        doc.heading("Changes since the older version")
        doc.bullets(criteria.changes or ["No change to grades, pay, skills, expectations or promotions."])
    return doc


def _worked_out(role: RoleAtGrade) -> tuple[Progression, ...]:
    """The role's progressions, for a document, which states them all: criteria made without them cannot make one
    (a role would read as having no next rung)."""
    if role.progressions is None:
        raise ValueError(f"{role.role}: made without its progressions (role_at_grade): use pay_criteria")
    return role.progressions


def criteria_markdown(criteria: PayCriteria) -> str:
    return document_markdown(criteria_as_document(criteria))


def criteria_pdf(criteria: PayCriteria) -> bytes:
    return document_pdf(criteria_as_document(criteria))


def criteria_xlsx(criteria: PayCriteria) -> bytes:
    """Sheets of plain values (never a formula): grades, progression, subjective criteria, changes."""
    grades = pd.DataFrame(
        [
            {
                "Grade": g.label,
                "Pay": g.pay,
                "Spine points": g.spine_points or "",
                "Pay within the grade": g.in_grade or "",
                "Roles": ", ".join(r.title for r in g.roles),
                **({"Salaries its roles state": salaries_text(g)} if criteria.salaries else {}),
            }
            for g in criteria.grades
        ]
    )
    rows = []
    for g in criteria.grades:
        for r in g.roles:
            for p in _worked_out(r) or (None,):
                rows.append(
                    {
                        "Grade": g.label,
                        "Role": r.title,
                        "Salary (as its job description states it)": "; ".join(r.salary),
                        "Expects (skills)": "; ".join(r.skills),
                        "Criteria": "\n".join(r.criteria),
                        "Next rung": f"{p.target_title} ({p.target_grade})" if p else "none",
                        "New skills": "; ".join(p.new_skills) if p else "",
                        "Raised skills": "; ".join(p.raised_skills) if p else "",
                        "Expectations to meet": "\n".join(p.expectations) if p else "",
                    }
                )
    subjective = pd.DataFrame(
        [
            {"Role": s.title, "Criterion": s.line, "Subjective wording": ", ".join(s.phrases)}
            for s in criteria.subjective
        ],
        columns=["Role", "Criterion", "Subjective wording"],
    )
    sheets = [("Grades and pay", grades), ("Progression", pd.DataFrame(rows)), ("Subjective criteria", subjective)]
    if criteria.changes is not None:
        sheets.append(("Changes", pd.DataFrame({"Change": list(criteria.changes)}, columns=["Change"])))
    return xlsx_bytes(sheets)


def criteria_document(framework: Framework, graph: nx.DiGraph, fmt: str, *, old: Framework | None = None):
    """The criteria as Markdown (text), Excel or PDF (bytes)."""
    criteria = pay_criteria(framework, graph, old=old)
    if fmt == "md":
        return criteria_markdown(criteria)
    return criteria_xlsx(criteria) if fmt == "xlsx" else criteria_pdf(criteria)
