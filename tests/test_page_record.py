"""The Development record and Team pages, as AppTest runs them: start, rate, load, check-ins, progress, the
gap reading the record's levels, and the team's matrix, coverage and single points of failure."""

from __future__ import annotations

import pytest

from framework.record import dump_record, load_record
from tests.apptest import markdown_tables, page, plan_opened, texts
from tests.record_samples import APM, DM, ali, jo, sam

RECORD, TEAM, GAP = "pages/record.py", "pages/team.py", "pages/gap.py"


def upload(at, name: str, data: bytes):
    return at.file_uploader[0].set_value((name, data, "application/yaml")).run()


def test_the_page_says_nothing_is_kept_and_waits_for_a_record():
    at = page(RECORD)
    assert not at.exception
    assert "nothing is kept on the server" in texts(at)
    assert [s.value for s in at.subheader] == []


def level_choice(at, skill: str):
    """The radio group that rates ``skill`` (its label starts with the skill's name)."""
    return next(r for r in at.radio if r.label.startswith(skill))


def test_start_from_a_role_and_rate_with_every_levels_words_in_view(council):
    at = page(RECORD)
    at.selectbox(key="record_current").set_value(APM).run()
    at.selectbox(key="record_target").set_value(DM).run()
    at.text_input(key="record_start_name").set_value("Sam <b>").run()
    at.button[0].click().run()
    assert not at.exception
    assert at.header[0].value == "Record of Sam \\<b\\>"
    planning = level_choice(at, "Planning")
    assert planning.label == "Planning (target role needs Practitioner)"
    assert planning.value == "awareness", "levels start from the current role's"
    assert planning.options == ["No level", "Not observed yet", "Awareness", "Working", "Practitioner", "Expert"]
    planning.set_value("working").run()
    assert "The next level up is" not in texts(at), "a skill's words are drawn only when asked for"
    at.session_state[_key(at, "levels", "planning-words")] = True  # "What each level says" opened
    at.run()
    words = texts(at)
    practitioner = council.skills_by_id["planning"].levels["practitioner"].split("\n")[0]
    assert practitioner in words, "every level's words are on the page"
    assert "**Working** (chosen)" in words
    assert "The next level up is Practitioner:" in words
    record, _ = load_record(dump_record_from(at), name="r.yaml", framework=council)
    assert record.latest.skills["planning"].self_level == "working"
    assert record.person == "Sam <b>"


def dump_record_from(at) -> str:
    return dump_record(at.session_state["dev_record"].session.record)


def test_the_manager_adds_levels_and_differences_are_shown(council):
    at = page(RECORD)
    one = sam(council).model_copy(update={"check_ins": sam(council).check_ins[:1]})
    upload(at, "sam.yaml", dump_record(one).encode())
    assert not at.exception
    assert "Loaded sam.yaml: 1 check-in." in texts(at)
    at.radio(key="record_voice").set_value("manager").run()
    level_choice(at, "Making a process work").set_value("working").run()
    assert not at.exception
    record, _ = load_record(dump_record_from(at), name="r.yaml", framework=council)
    assert record.latest.skills["making-a-process-work"].manager == "working"
    assert record.latest.skills["making-a-process-work"].self_level == "expert", "the own level is kept"
    assert "Where your own level and your manager's differ" in [s.value for s in at.subheader]
    table = markdown_tables(at)[0]
    assert table.iloc[0].tolist() == [
        "Making a process work",
        "Expert",
        "Working",
        "2 levels lower in the manager's view",
    ]


