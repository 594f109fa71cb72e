"""The career map's panel: clicking a role (or finding it with the keyboard) opens its panel in view, over the
map, wherever the role is — on the council map, low on DDaT's tall map, and on a phone."""

from __future__ import annotations

import pytest

from .helpers import choose, expect_rerun, goto, map_role, screenshot, wait_for_app

PHONE = {"width": 390, "height": 844}


def panel(page):
    return page.get_by_role("dialog")


def in_view(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return (
        box is not None
        and box["y"] >= 0
        and box["y"] + min(box["height"], 200) <= size["height"]
        and (box["x"] >= 0 and box["x"] + box["width"] <= size["width"] + 1)
    )


@pytest.mark.parametrize(
    ("framework", "role", "title", "viewport"),
    [
        ("roles", "senior-delivery-manager", "Senior Delivery Manager", None),
        ("ddat", "senior-user-researcher", None, None),
        ("roles", "delivery-manager", "Delivery Manager", PHONE),
    ],
    ids=["council", "ddat-low-on-the-map", "phone"],
)
def test_a_click_on_a_role_opens_its_panel_in_view(page, app_url, framework, role, title, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    goto(page, app_url, "/map", **({"framework": framework} if framework != "roles" else {}))
    with expect_rerun(page):
        map_role(page, role).click()
    dialog = panel(page)
    dialog.wait_for()
    assert in_view(page, dialog), "the panel opens where the reader is, not below the chart"
    text = dialog.inner_text()
    if title:
        assert title in text
    assert "Open the profile of" in text
    assert "Leads next:" in text
    assert "Routes to" in text
    screenshot(page, f"map-panel-{framework}-{'phone' if viewport else 'desktop'}")
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    wait_for_app(page)
    assert panel(page).count() == 0, "closed, it stays closed"


def test_finding_a_role_with_the_keyboard_opens_its_panel(page, app_url):
    goto(page, app_url, "/map")
    choose(page, "Find a role", "Lead Developer (PO8)")
    dialog = panel(page)
    dialog.wait_for()
    assert in_view(page, dialog)
    assert "Lead Developer" in dialog.inner_text()
    link = dialog.get_by_role("link", name="Open the profile of Lead Developer")
    link.focus()
    with expect_rerun(page):
        page.keyboard.press("Enter")
    assert page.locator('[data-testid="stMain"] h1').first.inner_text() == "Lead Developer"
