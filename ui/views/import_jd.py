"""Import a job description: upload documents, preview the roles they become, download the YAML."""

import hashlib

import streamlit as st

from framework import FrameworkError
from framework.jdimport import MAX_BATCH_BYTES, MAX_BATCH_DOCUMENTS, MAX_DOCUMENT_BYTES, check_batch, import_documents
from framework.suggest import Suggestion, accept_suggestion, build_index, suggest_role
from framework.yamlwrite import dump_framework
from ui import render, state
from ui.data import load, shipped_frameworks

#: This session's import: the last set of documents (and whether they were merged), keyed by the files'
#: names and content hashes. In the session only — the documents are a person's — and never re-read on a rerun.
IMPORTS = "_jd_imports"
KEPT = 1
#: This session's accepted suggestions: role id → (reference role level id, the skills accepted), for the
#: documents imported last. A suggestion is applied to the download only once it is in here.
ACCEPTED = "_jd_accepted"
REFERENCE = "ddat"  # the shipped framework suggestions are made against


def _index(framework, graph):
    """The reference's suggestion index: made from the shipped reference framework alone, once, shared."""
    return build_index(framework)


def _reference():
    """The reference framework's Loaded and its index, or None when it is not shipped."""
    path = shipped_frameworks().get(REFERENCE)
    if path is None:
        return None
    reference = load(REFERENCE, path)
    return reference, reference.view(_index)


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
        "Upload job descriptions (Markdown or plain text in the council's template, or Word .docx). Each becomes a "
        "role, with every line of the document kept word for word. Preview the result, then download it as a "
        "framework file. Nothing is stored on the server."
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

    found = _reference()
    accepted: dict = st.session_state.setdefault(ACCEPTED, {})
    known = {d.role.id for d in result.documents}
    for role_id in [r for r in accepted if r not in known]:  # suggestions for documents no longer imported
        accepted.pop(role_id)
    framework = _with_accepted(result.framework, accepted, found)
    render.download(
        "Download the framework YAML",
        dump_framework(framework),
        file_name="imported-roles.yaml" if not merge else f"{fw.id}.yaml",
        disabled=bool(errors),
    )
    if accepted:
        st.caption(f"The download holds the suggestions accepted below ({len(accepted)} role(s)).")

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
        if found is not None and not role.skills:
            _suggestion(result.framework, role.id, found, accepted)


def _with_accepted(framework, accepted: dict, found):
    """The imported framework with each accepted suggestion applied (nothing else)."""
    if not accepted or found is None:
        return framework
    reference, index = found
    for role_id, (level, skills) in accepted.items():
        suggestion = suggest_role(index, framework, role_id) if role_id in framework.roles_by_id else None
        candidate = next((c for c in suggestion.candidates if c.level == level), None) if suggestion else None
        if candidate is not None:
            framework = accept_suggestion(framework, role_id, candidate, reference=reference.framework, skills=skills)
    return framework


def _suggestion(framework, role_id: str, found, accepted: dict) -> None:
    """The suggested benchmark and skills of one imported role, to accept whole or skill by skill."""
    _, index = found
    suggestion: Suggestion = suggest_role(index, framework, role_id)
    st.subheader(f"Suggested {suggestion.reference} benchmark and skills", divider="gray")
    if not suggestion.confident:
        st.info(f"No confident suggestion: {render.md(suggestion.why.removeprefix('no confident suggestion: '))}.")
        return
    if role_id in accepted:
        level, skills = accepted[role_id]
        title = next((c.title for c in suggestion.candidates if c.level == level), level)
        st.success(f"Accepted: {render.md(title)}, with {len(skills)} skill(s). The download holds them.")
        st.button("Withdraw the acceptance", key=f"withdraw-{role_id}", on_click=accepted.pop, args=(role_id, None))
        return
    st.caption(
        "Ranked by how alike the wording and titles are; nothing is applied until you accept it. How well this "
        "works, measured: docs/suggestions.md."
    )
    by_level = {c.level: c for c in suggestion.candidates}
    chosen = st.radio(
        "Role level",
        list(by_level),
        format_func=lambda lv: (
            f"{by_level[lv].title} — {by_level[lv].family} › {by_level[lv].role_name}, "
            f"{by_level[lv].level_name} (match {by_level[lv].confidence:.0%})"
        ),
        key=f"suggest-level-{role_id}",
    )
    candidate = by_level[chosen]
    if candidate.grade_hint:
        st.markdown(f"**Grade hint:** {render.md(candidate.grade_hint.label)} — {render.md(candidate.grade_hint.why)}.")
    if candidate.supporting:
        st.markdown("**Lines of the job description that support it:**")
        render.bullets([f"“{line}”" for line in candidate.supporting])
    with st.form(key=f"suggest-form-{role_id}-{chosen}", border=True):
        st.markdown(f"**Skills {render.md(candidate.title)} requires** — tick those to accept:")
        ticks = {}
        for skill in candidate.skills:
            evidence = f"“{skill.evidence}”" if skill.evidence else "no evidence in the text"
            ticks[skill.skill] = st.checkbox(
                f"{render.md(skill.name)} at {render.md(skill.level_name)}",
                key=f"suggest-skill-{role_id}-{chosen}-{skill.skill}",
                help=f"Evidence in the job description: {evidence}",
            )
            st.caption(f"Evidence: {render.md(evidence)}")
        buttons = st.container(horizontal=True)
        every = buttons.form_submit_button("Accept all", type="primary")
        some = buttons.form_submit_button("Accept the ticked skills")
    if every or some:
        skills = tuple(s.skill for s in candidate.skills if every or ticks[s.skill])
        accepted[role_id] = (candidate.level, skills)
        st.rerun()
