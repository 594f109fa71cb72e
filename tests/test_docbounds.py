"""What is made for a person is bounded: a plan's files from the worst record the limits allow, a word too long
for a page, a name of a megabyte on the command line, and a record whose aliases would make it a hundred times
its size. Inputs are generated here, as an attacker would write them."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import pypdf
import pytest

from framework import FrameworkError, load_framework
from framework.cli import main
from framework.docbounds import (
    ACTION_CHARS,
    NAME_CHARS,
    OWNER_CHARS,
    PLAN_ACTIONS,
    PLAN_FOCUS,
    PRINTED_CHARS,
    SOFT_HYPHEN,
    WORD_CHARS,
    bound_plan,
    break_long_words,
    cut_text,
    printable,
)
from framework.graph import build_graph
from framework.plan import Action, development_plan, focus_candidates
from framework.planfiles import plan_csv, plan_markdown, plan_pdf
from framework.record import RECORD_MAX_BYTES, load_record
from tests.conftest import ROOT

APM, DM = "associate-project-manager", "delivery-manager"


@pytest.fixture(scope="module")
def council():
    framework = load_framework(ROOT / "data" / "roles.yaml")
    return framework, build_graph(framework)


def alias_record(framework_id: str, *, actions: int, chars: int, check_ins: int = 1) -> str:
    """A record whose one action (``chars`` characters in each of its three texts) is repeated ``actions`` times
    in each check-in through a YAML alias: a few KB written, ``actions × 3 × chars`` characters once read."""
    lines = [
        "record_version: 1",
        f"framework: {{id: {framework_id}}}",
        f"current_role: {APM}",
        f"target_role: {DM}",
        "check_ins:",
        "- date: 2026-01-01",
        "  actions:",
        f"  - &a {{action: '{'a' * chars}', owner: '{'o' * chars}', support: '{'s' * chars}'}}",
        *["  - *a"] * (actions - 1),
    ]
    for day in range(2, check_ins + 1):
        lines += [f"- date: 2026-01-{day:02d}", "  actions: [" + ", ".join(["*a"] * actions) + "]"]
    return "\n".join(lines) + "\n"


def plan_from_record(framework, graph, record, **choices):
    """The plan the Skill gap page makes from a record: its latest check-in's open actions become the plan's."""
    actions = [
        Action(action=a.action, by_when=a.by, owner=a.owner or "", support=a.support or "")
        for a in record.latest.actions
        if a.status != "done"
    ]
    return development_plan(
        framework, graph, APM, DM, date=dt.date(2026, 12, 3), actions=actions, person=record.person, **choices
    )


def pages(pdf: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


# --------------------------------------------------------------------------- the defects, as reported


def test_a_record_whose_aliases_make_it_hundreds_of_times_its_size_is_refused(council):
    """23 KB of YAML held 200 open actions of 3 × 5,000 characters; saving it again took 18 s of CPU per run of
    the record's page and its PDF minutes and gigabytes. Its text, written out, is more than a record holds."""
    framework, _ = council
    text = alias_record(framework.id, actions=200, chars=5_000, check_ins=10)
    assert len(text) < 30_000
    with pytest.raises(FrameworkError) as refused:
        load_record(text.encode(), name="record.yaml", framework=framework)
    assert [p.code for p in refused.value.problems] == ["too-large"]
    assert "with its YAML aliases written out" in str(refused.value)


def test_the_worst_record_the_limits_allow_makes_a_plan_of_a_few_pages_that_says_what_it_left_out(council):
    framework, graph = council
    chars = RECORD_MAX_BYTES // (200 * 3) - 20  # 200 actions, as much text as a record may hold
    record, _ = load_record(
        alias_record(framework.id, actions=200, chars=chars).encode(), name="r", framework=framework
    )
    assert len(record.latest.actions) == 200
    bounded = bound_plan(plan_from_record(framework, graph, record))
    plan = bounded.value
    assert len(plan.actions) == PLAN_ACTIONS
    assert all(len(a.action) <= ACTION_CHARS and len(a.owner) <= OWNER_CHARS for a in plan.actions)
    assert all(len(a.support) <= ACTION_CHARS and a.action.endswith("…") for a in plan.actions)
    assert bounded.cuts[0].startswith(f"The plan's files hold the first {PLAN_ACTIONS} of the 200 agreed actions")
    assert f"{PLAN_ACTIONS} agreed actions are longer than a plan holds" in bounded.cuts[1]
    pdf = plan_pdf(plan)
    # The 1:1 sheet with 20 actions of 2 × 300 characters runs over its page; the focus in detail follows.
    assert pages(pdf) <= 10, "a plan never silently becomes dozens of pages"
    markdown, csv = plan_markdown(plan), plan_csv(plan)
    assert markdown.count("| " + "a" * 100) == PLAN_ACTIONS
    assert len(markdown) < 100_000
    assert len(csv) < 100_000


def test_a_word_taller_than_a_page_no_longer_stops_the_pdf(council):
    """One action whose owner is one word of 5,000 characters made a table cell taller than a page: reportlab
    raised LayoutError (quoting the text) and no file came."""
    framework, graph = council
    ordinary = Action(action="Shadow a review", owner="Sam", support="")
    usual = pages(plan_pdf(development_plan(framework, graph, APM, DM, date=dt.date(2026, 12, 3), actions=[ordinary])))
    for field in ("action", "owner", "support"):
        texts = {"action": "Shadow a review", "owner": "Sam", "support": "", field: "x" * 5_000}
        plan = development_plan(framework, graph, APM, DM, date=dt.date(2026, 12, 3), actions=[Action(**texts)])
        assert pages(plan_pdf(plan)) <= usual + 1, field


