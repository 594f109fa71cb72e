"""Structure review, for leadership and HR: what to do first, then rungs, gaps, dead ends, cliffs, grading
consistency and spans of control.

What a tab sends is bounded whatever the size of the framework: the findings come grouped by severity and kind,
counted by discipline; of a group of more than :data:`FINDINGS_AT_ONCE`, the first few are shown and all of them
are in an expander, a page (and a discipline, if the reader wants) at a time; long tables, the reporting tree and
the grading pairs are paged too
(:mod:`ui.paging`). The downloads hold everything. Each finding's text, links to its roles included, is made
once per framework and kept with its view. The tabs are a fragment: choosing one reruns the tabs alone, not the
page around them.
"""

from collections.abc import Callable
from urllib.parse import urlencode

import streamlit as st

from framework.findings import BY_DESIGN, PROBLEM, WORTH_A_LOOK
from framework.grading import GradingRule
from framework.review import review_markdown, review_xlsx
from framework.views import ReviewView, review_view
from framework.views.review import FindingGroup, FindingView
from framework.wording import plural
from ui import paging, render, run_gate, state
from ui.data import Loaded
from ui.pages import url_path
from ui.review_figures import TITLES_SHOWN, rung_matrix, shown_titles

SEVERITY_HEADINGS = {PROBLEM: "Problems", WORTH_A_LOOK: "Worth a look", BY_DESIGN: "By design"}
SEVERITY_INTROS = {
    PROBLEM: "Real problems of the structure: each stops people moving, or asks too much of them at once.",
    WORTH_A_LOOK: "Not wrong on their face, but worth checking with the people who own the framework.",
    BY_DESIGN: "Expected in any structure: listed so nothing is hidden, with nothing to do.",
}
LINKS_SHOWN = 12  # role links per finding; the rest are counted
WHY_CHARS = 600  # a finding's "why" names its roles: past this, the rest is in the downloads
FINDINGS_AT_ONCE = 5  # findings of a kind shown at once; all of them are a click away, a page at a time
FINDINGS_PER_PAGE = 10
DISCIPLINES_NAMED = 12  # disciplines counted by name over a group of findings; the rest are summed
PAIRS_AT_ONCE = 25  # grading pairs a page
TREE_LINES_AT_ONCE = 200  # lines of the reporting tree a page
ALL = "All disciplines"
ELSEWHERE = "the downloads below hold every one."


def _rung_table(review: ReviewView):
    """The roles in each rung, each cell naming its first few roles and counting the rest."""
    titles = review.rung_titles
    return titles.map(lambda cell: shown_titles(cell) if isinstance(cell, str) else cell)


def _links(framework_param: str | None, roles: tuple[tuple[str, str], ...]) -> str:
    """Markdown links to the roles' profiles (titles escaped), the first few, and how many more."""
    extra = {"framework": framework_param} if framework_param else {}
    path = url_path("pages/roles.py")
    links = [
        f"[{render.md(title)}](./{path}?{urlencode({'role': rid, **extra})})" for rid, title in roles[:LINKS_SHOWN]
    ]
    more = len(roles) - LINKS_SHOWN
    return " · ".join(links) + (f" and {more:,} more" if more > 0 else "")


def _why(text: str) -> str:
    if len(text) <= WHY_CHARS:
        return text
    return text[:WHY_CHARS].rsplit(" ", 1)[0] + " … (in full in the downloads)"


def _finding(framework_param: str | None, f: FindingView) -> str:
    text = f"**{render.md(f.title)}**  \n{render.md(_why(f.why))}."
    if f.roles:
        text += f"  \nRoles: {_links(framework_param, f.roles)}"
    return "- " + (text + f"  \n**What to do:** {render.md(f.action)}.").replace("  \n", "  \n  ")


def _finding_texts(review: ReviewView, framework_param: str | None) -> tuple[str, ...]:
    """Each finding as a Markdown list item, made once per framework (and the ``?framework=`` its links carry)."""
    return tuple(_finding(framework_param, f) for f in review.findings)


def _framework_param(loaded: Loaded) -> str | None:
    return state.link_params(loaded).get(state.FRAMEWORK)


def _disciplines(group: FindingGroup) -> str:
    named = [f"{render.md(name or 'No role')} {count:,}" for name, count in group.disciplines[:DISCIPLINES_NAMED]]
    rest = sum(count for _, count in group.disciplines[DISCIPLINES_NAMED:])
    return " · ".join(named) + (
        f" · {len(group.disciplines) - DISCIPLINES_NAMED} more disciplines {rest:,}" if rest else ""
    )


