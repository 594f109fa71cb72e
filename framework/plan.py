"""A development plan a line manager can take into a 1:1: what changes at the next level, a focus, what good
looks like, ways to practise, resources, agreed actions and the next check-in.

Everything shown of a gap — on the page, in the Markdown, CSV and PDF files, from the command line — comes from
one model, :class:`DevelopmentPlan`. It is made in two steps, so that what a person writes in costs nothing to
apply: :func:`plan_basis` compares the two sides once (the skill gap, the criteria, what changes, the route
check), and :func:`plan_from` adds the choices made in the conversation (the focus, the names, the dates, the
actions):

>>> from framework import build_graph, load_framework
>>> council = load_framework("data/roles.yaml")
>>> basis = plan_basis(council, build_graph(council), "delivery-manager", "senior-product-manager")
>>> plan = plan_from(basis, date=dt.date(2027, 1, 15), person="Sam Okafor")
>>> [item.name for item in plan.focus]  # the three biggest gaps unless chosen otherwise
['Product management', 'Applying user-centred insights', 'Creating value for money']
>>> print(plan.summary)
From Delivery Manager (PO4) to Senior Product Manager (PO6): 31 gaps in all; the focus is Product management,
Applying user-centred insights and Creating value for money.

:func:`development_plan` does both in one call.

The gap is honest about what it knows. A skill the target needs that the current role's profile does not list
is *not in its profile* — which says nothing of the person who holds the role — not "none"; a person's own "none"
is theirs. Where the framework leaves a level's descriptor blank, the plan says so and shows the nearest level
it describes above the one held — never a level already held. Ways to practise are sentences of the target
role's main duties, attributed by the rule of :mod:`framework.practice` (stated beside them), or the examples
the framework gives with a criterion. Resources are the framework's own, each saying where it comes from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

import networkx as nx

from .catalogue import document_title
from .errors import NoPath, QueryError
from .expectations import RoleExpectation, effective_expectations, expectation_gap, framework_areas
from .learning import LearningResource, Library, resources_for, resources_for_area
from .models import Framework, Role
from .naming import role_label
from .practice import CRITERION_RULE, MAX_PRACTICE, SKILL_RULE, Attribution, criterion_practice, skill_practice
from .routes import progression_paths
from .skills import HELD, GapRow, LevelStep, Profile, SkillGap, skill_gap, standing_text
from .wording import and_list, plural

__all__ = [
    "ACTION_STATUSES",
    "DEFAULT_STATUS",
    "Action",
    "DevelopmentPlan",
    "FocusItem",
    "LevelChanges",
    "LooksLike",
    "PlanBasis",
    "PlanResource",
    "Practice",
    "ResponsibilityChange",
    "RouteCheck",
    "catalogue_notices",
    "development_plan",
    "focus_candidates",
    "leading_roles",
    "level_changes",
    "looks_like",
    "plan_basis",
    "plan_from",
    "resource_action",
    "route_check",
    "skill_resources",
    "with_learning",
]

FOCUS_SIZE = 3  #: gaps in focus unless chosen otherwise: the three biggest
ACTION_STATUSES = ("Not started", "In progress", "Done")
DEFAULT_STATUS = ACTION_STATUSES[0]  #: an action agreed and not yet begun: how every new action starts
MAX_NEAREST = 3  #: roles offered that do lead to the target, when the current role does not
MAX_RESOURCES = 3  #: learning resources a plan lists for each gap: a few to choose from, not a reading list
#: The fewest characters an action made from a resource may need (the record's action field takes 300).
ACTION_MOST = 300


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
    """A way to practise: a sentence of the target role's duties, or an example the framework gives, and where
    it comes from and why it is listed, in words."""

    text: str
    source: str  # "the Senior Product Manager job description (it names: agile)", "an example FT engineering gives"


@dataclass(frozen=True)
class PlanResource:
    """A learning resource a plan lists for a gap: the resource as its catalogue (or the framework) gives it — its
    title, address, provider, kind, who may use it and where its title and address were verified — and where the
    plan found it, in words ("Open learning for DDaT skills, for Practitioner")."""

    resource: LearningResource
    found: str

    @property
    def title(self) -> str:
        return self.resource.title

    @property
    def link(self) -> str | None:
        return self.resource.address

    @property
    def kind(self) -> str:
        return self.resource.kind

    @property
    def organisation_only(self) -> bool:
        return self.resource.organisation_only


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
    #: How the ways to practise were chosen, in one sentence (None when there are none, or they are the
    #: framework's own examples, which need no rule).
    practise_rule: str | None
    #: Learning resources for this gap, each saying where it was found: the one list a plan shows and files —
    #: the links the framework gives with a criterion, then up to :data:`MAX_RESOURCES` from the learning
    #: catalogues in use and the framework's own (:func:`with_learning` fills it for other catalogues).
    resources: tuple[PlanResource, ...]
    text: str | None = None  # a criterion's whole text
    #: What the learning catalogues are asked for this gap: ("skill", skill id, the level id to reach) or
    #: ("area", area id, its level id or None); None where there is nothing to ask.
    learning: tuple[str, str, str | None] | None = None
    links: tuple[PlanResource, ...] = ()  #: the links the framework gives with a criterion itself

    @property
    def skill(self) -> str | None:
        """The skill's id, for a skill to raise (None for a criterion)."""
        return self.key.removeprefix("skill/") if self.kind == "skill" else None

    @property
    def needed_stated(self) -> str:
        """The level (or marker) needed and where it is stated, as one phrase for a page or a file."""
        return f"{self.needed}, stated in {self.needed_source}"


