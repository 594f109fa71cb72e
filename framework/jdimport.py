"""Import job-description documents into role definitions (``python -m framework import jd``).

Each document (Markdown or plain text like the council's, or Word ``.docx``) becomes a described role: its
header fields, purpose, duties, person specification and any other section, every line word for word (see
:mod:`framework.jobdesc`), plus what can be derived with its evidence: grade, reporting line, management span,
budget, salary and SFIA level. A role named as the line manager but not imported becomes a *referenced*
role. Discipline comes from the document's section; when that is not one of the framework's disciplines the
importer says so.

With ``merge``, an existing framework keeps everything written by hand — ids, skills, benchmarks, moves, an
existing reporting line — and only the job-description content and the facts derived from it are refreshed.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .errors import FrameworkError, InputError, Problem
from .ids import slugify
from .jobdesc import ParsedDocument, parse_job_description
from .loader import validate_data
from .models import (
    MAX_LINE,
    Benchmark,
    Discipline,
    DocumentSource,
    Framework,
    Grade,
    Reference,
    ReferencedSource,
    ReportingLine,
    Role,
)
from .yamlsafe import decode

__all__ = [
    "MAX_BATCH_BYTES",
    "MAX_BATCH_DOCUMENTS",
    "MAX_DOCUMENT_BYTES",
    "ImportedDocument",
    "JdImport",
    "check_batch",
    "import_documents",
    "read_document",
]

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
# One batch of documents imported at once from the app: a job description is tens of kilobytes (a Word
# document with pictures, a megabyte or two), while the largest documents cost seconds of CPU each to read.
MAX_BATCH_DOCUMENTS = 20
MAX_BATCH_BYTES = 8 * 1024 * 1024
# A Word document is a zip archive, and XML compresses a thousandfold: a 5 MiB upload can expand to gigabytes.
# These bound what its parts may expand to: room for any job description, pictures included, while the worst
# XML within them is read in seconds and a few hundred MiB (SECURITY.md, tests/test_hostile_more.py).
MAX_DOCX_PART_BYTES = 8 * 1024 * 1024  # word/document.xml, or any other one part
MAX_DOCX_EXPANDED_BYTES = 16 * 1024 * 1024  # all parts together


MAX_ID = 120  #: the longest id a framework holds (framework.models.Id)


def _id_for(text: str, what: str, notes: list[Problem], name: str) -> str:
    """A readable id for ``text`` (:func:`~framework.ids.slugify`, ``role`` when nothing is left), shortened at
    a word to the longest id a framework holds, with a warning when it is."""
    made = slugify(text) or "role"
    if len(made) <= MAX_ID:
        return made
    short = made[:MAX_ID].rsplit("-", 1)[0] or made[:MAX_ID]
    warning = Problem(
        f"the {what} {_quote(text)} makes an id of {len(made):,} characters, more than the {MAX_ID} an id may "
        f"have: shortened to {short!r}",
        file=name,
        severity="warning",
        code="id-shortened",
    )
    if warning not in notes:  # a line manager is named again when the referenced roles are made
        notes.append(warning)
    return short


def _free_id(base: str, taken) -> str:
    """``base-2``, ``base-3``, …: the first not ``taken``, within the longest id a framework holds."""
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = base[: MAX_ID - len(suffix)].rstrip("-") + suffix
        if candidate not in taken:
            return candidate
        number += 1


def _quote(text: str, most: int = 60) -> str:
    return repr(text if len(text) <= most else text[: most - 1] + "…")


def check_batch(
    files: Sequence[tuple[str, bytes]], *, documents: int = MAX_BATCH_DOCUMENTS, total: int = MAX_BATCH_BYTES
) -> None:
    """Refuse a batch of documents beyond the import page's limits, before any is read: at most ``documents``
    of them, ``total`` bytes together. Raises :class:`InputError` saying which limit, and by how much."""
    problems = []
    if len(files) > documents:
        problems.append(
            Problem(f"{len(files)} documents at once: import at most {documents} at a time", code="too-many-files")
        )
    size = sum(len(data) for _, data in files)
    if size > total:
        problems.append(
            Problem(
                f"the documents hold {_mib(size)} together, more than the {_mib(total)} one import may read: "
                "import them in smaller batches",
                code="too-large",
            )
        )
    if problems:
        raise InputError(problems, summary="too much to import at once")


def read_document(data: bytes, *, name: str) -> str:
    """The text of a document: ``.docx`` through python-docx, anything else as UTF-8 text."""
    if name.lower().endswith(".docx"):
        return _docx_text(data, name)
    return decode(data, name=name, max_bytes=MAX_DOCUMENT_BYTES)


def _docx_text(data: bytes, name: str) -> str:
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
    # The body's own paragraphs, read straight from the XML: python-docx builds an object and evaluates an XPath
    # expression for every paragraph and run, which a flood of tiny paragraphs turns into minutes.
    for p in document.element.body.iterchildren(_P):
        text = _paragraph_text(p).strip()
        if not text:
            continue
        style = styles.get(p.style, default) if p.style else default
        if style.startswith("heading"):
            number = style.split()[-1]
            level = int(number) if number.isascii() and number.isdigit() and len(number) < 3 else 2
            lines.append("#" * min(max(level, 1), 6) + " " + text)
        elif style.startswith("list") or (p.pPr is not None and p.pPr.numPr is not None):
            lines.append("- " + text)
        elif style == "title":
            lines.append("# " + text)
        else:
            lines.append(text)
    header = []
    for table in document.tables:  # header fields are often laid out in a table: "Grade | PO4"
        for row in table.rows:
            cells = [text for text in (_cell_text(c).strip() for c in row.cells) if text]
            if len(cells) == 2 and ":" not in cells[0]:
                header.append(f">{cells[0]}: {cells[1]}")
            elif cells:
                header.append(" ".join(cells))
    # Table lines go first, the last row first (as they always have); reversed once rather than inserted
    # one at a time at the front, which a long table would make quadratic.
    return "\n".join(header[::-1] + lines) + "\n"


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _R, _HYPERLINK = _W + "p", _W + "r", _W + "hyperlink"
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


def _cell_text(cell) -> str:
    """python-docx's ``_Cell.text``: its paragraphs, one a line."""
    return "\n".join(_paragraph_text(p) for p in cell._tc.iterchildren(_P))


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


