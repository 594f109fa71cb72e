"""Skill gap and development plan: what it takes to move from one role to another, and a plan for the 1:1.

For staff ("what do I need to get there?") and line managers ("what should the next development conversation
cover?"). The comparison starts from a role, or from a self-assessment saved and loaded again as a small file.
The view is a link: ``?current=…&target=…`` (with ``&compare=self`` and ``&tab=…``).

Each run computes the comparison once (:func:`framework.views.gap.gap_page`: the gap, what changes, the focus
candidates, the route check) — kept and shared for two roles, made for this run only from a person's own
assessment. What a person writes — the assessment, names, dates, agreed actions — lives in their session as
typed models (:mod:`ui.session`) and in the files they download, never in a cache, never in a link. Everything
below the page's heading is a fragment, so choosing other roles reruns it alone; the plan's tab is a fragment of
its own inside it: an edit there reruns the plan. Its resources come from the learning catalogues
this session uses (an organisation's added in the sidebar among them), given to the comparison for this run
(:func:`framework.plan.with_learning`); any of them becomes an agreed action in one click.
"""

from __future__ import annotations

import datetime
import zlib

import pandas as pd
import streamlit as st

from framework.dates import INPUT_FORMAT, is_past, uk_date
from framework.docbounds import bound_plan
from framework.expectation_text import expectations_markdown
from framework.expectations import effective_expectations, has_expectations
from framework.plan import (
    ACTION_STATUSES,
    Action,
    FocusItem,
    PlanBasis,
    RouteCheck,
    plan_from,
    resource_action,
    route_check,
    with_learning,
)
from framework.planfiles import (
    focus_markdown,
    plan_csv,
    plan_file_stem,
    plan_markdown,
    resources_heading,
)
from framework.record import ACTION_STATUSES as RECORD_ACTION_STATUSES
from framework.record import SOURCES, load_record, record_profile
from framework.skills import dump_profile, load_profile, standing_text
from framework.views.gap import SELF_LABEL, GapPage, GapView, gap_page, level_choices, skills_to_assess
from ui import downloads, learning, render, run_gate, state
from ui.radar_svg import radar_svg
from ui.render import md
from ui.resources import offer_resources
from ui.session import assessment as assessments
from ui.session import plan as plan_inputs
from ui.session import record as record_state
from ui.session.assessment import FROM_RECORD, Assessment
from ui.session.plan import PlanInputs
from ui.skill_links import skill_link
from ui.svg_picture import svg_picture
from ui.uploads import Used, file_upload

ROLE, SELF = "role", "self"
MODES = {ROLE: "A role", SELF: "My self-assessment"}
NONE = "none"
EDITOR = "gap_editor_"  # the levels table's key: a new one for each load, start again or list of skills
FOCUS = "plan-focus"
PLAN_CLOSED = "plan-closed"  # set while the plan's tab is closed: the run that opens it sets its fields again
JUST_ADDED = "plan-action-added"  # the number of the action a resource just became, to say so once
PERSON, MANAGER, NEXT = "plan-person", "plan-manager", "plan-next-check-in"
#: ``?levels=record``: the development record page's link — take the levels (and open actions) of the record this
#: session holds. The link says only that; the record itself never leaves the session.
FROM_RECORD_LINK = "levels"
GAP_TAB = "gap-tab"  # the tabs' key: the open tab
CHANGES, BY_SKILL, GLANCE, PLAN = "What changes", "Skill by skill", "At a glance", "Development plan"


def tabs_for(framework) -> list[str]:
    """The page's tabs: a framework without skills (written as expectations only) has no skill table or chart."""
    return [CHANGES, BY_SKILL, GLANCE, PLAN] if framework.skills and framework.skill_levels else [CHANGES, PLAN]


def main() -> None:
    loaded = state.framework()
    fw = loaded.framework

    st.title("Skill gap and development plan")
    st.markdown(
        "What it takes to move from one role to another: what changes at the target role, the skills it needs "
        "and the level needed in each, and how far the current role — or your own assessment of your skills — "
        "is from it. Line managers can choose a focus, agree actions and dates, and print the plan for the 1:1."
    )
    with_skills = bool(fw.skills and fw.skill_levels)
    if not with_skills and not has_expectations(fw):
        st.info(
            f"{md(fw.name)} defines neither skills nor expectations for its roles, so there is no gap to show. "
            "Choose another framework in the sidebar.",
            icon=":material/info:",
        )
        st.stop()
    chosen_gap(loaded, with_skills)


