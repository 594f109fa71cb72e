"""A person's working data on the Skill gap page as typed models: the self-assessment and the plan's inputs, each
edit a pure transition that makes a new model (ui/session)."""

from __future__ import annotations

import datetime as dt
import doctest
import itertools

import pytest

import ui.session.assessment
import ui.session.plan
from framework.plan import Action
from framework.skills import Profile
from ui.session.assessment import FROM_RECORD, Assessment
from ui.session.plan import LIMITS, ActionDraft, PlanInputs

# --------------------------------------------------------------------------- the plan's inputs


def test_a_new_action_starts_empty_and_not_started_and_a_blank_row_is_not_an_action():
    inputs = PlanInputs().add_action()
    assert inputs.actions == (ActionDraft(1),)
    assert inputs.actions[0].status == "Not started"
    assert inputs.agreed_actions() == (), "a row with nothing typed in it (its status alone) is no action"


def test_each_transition_leaves_the_model_it_came_from_as_it_was():
    before = PlanInputs().add_action()
    after, _ = before.edit_action(1, action="Shadow a sprint review")
    assert before.actions[0].action == ""
    assert after.actions[0].action == "Shadow a sprint review"
    with pytest.raises(AttributeError):
        after.person = "Sam"  # frozen


STEPS = {
    "add": lambda m: (m.add_action(), None),
    "type in the last": lambda m: (
        m.edit_action(m.actions[-1].id, action=f"Action typed as {m.next_id}") if m.actions else (m, None)
    ),
    "owner of the first": lambda m: m.edit_action(m.actions[0].id, owner="Sam") if m.actions else (m, None),
    "remove the first": lambda m: (m.remove_action(m.actions[0].id), None) if m.actions else (m, None),
    "date of the last": lambda m: (
        m.edit_action(m.actions[-1].id, by_when=dt.date(2027, 1, 15)) if m.actions else (m, None)
    ),
}


@pytest.mark.parametrize("order", list(itertools.permutations(STEPS, 4)), ids=lambda o: " → ".join(o))
def test_whatever_the_order_of_edits_every_row_with_text_is_kept_in_the_order_entered(order):
    """Every order of four edits: the agreed actions are exactly the rows with something typed, in the order
    the rows were added, each with its own fields (an edit never lands on another row)."""
    model = PlanInputs().add_action()
    expected: dict[int, dict] = {1: {}}
    for step in order:
        model, problem = STEPS[step](model)
        assert problem is None
        ids = [a.id for a in model.actions]
        expected = {i: expected.get(i, {}) for i in ids}
        if step == "type in the last" and ids:
            expected[ids[-1]]["action"] = model.actions[-1].action
        if step == "owner of the first" and ids:
            expected[ids[0]]["owner"] = "Sam"
        if step == "date of the last" and ids:
            expected[ids[-1]]["by_when"] = dt.date(2027, 1, 15)
    agreed = model.agreed_actions()
    kept = [fields for fields in expected.values() if fields]
    assert len(agreed) == len(kept)
    for action, fields in zip(agreed, kept, strict=True):
        assert action.action == fields.get("action", "")
        assert action.owner == fields.get("owner", "")
        assert action.by_when == fields.get("by_when")
        assert action.status == "Not started"


def test_text_over_its_limit_is_refused_with_a_message_and_the_rest_of_the_edit_is_made():
    model = PlanInputs().add_action()
    model, _ = model.edit_action(1, action="Lead sprint planning")
    model, problem = model.edit_action(1, action="x" * (LIMITS["action"] + 1), owner="Sam")
    assert problem == (
        "Action 1: the action is 501 characters long, over the limit of 500. It was not taken: the plan keeps "
        "what it had. Shorten it to 500 characters or fewer."
    )
    assert model.actions[0].action == "Lead sprint planning"
    assert model.actions[0].owner == "Sam"
    same, problem = model.with_name("manager", "m" * 81)
    assert same is model
    assert "the line manager's name is 81 characters long, over the limit of 80" in problem
    _, problem = model.edit_action(1, status="Finished-ish")
    assert problem == "Action 1: 'Finished-ish' is not a status; it stays 'Not started'."


