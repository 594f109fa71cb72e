"""The development plan: an honest gap, what changes at the next level, a focus, ways to practise, actions,
and the same plan as Markdown, CSV and a one-page PDF — on every shipped framework."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import subprocess

import pandas as pd
import pytest
from pypdf import PdfReader

from framework import load_framework, load_framework_text
from framework.graph import build_graph
from framework.plan import (
    Action,
    PlanResource,
    development_plan,
    focus_candidates,
    level_changes,
    plan_basis,
    plan_from,
    route_check,
)
from framework.planfiles import PLAN_CSV_COLUMNS, plan_csv, plan_markdown, plan_pdf
from framework.practice import duty_sentences
from framework.skills import NOT_LISTED, Profile, dump_profile, skill_gap
from tests.commands import framework_command
from tests.conftest import COUNCIL, ROOT, shipped_params
from tests.samples import TINY

DAY = dt.date(2026, 12, 2)
DM, SPM, APM = "delivery-manager", "senior-product-manager", "associate-project-manager"


@pytest.fixture(scope="module", params=shipped_params())
def shipped(request):
    framework = load_framework(request.param)
    return framework, build_graph(framework)


def pairs(framework, G, most: int = 60):
    """Pairs of roles to plan between: every promotion, then other pairs, up to ``most``."""
    out = [(u, v) for u, v, d in G.edges(data=True) if d["kind"] == "promotion"]
    ids = [r.id for r in framework.roles]
    out += [(a, b) for a, b in itertools.islice(itertools.permutations(ids[:12], 2), most)]
    return list(dict.fromkeys(out))[:most]


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


# --------------------------------------------------------------------------- the gap is honest


def test_a_skill_the_current_role_does_not_list_is_never_none(shipped):
    framework, G = shipped
    checked = 0
    for current, target in pairs(framework, G):
        gap = skill_gap(framework, current, target)
        unlisted = [r for r in gap.rows if r.standing == NOT_LISTED]
        if not unlisted:
            continue
        checked += 1
        plan = development_plan(framework, G, current, target, date=DAY, focus_size=100)
        for item in plan.candidates:
            if item.kind == "skill":
                assert item.now != "none", (current, target, item.name)
        assert "none →" not in plan_markdown(plan)
        table = pd.read_csv(io.StringIO(plan_csv(plan).lstrip("\ufeff")), keep_default_na=False)
        assert "none" not in set(table["Now"]), (current, target)
    if framework.skills:
        assert checked, "some pair compares roles whose profiles list different skills"


def test_no_focus_skill_says_not_defined_where_a_level_above_the_one_held_is(shipped):
    framework, G = shipped
    for current, target in pairs(framework, G):
        gap = skill_gap(framework, current, target)
        held = {row.skill: framework.level_rank.get(row.current, 0) for row in gap.rows}
        for item in focus_candidates(framework, current, target):
            if item.kind != "skill":
                continue
            skill_id = item.key.removeprefix("skill/")
            skill = framework.skills_by_id[skill_id]
            above = [lv for lv in framework.skill_levels if framework.level_rank[lv.id] > held[skill_id]]
            described = any(skill.levels.get(lv.id) for lv in above)
            for step in item.looks_like:
                assert bool(step.text) == described, (current, target, item.name, step.level)
                if step.note and described:
                    assert "nearest level above the one held that it describes" in step.note


def test_a_blank_descriptor_gives_the_nearest_level_above_the_one_held_labelled(council, council_graph):
    """APM → DM, *Making a process work* (Working → Expert): DDaT leaves Practitioner undescribed; what stands in
    is Expert, the nearest level it describes above Working — never Working, which is held."""
    plan = development_plan(council, council_graph, APM, DM, date=DAY)
    process = next(i for i in plan.candidates if i.key == "skill/making-a-process-work")
    practitioner = next(step for step in process.looks_like if step.level == "Practitioner")
    assert practitioner.note == (
        "DDaT Capability Framework leaves Practitioner undescribed for this skill; this is the nearest level above "
        "the one held that it describes, Expert."
    )
    assert practitioner.text == council.skills_by_id["making-a-process-work"].levels["expert"]
    planning = next(i for i in plan.candidates if i.key == "skill/planning")  # Awareness → Practitioner
    working = next(step for step in planning.looks_like if step.level == "Working")
    assert working.note.endswith("Practitioner.")
    assert working.text == council.skills_by_id["planning"].levels["practitioner"]


def test_ways_to_practise_are_duties_labelled_with_their_document_and_rule(council, council_graph):
    plan = development_plan(council, council_graph, APM, DM, date=DAY, focus_size=100)
    duties = {d.text for d in duty_sentences(council.role(DM))}
    for item in plan.candidates:
        if item.kind != "skill":
            continue
        for practice in item.practise:
            assert practice.text in duties
            assert practice.source.startswith(
                "the Delivery Manager job description, Digital and Customer Services (it names: "
            )
        if item.practise:
            assert item.practise_rule.startswith("Each is a sentence from the main duties of the Delivery Manager")
        else:
            assert item.practise_rule is None
    text = plan_markdown(plan)
    assert "headings, the role's purpose and its person specification never count" in text


def test_each_level_needed_and_each_descriptor_says_where_it_is_stated(dm_to_spm):
    """The level needed comes from the target's profile (and the DDaT role level the profile took it from); the
    descriptors are in the words of the skill's source; a criterion is the person specification's."""
    product, _, _ = dm_to_spm.focus
    assert product.needed_source == "the Senior Product Manager profile, taken from DDaT: Senior product manager"
    assert {step.source for step in product.looks_like} == {"DDaT Capability Framework"}
    assert product.looks_like[-1].heading == "Expert, in the words of DDaT Capability Framework"
    text = plan_markdown(dm_to_spm)
    assert (
        "**Needed:** Expert, stated in the Senior Product Manager profile, taken from DDaT: Senior product manager"
        in text
    )
    assert "*Expert, in the words of DDaT Capability Framework:*" in text
    table = pd.read_csv(io.StringIO(plan_csv(dm_to_spm).lstrip("\ufeff")), keep_default_na=False)
    focus = table[table["Part"] == "Focus"]
    assert list(focus["Needed, stated in"]) == [item.needed_source for item in dm_to_spm.focus]
    assert "Expert, in the words of DDaT Capability Framework:" in focus.iloc[0]["What good looks like"]
    _, pdf = pdf_text(plan_pdf(dm_to_spm))
    assert "Needed: Expert, stated in the Senior Product Manager profile, taken from DDaT: Senior product manager" in (
        " ".join(pdf.split())
    )


def test_a_criterion_needed_is_stated_in_the_person_specification(council, council_graph):
    plan = development_plan(council, council_graph, DM, SPM, date=DAY,
                            focus=["expectation/senior-product-manager/knowledge-essential-1"])  # fmt: skip
    (criterion,) = plan.focus
    assert criterion.needed_source == "Person specification of Senior Product Manager, Knowledge — Essential"
    assert criterion.looks_like[0].heading == (
        "Essential, in the words of Person specification of Senior Product Manager, Knowledge — Essential"
    )
    assert criterion.looks_like[0].text == "Product thinking and how to apply it"


# --------------------------------------------------------------------------- what changes at the next level


def test_what_changes_from_delivery_manager_to_senior_product_manager(council):
    changes = level_changes(council, DM, SPM)
    assert changes.compared_with == "Delivery Manager"
    assert len(changes.essential) == 15
    assert len(changes.desirable) == 8
    assert changes.expectations[: len(changes.essential)] == changes.essential, "essential first"
    assert all(e.role == SPM for e in changes.expectations)
    texts = [e.text for e in changes.expectations]
    assert "Product thinking and how to apply it" in texts
    spm = council.role(SPM).job_description.person_specification
    every = {item for c in spm.criteria for g in c.groups for item in g.items}
    assert set(texts) <= every, "the criteria are the person specification's own words"
    assert {c.what: (c.now, c.then) for c in changes.responsibilities}["Grade"] == ("PO4", "PO6")
    assert "People managed" in {c.what for c in changes.responsibilities}
    # In plain words, a line per role: a budget the target's document does not state is "none stated" for it.
    assert changes.said == (
        "Grade: from PO4 to PO6",
        "People managed for Delivery Manager: up to 1 directly, up to 10 indirectly",
        "People managed for Senior Product Manager: up to 4 directly, up to 16 indirectly",
        "Budget for Delivery Manager: “Monitor and manage the team budget for the services you offer; these may "
        "exceed £1m.”",
        "Budget: none stated for Senior Product Manager",
    )
    assert {r.skill for r in changes.new_skills} >= {"product-management"}
    assert all(r.standing != "held" for r in changes.new_skills)


# --------------------------------------------------------------------------- paths and gap agree


def test_route_check_agrees_with_progression_paths(council, council_graph):
    assert route_check(council, council_graph, APM, DM).has_route
    none = route_check(council, council_graph, DM, SPM)
    assert not none.has_route
    assert none.reason.startswith("Senior Product Manager has no rung below it, no lateral move into it")
    across = route_check(council, council_graph, "lead-developer", DM)
    assert not across.has_route
    assert [role for role, _ in across.nearest] == ["project-manager", APM], "roles that do lead there, nearest first"


# --------------------------------------------------------------------------- the plan and its files


@pytest.fixture(scope="module")
def dm_to_spm(council, council_graph):
    actions = [
        Action("Shadow the product lead for a sprint", dt.date(2027, 1, 29), "Sam", "Alex to arrange", "In progress")
    ]
    return development_plan(
        council, council_graph, DM, SPM, date=DAY, person="Sam Okafor", manager="Alex Reid",
        next_check_in=dt.date(2027, 2, 5), actions=actions,
    )  # fmt: skip


def test_the_plan_focuses_on_the_three_biggest_gaps_and_names_the_missing_criteria(dm_to_spm):
    plan = dm_to_spm
    assert [item.key for item in plan.focus] == [
        "skill/product-management",
        "skill/applying-user-centred-insights",
        "skill/creating-value-for-money",
    ]
    assert plan.focus[0].now == "not in Delivery Manager's profile"
    assert plan.focus[0].looks_like[-1].level == "Expert"
    assert all(item.practise for item in plan.focus), "each focus skill has ways to practise from the SPM's duties"
    text = plan_markdown(plan)
    assert "# Development plan: Delivery Manager (PO4) → Senior Product Manager (PO6)" in text
    assert "**Person:** Sam Okafor" in text
    assert "**Next check-in:** 5 Feb 2027" in text
    assert "Product thinking and how to apply it" in text, "the SPM criteria the DM does not have"
    assert "| Shadow the product lead for a sprint | 29 Jan 2027 | Sam | Alex to arrange | In progress |" in text
    assert "- Budget: none stated for Senior Product Manager\n" in text
    # A descriptor's bullets are a Markdown list: "You can:" as a paragraph, then "- " items, not escaped.
    assert "You can:\n\n- set the strategy and vision for your products, collaborating with others\n- " in text
    assert "## Agreed actions" in text
    assert "No route in the framework leads to Senior Product Manager" in text


def test_a_chosen_focus_is_kept_in_its_order_and_the_rest_left_for_later(council, council_graph):
    chosen = ["expectation/senior-product-manager/knowledge-essential-1", "skill/life-cycle-management", "skill/nope"]
    plan = development_plan(council, council_graph, DM, SPM, date=DAY, focus=chosen)
    assert [item.key for item in plan.focus] == chosen[:2]
    assert plan.focus[0].kind == "expectation"
    assert plan.focus[0].needed == "Essential"
    assert len(plan.focus) + len(plan.others) == len(focus_candidates(council, DM, SPM))


def test_the_csv_says_who_from_to_and_when_on_every_row(dm_to_spm):
    table = pd.read_csv(io.StringIO(plan_csv(dm_to_spm).lstrip("\ufeff")), keep_default_na=False)
    assert list(table.columns) == PLAN_CSV_COLUMNS
    assert set(table["Person"]) == {"Sam Okafor"}
    assert set(table["Line manager"]) == {"Alex Reid"}
    assert set(table["From"]) == {"Delivery Manager (PO4)"}
    assert set(table["To"]) == {"Senior Product Manager (PO6)"}
    assert set(table["Date"]) == {"2026-12-02"}
    assert list(table["Part"]).count("Focus") == 3
    assert list(table["Part"]).count("Action") == 1
    action = table[table["Part"] == "Action"].iloc[0]
    assert (action["By when"], action["Status"]) == ("2027-01-29", "In progress")


def pdf_pages(data: bytes) -> list[str]:
    """Each page's text, its white space folded."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def test_the_pdfs_first_page_is_the_sheet_for_the_1_to_1(dm_to_spm):
    first, *rest = pdf_pages(plan_pdf(dm_to_spm))
    assert "Development plan: Delivery Manager (PO4) to Senior Product Manager (PO6)" in first
    for item in dm_to_spm.focus:
        assert item.name in first
    assert "Agreed actions" in first
    assert "Shadow the product lead for a sprint" in first
    assert "29 Jan 2027" in first
    assert "Sam Okafor" in first
    assert "Line manager:" in first
    assert "Date:" in first
    # What changes, in plain words, a line each.
    assert "exceed £1m.” • Budget: none stated for Senior Product Manager" in first
    assert "then none stated" not in first
    assert rest, "the focus in detail follows on the next pages"
    assert rest[0].startswith("The focus in detail")


