"""Import a job description: upload documents, preview the roles they become, download the YAML."""

import hashlib

import streamlit as st

from framework import FrameworkError
from framework.expectations import role_expectations
from framework.importers.jd import (
    MAX_BATCH_BYTES,
    MAX_BATCH_DOCUMENTS,
    MAX_DOCUMENT_BYTES,
    check_batch,
    import_documents,
)
from framework.yamlwrite import dump_framework
from ui import render, state

#: This session's import: the last set of documents (and whether they were merged), keyed by the files'
#: names and content hashes. In the session only — the documents are a person's — and never re-read on a rerun.
IMPORTS = "_jd_imports"
KEPT = 1


def _imported(files, merge_into) -> tuple:
    """(result, errors) of importing ``files`` (merged into ``merge_into``, a Loaded, or not): once per set of
    files in this session; a FrameworkError is kept too, so a bad batch is not read again on every rerun."""
    contents = [(f.name, f.getvalue()) for f in files]
    key = (
        tuple((name, hashlib.sha256(data).hexdigest()) for name, data in contents),
        merge_into.key if merge_into is not None else None,
    )
    kept: dict = st.session_state.setdefault(IMPORTS, {})
    if key not in kept:
        try:
            check_batch(contents)
            result = import_documents(contents, merge=merge_into.framework if merge_into is not None else None)
            kept[key] = (result, result.errors)
        except FrameworkError as error:
            kept[key] = (error, [])
        while len(kept) > KEPT:
            kept.pop(next(iter(kept)))
    return kept[key]


def main() -> None:
    loaded = state.framework()
    fw = loaded.framework

    st.title("Import a job description")
    st.markdown(
        "Upload job descriptions (Markdown, plain text or Word .docx). Each becomes a role — or a role per level, "
        "where a document describes several — with every line of the document kept word for word. Its person "
        "specification is found whatever its heading says (a Word table with Essential and Desirable columns "
        "too), and each criterion becomes an expectation, marked essential or desirable. Preview the result, "
        "then download it as a framework file. Nothing is stored on the server."
    )
    files = st.file_uploader(
        f"Job descriptions (up to {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB each, {MAX_BATCH_DOCUMENTS} at a time, "
        f"{MAX_BATCH_BYTES // (1024 * 1024)} MB in all)",
        type=["md", "txt", "docx"],
        accept_multiple_files=True,
        max_upload_size=MAX_DOCUMENT_BYTES // (1024 * 1024),
        key="jd_files",
    )
    merge = st.toggle(
        f"Merge into {render.md(fw.name)}",
        key="jd_merge",
        help="Keep the framework's ids, skills, benchmarks and reporting lines; refresh only the job-description "
        "content of roles with the same title, and add new roles.",
    )
    if not files:
        st.info("Choose one or more documents to preview.")
        st.stop()

    result, errors = _imported(files, loaded if merge else None)
    if isinstance(result, FrameworkError):
        st.error(f"The documents could not be read: {len(result.problems)} problem(s).")
        st.code("\n".join(str(p) for p in result.problems) or result.summary, language=None, wrap_lines=True)
        st.stop()

    if result.problems:
        st.warning(f"{len(result.problems)} thing(s) to check before you use the result:")
        st.code("\n".join(str(p) for p in result.problems), language=None, wrap_lines=True)
    if errors:
        st.error("The result is not a valid framework yet:")
        st.code("\n".join(str(p) for p in errors), language=None, wrap_lines=True)

    render.download(
        "Download the framework YAML",
        dump_framework(result.framework),
        file_name="imported-roles.yaml" if not merge else f"{fw.id}.yaml",
        disabled=bool(errors),
    )

    for document in result.documents:
        role = document.role
        st.header(render.md(role.title), divider="gray")
        expectations = role_expectations(result.framework, role.id)
        facts = st.columns(5)
        facts[0].metric("Grade", role.grade or "Not stated")
        facts[1].metric("Discipline", role.discipline or "Not found")
        facts[2].metric("Lines kept", len(role.job_description.lines()))
        facts[3].metric("Criteria read as expectations", len(expectations))
        facts[4].metric("Reports to", role.reports_to.role if role.reports_to else "Not stated")
        if expectations:
            essential = sum(1 for e in expectations if e.marker == "essential")
            desirable = sum(1 for e in expectations if e.marker == "desirable")
            areas = list(dict.fromkeys(e.area_name for e in expectations if e.area_name))
            st.caption(
                render.md(
                    f"{essential} essential, {desirable} desirable, {len(expectations) - essential - desirable} "
                    f"without a marker; in {len(areas)} area{'s' * (len(areas) != 1)}: {', '.join(areas)}"
                )
            )
        st.caption(f"From {render.md(document.name)}")
        with st.expander("The job description as read"):
            render.job_description(role.job_description)
