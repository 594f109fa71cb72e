"""Skill gap and development plan: what it takes to move from one role to another, and a plan for the 1:1.

For staff ("what do I need to get there?") and line managers ("what should the next development conversation
cover?"). The comparison starts from a role, or from a self-assessment saved and loaded again as a small file.
The view is a link: ``?current=…&target=…`` (with ``&compare=self`` and ``&tab=…``).

What a person types — a self-assessment, names, dates, agreed actions — lives in their session
(``st.session_state``) and in the files they download: the gap and the plan made from it are built for their
run only, never kept in a cache other sessions share, never in a link.
"""

import datetime

import pandas as pd
import streamlit as st

from framework import FrameworkError
from framework.docbounds import bound_plan
from framework.expectation_text import expectations_markdown
from framework.expectations import effective_expectations, has_expectations
from framework.gaptext import descriptor_markdown
from framework.plan import ACTION_STATUSES, Action, DevelopmentPlan, FocusItem, development_plan
from framework.planfiles import plan_csv, plan_file_stem, plan_markdown
from framework.record import ACTION_STATUSES as RECORD_ACTION_STATUSES
from framework.record import SOURCES, DevelopmentRecord, load_record, record_levels, record_profile
from framework.skills import Profile, dump_profile, load_profile, profile_from_role, standing_text
from framework.views import GapView, gap_view
from framework.views.gap import SELF_LABEL, level_choices, skills_to_assess
from ui import downloads, record_state, render, state
from ui.data import shared_figure
from ui.radar import radar_figure
from ui.render import md

ROLE, SELF = "role", "self"
MODES = {ROLE: "A role", SELF: "My self-assessment"}
NONE = "none"
# Session keys of this page's own state (plain data: ids, strings and dates, never model objects).
ASSESSMENT = "gap_assessment"  # {"framework", "based_on", "skills": {skill id: level id}, "edited", "source"}
EDITOR_VERSION = "gap_editor_version"  # a new editor (fresh from the assessment) after a load or a reset
UPLOAD_DONE = "gap_upload_done"  # the id of the uploaded file already applied
FOCUS, FOCUS_FOR = "plan-focus", "plan-focus-for"  # the plan's focus (keys), and the comparison it was chosen for
PERSON, MANAGER, NEXT = "plan-person", "plan-manager", "plan-next-check-in"
ACTIONS = "plan-actions"
#: ``?levels=record``: the development record page's link — take the levels (and open actions) of the record this
#: session holds. The link says only that; the record itself never leaves the session.
FROM_RECORD = "levels"
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

    profile = self_assessment(loaded, current, target) if mode == SELF else None
    _check_choices(loaded, mode, current, target)

    # A gap between two roles is the same for everyone: kept and shared. A self-assessment's is this person's.
    if profile is not None:
        view = gap_view(fw, loaded.graph, profile, target)
    else:
        view = loaded.view(gap_view, current, target)
    show_gap(loaded, view, profile=profile, current=current, target=target)


# --------------------------------------------------------------------------- the self-assessment


def _fresh_assessment(fw, role_id: str | None) -> dict:
    skills = dict(profile_from_role(fw, role_id).skills) if role_id else {}
    return {"framework": fw.id, "based_on": role_id, "skills": skills, "edited": False, "source": None}


def _assessment(fw, role_id: str | None) -> dict:
    """This session's self-assessment; it follows the current role until it is edited or loaded."""
    saved = st.session_state.get(ASSESSMENT)
    if not isinstance(saved, dict) or saved.get("framework") != fw.id:
        saved = None
    if saved is None or (not saved["edited"] and saved["based_on"] != role_id):
        saved = _fresh_assessment(fw, role_id)
        st.session_state[ASSESSMENT] = saved
    return saved


def _new_editor() -> None:
    st.session_state[EDITOR_VERSION] = st.session_state.get(EDITOR_VERSION, 0) + 1


def _start_again(fw, role_id: str | None) -> None:
    st.session_state[ASSESSMENT] = _fresh_assessment(fw, role_id)
    _new_editor()


