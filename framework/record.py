"""A person's development record: dated check-ins of self, manager and agreed levels, evidence and actions.

The record is the person's file, never the server's: they save it (YAML or JSON), bring it to the next
conversation and load it again. It names the framework it was made with — its id and :func:`content_hash` —
so a record loaded against another framework, or a changed version of it, is noticed and said so.

A check-in holds, per skill, up to three levels — the person's own (``self``), the line manager's
(``manager``) and the one agreed between them (``agreed``) — each a skill-level id of the framework or
``not-observed``; per expectation of a criteria framework, ``met`` / ``partly`` / ``not-yet`` /
``not-observed`` in the same three voices; evidence notes (text and links); agreed actions; notes; and the
date of the next conversation, when one is planned.

:func:`load_record` checks a file as the framework loader does: every problem located (file:line:column and
field path), all at once. What the framework does not know — a skill, a level, a role, an expectation — is
kept and reported as a warning, never dropped, so saving the record again gives back what was loaded. A
skills-profile file (:class:`~framework.skills.Profile`) loads as a record with one check-in of self levels.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from .docbounds import expanded_chars
from .errors import InputError, Problem
from .filecheck import located, validated
from .fingerprint import content_hash
from .hints import Hints
from .ids import file_stem
from .models import Framework, Id, Line, Text, Url
from .skills import Profile
from .yamlsafe import cap_problems, decode, node_limit, parse_yaml

__all__ = [
    "ACTION_STATUSES",
    "AGREED",
    "EXPECTATION_RATINGS",
    "MANAGER",
    "NOT_OBSERVED",
    "RECORD_MAX_BYTES",
    "SELF",
    "SOURCES",
    "AgreedAction",
    "CheckIn",
    "DevelopmentRecord",
    "Evidence",
    "ExpectationRating",
    "FrameworkRef",
    "SkillRating",
    "add_check_in",
    "dump_record",
    "expectation_keys",
    "load_record",
    "new_record",
    "record_file_stem",
    "record_levels",
    "record_profile",
]

RECORD_MAX_BYTES = 1024 * 1024  #: a record of years of check-ins is tens of kilobytes; a megabyte is plenty
MAX_CHECK_INS = 200
MAX_RATED = 2000  #: skills or expectations rated in one check-in
MAX_EVIDENCE = 50  #: evidence notes on one skill or expectation
MAX_ACTIONS = 200

NOT_OBSERVED = "not-observed"  #: a level or rating not observed yet
#: What an expectation's rating may be, and how it is said.
EXPECTATION_RATINGS = {"met": "Met", "partly": "Partly", "not-yet": "Not yet", NOT_OBSERVED: "Not observed yet"}
#: An action's status, and how it is said.
ACTION_STATUSES = {"not-started": "Not started", "in-progress": "In progress", "done": "Done"}
#: The three voices of a rating, in the order the gap and the plan trust them.
AGREED, MANAGER, SELF = "agreed", "manager", "self"
SOURCES = {AGREED: "agreed", MANAGER: "line manager's", SELF: "own"}

ExpectationKey = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=250),
    Field(description="role id/expectation id: the role that states the expectation, and its id there."),
]
Rating = Literal["met", "partly", "not-yet", "not-observed"]
Hash = Annotated[str, StringConstraints(pattern=r"^sha256:[0-9a-f]{64}$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Evidence(_Model):
    """A note of what shows the level or the rating: what happened, and a link to it, or either."""

    text: Text | None = None
    link: Url | None = None

    @model_validator(mode="after")
    def _something(self) -> Evidence:
        if self.text is None and self.link is None:
            raise ValueError("evidence needs a text or a link")
        return self


class SkillRating(_Model):
    """One skill at one check-in: the person's level, the manager's, the agreed one (each optional)."""

    self_level: Id | None = Field(None, alias="self", description="The person's own level, or not-observed.")
    manager: Id | None = Field(None, description="The line manager's level, or not-observed.")
    agreed: Id | None = Field(None, description="The level agreed between them, or not-observed.")
    evidence: list[Evidence] = Field(default_factory=list, max_length=MAX_EVIDENCE)

    def level(self, source: str) -> str | None:
        return {SELF: self.self_level, MANAGER: self.manager, AGREED: self.agreed}[source]


class ExpectationRating(_Model):
    """One expectation at one check-in: met, partly, not yet or not observed, in each of the three voices."""

    self_rating: Rating | None = Field(None, alias="self")
    manager: Rating | None = None
    agreed: Rating | None = None
    evidence: list[Evidence] = Field(default_factory=list, max_length=MAX_EVIDENCE)

    def rating(self, source: str) -> str | None:
        return {SELF: self.self_rating, MANAGER: self.manager, AGREED: self.agreed}[source]


class AgreedAction(_Model):
    action: Line
    by: dt.date | None = Field(None, description="By when, YYYY-MM-DD.")
    owner: Line | None = None
    support: Line | None = Field(None, description="What help is needed, from whom.")
    status: Literal["not-started", "in-progress", "done"] = "not-started"


class CheckIn(_Model):
    """One development conversation, or one self-assessment, on a date."""

    date: dt.date
    skills: dict[Id, SkillRating] = Field(default_factory=dict, max_length=MAX_RATED)
    expectations: dict[ExpectationKey, ExpectationRating] = Field(default_factory=dict, max_length=MAX_RATED)
    actions: list[AgreedAction] = Field(default_factory=list, max_length=MAX_ACTIONS)
    notes: Text | None = None
    next_check_in: dt.date | None = Field(None, description="When the next conversation is planned, YYYY-MM-DD.")


class FrameworkRef(_Model):
    id: Id
    name: Line | None = None
    hash: Hash | None = Field(None, description="The framework's content hash when the record was written.")


class DevelopmentRecord(_Model):
    """A person's development record: the framework it refers to, the roles, and dated check-ins."""

    record_version: Literal[1] = 1
    framework: FrameworkRef
    person: Line | None = Field(None, description="The person's name, if they want it in the file.")
    label: Line | None = Field(None, description="A name for the record, e.g. 'My record, 2026'.")
    current_role: Id | None = None
    target_role: Id | None = None
    check_ins: list[CheckIn] = Field(min_length=1, max_length=MAX_CHECK_INS, description="Oldest first.")

    @property
    def latest(self) -> CheckIn:
        return self.check_ins[-1]


