"""Compare two or three roles side by side (``?roles=a&roles=b``)."""

from types import SimpleNamespace

import streamlit as st

from framework.compare import compare_criteria, compare_facts, compare_skills
from ui import render, state
from ui.data import arrow


def main() -> None:
    loaded = state.framework()
    fw = loaded.framework

    st.title("Compare roles")
    st.markdown(
        "Choose two or three roles to see them side by side: grade, purpose, span of control, the skills each needs "
        "(with the differences marked) and the person-specification criteria that are not shared."
    )
    chosen = state.bound_multiselect(
        "Roles to compare",
        state.role_ids(loaded),
        key="roles",
        what="the roles",
        format_func=state.role_namer(loaded),
        max_selections=3,
        placeholder="Choose two or three roles",
    )
    if len(chosen) < 2:
        st.info("Choose at least two roles.")
        st.stop()

    def _comparison() -> SimpleNamespace:
        skills = compare_skills(fw, chosen)
        criteria = compare_criteria(fw, chosen)
        return SimpleNamespace(
            facts=arrow(compare_facts(fw, chosen)),
            skills=skills,
            skills_table=arrow(skills),
            differing=int((skills["Differs"] == "yes").sum()),
            criteria=criteria,
            criteria_table=arrow(criteria),
        )

    # The tables depend on the framework and the chosen roles alone: shared by sessions, the recent ones kept.
    comparison = loaded.recent(f"compare:{tuple(chosen)!r}", _comparison)

    # Each heading goes out with the text under it, as one element (each element costs a little on every rerun).
    st.header("Facts")
    st.dataframe(comparison.facts, hide_index=True)

    skills = comparison.skills
    if skills.empty:
        st.markdown("## Skills\n\nNone of these roles has skill requirements in the framework.")
    else:
        st.markdown(
            f"## Skills\n\n{comparison.differing} of {len(skills)} skills differ between the roles: they are marked "
            "**yes** in the last column (— means the role does not require the skill)."
        )
        # The "Differs" column marks the differences in words, without a pandas Styler (rows in bold): Streamlit
        # redoes a Styler's styling on every rerun, which would cost more than the rest of the page together.
        st.dataframe(comparison.skills_table, hide_index=True)

    criteria = comparison.criteria
    if criteria.empty:
        st.markdown(
            "## Criteria that differ\n\n"
            "The roles share every person-specification criterion (or have no person specification)."
        )
    else:
        st.markdown(f"## Criteria that differ\n\n{len(criteria)} criteria are asked by some of the roles but not all.")
        st.dataframe(comparison.criteria_table, hide_index=True)

    for role_id in chosen:
        render.role_link(loaded, role_id, label=f"Open the profile of {state.role_label(loaded, role_id)}")
