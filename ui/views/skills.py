"""Skills: every skill (or area) of the framework, searchable and filterable by discipline; one skill (``?skill=``)
read level by level — what the level looks like, the roles that need it there, how to learn it — or one area
(``?area=``) read down each ladder. The page reads top to bottom: on a phone nothing sits side by side but the
search and its filter, which stack."""

from __future__ import annotations

import streamlit as st

from framework.expectations import framework_areas
from framework.gaptext import descriptor_markdown
from framework.learning import LearningResource, Library, resources_by_level, resources_for_area
from framework.sorting import sort_rows
from framework.views.skills import (
    AreaView,
    SkillsIndex,
    SkillView,
    area_view,
    filter_rows,
    skill_view,
    skills_index,
)
from ui import learning, paging, pick_table, render, state
from ui.resources import resource_markdown

LISTED_AT_ONCE = 200  #: skills (or areas) listed at a time: every skill of the DDaT framework (188) at once
#: A skill's roles at one level, and the expectations that mention it, shown at a time: a framework of thousands
#: of roles sends no more for a skill than one of a few hundred.
ROLE_LINKS_AT_ONCE, MENTIONS_AT_ONCE = 25, 50
SKILL, AREA = "skill", "area"  # the open skill or area: session keys and query parameters
SEARCH, DISCIPLINE = "skill-search", "skill-discipline"


def _skill_ids(framework, graph) -> list[str]:
    return [s.id for s in framework.skills]


def _area_ids(framework, graph) -> list[str]:
    return list(framework_areas(framework))


def main() -> None:
    loaded = state.framework()
    for kind in (SKILL, AREA):  # a skill or area opened from the list's table
        if (picked := pick_table.picked(_table_key(kind))) is not None:
            state.open_value(kind, picked)
    # The list, or one skill, or one area: three views of the page, each its own link.
    skill_id = state.opened(SKILL, loaded.view(_skill_ids), what="the skill")
    area_id = state.opened(AREA, loaded.view(_area_ids, on_disk=True), what="the area")
    if skill_id is not None:
        skill_page(loaded, skill_id)
    elif area_id is not None:
        area_page(loaded, area_id)
    else:
        index_page(loaded)


# --------------------------------------------------------------------------- every skill


def _filtered(index: SkillsIndex, kind: str, query: str, disciplines: tuple, sort: str | None, desc: bool):
    """The ids of the skills (or areas) the filters keep, and their table as the page shows it, sorted by the
    column ``sort`` (None: the framework's order)."""
    rows = filter_rows(index.skills if kind == SKILL else index.areas, query=query, disciplines=disciplines)
    table = index.skills_table(rows) if kind == SKILL else index.areas_table(rows)
    table["id"] = [r.id for r in rows]
    table = sort_rows(table, sort, descending=desc)
    return list(table["id"]), table.drop(columns=["id"]).reset_index(drop=True)


def _table_key(kind: str) -> str:
    return f"skills-table-{kind}"


def _names(framework, graph) -> dict[str, str]:
    return {s.id: s.name for s in framework.skills} | {a.id: a.name for a in framework_areas(framework).values()}


