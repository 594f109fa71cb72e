"""The capacity benchmark's search (``bench/capacity.py``): it brackets an app's capacity to the resolution asked
for, whatever it is. No server runs here and nothing is timed: the steps' outcomes are given."""

from __future__ import annotations

import pytest

from bench.capacity import LEAST_RATE, MOST_RATE, Search, empty_journeys
from ui.pages import PAGES


def search_for(capacity: float, resolution: float) -> Search:
    search = Search("ours", "http://unused", [])
    while (rate := search.next_rate(resolution)) is not None:
        search.record({"rate": rate, "ok": rate <= capacity})
        assert len(search.steps) < 30, "the search ends"
    return search


@pytest.mark.parametrize("capacity", [0.3, 1.0, 1.7, 5.3, 12.0, 47.0])
@pytest.mark.parametrize("resolution", [1.2, 2.0])
def test_the_search_brackets_the_capacity_to_the_resolution(capacity, resolution):
    search = search_for(capacity, resolution)
    assert search.good <= capacity < search.bad
    assert search.bad <= search.good * resolution + 1e-9
    assert [s["rate"] for s in search.steps][:2] == [1.0, 2.0 if capacity >= 1 else 0.5]


def test_a_rate_beyond_what_is_tried_is_reported_as_at_least():
    search = search_for(10_000, 1.2)
    assert search.good == MOST_RATE
    assert search.bad is None


def test_an_app_that_cannot_serve_the_least_rate_has_no_capacity():
    search = search_for(0.0, 1.2)
    assert search.good == 0
    assert search.bad == LEAST_RATE


def test_the_empty_apps_journey_asks_for_pages_it_has():
    paths = {spec.path: spec.title for spec in PAGES}
    for step in empty_journeys(1)[0]:
        assert step.path in paths
        assert step.title == paths[step.path]