def _load_upload(fw) -> None:
    """Apply a newly uploaded profile; a file with problems lists them and leaves the assessment as it was."""
    upload = st.file_uploader(
        "Load a saved self-assessment",
        type=["yaml", "yml", "json"],
        key="gap_upload",
        max_upload_size=1,
        help="A file saved from this page (YAML or JSON).",
    )
    if upload is None or st.session_state.get(UPLOAD_DONE) == upload.file_id:
        return
    if b"record_version" in upload.getvalue():
        _load_record_upload(fw, upload)
        return
    try:
        profile = load_profile(upload.getvalue(), name=upload.name, framework=fw)
    except FrameworkError as error:
        render.unusable_file(upload.name, error, kept="your assessment is unchanged")
        return
    st.session_state[ASSESSMENT] = {
        "framework": fw.id,
        "based_on": profile.based_on,
        "skills": dict(profile.skills),
        "edited": True,
        "source": upload.name,
        "label": profile.label,
    }
    st.session_state[UPLOAD_DONE] = upload.file_id
    _new_editor()
    st.success(
        f"Loaded {md(upload.name)}: levels for {len(profile.skills)} skills. It replaces the assessment shown before.",
        icon=":material/check_circle:",
    )


def _from_record(fw, record: DevelopmentRecord, source: str) -> dict:
    """An assessment holding a record's levels (agreed, else the manager's, else the person's own) and, per
    skill, which of the three it is."""
    profile, sources = record_profile(record, fw)
    return {
        "framework": fw.id,
        "based_on": profile.based_on,
        "skills": dict(profile.skills),
        "edited": True,
        "source": source,
        "label": profile.label,
        "sources": sources,
    }


def _load_record_upload(fw, upload) -> None:
    """A development record given to this page: its latest check-in's levels become the assessment."""
    try:
        record, warnings = load_record(upload.getvalue(), name=upload.name, framework=fw)
    except FrameworkError as error:
        render.unusable_file(upload.name, error, kept="your assessment is unchanged")
        return
    st.session_state[ASSESSMENT] = _from_record(fw, record, upload.name)
    st.session_state[UPLOAD_DONE] = upload.file_id
    _new_editor()
    st.success(
        f"Loaded the development record {md(upload.name)}: the levels of its latest check-in "
        f"({record.latest.date.isoformat()}).",
        icon=":material/check_circle:",
    )
    if warnings:
        st.code("\n".join(str(w) for w in warnings), language=None)


def _use_record(fw) -> None:
    """The record's levels become the assessment; its name and its open actions fill in the plan where the
    plan has none of its own yet."""
    record = record_state.get(fw)
    if record is None:
        return
    st.session_state[ASSESSMENT] = _from_record(fw, record, "your development record")
    _new_editor()
    if record.person and not (st.session_state.get(PERSON) or "").strip():
        st.session_state[PERSON] = record.person
    typed = st.session_state.get(ACTIONS + "-rows")
    if typed is not None and typed["Action"].fillna("").astype(str).str.strip().any():
        return
    open_actions = [a for a in record.latest.actions if a.status != "done"]
    if open_actions:
        st.session_state[ACTIONS + "-rows"] = pd.DataFrame(
            {
                "Action": [a.action for a in open_actions],
                "By when": [a.by for a in open_actions],
                "Owner": [a.owner or "" for a in open_actions],
                "Support": [a.support or "" for a in open_actions],
                "Status": [RECORD_ACTION_STATUSES[a.status] for a in open_actions],
            }
        )
        st.session_state.pop(ACTIONS, None)  # the table's own edits were of the rows it had before


def _record_offer(fw) -> None:
    """When this session holds a development record, offer its levels for the gap."""
    record = record_state.get(fw)
    if record is None:
        return
    saved = st.session_state.get(ASSESSMENT) or {}
    if saved.get("source") == "your development record":
        return
    levels, _ = record_levels(record, fw)
    st.button(
        f"Use the levels of my development record ({len(levels)} skills, check-in of {record.latest.date.isoformat()})",
        on_click=_use_record,
        args=(fw,),
        icon=":material/history_edu:",
        help="The agreed level where there is one, else your line manager's, else your own.",
    )


def _sources_caption(saved: dict) -> str:
    counts: dict[str, int] = {}
    for source in saved["sources"].values():
        counts[source] = counts.get(source, 0) + 1
    said = ", ".join(f"{n} {SOURCES.get(s, s)}" for s, n in counts.items())
    return (
        "Levels from the development record's latest check-in: the agreed level where there is one, else the "
        f"line manager's, else your own ({md(said)}). The “From” column says which for each skill."
    )


