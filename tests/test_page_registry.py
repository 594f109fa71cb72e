"""One list of pages: ``ui/pages.py``. Every other place that needs the pages — the navigation, the tests that run
every page, the query-parameter fuzz, the browser tests, the benchmarks — reads them from it, so a page added
there is a page every one of them covers.

This test reads the code (every Python file of the repository) for collections written out by hand that name
pages — by script (``pages/roles.py``), by URL path (``/roles``) or by path (``roles``) — and fails where one
names three pages or more but not exactly the registry's: a list of the pages is all of them, and a table by
page has a row for each.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import ROOT
from ui.pages import PAGES

SCRIPTS = {spec.script: spec.path for spec in PAGES}
PATHS = {spec.path for spec in PAGES}
SKIPPED = {".venv", ".git", "artifacts", "results", "node_modules"}


def python_files() -> list[Path]:
    return sorted(
        path
        for path in ROOT.rglob("*.py")
        if not SKIPPED & set(path.relative_to(ROOT).parts) and path != ROOT / "ui" / "pages.py"
    )


def _page(text: str) -> str | None:
    """The registry path a string names (``pages/roles.py``, ``/roles``, ``roles``; ``""`` or ``/`` for Home),
    or None."""
    path = SCRIPTS.get(text, text.removeprefix("/"))
    return path if path in PATHS else None


def page_lists(tree: ast.AST) -> Iterator[tuple[int, set[str]]]:
    """(line, pages named) of each list, tuple, set or dict written out whose entries (a dict's keys) are all
    page names, three or more of them. A tuple assigned to several names at once is not a list of pages."""
    unpacked = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Tuple)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            entries = node.keys
        elif isinstance(node, ast.List | ast.Tuple | ast.Set) and id(node) not in unpacked:
            entries = node.elts
        else:
            continue
        named = [_page(e.value) if isinstance(e, ast.Constant) and isinstance(e.value, str) else None for e in entries]
        if all(page is not None for page in named) and len(set(named) - {""}) >= 3:  # "" names Home among pages
            yield node.lineno, set(named)


def test_the_registry_lists_every_page_script_and_nothing_else():
    on_disk = {path.relative_to(ROOT).as_posix() for path in (ROOT / "pages").glob("*.py")}
    assert on_disk == set(SCRIPTS)
    assert len({spec.title for spec in PAGES}) == len(PAGES), "each page has a title of its own"
    assert [spec.default for spec in PAGES].count(True) == 1


WRITTEN_OUT = """
TITLES = {"pages/home.py": "Career Explorer", "pages/roles.py": "Roles", "pages/map.py": "Map", "pages/gap.py": "Gap"}
CHART_PAGES = ["map", "paths", "gap", "review"]
RECORD, TEAM, GAP = "/record", "/team", "/gap"
TABS = ["", "skills", "roles"]
HEADINGS = {"": "Career Explorer", "map": "Career map", "gap": "Skill gap", "paths": "Progression paths"}
"""


def test_the_search_finds_a_page_list_written_out():
    """The lists and tables by page this repository once kept, and not three names given at once."""
    assert [line for line, _ in page_lists(ast.parse(WRITTEN_OUT))] == [2, 3, 6]


def test_no_page_list_differs_from_the_registry():
    wrong = []
    for path in python_files():
        for line, named in page_lists(ast.parse(path.read_text(encoding="utf-8"))):
            if named != PATHS:
                missing = ", ".join(sorted(f"/{p}" for p in PATHS - named))
                wrong.append(f"{path.relative_to(ROOT)}:{line} leaves out {missing}")
    assert not wrong, "pages listed by hand; read them from ui.pages.PAGES (a table by page has a row for each):\n" + (
        "\n".join(wrong)
    )
