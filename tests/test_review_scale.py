"""The structure review at scale: what each tab sends does not grow with the framework (the synthetic frameworks
of ``bench/synthetic.py``, 300 and 1,500 roles, started as a local framework file)."""

from __future__ import annotations

import sys

import pytest

from bench.synthetic import synthetic_yaml
from tests.apptest import html_tables, markdown_tables, page
from ui.views.review import TABS

pytestmark = pytest.mark.slow


def sent(at) -> int:
    """The characters of text and the table rows a run drew: what grows with what a page sends."""
    text = sum(len(str(e.value)) for kind in ("markdown", "caption", "header", "subheader") for e in getattr(at, kind))
    return text + 100 * sum(len(table) for table in markdown_tables(at) + html_tables(at))


@pytest.fixture(scope="module")
def frameworks(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic")
    out = {}
    for size in (300, 1500):
        out[size] = folder / f"synthetic-{size}.yaml"
        out[size].write_text(synthetic_yaml(size), encoding="utf-8")
    return out


def test_no_tab_of_the_review_grows_with_the_framework(frameworks, monkeypatch):
    sizes: dict[int, dict[str, int]] = {}
    findings = {}
    for size, path in frameworks.items():
        monkeypatch.setattr(sys, "argv", ["app.py", "--framework", str(path)])
        at = page("pages/review.py")
        assert not at.exception
        findings[size] = int(at.markdown[0].value.split("**In short:** ")[1].split(" problem")[0].replace(",", ""))
        sizes[size] = {}
        for label, _ in TABS:
            at.session_state["review-tab"] = label
            at.run()
            assert not at.exception, label
            sizes[size][label] = sent(at)
            assert all(len(table) <= 100 for table in markdown_tables(at) + html_tables(at)), label
    assert findings[1500] >= 3 * findings[300], "five times the roles: several times the problems found"
    for label, _ in TABS:
        assert sizes[1500][label] <= 1.5 * sizes[300][label] + 2000, label