def self_assessment(loaded, role_id: str | None, target_id: str | None) -> Profile:
    """The self-assessment editor, load and save; returns the assessment as a profile."""
    fw = loaded.framework
    st.subheader("My self-assessment")
    st.markdown(
        "Set the level you hold in each skill. The list shows the skills the target role needs and those of "
        "the current role; the levels start from the current role's."
    )
    if st.query_params.get(FROM_RECORD) == "record":  # the record page's link: use this session's record
        del st.query_params[FROM_RECORD]
        _use_record(fw)
    if ASSESSMENT not in st.session_state and "compare" in st.query_params:
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
    saved = _assessment(fw, role_id)
    needed = {r.skill: r.level for r in fw.role(target_id).skills} if target_id else {}
    skill_ids = skills_to_assess(fw, role_id, target_id, tuple(saved["skills"]))
    choices = level_choices(fw)
    by_label = {label: level for level, label in choices.items()}
    with editor_area:
        if saved.get("source"):
            st.caption(f"Loaded from {md(saved['source'])}.")
        if saved.get("sources"):
            st.caption(_sources_caption(saved))
        if not skill_ids:
            st.info("Choose a target role (or a current role) above to list the skills to assess.")
        else:
            table = pd.DataFrame(
                {
                    "Skill": [fw.skills_by_id[s].name for s in skill_ids],
                    "Needed for the target role": [choices.get(needed.get(s), NONE) for s in skill_ids],
                    "My level": [choices.get(saved["skills"].get(s), NONE) for s in skill_ids],
                }
                | ({"From": [_source_word(saved, s) for s in skill_ids]} if saved.get("sources") else {}),
                index=pd.Index(skill_ids, name="skill"),
            )
            edited = st.data_editor(
                table,
                key=f"gap_editor_{st.session_state.get(EDITOR_VERSION, 0)}",
                hide_index=True,
                disabled=["Skill", "Needed for the target role", "From"],
                column_config={
                    "My level": st.column_config.SelectboxColumn(
                        "My level", options=[NONE, *choices.values()], required=True, help="The level you hold now."
                    )
                },
            )
            in_editor = {s: by_label[v] for s, v in edited["My level"].items() if v in by_label}
            skills = {s: v for s, v in saved["skills"].items() if s not in skill_ids} | in_editor
            if skills != saved["skills"]:
                sources = {
                    s: v for s, v in (saved.get("sources") or {}).items() if skills.get(s) == saved["skills"].get(s)
                }
                saved = {**saved, "skills": skills, "edited": True} | (
                    {"sources": sources} if "sources" in saved else {}
                )
                st.session_state[ASSESSMENT] = saved
        if saved["edited"] and role_id:
            st.button(
                f"Start again from the levels of {md(state.role_label(loaded, role_id))}",
                on_click=_start_again,
                args=(fw, role_id),
                icon=":material/restart_alt:",
            )
    based_on = saved.get("based_on") if saved.get("based_on") in fw.roles_by_id else None
    label = saved.get("label") or SELF_LABEL
    profile = Profile(framework=fw.id, label=label, based_on=based_on, skills=saved["skills"])
    with save_col:
        st.markdown("**Save this self-assessment** to load it again later:")
        save_buttons = st.container(horizontal=True)
        render.download("Save as YAML", dump_profile(profile), file_name="skills-profile.yaml", where=save_buttons)
        render.download(
            "Save as JSON", dump_profile(profile, fmt="json"), file_name="skills-profile.json", where=save_buttons
        )
    return profile


def _source_word(saved: dict, skill: str) -> str:
    source = saved["sources"].get(skill)
    if source is not None:
        return SOURCES.get(source, source)
    return "changed here" if skill in saved["skills"] else ""


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


def _figures(loaded, view: GapView, plan: DevelopmentPlan) -> str:
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
    criteria = len(plan.changes.expectations)
    if criteria:
        parts.append(f"**Criteria {'to meet' if plan.changes.compared_with else 'to show'}:** {criteria}")
    return " · ".join(parts)


def _route_note(loaded, plan: DevelopmentPlan, target: str) -> None:
    """Paths and gap agree: where no route leads to the target, say so, why, and which roles do lead there."""
    route = plan.route
    if route.has_route:
        return
    nearest = route.nearest
    st.warning(
        f"No route in the framework leads to {md(plan.target_title)}: {md(route.reason or '')}. "
        "The gap below still says what the role asks." + (" These roles do lead there:" if nearest else ""),
        icon=":material/route:",
    )
    for role_id, label in nearest:
        render.page_link(
            "pages/paths.py",
            label=f"Routes from {label} to {plan.target_title}",
            query_params=state.link_params(loaded, **{"from": role_id, "to": target}),
            icon=":material/route:",
        )


