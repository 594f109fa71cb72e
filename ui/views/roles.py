"""Roles: a searchable, filterable catalogue, and the profile of one role (``?role=``)."""

from types import SimpleNamespace

import pandas as pd
import streamlit as st

from framework.catalogue import filter_catalogue, neighbours, source_text
from framework.expectation_text import role_expectations_markdown
from framework.export import framework_csv, framework_xlsx, role_profile_markdown
from framework.models import ReferencedSource
from ui import render, state
from ui.data import arrow

KIND_LABELS = {"promotion": "Promotion", "lateral": "Lateral move", "reports_to": "Reports to"}
ROLE = "role"  # the open profile: session key and query parameter
GO = "roles-go"  # the profile's "Go to a connected role" buttons


def main() -> None:
    loaded = state.framework()
    # The catalogue, or one role's profile: the list and the detail are two views of the page (``?role=``).
    role_id = state.opened(ROLE, state.role_ids(loaded), what="the role")
    if role_id is None:
        catalogue(loaded)
    else:
        profile(loaded, role_id)


def catalogue(loaded) -> None:
    """Every role, searchable and filterable; a row (or the picker under the table) opens a profile."""
    fw = loaded.framework
    st.title("Roles")
    st.markdown("Find a role, then open its profile: its job description as written, its skills, and where it leads.")

    table = loaded.catalogue
    discipline_options, grade_options = loaded.memo(
        "roles.filter-options",
        lambda: (
            sorted(table["Discipline"].unique()),
            [g for g in (fw.grade_label(g.id) for g in fw.grades) if g in set(table["Grade"])],
        ),
    )
    search, discipline, grade, status = st.columns([3, 2, 2, 1.3])
    with search:
        query = state.bound_text("Search roles", key="q", placeholder="e.g. delivery, developer")
    with discipline:
        disciplines = state.bound_multiselect("Discipline", discipline_options, key="discipline", what="the discipline")
    with grade:
        grades = state.bound_multiselect("Grade", grade_options, key="grade", what="the grade")
    with status:
        statuses = state.bound_multiselect(
            "Status",
            ["described", "referenced"],
            key="status",
            what="the status",
            help="Described roles have a job description (or an imported description); referenced roles are only "
            "named in another role's document.",
        )

    def _shown() -> tuple[list[str], object]:
        shown = filter_catalogue(table, query=query, disciplines=disciplines, grades=grades, statuses=statuses)
        return list(shown["id"]), arrow(shown.drop(columns=["_rank"]))

    # The filtered table, as Arrow, for the most recent filter settings (shared by sessions that filter alike).
    filters = (query, tuple(disciplines), tuple(grades), tuple(statuses))
    shown_ids, shown_table = loaded.recent(f"roles.table:{filters!r}", _shown)
    # Drawn only while open: the buttons and their text are not rebuilt on every rerun of the page.
    downloads = state.lazy_expander("Download the framework (for HR)", key="roles-downloads")
    with downloads:
        if downloads.open:
            st.markdown(
                "The whole framework as spreadsheets: every role with its job-description fields, and the roles × "
                "skills matrix (the level each role requires)."
            )
            exports = st.columns(3)
            # The files are made when a button is pressed (once per framework version), not on every rerun.
            render.download(
                "Roles (CSV)",
                lambda: loaded.memo("export.roles.csv", lambda: framework_csv(fw, "roles")),
                file_name=f"{fw.id}-roles.csv",
                where=exports[0],
            )
            render.download(
                "Skills matrix (CSV)",
                lambda: loaded.memo("export.matrix.csv", lambda: framework_csv(fw, "matrix")),
                file_name=f"{fw.id}-skills-matrix.csv",
                where=exports[1],
            )
            render.download(
                "Both (Excel)",
                lambda: loaded.memo("export.xlsx", lambda: framework_xlsx(fw)),
                file_name=f"{fw.id}.xlsx",
                where=exports[2],
            )
    st.caption(f"{len(shown_ids)} of {len(table)} roles. Select a row, or choose a role below, to open its profile.")
    event = st.dataframe(
        shown_table,
        hide_index=True,
        column_config={"id": None},
        on_select="rerun",
        selection_mode="single-row",
        key="catalogue",
    )
    if event.selection.rows:
        state.open_value(ROLE, shown_ids[event.selection.rows[0]])
        st.rerun()
    # The same without the table, e.g. from the keyboard: choosing a role opens its profile.
    state.role_select(loaded, "Open the profile of", key=ROLE)
    me = state.my_role_id(loaded)
    if me is not None:
        st.button(
            f"Open my role: {render.md(state.role_label(loaded, me))}",
            on_click=state.open_value,
            args=(ROLE, me),
            icon=":material/badge:",
        )


