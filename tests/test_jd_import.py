"""Importing job descriptions: the seeds round-trip, template drift, Word documents, and the CLI."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import pytest

from framework import load_framework
from framework.jdimport import import_documents, read_document
from framework.jobdesc import content_lines, parse_job_description
from tests.conftest import COUNCIL, ROOT, require_seeds

COUNCIL_SEEDS = [
    "000_58d0c7616c641dd4.txt",
    "002_2802e9491336d4b8.txt",
    "003_0684dad4a8b68a8b.txt",
    "004_2bfc1383d9a496bc.txt",
]


def seeds() -> list[tuple[str, bytes]]:
    folder = require_seeds()
    return [(p.name, p.read_bytes()) for p in sorted(folder.glob("0*.txt"))]


def test_importing_the_seeds_reproduces_the_job_descriptions_of_roles_yaml(council):
    result = import_documents(seeds())
    imported = {r.id: r for r in result.framework.roles}
    for role in council.roles:
        if role.job_description is not None:
            assert imported[role.id].job_description == role.job_description, role.id
    assert {r.id for r in result.framework.roles} == {r.id for r in council.roles}
    assert {r.id for r in result.framework.roles if r.status == "referenced"} == {
        r.id for r in council.roles if r.status == "referenced"
    }


def test_merge_leaves_hand_written_fields_untouched(council):
    result = import_documents(seeds(), merge=council)
    assert result.framework == council


def test_merge_refreshes_the_content_and_keeps_skills(council):
    name, data = seeds()[0]
    edited = data.replace(b"Manages up to 10 indirectly", b"Manages up to 12 indirectly")
    result = import_documents([(name, edited)], merge=council)
    role = result.framework.role("delivery-manager")
    assert role.management.indirect == 12
    assert role.skills == council.role("delivery-manager").skills
    assert role.benchmarks == council.role("delivery-manager").benchmarks
    assert role.reports_to == council.role("delivery-manager").reports_to


def _drift(text: str, how: str) -> str:
    if how == "lowercase-header-keys":
        return re.sub(r"^>([A-Za-z ]+):", lambda m: ">" + m[1].lower() + ":", text, flags=re.M)
    if how == "uppercase-headings":
        return re.sub(r"^(#+ )(.*)$", lambda m: m[1] + m[2].upper(), text, flags=re.M)
    if how == "main-duties-and-responsibilities":
        return text.replace("## Main Duties:", "## Main Duties and Responsibilities:")
    if how == "windows-line-endings":
        return text.replace("\n", "\r\n")
    if how == "star-bullets":
        return re.sub(r"^-   ", "* ", text, flags=re.M)
    if how == "parenthesised-numbers":
        return re.sub(r"^(\d+)\.  ", r"\1) ", text, flags=re.M)
    if how == "closed-underline-markers":
        return re.sub(r"^<u>(Essential|Desirable)$", r"<u>\1</u>", text, flags=re.M)
    if how == "bold-markers":
        return re.sub(r"^<u>(Essential|Desirable)$", r"**\1**", text, flags=re.M)
    if how == "stray-blank-lines":
        return text.replace("\n", "\n\n\n")
    if how == "no-hashes-on-criteria":
        return re.sub(r"^### (Knowledge|Skills and Abilities|Experience|Equal Opportunities)$", r"\1", text, flags=re.M)
    raise ValueError(how)


DRIFTS = [
    "lowercase-header-keys",
    "uppercase-headings",
    "main-duties-and-responsibilities",
    "windows-line-endings",
    "star-bullets",
    "parenthesised-numbers",
    "closed-underline-markers",
    "bold-markers",
    "stray-blank-lines",
    "no-hashes-on-criteria",
]


@pytest.mark.parametrize("how", DRIFTS)
@pytest.mark.parametrize("document", COUNCIL_SEEDS)
def test_every_line_lands_despite_template_drift(document, how):
    original = (require_seeds() / document).read_text(encoding="utf-8")
    drifted = _drift(original, how)
    parsed = parse_job_description(drifted)
    assert parsed.unplaced == []
    assert parsed.job_description.lines() == content_lines(drifted)
    clean = parse_job_description(original).job_description
    assert len(parsed.job_description.statements()) == len(clean.statements()), "items stay items"
    assert len(parsed.job_description.person_specification.criteria) == 4
    assert parsed.title == parse_job_description(original).title


def test_a_line_that_cannot_be_placed_is_reported_by_name():
    text = (require_seeds() / COUNCIL_SEEDS[0]).read_text(encoding="utf-8")
    text = text.replace("## Criteria", "This sentence belongs nowhere.\n## Criteria")
    result = import_documents([("odd.txt", text.encode())])
    messages = [str(p) for p in result.problems]
    assert any("could not be placed: 'This sentence belongs nowhere.'" in m and "odd.txt:" in m for m in messages)


def test_half_filled_documents_say_what_is_missing():
    result = import_documents([("thin.md", b"# Data Analyst\n\nAnalyses data.\n")])
    messages = [str(p) for p in result.problems]
    assert "thin.md: warning: no duties section found" in messages
    assert "thin.md: warning: no person specification found" in messages
    assert result.framework.roles[0].title == "Data Analyst"


def test_word_documents_are_read():
    docx = pytest.importorskip("docx")
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    header = [("Grade", "PO3"), ("Position Designation", "Data Analyst")]
    for row, (label, value) in zip(table.rows, header, strict=True):
        row.cells[0].text, row.cells[1].text = label, value
    document.add_heading("Purpose of Job:", level=2)
    document.add_paragraph("This role is responsible to the Head of Data to:")
    document.add_paragraph("Analyse data for services", style="List Number")
    document.add_heading("Main Duties:", level=2)
    document.add_heading("Strategic", level=3)
    document.add_paragraph("Shape the data strategy", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    text = read_document(buffer.getvalue(), name="analyst.docx")
    result = import_documents([("analyst.docx", buffer.getvalue())])
    role = next(r for r in result.framework.roles if r.status == "described")
    assert (role.title, role.grade) == ("Data Analyst", "PO3")
    assert role.job_description.lines() == content_lines(text)
    assert role.job_description.section("duties").groups[0].items == ["Shape the data strategy"]
    assert role.reports_to.role == "head-of-data"
    assert result.framework.role("head-of-data").status == "referenced"


def test_a_broken_word_document_is_a_clear_error():
    from framework import FrameworkError

    with pytest.raises(FrameworkError, match="not a readable Word document"):
        read_document(b"PK\x03\x04 not really a zip", name="broken.docx")


def test_cli_import_and_merge(tmp_path):
    files = [str(require_seeds() / name) for name in COUNCIL_SEEDS]
    out = tmp_path / "imported.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "framework", "import", "jd", *files, "-o", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "delivery-manager — Delivery Manager (PO4, delivery), 87 lines kept" in result.stdout
    assert load_framework(out).role("lead-developer").grade == "PO8"
    merged = tmp_path / "merged.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "framework", "import", "jd", *files, "--merge", str(COUNCIL), "-o", str(merged)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert load_framework(merged) == load_framework(COUNCIL)


def test_figures_beyond_the_bounds_of_a_role_are_left_out_with_a_warning():
    huge = "9" * 400
    text = (
        "# Data Analyst\n"
        "## Purpose of Job:\n"
        "Manages up to 5000000 directly managed staff\n"
        "Manages up to 12 indirectly managed staff\n"
        f"Responsible for a budget of £{huge}\n"
        "Responsible for a budget of £20000bn, which may exceed the plan\n"
        f"London: £30,000 - £{huge}\n"
        "Leeds: £40,000 - £30,000\n"
        "Outer London: £30,000 - £1,000,000,000\n"
    )
    result = import_documents([("huge.md", text.encode())])
    role = result.framework.role("data-analyst")
    assert (role.management.direct, role.management.indirect) == (None, 12)
    assert role.budget is None
    assert [(s.location, s.minimum_gbp, s.maximum_gbp) for s in role.salary] == [
        ("Outer London", 30_000, 1_000_000_000)
    ]
    warnings = [str(p) for p in result.problems if p.code == "out-of-range"]
    assert warnings == [
        "huge.md: warning: a staff number above 1,000,000 is not taken as the management span: "
        "'Manages up to 5000000 directly managed staff'",
        f"huge.md: warning: a budget above £10,000,000,000,000 is not taken as the budget: "
        f"'Responsible for a budget of £{huge}'",
        "huge.md: warning: a budget above £10,000,000,000,000 is not taken as the budget: "
        "'Responsible for a budget of £20000bn, which may exceed the plan'",
        f"huge.md: warning: a salary above £1,000,000,000 is not taken as a salary range: 'London: £30,000 - £{huge}'",
        "huge.md: warning: the salary range runs from the higher figure to the lower: not taken: "
        "'Leeds: £40,000 - £30,000'",
    ]


def test_a_budget_in_billions_is_kept():
    text = "# Chief Executive\n## Purpose of Job:\nLeads a revenue budget of £1.2bn\n"
    role = import_documents([("chief.md", text.encode())]).framework.role("chief-executive")
    assert role.budget.amount_gbp == 1_200_000_000
