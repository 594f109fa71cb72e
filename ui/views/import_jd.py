"""Import a job description: upload documents, preview the roles they become, download the YAML."""

import hashlib

import streamlit as st

from framework import FrameworkError
from framework.expectations import role_expectations
from framework.gaptext import descriptor_markdown
from framework.importers.jd import (
    MAX_BATCH_BYTES,
    MAX_BATCH_DOCUMENTS,
    MAX_DOCUMENT_BYTES,
    check_batch,
    import_documents,
)
from framework.suggest import Candidate, Suggestion, accept_suggestion, build_index, likeness_text, suggest_role
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
PASTED_NAME = "pasted job description.txt"  #: the name problems give a pasted text (it has no file name)
#: The most a pasted job description may hold, in characters (the longest of the five seed job descriptions is 9,121).
MAX_PASTED_CHARS = 100_000
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


def _imported(contents: list[tuple[str, bytes]], merge_into) -> tuple:
    """(result, errors) of importing ``contents`` ((name, bytes) of each document; merged into ``merge_into``, a
    Loaded, or not): once per set of documents in this session; a FrameworkError is kept too, so a bad batch is
    not read again on every rerun."""
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
        "Upload job descriptions (Markdown, plain text or Word .docx), or paste one's text. Each becomes a role — "
        "or a role per level, where a document describes several — with every line of the document kept word for "
        "word. Its person specification is found whatever its heading says (a Word table with Essential and "
        "Desirable columns too), and each criterion becomes an expectation, marked essential or desirable. "
        "Preview the result, then download it as a framework file. Nothing is stored on the server."
    )
    files = st.file_uploader(
        f"Job descriptions (up to {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB each, {MAX_BATCH_DOCUMENTS} at a time, "
        f"{MAX_BATCH_BYTES // (1024 * 1024)} MB in all)",
        type=["md", "txt", "docx"],
        accept_multiple_files=True,
        max_upload_size=MAX_DOCUMENT_BYTES // (1024 * 1024),
        key="jd_files",
    )
    pasted = st.text_area(
        "Or paste a job description's text",
        key="jd_pasted",
        max_chars=MAX_PASTED_CHARS,
        height=160,
        placeholder="Its title on the first line, then its sections: Job purpose, Main duties, Person specification…",
        help="Read as a plain-text document, with the files above. Press Ctrl+Enter, or click outside the box, to "
        "read it.",
    )
    merge = st.toggle(
        f"Merge into {render.md(fw.name)}",
        key="jd_merge",
        help="Keep the framework's ids, skills, benchmarks and reporting lines; refresh only the job-description "
        "content of roles with the same title, and add new roles.",
    )
    contents = [(f.name, f.getvalue()) for f in files or ()]
    if pasted.strip():
        contents.append((PASTED_NAME, pasted.encode("utf-8")))
    if not contents:
        st.info("Choose one or more documents, or paste one, to preview.")
        st.stop()

    result, errors = _imported(contents, loaded if merge else None)
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
    suggested = found is not None and any(not d.role.skills for d in result.documents)
    if accepted:
        st.caption(
            f"The download holds the suggestions accepted below ({len(accepted)} role(s)); a suggestion not "
            "accepted is not in it."
        )
    elif suggested:
        st.caption("The skills suggested below are added to the download only once you accept them.")

    for document in result.documents:
        role = document.role
        st.header(render.md(role.title), divider="gray")
        st.markdown(_facts(result.framework, role))
        expectations = role_expectations(result.framework, role.id)
        if expectations:
            essential = sum(1 for e in expectations if e.marker == "essential")
            desirable = sum(1 for e in expectations if e.marker == "desirable")
            areas = list(dict.fromkeys(e.area_name for e in expectations if e.area_name))
            st.caption(
                render.md(
                    f"{len(expectations)} criteria read as expectations: {essential} essential, {desirable} "
                    f"desirable, {len(expectations) - essential - desirable} without a marker; in {len(areas)} "
                    f"area{'s' * (len(areas) != 1)}: {', '.join(areas)}"
                )
            )
        st.caption(f"From {render.md(document.name)}")
        with st.expander("The job description as read"):
            render.job_description(role.job_description)
        if found is not None and not role.skills:
            _suggestion(result.framework, role.id, found, accepted)


