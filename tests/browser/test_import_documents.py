"""Import a job description, in the browser: Word documents that cannot be read — malformed XML, not a zip,
a zip bomb — are named on the page, each with what is wrong, and nothing else happens (no traceback)."""

from __future__ import annotations

import io
import zipfile

from .helpers import exceptions, expect_rerun, goto

GOOD = b"# Data Analyst\n## Purpose of Job:\nAnalyse data for services.\n"


def word_document(document_xml: bytes | None = None, *, filler: int = 0) -> bytes:
    """A Word document (python-docx's blank one), with its document part replaced and ``filler`` spaces added."""
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            replace = document_xml is not None and info.filename == "word/document.xml"
            target.writestr(info.filename, document_xml if replace else source.read(info))
        if filler:
            with target.open("word/media/filler.bin", "w") as part:
                for start in range(0, filler, 1 << 20):
                    part.write(b" " * min(1 << 20, filler - start))
    return out.getvalue()


def test_documents_that_cannot_be_read_are_each_named_with_what_is_wrong(page, app_url):
    from framework.importers.jd import MAX_DOCX_PART_BYTES

    files = [
        ("malformed.docx", word_document(b"<w:document><w:body></w:document>")),
        ("not-a-zip.docx", b"%PDF-1.7 saved with the wrong name"),
        ("bomb.docx", word_document(filler=MAX_DOCX_PART_BYTES + 1)),
        ("good.md", GOOD),
    ]
    goto(page, app_url, "/import_jd")
    uploader = page.locator('[data-testid="stMain"] [data-testid="stFileUploader"]')
    with expect_rerun(page):
        uploader.locator('input[type="file"]').set_input_files(
            files=[{"name": name, "mimeType": "application/octet-stream", "buffer": data} for name, data in files]
        )
    main = page.locator('[data-testid="stMain"]')
    error = main.locator('[data-testid="stAlert"]', has_text="could not be read")
    assert error.count() == 1, main.inner_text()
    assert "3 problem(s)" in error.inner_text()
    lines = main.locator('[data-testid="stCode"]').first.inner_text().strip().splitlines()
    assert len(lines) == 3, lines
    assert lines[0].startswith(
        "malformed.docx: not a readable Word document: word/document.xml is not well-formed XML: line 1, column "
    ), lines
    assert lines[1] == "not-a-zip.docx: not a readable Word document: it is not a zip archive, as every .docx file is"
    assert lines[2] == (
        "bomb.docx: word/media/filler.bin expands to 8.1 MiB, more than the 8 MiB a part of a Word document may hold"
    )
    assert exceptions(page) == []
    assert main.get_by_role("button", name="Download the framework YAML").count() == 0
