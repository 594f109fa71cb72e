"""A job-description document as the roles it describes: its front matter read, its levels told apart.

* **Front matter** (a Jekyll page's ``---`` block: ``layout: job``, ``title: Senior developer``) is read, never
  kept as text: its ``title`` names the role when the document's own lines name none.
* **Several levels.** Some documents describe a job at several levels ("Junior developer", "Developer", "Senior
  developer", or "Grade 7", "Grade 6"), each under a heading of the same depth with its own text. Such a
  document is split into one part per level: the level's heading is its title (after the document's title where
  the heading names only a grade) and the text before the first level and after the last — what the levels
  share — is part of each. Headings that look like levels but are not siblings of one depth are not split: the
  document is imported as one role, with a warning naming them.

A level heading names a grade (``Level 3``, ``Grade 7``, ``SEO``, ``PO4``), starts with a word of seniority
(junior, associate, senior, lead, principal, staff, trainee, apprentice, graduate, head of), or ends with the
word the document's title ends with ("Developer" → "Senior developer").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import InputError
from ..formats import split_front_matter
from .common import read_yaml, strip_text
from .personspec import ends_spec, is_spec_heading

__all__ = ["DocumentParts", "Part", "document_parts"]

_HEADING = re.compile(r"^\s*(?P<marks>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_GRADE = re.compile(
    r"^(?:(?:level|grade|band|pay band|step|tier)\s*[-:]?\s*[a-z0-9]{1,3}|aa|ao|eo|heo|seo|g6|g7|scs\s*\d?|po\d{1,2}"
    r"|so\d?|sl\d?|pb\d?|[a-z]{1,3}\d{1,2})(?:\s*\(.*\))?$",
    re.IGNORECASE,
)
_SENIORITY = re.compile(
    r"^(?:junior|associate|senior|lead|principal|staff|trainee|apprentice|graduate|entry[- ]level|mid[- ]level|"
    r"head of)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Part:
    """One role's part of a document: its lines (numbered as in the file); for a part split at a level, the
    role's title and the document's own title line (kept at the head of the part's header)."""

    lines: list[tuple[int, str]]
    title: str | None = None
    document_title: str | None = None


@dataclass
class DocumentParts:
    """A document's front matter (None when it has none) and its parts (one, unless it describes levels)."""

    meta: dict | None
    parts: list[Part]
    #: headings that look like levels, when the document was not split at them (worth a warning)
    unsplit_levels: list[str] = field(default_factory=list)
    front_matter_keys: list[str] = field(default_factory=list)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.casefold())


def is_level_heading(text: str, title: str | None) -> bool:
    """True for a heading that names a level of the job (see the module docstring)."""
    if ends_spec(text, None) or is_spec_heading(text) or len(text.split()) > 8:
        return False
    if _GRADE.match(text.strip()) or _SENIORITY.match(text.strip()):
        return True
    last = _words(title)[-1:] if title else []
    return bool(last) and _words(text)[-1:] == last and len(_words(text)) > 1


def _front_matter(text: str, name: str) -> tuple[dict | None, int, str]:
    front, body_line, body = split_front_matter(text)
    if front is None:
        return None, 1, text
    try:
        meta = read_yaml(front, name=name)
    except InputError:
        meta = None
    return (meta if isinstance(meta, dict) else {}), body_line, body


def document_parts(text: str, *, name: str) -> DocumentParts:
    """The document's front matter and parts (see the module docstring)."""
    meta, first_line, body = _front_matter(text, name)
    lines = [(n, line) for n, line in enumerate(body.replace("\r\n", "\n").replace("\r", "\n").split("\n"), first_line)]
    headings = [(i, len(m["marks"]), m["text"]) for i, (_, line) in enumerate(lines) if (m := _HEADING.match(line))]
    title = strip_text(meta.get("title")) if meta else None
    title_at = None
    if headings and headings[0][1] == 1 and not any(line.strip() for _, line in lines[: headings[0][0]]):
        title_at, title = headings[0][0], headings[0][2]
        headings = headings[1:]
    keys = [str(key) for key in meta] if meta else []
    parts = DocumentParts(meta, [Part(lines)], front_matter_keys=keys)
    if not headings:
        return parts
    top = min(level for _, level, _ in headings)
    levelled = [(i, text) for i, level, text in headings if level == top and is_level_heading(text, title)]
    # A heading naming the same job as the level headings, without a word of seniority ("Data Analyst" between
    # "Associate Data Analyst" and "Senior Data Analyst") is a level too.
    nouns = {_words(text)[-1] for _, text in levelled if _words(text)}
    levelled = [
        (i, text)
        for i, level, text in headings
        if level == top
        and ((i, text) in levelled or (_words(text)[-1:] and _words(text)[-1] in nouns and len(_words(text)) <= 5))
        and not ends_spec(text, None)
    ]
    if len(levelled) < 2:
        return parts
    siblings = [(i, text) for i, level, text in headings if level == top]
    first, last = siblings.index(levelled[0]), siblings.index(levelled[-1])
    between = siblings[first : last + 1]
    if between != levelled:  # other headings of that depth among them: not one level after another
        parts.unsplit_levels = [text for _, text in levelled]
        return parts
    after = next((i for i, _ in siblings[last + 1 :]), len(lines))
    shared_before = [(n, line) for i, (n, line) in enumerate(lines[: levelled[0][0]]) if i != title_at]
    shared_after = lines[after:]
    ends = [i for i, _ in levelled[1:]] + [after]
    out = []
    for (start, heading), end in zip(levelled, ends, strict=True):
        named = heading if not _GRADE.match(heading.strip()) or not title else f"{title} ({heading})"
        number, _ = lines[start]
        own = [(n, _promoted(line, top)) for n, line in lines[start + 1 : end]]
        kept = title if title_at is not None else None  # a front matter's title is read, never kept as text
        out.append(Part([(number, f"# {heading}"), *shared_before, *own, *shared_after], named, kept))
    parts.parts = out
    return parts


def _promoted(line: str, top: int) -> str:
    """A heading under a level's heading, raised so that the level's own sections are sections of the part."""
    m = _HEADING.match(line)
    if m is None or top < 2:
        return line
    return "#" * max(2, len(m["marks"]) - (top - 1)) + " " + m["text"]
