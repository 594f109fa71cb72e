"""The DDaT importer, checked against the official CSV download it reads.

Counts are measured here, independently, with the csv module, and compared with what the importer built:
an importer that drops or invents rows fails. Career order is checked for the ladders people know best,
and the shipped ``data/ddat.yaml`` must be exactly what the importer writes today.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
import yaml

from framework import FrameworkError, check_framework
from framework.ids import slugify
from framework.importers.ddat import (
    ATTRIBUTION,
    GRADE_RULES,
    NOT_DEFINED,
    NOT_IN_USE,
    ROLE_COLUMNS,
    SKILL_LEVELS,
    import_ddat,
    place_level,
    run_import,
)
from framework.models import Framework, ImportSource, Role
from framework.yamlwrite import SCHEMA_LINE, dump_framework

ROOT = Path(__file__).parents[1]
DDAT_DIR = Path(__file__).parents[1].parent / "shared/reference/ddat"
ROLES_CSV = DDAT_DIR / "roles.csv"
SKILLS_CSV = DDAT_DIR / "skills.csv"
SHIPPED = ROOT / "data/ddat.yaml"

needs_csv = pytest.mark.skipif(
    not (ROLES_CSV.is_file() and SKILLS_CSV.is_file()),
    reason=f"the DDaT CSV download is not at {DDAT_DIR} (roles.csv and skills.csv)",
)

LEVEL_COLUMNS = [name for _, name in SKILL_LEVELS]


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def role_rows() -> list[dict[str, str]]:
    return _rows(ROLES_CSV)


@pytest.fixture(scope="module")
def skill_rows() -> list[dict[str, str]]:
    return _rows(SKILLS_CSV)


@pytest.fixture(scope="module")
def imported():
    return import_ddat(ROLES_CSV, SKILLS_CSV)


@pytest.fixture(scope="module")
def framework(imported) -> Framework:
    return imported[0]


@pytest.fixture(scope="module")
def report(imported):
    return imported[1]


def _track(framework: Framework, track: str) -> dict[str, Role]:
    return {r.title: r for r in framework.roles if r.track == track}


# --------------------------------------------------------------------------- counts, measured independently


@needs_csv
def test_counts_match_the_csv_files(framework, role_rows, skill_rows):
    families = {r["Role Family"].strip() for r in role_rows}
    roles = {r["Role"].strip() for r in role_rows}
    levels = {(r["Role"].strip(), r["Role Level"].strip()) for r in role_rows}
    skills = {r["Skill Name"].strip() for r in skill_rows}
    requirements = {
        (r["Role"].strip(), r["Role Level"].strip(), r["Skill Name"].strip())
        for r in role_rows
        if r["Skill Level"].strip() != NOT_IN_USE
    }
    assert (len(families), len(roles)) == (8, 52)
    assert len(framework.disciplines) == len(families)
    assert len({r.track for r in framework.roles}) == len(roles)
    assert len(framework.roles) == len(levels)  # each Chief role's single 'NOT IN USE' level is one role level
    assert len(framework.skills) == len(skills) == 188
    assert sum(len(r.skills) for r in framework.roles) == len(requirements)


@needs_csv
def test_every_row_of_roles_csv_is_accounted_for(report, role_rows):
    exact_repeats = len(role_rows) - len({tuple(r.values()) for r in role_rows})
    not_in_use = len({tuple(r.values()) for r in role_rows if r["Skill Level"] == NOT_IN_USE})
    count = report.roles_file
    assert count.read == len(role_rows)
    assert count.read == count.kept + count.merged + sum(count.skipped.values())
    assert count.accounted
    assert count.merged == exact_repeats == 16
    assert sum(n for reason, n in count.skipped.items() if NOT_IN_USE in reason) == not_in_use == 28


@needs_csv
def test_every_row_of_skills_csv_is_accounted_for(report, skill_rows):
    count = report.skills_file
    assert count.read == len(skill_rows)
    assert count.accounted
    assert count.kept == len(skill_rows)


@needs_csv
def test_report_lines_summarise_counts_and_decisions(report):
    text = "\n".join(report.lines())
    assert "roles.csv: 1825 rows read, 16 exact duplicates merged, 1781 kept" in text
    assert "skipped 28: Skill Level is 'NOT IN USE'" in text
    assert "Chief data architect → principal" in text
    assert NOT_DEFINED in text
    assert len(report.lines(verbose=True)) > len(report.lines())


# --------------------------------------------------------------------------- career order


CAREER_ORDERS = [
    (
        "delivery-manager",
        [
            "Associate delivery manager",
            "Delivery manager",
            "Senior delivery manager",
            "Head of (Agile) delivery management",
        ],
    ),
    (
        "product-manager",
        [
            "Associate product manager",
            "Product manager",
            "Senior product manager",
            "Lead product manager",
            "Head of product",
        ],
    ),
    (
        "software-developer",
        [
            "Apprentice developer",
            "Junior developer",
            "Developer",
            "Senior developer",
            "Lead developer",
            "Principal developer",
        ],
    ),
    (
        "frontend-developer",
        [
            "Apprentice frontend developer",
            "Junior frontend developer",
            "Frontend developer",
            "Senior frontend developer",
            "Lead frontend developer",
            "Head of frontend development",
        ],
    ),
    (
        "user-researcher",  # its Associate level describes itself as 'a trainee in an entry-level role'
        ["Associate user researcher", "Junior user researcher", "User researcher", "Senior user researcher"],
    ),
    (
        "service-desk-manager",
        ["Service desk analyst", "Senior service desk analyst", "Service desk manager", "Head of service desk"],
    ),
    ("data-architect", ["Data architect", "Senior data architect", "Chief data architect"]),
    ("incident-manager", ["Incident manager", "Major incident manager"]),
]


@needs_csv
@pytest.mark.parametrize(("track", "titles"), CAREER_ORDERS, ids=[case[0] for case in CAREER_ORDERS])
def test_levels_are_in_career_order(framework, track, titles):
    levels = _track(framework, track)
    ranks = [framework.grade_rank[levels[title].grade] for title in titles]
    assert ranks == sorted(set(ranks)), dict(zip(titles, (levels[t].grade for t in titles), strict=True))


MANAGEMENT_TWINS = [
    ("software-developer", "Senior developer"),
    ("software-developer", "Lead developer"),
    ("software-developer", "Principal developer"),
    ("development-operations-devops-engineer", "Senior DevOps engineer"),
    ("development-operations-devops-engineer", "Lead DevOps engineer"),
    ("development-operations-devops-engineer", "Principal DevOps engineer"),
]


@needs_csv
@pytest.mark.parametrize(("track", "twin"), MANAGEMENT_TWINS)
def test_management_variants_share_their_twins_grade_on_a_branch(framework, track, twin):
    levels = _track(framework, track)
    management = levels[f"{twin} - management"]
    assert management.branch == "management"
    assert levels[twin].branch is None
    assert management.grade == levels[twin].grade


@needs_csv
def test_only_management_variants_have_a_branch(framework):
    branched = {r.title for r in framework.roles if r.branch}
    assert branched == {r.title for r in framework.roles if r.title.endswith(" - management")}
    assert len(branched) == 6


@needs_csv
def test_every_role_level_is_placed_by_a_named_rule(framework, report):
    rule_ids = {rule.id for rule in GRADE_RULES}
    assert len(report.placements) == len(framework.roles)
    for placement in report.placements:
        assert set(placement.rule.split("+")) <= rule_ids, placement
    assert {r.grade for r in framework.roles} == {g.id for g in framework.grades}


@needs_csv
def test_chief_roles_are_single_levels_named_after_the_role(framework, role_rows):
    chiefs = sorted({r["Role"] for r in role_rows if r["Role Level"] == NOT_IN_USE})
    found = sorted(r.title for r in framework.roles if r.grade == "chief")
    assert found == chiefs
    assert len(chiefs) == 4
    for title in chiefs:
        role = framework.role(slugify(title))
        assert role.track == slugify(title)
        assert role.discipline == "chief-digital-and-data"
        assert (role.description or "").startswith(("A chief", "The chief"))
        assert role.skills == []


# --------------------------------------------------------------------------- grade rules, case by case


PLACEMENTS = [
    # (role, role level, other levels of the role, grade, branch)
    ("Delivery manager", "Associate delivery manager", (), "junior", None),
    ("Delivery manager", "Head of (Agile) delivery management", (), "head", None),
    ("Software developer", "Developer", (), "mid", None),
    ("Software developer", "Apprentice developer", (), "entry", None),
    ("Software developer", "Lead developer - management", ("Lead developer",), "lead", "management"),
    ("Development operations (DevOps) engineer", "DevOps engineer", (), "mid", None),
    ("Data scientist", "Trainee data scientist", (), "entry", None),
    ("Content designer", "Associate content designer", ("Junior content designer",), "entry", None),
    ("Data ethicist", "Data ethics lead", (), "lead", None),
    ("Problem manager", "Problem analyst", (), "junior", None),
    ("Service desk manager", "Service desk analyst", ("Senior service desk analyst",), "entry", None),
    ("Service desk manager", "Senior service desk analyst", ("Service desk analyst",), "junior", None),
    ("Data analyst", "Senior data analyst", (), "senior", None),  # an analyst role, not an analyst rung
    ("Data architect", "Chief data architect", (), "principal", None),
    ("Chief technology officer", NOT_IN_USE, (), "chief", None),
]


@pytest.mark.parametrize(("role", "level", "siblings", "grade", "branch"), PLACEMENTS)
def test_place_level(role, level, siblings, grade, branch):
    placement = place_level(role, level, siblings)
    assert placement is not None
    assert (placement.grade, placement.branch) == (grade, branch)


UNPLACEABLE = [
    ("Data analyst", "Wizard of data"),  # no keyword, not the role's name
    ("Data analyst", "Senior wizard"),  # a seniority word on a name that is not the role's
    ("Software developer", NOT_IN_USE),  # 'NOT IN USE' is expected only on Chief roles
]


@pytest.mark.parametrize(("role", "level"), UNPLACEABLE)
def test_place_level_refuses_to_guess(role, level):
    assert place_level(role, level) is None


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Head of (Agile) delivery management", "head-of-agile-delivery-management"),
        ("Product and delivery", "product-and-delivery"),
        ("Lead developer - management", "lead-developer-management"),
        ("Quality assurance testing (QAT)", "quality-assurance-testing-qat"),
    ],
)
def test_slugify(name, slug):
    assert slugify(name) == slug


# --------------------------------------------------------------------------- content


@needs_csv
def test_framework_identity_and_attribution(framework):
    assert framework.id == "ddat"
    assert framework.name == "UK Government Digital and Data (DDaT) Capability Framework"
    assert framework.attribution == ATTRIBUTION
    assert "Contains public sector information licensed under the Open Government Licence v3.0." in ATTRIBUTION
    assert "Crown copyright" in ATTRIBUTION
    assert "ddat-capability-framework.service.gov.uk/download" in ATTRIBUTION
    assert [lv.id for lv in framework.skill_levels] == ["awareness", "working", "practitioner", "expert"]
    assert "product-and-delivery" in framework.disciplines_by_id
    assert all(not r.moves for r in framework.roles)


@needs_csv
def test_role_level_content_and_source(framework):
    role = framework.role("senior-delivery-manager")
    assert (role.discipline, role.track, role.grade) == ("product-and-delivery", "delivery-manager", "senior")
    assert isinstance(role.source, ImportSource)
    assert role.source.framework == "DDaT Capability Framework"
    assert role.source.detail == "Product and delivery › Delivery manager › Senior delivery manager"
    assert (role.description or "").startswith("A senior delivery manager")
    purpose = role.job_description.section("purpose")
    assert purpose.heading == "Delivery manager"
    assert purpose.paragraphs[0].startswith("A delivery manager")
    assert {req.source for req in role.skills} == {"DDaT: Senior delivery manager"}


@needs_csv
def test_requirements_match_the_rows(framework, role_rows):
    expected = {
        (slugify(r["Role Level"].strip()), slugify(r["Skill Name"]), r["Skill Level"].lower())
        for r in role_rows
        if r["Skill Level"] != NOT_IN_USE
    }
    found = {(role.id, req.skill, req.level) for role in framework.roles for req in role.skills}
    assert found == expected


@needs_csv
def test_descriptors_not_defined_become_null(framework, skill_rows):
    cases = 0
    for row in skill_rows:
        skill = framework.skills_by_id[slugify(row["Skill Name"])]
        assert list(skill.levels) == [ident for ident, _ in SKILL_LEVELS]
        for ident, column in SKILL_LEVELS:
            if row[column] in (NOT_DEFINED, ""):
                cases += 1
                assert skill.levels[ident] is None
            else:
                assert skill.levels[ident] == row[column].strip()
    assert cases == 60 + 22 * 4  # 60 "not defined" cells, and 22 skills with all four cells blank


@needs_csv
def test_missing_descriptions_are_omitted(framework):
    texts = [s.description for s in framework.skills] + [r.description for r in framework.roles]
    assert "MISSING" not in texts
    assert "NOT IN USE" not in texts
    assert framework.skills_by_id["accessibility"].description.startswith("Accessibility involves")


# --------------------------------------------------------------------------- the shipped file


@needs_csv
def test_shipped_file_is_reproduced_byte_for_byte(tmp_path):
    out = tmp_path / "ddat.yaml"
    run_import(ROLES_CSV, SKILLS_CSV, out)
    first = out.read_bytes()
    run_import(ROLES_CSV, SKILLS_CSV, out)
    assert out.read_bytes() == first, "two runs of the importer differ"
    assert SHIPPED.is_file(), "data/ddat.yaml is missing: run framework.importers.ddat.run_import"
    assert SHIPPED.read_bytes() == first, "data/ddat.yaml is stale: re-run the DDaT importer"


@needs_csv
def test_shipped_file_loads_and_round_trips(framework):
    checked = check_framework(SHIPPED)
    loaded, warnings = checked.framework, checked.warnings
    assert loaded.model_dump() == framework.model_dump()
    assert SHIPPED.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE
    # The only warnings: the Chief roles' skills, which the source lists at no level.
    unrequired = {w.path[1] for w in warnings}
    assert {w.code for w in warnings} == {"warning"}
    assert all("is not required by any role" in w.message for w in warnings)
    assert all("NOT IN USE" in (loaded.skills[i].source or "") for i in unrequired)
    assert len(warnings) == 22


def test_dump_keeps_kind_and_nulls_and_drops_empties():
    framework = Framework.model_validate(
        {
            "id": "tiny",
            "name": "Tiny",
            "grades": [{"id": "g"}],
            "skill_levels": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
            "skills": [{"id": "s", "name": "S", "levels": {"a": "text", "b": None}}],
            "roles": [{"id": "r", "title": "R", "source": {"kind": "import", "framework": "X"}}],
        }
    )
    text = dump_framework(framework, header_comment="made by a test")
    assert text.splitlines()[:2] == [SCHEMA_LINE, "# made by a test"]
    data = yaml.safe_load(text)
    assert data["roles"][0] == {"id": "r", "title": "R", "source": {"kind": "import", "framework": "X"}}
    assert data["skills"][0]["levels"] == {"a": "text", "b": None}
    assert "disciplines" not in data
    assert Framework.model_validate(data) == framework


# --------------------------------------------------------------------------- mess, on small hand-made files


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


ROLE_HEADER = list(ROLE_COLUMNS)  # the official download's header, as the importer reads it
SKILL_HEADER = ["Skill Name", "Skill Description", *LEVEL_COLUMNS, "Roles that require Skill"]


def _tiny(tmp_path: Path, role_rows: list[list[str]]) -> tuple[Path, Path]:
    skills = _write_csv(
        tmp_path / "skills.csv",
        SKILL_HEADER,
        [["Testing", "", "aware", "works", NOT_DEFINED, "expert", "Test engineer"]],
    )
    return _write_csv(tmp_path / "roles.csv", ROLE_HEADER, role_rows), skills


def _row(level: str, skill_level: str, description: str = "A level.") -> list[str]:
    return ["QAT", "Test engineer", "A role.", level, description, "Testing", "MISSING", skill_level, "x", ""]


def test_repeats_merge_and_the_higher_level_wins(tmp_path):
    roles, skills = _tiny(
        tmp_path,
        [
            _row("Test engineer", "Working"),
            _row("Test engineer", "Working"),  # an exact repeat
            _row("Senior test engineer", "Working"),
            _row("Senior test engineer", "Expert"),  # the same skill again, higher
            _row("Lead test engineer", NOT_IN_USE, description="MISSING"),
        ],
    )
    framework, report = import_ddat(roles, skills)
    count = report.roles_file
    assert (count.read, count.merged, count.kept) == (5, 1, 2)
    assert sum(count.skipped.values()) == 2  # the lower repeat, and the 'NOT IN USE' skill level
    assert count.kept + count.merged + sum(count.skipped.values()) == count.read
    assert [req.level for req in framework.role("senior-test-engineer").skills] == ["expert"]
    assert any("kept expert" in note for note in report.notes)
    lead = framework.role("lead-test-engineer")
    assert (lead.grade, lead.description, lead.skills) == ("lead", None, [])
    assert any("Lead test engineer" in note and "MISSING" in note for note in report.notes)
    assert framework.skills_by_id["testing"].levels["practitioner"] is None
    assert framework.skills_by_id["testing"].description is None


def test_an_unplaceable_level_fails_loudly(tmp_path):
    roles, skills = _tiny(tmp_path, [_row("Test wizard", "Working")])
    with pytest.raises(FrameworkError) as caught:
        import_ddat(roles, skills)
    assert [p.code for p in caught.value.problems] == ["ddat-unplaced-level"]
    assert "Test wizard" in str(caught.value)
    assert caught.value.problems[0].line == 2


def test_a_missing_column_fails_loudly(tmp_path):
    _, skills = _tiny(tmp_path, [])
    roles = _write_csv(tmp_path / "roles.csv", ROLE_HEADER[:-3], [])
    with pytest.raises(FrameworkError, match="Skill Level"):
        import_ddat(roles, skills)


def test_grade_rule_ids_are_unique():
    assert Counter(rule.id for rule in GRADE_RULES).most_common(1)[0][1] == 1