def test_the_pdf_never_cuts_the_frameworks_words(dm_to_spm):
    """Every descriptor of the level needed, every way to practise and every criterion is printed whole: no "…"."""
    text = " ".join(pdf_pages(plan_pdf(dm_to_spm)))
    assert "…" not in text
    for item in dm_to_spm.focus:
        needed = item.looks_like[-1].text
        for line in needed.splitlines():
            assert " ".join(line.removeprefix("- ").split()) in text, line
        for practice in item.practise:
            assert " ".join(practice.text.split()) in text
    for criterion in dm_to_spm.changes.expectations:
        assert " ".join(criterion.text.split()) in text
    assert "• coach and mentor others in product management" in text, "a descriptor's bullets stay bullets"


@pytest.mark.parametrize("path", shipped_params())
def test_every_shipped_framework_makes_a_plan_whose_first_page_is_the_sheet(path):
    framework = load_framework(path)
    G = build_graph(framework)
    promotions = [(u, v) for u, v, d in G.edges(data=True) if d["kind"] == "promotion"]
    u, v = max(promotions, key=lambda pair: len(focus_candidates(framework, *pair)))
    plan = development_plan(framework, G, u, v, date=DAY)
    first, *_ = pdf_pages(plan_pdf(plan))
    assert framework.role(v).title in first
    assert "Agreed actions" in first
    assert "Line manager:" in first
    assert plan.focus, "a promotion always asks something new"
    assert plan_markdown(plan).count("### 1. ") == 1


