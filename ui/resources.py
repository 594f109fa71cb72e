"""Learning resources as every page shows them — the Skills page, the plan, the development record, the team —
and the one way to turn one into an agreed action.

:func:`resource_markdown` writes a resource as a list item: its title (a link to it), who provides it, what it is,
costs and takes, who may use it ("Organisation only" marked wherever it is shown), and where its title and
address were verified. :func:`offer_resources` lists a plan's or a record's resources, each with an "Add as an
action" button; what the button does is the page's own transition (``on_add``), given the action's words.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Collection, Sequence
from urllib.parse import quote

import streamlit as st

from framework.dates import uk_date
from framework.learning import LearningResource
from framework.learning_sources import describe_source
from framework.plan import PlanResource

from . import render

__all__ = ["ADDED_LABEL", "ADD_LABEL", "offer_resources", "resource_markdown"]

ADD_LABEL = "Add as an action"
ADDED_LABEL = "In the agreed actions"


def _url(address: str) -> str:
    """An address as a Markdown link target: characters that would end the link are percent-encoded."""
    return quote(address, safe=":/?#@!$&*+,;=%~-._")


def resource_markdown(resource: LearningResource, *, found: str | None = None, bullet: bool = True) -> str:
    """One resource as a list item (or, ``bullet`` false, a paragraph of its own): its title (a link to it), who
    offers it, what it is, costs and takes, who may use it; then where the page found it (``found``) and where
    its title and address were verified (with a link to the file, where the source names one)."""
    title = render.md(resource.title)
    head = f"[{title}]({_url(resource.address)})" if resource.address else f"**{title}**"
    facts = [
        render.md(x) for x in (resource.provider, resource.kind.replace("-", " "), resource.cost, resource.time) if x
    ]
    if resource.organisation_only:
        facts.append("**Organisation only**")
    elif resource.access == "open":
        facts.append("open to anyone")
    source, link = describe_source(resource.source)
    where = f"[{render.md(source)}]({_url(link)})" if link else render.md(source)
    said = "Title and address verified in" if resource.address and resource.access else "Listed in"
    checked = f", checked {uk_date(resource.checked_on)}" if resource.checked_on else ""
    lines = [
        f"{'- ' if bullet else ''}{head} — {' · '.join(facts)}",
        f"{'  ' if bullet else ''}:small[{render.md(found) + '. ' if found else ''}{said} {where}{checked}]",
    ]
    if resource.note:
        lines.append(f"{'  ' if bullet else ''}{render.md(resource.note)}")
    return "  \n".join(lines)


def offer_resources(
    resources: Sequence[PlanResource],
    *,
    key: str,
    action: Callable[[PlanResource], str],
    agreed: Collection[str],
    on_add: Callable[[str], None],
) -> None:
    """Each resource, and beside it a button that makes it an agreed action: ``action(resource)`` is the
    action's words, ``on_add(words)`` the page's transition that adds it (a button's callback). A resource whose
    words are among the ``agreed`` actions already says so instead, so one click never adds it twice."""
    for resource in resources:
        words = action(resource)
        slot = f"{key}-{zlib.crc32(words.encode()):08x}"
        with st.container(key=slot, horizontal=True, vertical_alignment="center"):
            st.markdown(resource_markdown(resource.resource, found=resource.found, bullet=False), width="stretch")
            if words in agreed:
                st.button(ADDED_LABEL, key=f"{slot}-add", disabled=True, icon=":material/check:")
            else:
                st.button(
                    ADD_LABEL,
                    key=f"{slot}-add",
                    on_click=on_add,
                    args=(words,),
                    icon=":material/add_task:",
                    help=f"Adds “{render.md(resource.title)}” to the agreed actions, as: {render.md(words)}",
                )
