"""Compare two or three roles side by side (``?roles=a&roles=b``)."""

import streamlit as st

from framework.compare import compare_criteria, compare_facts, compare_skills
from ui import render, state

loaded = state.framework()
fw = loaded.framework

st.title("Compare roles")
st.markdown(
    "Choose two or three roles to see them side by side: grade, purpose, span of control, the skills each needs "
    "(with the differences marked) and the person-specification criteria that are not shared."
)
chosen = state.bound_multiselect(
    "Roles to compare",
    [r.id for r in fw.roles],
    key="roles",
    what="the roles",
    format_func=lambda r: state.role_label(loaded, r),
    max_selections=3,
    placeholder="Choose two or three roles",
)
if len(chosen) < 2:
    st.info("Choose at least two roles.")
    st.stop()

st.header("Facts", divider="gray")
st.dataframe(compare_facts(fw, chosen), hide_index=True)

st.header("Skills", divider="gray")
skills = compare_skills(fw, chosen)
if skills.empty:
    st.write("None of these roles has skill requirements in the framework.")
else:
    differing = int((skills["Differs"] == "yes").sum())
    st.markdown(
        f"{differing} of {len(skills)} skills differ between the roles: they are marked **yes** in the last "
        "column (— means the role does not require the skill)."
    )
    st.dataframe(
        skills.style.apply(lambda row: ["font-weight: bold" if row["Differs"] == "yes" else "" for _ in row], axis=1),
        hide_index=True,
    )

st.header("Criteria that differ", divider="gray")
criteria = compare_criteria(fw, chosen)
if criteria.empty:
    st.write("The roles share every person-specification criterion (or have no person specification).")
else:
    st.caption(f"{len(criteria)} criteria are asked by some of the roles but not all.")
    st.dataframe(criteria, hide_index=True)

for role_id in chosen:
    render.role_link(loaded, role_id, label=f"Open the profile of {state.role_label(loaded, role_id)}")
