"""Home page."""

from __future__ import annotations

import pytest

from tests.apptest import figures, page, texts


@pytest.mark.parametrize(
    ("framework", "counts"),
    [(None, ["11", "9", "3", "26"]), ("ddat", ["205", "8", "8", "188"])],
)
def test_home_shows_what_the_framework_holds(framework, counts):
    at = page("pages/home.py", framework=framework)
    assert not at.exception
    assert list(figures(at).values()) == counts
    assert list(figures(at)) == ["Roles", "Grades", "Disciplines", "Skills"]
    headings = [line for m in at.markdown for line in m.value.splitlines() if line.startswith("#")]
    assert headings[0].startswith("## "), "the framework's name, under the app's title"
    assert headings[1:] == ["### Staff", "### Line managers", "### Leadership and HR"]


def test_home_lists_grades_in_order_and_credits_ddat():
    council = texts(page("pages/home.py"))
    assert "PO1 → PO2 → PO3 → PO4 → PO5 → PO6 → PO7 → PO8 → Head" in council
    ddat = texts(page("pages/home.py", framework="ddat"))
    assert "Open Government Licence v3.0" in ddat
