"""Journeys through the app as its users make them: a member of staff from their role to a development plan,
a shared link reopened elsewhere, and links that name what a framework does not have."""

from __future__ import annotations

import csv
import datetime as dt
import io
from urllib.parse import parse_qs, urlsplit

import pytest

from framework import load_framework
from framework.graph import build_graph
from framework.learning import merge_catalogues, read_catalogue
from framework.plan import development_plan
from framework.planfiles import plan_markdown
from framework.skills import skill_gap

from .helpers import (
    choose,
    exceptions,
    expect_rerun,
    goto,
    new_page,
    open_page,
    selected,
    table_rows,
    wait_for_app,
)
from .server import ROOT


@pytest.fixture(scope="module")
def council():
    return load_framework(ROOT / "data" / "roles.yaml")


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


# --------------------------------------------------------------------------- staff: from my role to a plan


def test_staff_journey_from_my_role_to_a_development_plan(page, app_url, council):
    me, goal = "associate-project-manager", "head-of-delivery-management"
    goto(page, app_url, "/")
    choose(page, "My current role", "Associate Project Manager")
    assert "me" not in query(page), "my role is mine: never part of a link"

    open_page(page, "Career map")
    page.locator('[data-testid="stMain"] .svg-picture [data-pick]').first.wait_for()  # the map, drawn
    assert selected(page, "My current role") == "Associate Project Manager (PO1)", "my role was lost on the way"

    open_page(page, "Progression paths")
    assert selected(page, "From") == "Associate Project Manager (PO1)", "'From' does not start from my role"
    choose(page, "To", "Head of Delivery Management")
    assert query(page).get("to") == [goal]
    text = main_text(page)
    assert "Route 1:" in text, "no route is listed"
    assert "Associate Project Manager → " in text, "the route does not start from my role"
    assert "→ Head of Delivery Management" in text, "the route does not end at the goal"
    assert "Promotion" in text, "the steps of the route do not say what kind of move each is"
    with expect_rerun(page):  # the table of every route's steps is on its own tab, drawn once chosen
        page.get_by_role("tab", name="As a table", exact=True).click()
    table = page.locator('[data-testid="stMain"] [data-testid="stMarkdownContainer"] table').first
    steps = [row.locator("td").all_inner_texts() for row in table.locator("tbody tr").all()]
    assert steps, "the routes' table of steps is empty"
    assert all(any(cell == "Promotion" for cell in row) for row in steps), f"steps that are not promotions: {steps}"

    link = page.get_by_role("link", name="Skill gap and development plan: Associate Project Manager → Head of Delivery")
    with expect_rerun(page):
        link.click()
    assert urlsplit(page.url).path.endswith("/gap")
    assert selected(page, "Current role") == "Associate Project Manager (PO1)"
    assert selected(page, "Target role") == "Head of Delivery Management"

    gap = skill_gap(council, me, goal)
    met = sum(r.met for r in gap.rows)
    figures = (
        f"Requirements already met: {met} of {len(gap.rows)} ({gap.readiness:.0%}) · Skills to develop: {len(gap.gaps)}"
    )
    assert figures in main_text(page), "the gap's figures are not those of the framework"

    assert "on the Development plan tab" in main_text(page), "the summary does not say where the plan is"
    page.get_by_role("tab", name="Development plan", exact=True).click()  # the plan is drawn once its tab is open
    page.get_by_role("button", name="Download the plan (Markdown)").wait_for()
    shipped = merge_catalogues(shipped=[read_catalogue(ROOT / "data" / "learning" / "ddat.yaml")])  # as the app has it
    plan = development_plan(council, build_graph(council), me, goal, date=dt.date.today(), library=shipped)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the plan (Markdown)").click()
    assert download.value.suggested_filename.startswith("development-plan-"), download.value.suggested_filename
    assert download.value.suggested_filename.endswith(".md")
    assert download.value.path().read_text(encoding="utf-8") == plan_markdown(plan), "the plan the model makes"
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the plan (CSV, for a spreadsheet)").click()
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    assert [r["Part"] for r in rows].count("Focus") == 3
    assert {r["From"] for r in rows} == {"Associate Project Manager (PO1)"}
    assert exceptions(page) == []


# --------------------------------------------------------------------------- a shared link reopens the same view


