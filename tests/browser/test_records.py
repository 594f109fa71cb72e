"""The development record over three conversations, and the team view, in Chromium: a person rates themselves
and saves the file; their manager (another browser) loads it, adds a check-in with their levels and an action,
and saves; a third check-in agrees the outcome and shows the progress; then three records make a team whose
matrix, coverage and single points of failure match what the records say. Screenshots, and axe on each page.
"""

from __future__ import annotations

import re

from framework import load_framework
from framework.record import dump_record, load_record
from framework.team import team_view
from tests.conftest import ROOT
from tests.record_samples import ali, jo

from .helpers import axe_audit, describe_violations, exceptions, expect_rerun, goto, new_page, screenshot

APM, DM = "Associate Project Manager (PO1)", "Delivery Manager (PO4)"
PLANNING = "Planning (target role needs Practitioner)"


def _exactly(text: str) -> re.Pattern:
    return re.compile(rf"^\s*{re.escape(text)}\s*$")


def level(page, label: str, name: str) -> None:
    """Choose the level ``name`` of the skill whose choice is labelled ``label``: one click."""
    group = page.locator(
        '[data-testid="stMain"] [data-testid="stRadio"]',
        has=page.locator('[data-testid="stWidgetLabel"]', has_text=_exactly(label)),
    )
    option = group.get_by_text(name, exact=True)
    option.scroll_into_view_if_needed()
    with expect_rerun(page):
        option.click()


def pick(page, label: str, starts: str) -> None:
    """Choose, in the select box labelled ``label``, the option whose text starts with ``starts``."""
    box = page.locator(
        '[data-testid="stMain"] [data-testid="stSelectbox"]',
        has=page.locator('[data-testid="stWidgetLabel"]', has_text=_exactly(label)),
    )
    field = box.locator("input")
    field.click()
    word = starts.split(" —")[0]
    field.fill(word)  # the box filters its options by what is typed, and shows the part that matches
    options = page.get_by_role("option").filter(has_text=re.compile(rf"^\s*{re.escape(word)}"))
    options.first.wait_for()
    with expect_rerun(page):
        options.first.click()


def type_in(page, label: str, text: str) -> None:
    field = page.locator('[data-testid="stMain"]').get_by_label(label, exact=True)
    with expect_rerun(page):
        field.fill(text)
        field.press("Enter")


def click(page, name: str) -> None:
    with expect_rerun(page):
        page.locator('[data-testid="stMain"]').get_by_role("button", name=name).click()


def voice(page, name: str) -> None:
    with expect_rerun(page):
        page.locator('[data-testid="stMain"] [data-testid="stRadio"]').get_by_text(name, exact=True).click()


def upload(page, files: list[tuple[str, bytes]]) -> None:
    field = page.locator('[data-testid="stMain"] [data-testid="stFileUploader"] input[type="file"]').first
    with expect_rerun(page):
        field.set_input_files(files=[{"name": n, "mimeType": "application/yaml", "buffer": d} for n, d in files])


def save(page) -> bytes:
    with page.expect_download() as download:
        page.locator('[data-testid="stMain"]').get_by_role("button", name="Save as YAML").click()
    name = download.value.suggested_filename
    assert name.startswith("development-record-sam-okafor-"), name  # whose it is, and the day of its check-in
    assert name.endswith(".yaml"), name
    return download.value.path().read_bytes()


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def table(page, key: str) -> list[list[str]]:
    return page.locator(f".st-key-{key} table").evaluate(
        "t => [...t.rows].map(r => [...r.cells].map(c => c.innerText.trim()))"
    )


def audit(page, name: str) -> None:
    violations = axe_audit(page, name)
    assert not violations, describe_violations(violations)


