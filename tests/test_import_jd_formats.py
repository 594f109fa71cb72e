"""Job descriptions as organisations write them: the person specification under any heading, clusters and
competencies, markers in any spelling, tables of criteria, titles, front matter, links, reporting lines, several
levels in one document — each case a few lines written here."""

from __future__ import annotations

import io

import pytest

from framework import FrameworkError
from framework.cli import main
from framework.expectations import framework_areas, role_expectations
from framework.importers.jd import import_documents
from framework.importers.jobdesc import content_lines, parse_job_description


def imported(text: str, name: str = "post.md"):
    result = import_documents([(name, text.encode())])
    assert result.errors == []
    return result


def described(result):
    return [r for r in result.framework.roles if r.status == "described"]


def criteria(result, role=None) -> list[tuple]:
    framework = result.framework
    role = role or described(result)[0]
    return [(e.area_name, e.marker, e.text) for e in role_expectations(framework, role)]


SPEC_HEADINGS = [
    "## Person specification",
    "## PERSON SPECIFICATION - COMPETENCES/SKILLS REQUIRED",
    "## Personal specification -- competencies and skills required",
    "## Person spec",
    "## Selection criteria",
    "## Essential and desirable criteria",
    "**Person Specification**",
    "PERSONAL SPECIFICATION",
]


@pytest.mark.parametrize("heading", SPEC_HEADINGS)
def test_the_person_specification_is_found_by_what_its_heading_means(heading):
    text = (
        f"# Analyst\n\n## Purpose\n\nAnalyses data.\n\n{heading}\n\nEssential\n- Knows SQL.\n\nDesirable\n- Knows R.\n"
    )
    result = imported(text)
    assert criteria(result)[-2:] == [
        (criteria(result)[-2][0], "essential", "Knows SQL."),
        (criteria(result)[-1][0], "desirable", "Knows R."),
    ]
    assert "no person specification found" not in " ".join(str(p) for p in result.problems)


@pytest.mark.parametrize(
    ("marker", "expected"),
    [
        ("Essential", "essential"),
        ("<u>Essential", "essential"),
        ("**Essential**", "essential"),
        ("**Essential:**", "essential"),
        ("ESSENTIAL CRITERIA:", "essential"),
        ("Desirable criteria", "desirable"),
        ("__Desirable__", "desirable"),
    ],
)
def test_markers_in_any_spelling_mark_their_criteria(marker, expected):
    text = f"# Analyst\n\n## Person specification\n\n### Knowledge\n\n{marker}\n- Knows the data.\n"
    assert criteria(imported(text)) == [("Knowledge", expected, "Knows the data.")]


def test_a_marker_and_its_criterion_on_one_line():
    text = "# Analyst\n\n## Selection criteria\n\n### Skills\n\nEssential: Writes SQL.\nDesirable: Writes R.\n"
    assert criteria(imported(text)) == [("Skills", "essential", "Writes SQL."), ("Skills", "desirable", "Writes R.")]


def test_clusters_in_capitals_are_the_parent_areas_of_their_competencies():
    text = (
        "# Adviser\n\n## Person specification\n\n### SEEING THE BIG PICTURE\n\n### Understanding context\n\n"
        "What the competency means.\n\nEssential\n- Knows the policy.\n\n### Thinking ahead\n\nEssential\n"
        "- Plans for change.\n\n### DELIVERING\n\n### Managing work\n\nEssential\n- Plans a team's work.\n"
    )
    result = imported(text)
    areas = framework_areas(result.framework)
    assert areas["understanding-context"].parent == "seeing-the-big-picture"
    assert areas["thinking-ahead"].parent == "seeing-the-big-picture"
    assert areas["managing-work"].parent == "delivering"
    assert areas["understanding-context"].description == "What the competency means."
    assert [c[0] for c in criteria(result)] == ["Understanding context", "Thinking ahead", "Managing work"]
    role = described(result)[0]
    assert role.job_description.lines() == content_lines(text)


