"""Skills page (AppTest): every skill, searchable and filterable; one skill level by level with the roles that need
it (links to their profiles) and the ways to learn it; one area down each ladder; an organisation's catalogue
first; a skill's name linked from a role's profile."""

from __future__ import annotations

import sys

import pytest

from framework.learning import Catalogue, CatalogueEntry, Serves
from tests.apptest import page, param, pick_row, shown_tables, sort_by, texts
from tests.conftest import SHIPPED
from ui import learning

SKILLS = "pages/skills.py"


def links(at) -> list[str]:
    """The Markdown links the page draws for the app's own pages (a page run on its own has no navigation)."""
    return [m.value for m in at.markdown if m.value.startswith("[") and "](./" in m.value]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_the_list_runs_on_every_shipped_framework(path):
    at = page(SKILLS, framework=path.stem)
    assert not at.exception
    assert at.title[0].value == "Skills"
    assert shown_tables(at), "every shipped framework has skills or areas to list"


def test_every_ddat_skill_is_listed_and_the_filters_narrow_the_list_and_are_in_the_link():
    at = page(SKILLS, framework="ddat")
    assert len(shown_tables(at)[0].value) == 188
    at.text_input(key="skill-search").input("research").run()
    assert list(shown_tables(at)[0].value["Skill"]) == [
        "Agile research practices",
        "Applying statistical and analytical tools and techniques",  # its description names research
        "Inclusive research",
        "Research and innovation",
        "Research management, leadership and assurance",
        "User research methods",
    ]
    assert param(at, "skill-search") == ["research"]
    at.multiselect(key="skill-discipline").set_value(["User-centred design"]).run()
    assert set(shown_tables(at)[0].value["Disciplines"]) == {"User-centred design"}
    assert param(at, "skill-discipline") == ["User-centred design"]


def test_the_filters_come_from_the_link():
    at = page(
        SKILLS, framework="ddat", **{"skill-search": "research methods", "skill-discipline": "User-centred design"}
    )
    assert list(shown_tables(at)[0].value["Skill"]) == ["User research methods"]


def test_a_skill_opened_from_the_lists_table_shows_its_levels_in_the_same_run():
    at = page(SKILLS, framework="ddat", **{"skill-search": "user research methods"})
    table = shown_tables(at)[0]
    assert table.ids == ["user-research-methods"]
    assert table.links == ["?skill=user-research-methods&framework=ddat"]
    pick_row(at, "skills-table-skill", "user-research-methods")
    assert not at.exception
    assert at.title[0].value == "User research methods"
    assert param(at, "skill") == ["user-research-methods"]


def test_a_heading_sorts_the_skills_numbers_as_numbers():
    at = page(SKILLS, framework="ddat")
    sort_by(at, "skills-table-skill", "Roles", "desc")
    table = shown_tables(at)[0]
    assert table.sorted_by == ("Roles", "descending")
    counts = [int(n) for n in table.value["Roles"]]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] > 9 > counts[-1], "10 and more before 9: not sorted as text"


def test_an_area_opened_from_its_table():
    at = page(SKILLS, framework="ft-engineering")
    areas = shown_tables(at)[-1]
    assert "communication" in areas.ids
    assert at.selectbox(key="area").placeholder == "Choose an area"
    pick_row(at, "skills-table-area", "communication")
    assert not at.exception
    assert param(at, "area") == ["communication"]
    assert not shown_tables(at), "the area's view alone"


def test_choosing_a_skill_opens_its_view_as_a_link_of_its_own():
    at = page(SKILLS, framework="ddat")
    at.selectbox(key="skill").set_value("user-research-methods").run()
    assert at.title[0].value == "User research methods"
    assert param(at, "skill") == ["user-research-methods"]
    assert not shown_tables(at), "the list is not drawn under a skill"
    at.button[0].click().run()  # "All skills"
    assert at.title[0].value == "Skills"
    assert param(at, "skill") == []


def test_a_ddat_skill_shows_each_level_its_roles_linked_and_how_to_learn_it():
    at = page(SKILLS, framework="ddat", skill="user-research-methods")
    assert not at.exception
    assert [h.value for h in at.header] == ["Awareness", "Working", "Practitioner", "Expert"]
    shown = texts(at)
    assert "You can:\n\n- plan and conduct a user research project, with support" in shown
    assert "**Roles that need it at this level** (2)" in shown
    assert (
        "[Junior user researcher (Junior (junior, associate))](./roles?role=junior-user-researcher&framework=ddat)"
        in (links(at))
    )
    assert "[Head of user research](./roles?role=head-of-user-research&framework=ddat)" in links(at)
    learn = [m.value for m in at.markdown if m.value.startswith("- [")]
    assert learn[0].startswith(
        "- [User research for government services: an introduction]"
        "(https://www.gov.uk/service-manual/user-research/how-user-research-improves-service-design) — GOV.UK "
        "Service Manual · guide · free"
    )
    assert "Title and address verified in [duncanjbrown/service-manual-mirror at 1db9458]" in learn[0]
    assert any(
        "[Using in-depth interviews](https://www.gov.uk/service-manual/user-research/using-in-depth-interviews)" in m
        for m in learn
    )
    assert "Open Government Licence v3.0" in at.markdown[-1].value, "the catalogue's attribution is shown with it"


