"""Two versions of a framework compared: the council framework against a copy with one role regraded, one
removed and one added — exactly those three, and the moves between roles that changed."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
import yaml

from framework import load_framework
from framework.graph import build_graph
from framework.loader import load_framework_text
from framework.versions import diff_frameworks, diff_markdown, diff_xlsx, match_roles
from tests.commands import framework_command
from tests.conftest import COUNCIL


def changed_copy() -> str:
    """The council framework with Delivery Manager regraded PO4 → PO5, Head of Technology removed (and the
    Lead Developer's reporting line to it) and a Service Owner added at PO7."""
    data = yaml.safe_load(COUNCIL.read_text(encoding="utf-8"))
    for role in data["roles"]:
        if role["id"] == "delivery-manager":
            role["grade"] = "PO5"
        if role["id"] == "lead-developer":
            del role["reports_to"]
    data["roles"] = [r for r in data["roles"] if r["id"] != "head-of-technology"]
    data["roles"].append(
        {
            "id": "service-owner",
            "title": "Service Owner",
            "discipline": "product",
            "grade": "PO7",
            "source": {"kind": "import", "framework": "test"},
        }
    )
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture(scope="module")
def versions():
    old = load_framework(COUNCIL)
    new = load_framework_text(changed_copy())
    old_graph, new_graph = build_graph(old), build_graph(new)
    return old, old_graph, new, new_graph, diff_frameworks(old, old_graph, new, new_graph)


def test_reports_exactly_the_three_changes(versions):
    *_, diff = versions
    assert diff.added == (("service-owner", "Service Owner"),)
    assert diff.removed == (("head-of-technology", "Head of Technology"),)
    assert [(c.new_id, c.grade) for c in diff.changed] == [("delivery-manager", ("PO4", "PO5"))]
    assert diff.renamed == ()
    assert dict(diff.summary)["Roles regraded"] == 1


def test_reports_the_routes_that_changed(versions):
    _, old_graph, _, new_graph, diff = versions
    before = {(u, v): d for u, v, d in old_graph.edges(data=True)}
    after = {(u, v): d for u, v, d in new_graph.edges(data=True)}
    expected = {("added", *k) for k in after.keys() - before.keys()}
    expected |= {("removed", *k) for k in before.keys() - after.keys()}
    expected |= {
        ("changed", *k)
        for k in after.keys() & before.keys()
        if (after[k]["kind"], after[k]["effort"]) != (before[k]["kind"], before[k]["effort"])
    }
    assert {(m.change, m.source, m.target) for m in diff.moves} == expected
    assert ("removed", "lead-developer", "head-of-technology") in expected
    assert ("added", "head-of-product", "service-owner") in expected
    changed = {(m.source, m.target): m.detail for m in diff.moves if m.change == "changed"}
    assert changed[("project-manager", "delivery-manager")] == "effort 14 → 15 points"  # one more grade to climb


def test_reports_how_the_review_findings_changed(versions):
    *_, diff = versions
    new = {f.title for f in diff.findings_new}
    assert "No PO7 role leads to any PO8 role" in new  # the Lead Developer, cut off once its manager went
    assert "Top of ladder: Service Owner" in new
    resolved = {f.title for f in diff.findings_resolved}
    assert "Entry rung: Lead Developer" in resolved
    assert "Named in another document: Head of Technology" in resolved


def test_roles_are_matched_by_id_then_title():
    old = load_framework(COUNCIL)
    text = COUNCIL.read_text(encoding="utf-8")
    renamed = load_framework_text(changed_copy().replace("title: Lead Developer", "title: Lead Software Developer"))
    assert match_roles(old, renamed)["lead-developer"] == "lead-developer"
    data = yaml.safe_load(text)
    for role in data["roles"]:
        if role["id"] == "associate-project-manager":
            role["id"] = "apm"
        for ref in (role.get("source") or {}).get("referenced_by", []):
            if ref["role"] == "associate-project-manager":
                ref["role"] = "apm"
    new = load_framework_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert match_roles(old, new)["associate-project-manager"] == "apm"
    diff = diff_frameworks(old, build_graph(old), new, build_graph(new))
    assert (diff.added, diff.removed) == ((), ())
    assert [(c.old_id, c.new_id, c.renamed) for c in diff.changed] == [
        ("associate-project-manager", "apm", ("associate-project-manager", "apm"))
    ]


def test_the_documents_read_as_words_and_open_in_excel(versions):
    *_, diff = versions
    markdown = diff_markdown(diff)
    assert markdown.startswith("# What changed:")
    assert "| Changed | Delivery Manager | regraded PO4 → PO5 |" in markdown
    assert "\\." not in markdown
    assert not re.search(r"\b(True|False|None|nan)\b", markdown)
    book = openpyxl.load_workbook(io.BytesIO(diff_xlsx(diff)))
    assert book.sheetnames == ["Summary", "Roles", "Review findings", "Routes between roles"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet["A1"].font.bold


@pytest.mark.slow
def test_the_command_line_gives_the_same_document(tmp_path, versions):
    *_, diff = versions
    newer = tmp_path / "newer.yaml"
    newer.write_text(changed_copy(), encoding="utf-8")
    shown = framework_command("diff", COUNCIL, newer)
    assert (shown.returncode, shown.stdout) == (0, diff_markdown(diff))
    out = tmp_path / "diff.xlsx"
    written = framework_command("diff", COUNCIL, newer, "--format", "xlsx", "-o", out)
    assert written.returncode == 0, written.stdout
    assert openpyxl.load_workbook(out).sheetnames[0] == "Summary"
    refused = framework_command("diff", COUNCIL, newer, "--format", "xlsx")
    assert refused.returncode == 2
