"""Suggest a benchmark and skills for a role from the words of its job description.

A newly imported job description is a role with no skills and no benchmark, so the gap, the routes and the
review have nothing to work with. This module finds the role levels of a reference framework (DDaT) that the
job description most resembles and proposes the skills and levels those role levels require — never applying
anything by itself: :func:`accept_suggestion` applies what a person accepted, and every accepted skill says in
its ``source`` which role level and which line of the job description it came from.

How it matches, so a reader can check it:

* every role level of the reference is one document — its title (twice), its description, its role's
  description and the names of the skills it requires — turned into TF-IDF vectors (scikit-learn, English
  stop words, words and word pairs, sub-linear term frequency), fitted once per reference framework;
* a job description is its title and every line, and its **text similarity** to each role level is the cosine
  of their vectors, found with scikit-learn's brute-force nearest neighbours;
* its **title similarity** is rapidfuzz's token-sort ratio of the two titles (0–1); the ranking score is the
  text similarity plus :data:`TITLE_WEIGHT` times the title similarity, and the **confidence** shown is that
  score over its largest possible value;
* below :data:`CONFIDENT_TEXT` of text similarity there is **no confident suggestion**: the threshold is
  calibrated by ``python -m bench.suggest`` on DDaT's own role levels and on job descriptions of unrelated jobs
  (a chef, a nurse, …), and the figures are in ``docs/suggestions.md``;
* the lines that support a role level are the job description's lines closest to it in wording; a skill's
  evidence is a line that names one of its keywords (:data:`framework.benchmark.EVIDENCE_KEYWORDS`), else the
  line closest to the skill's name, description and level descriptor, above :data:`EVIDENCE_MIN`, else
  "no evidence in the text".

Nothing is downloaded and nothing a person uploads is kept: the index is made from the reference framework
alone, and a suggestion is made for one run from the role it is given.

>>> from framework.loader import load_framework
>>> index = build_index(load_framework("data/ddat.yaml"))
>>> lines = ["Lead agile delivery teams", "Remove blockers", "Run sprint planning and retrospectives with the team"]
>>> found = suggest_text(index, "Delivery Manager", lines)
>>> found.confident, found.candidates[0].title
(True, 'Delivery manager')
>>> suggest_text(index, "Head Chef", ["Cook fresh seasonal meals", "Keep food hygiene records"]).confident
False
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz import utils as fuzz_utils

from .benchmark import EVIDENCE_KEYWORDS, evidence_lines
from .errors import InputError, Problem
from .loader import validate_data
from .models import Benchmark, Framework, Role, SkillRequirement

if TYPE_CHECKING:  # scikit-learn (and SciPy under it) takes a second to import: only an index built needs it
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.neighbors import NearestNeighbors

__all__ = [
    "CONFIDENT_TEXT",
    "CONFIDENT_TITLE",
    "EVIDENCE_MIN",
    "LEVEL_WEIGHT",
    "MAX_QUERY_CHARS",
    "NO_EVIDENCE",
    "TITLE_WEIGHT",
    "Candidate",
    "GradeHint",
    "SkillSuggestion",
    "Suggestion",
    "SuggestionIndex",
    "accept_suggestion",
    "build_index",
    "from_accepted_suggestion",
    "likeness_text",
    "reference_label",
    "role_text",
    "suggest_role",
    "suggest_text",
    "suggestion_markdown",
]

#: How much the title counts beside the text in the ranking score: chosen by ``python -m bench.suggest`` on the
#: council's hand-benchmarked roles (each role's outcome measured with the weight chosen on the others).
TITLE_WEIGHT = 0.3
#: How much the wording of the role level's skills at their levels counts beside the text: it tells the levels
#: of one role apart (``python -m bench.suggest`` measured 0, 0.5, 1, 2 and 3; 2 placed the most exactly).
LEVEL_WEIGHT = 2.0
#: Text similarity below which nothing is suggested: calibrated by ``python -m bench.suggest``.
CONFIDENT_TEXT = 0.06
#: With no text but a title (a role only named in another document): the least title similarity that is
#: taken as the same title.
CONFIDENT_TITLE = 0.9
#: The least text similarity at which a line is shown as supporting a role level or evidencing a skill.
EVIDENCE_MIN = 0.1
#: The most text of one job description that is read (characters): far above any real job description.
MAX_QUERY_CHARS = 200_000
#: What a suggested skill says when no line of the job description evidences it.
NO_EVIDENCE = "no evidence in the text"
#: How many lines support one role level.
SUPPORTING_LINES = 3


def reference_label(reference: Framework) -> str:
    """How benchmarks name the reference framework: ``DDaT`` for the shipped DDaT file, else its name."""
    return "DDaT" if reference.id == "ddat" else reference.name


@dataclass(frozen=True)
class GradeHint:
    """A grade of the framework the role belongs to, for the suggested role level, and why."""

    grade: str | None  # the grade id, when the hint is one grade
    label: str  # "PO4", or a range "PO2–PO5"
    why: str
    grades: tuple[str, ...] = ()  # every grade the hint allows, lowest first

    def allows(self, grade: str | None) -> bool:
        """Whether ``grade`` is the hinted grade or within the hinted range."""
        return grade is not None and (grade == self.grade or grade in self.grades)


@dataclass(frozen=True)
class SkillSuggestion:
    skill: str
    name: str
    level: str
    level_name: str
    descriptor: str | None  # what the level looks like, in the reference's words
    evidence: str | None  # the job-description line that evidences it; None: no evidence in the text
    evidence_why: str  # how the line was found, in words


@dataclass(frozen=True)
class Candidate:
    """One role level of the reference that the job description resembles."""

    level: str  # the reference role level's id
    title: str
    family: str  # the reference's job family, by name
    role_name: str  # the reference's role (a ladder of role levels), by name
    level_name: str  # the reference's level (its grade), by name
    confidence: float  # 0–1: the ranking score over its largest possible value
    text_similarity: float
    title_similarity: float | None  # None when the job description has no title
    supporting: tuple[str, ...]  # the job description's lines closest to the role level, best first
    skills: tuple[SkillSuggestion, ...]
    grade_hint: GradeHint | None


@dataclass(frozen=True)
class Suggestion:
    """What a job description most resembles, or why nothing is suggested."""

    role: str | None  # the role suggested for, when it is a framework's role
    title: str
    reference: str  # "DDaT"
    confident: bool
    candidates: tuple[Candidate, ...]  # ranked; empty when there is no confident suggestion
    nearest: Candidate | None  # the closest role level, shown when it is below the threshold
    threshold: float
    why: str  # one sentence: why this is suggested, or why nothing is


@dataclass(frozen=True)
class SuggestionIndex:
    """A reference framework's role levels as TF-IDF vectors, fitted once: see :func:`build_index`."""

    reference: Framework
    levels: tuple[str, ...]  # role-level ids, the rows of ``matrix``
    vectorizer: TfidfVectorizer
    matrix: object  # sparse, one row per role level
    neighbours: NearestNeighbors
    titles: tuple[str, ...]  # processed for rapidfuzz
    level_vectorizer: TfidfVectorizer  # the role levels' skills at their levels, in the reference's words
    level_matrix: object

    def vectors(self, texts: Sequence[str]):
        return self.vectorizer.transform(texts)

    def similarity(self, texts: Sequence[str]) -> np.ndarray:
        """Cosine similarity of each text to each role level (rows: texts), found by nearest neighbours."""
        distances, rows = self.neighbours.kneighbors(self.vectors(texts), n_neighbors=len(self.levels))
        out = np.zeros((len(texts), len(self.levels)))
        np.put_along_axis(out, rows, 1 - distances, axis=1)
        return np.clip(out, 0.0, 1.0)

    def level_similarity(self, text: str) -> np.ndarray:
        """Cosine similarity of a text to each role level's skills at their levels."""
        return np.asarray((self.level_matrix @ self.level_vectorizer.transform([text]).T).todense()).ravel()


