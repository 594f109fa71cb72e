"""Home: what the framework holds, and where each kind of user should start."""

import streamlit as st

from ui import render, state


def main() -> None:
    loaded = state.framework()
    fw = loaded.framework

    st.title("Career Explorer")
    # The framework's name (a heading) and its description in one element.
    st.markdown("\n\n".join([f"### {render.md(fw.name)}", *([render.md(fw.description)] if fw.description else [])]))

    # Counted and escaped once per framework version, not on every rerun.
    described, grades_line, disciplines_line = loaded.memo(
        "home.summary",
        lambda: (
            sum(r.status == "described" for r in fw.roles),
            " → ".join(render.md(g.label) for g in fw.grades),
            ", ".join(render.md(d.name) for d in fw.disciplines),
        ),
    )
    referenced = len(fw.roles) - described
    figures = st.container(horizontal=True)  # one block, where columns would be five
    figures.metric(
        "Roles",
        len(fw.roles),
        help=f"{described} described (a job description or an import), {referenced} only named by other roles",
    )
    figures.metric("Grades", len(fw.grades))
    figures.metric("Disciplines", len(fw.disciplines))
    figures.metric("Skills", len(fw.skills))

    st.markdown(f"**Grades, lowest first:** {grades_line}\n\n**Disciplines:** {disciplines_line}")
    if referenced:
        st.caption(
            f"{referenced} of the roles are named in other roles' documents but have no job description of their own; "
            "they are shown as referenced roles, with no invented text."
        )

    st.header("Where to start", divider="gray")
    staff, managers, leaders = st.columns(3)
    with staff:
        st.markdown(  # the heading and its text in one element
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
            "Is the structure sound? Look for missing rungs, dead ends and roles that are only referenced on the map "
            "and in the catalogue."
        )
        render.page_link("pages/map.py", label="Review the structure on the map", icon=":material/hub:")
        render.page_link("pages/roles.py", label="Browse every role", icon=":material/badge:")

    if fw.attribution:
        st.caption(render.md(fw.attribution))
