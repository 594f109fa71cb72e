"""A deterministic synthetic career framework of any size, for the benchmarks.

``synthetic_framework(n_roles, seed=...)`` builds a :class:`~framework.models.Framework` with the shape of a
real one at the size of a whole profession; ``synthetic_yaml(...)`` writes it with
:func:`framework.yamlwrite.dump_framework`, so the benchmarks read a real framework file through the real
loader. The same ``(n_roles, seed)`` always gives byte-identical YAML.

The shape:

* **grades** — nine, lowest first: Apprentice … Principal (the ladders), then Head (of a discipline) and
  Chief (one role at the top);
* **disciplines** — between 3 and 12 (about one per hundred roles), each with ladders (**tracks**) such as
  "Data engineer (payments)": a track spans four to seven consecutive grades, one role per rung, and about
  one track in ten adds a *management* branch twin at Lead and Principal;
* **skills** — ``n_skills`` (default 180), each with four level descriptors (awareness, working,
  practitioner, expert), one short sentence each. A track needs 6 to 12 skills: a few shared by its family
  (the tracks with the same job name in a discipline), the rest its own, mostly from its discipline's area.
  A rung needs more of them, at higher levels, the higher its grade;
* **reporting lines** — each rung reports to the rung above in its track (a management twin to the same
  manager as its main-ladder rung), the top rung to the head of its discipline, and each head to the chief;
* **lateral moves** — about one role in thirty states a move to a role of the same grade in another
  discipline (the graph derives the rest from skill overlap);
* **referenced roles** — every third discipline's head is named only in its reports' documents, with no
  grade and no text: the graph places it by its reporting lines.
"""

from __future__ import annotations

import random
from functools import lru_cache

from framework.ids import slugify
from framework.models import Framework
from framework.yamlwrite import dump_framework

__all__ = ["synthetic_data", "synthetic_framework", "synthetic_yaml"]

SEED = 20240607

_GRADES = [
    ("apprentice", "Apprentice", "Apprentice"),
    ("associate", "Associate", "Associate"),
    ("junior", "Junior", "Junior"),
    ("mid", "Mid-level", ""),
    ("senior", "Senior", "Senior"),
    ("lead", "Lead", "Lead"),
    ("principal", "Principal", "Principal"),
    ("head", "Head of discipline", None),
    ("chief", "Chief", None),
]
_LADDER_TOP = 6  # Principal: the highest rung of a track
_LEVELS = [
    ("awareness", "Awareness"),
    ("working", "Working"),
    ("practitioner", "Practitioner"),
    ("expert", "Expert"),
]
_DISCIPLINES = [
    ("Data", ["data engineer", "data analyst", "data scientist", "performance analyst", "data architect"]),
    ("Delivery", ["delivery manager", "project manager", "programme manager", "portfolio analyst"]),
    ("Product", ["product manager", "business analyst", "service owner", "product designer"]),
    ("Engineering", ["software developer", "frontend developer", "test engineer", "devops engineer"]),
    ("Operations", ["service desk analyst", "network engineer", "infrastructure engineer", "incident manager"]),
    ("Design", ["interaction designer", "service designer", "content designer", "user researcher"]),
    ("Security", ["security analyst", "security architect", "penetration tester", "risk adviser"]),
    ("Architecture", ["enterprise architect", "solution architect", "technical architect", "business architect"]),
    ("Quality", ["quality assurance analyst", "accessibility specialist", "test manager", "auditor"]),
    ("Cloud", ["cloud engineer", "platform engineer", "site reliability engineer", "finops analyst"]),
    ("Analysis", ["operational researcher", "statistician", "economist", "social researcher"]),
    ("Knowledge", ["knowledge manager", "records manager", "information manager", "librarian"]),
]
_DOMAINS = [
    "payments",
    "tax",
    "benefits",
    "health",
    "borders",
    "justice",
    "education",
    "housing",
    "transport",
    "energy",
    "defence",
    "pensions",
    "courts",
    "prisons",
    "passports",
    "licensing",
    "farming",
    "fisheries",
    "weather",
    "maps",
    "statistics",
    "trade",
    "grants",
    "procurement",
    "payroll",
    "identity",
    "land",
    "water",
    "planning",
    "elections",
    "census",
    "archives",
    "museums",
    "libraries",
    "heritage",
    "sport",
    "tourism",
    "broadband",
    "space",
    "science",
]
_AREAS = [
    "Data",
    "Service",
    "Security",
    "Cloud",
    "User",
    "Product",
    "Delivery",
    "Network",
    "Platform",
    "Content",
    "Finance",
    "Policy",
    "Quality",
    "Release",
    "Identity",
]
_ACTIVITIES = [
    "analysis",
    "design",
    "engineering",
    "governance",
    "management",
    "modelling",
    "operations",
    "strategy",
    "testing",
    "research",
    "architecture",
    "assurance",
    "automation",
    "reporting",
]
_DESCRIPTORS = (
    "Knows what {s} involves and why it matters to the team.",
    "Applies {s} to routine work with some guidance from others.",
    "Leads {s} on complex work and coaches others in it.",
    "Sets the direction for {s} across the organisation and shapes its practice.",
)