def test_the_command_line_takes_a_name_as_the_app_does(tmp_path, capsys):
    """A 1 MB --person took 315 s to print; the app's field takes 80 characters."""
    common = ["plan", "--framework", str(ROOT / "data" / "roles.yaml"), "--current", APM, "--target", DM]
    with pytest.raises(SystemExit) as usage:
        main([*common, "--person", "x" * 2**20, "--format", "pdf", "-o", str(tmp_path / "plan.pdf")])
    assert usage.value.code == 2
    assert f"a name has at most {NAME_CHARS} characters; this one has 1,048,576" in capsys.readouterr().err
    assert not (tmp_path / "plan.pdf").exists()
    name = "Ngozi " + "x" * (NAME_CHARS - 6)
    assert main([*common, "--person", name, "--manager", name, "--format", "md", "-o", str(tmp_path / "p.md")]) == 0
    assert name in (tmp_path / "p.md").read_text(encoding="utf-8")


def test_a_word_of_two_hundred_thousand_characters_on_the_command_line_is_refused_too(tmp_path, capsys):
    common = ["plan", "--framework", str(ROOT / "data" / "roles.yaml"), "--current", APM, "--target", DM]
    with pytest.raises(SystemExit):
        main([*common, "--manager", "w" * 200_000, "--format", "pdf", "-o", str(tmp_path / "plan.pdf")])
    assert "argument --manager: a name has at most 80 characters" in capsys.readouterr().err


# --------------------------------------------------------------------------- the bounds themselves


def test_a_plan_within_the_bounds_comes_back_as_it_is(council):
    framework, graph = council
    plan = development_plan(
        framework, graph, APM, DM, date=dt.date(2026, 12, 3), person="Sam", actions=[Action("Lead a sprint")]
    )
    bounded = bound_plan(plan)
    assert bounded.value is plan
    assert bounded.cuts == ()


def test_names_longer_than_the_app_takes_are_cut_and_said_to_be(council):
    framework, graph = council
    long = "Ngozi " * 30
    plan = development_plan(framework, graph, APM, DM, date=dt.date(2026, 12, 3), person=long, manager=long)
    bounded = bound_plan(plan)
    assert len(bounded.value.person) <= NAME_CHARS
    assert bounded.value.person.endswith("Ngozi…")
    assert bounded.cuts == (
        "The person's name is cut at 80 characters.",
        "The line manager's name is cut at 80 characters.",
    )


def test_a_focus_of_more_gaps_than_a_plan_holds_keeps_the_rest_for_later():
    framework = load_framework(ROOT / "data" / "monzo.yaml")
    graph = build_graph(framework)
    roles = [r.id for r in framework.roles]
    current, target = max(
        ((a, b) for a, b in itertools.pairwise(roles)),
        key=lambda pair: len(focus_candidates(framework, *pair)),
    )
    every = [item.key for item in focus_candidates(framework, current, target)]
    assert len(every) > PLAN_FOCUS
    plan = development_plan(framework, graph, current, target, date=dt.date(2026, 12, 3), focus=every)
    bounded = bound_plan(plan)
    assert [i.key for i in bounded.value.focus] == every[:PLAN_FOCUS]
    assert [i.key for i in bounded.value.others][: len(every) - PLAN_FOCUS] == every[PLAN_FOCUS:]
    assert f"the other {len(every) - PLAN_FOCUS:,} are listed for a later plan" in bounded.cuts[0]
    assert pages(plan_pdf(bounded.value)) <= 1 + PLAN_FOCUS, "the 1:1 sheet, then at most a page a gap in focus"


@pytest.mark.parametrize(
    ("text", "limit", "cut"),
    [
        ("short", 10, "short"),
        ("one two three four", 9, "one two…"),
        ("one two three four", 12, "one two thr…"),  # the last space is too far back: cut inside a word
        ("x" * 20, 10, "x" * 9 + "…"),
    ],
)
def test_a_text_is_cut_at_a_word_where_one_ends_near_the_limit(text, limit, cut):
    assert cut_text(text, limit) == cut
    assert len(cut_text(text, limit)) <= limit


def test_long_words_get_places_to_break_and_short_ones_do_not():
    assert break_long_words("plain words stay") == "plain words stay"
    broken = break_long_words("see " + "y" * (3 * WORD_CHARS + 5))
    pieces = broken.removeprefix("see ").split(SOFT_HYPHEN)
    assert [len(p) for p in pieces] == [WORD_CHARS, WORD_CHARS, WORD_CHARS, 5]
    assert broken.replace(SOFT_HYPHEN, "") == "see " + "y" * (3 * WORD_CHARS + 5)


def test_every_text_of_a_printable_plan_is_short_and_breakable(council):
    framework, graph = council
    x = "x" * 60_000
    plan = development_plan(
        framework, graph, APM, DM, date=dt.date(2026, 12, 3), person=x, manager=x, actions=[Action(x, None, x, x)] * 99
    )
    seen = []

    def walk(value):
        if isinstance(value, str):
            seen.append(value)
        elif isinstance(value, tuple | list):
            for v in value:
                walk(v)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                walk(getattr(value, name))

    walk(printable(plan))
    assert seen
    for text in seen:
        assert len(text.replace(SOFT_HYPHEN, "")) <= PRINTED_CHARS
        assert all(len(word) <= WORD_CHARS for word in text.replace(SOFT_HYPHEN, " ").split())