def test_a_new_check_in_and_progress(council):
    at = page(RECORD)
    upload(at, "sam.yaml", dump_record(sam(council)).encode())
    assert "Progress over the 3 check-ins" in [e.label for e in at.expander]
    assert not at.get("plotly_chart"), "folded at first: a level chosen reruns only its part of the page"
    at.session_state["record-progress-open"] = True
    at.run()
    assert "3 check-ins, from 12 Jan 2026 to 13 Jul 2026" in texts(at)
    progress_table = next(t for t in markdown_tables(at) if "Voice" in t.columns)
    assert "3 · 13 Jul 2026" in progress_table.columns
    rows = progress_table.set_index(["Skill", "Voice"])
    assert rows.loc[("Planning", "Agreed")].tolist() == ["—", "Working", "Practitioner"]
    assert rows.loc[("Planning", "Line manager")].tolist() == ["—", "Awareness", "Practitioner"]
    assert "Planning: Working (agreed) → Practitioner (agreed) (up 1)" in texts(at)
    charts = at.get("plotly_chart")
    assert len(charts) == 4, "one small chart per skill rated"
    add = next(b for b in at.button if b.label == "Add a new check-in")
    add.click().run()
    assert not at.exception
    record, _ = load_record(dump_record_from(at), name="r.yaml", framework=council)
    assert len(record.check_ins) == 4
    assert record.latest.skills["planning"].agreed == "practitioner"


def test_a_bad_file_is_explained_and_the_record_kept(council):
    at = page(RECORD)
    upload(at, "sam.yaml", dump_record(sam(council)).encode())
    upload(at, "bad.yaml", b"record_version: 1\nframework: {id: x}\ncheck_ins: [{date: soon}]\n")
    assert not at.exception
    assert "nothing was changed" in at.error[0].value
    assert "bad.yaml:3:14: check_ins[0].date: input should be a valid date" in at.code[0].value
    assert at.header[0].value == "Record of Sam Okafor"


def test_unknown_ids_are_flagged_and_kept(council):
    text = dump_record(sam(council)).replace("commercial-management:", "commercial-managment:")
    at = page(RECORD)
    upload(at, "typo.yaml", text.encode())
    assert not at.exception
    assert "loaded with 3 warnings" in texts(at)
    assert "unknown skill 'commercial-managment'" in at.code[0].value
    assert "commercial-managment" in dump_record_from(at)
    assert dump_record_from(at) == text, "kept as loaded"


def test_the_gap_uses_the_records_levels_and_says_which(council):
    at = page(RECORD)
    upload(at, "sam.yaml", dump_record(sam(council)).encode())
    gap = page(GAP, current=APM, target=DM, compare="self")
    gap.session_state["dev_record"] = at.session_state["dev_record"]
    gap.run()
    use = next(b for b in gap.button if b.label.startswith("Use the levels of my development record"))
    use.click().run()
    assert not gap.exception
    editor = gap.data_editor[0].value
    assert editor.loc["planning", "My level"] == "Practitioner"
    assert editor.loc["planning", "From"] == "agreed"
    assert editor.loc["making-a-process-work", "From"] == "own"
    assert editor.loc["commercial-management", "From"] == "line manager's"
    assert "2 agreed, 1 own, 1 line manager's" in texts(gap)
    assert "the latest check-in of your development record" in texts(plan_opened(gap)), (
        "the plan says where its levels are from"
    )


def test_the_records_link_opens_the_gap_and_plan_on_the_records_levels_name_and_open_actions(council):
    from streamlit.testing.v1 import AppTest

    from tests.apptest import TIMEOUT
    from tests.conftest import ROOT

    at = page(RECORD)
    upload(at, "sam.yaml", dump_record(sam(council)).encode())
    link = next(m.value for m in at.markdown if m.value.startswith("[The gap and the plan from this record"))
    assert link.endswith(f"(./gap?compare=self&current={APM}&target={DM}&levels=record)")
    gap = AppTest.from_file(str(ROOT / GAP), default_timeout=TIMEOUT)
    gap.session_state["dev_record"] = at.session_state["dev_record"]
    for key, value in {
        "compare": "self",
        "current": APM,
        "target": DM,
        "levels": "record",
        "tab": "development-plan",
    }.items():
        gap.query_params[key] = value
    gap.run()
    assert not gap.exception
    assert gap.data_editor[0].value.loc["planning", "From"] == "agreed", "the record's levels, without another click"
    assert "levels" not in gap.query_params, "the link's word is used once, and not kept in the address"
    assert gap.text_input(key="plan-person").value == "Sam Okafor"
    actions = gap.session_state["plan_inputs"].agreed_actions()
    assert [a.action for a in actions] == ["Lead sprint planning for a quarter", "Run a retrospective"]
    assert [a.status for a in actions] == ["Not started", "In progress"]
    assert "Lead sprint planning for a quarter" in texts(plan_opened(gap))


