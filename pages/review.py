"""Structure review, for leadership and HR: rungs, gaps, dead ends, cliffs, spans of control."""

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
from ui.review_figures import matrix_figure, reporting_tree_figure

loaded = state.framework()
fw = loaded.framework
G = loaded.graph

st.title("Structure review")
st.markdown(
    "Is the structure sound? Each section answers one question about the framework as a whole; every table "
    "can be downloaded with the rest of the review at the bottom of the page."
)

st.header("Which rungs are filled?", divider="gray")
status, titles = grade_matrix(fw)
st.plotly_chart(matrix_figure(status, titles), key="matrix")
with st.expander("The same as a table (roles in each rung)"):
    st.dataframe(titles.reset_index(names="Discipline"), hide_index=True)

st.header("Missing rungs", divider="gray")
gaps = ladder_gaps(fw, G)
if not gaps:
    st.write("No ladder skips a grade between two of its roles.")
for gap in gaps:
    ladder = gap.discipline + (f" ({gap.track.replace('-', ' ')})" if gap.track else "")
    line = (
        f"**{render.md(ladder)}:** no role at {render.md(', '.join(gap.missing))} between "
        f"{render.md(fw.role(gap.lower).title)} and {render.md(fw.role(gap.upper).title)}"
    )
    if gap.unplaced:
        names = ", ".join(fw.role(r).title for r in gap.unplaced)
        line += f" — {render.md(names)}, whose grade is not stated, sits between them"
    st.markdown(line + ".")

left, right = st.columns(2)
with left:
    st.subheader("Dead ends")
    st.caption("Roles with no onward move. Those at the top of the scale are expected to be.")
    st.dataframe(dead_ends(fw, G).drop(columns=["id"]), hide_index=True)
with right:
    st.subheader("No way in")
    st.caption("Roles no move leads into. The lowest rung of a ladder is its natural way in.")
    st.dataframe(unreachable(fw, G).drop(columns=["id"]), hide_index=True)

st.subheader("Roles whose grade is not stated")
st.dataframe(unknown_grades(fw, G).drop(columns=["id"]), hide_index=True)

st.header("Skill cliffs", divider="gray")
cliffs = skill_cliffs(fw, G)
if cliffs.empty:
    st.write("No promotion links two roles that both have skill requirements.")
else:
    st.markdown("Promotions ranked by the skill levels to gain: the steepest first.")
    st.dataframe(cliffs.drop(columns=["from_id", "to_id"]), hide_index=True)
found = inversions(fw, G)
if found:
    st.markdown(f"**{len(found)} inversions** — a higher rung needs a skill at a lower level than the rung below:")
    st.dataframe(
        [
            {
                "Lower rung": fw.role(i.lower).title,
                "Higher rung": fw.role(i.upper).title,
                "Skill": fw.skills_by_id[i.skill].name,
                "Lower rung needs": i.lower_level,
                "Higher rung needs": i.upper_level,
            }
            for i in found
        ],
        hide_index=True,
    )
else:
    st.write("No inversions: no higher rung needs less of a skill than the rung below it.")

st.header("Reporting lines and spans of control", divider="gray")
st.plotly_chart(reporting_tree_figure(fw), key="tree")
span_table = spans(fw)
st.markdown("**Per role** (the same information as the tree, as a table)")
st.dataframe(span_table.drop(columns=["id"]), hide_index=True)
st.markdown("**Totals per discipline** (staff and budgets as the documents state them)")
st.dataframe(discipline_totals(span_table), hide_index=True)

st.header("Referenced roles without a document", divider="gray")
referenced = referenced_roles(fw, G)
if referenced.empty:
    st.write("Every role has a document or an import of its own.")
else:
    st.dataframe(referenced.drop(columns=["id"]), hide_index=True)

st.header("Download the review", divider="gray")
downloads = st.columns(2)
downloads[0].download_button(
    "Download as Markdown",
    loaded.memo("review.md", lambda: review_markdown(fw, G)),
    file_name=f"structure-review-{fw.id}.md",
    mime="text/markdown",
    icon=":material/download:",
)
downloads[1].download_button(
    "Download as Excel (XLSX)",
    loaded.memo("review.xlsx", lambda: review_xlsx(fw, G)),
    file_name=f"structure-review-{fw.id}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
)
