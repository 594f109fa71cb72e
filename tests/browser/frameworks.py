"""Small framework files for the upload tests: a valid one, a broken one, and a hostile one whose every text
field holds markup, script and link payloads."""

from __future__ import annotations

import yaml

__all__ = [
    "BROKEN_FRAMEWORK",
    "HOSTILE_FRAMEWORK",
    "HOSTILE_NAME",
    "HOSTILE_ROLE_TITLES",
    "PAYLOADS",
    "SMALL_FRAMEWORK",
    "SMALL_NAME",
    "SMALL_ROLE_TITLES",
    "hostile_framework",
    "hostile_text",
    "small_framework",
]

SMALL_NAME = "Small test team framework"
SMALL_ROLE_TITLES = ["Junior Gardener", "Head Gardener"]


def small_framework() -> dict:
    """A valid framework: two grades, one discipline, two described roles (a promotion between them)."""
    return {
        "id": "small-test",
        "name": SMALL_NAME,
        "description": "A two-role framework used by the browser tests.",
        "grades": [{"id": "G1", "name": "Grade one"}, {"id": "G2", "name": "Grade two"}],
        "disciplines": [{"id": "gardening", "name": "Gardening"}],
        "skill_levels": [{"id": "basic", "name": "Basic"}, {"id": "advanced", "name": "Advanced"}],
        "skills": [
            {
                "id": "pruning",
                "name": "Pruning",
                "levels": {"basic": "You can prune a shrub.", "advanced": "You can teach pruning."},
            }
        ],
        "roles": [
            {
                "id": "junior-gardener",
                "title": SMALL_ROLE_TITLES[0],
                "discipline": "gardening",
                "grade": "G1",
                "source": {"kind": "document", "document": "x"},
                "description": "Looks after the beds.",
                "reports_to": {"role": "head-gardener", "evidence": "Reports to the head gardener."},
                "skills": [{"skill": "pruning", "level": "basic"}],
            },
            {
                "id": "head-gardener",
                "title": SMALL_ROLE_TITLES[1],
                "discipline": "gardening",
                "grade": "G2",
                "source": {"kind": "document", "document": "x"},
                "description": "Runs the garden.",
                "skills": [{"skill": "pruning", "level": "advanced", "evidence": ["Teach the team to prune."]}],
            },
        ],
    }


SMALL_FRAMEWORK = yaml.safe_dump(small_framework(), sort_keys=False, allow_unicode=True)

# Two problems the loader must locate: a role whose grade does not exist (line 13 below) and a key given
# twice in one mapping (``title`` on lines 19 and 20).
BROKEN_FRAMEWORK = """\
id: broken-test
name: Broken test framework
grades:
- id: G1
disciplines:
- id: gardening
  name: Gardening
roles:
- id: junior-gardener
  title: Junior Gardener
  discipline: gardening
  source: {kind: document, document: x}
  grade: G9
- id: head-gardener
  discipline: gardening
  grade: G1
  source: {kind: document, document: x}
  description: Runs the garden.
  title: Head Gardener
  title: Chief Gardener
"""

# --------------------------------------------------------------------------- hostile text

PAYLOADS = {
    "script": "<script>window.__pwned=1</script>",
    "img": '<img src=x onerror="window.__pwned=1">',
    "js": "javascript:alert(1)",
    "markdown": "**bold** _x_ [link](javascript:alert(1))",
    "directive": ":red[colour]",
}


def _hostile(label: str, kind: str) -> str:
    """A text that starts with a readable label and carries one payload (labels keep each text unique)."""
    return f"{label} {PAYLOADS[kind]}"


def hostile_text(label: str) -> str:
    """A text that starts with a readable label and carries every payload."""
    return label + " " + " ".join(PAYLOADS.values())


HOSTILE_NAME = hostile_text("Hostile framework")
HOSTILE_ROLE_TITLES = {
    "alpha": _hostile("Alpha", "script"),
    "beta": _hostile("Beta", "img"),
    "gamma": _hostile("Gamma", "markdown"),
}