def index_page(loaded) -> None:
    """Every skill (and, for a framework written as expectations, every area); a row, or the picker under the
    table, opens one."""
    # Kept on disk too (about 0.2 s to make at 10,000 skills): the next start or worker reads them back.
    index = loaded.view(skills_index, on_disk=True)
    names = loaded.view(_names, on_disk=True)
    st.title("Skills")
    if index.skills:
        st.markdown(
            "Pick a skill to see what each level looks like, which roles need it at each level, and how to learn it."
        )
    if index.areas:
        st.markdown(
            "This framework is written as expectations, grouped by area: open an area to read what each level "
            "expects in it, down each ladder."
        )
    if not index.skills and not index.areas:
        st.markdown("This framework names no skills and no areas.")
        return
    search, discipline = st.columns([3, 2])
    with search:
        query = state.bound_text("Search", key=SEARCH, placeholder="e.g. research, security, planning")
    with discipline:
        disciplines = state.bound_multiselect("Discipline", index.disciplines, key=DISCIPLINE, what="the discipline")
    for kind, rows, what in ((SKILL, index.skills, "skill"), (AREA, index.areas, "area")):
        if not rows:
            continue
        columns = (index.skills_table(()) if kind == SKILL else index.areas_table(())).columns
        sorting = pick_table.sorting(_table_key(kind), list(columns))
        ids, table = loaded.view_from(
            (skills_index,), _filtered, kind, query, tuple(disciplines), sorting.column, sorting.descending
        )
        if index.skills and index.areas:
            st.header("Skills" if kind == SKILL else "Areas")
        st.caption(
            f"{len(ids)} of {len(rows)} {what}s. Open one by its name, or choose it below; a column's heading sorts "
            "the list."
        )
        # Two hundred at a time: a framework of thousands of skills sends no more than one of two hundred.
        shown = paging.page(
            range(len(ids)),
            key=f"{_table_key(kind)}-page",
            per_page=LISTED_AT_ONCE,
            what=f"{what}s",
            where="search or filter above to narrow them.",
            list_of=(loaded.framework.id, query, tuple(disciplines), sorting),
        )
        pick_table.pick_table(
            table.iloc[shown.start : shown.stop],
            ids[shown.start : shown.stop],
            key=_table_key(kind),
            label=f"{what.capitalize()}s",
            param=kind,
            link_params=state.link_params(loaded),
            sorting=sorting,
        )
        state.bound_select(
            f"Open the {what}",
            [r.id for r in rows],
            key=kind,
            what=f"the {what}",
            index=None,
            format_func=lambda i: names.get(i, i),
            placeholder="Choose an area" if kind == AREA else "Choose a skill",
        )
    _catalogues_note(learning.library(loaded))


def _catalogues_note(library: Library) -> None:
    """Where the learning resources come from, with each catalogue's attribution."""
    if not library.catalogues:
        st.markdown(
            "**Learning resources:** no learning catalogue serves this framework: add your organisation's in the "
            "sidebar."
        )
        return
    lines = []
    for catalogue in library.catalogues:
        whose = "your organisation's" if catalogue.id in library.organisation else "shipped with the app"
        count = len(catalogue.resources)
        lines.append(f"{render.md(catalogue.name)} ({whose}, {count} resource{'s' * (count != 1)}).")
        if catalogue.attribution:
            lines.append(render.md(catalogue.attribution))
    # Markdown, not a caption: the licence's address is a link, and a caption's links are too faint to read.
    st.markdown("**Learning resources:** " + " ".join(lines))


# --------------------------------------------------------------------------- one skill


#: Resources listed in full under a level; the rest are one click away, so the next level is not pushed far down.
SHOWN = 5


def _resources(resources: tuple[LearningResource, ...], *, none: str, key: str) -> None:
    if not resources:
        st.markdown(none)
        return
    st.markdown("\n".join(resource_markdown(r) for r in resources[:SHOWN]))
    if len(resources) > SHOWN:
        with st.expander(f"{len(resources) - SHOWN} more", key=key):
            st.markdown("\n".join(resource_markdown(r) for r in resources[SHOWN:]))


def _about(view: SkillView) -> str:
    lines = []
    if view.roles:
        lines.append(
            f"**Needed by** {view.roles} role{'s' * (view.roles != 1)} · **Disciplines:** "
            + render.md(", ".join(view.disciplines))
        )
    else:
        lines.append("No role in this framework needs this skill at a stated level.")
    if view.category:
        lines.append(f"**Category:** {render.md(view.category)}")
    if view.source:
        lines.append(f"**Source:** {render.md(view.source)}")
    if view.description:
        lines.append(render.md(view.description))
    return "\n\n".join(lines)


