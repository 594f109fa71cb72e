"""Roles: a searchable, filterable catalogue, and the profile of one role (``?role=``)."""

import pandas as pd
import streamlit as st

from framework.catalogue import STATUS_LABELS, filter_catalogue, sort_catalogue
from framework.expectation_text import role_expectations_markdown
from framework.export import framework_csv, framework_xlsx, role_profile_markdown
from framework.gaptext import descriptor_markdown
from framework.hiring import DRAFTS, checked_document, checks_summary, hiring_document, hiring_file_name
from framework.views import CatalogueView, RoleProfile, catalogue_view, kind_label, role_profile
from ui import paging, pick_table, render, run_gate, state
from ui.skill_links import skill_link

ROLE = "role"  # the open profile: session key and query parameter
GO = "roles-go"  # the profile's "Go to a connected role" buttons


def main() -> None:
    loaded = state.framework()
    # The catalogue's filters, kept while they are not drawn: under their closed expander, and while a profile is
    # open ("All roles" goes back to the list as it was left).
    state.keep(*dict(FILTERS))
    if (picked := pick_table.picked(CATALOGUE)) is not None:  # a role opened from the catalogue's table
        state.open_value(ROLE, picked)
    # The catalogue, or one role's profile: the list and the detail are two views of the page (``?role=``).
    role_id = state.opened(ROLE, state.role_ids(loaded), what="the role")
    if role_id is None:
        catalogue(loaded)
    else:
        profile(loaded, role_id)


def _filtered(
    view: CatalogueView, query: str, disciplines: tuple, grades: tuple, statuses: tuple, sort: str | None, desc: bool
):
    """The catalogue rows the filters keep, sorted by ``sort`` (None: career order): their ids, and the table as
    the page shows it."""
    table = view.table
    shown = filter_catalogue(table, query=query, disciplines=disciplines, grades=grades, statuses=statuses)
    shown = sort_catalogue(shown, sort, descending=desc)
    return list(shown["id"]), shown[SHOWN_COLUMNS].reset_index(drop=True)


def _roles_csv(framework, graph) -> str:
    return framework_csv(framework, "roles")


def _matrix_csv(framework, graph) -> str:
    return framework_csv(framework, "matrix")


def _workbook(framework, graph) -> bytes:
    return framework_xlsx(framework)


def _expectations_text(framework, graph, role_id: str) -> str:
    return role_expectations_markdown(framework, role_id)


def _profile_file(framework, graph, role_id: str) -> bytes:
    return role_profile_markdown(framework, role_id).encode()


def _hiring_file(framework, graph, role_id: str, which: str, fmt: str) -> str | bytes:
    return hiring_document(framework, role_id, which, fmt)


def _hiring_checks(framework, graph, role_id: str, which: str) -> tuple[str, ...]:
    return tuple(checks_summary(*checked_document(framework, role_id, which)[1:]))


#: The catalogue's columns as the page shows them: the role's name first (the link that opens it).
SHOWN_COLUMNS = ["Role", "Grade", "Discipline", "Status", "Reports to", "Source"]
CATALOGUE = "catalogue"  # the table's key

FORMATS = (("docx", "Word"), ("pdf", "PDF"), ("md", "Markdown"))
#: Each draft's name on its buttons: short, so three buttons stand side by side, even on a phone.
SHORT = {"advert": "Advert", "interview": "Interview pack"}


