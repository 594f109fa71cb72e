"""A plain document — headings, paragraphs, lists, tables and code — written as Markdown, Word or PDF.

HR's drafts (an advert, an interview pack, pay and progression criteria) are made once as a :class:`Document`
and then written in each format by the same few functions, so the three files always say the same thing.
Text is placed as written: Markdown escapes what would become markup (:func:`framework.textsafe.md_escape`),
the PDF escapes reportlab's mark-up, and Word takes plain runs. The one piece of mark-up a source line may hold,
a Markdown link to a web address (``[service standard](https://…)``, as job descriptions write them), becomes a
link in every format, its words shown rather than its brackets. A line break inside a table cell is kept in Word
and the PDF (a level descriptor's points, one to a line) and becomes a space in Markdown, whose cells are one line.
"""

from __future__ import annotations

import io
import re
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
    "link_pieces",
    "register_fonts",
]


@dataclass(frozen=True)
class Block:
    """One block: ``kind`` is heading (``level`` 2–3), paragraph, note (small print), bullets, table, code
    (``text`` shown as written, in a fixed-width font) or page (a page break)."""

    kind: str
    text: str = ""
    level: int = 2
    items: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    widths: tuple[float, ...] = ()  # table column shares, for Word and the PDF


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)
    banner: str | None = None  # e.g. "DRAFT — …", shown above the title in every format
    footer: str | None = None  # at the foot of every page of the Word and PDF files, beside the page number

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

    def code(self, text: str) -> None:
        self.blocks.append(Block("code", text))

    def page_break(self) -> None:
        """What follows starts a new page in Word and the PDF (a rule in Markdown): a part to print on its own."""
        self.blocks.append(Block("page"))


def document_text(document: Document) -> list[str]:
    """Every line of text in the document, in order (each table cell a line of its own)."""
    out = [document.banner] if document.banner else []
    out.append(document.title)
    for block in document.blocks:
        if block.kind in ("heading", "paragraph", "note", "code"):
            out.append(block.text)
        elif block.kind == "bullets":
            out += block.items
        elif block.kind == "table":
            out += [*block.header, *(cell for row in block.rows for cell in row)]
    return out


#: A Markdown link to a web address, as a job description may write one: its words, then its address.
_LINK = re.compile(r"\[([^\[\]\n]+)\]\((https?://[^\s()<>\"]+)\)")


def link_pieces(text: str) -> list[tuple[str, str | None]]:
    """``text`` as (words, address) pieces: the address is None for plain text, else the piece is a link.

    >>> link_pieces("Use the [service standard](https://www.gov.uk/service-manual/service-standard).")
    [('Use the ', None), ('service standard', 'https://www.gov.uk/service-manual/service-standard'), ('.', None)]
    """
    out: list[tuple[str, str | None]] = []
    at = 0
    for match in _LINK.finditer(text):
        if match.start() > at:
            out.append((text[at : match.start()], None))
        out.append((match.group(1), match.group(2)))
        at = match.end()
    if at < len(text) or not out:
        out.append((text[at:], None))
    return out


def _md_inline(text: str) -> str:
    """Escaped Markdown of one line, its links kept as links."""
    out = ""
    for words, address in link_pieces(text):
        escaped = md_escape(words)
        if address is not None:
            escaped = f"[{escaped}]({address})"
        elif escaped:  # md_escape trims: keep the spaces that part this piece from its neighbours
            escaped = (" " if words[:1].isspace() else "") + escaped + (" " if words[-1:].isspace() else "")
        out += escaped
    return out.strip()


def _md_cell(text: str) -> str:
    return _md_inline(text) or " "


def document_markdown(document: Document) -> str:
    out = []
    if document.banner:
        out += [f"> **{_md_inline(document.banner)}**", ""]
    out += [f"# {md_escape(document.title)}", ""]
    for block in document.blocks:
        if block.kind == "heading":
            out += [f"{'#' * block.level} {md_escape(block.text)}", ""]
        elif block.kind == "paragraph":
            out += [_md_inline(block.text), ""]
        elif block.kind == "note":
            out += [f"*{_md_inline(block.text)}*", ""]
        elif block.kind == "bullets":
            out += [f"- {_md_inline(item)}" for item in block.items] + [""]
        elif block.kind == "code":
            fence = "`" * max(3, 1 + max((len(r) for r in re.findall(r"`+", block.text)), default=0))
            out += [fence, block.text, fence, ""]
        elif block.kind == "page":
            out += ["---", ""]
        else:
            out.append("| " + " | ".join(_md_cell(h) for h in block.header) + " |")
            out.append("|" + "---|" * len(block.header))
            out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows]
            out.append("")
    return "\n".join(out)


# --------------------------------------------------------------------------- Word

LINK_COLOUR = "1D4F91"  # a dark blue: 8.9:1 against white
HEADER_FILL = "E8EEF4"


def _word_hyperlink(paragraph, words: str, address: str, *, bold: bool = False) -> None:
    """A link in a Word paragraph: python-docx reads links but has no call that writes one."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    relation = paragraph.part.relate_to(address, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    for tag, value in (("w:b", None), ("w:color", LINK_COLOUR), ("w:u", "single")):
        if tag == "w:b" and not bold:
            continue
        element = OxmlElement(tag)
        if value is not None:
            element.set(qn("w:val"), value)
        properties.append(element)
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = words
    text.set(qn("xml:space"), "preserve")
    run.append(text)
    link.append(run)
    paragraph._p.append(link)


def _word_text(paragraph, text: str, *, bold: bool = False, italic: bool = False, size=None) -> None:
    """``text`` into a Word paragraph as runs: its links as links, its line breaks as breaks."""
    for words, address in link_pieces(text):
        if address is not None:
            _word_hyperlink(paragraph, words, address, bold=bold)
            continue
        lines = words.split("\n")
        for i, line in enumerate(lines):
            run = paragraph.add_run(line)
            run.bold, run.italic = bold or None, italic or None
            if size is not None:
                run.font.size = size
            if i < len(lines) - 1:
                run.add_break()


def _word_shade(cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _word_repeat_header(row) -> None:
    """The row is repeated at the top of each page the table runs onto."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _word_page_number(paragraph) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    number = OxmlElement("w:fldSimple")
    number.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    number.append(run)
    paragraph._p.append(number)


