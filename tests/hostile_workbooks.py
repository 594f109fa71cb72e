"""Workbooks written part by part, as an attacker would: the XML is put in the zip directly, so a test can make
one that no spreadsheet program would (eleven million shared strings, a declared size of the whole grid) in a
fraction of a second. Each function returns the bytes of an ``.xlsx`` file.

The parts are the few openpyxl needs to open a workbook: the content types, the package and workbook
relationships, the workbook, one worksheet and, when given, the shared strings.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

__all__ = [
    "cell_flood",
    "declared_grid",
    "far_column",
    "shared_strings_bomb",
    "workbook",
    "worst_allowed",
]

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
HEADER = ("level", "area", "expectation")

_SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_CONTENT_TYPES = "".join(
    [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
        '<Default Extension="xml" ContentType="application/xml"/>',
        f'<Override PartName="/xl/workbook.xml" ContentType="{_SPREADSHEET}.sheet.main+xml"/>',
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_SPREADSHEET}.worksheet+xml"/>',
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SPREADSHEET}.sharedStrings+xml"/>',
        "</Types>",
    ]
)
_PACKAGE = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PACKAGE_RELS}">
<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
_WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{MAIN}" xmlns:r="{RELS}">'
    '<sheets><sheet name="Expectations" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PACKAGE_RELS}">
<Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""


def workbook(rows: bytes, *, strings: bytes | None = None, dimension: str | None = None) -> bytes:
    """A workbook whose one worksheet's ``<sheetData>`` holds ``rows`` (XML), with ``strings`` as the shared
    strings' ``<si>`` elements and ``dimension`` as its declared size, if given."""
    declared = f'<dimension ref="{dimension}"/>'.encode() if dimension else b""
    sheet = b"".join(
        [
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}">'.encode(),
            declared,
            b"<sheetData>",
            rows,
            b"</sheetData></worksheet>",
        ]
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _PACKAGE)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        sst = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="' + MAIN.encode() + b'">'
        archive.writestr("xl/sharedStrings.xml", sst + (strings or b"") + b"</sst>")
    return buffer.getvalue()


def _inline(column: str, row: int, text: str) -> str:
    return f'<c r="{column}{row}" t="inlineStr"><is><t>{text}</t></is></c>'


def _rows(rows: Iterable[Iterable[str]], *, start: int = 1) -> bytes:
    out = []
    for number, values in enumerate(rows, start):
        cells = "".join(_inline(chr(ord("A") + i), number, v) for i, v in enumerate(values))
        out.append(f'<row r="{number}">{cells}</row>')
    return "".join(out).encode()


def _expectations(count: int) -> bytes:
    return _rows([HEADER, *((f"L{n % 7}", f"Area {n % 11}", f"Expectation {n}") for n in range(count))])


def shared_strings_bomb(count: int = 11_500_000) -> bytes:
    """A small workbook whose shared strings are ``count`` empty texts (190 MiB unzipped for the default)."""
    return workbook(_expectations(3), strings=b"<si><t></t></si>" * count)


def declared_grid(empty_rows: int = 60_000) -> bytes:
    """A workbook of a few rows of expectations, then ``empty_rows`` empty rows, that declares the whole grid,
    A1:XFD1048576, as its size: some 140 KB, whose every row a reader that trusts the declaration pads to 16,384
    cells."""
    empty = "".join(f'<row r="{n}"/>' for n in range(5, 5 + empty_rows)).encode()
    return workbook(_expectations(3) + empty, dimension="A1:XFD1048576")


def far_column() -> bytes:
    """A workbook with one cell in the grid's last column (XFD, 16,384) of every row."""
    rows = [f'<row r="{n}">{_inline("A", n, "level")}<c r="XFD{n}"><v>1</v></c></row>'.encode() for n in range(1, 4001)]
    return workbook(b"".join(rows))


def cell_flood(cells: int) -> bytes:
    """A workbook of ``cells`` numeric cells, ten to a row."""
    rows = []
    for number in range(1, cells // 10 + 1):
        row = "".join(f'<c r="{chr(65 + i)}{number}"><v>{i}</v></c>' for i in range(10))
        rows.append(f'<row r="{number}">{row}</row>'.encode())
    return workbook(b"".join(rows))


def worst_allowed(rows: int = 14_990, *, chars: int = 90, tag: str = "") -> bytes:
    """A workbook within every limit of ``framework.importers.workbook`` that costs about as much as one may to
    check: ``rows`` rows of expectations (the shared strings' limit allows 15,000; three columns a row are well
    within the cells' limit), each expectation a shared string of some ``chars`` characters (the text's limit
    allows 1,500,000 in all). ``tag`` makes two such workbooks differ."""
    filler = ("word " * (chars // 5 + 1))[: max(0, chars - 20)]
    texts = [f"Expectation {tag}{n} {filler}" for n in range(rows)]
    shared = "".join(f"<si><t>{t}</t></si>" for t in ["level", "area", "expectation", *texts]).encode()
    out = [b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>']
    for n in range(rows):
        r = n + 2
        out.append(
            f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>L{n % 7}</t></is></c>'
            f'<c r="B{r}" t="inlineStr"><is><t>Area {n % 11}</t></is></c>'
            f'<c r="C{r}" t="s"><v>{3 + n}</v></c></row>'.encode()
        )
    return workbook(b"".join(out), strings=shared)
