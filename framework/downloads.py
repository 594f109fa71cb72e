"""Every framework-level download the app offers, with the file name it is given: one list for the pages and for
``python -m framework export``, so that what HR scripts from the command line is what the app hands out, under
the same names, and the names can never drift apart.

The files, for a framework with id ``ID``:

============================  ===================================================================
``ID-roles.csv``              every role with its job-description fields (:func:`~framework.export.framework_csv`)
``ID-skills-matrix.csv``      roles × skills, the level each role requires
``ID-expectations.csv``       every expectation, a row each (a framework with expectations only)
``ID.xlsx``                   a summary sheet, then all three and the areas, as sheets of one workbook
``structure-review-ID.md``    the structure review (:func:`~framework.review.review_markdown`)
``structure-review-ID.xlsx``  the same review: a summary sheet, the findings, then a sheet per section
``ROLE.md``                   each role's profile (:func:`~framework.export.role_profile_markdown`)
============================  ===================================================================

Each file is made only when asked for (:attr:`Download.make`): a page makes one when its button is pressed.
Every cell of the spreadsheets and every line of the Markdown is made safe where it is written
(:mod:`framework.cells`, :mod:`framework.textsafe`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx

from .expectation_index import has_expectations
from .export import framework_csv, framework_xlsx, role_profile_markdown
from .models import Framework
from .review import review_markdown, review_xlsx

__all__ = [
    "Download",
    "expectations_csv_name",
    "framework_downloads",
    "matrix_csv_name",
    "review_markdown_name",
    "review_xlsx_name",
    "role_profile_name",
    "roles_csv_name",
    "workbook_name",
]


def roles_csv_name(framework: Framework) -> str:
    return f"{framework.id}-roles.csv"


def matrix_csv_name(framework: Framework) -> str:
    return f"{framework.id}-skills-matrix.csv"


def expectations_csv_name(framework: Framework) -> str:
    return f"{framework.id}-expectations.csv"


def workbook_name(framework: Framework) -> str:
    return f"{framework.id}.xlsx"


def review_markdown_name(framework: Framework) -> str:
    return f"structure-review-{framework.id}.md"


def review_xlsx_name(framework: Framework) -> str:
    return f"structure-review-{framework.id}.xlsx"


def role_profile_name(role_id: str) -> str:
    return f"{role_id}.md"


@dataclass(frozen=True)
class Download:
    """One file the app offers: its name, what it holds (in words), and how to make its bytes."""

    name: str
    what: str
    make: Callable[[], bytes]
    role: str | None = None  # the role of a role profile


def framework_downloads(framework: Framework, graph: nx.DiGraph, *, profiles: bool = True) -> list[Download]:
    """The framework's downloads, in the order the app offers them: the HR exports, the structure review, then
    (with ``profiles``) every role's profile in the framework's order."""
    fw = framework
    out = [
        Download(
            roles_csv_name(fw), "every role with its job-description fields (CSV)", _text(framework_csv, fw, "roles")
        ),
        Download(matrix_csv_name(fw), "the roles × skills matrix (CSV)", _text(framework_csv, fw, "matrix")),
    ]
    if has_expectations(fw):
        out.append(
            Download(
                expectations_csv_name(fw),
                "every expectation, a row each (CSV)",
                _text(framework_csv, fw, "expectations"),
            )
        )
    out += [
        Download(
            workbook_name(fw), "roles, the skills matrix and every expectation (Excel)", lambda: framework_xlsx(fw)
        ),
        Download(review_markdown_name(fw), "the structure review (Markdown)", _text(review_markdown, fw, graph)),
        Download(review_xlsx_name(fw), "the structure review (Excel)", lambda: review_xlsx(fw, graph)),
    ]
    if profiles:
        out += [
            Download(role_profile_name(r.id), f"the profile of {r.title} (Markdown)", _profile(fw, r.id), role=r.id)
            for r in fw.roles
        ]
    return out


def _text(make: Callable[..., str], *args) -> Callable[[], bytes]:
    """A file of text, as UTF-8 bytes (what the app's download buttons send)."""
    return lambda: make(*args).encode("utf-8")


def _profile(framework: Framework, role_id: str) -> Callable[[], bytes]:
    return _text(role_profile_markdown, framework, role_id)
