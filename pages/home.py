"""Home: what the framework holds, and where each kind of user should start."""

import streamlit as st

from ui import render, state

loaded = state.framework()
fw = loaded.framework

st.title("Career Explorer")
st.subheader(fw.name)
if fw.description:
    st.write(fw.description)

described = sum(r.status == "described" for r in fw.roles)
cols = st.columns(4)
cols[0].metric("Roles", len(fw.roles), help=f"{described} described by a document or import")
cols[1].metric("Grades", len(fw.grades))
cols[2].metric("Disciplines", len(fw.disciplines))
cols[3].metric("Skills", len(fw.skills))

st.markdown("**Grades, lowest first:** " + " → ".join(g.label for g in fw.grades))
st.markdown("**Disciplines:** " + ", ".join(d.name for d in fw.disciplines))
render.page_link("pages/roles.py", label="Browse the roles", icon=":material/badge:")

if fw.attribution:
    st.caption(fw.attribution)
