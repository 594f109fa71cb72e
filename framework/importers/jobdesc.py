"""Read a job-description document (Markdown or plain text) into a :class:`~framework.models.JobDescription`.

Every line of the document lands somewhere, word for word and in order: the header fields, the purpose
(with its lead-in sentence), duties under their headings, the person specification, and any other section.
Markup is the only thing removed: ``>`` header quotes, ``#`` heading marks, list numbers and bullets,
``<u>`` criteria markers, and whitespace at line ends. A line the reader cannot place is reported by name in
:attr:`ParsedDocument.unplaced`, never silently dropped.

Facts derived from the text (grade, reporting lines, management span, budget, salary, SFIA level) are
returned with the line they come from, so whoever uses them can say where they came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..models import (
    MAX_BUDGET_GBP,
    MAX_SALARY_GBP,
    MAX_STAFF,
    Budget,
    Criteria,
    CriteriaGroup,
    Group,
    JobDescription,
    ManagementSpan,
    PersonSpecification,
    SalaryRange,
    Section,
    labelled_value,
)

__all__ = ["Mention", "ParsedDocument", "content_lines", "parse_job_description"]

_LIST_ITEM = re.compile(r"^\s*(?:\d+[.)]|[-*•])\s+(?P<text>.*\S)\s*$")
_HEADING = re.compile(r"^\s*(?P<marks>#{1,6})\s*(?P<text>.*?)\s*$")
_MARKER = re.compile(r"^\s*(?:<u>|\*\*|__)?\s*(?P<which>essential|desirable)\s*(?:</u>|\*\*|__)?\s*:?\s*$", re.I)
_LABELLED = re.compile(r"^(?P<label>[A-Za-z][A-Za-z /&()'-]{0,60}?)\s*:\s*(?P<value>.*?)\s*$")

_SECTION_KINDS = {
    "purpose": ("purpose of job", "purpose of the job", "job purpose", "purpose", "role purpose", "overall purpose"),
    "duties": (
        "main duties",
        "main duties and responsibilities",
        "duties and responsibilities",
        "key responsibilities",
        "responsibilities",
        "duties",
    ),
    "outcomes": ("outcomes", "key outcomes"),
    "competencies": ("competencies", "competencies and behaviours", "behaviours"),
    "benefits": ("work perks and benefits", "perks and benefits", "benefits"),
    "salary": ("salary and location", "salary", "location"),
    "applying": ("applying", "how to apply"),
}
_PERSON_SPEC = ("person specification", "person spec")
_CRITERIA = ("criteria", "selection criteria")
_CRITERIA_HEADINGS = (
    "knowledge",
    "skills and abilities",
    "skills",
    "experience",
    "equal opportunities",
    "qualifications",
    "qualifications and training",
)


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
    unplaced: list[tuple[int, str]] = field(default_factory=list)  # (line number, text)
    #: (line, why): a figure a line states but a role cannot hold (beyond the bounds of the models), left out
    ignored: list[tuple[str, str]] = field(default_factory=list)


def content_lines(text: str) -> list[str]:
    """The document's content lines with markup removed: what a faithful copy must contain, in order."""
    out = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            continue
        line = line.lstrip(">").strip()
        if m := _HEADING.match(line):
            line = m["text"]
        elif m := _MARKER.match(line):
            line = m["which"].capitalize()
        elif m := _LIST_ITEM.match(line):
            line = m["text"]
        if line:
            out.append(line)
    return out


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


def _unmark(line: str) -> str:
    """``<u>Essential`` → ``Essential``: the marker word as written, without its markup."""
    return re.sub(r"</?u>|\*\*|__", "", line).strip()


def _looks_like_group_heading(text: str) -> bool:
    """A short line without end punctuation, directly above list items: ``Strategy and Management``."""
    return len(text.split()) <= 8 and not text.rstrip().endswith((".", ":", ";", "!", "?", ","))


