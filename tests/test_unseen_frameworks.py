"""Frameworks as organisations publish them, written for these tests (``tests/unseen.py``): every criterion
arrives as an expectation with its marker and area, every source text is kept word for word, and every export
holds every expectation — and reads back as the same expectations.

The share of criteria that arrive is printed and must be at least 99% (docs/framework-format.md reports it).
"""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest

from framework import load_framework_text
from framework.downloads import framework_downloads
from framework.expectation_index import LADDER, ladder_expectations
from framework.expectations import effective_expectations, framework_areas, role_expectations
from framework.export import framework_csv, framework_xlsx, role_profile_markdown
from framework.graph import build_graph
from framework.importers import Input, import_sheet, import_table
from framework.importers.jd import import_documents
from framework.importers.jobdesc import content_lines
from framework.routes import progression_paths
from framework.yamlwrite import dump_framework
from tests import unseen

SOURCES = unseen.sources()


def imported(name: str):
    """The framework an import makes of one of the unseen sources, loaded as a file of it would be."""
    data = SOURCES[name]
    if name.startswith("jd-") or name.endswith(".docx"):
        result = import_documents([(name, data)])
        assert result.errors == []
        framework = result.framework
    elif name.endswith(".html"):
        framework = import_table(Input(name, data)).framework
    else:
        framework = import_sheet(Input(name, data)).framework
    return load_framework_text(dump_framework(framework), name=name)


FRAMEWORKS = {name: imported(name) for name in unseen.CRITERIA}


def _arrived(framework) -> set[tuple]:
    """(role title, area, marker, text) of every expectation; ``*`` for one its ladder holds at every level."""
    out = set()
    for role in framework.roles:
        for e in role_expectations(framework, role):
            out.add(("*" if e.origin == LADDER else role.title, e.area_name, e.marker, e.text))
    return out


def test_at_least_99_percent_of_the_criteria_arrive_as_expectations(capsys):
    total = arrived = 0
    lines = []
    for name, criteria in unseen.CRITERIA.items():
        found = _arrived(FRAMEWORKS[name])
        hits = sum(1 for criterion in criteria if criterion in found)
        missing = [c for c in criteria if c not in found]
        lines.append(
            f"{name}: {hits} of {len(criteria)} criteria arrived" + (f"; missing {missing[:3]}" if missing else "")
        )
        total, arrived = total + len(criteria), arrived + hits
    share = arrived / total
    with capsys.disabled():
        print("\n" + "\n".join(lines) + f"\nin all: {arrived} of {total} ({share:.1%})")
    assert total >= 100, "the frameworks hold at least a hundred criteria"
    assert share >= 0.99, "\n".join(lines)


@pytest.mark.parametrize("name", sorted(unseen.CRITERIA))
def test_every_criterion_is_one_expectation_of_its_role_with_its_marker(name):
    found = _arrived(FRAMEWORKS[name])
    assert [c for c in unseen.CRITERIA[name] if c not in found] == []
    counted = sum(len(role_expectations(FRAMEWORKS[name], role)) for role in FRAMEWORKS[name].roles)
    every = [c for c in unseen.CRITERIA[name] if c[0] == "*"]
    holders = {c: sum(1 for r in FRAMEWORKS[name].roles if c in _role_items(FRAMEWORKS[name], r)) for c in every}
    assert counted == len(unseen.CRITERIA[name]) - len(every) + sum(holders.values()), "no criterion twice"


def _role_items(framework, role) -> set[tuple]:
    return {("*", e.area_name, e.marker, e.text) for e in role_expectations(framework, role) if e.origin == LADDER}


# --------------------------------------------------------------------------- every source text kept


def _framework_texts(framework) -> str:
    """Every text the framework holds, one a line (what a source's words must be found in)."""
    texts = [framework.name]
    texts += [g.label for g in framework.grades] + [d.name for d in framework.disciplines]
    texts += [t.name for t in framework.tracks] + [t.description or "" for t in framework.tracks]
    for area in framework.areas:
        texts += [area.name, area.description or ""]
        texts += [f"{lv.name}\n{lv.description or ''}" for lv in area.levels]
    for role in framework.roles:
        texts += [role.title, role.description or ""]
        texts += [m.reason for m in role.moves]
        if role.job_description:
            texts += role.job_description.lines()
    for owner in (*framework.disciplines, *framework.tracks):
        texts += [e.text for e in owner.expectations]
    texts += [framework.description or ""]
    texts += [f"{e.text}\n{e.source}" for r in framework.roles for e in r.expectations]
    texts += [x for r in framework.roles for e in r.expectations for x in e.examples]
    return "\n".join(texts)


def _cells(data: bytes) -> list[str]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c]


def _html_cells(data: bytes) -> list[str]:
    from framework.importers.grid import html_grids

    title, grids, prose = html_grids(data.decode())
    return [title or "", *prose] + [cell for grid in grids for row in grid.rows for cell in row if cell]


@pytest.mark.parametrize("name", sorted(unseen.CRITERIA))
def test_every_text_of_the_source_is_kept_word_for_word(name):
    framework, data = FRAMEWORKS[name], SOURCES[name]
    if name.endswith(".md"):
        body = re.sub(r"\A---\n.*?\n---\n", "", data.decode(), flags=re.S)  # front matter: read, not kept
        words = content_lines(body, markdown=True)
    elif name.endswith(".docx"):
        from framework.importers.jd import read_document

        words = [line.lstrip("#>- ").strip() for line in read_document(data, name=name).splitlines()]
        words = [part.strip() for w in words for part in w.replace("<br>", "|").split("|") if part.strip()]
    elif name.endswith(".html"):
        words = _html_cells(data)
    else:
        words = _cells(data)
    kept = _framework_texts(framework)
    flat = " ".join(kept.split())
    missing = []
    for text in words:
        for line in str(text).split("\n"):
            line = re.sub(r"^[•\-*]\s+", "", line.strip())
            if line and " ".join(line.split()) not in flat and line not in ("---", "|"):
                missing.append(line)
    settings = {"yes", "Level", "Description", "Cumulative", "Competency", "All levels", "Area", "From", "To",
                "Kind", "Reason", "Track", "Level order", "Expectation", "Example", "Marker", "essential",
                "desirable", "lateral", "1", "2", "3", "Essential", "Desirable", "Assessed by", "Criteria",
                "Behaviour", "✓", "Summary"}  # fmt: skip
    assert [m for m in missing if m not in settings] == []


