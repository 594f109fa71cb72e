"""The person specification of a job description: found by what its heading means, read into criteria.

Organisations write it many ways. The heading: "Person Specification", "PERSON SPECIFICATION - COMPETENCES/SKILLS
REQUIRED", "Personal specification -- competencies and skills required", "Person spec", "Selection criteria",
"Essential and desirable criteria" — or no heading at all, only a table with Essential / Desirable columns.
Inside it:

* every heading is a criteria heading (an area of expectations): Knowledge, Skills and Abilities, a
  competency; a heading with headings under it and no criteria of its own — deeper, or in capitals above
  headings that are not — is a **cluster** (``SEEING THE BIG PICTURE``), the parent of the headings under it;
  a short line in capitals, or one directly above an Essential / Desirable marker, is a heading too (a Word
  document's bold or capitalised paragraph);
* ``Essential`` / ``Desirable`` lines (``<u>Essential``, ``**Essential criteria:**``, ``ESSENTIAL``) start a group
  of criteria with that marker; ``Essential: Degree in …`` is a marker and a criterion on one line;
* the lines under a heading before its first marker are what the competency means (its paragraphs), when a
  marker follows; otherwise they are criteria with no marker, kept where they stand;
* a table whose header has Essential / Desirable columns holds criteria: with text in those columns, each row
  is a heading (its first cell) and its criteria (each line of a cell); with ticks in them, each row is a
  criterion (its text cell) marked by the column ticked. Other columns ("Assessed by") are kept as notes;
* the specification ends at a heading of another part of the document: salary, benefits, how to apply, about
  the organisation, and the like.

Nothing is dropped: a line that fits nowhere is kept among the specification's paragraphs and reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Criteria, CriteriaGroup, PersonSpecification

__all__ = [
    "SpecReader",
    "capitals",
    "ends_spec",
    "is_marker",
    "is_spec_heading",
    "marker_text",
    "split_inline_marker",
    "table_cells",
]

_MARKER = re.compile(
    r"^\s*(?:<u>|\*\*|__)?\s*(?P<which>essential|desirable)(?:\s+(?:criteria|requirements|skills))?\s*"
    r"(?:</u>|\*\*|__)?\s*:?\s*(?:</u>|\*\*|__)?\s*$",
    re.IGNORECASE,
)
_INLINE_MARKER = re.compile(
    r"^\s*(?:\*\*|__)?(?P<marker>(?:essential|desirable)(?:\s+criteria)?\s*:)(?:\*\*|__)?\s+(?P<item>\S.*)$",
    re.IGNORECASE,
)
_SPEC_STARTS = (
    "person specification",
    "personal specification",
    "person spec",
    "personal spec",
    "selection criteria",
    "essential and desirable criteria",
    "essential and desirable",
    "candidate specification",
    "the person specification",
)
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
#: Headings of the parts of a job description that come after its person specification.
_AFTER_SPEC = (
    "how to apply",
    "applying",
    "application",
    "salary",
    "pay",
    "benefits",
    "what we offer",
    "work perks",
    "perks",
    "about us",
    "about the department",
    "about the organisation",
    "about the team",
    "contact",
    "further information",
    "additional information",
    "selection process",
    "recruitment process",
    "the recruitment process",
    "security",
    "nationality",
    "working pattern",
    "working arrangements",
    "terms and conditions",
    "location",
    "hours",
    "closing date",
    "next steps",
    "interview",
)
_TICKS = frozenset({"", "yes", "y", "x", "✓", "✔", "✔️", "•", "e", "d", "*", "tick", "required"})
_ASSESSED = ("assessed", "method", "how assessed", "assessment", "stage", "tested", "evidenced")


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w/&]+", " ", text).split()).casefold()


def is_spec_heading(text: str) -> bool:
    """True for a heading that opens a person specification, whatever its spelling or its tail."""
    key = _key(text)
    return any(key == start or key.startswith(start + " ") for start in _SPEC_STARTS)


def ends_spec(text: str, kind: str | None) -> bool:
    """True for a heading that starts another part of the document (``kind`` is its section kind, if known)."""
    if kind in ("purpose", "duties", "outcomes", "benefits", "salary", "applying"):
        return True
    key = _key(text)
    return any(key == word or key.startswith(word + " ") for word in _AFTER_SPEC)


def is_marker(line: str) -> bool:
    return bool(_MARKER.match(line))


def marker_text(line: str) -> str:
    """``<u>Essential`` → ``Essential``, ``**Essential criteria:**`` → ``Essential criteria:``: the marker as
    written, without its markup."""
    return re.sub(r"</?u>|\*\*|__", "", line).strip()


def split_inline_marker(line: str) -> tuple[str, str] | None:
    """``Essential: Degree in …`` → (``Essential:``, ``Degree in …``); None for any other line."""
    m = _INLINE_MARKER.match(line)
    return (m["marker"].strip(), m["item"].strip()) if m else None


def table_cells(line: str) -> list[str]:
    """The cells of a Markdown table row (``| a | b |``), ``\\|`` read as a pipe, ``<br>`` as a line break."""
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    cells = re.split(r"(?<!\\)\|", body)
    return [re.sub(r"<br\s*/?>", "\n", cell.replace("\\|", "|"), flags=re.IGNORECASE).strip() for cell in cells]


def is_table_rule(line: str) -> bool:
    return bool(re.match(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$", line))


def capitals(text: str) -> bool:
    """True for a line in capitals (three letters or more, every one a capital): a heading in many documents."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def looks_like_heading(text: str, next_line: str) -> bool:
    """A plain line that is a heading inside a person specification: short and in capitals, or short and
    directly above a marker (a Word document's bold paragraph)."""
    short = len(text.split()) <= 12 and not text.rstrip().endswith((".", ";", ",", "?", "!"))
    return short and (capitals(text) or is_marker(next_line))


