"""Links that open a skill (or an area) on the Skills page, from any page: ``skill_link(loaded, "planning")``.

Each is a link of the app's own navigation (``st.page_link``): it opens the page in the same browser tab and
session, so nothing a person has typed on the page they leave is lost, and its address (``/skills?skill=ID``) is
the view's own link, to share.
"""

from __future__ import annotations

from . import render, state
from .data import Loaded

__all__ = ["SKILLS_PAGE", "area_link", "skill_link", "skill_params"]

SKILLS_PAGE = "pages/skills.py"


def skill_params(loaded: Loaded, skill_id: str) -> dict[str, str]:
    """The query parameters of a skill's view on the Skills page (with the framework, when not the default)."""
    return state.link_params(loaded, skill=skill_id)


def skill_link(loaded: Loaded, skill_id: str, *, label: str | None = None) -> None:
    """A link to the skill's page: what each level looks like, who needs it, how to learn it. ``label`` is the
    skill's name unless given."""
    skill = loaded.framework.skills_by_id.get(skill_id)
    render.page_link(
        SKILLS_PAGE,
        label=label or (skill.name if skill else skill_id),
        query_params=skill_params(loaded, skill_id),
        icon=":material/school:",
    )


def area_link(loaded: Loaded, area_id: str, *, label: str | None = None) -> None:
    """A link to an area's page (a framework written as expectations): what each rung expects in it."""
    area = loaded.framework.areas_by_id.get(area_id)
    render.page_link(
        SKILLS_PAGE,
        label=label or (area.name if area else area_id),
        query_params=state.link_params(loaded, area=area_id),
        icon=":material/school:",
    )
