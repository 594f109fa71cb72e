"""Fuzzing development records: a record with any part replaced by any YAML value, and token soup, either
loads (with located warnings) or is refused with located problems — never another exception."""

from __future__ import annotations

import copy
import json

from hypothesis import given
from hypothesis import strategies as st

from framework import FrameworkError, load_framework
from framework.record import dump_record, load_record
from tests.conftest import COUNCIL
from tests.record_samples import everything, sam
from tests.test_fuzz import check_error, fuzz, yaml_tokens

NAME = "fuzz.yaml"
FRAMEWORK = load_framework(COUNCIL)
BASES = [json.loads(dump_record(r, fmt="json")) for r in (sam(FRAMEWORK), everything())]

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
    | st.sampled_from(["not-observed", "working", "guru", "2026-01-01", "https://x.org", "<b>", "=1+1"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)  # fmt: skip


def _paths(node, at=()):
    yield at
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*at, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*at, i))


@st.composite
def mutated(draw):
    document = copy.deepcopy(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(_paths(document))))
        if not path:
            document = draw(values)
            continue
        parent = document
        for part in path[:-1]:
            parent = parent[part]
        if draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(values)
        if not isinstance(document, dict | list):
            break
    return json.dumps(document, default=str)


def _check(text: str) -> None:
    try:
        record, warnings = load_record(text, name=NAME, framework=FRAMEWORK)
    except FrameworkError as error:
        check_error(error)
        return
    for warning in warnings:
        assert warning.severity == "warning"
        assert warning.file == NAME
    again, _ = load_record(dump_record(record), name=NAME, framework=FRAMEWORK)
    assert again == record, "whatever loads saves and loads again unchanged"


@fuzz(150)
@given(text=mutated())
def test_mutated_records(text):
    _check(text)


@fuzz(100)
@given(text=yaml_tokens)
def test_token_soup(text):
    _check(text)
