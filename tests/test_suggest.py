"""Suggested benchmark and skills: calibrated refusals, evidence for every skill, nothing applied unless accepted."""

from __future__ import annotations

import pytest
import yaml

from framework import load_framework
from framework.errors import InputError
from framework.importers.jd import import_documents
from framework.suggest import (
    CONFIDENT_TEXT,
    MAX_QUERY_CHARS,
    NO_EVIDENCE,
    build_index,
    suggest_role,
    suggest_text,
)
from tests.commands import framework_command
from tests.conftest import COUNCIL, DATA, ROOT

UNRELATED = sorted((ROOT / "bench" / "data" / "unrelated").glob("*.md"))

NEW_JD = b"""\
>Department: Digital and Customer Services
>Postholder Section: Delivery
>Grade: PO5
>Position Designation: Service Delivery Lead

## Purpose of Job:
This role is responsible to the head of delivery management to:
1.  Lead agile delivery teams that build and run the council's digital services
2.  Remove blockers and keep delivery momentum across several product teams

## Main Duties:
1.  Plan releases and manage dependencies between teams
2.  Coach delivery managers in agile and lean practices
3.  Manage the budget of the teams and report on spending
4.  Work with suppliers and manage their contracts

## Person Specification
## Criteria
### Knowledge
<u>Essential
- Knowledge of agile delivery methods
"""


@pytest.fixture(scope="module")
def ddat():
    return load_framework(DATA / "ddat.yaml")


@pytest.fixture(scope="module")
def index(ddat):
    return build_index(ddat)


@pytest.fixture(scope="module")
def imported():
    return import_documents([("service-delivery-lead.md", NEW_JD)]).framework


@pytest.mark.parametrize("path", UNRELATED, ids=lambda p: p.stem)
def test_an_unrelated_job_gets_no_confident_suggestion(index, path):
    result = import_documents([(path.name, path.read_bytes())])
    role = result.documents[0].role
    found = suggest_role(index, result.framework, role.id)
    assert not found.confident, found.candidates[:1]
    assert found.candidates == ()
    assert found.why.startswith("no confident suggestion")
    assert found.nearest is not None
    assert found.nearest.text_similarity < CONFIDENT_TEXT


def test_the_chef_is_refused_with_the_reason_in_words(index):
    found = suggest_text(index, "Head Chef", ["Cook fresh seasonal meals", "Keep food hygiene records"])
    assert not found.confident
    assert f"below the {CONFIDENT_TEXT:.2f} calibrated threshold" in found.why


def test_a_delivery_job_description_is_suggested_delivery_role_levels(index, imported):
    role = next(r for r in imported.roles if r.title == "Service Delivery Lead")
    found = suggest_role(index, imported, role.id)
    assert found.confident
    top = found.candidates[0]
    assert top.family == "Product and delivery"
    assert "delivery" in top.title.lower()
    assert [c.confidence for c in found.candidates] == sorted((c.confidence for c in found.candidates), reverse=True)
    lines = set(role.job_description.lines())
    assert top.supporting
    assert set(top.supporting) <= lines
    for skill in top.skills:  # each skill is evidenced by a line of the text, or says there is none
        assert skill.evidence in lines if skill.evidence else skill.evidence_why == NO_EVIDENCE
    agile = next(s for s in top.skills if s.skill == "agile-and-lean-practices")
    assert agile.evidence is not None
    assert "agile" in agile.evidence.lower()


def test_a_suggestion_reads_only_the_role_s_own_text(index, council):
    """A benchmarked role is suggested for as if it were new: without its skills and benchmarks the suggestion
    is the same (they are what the benchmark compares against)."""
    stripped = council.model_copy(
        update={
            "roles": [
                r.model_copy(update={"skills": [], "benchmarks": []}) if r.id == "lead-developer" else r
                for r in council.roles
            ]
        }
    )
    assert suggest_role(index, stripped, "lead-developer") == suggest_role(index, council, "lead-developer")


def test_the_grade_hint_comes_from_the_other_roles_benchmarks(index, council):
    found = suggest_role(index, council, "senior-delivery-manager")
    top = found.candidates[0]
    assert top.title == "Senior delivery manager"
    assert top.grade_hint is not None
    assert top.grade_hint.grade == "PO6"
    assert "Senior Product Manager" in top.grade_hint.why  # benchmarked to DDaT's senior level too


