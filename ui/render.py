"""Reusable render functions: small pieces of page that several pages share. Text is always passed to
Streamlit as text (``st.text``/``st.markdown`` of escaped strings, or dataframes) — never as HTML."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from framework import FrameworkError
from framework.models import JobDescription
from framework.textsafe import md_escape, md_table

from .data import Loaded, describe_error
from .pages import url_path
from .pickers import role_label
from .sidebar import linked_page
from .style import stacked_table_css
from .url import link_params

__all__ = [
    "bullets",
    "bullets_markdown",
    "download",
    "job_description",
    "md",
    "page_link",
    "role_link",
    "stacked_table",
    "table_markdown",
]


def md(text: str) -> str:
    """Escape text for st.markdown, so data is shown as written and never read as markup or HTML."""
    return md_escape(text)


#: The type of each kind of file the app offers for download, by its extension.
MIME_TYPES = {
    ".csv": "text/csv",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".md": "text/markdown",
    ".pdf": "application/pdf",
    ".json": "application/json",
    ".yaml": "application/yaml",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def download(
    label: str,
    data: str | bytes | Callable[[], str | bytes],
    file_name: str,
    *,
    where=st,
    icon: str = ":material/download:",
    **kwargs,
) -> None:
    """A download button of the app's kind: its type from the file name, the download icon, and pressing it
    does not rerun the page. ``data`` may be a callable, to make the file only when the button is pressed;
    ``where`` is the container to draw it in."""
    where.download_button(
        label,
        data,
        file_name=file_name,
        mime=MIME_TYPES[PurePath(file_name).suffix],
        icon=icon,
        on_click="ignore",
        **kwargs,
    )


def unusable_file(name: str, error: FrameworkError, *, kept: str) -> None:
    """Say that a person's file could not be used, what ``kept`` (what stays as it was), and every problem with
    its place in the file."""
    st.error(f"{md(name)} could not be used, so {kept}. What is wrong, and where:", icon=":material/error:")
    st.code("\n".join(describe_error(error)), language=None)


def page_link(page: str, *, label: str, query_params: dict[str, str] | None = None, icon: str | None = None) -> None:
    """``st.page_link`` to a page of the app's navigation, or a plain Markdown link when the page runs on its own
    (tests).

    The label is Markdown to Streamlit, so it is escaped: a role's title is shown as written.
    """
    target = linked_page(page)
    if target is not None:
        st.page_link(target, label=md(label), query_params=query_params or None, icon=icon)
    else:
        query = f"?{urlencode(query_params)}" if query_params else ""
        st.markdown(f"[{md(label)}](./{url_path(page)}{query})")


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
        st.markdown(bullets_markdown(items))


def bullets_markdown(items: list[str]) -> str:
    """Items as a Markdown list, each shown as written."""
    return "\n".join(f"- {md(item)}" for item in items)


def table_markdown(table: pd.DataFrame) -> str:
    """``table`` as a Markdown table: an HTML table on the page, whose long texts wrap, with every cell escaped
    (shown as written) and numbers aligned right."""
    right = [pd.api.types.is_numeric_dtype(dtype) for dtype in table.dtypes]
    return "\n".join(md_table(table.columns, table.itertuples(index=False), right=right))


def stacked_table(table: pd.DataFrame, *, key: str, intro: str = "") -> None:
    """``table`` as a Markdown table (after ``intro``, Markdown) that stacks on a phone: a block per row, each
    cell labelled with its column, instead of running off the side of the screen (see :mod:`ui.style`).
    ``key`` names the table on the page and starts with ``stacked``."""
    with st.container(key=key):
        st.html(stacked_table_css(key, [str(c) for c in table.columns]))
        st.markdown((intro + "\n\n" if intro else "") + table_markdown(table))


def job_description(jd: JobDescription) -> None:
    """The whole job description, as written and grouped as in the document, in one Markdown element.

    Paragraphs, bold lead-ins and lists are separated by blank lines, so each stays what it is; the document's
    headings are Markdown headings (h2 under the role's title, and h3 for the person specification's criteria),
    so they stay headings, in order, for a screen reader too.
    """
    st.markdown(job_description_markdown(jd))


def job_description_markdown(jd: JobDescription) -> str:
    text: list[str] = []
    if jd.header:
        text.append("  \n".join(md(line) for line in jd.header))
    for section in jd.sections:
        if section.heading:
            text.append(f"## {md(section.heading.rstrip(':'))}")
        text.extend(md(line) for line in section.paragraphs)
        if section.lead_in:
            text.append(f"**{md(section.lead_in)}**")
        if section.items:
            text.append(bullets_markdown(section.items))
        for group in section.groups:
            if group.heading:
                text.append(f"**{md(group.heading)}**")
            if group.items:
                text.append(bullets_markdown(group.items))
        text.extend(md(line) for line in section.notes)
    spec = jd.person_specification
    if spec:
        text.append(f"## {md(spec.heading)}")
        text.append("  \n".join(md(line) for line in spec.fields))
        text.extend(md(line) for line in spec.paragraphs)
        if spec.criteria_heading:
            text.append(f"**{md(spec.criteria_heading)}**")
        cluster = None
        for criteria in spec.criteria:
            if criteria.cluster and criteria.cluster != cluster:
                text.append(f"### {md(criteria.cluster)}")
            cluster = criteria.cluster
            if criteria.heading:
                text.append(f"{'####' if criteria.cluster else '###'} {md(criteria.heading)}")
            text.extend(md(line) for line in criteria.paragraphs)
            for group in criteria.groups:
                if group.marker:
                    text.append(f"*{md(group.marker)}*")
                if group.items:
                    text.append(bullets_markdown(group.items))
            text.extend(md(line) for line in criteria.notes)
    if jd.links:
        text.append("**Links in the document:**")
        text.append(bullets_markdown([f"{link.title or link.url}: {link.url}" for link in jd.links]))
    return "\n\n".join(chunk for chunk in text if chunk)