@run_gate.fragment
def chosen_gap(loaded, with_skills: bool) -> None:
    """The roles (or the self-assessment) chosen, and the gap between them. A fragment: choosing another role
    reruns this alone, not the page and its sidebar (the plan, inside it, is a fragment of its own)."""
    mode = ROLE
    if with_skills:
        mode = state.bound_select(
            "Compare from",
            list(MODES),
            key="compare",
            what="the comparison",
            widget=st.radio,
            format_func=MODES.get,
            horizontal=True,
            help="A role's required skill levels, or your own assessment of the levels you hold.",
        )
    with st.container(horizontal=True):
        current = state.role_select(
            loaded,
            "Current role",
            key="current",
            default=state.my_role_id(loaded),
            help="The role held now. For a self-assessment, the levels start from this role's.",
        )
        target = state.role_select(loaded, "Target role", key="target", help="The role to aim for.")

    mine = self_assessment(loaded, current, target) if mode == SELF else None
    _check_choices(loaded, mode, current, target)
    show_gap(loaded, comparison(loaded, mine, current, target), mine=mine, current=current, target=target)


# --------------------------------------------------------------------------- the comparison, made once


def _shared(framework, graph, current: str, target: str) -> tuple[GapPage, dict]:
    """A comparison of two roles and a slot for its chart (made only if the chart is opened)."""
    return gap_page(framework, graph, current, target), {}


def _route(framework, graph, based_on: str | None, target: str) -> RouteCheck:
    return route_check(framework, graph, based_on, target)


def comparison(loaded, mine: Assessment | None, current: str | None, target: str) -> GapPage:
    """The comparison this run shows, computed once: for two roles, kept and shared; from a person's own
    assessment, made for them (the route check, which depends only on roles, is still shared)."""
    fw = loaded.framework
    if mine is None:
        page, _ = loaded.view(_shared, current, target)
        return page
    profile = mine.profile(fw, SELF_LABEL)
    route = loaded.view(_route, profile.based_on, target)
    return gap_page(fw, loaded.graph, profile, target, route=route, levels_from=_record_levels(mine))


def _radar(loaded, page: GapPage, mine: Assessment | None, current: str | None, target: str) -> str | None:
    """The chart of the gap: shared for two roles (made once, the first time it is opened), this person's own
    otherwise."""
    view = page.view
    labels = {"current_label": view.current_label, "target_label": view.target_label, "summary": view.summary}
    if mine is not None:
        return radar_svg(loaded.framework, view.gap, **labels)
    _, charts = loaded.view(_shared, current, target)
    if "radar" not in charts:
        charts["radar"] = radar_svg(loaded.framework, view.gap, **labels)
    return charts["radar"]


# --------------------------------------------------------------------------- the self-assessment


def _load_upload(fw) -> None:
    """Apply a newly uploaded profile (or development record); a file with problems lists them and leaves the
    assessment as it was."""

    def use(name: str, data: bytes) -> Used:
        if b"record_version" in data:
            record, warnings = load_record(data, name=name, framework=fw)
            _take_record(fw, record, name)
            return Used(
                f"Loaded the development record {md(name)}: the levels of its latest check-in "
                f"({uk_date(record.latest.date)}).",
                tuple(str(w) for w in warnings),
            )
        profile = load_profile(data, name=name, framework=fw)
        assessments.keep(Assessment.loaded(profile, name), new_editor_needed=True)
        return Used(
            f"Loaded {md(name)}: levels for {len(profile.skills)} skills. It replaces the assessment shown before."
        )

    file_upload(
        "Load a saved self-assessment",
        key="gap_upload",
        use=use,
        kept="your assessment is unchanged",
        help="A file saved from this page (YAML or JSON), or a development record.",
    )


def _take_record(fw, record, source: str = FROM_RECORD) -> None:
    """A development record's latest check-in becomes the assessment; its name, its open actions and its next
    check-in fill in the plan where the plan has none of its own yet (what a person typed is never replaced)."""
    profile, voices = record_profile(record, fw)
    latest = record.latest
    assessments.keep(Assessment.from_record(profile, voices, latest.date, source), new_editor_needed=True)
    inputs = plan_inputs.current()
    if record.person and not inputs.person.strip():
        inputs, _ = inputs.with_name("person", record.person)
        st.session_state.pop(PERSON, None)  # the field shows the plan's name afresh
    if latest.next_check_in is not None and inputs.next_check_in is None:
        inputs = inputs.with_next_check_in(latest.next_check_in)
        st.session_state.pop(NEXT, None)
    open_actions = [
        Action(a.action, a.by, a.owner or "", a.support or "", RECORD_ACTION_STATUSES[a.status])
        for a in latest.actions
        if a.status != "done"
    ]
    plan_inputs.keep(inputs.with_actions(open_actions))


