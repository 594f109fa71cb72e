"""Home: what the framework holds, and where each kind of user should start."""

import streamlit as st

from framework.views import home_view
from ui import render, state


def main() -> None:
    loaded = state.framework()
    home = loaded.view(home_view)

    st.title("Career Explorer")
    st.markdown(
        "\n\n".join([f"## {render.md(home.name)}", *([render.md(home.description)] if home.description else [])])
    )

    figures = st.container(horizontal=True)
    figures.metric(
        "Roles",
        home.roles,
        help=f"{home.described} described (a job description or an import), {home.referenced} only named by "
        "other roles",
    )
    figures.metric("Grades", len(home.grades))
    figures.metric("Disciplines", len(home.disciplines))
    figures.metric("Skills", home.skills)

    grades = " → ".join(render.md(g) for g in home.grades)
    disciplines = ", ".join(render.md(d) for d in home.disciplines)
    st.markdown(f"**Grades, lowest first:** {grades}\n\n**Disciplines:** {disciplines}")
    if home.referenced:
        st.caption(
            f"{home.referenced} of the roles are named in other roles' documents but have no job description of "
            "their own; they are shown as referenced roles, with no invented text."
        )

    st.header("Where to start", divider="gray")
    staff, managers, leaders = st.columns(3)
    with staff:
        st.markdown(
            "### Staff\n\n"
            "Where can I go from here, and what do I need to learn? Set **My current role** in the sidebar, then:"
        )
        render.page_link("pages/map.py", label="See the career map", icon=":material/hub:")
        render.page_link("pages/paths.py", label="Find routes to a role", icon=":material/route:")
        render.page_link("pages/gap.py", label="Check your skill gap", icon=":material/checklist:")
    with managers:
        st.markdown(
            "### Line managers\n\n"
            "Preparing a development conversation? Compare your report's role with the role they are aiming for, "
            "and download a plan with the gaps, what good looks like, and space for agreed actions."
        )
        render.page_link("pages/gap.py", label="Skill gap and development plan", icon=":material/checklist:")
        render.page_link("pages/roles.py", label="Read a role's job description", icon=":material/badge:")
    with leaders:
        st.markdown(
            "### Leadership and HR\n\n"
            "Is the structure sound? Look for missing rungs, dead ends, skill cliffs and roles that are only "
            "referenced, and compare roles side by side."
        )
        render.page_link("pages/review.py", label="Review the structure", icon=":material/account_tree:")
        render.page_link("pages/compare.py", label="Compare roles", icon=":material/compare_arrows:")
        render.page_link("pages/roles.py", label="Browse every role", icon=":material/badge:")

    if home.attribution:
        st.caption(render.md(home.attribution))