@dataclass(frozen=True)
class ResponsibilityChange:
    """A change of responsibility the documents state — grade, people managed, budget, salary — and the same in
    plain words, a line per side, so that "none stated" is never read as "none"."""

    what: str
    now: str
    then: str
    said: tuple[str, ...]  # e.g. ("Budget for Delivery Manager: “… may exceed £1m.”", "Budget: none stated for …")


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

    @property
    def said(self) -> tuple[str, ...]:
        """Every change of responsibility in plain words, a line each."""
        return tuple(line for change in self.responsibilities for line in change.said)


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
    status: str = DEFAULT_STATUS


@dataclass(frozen=True)
class PlanBasis:
    """A plan before anyone writes in it: the comparison of the two sides, made once. For two roles it is the
    same for everyone (it may be cached and shared); from a person's own assessment it is theirs."""

    framework: str  # the framework's name
    attribution: str | None
    current_label: str  # "Delivery Manager (PO4)", or the assessment's name
    target_label: str
    target_title: str
    readiness: str  # what the plan counts, in a sentence
    levels_from: str  # where the current levels come from, in words
    candidates: tuple[FocusItem, ...]  # every gap a plan can focus on, biggest first
    changes: LevelChanges
    route: RouteCheck
    focus_size: int = FOCUS_SIZE
    #: The notices of the learning catalogues whose resources the gaps list (a licence, an attribution), to be
    #: kept with them wherever they are shown or printed; None when there are none.
    catalogues: str | None = None

    @property
    def default_focus(self) -> tuple[str, ...]:
        """The keys of the gaps in focus until someone chooses: the biggest ones."""
        return tuple(item.key for item in self.candidates[: self.focus_size])


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
    """A level still to reach, in the words of the skill's source (named) — or, where it leaves that level
    undescribed, the nearest level it describes *above the one held*, labelled as such: a level already held is
    never offered as what the next one looks like (the step's ``nearest`` is chosen so, by
    :func:`framework.skills.level_steps`)."""
    skill = framework.skills_by_id.get(skill_id)
    source = (skill.source if skill else None) or framework.name
    if step.descriptor is not None:
        return LooksLike(step.name, step.descriptor, source=source)
    if step.nearest is None:
        return LooksLike(
            step.name, None, f"{source} leaves {step.name} undescribed for this skill, and no level above the one held."
        )
    name, text = step.nearest
    return LooksLike(
        step.name,
        text,
        f"{source} leaves {step.name} undescribed for this skill; this is the nearest level above the one held "
        f"that it describes, {name}.",
        source,
    )


def _requirement_source(framework: Framework, target: Role, skill_id: str) -> str:
    """Where the target's level in a skill is stated: its profile, and the source the profile took it from."""
    requirement = next((r for r in target.skills if r.skill == skill_id), None)
    if requirement is not None and requirement.source:
        return f"the {target.title} profile, taken from {requirement.source}"
    return f"the {target.title} profile of {framework.name}"


