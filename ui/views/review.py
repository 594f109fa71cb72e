"""Structure review, for leadership and HR: what to do first, then rungs, gaps, dead ends, cliffs, grading
consistency and spans of control."""

from urllib.parse import urlencode

import streamlit as st

from framework.findings import BY_DESIGN, PROBLEM, WORTH_A_LOOK
from framework.grading import GradingRule
from framework.review import review_markdown, review_xlsx
from framework.views import ReviewView, review_view
from framework.views.review import FindingView
from framework.wording import plural
from ui import render, state
from ui.data import Loaded, shared_figure
from ui.pages import url_path
from ui.review_figures import matrix_figure

SEVERITY_HEADINGS = {PROBLEM: "Problems", WORTH_A_LOOK: "Worth a look", BY_DESIGN: "By design"}
SEVERITY_INTROS = {
    PROBLEM: "Real problems of the structure: each stops people moving, or asks too much of them at once.",
    WORTH_A_LOOK: "Not wrong on their face, but worth checking with the people who own the framework.",
    BY_DESIGN: "Expected in any structure: listed so nothing is hidden, with nothing to do.",
}
LINKS_SHOWN = 12  # role links per finding; the rest are counted


def _figures(framework, graph):
    """The rung matrix: made once per framework version, shared, never changed."""
    review = review_view(framework, graph)
    return shared_figure(matrix_figure(review.rung_status, review.rung_titles.set_index("Discipline")))


def _role_links(loaded: Loaded, roles: tuple[tuple[str, str], ...]) -> str:
    """Markdown links to the roles' profiles (titles escaped), the first few, and how many more."""
    links = [
        f"[{render.md(title)}](./{url_path('pages/roles.py')}?{urlencode(state.link_params(loaded, role=rid))})"
        for rid, title in roles[:LINKS_SHOWN]
    ]
    more = len(roles) - LINKS_SHOWN
    return " · ".join(links) + (f" and {more} more" if more > 0 else "")


def _finding(loaded: Loaded, f: FindingView) -> str:
    text = f"**{render.md(f.title)}**  \n{render.md(f.why)}."
    if f.roles:
        text += f"  \nRoles: {_role_links(loaded, f.roles)}"
    return text + f"  \n*What to do:* {render.md(f.action)}."


def _findings(loaded: Loaded, review: ReviewView) -> None:
    for severity, heading in SEVERITY_HEADINGS.items():
        found = review.by_severity(severity)
        st.subheader(f"{heading} ({len(found)})")
        st.caption(SEVERITY_INTROS[severity])
        if not found:
            st.write("Nothing found.")
            continue
        st.markdown("\n\n".join(f"- {_finding(loaded, f)}".replace("  \n", "  \n  ") for f in found))


def _grading(loaded: Loaded, review: ReviewView) -> None:
    rule = GradingRule()
    st.markdown(
        f"Roles at **different grades** whose requirements are at least {rule.similar:.0%} alike, and roles at "
        f"**one grade** whose skills differ by {rule.level_gap:g} level of the scale or more on average (or, where "
        f"only expectations are stated, one stating {rule.count_ratio:g} times as many), within and across "
        "disciplines. How alike is the weighted overlap of the skills at their levels and the expectations."
    )
    st.caption(review.grading_note)
    if not review.grading:
        st.write("Nothing found: the grades ask for consistent requirements.")
        return
    blocks = []
    for pair in review.grading:
        first = _role_links(loaded, (pair.first,))
        second = _role_links(loaded, (pair.second,))
        evidence = "\n".join(f"  - {render.md(line)}" for line in pair.evidence)
        blocks.append(
            f"- **{render.md(pair.kind.capitalize())}** ({pair.alike} alike): {first} and {second}\n{evidence}"
        )
    st.markdown("\n".join(blocks))


def _tree(loaded: Loaded, review: ReviewView) -> None:
    if not review.tree:
        st.write(
            "The framework states no reporting lines: none of its roles names a manager, so there is no tree to "
            "draw and no span of control to count."
        )
        return
    lines = []
    for line in review.tree:
        span = f"{line.direct} direct, {line.all} in all" if line.all else "no reports"
        link = _role_links(loaded, ((line.role, line.title),))
        lines.append(f"{'  ' * (line.depth - 1)}- {link} ({render.md(line.grade)}; {span})")
    st.markdown("\n".join(lines))
    if review.unlinked:
        st.caption(f"{review.unlinked} roles are in no reporting line and are not shown.")


def _markdown(framework, graph) -> str:
    return review_markdown(framework, graph)


def _workbook(framework, graph) -> bytes:
    return review_xlsx(framework, graph)