def test_a_level_with_many_resources_shows_five_and_the_rest_one_click_away():
    at = page(SKILLS, framework="ddat", skill="user-research-methods")
    working = [m.value for m in at.markdown if m.value.startswith("- [")][1]
    assert working.count("\n- [") == 4
    assert [e.label for e in at.expander] == ["5 more", "5 more"]


def test_a_council_skill_lists_the_expectations_that_mention_it():
    at = page(SKILLS, skill="stakeholder-relationship-management")
    assert "Expectations that mention it" in [h.value for h in at.header]
    assert (
        "- **Associate Project Manager (PO1)**, Skills and Abilities: “Ability to develop honest and positive "
        "relationships” (mentions “relationships”)"
    ) in texts(at)


def test_an_unknown_skill_in_a_link_is_named_and_the_list_shown():
    at = page(SKILLS, framework="ddat", skill="no-such-skill")
    assert not at.exception
    assert at.title[0].value == "Skills"
    assert "no-such-skill" in at.warning[0].value


def test_an_area_of_an_expectations_framework_is_read_down_each_ladder():
    at = page(SKILLS, framework="ft-engineering", area="communication")
    assert not at.exception
    assert at.title[0].value == "Communication"
    shown = texts(at)
    assert (
        "**Junior Engineer**\n\n- Presents their work clearly and talks about progress concisely in meetings" in shown
    )
    assert shown.index("**Junior Engineer**") < shown.index("**Engineer**") < shown.index("**Senior Engineer 1**")
    profile = "[Open the profile of Junior Engineer](./roles?role=engineering-junior&framework=ft-engineering)"
    assert profile in links(at)
    assert "No resource in the catalogues in use serves this area" in shown


OURS = Catalogue(
    id="ours",
    name="Our L&D catalogue",
    resources=[
        CatalogueEntry(
            title="Research with the digital team",
            kind="shadowing",
            access="organisation",
            serves=[Serves(skill="user-research-methods", levels=["working"])],
            source="Our L&D list, 2026",
        )
    ],
)


def test_an_organisations_catalogue_comes_first_marked_for_its_staff_only():
    at = page(SKILLS, framework="ddat", skill="user-research-methods")
    at.session_state["_added_catalogue"] = learning.Added("ours.yaml", OURS, "ddat", "DDaT", ())
    at.run()
    working = [m.value for m in at.markdown if m.value.startswith("- ")][1]
    assert working.startswith(
        "- **Research with the digital team** — shadowing · **Organisation only**  \n"
        "  :small[Listed in Our L\\&D list, 2026]"
    )
    assert "**Learning resources:** Our L&D catalogue (your organisation's, 1 resource). Open learning" in texts(at)
    at.session_state["framework"] = "roles"
    at.query_params["skill"] = "planning"
    at.run()
    assert "Research with the digital team" not in texts(at), "used with the framework it was added for only"


def test_a_catalogue_given_at_start_up_is_used_before_the_shipped_one(tmp_path, monkeypatch):
    path = tmp_path / "ours.yaml"
    from framework.learning import dump_catalogue

    path.write_text(dump_catalogue(OURS), encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["app.py", "--catalogue", str(path)])
    at = page(SKILLS, framework="ddat", skill="user-research-methods")
    working = [m.value for m in at.markdown if m.value.startswith("- ")][1]
    assert working.startswith("- **Research with the digital team**")


def test_a_roles_skills_link_to_their_pages():
    at = page("pages/roles.py", role="delivery-manager", tab="skills")
    assert "[Agile and Lean practices (Practitioner)](./skills?skill=agile-and-lean-practices)" in links(at)
    at = page("pages/roles.py", framework="ddat", role="delivery-manager", tab="skills")
    assert any(link.endswith("(./skills?skill=agile-and-lean-practices&framework=ddat)") for link in links(at))


def test_a_long_list_is_shown_a_page_at_a_time_and_sorted_as_a_whole(monkeypatch):
    from ui.views import skills

    monkeypatch.setattr(skills, "LISTED_AT_ONCE", 50)
    at = page(SKILLS, framework="ddat")
    assert len(shown_tables(at)[0].ids) == 50
    assert "Skills 1–50 of 188" in texts(at)
    sort_by(at, "skills-table-skill", "Skill", "desc")
    at.number_input(key="skills-table-skill-page").set_value(4).run()
    assert not at.exception
    last = shown_tables(at)[0].value["Skill"]
    assert len(last) == 38
    assert last.iloc[-1] == "Accessibility", "the last of the whole list sorted backwards"


def test_a_skills_roles_at_a_level_are_shown_a_page_at_a_time(monkeypatch):
    """However many roles need a skill at a level, the page links a few at a time (a framework of thousands of roles
    sends no more for a skill than one of a few hundred)."""
    from ui.views import skills

    monkeypatch.setattr(skills, "ROLE_LINKS_AT_ONCE", 1)
    at = page(SKILLS, framework="ddat", skill="user-research-methods")
    assert not at.exception
    assert "**Roles that need it at this level** (2)" in texts(at)
    assert "Roles 1–1 of 2" in texts(at)
    box = at.number_input(key="skill-roles-working")
    before = set(links(at))
    box.set_value(2).run()
    assert not at.exception
    assert "Roles 2–2 of 2" in texts(at)
    assert set(links(at)) != before, "the next of the level's roles"