def _use_record(fw) -> None:
    """The levels of the record this session holds (its link, or its button)."""
    record = record_state.get(fw)
    if record is not None:
        _take_record(fw, record)


def _record_offer(fw) -> None:
    """When this session holds a development record, offer its levels for the gap."""
    record = record_state.get(fw)
    if record is None:
        return
    held = assessments.held()
    if held is not None and held.source == FROM_RECORD:
        return
    _, voices = record_profile(record, fw)
    st.button(
        f"Use the levels of my development record ({len(voices)} skills, check-in of {uk_date(record.latest.date)})",
        on_click=_use_record,
        args=(fw,),
        icon=":material/history_edu:",
        help="The agreed level where there is one, else your line manager's, else your own.",
    )


def _record_levels(mine: Assessment) -> str | None:
    """Where the levels of an assessment taken from a development record come from, in words (None for any
    other assessment): the record, the date of its check-in, which voice, and levels changed here since."""
    if mine.as_of is None:
        return None
    whose = "your development record" if mine.source == FROM_RECORD else mine.source
    said = (
        f"the latest check-in of {whose} ({uk_date(mine.as_of)}): the agreed level where there is one, else your "
        "line manager's, else your own"
    )
    if set(mine.voices or {}) != set(mine.levels):
        said += "; the levels changed on this page are yours"
    return said


def _voices_caption(mine: Assessment) -> str:
    counts: dict[str, int] = {}
    for voice in mine.voices.values():
        counts[voice] = counts.get(voice, 0) + 1
    said = ", ".join(f"{n} {SOURCES.get(s, s)}" for s, n in counts.items())
    when = f" ({uk_date(mine.as_of)})" if mine.as_of else ""
    return (
        f"Levels from the development record's latest check-in{when}: the agreed level where there is one, else "
        f"the line manager's, else your own ({md(said)}). The “From” column says which for each skill."
    )


def _voice(mine: Assessment, skill: str) -> str:
    voice = (mine.voices or {}).get(skill)
    if voice is not None:
        return SOURCES.get(voice, voice)
    return "changed here" if skill in mine.levels else ""


def _levels_editor(fw, mine: Assessment, skill_ids: tuple[str, ...], needed: dict[str, str]) -> Assessment:
    """The levels table: its input stays as it was when the editor was made (a load, a start again or another
    list of skills makes a new editor), and the edits are read from the editor's own state — never fed back as
    its input, which would apply them twice or to the wrong rows."""
    choices = level_choices(fw)
    by_label = {label: level for level, label in choices.items()}
    key = f"{EDITOR}{assessments.editor_version()}-{zlib.crc32(' '.join(skill_ids).encode()):08x}"
    for older in [k for k in st.session_state if str(k).startswith(EDITOR) and k != f"{key}-input"]:
        if str(older).endswith("-input"):
            del st.session_state[older]  # the input of a table no longer drawn
    base = st.session_state.setdefault(f"{key}-input", (dict(mine.levels), dict(mine.voices or {})))
    levels, voices = base
    before = Assessment(mine.framework, mine.based_on, levels, voices=voices or None)
    table = pd.DataFrame(
        {
            "Skill": [fw.skills_by_id[s].name for s in skill_ids],
            "Needed for the target role": [choices.get(needed.get(s), NONE) for s in skill_ids],
            "My level": [choices.get(levels.get(s), NONE) for s in skill_ids],
        }
        | ({"From": [_voice(before, s) for s in skill_ids]} if voices else {}),
        index=pd.Index(skill_ids, name="skill"),
    )
    edited = st.data_editor(
        table,
        key=key,
        hide_index=True,
        disabled=["Skill", "Needed for the target role", "From"],
        column_config={
            "My level": st.column_config.SelectboxColumn(
                "My level", options=[NONE, *choices.values()], required=True, help="The level you hold now."
            )
        },
    )
    changes = {s: by_label.get(v) for s, v in edited["My level"].items()}
    return mine.with_levels(changes, listed=skill_ids) if changes != {s: levels.get(s) for s in skill_ids} else mine


