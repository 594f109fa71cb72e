"""Text from links and files is shown so that it cannot turn the rest of a line around: a right-to-left override
(U+202E) in a role id quoted in a notice reversed everything after it on the line."""

from __future__ import annotations

import pytest

from framework import FrameworkError, load_framework_bytes
from framework.textsafe import bidi_isolated, bidi_visible, md_code, md_escape
from tests.apptest import page
from ui.data import describe_error

RLO, PDF, FSI, PDI, LRI = "\u202e", "\u202c", "\u2068", "\u2069", "\u2066"


def test_a_role_id_holding_an_override_is_isolated_in_the_link_s_notice():
    at = page("pages/roles.py", role=f"delivery{RLO}reganam")
    (warning,) = at.warning
    assert f"{FSI}delivery{RLO}reganam{PDI}" in warning.value, "the id is closed off from the rest of the line"
    after = warning.value.split(PDI, 1)[1]
    assert "which this framework does not have" in after.replace("\\", "")


@pytest.mark.parametrize("text", ["Delivery Manager", "مدير التسليم", "PO4 → PO5", ""])
def test_text_without_direction_controls_is_left_as_it_is(text):
    assert bidi_isolated(text) == text
    assert FSI not in md_escape(text)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (f"a{RLO}b", f"{FSI}a{RLO}b{PDI}"),  # the isolate ends the override
        (f"a{PDI}{PDI}b", f"{FSI}ab{PDI}"),  # closings with nothing to close cannot end the isolate early
        (f"a{LRI}b", f"{FSI}a{LRI}b{PDI}{PDI}"),  # an isolate left open is closed first
        (f"{RLO}x{PDF}", f"{FSI}{RLO}x{PDF}{PDI}"),
    ],
)
def test_text_with_direction_controls_is_isolated_and_balanced(text, shown):
    assert bidi_isolated(text) == shown


def test_markdown_and_code_spans_isolate_what_they_quote():
    assert md_escape(f"title{RLO}txet") == f"{FSI}title{RLO}txet{PDI}"
    assert md_code(f"id{RLO}di") == f"`{FSI}id{RLO}di{PDI}`"


def test_a_problem_list_names_the_control_instead_of_obeying_it():
    assert bidi_visible(f"file{RLO}lmay.yaml") == "file<U+202E>lmay.yaml"
    with pytest.raises(FrameworkError) as error:
        load_framework_bytes(b"id: x\n", name=f"mine{RLO}lmay.yaml", max_bytes=2**20)
    lines = describe_error(error.value)
    assert lines
    assert all(RLO not in line for line in lines)
    assert any("mine<U+202E>lmay.yaml" in line for line in lines)