def _practice(found: Sequence[Attribution], document: str, verb: str) -> tuple[Practice, ...]:
    return tuple(Practice(a.text, f"the {document} (it {verb}: {', '.join(a.words)})") for a in found)


# --------------------------------------------------------------------------- resources


def _found(framework: Framework, resource: LearningResource, level: str | None, what: str) -> PlanResource:
    if level is not None and level in resource.levels:
        return PlanResource(resource, f"{resource.catalogue}, for {_level_name(framework, level)}")
    return PlanResource(resource, f"{resource.catalogue}, for every level of {what}")


def skill_resources(
    framework: Framework, library: Library | None, skill_id: str, level_id: str, *, limit: int = MAX_RESOURCES
) -> tuple[PlanResource, ...]:
    """Up to ``limit`` resources for ``skill_id`` at the level to reach, ``level_id``: from the learning
    catalogues in ``library`` (an organisation's first), then the framework's own — those named for that level
    before those for every level (:func:`framework.learning.resources_for`); each saying where it was found.
    None for ``library``: the framework's own only. Nothing for a skill or level the framework does not have."""
    skill = framework.skills_by_id.get(skill_id)
    if skill is None or level_id not in framework.level_rank:
        return ()
    found = resources_for(library or Library(), framework, skill_id, level_id, limit=limit)
    return tuple(_found(framework, r, level_id, skill.name) for r in found)


def _area_resources(
    framework: Framework, library: Library | None, area_id: str, level_id: str | None
) -> tuple[PlanResource, ...]:
    area = framework_areas(framework).get(area_id)
    if area is None:
        return ()
    try:
        found = resources_for_area(library or Library(), framework, area_id, level_id, limit=MAX_RESOURCES)
    except QueryError:  # a level that is not one of the area's own: every resource of the area
        found = resources_for_area(library or Library(), framework, area_id, limit=MAX_RESOURCES)
    level = next((f", {lv.name}" for lv in area.levels if lv.id == level_id), "")
    return tuple(
        PlanResource(r, f"{r.catalogue}, for {area.name}" + (level if level_id in r.levels else "")) for r in found
    )


def _learning(
    framework: Framework, library: Library | None, learning: tuple[str, str, str | None] | None
) -> tuple[PlanResource, ...]:
    if learning is None:
        return ()
    kind, subject, level = learning
    if kind == "skill":
        return skill_resources(framework, library, subject, level or "")
    return _area_resources(framework, library, subject, level)


def _criterion_links(framework: Framework, e: RoleExpectation) -> tuple[PlanResource, ...]:
    found = f"a link {framework.name} gives with the criterion"
    return tuple(
        dict.fromkeys(
            PlanResource(
                LearningResource.given(title or url, url, "link", source=framework.name, catalogue=framework.name),
                found,
            )
            for title, url in e.links
        )
    )


#: How an action made from a resource starts, by the resource's kind.
_ACTION_VERBS = {"course": "Take", "book": "Read", "community": "Join", "shadowing": "Arrange", "on-the-job": "Take on"}


def resource_action(resource: PlanResource, what: str, *, most: int = ACTION_MOST) -> str:
    """An agreed action made from a resource, in one line: what to do with it, for which gap (``what``: "Planning,
    to Practitioner"), who provides it and where to find it — within ``most`` characters (the provider, then the
    address, are left out of one that would be longer; the resource stays listed in full in the plan).

    >>> from framework.learning import LearningResource
    >>> guide = LearningResource.given("Making prototypes", "https://example.org/p", "guide", source="", catalogue="")
    >>> resource_action(PlanResource(guide, ""), "Prototyping, to Practitioner")
    'Work through “Making prototypes” (guide) for Prototyping, to Practitioner: https://example.org/p'
    """
    r = resource.resource
    verb = _ACTION_VERBS.get(r.kind, "Work through")
    kind = r.kind.replace("-", " ")
    about = f"{kind}, {r.provider}" if r.provider else kind
    where = f": {r.address}" if r.address else ""
    for text in (
        f"{verb} “{r.title}” ({about}) for {what}{where}",
        f"{verb} “{r.title}” ({kind}) for {what}{where}",
        f"{verb} “{r.title}” for {what}",
        f"{verb} “{r.title}”",
    ):
        if len(text) <= most:
            return text
    return text[: most - 1].rstrip() + "…"


