"""The whole app: navigation, the shared sidebar, and every page on every shipped framework."""

from __future__ import annotations

import pytest

from framework.skills import Profile
from tests.apptest import app, figures, param, shown_tables, texts
from tests.conftest import shipped_params
from ui.data import VIEWS_MAX, Loaded
from ui.pages import PAGES


def test_app_starts_on_home_with_the_council_framework():
    at = app()
    assert not at.exception
    assert at.title[0].value == "Career Explorer"
    assert [s.label for s in at.sidebar.selectbox] == ["Framework", "My current role"]
    assert at.sidebar.selectbox(key="framework").value == "roles"
    assert figures(at)["Roles"] == "11"


@pytest.mark.parametrize("framework", shipped_params(lambda path: path.stem))
@pytest.mark.parametrize("spec", PAGES, ids=lambda spec: spec.path or "home")
def test_every_page_runs_in_the_app_on_every_framework(framework, spec):
    at = app(framework=framework)
    at.switch_page(spec.script).run()
    assert not at.exception, at.exception
    assert at.title[0].value == spec.h1
    assert at.sidebar.selectbox(key="framework").value == framework


def test_switching_framework_in_the_sidebar_keeps_across_pages():
    at = app()
    at.sidebar.selectbox(key="framework").set_value("ddat").run()
    assert figures(at)["Roles"] == "205"
    at.switch_page("pages/roles.py").run()
    assert shown_tables(at)[0].value.shape[0] == 100, "DDaT's first hundred roles"
    assert "Roles 1–100 of 205" in texts(at)
    assert at.sidebar.selectbox(key="framework").value == "ddat"


def test_my_role_is_kept_across_pages_and_never_put_in_a_link():
    at = app()
    at.sidebar.selectbox(key="me").set_value("delivery-manager").run()
    assert param(at, "me") == [], "a link shared from this session must not set the recipient's role"
    at.switch_page("pages/roles.py").run()
    button = next(b for b in at.button if b.label.startswith("Open my role"))
    button.click().run()
    assert at.title[0].value == "Delivery Manager", "the catalogue opens my role's profile"
    assert at.sidebar.selectbox(key="me").value == "delivery-manager"


def test_my_role_belongs_to_the_framework_it_was_chosen_in():
    """Both frameworks have a role with the id ``delivery-manager`` (the council's PO4 and DDaT's own): a role chosen
    in one is not the person's role in the other, and comes back when they switch back."""
    at = app()
    at.sidebar.selectbox(key="me").set_value("delivery-manager").run()
    at.sidebar.selectbox(key="framework").set_value("ddat").run()
    assert at.sidebar.selectbox(key="me").value is None, "no role of DDaT has been chosen"
    at.switch_page("pages/gap.py").run()
    assert not at.exception
    assert at.selectbox(key="current").value is None, "the gap does not start from the council's role"
    at.sidebar.selectbox(key="me").set_value("senior-delivery-manager").run()
    at.sidebar.selectbox(key="framework").set_value("roles").run()
    assert at.sidebar.selectbox(key="me").value == "delivery-manager", "the council's choice is back"
    at.sidebar.selectbox(key="framework").set_value("ddat").run()
    assert at.sidebar.selectbox(key="me").value == "senior-delivery-manager", "and DDaT's"


def test_unknown_ids_in_the_url_give_a_notice_and_the_app_works():
    at = app(framework="nope")
    assert not at.exception
    shown = texts(at)
    assert "`nope`" in shown
    assert figures(at)["Roles"] == "11", "falls back to the default framework"


def test_a_link_never_sets_my_role():
    at = app(me="delivery-manager")
    assert not at.exception
    assert at.sidebar.selectbox(key="me").value is None
    assert param(at, "me") == [], "and the old parameter leaves the address bar"


def test_a_very_long_query_parameter_is_cut_short():
    at = app(framework="x" * 10_000)
    assert not at.exception
    warning = next(w.value for w in at.warning)
    assert len(warning) < 300


# --------------------------------------------------------------------------- what pages share between reruns


def test_views_are_kept_by_their_arguments_and_only_the_recent_ones():
    loaded = Loaded("test", "the framework", "its graph")
    built = []

    def build(framework, graph, name, *options):
        assert (framework, graph) == ("the framework", "its graph"), "a view is built from the framework and graph"
        built.append(name)
        return [name, *options]

    first = loaded.view(build, "a")
    assert loaded.view(build, "a") is first, "the same object, built once"
    assert loaded.view(build, "a", ("x", 1)) == ["a", ("x", 1)], "other arguments, another view"
    for i in range(VIEWS_MAX - 2):
        loaded.view(build, f"n{i}")
    loaded.view(build, "a")  # used again: now the most recent
    loaded.view(build, "one more")  # the oldest, ("a", ("x", 1)), makes way
    assert built.count("a") == 2
    loaded.view(build, "n0")
    assert built.count("n0") == 1, "n0 is still kept"
    loaded.view(build, "a", ("x", 1))
    assert built.count("a") == 3, "the oldest was built again"
    assert len(loaded.cached_views()) == VIEWS_MAX


def test_a_view_made_from_another_view_makes_that_view_once():
    loaded = Loaded("test", "the framework", "its graph")
    built = []

    def review(framework, graph, scope):
        built.append(("review", scope))
        return f"review of {scope}"

    def texts(view, link):
        built.append(("texts", link))
        return f"{view}, linked to {link}"

    assert loaded.view(review, "all") == "review of all"
    assert loaded.view_from((review, "all"), texts, "ddat") == "review of all, linked to ddat"
    assert loaded.view_from((review, "all"), texts, "ddat") == "review of all, linked to ddat"
    assert loaded.view_from((review, "one"), texts, "ddat") == "review of one, linked to ddat"
    assert built == [("review", "all"), ("texts", "ddat"), ("review", "one"), ("texts", "ddat")]
    with pytest.raises(TypeError, match="ids and options"):
        loaded.view_from((review, ["a person's"]), texts, "ddat")


@pytest.mark.parametrize("argument", [{"skill": "level"}, ["a"], Profile(framework="f"), object()])
def test_a_view_is_never_kept_for_a_persons_data(argument):
    loaded = Loaded("test", None, None)
    with pytest.raises(TypeError, match="ids and options"):
        loaded.view(lambda framework, graph, value: value, argument)
    assert loaded.cached_views() == []
