"""Back and Forward in Chromium: every change of view is a step of the browser's history, and the address bar
always names what is shown."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from .helpers import choose, expect_rerun, goto, screenshot, selected, wait_for_app


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def title(page) -> str:
    return page.locator('[data-testid="stMain"] h1').first.inner_text().strip()


def back(page) -> None:
    with expect_rerun(page):
        page.go_back()


def forward(page) -> None:
    with expect_rerun(page):
        page.go_forward()


def test_back_and_forward_walk_the_roles_opened(page, app_url):
    goto(page, app_url, "/roles")
    choose(page, "Open the profile of", "Delivery Manager (PO4)")
    assert title(page) == "Delivery Manager"
    connected = page.get_by_role("radiogroup", name="Go to a connected role")
    with expect_rerun(page):
        connected.get_by_role("radio", name="Reports to: Senior Delivery Manager (grade not stated)").click()
    assert title(page) == "Senior Delivery Manager"
    assert query(page)["role"] == ["senior-delivery-manager"]
    with expect_rerun(page):
        page.get_by_role("button", name="All roles").click()
    assert title(page) == "Roles"
    assert "role" not in query(page)

    back(page)
    assert title(page) == "Senior Delivery Manager", "Back returns to the profile left"
    assert query(page)["role"] == ["senior-delivery-manager"]
    back(page)
    assert title(page) == "Delivery Manager", "and to the one before it"
    assert query(page)["role"] == ["delivery-manager"]
    screenshot(page, "history-back-to-delivery-manager")
    back(page)
    assert title(page) == "Roles"
    forward(page)
    assert title(page) == "Delivery Manager", "Forward goes on again"
    forward(page)
    assert title(page) == "Senior Delivery Manager"


def test_back_returns_to_the_route_and_the_tab_before(page, app_url):
    goto(page, app_url, "/paths", **{"from": "associate-project-manager"})
    choose(page, "To", "Delivery Manager (PO4)")
    choose(page, "To", "Head of Delivery Management")
    with expect_rerun(page):
        page.get_by_role("tab", name="As a table", exact=True).click()
    assert query(page)["tab"] == ["as-a-table"]

    back(page)
    assert "tab" not in query(page)
    assert page.get_by_role("tab", name="The routes in words", exact=True).get_attribute("aria-selected") == "true"
    back(page)
    assert selected(page, "To") == "Delivery Manager (PO4)"
    assert query(page)["to"] == ["delivery-manager"]
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert "Skill gap and development plan: Associate Project Manager → Delivery Manager" in main
    back(page)
    assert selected(page, "To") == ""
    forward(page)
    forward(page)
    assert selected(page, "To") == "Head of Delivery Management"
    wait_for_app(page)