def test_the_gap_from_a_record_reads_its_dates_as_uk_dates_and_takes_its_next_check_in(council):
    """Where the gap uses a record, its dates read as a reader in the UK writes them (never as a file keeps them),
    and the plan's next check-in is the record's where the plan has none — a date already chosen stays."""
    import datetime as dt

    from streamlit.testing.v1 import AppTest

    from tests.apptest import TIMEOUT
    from tests.conftest import ROOT

    record = sam(council)
    planned = dt.date(2026, 10, 12)
    latest = record.latest.model_copy(update={"next_check_in": planned})
    record = record.model_copy(update={"check_ins": [*record.check_ins[:-1], latest]})
    at = page(RECORD)
    upload(at, "sam.yaml", dump_record(record).encode())

    def gap_from_record(next_check_in=None) -> AppTest:
        gap = AppTest.from_file(str(ROOT / GAP), default_timeout=TIMEOUT)
        gap.session_state["dev_record"] = at.session_state["dev_record"]
        if next_check_in is not None:
            from ui.session.plan import PlanInputs

            gap.session_state["plan_inputs"] = PlanInputs(next_check_in=next_check_in).add_action()
        params = {"compare": "self", "current": APM, "target": DM, "levels": "record", "tab": "development-plan"}
        for key, value in params.items():
            gap.query_params[key] = value
        return gap.run()

    gap = gap_from_record()
    assert not gap.exception
    assert gap.date_input(key="plan-next-check-in").value == planned
    shown = texts(gap)
    assert "check-in (13 Jul 2026)" in shown, "the date of the levels, as a reader writes it"
    assert "2026-07-13" not in shown, "no date as a file keeps it"
    assert "2026-10-12" not in shown
    assert [a.by_when for a in gap.session_state["plan_inputs"].agreed_actions()] == [
        a.by for a in latest.actions if a.status != "done"
    ]
    chosen = dt.date(2026, 9, 1)
    assert gap_from_record(chosen).date_input(key="plan-next-check-in").value == chosen, "the plan's own stays"


def test_the_gap_page_loads_a_record_file(council):
    at = page(GAP, current=APM, target=DM, compare="self")
    upload(at, "sam.yaml", dump_record(sam(council)).encode())
    assert not at.exception
    assert "Loaded the development record sam.yaml" in texts(at)
    assert at.session_state["gap_assessment"].voices["planning"] == "agreed"
    assert "Levels from the development record's latest check-in (13 Jul 2026)" in texts(at)
    assert [a.action for a in at.session_state["plan_inputs"].agreed_actions()] == [
        "Lead sprint planning for a quarter",
        "Run a retrospective",
    ], "a record loaded here fills in the plan as the record's own link does"


def test_the_record_offers_ways_to_learn_each_skill_and_one_becomes_an_agreed_action(council):
    at = page(RECORD)
    upload(at, "sam.yaml", dump_record(sam(council)).encode())
    assert [e.label for e in at.expander].count("Ways to learn, skill by skill") == 1
    assert not [b for b in at.button if b.label == "Add as an action"], "drawn only when opened"
    at.session_state["record-learn-open"] = True
    at.run()
    assert not at.exception
    shown = texts(at)
    assert "**Planning** — to Expert, the next level up from Practitioner" in shown
    assert "**Maintaining delivery momentum** — to Practitioner, the level the target role needs" in shown
    adds = [b for b in at.button if b.label == "Add as an action"]
    assert adds
    words = adds[0].help.split("to the agreed actions, as: ", 1)[1].replace("\\", "")
    adds[0].click().run()
    assert not at.exception
    saved = load_record(dump_record_from(at).encode(), name="r.yaml", framework=council)[0]
    assert [a.action for a in saved.latest.actions][-1] == words
    assert saved.latest.actions[-1].status == "not-started"
    assert words in [c.label.replace("\\", "") for c in at.checkbox], "in the check-in's agreed actions at once"
    assert [b.label for b in at.button if b.key == adds[0].key] == ["In the agreed actions"], "never added twice"


