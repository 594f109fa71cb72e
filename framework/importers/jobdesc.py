"""Read a job-description document (Markdown or plain text) into a :class:`~framework.models.JobDescription`.

Every line of the document lands somewhere, word for word and in order: the title (a first heading, or a first
line that reads as a title), the header fields, the purpose (with its lead-in sentence), duties under their
headings, the person specification (:mod:`.personspec`: found by its heading's meaning, its headings as areas
and clusters, its Essential / Desirable criteria, its tables), and any other section. Markup is the only thing
removed: ``>`` header quotes, ``#`` heading marks, list numbers and bullets, ``<u>`` criteria markers, table
pipes, whitespace at line ends — and, in a Markdown document, link and emphasis marks (each link's text stays in
its line; the link is kept in :attr:`~framework.models.JobDescription.links`). A line the reader cannot place is
kept where it stands and reported in :attr:`ParsedDocument.unplaced`, never dropped.

Facts derived from the text (grade, reporting lines, management span, budget, salary, SFIA level) are
returned with the line they come from, so whoever uses them can say where they came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..models import (
    MAX_BUDGET_GBP,
    MAX_LINE,
    MAX_SALARY_GBP,
    MAX_STAFF,
    Budget,
    Group,
    JobDescription,
    Link,
    ManagementSpan,
    SalaryRange,
    Section,
    labelled_value,
)
from .personspec import (
    SpecReader,
    capitals,
    ends_spec,
    is_marker,
    is_spec_heading,
    is_table_rule,
    looks_like_heading,
    marker_text,
    split_inline_marker,
    table_cells,
)

__all__ = ["Mention", "ParsedDocument", "content_lines", "numbered_lines", "parse_job_description", "parse_lines"]

_LIST_ITEM = re.compile(r"^\s*(?:\d+[.)]|[-*•])\s+(?P<text>.*\S)\s*$")
_HEADING = re.compile(r"^\s*(?P<marks>#{1,6})\s*(?P<text>.*?)\s*$")
_LABELLED = re.compile(r"^(?P<label>[A-Za-z][A-Za-z /&()'-]{0,60}?)\s*:\s*(?P<value>.*?)\s*$")

_SECTION_KINDS = {
    "purpose": (
        "purpose of job",
        "purpose of the job",
        "job purpose",
        "purpose",
        "role purpose",
        "overall purpose",
        "about the role",
        "about the job",
        "job summary",
        "role summary",
        "the role",
        "role overview",
        "job overview",
        "overview",
    ),
    "duties": (
        "main duties",
        "main duties and responsibilities",
        "duties and responsibilities",
        "key responsibilities",
        "main responsibilities",
        "responsibilities",
        "duties",
        "what you will do",
        "what you'll do",
        "key tasks",
        "accountabilities",
    ),
    "outcomes": ("outcomes", "key outcomes"),
    "competencies": ("competencies", "competencies and behaviours", "behaviours"),
    "benefits": ("work perks and benefits", "perks and benefits", "benefits"),
    "salary": ("salary and location", "salary", "location"),
    "applying": ("applying", "how to apply"),
}


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().rstrip(":").strip()).lower()


def _kind_of(heading: str) -> str | None:
    key = _key(heading)
    for kind, names in _SECTION_KINDS.items():
        if key in names:
            return kind
    return None


@dataclass(frozen=True)
class Mention:
    """A role another document names, and the line that names it."""

    title: str
    evidence: str
    relation: str  # "responsible-to" (the line manager) or "reports-to"


@dataclass
class ParsedDocument:
    job_description: JobDescription
    title: str | None
    grade: str | None
    department: str | None
    section: str | None
    directorate: str | None
    mentions: list[Mention] = field(default_factory=list)
    management: ManagementSpan | None = None
    budget: Budget | None = None
    salary: list[SalaryRange] = field(default_factory=list)
    sfia_level: tuple[str, str] | None = None  # (level, evidence)
    unplaced: list[tuple[int, str]] = field(default_factory=list)  # (line number, text): kept, and reported
    notes: list[tuple[int, str]] = field(default_factory=list)  # (line number, what the reader did) to report
    #: (line, why): a figure a line states but a role cannot hold (beyond the bounds of the models), left out
    ignored: list[tuple[str, str]] = field(default_factory=list)


class _SectionBuilder:
    def __init__(self, kind: str, heading: str | None) -> None:
        self.kind, self.heading = kind, heading
        self.paragraphs: list[str] = []
        self.lead_in: str | None = None
        self.items: list[str] = []
        self.groups: list[list] = []  # [heading, items]
        self.notes: list[str] = []

    def add_item(self, text: str) -> None:
        if self.groups:
            self.groups[-1][1].append(text)
        else:
            self.items.append(text)

    def add_plain(self, text: str, *, next_is_item: bool) -> None:
        has_items = bool(self.items or self.groups)
        if next_is_item and _looks_like_group_heading(text):
            self.groups.append([text, []])
        elif next_is_item and not has_items and self.lead_in is None:
            self.lead_in = text
        elif next_is_item:
            self.groups.append([text, []])
        elif has_items or self.lead_in is not None:
            self.notes.append(text)
        else:
            self.paragraphs.append(text)

    @property
    def empty(self) -> bool:
        return not (self.paragraphs or self.lead_in or self.items or self.groups or self.notes)

    def build(self) -> Section:
        groups = [Group(heading=h, items=i) for h, i in self.groups]
        # Items that precede the first group stay as the section's own items.
        return Section(
            kind=self.kind,
            heading=self.heading,
            paragraphs=self.paragraphs,
            lead_in=self.lead_in,
            items=self.items,
            groups=groups,
            notes=self.notes,
        )


def _looks_like_group_heading(text: str) -> bool:
    """A short line without end punctuation, directly above list items: ``Strategy and Management``."""
    return len(text.split()) <= 8 and not text.rstrip().endswith((".", ":", ";", "!", "?", ","))


def _inline(text: str) -> tuple[str, list[tuple[str | None, str]]]:
    """Markdown text without its inline markup (links, emphasis, code marks) and the links it holds."""
    from .grid import _inline_text, markdown_parser

    tokens = markdown_parser().parseInline(text)
    return _inline_text(tokens[0]) if tokens else (text, [])


_PREFIX = re.compile(r"^(?P<prefix>\s*(?:>\s*)?(?:#{1,6}\s+|(?:\d+[.)]|[-*•])\s+)?)(?P<rest>.*)$")
_INLINE_MARKUP = ("](", "**", "__", "`", "<")


def numbered_lines(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    """The text's lines, each with its number (the first is ``first_line``)."""
    return list(enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), first_line))