@dataclass
class _Criteria:
    heading: str | None
    cluster: str | None
    paragraphs: list[str] = field(default_factory=list)
    groups: list[list] = field(default_factory=list)  #: [marker or None, items, plain?]
    notes: list[str] = field(default_factory=list)

    def build(self) -> Criteria:
        return Criteria(
            heading=self.heading,
            cluster=self.cluster,
            paragraphs=self.paragraphs,
            groups=[CriteriaGroup(marker=m, items=i) for m, i, _ in self.groups if m is not None or i],
            notes=self.notes,
        )


class SpecReader:
    """The person specification, read line by line (see the module docstring)."""

    def __init__(self, heading: str | None, level: int) -> None:
        self.heading = heading
        self.level = level
        self.fields: list[str] = []
        self.paragraphs: list[str] = []
        self.criteria_heading: str | None = None
        self.criteria: list[_Criteria] = []
        self.cluster: tuple[str, int] | None = None

    # -- headings

    def takes_criteria_heading(self, text: str) -> bool:
        """True (and taken) for the heading over all criteria: "Criteria", "Selection criteria", before any."""
        if _key(text) in _CRITERIA and not self.criteria and self.criteria_heading is None:
            self.criteria_heading = text
            return True
        return False

    def heading_line(self, text: str, level: int, *, cluster: bool) -> None:
        """A heading inside the specification: a cluster, or a criteria heading — under the current cluster
        when deeper than it, or at its depth in small letters under a cluster in capitals."""
        if cluster:
            self.cluster = (text, level)
            return
        if self.cluster is not None:
            name, depth = self.cluster
            if not (level > depth or (level == depth and capitals(name) and not capitals(text))):
                self.cluster = None
        self.criteria.append(_Criteria(text, self.cluster[0] if self.cluster else None))

    def is_criteria_heading(self, text: str) -> bool:
        return _key(text) in _CRITERIA_HEADINGS

    # -- lines

    def _current(self) -> _Criteria:
        if not self.criteria:
            self.criteria.append(_Criteria(None, self.cluster[0] if self.cluster else None))
        return self.criteria[-1]

    def marker(self, text: str) -> None:
        current = self._current()
        unmarked = [g for g in current.groups if g[0] is None]
        if len(current.groups) == 1 and unmarked and unmarked[0][2] and not current.paragraphs:
            current.paragraphs = unmarked[0][1]  # lines above the first marker say what the heading means
            current.groups.clear()
        current.groups.append([text, [], False])

    def item(self, text: str, *, plain: bool = False) -> None:
        current = self._current()
        if not current.groups:
            current.groups.append([None, [], True])
        group = current.groups[-1]
        group[1].append(text)
        group[2] = group[2] and plain

    def field_or_paragraph(self, text: str, labelled: bool) -> bool:
        """A line before any criteria: a ``Label: value`` field, else a paragraph. Returns True for a field;
        False means the line is kept as a paragraph but is neither a field nor a criterion (worth a warning)."""
        if labelled:
            self.fields.append(text)
            return True
        self.paragraphs.append(text)
        return False

    @property
    def has_criteria(self) -> bool:
        return bool(self.criteria)

    # -- tables

    def table(self, rows: list[list[str]]) -> bool:
        """A table of criteria (its header has Essential / Desirable columns); False when it is not one."""
        header = [_key(cell) for cell in rows[0]]
        essential = next((i for i, k in enumerate(header) if k.startswith("essential")), None)
        desirable = next((i for i, k in enumerate(header) if k.startswith("desirable")), None)
        if essential is None and desirable is None:
            return False
        marked = [i for i in (essential, desirable) if i is not None]
        assessed = [i for i, k in enumerate(header) if i not in marked and k.startswith(_ASSESSED)]
        labels = [i for i in range(len(header)) if i not in marked and i not in assessed]
        body = [row for row in rows[1:] if any(row)]
        ticks = all(_key(row[i]) in _TICKS for row in body for i in marked if i < len(row)) and any(
            row[i].strip() for row in body for i in marked if i < len(row)
        )
        if labels and rows[0][labels[0]] and self.criteria_heading is None and not self.criteria:
            self.criteria_heading = rows[0][labels[0]]
        for row in body:
            cells = row + [""] * (len(rows[0]) - len(row))
            notes = [f"{rows[0][i]}: {cells[i]}" for i in assessed if cells[i]]
            if ticks:
                self._ticked_row(rows[0], cells, labels, marked, notes)
            else:
                heading = cells[labels[0]] if labels else None
                criteria = _Criteria(heading or None, self.cluster[0] if self.cluster else None)
                for text in (cells[i] for i in labels[1:]):
                    criteria.paragraphs += [line for line in text.split("\n") if line.strip()]
                for i in marked:
                    items = [_unbullet(line) for line in cells[i].split("\n") if _unbullet(line)]
                    if items:
                        criteria.groups.append([rows[0][i], items, False])
                criteria.notes = notes
                self.criteria.append(criteria)
        return True

    def _ticked_row(self, header: list[str], cells: list[str], labels, marked, notes) -> None:
        texts = [cells[i] for i in labels if cells[i]]
        if not texts:
            return
        if len(labels) > 1 and cells[labels[0]]:  # a category column: the heading of the rows below it
            self.criteria.append(_Criteria(cells[labels[0]], self.cluster[0] if self.cluster else None))
            texts = texts[1:]
        marker = next((header[i] for i in marked if _ticked(cells[i])), None)
        current = self._current()
        if not current.groups or current.groups[-1][0] != marker:
            current.groups.append([marker, [], False])
        current.groups[-1][1].extend(texts)
        current.notes += notes

    def build(self) -> PersonSpecification:
        return PersonSpecification(
            heading=self.heading or "Person Specification",
            fields=self.fields,
            paragraphs=self.paragraphs,
            criteria_heading=self.criteria_heading,
            criteria=[c.build() for c in self.criteria],
        )


def _ticked(cell: str) -> bool:
    """A tick in a table's Essential or Desirable column: anything but an empty cell, a dash or a no."""
    return cell.strip().casefold() not in ("", "no", "n", "-", "–", "—", "n/a")


def _unbullet(line: str) -> str:
    return re.sub(r"^\s*(?:[-*•·▪◦‣–]|\d{1,2}[.)])\s+", "", line).strip()