@dataclass
class ImportedDocument:
    name: str
    parsed: ParsedDocument
    role: Role
    notes: list[Problem] = field(default_factory=list)


@dataclass
class JdImport:
    framework: Framework
    documents: list[ImportedDocument]
    problems: list[Problem]  # warnings: what could not be placed or was guessed
    #: What makes the result not yet a valid framework (e.g. a merge naming a grade the file lacks): the
    #: result is checked by the same loader as any framework file, so what it says holds for the YAML written.
    errors: list[Problem] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = []
        for doc in self.documents:
            role = doc.role
            out.append(
                f"{doc.name}: {role.id} — {role.title} ({role.grade or 'grade not stated'}, "
                f"{role.discipline or 'no discipline'}), {len(role.job_description.lines())} lines kept"
            )
        referenced = [r for r in self.framework.roles if r.status == "referenced"]
        if referenced:
            out.append("referenced roles: " + ", ".join(r.id for r in referenced))
        out += [str(p) for p in self.problems]
        return out


def _discipline_for(
    parsed: ParsedDocument, framework: Framework | None, notes: list[Problem], name: str
) -> tuple[str | None, str | None]:
    """(discipline id, note): from the postholder section, e.g. 'Delivery' or 'Digital … / Product'."""
    candidates = [parsed.section or ""]
    spec = parsed.job_description.person_specification
    if spec:
        candidates.append(spec.field("service/section") or "")
    words = [c.split("/")[-1].strip() for c in candidates if c]
    known = {d.name.lower(): d.id for d in framework.disciplines} if framework else {}
    known.update({d.id: d.id for d in framework.disciplines} if framework else {})
    for word in words:
        if word.lower() in known:
            return known[word.lower()], None
    if words and words[0]:
        made = _id_for(words[0], "section", notes, name)
        return made, f"discipline {made!r} taken from the section {_quote(words[0])}: check it"
    return None, "no section names a discipline: set it by hand"