def test_a_plan_is_its_basis_and_the_choices_written_in(council, council_graph):
    """The basis is computed once; applying what people write in does not compute the gap again."""
    basis = plan_basis(council, council_graph, DM, SPM)
    assert basis.default_focus == tuple(item.key for item in basis.candidates[:3])
    plan = plan_from(basis, date=DAY, person="Sam Okafor", actions=[Action("Read the service manual")])
    assert plan == development_plan(
        council, council_graph, DM, SPM, date=DAY, person="Sam Okafor", actions=[Action("Read the service manual")]
    )
    assert plan.actions[0].status == "Not started", "an action starts as not started"


def test_the_frameworks_resources_are_listed_per_focus_item_with_where_they_come_from(council, council_graph):
    """A skill's own resources in the framework file: those for the level to reach first, then those for the skill
    as a whole; each says where the plan found it, and that it is listed in the framework (not verified)."""
    from framework.models import Resource

    skills = dict(council.skills_by_id)
    product = skills["product-management"].model_copy(
        update={
            "resources": [Resource(title="Product thinking", link="https://example.org/p", kind="guide")],
            "level_resources": {
                "expert": [Resource(title="Leading product strategy", kind="course")],
                "working": [Resource(title="Not the level to reach", kind="course")],
            },
        }
    )
    skills["product-management"] = product
    with_resources = council.model_copy(update={"skills": [skills[s.id] for s in council.skills]})
    with_resources.__dict__.pop("skills_by_id", None)
    plan = development_plan(with_resources, council_graph, DM, SPM, date=DAY)
    item = next(i for i in plan.focus if i.key == "skill/product-management")
    every_level = f"{council.name}, for every level of Product management"
    assert [(r.title, r.link, r.kind, r.found) for r in item.resources] == [
        ("Leading product strategy", None, "course", f"{council.name}, for Expert"),
        ("Product thinking", "https://example.org/p", "guide", every_level),
    ]
    assert isinstance(item.resources[0], PlanResource)
    text = plan_markdown(plan)
    assert "- **Leading product strategy** — course  \n  *" in text
    assert f"*{council.name}, for Expert; listed in {council.name}, skill Product management, level expert*" in text


