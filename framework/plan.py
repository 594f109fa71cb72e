"""A development plan a line manager can take into a 1:1: what changes at the next level, a focus, what good
looks like, ways to practise, resources, agreed actions and the next check-in.

Everything shown of a gap — on the page, in the Markdown, CSV and PDF files, from the command line — comes from
one model, :class:`DevelopmentPlan`, built by :func:`development_plan` from a framework, its graph, the two sides
and the choices made on the page (the focus, the names, the dates, the actions):

>>> from framework import build_graph, load_framework
>>> council = load_framework("data/roles.yaml")
>>> plan = development_plan(
...     council, build_graph(council), "delivery-manager", "senior-product-manager", date=dt.date(2027, 1, 15)
... )
>>> [item.name for item in plan.focus]  # the three biggest gaps unless chosen otherwise
['Product management', 'Applying user-centred insights', 'Creating value for money']
>>> print(plan.summary)
From Delivery Manager (PO4) to Senior Product Manager (PO6): 31 gaps in all; the focus is Product management,
Applying user-centred insights and Creating value for money.

The gap is honest about what it knows. A skill the target needs that the current role's profile does not list
is *not in its profile* — which says nothing of the person who holds the role — not "none"; a person's own "none"
is theirs. Where the framework leaves a level's descriptor blank, the plan says so once and shows the nearest
level it does define. Evidence comes labelled with the document it comes from, and is shown only where there is
some. Ways to practise are the target role's own duties that the framework links to the skill, and, for a
criterion, the framework's examples or the target's duties that share its words (the shared words named).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import networkx as nx

from .catalogue import document_title
from .errors import NoPath
from .expectations import RoleExpectation, effective_expectations, expectation_gap
from .models import Framework, Resource, Role
from .routes import progression_paths
from .skills import HELD, GapRow, LevelStep, Profile, SkillGap, skill_gap, standing_text
from .views.labels import role_label
from .wording import and_list, plural

__all__ = [
    "ACTION_STATUSES",
    "Action",
    "DevelopmentPlan",
    "FocusItem",
    "LevelChanges",
    "LooksLike",
    "Practice",
    "ResponsibilityChange",
    "RouteCheck",
    "development_plan",
    "focus_candidates",
    "level_changes",
    "route_check",
]

FOCUS_SIZE = 3  #: gaps in focus unless chosen otherwise: the three biggest
ACTION_STATUSES = ("Not started", "In progress", "Done")
MAX_PRACTICE = 3  #: ways to practise listed per focus item
MAX_NEAREST = 3  #: roles offered that do lead to the target, when the current role does not


# --------------------------------------------------------------------------- the parts of a plan


@dataclass(frozen=True)
class LooksLike:
    """What good looks like at one level: the framework's words, or why they are not there."""

    level: str  # the level's name, or the criterion's marker ("Essential")
    text: str | None  # the descriptor or criterion as written; None where the framework defines none
    note: str | None = None  # where the text is another level's: which, and why
    source: str | None = None  # whose words ``text`` is, in words: "DDaT Capability Framework", a framework's name

    @property
    def heading(self) -> str:
        """The level, and whose words follow (a note, where there is one, says so itself)."""
        if self.source and self.text and not self.note:
            return f"{self.level}, in the words of {self.source}"
        return self.level


@dataclass(frozen=True)
class Practice:
    """A way to practise: something the target role does, or an example the framework gives, and where from."""

    text: str
    source: str  # in words: "the Senior Product Manager job description", "an example FT engineering gives"


