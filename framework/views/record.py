"""The Development record page's view models: the scale each skill is rated on, with every level's words; what
the next level up looks like; and the criteria a check-in rates.

:func:`skill_scales` and :func:`criteria` depend only on the framework and role ids, so the page keeps them in
the framework's cache of views. Everything that reads a person's levels (:func:`next_level`,
:func:`level_notes`) is built for their run only, never kept.

"What the next level looks like" never shows a level at or below the one held: the next level is the next rung
up the scale; where the framework leaves it undescribed, the nearest described level *above* the one held is
shown, said to be so, or that none above is described.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..expectations import effective_expectations
from ..learning import Library
from ..models import Framework
from ..plan import PlanResource, skill_resources
from ..record import EXPECTATION_RATINGS, NOT_OBSERVED
from ..skills import next_level_step
from .gap import level_choices, skills_to_assess

__all__ = [
    "NOT_OBSERVED_LABEL",
    "RATING_CHOICES",
    "UNRATED",
    "Criterion",
    "LevelNote",
    "NextLevel",
    "SkillLearning",
    "SkillScale",
    "criteria",
    "level_notes",
    "next_level",
    "skill_scale",
    "skill_scales",
    "ways_to_learn",
]

NOT_OBSERVED_LABEL = "Not observed yet"
UNRATED = ""  #: no level or rating given
NO_LEVEL_LABEL = "No level"
#: An expectation's rating as a choice shows it, "" for none given.
RATING_CHOICES = {UNRATED: "No rating", **EXPECTATION_RATINGS}


@dataclass(frozen=True)
class SkillScale:
    """One skill as a check-in rates it: the choices in order, and the words of each level."""

    skill: str
    name: str
    needed: str | None  # the level id the target role needs, if it needs the skill
    #: choice id → its short label, in order: "" (no level), not-observed, then the framework's levels
    choices: Mapping[str, str]
    descriptors: Mapping[str, str]  # level id → the framework's whole descriptor, where it writes one

    @property
    def label(self) -> str:
        """The skill's name, and the level the target needs when it needs one."""
        if self.needed is None:
            return self.name
        return f"{self.name} (target role needs {self.choices.get(self.needed, self.needed)})"

    def with_kept(self, levels: tuple[str | None, ...]) -> SkillScale:
        """The scale with any of ``levels`` the framework does not know offered as it is (a record keeps what it
        does not understand, and a choice must be able to show it)."""
        unknown = [lv for lv in levels if lv and lv not in self.choices]
        if not unknown:
            return self
        extra = {lv: f"{lv} (not a level of this framework)" for lv in dict.fromkeys(unknown)}
        return SkillScale(self.skill, self.name, self.needed, {**self.choices, **extra}, self.descriptors)


@dataclass(frozen=True)
class Criterion:
    """One expectation a check-in rates, whole, with the area it belongs to."""

    key: str  # role id/expectation id, as the record keeps it
    area: str
    text: str


@dataclass(frozen=True)
class NextLevel:
    """What the level above the one held looks like, in the framework's words, or why there are none."""

    level: str | None  # the next level's id; None at the top of the scale
    name: str | None
    descriptor: str | None  # the next level's own words, where the framework writes them
    #: where the next level is undescribed: the nearest described level above the one held, as (name, words)
    nearest_above: tuple[str, str] | None
    said: str  # one sentence that says which level's words are shown, and why


@dataclass(frozen=True)
class LevelNote:
    """One level of a skill's scale as the page lists it: its words, and what it is to this person."""

    level: str
    name: str
    descriptor: str | None
    marks: tuple[str, ...]  # "chosen", "next level up", "the target role needs it"


def _needed(framework: Framework, target: str | None) -> dict[str, str]:
    return {r.skill: r.level for r in framework.role(target).skills} if target else {}


def skill_scale(framework: Framework, skill_id: str, needed: str | None = None) -> SkillScale:
    """The scale ``skill_id`` is rated on (no level, not observed yet, then each level of the framework)."""
    skill = framework.skills_by_id[skill_id]
    levels = level_choices(framework)
    return SkillScale(
        skill=skill_id,
        name=skill.name,
        needed=needed if needed in levels else None,
        choices={UNRATED: NO_LEVEL_LABEL, NOT_OBSERVED: NOT_OBSERVED_LABEL, **levels},
        descriptors={lv: text for lv, text in skill.levels.items() if text and lv in levels},
    )


def skill_scales(
    framework: Framework, graph: object, current: str | None, target: str | None
) -> tuple[SkillScale, ...]:
    """The skills a record of ``current`` aiming at ``target`` rates: those the target needs, then the current
    role's. (``graph`` is unused: the signature is that of a cached view.) Raises
    :class:`~framework.errors.RoleNotFound` for an unknown role."""
    needed = _needed(framework, target)
    return tuple(
        skill_scale(framework, skill, needed.get(skill)) for skill in skills_to_assess(framework, current, target)
    )


