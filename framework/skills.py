"""Skills: the gap between where someone is and where they want to be, and self-assessment profiles.

``skill_gap(framework, current, target)`` compares a current role — or a person's self-assessment, a
:class:`Profile` (skill → level) — with a target role, per skill: the level required, the level held, the
gap in levels, and the descriptors of each level still to reach. Totals: levels to gain, and readiness, the
share of the target's requirements already met. Strengths are the skills held above what the target needs.

>>> from framework import load_framework
>>> council = load_framework("data/roles.yaml")
>>> gap = skill_gap(council, "delivery-manager", "senior-product-manager")
>>> f"{gap.readiness:.0%}", gap.levels_to_gain, [(row.name, row.gap) for row in gap.gaps[:2]]
('11%', 23, [('Product management', 4), ('Applying user-centred insights', 3)])
>>> mine = Profile(framework=council.id, skills={"product-management": "expert"})  # a person's own levels
>>> [(row.name, row.gap) for row in skill_gap(council, mine, "senior-product-manager").gaps[:2]]
[('Agile and Lean practices', 3), ('Applying user-centred insights', 3)]

A :class:`Profile` is saved as a small YAML or JSON file with a version field, so a person can keep their
self-assessment and load it again; :func:`load_profile` checks it like the framework loader does, with
every problem located.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .errors import InputError, Problem
from .filecheck import located, validated
from .hints import Hints
from .models import Framework, Id, Line, Role
from .yamlsafe import decode, node_limit, parse_yaml

__all__ = [
    "HELD",
    "NOT_HELD",
    "NOT_LISTED",
    "PROFILE_MAX_BYTES",
    "GapRow",
    "LevelStep",
    "Profile",
    "SkillGap",
    "dump_profile",
    "level_steps",
    "load_profile",
    "nearest_defined",
    "next_level_step",
    "profile_from_role",
    "skill_gap",
    "standing_text",
]

PROFILE_MAX_BYTES = 256 * 1024  #: a profile is a few hundred bytes; anything far larger is not one


class Profile(BaseModel):
    """A person's self-assessment: the level they hold in each skill of one framework."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    profile_version: Literal[1] = 1
    framework: Id = Field(description="The id of the framework the levels refer to.")
    label: Line | None = Field(None, description="A name for this profile, e.g. 'My assessment, May'.")
    based_on: Id | None = Field(None, description="The role the assessment started from, if any.")
    skills: dict[Id, Id] = Field(default_factory=dict, description="Skill id → skill-level id.")


#: How the current side stands on a skill the target needs: a level is known; the current role's profile does
#: not list the skill (which says nothing of whoever holds the role); or the person assessed it as not held.
HELD, NOT_LISTED, NOT_HELD = "held", "not listed", "not held"


@dataclass(frozen=True)
class LevelStep:
    level: str
    name: str
    descriptor: str | None  # None where the framework defines no descriptor for the level
    #: Where ``descriptor`` is None: the nearest level of the same skill that the framework does define *above the
    #: level held*, as (level name, descriptor) — shown instead, labelled as such. None when the skill describes
    #: no level above the one held.
    nearest: tuple[str, str] | None = None


@dataclass(frozen=True)
class GapRow:
    skill: str
    name: str
    required: str | None  # level id the target needs (None: the target does not need this skill)
    required_rank: int
    current: str | None  # level id held (None: no level is known, see ``standing``)
    current_rank: int
    to_reach: tuple[LevelStep, ...] = ()  # the levels above the current one, up to the required one
    evidence: tuple[str, ...] = ()  # target job-description lines that show the skill is needed
    standing: str = HELD  # HELD, NOT_LISTED or NOT_HELD

    @property
    def gap(self) -> int:
        """Levels to gain (0 when met or exceeded); from no level at all when none is known."""
        return max(0, self.required_rank - self.current_rank)

    @property
    def met(self) -> bool:
        return self.standing == HELD and self.current_rank >= self.required_rank

    @property
    def surplus(self) -> int:
        return max(0, self.current_rank - self.required_rank)


@dataclass(frozen=True)
class SkillGap:
    current: str  # a role id, or the profile's label
    target: str
    rows: tuple[GapRow, ...]  # the target's requirements, biggest gap first
    extra: tuple[GapRow, ...] = field(default=())  # skills held that the target does not list
    current_title: str = ""  # how the current side is named in a sentence: the role's title, or the profile's name
    from_role: bool = True  # False when the current side is a person's own assessment

    @property
    def levels_to_gain(self) -> int:
        return sum(r.gap for r in self.rows)

    @property
    def readiness(self) -> float | None:
        """Share of the target's requirements already met (None when the target lists no skills). A skill the
        current role's profile does not list counts as not met: nothing says it is."""
        return sum(r.met for r in self.rows) / len(self.rows) if self.rows else None

    @property
    def gaps(self) -> tuple[GapRow, ...]:
        return tuple(r for r in self.rows if r.gap)

    @property
    def unlisted(self) -> tuple[GapRow, ...]:
        """Requirements of the target that the current role's profile does not list."""
        return tuple(r for r in self.rows if r.standing == NOT_LISTED)

    @property
    def strengths(self) -> tuple[GapRow, ...]:
        """Requirements the current role or person exceeds, most surplus first."""
        return tuple(sorted((r for r in self.rows if r.surplus), key=lambda r: (-r.surplus, r.name)))

    @property
    def at_level(self) -> tuple[GapRow, ...]:
        """Requirements held at exactly the level needed (neither a gap nor a strength)."""
        return tuple(r for r in self.rows if r.met and not r.surplus)


