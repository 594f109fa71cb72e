"""The team view on three records of three roles and three targets: coverage and single points of failure
judged against each member's own role, the highest level needed said apart, each member against their own role
and their target, and the monthly round (check-ins due and overdue, actions open and overdue, what moved)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from framework.team import DUE, NOT_PLANNED, OVERDUE, PLANNED, team_csv, team_view, team_workbook
from tests.record_samples import D3, ali, dev, kim, pat, sam

KIM, DEV, PAT = "Kim Lee", "Dev Shah", "Pat Jones"


@pytest.fixture(scope="module")
def view(council):
    records = [("kim.yaml", kim(council)), ("dev.yaml", dev(council)), ("pat.yaml", pat(council))]
    return team_view(council, records, today=D3)


def coverage(view, name: str):
    return next(c for c in view.coverage if c.name == name)


def test_a_member_covers_a_skill_at_the_level_their_own_role_needs(view):
    """Kim holds Planning at Awareness, as an Associate Project Manager's role asks: she covers it, although the
    team's Delivery Manager role asks Practitioner. Judged against the most senior role, no one would."""
    planning = coverage(view, "Planning")
    assert planning.needs == (("Associate Project Manager", "Awareness"), ("Delivery Manager", "Practitioner"))
    assert planning.needed == "Associate Project Manager: Awareness; Delivery Manager: Practitioner"
    assert planning.holders == (KIM, PAT), "Pat's role does not ask Planning; he holds it at a level the team needs"
    assert planning.short == (f"{DEV} (holds Working; their role needs Practitioner)",)
    assert (planning.top, planning.top_holders) == ("Practitioner", ())
    assert planning in view.top_uncovered, "no one holds the highest level the team's roles need: said apart"
    assert planning not in view.uncovered
    assert planning not in view.single_points


def test_single_points_of_failure_are_skills_one_member_alone_covers(view):
    said = {c.name: c.holders for c in view.single_points}
    assert said == {
        "Financial management": (DEV,),  # Kim's role asks Awareness, and she has no level in it
        "Applying user-centred insights": (PAT,),
        "Creating value for money": (PAT,),
        "Managing product outcomes": (PAT,),
        "Product management": (PAT,),
        "Stakeholder relationship management": (PAT,),
    }
    assert coverage(view, "Financial management").short == (f"{KIM} (no level known; their role needs Awareness)",)
    assert DEV not in {h for c in view.single_points if c.name != "Financial management" for h in c.holders}, (
        "the Delivery Manager is not named for the skills the Associate Project Manager holds at her own level"
    )


def test_uncovered_and_fully_covered_skills(view):
    assert [c.name for c in view.uncovered] == ["Product leadership", "Strategic ownership"]
    assert coverage(view, "Product leadership").short == (f"{PAT} (holds Working; their role needs Practitioner)",)
    agile = coverage(view, "Agile and Lean practices")
    assert agile.holders == (KIM, DEV, PAT)
    assert agile.top_holders == (KIM, DEV, PAT)
    life = coverage(view, "Life cycle management")
    assert life.needs[-1] == ("Senior Product Manager", "Practitioner")
    assert (life.holders, life.top_holders) == ((KIM, DEV, PAT), (PAT,))
    assert [c.count for c in view.coverage] == sorted(c.count for c in view.coverage), "fewest holders first"
    table = view.coverage_table.set_index("Skill")
    assert table.loc["Planning", "Members covering it"] == 2
    assert table.loc["Planning", "Highest level needed held by"] == "Practitioner: no one"
    assert table.loc["Agile and Lean practices", "Who"] == f"{KIM}; {DEV}; {PAT}"


def test_each_member_against_their_own_role_and_apart_their_target(view):
    targets = view.targets.set_index("Member")
    assert list(view.targets.columns) == [
        "Member",
        "Current role",
        "Own role's requirements met",
        "Target role",
        "Target's requirements met",
        "Levels to gain for the target",
    ]
    assert targets.loc[KIM].tolist() == [
        "Associate Project Manager", "8 of 9", "Delivery Manager", "2 of 9", 10]  # fmt: skip
    assert targets.loc[DEV, "Own role's requirements met"] == "8 of 9"
    assert targets.loc[DEV, "Target role"] == "Senior Delivery Manager"
    assert targets.loc[PAT, "Own role's requirements met"] == "7 of 9"
    assert targets.loc[PAT, "Target role"] == "Lead Product Manager"


