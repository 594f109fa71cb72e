"""A plain document — headings, paragraphs, lists and tables — written as Markdown, Word or PDF.

HR's drafts (an advert, an interview pack, pay and progression criteria) are made once as a :class:`Document`
and then written in each format by the same few functions, so the three files always say the same thing.
Text is placed as written: Markdown escapes what would become markup (:func:`framework.textsafe.md_escape`),
the PDF escapes reportlab's mark-up, and Word takes plain runs.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from .textsafe import md_escape

__all__ = [
    "Block",
    "Document",
    "document_docx",
    "document_markdown",
    "document_pdf",
    "document_text",
    "register_fonts",
]


@dataclass(frozen=True)
class Block:
    """One block: ``kind`` is heading (``level`` 2–3), paragraph, note (small print), bullets or table."""

    kind: str
    text: str = ""
    level: int = 2
    items: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    widths: tuple[float, ...] = ()  # table column shares, for the PDF


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)
    banner: str | None = None  # e.g. "DRAFT — …", shown above the title in every format

    def heading(self, text: str, level: int = 2) -> None:
        self.blocks.append(Block("heading", text, level=level))

    def paragraph(self, text: str) -> None:
        self.blocks.append(Block("paragraph", text))

    def note(self, text: str) -> None:
        self.blocks.append(Block("note", text))

    def bullets(self, items) -> None:
        items = tuple(items)
        if items:
            self.blocks.append(Block("bullets", items=items))

    def table(self, header, rows, widths=()) -> None:
        self.blocks.append(Block("table", header=tuple(header), rows=tuple(tuple(r) for r in rows), widths=widths))


def document_text(document: Document) -> list[str]:
    """Every line of text in the document, in order (each table cell a line of its own)."""
    out = [document.banner] if document.banner else []
    out.append(document.title)
    for block in document.blocks:
        if block.kind in ("heading", "paragraph", "note"):
            out.append(block.text)
        elif block.kind == "bullets":
            out += block.items
        else:
            out += [*block.header, *(cell for row in block.rows for cell in row)]
    return out


def _md_cell(text: str) -> str:
    return md_escape(text) or " "


def document_markdown(document: Document) -> str:
    out = []
    if document.banner:
        out += [f"> **{md_escape(document.banner)}**", ""]
    out += [f"# {md_escape(document.title)}", ""]
    for block in document.blocks:
        if block.kind == "heading":
            out += [f"{'#' * block.level} {md_escape(block.text)}", ""]
        elif block.kind == "paragraph":
            out += [md_escape(block.text), ""]
        elif block.kind == "note":
            out += [f"*{md_escape(block.text)}*", ""]
        elif block.kind == "bullets":
            out += [f"- {md_escape(item)}" for item in block.items] + [""]
        else:
            out.append("| " + " | ".join(_md_cell(h) for h in block.header) + " |")
            out.append("|" + "---|" * len(block.header))
            out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows]
            out.append("")
    return "\n".join(out)


def document_docx(document: Document) -> bytes:
    """The document as a Word file (python-docx): real headings, bulleted lists and bordered tables."""
    import docx
    from docx.shared import Pt

    word = docx.Document()
    word.core_properties.title = document.title
    word.styles["Normal"].font.size = Pt(10.5)
    if document.banner:
        banner = word.add_paragraph()
        run = banner.add_run(document.banner)
        run.bold = True
    word.add_heading(document.title, level=1)
    for block in document.blocks:
        if block.kind == "heading":
            word.add_heading(block.text, level=block.level)
        elif block.kind == "paragraph":
            word.add_paragraph(block.text)
        elif block.kind == "note":
            run = word.add_paragraph().add_run(block.text)
            run.italic = True
            run.font.size = Pt(9)
        elif block.kind == "bullets":
            for item in block.items:
                word.add_paragraph(item, style="List Bullet")
        else:
            table = word.add_table(rows=1, cols=len(block.header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, block.header, strict=True):
                cell.text = ""
                cell.paragraphs[0].add_run(text).bold = True
            for row in block.rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
            word.add_paragraph()
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


_FONTS = Path(__import__("reportlab").__file__).parent / "fonts"


def register_fonts() -> None:
    """Register Vera, which reportlab ships: it holds the curly quotes, dashes and £ of the documents, where the
    standard PDF fonts hold only Latin-1. Once per process."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Vera", str(_FONTS / "Vera.ttf")))
        pdfmetrics.registerFont(TTFont("VeraBd", str(_FONTS / "VeraBd.ttf")))
        pdfmetrics.registerFont(TTFont("VeraIt", str(_FONTS / "VeraIt.ttf")))
        pdfmetrics.registerFontFamily("Vera", normal="Vera", bold="VeraBd", italic="VeraIt", boldItalic="VeraBd")


def _styles():
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    register_fonts()
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName="Vera", fontSize=9.5, leading=12.5, spaceAfter=3)
    return {
        "banner": ParagraphStyle("banner", parent=body, fontName="VeraBd", textColor="#8a1c1c", spaceAfter=6),
        "title": ParagraphStyle("title", parent=body, fontName="VeraBd", fontSize=16, leading=20, spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=body, fontName="VeraBd", fontSize=12, leading=15, spaceBefore=8),
        "h3": ParagraphStyle("h3", parent=body, fontName="VeraBd", fontSize=10.5, leading=13, spaceBefore=5),
        "body": body,
        "note": ParagraphStyle("note", parent=body, fontName="VeraIt", fontSize=8.5, leading=11, textColor="#333333"),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0),
        "head": ParagraphStyle("head", parent=body, fontName="VeraBd", fontSize=8.5, leading=10.5, spaceAfter=0),
    }


def _x(text: str) -> str:
    return xml_escape(text or "").replace("\n", "<br/>")


def document_pdf(document: Document) -> bytes:
    """The document as an A4 PDF (reportlab), tables repeating their header row on each page."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    s = _styles()
    buffer = io.BytesIO()
    margin = 18 * mm
    pdf = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=document.title,
        author="Career Explorer",
    )
    width = A4[0] - 2 * margin
    story = []
    if document.banner:
        story.append(Paragraph(_x(document.banner), s["banner"]))
    story.append(Paragraph(_x(document.title), s["title"]))
    for block in document.blocks:
        if block.kind == "heading":
            story.append(Paragraph(_x(block.text), s["h2" if block.level <= 2 else "h3"]))
        elif block.kind in ("paragraph", "note"):
            story.append(Paragraph(_x(block.text), s["body" if block.kind == "paragraph" else "note"]))
        elif block.kind == "bullets":
            story.append(
                ListFlowable(
                    [ListItem(Paragraph(_x(item), s["body"]), leftIndent=12) for item in block.items],
                    bulletType="bullet",
                    start="•",
                    leftIndent=12,
                )
            )
        else:
            shares = block.widths or tuple(1 / len(block.header) for _ in block.header)
            data = [[Paragraph(_x(h), s["head"]) for h in block.header]]
            data += [[Paragraph(_x(c), s["cell"]) for c in row] for row in block.rows]
            table = Table(data, colWidths=[width * share for share in shares], repeatRows=1)
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#888888")),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            story += [table, Spacer(1, 6)]
    pdf.build(story)
    return buffer.getvalue()
