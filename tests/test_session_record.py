"""The record being edited (ui/session/record.py): every edit a pure transition that leaves the session before it
as it was; what is typed kept in order whatever the sequence of edits; what cannot be kept refused with the field
and the reason; the widget keys of a part renewed only when that part changes other than through its widget."""

from __future__ import annotations

import datetime as dt

import pytest

from framework.record import AGREED, MANAGER, SELF, DevelopmentRecord, dump_record, load_record, new_record
from tests.record_samples import APM, D3, DM, everything, sam
from ui.session.record import EditRefused, RecordSession


@pytest.fixture
def fresh(council) -> RecordSession:
    return RecordSession.begin(new_record(council, APM, target=DM, person="Sam", date=D3), council.id)


def test_begin_edits_the_latest_check_in_and_follows_the_session_before(council, fresh):
    record = sam(council)
    loaded = RecordSession.begin(record, council.id, source="sam.yaml", warnings=["w"], previous=fresh)
    assert (loaded.index, loaded.current) == (2, record.latest)
    assert (loaded.source, loaded.warnings) == ("sam.yaml", ("w",))
    assert loaded.generation == fresh.generation + 1
    assert loaded.widgets("levels") != fresh.widgets("levels"), "no widget of the record before is reused"


def test_a_transition_leaves_the_session_before_as_it_was(fresh):
    after = fresh.with_level("planning", SELF, "expert")
    assert after.current.skills["planning"].self_level == "expert"
    assert fresh.current.skills["planning"].self_level == "awareness"
    assert after.widgets("levels") == fresh.widgets("levels"), "a level chosen in its own widget re-keys nothing"


def test_levels_in_each_voice_and_cleared(fresh):
    s = fresh.with_level("planning", MANAGER, "working").with_level("planning", AGREED, "not-observed")
    rating = s.current.skills["planning"]
    assert (rating.self_level, rating.manager, rating.agreed) == ("awareness", "working", "not-observed")
    s = s.with_level("commercial-management", SELF, "")
    assert "commercial-management" not in s.current.skills, "a skill left with no level and no evidence is let go"
    s = s.with_level("product-management", MANAGER, "expert")
    assert list(s.current.skills)[-1] == "product-management", "a newly rated skill goes last, in order"


def test_copying_a_voice_is_one_step_and_keeps_what_the_source_leaves_out(fresh):
    s = fresh.with_level("planning", MANAGER, "expert").with_level("agile-and-lean-practices", SELF, None)
    s = s.with_level("agile-and-lean-practices", MANAGER, "working")
    copied = s.with_voice_copied(SELF, MANAGER, skills=list(s.current.skills))
    managers = {k: r.manager for k, r in copied.current.skills.items()}
    assert managers["planning"] == "awareness", "the person's own level, taken as the manager's"
    assert managers["agile-and-lean-practices"] == "working", "no own level there: the manager's own stays"
    assert copied.widgets("levels") != s.widgets("levels"), "the level widgets start afresh from the record"
    assert copied.widgets("evidence") == s.widgets("evidence")
    agreed = copied.with_voice_copied(MANAGER, AGREED, skills=list(copied.current.skills))
    assert all(r.agreed == r.manager for r in agreed.current.skills.values())


def test_ratings_of_criteria_and_their_copy(fresh):
    key = "delivery-manager/knowledge-essential-1"
    s = fresh.with_rating(key, SELF, "met").with_rating(key, MANAGER, "partly")
    assert (s.current.expectations[key].self_rating, s.current.expectations[key].manager) == ("met", "partly")
    s = s.with_voice_copied(MANAGER, AGREED, expectations=[key])
    assert s.current.expectations[key].agreed == "partly"
    cleared = s.with_rating(key, SELF, None).with_rating(key, MANAGER, "").with_rating(key, AGREED, None)
    assert key not in cleared.current.expectations


def test_evidence_typed_with_edits_in_between_is_kept_in_order(council, fresh):
    s = fresh.with_evidence("skill", "planning", "Planned Q1", None)
    s = s.with_evidence("skill", "agile-and-lean-practices", None, "https://example.org/retro")
    s = s.with_evidence("skill", "planning", "Set up the roadmap", "https://example.org/roadmap")
    s = s.with_evidence("skill", "planning", "A slip", None)
    s = s.with_evidence_changed("skill", "planning", 0, "Planned Q1 and Q2", None)
    s = s.without_evidence("skill", "planning", 2)
    s = s.with_evidence("expectation", "delivery-manager/knowledge-essential-1", "Read the manual", None)
    said = {k: [(e.text, e.link) for e in r.evidence] for k, r in s.current.skills.items() if r.evidence}
    assert said == {
        "planning": [("Planned Q1 and Q2", None), ("Set up the roadmap", "https://example.org/roadmap")],
        "agile-and-lean-practices": [(None, "https://example.org/retro")],
    }
    assert s.current.expectations["delivery-manager/knowledge-essential-1"].evidence[0].text == "Read the manual"
    assert s.current.skills["planning"].self_level == "awareness", "the level stays with its evidence"
    assert s.widgets("evidence") != fresh.widgets("evidence")
    assert s.widgets("actions") == fresh.widgets("actions"), "what is being typed in another part stays"
    again, _ = load_record(dump_record(s.record), name="r.yaml", framework=council)
    assert again == s.record, "everything typed goes through the file"