def snapshot(page) -> dict:
    """What a view shows: its choices, figures, headings, the first visible table, and all of its text."""
    main = page.locator('[data-testid="stMain"]')
    choices = {}
    for box in main.locator('[data-testid="stSelectbox"]').all():
        choices[box.locator('[data-testid="stWidgetLabel"]').inner_text().strip()] = box.locator("input").input_value()
    figures = {}
    for figure in main.locator(".home-figures > div").all():  # Home's figures (ui.views.home.figures_html)
        figures[figure.locator("dt").inner_text().strip()] = figure.locator("dd").inner_text()
    frames = [f for f in main.locator('[data-testid="stDataFrame"]').all() if f.is_visible()]
    tables = [t for t in main.locator('[data-testid="stMarkdownContainer"] table').all() if t.is_visible()]
    if frames:
        table = table_rows(frames[0])
    elif tables:  # a table written as Markdown: an HTML table
        table = [row.locator("td").all_inner_texts() for row in tables[0].locator("tbody tr").all()]
    else:
        table = []
    return {
        "choices": choices,
        "figures": figures,
        "headings": main.locator("h2, h3").all_inner_texts(),
        "table": table,
        "text": main.inner_text(),
    }


DEEP_LINKS = {
    "gap": ("/gap", {"current": "associate-project-manager", "target": "delivery-manager", "tab": "skill-by-skill"}),
    "paths": ("/paths", {"from": "associate-project-manager", "to": "head-of-delivery-management"}),
    "roles-ddat": ("/roles", {"role": "delivery-manager", "framework": "ddat"}),
}


@pytest.mark.parametrize("name", list(DEEP_LINKS))
def test_a_shared_link_reopens_the_same_view(page, browser, app_url, council, name):
    path, params = DEEP_LINKS[name]
    goto(page, app_url, path, **params)
    shown = snapshot(page)
    for key, value in params.items():
        assert query(page).get(key) == [value], f"the address bar lost ?{key}={value}: {page.url}"
    if name == "gap":
        gap = skill_gap(council, params["current"], params["target"])
        assert f"Requirements already met: {sum(r.met for r in gap.rows)} of 9" in shown["text"]
        assert len(shown["table"]) == len(gap.rows) == 9, shown["table"]
    elif name == "paths":
        assert shown["choices"] == {
            "From": "Associate Project Manager (PO1)",
            "To": "Head of Delivery Management",
            "Show up to": "3",
        }
        assert any(h.startswith("Route 1:") for h in shown["headings"])
    else:
        assert page.locator("h1").all_inner_texts() == ["Delivery manager"], "the profile's heading is the role"
        assert "Grade: Mid-level · Discipline: Product and delivery" in shown["text"]

    other = new_page(browser)  # another browser: nothing shared but the link
    try:
        other.goto(page.url)
        wait_for_app(other)
        assert exceptions(other) == []
        again = snapshot(other)
        for part in ("choices", "figures", "headings", "table"):
            assert again[part] == shown[part], f"{name}: the link reopens with different {part}"
        assert again["text"] == shown["text"], f"{name}: the link reopens with different text"
    finally:
        other.context.close()


# --------------------------------------------------------------------------- links naming what is not there


def test_a_link_to_an_unknown_role_names_it_and_keeps_the_rest(page, app_url):
    goto(page, app_url, "/paths", **{"from": "astronaut", "to": "delivery-manager"})
    notice = page.locator('[data-testid="stAlert"]').filter(has_text="astronaut")
    assert notice.count() == 1, page.locator('[data-testid="stAlert"]').all_inner_texts()
    assert "astronaut" in notice.locator("code").all_inner_texts()
    assert "ignored" in notice.inner_text()
    assert exceptions(page) == []
    assert selected(page, "From") == ""
    assert selected(page, "To") == "Delivery Manager (PO4)", "the known half of the link was dropped too"
    assert query(page).get("to") == ["delivery-manager"]


def test_a_link_with_markup_for_a_role_shows_it_as_text(page, app_url):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    goto(page, app_url, "/roles", role="<script>alert(1)</script><img src=x onerror=alert(2)>")
    notice = page.locator('[data-testid="stAlert"]').filter(has_text="The link asks for the role")
    assert "<script>alert(1)</script><img src=x onerror=alert(2)>" in notice.locator("code").all_inner_texts()
    assert page.locator('[data-testid="stMain"] script, img[src="x"]').count() == 0
    assert dialogs == []
    assert exceptions(page) == []


def test_a_link_with_markdown_for_a_role_shows_it_as_text(page, app_url):
    value = "**Urgent** [sign in again](https://example.com/phish) :red[now]"
    goto(page, app_url, "/roles", role=value)
    notice = page.locator('[data-testid="stAlert"]').filter(has_text="The link asks for the role")
    assert notice.count() == 1
    assert notice.locator('a[href*="example.com"]').count() == 0, "the link's value became a working link"
    assert notice.locator("code").all_inner_texts() == [value[:57] + "…"], "shown as written (long values cut short)"
