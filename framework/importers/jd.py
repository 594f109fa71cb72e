"""Import job-description documents into role definitions (``python -m framework import jd``).

Each document (Markdown or plain text like the council's, or Word ``.docx``) becomes a described role: its
header fields, purpose, duties, person specification and any other section, every line word for word (see
:mod:`framework.importers.jobdesc`), plus what can be derived with its evidence: grade, reporting line, management span,
budget, salary and SFIA level. A role named as the line manager but not imported becomes a *referenced*
role. Discipline comes from the document's section; when that is not one of the framework's disciplines the
importer says so.

With ``merge``, an existing framework keeps everything written by hand — ids, skills, benchmarks, moves, an
existing reporting line — and only the job-description content and the facts derived from it are refreshed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..errors import FrameworkError, InputError, Problem
from ..formats import is_workbook
from ..ids import slugify
from ..loader import validate_data
from ..models import (
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
from ..yamlsafe import decode
from .common import strip_text
from .jdparts import DocumentParts, Part, document_parts
from .jobdesc import ParsedDocument, parse_lines
from .summary import shown
from .word import MAX_DOCUMENT_BYTES, MAX_DOCX_EXPANDED_BYTES, MAX_DOCX_PART_BYTES, _mib, docx_text

__all__ = [
    "MAX_BATCH_BYTES",
    "MAX_BATCH_DOCUMENTS",
    "MAX_DOCUMENT_BYTES",
    "MAX_DOCX_EXPANDED_BYTES",
    "MAX_DOCX_PART_BYTES",
    "ImportedDocument",
    "JdImport",
    "check_batch",
    "import_documents",
    "read_document",
]

# One batch of documents imported at once from the app: a job description is tens of kilobytes (a Word
# document with pictures, a megabyte or two), while the largest documents cost seconds of CPU each to read.
MAX_BATCH_DOCUMENTS = 20
MAX_BATCH_BYTES = 8 * 1024 * 1024


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


def _quote(text: str, most: int | None = 60) -> str:
    return shown(text, most)


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


#: Files of the formats other imports read, by what they are: handed to ``import jd``, each is named so.
_OTHER_IMPORTS = {
    "workbook": "a spreadsheet (an Excel workbook), not a job description: read its expectations with "
    "'python -m framework import sheet FILE -o OUT.yaml'",
    "sheet": "a spreadsheet (a CSV file), not a job description: read its expectations with "
    "'python -m framework import sheet FILE -o OUT.yaml'",
    "html": "an HTML page, not a job description in a format this import reads (Markdown, plain text or Word "
    ".docx): a ladder published as a table on it is read with 'python -m framework import table FILE -o OUT.yaml'",
}


def read_document(data: bytes, *, name: str) -> str:
    """The text of a document: ``.docx`` through python-docx (:mod:`.word`), anything else as UTF-8 text. A
    spreadsheet or an HTML page is refused with the import that reads it."""
    lower = name.lower()
    kind = None
    if lower.endswith((".xlsx", ".xlsm", ".xls", ".ods")) or (is_workbook(data) and not lower.endswith(".docx")):
        kind = "workbook"
    elif lower.endswith((".csv", ".tsv")):
        kind = "sheet"
    elif lower.endswith((".html", ".htm")):
        kind = "html"
    if kind is not None:
        raise InputError.single(_OTHER_IMPORTS[kind], file=name, code="wrong-import")
    if lower.endswith(".docx"):
        return docx_text(data, name)
    return decode(data, name=name, max_bytes=MAX_DOCUMENT_BYTES)


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
            parts = document_parts(text, name=name)
            markdown = name.lower().endswith((".md", ".markdown"))
            parsed_parts = [(part, _parse(part, name, markdown=markdown)) for part in parts.parts]
        except FrameworkError as exc:
            unreadable += exc.problems
            continue
        shared = _document_notes(parts, name)
        problems += shared
        for part, parsed in parsed_parts:
            role, notes = _document_role(name, part, parsed, parts.meta, merge)
            if isinstance(role, list):
                unreadable += role
                continue
            documents.append(ImportedDocument(name, parsed, role, notes))
            problems += [note for note in notes if note not in problems]  # a split document's parts share some
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


def _document_notes(parts: DocumentParts, name: str) -> list[Problem]:
    """What is worth knowing of a document as a whole: the levels it was split at, or the headings that look like
    levels it was not split at; the front matter's fields that are not kept."""
    notes = []
    if len(parts.parts) > 1:
        levels = ", ".join(_quote(p.title or "", None) for p in parts.parts)
        notes.append(
            Problem(
                f"describes {len(parts.parts)} levels ({levels}): imported as a role each; the text before the first "
                "level and after the last is in each",
                file=name,
                severity="warning",
                code="split-levels",
            )
        )
    if parts.unsplit_levels:
        levels = ", ".join(_quote(t, None) for t in parts.unsplit_levels)
        notes.append(
            Problem(
                f"the headings {levels} look like levels of the job, but other headings stand between them: imported "
                "as one role; to import a role per level, give each level a heading of one depth, one after another",
                file=name,
                severity="warning",
                code="levels-not-split",
            )
        )
    unused = [key for key in parts.front_matter_keys if key not in ("title", "layout", "grade")]
    if unused:
        notes.append(
            Problem(
                f"its front matter's {', '.join(map(repr, unused))} {'is' if len(unused) == 1 else 'are'} not part of "
                "the job description's text (front matter is read for the title and the grade only)",
                file=name,
                severity="warning",
                code="front-matter",
            )
        )
    return notes