def self_assessment(loaded, role_id: str | None, target_id: str | None) -> Assessment:
    """The self-assessment editor, load and save; returns the assessment."""
    fw = loaded.framework
    st.subheader("My self-assessment")
    st.markdown(
        "Set the level you hold in each skill. The list shows the skills the target role needs and those of "
        "the current role; the levels start from the current role's."
    )
    if st.query_params.get(FROM_RECORD_LINK) == "record":  # the record page's link: use this session's record
        del st.query_params[FROM_RECORD_LINK]
        _use_record(fw)
    if assessments.held() is None and "compare" in st.query_params:
        st.info(
            "A link never carries anyone's assessment: if this link came from someone else, what follows starts "
            "from the current role's levels, not from theirs. Load a saved assessment to use your own.",
            icon=":material/lock:",
        )
    editor_area = st.container()
    with st.container():
        load_col, save_col = st.columns(2)
        with load_col:
            _load_upload(fw)
            _record_offer(fw)
    mine = assessments.current(fw, role_id)
    needed = {r.skill: r.level for r in fw.role(target_id).skills} if target_id else {}
    skill_ids = skills_to_assess(fw, role_id, target_id, tuple(mine.levels))
    with editor_area:
        if mine.source:
            st.caption(f"Loaded from {md(mine.source)}.")
        if mine.voices:
            st.caption(_voices_caption(mine))
        if not skill_ids:
            st.info("Choose a target role (or a current role) above to list the skills to assess.")
        else:
            edited = _levels_editor(fw, mine, skill_ids, needed)
            if edited is not mine:
                mine = edited
                assessments.keep(mine)
        if mine.edited and role_id:
            st.button(
                f"Start again from the levels of {md(state.role_label(loaded, role_id))}",
                on_click=assessments.start_again,
                args=(fw, role_id),
                icon=":material/restart_alt:",
            )
    profile = mine.profile(fw, SELF_LABEL)
    with save_col:
        st.markdown("**Save this self-assessment** to load it again later:")
        save_buttons = st.container(horizontal=True)
        render.download("Save as YAML", dump_profile(profile), file_name="skills-profile.yaml", where=save_buttons)
        render.download(
            "Save as JSON", dump_profile(profile, fmt="json"), file_name="skills-profile.json", where=save_buttons
        )
    return mine


# --------------------------------------------------------------------------- what is missing


def _stop(message: str) -> None:
    st.info(message, icon=":material/info:")
    st.stop()


def _check_choices(loaded, mode: str, current: str | None, target: str | None) -> None:
    """Stop with a word of help when the choices do not make a gap yet."""
    fw = loaded.framework
    if target is None:
        if mode == ROLE and current is None:
            _stop(
                "Choose a **current role** and a **target role** above to see what changes and what to develop. "
                "Tip: set **My current role** in the sidebar and it is filled in here (and on the other pages)."
            )
        _stop("Choose a **target role** above to see what to develop.")
    if mode == ROLE and current is None:
        _stop(
            "Choose a **current role** above — or set **My current role** in the sidebar — to compare it with "
            f"{md(state.role_label(loaded, target))}."
        )
    target_role = fw.role(target)
    view = loaded.view(_requirements, target)
    if not view:
        st.warning(
            f"{md(state.role_label(loaded, target))} has no skill requirements and no expectations in the "
            "framework, so there is nothing to compare. Choose another target role.",
            icon=":material/info:",
        )
        for benchmark in target_role.benchmarks:
            if benchmark.note:
                st.caption(md(benchmark.note))
        st.stop()
    if mode == ROLE and current == target:
        _stop("The current role and the target role are the same, so there is no gap. Choose another target role.")


def _requirements(framework, graph, target: str) -> int:
    """How many requirements the target states: skills, and expectations (its person specification's too)."""
    return len(framework.role(target).skills) + len(effective_expectations(framework, target))


# --------------------------------------------------------------------------- the gap


def _figures(view: GapView, basis: PlanBasis) -> str:
    """The gap in a few figures, on one line."""
    gap = view.gap
    parts = []
    if gap.rows:
        parts.append(f"**Requirements already met:** {view.met} of {view.total} ({gap.readiness:.0%})")
        parts.append(f"**Skills to develop:** {len(gap.gaps)}")
        if gap.unlisted:  # then how many levels is not known: the profile is silent on those skills
            parts.append(f"**Not in {md(gap.current_title)}'s profile:** {len(gap.unlisted)}")
        else:
            parts.append(f"**Levels to gain:** {gap.levels_to_gain}")
    criteria = len(basis.changes.expectations)
    if criteria:
        parts.append(f"**Criteria {'to meet' if basis.changes.compared_with else 'to show'}:** {criteria}")
    return " · ".join(parts)


