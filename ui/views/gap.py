"""Skill gap and development plan: what someone needs to learn to move from one role to another.

For staff ("what do I need to get there?") and line managers ("what should the next development
conversation cover?"). The comparison starts from a role, or from a self-assessment that can be saved and
loaded again as a small file. The view is a link: ``?current=…&target=…`` (and ``&compare=self``).

A self-assessment is the person's own: it lives in their session (``st.session_state``) and in the files they
save, and the gap and plan made from it are built for their run only, never kept in a cache other sessions share.
"""

import datetime

import pandas as pd
import streamlit as st

from framework import FrameworkError
from framework.export import (
    development_plan_csv,
    development_plan_markdown,
    gap_detail_markdown,
    levels_label,
)
from framework.skills import Profile, dump_profile, load_profile, profile_from_role
from framework.views import GapView, gap_view
from framework.views.gap import SELF_LABEL, level_choices, skills_to_assess
from ui import render, state
from ui.data import describe_error, shared_figure
from ui.radar import radar_figure
from ui.render import md

ROLE, SELF = "role", "self"
MODES = {ROLE: "A role", SELF: "My self-assessment"}
NONE = "none"
# Session keys of this page's own state (plain data: ids and strings, never model objects).
ASSESSMENT = "gap_assessment"  # {"framework", "based_on", "skills": {skill id: level id}, "edited", "source"}
EDITOR_VERSION = "gap_editor_version"  # a new editor (fresh from the assessment) after a load or a reset
UPLOAD_DONE = "gap_upload_done"  # the id of the uploaded file already applied
TABS = ["Skill by skill", "At a glance", "What to work on", "Development plan"]  # the first is open at first
GAP_TAB = "gap-tab"  # the tabs' key: the open tab


def main() -> None:
    loaded = state.framework()
    fw = loaded.framework

    st.title("Skill gap and development plan")
    st.markdown(
        "See what it takes to move from one role to another: the skills the target role needs, the level "
        "needed in each, and how far the current role — or your own assessment of your skills — is from it. "
        "Line managers can use it to prepare a development conversation and download a plan to agree actions "
        "and dates."
    )
    if not fw.skills or not fw.skill_levels:
        st.info(
            f"{md(fw.name)} does not define skills and skill levels, so there is no skill gap to show. "
            "Choose another framework in the sidebar.",
            icon=":material/info:",
        )
        st.stop()

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
    view = (
        gap_view(fw, loaded.graph, profile, target) if profile is not None else loaded.view(gap_view, current, target)
    )
    show_gap(loaded, view, own=profile is not None, current=current, target=target)


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
    try:
        profile = load_profile(upload.getvalue(), name=upload.name, framework=fw)
    except FrameworkError as error:
        st.error(
            f"{md(upload.name)} could not be used, so your assessment is unchanged. What is wrong, and where:",
            icon=":material/error:",
        )
        st.code("\n".join(describe_error(error)), language=None)
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


def self_assessment(loaded, role_id: str | None, target_id: str | None) -> Profile:
    """The self-assessment editor, load and save; returns the assessment as a profile."""
    fw = loaded.framework
    st.subheader("My self-assessment")
    st.markdown(
        "Set the level you hold in each skill. The list shows the skills the target role needs and those of "
        "the current role; the levels start from the current role's."
    )
    editor_area = st.container()
    with st.container():
        load_col, save_col = st.columns(2)
        with load_col:
            _load_upload(fw)
    saved = _assessment(fw, role_id)
    needed = {r.skill: r.level for r in fw.role(target_id).skills} if target_id else {}
    skill_ids = skills_to_assess(fw, role_id, target_id, tuple(saved["skills"]))
    choices = level_choices(fw)
    by_label = {label: level for level, label in choices.items()}
    with editor_area:
        if saved.get("source"):
            st.caption(f"Loaded from {md(saved['source'])}.")
        if not skill_ids:
            st.info("Choose a target role (or a current role) above to list the skills to assess.")
        else:
            table = pd.DataFrame(
                {
                    "Skill": [fw.skills_by_id[s].name for s in skill_ids],
                    "Needed for the target role": [choices.get(needed.get(s), NONE) for s in skill_ids],
                    "My level": [choices.get(saved["skills"].get(s), NONE) for s in skill_ids],
                },
                index=pd.Index(skill_ids, name="skill"),
            )
            edited = st.data_editor(
                table,
                key=f"gap_editor_{st.session_state.get(EDITOR_VERSION, 0)}",
                hide_index=True,
                disabled=["Skill", "Needed for the target role"],
                column_config={
                    "My level": st.column_config.SelectboxColumn(
                        "My level", options=[NONE, *choices.values()], required=True, help="The level you hold now."
                    )
                },
            )
            in_editor = {s: by_label[v] for s, v in edited["My level"].items() if v in by_label}
            skills = {s: v for s, v in saved["skills"].items() if s not in skill_ids} | in_editor
            if skills != saved["skills"]:
                saved = {**saved, "skills": skills, "edited": True}
                st.session_state[ASSESSMENT] = saved
        if saved["edited"] and role_id:
            st.button(
                f"Start again from the levels of {md(state.role_label(loaded, role_id))}",
                on_click=_start_again,
                args=(fw, role_id),
                icon=":material/restart_alt:",
            )
    based_on = saved.get("based_on") if saved.get("based_on") in fw.roles_by_id else None
    profile = Profile(
        framework=fw.id, label=saved.get("label") or SELF_LABEL, based_on=based_on, skills=saved["skills"]
    )
    with save_col:
        st.markdown("**Save this self-assessment** to load it again later:")
        save_buttons = st.container(horizontal=True)
        render.download("Save as YAML", dump_profile(profile), file_name="skills-profile.yaml", where=save_buttons)
        render.download(
            "Save as JSON", dump_profile(profile, fmt="json"), file_name="skills-profile.json", where=save_buttons
        )
    return profile


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
                "Choose a **current role** and a **target role** above to see the skills to develop. Tip: set "
                "**My current role** in the sidebar and it is filled in here (and on the other pages) for you."
            )
        _stop("Choose a **target role** above to see the skills to develop.")
    if mode == ROLE and current is None:
        _stop(
            "Choose a **current role** above — or set **My current role** in the sidebar — to compare it with "
            f"{md(state.role_label(loaded, target))}."
        )
    target_role = fw.role(target)
    if not target_role.skills:
        st.warning(
            "This role has no skill requirements in the framework: "
            f"{md(state.role_label(loaded, target))}. Choose another target role.",
            icon=":material/info:",
        )
        for benchmark in target_role.benchmarks:
            if benchmark.note:
                st.caption(md(benchmark.note))
        st.stop()
    if mode == ROLE and current == target:
        _stop("The current role and the target role are the same, so there is no gap. Choose another target role.")


