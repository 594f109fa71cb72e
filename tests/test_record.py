"""Development records: files read back unchanged, bad files explained with their places, what the framework
does not know kept and flagged, the levels the gap uses, progress over check-ins, and the team view."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import yaml

from framework import InputError, load_framework
from framework.fingerprint import content_hash
from framework.progress import differences, progress
from framework.record import (
    AGREED,
    MANAGER,
    RECORD_MAX_BYTES,
    SELF,
    CheckIn,
    DevelopmentRecord,
    SkillRating,
    add_check_in,
    dump_record,
    load_record,
    new_record,
    record_levels,
    record_profile,
)
from framework.skills import dump_profile, profile_from_role, skill_gap
from tests.conftest import ROOT
from tests.record_samples import APM, D1, D2, D3, DM, all_records, everything, sam

RECORDS = ["sam", "ali", "jo", "everything", "kim", "dev", "pat"]


@pytest.mark.parametrize("fmt", ["yaml", "json"])
@pytest.mark.parametrize("which", RECORDS)
def test_every_record_reads_back_unchanged(council, which, fmt):
    record = all_records(council)[which]
    text = dump_record(record, fmt=fmt)
    loaded, _ = load_record(text.encode(), name=f"r.{fmt}", framework=council)
    assert loaded == record
    assert dump_record(loaded, fmt=fmt) == text, "load then save gives back the same file"
    assert yaml.safe_load(dump_record(loaded, fmt="json")) == json.loads(dump_record(record, fmt="json"))


def test_a_saved_record_satisfies_its_json_schema(council):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "schema" / "record.schema.json").read_text(encoding="utf-8"))
    for record in all_records(council).values():
        data = json.loads(dump_record(record, fmt="json"))
        assert not list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    bad = {"record_version": 1, "framework": {"id": "x"}, "check_ins": [{"date": "2026-01-01", "skill": {}}]}
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(bad))


def test_what_the_framework_does_not_know_is_kept_and_flagged(council):
    record, warnings = load_record(dump_record(everything()), name="z.yaml", framework=council)
    said = "\n".join(str(w) for w in warnings)
    assert all(w.severity == "warning" for w in warnings)
    assert "another version of Council digital team career framework" in said
    assert "target_role: warning: unknown role 'no-such-role' (kept in the record)" in said
    assert "check_ins[0].skills.unknown-skill: warning: unknown skill 'unknown-skill'" in said
    assert "skills.planning.agreed: warning: unknown skill level 'guru'" in said
    assert "unknown expectation 'nobody/nothing'" in said
    assert "delivery-manager/experience-desirable-1" not in said, "a known expectation is not flagged"
    assert all(w.file == "z.yaml" and w.line for w in warnings), "each warning says where"
    assert "unknown-skill" in record.check_ins[0].skills
    levels, sources = record_levels(record, council)
    assert levels == {"planning": "working"}, "'guru' and not-observed give way to the person's own level"
    assert sources == {"planning": SELF}


def test_a_record_of_another_framework_loads_with_a_warning_naming_it(council):
    ddat = load_framework(ROOT / "data" / "ddat.yaml")
    record, warnings = load_record(dump_record(sam(council)), name="sam.yaml", framework=ddat)
    assert record == sam(council)
    assert warnings[0].code == "wrong-framework"
    assert "'council-digital' (Council digital team career framework), not 'ddat'" in warnings[0].message


def test_the_same_framework_has_the_same_hash_and_a_change_is_noticed(council):
    assert content_hash(council) == content_hash(load_framework(ROOT / "data" / "roles.yaml"))
    changed = council.model_copy(update={"name": "Council, revised"})
    assert content_hash(changed) != content_hash(council)
    _, warnings = load_record(dump_record(sam(council)), name="sam.yaml", framework=changed)
    assert [w.code for w in warnings] == ["framework-changed"]
    assert "another version of Council, revised" in warnings[0].message


def test_a_profile_loads_as_a_record_with_one_check_in(council):
    profile = profile_from_role(council, DM, label="My May assessment")
    record, warnings = load_record(dump_profile(profile, fmt="json"), name="p.json", framework=council, today=D3)
    assert warnings == []
    assert (record.current_role, record.label, len(record.check_ins)) == (DM, "My May assessment", 1)
    assert record.check_ins[0].date == D3
    assert {s: r.self_level for s, r in record.check_ins[0].skills.items()} == dict(profile.skills)
    text = "profile_version: 1\nframework: council-digital\nskills:\n  planing: expert\n"
    _, warnings = load_record(text, name="p.yaml", framework=council)
    assert str(warnings[0]).startswith("p.yaml:4:3: skills.planing: warning: unknown skill 'planing'")


def test_the_gap_uses_agreed_else_manager_else_self(council):
    record = sam(council)
    levels, sources = record_levels(record, council)
    assert sources == {"planning": AGREED, "agile-and-lean-practices": AGREED, "making-a-process-work": SELF,
                       "commercial-management": MANAGER}  # fmt: skip
    assert levels["agile-and-lean-practices"] == "working", "the agreed level wins over the person's higher one"
    profile, _ = record_profile(record, council)
    assert profile.label == "Development record of Sam Okafor"
    gap = skill_gap(council, profile, DM)
    assert {r.skill: r.current for r in gap.rows}["planning"] == "practitioner"


def test_differences_of_a_level_or_more_between_self_and_manager(council):
    found = differences(sam(council).check_ins[1], council)
    assert [(d.name, d.own, d.manager, d.levels) for d in found] == [
        ("Making a process work", "Expert", "Working", -2),
        ("Planning", "Working", "Awareness", -1),
    ]


def test_progress_over_three_check_ins(council):
    view = progress(sam(council), council, today=D3)
    assert view.labels == ("1 · 12 Jan 2026", "2 · 13 Apr 2026", "3 · 13 Jul 2026"), "UK dates where read"
    ranks = council.level_rank
    assert view.series["Planning"][SELF] == (ranks["working"], ranks["working"], ranks["practitioner"])
    assert view.series["Planning"][MANAGER] == (None, ranks["awareness"], ranks["practitioner"])
    assert view.series["Planning"][AGREED] == (None, ranks["working"], ranks["practitioner"])
    assert set(view.series["Commercial management"]) == {MANAGER}, "a voice that never rates a skill is left out"
    # Measured in one voice: Making a process work reads Expert (own) now and was Expert in the person's own view
    # last time (the manager's Working then is not compared with the person's Expert now): no change.
    assert [(c.name, c.before, c.after, c.moved, c.not_compared) for c in view.changes] == [
        ("Planning", "Working (agreed)", "Practitioner (agreed)", 1, None),
    ]
    assert view.changes[0].said == "Planning: Working (agreed) → Practitioner (agreed) (up 1)"
    rows = {(r.Skill, r.Voice): list(r)[2:] for r in view.table.itertuples(index=False)}
    assert rows["Planning", "Own"] == ["Working", "Working", "Practitioner"]
    assert rows["Planning", "Line manager"] == ["—", "Awareness", "Practitioner"]
    assert rows["Commercial management", "Own"] == ["not observed yet", "not observed yet", "—"]
    assert ("Commercial management", "Agreed") not in rows
    assert list(view.table.columns) == ["Skill", "Voice", *view.labels]
    assert [a.action for a in view.overdue] == ["Lead sprint planning for a quarter"]
    assert [a.action for a in view.open] == ["Run a retrospective"]
    assert "3 check-ins, from 12 Jan 2026 to 13 Jul 2026" in view.summary
    assert "each in the same voice: 1 skill up, 0 down." in view.summary
    assert "1 overdue" in view.summary


def test_a_managers_first_rating_is_another_view_not_a_step_down(council):
    """The person rated themselves Expert; at the next check-in only their manager adds a level, Practitioner:
    the person has not gone down, a second view has arrived. An agreed level that is new is not a move either;
    one voice against the same voice is."""
    first = CheckIn(
        date=D1,
        skills={
            "planning": SkillRating(self_level="expert"),
            "agile-and-lean-practices": SkillRating(self_level="working"),
        },
    )
    second = CheckIn(date=D2, skills={
        "planning": SkillRating(self_level="expert", manager="practitioner"),
        "agile-and-lean-practices": SkillRating(self_level="practitioner"),
        "commercial-management": SkillRating(manager="working"),
    })  # fmt: skip
    record = sam(council).model_copy(update={"check_ins": [first, second]})
    view = progress(record, council, today=D2)
    changes = {c.name: c for c in view.changes}
    planning = changes["Planning"]
    assert (planning.before, planning.after, planning.moved) == ("Expert (own)", "Practitioner (line manager's)", 0)
    assert planning.not_compared == (
        "the line manager's level is new: last time there was only the person's own level, so this is another "
        "view, not a move"
    )
    agile = changes["Agile and Lean practices"]
    assert (agile.before, agile.after, agile.moved, agile.not_compared) == (
        "Working (own)", "Practitioner (own)", 1, None)  # fmt: skip
    assert changes["Commercial management"].not_compared == "rated for the first time"
    assert "each in the same voice: 1 skill up, 0 down; 2 rated in a new voice or for the first time" in view.summary


def test_a_new_check_in_starts_from_the_last_and_carries_open_actions(council):
    record = add_check_in(sam(council).model_copy(update={"check_ins": sam(council).check_ins[:2]}), D3)
    assert len(record.check_ins) == 3
    assert record.latest.skills["planning"].agreed == "working"
    assert record.latest.skills["planning"].evidence == []
    assert [a.action for a in record.latest.actions] == ["Lead sprint planning for a quarter"]


def test_new_record_starts_from_the_role(council):
    record = new_record(council, APM, target=DM, person="Sam", date=D3)
    assert record.framework.hash == content_hash(council)
    assert {s: r.self_level for s, r in record.latest.skills.items()} == {
        req.skill: req.level for req in council.role(APM).skills
    }


# --------------------------------------------------------------------------- hostile records


def _problems(text: str | bytes, council) -> str:
    with pytest.raises(InputError) as caught:
        load_record(text, name="h.yaml", framework=council)
    return "\n".join(str(p) for p in caught.value.problems)


def test_wrong_types_are_located(council):
    text = (
        "record_version: 1\nframework: {id: council-digital}\nperson: [1, 2]\n"
        "check_ins:\n- date: someday\n  skills: {planning: {self: {deep: 1}}}\n"
        "  actions: [{action: x, status: maybe}]\n"
        "  extra: 1\n"
    )
    said = _problems(text, council)
    assert "h.yaml:3:1: person: input should be a valid string" in said
    assert "h.yaml:5:3: check_ins[0].date: input should be a valid date" in said
    assert "check_ins[0].skills.planning.self: input should be a valid string" in said
    assert "check_ins[0].actions[0].status: input should be 'not-started', 'in-progress' or 'done'" in said
    assert "h.yaml:8:3: check_ins[0].extra: unknown field 'extra'" in said


@pytest.mark.parametrize(
    "text",
    [
        "",
        "- a list\n",
        "just text\n",
        "record_version: 2\nframework: {id: x}\ncheck_ins: [{date: 2026-01-01}]\n",
        "record_version: 1\nframework: {id: x}\ncheck_ins: []\n",
        "[" * 5000 + "]" * 5000,
        "a: &a [" + ",".join(["*a"] * 10) + "]\n",
        b"\xff\xfe\x00bad",
        "record_version: 1\nframework: {id: '<script>'}\ncheck_ins: [{date: 2026-01-01}]\n",
        "record_version: 1\nframework: {id: x}\ncheck_ins: [{date: 2026-01-01, actions: [{action: ''}]}]\n",
        "record_version: 1\nframework: {id: x}\ncheck_ins: [{date: 2026-01-01, skills: {a: {evidence: [{}]}}}]\n",
        "record_version: 1\nframework: {id: x}\n"
        "check_ins: [{date: 2026-01-01, skills: {a: {evidence: [{link: 'javascript:alert(1)'}]}}}]\n",
    ],
)
def test_hostile_records_are_refused_with_a_reason(council, text):
    said = _problems(text, council)
    assert said.strip()
    assert "Traceback" not in said


def test_a_huge_record_is_refused_before_it_is_read(council):
    said = _problems(b"person: " + b"x" * (RECORD_MAX_BYTES + 10), council)
    assert "larger than the 1 MiB limit" in said


def test_many_check_ins_or_skills_are_refused(council):
    many = {"record_version": 1, "framework": {"id": "x"}, "check_ins": [{"date": "2026-01-01"}] * 201}
    assert "check_ins: list should have at most 200 items" in _problems(json.dumps(many), council)
    skills = {f"s{i}": {"self": "working"} for i in range(2001)}
    wide = {"record_version": 1, "framework": {"id": "x"}, "check_ins": [{"date": "2026-01-01", "skills": skills}]}
    assert "check_ins[0].skills: dictionary should have at most 2000 items" in _problems(json.dumps(wide), council)


def test_markup_in_every_text_is_kept_as_text(council):
    record, _ = load_record(dump_record(everything()), name="z.yaml", framework=council)
    assert record.person == "Zoë <b>O'Neil</b>"
    assert record.check_ins[0].actions[0].support == "<script>"
    assert dump_record(record) == dump_record(everything())


def test_unknown_ids_in_many_places_are_kept_and_their_warnings_capped(council):
    skills = {f"skill-{i}": {"self": f"level-{i}", "manager": "x", "agreed": "y"} for i in range(2000)}
    data = {
        "record_version": 1,
        "framework": {"id": "council-digital"},
        "check_ins": [{"date": "2026-01-01", "skills": skills}],
    }
    record, warnings = load_record(json.dumps(data), name="w.json", framework=council)
    assert len(record.latest.skills) == 2000, "every unknown skill is kept"
    assert len(warnings) <= 1001, "the warnings listed are capped, one line saying how many more"


def test_record_model_rejects_an_empty_record():
    with pytest.raises(ValueError, match="at least 1 item"):
        DevelopmentRecord.model_validate({"framework": {"id": "x"}, "check_ins": []})


def test_today_matters_only_for_overdue(council):
    early = progress(sam(council), council, today=dt.date(2026, 1, 1))
    assert early.overdue == ()


def test_a_records_file_name_says_whose_it_is_and_the_day_of_its_latest_check_in(council):
    from framework.record import record_file_stem

    assert record_file_stem(sam(council)) == "development-record-sam-okafor-2026-07-13"
    assert record_file_stem(sam(council).model_copy(update={"person": None})) == "development-record-2026-07-13"
