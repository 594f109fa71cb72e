"""Streamlit-side helpers: cached loading, state and query params, reusable render functions, figures."""
