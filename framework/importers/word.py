"""Word job descriptions (.docx) as the light Markdown the job-description reader reads.

Headings (``Heading N``, ``Title``) become ``#`` headings, list paragraphs ``-`` items, and the rest lines of
text, in the body's order. Tables are read two ways: a table whose header row has Essential / Desirable columns
is a person specification's criteria, written in place as a Markdown table (each cell's paragraphs joined by
``<br>``) for :mod:`.personspec` to read; any other table — header fields laid out as ``Grade | PO4`` — goes
first, as ``>Label: value`` header lines (the last row first).

The body is read straight from its XML: python-docx builds an object and evaluates an XPath expression for every
paragraph and run, which a flood of tiny paragraphs turns into minutes. Whatever is wrong with a file — not a
zip, a damaged zip, a missing part, XML that is not well-formed, a package that is not a Word document, parts
too large once expanded — is one located problem naming the file.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from ..errors import FrameworkError, InputError

__all__ = ["MAX_DOCUMENT_BYTES", "MAX_DOCX_EXPANDED_BYTES", "MAX_DOCX_PART_BYTES", "docx_text"]

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024  #: the largest document read, and the most text one may hold
# A Word document is a zip archive, and XML compresses a thousandfold: a 5 MiB upload can expand to gigabytes.
# These bound what its parts may expand to: room for any job description, pictures included, while the worst
# XML within them is read in seconds and a few hundred MiB (SECURITY.md, tests/test_hostile_more.py).
MAX_DOCX_PART_BYTES = 8 * 1024 * 1024  # word/document.xml, or any other one part
MAX_DOCX_EXPANDED_BYTES = 16 * 1024 * 1024  # all parts together


def docx_text(data: bytes, name: str) -> str:
    """Word → the same light Markdown the text documents use: headings ``#``, list items ``-``, markers kept.

    Whatever is wrong with the file — not a zip, a damaged zip, a missing part, XML that is not well-formed, a
    package that is not a Word document, parts too large once expanded — is one located problem naming the file.
    """
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InputError.single("the document is larger than the 5 MiB limit", file=name, code="too-large")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_expanded_size(archive, name)
        text = _docx_lines(data)
    except FrameworkError:
        raise
    except Exception as exc:  # python-docx assumes a well-made package: see _docx_reason
        raise InputError.single(
            f"not a readable Word document: {_no_unsafe_advice(_docx_reason(exc, data))}", file=name, code="unreadable"
        ) from None
    if len(text.encode("utf-8")) > MAX_DOCUMENT_BYTES:
        raise InputError.single("the document's text is larger than the 5 MiB limit", file=name, code="too-large")
    return text


def _check_expanded_size(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse a Word document whose parts expand beyond the limits, before anything is decompressed.

    The sizes come from the zip's directory. zipfile never returns more bytes for a part than its directory
    entry declares (and a part whose data does not match fails its checksum), so the declared sizes bound
    what python-docx can read, however the data is compressed.
    """
    total = 0
    for info in archive.infolist():
        if info.file_size > MAX_DOCX_PART_BYTES:
            raise InputError.single(
                f"{info.filename} expands to {_mib(info.file_size)}, more than the "
                f"{_mib(MAX_DOCX_PART_BYTES)} a part of a Word document may hold",
                file=name,
                code="too-large",
            )
        total += info.file_size
    if total > MAX_DOCX_EXPANDED_BYTES:
        raise InputError.single(
            f"the Word document expands to {_mib(total)}, more than the {_mib(MAX_DOCX_EXPANDED_BYTES)} limit",
            file=name,
            code="too-large",
        )


def _mib(size: int) -> str:
    """A size in MiB, rounded up, so that a size just over a limit never reads as equal to it."""
    if size % 2**20 == 0:
        return f"{size // 2**20:,} MiB"
    return f"{-(-size * 10 // 2**20) / 10:,.1f} MiB"


