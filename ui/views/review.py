"""Structure review, for leadership and HR: rungs, gaps, dead ends, cliffs, spans of control."""

import streamlit as st

from framework.review import review_markdown, review_xlsx
from framework.views import ReviewView, review_view
from ui import render, state
from ui.data import shared_figure
from ui.review_figures import matrix_figure, reporting_tree_figure


def _count(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


def _figures(framework, graph) -> tuple:
    """The rung matrix and the reporting tree: made once per framework version, shared, never changed."""
    review = review_view(framework, graph)
    matrix = shared_figure(matrix_figure(review.rung_status, review.rung_titles.set_index("Discipline")))
    return matrix, shared_figure(reporting_tree_figure(framework))


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
    overview = " · ".join(_count(n, one, many) for n, one, many in review.overview)
    st.markdown(
        "Is the structure sound? Each tab answers one question about the framework as a whole; every table can be "
        f"downloaded with the rest of the review at the bottom of the page.\n\n**In short:** {overview}."
    )

    # Only the open tab is drawn (choosing another reruns the page): each holds tables or a chart.
    rungs, ends, cliffs, lines, referenced = state.lazy_tabs(
        ["Rungs", "Dead ends and ways in", "Skill cliffs", "Reporting lines", "Referenced roles"], key="review-tab"
    )
    if rungs.open:
        with rungs:
            st.header("Which rungs are filled?", divider="gray")
            matrix, _ = loaded.view(_figures)
            st.plotly_chart(matrix, key="matrix")
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
                st.markdown("Promotions ranked by the skill levels to gain: the steepest first.")
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
            _, tree = loaded.view(_figures)
            st.plotly_chart(tree, key="tree")
            st.markdown("**Per role** (the same information as the tree, as a table)")
            st.dataframe(review.spans, hide_index=True)
            st.markdown("**Totals per discipline** (staff and budgets as the documents state them)")
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