# --------------------------------------------------------------------------- making and changing records


def framework_ref(framework: Framework) -> FrameworkRef:
    return FrameworkRef(id=framework.id, name=framework.name, hash=content_hash(framework))


def new_record(
    framework: Framework,
    role_id: str | None,
    *,
    target: str | None = None,
    person: str | None = None,
    date: dt.date | None = None,
) -> DevelopmentRecord:
    """A record with one check-in whose self levels start from the role's required levels (a starting point
    the person changes). Raises :class:`~framework.errors.RoleNotFound` for an unknown role."""
    skills = {}
    if role_id is not None:
        skills = {req.skill: SkillRating(self_level=req.level) for req in framework.role(role_id).skills}
    if target is not None:
        framework.role(target)
    return DevelopmentRecord(
        framework=framework_ref(framework),
        person=person or None,
        current_role=role_id,
        target_role=target,
        check_ins=[CheckIn(date=date or dt.date.today(), skills=skills)],
    )


def add_check_in(record: DevelopmentRecord, date: dt.date) -> DevelopmentRecord:
    """The record with a new check-in that starts from the last one's levels and ratings (without their
    evidence), and its actions not yet done."""
    last = record.latest
    check_in = CheckIn(
        date=date,
        skills={s: r.model_copy(update={"evidence": []}) for s, r in last.skills.items()},
        expectations={k: r.model_copy(update={"evidence": []}) for k, r in last.expectations.items()},
        actions=[a for a in last.actions if a.status != "done"],
    )
    return record.model_copy(update={"check_ins": [*record.check_ins, check_in]})