# --------------------------------------------------------------------------- the gap


def _figures(view: GapView) -> str:
    """The gap in three figures, on one line: requirements met (and the share of them), skills to develop, and
    the levels to gain added up over the skills (the steps between the level held and the level needed)."""
    gap = view.gap
    return (
        f"**Requirements already met:** {view.met} of {view.total} ({gap.readiness:.0%}) · "
        f"**Skills to develop:** {len(gap.gaps)} · **Levels to gain:** {gap.levels_to_gain}"
    )


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
    return (
        "### Reading the chart\n\n"
        "Each spoke is a skill the target role needs; the further out, the higher the level.\n\n"
        "- **Orange, solid line with circles:** the level the target role needs.\n"
        "- **Blue, dashed line with diamonds:** the level held now.\n\n"
        "Where the blue line is inside the orange one, there is a gap to close. "
        "The “Skill by skill” tab gives the same figures as a table.\n\n"
        f"### Strengths to build on\n\n{strengths}"
    )


def _radar(framework, graph, current: str, target: str):
    """The radar chart of a gap between two roles: the same for everyone, so made once and shared."""
    view = gap_view(framework, graph, current, target)
    return shared_figure(
        radar_figure(framework, view.gap, current_label=view.current_label, target_label=view.target_label)
    )


def _plan_date() -> str:
    today = datetime.date.today()
    return f"{today.day} {today:%B %Y}"


def show_gap(loaded, view: GapView, *, own: bool, current: str | None, target: str) -> None:
    """The gap: its heading and figures, then four tabs, of which only the open one is drawn."""
    fw = loaded.framework
    st.markdown(
        f"## {md(view.current_label)} → {md(view.target_label)}\n\n{_figures(view)}\n\n{md(view.summary)}\n\n"
        "The plan to download for the development conversation is on the **Development plan** tab."
    )
    by_skill, at_a_glance, to_work_on, plan_tab = state.lazy_tabs(TABS, key=GAP_TAB)
    if by_skill.open:
        with by_skill:
            render.stacked_table(
                view.table,
                key="stacked-gap",
                intro="Biggest gaps first. Open a skill on the “What to work on” tab to read the whole descriptor "
                "and the evidence.",
            )
    if at_a_glance.open:
        with at_a_glance:
            if own:
                labels = {"current_label": view.current_label, "target_label": view.target_label}
                figure = radar_figure(fw, view.gap, **labels)
            else:
                figure = loaded.view(_radar, current, target)
            chart_col, side_col = st.columns([3, 2], gap="large")
            chart_col.plotly_chart(figure, config={"displayModeBar": False}, alt=view.summary)
            side_col.markdown(_beside_chart(fw, view))
    if to_work_on.open:
        with to_work_on:
            if not view.gap.gaps:
                st.markdown("Nothing: every skill the target role needs is already at the level needed.")
            for number, row in enumerate(view.gap.gaps, 1):
                with st.expander(f"{number}. {md(row.name)} — {md(levels_label(fw, row))}"):
                    st.markdown(gap_detail_markdown(row))
    if plan_tab.open:
        with plan_tab:
            st.markdown(
                "A plan for the development conversation: the skills in priority order, what each next level "
                "looks like, the evidence from the job description, and space to agree actions, dates and support."
            )
            labels = {"current_label": view.current_label, "target_label": view.target_label}
            plan = development_plan_markdown(fw, view.gap, date=_plan_date(), **labels)
            buttons = st.container(horizontal=True)
            render.download("Download the plan (Markdown)", plan, file_name="development-plan.md", where=buttons)
            render.download(
                "Download the plan (CSV, for a spreadsheet)",
                lambda: development_plan_csv(fw, view.gap).encode("utf-8-sig"),
                file_name="development-plan.csv",
                where=buttons,
            )
            with st.expander("Preview the plan"):
                st.markdown(plan)
    if fw.attribution:
        st.caption(md(fw.attribution))