def hiring_downloads(loaded, role_id: str) -> None:
    """Drafts of an advert and of interview questions for the role, what their checks found, and each draft as
    Word, PDF or Markdown, made when its button is pressed."""
    box = state.lazy_expander("Hiring documents (drafts, for HR)", key="roles-hiring")
    with box:
        if not box.open:
            return
        st.markdown(
            "Drafts made from this role in the framework's own words, each marked DRAFT. Each ends, on a page of "
            "its own, with checks for HR: masculine-coded words, questions about pay history, criteria outside the "
            "role's profile, unexplained acronyms and how readable it is, each naming where it is."
        )
        for which, (label, _) in DRAFTS.items():
            st.markdown(f"**{label}**")
            st.caption(render.md(" ".join(loaded.view(_hiring_checks, role_id, which))))
            buttons = st.container(horizontal=True)
            for fmt, name in FORMATS:
                render.download(
                    f"{SHORT[which]} ({name})",
                    lambda which=which, fmt=fmt: loaded.view(_hiring_file, role_id, which, fmt),
                    file_name=hiring_file_name(role_id, which, fmt),
                    where=buttons,
                    key=f"hiring-{which}-{fmt}",
                )


#: The catalogue's filters: each one's session key and query parameter, and what a link naming an unknown value
#: asked for.
FILTERS = (("discipline", "the discipline"), ("grade", "the grade"), ("status", "the status"))


def _filters(view: CatalogueView) -> tuple[list[str], list[str], list[str]]:
    """The disciplines, grades and statuses the catalogue is narrowed to. Their three pickers are drawn only while
    "Filter by discipline, grade or status" is open (it starts open when a link sets one): on every other visit
    the browser would build three multiselects, a fifth of the page's time, for a list most people search.
    Closed, the filters stay as they were left or as the link says (and the count above the list names them)."""
    options = {"discipline": view.disciplines, "grade": view.grades, "status": view.statuses}
    linked = any(key in st.query_params for key in options)
    box = state.lazy_expander("Filter by discipline, grade or status", key="roles-filters", expanded=linked)
    if not box.open:
        return tuple(state.held_values(key, options[key], what=what) for key, what in FILTERS)
    with box:
        discipline, grade, status = st.columns(3)
        with discipline:
            disciplines = state.bound_multiselect(
                "Discipline", view.disciplines, key="discipline", what="the discipline"
            )
        with grade:
            grades = state.bound_multiselect("Grade", view.grades, key="grade", what="the grade")
        with status:
            statuses = state.bound_multiselect(
                "Status",
                view.statuses,
                key="status",
                what="the status",
                format_func=lambda s: STATUS_LABELS.get(s, s),
                help="Whether a role has a description of its own — a job description, or one imported from a "
                "framework — or is only named in another role's job description.",
            )
    return disciplines, grades, statuses


def _filtered_by(disciplines: list[str], grades: list[str], statuses: list[str]) -> str:
    """The filters in force, as the end of the count's sentence (nothing when there are none)."""
    named = [
        f"{what}: {', '.join(render.md(v) for v in values)}"
        for what, values in (
            ("discipline", disciplines),
            ("grade", grades),
            ("status", [STATUS_LABELS.get(s, s) for s in statuses]),
        )
        if values
    ]
    return f" ({'; '.join(named)})" if named else ""


