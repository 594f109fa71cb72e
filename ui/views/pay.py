"""Pay and progression: every grade's pay (where stated), what it expects and what it takes to reach the next."""

import streamlit as st

from framework.paycriteria import criteria_markdown, criteria_pdf, criteria_xlsx, pay_criteria
from ui import render, state


def _criteria(framework, graph):
    return pay_criteria(framework, graph)


def _markdown(framework, graph) -> str:
    return criteria_markdown(pay_criteria(framework, graph))


def _xlsx(framework, graph) -> bytes:
    return criteria_xlsx(pay_criteria(framework, graph))


def _pdf(framework, graph) -> bytes:
    return criteria_pdf(pay_criteria(framework, graph))


def main() -> None:
    loaded = state.framework()
    criteria = loaded.view(_criteria)
    st.title("Pay and progression")
    st.markdown(
        "For each grade: its pay, how pay moves within it, what its roles expect, and what it takes to progress to "
        "the next rung — the next rung's new and raised skills and the criteria it adds, as the skill gap "
        "computes them. Employers must make these criteria easy for staff to find (EU Pay Transparency "
        "Directive, Article 6; in the UK, equal pay for work of equal value under the Equality Act 2010)."
    )
    if not criteria.states_pay:
        st.info(
            "This framework states no pay for any of its grades. A framework file states a grade's pay under "
            "`grades[].pay` — `min`, `max`, `currency`, and optionally `spine_points`, `progression` (how pay "
            "moves within the grade) and a `note` — as *docs/framework-format.md* shows.",
            icon=":material/info:",
        )
    buttons = st.container(horizontal=True)
    fw = loaded.framework
    render.download("Markdown", lambda: loaded.view(_markdown), file_name=f"pay-criteria-{fw.id}.md", where=buttons)
    render.download("Excel (XLSX)", lambda: loaded.view(_xlsx), file_name=f"pay-criteria-{fw.id}.xlsx", where=buttons)
    render.download("PDF", lambda: loaded.view(_pdf), file_name=f"pay-criteria-{fw.id}.pdf", where=buttons)

    st.header("Grades", divider="gray")
    st.dataframe(
        {
            "Grade": [g.label for g in criteria.grades],
            "Pay": [g.pay for g in criteria.grades],
            "Spine points": [g.spine_points or "" for g in criteria.grades],
            "Pay within the grade": [g.in_grade or "not stated" for g in criteria.grades],
            "Roles": [len(g.roles) for g in criteria.grades],
        },
        hide_index=True,
    )
    names = [g.label for g in criteria.grades]
    chosen = st.selectbox("Grade", names, key="pay-grade", help="The grade whose roles and progression to show.")
    grade = criteria.grades[names.index(chosen)]
    if not grade.roles:
        st.write("No role of the framework is at this grade.")
    for role in grade.roles:
        with st.container(border=True):
            st.subheader(render.md(role.title))
            st.markdown(
                "**Expects:** " + (render.md("; ".join(role.skills)) if role.skills else "no skills on the scale")
            )
            if role.criteria:
                with st.expander(f"{len(role.criteria)} criteria, word for word"):
                    render.bullets(list(role.criteria))
            if not role.progressions:
                st.markdown("**Next grade:** no promotion leads on from this role in the framework.")
            for p in role.progressions:
                items = [f"New skill: {s}" for s in p.new_skills] + [f"Raised: {s}" for s in p.raised_skills]
                items += [f"Criterion to meet: {e}" for e in p.expectations]
                if p.target_states_nothing:
                    items = [f"{p.target_title} states no skills or criteria of its own: the framework does not say."]
                st.markdown(f"**To progress to {render.md(p.target_title)} ({render.md(p.target_grade)}):**")
                render.bullets(items or ["Nothing new: the next rung asks nothing this role does not already."])

    st.header("Subjective criteria", divider="gray")
    if criteria.subjective:
        st.markdown(
            f"{len(criteria.subjective)} criteria use wording that names a personality or a fit rather than what "
            "the work asks; each is hard to assess fairly:"
        )
        st.dataframe(
            {
                "Role": [s.title for s in criteria.subjective],
                "Criterion": [s.line for s in criteria.subjective],
                "Subjective wording": [", ".join(s.phrases) for s in criteria.subjective],
            },
            hide_index=True,
        )
    else:
        st.write("No criterion uses any of the subjective phrases checked for.")
    st.caption(
        "To see what changed in these criteria between two versions of a framework: "
        "`python -m framework criteria NEW.yaml --compare OLD.yaml`, or the Compare versions page."
    )