@pytest.mark.parametrize(
    ("text", "link", "said"),
    [
        ("", "  ", "A note of evidence needs a text or a link."),
        ("Note", "roadmap board", "The link cannot be kept: a link starts with http:// or https:// and has no spaces."),
        ("x" * 50001, None, "The note cannot be kept: it is longer than the 50,000 characters a record keeps."),
    ],
)
def test_evidence_that_cannot_be_kept_is_refused_with_the_field_and_why(fresh, text, link, said):
    with pytest.raises(EditRefused) as refused:
        fresh.with_evidence("skill", "planning", text, link)
    assert str(refused.value) == said


def test_actions_typed_with_edits_in_between_are_kept_in_order(fresh):
    s = fresh.with_action("Lead sprint planning", by=dt.date(2027, 1, 31), owner="Sam")
    s = s.with_action("Shadow a supplier review")
    s = s.with_action_changed(0, "Lead sprint planning", by=dt.date(2027, 1, 31), owner="Sam Okafor",
                              support=None, status="in-progress")  # fmt: skip
    s = s.with_action("Run a show and tell", support="  Line manager  ")
    s = s.without_action(1)
    done = s.with_action_done(0, True)
    assert done.widgets("actions") == s.widgets("actions"), "ticked in its own box: nothing re-keyed"
    assert [(a.action, a.owner, a.support, a.status) for a in done.current.actions] == [
        ("Lead sprint planning", "Sam Okafor", None, "done"),
        ("Run a show and tell", None, "Line manager", "not-started"),
    ]
    assert done.with_action_done(0, False).current.actions[0].status == "not-started"
    assert s.with_action_done(0, False).current.actions[0].status == "in-progress", "not done: as it was"


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda s: s.with_action("   "), "An action needs a few words saying what will be done."),
        (lambda s: s.with_action("x", owner="o" * 5001), "The owner cannot be kept: it is longer than the 5,000"),
        (lambda s: s.without_action(3), "There is no action 4 in this check-in"),
        (lambda s: s.with_evidence_changed("skill", "planning", 0, "x", None), "There is no note of evidence 1"),
        (lambda s: s.with_check_in_chosen(5), "There is no check-in 6."),
        (lambda s: s.with_person("n" * 5001), "The name cannot be kept"),
    ],
)
def test_edits_that_cannot_be_kept_say_why(fresh, change, said):
    with pytest.raises(EditRefused, match="^" + said.replace("(", r"\(").replace(".", r"\.")):
        change(fresh)


def test_facts_notes_dates_and_check_ins(council, fresh):
    s = fresh.with_person("  Sam Okafor ").with_notes(" Good quarter.\n").with_next_check_in(dt.date(2027, 1, 15))
    assert s.record.person == "Sam Okafor"
    assert (s.current.notes, s.current.next_check_in) == ("Good quarter.", dt.date(2027, 1, 15))
    assert s.with_person("  ").record.person is None
    assert s.with_notes("").current.notes is None
    s = s.with_action("Carried over").with_action("Finished", status="done")
    later = s.with_new_check_in(dt.date(2027, 1, 15))
    assert (later.index, len(later.record.check_ins)) == (1, 2)
    assert [a.action for a in later.current.actions] == ["Carried over"]
    assert later.current.next_check_in is None, "the next conversation is planned anew"
    assert later.widgets("record") != s.widgets("record")
    earlier = later.with_check_in_chosen(0).with_level("planning", MANAGER, "working")
    assert earlier.record.check_ins[0].skills["planning"].manager == "working"
    assert earlier.record.check_ins[1].skills["planning"].manager is None, "only the check-in being edited"


def test_a_loaded_record_is_unchanged_until_edited(council):
    record = everything()
    s = RecordSession.begin(record, council.id)
    assert s.record == record
    assert isinstance(s.record, DevelopmentRecord)
    edited = s.with_level("planning", SELF, "expert").with_level("planning", SELF, "working")
    assert edited.record == record, "an edit undone gives back what was loaded, unknown levels and all"