def catalogue(loaded) -> None:
    """Every role, searchable and filterable; a row (or the picker under the table) opens a profile."""
    fw = loaded.framework
    view = loaded.view(catalogue_view, on_disk=True)  # about 0.15 s to make at 10,000 roles: kept on disk too
    st.title("Roles")
    st.markdown("Find a role, then open its profile: its job description as written, its skills, and where it leads.")

    query = state.bound_text("Search roles", key="q", placeholder="e.g. delivery, developer")
    disciplines, grades, statuses = _filters(view)
    sorting = pick_table.sorting(CATALOGUE, SHOWN_COLUMNS)
    filters = (query, tuple(disciplines), tuple(grades), tuple(statuses), sorting.column, sorting.descending)
    shown_ids, shown_table = loaded.view_from((catalogue_view,), _filtered, *filters)

    downloads = state.lazy_expander("Download the framework (for HR)", key="roles-downloads")
    with downloads:
        if downloads.open:
            st.markdown(
                "The whole framework as spreadsheets: every role with its job-description fields, and the roles × "
                "skills matrix (the level each role requires)."
            )
            exports = st.columns(3)
            # Each file is made when its button is pressed, not on every rerun.
            render.download(
                "Roles (CSV)", lambda: loaded.view(_roles_csv), file_name=f"{fw.id}-roles.csv", where=exports[0]
            )
            render.download(
                "Skills matrix (CSV)",
                lambda: loaded.view(_matrix_csv),
                file_name=f"{fw.id}-skills-matrix.csv",
                where=exports[1],
            )
            render.download("Both (Excel)", lambda: loaded.view(_workbook), file_name=f"{fw.id}.xlsx", where=exports[2])
    st.caption(
        f"{len(shown_ids)} of {len(view.table)} roles{_filtered_by(disciplines, grades, statuses)}. Open a role by "
        "its name, or choose it below; a column's heading sorts the list."
    )
    # A hundred rows at a time: what the page sends stays the same however many roles the framework has.
    rows = paging.page(
        range(len(shown_ids)),
        key="catalogue-page",
        per_page=paging.ROWS_PER_PAGE,
        what="roles",
        where="search or filter above to narrow them.",
        list_of=(fw.id, query, tuple(disciplines), tuple(grades), tuple(statuses), sorting),
    )
    pick_table.pick_table(
        shown_table.iloc[rows.start : rows.stop],
        shown_ids[rows.start : rows.stop],
        key=CATALOGUE,
        label="Roles",
        param=ROLE,
        link_params=state.link_params(loaded),
        sorting=sorting,
    )
    # Or by its name, typed and chosen: choosing a role opens its profile.
    state.role_select(loaded, "Open the profile of", key=ROLE)
    me = state.my_role_id(loaded)
    if me is not None:
        st.button(
            f"Open my role: {render.md(state.role_label(loaded, me))}",
            on_click=state.open_value,
            args=(ROLE, me),
            icon=":material/badge:",
        )


def _about(shown: RoleProfile) -> str:
    """Its grade, discipline, status and number of skills on one line, then where it sits and comes from."""
    grade = render.md(shown.grade) if shown.grade else "not stated"
    about = [
        f"**Grade:** {grade} · **Discipline:** {render.md(shown.discipline)} · "
        f"**Status:** {render.md(shown.status_text)} · **Skills:** {len(shown.skills)}"
    ]
    if shown.placement:
        about.append(render.md(shown.placement))
    if shown.grade_evidence:
        about.append(render.md(shown.grade_evidence))
    about.append(f"**Source:** {render.md(shown.source)}")
    about.extend(descriptor_markdown(paragraph) for paragraph in shown.description)  # its "- …" lines a list
    return "\n\n".join(about)


def _moves(shown: RoleProfile) -> str:
    """Where the role leads and what leads to it, each move with its reason, as one text."""
    moves = []
    if shown.reports_to:
        said = ""
        if shown.reports_to_evidence:
            said = f" “{render.md(shown.reports_to_evidence)}”" + (" (inferred)" if shown.reports_to_inferred else "")
        note = f" {render.md(shown.reports_to_note)}" if shown.reports_to_note else ""
        moves.append(f"**Reports to:** {render.md(shown.reports_to.label)}.{said}{note}")
    else:
        moves.append("**Reports to:** not stated.")
    moves.append("**Leads next:**")
    moves.append(
        "\n".join(f"- {kind_label(c.kind)}: {render.md(c.label)}. {render.md(c.reason)}" for c in shown.onward)
        or "No onward move in the framework."
    )
    moves.append("**Reached from:**")
    moves.append(
        "\n".join(
            f"- {kind_label(c.kind)} from {render.md(c.label)}. {render.md(c.reason)}" for c in shown.reached_from
        )
        or "No role leads here."
    )
    if shown.manages:
        moves.append("**Managed roles:** " + ", ".join(render.md(c.label) for c in shown.manages) + ".")
    return "\n\n".join(moves)