def _level_document(reference: Framework, role: Role) -> str:
    """What a role level is, in words: title (twice), description, its role's description, its skills' names."""
    parts = [role.title, role.title, role.description or ""]
    if role.job_description is not None:
        parts += role.job_description.lines()
    parts += [reference.skills_by_id[r.skill].name for r in role.skills if r.skill in reference.skills_by_id]
    return "\n".join(parts)


def _skills_document(reference: Framework, role: Role) -> str:
    """A role level's title and skills, each with the descriptor of the level it requires."""
    parts = [role.title]
    for requirement in role.skills:
        skill = reference.skills_by_id.get(requirement.skill)
        if skill is not None:
            parts += [skill.name, skill.levels.get(requirement.level) or ""]
    return "\n".join(parts)


def _vectorizer() -> TfidfVectorizer:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(
        stop_words="english", ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode", max_features=200_000
    )


def build_index(reference: Framework, *, hide: Collection[str] = ()) -> SuggestionIndex:
    """The index of ``reference``'s role levels that require skills.

    ``hide`` leaves out the descriptions of those role levels (their titles and skills stay): the benchmark
    asks for a role level from its own description, which must then not be in the index word for word.
    Raises :class:`InputError` when the reference has no role level with skills.
    """
    levels = [role for role in reference.roles if role.skills]
    if not levels:
        raise InputError.single(
            f"{reference.name} has no role that requires skills, so there is nothing to suggest from",
            code="no-reference-levels",
        )
    documents = []
    for role in levels:
        if role.id in hide:
            role = role.model_copy(update={"description": None})
        documents.append(_level_document(reference, role))
    vectorizer = _vectorizer()
    matrix = vectorizer.fit_transform(documents)
    from sklearn.neighbors import NearestNeighbors

    neighbours = NearestNeighbors(metric="cosine", algorithm="brute").fit(matrix)
    level_vectorizer = _vectorizer()
    level_matrix = level_vectorizer.fit_transform([_skills_document(reference, role) for role in levels])
    return SuggestionIndex(
        reference=reference,
        levels=tuple(role.id for role in levels),
        vectorizer=vectorizer,
        matrix=matrix,
        neighbours=neighbours,
        titles=tuple(_title_key(role.title) for role in levels),
        level_vectorizer=level_vectorizer,
        level_matrix=level_matrix,
    )