def test_a_long_text_is_read_up_to_its_bound(index):
    from framework.suggest import _bounded

    line = "lead agile delivery teams, remove blockers and plan releases with delivery managers " * 20
    lines = [line] * (MAX_QUERY_CHARS // len(line) + 50)
    _title, kept = _bounded("Service lead", lines)
    assert len(kept) < len(lines)
    assert sum(map(len, kept)) <= MAX_QUERY_CHARS
    assert suggest_text(index, "Service lead", lines) == suggest_text(index, "Service lead", kept)


def test_suggesting_applies_nothing(index, imported):
    role = next(r for r in imported.roles if r.status == "described")
    before = imported.model_dump()
    suggest_role(index, imported, role.id)
    assert imported.model_dump() == before
    assert imported.role(role.id).skills == []
    assert imported.role(role.id).benchmarks == []


def test_accepting_some_skills_applies_only_those_with_their_source(index, imported, ddat):
    from framework.suggest import accept_suggestion

    role = next(r for r in imported.roles if r.status == "described")
    top = suggest_role(index, imported, role.id).candidates[0]
    chosen = [s.skill for s in top.skills[:2]]
    accepted = accept_suggestion(imported, role.id, top, reference=ddat, skills=chosen)
    got = accepted.role(role.id)
    assert [r.skill for r in got.skills] == chosen
    for requirement, suggested in zip(got.skills, top.skills[:2], strict=True):
        assert f"Suggested from DDaT role level {top.title}" in requirement.source
        assert (f"“{suggested.evidence}”" if suggested.evidence else NO_EVIDENCE) in requirement.source
    assert got.benchmarks[-1].framework == "DDaT"
    assert got.benchmarks[-1].role == top.title
    assert {s.id for s in accepted.skills} >= set(chosen)  # definitions copied, with the licence's attribution
    assert "Open Government Licence" in accepted.attribution
    assert [lv.id for lv in accepted.skill_levels] == [lv.id for lv in ddat.skill_levels]


def test_accepting_a_skill_that_was_not_suggested_is_refused(index, imported, ddat):
    from framework.suggest import accept_suggestion

    role = next(r for r in imported.roles if r.status == "described")
    top = suggest_role(index, imported, role.id).candidates[0]
    with pytest.raises(InputError, match="not one of the skills suggested"):
        accept_suggestion(imported, role.id, top, reference=ddat, skills=["no-such-skill"])


@pytest.mark.slow
def test_cli_suggest_without_accept_writes_the_suggestion_not_the_framework(tmp_path):
    out = tmp_path / "suggestion.md"
    result = framework_command("suggest", str(COUNCIL), "--role", "lead-developer", "-o", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Suggested DDaT benchmark for Lead Developer")
    assert "Lead developer" in text
    assert "| Skill | Level | Evidence in the job description |" in text


@pytest.mark.slow
def test_cli_import_suggest_then_accept(tmp_path):
    jd = tmp_path / "service-delivery-lead.md"
    jd.write_bytes(NEW_JD)
    out = tmp_path / "imported.yaml"
    result = framework_command("import", "jd", str(jd), "-o", str(out), "--suggest")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# Suggested DDaT benchmark for Service Delivery Lead" in result.stdout
    assert "Nothing applied" in result.stdout
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert all(not role.get("skills") for role in written["roles"])  # printed, not applied

    accepted = tmp_path / "accepted.yaml"
    result = framework_command("suggest", str(out), "--role", "service-delivery-lead", "--accept", "-o", str(accepted))
    assert result.returncode == 0, result.stdout + result.stderr
    role = next(
        r for r in yaml.safe_load(accepted.read_text(encoding="utf-8"))["roles"] if r["id"] == "service-delivery-lead"
    )
    assert role["skills"]
    assert all(s["source"].startswith("Suggested from DDaT role level ") for s in role["skills"])
    assert framework_command("validate", str(accepted)).returncode == 0


@pytest.mark.slow
def test_cli_accept_refuses_when_nothing_is_confident(tmp_path):
    chef = ROOT / "bench" / "data" / "unrelated" / "head-chef.md"
    out = tmp_path / "chef.yaml"
    assert framework_command("import", "jd", str(chef), "-o", str(out)).returncode == 0
    result = framework_command("suggest", str(out), "--role", "head-chef", "--accept", "-o", str(tmp_path / "x.yaml"))
    assert result.returncode == 1
    assert "no confident suggestion" in result.stdout
    assert "nothing applied" in result.stdout
    assert not (tmp_path / "x.yaml").exists()


def test_council_fixture_is_the_shipped_file(council):
    assert council.id == load_framework(COUNCIL).id
