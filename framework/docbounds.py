"""What a document made for a person may cost, and the bounds that keep it small.

Reading a file is bounded by its bytes and nodes (:mod:`framework.yamlsafe`) and a framework's graph by
:mod:`framework.cost`. The documents made *from* what a person brings — a development plan as PDF, Markdown or
CSV; a record saved as YAML or JSON; a team's matrix as Excel or CSV — are bounded here, because their cost is
set by what the person brought, not by the framework: a record of 23 KB can, through YAML aliases, hold 200
agreed actions of 5,000 characters each, and a PDF laid out from that took minutes and gigabytes; a single word
of 5,000 characters made a table cell taller than a page, which reportlab cannot lay out at all.

A person's file is bounded as it is read: a development record may hold no more text once its YAML aliases are
expanded than its file may hold written out (:func:`expanded_chars`, checked by
:func:`framework.record.load_record`), so that saving it again, showing it or taking its actions into a plan
costs what a file of a megabyte costs — not the 28 MiB of YAML, and 18 s of CPU on every run of the record's
page, that 24 KB of aliases made.

And every document is made from **bounded inputs** (:func:`bound_plan`, :func:`printable`, and the
limits below, which the app's own fields already keep to):

* a plan holds at most :data:`PLAN_ACTIONS` agreed actions and :data:`PLAN_FOCUS` gaps in focus (the rest are
  listed for a later plan, as the page shows them);
* a person's words are held to what the app's fields take: a name :data:`NAME_CHARS`, an action and its
  support :data:`ACTION_CHARS`, an owner :data:`OWNER_CHARS` characters — a longer text (from a record file,
  or a ``--person`` on the command line) is cut at a word and ends in "…";
* in a PDF every text is at most :data:`PRINTED_CHARS` characters and no word is longer than
  :data:`WORD_CHARS` (a soft hyphen is put in, which prints as a hyphen only where the line breaks), so that no
  table cell can grow taller than a page, whatever the layout's column widths.

What was cut is said, in words a person understands (:attr:`Bounded.cuts`): the page shows it beside the
download buttons, and the command line prints it. With these bounds the plan's PDF is made in well under a
second and 150 MiB (``tests/test_docbounds.py`` makes the worst plan the bounds allow).

Nothing here imports Streamlit: the app, the command line and the tests share it.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Generic, TypeVar

from .learning import LearningResource

__all__ = [
    "ACTION_CHARS",
    "NAME_CHARS",
    "OWNER_CHARS",
    "PLAN_ACTIONS",
    "PLAN_FOCUS",
    "PRINTED_CHARS",
    "WORD_CHARS",
    "Bounded",
    "bound_plan",
    "break_long_words",
    "cut_text",
    "expanded_chars",
    "printable",
]

NAME_CHARS = 80  #: a person's or a line manager's name, as the app's name fields take it
ACTION_CHARS = 300  #: an agreed action, or the support it needs, as the app's actions table takes it
OWNER_CHARS = 80  #: an action's owner
PLAN_ACTIONS = 20  #: agreed actions in a plan's files; a 1:1 agrees a handful
PLAN_FOCUS = 10  #: gaps in a plan's focus; the rest are listed for a later plan
PRINTED_CHARS = 1_000  #: any one text printed in a PDF: a table cell of this many never outgrows a page
WORD_CHARS = 24  #: the longest run of characters a PDF prints without a place to break the line

ELLIPSIS = "…"
SOFT_HYPHEN = "\u00ad"
_LONG_WORD = re.compile(rf"[^\s{SOFT_HYPHEN}]{{{WORD_CHARS + 1},}}")

T = TypeVar("T")


@dataclass(frozen=True)
class Bounded(Generic[T]):
    """A document's input within its bounds, and what was cut to get there (sentences; empty if nothing)."""

    value: T
    cuts: tuple[str, ...] = ()