def _docx_lines(data: bytes) -> str:
    import docx  # python-docx

    document = docx.Document(io.BytesIO(data))
    styles, default = _paragraph_styles(document.styles.element)
    lines = []
    header = []
    # The body's own paragraphs and tables, in order, read straight from the XML (see the module docstring).
    for element in document.element.body.iterchildren(_P, _TBL):
        if element.tag == _TBL:
            rows = _table_rows(element)
            if _is_criteria_table(rows):
                lines += [_table_line(row) for row in rows[:1]] + ["| --- " * len(rows[0]) + "|"]
                lines += [_table_line(row) for row in rows[1:]]
            else:  # header fields are often laid out in a table: "Grade | PO4"
                header += _header_lines(rows)
            continue
        text = _paragraph_text(element).strip()
        if not text:
            continue
        style = styles.get(element.style, default) if element.style else default
        if style.startswith("heading"):
            number = style.split()[-1]
            level = int(number) if number.isascii() and number.isdigit() and len(number) < 3 else 2
            lines.append("#" * min(max(level, 1), 6) + " " + text)
        elif style.startswith("list") or (element.pPr is not None and element.pPr.numPr is not None):
            lines.append("- " + text)
        elif style == "title":
            lines.append("# " + text)
        else:
            lines.append(text)
    # Header lines go first, the last row first; reversed once rather than inserted one at a time at the front,
    # which a long table would make quadratic.
    return "\n".join(header[::-1] + lines) + "\n"


def _table_rows(table) -> list[list[str]]:
    """A ``w:tbl``'s rows of cell texts (each cell's paragraphs, one a line), as python-docx's cells give them."""
    rows = []
    for tr in table.iterchildren(_TR):
        rows.append([_cell_text(tc).strip() for tc in tr.iterchildren(_TC)])
    return rows


def _header_lines(rows: list[list[str]]) -> list[str]:
    out = []
    for row in rows:
        cells = [text for text in row if text]
        if len(cells) == 2 and ":" not in cells[0]:
            out.append(f">{cells[0]}: {cells[1]}")
        elif cells:
            out.append(" ".join(cells))
    return out


def _is_criteria_table(rows: list[list[str]]) -> bool:
    """A person specification's table: its first row has an Essential or a Desirable column."""
    if len(rows) < 2:
        return False
    return any(cell.casefold().startswith(("essential", "desirable")) for cell in rows[0][1:])


def _table_line(cells: list[str]) -> str:
    """A Markdown table row: a pipe in a cell escaped, its lines joined by ``<br>``."""
    return "| " + " | ".join(cell.replace("|", "\\|").replace("\n", "<br>") for cell in cells) + " |"


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _R, _HYPERLINK = _W + "p", _W + "r", _W + "hyperlink"
_TBL, _TR, _TC = _W + "tbl", _W + "tr", _W + "tc"
_RUN_CONTENT = tuple(_W + tag for tag in ("br", "cr", "noBreakHyphen", "ptab", "t", "tab"))


def _paragraph_text(p) -> str:
    """The text of a ``w:p`` element as python-docx's ``Paragraph.text`` gives it, without its XPath: its runs and
    hyperlinks in order, each run's text, tabs and breaks as python-docx renders them (``str`` of each child)."""
    out = []
    for child in p.iterchildren(_R, _HYPERLINK):
        for run in (child,) if child.tag == _R else child.iterchildren(_R):
            out.extend(str(e) for e in run.iterchildren(*_RUN_CONTENT))
    return "".join(out)