def _group(loaded: Loaded, review: ReviewView, group: FindingGroup, texts: tuple[str, ...]) -> None:
    """A kind of finding with more than :data:`FINDINGS_AT_ONCE`: counted by discipline, its first few, and all
    of them in an expander drawn only once opened, a discipline and a page at a time."""
    key = f"review-{group.severity}-{group.kind}".replace(" ", "-")
    total = len(group.positions)
    first = "\n".join(texts[i] for i in group.positions[:FINDINGS_AT_ONCE])
    st.markdown(
        f"**{render.md(group.heading)} ({total:,})** — by discipline: {_disciplines(group)}. "
        f"The first {FINDINGS_AT_ONCE}:\n\n{first}"
    )
    named = group.heading[:1].lower() + group.heading[1:]
    box = state.lazy_expander(f"All {total:,} {named}, by discipline", key=f"{key}-all")
    with box:
        if not box.open:
            return
        positions, chosen = group.positions, ALL
        if len(group.disciplines) > 1:
            counts = dict(group.disciplines)
            chosen = st.selectbox(
                "Show the findings of",
                [ALL, *counts],
                key=f"{key}-discipline",
                width=360,
                format_func=lambda name: f"{name or 'No role'} ({counts[name]:,})" if name in counts else name,
            )
            if chosen != ALL:
                positions = tuple(i for i in positions if review.findings[i].discipline == chosen)
        shown = paging.page(
            positions,
            key=f"{key}-page",
            per_page=FINDINGS_PER_PAGE,
            what="findings",
            where=ELSEWHERE,
            list_of=(loaded.framework.id, chosen),
        )
        st.markdown("\n".join(texts[i] for i in shown))


def _todo(loaded: Loaded, review: ReviewView) -> None:
    st.header("What to do", divider="gray")
    texts = loaded.view_from((review_view,), _finding_texts, _framework_param(loaded), on_disk=True)
    for severity, heading in SEVERITY_HEADINGS.items():
        groups = [g for g in review.groups if g.severity == severity]
        st.subheader(f"{heading} ({sum(len(g.positions) for g in groups):,})")
        st.caption(SEVERITY_INTROS[severity])
        if not groups:
            st.write("Nothing found.")
            continue
        # Kinds with few findings are listed whole, together in one element; a long one gets a block of its own.
        small: list[str] = []
        for group in groups:
            if len(group.positions) <= FINDINGS_AT_ONCE:
                small += [texts[i] for i in group.positions]
                continue
            if small:
                st.markdown("\n\n".join(small))
                small = []
            _group(loaded, review, group, texts)
        if small:
            st.markdown("\n\n".join(small))


def _grading(loaded: Loaded, review: ReviewView) -> None:
    st.header("Grading consistency", divider="gray")
    rule = GradingRule()
    st.markdown(
        f"Roles at **different grades** whose requirements are at least {rule.similar:.0%} alike, and roles at "
        f"**one grade** whose skills differ by {rule.level_gap:g} level of the scale or more on average (or, where "
        f"only expectations are stated, one stating {rule.count_ratio:g} times as many), within and across "
        "disciplines. How alike is the weighted overlap of the skills at their levels and the expectations."
    )
    st.caption(review.grading_note)
    if not review.grading:
        st.write("Nothing found: the grades ask for consistent requirements.")
        return
    param = _framework_param(loaded)
    blocks = []
    pairs = paging.page(
        review.grading,
        key="review-grading-page",
        per_page=PAIRS_AT_ONCE,
        what="pairs",
        where=ELSEWHERE,
        list_of=loaded.framework.id,
    )
    for pair in pairs:
        first = _links(param, (pair.first,))
        second = _links(param, (pair.second,))
        evidence = "\n".join(f"  - {render.md(line)}" for line in pair.evidence)
        blocks.append(
            f"- **{render.md(pair.kind.capitalize())}** ({pair.alike} alike): {first} and {second}\n{evidence}"
        )
    st.markdown("\n".join(blocks))


def _tree(loaded: Loaded, review: ReviewView) -> None:
    if not review.tree:
        st.write(
            "The framework states no reporting lines: none of its roles names a manager, so there is no tree to "
            "draw and no span of control to count."
        )
        return
    param = _framework_param(loaded)
    lines = []
    shown = paging.page(
        review.tree,
        key="review-tree-page",
        per_page=TREE_LINES_AT_ONCE,
        what="roles",
        where=ELSEWHERE,
        list_of=loaded.framework.id,
    )
    top = min(line.depth for line in shown)  # a page may start deep in the tree: its first lines are not indented
    for line in shown:
        span = f"{line.direct:,} direct, {line.all:,} in all" if line.all else "no reports"
        link = _links(param, ((line.role, line.title),))
        lines.append(f"{'  ' * (line.depth - top)}- {link} ({render.md(line.grade)}; {span})")
    st.markdown("\n".join(lines))
    if review.unlinked:
        st.caption(f"{review.unlinked:,} roles are in no reporting line and are not shown.")


def _missing_rungs(review: ReviewView) -> list[str]:
    lines = []
    for gap in review.missing_rungs:
        line = (
            f"**{render.md(gap.ladder)}:** no role at {render.md(', '.join(gap.missing))} between "
            f"{render.md(gap.lower)} and {render.md(gap.upper)}"
        )
        if gap.unplaced:
            line += f" — {render.md(', '.join(gap.unplaced))}, whose grade is not stated, sits between them"
        lines.append(line + ".")
    return lines or ["No ladder skips a grade between two of its roles."]


