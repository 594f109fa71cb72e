"""Progress over a development record's check-ins: how each skill's level moved, what changed since the last
check-in, where the person and their manager see a skill differently, and the actions done and overdue.

Each check-in's level of a skill is the one the gap uses (:func:`~framework.record.record_levels`: agreed,
else the manager's, else the person's own), so the history says which voice each point came from. A change
since the last check-in is measured in one voice only — the voice of the level now, against the same voice
last time — because a manager's first rating below the person's own is a second view, not a step down.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from .dates import uk_date
from .models import Framework
from .record import (
    ACTION_STATUSES,
    AGREED,
    MANAGER,
    NOT_OBSERVED,
    SELF,
    SOURCES,
    AgreedAction,
    CheckIn,
    DevelopmentRecord,
    record_levels,
)
from .wording import plural

__all__ = [
    "VOICE_NAMES",
    "Difference",
    "LevelChange",
    "Progress",
    "action_status",
    "check_in_label",
    "differences",
    "progress",
]

NONE = "none"


@dataclass(frozen=True)
class Difference:
    """A skill the person and their manager rate a level or more apart."""

    skill: str
    name: str
    own: str  # level names
    manager: str
    levels: int  # the manager's rank minus the person's: negative where the manager sees less


#: Whose level it is, as a sentence names it.
VOICES = {AGREED: "the agreed level", MANAGER: "the line manager's level", SELF: "the person's own level"}
#: Each voice as a chart's key and a table's row name it, in the order a conversation gives them.
VOICE_NAMES = {SELF: "Own", MANAGER: "Line manager", AGREED: "Agreed"}


@dataclass(frozen=True)
class LevelChange:
    """A skill whose level reads differently since the last check-in."""

    skill: str
    name: str
    before: str  # "Working (own)", or "none"
    after: str
    moved: int  # levels up (negative: down), in one voice; 0 where the two cannot be compared
    not_compared: str | None = None  # why the two are not a move up or down, in words

    @property
    def said(self) -> str:
        """The change in one line: "Planning: Working (agreed) → Practitioner (agreed) (up 1)"."""
        moved = f" (up {self.moved})" if self.moved > 0 else f" (down {-self.moved})" if self.moved < 0 else ""
        why = f" — {self.not_compared}" if self.not_compared else ""
        return f"{self.name}: {self.before} → {self.after}{moved}{why}"


@dataclass(frozen=True)
class Progress:
    labels: tuple[str, ...]  # one per check-in, oldest first
    #: skill name → voice → its rank at each check-in (None where that voice gives no level): what the charts
    #: draw, one small chart per skill with a line per voice; a voice that never rates the skill is left out
    series: dict[str, dict[str, tuple[int | None, ...]]]
    #: the charts' table alternative: a row per skill and voice, a column per check-in, level names ("—": none)
    table: pd.DataFrame
    changes: tuple[LevelChange, ...]  # since the check-in before the latest
    done: tuple[AgreedAction, ...]
    overdue: tuple[AgreedAction, ...]
    open: tuple[AgreedAction, ...]  # not done and not overdue
    summary: str


def check_in_label(check_in: CheckIn, number: int) -> str:
    """How a check-in is named: its number and date ("2 · 1 Mar 2026")."""
    return f"{number} · {uk_date(check_in.date)}"


def _names(framework: Framework) -> dict[str, str]:
    return {lv.id: lv.name for lv in framework.skill_levels}


def _said(names: dict[str, str], level: str | None) -> str:
    """A level as the progress table shows it: its name, "not observed yet", "—" for none, or an id the framework
    does not know as it is."""
    if level == NOT_OBSERVED:
        return "not observed yet"
    return names.get(level, level) if level else "—"  # a level the framework does not know, as the record has it


def differences(check_in: CheckIn, framework: Framework) -> tuple[Difference, ...]:
    """The skills of ``check_in`` where the person's own level and the manager's differ by a level or more,
    the widest apart first. Levels not observed, or unknown to the framework, are not compared."""
    rank, names, skills = framework.level_rank, _names(framework), framework.skills_by_id
    out = []
    for skill, rating in check_in.skills.items():
        own, manager = rating.self_level, rating.manager
        if own in rank and manager in rank and own != manager:
            name = skills[skill].name if skill in skills else skill
            out.append(Difference(skill, name, names[own], names[manager], rank[manager] - rank[own]))
    return tuple(sorted(out, key=lambda d: (-abs(d.levels), d.name)))


def progress(record: DevelopmentRecord, framework: Framework, *, today: dt.date) -> Progress:
    """How the record's levels moved over its check-ins, and where its actions stand on ``today``."""
    names = _names(framework)
    labels = tuple(check_in_label(c, i) for i, c in enumerate(record.check_ins, 1))
    per_check_in = [record_levels(record, framework, at=i) for i in range(len(record.check_ins))]
    rank = framework.level_rank
    series: dict[str, dict[str, tuple[int | None, ...]]] = {}
    rows = []
    for skill in framework.skills:
        ratings = [c.skills.get(skill.id) for c in record.check_ins]
        voices = {}
        for voice, voice_name in VOICE_NAMES.items():
            levels = [r.level(voice) if r is not None else None for r in ratings]
            if any(levels):  # "not observed yet" is said in the table, though the chart has no point for it
                rows.append([skill.name, voice_name, *(_said(names, level) for level in levels)])
            if any(level in rank for level in levels):
                voices[voice] = tuple(rank.get(level) for level in levels)
        if voices:
            series[skill.name] = voices
    table = pd.DataFrame(rows, columns=["Skill", "Voice", *labels])
    order = [s.id for s in framework.skills if any(s.id in levels for levels, _ in per_check_in)]
    changes = []
    if len(per_check_in) > 1:
        last, latest = record.check_ins[-2], record.check_ins[-1]
        for skill in order:
            change = _change(framework, skill, last, latest, per_check_in[-2], per_check_in[-1])
            if change is not None:
                changes.append(change)
    actions = record.latest.actions
    done = tuple(a for a in actions if a.status == "done")
    overdue = tuple(a for a in actions if a.status != "done" and a.by is not None and a.by < today)
    still = tuple(a for a in actions if a not in done and a not in overdue)
    up, down = sum(c.moved > 0 for c in changes), sum(c.moved < 0 for c in changes)
    other = sum(c.not_compared is not None for c in changes)
    if len(labels) < 2:
        summary = "One check-in so far: progress shows from the second."
    else:
        summary = (
            f"{len(labels)} check-ins, from {uk_date(record.check_ins[0].date)} to "
            f"{uk_date(record.latest.date)}. Since the last check-in, each in the same voice: "
            f"{plural(up, 'skill')} up, {down} down"
            + (f"; {other} rated in a new voice or for the first time, not compared" if other else "")
            + "."
        )
    summary += f" Actions: {len(done)} done, {len(overdue)} overdue, {len(still)} open."
    return Progress(labels, series, table, tuple(changes), done, overdue, still, summary)