def _skills(n_skills: int) -> list[dict]:
    names = [f"{area} {activity}" for activity in _ACTIVITIES for area in _AREAS]
    if n_skills > len(names):
        names += [f"{name} {i}" for i in range(2, n_skills // len(names) + 2) for name in list(names)]
    out = []
    for name in names[:n_skills]:
        lower = name.lower()
        out.append(
            {
                "id": slugify(name),
                "name": name,
                "levels": {level: text.format(s=lower) for (level, _), text in zip(_LEVELS, _DESCRIPTORS, strict=True)},
            }
        )
    return out


def _level(grade_index: int, emphasis: int) -> str:
    """The level a rung needs: awareness for apprentices up to expert for principals (primary skills earlier)."""
    base = (grade_index + 1) // 2  # 0 apprentice, 1 associate/junior, 2 mid/senior, 3 lead/principal
    return _LEVELS[max(0, min(3, base + emphasis))][0]


def synthetic_data(n_roles: int, *, seed: int = SEED, n_skills: int = 180) -> dict:
    """The synthetic framework as plain data (what a YAML file would hold); exactly ``n_roles`` roles."""
    if n_roles < 5:
        raise ValueError("a synthetic framework needs at least 5 roles")
    rng = random.Random(seed)
    n_disciplines = max(3, min(len(_DISCIPLINES), n_roles // 100))
    skills = _skills(n_skills)
    skill_ids = [s["id"] for s in skills]
    # Each discipline's area: a contiguous slice of the skill list (areas overlap a little at the edges).
    area = max(12, n_skills // n_disciplines)
    areas = [[skill_ids[(d * area + i) % n_skills] for i in range(area + 4)] for d in range(n_disciplines)]
    disciplines = [
        {"id": slugify(name), "name": name, "description": f"The {name.lower()} profession."}
        for name, _ in _DISCIPLINES[:n_disciplines]
    ]
    roles: list[dict] = []
    chief = {
        "id": "chief-digital-officer",
        "title": "Chief digital officer",
        "grade": "chief",
        "description": "Leads every digital, data and technology profession of the organisation.",
        "source": {"kind": "import", "framework": "Synthetic benchmark framework"},
        "skills": [{"skill": s, "level": "expert"} for s in rng.sample(skill_ids, 8)],
    }
    heads = []
    for d, discipline in enumerate(disciplines):
        head_id = f"head-of-{discipline['id']}"
        head = {"id": head_id, "title": f"Head of {discipline['name'].lower()}", "discipline": discipline["id"]}
        if d % 3 == 2:  # named by its reports only: no grade, no text
            head["source"] = {"kind": "referenced", "referenced_by": []}
            head["reports_to"] = {"role": chief["id"], "inferred": True, "note": "Heads report to the chief."}
        else:
            head |= {
                "grade": "head",
                "description": f"Leads the {discipline['name'].lower()} profession and its practice.",
                "source": {"kind": "import", "framework": "Synthetic benchmark framework"},
                "reports_to": {"role": chief["id"], "evidence": f"Reports to the {chief['title'].lower()}."},
                "skills": [{"skill": s, "level": "expert"} for s in rng.sample(areas[d], 8)],
            }
        heads.append(head)
    budget = n_roles - 1 - len(heads)
    if budget < 2:
        raise ValueError(f"{n_roles} roles are too few for {n_disciplines} disciplines")

    families: dict[tuple[int, str], list[str]] = {}
    used_tracks: set[str] = set()
    d = 0
    track_number = 0
    while budget > 0:
        discipline = disciplines[d]
        nouns = _DISCIPLINES[d][1]
        noun = nouns[track_number % len(nouns)]
        domain = _DOMAINS[(track_number // len(nouns)) % len(_DOMAINS)]
        repeat = track_number // (len(nouns) * len(_DOMAINS))
        name = f"{noun} ({domain})" if not repeat else f"{noun} ({domain} {repeat + 1})"
        track = slugify(name)
        if track in used_tracks:  # pragma: no cover - names are unique by construction
            raise AssertionError(track)
        used_tracks.add(track)
        # The track's skills: the family's core, then its own, mostly from the discipline's area.
        family = families.setdefault((d, noun), rng.sample(areas[d], 2))
        wanted = rng.randint(6, 12)
        own: list[str] = []
        pool_own = [s for s in areas[d] if s not in family]
        while len(family) + len(own) < wanted:
            pick = rng.choice(pool_own) if rng.random() < 0.5 else rng.choice(skill_ids)
            if pick not in family and pick not in own:
                own.append(pick)
        track_skills = family + own
        low = rng.choice((0, 0, 1, 1, 2, 3))
        top = rng.choice((4, 5, 6, 6))
        rungs = list(range(low, top + 1))[:budget]
        managed = len(rungs) >= 5 and rng.random() < 0.1
        below: list[dict] = []
        for grade_index in rungs:
            grade_id, _, prefix = _GRADES[grade_index]
            title = f"{prefix} {name}".strip()
            title = title[0].upper() + title[1:]
            needs = min(len(track_skills), 6 + (grade_index * (len(track_skills) - 6) + 5) // 6)
            role = {
                "id": f"{grade_id}-{track}",
                "title": title,
                "discipline": discipline["id"],
                "grade": grade_id,
                "track": track,
                "description": f"A {title.lower()} works on {domain} services as part of a multidisciplinary team.",
                "source": {"kind": "import", "framework": "Synthetic benchmark framework", "detail": name},
                "skills": [
                    {"skill": s, "level": _level(grade_index, 1 if i < 2 else 0 if i < 6 else -1)}
                    for i, s in enumerate(track_skills[:needs])
                ],
            }
            for lower in below:
                lower["reports_to"] = {"role": role["id"], "evidence": f"Reports to the {title.lower()}."}
            roles.append(role)
            budget -= 1
            below = [role]
            if managed and grade_index in (5, 6) and budget > 0:
                twin = {
                    **role,
                    "id": f"{grade_id}-{track}-manager",
                    "title": f"{title} manager",
                    "branch": "management",
                    "description": f"A {title.lower()} manager leads a team of {noun}s on {domain} services.",
                }
                roles.append(twin)
                budget -= 1
                below.append(twin)
        head = heads[d]
        for top_role in below:
            top_role["reports_to"] = {"role": head["id"], "evidence": f"Reports to the {head['title'].lower()}."}
            if head["source"]["kind"] == "referenced" and len(head["source"]["referenced_by"]) < 3:
                head["source"]["referenced_by"].append(
                    {"role": top_role["id"], "evidence": f"Reports to the {head['title'].lower()}."}
                )
        d = (d + 1) % n_disciplines
        if d == 0:
            track_number += 1

    # Stated lateral moves: about one role in thirty, to a role of the same grade in another discipline.
    by_grade: dict[str, list[dict]] = {}
    for role in roles:
        by_grade.setdefault(role["grade"], []).append(role)
    for role in roles:
        if rng.random() < 1 / 30:
            others = [r for r in by_grade[role["grade"]] if r["discipline"] != role["discipline"]]
            if others:
                other = rng.choice(others)
                role.setdefault("moves", []).append(
                    {"to": other["id"], "reason": f"{role['title']} and {other['title']} share a way of working."}
                )
    for head in heads:  # a referenced head no top rung reports to (a tiny framework) is named by the chief
        if head["source"]["kind"] == "referenced" and not head["source"]["referenced_by"]:
            head["source"]["referenced_by"].append({"role": chief["id"], "evidence": "The heads of profession."})

    return {
        "id": f"synthetic-{n_roles}",
        "name": f"Synthetic framework of {n_roles:,} roles",
        "description": f"Generated for the benchmarks (seed {seed}): not a real organisation.",
        "grades": [{"id": g, "name": name} for g, name, _ in _GRADES],
        "disciplines": disciplines,
        "skill_levels": [{"id": i, "name": n} for i, n in _LEVELS],
        "skills": skills,
        "roles": [chief, *heads, *roles],
    }


def synthetic_framework(n_roles: int, *, seed: int = SEED, n_skills: int = 180) -> Framework:
    """The synthetic framework as a validated model."""
    return Framework.model_validate(synthetic_data(n_roles, seed=seed, n_skills=n_skills))


@lru_cache(maxsize=4)
def synthetic_yaml(n_roles: int, *, seed: int = SEED, n_skills: int = 180) -> str:
    """The synthetic framework as a framework file (YAML text), written by :func:`dump_framework`."""
    header = f"Synthetic benchmark framework: {n_roles} roles, seed {seed}. Generated by bench/synthetic.py."
    return dump_framework(synthetic_framework(n_roles, seed=seed, n_skills=n_skills), header_comment=header)