def _missing_rungs(review: ReviewView) -> list[str]:
    lines = []
    for gap in review.missing_rungs:
        line = (
            f"**{render.md(gap.ladder)}:** no role at {render.md(', '.join(gap.missing))} between "
            f"{render.md(gap.lower)} and {render.md(gap.upper)}"
        )
        if gap.unplaced:
            line += f" — {render.md(', '.join(gap.unplaced))}, whose grade is not stated, sits between them"
        lines.append(line + ".")
    return lines or ["No ladder skips a grade between two of its roles."]


def main() -> None:
    loaded = state.framework()
    review = loaded.view(review_view)

    st.title("Structure review")
    overview = " · ".join(plural(n, one, many) for n, one, many in review.overview)
    st.markdown(
        "Is the structure sound? Each tab answers one question about the framework as a whole; every table can be "
        f"downloaded with the rest of the review at the bottom of the page.\n\n**In short:** {overview}."
    )

    # Only the open tab is drawn (choosing another reruns the page): each holds tables or a chart.
    todo, rungs, ends, cliffs, grading, lines, referenced = state.lazy_tabs(
        [
            "What to do",
            "Rungs",
            "Dead ends and ways in",
            "Skill cliffs",
            "Grading consistency",
            "Reporting lines",
            "Referenced roles",
        ],
        key="review-tab",
    )
    if todo.open:
        with todo:
            st.header("What to do", divider="gray")
            _findings(loaded, review)
    if grading.open:
        with grading:
            st.header("Grading consistency", divider="gray")
            _grading(loaded, review)
    if rungs.open:
        with rungs:
            st.header("Which rungs are filled?", divider="gray")
            st.plotly_chart(loaded.view(_figures), key="matrix")
            table_box = state.lazy_expander("The same as a table (roles in each rung)", key="review-rungs-table")
            with table_box:
                if table_box.open:
                    st.dataframe(review.rung_titles, hide_index=True)
            st.markdown("\n\n".join(["## Missing rungs", *_missing_rungs(review)]))
    if ends.open:
        with ends:
            st.header("Dead ends and ways in", divider="gray")
            left, right = st.columns(2)
            with left:
                st.subheader("Dead ends")
                st.caption("Roles with no onward move. Those at the top of the scale are expected to be.")
                st.dataframe(review.dead_ends, hide_index=True)
            with right:
                st.subheader("No way in")
                st.caption("Roles no move leads into. The lowest rung of a ladder is its natural way in.")
                st.dataframe(review.no_way_in, hide_index=True)
            st.subheader("Roles whose grade is not stated")
            st.dataframe(review.unknown_grades, hide_index=True)
    if cliffs.open:
        with cliffs:
            st.header("Skill cliffs", divider="gray")
            if review.cliffs.empty:
                st.write("No promotion links two roles that both have skill requirements.")
            else:
                st.markdown(
                    "Every promotion ranked by the skill levels to gain, the steepest first; a step through a rung "
                    "that states no skills of its own is measured from the rung below it (*Through*)."
                )
                st.dataframe(review.cliffs, hide_index=True)
            if review.inversions.empty:
                st.write("No inversions: no higher rung needs less of a skill than the rung below it.")
            else:
                st.markdown(
                    f"**{len(review.inversions)} inversions** — a higher rung needs a skill at a lower level than "
                    "the rung below:"
                )
                st.dataframe(review.inversions, hide_index=True)
    if lines.open:
        with lines:
            st.header("Reporting lines and spans of control", divider="gray")
            st.subheader("The tree")
            _tree(loaded, review)
            st.subheader("Per role")
            st.dataframe(review.spans, hide_index=True)
            st.subheader("Totals per discipline")
            st.caption("Staff and budgets as the documents state them.")
            st.dataframe(review.totals, hide_index=True)
    if referenced.open:
        with referenced:
            st.header("Referenced roles without a document", divider="gray")
            if review.referenced.empty:
                st.write("Every role has a document or an import of its own.")
            else:
                st.dataframe(review.referenced, hide_index=True)

    # The buttons are drawn only while their expander is open; each file is made when its button is pressed.
    files = state.lazy_expander("Download the review (Markdown or Excel)", key="review-downloads")
    with files:
        if files.open:
            fw = loaded.framework
            buttons = st.container(horizontal=True)
            render.download(
                "Download as Markdown",
                lambda: loaded.view(_markdown),
                file_name=f"structure-review-{fw.id}.md",
                where=buttons,
            )
            render.download(
                "Download as Excel (XLSX)",
                lambda: loaded.view(_workbook),
                file_name=f"structure-review-{fw.id}.xlsx",
                where=buttons,
            )