def _change(
    framework: Framework,
    skill: str,
    last: CheckIn,
    latest: CheckIn,
    before: tuple[dict[str, str], dict[str, str]],
    after: tuple[dict[str, str], dict[str, str]],
) -> LevelChange | None:
    """How ``skill`` reads now against the last check-in: measured in the voice of its level now, or, where the
    last check-in has no level in that voice, said to be a new view rather than a move."""
    names, rank = _names(framework), framework.level_rank
    name = framework.skills_by_id[skill].name
    (levels_before, voices_before), (levels_after, voices_after) = before, after
    if skill not in levels_after:
        if skill not in levels_before:
            return None
        was = f"{names[levels_before[skill]]} ({SOURCES[voices_before[skill]]})"
        return LevelChange(skill, name, was, NONE, 0, "not rated at this check-in")
    voice = voices_after[skill]
    now = levels_after[skill]
    shown_now = f"{names[now]} ({SOURCES[voice]})"
    rating = last.skills.get(skill)
    was = rating.level(voice) if rating is not None else None
    if was in rank:
        if was == now:
            return None
        return LevelChange(skill, name, f"{names[was]} ({SOURCES[voice]})", shown_now, rank[now] - rank[was])
    if skill not in levels_before:
        return LevelChange(skill, name, NONE, shown_now, 0, "rated for the first time")
    shown_was = f"{names[levels_before[skill]]} ({SOURCES[voices_before[skill]]})"
    return LevelChange(
        skill,
        name,
        shown_was,
        shown_now,
        0,
        f"{VOICES[voice]} is new: last time there was only {VOICES[voices_before[skill]]}, so this is another "
        "view, not a move",
    )


def action_status(action: AgreedAction) -> str:
    return ACTION_STATUSES[action.status]
