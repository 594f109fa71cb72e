"""The council framework, data/roles.yaml, against its five source documents.

The normaliser here is deliberately independent of framework.importers.jobdesc: it strips only markup (quote marks,
heading marks, list numbers and bullets, <u> markers, line-end spaces) and keeps every other character.
"""

from __future__ import annotations

import re

import pytest
import yaml

from tests.conftest import COUNCIL, SEEDS, require_seeds

SEED_ROLES = {
    "000_58d0c7616c641dd4.txt": ("delivery-manager", "Delivery Manager", "delivery", "PO4"),
    "001_59692ccc0b6454b7.txt": ("head-of-delivery-management", "Head of Delivery Management", "delivery", "Head"),
    "002_2802e9491336d4b8.txt": ("senior-product-manager", "Senior Product Manager", "product", "PO6"),
    "003_0684dad4a8b68a8b.txt": ("associate-project-manager", "Associate Project Manager", "delivery", "PO1"),
    "004_2bfc1383d9a496bc.txt": ("lead-developer", "Lead Developer", "technology", "PO8"),
}

# Roles the documents name but do not describe (../shared/seeds/README.md), with where they sit.
REFERENCED = {
    "senior-delivery-manager": ("Senior Delivery Manager", "delivery", {"delivery-manager"}),
    "project-manager": ("Project Manager", "delivery", {"associate-project-manager"}),
    "lead-product-manager": ("Lead Product Manager", "product", {"senior-product-manager"}),
    "head-of-product": ("Head of Product", "product", {"senior-product-manager"}),
    "head-of-technology": ("Head of Technology", "technology", {"lead-developer"}),
    "executive-director-for-delivery-and-capabilities": (
        "Executive Director for Delivery and Capabilities",
        None,
        {"head-of-delivery-management"},
    ),
}


def normalise(text: str) -> list[str]:
    out = []
    for raw in text.splitlines():
        line = raw.strip()
        line = re.sub(r"^>\s*", "", line)
        line = re.sub(r"^#+\s*", "", line)
        line = re.sub(r"^(\d+\.|-)\s+", "", line)
        line = re.sub(r"^<u>", "", line)
        if line.strip():
            out.append(line.strip())
    return out


