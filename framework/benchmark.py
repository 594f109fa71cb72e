"""Benchmark roles against another framework (DDaT) and take their skill requirements from it.

A council role names the DDaT role level it corresponds to; its required skills and levels are that level's,
with the DDaT descriptors. Each requirement also lists the lines of the role's own job description that show
the skill is needed — found by the documented keyword table below, so every link can be checked by eye:
a line is evidence for a skill when it contains one of the skill's keywords (whole words, any case).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .models import Framework, SkillRequirement

__all__ = ["EVIDENCE_KEYWORDS", "evidence_lines", "requirements_from_benchmark"]

#: Skill id → words or phrases whose presence in a job-description line evidences the skill.
EVIDENCE_KEYWORDS: dict[str, tuple[str, ...]] = {
    "agile-and-lean-practices": ("agile", "lean"),
    "applying-user-centred-insights": ("user research", "user-centred", "user insight", "user need"),
    "availability-and-capacity-management": ("infrastructure", "hosting", "data centres"),
    "commercial-management": ("commercial", "suppliers", "supplier", "contracts", "procurement"),
    "communicating-between-the-technical-and-non-technical": ("non-technical", "communicate", "communication"),
    "creating-value-for-money": ("value for money", "best value", "savings", "cheaper"),
    "development-process-optimisation": ("devops", "continuous", "test-driven"),
    "financial-management": ("budget", "budgets", "financial"),
    "information-security": ("security",),
    "life-cycle-management": ("lifecycle", "life cycle", "phases", "inception"),
    "maintaining-delivery-momentum": ("blockers", "dependencies", "flow", "momentum", "timescales"),
    "making-a-process-work": ("ways of working", "best practice", "good practice", "process", "processes"),
    "managing-product-outcomes": ("outcomes", "kpis", "metrics", "measure"),
    "modern-development-standards": ("standards", "pair programming", "test-driven"),
    "planning": ("plan", "plans", "planning", "roadmap", "roadmaps"),
    "product-leadership": ("product vision", "vision", "product strategy"),
    "product-management": ("product", "products", "backlog"),
    "programming-and-build-software-engineering": ("software", "code", "languages"),
    "prototyping": ("prototype", "prototyping"),
    "service-support": ("service support", "support models", "into support", "run all", "in live"),
    "stakeholder-relationship-management": ("stakeholders", "stakeholder", "relationships"),
    "strategic-ownership": ("strategy", "strategic"),
    "systems-design": ("architecture", "architectural", "designs"),
    "systems-integration": ("apis", "microservices", "interdependent"),
    "team-dynamics-and-collaboration": (
        "collaboration",
        "collaborate",
        "coach",
        "mentor",
        "mentoring",
        "multidisciplinary",
        "cross-functional",
    ),
    "user-focus": ("user need", "users", "user-centred"),
}

_PATTERNS = {
    skill: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)
    for skill, words in EVIDENCE_KEYWORDS.items()
}


def evidence_lines(lines: Iterable[str], skill_id: str, *, limit: int = 3) -> list[str]:
    """Up to ``limit`` lines that mention one of the skill's keywords, in document order."""
    pattern = _PATTERNS.get(skill_id)
    if pattern is None:
        return []
    found: list[str] = []
    for line in lines:
        if pattern.search(line) and line not in found:
            found.append(line)
            if len(found) == limit:
                break
    return found


def requirements_from_benchmark(
    reference: Framework, level_id: str, *, lines: Iterable[str] = (), source_prefix: str = "DDaT"
) -> list[SkillRequirement]:
    """The skill requirements of ``reference``'s role level ``level_id``, with evidence from ``lines``."""
    level = reference.role(level_id)
    lines = list(lines)
    return [
        SkillRequirement(
            skill=req.skill,
            level=req.level,
            source=f"{source_prefix}: {level.title}",
            evidence=evidence_lines(lines, req.skill),
        )
        for req in level.skills
    ]
