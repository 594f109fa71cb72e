"""The pages on the shipped frameworks written as expectations (FT, Monzo), in Chromium: no traceback, the
page's heading, the framework's own criteria where the page shows them, and no serious or critical axe-core
violation."""

from __future__ import annotations

import pytest

from .helpers import axe_audit, describe_violations, exceptions, goto, screenshot

CASES = [
    # (framework, path, deep-link parameters, the h1, text the main area must contain)
    ("ft-engineering", "/", {}, "Career Explorer", "FT engineering progression"),
    ("ft-engineering", "/roles", {"role": "engineering-senior-1"}, "Senior Engineer 1", "Planning and Organising"),
    (
        "ft-engineering",
        "/gap",
        {"current": "engineering-senior-1", "target": "engineering-senior-2-ic"},
        "Skill gap and development plan",
        "Translates complex business requirements into detailed technical plans.",
    ),
    (
        "ft-engineering",
        "/paths",
        {"from": "engineering-senior-1", "to": "engineering-principal-ic"},
        "Progression paths",
        "To meet: 9 expectations",
    ),
    ("ft-engineering", "/review", {}, "Structure review", "In short"),
    ("ft-engineering", "/map", {}, "Career map", "15 roles"),
    ("monzo", "/", {}, "Career Explorer", "Monzo progression framework"),
    ("monzo", "/roles", {"role": "backend-4"}, "Backend Engineering level 4", "Solves ambiguous problems"),
    (
        "monzo",
        "/gap",
        {"current": "backend-3", "target": "backend-4"},
        "Skill gap and development plan",
        "Solves ambiguous problems",
    ),
    ("monzo", "/paths", {"from": "backend-1", "to": "backend-6"}, "Progression paths", "Route 1:"),
    ("monzo", "/review", {}, "Structure review", "In short"),
    ("monzo", "/map", {}, "Career map", "91 roles"),
]


@pytest.mark.parametrize(("framework", "path", "params", "h1", "text"), CASES, ids=[f"{c[0]}{c[1]}" for c in CASES])
def test_pages_show_the_frameworks_own_criteria(page, app_url, framework, path, params, h1, text):
    goto(page, app_url, path, framework=framework, **params)
    name = f"expectations-{framework}{path.replace('/', '-')}"
    assert exceptions(page) == [], f"{name}: Streamlit shows a traceback"
    headings = page.locator("h1").filter(has_text=h1)
    assert headings.count() == 1, f"{name}: the page's h1s are {page.locator('h1').all_inner_texts()}"
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert text in main, f"{name}: {text!r} is not on the page"
    screenshot(page, name)
    violations = axe_audit(page, name)
    assert not violations, describe_violations(violations)