_BRACKETS = re.compile(r"\([^)]*\)")


def _title_key(title: str) -> str:
    """A title as rapidfuzz compares it: lower case, punctuation and bracketed words ("(Agile)") removed."""
    return fuzz_utils.default_process(_BRACKETS.sub(" ", title))


def title_similarity(a: str, b: str) -> float:
    """rapidfuzz's token-sort ratio of two titles, 0–1."""
    return fuzz.token_sort_ratio(_title_key(a), _title_key(b)) / 100


def role_text(role: Role) -> tuple[str, list[str]]:
    """(title, lines) of a role as a job description: its own text, whatever shape the framework gives it."""
    lines: list[str] = []
    if role.description:
        lines += [line for line in role.description.splitlines() if line.strip()]
    if role.job_description is not None:
        lines += role.job_description.lines()
    lines += [e.text for e in role.expectations]
    return role.title, lines


def _bounded(title: str, lines: Sequence[str]) -> tuple[str, list[str]]:
    """The title and lines, cut to :data:`MAX_QUERY_CHARS` in all: the cost of a query is bounded."""
    kept, used = [], len(title)
    for line in lines:
        if used + len(line) > MAX_QUERY_CHARS:
            break
        kept.append(line)
        used += len(line)
    return title, kept


def suggest_text(
    index: SuggestionIndex,
    title: str | None,
    lines: Sequence[str],
    *,
    framework: Framework | None = None,
    role: str | None = None,
    limit: int = 3,
    threshold: float = CONFIDENT_TEXT,
    evidence_lines_from: Sequence[str] | None = None,
    title_weight: float = TITLE_WEIGHT,
) -> Suggestion:
    """The role levels of ``index`` that a job description (its title, its lines) most resembles, ranked.

    ``framework`` (the framework the role belongs to) gives the grade hints, from its other roles'
    benchmarks; ``role`` is the role's id there, left out of its own hints. ``evidence_lines_from`` are the
    lines a skill's evidence is taken from (the job description's statements), ``lines`` by default.
    """
    title = title or ""
    title, lines = _bounded(title, list(lines))
    body = _without_title("\n".join(lines), title)
    worded = bool(index.vectorizer.build_analyzer()(body))
    text = index.similarity([body])[0] if worded else np.zeros(len(index.levels))
    levels = index.level_similarity(body) if worded else np.zeros(len(index.levels))
    titles = (
        np.array([fuzz.token_sort_ratio(_title_key(title), other) / 100 for other in index.titles])
        if title.strip()
        else None
    )
    score = text + LEVEL_WEIGHT * levels + (title_weight * titles if titles is not None else 0)
    most = 1 + LEVEL_WEIGHT + (title_weight if titles is not None else 0)
    order = np.argsort(-score, kind="stable")[: max(limit, 1)]
    evidence_from = list(evidence_lines_from) if evidence_lines_from is not None else lines
    line_vectors = index.vectors(evidence_from) if evidence_from else None

    def candidate(i: int) -> Candidate:
        return _candidate(
            index,
            i,
            confidence=float(score[i] / most),
            text=float(text[i]),
            title=float(titles[i]) if titles is not None else None,
            lines=evidence_from,
            line_vectors=line_vectors,
            framework=framework,
            role=role,
        )

    def sure(i: int) -> bool:
        """Confident: the wording (the title aside) is close enough; with no wording but a title, the title
        is all but the same as the role level's."""
        if worded:
            return text[i] >= threshold
        return titles is not None and titles[i] >= CONFIDENT_TITLE

    label = reference_label(index.reference)
    best = int(order[0])
    if not sure(best):
        nearest = candidate(best)
        if worded:
            why = (
                f"the closest {label} role level, {nearest.title}, shares too little wording with the job "
                f"description ({text[best]:.2f} text similarity, its title aside, below the {threshold:.2f} "
                "calibrated threshold)"
            )
        elif titles is not None:
            why = (
                f"the role has no text but its title, and the closest {label} title, {nearest.title}, is not the "
                f"same ({titles[best]:.2f} title similarity, below {CONFIDENT_TITLE:.2f})"
            )
        else:
            why = "there is neither a title nor any text to compare"
        return Suggestion(
            role=role,
            title=title,
            reference=label,
            confident=False,
            candidates=(),
            nearest=nearest,
            threshold=threshold,
            why=f"no confident suggestion: {why}",
        )
    candidates = tuple(candidate(int(i)) for i in order if sure(int(i)))
    return Suggestion(
        role=role,
        title=title,
        reference=label,
        confident=True,
        candidates=candidates,
        nearest=None,
        threshold=threshold,
        why=f"the {label} role levels whose wording is closest to the job description's"
        + (" and whose titles are most alike" if titles is not None else "")
        if worded
        else f"the {label} role levels with the same title (the role has no text but its title)",
    )


