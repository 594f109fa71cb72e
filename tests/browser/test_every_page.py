"""Every page of the app on both shipped frameworks, opened by a deep link that gives it something to show:
no traceback, the page's own heading, the view the link asks for, a screenshot, and no axe-core violation
(WCAG 2.x A/AA and best practices, any impact) but those Streamlit's own markup makes (helpers.STREAMLIT_OWN)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from ui.pages import PAGES, PageSpec

from .helpers import (
    axe_audit,
    describe_violations,
    each_tab,
    exceptions,
    expect_rerun,
    goto,
    open_expanders,
    screenshot,
    selected,
)

FRAMEWORKS = {"council": {}, "ddat": {"framework": "ddat"}}  # the council framework is the default


@dataclass(frozen=True)
class View:
    """A page of the registry (ui/pages.py), the deep link that gives it something to show, and what it shows."""

    spec: PageSpec
    h1: dict[str, str] | None = None  # per framework, where the page is not headed by its registry heading
    params: dict[str, dict] = field(default_factory=dict)  # per framework
    shows: str | None = None  # a CSS selector the main area must show
    text: dict[str, str] = field(default_factory=dict)  # per framework: text the main area must contain
    opens: bool = False  # draws tables in expanders or tabs, each audited once opened

    @property
    def name(self) -> str:  # screenshot and test id
        return self.spec.path or "home"

    @property
    def path(self) -> str:
        return "/" + self.spec.path

    def heading(self, framework: str) -> str:
        return self.h1[framework] if self.h1 else self.spec.h1


#: What each page, by URL path, is asked and must show.
CHECKS: dict[str, dict] = {
    "": {"shows": ".home-figures"},
    "roles": {
        "h1": {"council": "Delivery Manager", "ddat": "Delivery manager"},
        "params": {"council": {"role": "delivery-manager"}, "ddat": {"role": "delivery-manager"}},
        "shows": '[data-testid="stTab"]',
        "text": {"council": "Delivery Manager", "ddat": "Delivery manager"},
        "opens": True,
    },
    "skills": {
        "h1": {"council": "Planning", "ddat": "User research methods"},
        "params": {"council": {"skill": "planning"}, "ddat": {"skill": "user-research-methods"}},
        "shows": 'a[href*="roles?role="]',  # each level's roles, linked to their profiles
        "text": {"council": "Ways to learn at this level", "ddat": "Ways to learn at this level"},
    },
    "map": {"shows": ".svg-picture [data-pick]", "opens": True},
    "paths": {
        "params": {
            "council": {"from": "associate-project-manager", "to": "head-of-delivery-management"},
            "ddat": {"from": "apprentice-developer", "to": "head-of-agile-delivery-management"},
        },
        "shows": '[data-testid="stTab"]',
        "text": {"council": "Route 1:", "ddat": "Route 1:"},
        "opens": True,
    },
    "gap": {
        "params": {
            "council": {"current": "associate-project-manager", "target": "delivery-manager"},
            "ddat": {"current": "associate-delivery-manager", "target": "delivery-manager"},
        },
        "shows": '[data-testid="stMarkdownContainer"] h3:visible',  # "What changes at …", the first tab's heading
        "text": {"council": "Requirements already met", "ddat": "Requirements already met"},
        "opens": True,
    },
    "record": {"shows": '[data-testid="stFileUploader"]'},
    "team": {"shows": '[data-testid="stFileUploader"]'},
    "compare": {
        "params": {
            "council": {"roles": ["associate-project-manager", "delivery-manager"]},
            "ddat": {"roles": ["delivery-manager", "product-manager"]},
        },
        "shows": '[class*="st-key-stacked-facts"] table',  # the facts side by side (stacked on a phone)
        "text": {"council": "Criteria that differ", "ddat": "Criteria that differ"},
    },
    "review": {
        "shows": '[data-testid="stMarkdownContainer"] a[href*="roles?role="]',  # a finding's links to its roles
        "text": {
            "council": "Skill cliff: Associate Project Manager → Delivery Manager",
            "ddat": "No Head role leads to any Chief role",
        },
        "opens": True,
    },
    "versions": {
        "params": {"council": {"old": "roles", "new": "ft-engineering"}, "ddat": {"old": "ddat", "new": "roles"}},
        # the roles' changes, the first tab: a table, a page at a time when long (DDaT's 205 roles)
        "shows": '.st-key-stacked-versions-roles table, [data-testid="stDataFrame"]',
        "text": {"council": "Roles removed", "ddat": "Roles removed"},
        "opens": True,
    },
    "import_jd": {"shows": '[data-testid="stFileUploader"]'},
    "pay": {
        "shows": '[data-testid="stMarkdownContainer"] table',  # the grades
        "text": {"council": "To progress to Project Manager", "ddat": "Trainee business architect"},
    },
}
VIEWS = [View(spec, **CHECKS[spec.path]) for spec in PAGES]


@pytest.mark.parametrize("framework", list(FRAMEWORKS))
@pytest.mark.parametrize("view", VIEWS, ids=[v.name for v in VIEWS])
def test_every_page_renders_and_is_accessible(page, app_url, view: View, framework: str):
    params = {**FRAMEWORKS[framework], **view.params.get(framework, {})}
    goto(page, app_url, view.path, **params)
    name = f"{view.name}-{framework}"

    assert exceptions(page) == [], f"{name}: Streamlit shows a traceback"
    h1 = view.heading(framework)
    headings = page.locator("h1").filter(has_text=h1)
    found = page.locator("h1").all_inner_texts()
    assert headings.count() == 1, f"{name}: expected one heading {h1!r}; the page's h1s are {found}"
    assert headings.first.is_visible(), f"{name}: the heading {h1!r} is not visible"
    expected_framework = "DDaT" if framework == "ddat" else "Council digital team"
    assert expected_framework in selected(page, "Framework")
    notices = page.locator('[data-testid="stAlert"]').filter(has_text="The link asks for")
    assert notices.count() == 0, f"{name}: the deep link {params} was not understood: {notices.all_inner_texts()}"
    if view.shows:
        shown = page.locator('[data-testid="stMain"]').locator(view.shows)
        try:  # a component's picture is put in place by its script, just after the page is drawn
            shown.first.wait_for(state="visible")
        except PlaywrightTimeoutError:
            pytest.fail(f"{name}: nothing in the main area matches {view.shows}")
    if framework in view.text:
        main = page.locator('[data-testid="stMain"]').inner_text()
        assert view.text[framework] in main, f"{name}: {view.text[framework]!r} is not on the page"

    screenshot(page, name)
    violations = axe_audit(page, name)
    assert not violations, (
        f"axe found violations on {view.path} ({framework}); the full report is in "
        f"tests/artifacts/axe/{name}.json:\n" + describe_violations(violations)
    )


def _states_once_opened(page) -> Iterator[str]:
    """Open each closed expander of the main area, then each other tab in turn (and its expanders): what a page
    draws only once opened. Yields a name for each state reached."""
    open_expanders(page)
    yield "expanders"
    for label in each_tab(page, start=1):
        yield re.sub(r"\W+", "-", label.lower()).strip("-")


OPENED = [v for v in VIEWS if v.opens]


@pytest.mark.parametrize("framework", list(FRAMEWORKS))
@pytest.mark.parametrize("view", OPENED, ids=[v.name for v in OPENED])
def test_what_a_page_draws_once_opened_is_accessible_too(page, app_url, view: View, framework: str):
    """Tables, downloads and tabs are drawn only once their expander or tab is opened: each state is audited."""
    goto(page, app_url, view.path, **{**FRAMEWORKS[framework], **view.params.get(framework, {})})
    found, tables = {}, 0
    for state in _states_once_opened(page):
        name = f"{view.name}-{framework}-opened-{state}"
        assert exceptions(page) == [], f"{name}: Streamlit shows a traceback"
        grids = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').count()
        tables += grids + page.locator('[data-testid="stMain"] [data-testid="stMarkdownContainer"] table').count()
        found[state] = axe_audit(page, name)
    assert tables > 0, f"{view.name}: no table was drawn once everything was opened"
    failed = {state: v for state, v in found.items() if v}
    assert not failed, "\n".join(f"{state}:\n{describe_violations(v)}" for state, v in failed.items())


PHONE = {"width": 390, "height": 844}
# What runs off the side of the screen, if anything: the page itself, or its main area.
SIDEWAYS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  return {page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          main: main.scrollWidth - main.clientWidth};
}"""


