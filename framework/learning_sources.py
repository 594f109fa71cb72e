"""Where a shipped resource's title and address were verified, written so that anyone can check it again.

A shipped catalogue points only at public material whose licence allows it, and invents nothing: each entry's
``source`` names the public repository, the commit and the file in which its title and address were read::

    github:alphagov/gds-way@627911cd6b5685654df03c949fabaaa51d8b07c5:source/standards/pair-programming.html.md.erb
    github:duncanjbrown/service-manual-mirror@1db9458d…:service-manual-change-dates.csv#./www.gov.uk/service-manual/design/making-prototypes.html

A **rule** per repository (:data:`RULES`, documented in ``docs/learning.md``) says how a file of it becomes a
page's address — the site publishes ``source/X.html.md.erb`` at ``…/X.html`` — and where the page's title is
written in the file (its front matter's ``title``, or the row of a list of pages). :func:`expected_address`
applies the rule, so a test checks every shipped address against the file it cites without the network;
:func:`title_in` reads the title from the file's text, so ``python -m framework catalogue verify`` checks
every title against a copy of the repositories.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = [
    "RULES",
    "SOURCE_PATTERN",
    "SourceRef",
    "SourceRule",
    "describe_source",
    "expected_address",
    "parse_source",
    "title_in",
    "unverifiable",
]

#: ``github:OWNER/REPO@COMMIT:PATH`` with an optional ``#FRAGMENT`` naming a row of a list of pages.
SOURCE_PATTERN = re.compile(
    r"^github:(?P<repo>[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)@(?P<commit>[0-9a-f]{40}):(?P<path>[^#\s]+)(?:#(?P<fragment>\S+))?$"
)


@dataclass(frozen=True)
class SourceRef:
    """A ``source`` read apart: the repository, the commit, the file and (for a list of pages) the row."""

    repo: str
    commit: str
    path: str
    fragment: str | None = None


def parse_source(text: str) -> SourceRef | None:
    """``text`` as a :class:`SourceRef`, or None when it is not written as ``github:OWNER/REPO@COMMIT:PATH``."""
    match = SOURCE_PATTERN.match(text.strip())
    if match is None:
        return None
    return SourceRef(match["repo"], match["commit"], match["path"], match["fragment"])


def _front_matter_title(text: str, ref: SourceRef) -> str | None:
    """The ``title:`` of a Markdown file's YAML front matter (between its first two ``---`` lines)."""
    import yaml

    match = re.match(r"^---\r?\n(.*?)\r?\n---\r?\n", text, re.S)
    if match is None:
        return None
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return None
    title = data.get("title") if isinstance(data, dict) else None
    return str(title).strip() if title else None


_MANUAL_SUFFIX = " - Service Manual - GOV.UK"


def _listed_title(text: str, ref: SourceRef) -> str | None:
    """The title of the row whose file name is the fragment, in a list of crawled pages (one ``file,title,date``
    line each, written without quoting, so a title may hold commas: it is all between the first comma and the
    last), less the site's own suffix; None for a page that redirected to another site (another suffix)."""
    for line in text.splitlines():
        name, _, rest = line.partition(",")
        if name == ref.fragment:
            title = html.unescape(rest.rpartition(",")[0]).strip()
            return title.removesuffix(_MANUAL_SUFFIX) if title.endswith(_MANUAL_SUFFIX) else None
    return None


@dataclass(frozen=True)
class SourceRule:
    """How one repository's files become public pages: which files (``path``, and ``fragment`` for a list of
    pages), the address their page is published at, and where the title is written."""

    repo: str
    site: str  #: the site, as a person names it
    licence: str  #: the licence of the site's content
    path: re.Pattern[str]
    address: str  #: the page's address, with ``{page}`` taken from the path (or the fragment)
    title: Callable[[str, SourceRef], str | None]
    title_rule: str  #: where the title is read, in words
    fragment: re.Pattern[str] | None = None


