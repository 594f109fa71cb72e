"""Pay and progression: every grade's pay (where stated), what it expects and what it takes to reach the next."""

import pandas as pd
import streamlit as st

from framework.paycriteria import (
    PAY_EXAMPLE,
    GradeRoles,
    RoleAtGrade,
    criteria_markdown,
    criteria_pdf,
    criteria_xlsx,
    no_pay_text,
    pay_criteria,
    pay_outline,
    progression_heading,
    progression_items,
    role_at_grade,
    role_progressions,
    salaries_text,
)
from ui import paging, render, run_gate, state

#: A grade with more roles than this lists them closed, to be opened one by one; with fewer, open.
OPEN_UP_TO = 3
#: A grade's roles shown at a time (a framework of thousands of roles has hundreds at a grade).
ROLES_PER_PAGE = 50


def _outline(framework, graph):
    """What the page shows of every grade: each role's criteria and progressions are worked out when the role is
    opened. Kept on disk: at 10,000 roles it is made in about 35 ms after a start and read back in 4 ms."""
    return pay_outline(framework)


def _every_criterion(framework, graph):
    """All of it, each role's progressions too: for the downloads."""
    return pay_criteria(framework, graph)


def _roles_text(grade: GradeRoles) -> str:
    if not grade.roles:
        return "none"
    if len(grade.roles) > OPEN_UP_TO:
        return f"{len(grade.roles)} roles"
    return ", ".join(title for _, title in grade.roles)


def grades_table(criteria) -> pd.DataFrame:
    """One row a grade: its roles, and its pay where the framework states any."""
    rows = []
    for g in criteria.grades:
        row = {"Grade": g.label}
        if criteria.states_pay:
            row |= {"Pay": g.pay, "Spine points": g.spine_points or "", "Pay within the grade": g.in_grade or ""}
        row |= {"Roles at this grade": _roles_text(g)}
        if criteria.salaries:
            row |= {"Salaries its roles state": salaries_text(g) or "none"}
        rows.append(row)
    return pd.DataFrame(rows)


def _role(loaded, role: RoleAtGrade) -> None:
    if role.salary:
        salary = "; ".join(f"“{render.md(line)}”" for line in role.salary)
        st.markdown(f"**Salary, as its job description states it:** {salary}")
    if role.skill_levels:
        skills = pd.DataFrame(role.skill_levels, columns=["Skill it expects", "At level"])
        st.markdown(render.table_markdown(skills))
    else:
        st.markdown("Expects no skills on the framework's scale.")
    if role.criteria:
        st.markdown(f"**Its criteria ({len(role.criteria)}), essential first:**")
        render.bullets(list(role.criteria))
    progressions = role.progressions
    if progressions is None:
        progressions = loaded.view(role_progressions, role.role)
    if not progressions:
        st.markdown("**Next grade:** no promotion leads on from this role in the framework.")
    for p in progressions:
        st.markdown(f"**{render.md(progression_heading(p))}:**")
        render.bullets(progression_items(p))


@run_gate.fragment
def grade_roles(loaded) -> None:
    """One grade's roles, each with what it expects and what it takes to progress from it. A fragment: choosing
    another grade, or opening a role, reruns this section alone; a closed role's contents are drawn only once it
    is opened (a grade may hold dozens of roles, each with its tables and lists)."""
    criteria = loaded.view(_outline, on_disk=True)
    names = [g.label for g in criteria.grades]
    chosen = st.selectbox(
        "Grade", names, key="pay-grade", help="The grade whose roles, and what it takes to progress from each, to show."
    )
    grade = criteria.grades[names.index(chosen)]
    if criteria.states_pay:
        st.markdown(f"**Pay:** {render.md(grade.pay)}")
    if not grade.roles:
        st.markdown("No role of the framework is at this grade.")
    shown = paging.page(
        grade.roles,
        key="pay-roles-page",
        per_page=ROLES_PER_PAGE,
        what="roles",
        where="the downloads hold them all.",
        list_of=(loaded.framework.id, chosen),
    )
    for role, title in shown:
        box = state.lazy_expander(render.md(title), key=f"pay-role-{role}", expanded=len(grade.roles) <= OPEN_UP_TO)
        with box:
            if box.open:
                _role(loaded, loaded.view(role_at_grade, role))


