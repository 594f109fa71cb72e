"""Reusable render functions: small pieces of page that several pages share. Text is always passed to
Streamlit as text (``st.text``/``st.markdown`` of escaped strings, or dataframes) — never as HTML."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from framework.models import JobDescription
from framework.textsafe import md_escape

from .data import Loaded
from .state import link_params, role_label

__all__ = ["bullets", "job_description", "md", "page_link", "paragraphs", "role_link"]


def md(text: str) -> str:
    """Escape text for st.markdown, so data is shown as written and never read as markup or HTML."""
    return md_escape(text)


#: page script → its URL path (as registered in app.py)
URL_PATHS = {
    "pages/home.py": "",
    "pages/roles.py": "roles",
    "pages/map.py": "map",
    "pages/paths.py": "paths",
    "pages/gap.py": "gap",
    "pages/compare.py": "compare",
    "pages/review.py": "review",
    "pages/import_jd.py": "import_jd",
}


def page_link(page: str, *, label: str, query_params: dict[str, str] | None = None, icon: str | None = None) -> None:
    """``st.page_link``, or a plain Markdown link when the page runs outside the app's navigation (tests).

    The label is Markdown to Streamlit, so it is escaped: a role's title is shown as written.
    """
    try:
        st.page_link(page, label=md(label), query_params=query_params or None, icon=icon)
    except StreamlitPageNotFoundError:
        query = f"?{urlencode(query_params)}" if query_params else ""
        st.markdown(f"[{md(label)}](./{URL_PATHS.get(page, '')}{query})")


def role_link(loaded: Loaded, role_id: str, *, label: str | None = None) -> None:
    """A link that opens a role's profile."""
    page_link(
        "pages/roles.py",
        label=label or role_label(loaded, role_id),
        query_params=link_params(loaded, role=role_id),
        icon=":material/badge:",
    )


def bullets(items: list[str]) -> None:
    if items:
        st.markdown("\n".join(f"- {md(item)}" for item in items))


def paragraphs(lines: list[str]) -> None:
    for line in lines:
        st.markdown(md(line))


def job_description(jd: JobDescription) -> None:
    """The whole job description, as written and grouped as in the document."""
    if jd.header:
        st.markdown("  \n".join(md(line) for line in jd.header))
    for section in jd.sections:
        if section.heading:
            st.subheader(md(section.heading.rstrip(":")), divider="gray")
        paragraphs(section.paragraphs)
        if section.lead_in:
            st.markdown(f"**{md(section.lead_in)}**")
        bullets(section.items)
        for group in section.groups:
            if group.heading:
                st.markdown(f"**{md(group.heading)}**")
            bullets(group.items)
        paragraphs(section.notes)
    spec = jd.person_specification
    if spec:
        st.subheader(md(spec.heading), divider="gray")
        st.markdown("  \n".join(md(line) for line in spec.fields))
        for criteria in spec.criteria:
            st.markdown(f"#### {md(criteria.heading)}")
            for group in criteria.groups:
                if group.marker:
                    st.markdown(f"*{md(group.marker)}*")
                bullets(group.items)
