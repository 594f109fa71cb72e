"""The app's pages in a real browser: they load, render the chosen framework, keep their state in the URL,
and pass the automated WCAG 2.x A/AA checks and best practices (no axe-core violation of any impact)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from framework import Framework, load_framework

from .helpers import (
    axe_audit,
    choose,
    describe_violations,
    exceptions,
    goto,
    metric,
    new_page,
    open_page,
    screenshot,
    selected,
    wait_for_app,
)
from .server import ROOT

METRICS = ["Roles", "Grades", "Disciplines", "Skills"]


@pytest.fixture(scope="module")
def frameworks() -> dict[str, Framework]:
    """The shipped frameworks by key (the ``?framework=`` value), as the app loads them."""
    return {key: load_framework(ROOT / "data" / f"{key}.yaml") for key in ("roles", "ddat")}


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def grid_rows(page) -> int:
    """Data rows of the page's ``st.dataframe`` (from the grid's ARIA row count, which includes the header)."""
    grid = page.locator('[data-testid="stDataFrame"] [role="grid"]')
    return int(grid.get_attribute("aria-rowcount")) - 1


def distinct_role(fw: Framework):
    """A role from the middle of the list whose title is in no other role's title, so typing it finds one option."""
    titles = [r.title.casefold() for r in fw.roles]
    middle = len(fw.roles) // 2
    for role in fw.roles[middle:] + fw.roles[:middle]:
        if sum(role.title.casefold() in t for t in titles) == 1:
            return role
    raise AssertionError(f"every role title of {fw.id} is part of another's")


def assert_accessible(page, name: str) -> None:
    violations = axe_audit(page, name)
    assert not violations, f"axe found violations on {name}:\n" + describe_violations(violations)


@pytest.mark.parametrize("framework_key", ["roles", "ddat"], ids=["council", "ddat"])
@pytest.mark.parametrize("path", ["/", "/roles"], ids=["home", "roles"])
def test_page_renders_and_is_accessible(page, app_url, frameworks, path, framework_key):
    fw = frameworks[framework_key]
    params = {} if framework_key == "roles" else {"framework": framework_key}  # the council one is the default
    goto(page, app_url, path, **params)

    assert exceptions(page) == []
    assert selected(page, "Framework") == fw.name
    if path == "/":
        assert page.get_by_role("heading", name="Career Explorer", level=1).is_visible()
        assert page.get_by_role("heading", name=fw.name).is_visible()
        assert metric(page, "Roles") == str(len(fw.roles))
    else:
        assert page.get_by_role("heading", name="Roles", level=1).is_visible()
        assert page.locator('[data-testid="stDataFrame"]').is_visible()
        assert grid_rows(page) == min(len(fw.roles), 100), "a hundred roles at a time"
        if len(fw.roles) > 100:
            expect(page.locator('[data-testid="stMain"]')).to_contain_text(f"Roles 1–100 of {len(fw.roles)}")

    view = "home" if path == "/" else "roles-catalogue"  # test_every_page.py saves "roles-…" with a profile open
    name = f"{view}-{'council' if framework_key == 'roles' else framework_key}"
    screenshot(page, name)
    assert_accessible(page, name)


def test_switching_framework_updates_view_and_url(page, app_url, frameworks):
    goto(page, app_url)
    assert metric(page, "Roles") == str(len(frameworks["roles"].roles))

    choose(page, "Framework", "DDaT")

    assert metric(page, "Roles") == "205" == str(len(frameworks["ddat"].roles))
    assert metric(page, "Skills") == str(len(frameworks["ddat"].skills))
    assert query(page).get("framework") == ["ddat"]

    open_page(page, "Roles")

    assert urlsplit(page.url).path.rstrip("/").endswith("/roles")
    assert query(page).get("framework") == ["ddat"]
    assert selected(page, "Framework") == frameworks["ddat"].name
    assert grid_rows(page) == 100, "DDaT's first hundred roles"
    assert exceptions(page) == []


def test_unknown_role_in_link_gets_a_notice(page, app_url, frameworks):
    goto(page, app_url, "/roles", role="nobody")

    notice = page.locator('[data-testid="stAlert"]').filter(has_text="nobody")
    assert notice.is_visible()
    assert "nobody" in notice.locator("code").all_inner_texts()
    assert exceptions(page) == []
    assert page.locator('[data-testid="stMain"] h1').first.inner_text() == "Roles", "the catalogue instead"

    choose(page, "Framework", "DDaT")  # the app still responds
    assert page.locator('[data-testid="stMain"]').get_by_text("205 roles", exact=False).count() >= 1


def test_a_link_never_sets_my_role(page, app_url):
    goto(page, app_url, me="delivery-manager")
    assert selected(page, "My current role") == ""
    assert exceptions(page) == []


def test_deep_link_reopens_the_same_view(page, browser, app_url, frameworks):
    ddat = frameworks["ddat"]
    role = distinct_role(ddat)
    goto(page, app_url)
    choose(page, "Framework", "DDaT")
    choose(page, "My current role", role.title)
    assert query(page).get("framework") == ["ddat"]
    assert "me" not in query(page)

    def view(p) -> dict:
        return {
            "query": query(p),
            "framework": selected(p, "Framework"),
            "my role": selected(p, "My current role"),
            "metrics": {label: metric(p, label) for label in METRICS},
        }

    shown = view(page)
    assert role.title in shown["my role"]

    other = new_page(browser)  # a fresh context: nothing shared but the link
    try:
        other.goto(page.url)
        wait_for_app(other)
        assert view(other) == {**shown, "my role": ""}, "the same view, without the sender's own role"
        assert exceptions(other) == []
    finally:
        other.context.close()


def test_first_visit_shows_the_apps_navigation_throughout(first_visit):
    """The first request to a fresh server (here a deep link to a page) never shows another set of pages.

    Streamlit treats a ``pages/`` folder beside the entry script as a legacy multipage app until the first
    ``st.navigation`` call in the process: that first run lists the folder's files instead of the app's pages.
    """
    seen = first_visit["nav_seen"]
    assert seen, f"no sidebar navigation was seen while opening {first_visit['path']}"
    assert all(nav == seen[-1] for nav in seen), (
        f"while {first_visit['path']} loaded on a fresh server, the sidebar listed {seen[:-1]} before the app's "
        f"own pages {seen[-1]}"
    )