def _paragraph_styles(element) -> tuple[dict[str, str], str]:
    """(style id → lower-case name of each paragraph style, the default paragraph style's name), read once.

    python-docx's ``Paragraph.style`` scans every style (twice, for the default) for each paragraph. The rules
    are its own: the first style with an id is the one, a style of another type means the default, the last
    default style is the default; names differ from python-docx's only in case, which is ignored here.
    """
    first: dict[str, tuple[str | None, str]] = {}
    default = ""
    for style in element.iterchildren(_W + "style"):
        name = style.find(_W + "name")
        text = (name.get(_W + "val") or "").lower() if name is not None else ""
        kind = style.get(_W + "type")
        if style.get(_W + "styleId"):
            first.setdefault(style.get(_W + "styleId"), (kind, text))
        if kind == "paragraph" and style.get(_W + "default") in ("1", "true", "on"):
            default = text
    return {key: text for key, (kind, text) in first.items() if kind == "paragraph"}, default


def _cell_text(tc) -> str:
    """python-docx's ``_Cell.text`` of a ``w:tc``: its paragraphs, one a line."""
    return "\n".join(_paragraph_text(p) for p in tc.iterchildren(_P))


def _docx_reason(exc: Exception, data: bytes) -> str:
    """What is wrong with a Word document, in words, from what zipfile, lxml or python-docx raised.

    python-docx is written for documents Word made: a package whose parts are in the wrong places or of the
    wrong kinds makes it fail in any way at all (an AttributeError, a TypeError, ...), so every exception it
    raises while reading is taken to mean the document cannot be read, and said as well as it can be.
    """
    from lxml import etree

    if isinstance(exc, etree.XMLSyntaxError):
        return _xml_reason(exc, data)
    if isinstance(exc, zipfile.BadZipFile):
        if str(exc) == "File is not a zip file":
            return "it is not a zip archive, as every .docx file is"
        return f"the zip archive is damaged ({exc})"
    if isinstance(exc, zlib.error | EOFError):
        return f"the zip archive is damaged ({exc})"
    if isinstance(exc, NotImplementedError):
        return f"the zip archive uses a feature that cannot be read ({exc})"
    if isinstance(exc, KeyError):  # a part the package names, or Word needs, is not in the archive
        detail = exc.args[0] if exc.args else ""
        return f"a part is missing ({detail})" if detail else "a part is missing"
    message = str(exc)
    if isinstance(exc, ValueError) and "is not a Word file" in message:
        # python-docx names the stream it read; the file's name is on the problem already.
        return re.sub(r"^file '.*?' is", "it is", message, count=1, flags=re.S)
    if isinstance(exc, RuntimeError) and "encrypted" in message:
        return "it is encrypted"
    return f"its parts are not those of a Word document ({type(exc).__name__}: {message})"


def _xml_reason(exc: BaseException, data: bytes) -> str:
    """Name the part whose XML is not well-formed, with the line and column in it.

    lxml does not say which part python-docx was reading, so the parts are parsed again, on this error path
    only, with the same settings python-docx uses (no entities resolved), to find the first that fails.
    """
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if not info.filename.endswith((".xml", ".rels")):
                continue
            try:
                etree.fromstring(archive.read(info), parser=parser)
            except etree.XMLSyntaxError as found:
                return f"{info.filename} is not well-formed XML: {_xml_message(found)}"
    return f"its XML is not well-formed: {_xml_message(exc)}"


def _xml_message(exc: BaseException) -> str:
    """lxml's message, located, without its advice to switch off a limit (``use XML_PARSE_HUGE option``): the
    limits (nesting, text size) are there for safety, and a job description never needs more."""
    line, column = getattr(exc, "position", (None, None))
    message = re.sub(r", line \d+, column \d+$", "", getattr(exc, "msg", "") or str(exc))
    return f"line {line}, column {column}: {_no_unsafe_advice(message)}" if line else _no_unsafe_advice(message)


def _no_unsafe_advice(message: str) -> str:
    """A parser's message without advice to switch off one of its safety limits."""
    message, advice = _PARSE_HUGE.subn("", message)
    return f"{message.rstrip(' ,;:')} (a limit kept for safety)" if advice else message


_PARSE_HUGE = re.compile(r"[\s,;:]*\(?\s*(?:use|try)\s+(?:the\s+)?XML_PARSE_HUGE(?:\s+option)?\s*\)?\.?", re.I)