def _facts(framework, role) -> str:
    """The role's grade, discipline and reporting line as read, by name, and how many lines were kept."""
    manager = framework.roles_by_id.get(role.reports_to.role) if role.reports_to else None
    facts = {
        "Grade": role.grade or "not stated",
        "Discipline": framework.discipline_label(role.discipline) if role.discipline else "not found",
        "Reports to": (manager.title if manager else role.reports_to.role) if role.reports_to else "not stated",
        "Lines kept": str(len(role.job_description.lines())),
    }
    return " · ".join(f"**{name}:** {render.md(value)}" for name, value in facts.items())


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
        candidate = next((c for c in suggestion.candidates if c.level == level), None)
        title = candidate.title if candidate else level
        taken = [f"{s.name} at {s.level_name}" for s in (candidate.skills if candidate else ()) if s.skill in skills]
        st.success(
            f"Accepted: {render.md(title)} as the {suggestion.reference} benchmark, with {len(skills)} skill(s). "
            "The download holds them, each with its source: the role level, and the line of the job description "
            "that evidences it.",
            icon=":material/check_circle:",
        )
        render.bullets(taken)
        st.button("Withdraw the acceptance", key=f"withdraw-{role_id}", on_click=accepted.pop, args=(role_id, None))
        return
    st.caption(
        f"The {suggestion.reference} role levels whose wording and titles are closest to this job description, "
        "best first; how alike each is runs from 0 (nothing shared) to 1 (the same). Measured on "
        f"{suggestion.reference}'s own role levels, the job family is almost always right but the exact level "
        "often is not (docs/suggestions.md has the figures): compare them before you accept. Nothing is added to "
        "the download until you accept it."
    )
    by_level = {c.level: c for c in suggestion.candidates}
    chosen = st.radio(
        "Role level",
        list(by_level),
        format_func=lambda lv: (
            f"{by_level[lv].title} — {by_level[lv].family} › {by_level[lv].role_name}, {by_level[lv].level_name} level"
        ),
        captions=[_alike(c) for c in by_level.values()],
        key=f"suggest-level-{role_id}",
    )
    candidate = by_level[chosen]
    hint = candidate.grade_hint
    if hint:
        stated = framework.role(role_id).grade
        differs = (
            f" The job description states {render.md(stated)}: worth a look before it is graded."
            if stated and not hint.allows(stated)
            else ""
        )
        st.markdown(f"**Grade hint:** {render.md(hint.label)} — {render.md(hint.why)}.{differs}")
    if candidate.supporting:
        st.markdown("**Lines of the job description that support it:**")
        render.bullets([f"“{line}”" for line in candidate.supporting])
    with st.form(key=f"suggest-form-{role_id}-{chosen}", border=True):
        st.markdown(
            f"**Skills {render.md(candidate.title)} requires** — tick those to accept; the help beside each says "
            "what its level looks like:"
        )
        ticks = {}
        for skill in candidate.skills:
            ticks[skill.skill] = st.checkbox(
                f"{render.md(skill.name)} at {render.md(skill.level_name)}",
                key=f"suggest-skill-{role_id}-{chosen}-{skill.skill}",
                help=f"**{render.md(skill.level_name)}:** " + descriptor_markdown(skill.descriptor),
            )
            if skill.evidence:
                st.caption(f"Evidence — {render.md(skill.evidence_why)}: “{render.md(skill.evidence)}”")
            else:
                st.caption("No evidence in the text: accept it only if the job asks for it.")
        buttons = st.container(horizontal=True)
        every = buttons.form_submit_button("Accept all", type="primary")
        some = buttons.form_submit_button("Accept the ticked skills")
    if every or some:
        skills = tuple(s.skill for s in candidate.skills if every or ticks[s.skill])
        accepted[role_id] = (candidate.level, skills)
        st.rerun()


def _alike(candidate: Candidate) -> str:
    """How alike a role level is, as the accepted benchmark's note will say it (:func:`likeness_text`)."""
    return likeness_text(candidate)
