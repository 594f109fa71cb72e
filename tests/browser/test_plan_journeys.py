"""The Skill gap page and its plan, as staff and line managers use them, at desktop size and on a phone: what
changes, the focus, names typed in, and the one-page PDF for the 1:1 read back for its text."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from .helpers import axe_audit, describe_violations, each_tab, exceptions, expect_rerun, goto, screenshot

PHONE = {"width": 390, "height": 844}
JOURNEYS = {
    # who, framework, current, target, the names the focus starts with, what the page must say
    "staff-apm-to-dm": (
        None,
        "associate-project-manager",
        "delivery-manager",
        ["Making a process work", "Planning", "Agile and Lean practices"],
        "What changes at Delivery Manager",
    ),
    "manager-dm-to-spm": (
        None,
        "delivery-manager",
        "senior-product-manager",
        ["Product management", "Applying user-centred insights", "Creating value for money"],
        "No route in the framework leads to Senior Product Manager",
    ),
    "ddat-associate-to-delivery-manager": (
        "ddat",
        "associate-delivery-manager",
        "delivery-manager",
        ["Making a process work", "Planning"],
        "What changes at Delivery manager",
    ),
}


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize("name", list(JOURNEYS))
def test_a_plan_for_the_1_to_1(page, app_url, name, size):
    framework, current, target, focus, says = JOURNEYS[name]
    if size == "phone":
        page.set_viewport_size(PHONE)
    params = {"current": current, "target": target, **({"framework": framework} if framework else {})}
    goto(page, app_url, "/gap", **params)
    assert exceptions(page) == []
    text = main_text(page)
    assert says in text
    assert "none →" not in text, "a skill the current role's profile does not list is never 'none'"
    screenshot(page, f"plan-{name}-{size}-what-changes")
    opened = list(each_tab(page, start=1))
    assert opened[-1] == "Development plan"
    main = page.locator('[data-testid="stMain"]')
    picked = main.locator('[data-testid="stMultiSelect"]').first.inner_text()
    for skill in focus:
        assert skill in picked, f"{skill} is not in the plan's focus at first: {picked}"
    with expect_rerun(page):
        main.get_by_label("Person (optional)").fill("Sam Okafor")
        main.get_by_label("Person (optional)").press("Enter")
    with expect_rerun(page):
        main.get_by_label("Line manager (optional)").fill("Alex Reid")
        main.get_by_label("Line manager (optional)").press("Enter")
    screenshot(page, f"plan-{name}-{size}-plan")
    violations = axe_audit(page, f"plan-{name}-{size}")
    assert not violations, describe_violations(violations)
    sideways = page.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMain\"]'); return m.scrollWidth - m.clientWidth; }"
    )
    assert sideways <= 0, f"the plan's tab scrolls sideways by {sideways} px"

    with page.expect_download() as download:
        page.get_by_role("button", name="Download the plan (PDF, to print)").click()
    name = download.value.suggested_filename
    assert name.startswith("development-plan-sam-okafor-"), name  # whose plan, for which role, on which day
    assert name.endswith(".pdf"), name
    reader = PdfReader(io.BytesIO(download.value.path().read_bytes()))
    assert len(reader.pages) == 1, "the 1:1 kit is one page"
    pdf = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Sam Okafor" in pdf
    assert "Alex Reid" in pdf
    for skill in focus:
        assert skill in pdf
    assert "Agreed actions" in pdf
    assert "Action By when Owner Support Status" in pdf, "the actions table, with dates"
    assert "Line manager:" in pdf
    assert exceptions(page) == []
