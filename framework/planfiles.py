"""A development plan as files people use: Markdown to read or paste, CSV for a spreadsheet, and a PDF to print for
the 1:1 — all three from one :class:`~framework.plan.DevelopmentPlan`.

The PDF's first page is the sheet for the conversation — who, when, what changes, the focus, the agreed actions
and space to sign — and what good looks like, ways to practise and resources follow on the next pages, whole:
nothing the framework says is cut short to make it fit. Descriptors keep their lists as lists in every file.

Dates are written as a reader in the UK reads them ("15 Jan 2027") in the Markdown and the PDF, and as ISO 8601
("2027-01-15") in the CSV, which is data (:mod:`framework.dates`).

Framework and user text is data, never markup: every string in the Markdown is escaped, every CSV cell is made
safe for spreadsheets, and the PDF's paragraphs are escaped for reportlab's own mark-up.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from urllib.parse import quote
from xml.sax.saxutils import escape as xml_escape

import pandas as pd

from .cells import csv_text
from .dates import file_date, uk_date
from .docbounds import printable
from .gaptext import descriptor_lines, descriptor_markdown
from .ids import file_stem
from .learning_sources import describe_source
from .plan import DevelopmentPlan, FocusItem, LooksLike, PlanResource
from .textsafe import md_escape, md_table

__all__ = [
    "ACCESS_SAID",
    "PLAN_CSV_COLUMNS",
    "focus_markdown",
    "plan_csv",
    "plan_file_stem",
    "plan_markdown",
    "plan_pdf",
    "resource_facts",
    "resource_provenance",
    "resources_heading",
]

BLANK = "________________"  #: space to write in on a printed plan
BLANK_ACTIONS = 3  #: empty rows of the actions table when none are agreed yet
PLAN_CSV_COLUMNS = [
    "Person",
    "Line manager",
    "From",
    "To",
    "Date",
    "Next check-in",
    "Part",
    "Item",
    "Now",
    "Needed",
    "Needed, stated in",
    "What good looks like",
    "Ways to practise",
    "Resources",
    "Action",
    "By when",
    "Owner",
    "Support",
    "Status",
]


def plan_file_stem(plan: DevelopmentPlan) -> str:
    """A file name (without its extension) that tells one plan from another in a downloads folder: whose it is
    where it says, the target role and the day — "development-plan-sam-okafor-senior-product-manager-2026-12-03"."""
    return file_stem("development-plan", plan.person or "", plan.target_title, plan.date.isoformat(), most=60)


def _focus_title(item: FocusItem) -> str:
    """A focus item as its heading names it: a skill by its name, a criterion by its area and whole text."""
    return f"{item.area}: {item.text}" if item.kind == "expectation" and item.text else item.name


#: Who may use a resource, as a plan says it.
ACCESS_SAID = {"open": "open to anyone", "organisation": "Organisation only"}


def resource_facts(resource: PlanResource) -> list[str]:
    """What a resource is, in short words: who provides it, its kind, cost and time, and who may use it."""
    r = resource.resource
    return [x for x in (r.provider, r.kind.replace("-", " "), r.cost, r.time, ACCESS_SAID.get(r.access or "")) if x]


def resource_provenance(resource: PlanResource, *, date: Callable = uk_date, cited: bool = False) -> str:
    """Where the plan found the resource, and where its title and address were verified (a catalogue's entry) or
    are listed (a framework's own): "Open learning for DDaT skills, for Expert; title and address verified in
    alphagov/gds-way at 627911c, checked 6 Dec 2026". ``cited``: the source as the catalogue writes it."""
    r = resource.resource
    where = r.source if cited else describe_source(r.source)[0]
    said = f"title and address verified in {where}" if r.access is not None else f"listed in {where}"
    return f"{resource.found}; {said}" + (f", checked {date(r.checked_on)}" if r.checked_on else "")


def _resource_line(resource: PlanResource) -> str:
    """A resource in one line of plain text (the CSV's): what it is, its address, where it was found and verified."""
    link = f": {resource.link}" if resource.link else ""
    provenance = resource_provenance(resource, date=file_date, cited=True)
    return f"{resource.title} — {', '.join(resource_facts(resource))}{link} ({provenance})"


def _address(address: str) -> str:
    """An address as a Markdown link's target: the characters that would end the link percent-encoded."""
    return quote(address, safe=":/?#@!$&*+,;=%~-._")


def _resource_markdown(resource: PlanResource) -> str:
    title = md_escape(resource.title)
    head = f"[{title}]({_address(resource.link)})" if resource.link else f"**{title}**"
    facts, provenance = " · ".join(resource_facts(resource)), resource_provenance(resource)
    return f"- {head} — {md_escape(facts)}  \n  *{md_escape(provenance)}*"


# --------------------------------------------------------------------------- Markdown


def _who(plan: DevelopmentPlan) -> list[str]:
    return [
        f"**Person:** {md_escape(plan.person) if plan.person else BLANK}",
        f"**Line manager:** {md_escape(plan.manager) if plan.manager else BLANK}",
        f"**Date:** {uk_date(plan.date)}",
        f"**Next check-in:** {uk_date(plan.next_check_in) if plan.next_check_in else BLANK}",
    ]


def _looks_like_markdown(step: LooksLike, kind: str) -> str:
    head = f"*{md_escape(step.level)}* — {md_escape(step.note)}" if step.note else f"*{md_escape(step.heading)}:*"
    if not step.text:
        return head
    return head + "\n\n" + (descriptor_markdown(step.text) if kind == "skill" else md_escape(step.text))


def focus_markdown(
    item: FocusItem, *, heading: str = "", steps: Sequence[LooksLike] | None = None, resources: bool = True
) -> str:
    """One focus item in Markdown (what the page's focus detail and the Markdown file both say): where it
    stands, what good looks like at each level still to reach (or at ``steps`` only), ways to practise with the
    rule that chose them, and resources (unless ``resources`` is false: the page lists them itself, each with a
    button)."""
    steps = item.looks_like if steps is None else steps
    blocks = [heading] if heading else []
    blocks.append(f"**Now:** {md_escape(item.now)} · **Needed:** {md_escape(item.needed_stated)}")
    if steps:
        blocks.append("**What good looks like**")
        blocks += [_looks_like_markdown(step, item.kind) for step in steps]
    if item.practise:
        blocks.append("**Ways to practise**")
        if item.practise_rule:
            blocks.append(f"*{md_escape(item.practise_rule)}*")
        blocks.append("\n".join(f"- “{md_escape(p.text)}” — {md_escape(p.source)}" for p in item.practise))
    if item.resources and resources:
        blocks.append(f"**{md_escape(resources_heading(item))}**")
        blocks.append("\n".join(_resource_markdown(r) for r in item.resources))
    return "\n\n".join(blocks)


def resources_heading(item: FocusItem) -> str:
    """The heading of a focus item's resources: for a skill, the level they are for."""
    return f"Resources for {item.needed}" if item.kind == "skill" else "Resources"


def _changes_markdown(plan: DevelopmentPlan) -> list[str]:
    esc, changes = md_escape, plan.changes
    lines = [f"## What changes at {esc(plan.target_title)}", ""]
    if changes.said:
        lines += [f"- {esc(line)}" for line in changes.said] + [""]
    if changes.new_skills:
        lines += ["**Skills the target needs that are not held yet, or not in the current profile:**", ""]
        lines += [f"- {esc(r.name)}" for r in changes.new_skills] + [""]
    if changes.raised_skills:
        lines += ["**Skills to raise:**", ""]
        lines += [f"- {esc(r.name)}" for r in changes.raised_skills] + [""]
    if changes.expectations:
        against = f" that {esc(changes.compared_with)} does not already have" if changes.compared_with else ""
        lines += [f"**{esc(plan.target_title)}'s criteria{against}:**", ""]
        for label, items in (("Essential", changes.essential), ("Desirable", changes.desirable)):
            if items:
                lines += [f"*{label}:*", ""]
                lines += [f"- {esc(e.area_name)}: {esc(e.text)}" for e in items] + [""]
        if changes.unmarked:
            lines += [f"- {esc(e.area_name)}: {esc(e.text)}" for e in changes.unmarked] + [""]
    if not (changes.said or changes.new_skills or changes.raised_skills or changes.expectations):
        lines += ["Nothing: the target asks nothing the current side does not already have.", ""]
    return lines


def plan_markdown(plan: DevelopmentPlan) -> str:
    """The plan in Markdown: who and when, what changes at the next level, the focus in detail, the agreed
    actions, the gaps left for later and space to sign."""
    esc = md_escape
    lines = [f"# Development plan: {esc(plan.current_label)} → {esc(plan.target_label)}", ""]
    lines += ["  \n".join(_who(plan)), ""]
    lines += [f"**Framework:** {esc(plan.framework)} · **Levels:** {esc(plan.levels_from)}", ""]
    lines += [f"**Where things stand:** {esc(plan.readiness)}", "", esc(plan.summary), ""]
    if not plan.route.has_route:
        lines += [f"**No route in the framework leads to {esc(plan.target_title)}:** {esc(plan.route.reason or '')}."]
        if plan.route.nearest:
            lines.append("Roles that do lead there: " + ", ".join(esc(label) for _, label in plan.route.nearest) + ".")
        lines.append("")
    lines += _changes_markdown(plan)

    lines += ["## Focus for this plan", ""]
    if not plan.focus:
        lines += ["No gap chosen.", ""]
    for number, item in enumerate(plan.focus, 1):
        lines += [focus_markdown(item, heading=f"### {number}. {esc(_focus_title(item))}"), ""]

    rows = [(a.action, uk_date(a.by_when), a.owner, a.support, a.status) for a in plan.actions]
    rows = rows or [("",) * 5] * BLANK_ACTIONS  # lines to write on, on paper
    lines += ["## Agreed actions", ""]
    lines += md_table(["Action", "By when", "Owner", "Support", "Status"], rows, cell=lambda c: esc(c) if c else " ")
    lines.append("")
    if plan.others:
        lines += ["## Other gaps, for a later plan", ""]
        lines += [f"- {esc(_focus_title(item))} ({esc(item.now)} → {esc(item.needed)})" for item in plan.others]
        lines.append("")
    lines += [
        "## Agreed",
        "",
        f"- Person: {BLANK} Date: {BLANK}",
        f"- Line manager: {BLANK} Date: {BLANK}",
    ]
    if plan.attribution:
        lines += ["", "---", "", esc(plan.attribution)]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- CSV


def _plain_looks_like(item: FocusItem) -> str:
    parts = []
    for step in item.looks_like:
        head = f"{step.level}: {step.note}" if step.note else f"{step.heading}:"
        parts.append(head + ("\n" + step.text if step.text else ""))
    return "\n\n".join(parts)


def _plain_practise(item: FocusItem) -> str:
    lines = [item.practise_rule] if item.practise and item.practise_rule else []
    return "\n".join(lines + [f"{p.text} ({p.source})" for p in item.practise])


def _rows(plan: DevelopmentPlan) -> Iterable[dict[str, object]]:
    who = {
        "Person": plan.person or "",
        "Line manager": plan.manager or "",
        "From": plan.current_label,
        "To": plan.target_label,
        "Date": file_date(plan.date),
        "Next check-in": file_date(plan.next_check_in),
    }
    for part, items in (("Focus", plan.focus), ("Later", plan.others)):
        for item in items:
            detail = part == "Focus"
            yield {
                **who,
                "Part": part,
                "Item": item.text or item.name,
                "Now": item.now,
                "Needed": item.needed,
                "Needed, stated in": item.needed_source,
                "What good looks like": _plain_looks_like(item) if detail else "",
                "Ways to practise": _plain_practise(item) if detail else "",
                "Resources": "\n".join(_resource_line(r) for r in item.resources) if detail else "",
            }
    for action in plan.actions:
        yield {
            **who,
            "Part": "Action",
            "Action": action.action,
            "By when": file_date(action.by_when),
            "Owner": action.owner,
            "Support": action.support,
            "Status": action.status,
        }


def plan_csv(plan: DevelopmentPlan) -> str:
    """The plan as CSV: a row per focus item, per gap left for later and per agreed action, each row saying who,
    from, to and when, so rows copied elsewhere keep their meaning. Starts with a byte-order mark for Excel."""
    rows = [{column: row.get(column, "") for column in PLAN_CSV_COLUMNS} for row in _rows(plan)]
    return csv_text(pd.DataFrame(rows, columns=PLAN_CSV_COLUMNS), bom=True)  # every cell made safe: framework.cells


# --------------------------------------------------------------------------- PDF


def _styles():
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    from .documents import register_fonts

    register_fonts()
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName="Vera", fontSize=8, leading=10, spaceAfter=2)
    return {
        "title": ParagraphStyle("title", parent=body, fontName="VeraBd", fontSize=13, leading=16, spaceAfter=4),
        "h2": ParagraphStyle(
            "h2", parent=body, fontName="VeraBd", fontSize=9.5, leading=12, spaceBefore=6, keepWithNext=1
        ),
        "h3": ParagraphStyle(
            "h3", parent=body, fontName="VeraBd", fontSize=8.5, leading=11, spaceBefore=4, keepWithNext=1
        ),
        "body": body,
        "bullet": ParagraphStyle(
            "bullet", parent=body, leftIndent=10, bulletIndent=2, bulletFontName="Vera", spaceAfter=1
        ),
        "small": ParagraphStyle("small", parent=body, fontSize=7, leading=8.8, textColor="#333333"),
        "small_indented": ParagraphStyle(
            "small_indented", parent=body, fontSize=7, leading=8.8, textColor="#333333", leftIndent=10
        ),
        "cell": ParagraphStyle("cell", parent=body, fontSize=7.5, leading=9, spaceAfter=0),
    }


#: Characters that are invisible by definition (zero-width spaces and joiners, the byte-order mark): the bundled
#: font has no glyph for them, and would print a box where the text shows nothing.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def _x(text: str | None) -> str:
    """Text for a reportlab paragraph: shown as written (its mark-up characters escaped, its invisible characters
    left out). The plan's own words avoid the few characters the bundled font lacks (an arrow, say), so it never
    prints an empty box."""
    return xml_escape((text or "").translate(_INVISIBLE)).replace("\n", "<br/>")


def _bullets(items: Iterable[str], s, style: str = "bullet") -> list:
    from reportlab.platypus import Paragraph

    return [Paragraph(item, s[style], bulletText="•") for item in items]


def _descriptor_flowables(text: str, s) -> list:
    """A descriptor as the framework writes it: its lead-in as a paragraph, its "- …" items as bullets."""
    from reportlab.platypus import Paragraph

    return [
        Paragraph(_x(line), s["bullet"], bulletText="•") if is_bullet else Paragraph(_x(line), s["body"])
        for is_bullet, line in descriptor_lines(text)
    ]


def _first_page(plan: DevelopmentPlan, s, width: float) -> list:
    """The sheet for the 1:1: who and when, where things stand, what changes, the focus, the agreed actions and
    space to sign."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    story = [Paragraph(_x(f"Development plan: {plan.current_label} to {plan.target_label}"), s["title"])]
    who = (
        f"<b>Person:</b> {_x(plan.person) or BLANK} &nbsp; "
        f"<b>Line manager:</b> {_x(plan.manager) or BLANK} &nbsp; "
        f"<b>Date:</b> {_x(uk_date(plan.date))} &nbsp; "
        f"<b>Next check-in:</b> {_x(uk_date(plan.next_check_in)) or BLANK}"
    )
    story += [Paragraph(who, s["body"]), Paragraph(_x(f"{plan.framework} · levels: {plan.levels_from}"), s["small"])]
    story.append(Paragraph(f"<b>Where things stand:</b> {_x(plan.readiness)}", s["body"]))
    if not plan.route.has_route:
        text = f"No route in the framework leads to {plan.target_title}: {plan.route.reason}."
        if plan.route.nearest:
            text += " Roles that do lead there: " + ", ".join(label for _, label in plan.route.nearest) + "."
        story.append(Paragraph(_x(text), s["body"]))
    changes = plan.changes
    if changes.said:
        story.append(Paragraph("What changes", s["h2"]))
        story += _bullets([_x(line) for line in changes.said], s)
    if changes.expectations:
        counts = f"{len(changes.essential)} essential and {len(changes.desirable)} desirable criteria"
        story.append(Paragraph(_x(f"{counts} of {plan.target_title} to show: listed after the focus."), s["small"]))

    story.append(Paragraph("Focus", s["h2"]))
    for number, item in enumerate(plan.focus, 1):
        line = f"<b>{number}. {_x(_focus_title(item))}</b> — now: {_x(item.now)}; needed: {_x(item.needed)}"
        story.append(Paragraph(line, s["body"]))
    if plan.focus:
        story.append(Paragraph("What good looks like, ways to practise and resources: on the next page.", s["small"]))
    else:
        story.append(Paragraph("No gap chosen.", s["body"]))

    story.append(Paragraph("Agreed actions", s["h2"]))
    header = ["Action", "By when", "Owner", "Support", "Status"]
    rows = [[Paragraph(f"<b>{h}</b>", s["cell"]) for h in header]]
    for action in plan.actions:
        cells = [action.action, uk_date(action.by_when), action.owner, action.support, action.status]
        rows.append([Paragraph(_x(c), s["cell"]) for c in cells])
    rows += [[""] * 5 for _ in range(max(0, BLANK_ACTIONS - len(plan.actions)))]
    table = Table(
        rows,
        colWidths=[width * f for f in (0.38, 0.12, 0.14, 0.24, 0.12)],
        minRowHeights=[0] + [16] * (len(rows) - 1),
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#6f777b")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f3f2f1")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story += [table, Spacer(1, 4)]
    story.append(Paragraph("Agreed", s["h2"]))
    sign = Table(
        [["Person:", "", "Date:", ""], ["Line manager:", "", "Date:", ""]],
        colWidths=[width * f for f in (0.16, 0.44, 0.1, 0.3)],
        rowHeights=[18, 18],
    )
    sign.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), "Vera"),
                ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("LINEBELOW", (1, 0), (1, -1), 0.5, colors.black),
                ("LINEBELOW", (3, 0), (3, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        )
    )
    story.append(sign)
    return story


def _focus_pages(plan: DevelopmentPlan, s) -> list:
    """Each focus item in full — what the level needed looks like (the levels on the way are named; the Markdown
    describes them too), ways to practise, resources — then the criteria still to show and the gaps left for
    later."""
    from reportlab.platypus import Paragraph

    story = [Paragraph("The focus in detail", s["title"])]
    for number, item in enumerate(plan.focus, 1):
        story.append(Paragraph(_x(f"{number}. {_focus_title(item)}"), s["h2"]))
        story.append(Paragraph(f"<b>Now:</b> {_x(item.now)} · <b>Needed:</b> {_x(item.needed_stated)}", s["body"]))
        if item.looks_like:
            *before, step = item.looks_like
            story.append(Paragraph("What good looks like", s["h3"]))
            head = f"<i>{_x(step.level)}</i> — {_x(step.note)}" if step.note else f"<i>{_x(step.heading)}:</i>"
            story.append(Paragraph(head, s["body"]))
            if step.text:
                story += (
                    _descriptor_flowables(step.text, s)
                    if item.kind == "skill"
                    else [Paragraph(_x(step.text), s["body"])]
                )
            if before:
                on_the_way = ", ".join(b.level for b in before)
                story.append(
                    Paragraph(_x(f"On the way: {on_the_way}. The plan's Markdown file describes each."), s["small"])
                )
        if item.practise:
            story.append(Paragraph("Ways to practise", s["h3"]))
            if item.practise_rule:
                story.append(Paragraph(f"<i>{_x(item.practise_rule)}</i>", s["small"]))
            story += _bullets([f"“{_x(p.text)}” — <i>{_x(p.source)}</i>" for p in item.practise], s)
        if item.resources:
            story.append(Paragraph(_x(resources_heading(item)), s["h3"]))
            for r in item.resources:
                link = f": {_x(r.link)}" if r.link else ""
                line = f"<b>{_x(r.title)}</b> — {_x(', '.join(resource_facts(r)))}{link}"
                story.append(Paragraph(line, s["bullet"], bulletText="•"))
                story.append(Paragraph(_x(resource_provenance(r)), s["small_indented"]))
    changes = plan.changes
    if changes.expectations:
        against = f" that {changes.compared_with} does not already have" if changes.compared_with else ""
        story.append(Paragraph(_x(f"{plan.target_title}'s criteria{against}"), s["h2"]))
        groups = [("Essential", changes.essential), ("Desirable", changes.desirable), ("Other", changes.unmarked)]
        for label, items in groups:
            if items:
                story.append(Paragraph(label, s["h3"]))
                story += _bullets([_x(f"{e.area_name}: {e.text}") for e in items], s)
    if plan.others:
        story.append(Paragraph("Other gaps, for a later plan", s["h2"]))
        story += _bullets([_x(f"{_focus_title(i)} ({i.now}; needed: {i.needed})") for i in plan.others], s)
    if plan.attribution:
        story.append(Paragraph(_x(plan.attribution), s["small"]))
    return story


def plan_pdf(plan: DevelopmentPlan) -> bytes:
    """The plan to print: its first A4 page the sheet for the 1:1 (who and when, what changes, the focus, the
    agreed actions, space to sign), then the focus in detail — what good looks like at each level still to
    reach, ways to practise and resources — the criteria still to show and the gaps left for later, whole.

    Made from the plan held to the bounds of :func:`framework.docbounds.printable`, so that its cost is small
    and no text can outgrow a page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, SimpleDocTemplate

    plan = printable(plan)
    s = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=14 * mm,
        rightMargin=14 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=f"Development plan: {plan.current_label} → {plan.target_label}",
        author="Career Explorer",
    )
    width = A4[0] - 28 * mm
    story = _first_page(plan, s, width)
    detail = _focus_pages(plan, s)
    if len(detail) > 1:
        story += [PageBreak(), *detail]
    doc.build(story)
    return buffer.getvalue()