def _prepared(numbered: list[tuple[int, str]], markdown: bool) -> tuple[list[tuple[int, str]], list[Link]]:
    """The document's non-blank lines, with their numbers; in a Markdown document, each line's links and emphasis
    read as text (the links kept apart, as (text, address))."""
    lines: list[tuple[int, str]] = []
    links: list[Link] = []
    for number, line in numbered:
        if not line.strip():
            continue
        line = line.rstrip()
        if markdown and not _is_table_row(line) and any(mark in line for mark in _INLINE_MARKUP):
            m = _PREFIX.match(line)
            rest, found = _inline(m["rest"])
            if rest.strip():
                line = m["prefix"] + " ".join(rest.split())
            for title, url in found:
                link = Link(title=title[:MAX_LINE] if title else None, url=url)
                if link not in links:
                    links.append(link)
        lines.append((number, line))
    return lines, links


def _is_table_row(line: str) -> bool:
    return line.lstrip().startswith("|") and line.rstrip().endswith("|")


def content_lines(text: str, *, markdown: bool = False) -> list[str]:
    """The document's content lines with markup removed: what a faithful copy must contain, in order (a table's
    cells one a line; a marker with its criterion on one line as two)."""
    out = []
    for _, raw in _prepared(numbered_lines(text), markdown)[0]:
        line = raw.strip()
        if _is_table_row(line):
            if not is_table_rule(line):
                out += [part for cell in table_cells(line) for part in cell.split("\n") if part.strip()]
            continue
        line = line.lstrip(">").strip()
        if m := _HEADING.match(line):
            line = m["text"]
        elif is_marker(line):
            line = marker_text(line)
        elif m := _LIST_ITEM.match(line):
            line = m["text"]
        if (pair := split_inline_marker(line)) is not None:
            out += list(pair)
            continue
        if line:
            out.append(line)
    return out