def _levels_of(framework: Framework, current: str | Profile | Role) -> tuple[str, str, dict[str, str], bool]:
    """(id or label, how a sentence names it, skill → level, whether it is a role)."""
    if isinstance(current, Profile):
        label = current.label or "my self-assessment"
        return label, label, dict(current.skills), False
    role = current if isinstance(current, Role) else framework.role(current)
    return role.id, role.title, {req.skill: req.level for req in role.skills}, True


def nearest_defined(
    framework: Framework, skill_id: str, level_id: str, *, above: str | None = None
) -> tuple[str, str] | None:
    """The level of ``skill_id`` nearest to ``level_id`` that has a descriptor, as (level name, descriptor): the
    one below first where two are as near (what is asked at least includes it). None when none is.

    With ``above`` (a level held, or ``""`` for none held), only levels above it count: what a level still to
    reach looks like is never shown in the words of a level already held. None then means the skill describes no
    level above the one held.

    >>> from framework import load_framework
    >>> fw = load_framework("data/roles.yaml")  # "Making a process work" describes Working and Expert only
    >>> nearest_defined(fw, "making-a-process-work", "practitioner")[0]
    'Working'
    >>> nearest_defined(fw, "making-a-process-work", "practitioner", above="working")[0]
    'Expert'
    """
    skill = framework.skills_by_id.get(skill_id)
    if skill is None:
        return None
    scale = framework.skill_levels
    at = next((i for i, lv in enumerate(scale) if lv.id == level_id), None)
    if at is None:
        return None
    floor = framework.level_rank.get(above, 0) if above is not None else -1  # ranks start at 1
    for distance in range(1, len(scale)):
        for i in (at - distance, at + distance):
            if 0 <= i < len(scale) and i + 1 > floor and skill.levels.get(scale[i].id):
                return scale[i].name, skill.levels[scale[i].id]
    return None


def next_level_step(framework: Framework, skill_id: str, held: str | None) -> LevelStep | None:
    """The one rule of "what the next level looks like", for every page: the rung of the scale just above ``held``
    (a level id; None, or anything that is not a level — "not observed yet" — is below the lowest), with its
    descriptor — or, where the framework leaves it undescribed, the nearest level described *above* ``held``
    (:func:`nearest_defined`), never a level at or below it. None at the top of the scale.

    >>> from framework import load_framework
    >>> fw = load_framework("data/roles.yaml")  # "Making a process work" describes Working and Expert only
    >>> step = next_level_step(fw, "making-a-process-work", "working")
    >>> step.name, step.descriptor, step.nearest[0]
    ('Practitioner', None, 'Expert')
    >>> next_level_step(fw, "making-a-process-work", "expert") is None
    True
    """
    rank = framework.level_rank.get(held, 0) if held is not None else 0
    step = next((lv for lv in framework.skill_levels if framework.level_rank[lv.id] > rank), None)
    return _step(framework, skill_id, step.id, step.name, held) if step is not None else None


def _step(framework: Framework, skill_id: str, level: str, name: str, held: str | None) -> LevelStep:
    """A level still to reach, in words: its own, or those of the nearest level described above ``held``."""
    skill = framework.skills_by_id.get(skill_id)
    descriptor = (skill.levels.get(level) or None) if skill else None
    nearest = nearest_defined(framework, skill_id, level, above=held or "") if descriptor is None else None
    return LevelStep(level, name, descriptor, nearest)


def level_steps(framework: Framework, skill_id: str, held: str | None, required: str | None) -> tuple[LevelStep, ...]:
    """The levels of ``skill_id`` above ``held`` (a level id, or None for none) up to ``required``, each with its
    descriptor — or, where the framework leaves it undescribed, the nearest level described above ``held``: the
    first of them is :func:`next_level_step`."""
    rank = framework.level_rank
    have_rank, need_rank = rank.get(held, 0), rank.get(required, 0)
    return tuple(
        _step(framework, skill_id, lv.id, lv.name, held)
        for lv in framework.skill_levels
        if have_rank < rank[lv.id] <= need_rank
    )


def standing_text(framework: Framework, gap: SkillGap, row: GapRow) -> str:
    """Where the current side stands on a skill, in words: its level, "not in <role>'s profile", or the
    person's own "none, by your own assessment"."""
    if row.standing == HELD and row.current is not None:
        return {lv.id: lv.name for lv in framework.skill_levels}.get(row.current, row.current)
    if row.standing == NOT_LISTED:
        return f"not in {gap.current_title}'s profile"
    if row.standing == NOT_HELD:
        return "none, by your own assessment"
    return row.standing


