"""Pay and progression criteria: every grade, progression exactly as the gap computes it, no live formulas."""

from __future__ import annotations

import io
from dataclasses import replace

import openpyxl
import pytest

from framework import load_framework
from framework.expectations import expectation_gap
from framework.graph import build_graph
from framework.paycriteria import (
    NO_PAY,
    criteria_markdown,
    criteria_xlsx,
    next_rungs,
    pay_criteria,
    pay_outline,
    role_at_grade,
    role_progressions,
    salaries_text,
)
from framework.skills import skill_gap
from tests.conftest import DATA


@pytest.fixture(scope="module", params=["roles", "ddat"])
def shipped(request):
    framework = load_framework(DATA / f"{request.param}.yaml")
    return framework, build_graph(framework)


def test_every_grade_is_listed_in_order(shipped):
    framework, graph = shipped
    criteria = pay_criteria(framework, graph)
    assert [g.grade for g in criteria.grades] == [g.id for g in framework.grades]
    listed = {r.role for g in criteria.grades for r in g.roles}
    assert listed == {r.id for r in framework.roles if r.grade is not None}


def test_the_pages_outline_is_the_criteria_by_name_and_a_role_opened_is_the_criteria_of_that_role(shipped):
    """The page lists every grade's roles by name (pay_outline) and works a role out when it is opened
    (role_at_grade, then role_progressions): together, word for word what the documents hold."""
    framework, graph = shipped
    full = pay_criteria(framework, graph)
    outline = pay_outline(framework)
    assert (outline.framework, outline.states_pay, outline.subjective, outline.roles_stating_salary) == (
        full.framework,
        full.states_pay,
        full.subjective,
        full.roles_stating_salary,
    )
    assert len(outline.grades) == len(full.grades)
    for listed, whole in zip(outline.grades, full.grades, strict=True):
        assert (listed.grade, listed.label, listed.pay, listed.spine_points, listed.in_grade) == (
            whole.grade,
            whole.label,
            whole.pay,
            whole.spine_points,
            whole.in_grade,
        )
        assert listed.roles == tuple((r.role, r.title) for r in whole.roles)
        assert salaries_text(listed) == salaries_text(whole)
        for role_id, _ in listed.roles:
            opened = role_at_grade(framework, graph, role_id)
            complete = next(r for r in whole.roles if r.role == role_id)
            assert opened.progressions is None
            assert replace(opened, progressions=complete.progressions) == complete
            assert role_progressions(framework, graph, role_id) == complete.progressions


def test_a_document_is_not_made_of_roles_without_their_progressions(shipped):
    """A role made for the page alone has no progressions worked out: a document of it would read as though the
    role had no next rung, so none is made."""
    framework, graph = shipped
    full = pay_criteria(framework, graph)
    grade = next(g for g in full.grades if g.roles)
    alone = role_at_grade(framework, graph, grade.roles[0].role)
    partial = replace(full, grades=(replace(grade, roles=(alone,)),))
    with pytest.raises(ValueError, match="without its progressions"):
        criteria_markdown(partial)
    with pytest.raises(ValueError, match="without its progressions"):
        criteria_xlsx(partial)


def test_progression_is_the_gap_between_consecutive_rungs(shipped):
    framework, graph = shipped
    checked = 0
    for grade in pay_criteria(framework, graph).grades:
        for role in grade.roles:
            assert [p.target for p in role.progressions] == next_rungs(framework, graph, role.role)
            for p in role.progressions:
                gap = skill_gap(framework, role.role, p.target)
                assert len(p.new_skills) + len(p.raised_skills) == len(gap.gaps)
                assert {s.split(" at ")[0] for s in p.new_skills} == {r.name for r in gap.gaps if r.current_rank == 0}
                assert {s.split(", from ")[0] for s in p.raised_skills} == {r.name for r in gap.gaps if r.current_rank}
                to_meet = expectation_gap(framework, role.role, p.target).to_meet
                assert [e.split(" (")[0] for e in p.expectations] == [e.text.split(" (")[0] for e in to_meet]
                checked += 1
    assert checked > 0


