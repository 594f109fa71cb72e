"""Importing job descriptions: the seeds round-trip, template drift, Word documents, and the CLI."""

from __future__ import annotations

import functools
import io
import random
import re
import zipfile

import pytest

from framework import Framework, FrameworkError, load_framework
from framework.importers.jd import (
    MAX_DOCUMENT_BYTES,
    MAX_DOCX_EXPANDED_BYTES,
    MAX_DOCX_PART_BYTES,
    import_documents,
    read_document,
)
from framework.importers.jobdesc import content_lines, parse_job_description
from tests.commands import framework_command
from tests.conftest import COUNCIL, require_seeds

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


def test_a_merged_import_is_checked_as_a_file_of_it_would_be(council):
    result = import_documents(seeds(), merge=council)
    assert result.errors == []
    again = Framework.model_validate(result.framework.model_dump(mode="json", exclude_none=True))
    assert again == result.framework, "the result is the framework its data validates to"
    # A merge base made without checks (model_copy validates nothing): the Lead Developer reports to a role it
    # no longer has. The result says so, as loading the file it would write would.
    broken = council.model_copy(update={"roles": [r for r in council.roles if r.id != "head-of-technology"]})
    failed = import_documents([d for d in seeds() if b"Project Manager" in d[1]][:1], merge=broken)
    assert failed.errors, "the merged framework is not a valid one: named, not written"
    assert all(p.severity == "error" for p in failed.errors)
    assert any("unknown role 'head-of-technology'" in p.message for p in failed.errors)


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