def test_a_record_over_three_check_ins_and_a_team(page, app_url, browser):
    council = load_framework(ROOT / "data" / "roles.yaml")

    # The person starts from their role, rates themselves with the descriptors in view, and saves.
    goto(page, app_url, "/record")
    assert "nothing is kept on the server" in main_text(page)
    pick(page, "Current role", APM)
    pick(page, "Target role (optional)", DM)
    type_in(page, "Name (optional, kept in the file)", "Sam Okafor")
    click(page, "Start a new record")
    assert "Record of Sam Okafor" in main_text(page)
    level(page, PLANNING, "Working")
    words = page.locator('[data-testid="stMain"] [data-testid="stPopover"]').filter(has_text="What each level says")
    with expect_rerun(page):  # its words are drawn when it opens
        words.nth(7).get_by_role("button").click()
    body = page.locator('[data-testid="stPopoverBody"]').last
    body.wait_for()
    said = " ".join(body.inner_text().split())
    assert "Working (chosen) Not described for this skill." in said, "the level chosen, and that it has no words"
    assert "Practitioner (next level up, the target role needs it)" in said
    assert "What the next level looks like. The next level up is Practitioner: You can:" in said
    page.keyboard.press("Escape")
    screenshot(page, "record-1-person-rates")
    audit(page, "record-person")
    first, warnings = load_record(save(page), name="sam.yaml", framework=council)
    assert warnings == []
    assert first.person == "Sam Okafor"
    assert first.latest.skills["planning"].self_level == "working"
    assert exceptions(page) == []

    # The manager, in another browser, loads the file, adds a check-in with their levels and an action, saves.
    manager = new_page(browser)
    try:
        goto(manager, app_url, "/record")
        assert "Sam Okafor" not in main_text(manager), "another session starts with no record: nothing is shared"
        upload(manager, [("sam.yaml", dump_record(first).encode())])
        assert "Loaded sam.yaml: 1 check-in." in main_text(manager)
        click(manager, "Add a new check-in")
        voice(manager, "Line manager")
        level(manager, PLANNING, "Awareness")
        assert "Where your own level and your manager's differ" in main_text(manager)
        assert table(manager, "stacked-differences")[1] == [
            "Planning",
            "Working",
            "Awareness",
            "1 level lower in the manager's view",
        ]
        form = manager.locator('[data-testid="stMain"] [data-testid="stForm"]', has_text="Add an action")
        form.get_by_label("Action", exact=True).fill("Lead sprint planning")
        form.get_by_label("Owner", exact=True).fill("Sam")
        with expect_rerun(manager):
            form.get_by_role("button", name="Add the action").click()
        screenshot(manager, "record-2-manager-levels-and-action")
        second, _ = load_record(save(manager), name="sam.yaml", framework=council)
        assert len(second.check_ins) == 2
        assert second.latest.skills["planning"].manager == "awareness"
        assert second.latest.skills["planning"].self_level == "working"
        assert [a.action for a in second.latest.actions] == ["Lead sprint planning"]
        assert exceptions(manager) == []
    finally:
        manager.context.close()

    # A third check-in, in a third browser: the agreed outcome, and the progress since the first.
    third_page = new_page(browser)
    try:
        goto(third_page, app_url, "/record")
        upload(third_page, [("sam.yaml", dump_record(second).encode())])
        click(third_page, "Add a new check-in")
        voice(third_page, "Agreed outcome")
        level(third_page, PLANNING, "Practitioner")
        with expect_rerun(third_page):
            third_page.locator('[data-testid="stMain"] summary', has_text="Progress over the 3 check-ins").click()
        text = main_text(third_page)
        assert "3 check-ins" in text
        assert (
            "Planning: Awareness (line manager's) → Practitioner (agreed) — the agreed level is new: last time there "
            "was only the line manager's level, so this is another view, not a move"
        ) in text, "an agreed level where there was none is not counted as a move up"
        assert "Lead sprint planning" in text, "the open action is carried into the new check-in"
        rows = {tuple(row[:2]): row[2:] for row in table(third_page, "stacked-progress")[1:]}
        assert rows["Planning", "Own"] == ["Working", "Working", "Working"]
        assert rows["Planning", "Line manager"] == ["—", "Awareness", "Awareness"]
        assert rows["Planning", "Agreed"] == ["—", "—", "Practitioner"]
        charts = third_page.locator('[data-testid="stMain"] [data-testid="stPlotlyChart"]')
        assert charts.count() == len({skill for skill, _ in rows}), "one small chart per skill"
        screenshot(third_page, "record-3-progress")
        audit(third_page, "record-progress")
        third, _ = load_record(save(third_page), name="sam.yaml", framework=council)
        assert third.latest.skills["planning"].agreed == "practitioner"
        assert exceptions(third_page) == []
    finally:
        third_page.context.close()

    # The team: three records at once.
    files = [
        ("sam.yaml", dump_record(third).encode()),
        ("ali.yaml", dump_record(ali(council)).encode()),
        ("jo.yaml", dump_record(jo(council)).encode()),
    ]
    expected = team_view(council, [(n, load_record(d, name=n, framework=council)[0]) for n, d in files])
    goto(page, app_url, "/team")
    assert "Nothing is stored" in main_text(page)
    upload(page, files)
    text = main_text(page)
    assert "3 members" in text
    matrix = table(page, "stacked-team-matrix")
    assert matrix[0] == ["Skill", *expected.members]
    for row, skill in zip(matrix[1:], expected.matrix.columns, strict=True):
        assert row == [skill, *(v or "—" for v in expected.matrix[skill])]
    coverage = table(page, "stacked-team-coverage")
    assert [r[0] for r in coverage[1:]] == [c.name for c in expected.coverage]
    assert [r[2] for r in coverage[1:]] == [str(c.count) for c in expected.coverage]
    # Sam's record started from his role's levels, which he holds as his role asks; Ali's and Jo's records give
    # none in these skills, so Sam alone covers them.
    sam_alone = [
        "Communicating between the technical and non-technical",
        "Financial management",
        "Life cycle management",
        "Maintaining delivery momentum",
        "Team dynamics and collaboration",
    ]
    assert {c.name: c.holders for c in expected.single_points} == {
        **dict.fromkeys(sam_alone, ("Sam Okafor",)),
        "Product management": ("Jo Park",),
    }
    for point in expected.single_points:
        assert f"{point.name}: only {point.holders[0]}" in text
    round_rows = table(page, "stacked-team-round")
    assert [r[0] for r in round_rows[1:]] == list(expected.members)
    assert page.locator('[data-testid="stMain"] [data-testid="stPlotlyChart"]').count() == 1
    screenshot(page, "team-matrix-coverage")
    audit(page, "team")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the team view (Excel)").click()
    assert download.value.suggested_filename == "team-skills.xlsx"
    assert exceptions(page) == []


PHONE = {"width": 390, "height": 844}
SIDEWAYS = (
    "() => { const m = document.querySelector('[data-testid=\"stMain\"]'); return m.scrollWidth - m.clientWidth; }"
)


def test_a_record_and_a_team_on_a_phone(page, app_url):
    council = load_framework(ROOT / "data" / "roles.yaml")
    from tests.record_samples import sam

    page.set_viewport_size(PHONE)
    goto(page, app_url, "/record")
    upload(page, [("sam.yaml", dump_record(sam(council)).encode())])
    assert "Progress over the 3 check-ins" in main_text(page)
    assert page.evaluate(SIDEWAYS) <= 0, "the record scrolls sideways on a phone"
    screenshot(page, "record-phone")
    audit(page, "record-phone")
    goto(page, app_url, "/team")
    upload(page, [(f"{n}.yaml", dump_record(f(council)).encode()) for n, f in (("sam", sam), ("ali", ali), ("jo", jo))])
    assert "3 members" in main_text(page)
    assert page.evaluate(SIDEWAYS) <= 0, "the team view scrolls sideways on a phone"
    screenshot(page, "team-phone")
    audit(page, "team-phone")
    assert exceptions(page) == []
