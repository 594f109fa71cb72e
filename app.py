"""Career Explorer: explore a career framework — roles, the career map, progression paths and skill gaps.

Run with ``python3 dev.py app`` (or ``streamlit run app.py``). This script sets up the page, draws the
shared sidebar (framework picker, "my current role") and hands over to the page the user chose.
"""

from __future__ import annotations

import streamlit as st

from framework import FrameworkError
from ui import state
from ui.data import describe_error

state.leave_legacy_pages_mode()
st.set_page_config(page_title="Career Explorer", page_icon="🧭", layout="wide")

# Each page's URL path is its file name (/roles, /map, …): links and a cold first visit agree on it.
PAGES = [
    st.Page("pages/home.py", title="Home", icon=":material/home:", default=True),
    st.Page("pages/roles.py", title="Roles", icon=":material/badge:"),
    st.Page("pages/map.py", title="Career map", icon=":material/hub:"),
    st.Page("pages/paths.py", title="Progression paths", icon=":material/route:"),
    st.Page("pages/gap.py", title="Skill gap and plan", icon=":material/checklist:"),
    st.Page("pages/compare.py", title="Compare roles", icon=":material/compare_arrows:"),
    st.Page("pages/review.py", title="Structure review", icon=":material/account_tree:"),
    st.Page("pages/import_jd.py", title="Import a job description", icon=":material/upload_file:"),
]

page = st.navigation(PAGES)
try:
    loaded = state.framework_picker()
except FrameworkError as error:  # a shipped file broken on disk: say where, keep the app up
    st.error("The framework file could not be loaded:")
    st.code("\n".join(describe_error(error)), language=None)
    st.stop()
state.my_role_picker(loaded)
state.upload_panel()
page.run()
