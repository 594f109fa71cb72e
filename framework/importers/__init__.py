"""Every importer of the project, in one place: frameworks written as expectations per level (FT job families,
Monzo Markdown, spreadsheets of either shape, ladders published as tables on a page), job descriptions
(:mod:`.jd`, reading documents with :mod:`.jobdesc`) and the DDaT Capability Framework (:mod:`.ddat`).

Each expectation importer is a pure function of its inputs (:class:`Input`: a name and bytes, so the command
line and the app's upload run the same code) that returns an :class:`ImportResult`: the framework and an
:class:`ImportSummary` of what it read and skipped, and why::

    result = import_ft([Input("engineering.yml", data)])
    result = import_monzo(read_inputs([Path("monzo/frameworks")], "monzo"))
    result = import_sheet(Input("roles.csv", data), mapping={"level": "Grade"})
    result = import_sheet(Input("competencies.xlsx", data), shape="wide")
    result = import_table(Input("ladder.md", data))

:func:`import_upload` picks the importer for one uploaded file by what it looks like.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from ..errors import FrameworkError, InputError
from ..models import Framework
from ..yamlsafe import MAX_BYTES, cap_problems, node_limit
from .common import read_text, read_yaml
from .ft import import_ft
from .monzo import import_monzo
from .sheet import import_sheet, parse_mapping
from .sniff import FOREIGN, foreign_format
from .summary import ImportResult, ImportSummary, Input, Skipped
from .table import import_table

__all__ = [
    "FORMATS",
    "MAX_FILES",
    "ImportResult",
    "ImportSummary",
    "Input",
    "Skipped",
    "import_ft",
    "import_monzo",
    "import_sheet",
    "import_table",
    "import_upload",
    "load_or_import",
    "parse_mapping",
    "read_inputs",
]

#: The formats, by the name the command line uses.
FORMATS = ("ft", "monzo", "sheet", "table")
MAX_FILES = 1_000  #: the most files one import reads (a framework is a few dozen)
_COMPANIONS = {"ft": ("LICENSE", "how-to-use.md"), "monzo": ("LICENSE",)}
_PATTERNS = {"ft": ("*.yml", "*.yaml"), "monzo": ("**/*.md",)}


def read_inputs(paths: Sequence[Path], kind: str, *, max_bytes: int = MAX_BYTES) -> list[Input]:
    """The files an import of ``kind`` reads from ``paths``: each file given, and each directory's files of
    the format (Monzo's recursively, named by their path inside the directory). For FT and Monzo, the source's
    ``LICENSE`` (and FT's ``how-to-use.md``) is read too when it sits beside the files or one folder up, so the
    licence travels with the data."""
    found: dict[Path, str] = {}
    folders: list[Path] = []
    for path in paths:
        if path.is_dir():
            folders.append(path)
            for pattern in _PATTERNS.get(kind, ("*",)):
                for file in sorted(path.glob(pattern)):
                    if file.is_file():
                        found.setdefault(file.resolve(), file.relative_to(path).as_posix())
        elif path.is_file():
            folders.append(path.parent)
            found.setdefault(path.resolve(), path.name)
        else:
            raise InputError.single("no such file or folder", file=str(path), code="unreadable")
    for companion in _COMPANIONS.get(kind, ()):
        if any(name.rsplit("/", 1)[-1] == companion for name in found.values()):
            continue
        for folder in folders:
            candidate = next((c for c in (folder / companion, folder.parent / companion) if c.is_file()), None)
            if candidate is not None:
                found.setdefault(candidate.resolve(), companion)
                break
    if len(found) > MAX_FILES:
        raise InputError.single(f"more than {MAX_FILES:,} files to read", code="too-large")
    inputs = []
    for file, name in found.items():
        if file.stat().st_size > max_bytes:
            raise InputError.single(f"larger than the {max_bytes // 2**20} MiB limit", file=name, code="too-large")
        inputs.append(Input(name, file.read_bytes()))
    return inputs


def import_upload(name: str, data: bytes) -> ImportResult | None:
    """Import one uploaded file if it is an FT job family, a Monzo page, a spreadsheet, a page of ladder tables
    or a job description; None when it looks like none of them (it is then a framework file, or nothing this app
    reads)."""
    kind = foreign_format(data=data[: 1 << 16])
    if kind is None:
        parsed: object = None
        if name.lower().endswith((".yml", ".yaml")):  # an FT family is told apart by its top-level keys
            try:
                parsed = read_yaml(read_text(Input(name, data)), name=name)
            except FrameworkError:
                parsed = None
        kind = foreign_format(text=data[: 1 << 16].decode("utf-8-sig", errors="replace"), parsed=parsed)
    source = Input(name, data)
    if kind == "ft":
        return import_ft([source])
    if kind == "monzo":
        return import_monzo([source])
    if kind in ("sheet", "workbook"):
        return import_sheet(source)
    if kind in ("table", "html"):
        return import_table(source)
    if kind in ("markdown", "docx"):
        return _job_description(name, data)
    return None


def _job_description(name: str, data: bytes) -> ImportResult:
    """A job description uploaded as a framework: its roles (the one it describes, or one per level, and those it
    names), with the import's warnings as the summary's notes."""
    from .jd import import_documents

    imported = import_documents([(name, data)])
    if imported.errors:
        raise InputError(imported.errors, summary=f"{name} does not make a valid framework")
    summary = ImportSummary("Job-description import")
    summary.files += [line for line in imported.lines() if not line.startswith(name + ":") or " — " in line]
    summary.notes += [str(p) for p in imported.problems]
    summary.counts.update(roles=len(imported.framework.roles))
    return ImportResult(imported.framework, summary)


def load_or_import(data: bytes, *, name: str, max_bytes: int = MAX_BYTES) -> tuple[Framework, ImportSummary | None]:
    """An uploaded file as a framework: loaded as a framework file, or — when it is an FT job family, a Monzo
    page or a spreadsheet — imported, then checked by the same loader as any framework file. Returns the
    framework and the import's summary (None when the file was a framework file). Raises
    :class:`~framework.errors.FrameworkError` with every problem of the file."""
    from ..loader import load_framework_bytes, validate_data
    from ..yamlwrite import framework_data

    try:
        return load_framework_bytes(data, name=name, max_bytes=max_bytes), None
    except FrameworkError as error:
        if not error.problems or error.problems[0].code != FOREIGN:
            raise
        if len(data) > max_bytes:
            raise InputError.single(
                f"the file is larger than the {max_bytes // 2**20} MiB limit", file=name, code="too-large"
            ) from None
        result = import_upload(name, data)
        if result is None:  # pragma: no cover - the loader named a format the importers read
            raise
    # What an import makes is held to the same node budget as a framework file of the upload's size: a 2 MiB
    # Markdown file of 60,000 "## Level N" headings made 60,000 roles.
    budget = node_limit(max_bytes)
    data = framework_data(result.framework)
    if _values(data, budget) > budget:
        raise InputError.single(
            f"imported, it makes a framework of more than {budget:,} values (roles, expectations, their fields), "
            "more than a file of its size may hold",
            file=name,
            code="too-large",
        )
    # Then the loader's own checks, on the data as a framework file would hold it (written out as YAML and read
    # back, it was the same framework, at fifteen times the cost).
    framework, problems = validate_data(data)
    problems = [replace(p, file=name) for p in cap_problems(problems)]
    errors = [p for p in problems if p.severity == "error"]
    if errors or framework is None:
        raise InputError(errors, summary=f"{name} is not a valid framework")
    framework._warnings = tuple(p for p in problems if p.severity == "warning")
    return framework, result.summary


def _values(data: object, most: int) -> int:
    """The values (mappings, lists, keys and scalars) in ``data``, counted up to just past ``most``."""
    count, todo = 0, [data]
    while todo and count <= most:
        value = todo.pop()
        count += 1
        if isinstance(value, dict):
            count += len(value)
            todo += value.values()
        elif isinstance(value, list | tuple):
            todo += value
    return count
