"""The Development record page: the skills and expectations a check-in rates, with every level's descriptor
ready to show while a level is chosen, and the check-in's ratings in each of the three voices.

Built from a person's record, so — like a view of a self-assessment — it is made for their run only, never
cached or shared.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..expectations import effective_expectations
from ..models import Framework
from ..record import EXPECTATION_RATINGS, NOT_OBSERVED, DevelopmentRecord
from ..skills import nearest_defined
from .gap import level_choices, skills_to_assess

__all__ = ["ExpectationRow", "RatingRow", "RecordEditor", "record_editor"]

NOT_OBSERVED_LABEL = "Not observed yet"
UNRATED = ""  #: no level given
SHORT = 110  #: characters of a descriptor shown inside an option


@dataclass(frozen=True)
class RatingRow:
    skill: str
    name: str
    needed: str | None  # the target role's level name, if it needs the skill
    #: level id (or "" for none, "not-observed") → what the picker shows: the name and the start of its descriptor
    options: dict[str, str]
    descriptors: dict[str, str]  # level id → the whole descriptor, where the framework writes one
    #: level id without a descriptor → (name, descriptor) of the nearest level of the skill that has one
    nearest: dict[str, tuple[str, str]]
    own: str  # level ids ("" when none), as the check-in holds them
    manager: str
    agreed: str


@dataclass(frozen=True)
class ExpectationRow:
    key: str
    area: str
    text: str
    own: str  # rating ids, "" when none
    manager: str
    agreed: str


@dataclass(frozen=True)
class RecordEditor:
    skills: tuple[RatingRow, ...]
    expectations: tuple[ExpectationRow, ...]
    expectations_of: str | None  # the title of the role whose expectations are listed
    current_title: str | None
    target_title: str | None


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHORT else text[: SHORT - 1].rstrip() + "…"


def record_editor(framework: Framework, record: DevelopmentRecord, check_in: int) -> RecordEditor:
    """What the check-in ``check_in`` (an index) of ``record`` rates: the skills the target and current roles
    need and any already rated; the expectations of the target role (else the current one)."""
    roles = framework.roles_by_id
    current = record.current_role if record.current_role in roles else None
    target = record.target_role if record.target_role in roles else None
    rated = record.check_ins[check_in]
    choices = level_choices(framework)
    needed = {r.skill: r.level for r in roles[target].skills} if target else {}
    rows = []
    for skill_id in skills_to_assess(framework, current, target, tuple(rated.skills)):
        skill = framework.skills_by_id[skill_id]
        descriptors = {lv: text for lv, text in skill.levels.items() if text and lv in choices}
        options = {UNRATED: "No level given", NOT_OBSERVED: NOT_OBSERVED_LABEL}
        for level, label in choices.items():
            options[level] = f"{label} — {_short(descriptors[level])}" if level in descriptors else label
        rating = rated.skills.get(skill_id)
        for kept in (rating.self_level, rating.manager, rating.agreed) if rating else ():
            if kept is not None and kept not in options:  # unknown to the framework: kept, and offered as it is
                options[kept] = f"{kept} (not a level of this framework)"
        rows.append(
            RatingRow(
                skill=skill_id,
                name=skill.name,
                needed=choices.get(needed.get(skill_id)),
                options=options,
                descriptors=descriptors,
                nearest={
                    lv: near
                    for lv in choices
                    if lv not in descriptors and (near := nearest_defined(framework, skill_id, lv)) is not None
                },
                own=(rating.self_level if rating else None) or UNRATED,
                manager=(rating.manager if rating else None) or UNRATED,
                agreed=(rating.agreed if rating else None) or UNRATED,
            )
        )
    about = target or current
    expectations = []
    if about is not None:
        for e in effective_expectations(framework, about):
            rating = rated.expectations.get(e.key)
            expectations.append(
                ExpectationRow(
                    key=e.key,
                    area=e.area_name,
                    text=e.text,
                    own=(rating.self_rating if rating else None) or UNRATED,
                    manager=(rating.manager if rating else None) or UNRATED,
                    agreed=(rating.agreed if rating else None) or UNRATED,
                )
            )
    return RecordEditor(
        skills=tuple(rows),
        expectations=tuple(expectations),
        expectations_of=roles[about].title if about else None,
        current_title=roles[current].title if current else None,
        target_title=roles[target].title if target else None,
    )


#: An expectation's rating as a picker shows it ("" for none given).
RATING_LABELS = {UNRATED: "", **EXPECTATION_RATINGS}