def test_a_records_open_actions_fill_the_plan_only_where_nothing_is_typed():
    record = [Action("Lead sprint planning", dt.date(2027, 2, 1), "Sam", "", "In progress")]
    empty = PlanInputs().add_action()
    filled = empty.with_actions(record)
    assert filled.agreed_actions() == tuple(record)
    typed, _ = empty.edit_action(1, support="Alex")
    assert typed.with_actions(record) is typed, "what a person typed is never replaced"


def test_another_comparison_starts_its_focus_afresh_and_keeps_the_conversation():
    model = PlanInputs(comparison=("council", "a", "b"), focus=("skill/x",), person="Sam").add_action()
    same = model.for_comparison(("council", "a", "b"))
    assert same is model
    other = model.for_comparison(("council", "a", "c"))
    assert other.focus is None
    assert (other.person, other.actions) == ("Sam", model.actions)


# --------------------------------------------------------------------------- the self-assessment


def test_an_assessment_edit_changes_only_the_skills_listed_and_marks_it_edited():
    start = Assessment.of_role("council", "associate-project-manager", {"planning": "awareness", "x": "working"})
    assert not start.edited
    edited = start.with_levels({"planning": "expert", "x": "expert"}, listed=["planning"])
    assert dict(edited.levels) == {"planning": "expert", "x": "working"}, "a skill not listed is kept as it was"
    assert edited.edited
    assert start.with_levels({"planning": "awareness"}, listed=["planning"]) is start, "no change, same model"
    gone = start.with_levels({"planning": None}, listed=["planning"])
    assert "planning" not in gone.levels, "none held"
    with pytest.raises(TypeError):
        edited.levels["planning"] = "working"  # read-only


# --------------------------------------------------------------------------- an action made for the person


RESOURCE_ACTION = "Work through “Making prototypes” (guide) for Prototyping, to Practitioner: https://example.org/p"


def test_an_action_from_a_resource_fills_the_empty_last_row_else_a_new_one():
    inputs, filled = PlanInputs().add_action().with_action_from(RESOURCE_ACTION)
    assert filled == 1, "the empty row a plan starts with takes it: no empty row is left above it"
    assert [a.action for a in inputs.agreed_actions()] == [RESOURCE_ACTION]
    assert inputs.agreed_actions()[0].status == "Not started"
    typed, _ = inputs.add_action().edit_action(2, owner="Sam")  # a row with something typed in it is not empty
    after, filled = typed.with_action_from("Join the product and service community")
    assert filled == 3
    assert [a.action for a in after.agreed_actions()] == [RESOURCE_ACTION, "", "Join the product and service community"]
    assert after.agreed_actions()[1].owner == "Sam", "what was typed stays where it was"


def test_an_action_from_a_resource_is_never_added_twice_nor_over_the_limit():
    inputs, _ = PlanInputs().with_action_from(RESOURCE_ACTION)
    again, filled = inputs.with_action_from(RESOURCE_ACTION)
    assert (again, filled) == (inputs, None)
    too_long, filled = inputs.with_action_from("x" * (LIMITS["action"] + 1))
    assert (too_long, filled) == (inputs, None)
    assert inputs.with_action_from("  ") == (inputs, None)


def test_a_records_levels_say_whose_they_are_until_changed_here():
    profile = Profile(framework="council", based_on="delivery-manager", skills={"planning": "expert", "x": "working"})
    mine = Assessment.from_record(profile, {"planning": "agreed", "x": "self"}, dt.date(2027, 1, 15))
    assert mine.source == FROM_RECORD
    assert mine.as_of == dt.date(2027, 1, 15), "the date of the check-in the levels are from"
    changed = mine.with_levels({"planning": "practitioner", "x": "working"}, listed=["planning", "x"])
    assert dict(changed.voices) == {"x": "self"}, "a level changed here is no longer the record's"


def test_the_modules_examples_run():
    for module in (ui.session.assessment, ui.session.plan):
        result = doctest.testmod(module)
        assert result.attempted
        assert not result.failed
