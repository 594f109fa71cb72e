"""Expectations as Markdown: a role's expectations by area, and the expectation gap between two roles.

What a page or a printed plan shows of a framework written as expectations: every text as the framework
states it (escaped, so it never becomes markup; its own line breaks kept), grouped under its area, with its
level or marker, its examples and its links, and where it comes from.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from .expectation_index import expectation_index
from .expectations import ExpectationGap, RoleExpectation, effective_expectations, role_expectations
from .models import Framework, Role
from .textsafe import md_escape

__all__ = ["expectation_gap_markdown", "expectations_markdown", "markdown_url", "role_expectations_markdown"]

MAX_SOURCES = 6  #: distinct sources named under a list; more are counted


def _text(text: str, indent: str = "  ") -> str:
    """An expectation's text, escaped line by line, its line breaks kept inside a list item."""
    lines = [md_escape(line) for line in text.splitlines() if line.strip()]
    return f"  \n{indent}".join(lines)


def markdown_url(url: str) -> str:
    """A link target that cannot end the Markdown link early (the model admits only http and https)."""
    return quote(url, safe=":/?#@!$&'*+,;=%-._~")


def _item(expectation: RoleExpectation, framework: Framework | None = None) -> list[str]:
    e = expectation
    tags = [t for t in (e.level_name, e.marker_text) if t]
    if e.from_role and framework is not None and e.from_role in framework.roles_by_id:
        tags.append(f"from {framework.role(e.from_role).title}")
    tail = f" *({md_escape(' · '.join(tags))})*" if tags else ""
    out = [f"- {_text(e.text)}{tail}"]
    out += [f"  - Example: {_text(example, '    ')}" for example in e.examples]
    out += [f"  - [{md_escape(title or url)}]({markdown_url(url)})" for title, url in e.links]
    return out


def _sources(items: Sequence[RoleExpectation], most: int | None = MAX_SOURCES) -> str | None:
    sources = list(dict.fromkeys(e.source for e in items if e.source))
    if not sources:
        return None
    shown = "; ".join(md_escape(s) for s in sources[:most])
    more = len(sources) - most if most is not None else 0
    return f"*From: {shown}{f'; and {more} more' if more > 0 else ''}.*"


def _area_title(e: RoleExpectation, framework: Framework | None) -> str:
    """The area's name, after the area it sits in where it sits in one ("Leadership › Seeing the big picture")."""
    if framework is None or not e.area:
        return e.area_name
    areas = expectation_index(framework).areas
    area = areas.get(e.area)
    parent = areas.get(area.parent) if area is not None and area.parent else None
    return f"{parent.name} › {e.area_name}" if parent else e.area_name


def expectations_markdown(
    items: Sequence[RoleExpectation],
    *,
    framework: Framework | None = None,
    heading: str = "##",
    sources: bool | str = True,
) -> str:
    """Expectations grouped by area, each area where it first comes and its expectations in the order given: a
    heading per area (an h2 by default, under the
    page's h1; ``heading=""`` makes it a bold line instead), a list item per expectation, then where they come
    from — the first few, once at the end (``sources=True``), every one under its area (``sources="area"``), or
    not at all (False). Expectations without an area come under no heading."""
    lines: list[str] = []
    groups: dict[str, list[RoleExpectation]] = {}  # each area once, where it first comes
    for e in items:
        groups.setdefault(e.area, []).append(e)
    for area, group in groups.items():
        if area:
            name = md_escape(_area_title(group[0], framework))
            lines += ["", f"{heading} {name}" if heading else f"**{name}**", ""]
        elif lines:
            lines.append("")
        for e in group:
            lines += _item(e, framework)
        if sources == "area" and (source := _sources(group, most=None)):
            lines += ["", source]
    source = _sources(items) if sources is True else None
    if source:
        lines += ["", source]
    return "\n".join(lines).strip()


def role_expectations_markdown(framework: Framework, role: str | Role) -> str:
    """Everything a role expects (with what it takes in from the level below, where its levels build on one
    another), or "" when it expects nothing."""
    items = effective_expectations(framework, role)
    if not items:
        return ""
    own = len(role_expectations(framework, role))
    intro = f"**Expectations:** {len(items)}"
    if own != len(items):
        intro += f" ({own} stated for this level, {len(items) - own} from the levels below, which it builds on)"
    return intro + "\n\n" + expectations_markdown(items, framework=framework)


def expectation_gap_markdown(framework: Framework, gap: ExpectationGap, *, heading: str = "##") -> str:
    """The expectation gap: a summary line, then per area of the target (a heading each, an h2 by default)
    what is still to meet."""
    current, target = framework.role(gap.current), framework.role(gap.target)
    if not gap.total:
        return f"{md_escape(target.title)} states no expectations in this framework."
    essential, desirable = len(gap.marked("essential")), len(gap.marked("desirable"))
    markers = f" ({essential} essential, {desirable} desirable)" if essential or desirable else ""
    lines = [
        f"**To meet:** {len(gap.to_meet)} of the {gap.total} expectations of {md_escape(target.title)}{markers} · "
        f"**Already expected of {md_escape(current.title)}:** {len(gap.met)} · "
        f"**Readiness:** {gap.readiness:.0%}",
    ]
    for area in gap.areas:
        lines += ["", f"{heading} {md_escape(area.name)}", ""]
        if area.to_meet:
            for e in area.to_meet:
                lines += _item(e, framework)
        else:
            lines.append(f"Nothing new: {md_escape(current.title)} already expects all {len(area.met)}.")
        if area.to_meet and area.met:
            lines += ["", f"*Already expected of {md_escape(current.title)}: {len(area.met)} more.*"]
    source = _sources(gap.to_meet)
    if source:
        lines += ["", source]
    return "\n".join(lines)