def _without_title(text: str, title: str) -> str:
    """``text`` with its own title (and its plural) taken out: the title is weighed apart, by rapidfuzz, so the
    wording of a job description is judged on what it says rather than on a word such as "Head" in its title."""
    if not title.strip():
        return text
    return re.sub(re.escape(title.strip()) + r"s?\b", " ", text, flags=re.I)


def suggest_role(
    index: SuggestionIndex,
    framework: Framework,
    role_id: str,
    *,
    limit: int = 3,
    threshold: float = CONFIDENT_TEXT,
    title_weight: float = TITLE_WEIGHT,
) -> Suggestion:
    """:func:`suggest_text` for a role of ``framework``, from its own text alone (never its skills or
    benchmarks, so a role benchmarked by hand is suggested for as if it were new)."""
    role = framework.role(role_id)
    title, lines = role_text(role)
    statements = role.job_description.statements() if role.job_description is not None else []
    return suggest_text(
        index,
        title,
        lines,
        framework=framework,
        role=role_id,
        limit=limit,
        threshold=threshold,
        evidence_lines_from=statements or lines,
        title_weight=title_weight,
    )


def _candidate(
    index: SuggestionIndex,
    i: int,
    *,
    confidence: float,
    text: float,
    title: float | None,
    lines: list[str],
    line_vectors,
    framework: Framework | None,
    role: str | None,
) -> Candidate:
    reference = index.reference
    level = reference.role(index.levels[i])
    supporting: tuple[str, ...] = ()
    if line_vectors is not None:
        closeness = np.asarray((line_vectors @ index.matrix[i].T).todense()).ravel()
        best = [j for j in np.argsort(-closeness, kind="stable")[:SUPPORTING_LINES] if closeness[j] >= EVIDENCE_MIN]
        supporting = tuple(lines[j] for j in best)
    return Candidate(
        level=level.id,
        title=level.title,
        family=reference.discipline_label(level.discipline),
        role_name=reference.track_label(level.track) if level.track else level.title,
        level_name=reference.grade_label(level.grade),
        confidence=confidence,
        text_similarity=text,
        title_similarity=title,
        supporting=supporting,
        skills=tuple(_skill(index, requirement, lines, line_vectors) for requirement in level.skills),
        grade_hint=_grade_hint(reference, level, framework, role),
    )