def test_the_monthly_round(view):
    rounds = {r.member: r for r in view.rounds}
    assert [rounds[m].check_in for m in (KIM, DEV, PAT)] == [OVERDUE, DUE, PLANNED]
    assert rounds[KIM].next_said == "8 Jul 2026 (overdue)"
    assert rounds[DEV].next_said == "27 Jul 2026 (due)"
    assert rounds[PAT].next_said == "11 Sep 2026"
    assert [a.action for a in rounds[KIM].open_actions] == ["Shadow a delivery manager", "Run a retrospective"]
    assert [a.action for a in rounds[KIM].overdue_actions] == ["Shadow a delivery manager"]
    assert rounds[KIM].moved_said == "Agile and Lean practices: Working (agreed) → Practitioner (agreed) (up 1)"
    assert rounds[DEV].moved_said == "first check-in"
    table = view.round_table.set_index("Member")
    assert table.loc[KIM].tolist() == [
        "13 Jul 2026",
        "8 Jul 2026 (overdue)",
        2,
        "Shadow a delivery manager (by 12 Jul 2026)",
        "Agile and Lean practices: Working (agreed) → Practitioner (agreed) (up 1)",
    ]
    assert table.loc[PAT, "Last check-in"] == "13 Apr 2026"
    assert table.loc[DEV, "Overdue actions"] == "none"


@pytest.mark.parametrize(
    ("planned", "state"),
    [(None, NOT_PLANNED), (D3 - dt.timedelta(days=1), OVERDUE), (D3, DUE), (D3 + dt.timedelta(days=28), DUE),
     (D3 + dt.timedelta(days=29), PLANNED)],
)  # fmt: skip
def test_a_check_in_is_due_within_four_weeks_and_overdue_once_past(council, planned, state):
    record = dev(council)
    latest = record.latest.model_copy(update={"next_check_in": planned})
    record = record.model_copy(update={"check_ins": [latest]})
    (member,) = team_view(council, [("dev.yaml", record)], today=D3).rounds
    assert member.check_in == state


def test_the_workbook_opens_on_the_round_with_iso_dates(view):
    book = openpyxl.load_workbook(io.BytesIO(team_workbook(view)))
    assert book.sheetnames == ["Monthly round", "Skills matrix", "Against role and target", "Coverage"]
    rows = list(book["Monthly round"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Member", "Last check-in", "Next check-in", "Check-in is")
    assert rows[1][:4] == (KIM, "2026-07-13", "2026-07-08", "overdue")
    assert rows[1][5] == "Shadow a delivery manager (by 2026-07-12)"
    coverage_rows = {r[0]: r for r in book["Coverage"].iter_rows(min_row=2, values_only=True)}
    assert coverage_rows["Planning"][2] == 2
    assert book["Skills matrix"]["A2"].value == KIM
    assert team_csv(view).startswith("\ufeffMember,")


def test_the_matrix_reads_the_level_the_gap_uses(council):
    view = team_view(council, [("sam.yaml", sam(council)), ("ali.yaml", ali(council))], today=D3)
    assert view.members == ("Sam Okafor", "Ali Reid")
    assert view.matrix.loc["Sam Okafor", "Planning"] == "Practitioner"
    assert view.ranks.loc["Ali Reid", "Planning"] == council.level_rank["expert"]
    assert "the agreed level where there is one" in view.sources


def test_team_cells_are_safe_in_a_spreadsheet(council):
    risky = ali(council).model_copy(update={"person": '=HYPERLINK("http://x")'})
    view = team_view(council, [("a.yaml", risky), ("a.yaml", ali(council).model_copy(update={"person": None}))])
    assert view.members == ('=HYPERLINK("http://x")', "a")
    assert "'=HYPERLINK" in team_csv(view)


def test_two_members_of_the_same_name_stay_apart(council):
    view = team_view(council, [("a.yaml", ali(council)), ("b.yaml", ali(council))])
    assert view.members == ("Ali Reid", "Ali Reid (2)")