def main() -> None:
    loaded = state.framework()
    criteria = loaded.view(_outline, on_disk=True)
    st.title("Pay and progression")
    st.markdown(
        "For each grade: its pay, how pay moves within it, what its roles expect, and what it takes to progress to "
        "the next rung — the next rung's new and raised skills and the criteria it adds, as the skill gap "
        "computes them. Employers must make these criteria easy for staff to find (EU Pay Transparency "
        "Directive, Article 6; in the UK, equal pay for work of equal value under the Equality Act 2010)."
    )
    if not criteria.states_pay:
        st.info(
            f"{render.md(no_pay_text(criteria))} The criteria for progression below stand without a grade's pay; "
            "to add pay, state it for each grade in the framework file, as the example under “How a framework file "
            "states pay” shows.",
            icon=":material/info:",
        )
        # Drawn once opened: a code block costs the browser about 300 ms of every visit, and few visits open it.
        example = state.lazy_expander("How a framework file states pay", key="pay-example")
        if example.open:
            example.markdown(
                "Under each grade, `pay` holds `min`, `max` and `currency` (a year, in whole pounds, euros or "
                "dollars), and may hold `spine_points`, `progression` (how pay moves within the grade, in the "
                "organisation's words) and a `note`. The figures here are an illustration, not this framework's "
                "(the framework format guide, docs/framework-format.md, has every rule):"
            )
            # Plain (the highlighting colours are too faint to read), and wrapped: a phone does not scroll it sideways.
            example.code(PAY_EXAMPLE, language=None, wrap_lines=True)
    fw = loaded.framework
    st.markdown("**Download the criteria of every grade:**")
    buttons = st.container(horizontal=True)
    files = (("Criteria (PDF)", criteria_pdf, "pdf"), ("Criteria (Excel)", criteria_xlsx, "xlsx"))
    for label, write, ext in (*files, ("Criteria (Markdown)", criteria_markdown, "md")):
        render.download(
            label,
            lambda write=write: loaded.view_from((_every_criterion,), write),
            file_name=f"pay-criteria-{fw.id}.{ext}",
            where=buttons,
        )

    st.header("Grades", divider="gray")
    if criteria.states_pay or criteria.salaries:  # pay, spine points, rules, salaries: a block a grade on a phone
        render.stacked_table(grades_table(criteria), key="stacked-pay-grades")
    else:  # two short columns fit any screen
        st.markdown(render.table_markdown(grades_table(criteria)))
    grade_roles(loaded)

    st.header("Subjective criteria", divider="gray")
    if criteria.subjective:
        st.markdown(
            f"{len(criteria.subjective)} criteria use wording that names a personality or a fit rather than what "
            "the work asks; each is hard to assess fairly:"
        )
        subjective = paging.page(
            criteria.subjective,
            key="pay-subjective-page",
            per_page=paging.ROWS_PER_PAGE,
            list_of=loaded.framework.id,
            what="criteria",
            where="the downloads hold them all.",
        )
        render.stacked_table(
            pd.DataFrame(
                {
                    "Role": [s.title for s in subjective],
                    "Criterion": [s.line for s in subjective],
                    "Subjective wording": [", ".join(s.phrases) for s in subjective],
                }
            ),
            key="stacked-pay-subjective",
        )
    else:
        st.markdown("No criterion uses any of the subjective phrases checked for (“good fit”, “dynamic”, …).")
    st.markdown(
        "What changed in these criteria between two versions of the framework — roles regraded, skills and "
        "criteria changed, promotions added or removed — is on the Compare versions page; the command "
        "`python -m framework criteria NEW.yaml --compare OLD.yaml` adds the changes in each grade's pay."
    )
    render.page_link("pages/versions.py", label="Compare versions", icon=":material/difference:")