def _names_a_section(text: str) -> bool:
    """A line that is a section's name and nothing else ("Job purpose", "Main duties and responsibilities:"), not
    a listed item: in plain text, the heading of the section that follows."""
    return not _LIST_ITEM.match(text) and _kind_of(text) is not None


def _title_like(text: str) -> bool:
    """A first line that names the job: short, no sentence, no ``Label: value``, no section heading."""
    words = text.split()
    return (
        0 < len(words) <= 10
        and not text.rstrip().endswith((".", ":", ";", ",", "!", "?"))
        and not _LABELLED.match(text)
        and _kind_of(text) is None
        and not is_spec_heading(text)
        and not is_marker(text)
    )


def _header_field(text: str) -> bool:
    """A ``Label: value`` line whose label is a few words: a header field when it stands above every section."""
    m = _LABELLED.match(text)
    return bool(m) and bool(m["value"]) and len(m["label"].split()) <= 4


#: First lines that say what the document is rather than which job: the job's title is on the line after.
_DOCUMENT_NAMES = ("job description", "role profile", "job profile", "role description", "job specification")


class _Parser:
    """One pass over a document's lines (see :func:`parse_job_description`)."""

    def __init__(self, lines: list[tuple[int, str]]) -> None:
        self.lines = lines
        self.title: str | None = None
        self.header: list[str] = []
        self.sections: list[Section] = []
        self.current: _SectionBuilder | None = None
        self.spec: SpecReader | None = None
        self.mode = "top"  # top → sections → spec (→ sections again after it)
        self.unplaced: list[tuple[int, str]] = []
        self.notes: list[tuple[int, str]] = []  # (line, what was done) worth a warning

    def close_section(self) -> None:
        if self.current is not None:
            self.sections.append(self.current.build())
            self.current = None

    def _next(self, index: int) -> str:
        return self.lines[index + 1][1].strip() if index + 1 < len(self.lines) else ""

    def run(self) -> None:
        index = 0
        while index < len(self.lines):
            number, line = self.lines[index]
            stripped = line.strip()
            if _is_table_row(stripped):
                index = self._table(index)
                continue
            self._line(index, number, stripped)
            index += 1
        self.close_section()

    def _table(self, index: int) -> int:
        """A Markdown table (a Word table is read as one): a table of criteria, else each cell a line."""
        rows, end = [], index
        while end < len(self.lines) and _is_table_row(self.lines[end][1].strip()):
            line = self.lines[end][1].strip()
            if not is_table_rule(line):
                rows.append(table_cells(line))
            end += 1
        if rows and self.spec is None and any(k in " ".join(rows[0]).casefold() for k in ("essential", "desirable")):
            self._open_spec(self._heading_for_table(rows), 2)
        if rows and self.spec is not None and self.spec.table(rows):
            return end
        for number, line in self.lines[index:end]:
            if is_table_rule(line.strip()):
                continue
            for cell in table_cells(line.strip()):
                for part in cell.split("\n"):
                    if part.strip():
                        self._line(None, number, part.strip())
        return end

    def _heading_for_table(self, rows: list[list[str]]) -> str | None:
        """A table of criteria outside a person specification opens one, headed by the heading above it when
        nothing stands under that heading yet."""
        if self.current is not None and self.current.heading and self.current.empty:
            heading, self.current = self.current.heading, None
            return heading
        return None

    def _open_spec(self, heading: str | None, level: int) -> None:
        self.close_section()
        self.spec, self.mode = SpecReader(heading, level), "spec"

    def _line(self, index: int | None, number: int, stripped: str) -> None:
        next_line = self._next(index) if index is not None else ""
        next_is_item = bool(_LIST_ITEM.match(next_line)) and not _HEADING.match(next_line)

        if stripped.startswith(">"):
            body = stripped.lstrip(">").strip()
            if _LABELLED.match(body) and self.mode == "top":
                self.header.append(body)
                return
            stripped = body  # a quoted line that is not a header field: read it as ordinary text

        heading = _HEADING.match(stripped)
        heading_text = heading["text"] if heading else None
        level = len(heading["marks"]) if heading else 0
        if heading_text == "":
            return  # a line of heading marks alone: markup, no text
        if heading_text is None and self.mode != "spec" and _names_a_section(stripped):
            heading_text, level = stripped, 2  # plain text names its sections on lines of their own, unmarked

        if self.mode == "spec":
            self._spec_line(index, number, stripped, heading_text, level, next_line)
            return

        if heading_text is not None:
            key = _key(heading_text)
            if self.title is None and level == 1 and not self.sections and self.current is None:
                self.title = heading_text
                return
            if is_spec_heading(heading_text):
                self._open_spec(heading_text, level)
                return
            kind = _kind_of(heading_text)
            if self.current is not None and level >= 3 and kind is None and key:
                self.current.groups.append([heading_text, []])  # a sub-heading of duties: Strategic, People, …
                return
            self.close_section()
            self.current = _SectionBuilder(kind or "other", heading_text)
            self.mode = "sections"
            return

        if self.mode == "top" and self.current is None and _header_field(stripped):
            self.header.append(stripped)  # "Grade: SEO" above the first section: a header field, as "> Grade: SEO"
            return
        if self.mode == "top" and self.title is None and not self.sections and self.current is None:
            if _key(stripped) in _DOCUMENT_NAMES and _title_like(next_line) and not _LIST_ITEM.match(next_line):
                self.header.append(stripped)  # "Job description": the job's title is the next line
                return
            if _title_like(stripped) and not _LIST_ITEM.match(stripped) and not next_is_item:
                self.title = stripped
                return
        if is_spec_heading(stripped) and len(stripped.split()) <= 14 and not _LIST_ITEM.match(stripped):
            self._open_spec(stripped, 2)  # a person specification headed by a plain (bold) paragraph
            return

        # Ordinary content: before any heading it opens an untitled purpose section.
        if self.current is None:
            self.current, self.mode = _SectionBuilder("purpose" if not self.sections else "other", None), "sections"
        item = _LIST_ITEM.match(stripped)
        if item:
            self.current.add_item(item["text"])
        else:
            self.current.add_plain(stripped, next_is_item=next_is_item)

    def _spec_line(
        self, index: int | None, number: int, stripped: str, heading: str | None, level: int, next_line: str
    ) -> None:
        spec = self.spec
        if heading is not None and ends_spec(heading, _kind_of(heading)) and not spec.is_criteria_heading(heading):
            self.sections_after_spec(heading)
            return
        plain_heading = (
            heading is None
            and not _LIST_ITEM.match(stripped)
            and not is_marker(stripped)
            and (spec.is_criteria_heading(stripped) or looks_like_heading(stripped, next_line))
            and not (_LABELLED.match(stripped) and not spec.has_criteria)
        )
        if heading is not None or plain_heading:
            text = heading if heading is not None else stripped
            if spec.takes_criteria_heading(text):
                return
            depth = level or 7
            spec.heading_line(text, depth, cluster=index is not None and self._cluster(index, text, depth))
            return
        if is_marker(stripped):
            spec.marker(marker_text(stripped))
            return
        if (pair := split_inline_marker(stripped)) is not None:
            spec.marker(pair[0])
            spec.item(pair[1])
            return
        item = _LIST_ITEM.match(stripped)
        if item:
            spec.item(item["text"])
            return
        if spec.has_criteria:
            spec.item(stripped, plain=True)  # an unbulleted criterion is kept where it stands
            return
        if not spec.field_or_paragraph(stripped, bool(_LABELLED.match(stripped))):
            self.unplaced.append((number, stripped))

    def _cluster(self, index: int, text: str, level: int) -> bool:
        """Whether a heading is a cluster: headings follow it before any criterion, deeper than it or — it in
        capitals, they not — at its depth."""
        for ahead in range(index + 1, len(self.lines)):
            line = self.lines[ahead][1].strip()
            following = _HEADING.match(line)
            if following is not None:
                depth = len(following["marks"])
                return depth > level or (depth == level and capitals(text) and not capitals(following["text"]))
            if is_marker(line) or _LIST_ITEM.match(line) or split_inline_marker(line) or _is_table_row(line):
                return False
            if looks_like_heading(line, self._next(ahead)):
                return capitals(text) and not capitals(line)
        return False

    def sections_after_spec(self, heading: str) -> None:
        self.mode = "sections"
        self.current = _SectionBuilder(_kind_of(heading) or "other", heading)