def document_docx(document: Document) -> bytes:
    """The document as a Word file (python-docx), on A4: real headings, bulleted lists, tables with their column
    widths and a shaded header row repeated on each page, and the footer with the page number."""
    import docx
    from docx.shared import Mm, Pt, RGBColor

    word = docx.Document()
    word.core_properties.title = document.title
    word.core_properties.author = "Career Explorer"
    normal = word.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(18))
    width = section.page_width - section.left_margin - section.right_margin
    if document.footer:
        foot = section.footer.paragraphs[0]
        _word_text(foot, f"{document.footer} — page ", size=Pt(8.5))
        _word_page_number(foot)
    if document.banner:
        banner = word.add_paragraph()
        _word_text(banner, document.banner, bold=True)
        for run in banner.runs:
            run.font.color.rgb = RGBColor(0x8A, 0x1C, 0x1C)
    word.add_heading(document.title, level=1)
    for block in document.blocks:
        if block.kind == "heading":
            word.add_heading(block.text, level=block.level)
        elif block.kind == "paragraph":
            _word_text(word.add_paragraph(), block.text)
        elif block.kind == "note":
            note = word.add_paragraph()
            note.paragraph_format.keep_with_next = True  # a note introduces what follows it
            _word_text(note, block.text, italic=True, size=Pt(9))
        elif block.kind == "bullets":
            for item in block.items:
                _word_text(word.add_paragraph(style="List Bullet"), item)
        elif block.kind == "code":
            code = word.add_paragraph()
            _word_text(code, block.text, size=Pt(9))
            for run in code.runs:
                run.font.name = "Courier New"
        elif block.kind == "page":
            word.add_page_break()
        else:
            table = word.add_table(rows=1, cols=len(block.header))
            table.style = "Table Grid"
            table.autofit = False
            shares = block.widths or tuple(1 / len(block.header) for _ in block.header)
            for cell, text in zip(table.rows[0].cells, block.header, strict=True):
                _word_text(cell.paragraphs[0], text, bold=True)
                _word_shade(cell, HEADER_FILL)
            _word_repeat_header(table.rows[0])
            for row in block.rows:
                for cell, text in zip(table.add_row().cells, row, strict=True):
                    _word_text(cell.paragraphs[0], text)
            for column, share in zip(table.columns, shares, strict=True):
                column.width = int(width * share)  # the table's grid, which LibreOffice reads
                for cell in column.cells:
                    cell.width = int(width * share)  # each cell's, which Word reads
            word.add_paragraph()
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- PDF

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
        "h2": ParagraphStyle(
            "h2", parent=body, fontName="VeraBd", fontSize=12, leading=15, spaceBefore=8, keepWithNext=1
        ),
        "h3": ParagraphStyle(
            "h3", parent=body, fontName="VeraBd", fontSize=10.5, leading=13, spaceBefore=5, keepWithNext=1
        ),
        "body": body,
        "note": ParagraphStyle(
            "note", parent=body, fontName="VeraIt", fontSize=8.5, leading=11, textColor="#333333", keepWithNext=1
        ),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0),
        "head": ParagraphStyle("head", parent=body, fontName="VeraBd", fontSize=8.5, leading=10.5, spaceAfter=0),
        "code": ParagraphStyle("code", parent=body, fontName="Courier", fontSize=8.5, leading=10.5, leftIndent=6),
    }


#: Invisible formatting characters (zero-width spaces and joiners, U+200B–U+200D, U+2060, U+FEFF), which source
#: texts carry and the PDF font has no glyph for: left out of the PDF, where they would show as boxes.
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff]")


def _x(text: str) -> str:
    """Text as reportlab's mark-up: escaped, its links as links and its line breaks as breaks."""
    out = ""
    for words, address in link_pieces(_INVISIBLE.sub("", text or "")):
        escaped = xml_escape(words).replace("\n", "<br/>")
        if address is not None:
            escaped = f'<a href="{xml_escape(address)}" color="#{LINK_COLOUR}"><u>{escaped}</u></a>'
        out += escaped
    return out


def document_pdf(document: Document) -> bytes:
    """The document as an A4 PDF (reportlab), tables repeating their header row on each page, the footer and the
    page number at the foot of each page."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        ListFlowable,
        ListItem,
        PageBreak,
        Paragraph,
        Preformatted,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    s = _styles()
    buffer = io.BytesIO()
    margin = 18 * mm
    pdf = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=document.title,
        author="Career Explorer",
    )

    def foot(canvas, made) -> None:
        canvas.saveState()
        canvas.setFont("Vera", 8)
        canvas.setFillColor(colors.HexColor("#333333"))
        words = f"{document.footer} — page {made.page}" if document.footer else f"Page {made.page}"
        canvas.drawString(margin, 10 * mm, words)
        canvas.restoreState()

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
        elif block.kind == "code":
            story.append(Preformatted(block.text, s["code"]))
        elif block.kind == "page":
            story.append(PageBreak())
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
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(f"#{HEADER_FILL}")),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            story += [table, Spacer(1, 6)]
    pdf.build(story, onFirstPage=foot, onLaterPages=foot)
    return buffer.getvalue()
