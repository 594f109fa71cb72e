"""Roles: the catalogue of the framework's roles."""

import pandas as pd
import streamlit as st

from ui import state

loaded = state.framework()
fw = loaded.framework

st.title("Roles")
table = pd.DataFrame(
    [
        {
            "Role": r.title,
            "Grade": fw.grade_label(r.grade),
            "Discipline": fw.discipline_label(r.discipline),
            "Status": r.status,
        }
        for r in fw.roles
    ]
)
st.dataframe(table, hide_index=True)
