"""The browser benchmark's baseline: the empty app has the app's pages (from the registry) and runs cleanly, and
each page has the widget the benchmark works on there. (The benchmark itself prints figures; nothing here is
timed.)"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from bench.browser import INTERACTIONS, cases
from bench.empty_app import write_empty_app
from bench.figures import Config
from ui.pages import PAGES


@pytest.fixture(scope="module")
def empty_app(tmp_path_factory) -> str:
    return str(write_empty_app(tmp_path_factory.mktemp("empty-app"), INTERACTIONS))


def test_every_page_of_the_registry_has_an_action_in_the_benchmark():
    assert {spec.path for spec in PAGES} == set(INTERACTIONS)


def test_the_empty_app_has_the_apps_sidebar_widgets(empty_app):
    at = AppTest.from_file(empty_app).run()
    assert not at.exception
    assert [box.label for box in at.sidebar.selectbox] == ["Framework", "My current role"]


@pytest.mark.parametrize("spec", PAGES, ids=lambda spec: spec.path or "home")
def test_each_empty_page_draws_its_title_and_the_widget_the_benchmark_uses(empty_app, spec):
    at = AppTest.from_file(empty_app)
    at.switch_page(spec.script.replace("pages/", "empty_pages/"))
    at.run()
    assert not at.exception
    assert at.title[0].value == spec.title
    kind = INTERACTIONS[spec.path].kind
    found = {
        "tab": len(at.tabs) >= 2,
        "expander": len(at.expander) >= 1,
        "picker": len(at.multiselect) >= 1,
        "toggle": len(at.toggle) >= 1,
        "sidebar-picker": True,  # the sidebar's "My current role", checked above
    }[kind]
    assert found, f"{spec.path or 'home'}: no widget for a {kind} action"


def test_the_frameworks_benchmarked_are_the_ones_asked_for():
    assert [c.label for c in cases(Config(quick=True))] == ["council"]
    assert [c.label for c in cases(Config(frameworks=("ddat", "council")))] == ["council", "ddat"]
    with pytest.raises(ValueError, match="unknown framework dat"):
        cases(Config(frameworks=("dat",)))


def test_the_pages_benchmarked_are_the_ones_asked_for():
    from bench.browser import _specs

    assert len(_specs(Config())) == len(PAGES)
    assert [spec.path for spec in _specs(Config(pages=("review", "map")))] == ["map", "review"]
    with pytest.raises(ValueError, match="unknown page mapp"):
        _specs(Config(pages=("mapp",)))