@pytest.mark.slow
def test_cli_import_and_merge(tmp_path):
    files = [str(require_seeds() / name) for name in COUNCIL_SEEDS]
    out = tmp_path / "imported.yaml"
    result = framework_command("import", "jd", *files, "-o", out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "delivery-manager — Delivery Manager (PO4, delivery), 87 lines kept" in result.stdout
    assert load_framework(out).role("lead-developer").grade == "PO8"
    merged = tmp_path / "merged.yaml"
    result = framework_command("import", "jd", *files, "--merge", COUNCIL, "-o", merged)
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


# --------------------------------------------------------------------------- Word documents that cannot be read


@functools.cache
def word_document() -> bytes:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Grade", "PO3"
    document.add_heading("Purpose of Job:", level=2)
    document.add_paragraph("Analyse data for services", style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def repack(data: bytes, change: dict[str, bytes | None]) -> bytes:
    """The same zip with some parts replaced (bytes) or left out (None)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = change.get(info.filename, source.read(info))
            if part is not None:
                target.writestr(info.filename, part)
    return out.getvalue()


def only_problem(data: bytes, name: str = "post.docx") -> str:
    """The one problem reading the document gives, as shown; importing it gives the same one."""
    with pytest.raises(FrameworkError) as caught:
        read_document(data, name=name)
    (problem,) = caught.value.problems
    assert problem.file == name
    with pytest.raises(FrameworkError) as imported:
        import_documents([(name, data)])
    assert imported.value.problems == [problem]
    return str(problem)


def test_malformed_xml_in_the_document_part_is_named_with_its_line_and_column():
    data = word_document()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml")
    broken = xml.replace(b"</w:body>", b"</w:bdy>")
    line = broken[: broken.index(b"</w:bdy>")].count(b"\n") + 1
    assert only_problem(repack(data, {"word/document.xml": broken})).startswith(
        f"post.docx: not a readable Word document: word/document.xml is not well-formed XML: line {line}, column "
    )


def test_malformed_xml_in_another_part_names_that_part():
    data = word_document()
    message = only_problem(repack(data, {"word/styles.xml": b"<w:styles><unclosed>"}))
    assert message.startswith("post.docx: not a readable Word document: word/styles.xml is not well-formed XML: line 1")


def test_a_file_that_is_not_a_zip_is_named():
    message = only_problem(b"%PDF-1.7 a PDF saved as .docx")
    assert message == "post.docx: not a readable Word document: it is not a zip archive, as every .docx file is"


def test_a_zip_without_the_document_part_is_named():
    message = only_problem(repack(word_document(), {"word/document.xml": None}))
    assert message == (
        "post.docx: not a readable Word document: a part is missing "
        "(There is no item named 'word/document.xml' in the archive)"
    )


def test_a_zip_that_is_not_a_word_package_is_named():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "just a zip")
    message = only_problem(out.getvalue())
    assert message.startswith("post.docx: not a readable Word document: a part is missing (")


def test_a_damaged_zip_is_named():
    data = bytearray(word_document())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)  # the part's compressed data
    data[start + 10 : start + 20] = bytes(10)
    assert only_problem(bytes(data)).startswith("post.docx: not a readable Word document: the zip archive is damaged")


def bomb(parts: dict[str, int]) -> bytes:
    """A Word document whose named parts expand to the given sizes: spaces, which deflate a thousandfold."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(word_document())) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            if info.filename not in parts:
                z.writestr(info.filename, source.read(info))
        for name, size in parts.items():
            with z.open(name, "w") as part:
                for start in range(0, size, 1 << 20):
                    part.write(b" " * min(1 << 20, size - start))
    return out.getvalue()


@pytest.fixture
def python_docx_must_not_read(monkeypatch):
    """Fail the test if the document reaches python-docx: the sizes must be checked before it reads anything."""
    docx = pytest.importorskip("docx")
    word_document()  # made (and kept) before python-docx is taken away

    def refuse(*args, **kwargs):
        raise AssertionError("python-docx was asked to read the document")

    monkeypatch.setattr(docx, "Document", refuse)


def test_a_zip_bomb_is_refused_before_it_is_read(python_docx_must_not_read):
    data = bomb({"word/document.xml": MAX_DOCX_PART_BYTES + 1})
    assert len(data) < 100_000  # a small upload...
    assert only_problem(data) == (  # ...that would expand to more than the limit
        "post.docx: word/document.xml expands to 8.1 MiB, more than the 8 MiB a part of a Word document may hold"
    )


def test_parts_that_expand_beyond_the_total_are_refused(python_docx_must_not_read):
    size = MAX_DOCX_EXPANDED_BYTES // 3 + 1  # each part within its own limit, three of them beyond the total
    data = bomb({f"word/media/filler{i}.bin": size for i in range(3)})
    assert only_problem(data).startswith("post.docx: the Word document expands to 16.")
    assert only_problem(data).endswith("MiB, more than the 16 MiB limit")


def test_a_size_the_zip_declares_is_enough_to_refuse_it(python_docx_must_not_read):
    """A zip's directory that declares a part of 10 GB is refused on that alone: nothing is decompressed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(word_document())) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            z.writestr(info.filename, source.read(info))
        z.filelist[-1].file_size = 10 * 10**9  # the central directory, written on closing, declares 10 GB
    message = only_problem(out.getvalue())
    assert message.startswith("post.docx: ")
    assert "expands to 9,536.8 MiB, more than the 8 MiB" in message


def test_a_part_just_within_the_limit_is_read():
    data = repack(word_document(), {"word/media/filler.bin": b" " * (MAX_DOCX_PART_BYTES - 1)})
    assert "Analyse data for services" in read_document(data, name="post.docx")


def test_a_line_too_long_to_keep_is_located():
    text = "# Data Analyst\n## Purpose of Job:\n- " + "x" * 6000 + "\n"
    with pytest.raises(FrameworkError) as caught:
        import_documents([("long.md", text.encode())])
    assert [str(p) for p in caught.value.problems] == [
        "long.md:3: longer than 5,000 characters, the most a line may hold"
    ]


def test_every_unreadable_document_is_named_at_once():
    good = b"# Data Analyst\n## Purpose of Job:\nAnalyse data.\n"
    files = [
        ("a.docx", b"not a zip"),
        ("good.md", good),
        ("b.docx", repack(word_document(), {"[Content_Types].xml": None})),
    ]
    with pytest.raises(FrameworkError) as caught:
        import_documents(files)
    assert caught.value.summary == "2 documents could not be read"
    assert [p.file for p in caught.value.problems] == ["a.docx", "b.docx"]


def test_word_text_is_read_as_python_docx_reads_it():
    """The reader walks the XML itself (python-docx's own objects cost minutes on a large hostile document): it
    gives what python-docx's paragraphs, styles and cells give."""
    docx = pytest.importorskip("docx")
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    for row, (label, value) in zip(
        table.rows, [("Grade", "PO3"), ("Job title", "Analyst"), ("Note:", "x")], strict=True
    ):
        row.cells[0].text, row.cells[1].text = label, value
    table.rows[2].cells[0].add_paragraph("second line")
    document.add_heading("A title", level=0)
    document.add_heading("Purpose of Job:", level=2)
    paragraph = document.add_paragraph("Tab\tbetween, ", style="List Bullet")
    paragraph.add_run("a break").add_break(WD_BREAK.LINE)
    paragraph.add_run("after it")
    document.add_paragraph("")
    document.add_paragraph("   ")
    document.add_heading("Deep", level=9)
    document.add_paragraph("Quoted", style="Quote")
    buffer = io.BytesIO()
    document.save(buffer)
    data = repack(buffer.getvalue(), {})
    document = docx.Document(io.BytesIO(data))

    expected = []  # what python-docx's objects say, line by line
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        style = paragraph.style.name.lower()
        if style.startswith("heading"):
            expected.append("#" * min(int(style.split()[-1]) if style.split()[-1].isdigit() else 2, 6) + " " + text)
        elif style.startswith("list") or (paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None):
            expected.append("- " + text)
        elif style == "title":
            expected.append("# " + text)
        else:
            expected.append(text)
    for row in document.tables[0].rows:
        cells = [c.text.strip() for c in row.cells if c.text.strip()]
        expected.insert(0, f">{cells[0]}: {cells[1]}" if len(cells) == 2 and ":" not in cells[0] else " ".join(cells))
    assert read_document(data, name="rich.docx") == "\n".join(expected) + "\n"
    assert "- Tab\tbetween, a break\nafter it" in expected


def test_mangled_word_documents_give_a_located_problem_and_nothing_else():
    """Bytes flipped, XML cut and spliced, parts dropped or swapped: each document reads, or is one problem
    naming it; python-docx's own failures (an AttributeError on a part of the wrong kind, say) never escape."""
    data = word_document()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    rng = random.Random(20240601)
    outcomes = set()
    for _ in range(150):
        how = rng.choice(["bytes", "xml", "drop", "swap"])
        if how == "bytes":
            mangled = bytearray(data)
            for _ in range(rng.randint(1, 20)):
                mangled[rng.randrange(len(mangled))] = rng.randrange(256)
            mangled = bytes(mangled)
        else:
            name = rng.choice(sorted(parts))
            if how == "drop":
                change = {name: None}
            elif how == "swap":
                other = rng.choice(sorted(set(parts) - {name}))
                change = {name: parts[other], other: parts[name]}
            else:
                xml = bytearray(parts[name])
                for _ in range(rng.randint(1, 5)):
                    at = rng.randrange(len(xml))
                    if rng.random() < 0.5:
                        del xml[at : at + rng.randint(1, 30)]
                    else:
                        source = rng.randrange(len(xml))
                        xml[at:at] = xml[source : source + rng.randint(1, 200)]
                change = {name: bytes(xml)}
            mangled = repack(data, change)
        try:
            import_documents([("mangled.docx", mangled)])
        except FrameworkError as error:
            outcomes.add(tuple(p.file for p in error.problems))
        else:
            outcomes.add("read")
    assert outcomes == {"read", ("mangled.docx",)}


@pytest.mark.slow
def test_the_cli_names_a_broken_word_document_in_one_line_without_a_traceback(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(repack(word_document(), {"word/document.xml": b"<w:document><w:body></w:document>"}))
    bombed = tmp_path / "bomb.docx"
    bombed.write_bytes(bomb({"word/document.xml": MAX_DOCX_PART_BYTES + 1}))
    for path, problem in [
        (
            broken,
            "broken.docx: not a readable Word document: word/document.xml is not well-formed XML: line 1, column ",
        ),
        (bombed, "bomb.docx: word/document.xml expands to 8.1 MiB, more than the 8 MiB a part of a Word document "),
    ]:
        result = framework_command("import", "jd", path, "-o", tmp_path / "out.yaml")
        assert result.returncode == 1, result.stdout + result.stderr
        assert result.stderr == ""
        assert "Traceback" not in result.stdout
        # One line that names the file and says what is wrong.
        (line,) = result.stdout.splitlines()
        assert line.startswith(problem), result.stdout
        assert not (tmp_path / "out.yaml").exists()


def test_a_part_of_the_wrong_kind_is_named():
    """python-docx fails on a package whose parts are of the wrong kinds in ways of its own (here an
    AttributeError): that too is a problem naming the file."""
    data = word_document()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        styles = archive.read("word/styles.xml")
    message = only_problem(repack(data, {"[Content_Types].xml": styles}))
    assert message.startswith(
        "post.docx: not a readable Word document: its parts are not those of a Word document (AttributeError: "
    )


def test_more_text_than_a_document_may_hold_is_refused():
    paragraph = "<w:p><w:r><w:t>" + "x" * 4000 + "</w:t></w:r></w:p>"
    data = word_document()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode()
    xml = xml.replace("<w:body>", "<w:body>" + paragraph * (MAX_DOCUMENT_BYTES // 4000 + 1), 1)
    assert len(xml) < MAX_DOCX_PART_BYTES
    assert only_problem(repack(data, {"word/document.xml": xml.encode()})) == (
        "post.docx: the document's text is larger than the 5 MiB limit"
    )


PLAIN_TEXT_JD = """Senior Delivery Manager

Grade: PO6
Reports to: Head of Delivery Management
Salary: £48,000 - £53,500

Job purpose
Lead the delivery of complex digital services for residents across the council.

Main duties and responsibilities:
- Lead two or more agile delivery teams, removing blockers and keeping delivery momentum.
- Manage the team budget and contracts with suppliers.

Person specification

Essential
- Significant experience leading agile delivery of digital services.
"""


def test_plain_text_section_names_on_lines_of_their_own_are_headings():
    """A plain-text document names its sections on lines of their own, with no heading marks: a line that is a
    section's name ("Job purpose", "Main duties and responsibilities:") opens that section, and stays its heading
    word for word; the duties are not read as part of the purpose."""
    parsed = parse_job_description(PLAIN_TEXT_JD)
    jd = parsed.job_description
    assert [(s.kind, s.heading) for s in jd.sections] == [
        ("purpose", "Job purpose"),
        ("duties", "Main duties and responsibilities:"),
    ]
    assert jd.section("purpose").paragraphs == [
        "Lead the delivery of complex digital services for residents across the council."
    ]
    assert jd.section("duties").items == [
        "Lead two or more agile delivery teams, removing blockers and keeping delivery momentum.",
        "Manage the team budget and contracts with suppliers.",
    ]
    assert jd.person_specification is not None
    assert parsed.title == "Senior Delivery Manager"
    salary = parsed.salary[0]
    assert (salary.location, salary.minimum_gbp, salary.maximum_gbp) == (None, 48000, 53500), "'Salary' is no place"
    assert salary.evidence == "Salary: £48,000 - £53,500"


def test_a_listed_item_naming_a_section_stays_an_item():
    text = PLAIN_TEXT_JD.replace("- Manage the team budget", "- Duties\n- Manage the team budget")
    duties = parse_job_description(text).job_description.section("duties")
    assert duties.items[1] == "Duties"
    assert len(parse_job_description(text).job_description.sections) == 2
