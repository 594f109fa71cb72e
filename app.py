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
PAGES = {
    script: st.Page(script, title=title, icon=icon, default=script == "pages/home.py")
    for script, title, icon in [
        ("pages/home.py", "Home", ":material/home:"),
        ("pages/roles.py", "Roles", ":material/badge:"),
        ("pages/map.py", "Career map", ":material/hub:"),
        ("pages/paths.py", "Progression paths", ":material/route:"),
        ("pages/gap.py", "Skill gap and plan", ":material/checklist:"),
        ("pages/compare.py", "Compare roles", ":material/compare_arrows:"),
        ("pages/review.py", "Structure review", ":material/account_tree:"),
        ("pages/import_jd.py", "Import a job description", ":material/upload_file:"),
    ]
}

page = st.navigation(list(PAGES.values()))
state.use_pages(PAGES)  # links between pages point at these
try:
    loaded = state.framework_picker()
except FrameworkError as error:  # a shipped file broken on disk: say where, keep the app up
    st.error("The framework file could not be loaded:")
    st.code("\n".join(describe_error(error)), language=None)
    st.stop()
state.my_role_picker(loaded)
state.upload_panel()
page.run()