def skill_gap(framework: Framework, current: str | Profile | Role, target: str | Role) -> SkillGap:
    """Compare ``current`` (a role id, a role or a :class:`Profile`) with ``target`` (a role id or role).

    A skill the target needs that a current *role* does not list is ``NOT_LISTED`` — its profile is silent,
    which is not the same as its holder lacking the skill; one a *profile* leaves out is ``NOT_HELD``, the
    person's own "none". Raises :class:`~framework.errors.RoleNotFound` for an unknown role id.
    """
    target_role = target if isinstance(target, Role) else framework.role(target)
    current_id, current_title, held, is_role = _levels_of(framework, current)
    rank = framework.level_rank
    names = {lv.id: lv.name for lv in framework.skill_levels}
    skills = framework.skills_by_id
    absent = NOT_LISTED if is_role else NOT_HELD

    def row(skill_id: str, required: str | None, evidence: tuple[str, ...] = ()) -> GapRow:
        skill = skills.get(skill_id)
        have = held.get(skill_id)
        return GapRow(
            skill=skill_id,
            name=skill.name if skill else skill_id,
            required=required,
            required_rank=rank.get(required, 0),
            current=have if have in names else None,
            current_rank=rank.get(have, 0),
            to_reach=level_steps(framework, skill_id, have, required),
            evidence=evidence,
            standing=HELD if have in names else absent,
        )

    rows = [row(req.skill, req.level, tuple(req.evidence)) for req in target_role.skills]
    rows.sort(key=lambda r: (-r.gap, -r.required_rank, r.name))
    required = {req.skill for req in target_role.skills}
    extra = sorted((row(s, None) for s in held if s not in required and s in skills), key=lambda r: r.name)
    return SkillGap(
        current=current_id,
        target=target_role.id,
        rows=tuple(rows),
        extra=tuple(extra),
        current_title=current_title,
        from_role=is_role,
    )


# --------------------------------------------------------------------------- profiles


def profile_from_role(framework: Framework, role_id: str, *, label: str | None = None) -> Profile:
    """A profile pre-filled with a role's required levels: a starting point for a self-assessment."""
    role = framework.role(role_id)
    return Profile(
        framework=framework.id,
        label=label,
        based_on=role.id,
        skills={req.skill: req.level for req in role.skills},
    )


def dump_profile(profile: Profile, *, fmt: str = "yaml") -> str:
    """The profile as a YAML (default) or JSON document."""
    data = profile.model_dump(mode="json", exclude_none=True)
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    import yaml

    header = "# Career Explorer skills profile: skill id → level id. Load it again on the Skill gap page.\n"
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10**9)


def load_profile(data: bytes | str, *, name: str, framework: Framework) -> Profile:
    """Read a profile (YAML or JSON — JSON is YAML) and check it against ``framework``.

    Raises :class:`~framework.errors.InputError` listing every problem, located (file:line:column and field path).
    """
    text = data if isinstance(data, str) else decode(data, name=name, max_bytes=PROFILE_MAX_BYTES)
    if len(text) > PROFILE_MAX_BYTES:
        raise InputError.single("the file is too large to be a profile", file=name, code="too-large")
    return _load_profile(text, name, framework)


def _load_profile(text: str, name: str, framework: Framework) -> Profile:
    raw, problems = parse_yaml(text, name=name, max_nodes=node_limit(PROFILE_MAX_BYTES))
    profile = None
    if not isinstance(raw, dict):
        kind = "empty" if raw is None else f"a {type(raw).__name__}"
        problems.append(Problem(f"a profile is a mapping with 'profile_version', 'framework' and 'skills', not {kind}"))
    else:
        profile = validated(Profile, raw, problems)
        problems += _profile_references(raw, framework)
    if problems:
        raise InputError(located(problems, text, name), summary=f"{name} is not a valid profile for {framework.name}")
    return profile


def _profile_references(raw: dict, framework: Framework) -> list[Problem]:
    problems = []
    if isinstance(raw.get("framework"), str) and raw["framework"] != framework.id:
        problems.append(
            Problem(
                f"the profile is for framework {raw['framework']!r}, not {framework.id!r} ({framework.name})",
                path=("framework",),
                code="wrong-framework",
            )
        )
    based_on = raw.get("based_on")
    if isinstance(based_on, str) and based_on not in framework.roles_by_id:
        problems.append(Problem(f"unknown role {based_on!r}", path=("based_on",), code="unknown-role"))
    skills = raw.get("skills")
    if isinstance(skills, dict):
        hints = Hints()  # each hint compares with every skill id: within a budget, so a hostile file stays fast
        for skill, level in skills.items():
            if isinstance(skill, str) and skill not in framework.skills_by_id:
                hint = hints("skill", skill, framework.skills_by_id)
                suffix = f" (did you mean {hint!r}?)" if hint else ""
                problems.append(
                    Problem(f"unknown skill {skill!r}{suffix}", path=("skills", skill), code="unknown-skill")
                )
            if isinstance(level, str) and level not in framework.level_rank:
                known = ", ".join(framework.level_rank)
                problems.append(
                    Problem(
                        f"unknown skill level {level!r} (known: {known})", path=("skills", skill), code="unknown-level"
                    )
                )
    return problems