def _route_note(loaded, basis: PlanBasis, target: str) -> None:
    """Paths and gap agree: where no route leads to the target, say so, why, and which roles do lead there."""
    route = basis.route
    if route.has_route:
        return
    nearest = route.nearest
    st.warning(
        f"No route in the framework leads to {md(basis.target_title)}: {md(route.reason or '')}. "
        "The gap below still says what the role asks." + (" These roles do lead there:" if nearest else ""),
        icon=":material/route:",
    )
    for role_id, label in nearest:
        render.page_link(
            "pages/paths.py",
            label=f"Routes from {label} to {basis.target_title}",
            query_params=state.link_params(loaded, **{"from": role_id, "to": target}),
            icon=":material/route:",
        )


def _changes_markdown(fw, view: GapView, basis: PlanBasis) -> str:
    """What changes at the target role: only what differs — responsibilities in plain words, new and raised
    skills, and the target's criteria the current role does not already have (essential first)."""
    changes, gap = basis.changes, view.gap
    blocks = [f"### What changes at {md(basis.target_title)}"]
    if changes.said:
        blocks.append("\n".join(f"- {md(line)}" for line in changes.said))
    if changes.new_skills:
        items = [
            f"- {md(r.name)}: {md(standing_text(fw, gap, r))}; needed: {md(_level(fw, r))}" for r in changes.new_skills
        ]
        blocks += ["**New skills**", "\n".join(items)]
    if changes.raised_skills:
        items = [
            f"- {md(r.name)}: {md(standing_text(fw, gap, r))} → {md(_level(fw, r))}" for r in changes.raised_skills
        ]
        blocks += ["**Skills to raise**", "\n".join(items)]
    if changes.expectations:
        who = f" that {md(changes.compared_with)} does not already have" if changes.compared_with else ""
        blocks.append(f"#### {md(basis.target_title)}'s criteria{who}")
        groups = [(n, g) for n, g in (("Essential", changes.essential), ("Desirable", changes.desirable)) if g]
        groups += [("Other", changes.unmarked)] if changes.unmarked else []
        for name, items in groups:
            text = expectations_markdown(items, framework=fw, heading="", sources=False)
            blocks.append(f"##### {name}\n\n{text}" if len(groups) > 1 else text)
        # Where they come from, once: "Person specification of Senior Product Manager" for every criterion of it.
        sources = list(dict.fromkeys(e.source.split(",")[0] for e in changes.expectations if e.source))
        if sources:
            blocks.append(
                "*From: " + "; ".join(md(x) for x in sources[:3]) + ("; …" if len(sources) > 3 else "") + ".*"
            )
    if len(blocks) == 1:
        blocks.append("Nothing: the target asks nothing the current side does not already have.")
    return "\n\n".join(blocks)


def _level(fw, row) -> str:
    return {lv.id: lv.name for lv in fw.skill_levels}.get(row.required, row.required or "")


def _beside_chart(fw, view: GapView) -> str:
    """How to read the chart, and the strengths to build on: one Markdown element beside the chart."""
    names = {lv.id: lv.name for lv in fw.skill_levels}
    gap = view.gap
    if gap.strengths:
        strengths = "\n".join(
            f"- {md(r.name)}: {md(names[r.current])} held, {md(names[r.required])} needed" for r in gap.strengths
        )
    else:
        strengths = "No skill is held above the level the target role needs."
    if gap.at_level:
        strengths += "\n\n**Already at the level needed:** " + ", ".join(md(r.name) for r in gap.at_level) + "."
    unlisted = (
        f"\n\nSkills not in {md(gap.current_title)}'s profile are drawn at the centre: their level is not known."
        if gap.unlisted
        else ""
    )
    return (
        "### Reading the chart\n\n"
        "Each spoke is a skill the target role needs; the further out, the higher the level.\n\n"
        "- **Orange, solid line with circles:** the level the target role needs.\n"
        "- **Blue, dashed line with diamonds:** the level held now.\n\n"
        "Where the blue line is inside the orange one, there is a gap to close. "
        f"The “Skill by skill” tab gives the same figures as a table.{unlisted}\n\n"
        f"### Strengths to build on\n\n{strengths}"
    )