# --------------------------------------------------------------------------- what the plan is made of


def _current_role(framework: Framework, current: str | Profile) -> Role | None:
    if isinstance(current, Profile):
        return framework.roles_by_id.get(current.based_on) if current.based_on else None
    return framework.role(current)


def _skill_item(
    framework: Framework,
    gap: SkillGap,
    row: GapRow,
    target: Role,
    practised: dict[str, tuple[Attribution, ...]],
    library: Library | None,
) -> FocusItem:
    skill = framework.skills_by_id.get(row.skill)
    document = document_title(target) if target.job_description else None
    found = practised.get(row.skill, ())
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
        practise=_practice(found, document, "names") if document else (),
        practise_rule=SKILL_RULE.format(document=document) if document and found else None,
        resources=_learning(framework, library, learning := ("skill", row.skill, row.required)),
        learning=learning,
    )


def _short(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _expectation_item(
    framework: Framework, e: RoleExpectation, target: Role, compared: bool, library: Library | None
) -> FocusItem:
    rule = None
    if e.examples:
        practise = tuple(Practice(example, f"an example {framework.name} gives") for example in e.examples)
    elif target.job_description:
        document = document_title(target)
        practise = _practice(criterion_practice(e.text, target), document, "shares the words")
        rule = CRITERION_RULE.format(document=document) if practise else None
    else:
        practise = ()
    if e.source:
        stated_in = e.source  # e.g. "Person specification of Senior Product Manager, Knowledge — Essential"
    elif target.job_description and target.job_description.person_specification:
        stated_in = f"the person specification of the {document_title(target)}"
    else:
        stated_in = f"the {target.title} expectations in {framework.name}"
    learning = ("area", e.area, e.level) if e.area else None
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
        practise_rule=rule,
        resources=(links := _criterion_links(framework, e)) + _learning(framework, library, learning),
        text=e.text,
        learning=learning,
        links=links,
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


def _candidates(
    framework: Framework,
    gap: SkillGap,
    target: Role,
    expectations: Sequence[RoleExpectation],
    compared: bool,
    library: Library | None = None,
) -> tuple[FocusItem, ...]:
    practised = skill_practice(framework, target) if gap.gaps and target.job_description else {}
    items = [_skill_item(framework, gap, row, target, practised, library) for row in gap.gaps]
    items += [_expectation_item(framework, e, target, compared, library) for e in expectations]
    return tuple(items)


def focus_candidates(
    framework: Framework, current: str | Profile, target: str, *, library: Library | None = None
) -> tuple[FocusItem, ...]:
    """Every gap a plan can focus on, biggest first: the skills to raise (most levels first), then the target's
    criteria the current role does not have (essential, then desirable, then the rest). Their resources come
    from the catalogues in ``library`` and the framework's own (None: the framework's own only)."""
    target_role = framework.role(target)
    expectations, compared = _expectations_to_meet(framework, _current_role(framework, current), target_role)
    gap = skill_gap(framework, current, target_role)
    return _candidates(framework, gap, target_role, expectations, compared, library)


def with_learning(basis: PlanBasis, framework: Framework, library: Library | None) -> PlanBasis:
    """``basis`` with each gap's resources taken from the catalogues in ``library`` (and the framework's own):
    for a basis made once and shared, given the catalogues one person uses — an organisation's added in their
    session. Cheap: the comparison is not made again."""
    candidates = tuple(
        replace(item, resources=item.links + _learning(framework, library, item.learning)) for item in basis.candidates
    )
    return replace(basis, candidates=candidates, catalogues=_notices(library, candidates))


def catalogue_notices(library: Library | None, resources: Iterable[PlanResource]) -> str | None:
    """The attributions (licence notices) of the catalogues ``resources`` come from, each once, in catalogue
    order — to keep with the resources wherever they are shown; None when they carry none."""
    if library is None:
        return None
    used = {r.resource.catalogue for r in resources}
    notes = [c.attribution for c in library.catalogues if c.name in used and c.attribution]
    return " ".join(dict.fromkeys(notes)) or None


def _notices(library: Library | None, candidates: Sequence[FocusItem]) -> str | None:
    return catalogue_notices(library, (r for item in candidates for r in item.resources))


def _span(role: Role) -> str | None:
    span = role.management
    if not span or (span.direct is None and span.indirect is None):
        return None
    parts = []
    if span.direct is not None:
        parts.append(f"up to {span.direct} directly")
    if span.indirect is not None:
        parts.append(f"up to {span.indirect} indirectly")
    return ", ".join(parts)


def _change(what: str, before: Role, after: Role, now: str | None, then: str | None) -> ResponsibilityChange | None:
    """A change of ``what`` where the two roles' documents differ, said a line per role: what the document states,
    or that it states none — never "then: none stated", which reads as if the responsibility went away."""
    if now == then:
        return None

    def line(role: Role, value: str | None) -> str:
        return f"{what} for {role.title}: {value}" if value else f"{what}: none stated for {role.title}"

    return ResponsibilityChange(
        what, now or "none stated", then or "none stated", (line(before, now), line(after, then))
    )


def _responsibilities(framework: Framework, current: Role, target: Role) -> tuple[ResponsibilityChange, ...]:
    changes = []
    before, after = framework.grade_label(current.grade), framework.grade_label(target.grade)
    if before != after:
        changes.append(ResponsibilityChange("Grade", before, after, (f"Grade: from {before} to {after}",)))
    pay = ["; ".join(f"“{s.evidence}”" for s in r.salary) or None for r in (current, target)]
    budget = [f"“{r.budget.evidence}”" if r.budget else None for r in (current, target)]
    for what, (now, then) in (("People managed", (_span(current), _span(target))), ("Budget", budget), ("Salary", pay)):
        change = _change(what, current, target, now, then)
        if change is not None:
            changes.append(change)
    return tuple(changes)


def _level_changes(
    framework: Framework,
    gap: SkillGap,
    current_role: Role | None,
    target: Role,
    expectations: tuple[RoleExpectation, ...],
    compared: bool,
) -> LevelChanges:
    return LevelChanges(
        new_skills=tuple(r for r in gap.rows if r.standing != HELD),
        raised_skills=tuple(r for r in gap.rows if r.standing == HELD and r.gap),
        expectations=expectations,
        responsibilities=_responsibilities(framework, current_role, target) if current_role is not None else (),
        compared_with=current_role.title if compared and current_role is not None else None,
    )


def level_changes(framework: Framework, current: str | Profile, target: str) -> LevelChanges:
    """What changes from ``current`` to ``target``: only what differs (see :class:`LevelChanges`)."""
    target_role = framework.role(target)
    current_role = _current_role(framework, current)
    expectations, compared = _expectations_to_meet(framework, current_role, target_role)
    gap = skill_gap(framework, current, target_role)
    return _level_changes(framework, gap, current_role, target_role, expectations, compared)


def leading_roles(framework: Framework, G: nx.DiGraph, current: str, target: str) -> tuple[tuple[str, str], ...]:
    """Up to three roles from which a route leads to ``target``, nearest ``current``'s place first (its
    discipline, then the closest grade), as (role id, "Title (grade)")."""
    here = G.nodes[current]
    leading = nx.ancestors(G, target) - {current}

    def distance(role_id: str) -> tuple:
        node = G.nodes[role_id]
        apart = abs((node["position"] or 0) - (here["position"] or 0))
        return (node["discipline"] != here["discipline"], apart, node["title"])

    return tuple((r, role_label(framework, r)) for r in sorted(leading, key=distance)[:MAX_NEAREST])


def route_check(framework: Framework, G: nx.DiGraph, current: str | None, target: str) -> RouteCheck:
    """Whether a route leads from ``current`` to ``target`` (as Progression paths finds them); where none does,
    why, and the roles nearest the current one that do lead there (:func:`leading_roles`)."""
    if current is None or current == target:
        return RouteCheck(True)
    try:
        progression_paths(G, current, target, limit=1)
        return RouteCheck(True)
    except NoPath as error:
        return RouteCheck(False, error.reason, leading_roles(framework, G, current, target))


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


def plan_basis(
    framework: Framework,
    G: nx.DiGraph,
    current: str | Profile,
    target: str,
    *,
    gap: SkillGap | None = None,
    route: RouteCheck | None = None,
    focus_size: int = FOCUS_SIZE,
    current_label: str | None = None,
    levels_from: str | None = None,
    library: Library | None = None,
) -> PlanBasis:
    """The comparison a plan from ``current`` (a role id, or a person's :class:`~framework.skills.Profile`) to
    ``target`` is made of, made once: pass the ``gap`` and the ``route`` check where the caller has them already.
    Each gap's resources come from the learning catalogues in ``library`` and the framework's own (None: the
    framework's own only; :func:`with_learning` gives a basis other catalogues' resources).

    A basis from a profile holds that person's levels: it is for their own page, never to be cached or shared.
    """
    target_role = framework.role(target)
    gap = gap if gap is not None else skill_gap(framework, current, target_role)
    current_role = _current_role(framework, current)
    expectations, compared = _expectations_to_meet(framework, current_role, target_role)
    if isinstance(current, Profile):
        label = current_label or current.label or "My self-assessment"
        source = levels_from or "your own assessment of your levels"
        role_id = current.based_on if current.based_on in framework.roles_by_id else None
    else:
        label = current_label or role_label(framework, current)
        source = levels_from or f"the levels {framework.role(current).title}'s profile lists"
        role_id = current
    return PlanBasis(
        framework=framework.name,
        attribution=framework.attribution,
        current_label=label,
        target_label=role_label(framework, target),
        target_title=target_role.title,
        readiness=_readiness(gap, len(expectations), compared),
        levels_from=source,
        candidates=(candidates := _candidates(framework, gap, target_role, expectations, compared, library)),
        changes=_level_changes(framework, gap, current_role, target_role, expectations, compared),
        route=route if route is not None else route_check(framework, G, role_id, target),
        focus_size=focus_size,
        catalogues=_notices(library, candidates),
    )


def plan_from(
    basis: PlanBasis,
    *,
    date: dt.date,
    focus: Sequence[str] | None = None,
    person: str | None = None,
    manager: str | None = None,
    next_check_in: dt.date | None = None,
    actions: Sequence[Action] = (),
) -> DevelopmentPlan:
    """The plan: ``basis`` with the choices of the conversation. ``focus`` is the keys chosen
    (:attr:`FocusItem.key`, in the order wanted; unknown ones are left out), by default the biggest gaps.
    ``person``, ``manager``, ``next_check_in`` and ``actions`` are what the people in the conversation write in;
    a plan holding them is theirs, never to be cached or shared. Nothing is recomputed: this is cheap."""
    by_key = {item.key: item for item in basis.candidates}
    keys = basis.default_focus if focus is None else tuple(dict.fromkeys(focus))
    chosen = tuple(by_key[k] for k in keys if k in by_key)
    chosen_keys = {item.key for item in chosen}
    names = [item.name for item in chosen]
    summary = f"From {basis.current_label} to {basis.target_label}: {plural(len(basis.candidates), 'gap')} in all" + (
        f"; the focus is {and_list(names)}." if names else "; nothing to close."
    )
    return DevelopmentPlan(
        framework=basis.framework,
        attribution=" ".join(note for note in (basis.attribution, basis.catalogues) if note) or None,
        current_label=basis.current_label,
        target_label=basis.target_label,
        target_title=basis.target_title,
        date=date,
        readiness=basis.readiness,
        summary=summary,
        levels_from=basis.levels_from,
        focus=chosen,
        others=tuple(item for item in basis.candidates if item.key not in chosen_keys),
        changes=basis.changes,
        route=basis.route,
        person=person or None,
        manager=manager or None,
        next_check_in=next_check_in,
        actions=tuple(actions),
    )


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
    library: Library | None = None,
) -> DevelopmentPlan:
    """The plan from ``current`` (a role id, or a person's :class:`~framework.skills.Profile`) to ``target``:
    :func:`plan_basis` and :func:`plan_from` in one call (see them for the arguments)."""
    basis = plan_basis(
        framework,
        G,
        current,
        target,
        focus_size=focus_size,
        current_label=current_label,
        levels_from=levels_from,
        library=library,
    )
    return plan_from(
        basis,
        date=date,
        focus=focus,
        person=person,
        manager=manager,
        next_check_in=next_check_in,
        actions=actions,
    )
