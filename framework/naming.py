"""How a role is named wherever several are listed — a picker, a route, a plan, an export: "Title (grade)".

One place, below the analyses and the view models, so that a plan, a page and a download name a role alike.
"""

from __future__ import annotations

from .models import Framework, Role

__all__ = ["role_label", "role_labels"]


def _label(framework: Framework, role: Role) -> str:
    grade = framework.grade_label(role.grade)
    if role.grade is not None and grade.casefold() in role.title.casefold():
        return role.title  # "Senior Engineer 1" is at grade "Senior Engineer 1": saying it twice helps no one
    return f"{role.title} ({grade})"


def role_labels(framework: Framework) -> dict[str, str]:
    """Role id → "Title (grade)", how a role is named in pickers and lists ("grade not stated" when unknown;
    the title alone when it already names the grade)."""
    return {r.id: _label(framework, r) for r in framework.roles}


def role_label(framework: Framework, role_id: str) -> str:
    """ "Title (grade)" for one role; the id itself for a role the framework does not have."""
    role = framework.roles_by_id.get(role_id)
    return _label(framework, role) if role else role_id
