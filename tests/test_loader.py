"""Loading: every problem of a file at once, each located (file:line:column, role id, field path)."""

from __future__ import annotations

import textwrap

import pytest

from framework import FrameworkError, check_framework_text, load_framework, load_framework_text

VALID = """\
id: t
name: Test framework
grades:
  - id: PO1
  - id: PO2
  - id: Head
disciplines:
  - id: delivery
    name: Delivery
skill_levels:
  - id: working
    name: Working
  - id: expert
    name: Expert
skills:
  - id: agile
    name: Agile
    levels:
      working: Can work in agile teams.
      expert: Can lead agile change.
roles:
  - id: junior
    title: Junior
    discipline: delivery
    grade: PO1
    source: {kind: document, document: junior.txt}
    reports_to: {role: senior}
    skills:
      - {skill: agile, level: working}
  - id: senior
    title: Senior
    discipline: delivery
    grade: PO2
    source: {kind: document, document: senior.txt}
    skills:
      - {skill: agile, level: expert}
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(FrameworkError) as caught:
        load_framework_text(text, name="f.yaml")
    return [str(p) for p in caught.value.problems]


def replace(old: str, new: str) -> str:
    assert old in VALID, old
    return VALID.replace(old, new, 1)


def test_the_valid_file_loads():
    framework = load_framework_text(VALID, name="f.yaml")
    assert [r.id for r in framework.roles] == ["junior", "senior"]
    assert framework.grade_rank == {"PO1": 0, "PO2": 1, "Head": 2}
    assert framework.level_rank == {"working": 1, "expert": 2}


# Each case: a change to the valid file → the exact located problem it must produce.
BROKEN = [
    pytest.param(
        replace("    grade: PO1\n", "    grade: PO9\n"),
        "f.yaml:25:5: role junior: roles[0].grade: unknown grade 'PO9' (known: PO1, PO2, Head)",
        id="unknown-grade",
    ),
    pytest.param(
        replace("    discipline: delivery\n    grade: PO1", "    discipline: product\n    grade: PO1"),
        "f.yaml:24:5: role junior: roles[0].discipline: unknown discipline 'product' (known: delivery)",
        id="unknown-discipline",
    ),
    pytest.param(
        replace("reports_to: {role: senior}", "reports_to: {role: seniour}"),
        "f.yaml:27:18: role junior: roles[0].reports_to.role: unknown role 'seniour' (did you mean 'senior'?)",
        id="unknown-manager",
    ),
    pytest.param(
        replace("{skill: agile, level: working}", "{skill: agyle, level: working}"),
        "f.yaml:29:10: role junior: roles[0].skills[0].skill: unknown skill 'agyle' (did you mean 'agile'?)",
        id="unknown-skill",
    ),
    pytest.param(
        replace("{skill: agile, level: working}", "{skill: agile, level: master}"),
        "f.yaml:29:24: role junior: roles[0].skills[0].level: unknown skill level 'master' (known: working, expert)",
        id="level-off-the-scale",
    ),
    pytest.param(
        replace("      expert: Can lead", "      guru: Can lead"),
        "f.yaml:20:7: skills[0].levels.guru: unknown skill level 'guru' (known: working, expert)",
        id="descriptor-off-the-scale",
    ),
    pytest.param(
        replace("  - id: senior\n", "  - id: junior\n"),
        "f.yaml:30:5: role junior: roles[1].id: duplicate id 'junior' (already used by roles[0])",
        id="duplicate-role-id",
    ),
    pytest.param(
        replace("  - id: PO2\n", "  - id: PO1\n"),
        "f.yaml:5:5: grades[1].id: duplicate id 'PO1' (already used by grades[0])",
        id="duplicate-grade-id",
    ),
    pytest.param(
        replace("    title: Senior\n", "    title: Senior\n    reports_to: {role: junior}\n"),
        "f.yaml:27:18: role junior: roles[0].reports_to.role: reporting-line cycle: junior → senior → junior "
        "(a role cannot, through its managers, report to itself)",
        id="reporting-cycle",
    ),
    pytest.param(
        replace("    title: Junior\n", ""),
        "f.yaml:22:5: role junior: roles[0].title: missing required field 'title'",
        id="missing-title",
    ),
    pytest.param(
        replace("    title: Junior\n", "    title: Junior\n    titel: Typo\n"),
        "f.yaml:24:5: role junior: roles[0].titel: unknown field 'titel' (not part of the schema; check the spelling)",
        id="misspelt-field",
    ),
    pytest.param(
        replace("  - id: junior\n", "  - id: Junior Role\n"),
        "f.yaml:22:5: role Junior Role: roles[0].id: 'Junior Role' is not a valid id "
        "(use letters, digits, '-', '_' or '.', no spaces)",
        id="bad-id",
    ),
    pytest.param(
        replace("kind: document, document: junior.txt", "kind: rumour, document: junior.txt"),
        "f.yaml:26:5: role junior: roles[0].source: input tag 'rumour' found using 'kind' does not match any "
        "of the expected tags: 'document', 'referenced', 'import'",
        id="bad-source-kind",
    ),
    pytest.param(
        replace("    title: Junior\n", "    title: 2024-01-01\n"),
        "f.yaml:23:5: role junior: roles[0].title: input should be a valid string, got the date 2024-01-01 "
        "(put it in quotes if it is text)",
        id="date-not-text",
    ),
    pytest.param(
        replace("kind: document, document: junior.txt", "kind: referenced, referenced_by: []"),
        "f.yaml:26:32: role junior: roles[0].source.referenced_by: list should have at least 1 item after "
        "validation, not 0, got a list",
        id="referenced-by-nobody",
    ),
    pytest.param(
        replace("name: Test framework\n", "name: Test framework\nname: Again\n"),
        "f.yaml:3:1: duplicate key 'name': YAML keeps only the last value, so an earlier one would be lost",
        id="duplicate-key",
    ),
    pytest.param(
        replace("grades:\n", "grades: [\n"),
        "f.yaml:4:3: YAML syntax: while parsing a flow node; did not find expected node content",
        id="yaml-syntax",
    ),
    pytest.param("", "f.yaml: the file is empty: a framework needs at least 'id', 'name' and 'grades'", id="empty"),
    pytest.param(
        "- just\n- a list\n",
        "f.yaml: the top level must be a mapping of fields (id, name, grades, …), not a list",
        id="not-a-mapping",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BROKEN)
def test_broken_input_gives_a_located_message(text, expected):
    assert expected in problems_of(text)


def test_every_problem_is_reported_at_once():
    text = replace("    grade: PO1\n", "    grade: PO9\n")
    text = text.replace("{skill: agile, level: expert}", "{skill: nope, level: expert}")
    text = text.replace("    title: Senior\n", "")
    found = problems_of(text)
    assert len(found) == 3, found
    assert any("unknown grade 'PO9'" in p for p in found)
    assert any("unknown skill 'nope'" in p for p in found)
    assert any("missing required field 'title'" in p for p in found)


def test_problems_carry_structured_locations():
    with pytest.raises(FrameworkError) as caught:
        load_framework_text(replace("    grade: PO1\n", "    grade: PO9\n"), name="f.yaml")
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.column) == ("f.yaml", 25, 5)
    assert (problem.role, problem.path, problem.code) == ("junior", ("roles", 0, "grade"), "unknown-grade")


def test_a_referenced_role_cannot_carry_invented_text():
    text = replace(
        "    source: {kind: document, document: senior.txt}\n",
        "    source: {kind: referenced, referenced_by: [{role: junior, evidence: x}]}\n"
        "    job_description: {title: Invented}\n",
    )
    assert any("a referenced role has no document of its own" in p for p in problems_of(text))


def test_suspicious_but_valid_data_gives_warnings_not_errors():
    text = replace("    grade: PO1\n", "    grade: Head\n")
    warnings = check_framework_text(text, name="f.yaml").warnings
    messages = [str(w) for w in warnings]
    assert any("reports to 'senior', whose grade PO2 is below its own grade Head" in m for m in messages), messages
    assert all(w.severity == "warning" for w in warnings)


def test_unused_discipline_is_a_warning():
    text = replace("    name: Delivery\n", "    name: Delivery\n  - id: product\n    name: Product\n")
    warnings = check_framework_text(text, name="f.yaml").warnings
    assert "f.yaml:10:5: disciplines[1].id: warning: discipline 'product' has no roles" in [str(w) for w in warnings]


def test_load_framework_reads_files_and_names_them(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(textwrap.dedent(replace("    grade: PO1\n", "    grade: PO9\n")), encoding="utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    assert caught.value.problems[0].file == str(path)
    assert str(path) in str(caught.value)


def test_missing_file():
    with pytest.raises(FrameworkError, match="no such file"):
        load_framework("/nonexistent/framework.yaml")


def test_the_loaded_framework_is_immutable(council):
    with pytest.raises(Exception, match="frozen"):
        council.roles[0].title = "Changed"


def test_a_copy_of_a_framework_does_not_keep_stale_lookups(council):
    assert council.role("delivery-manager").title == "Delivery Manager"  # fills the cached lookup
    renamed = council.role("delivery-manager").model_copy(update={"title": "Renamed"})
    copy = council.model_copy(update={"roles": [renamed if r.id == renamed.id else r for r in council.roles]})
    assert copy.role("delivery-manager").title == "Renamed"
    assert council.role("delivery-manager").title == "Delivery Manager"


# Each case adds a line after the grade of the first role (line 25): its problem is on line 26, at the mapping.
OUT_OF_BOUNDS = [
    pytest.param(
        "    budget: {amount_gbp: 10000000000001, evidence: stated}\n",
        "f.yaml:26:14: role junior: roles[0].budget.amount_gbp: input should be less than or equal to 10000000000000",
        id="budget-over-ten-trillion",
    ),
    pytest.param(
        "    budget: {amount_gbp: " + "9" * 400 + ", evidence: stated}\n",
        "f.yaml:26:14: role junior: roles[0].budget.amount_gbp: input should be less than or equal to 10000000000000",
        id="budget-of-400-digits",
    ),
    pytest.param(
        "    budget: {amount_gbp: -1, evidence: stated}\n",
        "f.yaml:26:14: role junior: roles[0].budget.amount_gbp: input should be greater than or equal to 0",
        id="negative-budget",
    ),
    pytest.param(
        "    salary: [{minimum_gbp: -1, maximum_gbp: 30000, evidence: stated}]\n",
        "f.yaml:26:15: role junior: roles[0].salary[0].minimum_gbp: input should be greater than or equal to 0",
        id="negative-salary",
    ),
    pytest.param(
        "    management: {direct: 1000001, evidence: [stated]}\n",
        "f.yaml:26:18: role junior: roles[0].management.direct: input should be less than or equal to 1000000",
        id="staff-over-a-million",
    ),
]


@pytest.mark.parametrize(("line", "expected"), OUT_OF_BOUNDS)
def test_an_amount_out_of_bounds_is_located(line, expected):
    (problem,) = problems_of(replace("    grade: PO1\n", "    grade: PO1\n" + line))
    assert problem.startswith(expected), problem


def test_a_huge_salary_is_a_located_problem():
    text = replace(
        "    grade: PO1\n",
        "    grade: PO1\n"
        "    salary:\n"
        "      - location: London\n"
        "        minimum_gbp: 30000\n"
        "        maximum_gbp: 5000000000\n"
        "        evidence: 'London: £30,000 - £5,000,000,000'\n",
    )
    with pytest.raises(FrameworkError) as caught:
        load_framework_text(text, name="f.yaml")
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.column) == ("f.yaml", 29, 9)
    assert (problem.role, problem.path) == ("junior", ("roles", 0, "salary", 0, "maximum_gbp"))
    assert str(problem).startswith(
        "f.yaml:29:9: role junior: roles[0].salary[0].maximum_gbp: input should be less than or equal to 1000000000"
    ), problem
    # A salary at the bound itself is accepted.
    load_framework_text(text.replace("5000000000", "1000000000"), name="f.yaml")


def test_a_number_out_of_bounds_is_shown_briefly_and_without_a_hint_to_quote_it():
    (problem,) = problems_of(
        replace("    grade: PO1\n", "    grade: PO1\n    budget: {amount_gbp: " + "9" * 400 + ", evidence: stated}\n")
    )
    assert problem.endswith("got the number 999999999999… (400 digits)"), problem
    assert "quotes" not in problem


def test_a_number_where_text_belongs_gets_the_hint_to_quote_it():
    (problem,) = problems_of(replace("    title: Senior\n", "    title: 1.5\n"))
    assert problem.endswith("input should be a valid string, got the number 1.5 (put it in quotes if it is text)")


def test_errors_come_in_two_families_under_one_base(tmp_path):
    """A problem with an input is an InputError, a question with no answer a QueryError: both FrameworkErrors."""
    from framework import InputError, NoPath, QueryError, RoleNotFound
    from framework.graph import build_graph
    from framework.routes import progression_paths

    with pytest.raises(InputError) as bad:
        load_framework_text("id: x\nname: X\ngrades: []\n", name="x.yaml")
    assert isinstance(bad.value, FrameworkError)
    with pytest.raises(InputError):
        load_framework(tmp_path / "missing.yaml")
    framework = load_framework_text(
        "id: x\nname: X\ngrades: [{id: g1}, {id: g2}]\ndisciplines: [{id: d, name: D}]\nroles:\n"
        "  - {id: a, title: A, discipline: d, grade: g1, source: {kind: import, framework: t}}\n"
        "  - {id: b, title: B, discipline: d, grade: g2, source: {kind: import, framework: t}}\n",
        name="x.yaml",
    )
    with pytest.raises(RoleNotFound) as unknown:
        framework.role("c")
    assert isinstance(unknown.value, QueryError)
    with pytest.raises(NoPath) as none:
        progression_paths(build_graph(framework), "b", "a")
    assert isinstance(none.value, QueryError)
    assert not isinstance(none.value, InputError)


@pytest.mark.parametrize(
    ("text", "where", "says"),
    [
        ('id: x\nname: "open\nroles: []\n', "2:7", "a quoted text starts here and its closing quote is missing"),
        ("id: x\nname: a: b\n", "2:8", "a second ': ' on one line: put a text that holds ': ' in quotes"),
        ("id: x\n\tname: y\n", "2:1", "a tab character: YAML indents with spaces only"),
        (
            "id: x\nroles:\n  - id: a\n   title: b\n",
            "4:4",
            "does not line up with the lines of the block that starts at line 3",
        ),
        ("id: x\nname y\nroles: []\n", "2:1", "a line with no 'name: value' where one was expected"),
        ("id: [a, b\nname: c\n", "2:5", "a list or mapping in brackets opened at line 1, column 5"),
    ],
    ids=["unclosed-quote", "two-colons", "tab", "indentation", "no-colon", "open-bracket"],
)
def test_a_yaml_mistake_is_said_in_plain_words_where_it_is_to_be_fixed(text, where, says):
    with pytest.raises(FrameworkError) as error:
        load_framework_text(text, name="mine.yaml")
    (problem,) = error.value.problems
    assert str(problem).startswith(f"mine.yaml:{where}: YAML syntax: ")
    assert says in problem.message
    assert "(the YAML reader says: " in problem.message, "the reader's own words stay, for those who know YAML"


def test_a_persons_record_or_self_assessment_given_as_a_framework_says_where_it_goes():
    from framework.record import dump_record
    from framework.skills import dump_profile, profile_from_role
    from tests.conftest import COUNCIL
    from tests.record_samples import sam

    council = load_framework(COUNCIL)
    for text, page in (
        (dump_record(sam(council)), "the Development record page"),
        (dump_profile(profile_from_role(council, "delivery-manager")), "the Skill gap and plan page"),
    ):
        with pytest.raises(FrameworkError) as error:
            load_framework_text(text, name="mine.yaml")
        (problem,) = error.value.problems
        assert problem.code == "wrong-file"
        assert page in problem.message