@dataclass(frozen=True)
class FocusItem:
    """One gap the plan can focus on: a skill to raise, or an expectation (a criterion) to meet."""

    key: str  # "skill/<skill id>" or "expectation/<role id>/<expectation id>": stable, for the page's choice
    kind: str  # "skill" or "expectation"
    name: str  # the skill's name, or the criterion's area and opening words
    area: str | None
    now: str  # where the current side stands, in words
    needed: str  # the level needed, or the criterion's marker
    needed_source: str  # where the level or criterion needed is stated, in words (a profile, a document)
    size: int  # levels to gain (a skill), 1 for a criterion: what "biggest" means
    looks_like: tuple[LooksLike, ...]
    practise: tuple[Practice, ...]
    resources: tuple[Resource, ...]
    evidence: tuple[str, ...] = ()  # lines of the target's job description that name the skill
    evidence_source: str | None = None  # the job description they come from
    text: str | None = None  # a criterion's whole text

    @property
    def needed_stated(self) -> str:
        """The level (or marker) needed and where it is stated, as one phrase for a page or a file."""
        return f"{self.needed}, stated in {self.needed_source}"


@dataclass(frozen=True)
class ResponsibilityChange:
    """A change of responsibility the documents state: grade, people managed, budget, salary."""

    what: str
    now: str
    then: str


@dataclass(frozen=True)
class LevelChanges:
    """Only what differs between the current role and the target (or what the target adds to a person's own
    assessment): new and raised skills, the target's criteria the current role does not already have (essential
    first), and the changes of responsibility the documents state."""

    new_skills: tuple[GapRow, ...]  # needed by the target, not listed for (or not held by) the current side
    raised_skills: tuple[GapRow, ...]  # held below the level the target needs
    expectations: tuple[RoleExpectation, ...]  # the target's, that the current role does not have
    responsibilities: tuple[ResponsibilityChange, ...]
    compared_with: str | None  # the role the expectations are compared with (None: no role to compare with)

    @property
    def essential(self) -> tuple[RoleExpectation, ...]:
        return tuple(e for e in self.expectations if e.marker == "essential")

    @property
    def desirable(self) -> tuple[RoleExpectation, ...]:
        return tuple(e for e in self.expectations if e.marker == "desirable")

    @property
    def unmarked(self) -> tuple[RoleExpectation, ...]:
        return tuple(e for e in self.expectations if e.marker not in ("essential", "desirable"))


@dataclass(frozen=True)
class RouteCheck:
    """Whether the framework has a route from the current role to the target — as Progression paths says — and
    where there is none, why, and the nearest roles that do lead there."""

    has_route: bool
    reason: str | None = None
    nearest: tuple[tuple[str, str], ...] = ()  # (role id, "Title (grade)") of roles with a route to the target


@dataclass(frozen=True)
class Action:
    """An agreed action: what, by when, who, the support needed, and how it stands."""

    action: str
    by_when: dt.date | None = None
    owner: str = ""
    support: str = ""
    status: str = ACTION_STATUSES[0]


@dataclass(frozen=True)
class DevelopmentPlan:
    framework: str  # the framework's name
    attribution: str | None
    current_label: str  # "Delivery Manager (PO4)", or the assessment's name
    target_label: str
    target_title: str
    date: dt.date
    readiness: str  # what the plan counts, in a sentence
    summary: str
    levels_from: str  # where the current levels come from, in words
    focus: tuple[FocusItem, ...]
    others: tuple[FocusItem, ...]  # the gaps not in focus, in order
    changes: LevelChanges
    route: RouteCheck
    person: str | None = None
    manager: str | None = None
    next_check_in: dt.date | None = None
    actions: tuple[Action, ...] = field(default=())

    @property
    def candidates(self) -> tuple[FocusItem, ...]:
        return self.focus + self.others


# --------------------------------------------------------------------------- words


def _level_name(framework: Framework, level: str | None) -> str:
    return {lv.id: lv.name for lv in framework.skill_levels}.get(level, level or "")


def looks_like(framework: Framework, skill_id: str, step: LevelStep) -> LooksLike:
    """A level still to reach, in the words of the skill's source (named) — or, where it describes none, the
    nearest level it does describe, labelled as such."""
    skill = framework.skills_by_id.get(skill_id)
    source = (skill.source if skill else None) or framework.name
    if step.descriptor is not None:
        return LooksLike(step.name, step.descriptor, source=source)
    if step.nearest is None:
        return LooksLike(step.name, None, f"{source} does not describe any level of this skill.")
    name, text = step.nearest
    return LooksLike(
        step.name,
        text,
        f"{source} leaves {step.name} undescribed for this skill; this is the nearest level it describes, {name}.",
        source,
    )