def test_a_deeper_heading_makes_a_cluster_and_a_plain_capitalised_line_is_a_heading():
    text = (
        "# Adviser\n\n## Person specification\n\n### Leadership\n\n#### Coaching\n\nEssential\n- Coaches.\n\n"
        "COMMUNICATION\n\nWriting\nEssential\n- Writes briefing.\n"
    )
    result = imported(text)
    areas = framework_areas(result.framework)
    assert areas["coaching"].parent == "leadership"
    assert areas["writing"].parent == "communication"
    assert criteria(result) == [("Coaching", "essential", "Coaches."), ("Writing", "essential", "Writes briefing.")]


def test_the_specification_ends_at_the_next_part_of_the_document():
    text = "# Analyst\n\n## Person specification\n\nEssential\n- Knows SQL.\n\n## How to apply\n\nApply online.\n"
    result = imported(text)
    role = described(result)[0]
    assert role.job_description.section("applying").paragraphs == ["Apply online."]
    assert criteria(result) == [("Person specification", "essential", "Knows SQL.")]


def test_a_markdown_table_of_criteria_with_essential_and_desirable_columns():
    text = (
        "# Officer\n\n## Skills and experience\n\n| Criteria | Essential | Desirable | Assessed by |\n"
        "| --- | --- | --- | --- |\n"
        "| Experience | Has run a project.<br>Has managed a budget. | Has led a team. | Interview |\n"
        "| Knowledge | Knows the law \\| and the rules. | | Application |\n"
    )
    result = imported(text)
    assert criteria(result) == [
        ("Experience", "essential", "Has run a project."),
        ("Experience", "essential", "Has managed a budget."),
        ("Experience", "desirable", "Has led a team."),
        ("Knowledge", "essential", "Knows the law | and the rules."),
    ]
    spec = described(result)[0].job_description.person_specification
    assert spec.heading == "Skills and experience"
    assert spec.criteria[0].notes == ["Assessed by: Interview"]


def test_a_word_document_with_its_title_in_the_body_and_a_table_of_criteria():
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph().add_run("Records Officer").bold = True
    document.add_heading("Main duties", level=2)
    document.add_paragraph("Keep the records in order.", style="List Bullet")
    document.add_paragraph("Person specification")
    table = document.add_table(rows=3, cols=3)
    rows = [("Criterion", "Essential", "Desirable"), ("Careful with detail", "✓", ""), ("Knows archive law", "", "x")]
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    out = io.BytesIO()
    document.save(out)
    result = import_documents([("officer.docx", out.getvalue())])
    role = described(result)[0]
    assert role.title == "Records Officer"
    assert criteria(result) == [
        ("Person specification", "essential", "Careful with detail"),
        ("Person specification", "desirable", "Knows archive law"),
    ]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("# Records Officer\n\n## Duties\n\n- Files.\n", "Records Officer"),
        ("Records Officer\n\n## Duties\n\n- Files.\n", "Records Officer"),
        ("Job description\nRecords Officer\n\n## Duties\n\n- Files.\n", "Records Officer"),
        ("Job title: Records Officer\n\n## Duties\n\n- Files.\n", "Records Officer"),
        ("---\nlayout: job\ntitle: Records Officer\n---\n\n## Duties\n\n- Files.\n", "Records Officer"),
    ],
)
def test_the_title_comes_from_the_document_before_the_file_name(text, title):
    result = imported(text, "jd-2024-07.md")
    assert described(result)[0].title == title
    assert "named after the file" not in " ".join(str(p) for p in result.problems)


def test_front_matter_is_read_and_never_kept_as_text():
    text = "---\nlayout: job\ntitle: Records Officer\ngrade: EO\nteam: Archives\n---\n\n## Duties\n\n- Files.\n"
    result = imported(text)
    role = described(result)[0]
    assert (role.title, role.grade) == ("Records Officer", "EO")
    kept = " ".join(role.job_description.lines())
    assert "layout" not in kept
    assert "Archives" not in kept
    assert any("front matter's 'team'" in str(p) for p in result.problems)


def test_markdown_links_are_kept_as_text_and_link():
    text = "# Officer\n\n## Purpose\n\nWork to the [service standard](https://www.gov.uk/service-manual).\n"
    role = described(imported(text))[0]
    assert role.job_description.section("purpose").paragraphs == ["Work to the service standard."]
    assert [(link.title, link.url) for link in role.job_description.links] == [
        ("service standard", "https://www.gov.uk/service-manual")
    ]