def _skill(index: SuggestionIndex, requirement: SkillRequirement, lines: list[str], line_vectors) -> SkillSuggestion:
    reference = index.reference
    skill = reference.skills_by_id.get(requirement.skill)
    name = skill.name if skill else requirement.skill
    descriptor = skill.levels.get(requirement.level) if skill else None
    level_name = next((lv.name for lv in reference.skill_levels if lv.id == requirement.level), requirement.level)
    found = evidence_lines(lines, requirement.skill, limit=1)
    if found:
        words = ", ".join(EVIDENCE_KEYWORDS[requirement.skill])
        return SkillSuggestion(
            requirement.skill, name, requirement.level, level_name, descriptor, found[0], f"names one of: {words}"
        )
    if line_vectors is not None and skill is not None:
        about = index.vectors(["\n".join(filter(None, [name, skill.description, descriptor]))])
        closeness = np.asarray((line_vectors @ about.T).todense()).ravel()
        j = int(np.argmax(closeness)) if closeness.size else -1
        if j >= 0 and closeness[j] >= EVIDENCE_MIN:
            return SkillSuggestion(
                requirement.skill,
                name,
                requirement.level,
                level_name,
                descriptor,
                lines[j],
                f"closest in wording to the skill and its level ({closeness[j]:.2f})",
            )
    return SkillSuggestion(requirement.skill, name, requirement.level, level_name, descriptor, None, NO_EVIDENCE)