def show_gap(loaded, page: GapPage, *, mine: Assessment | None, current: str | None, target: str) -> None:
    """The gap: its heading and figures, then the tabs. The three to read are drawn whatever tab is open, so that
    moving along them (with the arrow keys too) shows each at once; the plan, with its fields, buttons and
    downloads (about two fifths of the page's elements), is drawn only while its tab is open: choosing another
    role, or reading, does not pay for it. Its fields keep what they hold while it is closed. The plan's tab is
    a fragment, so writing in it reruns the plan alone."""
    fw, view, basis = loaded.framework, page.view, page.plan
    st.markdown(
        f"## {md(view.current_label)} → {md(view.target_label)}\n\n{_figures(view, basis)}\n\n"
        f"{md(view.summary) if view.gap.rows else md(basis.readiness)}\n\n"
        "The plan to take into the development conversation is on the **Development plan** tab."
    )
    _route_note(loaded, basis, target)
    tabs = tabs_for(fw)
    drawn = dict(zip(tabs, state.lazy_tabs(tabs, key=GAP_TAB), strict=True))
    with drawn[CHANGES]:
        st.markdown(_changes_markdown(fw, view, basis))
    if BY_SKILL in drawn:
        with drawn[BY_SKILL]:
            render.stacked_table(
                view.table,
                key="stacked-gap",
                intro="### Skill by skill\n\nBiggest gaps first. The development plan tab gives, for the skills in "
                "focus, what each level still to reach looks like, ways to practise and ways to learn.",
            )
            st.markdown(
                "**Each skill's own page:** what every level looks like, the roles that need it, how to learn it."
            )
            with st.container(horizontal=True, gap="small", key="gap-skill-links"):
                for row in view.gap.rows:
                    skill_link(loaded, row.skill)
    if GLANCE in drawn:
        with drawn[GLANCE]:
            chart_col, side_col = st.columns([3, 2], gap="large")
            chart = _radar(loaded, page, mine, current, target)
            if chart is not None:
                with chart_col:
                    svg_picture(chart, key="gap-radar")
            side_col.markdown(_beside_chart(fw, view))
    if drawn[PLAN].open:
        if st.session_state.pop(PLAN_CLOSED, False):
            _keep_plan_fields()  # set again in the run that draws them afresh: the browser shows what they hold
        with drawn[PLAN]:
            subject = current if mine is None else "self"
            plan_tab(loaded, with_learning(basis, fw, learning.library(loaded)), (fw.id, subject or "", target))
    else:
        _keep_plan_fields()
        st.session_state[PLAN_CLOSED] = True
    if fw.attribution:
        st.caption(md(fw.attribution))


# --------------------------------------------------------------------------- the plan


def _focus_label(item: FocusItem) -> str:
    return f"{item.name} ({item.now} → {item.needed})"


def _action_key(action_id: int, field: str) -> str:
    return f"plan-action-{action_id}-{field}"


FIELDS = ("action", "by_when", "owner", "support", "status")
#: How every date of the plan is typed (the app's one input format), and the years it may be in: wide, so that no
#: date a person means is refused (Streamlit's own range is ten years either side of today).
DATES = {"format": INPUT_FORMAT, "min_value": datetime.date(2000, 1, 1), "max_value": datetime.date(2099, 12, 31)}


def _keep_plan_fields() -> None:
    """What the plan's fields hold, kept while its tab is closed: a name or an action typed just before another
    tab was chosen reaches the plan when it is opened again. Streamlit forgets a widget's value in a run that does
    not draw it, unless the page sets it; and a field drawn again shows the value it holds only if the page set
    it in that run too (otherwise the browser draws it empty and sends that back). Only then: set on every run,
    a field would be sent its value while a person is still typing in it."""
    actions = plan_inputs.current().actions
    state.keep(FOCUS, PERSON, MANAGER, NEXT, *(_action_key(draft.id, field) for draft in actions for field in FIELDS))


def _seed(key: str, value) -> None:
    """A field shows the plan's value when it is drawn afresh (the tab opened again, an action added)."""
    if key not in st.session_state:
        st.session_state[key] = value


def _take_edits(inputs: PlanInputs) -> tuple[PlanInputs, list[str]]:
    """What the plan's fields hold now, into the plan's inputs; the problems of what was refused, each naming the
    field and why. A field not drawn in this run (its tab closed) leaves the inputs as they are."""
    problems = []
    state_ = st.session_state
    if FOCUS in state_:
        inputs = inputs.with_focus(state_[FOCUS])
    for field, key in (("person", PERSON), ("manager", MANAGER)):
        if key in state_ and state_[key] != getattr(inputs, field):
            inputs, problem = inputs.with_name(field, state_[key])
            problems += [problem] if problem else []
    if NEXT in state_:
        inputs = inputs.with_next_check_in(state_[NEXT])
    for draft in inputs.actions:
        typed = {f: state_[_action_key(draft.id, f)] for f in FIELDS if _action_key(draft.id, f) in state_}
        changed = {f: v for f, v in typed.items() if v != getattr(draft, f)}
        if changed:
            inputs, problem = inputs.edit_action(draft.id, **changed)
            problems += [problem] if problem else []
    return inputs, problems