def criteria(framework: Framework, graph: object, role: str | None) -> tuple[Criterion, ...]:
    """The expectations a check-in rates: those of ``role`` (the target, else the current role), whole."""
    if role is None:
        return ()
    return tuple(Criterion(e.key, e.area_name, e.text) for e in effective_expectations(framework, role))


def next_level(framework: Framework, scale: SkillScale, held: str | None) -> NextLevel:
    """What the level above ``held`` (a level id; none or not observed counts as below the lowest) looks like.

    The rule is the gap's and the plan's (:func:`framework.skills.next_level_step`): the next rung of the
    framework's scale; where the framework does not describe it for this skill, the nearest level above ``held``
    that it does describe, said to be so — never a level at or below the one held.

    >>> from framework import load_framework
    >>> council = load_framework("data/roles.yaml")
    >>> planning = skill_scale(council, "planning", "practitioner")
    >>> step = next_level(council, planning, "awareness")
    >>> step.name, step.descriptor is None, step.nearest_above[0]
    ('Working', True, 'Practitioner')
    """
    step = next_level_step(framework, scale.skill, held)
    if step is None:
        top = framework.skill_levels[-1].name if framework.skill_levels else "The level held"
        return NextLevel(None, None, None, None, f"{top} is the top of the scale: there is no level above it.")
    if step.descriptor is not None:
        return NextLevel(step.level, step.name, step.descriptor, None, f"The next level up is {step.name}:")
    if step.nearest is None:
        below = next((lv.name for lv in framework.skill_levels if lv.id == held), "none")
        return NextLevel(
            step.level,
            step.name,
            None,
            None,
            f"The next level up is {step.name}; the framework describes no level above {below} for {scale.name}.",
        )
    return NextLevel(
        step.level,
        step.name,
        None,
        step.nearest,
        f"The next level up is {step.name}, which the framework does not describe for {scale.name}; the nearest "
        f"level above it that it describes is {step.nearest[0]}:",
    )


def level_notes(framework: Framework, scale: SkillScale, chosen: str | None) -> tuple[LevelNote, ...]:
    """Every level of ``scale`` with its words (or None where the framework has none), each marked where it is
    the level ``chosen``, the next level up from it, or the level the target role needs."""
    step = next_level(framework, scale, chosen).level
    out = []
    for level in framework.skill_levels:
        marks = []
        if level.id == chosen:
            marks.append("chosen")
        if level.id == step:
            marks.append("next level up")
        if level.id == scale.needed:
            marks.append("the target role needs it")
        out.append(LevelNote(level.id, level.name, scale.descriptors.get(level.id), tuple(marks)))
    return tuple(out)


@dataclass(frozen=True)
class SkillLearning:
    """Ways to learn one skill of a check-in: up to three resources at the level to reach, and why that level."""

    skill: str
    name: str
    level: str  # the level id to reach
    level_name: str
    why: str  # "the level the target role needs", "the next level up from Working"
    resources: tuple[PlanResource, ...]

    @property
    def towards(self) -> str:
        """The skill and the level to reach, as an action made from a resource names them."""
        return f"{self.name}, to {self.level_name}"


def ways_to_learn(
    framework: Framework, library: Library | None, scales: tuple[SkillScale, ...], held: Mapping[str, str]
) -> tuple[SkillLearning, ...]:
    """For each skill of the check-in (``scales``), the level to reach — the level the target role needs where it
    is above the one ``held`` (skill id → level id, as the gap reads a check-in), else the next level up
    (:func:`framework.skills.next_level_step`) — and up to three resources for it, from the learning catalogues
    in ``library`` and the framework's own (:func:`framework.plan.skill_resources`, as the plan lists them). A
    skill held at the top of the scale has no level to reach and is left out.

    Built from a person's levels: for their run only, never kept.
    """
    rank, names = framework.level_rank, {lv.id: lv.name for lv in framework.skill_levels}
    out = []
    for scale in scales:
        have = held.get(scale.skill)
        if scale.needed is not None and rank[scale.needed] > rank.get(have, 0):
            level, why = scale.needed, "the level the target role needs"
        else:
            step = next_level_step(framework, scale.skill, have)
            if step is None:
                continue
            level = step.level
            why = f"the next level up from {names[have]}" if have in names else "the first level of the scale"
        resources = skill_resources(framework, library, scale.skill, level)
        out.append(SkillLearning(scale.skill, scale.name, level, names[level], why, resources))
    return tuple(out)
