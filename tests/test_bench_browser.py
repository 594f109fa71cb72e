"""The browser benchmark's baseline: the empty app has the app's pages (from the registry) and runs cleanly, and
each page has the widget the benchmark works on there. (The benchmark itself prints figures; nothing here is
timed.)"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from bench.browser import INTERACTIONS, _first_visits, cases
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


def test_the_first_round_counts_only_as_each_pages_first_visit():
    """The round opens its first page by a deep link, and reaches each other page by the sidebar first (its deep
    link comes after, when its views are made already)."""
    measures = {
        ("council", "roles", "sidebar", "ours"): ["earlier run, other framework"],
        ("ddat", "", "deep link", "ours"): ["Home first"],
        ("ddat", "", "deep link", "empty"): ["Home first, empty"],
        ("ddat", "", "sidebar", "ours"): ["Home again, from the last page"],
        ("ddat", "roles", "sidebar", "ours"): ["Roles first"],
        ("ddat", "roles", "deep link", "ours"): ["Roles again"],
        ("ddat", "roles", "interaction", "ours"): ["warm"],
    }
    kept = _first_visits(measures, "ddat", "")
    assert dict(kept) == {
        ("council", "roles", "sidebar", "ours"): ["earlier run, other framework"],
        ("ddat", "", "first visit", "ours"): ["Home first"],
        ("ddat", "", "first visit", "empty"): ["Home first, empty"],
        ("ddat", "roles", "first visit", "ours"): ["Roles first"],
    }
    assert kept[("ddat", "roles", "sidebar", "ours")] == [], "the rounds after it record each action afresh"


def test_the_pages_benchmarked_are_the_ones_asked_for():
    from bench.browser import _specs

    assert len(_specs(Config())) == len(PAGES)
    assert [spec.path for spec in _specs(Config(pages=("review", "map")))] == ["map", "review"]
    with pytest.raises(ValueError, match="unknown page mapp"):
        _specs(Config(pages=("mapp",)))


# --------------------------------------------------------------------------- the editing twins


def _widgets(ours: AppTest, script, name: str) -> dict[str, list[str]]:
    """The labels of the widgets a person edits or clicks in our page's main area, by kind (in the page's
    order), once checked to be the same in its twin (``name``: the page's script in the twin app ``script``)."""
    twin = AppTest.from_file(str(script), default_timeout=60)
    twin.switch_page(f"empty_pages/{name}.py")
    twin.run()
    assert not ours.exception
    assert not twin.exception
    kinds = ("radio", "selectbox", "multiselect", "text_input", "text_area", "date_input", "button")
    labels = [{kind: [w.label for w in at.main.get(kind)] for kind in kinds} for at in (ours, twin)]
    assert labels[1] == labels[0], f"the twin of {name} has other widgets than the page"
    return labels[0]


@pytest.fixture(scope="module")
def twin(tmp_path_factory, council, council_graph):
    from bench.browser import EDITING_FRAMEWORKS, cases
    from bench.editing import content, write_twin_app

    assert EDITING_FRAMEWORKS["council"].name == "roles.yaml"
    pair = cases(Config(quick=True))[0].links["gap"]
    page_content = content(council, council_graph, pair["current"], pair["target"])
    return write_twin_app(tmp_path_factory.mktemp("twin") / "app", INTERACTIONS, page_content), pair, page_content


def test_the_plan_twin_carries_the_plan_pages_widgets(twin):
    from tests.apptest import page

    script, pair, _ = twin
    ours = page("pages/gap.py", current=pair["current"], target=pair["target"], tab="development-plan")
    widgets = _widgets(ours, script, "gap")
    assert widgets["button"].count("Add as an action") > 0, "resources are offered on the plan"
    assert "Action 1: owner" in widgets["text_input"]


def test_the_record_twin_carries_the_record_pages_widgets(twin):
    from tests.apptest import page

    script, pair, page_content = twin
    ours = page("pages/record.py")
    ours.selectbox(key="record_current").set_value(pair["current"]).run()
    ours.selectbox(key="record_target").set_value(pair["target"]).run()
    ours.button[0].click().run()
    skills = [s["label"] for s in page_content["record"]["skills"]]
    assert skills
    assert set(skills) <= set(_widgets(ours, script, "record")["radio"])
