"""The job-description importer never loses a document and never crashes on an ordinary one: odd grades, long
titles, managers and section headings, titles that make the same id, titles in other scripts. In the library,
on the command line (``python -m framework import jd``) and in what the app's import page shows.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from framework import FrameworkError, load_framework
from framework.importers.jd import MAX_ID, import_documents, read_document
from framework.loader import validate_data
from tests.commands import framework_command
from tests.conftest import ROOT


def document(
    title: str = "Delivery Manager",
    *,
    grade: str = "PO4",
    section: str = "Delivery",
    manager: str = "senior delivery manager",
) -> bytes:
    """A job description in the council's template."""
    return (
        f">Department: Digital and Customer Services\n>Postholder Section: {section}\n>Grade: {grade}\n"
        f">Position Designation: {title}\n\n## Purpose of Job:\nThis role is responsible to the {manager} to:\n"
        "1. Lead the delivery of digital services.\n\n## Main Duties:\n1. Run the team's ceremonies.\n"
    ).encode()


def imported(*files: tuple[str, bytes], merge=None):
    """The import, checked like a framework file: it must be one (no error), whatever the documents say."""
    result = import_documents(list(files), merge=merge)
    _, problems = validate_data(result.framework.model_dump(mode="json", exclude_none=True))
    assert [p for p in problems if p.severity == "error"] == []
    return result


def warnings(result, code: str) -> list[str]:
    return [str(p) for p in result.problems if p.code == code]


@pytest.mark.parametrize("grade", ["PO 4", "PO4/PO5", "PO4 or PO5", "Grade 7 (London)", "Band 6–7"])
def test_an_odd_grade_is_kept_as_written_with_a_warning(grade):
    result = imported(("post.txt", document(grade=grade)))
    role = result.documents[0].role
    assert role.grade is None
    assert f"Grade: {grade}" in role.job_description.header  # the line, word for word
    (warning,) = warnings(result, "odd-grade")
    assert warning.startswith(f"post.txt: warning: the grade {grade!r} is not a grade id")


def test_an_odd_grade_that_names_a_grade_of_the_framework_merged_into_is_that_grade(council):
    result = imported(("post.txt", document(grade="po 4")), merge=council)
    assert result.documents[0].role.grade == "PO4"
    assert warnings(result, "odd-grade") == []


LONG = "Principal " * 30 + "Delivery Manager"  # 316 characters, and so is its id


@pytest.mark.parametrize(
    ("name", "data", "what"),
    [
        ("post.txt", document(LONG), "title"),
        ("post.txt", document(manager=LONG.lower()), "role named"),
        ("post.txt", document(section=LONG), "section"),
        (LONG + ".txt", b"## Main Duties:\n1. Run the team.\n", "file name"),
    ],
    ids=["title", "manager", "section", "file-name"],
)
def test_a_long_value_makes_a_shortened_id_with_a_warning(name, data, what):
    result = imported((name, data))
    ids = [r.id for r in result.framework.roles] + [d.id for d in result.framework.disciplines]
    assert all(len(i) <= MAX_ID for i in ids)
    (warning,) = warnings(result, "id-shortened")
    assert f"warning: the {what} " in warning
    assert "makes an id of 316 characters, more than the 120 an id may have: shortened to 'principal-principal" in (
        warning
    )
    assert len(result.documents) == 1


@pytest.mark.parametrize(
    "titles",
    [
        ["Delivery Manager", "Delivery Manager"],
        ["Delivery Manager", "Delivery-Manager", "delivery manager!"],
        ["Ведущий менеджер проекта", "项目经理", "Προϊστάμενος ομάδας", "مدير المشروع"],
    ],
    ids=["same-title", "same-id", "non-latin"],
)
def test_every_document_becomes_a_role_of_its_own(titles):
    result = imported(*((f"doc-{i}.txt", document(title)) for i, title in enumerate(titles)))
    described = [r for r in result.framework.roles if r.status == "described"]
    assert len(described) == len(titles)  # four documents are four roles, never two
    assert sorted(r.title for r in described) == sorted(titles)
    assert len({r.id for r in described}) == len(titles)
    assert "role" not in {r.id for r in described}  # a readable id, not a placeholder
    assert [d.role.id for d in result.documents] == [r.id for r in described]
    taken = warnings(result, "id-taken")
    clashes = len(titles) - len({title.lower().replace("-", " ").rstrip("!") for title in titles})
    assert len(taken) == clashes
    for warning in taken:
        assert "is already that of 'doc-0.txt'" in warning


def test_non_latin_titles_are_transliterated():
    result = imported(("a.txt", document("Ведущий менеджер проекта")), ("b.txt", document("项目经理")))
    assert [d.role.id for d in result.documents] == ["vedushchiy-menedzher-proekta", "xiangmujingli"]


def test_a_clash_with_a_role_of_the_framework_merged_into_is_refreshed_once(council):
    """Two documents with the title of one role of the framework: the first refreshes it, the second is a role of
    its own, and neither is lost."""
    title = council.role("delivery-manager").title
    result = imported(("a.txt", document(title)), ("b.txt", document(title)), merge=council)
    assert [d.role.id for d in result.documents] == ["delivery-manager", "delivery-manager-2"]
    (warning,) = warnings(result, "id-taken")
    assert "b.txt: warning: the id 'delivery-manager' is already that of 'a.txt' (the same title)" in warning


@pytest.mark.slow
def test_the_command_line_imports_them_all_without_a_traceback(tmp_path):
    files = []
    for i, (title, grade) in enumerate([(LONG, "PO 4"), ("项目经理", "PO4/PO5"), ("项目经理", "PO5")]):
        path = tmp_path / f"jd-{i}.txt"
        path.write_bytes(document(title, grade=grade))
        files.append(str(path))
    out = tmp_path / "out.yaml"
    result = framework_command("import", "jd", *files, "-o", out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for said in ("shortened to", "is not a grade id", "already that of"):
        assert said in result.stdout
    framework = load_framework(out)
    assert len([r for r in framework.roles if r.status == "described"]) == 3


def test_a_word_document_nested_too_deeply_never_says_to_switch_off_a_limit():
    from tests.test_jd_import import repack, word_document

    data = word_document()
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    deep = xml.replace(b"<w:body>", b"<w:body>" + b"<w:p>" * 300 + b"</w:p>" * 300)
    with pytest.raises(FrameworkError) as caught:
        read_document(repack(data, {"word/document.xml": deep}), name="deep.docx")
    (problem,) = caught.value.problems
    assert "XML_PARSE_HUGE" not in str(problem)
    assert str(problem).endswith("Excessive depth in document: 256 (a limit kept for safety)")


def test_the_import_page_shows_every_document_and_what_to_check():
    from streamlit.testing.v1 import AppTest

    from tests.apptest import TIMEOUT

    at = AppTest.from_file(str(ROOT / "pages" / "import_jd.py"), default_timeout=TIMEOUT).run()
    files = [
        ("a.txt", document("项目经理", grade="PO4/PO5"), "text/plain"),
        ("b.txt", document("项目经理"), "text/plain"),
        ("c.txt", document(LONG), "text/plain"),
    ]
    at.file_uploader(key="jd_files").set_value(files).run()
    assert not at.exception
    assert [h.value for h in at.header] == ["项目经理", "项目经理", LONG]
    shown = at.code[0].value
    for said in ("is not a grade id", "is already that of 'a.txt' (the same title)", "shortened to"):
        assert said in shown
    assert not at.error  # the result is a valid framework: it can be downloaded
