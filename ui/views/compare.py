"""Compare two or three roles side by side (``?roles=a&roles=b``)."""

import streamlit as st

from framework.views import comparison
from ui import render, run_gate, state


def main() -> None:
    loaded = state.framework()

    st.title("Compare roles")
    st.markdown(
        "Choose two or three roles to see them side by side: grade, purpose, span of control, the skills each needs "
        "(with the differences marked) and the person-specification criteria that are not shared."
    )
    side_by_side(loaded)


@run_gate.fragment
def side_by_side(loaded) -> None:
    """The roles chosen, and how they compare. A fragment: adding or removing a role (or choosing a discipline to
    add one from) reruns this alone, not the page and its sidebar."""
    chosen = state.bound_multiselect(
        "Roles to compare",
        state.narrowed_choices(loaded, "Roles to compare", key="roles", options=state.role_ids(loaded)),
        key="roles",
        what="the roles",
        format_func=state.role_namer(loaded),
        max_selections=3,
        placeholder="Choose two or three roles",
    )
    if len(chosen) < 2:
        st.info("Choose at least two roles.")
        return

    compared = loaded.view(comparison, tuple(chosen))

    # As tables that stack on a phone — a block per row, each cell under its role's name — so the roles are read
    # side by side on a wide screen and one under the other on a narrow one.
    render.stacked_table(compared.facts, key="stacked-facts", intro="## Facts")

    if compared.skills.empty:
        st.markdown("## Skills\n\nNone of these roles has skill requirements in the framework.")
    else:
        render.stacked_table(
            compared.skills,
            key="stacked-skills",
            intro=f"## Skills\n\n{compared.differing} of {len(compared.skills)} skills differ between the roles: "
            "they are marked **yes** in the last column (— means the role does not require the skill).",
        )

    if compared.criteria.empty:
        st.markdown(
            "## Criteria that differ\n\n"
            "The roles share every person-specification criterion (or have no person specification)."
        )
    else:
        render.stacked_table(
            compared.criteria,
            key="stacked-criteria",
            intro=f"## Criteria that differ\n\n{len(compared.criteria)} criteria are asked by some of the roles but "
            "not all.",
        )

    for role_id in chosen:
        render.role_link(loaded, role_id, label=f"Open the profile of {state.role_label(loaded, role_id)}")