def _changes_markdown(fw, view: GapView, plan: DevelopmentPlan) -> str:
    """What changes at the target role: only what differs — responsibilities, new and raised skills, and the
    target's criteria the current role does not already have (essential first)."""
    changes, gap = plan.changes, view.gap
    blocks = [f"### What changes at {md(plan.target_title)}"]
    if changes.responsibilities:
        rows = [f"| {md(c.what)} | {md(c.now)} | {md(c.then)} |" for c in changes.responsibilities]
        blocks.append("\n".join(["| Responsibility | Now | Then |", "|---|---|---|", *rows]))
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
        blocks.append(f"#### {md(plan.target_title)}'s criteria{who}")
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


def _radar(framework, graph, current: str, target: str):
    """The radar chart of a gap between two roles: the same for everyone, so made once and shared."""
    view = gap_view(framework, graph, current, target)
    return shared_figure(
        radar_figure(framework, view.gap, current_label=view.current_label, target_label=view.target_label)
    )


def _actions() -> list[Action]:
    """The agreed actions typed in the plan's table (this session's only)."""
    table = st.session_state.get(ACTIONS + "-rows")
    if table is None:
        return []
    out = []
    for row in table.to_dict("records"):
        text = str(row.get("Action") or "").strip()
        if not text:
            continue
        when = state.cell_date(row.get("By when"))
        status = row.get("Status") if row.get("Status") in ACTION_STATUSES else ACTION_STATUSES[0]
        out.append(Action(text, when, str(row.get("Owner") or ""), str(row.get("Support") or ""), status))
    return out


def show_gap(loaded, view: GapView, *, profile: Profile | None, current: str | None, target: str) -> None:
    """The gap: its heading and figures, then the tabs, of which only the open one is drawn."""
    fw = loaded.framework
    subject = profile if profile is not None else current
    # The plan's base, before anything typed on the plan's tab: the gaps, what changes, the route.
    base = development_plan(
        fw, loaded.graph, subject, target, date=datetime.date.today(), current_label=view.current_label
    )
    st.markdown(
        f"## {md(view.current_label)} → {md(view.target_label)}\n\n{_figures(loaded, view, base)}\n\n"
        f"{md(view.summary) if view.gap.rows else md(base.readiness)}\n\n"
        "The plan to take into the development conversation is on the **Development plan** tab."
    )
    _route_note(loaded, base, target)
    tabs = tabs_for(fw)
    opened = dict(zip(tabs, state.lazy_tabs(tabs, key=GAP_TAB), strict=True))
    if opened[CHANGES].open:
        with opened[CHANGES]:
            st.markdown(_changes_markdown(fw, view, base))
    if BY_SKILL in opened and opened[BY_SKILL].open:
        with opened[BY_SKILL]:
            render.stacked_table(
                view.table,
                key="stacked-gap",
                intro="### Skill by skill\n\nBiggest gaps first. The development plan tab gives, for the skills in "
                "focus, what each level still to reach looks like and ways to practise.",
            )
    if GLANCE in opened and opened[GLANCE].open:
        with opened[GLANCE]:
            if profile is not None:
                labels = {"current_label": view.current_label, "target_label": view.target_label}
                figure = radar_figure(fw, view.gap, **labels)
            else:
                figure = loaded.view(_radar, current, target)
            chart_col, side_col = st.columns([3, 2], gap="large")
            chart_col.plotly_chart(figure, config={"displayModeBar": False}, alt=view.summary)
            side_col.markdown(_beside_chart(fw, view))
    if opened[PLAN].open:
        with opened[PLAN]:
            plan_tab(loaded, base, subject, target)
    if fw.attribution:
        st.caption(md(fw.attribution))


# --------------------------------------------------------------------------- the plan


def _focus_label(item: FocusItem) -> str:
    return f"{item.name} ({item.now} → {item.needed})"


def _focus_choice(base: DevelopmentPlan, subject_key: tuple) -> list[str]:
    """The focus picker: the three biggest gaps at first (or when the comparison changes), then as chosen."""
    candidates = {item.key: item for item in base.candidates}
    if st.session_state.get(FOCUS_FOR) != subject_key or FOCUS not in st.session_state:
        st.session_state[FOCUS] = [item.key for item in base.focus]
        st.session_state[FOCUS_FOR] = subject_key
    st.session_state[FOCUS] = [k for k in st.session_state[FOCUS] if k in candidates]
    return st.multiselect(
        "Focus for this plan",
        list(candidates),
        key=FOCUS,
        format_func=lambda k: _focus_label(candidates[k]),
        placeholder="Choose the gaps to work on",
        help="The three biggest gaps are chosen at first. A plan with a few gaps is easier to act on than one "
        "with all of them; the rest are listed at the end for a later plan.",
    )