def parse_job_description(text: str, *, markdown: bool = False, first_line: int = 1) -> ParsedDocument:
    """Parse one job description. Never raises for odd content: a line it cannot place is kept where it stands
    (among the person specification's paragraphs) and listed in ``unplaced``.

    ``markdown`` reads each line's links and emphasis as Markdown (a ``.md`` document); ``first_line`` is the
    number of the text's first line in its file (after front matter), so reported line numbers are the file's.
    """
    return parse_lines(numbered_lines(text, first_line), markdown=markdown)


def parse_lines(numbered: list[tuple[int, str]], *, markdown: bool = False) -> ParsedDocument:
    """:func:`parse_job_description` of lines already numbered as in their file (a part of a document)."""
    first_line = numbered[0][0] if numbered else 1
    lines, links = _prepared(numbered, markdown)
    parser = _Parser(lines)
    parser.run()
    sections = parser.sections
    spec = parser.spec.build() if parser.spec is not None else None
    if parser.spec is not None and parser.spec.heading is None:
        parser.notes.append((lines[0][0] if lines else first_line, "a table of criteria with no heading above it"))
    jd = JobDescription(
        title=parser.title, header=parser.header, sections=sections, person_specification=spec, links=links
    )
    parsed = _derive(jd, parser.unplaced)
    parsed.notes = parser.notes
    return parsed


