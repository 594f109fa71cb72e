"""A choice on a page reruns what depends on it, not the page and its sidebar: what the server sends after the
choice, read off the websocket in Chromium, is the page's fragment alone — and it shows the choice."""

from __future__ import annotations

import base64
from collections.abc import Callable

import pytest
from playwright.sync_api import Page
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from .helpers import choose, choose_many, expect_rerun, goto

SIDEBAR = 1  # the root container of the sidebar's elements in a delta's path (0: the main area)


class Received:
    """The Streamlit messages this page receives, from Chrome's DevTools protocol."""

    def __init__(self, page: Page) -> None:
        self.messages: list[ForwardMsg] = []
        session = page.context.new_cdp_session(page)
        session.on("Network.webSocketFrameReceived", self._frame)
        session.send("Network.enable")

    def _frame(self, event: dict) -> None:
        response = event["response"]
        if response.get("opcode") != 2:  # Streamlit's messages are binary frames
            return
        message = ForwardMsg()
        message.ParseFromString(base64.b64decode(response["payloadData"]))
        self.messages.append(message)

    def after(self, action: Callable[[], None]) -> list[ForwardMsg]:
        """The messages the action brings (the action waits for its run to finish)."""
        start = len(self.messages)
        action()
        return self.messages[start:]


def _deltas(messages: list[ForwardMsg]) -> list[ForwardMsg]:
    return [m for m in messages if m.WhichOneof("type") == "delta"]


def _a_tab(page: Page, name: str) -> Callable[[], None]:
    def click() -> None:
        with expect_rerun(page):
            page.locator('[data-testid="stMain"]').get_by_role("tab", name=name).click()

    return click


def _options_opened(page: Page) -> Callable[[], None]:
    def click() -> None:
        with expect_rerun(page):
            page.locator('[data-testid="stExpander"] summary', has_text="Map options").click()

    return click


#: page, its link's parameters, the choice made there, and a text the page shows after it
CHOICES = [
    (
        "compare",
        {"roles": ["senior-product-manager", "lead-product-manager"]},
        lambda page: lambda: choose_many(page, "Roles to compare", ["Delivery Manager (PO4)"]),
        "Delivery Manager",
    ),
    (
        "gap",
        {"current": "senior-product-manager", "target": "lead-product-manager"},
        lambda page: lambda: choose(page, "Current role", "Delivery Manager (PO4)"),
        "Delivery Manager",
    ),
    (
        "paths",
        {"from": "delivery-manager", "to": "senior-delivery-manager"},
        lambda page: _a_tab(page, "As a table"),
        "Step",
    ),
    ("map", {}, _options_opened, "Show moves"),
    (
        "roles",
        {"role": "delivery-manager"},
        lambda page: _a_tab(page, "Skills"),
        "What the level looks like",
    ),
    (
        "versions",
        {"new": "roles"},
        lambda page: lambda: choose(page, "Older version", "FT engineering progression"),
        "FT engineering progression →",
    ),
]


@pytest.mark.parametrize(("path", "params", "choice", "shown"), CHOICES, ids=[c[0] for c in CHOICES])
def test_a_choice_reruns_the_pages_fragment_alone(page, app_url, path, params, choice, shown):
    received = Received(page)
    goto(page, app_url, f"/{path}", **params)
    whole = _deltas(received.messages)
    assert any(d.metadata.delta_path[0] == SIDEBAR for d in whole), "a page's run draws the sidebar too"

    messages = received.after(choice(page))

    deltas = _deltas(messages)
    assert deltas, "the choice drew something"
    assert all(d.delta.fragment_id for d in deltas), "every element drawn belongs to the page's fragment"
    assert not [d for d in deltas if d.metadata.delta_path[0] == SIDEBAR], "the sidebar was not drawn again"
    assert page.locator('[data-testid="stMain"]').get_by_text(shown).first.is_visible()
    assert page.locator('[data-testid="stSidebar"]').get_by_text("My current role").is_visible()