def record_levels(
    record: DevelopmentRecord, framework: Framework, *, at: int = -1
) -> tuple[dict[str, str], dict[str, str]]:
    """The levels a check-in (the latest by default) gives each skill the framework knows — the agreed level
    where there is one, else the manager's, else the person's own — and which of the three each came from
    (:data:`AGREED`, :data:`MANAGER`, :data:`SELF`). A level "not observed yet" or unknown to the framework
    gives way to the next voice; a skill with none is left out."""
    levels, sources = {}, {}
    known = framework.level_rank
    for skill, rating in record.check_ins[at].skills.items():
        if skill not in framework.skills_by_id:
            continue
        for source in (AGREED, MANAGER, SELF):
            level = rating.level(source)
            if level in known:
                levels[skill], sources[skill] = level, source
                break
    return levels, sources


def record_profile(record: DevelopmentRecord, framework: Framework) -> tuple[Profile, dict[str, str]]:
    """The latest check-in as a :class:`~framework.skills.Profile` for the gap and the plan, and the source of
    each level (see :func:`record_levels`)."""
    levels, sources = record_levels(record, framework)
    based_on = record.current_role if record.current_role in framework.roles_by_id else None
    label = record.label or (f"Development record of {record.person}" if record.person else "My development record")
    return Profile(framework=framework.id, label=label, based_on=based_on, skills=levels), sources


def expectation_keys(framework: Framework) -> set[str]:
    """Every key a record may rate an expectation by (``role/expectation``), over all the framework's roles."""
    from .expectations import effective_expectations

    return {e.key for role in framework.roles for e in effective_expectations(framework, role)}


# --------------------------------------------------------------------------- files


def record_file_stem(record: DevelopmentRecord) -> str:
    """A file name (without its extension) that tells one person's record from another's in a manager's
    downloads folder: the person, where the record names them, and the day of its latest check-in."""
    return file_stem("development-record", record.person or "", record.latest.date.isoformat())


def dump_record(record: DevelopmentRecord, *, fmt: str = "yaml") -> str:
    """The record as a YAML (default) or JSON document; :func:`load_record` reads it back unchanged."""
    data = {"record_version": record.record_version}
    data |= record.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    import yaml

    header = "# Career Explorer development record. Load it again on the Development record page.\n"
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10**9)


def load_record(
    data: bytes | str, *, name: str, framework: Framework, today: dt.date | None = None
) -> tuple[DevelopmentRecord, list[Problem]]:
    """Read a development record (or a skills profile) and check it against ``framework``.

    Returns the record and its warnings (located problems of severity "warning"): another framework, another
    version of this one, unknown skills, levels, roles and expectations — all kept in the record. Raises
    :class:`~framework.errors.InputError` listing every problem, located, when the file is not a record.
    """
    text = data if isinstance(data, str) else decode(data, name=name, max_bytes=RECORD_MAX_BYTES)
    if len(text) > RECORD_MAX_BYTES:
        raise InputError.single("the file is too large to be a development record", file=name, code="too-large")
    raw, problems = parse_yaml(text, name=name, max_nodes=node_limit(RECORD_MAX_BYTES))
    # Aliases: the text written out is what saving, showing and planning from the record cost.
    if not problems and expanded_chars(raw, RECORD_MAX_BYTES) > RECORD_MAX_BYTES:
        raise InputError.single(
            f"its text, with its YAML aliases written out, is longer than the {RECORD_MAX_BYTES // 2**20} MiB a "
            "record may hold: save it from the app, which writes no aliases",
            file=name,
            code="too-large",
        )
    record, moved = None, None
    if not problems:
        if not isinstance(raw, dict):
            kind = "empty" if raw is None else f"a {type(raw).__name__}"
            problems.append(
                Problem(
                    f"a development record is a mapping with 'record_version', 'framework' and 'check_ins', not {kind}"
                )
            )
        elif "profile_version" in raw and "record_version" not in raw:
            profile = validated(Profile, raw, problems)
            if profile is not None:
                record = _from_profile(profile, today or dt.date.today())
                moved = _profile_path
        else:
            record = validated(DevelopmentRecord, raw, problems)
    if problems:
        raise InputError(located(problems, text, name), summary=f"{name} is not a valid development record")
    warnings = _references(record, framework)
    if moved is not None:
        warnings = [replace(w, path=moved(w.path)) for w in warnings]
    return record, located(cap_problems(warnings), text, name)