# --------------------------------------------------------------------------- the team


@pytest.fixture
def team(council):
    at = page(TEAM)
    files = [
        (f"{n}.yaml", dump_record(f(council)).encode(), "application/yaml")
        for n, f in (("sam", sam), ("ali", ali), ("jo", jo))
    ]
    return at.file_uploader[0].set_value(files).run()


def test_team_page_says_nothing_is_stored():
    at = page(TEAM)
    assert not at.exception
    assert "Nothing is stored" in texts(at)


def test_team_matrix_coverage_and_single_points(team):
    assert not team.exception
    assert team.header[0].value == "3 members"
    tables = markdown_tables(team)
    matrix = next(t for t in tables if "Sam Okafor" in t.columns).set_index("Skill")
    assert matrix.loc["Planning", "Sam Okafor"] == "Practitioner"
    assert matrix.loc["Planning", "Jo Park"] == "—"
    coverage = next(t for t in tables if "Members covering it" in t.columns).set_index("Skill")
    assert coverage.loc["Product management", "Who"] == "Jo Park"
    assert coverage.loc["Agile and Lean practices", "Members covering it"] == "3"
    shown = "\n".join(m.value for m in team.markdown)
    assert "**Product management**: only Jo Park" in shown
    closing = next(m.value for m in team.markdown if m.value.startswith("- **"))
    product = closing.split("- **Product management**", 1)[1].split("\n- **", 1)[0]
    assert "To close it: " in product, "under each single point of failure, who would close it"
    assert "Ways to learn it there:" in product
    assert "[Developing a roadmap](https://www.gov.uk/service-manual/agile-delivery/developing-a-roadmap)" in product
    assert "verified in [duncanjbrown/service-manual-mirror at 1db9458]" in product
    labels = [b.proto.label for b in team.get("download_button")]
    assert "Download the team view (Excel)" in labels


def test_team_leaves_out_a_bad_record_and_says_why(council):
    at = page(TEAM)
    files = [
        ("sam.yaml", dump_record(sam(council)).encode(), "application/yaml"),
        ("bad.yaml", b"- no", "application/yaml"),
    ]
    at.file_uploader[0].set_value(files).run()
    assert not at.exception
    assert "bad.yaml could not be read" in at.error[0].value.replace("\\", "")
    assert at.header[0].value == "1 member"


def test_evidence_and_an_action_are_added_through_their_forms(council):
    at = page(RECORD)
    upload(at, "sam.yaml", dump_record(sam(council)).encode())
    at.text_input(key=_key(at, "actions", "new-text")).set_value("Run the show and tell")
    at.text_input(key=_key(at, "actions", "new-owner")).set_value("Sam")
    next(b for b in at.button if b.label == "Add the action").click().run()
    assert not at.exception
    record, _ = load_record(dump_record_from(at), name="r.yaml", framework=council)
    assert record.latest.actions[-1].action == "Run the show and tell"
    assert record.latest.actions[-1].owner == "Sam"
    at.selectbox(key=_key(at, "evidence", "about")).set_value("Skill: Planning")
    at.text_area(key=_key(at, "evidence", "text")).set_value("Planned <the> release")
    at.text_input(key=_key(at, "evidence", "link")).set_value("https://example.org/plan")
    next(b for b in at.button if b.label == "Add the evidence").click().run()
    assert not at.exception
    record, _ = load_record(dump_record_from(at), name="r.yaml", framework=council)
    evidence = record.latest.skills["planning"].evidence
    assert [(e.text, e.link) for e in evidence] == [("Planned <the> release", "https://example.org/plan")]
    assert record.check_ins[0].skills["planning"].evidence[0].text == "Planned the Q1 release", "other check-ins kept"
    assert "Planned <the> release" in texts(at)


