"""A development plan as files people use: Markdown to read or paste, CSV for a spreadsheet, and a one-page PDF
to print for the 1:1 — all three from one :class:`~framework.plan.DevelopmentPlan`.

Framework and user text is data, never markup: every string in the Markdown is escaped, every CSV cell is made
safe for spreadsheets, and the PDF's paragraphs are escaped for reportlab's own mark-up.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import pandas as pd

from .cells import csv_text
from .docbounds import printable
from .ids import file_stem
from .plan import DevelopmentPlan, FocusItem
from .textsafe import md_escape

__all__ = ["PLAN_CSV_COLUMNS", "plan_csv", "plan_file_stem", "plan_markdown", "plan_pdf"]

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


def _date(value) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def _who(plan: DevelopmentPlan) -> list[str]:
    return [
        f"**Person:** {md_escape(plan.person) if plan.person else BLANK}",
        f"**Line manager:** {md_escape(plan.manager) if plan.manager else BLANK}",
        f"**Date:** {_date(plan.date)}",
        f"**Next check-in:** {_date(plan.next_check_in) if plan.next_check_in else BLANK}",
    ]


def _looks_like_lines(item: FocusItem) -> list[str]:
    out = []
    for step in item.looks_like:
        if step.note:
            out.append(f"*{md_escape(step.level)}* — {md_escape(step.note)}")
        else:
            out.append(f"*{md_escape(step.heading)}:*")
        if step.text:
            out += [md_escape(line) for line in step.text.splitlines() if line.strip()]
    return out


def _focus_markdown(number: int, item: FocusItem) -> list[str]:
    lines = [f"### {number}. {md_escape(item.name)}", ""]
    lines.append(f"**Now:** {md_escape(item.now)} · **Needed:** {md_escape(item.needed_stated)}")
    lines += ["", "**What good looks like**", ""]
    for line in _looks_like_lines(item):
        lines += [line, ""]
    if item.practise:
        lines += ["**Ways to practise**", ""]
        lines += [f"- “{md_escape(p.text)}” — {md_escape(p.source)}" for p in item.practise]
        lines.append("")
    if item.resources:
        lines += ["**Resources**", ""]
        for resource in item.resources:
            kind = f" ({md_escape(resource.kind)})" if resource.kind else ""
            link = f" — {md_escape(resource.link)}" if resource.link else ""
            lines.append(f"- {md_escape(resource.title)}{kind}{link}")
        lines.append("")
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

    changes = plan.changes
    lines += [f"## What changes at {esc(plan.target_title)}", ""]
    if changes.responsibilities:
        lines += ["| Responsibility | Now | Then |", "|---|---|---|"]
        lines += [f"| {esc(c.what)} | {esc(c.now)} | {esc(c.then)} |" for c in changes.responsibilities]
        lines.append("")
    if changes.new_skills:
        lines.append("**Skills the target needs that are not held yet, or not in the current profile:** ")
        lines.append(", ".join(f"{esc(r.name)}" for r in changes.new_skills) + ".")
        lines.append("")
    if changes.raised_skills:
        lines.append("**Skills to raise:** " + ", ".join(esc(r.name) for r in changes.raised_skills) + ".")
        lines.append("")
    if changes.expectations:
        against = f" that {esc(changes.compared_with)} does not already have" if changes.compared_with else ""
        lines += [f"**{esc(plan.target_title)}'s criteria{against}:**", ""]
        for label, items in (("Essential", changes.essential), ("Desirable", changes.desirable)):
            if items:
                lines.append(f"*{label}:*")
                lines.append("")
                lines += [f"- {esc(e.area_name)}: {esc(e.text)}" for e in items]
                lines.append("")
        if changes.unmarked:
            lines += [f"- {esc(e.area_name)}: {esc(e.text)}" for e in changes.unmarked]
            lines.append("")
    if not (changes.responsibilities or changes.new_skills or changes.raised_skills or changes.expectations):
        lines += ["Nothing: the target asks nothing the current side does not already have.", ""]

    lines += ["## Focus for this plan", ""]
    if not plan.focus:
        lines += ["No gap chosen.", ""]
    for number, item in enumerate(plan.focus, 1):
        lines += _focus_markdown(number, item)

    lines += ["## Agreed actions", "", "| Action | By when | Owner | Support | Status |", "|---|---|---|---|---|"]
    for action in plan.actions:
        cells = [action.action, _date(action.by_when), action.owner, action.support, action.status]
        lines.append("| " + " | ".join(esc(c) if c else " " for c in cells) + " |")
    if not plan.actions:
        lines += ["|   |   |   |   |   |"] * BLANK_ACTIONS
    lines.append("")
    if plan.others:
        lines += ["## Other gaps, for a later plan", ""]
        lines += [f"- {esc(item.name)} ({esc(item.now)} → {esc(item.needed)})" for item in plan.others]
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


def _rows(plan: DevelopmentPlan) -> Iterable[dict[str, object]]:
    who = {
        "Person": plan.person or "",
        "Line manager": plan.manager or "",
        "From": plan.current_label,
        "To": plan.target_label,
        "Date": plan.date.isoformat(),
        "Next check-in": plan.next_check_in.isoformat() if plan.next_check_in else "",
    }
    for part, items in (("Focus", plan.focus), ("Later", plan.others)):
        for item in items:
            yield {
                **who,
                "Part": part,
                "Item": item.text or item.name,
                "Now": item.now,
                "Needed": item.needed,
                "Needed, stated in": item.needed_source,
                "What good looks like": _plain_looks_like(item) if part == "Focus" else "",
                "Ways to practise": "\n".join(f"{p.text} ({p.source})" for p in item.practise)
                if part == "Focus"
                else "",
            }
    for action in plan.actions:
        yield {
            **who,
            "Part": "Action",
            "Action": action.action,
            "By when": action.by_when.isoformat() if action.by_when else "",
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


_FONTS = Path(__import__("reportlab").__file__).parent / "fonts"


def _styles():
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    # Vera, which reportlab ships, holds the curly quotes, dashes and £ of the documents; the standard PDF
    # fonts hold only Latin-1.
    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Vera", str(_FONTS / "Vera.ttf")))
        pdfmetrics.registerFont(TTFont("VeraBd", str(_FONTS / "VeraBd.ttf")))
        pdfmetrics.registerFont(TTFont("VeraIt", str(_FONTS / "VeraIt.ttf")))
        from reportlab.pdfbase.pdfmetrics import registerFontFamily

        registerFontFamily("Vera", normal="Vera", bold="VeraBd", italic="VeraIt", boldItalic="VeraBd")
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName="Vera", fontSize=7.6, leading=9.4, spaceAfter=1.5)
    return {
        "title": ParagraphStyle("title", parent=body, fontName="VeraBd", fontSize=12.5, leading=15, spaceAfter=3),
        "h2": ParagraphStyle("h2", parent=body, fontName="VeraBd", fontSize=9, leading=11, spaceBefore=4, spaceAfter=2),
        "h3": ParagraphStyle("h3", parent=body, fontName="VeraBd", fontSize=8, leading=10, spaceBefore=3),
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=6.6, leading=8, textColor="#333333"),
        "cell": ParagraphStyle("cell", parent=body, fontSize=7, leading=8.4, spaceAfter=0),
    }


def _x(text: str | None) -> str:
    """Text for a reportlab paragraph: shown as written (its mark-up characters escaped). The plan's own words
    avoid the few characters the bundled font lacks (an arrow, say), so it never prints an empty box."""
    return xml_escape(text or "").replace("\n", "<br/>")


def _first(text: str | None, words: int = 45) -> str:
    parts = (text or "").split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def plan_pdf(plan: DevelopmentPlan) -> bytes:
    """The 1:1 kit on one printable A4 page: who and when, where things stand, the focus with what good looks
    like at the level needed and ways to practise, the agreed actions with their dates, and space to sign.

    Made from the plan held to the bounds of :func:`framework.docbounds.printable`, so that its cost is small
    and no text can outgrow a page."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

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
    story = [Paragraph(_x(f"Development plan: {plan.current_label} to {plan.target_label}"), s["title"])]
    who = (
        f"<b>Person:</b> {_x(plan.person) or '______________'} &nbsp; "
        f"<b>Line manager:</b> {_x(plan.manager) or '______________'} &nbsp; "
        f"<b>Date:</b> {_x(_date(plan.date))} &nbsp; "
        f"<b>Next check-in:</b> {_x(_date(plan.next_check_in)) or '______________'}"
    )
    story += [Paragraph(who, s["body"]), Paragraph(_x(f"{plan.framework} · levels: {plan.levels_from}"), s["small"])]
    story += [Paragraph(f"<b>Where things stand:</b> {_x(plan.readiness)}", s["body"])]
    if not plan.route.has_route:
        nearest = ", ".join(label for _, label in plan.route.nearest)
        text = f"No route in the framework leads to {plan.target_title}: {plan.route.reason}."
        text += f" Roles that do lead there: {nearest}." if nearest else ""
        story.append(Paragraph(_x(text), s["body"]))
    changes = plan.changes
    if changes.responsibilities:
        story.append(
            Paragraph(
                "<b>What changes:</b> "
                + "; ".join(
                    _x(f"{c.what}: {_first(c.now, 14)}, then {_first(c.then, 14)}") for c in changes.responsibilities
                ),
                s["body"],
            )
        )
    if changes.essential:
        story.append(
            Paragraph(
                _x(f"{len(changes.essential)} essential and {len(changes.desirable)} desirable criteria of "
                   f"{plan.target_title} to show; the plan's Markdown lists them all."),
                s["small"],
            )
        )  # fmt: skip

    story.append(Paragraph("Focus", s["h2"]))
    for number, item in enumerate(plan.focus, 1):
        story.append(Paragraph(_x(f"{number}. {item.name} — now: {item.now}; needed: {item.needed}"), s["h3"]))
        story.append(Paragraph(_x(f"Needed, stated in {item.needed_source}."), s["small"]))
        needed = item.looks_like[-1] if item.looks_like else None
        if needed is not None:
            note = f" ({needed.note})" if needed.note else ""
            story.append(
                Paragraph(
                    f"<b>What good looks like ({_x(needed.heading)}):</b> {_x(_first(needed.text, 60))}"
                    f"<i>{_x(note)}</i>",
                    s["body"],
                )
            )
        for practice in item.practise[:2]:
            story.append(
                Paragraph(
                    f"<b>Practise:</b> “{_x(_first(practice.text, 30))}” — <i>{_x(practice.source)}</i>", s["small"]
                )
            )
    if not plan.focus:
        story.append(Paragraph("No gap chosen.", s["body"]))

    story.append(Paragraph("Agreed actions", s["h2"]))
    header = ["Action", "By when", "Owner", "Support", "Status"]
    rows = [[Paragraph(f"<b>{h}</b>", s["cell"]) for h in header]]
    for action in plan.actions:
        cells = [action.action, _date(action.by_when), action.owner, action.support, action.status]
        rows.append([Paragraph(_x(_first(c, 25)), s["cell"]) for c in cells])
    rows += [[""] * 5 for _ in range(max(0, BLANK_ACTIONS - len(plan.actions)))]
    table = Table(
        rows,
        colWidths=[width * f for f in (0.38, 0.12, 0.14, 0.24, 0.12)],
        minRowHeights=[0] + [14] * (len(rows) - 1),
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
    if plan.others:
        later = ", ".join(item.name for item in plan.others[:8])
        more = len(plan.others) - 8
        story.append(Paragraph(_x(f"Later: {later}" + (f", and {more} more." if more > 0 else ".")), s["small"]))
    story.append(Paragraph("Agreed", s["h2"]))
    sign = Table(
        [["Person:", "", "Date:", ""], ["Line manager:", "", "Date:", ""]],
        colWidths=[width * f for f in (0.16, 0.44, 0.1, 0.3)],
        rowHeights=[16, 16],
    )
    sign.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), "Vera"),
                ("FONTSIZE", (0, 0), (-1, -1), 7.6),
                ("LINEBELOW", (1, 0), (1, -1), 0.5, colors.black),
                ("LINEBELOW", (3, 0), (3, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        )
    )
    story.append(sign)
    if plan.attribution:
        story += [Spacer(1, 4), Paragraph(_x(_first(plan.attribution, 60)), s["small"])]
    doc.build(story)
    return buffer.getvalue()
