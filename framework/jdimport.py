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

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import FrameworkError, Problem
from .jobdesc import ParsedDocument, parse_job_description
from .models import (
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

__all__ = ["ImportedDocument", "JdImport", "import_documents", "read_document", "slug"]

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "role"


def read_document(data: bytes, *, name: str) -> str:
    """The text of a document: ``.docx`` through python-docx, anything else as UTF-8 text."""
    if name.lower().endswith(".docx"):
        return _docx_text(data, name)
    return decode(data, name=name, max_bytes=MAX_DOCUMENT_BYTES)


def _docx_text(data: bytes, name: str) -> str:
    """Word → the same light Markdown the text documents use: headings ``#``, list items ``-``, markers kept."""
    import io
    import zipfile

    import docx  # python-docx

    if len(data) > MAX_DOCUMENT_BYTES:
        raise FrameworkError.single("the document is larger than the 5 MiB limit", file=name, code="too-large")
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise FrameworkError.single(f"not a readable Word document ({exc})", file=name, code="unreadable") from None
    lines = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "").lower()
        if style.startswith("heading"):
            level = int(style.split()[-1]) if style.split()[-1].isdigit() else 2
            lines.append("#" * min(max(level, 1), 6) + " " + text)
        elif style.startswith("list") or (paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None):
            lines.append("- " + text)
        elif style == "title":
            lines.append("# " + text)
        else:
            lines.append(text)
    for table in document.tables:  # header fields are often laid out in a table: "Grade | PO4"
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells if c.text.strip()]
            if len(cells) == 2 and ":" not in cells[0]:
                lines.insert(0, f">{cells[0]}: {cells[1]}")
            elif cells:
                lines.insert(0, " ".join(cells))
    return "\n".join(lines) + "\n"


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


def _discipline_for(parsed: ParsedDocument, framework: Framework | None) -> tuple[str | None, str | None]:
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
        return slug(words[0]), f"discipline {slug(words[0])!r} taken from the section {words[0]!r}: check it"
    return None, "no section names a discipline: set it by hand"


def import_documents(
    files: Sequence[tuple[str, bytes]], *, merge: Framework | None = None, framework_id: str = "imported"
) -> JdImport:
    """Import documents (name, bytes) into a new framework, or into ``merge`` keeping its hand-written fields."""
    problems: list[Problem] = []
    documents: list[ImportedDocument] = []
    for name, data in files:
        text = read_document(data, name=name)
        parsed = parse_job_description(text)
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
        discipline, why = _discipline_for(parsed, merge)
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
        role = Role(
            id=slug(title),
            title=title,
            discipline=discipline,
            grade=parsed.grade,
            source=DocumentSource(document=name),
            reports_to=ReportingLine(role=slug(manager.title), evidence=manager.evidence) if manager else None,
            job_description=jd,
            management=parsed.management,
            budget=parsed.budget,
            salary=parsed.salary,
            benchmarks=benchmarks,
        )
        documents.append(ImportedDocument(name, parsed, role, notes))
        problems += notes
    framework = _assemble(documents, merge, framework_id, problems)
    return JdImport(framework, documents, problems)


def _assemble(
    documents: list[ImportedDocument], merge: Framework | None, framework_id: str, problems: list[Problem]
) -> Framework:
    existing = {r.id: r for r in merge.roles} if merge else {}
    by_title = {r.title.lower(): r.id for r in merge.roles} if merge else {}
    roles: dict[str, Role] = dict(existing)
    for doc in documents:
        role = doc.role
        role_id = by_title.get(role.title.lower(), role.id)
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
    # A role a document names (its line manager, the post it reports to) but no document describes becomes a
    # referenced role, with the line that names it.
    for doc in documents:
        referrer = by_title.get(doc.role.title.lower(), doc.role.id)
        for mention in doc.parsed.mentions:
            mentioned = _resolve(ReportingLine(role=slug(mention.title)), by_title).role
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
        if slug(title) == line.role:
            return line.model_copy(update={"role": role_id})
    return line


def _natural(grade: Grade) -> tuple:
    """PO1 < PO2 < PO10; words after numbers (so a 'Head' grade comes last)."""
    parts = re.findall(r"\d+|\D+", grade.id)
    return (not any(p.isdigit() for p in parts), [int(p) if p.isdigit() else p.lower() for p in parts])


def _title_case(text: str) -> str:
    small = {"of", "and", "for", "the", "to", "in"}
    return " ".join(w if w.lower() in small else w[:1].upper() + w[1:] for w in text.split())