def _from_profile(profile: Profile, today: dt.date) -> DevelopmentRecord:
    return DevelopmentRecord(
        framework=FrameworkRef(id=profile.framework),
        label=profile.label,
        current_role=profile.based_on,
        check_ins=[CheckIn(date=today, skills={s: SkillRating(self_level=lv) for s, lv in profile.skills.items()})],
    )


def _profile_path(path: tuple) -> tuple:
    """Where a record's field is in the profile file it was read from."""
    if path[:1] == ("check_ins",) and len(path) >= 4:
        return ("skills", path[3])
    return {("framework", "id"): ("framework",), ("current_role",): ("based_on",)}.get(path, path)


def _warn(message: str, path: tuple, code: str) -> Problem:
    return Problem(message, path=path, severity="warning", code=code)


def _references(record: DevelopmentRecord, framework: Framework) -> list[Problem]:
    """What in the record ``framework`` does not know: each a warning; the record keeps it all."""
    out = []
    ref = record.framework
    if ref.id != framework.id:
        named = f" ({ref.name})" if ref.name else ""
        out.append(
            _warn(
                f"the record was made with framework {ref.id!r}{named}, not {framework.id!r} ({framework.name}): "
                "its levels are read where the ids match",
                ("framework", "id"),
                "wrong-framework",
            )
        )
    elif ref.hash is not None and ref.hash != content_hash(framework):
        out.append(
            _warn(
                f"the record was made with another version of {framework.name}: skills, levels or roles may have "
                "changed since; what is unknown now is listed here",
                ("framework", "hash"),
                "framework-changed",
            )
        )
    for field in ("current_role", "target_role"):
        role = getattr(record, field)
        if role is not None and role not in framework.roles_by_id:
            out.append(_warn(f"unknown role {role!r} (kept in the record)", (field,), "unknown-role"))
    hints = Hints()
    known_levels = ", ".join(framework.level_rank)
    keys = expectation_keys(framework) if any(c.expectations for c in record.check_ins) else set()
    for i, check_in in enumerate(record.check_ins):
        for skill, rating in check_in.skills.items():
            at = ("check_ins", i, "skills", skill)
            if skill not in framework.skills_by_id:
                hint = hints("skill", skill, framework.skills_by_id)
                suffix = f" (did you mean {hint!r}?)" if hint else ""
                out.append(_warn(f"unknown skill {skill!r}{suffix} (kept in the record)", at, "unknown-skill"))
            for source, field in ((SELF, "self"), (MANAGER, "manager"), (AGREED, "agreed")):
                level = rating.level(source)
                if level is not None and level != NOT_OBSERVED and level not in framework.level_rank:
                    out.append(
                        _warn(
                            f"unknown skill level {level!r} (known: {known_levels}, {NOT_OBSERVED}); kept, "
                            "and read as not observed",
                            (*at, field),
                            "unknown-level",
                        )
                    )
        for key in check_in.expectations:
            if key not in keys:
                out.append(
                    _warn(
                        f"unknown expectation {key!r} (kept in the record)",
                        ("check_ins", i, "expectations", key),
                        "unknown-expectation",
                    )
                )
    return out