def _front(meta: dict | None, key: str) -> str | None:
    """A text field of a document's front matter (a number, such as ``grade: 7``, read as its text)."""
    value = meta.get(key) if meta else None
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else strip_text(value)


def _document_role(
    name: str, part: Part, parsed: ParsedDocument, meta: dict | None, merge: Framework | None
) -> tuple[Role | list[Problem], list[Problem]]:
    """The role one part of a document describes, and the warnings about it (or the problems that make it no
    role at all)."""
    notes = [
        Problem(
            f"line {number} could not be placed: {_quote(line, None)}; it is kept in the person specification's text",
            file=name,
            line=number,
            severity="warning",
        )
        for number, line in parsed.unplaced
    ]
    notes += [
        Problem(f"line {number}: {what}", file=name, line=number, severity="warning") for number, what in parsed.notes
    ]
    notes += [
        Problem(f"{why}: {_quote(line, None)}", file=name, severity="warning", code="out-of-range")
        for line, why in parsed.ignored
    ]
    front_title = _front(meta, "title")
    found = part.title or parsed.title or front_title
    title = found or Path(name).stem
    if not found:
        notes.append(Problem("no title or designation found: named after the file", file=name, severity="warning"))
    if part.document_title:
        jd = parsed.job_description
        parsed.job_description = jd.model_copy(update={"header": [part.document_title, *jd.header]})
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
    what = "title" if found else "file name"
    try:
        role = Role(
            id=_id_for(title, what, notes, name),
            title=title,
            discipline=discipline,
            grade=_grade_for(parsed.grade or _front(meta, "grade"), merge, notes, name),
            source=DocumentSource(document=name),
            reports_to=ReportingLine(role=_id_for(manager.title, "role named", notes, name), evidence=manager.evidence)
            if manager
            else None,
            job_description=jd,
            management=parsed.management,
            budget=parsed.budget,
            salary=parsed.salary,
            benchmarks=benchmarks,
        )
    except ValidationError as exc:  # a value no role can hold that the checks above did not foresee
        return [
            Problem(f"cannot be kept as a role: {e['msg']}", path=tuple(e["loc"]), file=name) for e in exc.errors()
        ], notes
    return role, notes


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


def _parse(part: Part, name: str, *, markdown: bool) -> ParsedDocument:
    """Parse a part of a document; a line too long for a role to hold is a located problem, not a crash."""
    try:
        return parse_lines(part.lines, markdown=markdown)
    except ValidationError as exc:
        found = [
            Problem(
                f"longer than {MAX_LINE:,} characters, the most a line may hold",
                file=name,
                line=number,
                code="too-long",
            )
            for number, line in part.lines
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
