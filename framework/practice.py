"""Ways to practise a skill or meet a criterion: sentences from the target role's own main duties, attributed by
one stated rule that a page can explain in a sentence (:data:`SKILL_RULE`, :data:`CRITERION_RULE`).

A duty is something the target role does, so doing it — with support, before the move — is practice for the
skills it exercises. Only the **main duties** count: a heading names a group of duties and does nothing itself,
the purpose says what the role is for in a phrase, and the person specification says what a candidate must
already have; none of them is a way to practise.

The rule for a skill. A duty is split into its sentences, and a sentence into its clauses (the parts between
semicolons, which job descriptions use to list several duties in one line). A clause *names* a skill when it
contains one of the skill's keywords — :data:`framework.benchmark.EVIDENCE_KEYWORDS`, a table anyone can check
by eye, or the words of the skill's name for a skill the table does not list — as a whole word; a keyword of
several words ("product vision", "ways of working") counts once for each of its words, being the more specific.
A sentence is listed under a skill when one of its clauses names that skill at least as much as any other skill
the target role needs: a clause that names two skills equally counts for both. Up to three sentences a skill,
the strongest first, then in the document's order.

The rule for a criterion: a sentence of the main duties that shares at least two words with the criterion (not
counting common words such as "experience" or "ability"), the shared words named.

How well the skill rule does — its precision on hand-labelled pairs from the council's job descriptions,
beside the rule it replaced — is reported in ``docs/practice-attribution.md`` and checked by
``tests/test_practice.py``.

>>> from framework import load_framework
>>> fw = load_framework("data/roles.yaml")
>>> found = skill_practice(fw, fw.role("delivery-manager"))
>>> found["commercial-management"][0].words
('commercial', 'contracts', 'suppliers')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .benchmark import EVIDENCE_KEYWORDS
from .models import Framework, Role

__all__ = [
    "CRITERION_RULE",
    "MAX_PRACTICE",
    "SKILL_RULE",
    "Attribution",
    "Duty",
    "criterion_practice",
    "duty_sentences",
    "skill_keywords",
    "skill_practice",
]

MAX_PRACTICE = 3  #: ways to practise listed per skill or criterion

#: The skill rule in one sentence, for the page and the files ("{document}" is the target's job description).
SKILL_RULE = (
    "Each is a sentence from the main duties of the {document} that names this skill's keywords at least as much "
    "as those of any other skill the role needs; headings, the role's purpose and its person specification never "
    "count."
)
#: The criterion rule in one sentence.
CRITERION_RULE = (
    "Each is a sentence from the main duties of the {document} that shares at least two words with the criterion "
    "(named beside it); headings, the role's purpose and its person specification never count."
)

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\[(“\"‘'])")
_WORD = re.compile(r"[a-z][a-z'’-]{3,}")
#: Words too common in job descriptions and criteria to say what a sentence is about.
COMMON_WORDS = frozenset(
    [
        "able",
        "ability",
        "about",
        "across",
        "also",
        "and",
        "any",
        "are",
        "awareness",
        "based",
        "being",
        "both",
        "can",
        "clear",
        "demonstrable",
        "demonstrated",
        "desirable",
        "essential",
        "evidence",
        "experience",
        "good",
        "have",
        "including",
        "into",
        "knowledge",
        "level",
        "more",
        "must",
        "other",
        "over",
        "own",
        "role",
        "such",
        "that",
        "their",
        "them",
        "this",
        "through",
        "understanding",
        "using",
        "what",
        "when",
        "where",
        "which",
        "while",
        "will",
        "with",
        "within",
        "work",
        "working",
        "would",
        "your",
    ]
)


@dataclass(frozen=True)
class Duty:
    """One sentence of the main duties, as written, and its clauses (the parts between semicolons)."""

    text: str
    clauses: tuple[str, ...]
    order: int  # its place in the document


@dataclass(frozen=True)
class Attribution:
    """A sentence of the duties listed under a skill or criterion, with the words that put it there."""

    text: str
    words: tuple[str, ...]  # the keywords it names, or the words it shares with the criterion
    strength: int  # how much it names them: the rule's ranking
    order: int


def duty_sentences(role: Role) -> tuple[Duty, ...]:
    """The sentences of ``role``'s main duties (sections of kind "duties": their items and the items of their
    groups), in document order. Headings, lead-ins, paragraphs and notes are left out: they introduce duties."""
    jd = role.job_description
    if jd is None:
        return ()
    out: list[Duty] = []
    for section in jd.sections:
        if section.kind != "duties":
            continue
        for item in [*section.items, *(i for group in section.groups for i in group.items)]:
            for sentence in _SENTENCE_END.split(item.strip()):
                sentence = sentence.strip()
                if sentence:
                    clauses = tuple(c.strip() for c in sentence.split(";") if c.strip())
                    out.append(Duty(sentence, clauses, len(out)))
    return tuple(out)


def _content_words(text: str) -> set[str]:
    return {w.rstrip("s") for w in _WORD.findall(text.lower())} - COMMON_WORDS


def skill_keywords(framework: Framework, skill_id: str) -> tuple[str, ...]:
    """The words that name a skill: its row of the keyword table, else the content words of its name."""
    listed = EVIDENCE_KEYWORDS.get(skill_id)
    if listed:
        return listed
    skill = framework.skills_by_id.get(skill_id)
    return tuple(sorted(_content_words(skill.name))) if skill else ()


def _pattern(keywords: Sequence[str]) -> re.Pattern | None:
    if not keywords:
        return None
    ordered = sorted(keywords, key=len, reverse=True)  # "user need" before "user"
    return re.compile(r"\b(?:" + "|".join(re.escape(k) for k in ordered) + r")\b", re.I)


def _named(pattern: re.Pattern | None, clause: str) -> tuple[int, tuple[str, ...]]:
    """How much ``clause`` names a skill (each distinct keyword counts its number of words), and the keywords."""
    if pattern is None:
        return 0, ()
    found = sorted({m.group(0).lower() for m in pattern.finditer(clause)})
    return sum(len(k.split()) for k in found), tuple(found)


def skill_practice(framework: Framework, role: Role) -> dict[str, tuple[Attribution, ...]]:
    """Ways to practise each skill ``role`` needs, from its own main duties (see the module's rule): skill id →
    up to :data:`MAX_PRACTICE` sentences, strongest first. A skill no sentence names is left out."""
    needed = list(dict.fromkeys(r.skill for r in role.skills))
    patterns = {s: _pattern(skill_keywords(framework, s)) for s in needed}
    found: dict[str, list[Attribution]] = {}
    for duty in duty_sentences(role):
        best: dict[str, tuple[int, tuple[str, ...]]] = {}
        for clause in duty.clauses:
            scores = {s: _named(p, clause) for s, p in patterns.items()}
            top = max((score for score, _ in scores.values()), default=0)
            if top == 0:
                continue
            for skill, (score, words) in scores.items():
                if score == top and score > best.get(skill, (0, ()))[0]:
                    best[skill] = (score, words)
        for skill, (score, words) in best.items():
            found.setdefault(skill, []).append(Attribution(duty.text, words, score, duty.order))
    return {
        skill: tuple(sorted(items, key=lambda a: (-a.strength, a.order))[:MAX_PRACTICE])
        for skill, items in found.items()
    }


def criterion_practice(criterion: str, role: Role) -> tuple[Attribution, ...]:
    """Ways to meet a criterion: sentences of ``role``'s main duties sharing at least two content words with it,
    most shared first (see :data:`CRITERION_RULE`)."""
    words = _content_words(criterion)
    found = []
    for duty in duty_sentences(role):
        shared = tuple(sorted(words & _content_words(duty.text)))
        if len(shared) >= 2:
            found.append(Attribution(duty.text, shared, len(shared), duty.order))
    return tuple(sorted(found, key=lambda a: (-a.strength, a.order))[:MAX_PRACTICE])