def profile(loaded, role_id: str) -> None:
    """One role: its facts, where it leads and what leads to it, its job description as written and its skills."""
    shown = loaded.view(role_profile, role_id)
    connected = shown.connected

    def _go() -> None:
        chosen = st.session_state.get(GO)
        st.session_state[GO] = None
        if chosen is not None:
            state.open_value(ROLE, chosen)

    st.button("All roles", icon=":material/arrow_back:", on_click=state.close_value, args=(ROLE,))
    st.title(render.md(shown.title))
    st.markdown(_about(shown))

    st.markdown(_moves(shown))
    if connected:
        st.pills(
            "Go to a connected role",
            list(connected),
            format_func=lambda r: render.md(connected[r]),
            key=GO,
            on_change=_go,
            help="Opens the profile of a role named above.",
        )
    render.download(
        "Printable role profile (Markdown)",
        lambda: loaded.view(_profile_file, role_id),
        file_name=f"{role_id}.md",
        icon=":material/print:",
    )
    hiring_downloads(loaded, role_id)
    render.page_link(
        "pages/paths.py",
        label="Progression paths to this role",
        icon=":material/route:",
        query_params=state.link_params(loaded, to=role_id, **{"from": state.my_role_id(loaded)}),
    )

    if shown.stated:
        render.stacked_table(
            pd.DataFrame({"Fact": [f.label for f in shown.stated], "As stated": [f.text for f in shown.stated]}),
            key="stacked-role-facts",
        )

    profile_tabs(loaded, role_id)


@run_gate.fragment
def profile_tabs(loaded, role_id: str) -> None:
    """The profile's job description and skills, a tab each. A fragment: choosing the other tab, or opening the
    skills' evidence, reruns this alone, not the page and its sidebar."""
    shown = loaded.view(role_profile, role_id)
    # Only the open tab is drawn: choosing the other one reruns the tabs. The labels stay the same from role to
    # role (the number of skills is in the line above), so the open tab stays open when another role is opened.
    job, skills = state.lazy_tabs(["Job description", "Skills"], key="roles-tab")
    if job.open:
        with job:
            if shown.job_description:
                render.job_description(shown.job_description)
            elif shown.referenced_by:
                st.markdown(
                    "\n\n".join(
                        [
                            "This role has no job description of its own. The documents that name it say:",
                            *(f"**{render.md(label)}:** “{render.md(line)}”" for label, line in shown.referenced_by),
                        ]
                    )
                )
            elif loaded.framework.role(role_id).expectations:  # a framework written as expectations
                st.markdown(loaded.view(_expectations_text, role_id))
            else:
                st.markdown("No job description in this framework.")
    if skills.open:
        with skills:
            if not shown.skills:
                st.markdown("No skill requirements for this role in the framework.")
            else:
                # A table of text to read (each level's description whole, wrapped), not a grid to sort: drawn as
                # Markdown, a block per skill on a phone, in a fraction of a data grid's time in the browser.
                render.stacked_table(
                    pd.DataFrame(
                        {
                            "Skill": [s.name for s in shown.skills],
                            "Level": [s.level for s in shown.skills],
                            "What the level looks like": [s.descriptor or "Not defined" for s in shown.skills],
                            "Source": [s.source for s in shown.skills],
                            "Evidence lines": [len(s.evidence) for s in shown.skills],
                        }
                    ),
                    key="stacked-role-skills",
                )
                st.markdown("**Each skill's page:** every level, the roles that need it, and how to learn it.")
                for line in shown.skills:
                    skill_link(loaded, line.skill, label=f"{line.name} ({line.level})")
                with_evidence = [line for line in shown.skills if line.evidence]
                if with_evidence:
                    # One expander, drawn once opened (a rerun): the lines behind the table's "Evidence lines",
                    # which most visits never read, and which the browser would otherwise draw closed.
                    evidence = state.lazy_expander(
                        "Evidence: the job description's lines behind each skill", key="role-evidence"
                    )
                    if evidence.open:
                        evidence.markdown(
                            "\n\n".join(
                                f"**{render.md(line.name)}**\n\n{render.bullets_markdown(list(line.evidence))}"
                                for line in with_evidence
                            )
                        )