def skill_page(loaded, skill_id: str) -> None:
    """One skill: each level with its descriptor, the roles that need it there (each a link to its profile) and
    the ways to learn it there; then resources for every level and the expectations that mention it."""
    fw = loaded.framework
    view = loaded.view(skill_view, skill_id)
    library = learning.library(loaded)
    per_level, every = resources_by_level(library, fw, skill_id)
    st.button("All skills", icon=":material/arrow_back:", on_click=state.close_value, args=(SKILL,))
    st.title(render.md(view.name))
    st.markdown(_about(view))
    for level in view.levels:
        st.header(render.md(level.name), anchor=f"level-{level.level}")
        st.markdown(descriptor_markdown(level.descriptor))
        count = len(level.roles)
        if count:
            st.markdown(f"**Roles that need it at this level** ({count})")
            shown = paging.page(
                level.roles,
                key=f"skill-roles-{level.level}",
                per_page=ROLE_LINKS_AT_ONCE,
                what="roles",
                list_of=(fw.id, skill_id),
            )
            for role in shown:
                render.role_link(loaded, role.role, label=role.label)
        else:
            st.markdown("No role needs it at this level.")
        st.markdown("**Ways to learn at this level**")
        _resources(
            per_level[level.level],
            none="No resource in the catalogues in use names this level.",
            key=f"more-{level.level}",
        )
    if every:
        st.header("Ways to learn it, at any level")
        _resources(every, none="", key="more-every")
    if view.mentions:
        st.header("Expectations that mention it")
        st.caption(
            "Expectations of roles (their person specifications, or the framework's own) that name the skill or "
            "one of its keywords: " + ", ".join(f"“{render.md(t)}”" for t in view.terms) + "."
        )
        mentions = paging.page(
            view.mentions,
            key="skill-mentions",
            per_page=MENTIONS_AT_ONCE,
            what="expectations",
            list_of=(fw.id, skill_id),
        )
        st.markdown(
            "\n".join(
                f"- **{render.md(m.label)}**, {render.md(m.area)}: “{render.md(m.text)}” (mentions "
                f"“{render.md(m.matched)}”)"
                for m in mentions
            )
        )
    _catalogues_note(library)


# --------------------------------------------------------------------------- one area


def _area_about(view: AreaView) -> str:
    lines = [
        f"**{render.md(view.kind.capitalize()) if view.kind else 'Area'}** · {view.expectations} expectation"
        f"{'s' * (view.expectations != 1)} in {len(view.ladders)} ladder{'s' * (len(view.ladders) != 1)}"
    ]
    if view.source:
        lines.append(f"**Source:** {render.md(view.source)}")
    if view.description:
        lines.append(render.md(view.description))
    if view.levels:
        lines.append(
            "\n".join(
                f"- **{render.md(name)}**" + (f": {render.md(text)}" if text else "") for _, name, text in view.levels
            )
        )
    return "\n\n".join(lines)


def _rung_markdown(rung) -> str:
    items = []
    for text, level, examples in rung.expectations:
        tag = f" *({render.md(level)})*" if level else ""
        items.append(f"- {render.md(text)}{tag}")
        items += [f"    - *Example:* {render.md(example)}" for example in examples]
    builds = (
        "  \n*Builds on the level below: it also expects what that level expects here.*" if rung.builds_on_below else ""
    )
    return f"**{render.md(rung.label)}**{builds}\n\n" + "\n".join(items)


def area_page(loaded, area_id: str) -> None:
    """One area of a framework written as expectations: what each rung of each ladder expects in it, lowest rung
    first, each role a link to its profile; and the ways to learn in it."""
    view = loaded.view(area_view, area_id)
    st.button("All areas", icon=":material/arrow_back:", on_click=state.close_value, args=(AREA,))
    st.title(render.md(view.name))
    st.markdown(_area_about(view))
    for ladder in view.ladders:
        st.header(render.md(ladder.name))
        for rung in ladder.rungs:
            st.markdown(_rung_markdown(rung))
            render.role_link(loaded, rung.role, label=f"Open the profile of {rung.label}")
    library = learning.library(loaded)
    st.header("Ways to learn in this area")
    _resources(
        resources_for_area(library, loaded.framework, area_id),
        none="No resource in the catalogues in use serves this area: add your organisation's in the sidebar.",
        key="more-area",
    )
    _catalogues_note(library)
