"""Web and e-mail addresses in framework text: shown as written and, where the browser's Markdown makes them
links, linked to the address the text says — never to one carrying the escapes that keep the rest of the text
from being markup (``…/a%5C_b``, ``…/auto%5C%3E``)."""

from __future__ import annotations

import yaml

from .frameworks import small_framework
from .helpers import exceptions, goto, upload_framework

ADDRESSES = {
    "https://example.com/auto>": "https://example.com/auto",  # ">" ends the link, and is shown after it
    "https://example.com/a_b_c*d*e~f": "https://example.com/a_b_c*d*e~f",
    "https://example.com/$x$&amp;y": "https://example.com/$x$&amp;y",
    "https://example.com/:smile:/x": "https://example.com/:smile:/x",
    "www.example.com/path_(x)": "http://www.example.com/path_(x)",
    "first_last@example.com": "mailto:first_last@example.com",
}


def test_addresses_link_where_the_text_says(page, app_url):
    framework = small_framework()
    framework["description"] = " ".join(f"See {address} now." for address in ADDRESSES)
    goto(page, app_url, "/")
    upload_framework(page, "links.yaml", yaml.safe_dump(framework).encode())
    block = page.locator('[data-testid="stMain"] [data-testid="stMarkdownContainer"]', has_text="See https")
    assert block.inner_text().strip().splitlines()[-1] == framework["description"]
    links = block.locator("p a")  # (the heading has an anchor link of its own)
    found = {links.nth(i).inner_text(): links.nth(i).get_attribute("href") for i in range(links.count())}
    assert sorted(found.values()) == sorted(ADDRESSES.values()), found
    assert not [href for href in found.values() if "%5C" in href or "\\" in href]
    assert exceptions(page) == []