def test_a_plan_from_a_self_assessment(council, council_graph):
    mine = Profile(framework=council.id, label="Mine", based_on=APM, skills={"planning": "expert"})
    plan = development_plan(council, council_graph, mine, DM, date=DAY)
    assert plan.current_label == "Mine"
    assert plan.levels_from == "your own assessment of your levels"
    planning = [item for item in plan.candidates if item.key == "skill/planning"]
    assert not planning, "planning is met at expert"
    assert any(item.now == "none, by your own assessment" for item in plan.candidates)
    assert plan.changes.compared_with == "Associate Project Manager", "criteria compared with the role it is based on"


def test_framework_and_user_text_never_becomes_markup_or_a_formula():
    tiny = load_framework_text(TINY, name="tiny.yaml")
    G = build_graph(tiny)
    plan = development_plan(
        tiny, G, "junior", "senior", date=DAY, person="<b>Eve</b>", manager="=cmd|' /C calc'!A0",
        actions=[Action("=HYPERLINK(\"http://example.invalid\")", None, "@me", "-1", "Not started")],
    )  # fmt: skip
    text = plan_markdown(plan)
    assert "\\<b\\>Eve\\</b\\>" in text
    assert "\\*bold\\* \\<script\\>alert(1)\\</script\\>" in text
    table = pd.read_csv(io.StringIO(plan_csv(plan).lstrip("\ufeff")), keep_default_na=False)
    for column in table.columns:
        for value in table[column].astype(str):
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (column, value)
    _, pdf = pdf_text(plan_pdf(plan))
    assert "<b>Eve</b>" in pdf, "shown as written, not as mark-up"


