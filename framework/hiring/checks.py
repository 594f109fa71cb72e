"""Checks on a hiring draft, each naming the line it is about.

* **gender-coded words** — the masculine-coded word stems of Gaucher, Friesen and Kay (2011), kept as data in
  ``wordlists.yaml`` with the citation; each word found is named with its line (feminine-coded words are
  counted, since the study found they do not put men off);
* **questions about pay history** — phrases such as "current salary" (``wordlists.yaml``);
* **criteria not in the role's profile** — a criterion listed under the essential or desirable criteria that is
  neither one of the role's own criteria nor words of one of its skill descriptors;
* **unexplained acronyms** — a word in capitals that the draft never spells out ("Full Name (FN)" or
  "FN (Full Name)");
* **readability** — the Flesch reading ease of the draft's sentences (syllables counted by pyphen's English
  hyphenation dictionary, shipped in the package: nothing is downloaded), reported as a figure with its band.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from ..documents import Document
from ..models import Framework
from .drafts import DESIRABLE_HEADING, ESSENTIAL_HEADING, role_criteria

__all__ = ["Finding", "Readability", "check_draft", "flesch_reading_ease", "wordlists"]

WORDLISTS = Path(__file__).with_name("wordlists.yaml")
#: Capitals that are not acronyms to explain: Roman numerals and words any reader knows.
KNOWN_CAPITALS = frozenset({"I", "II", "III", "IV", "UK", "EU", "OK", "CV", "DRAFT"})


@cache
def wordlists() -> dict:
    """The word lists of the checks, with their sources (read once)."""
    return yaml.safe_load(WORDLISTS.read_text(encoding="utf-8"))


def _stems_pattern(stems: list[str]) -> re.Pattern:
    parts = [re.escape(s[:-1]) + r"[\w-]*" if s.endswith("*") else re.escape(s) for s in stems]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.I)


def _phrases_pattern(phrases: list[str]) -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) + r")(?!\w)", re.I)


@cache
def _patterns() -> dict[str, re.Pattern]:
    lists = wordlists()
    return {
        "masculine": _stems_pattern(lists["gender_coded"]["masculine"]),
        "feminine": _stems_pattern(lists["gender_coded"]["feminine"]),
        "pay_history": _phrases_pattern(lists["pay_history"]["phrases"]),
        "subjective": _phrases_pattern(lists["subjective"]["phrases"]),
    }


def subjective_phrases(text: str) -> list[str]:
    """The subjective phrases (``wordlists.yaml``) in ``text``, as written there."""
    return [m.group(0) for m in _patterns()["subjective"].finditer(text)]


@dataclass(frozen=True)
class Finding:
    kind: str  # gender-coded, pay-history, not-in-profile, acronym
    where: str  # "Main duties, line 12"
    line: str  # the line as drafted
    message: str


@dataclass(frozen=True)
class Readability:
    score: float  # Flesch reading ease: higher is easier
    band: str
    sentences: int
    words: int


def _places(document: Document) -> list[tuple[str, int, str, bool]]:
    """(section heading, line number in the document, line, whether it is a criterion) for every line of text;
    a criterion is the first cell of a table under the essential or desirable criteria headings."""
    out = []
    section = "Top"
    for text in ([document.banner] if document.banner else []) + [document.title]:
        out.append((section, len(out) + 1, text, False))
    for block in document.blocks:
        if block.kind == "heading":
            section = block.text
        if block.kind in ("heading", "paragraph", "note"):
            out.append((section, len(out) + 1, block.text, False))
        elif block.kind == "bullets":
            out += [(section, len(out) + 1 + i, item, False) for i, item in enumerate(block.items)]
        else:
            criteria = section in (ESSENTIAL_HEADING, DESIRABLE_HEADING)
            for row in block.rows:
                out += [(section, len(out) + 1 + i, cell, criteria and i == 0) for i, cell in enumerate(row)]
    return out


def _lines_with_places(document: Document) -> list[tuple[str, int, str]]:
    return [(section, number, text) for section, number, text, _ in _places(document)]


def _criteria_in(document: Document) -> list[tuple[str, int, str]]:
    """The criteria a draft lists under its essential and desirable headings."""
    return [(section, number, text) for section, number, text, criterion in _places(document) if criterion]


_ACRONYM = re.compile(r"(?<![\w-])([A-Z][A-Z&]{1,}s?)(?![\w-])")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")


def _explained(acronym: str, text: str) -> bool:
    """Whether ``text`` spells the acronym out: "Key Performance Indicators (KPIs)" or "KPI (key …)"."""
    return bool(
        re.search(r"\(\s*" + re.escape(acronym) + r"\s*\)", text) or re.search(re.escape(acronym) + r"\s+\(", text)
    )


def flesch_reading_ease(lines: list[str]) -> Readability:
    """The Flesch reading ease of the lines: 206.835 − 1.015 × words per sentence − 84.6 × syllables per word
    (each line ends a sentence, as a list item does)."""
    import pyphen

    hyphenator = pyphen.Pyphen(lang="en_GB")
    sentences = words = syllables = 0
    for line in lines:
        found = _WORD.findall(line)
        if not found:
            continue
        words += len(found)
        sentences += max(1, len(_SENTENCE_END.findall(line)))
        syllables += sum(len(hyphenator.positions(word.lower())) + 1 for word in found)
    if not words:
        return Readability(0.0, "no text", 0, 0)
    score = 206.835 - 1.015 * words / sentences - 84.6 * syllables / words
    band = next(name for low, name in _BANDS if score >= low)
    return Readability(round(score, 1), band, sentences, words)


_BANDS = (
    (90, "very easy"),
    (80, "easy"),
    (70, "fairly easy"),
    (60, "plain English"),
    (50, "fairly difficult"),
    (30, "difficult (university level)"),
    (float("-inf"), "very difficult (graduate level)"),
)


def check_draft(document: Document, framework: Framework, role_id: str) -> tuple[list[Finding], Readability]:
    """Every finding on the draft (in the order of its lines) and its readability."""
    role = framework.role(role_id)
    lines = _lines_with_places(document)
    patterns = _patterns()
    citation = "Gaucher, Friesen & Kay 2011"
    findings: list[Finding] = []
    everything = "\n".join(text for _, _, text in lines)
    reported_acronyms: set[str] = set()
    for section, number, text in lines:
        where = f"{section}, line {number}"
        coded = list(dict.fromkeys(match.group(0) for match in patterns["masculine"].finditer(text)))
        if coded:
            words = ", ".join(f"“{word}”" for word in coded)
            findings.append(Finding("gender-coded", where, text, f"masculine-coded ({citation}): {words}"))
        for match in patterns["pay_history"].finditer(text):
            findings.append(
                Finding("pay-history", where, text, f"“{match.group(0)}”: a question about current or past pay")
            )
        for match in _ACRONYM.finditer(text):
            acronym = match.group(1)
            if acronym in KNOWN_CAPITALS or acronym in reported_acronyms or _explained(acronym, everything):
                continue
            reported_acronyms.add(acronym)
            findings.append(Finding("acronym", where, text, f"“{acronym}” is not spelled out anywhere in the draft"))
    own = {_fold(c.text) for c in role_criteria(framework, role)}
    descriptors = " ".join(
        _fold(framework.skills_by_id[r.skill].levels.get(r.level) or "")
        for r in role.skills
        if r.skill in framework.skills_by_id
    )
    for section, number, text in _criteria_in(document):
        if _fold(text) not in own and _fold(text) not in descriptors:
            findings.append(
                Finding(
                    "not-in-profile",
                    f"{section}, line {number}",
                    text,
                    f"not one of {role.title}'s criteria or skill descriptors in {framework.name}",
                )
            )
    readability = flesch_reading_ease([text for _, _, text in lines])
    order = {number: i for i, (_, number, _) in enumerate(lines)}
    findings.sort(key=lambda f: order.get(int(f.where.rsplit(" ", 1)[-1]), 0))
    return findings, readability


def feminine_coded_count(document: Document) -> int:
    return sum(len(_patterns()["feminine"].findall(text)) for _, _, text in _lines_with_places(document))


def _fold(text: str) -> str:
    return " ".join(text.lower().split())