def import_documents(
    files: Sequence[tuple[str, bytes]], *, merge: Framework | None = None, framework_id: str = "imported"
) -> JdImport:
    """Import documents (name, bytes) into a new framework, or into ``merge`` keeping its hand-written fields."""
    problems: list[Problem] = []
    unreadable: list[Problem] = []  # every document that cannot be read is named at once, not the first alone
    documents: list[ImportedDocument] = []
    for name, data in files:
        try:
            text = read_document(data, name=name)
            parsed = _parse(text, name)
        except FrameworkError as exc:
            unreadable += exc.problems
            continue
        notes = [
            Problem(f"line {number} could not be placed: {line!r}", file=name, line=number, severity="warning")
            for number, line in parsed.unplaced
        ]
        notes += [
            Problem(f"{why}: {line!r}", file=name, severity="warning", code="out-of-range")
            for line, why in parsed.ignored
        ]
        title = parsed.title or Path(name).stem
        if not parsed.title:
            notes.append(Problem("no title or designation found: named after the file", file=name, severity="warning"))
        discipline, why = _discipline_for(parsed, merge, notes, name)
        if why:
            notes.append(Problem(why, file=name, severity="warning"))
        jd = parsed.job_description
        for kind in ("purpose", "duties"):
            if jd.section(kind) is None:
                notes.append(Problem(f"no {kind} section found", file=name, severity="warning"))
        if jd.person_specification is None:
            notes.append(Problem("no person specification found", file=name, severity="warning"))
        benchmarks = []
        if parsed.sfia_level:
            benchmarks.append(Benchmark(framework="SFIA", level=parsed.sfia_level[0], evidence=parsed.sfia_level[1]))
        manager = next((m for m in parsed.mentions if m.relation == "responsible-to"), None)
        manager = manager or next(iter(parsed.mentions), None)
        what = "title" if parsed.title else "file name"
        try:
            role = Role(
                id=_id_for(title, what, notes, name),
                title=title,
                discipline=discipline,
                grade=_grade_for(parsed.grade, merge, notes, name),
                source=DocumentSource(document=name),
                reports_to=ReportingLine(
                    role=_id_for(manager.title, "role named", notes, name), evidence=manager.evidence
                )
                if manager
                else None,
                job_description=jd,
                management=parsed.management,
                budget=parsed.budget,
                salary=parsed.salary,
                benchmarks=benchmarks,
            )
        except ValidationError as exc:  # a value no role can hold that the checks above did not foresee
            unreadable += [
                Problem(f"cannot be kept as a role: {e['msg']}", path=tuple(e["loc"]), file=name) for e in exc.errors()
            ]
            continue
        documents.append(ImportedDocument(name, parsed, role, notes))
        problems += notes
    if unreadable:
        count = len({p.file for p in unreadable})
        raise InputError(
            unreadable, summary="a document could not be read" if count == 1 else f"{count} documents could not be read"
        )
    framework = _assemble(documents, merge, framework_id, problems)
    # Checked as a file of it would be: validated afresh from its data (Framework.model_validate, with every
    # reference and warning check), never trusted because its parts were made by model_copy.
    validated, found = validate_data(framework.model_dump(mode="json", exclude_none=True))
    errors = [p for p in found if p.severity == "error"]
    return JdImport(validated if validated is not None and not errors else framework, documents, problems, errors)


def _grade_for(grade: str | None, merge: Framework | None, notes: list[Problem], name: str) -> str | None:
    """The grade id a document's ``Grade:`` line names: a grade of the framework merged into, by id or name
    (case and spaces aside: ``PO 4`` is ``PO4``); else the text itself where it is an id. A grade that is not
    one (``PO4/PO5``, ``PO 4`` in a new framework) is left unset with a warning: the line stays in the header,
    word for word, for whoever sets the grade by hand."""
    if grade is None:
        return None

    def key(text: str) -> str:
        return re.sub(r"\s+", "", text).lower()

    if merge is not None:
        known = {key(g.id): g.id for g in merge.grades} | {key(g.name): g.id for g in merge.grades if g.name}
        found = known.get(key(grade))
        if found is not None:
            return found
    if _ID.fullmatch(grade) and len(grade) <= MAX_ID:
        return grade
    notes.append(
        Problem(
            f"the grade {_quote(grade)} is not a grade id (letters, digits, '-', '_' or '.'; one grade): the role "
            "is imported without a grade, and the line stays in its header as written; set the grade by hand",
            file=name,
            severity="warning",
            code="odd-grade",
        )
    )
    return None


_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def _parse(text: str, name: str) -> ParsedDocument:
    """Parse a document's text; a line too long for a role to hold is a located problem, not a crash."""
    try:
        return parse_job_description(text)
    except ValidationError as exc:
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        found = [
            Problem(
                f"longer than {MAX_LINE:,} characters, the most a line may hold",
                file=name,
                line=number,
                code="too-long",
            )
            for number, line in enumerate(lines, 1)
            if len(line.strip()) > MAX_LINE
        ]
        reason = exc.errors()[0]["msg"] if exc.errors() else str(exc)
        raise InputError(found or [Problem(f"cannot be kept as written: {reason}", file=name)]) from None