def test_a_criterion_holding_a_link_s_text_has_the_link():
    text = "# Officer\n\n## Person specification\n\nEssential\n- Knows the [GDS way](https://gds-way.example.org).\n"
    result = imported(text)
    (expectation,) = role_expectations(result.framework, described(result)[0])
    assert expectation.text == "Knows the GDS way."
    assert expectation.links == (("GDS way", "https://gds-way.example.org"),)


@pytest.mark.parametrize("line", ["Responsible to: Head of Records", "**Reports to:** Head of Records"])
def test_a_responsible_to_line_is_the_reporting_line(line):
    result = imported(f"# Records Officer\n\n{line}\n\n## Duties\n\n- Files.\n")
    role = described(result)[0]
    assert role.reports_to.role == "head-of-records"
    assert result.framework.role("head-of-records").status == "referenced"


def test_a_document_of_several_levels_is_a_role_per_level():
    text = (
        "# Developer\n\n## About the family\n\nWe build services.\n\n## Junior developer\n\n### Duties\n\n"
        "- Fixes bugs.\n\n### Person specification\n\nEssential\n- Knows one language.\n\n## Developer\n\n"
        "### Duties\n\n- Builds features.\n\n## Senior developer\n\n### Duties\n\n- Leads work.\n\n"
        "## How to apply\n\nApply online.\n"
    )
    result = imported(text)
    roles = described(result)
    assert [r.title for r in roles] == ["Junior developer", "Developer", "Senior developer"]
    for role in roles:
        lines = role.job_description.lines()
        assert "We build services." in lines
        assert "Apply online." in lines
        assert role.job_description.header[0] == "Developer"
    assert roles[0].job_description.section("duties").items == ["Fixes bugs."]
    assert criteria(result, roles[0]) == [("Person specification", "essential", "Knows one language.")]
    assert any("describes 3 levels" in str(p) for p in result.problems)


def test_level_headings_that_are_not_siblings_are_warned_about_not_merged_silently():
    text = (
        "# Developer\n\n## Junior developer\n\n- Fixes bugs.\n\n## About us\n\nWe build.\n\n"
        "## Senior developer\n\n- Leads work.\n"
    )
    result = imported(text)
    assert len(described(result)) == 1
    assert any("look like levels" in str(p) and "'Junior developer'" in str(p) for p in result.problems)


def test_a_line_that_cannot_be_placed_is_kept_and_located():
    text = "# Analyst\n\n## Person specification\n\nThis line is not a criterion.\n\n### Skills\n\n- Writes SQL.\n"
    result = imported(text)
    spec = described(result)[0].job_description.person_specification
    assert spec.paragraphs == ["This line is not a criterion."]
    (problem,) = [p for p in result.problems if "could not be placed" in str(p)]
    assert (problem.file, problem.line) == ("post.md", 5)


def test_non_breaking_spaces_are_shown_as_spaces_in_messages():
    text = "# Analyst\n\n## Person specification\n\nNot\u00a0a criterion.\n\n### Skills\n\n- Writes SQL.\n"
    messages = [str(p) for p in imported(text).problems]
    assert any("'Not a criterion.'" in m for m in messages), messages
    assert not any("\\xa0" in m for m in messages)


@pytest.mark.parametrize(
    ("name", "says"),
    [("ladder.xlsx", "import sheet"), ("roles.csv", "import sheet"), ("ladder.html", "import table")],
)
def test_import_jd_given_another_format_names_the_import_that_reads_it(tmp_path, capsys, name, says):
    from openpyxl import Workbook

    path = tmp_path / name
    if name.endswith(".xlsx"):
        Workbook().save(path)
    else:
        path.write_text("level,area,expectation\n" if name.endswith(".csv") else "<table></table>")
    assert main(["import", "jd", str(path), "-o", str(tmp_path / "out.yaml")]) == 1
    printed = capsys.readouterr().out
    assert says in printed
    assert "not a job description" in printed


def test_a_document_of_one_level_still_reads_as_before():
    parsed = parse_job_description("# Head of Data\n\n## Purpose\n\nLeads data.\n")
    assert parsed.title == "Head of Data"
    with pytest.raises(FrameworkError):
        import_documents([("broken.docx", b"not a zip")])