def profile(loaded, role_id: str) -> None:
    """One role: its facts, where it leads and what leads to it, its job description as written and its skills."""
    fw = loaded.framework
    G = loaded.graph
    role = fw.role(role_id)
    node = G.nodes[role_id]

    def _profile() -> SimpleNamespace:
        """What the profile shows beyond the role's own fields: its text, its moves and its tables (as Arrow). It
        depends on the framework and the role alone, so sessions share it."""
        span = role.management
        extras = []
        if span and (span.direct is not None or span.indirect is not None):
            extras.append(("Management span", " · ".join(span.evidence)))
        if role.budget:
            extras.append(("Budget", role.budget.evidence))
        for pay in role.salary:
            extras.append(("Salary", pay.evidence))
        for benchmark in role.benchmarks:
            what = " ".join(x for x in (benchmark.role, f"level {benchmark.level}" if benchmark.level else None) if x)
            extras.append((f"{benchmark.framework} benchmark", what or "none"))
            if benchmark.note:
                extras.append(("", benchmark.note))
            if benchmark.evidence:
                extras.append(("", f"“{benchmark.evidence}”"))
        levels = {lv.id: lv.name for lv in fw.skill_levels}
        skill_rows = [
            {
                "Skill": fw.skills_by_id[req.skill].name,
                "Level": levels.get(req.level, req.level),
                "What the level looks like": fw.skills_by_id[req.skill].levels.get(req.level) or "Not defined",
                "Source": req.source or "",
                "Evidence lines": len(req.evidence),
            }
            for req in role.skills
        ]
        inward = neighbours(G, role_id, direction="in")
        onward = [n for n in neighbours(G, role_id) if n.kind != "reports_to"]
        reached = [n for n in inward if n.kind != "reports_to"]
        managed = [n for n in inward if n.kind == "reports_to"]
        manager = role.reports_to.role if role.reports_to and role.reports_to.role in fw.roles_by_id else None
        # Where the role leads and what leads to it, with the reason for each move, as one piece of text; the
        # buttons under it open the roles it names.
        moves = []
        if manager:
            line = role.reports_to
            said = f" “{render.md(line.evidence)}”" + (" (inferred)" if line.inferred else "") if line.evidence else ""
            note = f" {render.md(line.note)}" if line.note else ""
            moves.append(f"**Reports to:** {render.md(state.role_label(loaded, manager))}.{said}{note}")
        else:
            moves.append("**Reports to:** not stated.")
        moves.append("**Leads next:**")
        moves.append(
            "\n".join(
                f"- {KIND_LABELS[n.kind]}: {render.md(state.role_label(loaded, n.role))}. {render.md(n.reason)}"
                for n in onward
            )
            or "No onward move in the framework."
        )
        moves.append("**Reached from:**")
        moves.append(
            "\n".join(
                f"- {KIND_LABELS[n.kind]} from {render.md(state.role_label(loaded, n.role))}. {render.md(n.reason)}"
                for n in reached
            )
            or "No role leads here."
        )
        if managed:
            moves.append(
                "**Managed roles:** " + ", ".join(render.md(state.role_label(loaded, n.role)) for n in managed) + "."
            )
        # role id → button label (escaped: a button's label is Markdown to Streamlit), in the order of the text
        go = {}
        if manager:
            go[manager] = f"Reports to: {state.role_label(loaded, manager)}"
        for n in onward:
            go.setdefault(n.role, f"{KIND_LABELS[n.kind]}: {state.role_label(loaded, n.role)}")
        for n in reached:
            go.setdefault(n.role, f"{KIND_LABELS[n.kind]} from {state.role_label(loaded, n.role)}")
        for n in managed:
            go.setdefault(n.role, f"Manages: {state.role_label(loaded, n.role)}")
        go = {role_id: render.md(label) for role_id, label in go.items()}
        # Its grade, discipline, status and number of skills on one line, then what says where it sits and where
        # it comes from, then its description: one element.
        grade = render.md(fw.grade_label(role.grade)) if role.grade else "not stated"
        about = [
            f"**Grade:** {grade} · **Discipline:** {render.md(fw.discipline_label(role.discipline))} · "
            f"**Status:** {role.status} · **Skills:** {len(role.skills)}"
        ]
        if role.grade is None:
            about.append(render.md(node["bounds"][0].upper() + node["bounds"][1:] + "."))
        if role.grade_evidence:
            about.append(render.md(role.grade_evidence))
        about.append(f"**Source:** {render.md(source_text(fw, role))}")
        if role.description:
            about.extend(render.md(paragraph) for paragraph in role.description.split("\n\n"))
        return SimpleNamespace(
            about="\n\n".join(about),
            moves="\n\n".join(moves),
            go=go,
            extras=arrow(pd.DataFrame(extras, columns=["Fact", "As stated"])) if extras else None,
            skills=arrow(pd.DataFrame(skill_rows)) if skill_rows else None,
        )

    shown = loaded.recent(f"roles.profile:{role_id}", _profile)

    def _go() -> None:
        chosen = st.session_state.get(GO)
        st.session_state[GO] = None
        if chosen is not None:
            state.open_value(ROLE, chosen)

    st.button("All roles", icon=":material/arrow_back:", on_click=state.close_value, args=(ROLE,))
    st.title(render.md(role.title))
    st.markdown(shown.about)

    st.markdown(shown.moves)
    if shown.go:
        st.pills(
            "Go to a connected role",
            list(shown.go),
            format_func=shown.go.get,
            key=GO,
            on_change=_go,
            help="Opens the profile of a role named above.",
        )
    render.download(
        "Printable role profile (Markdown)",
        # Written when the button is pressed (and then kept for the recent roles), not on every rerun.
        lambda role_id=role_id: loaded.recent(
            f"roles.profile.md:{role_id}", lambda: role_profile_markdown(fw, role_id).encode()
        ),
        file_name=f"{role_id}.md",
        icon=":material/print:",
    )
    render.page_link(
        "pages/paths.py",
        label="Progression paths to this role",
        icon=":material/route:",
        query_params=state.link_params(loaded, to=role_id, **{"from": state.my_role_id(loaded)}),
    )

    if shown.extras is not None:
        st.dataframe(shown.extras, hide_index=True)

    # Only the open tab is drawn: choosing the other one reruns the page. The labels stay the same from role to
    # role (the number of skills is in the line above), so the open tab stays open when another role is opened.
    job, skills = state.lazy_tabs(["Job description", "Skills"], key="roles-tab")
    if job.open:
        with job:
            if role.job_description:
                render.job_description(role.job_description)
            elif isinstance(role.source, ReferencedSource):
                st.markdown(
                    "\n\n".join(
                        [
                            "This role has no job description of its own. The documents that name it say:",
                            *(
                                f"**{render.md(state.role_label(loaded, reference.role))}:** "
                                f"“{render.md(reference.evidence)}”"
                                for reference in role.source.referenced_by
                            ),
                        ]
                    )
                )
            elif role.expectations:  # a framework written as expectations: they are what describes the role
                st.markdown(
                    loaded.recent(f"roles.expectations:{role_id}", lambda: role_expectations_markdown(fw, role))
                )
            else:
                st.markdown("No job description in this framework.")
    if skills.open:
        with skills:
            if not role.skills:
                st.markdown("No skill requirements for this role in the framework.")
            else:
                st.dataframe(shown.skills, hide_index=True)
                for req in role.skills:
                    if req.evidence:
                        with st.expander(f"Evidence for {render.md(fw.skills_by_id[req.skill].name)}"):
                            render.bullets(req.evidence)