# --------------------------------------------------------------------------- derived facts

_RESPONSIBLE_TO = re.compile(
    r"\bresponsible to (?:the )?(?P<who>.+?)(?:\s+(?:to|for)\s*:|\s+who\b|\s*[.;:]|\s*$)", re.I
)
_REPORTS_TO = re.compile(r"\breports? to\s*:\s*(?:the )?(?P<who>[^.;:]+?)\s*\.?$", re.I)
#: A header field naming the line manager: "Responsible to: Head of Content", "Reporting to: …", "Line manager: …".
_MANAGER_FIELD = re.compile(
    r"^\s*(?P<label>responsible to|reporting to|reports to|line manager|accountable to)\s*:\s*(?:the )?"
    r"(?P<who>[^.;:]+?)\s*\.?$",
    re.I,
)
_MANAGES = re.compile(r"manages up to (?P<n>\d+) (?P<kind>directly|indirectly) managed", re.I)
_MONEY = re.compile(r"£\s?(?P<n>\d[\d,]*(?:\.\d+)?)\s?(?P<unit>m|k|million|bn)?\b", re.I)
_SALARY = re.compile(r"^(?P<where>[^:£]+):\s*£(?P<lo>[\d,]+)\s*[-–]\s*£(?P<hi>[\d,]+)\s*$")
_SFIA = re.compile(r"\bSFIA level (?P<level>[1-7])(?P<above> or above)?", re.I)
#: Labels of a salary line that name what it is, not where it applies ("Salary: £48,000 - £53,500").
_PAY_LABELS = frozenset({"salary", "salary range", "pay", "pay range", "pay band", "grade range"})