def hostile_framework() -> dict:
    """Every text field holds a payload: names, titles, descriptions, job-description lines, skills, reasons.

    Alpha (grade one) is promoted to Beta (grade two) in the first discipline; Gamma, in the second, has a
    lateral move to Alpha; Alpha and Gamma report to Beta.
    """
    text = hostile_text

    def job(label: str) -> dict:
        return {
            "title": text(f"{label} JD title"),
            "header": [f"Grade: {PAYLOADS['img']}", text(f"{label} header")],
            "sections": [
                {
                    "kind": "purpose",
                    "heading": text(f"{label} purpose heading"),
                    "paragraphs": [text(f"{label} purpose paragraph")],
                    "lead_in": text(f"{label} lead-in"),
                    "items": [text(f"{label} duty"), _hostile(f"{label} plan", "directive")],
                    "groups": [{"heading": text(f"{label} group"), "items": [text(f"{label} group item")]}],
                    "notes": [text(f"{label} note")],
                }
            ],
            "person_specification": {
                "heading": text(f"{label} person specification"),
                "fields": [f"Job Title: {PAYLOADS['script']}"],
                "criteria": [
                    {
                        "heading": text(f"{label} criteria"),
                        "groups": [{"marker": text("Essential"), "items": [text(f"{label} criterion")]}],
                    }
                ],
            },
        }

    levels = {"lo": text("Lo descriptor"), "hi": text("Hi descriptor")}
    return {
        "id": "hostile",
        "name": HOSTILE_NAME,
        "description": text("Framework description"),
        "attribution": text("Attribution"),
        "grades": [{"id": "g1", "name": text("Grade one")}, {"id": "g2", "name": text("Grade two")}],
        "disciplines": [{"id": "d1", "name": text("Discipline one")}, {"id": "d2", "name": text("Discipline two")}],
        "skill_levels": [{"id": "lo", "name": text("Level lo")}, {"id": "hi", "name": text("Level hi")}],
        "skills": [
            {"id": "s1", "name": text("Skill one"), "description": text("Skill one description"), "levels": levels},
            {"id": "s2", "name": _hostile("Skill two", "directive"), "levels": levels},
        ],
        "roles": [
            {
                "id": "alpha",
                "title": HOSTILE_ROLE_TITLES["alpha"],
                "discipline": "d1",
                "grade": "g1",
                "grade_evidence": text("Alpha grade evidence"),
                "description": text("Alpha description"),
                "source": {"kind": "document", "document": text("Alpha document"), "organisation": text("Org")},
                "reports_to": {"role": "beta", "evidence": text("Alpha reports"), "note": text("Alpha note")},
                "job_description": job("Alpha"),
                "benchmarks": [{"framework": text("Bench"), "role": text("Bench role"), "note": text("Bench note")}],
                "skills": [
                    {"skill": "s1", "level": "lo", "source": text("Req source"), "evidence": [text("Alpha evidence")]},
                    {"skill": "s2", "level": "lo"},
                ],
            },
            {
                "id": "beta",
                "title": HOSTILE_ROLE_TITLES["beta"],
                "discipline": "d1",
                "grade": "g2",
                "description": text("Beta description"),
                "source": {"kind": "document", "document": text("Beta document")},
                "job_description": job("Beta"),
                "management": {"direct": 2, "evidence": [text("Beta manages")]},
                "budget": {"amount_gbp": 1000, "evidence": text("Beta budget")},
                "skills": [
                    {"skill": "s1", "level": "hi", "evidence": [text("Beta evidence s1")]},
                    {"skill": "s2", "level": "hi", "evidence": [text("Beta evidence s2")]},
                ],
            },
            {
                "id": "gamma",
                "title": HOSTILE_ROLE_TITLES["gamma"],
                "discipline": "d2",
                "grade": "g1",
                "description": text("Gamma description"),
                "source": {"kind": "document", "document": text("Gamma document")},
                "reports_to": {"role": "beta", "evidence": text("Gamma reports")},
                "skills": [{"skill": "s1", "level": "lo"}],
                "moves": [{"to": "alpha", "reason": text("Gamma lateral reason")}],
            },
        ],
    }


HOSTILE_FRAMEWORK = yaml.safe_dump(hostile_framework(), sort_keys=False, allow_unicode=True, width=10_000)