def _looks_like_markdown(step, kind: str) -> str:
    head = f"*{md(step.level)}* — {md(step.note)}" if step.note else f"*{md(step.heading)}:*"
    if not step.text:
        return head
    return head + "\n\n" + (descriptor_markdown(step.text) if kind == "skill" else md(step.text))


def _focus_detail(item: FocusItem) -> None:
    """One focus gap: what good looks like at the level needed (the levels on the way, folded), ways to practise
    from the target role's own work, and resources."""
    needed, *before = reversed(item.looks_like) if item.looks_like else (None,)
    blocks = [f"**Now:** {md(item.now)} · **Needed:** {md(item.needed_stated)}"]
    if needed is not None:
        blocks += ["**What good looks like**", _looks_like_markdown(needed, item.kind)]
    if item.practise:
        blocks.append("**Ways to practise**")
        blocks.append("\n".join(f"- “{md(p.text)}” — {md(p.source)}" for p in item.practise))
    if item.resources:
        blocks.append("**Resources**")
        blocks.append(
            "\n".join(
                f"- {md(r.title)}" + (f" ({md(r.kind)})" if r.kind else "") + (f" — {md(r.link)}" if r.link else "")
                for r in item.resources
            )
        )
    st.markdown("\n\n".join(blocks))
    if before:
        st.caption(
            "On the way: " + ", ".join(md(step.level) for step in reversed(before)) + ". The plan's Markdown file "
            "describes each of these levels too."
        )


def plan_tab(loaded, base: DevelopmentPlan, subject, target: str) -> None:
    """The plan: choose a focus, write in names, dates and agreed actions (kept in this session only), read
    each focus gap in detail, and download the plan as Markdown, CSV or a one-page PDF."""
    fw = loaded.framework
    st.markdown(
        "### The plan for the development conversation\n\n"
        "Choose a focus, then agree actions and the date of the next check-in. Names, dates and actions stay in "
        "this browser tab and in the files you download: nothing is kept on the server."
    )
    subject_key = (fw.id, subject if isinstance(subject, str) else "self", target)
    focus = _focus_choice(base, subject_key)
    with st.container(horizontal=True):
        person = st.text_input("Person (optional)", key=PERSON, max_chars=80)
        manager = st.text_input("Line manager (optional)", key=MANAGER, max_chars=80)
        next_check_in = st.date_input("Next check-in", key=NEXT, value=None, format="DD/MM/YYYY")
    st.markdown("**Agreed actions** (add a row for each)")
    rows = st.session_state.get(ACTIONS + "-rows")
    if rows is None:
        rows = pd.DataFrame(
            {"Action": [""], "By when": [None], "Owner": [""], "Support": [""], "Status": [ACTION_STATUSES[0]]}
        )
        rows["By when"] = pd.to_datetime(rows["By when"]).dt.date
    edited = st.data_editor(
        rows,
        key=ACTIONS,
        num_rows="dynamic",
        hide_index=True,
        column_config={
            "Action": st.column_config.TextColumn("Action", max_chars=300, help="What will be done."),
            "By when": st.column_config.DateColumn("By when", format="DD/MM/YYYY"),
            "Owner": st.column_config.TextColumn("Owner", max_chars=80),
            "Support": st.column_config.TextColumn("Support", max_chars=300, help="What help is needed, from whom."),
            "Status": st.column_config.SelectboxColumn("Status", options=list(ACTION_STATUSES), required=True),
        },
    )
    st.session_state[ACTIONS + "-rows"] = edited
    plan = development_plan(
        fw,
        loaded.graph,
        subject,
        target,
        date=datetime.date.today(),
        focus=focus,
        person=person.strip() or None,
        manager=manager.strip() or None,
        next_check_in=next_check_in,
        actions=_actions(),
        current_label=base.current_label,
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
    for number, item in enumerate(plan.focus, 1):
        with st.expander(f"{number}. {md(item.name)} — {md(item.now)} → {md(item.needed)}", expanded=number == 1):
            _focus_detail(item)
    if plan.others:
        with st.expander(f"Other gaps, for a later plan ({len(plan.others)})"):
            st.markdown("\n".join(f"- {md(_focus_label(i))}" for i in plan.others))
    with st.expander("Preview the whole plan"):
        # Its headings two levels down, under the page's: the page keeps one h1 and its headings in order.
        st.markdown(
            "\n".join("##" + line if line.startswith("#") else line for line in plan_markdown(plan).splitlines())
        )