def _amount(digits: str, factor: int = 1) -> int | None:
    """Pounds as an integer, or None when the figure is beyond any bound (so ``int`` never meets 4,000 digits)."""
    whole, _, fraction = digits.replace(",", "").partition(".")
    if len(whole.lstrip("0")) > 16:
        return None
    return int(Decimal(f"{whole}.{fraction or 0}") * factor)


def _money(match: re.Match) -> int | None:
    unit = (match["unit"] or "").lower()
    factor = {"m": 1_000_000, "million": 1_000_000, "k": 1_000, "bn": 1_000_000_000}.get(unit, 1)
    return _amount(match["n"], factor)


def _derive(jd: JobDescription, unplaced: list[tuple[int, str]]) -> ParsedDocument:
    spec_fields = jd.person_specification.fields if jd.person_specification else []
    title = labelled_value(jd.header, "position designation", "job title", "designation") or jd.title
    title = title or labelled_value(spec_fields, "job title")
    grade = labelled_value(jd.header, "grade") or labelled_value(spec_fields, "grade")
    grade = grade or labelled_value(jd.lines(), "grade")  # a "Grade:" line under a level's heading
    department = labelled_value(jd.header, "department")
    section = labelled_value(jd.header, "postholder section", "section", "service/section")
    directorate = labelled_value(jd.header, "directorate") or labelled_value(spec_fields, "directorate")

    mentions: list[Mention] = []
    direct = indirect = None
    evidence: list[str] = []
    budget = None
    salary: list[SalaryRange] = []
    ignored: list[tuple[str, str]] = []
    sfia = None
    for line in jd.lines():
        if m := _MANAGER_FIELD.match(line):
            relation = "reports-to" if m["label"].lower().startswith("report") else "responsible-to"
            mentions.append(Mention(m["who"].strip(), line, relation))
        elif m := _RESPONSIBLE_TO.search(line):
            mentions.append(Mention(m["who"].strip(), line, "responsible-to"))
        elif m := _REPORTS_TO.search(line):
            mentions.append(Mention(m["who"].strip(), line, "reports-to"))
        if m := _MANAGES.search(line):
            staff = _amount(m["n"])
            if staff is None or staff > MAX_STAFF:
                ignored.append((line, f"a staff number above {MAX_STAFF:,} is not taken as the management span"))
            else:
                evidence.append(line)
                if m["kind"].lower() == "directly":
                    direct = staff
                else:
                    indirect = staff
        if budget is None and "budget" in line.lower() and (m := _MONEY.search(line)):
            amount = _money(m)
            if amount is None or amount > MAX_BUDGET_GBP:
                ignored.append((line, f"a budget above £{MAX_BUDGET_GBP:,} is not taken as the budget"))
            else:
                qualifier = "may exceed" if "exceed" in line.lower() else None
                budget = Budget(amount_gbp=amount, qualifier=qualifier, evidence=line)
        if m := _SALARY.match(line):
            low, high = _amount(m["lo"]), _amount(m["hi"])
            if low is None or high is None or max(low, high) > MAX_SALARY_GBP:
                ignored.append((line, f"a salary above £{MAX_SALARY_GBP:,} is not taken as a salary range"))
            elif high < low:
                ignored.append((line, "the salary range runs from the higher figure to the lower: not taken"))
            else:
                where = m["where"].strip()
                location = None if _key(where) in _PAY_LABELS else where
                salary.append(SalaryRange(location=location, minimum_gbp=low, maximum_gbp=high, evidence=line))
        if sfia is None and (m := _SFIA.search(line)):
            sfia = (m["level"], line)
    management = ManagementSpan(direct=direct, indirect=indirect, evidence=evidence) if evidence else None
    return ParsedDocument(
        job_description=jd,
        title=title,
        grade=grade,
        department=department,
        section=section,
        directorate=directorate,
        mentions=mentions,
        management=management,
        budget=budget,
        salary=salary,
        sfia_level=sfia,
        unplaced=unplaced,
        ignored=ignored,
    )