@pytest.mark.parametrize("framework", list(FRAMEWORKS))
@pytest.mark.parametrize("view", VIEWS, ids=[v.name for v in VIEWS])
def test_no_page_scrolls_sideways_on_a_phone(page, app_url, view: View, framework: str):
    """At 390 × 844, every tab of every page fits the width: wide tables stack or scroll inside their own grid,
    tab labels wrap, and the page never scrolls sideways."""
    page.set_viewport_size(PHONE)
    goto(page, app_url, view.path, **{**FRAMEWORKS[framework], **view.params.get(framework, {})})
    states = {"first": page.evaluate(SIDEWAYS)}
    screenshot(page, f"phone-{view.name}-{framework}")
    tabs = page.locator('[data-testid="stMain"] [role="tab"]')
    for i in range(tabs.count()):
        tab = tabs.nth(i)
        box, width = tab.bounding_box(), PHONE["width"]
        assert box["x"] >= 0, f"the tab {tab.inner_text()!r} starts off the screen"
        assert box["x"] + box["width"] <= width, f"the tab {tab.inner_text()!r} is cut off"
    for state in each_tab(page, start=1):
        states[state] = page.evaluate(SIDEWAYS)
    wide = {state: overflow for state, overflow in states.items() if overflow["page"] > 0 or overflow["main"] > 0}
    assert not wide, f"{view.name} ({framework}) scrolls sideways on a phone: {wide}"


