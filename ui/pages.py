"""The app's pages, defined once: ``app.py`` registers them, links point at them, tests and benchmarks walk them.

Each page's URL path is its script's file name (``/roles``, ``/map``, …): links and a cold first visit agree on
it. ``audience`` says who the page is for, in the words the Home page uses. Every list of pages — the
navigation, the tests that run every page, the benchmarks — is read from :data:`PAGES`, and a test fails if
one is written out anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PAGES", "PageSpec", "by_script", "url_path"]


@dataclass(frozen=True)
class PageSpec:
    script: str  # relative to the repository: "pages/roles.py"
    title: str
    icon: str
    audience: tuple[str, ...]
    default: bool = False
    heading: str | None = None  # the page's own heading, where it says more than its title in the navigation

    @property
    def h1(self) -> str:
        """The heading the page shows at its top (a role's profile shows the role's title instead)."""
        return self.heading or self.title

    @property
    def path(self) -> str:
        """The page's URL path, without the leading slash ("" for the default page)."""
        return "" if self.default else self.script.removeprefix("pages/").removesuffix(".py")


STAFF, MANAGERS, LEADERS = "staff", "line managers", "leadership and HR"

PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "pages/home.py", "Home", ":material/home:", (STAFF, MANAGERS, LEADERS), default=True, heading="Career Explorer"
    ),
    PageSpec("pages/roles.py", "Roles", ":material/badge:", (STAFF, MANAGERS, LEADERS)),
    PageSpec("pages/skills.py", "Skills", ":material/school:", (STAFF, MANAGERS, LEADERS)),
    PageSpec("pages/map.py", "Career map", ":material/hub:", (STAFF, MANAGERS, LEADERS)),
    PageSpec("pages/paths.py", "Progression paths", ":material/route:", (STAFF, MANAGERS)),
    PageSpec(
        "pages/gap.py",
        "Skill gap and plan",
        ":material/checklist:",
        (STAFF, MANAGERS),
        heading="Skill gap and development plan",
    ),
    PageSpec("pages/record.py", "Development record", ":material/history_edu:", (STAFF, MANAGERS)),
    PageSpec("pages/team.py", "Team", ":material/groups:", (MANAGERS,)),
    PageSpec("pages/compare.py", "Compare roles", ":material/compare_arrows:", (MANAGERS, LEADERS)),
    PageSpec("pages/review.py", "Structure review", ":material/account_tree:", (LEADERS,)),
    PageSpec("pages/versions.py", "Compare versions", ":material/difference:", (LEADERS,)),
    PageSpec("pages/pay.py", "Pay and progression", ":material/payments:", (LEADERS,)),
    PageSpec("pages/import_jd.py", "Import a job description", ":material/upload_file:", (LEADERS,)),
)


def by_script(script: str) -> PageSpec:
    """The page that runs ``script`` ("pages/roles.py"); KeyError for a script that is not a page."""
    for spec in PAGES:
        if spec.script == script:
            return spec
    raise KeyError(script)


def url_path(script: str) -> str:
    """The URL path of the page that runs ``script`` ("" for Home)."""
    return by_script(script).path