def cut_text(text: str, limit: int) -> str:
    """``text`` if it has at most ``limit`` characters; else its first ones, cut after a word where one ends in
    the last fifth, ending in "…" (the whole at most ``limit`` characters)."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space >= limit * 4 // 5:
        head = head[:space]
    return head.rstrip() + ELLIPSIS


def break_long_words(text: str, width: int = WORD_CHARS) -> str:
    """``text`` with a soft hyphen after every ``width`` characters of a word longer than that: a PDF then
    breaks the word there (printing a hyphen) and nowhere else shows it. Words that fit are untouched."""

    def soften(match: re.Match) -> str:
        word = match[0]
        return SOFT_HYPHEN.join(word[i : i + width] for i in range(0, len(word), width))

    return _LONG_WORD.sub(soften, text)


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def expanded_chars(data: object, most: int) -> int:
    """The characters of text (keys and values) in parsed YAML ``data``, every alias counted as written out,
    counted up to just past ``most``. A walk of more values than ``most`` (an alias of itself has no end) counts
    as past it too."""
    total, visits, todo = 0, 0, [data]
    while todo and total <= most:
        value = todo.pop()
        visits += 1
        if visits > most:
            return most + 1
        if isinstance(value, str):
            total += len(value)
        elif isinstance(value, dict):
            todo += value.keys()
            todo += value.values()
        elif isinstance(value, list | tuple):
            todo += value
    return total


def bound_plan(plan):
    """``plan`` (a :class:`~framework.plan.DevelopmentPlan`) with what people wrote in held to the app's own
    limits — names, agreed actions (their number and each one's texts) and the focus — as a :class:`Bounded`
    saying what was cut. A plan within the limits comes back as it is."""
    cuts: list[str] = []
    changes: dict[str, object] = {}
    for name, label in (("person", "The person's name"), ("manager", "The line manager's name")):
        value = getattr(plan, name)
        if value and len(value) > NAME_CHARS:
            changes[name] = cut_text(value, NAME_CHARS)
            cuts.append(f"{label} is cut at {NAME_CHARS} characters.")
    actions = plan.actions
    if len(actions) > PLAN_ACTIONS:
        cuts.append(
            f"The plan's files hold the first {PLAN_ACTIONS} of the {len(actions):,} agreed actions; "
            "agree fewer at a time, or keep the rest in the development record."
        )
        actions = actions[:PLAN_ACTIONS]
    bounded_actions = tuple(_bound_action(a) for a in actions)
    long_ones = sum(1 for a, b in zip(actions, bounded_actions, strict=True) if a != b)
    if long_ones:
        cuts.append(
            f"{_plural(long_ones, 'agreed action')} {'is' if long_ones == 1 else 'are'} longer than a plan holds "
            f"(an action or its support {ACTION_CHARS} characters, an owner {OWNER_CHARS}): the files show "
            f"{'it' if long_ones == 1 else 'them'} cut, ending in “{ELLIPSIS}”."
        )
    if bounded_actions != plan.actions:
        changes["actions"] = bounded_actions
    if len(plan.focus) > PLAN_FOCUS:
        changes["focus"] = plan.focus[:PLAN_FOCUS]
        changes["others"] = plan.focus[PLAN_FOCUS:] + plan.others
        cuts.append(
            f"A plan focuses on at most {PLAN_FOCUS} gaps: the first {PLAN_FOCUS} chosen are its focus, and the "
            f"other {len(plan.focus) - PLAN_FOCUS:,} are listed for a later plan."
        )
    return Bounded(dataclasses.replace(plan, **changes) if changes else plan, tuple(cuts))


def _bound_action(action):
    fields = {"action": ACTION_CHARS, "owner": OWNER_CHARS, "support": ACTION_CHARS}
    changes = {
        name: cut_text(getattr(action, name), limit)
        for name, limit in fields.items()
        if len(getattr(action, name) or "") > limit
    }
    return dataclasses.replace(action, **changes) if changes else action


def printable(plan):
    """``plan`` bounded (:func:`bound_plan`) and ready to print: every text in it at most
    :data:`PRINTED_CHARS` characters, its long words breakable (:func:`break_long_words`). Whatever the PDF's
    layout, no cell holds more than that, so none can be taller than a page."""
    return _printable(bound_plan(plan).value)


#: Fields read as written, never cut or broken: a web address (a link's target) and where a resource was
#: verified (read as a repository, a commit and a path). A catalogue's checks bound them.
_AS_WRITTEN = frozenset({"address", "source"})


def _printable(value):
    if isinstance(value, str):
        return break_long_words(cut_text(value, PRINTED_CHARS))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            if f.name in _AS_WRITTEN and isinstance(value, LearningResource):
                continue
            before = getattr(value, f.name)
            after = _printable(before)
            if after != before:
                changes[f.name] = after
        return dataclasses.replace(value, **changes) if changes else value
    if isinstance(value, tuple):
        items = tuple(_printable(v) for v in value)
        return items if items != value else value
    if _is_model(value):
        return _printable_model(value)
    return value


def _is_model(value) -> bool:
    return hasattr(value, "model_copy") and hasattr(type(value), "model_fields")


def _printable_model(value):
    """A pydantic model in a plan (a framework's resource) with its texts made printable."""
    changes = {}
    for name in type(value).model_fields:
        before = getattr(value, name)
        after = _printable(before) if isinstance(before, str | tuple) else before
        if after != before:
            changes[name] = after
    return value.model_copy(update=changes) if changes else value