def _requirement_source(framework: Framework, target: Role, skill_id: str) -> str:
    """Where the target's level in a skill is stated: its profile, and the source the profile took it from."""
    requirement = next((r for r in target.skills if r.skill == skill_id), None)
    if requirement is not None and requirement.source:
        return f"the {target.title} profile, taken from {requirement.source}"
    return f"the {target.title} profile of {framework.name}"


_WORD = re.compile(r"[a-z][a-z'-]{3,}")
_COMMON = frozenset(
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


def _content_words(text: str) -> set[str]:
    return {w.rstrip("s") for w in _WORD.findall(text.lower())} - _COMMON


def _duties(role: Role) -> list[str]:
    """The role's duties as its job description lists them (its purpose and duty sections' items)."""
    jd = role.job_description
    if jd is None:
        return []
    out = []
    for section in jd.sections:
        if section.kind in ("purpose", "duties", "outcomes", "other"):
            out += section.items
            out += [item for group in section.groups for item in group.items]
    return out


def _sharing_duties(criterion: str, duties: Sequence[str], source: str) -> tuple[Practice, ...]:
    """The duties that share the most content words with ``criterion`` (two at least), naming the words."""
    words = _content_words(criterion)
    scored = []
    for order, duty in enumerate(duties):
        shared = sorted(words & _content_words(duty))
        if len(shared) >= 2:
            scored.append((-len(shared), order, duty, shared))
    scored.sort()
    return tuple(
        Practice(duty, f"{source} (it shares the words {', '.join(shared)})")
        for _, _, duty, shared in scored[:MAX_PRACTICE]
    )


# --------------------------------------------------------------------------- what the plan is made of


def _current_role(framework: Framework, current: str | Profile) -> Role | None:
    if isinstance(current, Profile):
        return framework.roles_by_id.get(current.based_on) if current.based_on else None
    return framework.role(current)


def _skill_item(framework: Framework, gap: SkillGap, row: GapRow, target: Role) -> FocusItem:
    skill = framework.skills_by_id.get(row.skill)
    source = document_title(target) if target.job_description else None
    practise = tuple(Practice(line, f"the {source}") for line in row.evidence[:MAX_PRACTICE]) if source else ()
    resources: list[Resource] = []
    if skill is not None:
        for step in row.to_reach:
            resources += skill.level_resources.get(step.level, [])
        resources += skill.resources
    return FocusItem(
        key=f"skill/{row.skill}",
        kind="skill",
        name=row.name,
        area=skill.category if skill else None,
        now=standing_text(framework, gap, row),
        needed=_level_name(framework, row.required),
        needed_source=_requirement_source(framework, target, row.skill),
        size=row.gap,
        looks_like=tuple(looks_like(framework, row.skill, step) for step in row.to_reach),
        practise=practise,
        resources=tuple(resources),
        evidence=row.evidence,
        evidence_source=f"the {source}" if source else None,
    )


def _short(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _expectation_item(framework: Framework, e: RoleExpectation, target: Role, compared: bool) -> FocusItem:
    areas = {a.id: a for a in framework.areas}
    area = areas.get(e.area)
    if e.examples:
        practise = tuple(Practice(example, f"an example {framework.name} gives") for example in e.examples)
    elif target.job_description:
        practise = _sharing_duties(e.text, _duties(target), f"a duty of the {document_title(target)}")
    else:
        practise = ()
    resources = tuple(Resource(title=title or url, link=url, kind="link") for title, url in e.links)
    resources += tuple(area.resources) if area else ()
    if e.source:
        stated_in = e.source  # e.g. "Person specification of Senior Product Manager, Knowledge — Essential"
    elif target.job_description and target.job_description.person_specification:
        stated_in = f"the person specification of the {document_title(target)}"
    else:
        stated_in = f"the {target.title} expectations in {framework.name}"
    return FocusItem(
        key=f"expectation/{e.key}",
        kind="expectation",
        name=f"{e.area_name}: {_short(e.text)}",
        area=e.area_name,
        now="not yet" if compared else "not assessed",
        needed=e.marker_text or e.level_name or "expected",
        needed_source=stated_in,
        size=1,
        looks_like=(LooksLike(e.level_name or e.marker_text or e.area_name, e.text, source=stated_in),),
        practise=practise[:MAX_PRACTICE],
        resources=resources,
        text=e.text,
    )


def _expectations_to_meet(
    framework: Framework, current_role: Role | None, target: Role
) -> tuple[tuple[RoleExpectation, ...], bool]:
    """The target's expectations the current role does not have, essential first; and whether a role was there
    to compare with (without one, every expectation of the target is listed, none known to be met)."""
    if current_role is not None:
        found = expectation_gap(framework, current_role, target).to_meet
    else:
        found = effective_expectations(framework, target)
    rank = {"essential": 0, "desirable": 1}
    ordered = sorted(enumerate(found), key=lambda pair: (rank.get(pair[1].marker or "", 2), pair[0]))
    return tuple(e for _, e in ordered), current_role is not None


def focus_candidates(framework: Framework, current: str | Profile, target: str) -> tuple[FocusItem, ...]:
    """Every gap a plan can focus on, biggest first: the skills to raise (most levels first), then the target's
    criteria the current role does not have (essential, then desirable, then the rest)."""
    target_role = framework.role(target)
    gap = skill_gap(framework, current, target)
    items = [_skill_item(framework, gap, row, target_role) for row in gap.gaps]
    expectations, compared = _expectations_to_meet(framework, _current_role(framework, current), target_role)
    items += [_expectation_item(framework, e, target_role, compared) for e in expectations]
    return tuple(items)


def _span(role: Role | None) -> str:
    span = role.management if role else None
    if not span or (span.direct is None and span.indirect is None):
        return "none stated"
    parts = []
    if span.direct is not None:
        parts.append(f"up to {span.direct} directly")
    if span.indirect is not None:
        parts.append(f"up to {span.indirect} indirectly")
    return ", ".join(parts)


def level_changes(framework: Framework, current: str | Profile, target: str) -> LevelChanges:
    """What changes from ``current`` to ``target``: only what differs (see :class:`LevelChanges`)."""
    target_role = framework.role(target)
    gap = skill_gap(framework, current, target)
    current_role = _current_role(framework, current)
    expectations, compared = _expectations_to_meet(framework, current_role, target_role)
    changes = []
    if current_role is not None:
        before, after = framework.grade_label(current_role.grade), framework.grade_label(target_role.grade)
        if before != after:
            changes.append(ResponsibilityChange("Grade", before, after))
        if _span(current_role) != _span(target_role):
            changes.append(ResponsibilityChange("People managed", _span(current_role), _span(target_role)))
        budgets = [r.budget.evidence if r.budget else "none stated" for r in (current_role, target_role)]
        if budgets[0] != budgets[1]:
            changes.append(ResponsibilityChange("Budget", *budgets))
        pay = ["; ".join(s.evidence for s in r.salary) or "none stated" for r in (current_role, target_role)]
        if pay[0] != pay[1]:
            changes.append(ResponsibilityChange("Salary", *pay))
    return LevelChanges(
        new_skills=tuple(r for r in gap.rows if r.standing != HELD),
        raised_skills=tuple(r for r in gap.rows if r.standing == HELD and r.gap),
        expectations=expectations,
        responsibilities=tuple(changes),
        compared_with=current_role.title if compared and current_role is not None else None,
    )


def route_check(framework: Framework, G: nx.DiGraph, current: str | None, target: str) -> RouteCheck:
    """Whether a route leads from ``current`` to ``target`` (as Progression paths finds them); where none does,
    why, and up to three roles that do lead there — those nearest the current role's place (its discipline
    first, then the closest grade)."""
    if current is None or current == target:
        return RouteCheck(True)
    try:
        progression_paths(G, current, target, limit=1)
        return RouteCheck(True)
    except NoPath as error:
        reason = error.reason
    here = G.nodes[current]
    leading = nx.ancestors(G, target) - {current}

    def distance(role_id: str) -> tuple:
        node = G.nodes[role_id]
        apart = abs((node["position"] or 0) - (here["position"] or 0))
        return (node["discipline"] != here["discipline"], apart, node["title"])

    nearest = sorted(leading, key=distance)[:MAX_NEAREST]
    return RouteCheck(False, reason, tuple((r, role_label(framework, r)) for r in nearest))


def _readiness(gap: SkillGap, expectations: int, compared: bool) -> str:
    parts = []
    if gap.rows:
        met = sum(r.met for r in gap.rows)
        parts.append(f"{met} of the {len(gap.rows)} skill requirements already met ({gap.readiness:.0%})")
        if gap.unlisted:
            n = len(gap.unlisted)
            parts.append(
                f"{n} of them {'is' if n == 1 else 'are'} not in {gap.current_title}'s profile, so how far "
                f"{'it is' if n == 1 else 'they are'} is not known"
            )
    if expectations:
        what = "still to meet" if compared else "to show (no role to compare with)"
        parts.append(f"{expectations} of the target's criteria {what}")
    return "; ".join(parts) + "." if parts else "The target role lists no requirements in the framework."


def development_plan(
    framework: Framework,
    G: nx.DiGraph,
    current: str | Profile,
    target: str,
    *,
    date: dt.date,
    focus: Sequence[str] | None = None,
    focus_size: int = FOCUS_SIZE,
    person: str | None = None,
    manager: str | None = None,
    next_check_in: dt.date | None = None,
    actions: Sequence[Action] = (),
    current_label: str | None = None,
    levels_from: str | None = None,
) -> DevelopmentPlan:
    """The plan from ``current`` (a role id, or a person's :class:`~framework.skills.Profile`) to ``target``.

    ``focus`` is the keys chosen (:attr:`FocusItem.key`, in the order wanted; unknown ones are left out); by
    default the ``focus_size`` biggest gaps. ``person``, ``manager``, ``next_check_in`` and ``actions`` are what
    the people in the conversation write in; a plan holding them is theirs, never to be cached or shared.
    """
    target_role = framework.role(target)
    gap = skill_gap(framework, current, target)
    candidates = focus_candidates(framework, current, target)
    by_key = {item.key: item for item in candidates}
    chosen = [by_key[k] for k in dict.fromkeys(focus) if k in by_key] if focus is not None else None
    if chosen is None:
        chosen = list(candidates[:focus_size])
    chosen_keys = {item.key for item in chosen}
    changes = level_changes(framework, current, target)
    role_id = current if isinstance(current, str) else current.based_on
    if isinstance(current, Profile):
        label = current_label or current.label or "My self-assessment"
        source = levels_from or "your own assessment of your levels"
    else:
        label = current_label or role_label(framework, current)
        source = levels_from or f"the levels {framework.role(current).title}'s profile lists"
    target_label = role_label(framework, target)
    biggest = [item.name for item in chosen]
    summary = f"From {label} to {target_label}: {plural(len(candidates), 'gap')} in all" + (
        f"; the focus is {and_list(biggest)}." if biggest else "; nothing to close."
    )
    return DevelopmentPlan(
        framework=framework.name,
        attribution=framework.attribution,
        current_label=label,
        target_label=target_label,
        target_title=target_role.title,
        date=date,
        readiness=_readiness(gap, len(changes.expectations), changes.compared_with is not None),
        summary=summary,
        levels_from=source,
        focus=tuple(chosen),
        others=tuple(item for item in candidates if item.key not in chosen_keys),
        changes=changes,
        route=route_check(framework, G, role_id if role_id in framework.roles_by_id else None, target),
        person=person or None,
        manager=manager or None,
        next_check_in=next_check_in,
        actions=tuple(actions),
    )