def _grade_hint(reference: Framework, level: Role, framework: Framework | None, role: str | None) -> GradeHint | None:
    """A grade of ``framework`` for the role level, read from its other roles' benchmarks to the reference.

    Roles benchmarked to this very role level give their grade; else roles benchmarked to role levels at the
    same level of the reference (e.g. DDaT's senior); else the grades between the highest role benchmarked
    below this level and the lowest benchmarked above it. None where no benchmark says anything.
    """
    if framework is None or level.grade not in reference.grade_rank:
        return None
    label = reference_label(reference)
    titles = {r.title.lower(): r for r in reference.roles}
    wanted = reference.grade_rank[level.grade]
    same_level: dict[str, list[str]] = {}
    same_rung: dict[str, list[str]] = {}
    below: list[tuple[int, Role]] = []  # (the framework's grade rank, role) benchmarked lower in the reference
    above: list[tuple[int, Role]] = []
    for other in framework.roles:
        if other.id == role or other.grade not in framework.grade_rank:
            continue
        for benchmark in other.benchmarks:
            named = titles.get((benchmark.role or "").lower()) if benchmark.framework == label else None
            if named is None or named.grade not in reference.grade_rank:
                continue
            rung = reference.grade_rank[named.grade]
            if named.id == level.id:
                same_level.setdefault(other.grade, []).append(other.title)
            elif rung == wanted:
                same_rung.setdefault(other.grade, []).append(other.title)
            elif rung < wanted:
                below.append((framework.grade_rank[other.grade], other))
            else:
                above.append((framework.grade_rank[other.grade], other))
    level_name = reference.grade_label(level.grade)
    for found, how in (
        (same_level, f"benchmarked to {label}'s {level.title}"),
        (same_rung, f"benchmarked to a {label} role level at the same level ({level_name})"),
    ):
        if len(found) == 1:
            grade, roles = next(iter(found.items()))
            return GradeHint(grade, framework.grade_label(grade), f"{', '.join(roles)}: {how}")
    if not below and not above:
        return None
    low = max(below, key=lambda pair: pair[0]) if below else None
    high = min(above, key=lambda pair: pair[0]) if above else None
    first = low[0] + 1 if low else 0
    last = high[0] - 1 if high else len(framework.grades) - 1
    if first > last:
        return None
    grades = [g.id for g in framework.grades[first : last + 1]]
    span = framework.grade_label(grades[0]) + (f"–{framework.grade_label(grades[-1])}" if len(grades) > 1 else "")
    reasons = []
    if low:
        reasons.append(f"above {low[1].title} ({framework.grade_label(low[1].grade)}), benchmarked lower in {label}")
    if high:
        reasons.append(f"below {high[1].title} ({framework.grade_label(high[1].grade)}), benchmarked higher")
    return GradeHint(grades[0] if len(grades) == 1 else None, span, "; ".join(reasons), grades=tuple(grades))


def accept_suggestion(
    framework: Framework,
    role_id: str,
    candidate: Candidate,
    *,
    reference: Framework,
    skills: Collection[str] | None = None,
) -> Framework:
    """``framework`` with ``candidate`` accepted for ``role_id``: the benchmark, and the candidate's skills
    (all of them, or those in ``skills``), each with a ``source`` naming the role level and the line of the job
    description that evidences it. Skills the role already requires are kept as they are. Skill definitions
    the framework lacks are copied from ``reference`` with its attribution. Raises :class:`InputError` when the
    framework's skill-level scale cannot hold the levels.
    """
    role = framework.role(role_id)
    label = reference_label(reference)
    chosen = [s for s in candidate.skills if skills is None or s.skill in skills]
    unknown = set(skills or ()) - {s.skill for s in candidate.skills}
    problems = [
        Problem(f"{skill!r} is not one of the skills suggested from {candidate.title}", role=role_id)
        for skill in sorted(unknown)
    ]
    levels = list(framework.skill_levels) or list(reference.skill_levels)
    known_levels = {lv.id for lv in levels}
    problems += [
        Problem(
            f"the level {s.level!r} of {s.name} is not on the framework's skill-level scale "
            f"({', '.join(sorted(known_levels))})",
            role=role_id,
        )
        for s in chosen
        if s.level not in known_levels
    ]
    if problems:
        raise InputError(problems, summary="the suggestion cannot be accepted as it is")
    held = {r.skill for r in role.skills}
    added = [
        SkillRequirement(
            skill=s.skill,
            level=s.level,
            source=_accepted_source(label, candidate, s),
            evidence=[s.evidence] if s.evidence else [],
        )
        for s in chosen
        if s.skill not in held
    ]
    benchmark = Benchmark(
        framework=label,
        role=candidate.title,
        note=f"Suggested from the job description's wording and title ({likeness_text(candidate)}) and accepted."
        + (f" Supporting line: “{candidate.supporting[0]}”" if candidate.supporting else ""),
    )
    benchmarks = [b for b in role.benchmarks if not (b.framework == label and b.role == candidate.title)]
    updated = role.model_copy(update={"skills": [*role.skills, *added], "benchmarks": [*benchmarks, benchmark]})
    have = framework.skills_by_id
    copied = [
        reference.skills_by_id[s.skill] for s in chosen if s.skill not in have and s.skill in reference.skills_by_id
    ]
    attribution = framework.attribution
    if copied and reference.attribution and reference.attribution not in (attribution or ""):
        attribution = "\n\n".join(filter(None, [attribution, f"Skills copied from {label}: {reference.attribution}"]))
    result = framework.model_copy(
        update={
            "roles": [updated if r.id == role_id else r for r in framework.roles],
            "skills": [*framework.skills, *copied],
            "skill_levels": levels,
            "attribution": attribution,
        }
    )
    validated, found = validate_data(result.model_dump(mode="json", exclude_none=True))
    errors = [p for p in found if p.severity == "error"]
    if validated is None or errors:
        raise InputError(errors, summary="the suggestion would make the framework invalid")
    return validated