def test_compare_stacks_its_roles_on_a_phone(page, app_url):
    """At 390 px the facts of each role stand one under the other, each under its role's name."""
    page.set_viewport_size(PHONE)
    goto(page, app_url, "/compare", roles=["associate-project-manager", "delivery-manager"])
    cell = page.locator('[class*="st-key-stacked-facts"] td').nth(2)
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Delivery Manager: "', label
    first, second = (
        page.locator('[class*="st-key-stacked-facts"] tbody tr').first.locator("td").nth(i) for i in (1, 2)
    )
    assert second.bounding_box()["y"] > first.bounding_box()["y"], "the second role's value is under the first's"
    screenshot(page, "phone-compare-stacked")


_FOCUSED_ON = "label => document.activeElement !== null && document.activeElement.innerText === label"


def test_the_gap_tabs_work_with_the_arrow_keys(page, app_url):
    """Arrow keys move along the tabs and open each, and the focus stays on the tab list. Each choice reruns the
    page (the plan is drawn only while its tab is open; the tabs to read, whatever tab is open). Each state is
    waited for, never a fixed time, so this holds on a loaded machine too."""
    goto(page, app_url, "/gap", current="associate-project-manager", target="delivery-manager")
    tabs = page.locator('[data-testid="stMain"] [role="tab"]')
    shown = page.locator('[data-testid="stMain"] [role="tabpanel"]:visible')  # the open tab's
    tabs.first.focus()
    for i in range(1, tabs.count()):
        label = tabs.nth(i).inner_text()
        with expect_rerun(page):
            page.keyboard.press("ArrowRight")
            if label != "Development plan":
                expect(shown).to_have_count(1)
                assert shown.inner_text().strip(), f"the tab {label!r} is empty when it opens"
        try:
            page.wait_for_function(_FOCUSED_ON, arg=label)
        except PlaywrightTimeoutError:
            focused = page.evaluate("document.activeElement && document.activeElement.innerText")
            raise AssertionError(f"after {i} presses the focus is on {focused!r}, not on the tab {label!r}") from None
        assert tabs.nth(i).get_attribute("aria-selected") == "true"
    expect(shown.get_by_label("Person (optional)")).to_be_visible()
    for i in reversed(range(tabs.count() - 1)):
        with expect_rerun(page):
            page.keyboard.press("ArrowLeft")
        page.wait_for_function(_FOCUSED_ON, arg=tabs.nth(i).inner_text())
    assert tabs.first.get_attribute("aria-selected") == "true", "and back along them"


def test_tabs_that_rerun_the_page_keep_the_focus_for_the_arrow_keys(page, app_url):
    """The review's seven tabs rerun the page when one is chosen (only the open one is drawn). During a rerun
    Streamlit makes the tab list unfocusable for a moment and the browser drops the focus; ui.tab_focus puts it
    back on the selected tab, so every press of an arrow key moves to the next tab, there and back."""
    goto(page, app_url, "/review")
    tabs = page.locator('[data-testid="stMain"] [role="tab"]')
    tabs.first.focus()
    order = [*range(1, tabs.count()), *reversed(range(tabs.count() - 1))]
    for step, i in enumerate(order):
        label = tabs.nth(i).inner_text()
        with expect_rerun(page):
            page.keyboard.press("ArrowRight" if step < tabs.count() - 1 else "ArrowLeft")
        expect(tabs.nth(i)).to_have_attribute("aria-selected", "true")
        try:
            page.wait_for_function(_FOCUSED_ON, arg=label)
        except PlaywrightTimeoutError:
            focused = page.evaluate("document.activeElement && document.activeElement.tagName")
            raise AssertionError(f"after {step + 1} presses the focus is on {focused!r}, not on {label!r}") from None
    assert exceptions(page) == []