def _rungs(loaded: Loaded, review: ReviewView) -> None:
    st.header("Which rungs are filled?", divider="gray")
    st.caption("Each discipline's rungs, lowest grade first: filled by a described role, referenced only, or empty.")
    rung_matrix(review.rung_status)
    table_box = state.lazy_expander("The roles in each rung", key="review-rungs-table")
    with table_box:
        if table_box.open:
            st.caption(f"Each rung names its first {TITLES_SHOWN} roles; the downloads name every one.")
            render.stacked_table(loaded.view_from((review_view,), _rung_table), key="stacked-rung-roles")
    st.markdown("## Missing rungs")
    lines = paging.page(_missing_rungs(review), key="review-rungs-page", per_page=50, what="gaps", where=ELSEWHERE)
    st.markdown("\n\n".join(lines))


def _ends(loaded: Loaded, review: ReviewView) -> None:
    st.header("Dead ends and ways in", divider="gray")
    left, right = st.columns(2)
    with left:
        st.subheader("Dead ends")
        st.caption("Roles with no onward move. Those at the top of the scale are expected to be.")
        paging.paged_table(review.dead_ends, key="review-dead-ends-page")
    with right:
        st.subheader("No way in")
        st.caption("Roles no move leads into. The lowest rung of a ladder is its natural way in.")
        paging.paged_table(review.no_way_in, key="review-no-way-in-page")
    st.subheader("Roles whose grade is not stated")
    paging.paged_table(review.unknown_grades, key="review-unknown-page")


def _cliffs(loaded: Loaded, review: ReviewView) -> None:
    st.header("Skill cliffs", divider="gray")
    if review.cliffs.empty:
        st.write("No promotion links two roles that both have skill requirements.")
    else:
        st.markdown(
            "Every promotion ranked by the skill levels to gain, the steepest first; a step through a rung "
            "that states no skills of its own is measured from the rung below it (*Through*)."
        )
        paging.paged_table(review.cliffs, key="review-cliffs-page")
    if review.inversions.empty:
        st.write("No inversions: no higher rung needs less of a skill than the rung below it.")
    else:
        st.markdown(
            f"**{len(review.inversions):,} inversions** — a higher rung needs a skill at a lower level than "
            "the rung below:"
        )
        paging.paged_table(review.inversions, key="review-inversions-page")


def _lines(loaded: Loaded, review: ReviewView) -> None:
    st.header("Reporting lines and spans of control", divider="gray")
    st.subheader("The tree")
    _tree(loaded, review)
    st.subheader("Per role")
    paging.paged_table(review.spans, key="review-spans-page")
    st.subheader("Totals per discipline")
    st.caption("Staff and budgets as the documents state them.")
    paging.paged_table(review.totals, key="review-totals-page")


def _referenced(loaded: Loaded, review: ReviewView) -> None:
    st.header("Referenced roles without a document", divider="gray")
    if review.referenced.empty:
        st.write("Every role has a document or an import of its own.")
    else:
        paging.paged_table(review.referenced, key="review-referenced-page")


#: The review's tabs, in order: each a label and what it draws once open. A tab is one more line here.
TABS: list[tuple[str, Callable[[Loaded, ReviewView], None]]] = [
    ("What to do", _todo),
    ("Rungs", _rungs),
    ("Dead ends and ways in", _ends),
    ("Skill cliffs", _cliffs),
    ("Grading consistency", _grading),
    ("Reporting lines", _lines),
    ("Referenced roles", _referenced),
]


@run_gate.fragment
def _tabs(loaded: Loaded, review: ReviewView) -> None:
    """The tabs, of which only the open one is drawn. A fragment: choosing a tab, a page or a discipline reruns
    the tabs alone, not the page and the sidebar around them."""
    opened = state.lazy_tabs([label for label, _ in TABS], key="review-tab")
    for (_, draw), tab in zip(TABS, opened, strict=True):
        if tab.open:
            with tab:
                draw(loaded, review)


def _markdown(framework, graph) -> str:
    return review_markdown(framework, graph)


def _workbook(framework, graph) -> bytes:
    return review_xlsx(framework, graph)


def main() -> None:
    loaded = state.framework()
    # About 2 s to make at 10,000 roles: kept on disk too, so that the next start or worker reads it back.
    review = loaded.view(review_view, on_disk=True)

    st.title("Structure review")
    overview = " · ".join(plural(n, one, many) for n, one, many in review.overview)
    st.markdown(
        "Is the structure sound? Each tab answers one question about the framework as a whole; every table can be "
        f"downloaded with the rest of the review at the bottom of the page.\n\n**In short:** {overview}."
    )
    _tabs(loaded, review)

    # The buttons are drawn only while their expander is open; each file is made when its button is pressed.
    files = state.lazy_expander("Download the review (Markdown or Excel)", key="review-downloads")
    with files:
        if files.open:
            fw = loaded.framework
            buttons = st.container(horizontal=True)
            render.download(
                "Download as Markdown",
                lambda: loaded.view(_markdown),
                file_name=f"structure-review-{fw.id}.md",
                where=buttons,
            )
            render.download(
                "Download as Excel (XLSX)",
                lambda: loaded.view(_workbook),
                file_name=f"structure-review-{fw.id}.xlsx",
                where=buttons,
            )