ACCEPTED_PREFIX = "Suggested from "  #: how the source of a skill level set by an accepted suggestion starts


def _accepted_source(label: str, candidate: Candidate, skill: SkillSuggestion) -> str:
    said = f"“{skill.evidence}”" if skill.evidence else NO_EVIDENCE
    return (
        f"{ACCEPTED_PREFIX}{label} role level {candidate.title} and accepted; evidence in the job description: {said}"
    )


def from_accepted_suggestion(source: str | None) -> bool:
    """Whether a skill requirement's ``source`` says its level was set by a suggestion a person accepted."""
    return bool(source) and source.startswith(ACCEPTED_PREFIX)


def likeness_text(candidate: Candidate) -> str:
    """How alike a role level is to the job description, in the figures the page shows and the file keeps:
    "match 26%: wording 0.21 alike, title 1.00" (the match is the ranking score over its largest possible value)."""
    said = f"match {candidate.confidence:.0%}: wording {candidate.text_similarity:.2f} alike"
    if candidate.title_similarity is not None:
        said += f", title {candidate.title_similarity:.2f}"
    return said


def suggestion_markdown(suggestion: Suggestion) -> str:
    """The suggestion as Markdown, for the command line and for reading before accepting."""
    out = [f"# Suggested {suggestion.reference} benchmark for {suggestion.title or 'the job description'}", ""]
    if not suggestion.confident:
        out += [f"**No confident suggestion.** {suggestion.why[0].upper()}{suggestion.why[1:]}.", ""]
        return "\n".join(out)
    out += [f"Ranked: {suggestion.why}. Nothing is applied until it is accepted.", ""]
    for number, c in enumerate(suggestion.candidates, 1):
        out.append(
            f"## {number}. {c.title} — match {c.confidence:.0%} ({c.family} › {c.role_name}, level {c.level_name})"
        )
        out.append("")
        out.append(
            f"Text similarity {c.text_similarity:.2f}"
            + (f", title similarity {c.title_similarity:.2f}" if c.title_similarity is not None else "")
            + "."
        )
        if c.grade_hint:
            out.append(f"Grade hint: **{c.grade_hint.label}** ({c.grade_hint.why}).")
        out.append("")
        if c.supporting:
            out.append("Supporting lines of the job description:")
            out += [f"- “{line}”" for line in c.supporting]
            out.append("")
        out.append("| Skill | Level | Evidence in the job description |")
        out.append("|---|---|---|")
        for s in c.skills:
            evidence = f"“{s.evidence}” ({s.evidence_why})" if s.evidence else NO_EVIDENCE
            out.append(f"| {_cell(s.name)} | {_cell(s.level_name)} | {_cell(evidence)} |")
        out.append("")
    return "\n".join(out)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
