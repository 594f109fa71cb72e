"""Placeholder."""

import streamlit as st

st.title("career_map")