def test_the_council_states_no_pay_and_says_so(council, council_graph):
    criteria = pay_criteria(council, council_graph)
    assert not criteria.states_pay
    assert all(g.pay == NO_PAY for g in criteria.grades)
    text = criteria_markdown(criteria)
    assert "No grade of this framework states a pay range" in text
    assert "grades\\[\\].pay" in text


def test_stated_pay_spine_points_and_rules_are_shown(council):
    data = council.model_dump(mode="json", exclude_none=True)
    pay = {"min": 44428, "max": 47420, "currency": "GBP", "spine_points": [38, 39, 40, 41]}
    pay["progression"] = "One spine point each April until the top of the grade."
    data["grades"] = [{**g, "pay": pay} if g["id"] == "PO4" else g for g in data["grades"]]
    paid = type(council).model_validate(data)
    criteria = pay_criteria(paid, build_graph(paid))
    po4 = next(g for g in criteria.grades if g.grade == "PO4")
    assert po4.pay == "£44,428 to £47,420 a year"
    assert po4.spine_points == "38, 39, 40, 41"
    assert po4.in_grade == "One spine point each April until the top of the grade."
    changes = pay_criteria(paid, build_graph(paid), old=council).changes
    assert any(c.startswith("Pay of PO4: was The framework states no pay") for c in changes)


def test_subjective_wording_is_named_with_its_role_and_line(council):
    role = council.role("delivery-manager")
    spec = role.job_description.person_specification
    first = spec.criteria[0]
    seeded = first.groups[0].model_copy(update={"items": [*first.groups[0].items, "A good fit for a dynamic team"]})
    criteria0 = first.model_copy(update={"groups": [seeded, *first.groups[1:]]})
    spec = spec.model_copy(update={"criteria": [criteria0, *spec.criteria[1:]]})
    jd = role.job_description.model_copy(update={"person_specification": spec})
    changed = council.model_copy(
        update={
            "roles": [r.model_copy(update={"job_description": jd}) if r.id == role.id else r for r in council.roles]
        }
    )
    found = pay_criteria(changed, build_graph(changed)).subjective
    assert [(s.role, s.line, s.phrases) for s in found] == [
        ("delivery-manager", "A good fit for a dynamic team", ("good fit", "dynamic"))
    ]


def test_the_workbook_holds_values_never_formulas(council, council_graph):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(criteria_xlsx(pay_criteria(council, council_graph, old=council))))
    assert book.sheetnames == ["Grades and pay", "Progression", "Subjective criteria", "Changes"]
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)


def test_a_salary_a_role_states_is_shown_with_it_and_the_grades_pay_is_not_inferred(council, council_graph):
    """The council's grades state no pay, but the Head of Delivery Management's job description states a salary:
    the criteria say so, and show it with the role, word for word, in every format."""
    criteria = pay_criteria(council, council_graph)
    assert not criteria.states_pay
    assert criteria.roles_stating_salary == 1
    head = next(r for g in criteria.grades for r in g.roles if r.role == "head-of-delivery-management")
    assert head.salary == ("UK: £100,000 - £121,500", "London & South East: £105,000 - £127,575")
    assert all(g.pay == NO_PAY for g in criteria.grades), "a grade's pay is not inferred from one role's salary"
    text = " ".join(criteria_markdown(criteria).split())
    assert "This framework states no pay for any of its grades" not in text
    assert "1 of its roles states a salary in its job description" in text
    assert "Salary, as its job description states it: “UK: £100,000 - £121,500”" in text.replace("\\", "")
    workbook = openpyxl.load_workbook(io.BytesIO(criteria_xlsx(criteria)))
    grades = list(workbook["Grades and pay"].values)
    column = grades[0].index("Salaries its roles state")
    head_grade = next(row for row in grades[1:] if "Head of Delivery Management" in (row[column] or ""))
    assert "“UK: £100,000 - £121,500”" in head_grade[column]