def _assemble(
    documents: list[ImportedDocument], merge: Framework | None, framework_id: str, problems: list[Problem]
) -> Framework:
    existing = {r.id: r for r in merge.roles} if merge else {}
    by_title = {r.title.lower(): r.id for r in merge.roles} if merge else {}
    roles: dict[str, Role] = dict(existing)
    claimed: dict[str, str] = {}  # role id → the document that gave it its content
    for doc in documents:
        role = doc.role
        role_id = by_title.get(role.title.lower(), role.id)
        if role_id in claimed:  # two documents, one id: neither may overwrite the other
            taken = role_id
            same = " (the same title)" if role.title.lower() == roles[taken].title.lower() else ""
            role_id = _free_id(role.id, roles.keys() | claimed.keys())
            problems.append(
                Problem(
                    f"the id {taken!r} is already that of {claimed[taken]!r}{same}: imported as {role_id!r}; "
                    "check whether they are one role",
                    file=doc.name,
                    severity="warning",
                    code="id-taken",
                )
            )
        old = existing.get(role_id)
        if old is not None:
            role = old.model_copy(
                update={
                    "job_description": role.job_description,
                    "management": role.management,
                    "budget": role.budget,
                    "salary": role.salary,
                    "source": old.source if old.status == "described" else role.source,
                    "grade": old.grade or role.grade,
                    "discipline": old.discipline or role.discipline,
                    "reports_to": old.reports_to or _resolve(role.reports_to, by_title),
                }
            )
        else:
            role = role.model_copy(update={"id": role_id, "reports_to": _resolve(role.reports_to, by_title)})
        roles[role_id] = role
        claimed[role_id] = doc.name
        doc.role = role
    # A role a document names (its line manager, the post it reports to) but no document describes becomes a
    # referenced role, with the line that names it.
    for doc in documents:
        referrer = doc.role.id
        for mention in doc.parsed.mentions:
            made = _id_for(mention.title, "role named", problems, doc.name)
            mentioned = _resolve(ReportingLine(role=made), by_title).role
            if mentioned == referrer:
                continue
            reference = Reference(role=referrer, evidence=mention.evidence)
            if mentioned not in roles:
                roles[mentioned] = Role(
                    id=mentioned,
                    title=_title_case(mention.title),
                    discipline=doc.role.discipline,
                    source=ReferencedSource(referenced_by=[reference]),
                )
            elif isinstance(roles[mentioned].source, ReferencedSource) and mentioned not in existing:
                known = roles[mentioned].source.referenced_by
                if reference not in known:
                    source = ReferencedSource(referenced_by=[*known, reference])
                    roles[mentioned] = roles[mentioned].model_copy(update={"source": source})
    grades = list(merge.grades) if merge else []
    known_grades = {g.id for g in grades}
    disciplines = list(merge.disciplines) if merge else []
    known_disciplines = {d.id for d in disciplines}
    for role in roles.values():
        if role.grade and role.grade not in known_grades:
            grades.append(Grade(id=role.grade))
            known_grades.add(role.grade)
            if merge:
                problems.append(Problem(f"grade {role.grade!r} added at the top of the scale: move it", role=role.id))
        if role.discipline and role.discipline not in known_disciplines:
            disciplines.append(Discipline(id=role.discipline, name=role.discipline.replace("-", " ").capitalize()))
            known_disciplines.add(role.discipline)
    if not grades:
        grades = [Grade(id="ungraded")]
    if not merge:
        grades.sort(key=_natural)
    if merge:
        return merge.model_copy(update={"roles": list(roles.values()), "grades": grades, "disciplines": disciplines})
    return Framework(
        id=framework_id,
        name="Imported job descriptions",
        grades=grades,
        disciplines=disciplines,
        roles=list(roles.values()),
    )


def _resolve(line: ReportingLine | None, by_title: dict[str, str]) -> ReportingLine | None:
    if line is None:
        return None
    for title, role_id in by_title.items():
        if (slugify(title) or "role") == line.role:
            return line.model_copy(update={"role": role_id})
    return line


def _natural(grade: Grade) -> tuple:
    """PO1 < PO2 < PO10; words after numbers (so a 'Head' grade comes last)."""
    parts = re.findall(r"\d+|\D+", grade.id)
    return (not any(p.isdigit() for p in parts), [int(p) if p.isdigit() else p.lower() for p in parts])


def _title_case(text: str) -> str:
    small = {"of", "and", "for", "the", "to", "in"}
    return " ".join(w if w.lower() in small else w[:1].upper() + w[1:] for w in text.split())
