"""Import a job description: upload documents, preview the roles they become, download the YAML."""

import streamlit as st

from framework import FrameworkError
from framework.jdimport import MAX_DOCUMENT_BYTES, import_documents
from framework.loader import validate_data
from framework.yamlwrite import dump_framework
from ui import render, state


def main() -> None:
    loaded = state.framework()
    fw = loaded.framework

    st.title("Import a job description")
    st.markdown(
        "Upload job descriptions (Markdown or plain text in the council's template, or Word .docx). Each becomes a "
        "role, with every line of the document kept word for word. Preview the result, then download it as a "
        "framework file. Nothing is stored on the server."
    )
    files = st.file_uploader(
        f"Job descriptions (up to {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB each)",
        type=["md", "txt", "docx"],
        accept_multiple_files=True,
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

    try:
        result = import_documents([(f.name, f.getvalue()) for f in files], merge=fw if merge else None)
    except FrameworkError as error:
        st.error(f"The documents could not be read: {len(error.problems)} problem(s).")
        st.code("\n".join(str(p) for p in error.problems) or error.summary, language=None, wrap_lines=True)
        st.stop()

    _, problems = validate_data(result.framework.model_dump(mode="json", exclude_none=True))
    errors = [p for p in problems if p.severity == "error"]
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
        facts = st.columns(4)
        facts[0].metric("Grade", role.grade or "Not stated")
        facts[1].metric("Discipline", role.discipline or "Not found")
        facts[2].metric("Lines kept", len(role.job_description.lines()))
        facts[3].metric("Reports to", role.reports_to.role if role.reports_to else "Not stated")
        st.caption(f"From {render.md(document.name)}")
        with st.expander("The job description as read"):
            render.job_description(role.job_description)
