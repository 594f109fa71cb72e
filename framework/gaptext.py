"""A skill gap in words: the sentences, the table and the descriptors the Skill gap page and the plan show.

Where the current side stands on each skill comes from :func:`framework.skills.standing_text` — a level, "not
in <role>'s profile" (the profile is silent, which says nothing of the person), or a person's own "none". A
level the framework leaves undescribed is said to be so, once, with the nearest level it describes beside it.
Every string meant for Markdown is escaped here.
"""

from __future__ import annotations

import pandas as pd

from .models import Framework
from .skills import NOT_LISTED, GapRow, SkillGap, standing_text
from .textsafe import md_escape
from .wording import and_list, plural

__all__ = [
    "GAP_TABLE_COLUMNS",
    "NOT_DEFINED",
    "descriptor_lines",
    "descriptor_markdown",
    "gap_summary",
    "gap_table",
    "levels_label",
    "one_line",
    "readiness_text",
]

NOT_DEFINED = "not described in the framework"  #: a level with no descriptor anywhere for the skill
GAP_TABLE_COLUMNS = ["Skill", "Now", "Needed", "Gap", "Next level looks like", "Evidence count"]


def _level(framework: Framework, level_id: str | None) -> str:
    return {lv.id: lv.name for lv in framework.skill_levels}.get(level_id, level_id or "")


def levels_label(framework: Framework, gap: SkillGap, row: GapRow) -> str:
    """``"Working → Expert"``, or ``"not in Delivery Manager's profile → Expert"``: where the current side
    stands and the level needed."""
    return f"{standing_text(framework, gap, row)} → {_level(framework, row.required)}"


def readiness_text(gap: SkillGap) -> str:
    """``"meets 1 of 9 requirements (11%)"`` — and, where the current role's profile leaves some out, how many
    are not known — or why there is no figure."""
    if gap.readiness is None:
        return "no figure: the target role lists no skill requirements in the framework"
    met = sum(r.met for r in gap.rows)
    text = f"meets {met} of {plural(len(gap.rows), 'requirement')} ({gap.readiness:.0%})"
    if gap.unlisted:
        n = len(gap.unlisted)
        text += f"; {n} of them {'is' if n == 1 else 'are'} not in {gap.current_title}'s profile"
    return text


def gap_summary(framework: Framework, gap: SkillGap, *, current_label: str, target_label: str) -> str:
    """The gap in plain sentences: the text alternative to the chart."""
    total = len(gap.rows)
    if not total:
        return f"{target_label} has no skill requirements in the framework."
    met = sum(r.met for r in gap.rows)
    if not gap.gaps:
        return f"{current_label} meets all {plural(total, 'skill requirement')} of {target_label}."
    biggest = [r for r in gap.gaps if r.gap == gap.gaps[0].gap]
    named = [f"{r.name} ({levels_label(framework, gap, r)})" for r in biggest[:3]]
    if len(biggest) > 3:
        named.append(f"{len(biggest) - 3} more")
    listed = and_list(named)
    text = (
        f"{current_label} meets {met or 'none'} of the {plural(total, 'skill requirement')} of {target_label}. "
        f"To get there: {plural(len(gap.gaps), 'skill')} to develop, {plural(gap.levels_to_gain, 'level')} in "
        f"all; the biggest {'gaps are' if len(biggest) > 1 else 'gap is'} {listed}."
    )
    unlisted = [r for r in gap.rows if r.standing == NOT_LISTED]
    if unlisted:
        text += (
            f" {plural(len(unlisted), 'skill')} of the {total} {'is' if len(unlisted) == 1 else 'are'} not in "
            f"{gap.current_title}'s profile: the levels to gain count from none there, and the person may well "
            "hold some."
        )
    return text


def descriptor_lines(descriptor: str) -> list[tuple[bool, str]]:
    """A descriptor's lines as ``(is_bullet, text)``: "You can:" then its "- …" items."""
    parts = []
    for raw in descriptor.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line[:2] in ("- ", "* ", "• "):
            parts.append((True, line[2:].strip()))
        else:
            parts.append((False, line))
    return parts


def one_line(descriptor: str | None) -> str:
    """A descriptor on one line (for table cells): its bullets separated by " • "."""
    if descriptor is None:
        return NOT_DEFINED
    out = ""
    for is_bullet, text in descriptor_lines(descriptor):
        out += (" • " if is_bullet else (" " if out else "")) + text
    return out.strip()


def descriptor_markdown(descriptor: str | None) -> str:
    """A level descriptor as escaped Markdown: its lead-in as a paragraph, its "- …" items as a list."""
    if descriptor is None:
        return f"*{NOT_DEFINED}*"
    blocks: list[str] = []
    items: list[str] = []
    for is_bullet, text in descriptor_lines(descriptor):
        if is_bullet:
            items.append(f"- {md_escape(text)}")
            continue
        if items:
            blocks.append("\n".join(items))
            items = []
        blocks.append(md_escape(text))
    if items:
        blocks.append("\n".join(items))
    return "\n\n".join(blocks) or f"*{NOT_DEFINED}*"


def _next_level(framework: Framework, row: GapRow) -> str:
    if not row.to_reach:
        return "Already met"
    step = row.to_reach[0]
    if step.descriptor is not None:
        return f"{step.name}: {one_line(step.descriptor)}"
    if step.nearest is not None:
        name, text = step.nearest
        skill = framework.skills_by_id.get(row.skill)
        source = (skill.source if skill else None) or framework.name
        return (
            f"{step.name}: not described in {source}; the nearest level above the one held that it describes, "
            f"{name}: {one_line(text)}"
        )
    return f"{step.name}: {NOT_DEFINED}, nor any level above the one held"


def gap_table(framework: Framework, gap: SkillGap) -> pd.DataFrame:
    """The gap as a table, one row per requirement in the order of ``gap.rows`` (biggest gap first). A column with
    nothing to say is left out: "Evidence count" where no requirement links a line of a job description (every
    role of a framework imported without documents)."""
    rows = [
        {
            "Skill": row.name,
            "Now": standing_text(framework, gap, row),
            "Needed": _level(framework, row.required),
            "Gap": row.gap,
            "Next level looks like": _next_level(framework, row),
            "Evidence count": len(row.evidence),
        }
        for row in gap.rows
    ]
    table = pd.DataFrame(rows, columns=GAP_TABLE_COLUMNS).astype({"Gap": "int64", "Evidence count": "int64"})
    return table if table["Evidence count"].any() else table.drop(columns="Evidence count")
