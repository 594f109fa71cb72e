"""Fuzzing the query parameters: whatever a link holds, every page runs without an exception.

Query parameters are strings from strangers. Each page is run on its own (``AppTest.from_file``) with
hypothesis-chosen values for every parameter the pages read — valid ids, near misses, ``<script>``, very long
strings, odd Unicode, empty values, and a parameter repeated — and the whole app (``app.py``, which reads
``framework`` and drops an old link's ``me``) is run the same way before switching to a page. A run must end
within its timeout with ``at.exception`` empty; notices about unknown values are expected and fine.

Runs are reproducible (``derandomize=True``) and few (an AppTest run takes 0.1–1 s).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from framework import load_framework
from tests.conftest import DATA, ROOT
from ui.pages import PAGES as REGISTRY

TIMEOUT = 60  # seconds for one AppTest run

#: The query parameters the pages read (``ui.state`` binds a widget key to the parameter of the same name).
PARAMS = [
    "framework",
    "me",
    "role",
    "q",
    "discipline",
    "grade",
    "status",
    "edges",
    "from",
    "to",
    "k",
    "current",
    "target",
    "compare",
    "roles",
    "tab",
    "old",
    "new",
    "skill",
    "area",
    "skill-search",
    "skill-discipline",
]
#: Which of them each page reads itself (``framework`` and ``me`` are read by app.py's sidebar), by URL path.
OWN_PARAMS = {
    "": [],
    "roles": ["q", "discipline", "grade", "status", "role", "tab"],
    "skills": ["skill", "area", "skill-search", "skill-discipline"],
    "map": ["edges", "discipline", "role"],
    "paths": ["from", "to", "k", "tab"],
    "gap": ["compare", "current", "target", "tab"],
    "record": [],
    "team": [],
    "compare": ["roles"],
    "review": ["tab"],
    "versions": ["old", "new"],
    "import_jd": [],
    "pay": [],
}
#: Every page of the registry (ui/pages.py), by script, with the parameters it reads.
PAGES = {spec.script: OWN_PARAMS[spec.path] for spec in REGISTRY}


def _valid_values(key: str) -> dict[str, list[str]]:
    """Values that mean something to the framework ``key`` (so the fuzzing reaches past the notices)."""
    framework = load_framework(DATA / f"{key}.yaml")
    role_ids = [r.id for r in framework.roles][:40]
    return {
        "framework": ["roles", "ddat", "local", "upload-0123456789ab"],
        "me": role_ids,
        "role": role_ids,
        "q": ["delivery", "manager", "product", "PO4", "a"],
        "discipline": [d.name for d in framework.disciplines][:12],
        "grade": [framework.grade_label(g.id) for g in framework.grades],
        "status": ["described", "referenced"],
        "edges": ["promotion", "lateral", "reports_to"],
        "from": role_ids,
        "to": role_ids,
        "k": ["1", "3", "5", "0", "6", "-1", "2.5", "1e309", "99999999999999999999"],
        "current": role_ids,
        "target": role_ids,
        "compare": ["role", "self"],
        "roles": role_ids,
        "tab": ["skills", "development-plan", "as-a-table", "reporting-lines", "job-description", "at-a-glance"],
        "old": ["roles", "ddat", "ft-engineering", "upload"],
        "new": ["roles", "monzo", "upload"],
        "skill": [s.id for s in framework.skills][:40],
        "area": ["knowledge", "communication", "skills-and-abilities"],
        "skill-search": ["research", "plan", "a", "user focus"],
        "skill-discipline": [d.name for d in framework.disciplines][:12],
    }


FRAMEWORKS = ["roles", "ddat"]
VALID = {key: _valid_values(key) for key in FRAMEWORKS}
HOSTILE = [
    "",
    " ",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(document.cookie)",
    "[click](javascript:alert(1))",
    "**bold** _it_ `code` $x^2$ :material/home:",
    "\u202edelivery-manager",
    "delivery\u200b-manager",
    "\x00",
    "\n\r\t",
    "%00%3Cscript%3E",
    "../../etc/passwd",
    "{{7*7}}",
    "'; DROP TABLE roles; --",
    '=HYPERLINK("http://example.invalid")',
    " delivery-manager",
    "DELIVERY-MANAGER",
    "None",
    "null",
    "true",
    "NaN",
]
LONG = [("x", 10_000), ("é", 3_000), ("\U0001f9ed", 500), ("<b>", 1_000)]  # (text, times): short to print
hostile = st.one_of(st.sampled_from(HOSTILE), st.sampled_from(LONG).map(lambda long: long[0] * long[1]))
text = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)  # a URL cannot carry a lone surrogate


def values_for(param: str, framework: str) -> st.SearchStrategy:
    valid = VALID[framework][param]
    one = st.one_of(st.sampled_from(valid), hostile, text)
    return st.one_of(
        st.none(),  # absent
        one,
        st.lists(one, min_size=2, max_size=5),  # ?x=a&x=b: repeated
        st.sampled_from(valid).map(lambda v: [v, v]),  # the same value twice
        st.lists(st.sampled_from(valid), min_size=min(4, len(valid)), max_size=6, unique=True),  # more than 3
    )


def query(params: list[str], framework: str = "roles") -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries({p: values_for(p, framework) for p in params}).map(
        lambda d: {k: v for k, v in d.items() if v is not None}
    )


FEW = settings(
    max_examples=25,
    derandomize=True,
    database=None,
    deadline=timedelta(seconds=TIMEOUT * 2),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)


def run(at: AppTest, params: dict) -> AppTest:
    for key, value in params.items():
        at.query_params[key] = value
    return at.run(timeout=TIMEOUT)


def assert_no_exception(at: AppTest, params: dict, where: str) -> None:
    shown = {k: (v[:80] + "…" if isinstance(v, str) and len(v) > 80 else v) for k, v in params.items()}
    assert not at.exception, f"{where} with {shown!r}: " + "\n".join(e.value for e in at.exception)


@pytest.mark.timeout(900)
@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_takes_any_query_parameters(page):
    """Each page on its own, with values for every parameter (those it does not read must not matter)."""

    @FEW
    @given(case=st.sampled_from(FRAMEWORKS).flatmap(lambda f: st.tuples(st.just(f), query(PARAMS, f))))
    def check(case):
        framework, params = case
        at = AppTest.from_file(str(ROOT / page), default_timeout=TIMEOUT)
        at.session_state["framework"] = framework
        assert_no_exception(run(at, params), params, f"{page} on {framework}")

    check()


@pytest.mark.timeout(900)
@pytest.mark.parametrize("page", [page for page, own in PAGES.items() if own])
def test_every_page_takes_its_own_query_parameters(page):
    """The same, with only the parameters the page reads, so every example exercises them."""

    @FEW
    @given(params=query(PAGES[page]))
    def check(params):
        at = AppTest.from_file(str(ROOT / page), default_timeout=TIMEOUT)
        assert_no_exception(run(at, params), params, page)

    check()


@pytest.mark.timeout(900)
@FEW
@given(params=query(["framework", "me"]), page=st.sampled_from(list(PAGES)))
def test_the_app_takes_any_framework_and_my_role(params, page):
    """app.py reads ``framework`` and ``me`` (the sidebar), then runs a page."""
    at = run(AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT), params)
    assert_no_exception(at, params, "app.py")
    at.switch_page(page).run(timeout=TIMEOUT)
    assert_no_exception(at, params, f"app.py then {page}")


# --------------------------------------------------------------------------- awkward links, one by one

COUNCIL_ROLES = VALID["roles"]["roles"]
AWKWARD = [
    ("pages/roles.py", {"discipline": ["Delivery", "Delivery"], "grade": ["PO4", "PO4"], "status": ["described"] * 2}),
    ("pages/roles.py", {"q": "x" * 10_000, "role": ["delivery-manager", "lead-developer"]}),
    ("pages/map.py", {"edges": ["promotion"] * 3, "discipline": ["Delivery", "Delivery"], "role": "<script>"}),
    ("pages/map.py", {"edges": "", "discipline": "", "role": ""}),
    ("pages/paths.py", {"from": "delivery-manager", "to": "delivery-manager", "k": "99"}),
    ("pages/paths.py", {"from": ["delivery-manager", "lead-developer"], "to": "head-of-product", "k": ["0", "x"]}),
    ("pages/gap.py", {"compare": ["self", "role"], "current": ["delivery-manager", "x"], "target": "<script>"}),
    ("pages/gap.py", {"compare": "self", "current": "", "target": "lead-developer"}),
    ("pages/compare.py", {"roles": COUNCIL_ROLES[:3]}),
    ("pages/compare.py", {"roles": [*COUNCIL_ROLES[:2], "nope", "<b>x</b>"]}),
    # Both once crashed the page (more roles than the multiselect's max_selections; a pandas Styler KeyError on
    # a repeated role); ui.state now keeps the first three and drops repeats.
    ("pages/compare.py", {"roles": COUNCIL_ROLES[:4]}),
    ("pages/compare.py", {"roles": [COUNCIL_ROLES[0], COUNCIL_ROLES[0]]}),
    ("pages/compare.py", {"roles": [COUNCIL_ROLES[0], COUNCIL_ROLES[1], COUNCIL_ROLES[0], *COUNCIL_ROLES[2:6]]}),
]


@pytest.mark.parametrize(("page", "params"), AWKWARD)
def test_awkward_links(page, params):
    at = run(AppTest.from_file(str(ROOT / page), default_timeout=TIMEOUT), params)
    assert_no_exception(at, params, page)