def _key(at, part: str, name: str) -> str:
    """The key of a widget of a part of the check-in being edited (see RecordSession.widgets)."""
    return f"{at.session_state['dev_record'].session.widgets(part)}-{name}"


def test_an_action_is_marked_done_in_one_click_and_a_refused_edit_is_said(council):
    at = page(RECORD)
    upload(at, "sam.yaml", dump_record(sam(council)).encode())
    done = next(c for c in at.checkbox if c.label == "Run a retrospective")
    done.check().run()
    assert not at.exception
    record, _ = load_record(dump_record_from(at), name="r.yaml", framework=council)
    assert [a.status for a in record.latest.actions] == ["not-started", "done"]
    at.selectbox(key=_key(at, "evidence", "about")).set_value("Skill: Planning")
    at.text_area(key=_key(at, "evidence", "text")).set_value("Set up the roadmap")
    at.text_input(key=_key(at, "evidence", "link")).set_value("roadmap board")
    next(b for b in at.button if b.label == "Add the evidence").click().run()
    assert "The link cannot be kept" in at.error[0].value
    assert at.text_area(key=_key(at, "evidence", "text")).value == "Set up the roadmap", "what was typed stays"
    assert dump_record_from(at) == dump_record(record), "nothing half-applied"


def test_one_click_takes_the_persons_levels_as_the_managers(council):
    at = page(RECORD)
    one = sam(council).model_copy(update={"check_ins": sam(council).check_ins[:1]})
    upload(at, "sam.yaml", dump_record(one).encode())
    at.radio(key="record_voice").set_value("manager").run()
    next(b for b in at.button if b.label == "Same as the person's own levels").click().run()
    assert not at.exception
    assert level_choice(at, "Making a process work").value == "expert", "the choices show the copied levels"
    record, _ = load_record(dump_record_from(at), name="r.yaml", framework=council)
    assert {k: r.manager for k, r in record.latest.skills.items()} == {
        k: r.self_level for k, r in one.latest.skills.items()
    }
    at.radio(key="record_voice").set_value("agreed").run()
    labels = [b.label for b in at.button]
    assert "Agree with the line manager's levels" in labels
    assert "Agree with the person's own levels" in labels


def test_a_next_check_in_in_the_past_is_warned_of(council):
    import datetime

    at = page(RECORD)
    upload(at, "sam.yaml", dump_record(sam(council)).encode())
    at.date_input(key=_key(at, "record", "next")).set_value(datetime.date(2020, 1, 1)).run()
    assert "The next check-in, 1 Jan 2020, is in the past" in texts(at)
    record, _ = load_record(dump_record_from(at), name="r.yaml", framework=council)
    assert record.latest.next_check_in == datetime.date(2020, 1, 1), "kept: a warning, not a refusal"


@pytest.mark.parametrize("which", ["sam", "everything"])
def test_the_page_saves_what_it_loaded_unchanged(council, which):
    from tests.record_samples import all_records

    record = all_records(council)[which]
    at = page(RECORD)
    upload(at, f"{which}.yaml", dump_record(record).encode())
    assert not at.exception
    for voice in ("manager", "agreed", "self"):
        at.radio(key="record_voice").set_value(voice).run()
        assert not at.exception
    assert dump_record_from(at) == dump_record(record), "opening every voice changes nothing"
    assert "\\<b\\>O'Neil\\</b\\>" in at.header[0].value or which != "everything", "markup is shown as text"


