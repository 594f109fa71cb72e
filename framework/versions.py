"""Two versions of a framework compared, for leadership and HR: "what changed since last year?"

:func:`diff_frameworks` matches the roles of the two versions — by id first, then, among those left, by title
(case and spacing ignored), so a role whose id was changed is one role renamed, not one removed and one
added — and reports:

* roles **added** and **removed**;
* matched roles **regraded** (their grade changed), **renamed** (title or id changed), and whose **skills**
  (added, removed, level changed) or **expectations** (own criteria added or removed, compared by area and
  text) changed;
* how the **review's findings** changed: those new in the newer version and those resolved, matched by their
  check and roles (:attr:`framework.findings.Finding.key`);
* how the **routes between roles** changed: the moves of the career graph (promotions, lateral moves,
  reporting lines) added, removed, or changed in kind or effort, between the matched roles.

A reporting line that changed is a change of routes, not of the role. :func:`diff_markdown` and
:func:`diff_xlsx` write it as one document, as the Compare versions page and ``python -m framework diff`` give
it.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import pandas as pd

from .cells import xlsx_bytes
from .expectations import role_expectations
from .findings import Finding, findings
from .graph import move_reason
from .models import Framework, Role
from .textsafe import md_escape, md_table

__all__ = ["MoveChange", "RoleChange", "VersionDiff", "diff_frameworks", "diff_markdown", "diff_tables", "diff_xlsx"]


@dataclass(frozen=True)
class RoleChange:
    """A role in both versions, and what changed about it, each change in words."""

    old_id: str
    new_id: str
    title: str  # the newer title
    grade: tuple[str, str] | None = None  # (older, newer) grade labels when regraded
    renamed: tuple[str, str] | None = None  # (older, newer) title, or id when only the id changed
    skills: tuple[str, ...] = ()
    expectations: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.grade or self.renamed or self.skills or self.expectations)


@dataclass(frozen=True)
class MoveChange:
    """A move of the career graph that was added, removed or changed (``change``), in the newer version's ids
    (the older's for a removed role)."""

    change: str  # "added", "removed" or "changed"
    source: str
    target: str
    source_title: str
    target_title: str
    kind: str  # the move's kind now ("promotion", "lateral", "reports_to"), or before, when removed
    detail: str  # its reason, or what changed about it


@dataclass(frozen=True)
class VersionDiff:
    old_name: str
    new_name: str
    added: tuple[tuple[str, str], ...]  # (id, title) of roles only in the newer version
    removed: tuple[tuple[str, str], ...]  # (id, title) of roles only in the older
    changed: tuple[RoleChange, ...]  # matched roles with a change
    findings_new: tuple[Finding, ...]
    findings_resolved: tuple[Finding, ...]
    moves: tuple[MoveChange, ...]

    @property
    def regraded(self) -> tuple[RoleChange, ...]:
        return tuple(c for c in self.changed if c.grade)

    @property
    def renamed(self) -> tuple[RoleChange, ...]:
        return tuple(c for c in self.changed if c.renamed)

    @property
    def summary(self) -> list[tuple[str, int]]:
        return [
            ("Roles added", len(self.added)),
            ("Roles removed", len(self.removed)),
            ("Roles regraded", len(self.regraded)),
            ("Roles renamed", len(self.renamed)),
            ("Roles whose skills changed", sum(1 for c in self.changed if c.skills)),
            ("Roles whose expectations changed", sum(1 for c in self.changed if c.expectations)),
            ("Review findings new", len(self.findings_new)),
            ("Review findings resolved", len(self.findings_resolved)),
            ("Moves between roles added", sum(1 for m in self.moves if m.change == "added")),
            ("Moves between roles removed", sum(1 for m in self.moves if m.change == "removed")),
            ("Moves between roles changed", sum(1 for m in self.moves if m.change == "changed")),
        ]


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def match_roles(old: Framework, new: Framework) -> dict[str, str]:
    """Older role id → newer role id: the same id, else the same title (each role matched once)."""
    matched = {r.id: r.id for r in old.roles if r.id in new.roles_by_id}
    taken = set(matched.values())
    by_title: dict[str, list[str]] = {}
    for role in new.roles:
        if role.id not in taken:
            by_title.setdefault(_fold(role.title), []).append(role.id)
    for role in old.roles:
        if role.id in matched:
            continue
        candidates = by_title.get(_fold(role.title))
        if candidates:
            matched[role.id] = candidates.pop(0)
    return matched


def _skill_changes(old: Framework, new: Framework, a: Role, b: Role) -> tuple[str, ...]:
    def names(fw: Framework) -> dict[str, str]:
        return {lv.id: lv.name for lv in fw.skill_levels}

    def skill(fw: Framework, sid: str) -> str:
        found = fw.skills_by_id.get(sid)
        return found.name if found else sid

    before = {r.skill: r.level for r in a.skills}
    after = {r.skill: r.level for r in b.skills}
    out = []
    for sid, level in after.items():
        if sid not in before:
            out.append(f"{skill(new, sid)} added at {names(new).get(level, level)}")
        elif before[sid] != level:
            out.append(
                f"{skill(new, sid)}: {names(old).get(before[sid], before[sid])} → {names(new).get(level, level)}"
            )
    out += [f"{skill(old, sid)} no longer required" for sid in before if sid not in after]
    return tuple(out)


def _expectation_changes(old: Framework, new: Framework, a: Role, b: Role) -> tuple[str, ...]:
    def keyed(fw: Framework, role: Role) -> dict[tuple, str]:
        return {(e.area_name.casefold(), _fold(e.text)): e.text for e in role_expectations(fw, role)}

    before, after = keyed(old, a), keyed(new, b)
    out = [f"added: “{text}”" for key, text in after.items() if key not in before]
    out += [f"removed: “{text}”" for key, text in before.items() if key not in after]
    return tuple(out)


def _grade(fw: Framework, role: Role) -> str:
    return fw.grade_label(role.grade) if role.grade else "not stated"


def diff_frameworks(old: Framework, old_graph: nx.DiGraph, new: Framework, new_graph: nx.DiGraph) -> VersionDiff:
    """What changed from ``old`` to ``new`` (see the module docstring)."""
    matched = match_roles(old, new)
    back = {v: k for k, v in matched.items()}
    added = tuple((r.id, r.title) for r in new.roles if r.id not in back)
    removed = tuple((r.id, r.title) for r in old.roles if r.id not in matched)
    changed = []
    for a in old.roles:
        if a.id not in matched:
            continue
        b = new.role(matched[a.id])
        grade = (_grade(old, a), _grade(new, b))
        renamed = None
        if _fold(a.title) != _fold(b.title):
            renamed = (a.title, b.title)
        elif a.id != b.id:
            renamed = (a.id, b.id)
        change = RoleChange(
            a.id,
            b.id,
            b.title,
            grade=grade if grade[0] != grade[1] else None,
            renamed=renamed,
            skills=_skill_changes(old, new, a, b),
            expectations=_expectation_changes(old, new, a, b),
        )
        if change.changed:
            changed.append(change)

    def mapped(f: Finding) -> tuple:
        return (f.kind, tuple(matched.get(r, f"old:{r}") for r in f.roles))

    old_found, new_found = _per_role(old, findings(old, old_graph)), _per_role(new, findings(new, new_graph))
    before = {mapped(f) for f in old_found}
    after = {f.key for f in new_found}
    return VersionDiff(
        old_name=old.name,
        new_name=new.name,
        added=added,
        removed=removed,
        changed=tuple(changed),
        findings_new=tuple(f for f in new_found if f.key not in before),
        findings_resolved=tuple(f for f in old_found if mapped(f) not in after),
        moves=tuple(_move_changes(old, old_graph, new, new_graph, matched)),
    )


#: Findings that list roles which each have the finding on their own: compared role by role, so one role
#: leaving the group is one change, not the whole group resolved and a new one found.
_GROUPS = {
    "entry rung": "Entry rung",
    "top of ladder": "Top of ladder",
    "named only": "Named in another document",
    "grade not stated": "Grade not stated",
    "isolated roles": "Cut off from the structure",
}


def _per_role(framework: Framework, found: list[Finding]) -> list[Finding]:
    out = []
    for f in found:
        if f.kind in _GROUPS and len(f.roles) > 1:
            out += [
                Finding(f.severity, f.kind, f"{_GROUPS[f.kind]}: {framework.role(r).title}", f.why, f.action, (r,))
                for r in f.roles
            ]
        else:
            out.append(f)
    return out


def _move_changes(old, old_graph, new, new_graph, matched: dict[str, str]) -> list[MoveChange]:
    before = {
        (matched.get(u, f"old:{u}"), matched.get(v, f"old:{v}")): (u, v, d) for u, v, d in old_graph.edges(data=True)
    }
    out = []
    for u, v, d in new_graph.edges(data=True):
        was = before.get((u, v))
        ut, vt = new.role(u).title, new.role(v).title
        if was is None:
            out.append(MoveChange("added", u, v, ut, vt, d["kind"], move_reason(d)))
            continue
        old_data = was[2]
        details = []
        if old_data["kind"] != d["kind"]:
            details.append(f"{_kind(old_data['kind'])} → {_kind(d['kind'])}")
        if old_data["effort"] != d["effort"]:
            details.append(f"effort {_points(old_data['effort'])} → {_points(d['effort'])} points")
        if details:
            out.append(MoveChange("changed", u, v, ut, vt, d["kind"], "; ".join(details)))
    now = {(u, v) for u, v in new_graph.edges}
    for key, (u, v, d) in before.items():
        if key not in now:
            out.append(MoveChange("removed", *key, old.role(u).title, old.role(v).title, d["kind"], move_reason(d)))
    order = {"removed": 0, "added": 1, "changed": 2}
    out.sort(key=lambda m: (order[m.change], m.source_title, m.target_title))
    return [
        MoveChange(m.change, m.source.removeprefix("old:"), m.target.removeprefix("old:"), m.source_title,
                   m.target_title, m.kind, m.detail)
        for m in out
    ]  # fmt: skip


_KINDS = {"promotion": "Promotion", "lateral": "Lateral move", "reports_to": "Reports to"}


def _kind(kind: str) -> str:
    return _KINDS.get(kind, kind)


def _points(value: float) -> str:
    return f"{value:g}"


# --------------------------------------------------------------------------- documents


def diff_tables(diff: VersionDiff) -> list[tuple[str, pd.DataFrame]]:
    """The diff as tables with plain-word titles: a summary first; ids in columns of their own."""
    summary = pd.DataFrame(
        [("Older version", diff.old_name), ("Newer version", diff.new_name)]
        + [(name, count) for name, count in diff.summary],
        columns=["Item", "Value"],
    )
    roles = pd.DataFrame(
        [("Added", title, "", rid) for rid, title in diff.added]
        + [("Removed", title, "", rid) for rid, title in diff.removed]
        + [
            (
                "Changed",
                c.title,
                "; ".join(
                    ([f"regraded {c.grade[0]} → {c.grade[1]}"] if c.grade else [])
                    + ([f"renamed {c.renamed[0]} → {c.renamed[1]}"] if c.renamed else [])
                    + [f"skill {s}" for s in c.skills]
                    + [f"expectation {e}" for e in c.expectations]
                ),
                c.new_id if c.old_id == c.new_id else f"{c.old_id} → {c.new_id}",
            )
            for c in diff.changed
        ],
        columns=["Change", "Role", "What changed", "Role id"],
    )

    def finding_rows(found, change):
        return [(change, f.severity.capitalize(), f.title, f.why, f.action) for f in found]

    review = pd.DataFrame(
        finding_rows(diff.findings_new, "New") + finding_rows(diff.findings_resolved, "Resolved"),
        columns=["Change", "Severity", "Finding", "Why", "Recommended action"],
    )
    moves = pd.DataFrame(
        [
            (m.change.capitalize(), m.source_title, m.target_title, _kind(m.kind), m.detail, m.source, m.target)
            for m in diff.moves
        ],
        columns=["Change", "From", "To", "Move", "Reason or what changed", "From id", "To id"],
    )
    return [("Summary", summary), ("Roles", roles), ("Review findings", review), ("Routes between roles", moves)]


def _cell(value) -> str:
    return md_escape(str(value)) if value is not None else ""


def diff_markdown(diff: VersionDiff) -> str:
    """The diff as Markdown: numbers and words as a person writes them, every text escaped."""
    lines = [f"# What changed: {_cell(diff.old_name)} → {_cell(diff.new_name)}", ""]
    lines += [f"- **{name}:** {count:,}" for name, count in diff.summary] + [""]
    for title, table in diff_tables(diff)[1:]:
        lines += [f"## {title}", ""]
        shown = table.drop(columns=[c for c in table.columns if c.endswith(" id")])
        if shown.empty:
            lines += ["No change.", ""]
            continue
        lines += [*md_table(shown.columns, shown.itertuples(index=False), cell=_cell), ""]
    return "\n".join(lines)


def diff_xlsx(diff: VersionDiff) -> bytes:
    """The diff as a workbook: the summary sheet first (:func:`framework.cells.xlsx_bytes` styles it)."""
    return xlsx_bytes(
        (title, table if not table.empty else pd.DataFrame({"": ["No change."]})) for title, table in diff_tables(diff)
    )
