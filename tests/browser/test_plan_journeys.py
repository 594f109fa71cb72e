"""The Skill gap page and its plan, as staff and line managers use them, at desktop size and on a phone: what
changes, the focus, names and agreed actions typed in, and the plan's files — the PDF for the 1:1, the Markdown
and the CSV — read back for what was typed."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from .helpers import (
    axe_audit,
    describe_violations,
    each_tab,
    exceptions,
    expect_rerun,
    goto,
    press_for_file,
    screenshot,
)

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
    first = " ".join(reader.pages[0].extract_text().split())  # the 1:1 sheet
    assert "Sam Okafor" in first
    assert "Alex Reid" in first
    for skill in focus:
        assert skill in first
    assert "Agreed actions" in first
    assert "Action By when Owner Support Status" in first, "the actions table, with dates"
    assert "Line manager:" in first
    assert exceptions(page) == []


# --------------------------------------------------------------------------- agreed actions, typed as a person does

ACTIONS = [
    ("Shadow a product manager at two sprint reviews", "", "Sam", "", "Not started"),
    ("Draft a product vision for one service", "29 Jan 2027", "", "", "Not started"),
    ("Run a retrospective with the team", "", "", "Alex to join", "In progress"),
]


def field(page, label: str):
    return page.locator('[data-testid="stMain"]').get_by_label(label, exact=True)


def type_in(page, label: str, text: str) -> None:
    """Type into a text field and press Enter, as a person does: the plan reruns (its fragment)."""
    box = field(page, label)
    with expect_rerun(page):
        box.fill(text)
        box.press("Enter")


def type_date(page, label: str, day_month_year: str) -> None:
    """Type a date into a date field's day, month and year (DD/MM/YYYY, the app's one input format)."""
    day = page.locator('[data-testid="stMain"]').get_by_role("spinbutton", name=f"day, {label}")
    day.click()
    with expect_rerun(page):
        page.keyboard.type(day_month_year)
        page.keyboard.press("Tab")  # on to the calendar button: the field is left, and the date taken
        page.keyboard.press("Escape")


def press(page, name: str) -> None:
    with expect_rerun(page):
        page.locator('[data-testid="stMain"]').get_by_role("button", name=name, exact=True).click()


def choose_status(page, label: str, status: str) -> None:
    box = field(page, label)
    box.click()
    with expect_rerun(page):
        page.get_by_role("option", name=status, exact=True).click()


def download(page, name: str) -> bytes:
    with page.expect_download() as done:
        page.get_by_role("button", name=name).click()
    return done.value.path().read_bytes()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_three_actions_typed_with_edits_in_between_reach_the_page_and_every_file(page, app_url, size):
    """Type an action, then another field of it, add a row, add another, delete one, edit the first again: the
    three actions kept are on the page and in the PDF, the Markdown and the CSV, in the order entered."""
    if size == "phone":
        page.set_viewport_size(PHONE)
    goto(page, app_url, "/gap", current="delivery-manager", target="senior-product-manager", tab="development-plan")
    type_in(page, "Action 1", "Shadow a product manager at sprint reviews")
    type_in(page, "Action 1: owner", "Sam")
    press(page, "Add an action")
    type_in(page, "Action 2", "Draft a product vision for one service")
    type_date(page, "Action 2: by when", "29012027")
    press(page, "Add an action")
    type_in(page, "Action 3", "A row added by mistake")
    press(page, "Add an action")
    type_in(page, "Action 4", "Run a retrospective with the team")
    press(page, "Remove action 3")
    type_in(page, "Action 3: support", "Alex to join")
    choose_status(page, "Action 3: status", "In progress")
    type_in(page, "Action 1", ACTIONS[0][0])  # the first edited again
    assert exceptions(page) == []

    on_page = [field(page, f"Action {n}").input_value() for n in (1, 2, 3)]
    assert on_page == [a[0] for a in ACTIONS]
    assert field(page, "Action 4").count() == 0, "the removed row is gone, no other"
    screenshot(page, f"plan-actions-typed-{size}")
    violations = axe_audit(page, f"plan-actions-typed-{size}")
    assert not violations, describe_violations(violations)

    pdf = PdfReader(io.BytesIO(download(page, "Download the plan (PDF, to print)")))
    first = " ".join(pdf.pages[0].extract_text().split())
    where = [first.find(a[0]) for a in ACTIONS]
    assert min(where) >= 0, f"every action on the 1:1 sheet: {where}"
    assert where == sorted(where), "in the order entered"
    assert "29 Jan 2027" in first
    assert "A row added by mistake" not in first

    markdown = download(page, "Download the plan (Markdown)").decode("utf-8")
    actions_table = markdown.split("## Agreed actions", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in actions_table.splitlines() if line.startswith("|")][2:]  # after the header and rule
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in lines]
    assert cells == [list(a) for a in ACTIONS], actions_table

    text = download(page, "Download the plan (CSV, for a spreadsheet)").decode("utf-8").lstrip("\ufeff")
    table = [row for row in csv.DictReader(io.StringIO(text)) if row["Part"] == "Action"]
    assert [(r["Action"], r["By when"], r["Owner"], r["Support"], r["Status"]) for r in table] == [
        (a[0], "2027-01-29" if a[1] else "", a[2], a[3], a[4]) for a in ACTIONS
    ], "ISO dates in the CSV"

    preview = page.locator('[data-testid="stMain"] [data-testid="stExpander"]', has_text="Preview the whole plan")
    with expect_rerun(page):  # opening it draws it: the plan reruns
        preview.locator("summary").click()
    shown = preview.inner_text()
    where = [shown.find(a[0]) for a in ACTIONS]
    assert min(where) >= 0, "every action in the page's preview of the plan"
    assert where == sorted(where), "in the order entered"


def _file_text(data: bytes, button: str) -> str:
    if "PDF" in button:
        return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)
    return data.decode("utf-8")


@pytest.mark.parametrize(
    "button",
    ["Download the plan (PDF, to print)", "Download the plan (Markdown)", "Download the plan (CSV, for a spreadsheet)"],
)
def test_words_typed_then_a_download_pressed_at_once_are_in_the_file(page, app_url, button):
    """A person types into a field and presses a download button straight away, with no Enter and no Tab: the
    press takes the focus, which sends what was typed as the file is asked for. The file holds every word."""
    goto(page, app_url, "/gap", current="delivery-manager", target="senior-product-manager", tab="development-plan")
    type_in(page, "Action 1", "Shadow a product manager at sprint reviews")
    for label, words in (("Line manager (optional)", "Alex Reid"), ("Action 1: support", "Two study days agreed")):
        field(page, label).click()
        page.keyboard.type(words)  # left unentered: the last one is still in its box when the button is pressed
        if label.startswith("Line"):
            with expect_rerun(page):
                page.keyboard.press("Tab")
    text = _file_text(press_for_file(page, page.get_by_role("button", name=button)), button)
    assert "Two study days agreed" in text, f"the words typed last are not in the file: {text[:2000]}"
    assert "Alex Reid" in text
    assert field(page, "Action 1: support").input_value() == "Two study days agreed"
    assert exceptions(page) == []


def test_words_typed_then_another_tab_chosen_at_once_are_kept_for_the_plan_and_its_file(page, app_url):
    """The plan is drawn only while its tab is open. A person types into its fields and, without Enter, reads
    another tab, then comes back: every word is still in its field, and in the file downloaded then."""
    goto(page, app_url, "/gap", current="delivery-manager", target="senior-product-manager", tab="development-plan")
    type_in(page, "Person (optional)", "Sam Okafor")
    typed = (("Action 1", "Shadow a product manager at sprint reviews"), ("Action 1: owner", "Sam"))
    for label, words in typed:
        field(page, label).click()
        page.keyboard.type(words)  # the last one left unentered: choosing the tab takes the focus from it
    tabs = page.locator('[data-testid="stMain"] [role="tab"]')
    with expect_rerun(page):
        tabs.filter(has_text="What changes").click()
    expect(field(page, "Person (optional)")).to_have_count(0)  # the plan is not drawn while closed
    with expect_rerun(page):
        tabs.filter(has_text="Skill by skill").click()
    with expect_rerun(page):
        tabs.filter(has_text="Development plan").click()
    expect(field(page, "Person (optional)")).to_have_value("Sam Okafor")
    for label, words in typed:
        expect(field(page, label)).to_have_value(words)
    markdown = download(page, "Download the plan (Markdown)").decode("utf-8")
    for words in ("Sam Okafor", *(w for _, w in typed)):
        assert words in markdown, f"{words!r} is not in the plan's file"
    assert exceptions(page) == []
