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
    expect_rerun,
    figure,
    goto,
    listed_rows,
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
        assert figure(page, "Roles") == str(len(fw.roles))
    else:
        assert page.get_by_role("heading", name="Roles", level=1).is_visible()
        assert len(listed_rows(page)) == min(len(fw.roles), 100), "a hundred roles at a time"
        if len(fw.roles) > 100:
            expect(page.locator('[data-testid="stMain"]')).to_contain_text(f"Roles 1–100 of {len(fw.roles)}")

    view = "home" if path == "/" else "roles-catalogue"  # test_every_page.py saves "roles-…" with a profile open
    name = f"{view}-{'council' if framework_key == 'roles' else framework_key}"
    screenshot(page, name)
    assert_accessible(page, name)


def test_switching_framework_updates_view_and_url(page, app_url, frameworks):
    goto(page, app_url)
    assert figure(page, "Roles") == str(len(frameworks["roles"].roles))

    choose(page, "Framework", "DDaT")

    assert figure(page, "Roles") == "205" == str(len(frameworks["ddat"].roles))
    assert figure(page, "Skills") == str(len(frameworks["ddat"].skills))
    assert query(page).get("framework") == ["ddat"]

    open_page(page, "Roles")

    assert urlsplit(page.url).path.rstrip("/").endswith("/roles")
    assert query(page).get("framework") == ["ddat"]
    assert selected(page, "Framework") == frameworks["ddat"].name
    assert len(listed_rows(page)) == 100, "DDaT's first hundred roles"
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
            "metrics": {label: figure(p, label) for label in METRICS},
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


def test_the_catalogue_opens_a_role_and_sorts_by_mouse_and_keyboard(page, app_url, frameworks):
    """The catalogue's list: a click on a role's name opens its profile in the same session (the search typed
    before is kept); a heading sorts the whole list and keeps the focus for the next press; Tab and Enter open a
    role as a click does; on a phone the rows stack without running off the side."""
    ddat = frameworks["ddat"]
    goto(page, app_url, "/roles", framework="ddat")
    search = page.get_by_label("Search roles")
    search.fill("data")
    with expect_rerun(page):
        search.press("Enter")
    found = listed_rows(page)
    assert 0 < len(found) < 100

    main = page.locator('[data-testid="stMain"]')
    heading = main.locator('.pick-table button[data-column="Role"]')
    with expect_rerun(page):
        heading.click()
    expect(main.locator('.pick-table th[aria-sort="ascending"]')).to_have_text("Role ▲")
    titles = [row[0] for row in listed_rows(page)]
    assert titles == sorted((row[0] for row in found), key=str.casefold)
    expect(heading).to_be_focused()
    with expect_rerun(page):
        page.keyboard.press("Enter")  # the same heading, pressed again from the keyboard
    expect(main.locator('.pick-table th[aria-sort="descending"]')).to_have_text("Role ▼")
    assert [row[0] for row in listed_rows(page)] == titles[::-1]

    first = main.locator(".pick-table tbody th a").first
    wanted = first.inner_text()
    with expect_rerun(page):
        first.click()
    expect(main.locator("h1").first).to_have_text(wanted)
    assert query(page).get("role") == [next(r.id for r in ddat.roles if r.title == wanted)]
    with expect_rerun(page):
        main.get_by_role("button", name="All roles").click()
    expect(main.locator('.pick-table th[aria-sort="descending"]')).to_have_count(1)
    assert page.get_by_label("Search roles").input_value() == "data", "the search is kept"

    link = main.locator(".pick-table tbody th a").nth(1)
    wanted = link.inner_text()
    link.focus()
    with expect_rerun(page):
        page.keyboard.press("Enter")
    expect(main.locator("h1").first).to_have_text(wanted)
    assert exceptions(page) == []

    page.set_viewport_size({"width": 390, "height": 844})
    with expect_rerun(page):
        main.get_by_role("button", name="All roles").click()
    listed_rows(page)
    wide = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert wide <= 0, "the list stacks on a phone"
    screenshot(page, "roles-catalogue-ddat-phone")
    assert_accessible(page, "roles-catalogue-ddat-phone")