OGL = "Open Government Licence v3.0"

RULES: dict[str, SourceRule] = {
    rule.repo: rule
    for rule in (
        SourceRule(
            repo="alphagov/gds-way",
            site="The GDS Way",
            licence=OGL,
            path=re.compile(r"^source/(?P<page>[a-z0-9/_-]+)\.html\.md\.erb$"),
            address="https://gds-way.digital.cabinet-office.gov.uk/{page}.html",
            title=_front_matter_title,
            title_rule="the file's front matter, 'title'",
        ),
        SourceRule(
            repo="alphagov/govuk-design-system",
            site="GOV.UK Design System",
            licence=OGL,
            path=re.compile(r"^src/(?P<page>[a-z0-9/_-]+)/index\.md$"),
            address="https://design-system.service.gov.uk/{page}/",
            title=_front_matter_title,
            title_rule="the file's front matter, 'title'",
        ),
        SourceRule(
            repo="duncanjbrown/service-manual-mirror",
            site="GOV.UK Service Manual",
            licence=OGL,
            path=re.compile(r"^service-manual-change-dates\.csv$"),
            fragment=re.compile(r"^\./www\.gov\.uk/(?P<page>service-manual/[a-z0-9/_-]+)\.html$"),
            address="https://www.gov.uk/{page}",
            title=_listed_title,
            title_rule=f"the row's 'title' in the list of crawled pages, less '{_MANUAL_SUFFIX.strip()}'",
        ),
    )
}


def expected_address(ref: SourceRef) -> str | None:
    """The address of the page the file (or row) of ``ref`` is published at, by its repository's rule; None
    when no rule covers the repository, or the file is not one of the site's pages."""
    rule = RULES.get(ref.repo)
    if rule is None:
        return None
    path = rule.path.match(ref.path)
    if path is None:
        return None
    if rule.fragment is None:
        return None if ref.fragment else rule.address.format(page=path["page"])
    fragment = rule.fragment.match(ref.fragment or "")
    return rule.address.format(page=fragment["page"]) if fragment else None


def title_in(ref: SourceRef, text: str) -> str | None:
    """The page's title as the file of ``ref`` (its text) writes it, by the repository's rule; None when the
    file does not give one."""
    rule = RULES.get(ref.repo)
    return rule.title(text, ref) if rule else None


def describe_source(text: str) -> tuple[str, str | None]:
    """A ``source`` as a person reads it, and the web address of the file it cites (None when it cites none):
    ``("alphagov/gds-way at 627911c",
    "https://github.com/alphagov/gds-way/blob/627911c…/source/standards/pair-programming.html.md.erb")``. Any
    other source (an organisation's "our course list, 2026") is given as written."""
    ref = parse_source(text)
    if ref is None:
        return text, None
    return (
        f"{ref.repo} at {ref.commit[:7]}",
        f"https://github.com/{ref.repo}/blob/{ref.commit}/{ref.path}",
    )


def unverifiable(source: str, address: str | None) -> str | None:
    """Why a shipped resource's ``source`` does not let anyone verify its address — not written as
    ``github:OWNER/REPO@COMMIT:PATH[#ROW]``, a repository without a rule, a file that is not one of the site's
    pages, or an address other than the one the file is published at — or None when it does."""
    ref = parse_source(source)
    if ref is None:
        return f"source {source!r} is not written github:OWNER/REPO@COMMIT:PATH[#ROW] (a 40-character commit)"
    if ref.repo not in RULES:
        return f"no rule says how {ref.repo}'s files become pages (known: {', '.join(RULES)})"
    expected = expected_address(ref)
    if expected is None:
        return f"{ref.path}{'#' + ref.fragment if ref.fragment else ''} is not one of {RULES[ref.repo].site}'s pages"
    if address != expected:
        return f"the address is {address}, but {ref.path} is published at {expected}"
    return None
