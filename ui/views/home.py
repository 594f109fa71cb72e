"""Home: what the framework holds, and where each kind of user should start."""

import streamlit as st

from framework.views import HomeView, home_view
from ui import render, state
from ui.pages import by_script
from ui.svg_text import xml

#: Where each kind of user starts: who, the question they bring, and the pages that answer it (script, link text).
START = (
    (
        "Staff",
        "Where can I go from here, and what do I need to learn? Set **My current role** in the sidebar, then:",
        (
            ("pages/map.py", "See the career map"),
            ("pages/paths.py", "Find routes to a role"),
            ("pages/gap.py", "Check your skill gap"),
        ),
    ),
    (
        "Line managers",
        "Preparing a development conversation? Compare your report's role with the role they are aiming for, and "
        "download a plan with the gaps, what good looks like, and space for agreed actions.",
        (("pages/gap.py", "Skill gap and development plan"), ("pages/roles.py", "Read a role's job description")),
    ),
    (
        "Leadership and HR",
        "Is the structure sound? Look for missing rungs, dead ends, skill cliffs and roles that are only referenced, "
        "and compare roles side by side.",
        (
            ("pages/review.py", "Review the structure"),
            ("pages/compare.py", "Compare roles"),
            ("pages/roles.py", "Browse every role"),
        ),
    ),
)


def figures_html(home: HomeView) -> str:
    """What the framework holds, in figures: a description list styled by :mod:`ui.style` (``st.metric`` brings
    number-formatting and chart scripts, about 60 KB, that a page opened by a link evaluated before it drew)."""
    figures = [
        ("Roles", home.roles),
        ("Grades", len(home.grades)),
        ("Disciplines", len(home.disciplines)),
        ("Skills", home.skills),
    ]
    items = "".join(f"<div><dt>{xml(label)}</dt><dd>{value:,}</dd></div>" for label, value in figures)
    return f'<dl class="home-figures">{items}</dl>'


def main() -> None:
    loaded = state.framework()
    home = loaded.view(home_view)

    st.title("Career Explorer")
    st.markdown(
        "\n\n".join([f"## {render.md(home.name)}", *([render.md(home.description)] if home.description else [])])
    )

    st.html(figures_html(home))

    grades = " → ".join(render.md(g) for g in home.grades)
    disciplines = ", ".join(render.md(d) for d in home.disciplines)
    st.markdown(f"**Grades, lowest first:** {grades}\n\n**Disciplines:** {disciplines}")
    if home.referenced:
        st.caption(
            f"{home.described} of the roles are described (a job description or an import); the other "
            f"{home.referenced} are named in other roles' documents but have no job description of their own, and "
            "are shown as referenced roles, with no invented text."
        )

    st.header("Where to start", divider="gray")
    for column, (who, question, links) in zip(st.columns(len(START)), START, strict=True):
        with column:
            st.markdown(f"### {who}\n\n{question}")
            for script, label in links:
                render.page_link(script, label=label, icon=by_script(script).icon)

    if home.attribution:
        st.caption(render.md(home.attribution))