def parse_job_description(text: str) -> ParsedDocument:
    """Parse one job description. Never raises for odd content: what it cannot place is in ``unplaced``."""
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [(n + 1, line.rstrip()) for n, line in enumerate(raw_lines) if line.strip()]

    title: str | None = None
    header: list[str] = []
    sections: list[Section] = []
    current: _SectionBuilder | None = None
    spec_fields: list[str] = []
    spec_heading: str | None = None
    criteria_heading: str | None = None
    criteria: list[dict] = []
    mode = "top"  # top → sections → spec → criteria
    unplaced: list[tuple[int, str]] = []

    def close_section() -> None:
        nonlocal current
        if current is not None:
            sections.append(current.build())
            current = None

    for index, (number, line) in enumerate(lines):
        stripped = line.strip()
        next_line = lines[index + 1][1].strip() if index + 1 < len(lines) else ""
        next_is_item = bool(_LIST_ITEM.match(next_line)) and not _HEADING.match(next_line)

        if stripped.startswith(">"):
            body = stripped.lstrip(">").strip()
            m = _LABELLED.match(body)
            if m and mode in ("top",):
                header.append(body)
                continue
            stripped = body  # a quoted line that is not a header field: read it as ordinary text

        heading = _HEADING.match(stripped)
        heading_text = heading["text"] if heading else None
        level = len(heading["marks"]) if heading else 0
        plain_key = _key(stripped)

        # Criteria headings are recognised in the person specification even without '#' marks.
        if mode in ("spec", "criteria") and (heading_text is not None or plain_key in _CRITERIA_HEADINGS):
            words = heading_text if heading_text is not None else stripped
            key = _key(words)
            if key in _CRITERIA and not criteria:
                criteria_heading, mode = words, "criteria"
                continue
            if key in _CRITERIA_HEADINGS or mode == "criteria":
                criteria.append({"heading": words, "groups": [[None, []]]})
                mode = "criteria"
                continue

        if heading_text is not None:
            key = _key(heading_text)
            if level == 1 and title is None and not sections and current is None and not header:
                title = heading_text
                continue
            if key in _PERSON_SPEC:
                close_section()
                spec_heading, mode = heading_text, "spec"
                continue
            kind = _kind_of(heading_text)
            if mode == "sections" and current is not None and level >= 3 and kind is None:
                current.groups.append([heading_text, []])  # a sub-heading of duties: Strategic, People, …
                continue
            if mode in ("top", "sections"):
                close_section()
                current = _SectionBuilder(kind or "other", heading_text)
                mode = "sections"
                continue
            unplaced.append((number, stripped))
            continue

        if mode == "criteria":
            marker = _MARKER.match(stripped)
            if marker and criteria:
                criteria[-1]["groups"].append([_unmark(stripped), []])
                continue
            item = _LIST_ITEM.match(stripped)
            if criteria:  # an unbulleted criterion is kept where it stands
                criteria[-1]["groups"][-1][1].append(item["text"] if item else stripped)
            else:
                unplaced.append((number, stripped))
            continue

        if mode == "spec":
            if _LABELLED.match(stripped):
                spec_fields.append(stripped)
            else:
                unplaced.append((number, stripped))
            continue

        # Ordinary content: before any heading it opens an untitled purpose section.
        if current is None:
            if mode == "top":
                current, mode = _SectionBuilder("purpose", None), "sections"
            else:
                unplaced.append((number, stripped))
                continue
        item = _LIST_ITEM.match(stripped)
        if item:
            current.add_item(item["text"])
        else:
            current.add_plain(stripped, next_is_item=next_is_item)
    close_section()

    person_specification = None
    if spec_heading is not None:
        person_specification = PersonSpecification(
            heading=spec_heading,
            fields=spec_fields,
            criteria_heading=criteria_heading,
            criteria=[
                Criteria(
                    heading=c["heading"],
                    groups=[CriteriaGroup(marker=m, items=i) for m, i in c["groups"] if m is not None or i],
                )
                for c in criteria
            ],
        )
    jd = JobDescription(title=title, header=header, sections=sections, person_specification=person_specification)
    return _derive(jd, unplaced)


# --------------------------------------------------------------------------- derived facts

_RESPONSIBLE_TO = re.compile(
    r"\bresponsible to (?:the )?(?P<who>.+?)(?:\s+(?:to|for)\s*:|\s+who\b|\s*[.;:]|\s*$)", re.I
)
_REPORTS_TO = re.compile(r"\breports? to\s*:\s*(?:the )?(?P<who>[^.;:]+?)\s*\.?$", re.I)
_MANAGES = re.compile(r"manages up to (?P<n>\d+) (?P<kind>directly|indirectly) managed", re.I)
_MONEY = re.compile(r"£\s?(?P<n>\d[\d,]*(?:\.\d+)?)\s?(?P<unit>m|k|million|bn)?\b", re.I)
_SALARY = re.compile(r"^(?P<where>[^:£]+):\s*£(?P<lo>[\d,]+)\s*[-–]\s*£(?P<hi>[\d,]+)\s*$")
_SFIA = re.compile(r"\bSFIA level (?P<level>[1-7])(?P<above> or above)?", re.I)


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
        if m := _RESPONSIBLE_TO.search(line):
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
                salary.append(
                    SalaryRange(location=m["where"].strip(), minimum_gbp=low, maximum_gbp=high, evidence=line)
                )
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