# --------------------------------------------------------------------------- the same from the command line


def cli(*args: str) -> subprocess.CompletedProcess:
    return framework_command("plan", "--framework", COUNCIL, *args)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["md", "csv", "pdf"])
def test_the_command_line_writes_the_plan_the_page_offers(tmp_path, council, council_graph, fmt):
    out = tmp_path / f"plan.{fmt}"
    result = cli("--current", DM, "--target", SPM, "--format", fmt, "-o", str(out), "--date", "2026-12-02",
                 "--person", "Sam Okafor", "--manager", "Alex Reid")  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"wrote {out}: 3 gaps in focus")
    from framework.learning import merge_catalogues, read_catalogue

    shipped = merge_catalogues(shipped=[read_catalogue(ROOT / "data" / "learning" / "ddat.yaml")])
    plan = development_plan(
        council, council_graph, DM, SPM, date=DAY, person="Sam Okafor", manager="Alex Reid", library=shipped
    )
    assert plan.focus[0].resources, "the shipped catalogue's resources, as the page lists them"
    if fmt == "md":
        assert out.read_text(encoding="utf-8") == plan_markdown(plan)
    elif fmt == "csv":
        assert out.read_text(encoding="utf-8") == plan_csv(plan)
    else:
        assert pdf_text(out.read_bytes()) == pdf_text(plan_pdf(plan))


@pytest.mark.slow
def test_the_command_line_takes_a_saved_assessment_and_a_focus(tmp_path, council):
    saved = tmp_path / "mine.yaml"
    saved.write_text(dump_profile(Profile(framework=council.id, label="Mine", based_on=APM)), encoding="utf-8")
    out = tmp_path / "plan.md"
    result = cli("--current", APM, "--target", DM, "--assessment", str(saved), "--focus", "5", "--format", "md",
                 "-o", str(out))  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Development plan: Mine → Delivery Manager (PO4)")
    assert text.count("\n### ") == 5


@pytest.mark.slow
def test_the_command_line_lists_an_organisations_catalogue_first(tmp_path):
    ours = tmp_path / "ours.yaml"
    ours.write_text(
        "id: ours\nname: Our L&D catalogue\nresources:\n"
        "- {title: Product leadership programme, kind: course, access: organisation, source: Our course list,\n"
        "   serves: [{skill: product-management, levels: [expert]}]}\n",
        encoding="utf-8",
    )
    out = tmp_path / "plan.csv"
    result = cli("--current", DM, "--target", SPM, "--catalogue", str(ours), "--format", "csv", "-o", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    rows = pd.read_csv(out, encoding="utf-8-sig", keep_default_na=False)
    product = rows[(rows["Part"] == "Focus") & (rows["Item"] == "Product management")].iloc[0]
    first, second = product["Resources"].splitlines()[:2]
    assert first.startswith("Product leadership programme — course, Organisation only (Our L&D catalogue, for Expert")
    assert second.startswith("Developing a roadmap — GOV.UK Service Manual"), "then the shipped catalogue's"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--current", "delivery-manger", "--target", SPM], "did you mean 'delivery-manager'?"),
        (["--current", DM, "--target", SPM, "--assessment", "nowhere.yaml"], "nowhere.yaml: cannot read"),
    ],
)
@pytest.mark.slow
def test_the_command_line_names_what_is_wrong(tmp_path, args, said):
    result = cli(*args, "--format", "md", "-o", str(tmp_path / "plan.md"))
    assert result.returncode == 1
    assert said in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_a_plans_file_name_says_whose_it_is_for_which_role_and_when(dm_to_spm, council, council_graph):
    from framework.planfiles import plan_file_stem

    assert plan_file_stem(dm_to_spm) == "development-plan-sam-okafor-senior-product-manager-2026-12-02"
    nameless = development_plan(council, council_graph, DM, SPM, date=DAY)
    assert plan_file_stem(nameless) == "development-plan-senior-product-manager-2026-12-02"