def test_criteria_frameworks_rate_expectations_shown_whole():
    from framework import load_framework
    from framework.expectations import effective_expectations
    from tests.conftest import ROOT

    monzo = load_framework(ROOT / "data" / "monzo.yaml")
    at = page(RECORD, framework="monzo")
    at.selectbox(key="record_current").select_index(3).run()
    at.button[0].click().run()
    assert not at.exception
    assert "Criteria" in [s.value for s in at.subheader]
    assert "Skill levels" not in [s.value for s in at.subheader]
    expected = effective_expectations(monzo, monzo.roles[3].id)
    areas = [e for e in at.expander if e.label.endswith(" rated")]
    assert len(areas) == len({e.area_name for e in expected}), "an area each, folded"
    for number in range(len(areas)):
        at.session_state[_key(at, "levels", f"area-{number}")] = True  # each area opened
    at.run()
    ratings = [r for r in at.radio if r.options[:2] == ["No rating", "Met"]]
    assert len(ratings) == len(expected)
    longest = max(expected, key=lambda e: len(e.text))
    assert any(longest.text.split()[-1] in r.label for r in ratings), "the whole criterion is its label"
    ratings[0].set_value("partly").run()
    assert not at.exception
    session = at.session_state["dev_record"].session
    assert session.current.expectations[expected[0].key].self_rating == "partly"


def test_team_chart_has_a_row_per_skill_and_leaves_an_unknown_level_blank(team):
    import math

    import plotly.io as pio

    (chart,) = team.get("plotly_chart")
    heatmap = pio.from_json(chart.proto.spec).data[0]
    members, skills = list(heatmap.x), list(heatmap.y)
    assert members == ["Sam Okafor", "Ali Reid", "Jo Park"], "a column per member"
    assert "Planning" in skills, "a row per skill"
    row, jo = skills.index("Planning"), members.index("Jo Park")
    assert heatmap.text[row][jo] == "", "Jo has no level in Planning"
    z = heatmap.z
    if isinstance(z, dict):  # plotly's typed-array form: {"dtype", "bdata", "shape"}
        import base64

        import numpy as np

        shape = tuple(int(n) for n in str(z["shape"]).split(","))
        z = np.frombuffer(base64.b64decode(z["bdata"]), dtype=z["dtype"]).reshape(shape)
    assert z[row][jo] is None or math.isnan(z[row][jo]), "blank, not drawn as the lowest level"
    assert z[row][members.index("Sam Okafor")] > 0


def test_the_name_the_notes_and_the_check_in_each_change_only_themselves(council):
    at = page(RECORD)
    upload(at, "sam.yaml", dump_record(sam(council)).encode())
    at.text_input(key=_key(at, "record", "person")).set_value("Samira Okafor").run()
    at.text_area(key=_key(at, "record", "notes")).set_value("Talked about the roadmap.").run()
    at.text_input(key=_key(at, "record", "person")).set_value("Samira O.").run()
    record, _ = load_record(dump_record_from(at), name="r.yaml", framework=council)
    assert record.person == "Samira O."
    assert record.latest.notes == "Talked about the roadmap."
    assert at.header[0].value == "Record of Samira O."
    at.selectbox(key=_key(at, "record", "check-in")).set_value(1).run()
    assert at.text_area(key=_key(at, "record", "notes")).value == "Good quarter.", "the notes of the check-in chosen"
    record, _ = load_record(dump_record_from(at), name="r.yaml", framework=council)
    assert record.latest.notes == "Talked about the roadmap."
    assert record.person == "Samira O."


def test_evidence_about_a_criterion_names_it_whole(council):
    from framework.expectations import effective_expectations

    longest = max(effective_expectations(council, DM), key=lambda e: len(e.text))
    at = page(RECORD)
    upload(at, "sam.yaml", dump_record(sam(council)).encode())
    about = at.selectbox(key=_key(at, "evidence", "about"))
    (label,) = [o for o in about.options if o.startswith("Criterion (") and o.endswith(" ".join(longest.text.split()))]
    about.set_value(label)
    at.text_area(key=_key(at, "evidence", "text")).set_value("Led the supplier review")
    next(b for b in at.button if b.label == "Add the evidence").click().run()
    assert not at.exception
    record, _ = load_record(dump_record_from(at), name="r.yaml", framework=council)
    assert record.latest.expectations[longest.key].evidence[0].text == "Led the supplier review"
    assert " ".join(longest.text.split()) in texts(at), "the note's criterion, whole"