# --------------------------------------------------------------------------- every export holds every expectation


def _plain(markdown: str) -> str:
    """Markdown read back as its text: escapes and emphasis dropped, spacing folded."""
    text = re.sub(r"\\(.)", r"\1", markdown)
    return " ".join(text.split())


@pytest.mark.parametrize("name", sorted(unseen.CRITERIA))
def test_every_export_contains_every_expectation(name):
    framework = FRAMEWORKS[name]
    expected = [(role, e) for role in framework.roles for e in role_expectations(framework, role)]
    assert expected
    sheet = " ".join(" ".join(_sheet_texts(framework_xlsx(framework), "Expectations")).split())
    rows = list(csv.DictReader(io.StringIO(framework_csv(framework, "expectations").lstrip("\ufeff"))))
    expectations_csv = {" ".join(r["Expectation"].split()) for r in rows}
    roles_csv = " ".join(framework_csv(framework, "roles").split())
    for role, e in expected:
        text = " ".join(e.text.split())
        assert text in sheet, ("workbook", role.id, text)
        assert text in expectations_csv, ("expectations CSV", role.id, text)
        assert text in roles_csv, ("roles CSV", role.id, text)
    for role in framework.roles:
        profile = _plain(role_profile_markdown(framework, role.id))
        for e in effective_expectations(framework, role):
            assert " ".join(e.text.split()) in profile, ("profile", role.id, e.text)
            for example in e.examples:
                assert " ".join(example.split()) in profile
            for _, url in e.links:
                assert url in role_profile_markdown(framework, role.id)
    names = {d.name for d in framework_downloads(framework, build_graph(framework))}
    assert f"{framework.id}-expectations.csv" in names


def _sheet_texts(data: bytes, title: str) -> list[str]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [str(c) for row in book[title].iter_rows(values_only=True) for c in row if c is not None]


def _own(framework) -> dict[str, list[tuple]]:
    """Role id → its own expectations as the round trip must keep them (roles that expect something);
    "every level of X" → what the ladder X expects at every level."""
    out = {}
    for role in framework.roles:
        items = [e for e in role_expectations(framework, role) if e.origin != LADDER]
        if not items:
            continue  # a role that expects nothing has no row in the sheet
        out[role.id] = [(e.id, e.area_name, e.text, e.marker, e.examples, e.links, e.cumulative, e.level_name)
                        for e in items]  # fmt: skip
    for owner in (*framework.disciplines, *framework.tracks):
        items = ladder_expectations(framework, owner)
        if items:
            out[f"every level of {owner.name}"] = [(e.area_name, e.text, e.marker, e.examples) for e in items]
    return out


@pytest.mark.parametrize("name", sorted(unseen.CRITERIA))
def test_export_then_import_sheet_gives_the_same_expectations(name):
    framework = FRAMEWORKS[name]
    again = import_sheet(Input(f"{framework.id}.xlsx", framework_xlsx(framework))).framework
    again = load_framework_text(dump_framework(again), name="again.yaml")
    assert _own(again) == _own(framework)


# --------------------------------------------------------------------------- what the shapes rely on


def test_a_move_between_tracks_is_an_edge_and_the_ladder_keeps_its_promotion():
    framework = FRAMEWORKS["career-paths.xlsx"]
    graph = build_graph(framework)
    senior = next(r.id for r in framework.roles if r.title == "Senior Engineer")
    staff = next(r.id for r in framework.roles if r.title == "Staff Engineer")
    manager_2 = next(r.id for r in framework.roles if r.title == "Engineering Manager 2")
    assert graph.edges[senior, staff]["kind"] == "promotion"
    route = progression_paths(graph, senior, manager_2, limit=1)[0]
    stated = {reason for _, _, _, reason in unseen.MOVES[1:]}
    assert any(step.reason in stated for step in route.steps), route


def test_cumulative_levels_take_in_the_levels_below():
    framework = FRAMEWORKS["career-paths.xlsx"]
    staff = next(r for r in framework.roles if r.title == "Staff Engineer")
    texts = [e.text for e in effective_expectations(framework, staff)]
    assert "Writes code that others can change safely" in texts  # from the Engineer level
    assert "Keeps users' data safe" in texts  # at every level of Engineering


def test_level_and_area_descriptions_and_nested_areas_arrive():
    workbook = FRAMEWORKS["competencies.xlsx"]
    communication = next(a for a in workbook.areas if a.name == "Communication")
    writing = next(a for a in workbook.areas if a.name == "Writing")
    assert writing.parent == communication.id
    assert communication.levels[0].description == "Shares what they are doing."
    assert next(r for r in workbook.roles if r.title == "Lead").description == (
        "Leads the profession across the organisation."
    )
    areas = framework_areas(FRAMEWORKS["jd-senior-content-designer.md"])
    assert areas["content-design"].parent == "user-centred-design"
    assert areas["user-centred-design"].name == "USER-CENTRED DESIGN"
    assert (
        areas["content-design"].description == "Designing and writing content that meets a user need, on any channel."
    )
