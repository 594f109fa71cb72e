"""The app as Streamlit's ASGI application, with the server's own middleware (:mod:`ui.middleware`): what
``python -m ui.serve`` (``dev.py app``) runs, as ``streamlit run ui/server_app.py``. Streamlit finds ``app``
below and serves ``app.py`` through it; the middleware goes through its public ``st.App(..., middleware=...)``.
"""

from pathlib import Path

import streamlit as st

from ui.middleware import middleware

app = st.App(Path(__file__).resolve().parents[1] / "app.py", middleware=middleware())