def _add_action() -> None:
    plan_inputs.keep(plan_inputs.current().add_action())


def _add_action_from(text: str) -> None:
    """A resource's "add as an action": what is typed in the fields is taken first, so the row it fills is truly
    empty, and that row's fields are drawn afresh from the plan."""
    inputs, _ = _take_edits(plan_inputs.current())  # a refused edit is said again by the run that follows
    inputs, filled = inputs.with_action_from(text)
    if filled is not None:
        for field in FIELDS:
            st.session_state.pop(_action_key(filled, field), None)
        st.session_state[JUST_ADDED] = inputs.number_of(filled)
    plan_inputs.keep(inputs)


def _remove_action(action_id: int) -> None:
    plan_inputs.keep(plan_inputs.current().remove_action(action_id))
    for field in FIELDS:
        st.session_state.pop(_action_key(action_id, field), None)


def _past(date: datetime.date | None, what: str) -> None:
    if is_past(date):
        st.warning(
            f"{what} is {uk_date(date)}, which is in the past. It is kept as written: change it if that was not meant.",
            icon=":material/event_busy:",
        )


def _actions_editor(inputs: PlanInputs) -> None:
    """The agreed actions: a row of fields each, in the order they were added (the fields keep their places
    whatever is typed), and a button to add one. Each field has its own label, for a screen reader too."""
    st.markdown("**Agreed actions**")
    for number, draft in enumerate(inputs.actions, 1):
        for field in FIELDS:
            _seed(_action_key(draft.id, field), getattr(draft, field))
        with st.container(key=f"plan-action-{draft.id}", border=True):
            with st.container(horizontal=True, vertical_alignment="bottom"):
                st.text_input(f"Action {number}", key=_action_key(draft.id, "action"), placeholder="What will be done")
                st.date_input(f"Action {number}: by when", key=_action_key(draft.id, "by_when"), width=170, **DATES)
                st.selectbox(
                    f"Action {number}: status", ACTION_STATUSES, key=_action_key(draft.id, "status"), width=170
                )
            with st.container(horizontal=True, vertical_alignment="bottom"):
                st.text_input(f"Action {number}: owner", key=_action_key(draft.id, "owner"), placeholder="Who")
                st.text_input(
                    f"Action {number}: support",
                    key=_action_key(draft.id, "support"),
                    placeholder="What help, from whom",
                )
                st.button(
                    f"Remove action {number}",
                    key=f"plan-action-{draft.id}-remove",
                    on_click=_remove_action,
                    args=(draft.id,),
                    icon=":material/delete:",
                )
            _past(draft.by_when, f"The date of action {number}")
    st.button("Add an action", key="plan-action-add", on_click=_add_action, icon=":material/add:")


