"""The Skills page in Chromium: a DDaT skill level by level — its roles linked to their profiles, its resources
linked to their pages — the same view from a shared link, a skill reached from a role's profile without losing
what the session holds, an organisation's catalogue added in the sidebar, and every view axe-clean."""

from __future__ import annotations

import re

from .helpers import (
    axe_audit,
    choose,
    describe_violations,
    exceptions,
    expect_rerun,
    goto,
    new_page,
    screenshot,
    selected,
    wait_for_app,
)

SKILL = {"framework": "ddat", "skill": "user-research-methods"}
LEVELS = ["Awareness", "Working", "Practitioner", "Expert"]


def _main(page):
    return page.locator('[data-testid="stMain"]')


def _levels(page) -> list[str]:
    return [h.strip() for h in _main(page).locator("h2").all_inner_texts()]


def _resource_links(page) -> dict[str, str]:
    """The resources' links: title → address (the external links of the main area's lists)."""
    found = _main(page).locator('li a[href^="https://www.gov.uk/"], li a[href^="https://design-system"]')
    return {found.nth(i).inner_text(): found.nth(i).get_attribute("href") for i in range(found.count())}


def test_a_ddat_skill_shows_its_levels_roles_and_resources_and_is_accessible(page, app_url):
    goto(page, app_url, "/skills", **SKILL)
    assert exceptions(page) == []
    assert _main(page).locator("h1").inner_text().strip() == "User research methods"
    assert _levels(page) == LEVELS
    roles = _main(page).locator('a[href*="roles?role="]')
    hrefs = [roles.nth(i).get_attribute("href") for i in range(roles.count())]
    assert len(hrefs) == 6, "each of the six roles that need it, under its level"
    assert any(h.endswith("roles?role=head-of-user-research&framework=ddat") for h in hrefs), hrefs
    resources = _resource_links(page)
    assert (
        resources["Using in-depth interviews"]
        == "https://www.gov.uk/service-manual/user-research/using-in-depth-interviews"
    )
    first = _main(page).locator("li", has_text="Using in-depth interviews").first
    assert first.locator("a").first.get_attribute("target") == "_blank", "a resource opens beside the app"
    assert "Title and address verified in duncanjbrown/service-manual-mirror at 1db9458" in first.inner_text()
    screenshot(page, "skills-ddat-user-research-methods")
    violations = axe_audit(page, "skills-ddat-user-research-methods")
    assert not violations, describe_violations(violations)


def test_a_role_link_opens_its_profile_in_the_same_session(page, app_url):
    goto(page, app_url, "/skills", **SKILL)
    choose(page, "My current role", "User researcher (Mid-level)")
    with expect_rerun(page):
        _main(page).locator('a[href*="roles?role=senior-user-researcher"]').click()
    assert _main(page).locator("h1").inner_text().strip() == "Senior user researcher"
    assert "role=senior-user-researcher" in page.url
    assert selected(page, "My current role").startswith("User researcher"), "the session is the same one"
    assert "DDaT" in selected(page, "Framework")


def test_a_shared_link_opens_the_same_view(page, app_url, browser):
    goto(page, app_url, "/skills", framework="ddat")
    choose(page, "Open the skill", "User research methods")
    assert re.search(r"[?&]skill=user-research-methods", page.url), page.url
    seen = (_levels(page), _resource_links(page))
    other = new_page(browser)
    try:
        other.goto(page.url)
        wait_for_app(other)
        assert exceptions(other) == []
        assert _main(other).locator("h1").inner_text().strip() == "User research methods"
        assert (_levels(other), _resource_links(other)) == seen
    finally:
        other.context.close()


def test_a_skill_is_reached_from_a_roles_profile_with_the_session_kept(page, app_url):
    goto(page, app_url, "/roles", role="delivery-manager", tab="skills")
    choose(page, "My current role", "Associate Project Manager (PO1)")
    link = _main(page).locator('a[href*="skills?skill=planning"]')
    assert link.inner_text().strip().endswith("Planning (Practitioner)")
    with expect_rerun(page):
        link.click()
    assert _main(page).locator("h1").inner_text().strip() == "Planning"
    assert "skill=planning" in page.url
    assert selected(page, "My current role").startswith("Associate Project Manager"), "nothing chosen is lost"
    assert "Planning in agile" in _resource_links(page)


CSV = (
    "title,address,kind,access,skill,level,source\n"
    "Research with the digital team,,shadowing,organisation,User research methods,Working,Our L&D list\n"
    "Using in-depth interviews (our copy),https://www.gov.uk/service-manual/user-research/using-in-depth-interviews,"
    "guide,organisation,user-research-methods,Practitioner,Our L&D list\n"
)


def _upload_catalogue(page, name: str, data: bytes, *, then: str):
    """Give the sidebar's catalogue uploader a file, and wait until the panel says ``then`` about it (the check
    runs in the upload worker: the answer may come a run after the upload itself)."""
    panel = page.locator('[data-testid="stSidebar"] [data-testid="stExpander"]', has_text="Add your learning catalogue")
    details = panel.locator("details")
    if details.count() and details.get_attribute("open") is None:
        panel.locator("summary").click()
    with expect_rerun(page):
        panel.locator('input[type="file"]').set_input_files(
            files=[{"name": name, "mimeType": "text/csv", "buffer": data}]
        )
    panel.locator('[data-testid="stAlert"]', has_text=then).wait_for(timeout=120_000)  # a check may queue
    wait_for_app(page)
    return panel


def test_an_organisations_catalogue_is_listed_first_and_marked(page, app_url):
    goto(page, app_url, "/skills", **SKILL)
    panel = _upload_catalogue(page, "ours.csv", CSV.encode(), then="In use: ours.csv")
    assert "In use: ours.csv, 2 resources, used with UK Government Digital and Data" in panel.inner_text()
    working = _main(page).locator("ul").filter(has_text="Research with the digital team").first
    first = working.locator("li").first
    assert first.inner_text().startswith("Research with the digital team — shadowing · Organisation only")
    merged = _main(page).locator("li", has_text="Using in-depth interviews (our copy)").first
    assert "Organisation only" in merged.inner_text(), "the same address once: the organisation's entry shown"
    assert "Using in-depth interviews" not in _resource_links(page), "not listed twice"
    screenshot(page, "skills-with-our-catalogue")
    violations = axe_audit(page, "skills-with-our-catalogue")
    assert not violations, describe_violations(violations)

    panel = _upload_catalogue(page, "broken.csv", b"title,kind\nA,guide\n", then="broken.csv was not added")
    text = panel.inner_text()
    assert "broken.csv was not added: 1 problem. The catalogues in use have not changed." in text
    assert "broken.csv:1: no column for skill or area" in text
    assert "Research with the digital team" in _main(page).inner_text(), "the catalogue in use stays"


def test_the_list_filters_and_opens_a_skill_from_a_row(page, app_url):
    goto(page, app_url, "/skills", framework="ddat")
    search = _main(page).get_by_role("textbox", name="Search")
    with expect_rerun(page):
        search.fill("research methods")
        search.press("Enter")
    assert "skill-search=research+methods" in page.url
    assert "2 of 188 skills" in _main(page).inner_text()
    violations = axe_audit(page, "skills-ddat-list")
    assert not violations, describe_violations(violations)
    choose(page, "Open the skill", "User research methods")
    assert _levels(page) == LEVELS
