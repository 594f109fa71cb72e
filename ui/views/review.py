"""Structure review, for leadership and HR: rungs, gaps, dead ends, cliffs, spans of control."""

from types import SimpleNamespace

import pandas as pd
import streamlit as st

from framework.review import (
    dead_ends,
    discipline_totals,
    grade_matrix,
    inversions,
    ladder_gaps,
    referenced_roles,
    review_markdown,
    review_xlsx,
    skill_cliffs,
    spans,
    unknown_grades,
    unreachable,
)
from ui import render, state
from ui.data import arrow, shared_figure
from ui.review_figures import matrix_figure, reporting_tree_figure


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}{'s' * (n != 1)}"


def main() -> None:
    loaded = state.framework()
    fw = loaded.framework
    G = loaded.graph

    def _review() -> SimpleNamespace:
        """Everything the page shows: it depends on the framework alone, so it is worked out once per framework
        version and shared by every session (tables as Arrow, figures built, Markdown lines written)."""
        status, titles = grade_matrix(fw)
        gap_lines = []
        for gap in ladder_gaps(fw, G):
            ladder = gap.discipline + (f" ({gap.track.replace('-', ' ')})" if gap.track else "")
            line = (
                f"**{render.md(ladder)}:** no role at {render.md(', '.join(gap.missing))} between "
                f"{render.md(fw.role(gap.lower).title)} and {render.md(fw.role(gap.upper).title)}"
            )
            if gap.unplaced:
                names = ", ".join(fw.role(r).title for r in gap.unplaced)
                line += f" — {render.md(names)}, whose grade is not stated, sits between them"
            gap_lines.append(line + ".")
        cliffs = skill_cliffs(fw, G)
        found = inversions(fw, G)
        span_table = spans(fw)
        referenced = referenced_roles(fw, G)
        dead = dead_ends(fw, G)
        no_way_in = unreachable(fw, G)
        unplaced = unknown_grades(fw, G)
        overview = (  # what each tab finds, in one line: which tabs to open
            f"**In short:** {_count(len(gap_lines), 'gap')} in ladders (missing rungs) · "
            f"{_count(len(dead), 'dead end')} · {_count(len(no_way_in), 'role')} with no way in · "
            f"{_count(len(unplaced), 'role')} whose grade is not stated · {_count(len(found), 'skill inversion')} · "
            f"{_count(len(referenced), 'referenced role')} without a document."
        )
        return SimpleNamespace(
            overview=overview,
            matrix=shared_figure(matrix_figure(status, titles)),
            titles=arrow(titles.reset_index(names="Discipline")),
            gap_lines=gap_lines,
            dead_ends=arrow(dead.drop(columns=["id"])),
            unreachable=arrow(no_way_in.drop(columns=["id"])),
            unknown=arrow(unplaced.drop(columns=["id"])),
            cliffs=None if cliffs.empty else arrow(cliffs.drop(columns=["from_id", "to_id"])),
            inversions=len(found),
            inversion_table=arrow(
                pd.DataFrame(
                    [
                        {
                            "Lower rung": fw.role(i.lower).title,
                            "Higher rung": fw.role(i.upper).title,
                            "Skill": fw.skills_by_id[i.skill].name,
                            "Lower rung needs": i.lower_level,
                            "Higher rung needs": i.upper_level,
                        }
                        for i in found
                    ]
                )
            )
            if found
            else None,
            tree=shared_figure(reporting_tree_figure(fw)),
            spans=arrow(span_table.drop(columns=["id"])),
            totals=arrow(discipline_totals(span_table)),
            referenced=None if referenced.empty else arrow(referenced.drop(columns=["id"])),
        )

    review = loaded.memo("review.page", _review)

    st.title("Structure review")
    st.markdown(
        "Is the structure sound? Each tab answers one question about the framework as a whole; every table can be "
        "downloaded with the rest of the review at the bottom of the page.\n\n" + review.overview
    )

    # Only the open tab is drawn (choosing another reruns the page): each holds tables or a chart.
    rungs, ends, cliffs, lines, referenced = state.lazy_tabs(
        ["Rungs", "Dead ends and ways in", "Skill cliffs", "Reporting lines", "Referenced roles"], key="review-tab"
    )
    if rungs.open:
        with rungs:
            st.header("Which rungs are filled?", divider="gray")
            st.plotly_chart(review.matrix, key="matrix")
            table_box = state.lazy_expander("The same as a table (roles in each rung)", key="review-rungs-table")
            with table_box:
                if table_box.open:
                    st.dataframe(review.titles, hide_index=True)
            # The heading and one paragraph per ladder, in one element: a framework of many ladders would otherwise
            # send dozens of elements on every rerun.
            missing = review.gap_lines or ["No ladder skips a grade between two of its roles."]
            st.markdown("\n\n".join(["## Missing rungs", *missing]))
    if ends.open:
        with ends:
            left, right = st.columns(2)
            with left:
                st.subheader("Dead ends")
                st.caption("Roles with no onward move. Those at the top of the scale are expected to be.")
                st.dataframe(review.dead_ends, hide_index=True)
            with right:
                st.subheader("No way in")
                st.caption("Roles no move leads into. The lowest rung of a ladder is its natural way in.")
                st.dataframe(review.unreachable, hide_index=True)
            st.subheader("Roles whose grade is not stated")
            st.dataframe(review.unknown, hide_index=True)
    if cliffs.open:
        with cliffs:
            st.header("Skill cliffs", divider="gray")
            if review.cliffs is None:
                st.write("No promotion links two roles that both have skill requirements.")
            else:
                st.markdown("Promotions ranked by the skill levels to gain: the steepest first.")
                st.dataframe(review.cliffs, hide_index=True)
            if review.inversion_table is not None:
                st.markdown(
                    f"**{review.inversions} inversions** — a higher rung needs a skill at a lower level than the "
                    "rung below:"
                )
                st.dataframe(review.inversion_table, hide_index=True)
            else:
                st.write("No inversions: no higher rung needs less of a skill than the rung below it.")
    if lines.open:
        with lines:
            st.header("Reporting lines and spans of control", divider="gray")
            st.plotly_chart(review.tree, key="tree")
            st.markdown("**Per role** (the same information as the tree, as a table)")
            st.dataframe(review.spans, hide_index=True)
            st.markdown("**Totals per discipline** (staff and budgets as the documents state them)")
            st.dataframe(review.totals, hide_index=True)
    if referenced.open:
        with referenced:
            st.header("Referenced roles without a document", divider="gray")
            if review.referenced is None:
                st.write("Every role has a document or an import of its own.")
            else:
                st.dataframe(review.referenced, hide_index=True)

    # The buttons are drawn only while their expander is open; the files are made when a button is pressed (once
    # per framework version), not on every rerun.
    files = state.lazy_expander("Download the review (Markdown or Excel)", key="review-downloads")
    with files:
        if files.open:
            buttons = st.container(horizontal=True)
            render.download(
                "Download as Markdown",
                lambda: loaded.memo("review.md", lambda: review_markdown(fw, G)),
                file_name=f"structure-review-{fw.id}.md",
                where=buttons,
            )
            render.download(
                "Download as Excel (XLSX)",
                lambda: loaded.memo("review.xlsx", lambda: review_xlsx(fw, G)),
                file_name=f"structure-review-{fw.id}.xlsx",
                where=buttons,
            )
