"""A person's working data in their session, as typed models with pure transitions.

Each module holds one kind of working data (the self-assessment, the plan's inputs, the record being edited):
an immutable model, the transitions that make a new one from an edit, and the one place that keeps it in
``st.session_state``. Nothing here is shared between sessions, written to disk or logged.
"""