def seed_text(name: str) -> str:
    return (require_seeds() / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(("document", "expected"), SEED_ROLES.items())
def test_every_line_of_each_document_is_kept_word_for_word_and_in_order(council, document, expected):
    role = council.role(expected[0])
    assert role.job_description is not None
    assert role.job_description.lines() == normalise(seed_text(document))


@pytest.mark.parametrize(("document", "expected"), SEED_ROLES.items())
def test_every_line_appears_in_the_yaml_text_of_its_role(document, expected):
    """Read the YAML file itself, not our models: each line is there, in order, inside its role's entry."""
    data = yaml.safe_load(COUNCIL.read_text(encoding="utf-8"))
    entry = next(r for r in data["roles"] if r["id"] == expected[0])
    dumped = yaml.safe_dump(entry["job_description"], allow_unicode=True, width=10**9, sort_keys=False)
    position = 0
    for line in normalise(seed_text(document)):
        found = dumped.find(line, position)
        if found < 0:  # YAML may quote a line; look for its quoted form too
            found = dumped.find(yaml.safe_dump(line, allow_unicode=True, width=10**9).strip(), position)
        assert found >= 0, f"{document}: line missing or out of order: {line!r}"
        position = found


@pytest.mark.parametrize(("document", "expected"), SEED_ROLES.items())
def test_described_roles_have_title_discipline_grade_and_source(council, document, expected):
    role_id, title, discipline, grade = expected
    role = council.role(role_id)
    assert (role.title, role.discipline, role.grade, role.status) == (title, discipline, grade, "described")
    assert role.source.kind == "document"
    assert role.source.document == f"seeds/{document}"
    assert (SEEDS.parent / role.source.document).exists() or not SEEDS.exists()


def test_header_and_person_specification_fields_are_kept(council):
    dm = council.role("delivery-manager").job_description
    assert dm.header == [
        "Department: Digital and Customer Services",
        "Postholder Section: Delivery",
        "Grade: PO4",
        "Position Designation: Delivery Manager",
    ]
    assert dm.field("grade") == "PO4"
    assert dm.person_specification.field("Directorate") == "Communities and Environment"
    assert dm.person_specification.field("service/section") == "Digital and Customer Services / Delivery"
    knowledge = dm.person_specification.criteria[0]
    assert knowledge.heading == "Knowledge"
    assert knowledge.essential[0] == "Knowledge of and ability to use a range of Agile and Lean tools and techniques"
    assert knowledge.desirable[-1] == "Understanding of financial management"


def test_purpose_keeps_its_lead_in_and_duties_keep_their_headings(council):
    dm = council.role("delivery-manager").job_description
    purpose = dm.section("purpose")
    assert purpose.lead_in == "This role is responsible to the senior delivery manager to:"
    assert len(purpose.items) == 4
    duties = dm.section("duties")
    assert [g.heading for g in duties.groups] == ["Strategic", "Service delivery", "People", "Financial", "Corporate"]
    assert sum(len(g.items) for g in duties.groups) == 22


def test_lead_developer_knowledge_unmarked_criteria_stay_unmarked(council):
    """The document lists its essential knowledge without an 'Essential' marker: nothing is added."""
    knowledge = council.role("lead-developer").job_description.person_specification.criteria[0]
    assert len(knowledge.unmarked) == 5
    assert knowledge.essential == []
    assert len(knowledge.desirable) == 3


@pytest.mark.parametrize(
    ("role_id", "direct", "indirect"),
    [
        ("delivery-manager", 1, 10),
        ("senior-product-manager", 4, 16),
        ("associate-project-manager", 1, 1),
        ("lead-developer", 12, 12),
    ],
)
def test_management_span_is_derived_with_its_evidence(council, role_id, direct, indirect):
    span = council.role(role_id).management
    assert (span.direct, span.indirect) == (direct, indirect)
    lines = council.role(role_id).job_description.lines()
    assert all(line in lines for line in span.evidence)


def test_budget_salary_and_sfia_are_derived_with_their_evidence(council):
    dm = council.role("delivery-manager")
    assert dm.budget.amount_gbp == 1_000_000
    assert dm.budget.evidence in dm.job_description.lines()
    head = council.role("head-of-delivery-management")
    assert [(s.location, s.minimum_gbp, s.maximum_gbp) for s in head.salary] == [
        ("UK", 100_000, 121_500),
        ("London & South East", 105_000, 127_575),
    ]
    assert [(b.framework, b.level) for b in head.benchmarks if b.framework == "SFIA"] == [("SFIA", "6")]
    assert all(s.evidence in head.job_description.lines() for s in head.salary)


def test_referenced_roles_are_listed_with_no_invented_text(council):
    referenced = {r.id: r for r in council.roles if r.status == "referenced"}
    assert set(referenced) == set(REFERENCED)
    for role_id, (title, discipline, referrers) in REFERENCED.items():
        role = referenced[role_id]
        assert (role.title, role.discipline) == (title, discipline)
        assert role.job_description is None
        assert role.description is None
        assert role.grade is None, "no document states the grade of a referenced role"
        assert {ref.role for ref in role.source.referenced_by} == referrers
        for ref in role.source.referenced_by:
            assert ref.evidence in council.role(ref.role).job_description.lines(), ref.evidence


def test_reporting_lines_quote_their_documents(council):
    for role in council.roles:
        if role.reports_to is None:
            continue
        line = role.reports_to.evidence
        if role.status == "described":
            assert line in role.job_description.lines(), (role.id, line)
            assert not role.reports_to.inferred
        else:
            assert role.reports_to.inferred, "no document states a referenced role's line: it must say so"
            assert role.reports_to.note, "an inferred line must say why"


def test_reporting_lines(council):
    lines = {r.id: r.reports_to.role for r in council.roles if r.reports_to}
    assert lines == {
        "associate-project-manager": "project-manager",
        "delivery-manager": "senior-delivery-manager",
        "senior-product-manager": "lead-product-manager",
        "lead-developer": "head-of-technology",
        "head-of-delivery-management": "executive-director-for-delivery-and-capabilities",
        "lead-product-manager": "head-of-product",
    }


def test_grades_and_disciplines(council):
    assert [g.id for g in council.grades] == ["PO1", "PO2", "PO3", "PO4", "PO5", "PO6", "PO7", "PO8", "Head"]
    assert [d.name for d in council.disciplines] == ["Delivery", "Product", "Technology"]


def test_roles_yaml_names_its_schema():
    first = COUNCIL.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/framework.schema.json"
    assert (COUNCIL.parent / "../schema/framework.schema.json").resolve().exists()