@run_gate.fragment
def plan_tab(loaded, basis: PlanBasis, comparison: tuple[str, ...]) -> None:
    """The plan: choose a focus, write in names, dates and agreed actions (kept in this session only), read
    each focus gap in detail, and download the plan as a PDF to print, Markdown or CSV.

    A fragment: an edit here reruns this tab alone, and nothing of the comparison is computed again — the plan
    is the basis (made once, :func:`comparison`) with what is written in (:func:`~framework.plan.plan_from`)."""
    st.markdown(
        "### The plan for the development conversation\n\n"
        "Choose a focus, then agree actions and the date of the next check-in. Names, dates and actions stay in "
        "this browser tab and in the files you download: nothing is kept on the server."
    )
    inputs = plan_inputs.current().for_comparison(comparison)
    if inputs.focus is None:
        inputs = inputs.with_focus(basis.default_focus)
        st.session_state.pop(FOCUS, None)
    inputs, problems = _take_edits(inputs)
    plan_inputs.keep(inputs)

    candidates = {item.key: item for item in basis.candidates}
    _seed(FOCUS, [k for k in inputs.focus if k in candidates])
    st.multiselect(
        "Focus for this plan",
        list(candidates),
        key=FOCUS,
        format_func=lambda k: _focus_label(candidates[k]),
        placeholder="Choose the gaps to work on",
        help="The three biggest gaps are chosen at first. A plan with a few gaps is easier to act on than one "
        "with all of them; the rest are listed at the end for a later plan.",
    )
    for key, value in ((PERSON, inputs.person), (MANAGER, inputs.manager), (NEXT, inputs.next_check_in)):
        _seed(key, value)
    with st.container(horizontal=True):
        st.text_input("Person (optional)", key=PERSON)
        st.text_input("Line manager (optional)", key=MANAGER)
        st.date_input("Next check-in", key=NEXT, **DATES)
    _past(inputs.next_check_in, "The next check-in")
    _actions_editor(inputs)
    if (added := st.session_state.pop(JUST_ADDED, None)) is not None:
        # Said in place, not in a toast: a toast is gone before some have read it, and it has no accessible name.
        st.success(f"Added to the agreed actions as action {added}.", icon=":material/add_task:")
    for problem in problems:
        st.error(md(problem), icon=":material/error:")

    plan = plan_from(
        basis,
        date=datetime.date.today(),
        focus=inputs.focus,
        person=inputs.person.strip() or None,
        manager=inputs.manager.strip() or None,
        next_check_in=inputs.next_check_in,
        actions=inputs.agreed_actions(),
    )
    bounded = bound_plan(plan)  # the files' bounds: what they leave out is said beside the buttons
    plan = bounded.value
    buttons, stem = st.container(horizontal=True), plan_file_stem(plan)
    downloads.offer(
        "Download the plan (PDF, to print)", downloads.Apart("plan-pdf", (plan,)), f"{stem}.pdf", where=buttons
    )
    downloads.offer("Download the plan (Markdown)", lambda: plan_markdown(plan), f"{stem}.md", where=buttons)
    downloads.offer(
        "Download the plan (CSV, for a spreadsheet)", lambda: plan_csv(plan).encode(), f"{stem}.csv", where=buttons
    )
    downloads.cuts_notice(bounded.cuts)
    st.markdown("#### The focus in detail" if plan.focus else "No gap is in focus: choose one or more above.")
    agreed = {a.action.strip() for a in inputs.actions}
    # Each part is drawn while its expander is open (opening one reruns the plan alone): a focus gap's detail and
    # resources are a dozen elements, and the browser draws every element of a closed expander too.
    for number, item in enumerate(plan.focus, 1):
        label = f"{number}. {md(item.name)} — {md(item.now)} → {md(item.needed)}"
        detail = state.lazy_expander(label, key=f"plan-detail-{item.key}", expanded=number == 1)
        if detail.open:
            with detail:
                _focus_detail(loaded, item, agreed)
    if plan.others:
        others = state.lazy_expander(f"Other gaps, for a later plan ({len(plan.others)})", key="plan-others")
        if others.open:
            others.markdown("\n".join(f"- {md(_focus_label(i))}" for i in plan.others))
    if basis.catalogues and any(item.resources for item in plan.focus):
        st.caption(f"Learning resources: {md(basis.catalogues)}")
    preview = state.lazy_expander("Preview the whole plan", key="plan-preview")
    if preview.open:
        # Its headings two levels down, under the page's: the page keeps one h1 and its headings in order.
        preview.markdown(
            "\n".join("##" + line if line.startswith("#") else line for line in plan_markdown(plan).splitlines())
        )


def _focus_detail(loaded, item: FocusItem, agreed: set[str]) -> None:
    """One focus gap: what good looks like at the level needed (the levels on the way named), ways to practise
    with the rule that chose them — as the plan's Markdown says them — and its resources, each of which can
    become an agreed action in one click."""
    if item.skill is not None:
        skill_link(
            loaded, item.skill, label=f"{item.name} on the Skills page: every level, who needs it, how to learn it"
        )
    *before, _ = item.looks_like or (None,)
    st.markdown(focus_markdown(item, steps=item.looks_like[-1:], resources=False))
    if before:
        st.caption(
            "On the way: " + ", ".join(md(step.level) for step in before) + ". The plan's Markdown file describes "
            "each of these levels too."
        )
    if item.resources:
        st.markdown(f"**{md(resources_heading(item))}**")
        offer_resources(
            item.resources,
            key=f"plan-learn-{zlib.crc32(item.key.encode()):08x}",
            action=lambda r: resource_action(r, f"{item.name}, to {item.needed}"),
            agreed=agreed,
            on_add=_add_action_from,
        )
