"""The FT importer, checked against FT's own job-family files.

What FT's files hold is read here independently (PyYAML) and compared with what the importer built: an
importer that drops, changes or invents a competency fails. The shipped ``data/ft-engineering.yaml`` must be
exactly what the command line writes today.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from framework import FrameworkError, check_framework, load_framework
from framework.cli import main
from framework.expectations import effective_expectations, expectation_gap, role_expectations
from framework.graph import build_graph
from framework.importers import Input, import_ft, read_inputs
from framework.importers.ft import PROFICIENCIES
from framework.structure import skill_cliffs
from tests.conftest import DATA, SHARED

FT = SHARED / "reference/ft"
FAMILIES = ("engineering.yml", "engineering-v1.yml", "operations.yml")
SHIPPED = DATA / "ft-engineering.yaml"

needs_ft = pytest.mark.skipif(not (FT / "engineering.yml").is_file(), reason=f"FT's files are not at {FT}")


def _source(name: str) -> dict:
    return yaml.safe_load((FT / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def result():
    return import_ft(read_inputs([FT], "ft"))


@pytest.fixture(scope="module")
def fw(result):
    return result.framework


def _family_slug(name: str) -> str:
    return {"Engineering": "engineering", "Engineering (Legacy)": "engineering-legacy", "Operations": "operations"}[
        name
    ]


@needs_ft
@pytest.mark.parametrize("name", FAMILIES)
def test_every_competency_is_an_expectation_word_for_word(fw, name):
    source = _source(name)
    family = _family_slug(source["name"])
    themes = {t["id"]: t["name"] for t in source["themes"]}
    for level in source["levels"]:
        role = fw.role(f"{family}-{level['id']}")
        assert role.title == level["name"]
        written = [c for c in source["competencies"] if c["level"] == level["id"]]
        found = role_expectations(fw, role)
        assert [e.text for e in found] == [c["summary"].strip() for c in written]
        assert [e.area_name for e in found] == [themes[c["theme"]] for c in written]
        assert [e.level_name for e in found] == [c["proficiency"] for c in written]
        assert [list(e.examples) for e in found] == [[x.strip() for x in c.get("examples") or []] for c in written]
        assert [[(title, url) for title, url in e.links] for e in found] == [
            [(u["label"], u["url"]) for u in c.get("supportingUrls") or []] for c in written
        ]


@needs_ft
def test_families_levels_branches_and_legacy(fw, result):
    assert [(d.id, d.name, d.legacy) for d in fw.disciplines] == [
        ("engineering", "Engineering", None),
        ("engineering-legacy", "Engineering (Legacy)", True),
        ("operations", "Operations", True),
    ]
    assert [g.label for g in fw.grades] == [
        "Junior Engineer",
        "Engineer",
        "Senior Engineer 1",
        "Senior Engineer 2",
        "Principal Engineer",
        "Technology Director",
    ]
    assert [(b.id, b.name) for b in fw.branches] == [
        ("individual-contributor", "Individual Contributor"),
        ("people-manager", "People Manager"),
    ]
    ic, pm = fw.role("engineering-senior-2-ic"), fw.role("engineering-senior-2-pm")
    assert (ic.grade, ic.branch, pm.grade, pm.branch) == (
        "senior-2",
        "individual-contributor",
        "senior-2",
        "people-manager",
    )
    assert fw.role("engineering-senior-1").branch is None
    assert "(legacy)" in fw.role("operations-engineer").source.detail
    counts = result.summary.counts
    assert (counts["families"], counts["expectations"]) == (3, 72 + 101 + 48)
    assert not result.summary.skipped


@needs_ft
def test_the_proficiency_scale_is_fts_own_with_its_definitions(fw):
    assert [lv.name for lv in fw.skill_levels] == list(PROFICIENCIES)
    assert fw.skill_levels[0].description.startswith("a basic understanding of the concept or skill")
    assert not fw.skills  # no skill scale is invented: FT's levels are competencies, not skills
    assert {e.level for r in fw.roles for e in r.expectations} <= {lv.id for lv in fw.skill_levels}


@needs_ft
def test_senior_engineer_1_to_2_ic_lists_fts_competencies_by_theme(fw):
    gap = expectation_gap(fw, "engineering-senior-1", "engineering-senior-2-ic")
    source = _source("engineering.yml")
    themes = {t["id"]: t["name"] for t in source["themes"]}
    target = [c for c in source["competencies"] if c["level"] == "senior-2-ic"]
    assert [a.name for a in gap.areas] == [themes[c["theme"]] for c in target]
    for area, competency in zip(gap.areas, target, strict=True):
        (expectation,) = area.to_meet
        assert expectation.text == competency["summary"].strip()
        assert expectation.level_name == competency["proficiency"]
    assert gap.readiness == 0  # every level states each competency afresh
    assert all(e.cumulative is False for e in effective_expectations(fw, "engineering-senior-2-ic"))


@needs_ft
def test_routes_and_review_count_competencies(fw):
    G = build_graph(fw)
    assert G.graph["counts_expectations"]
    edge = G.edges["engineering-senior-1", "engineering-senior-2-ic"]
    assert (edge["kind"], edge["expectations_to_gain"]) == ("promotion", 9)
    assert "onto the Individual Contributor branch" in edge["reason"]
    cliffs = skill_cliffs(fw, G)
    assert list(cliffs.columns[:5]) == ["From", "To", "Discipline", "Grades", "Expectations to meet"]
    # No false cliffs: a promotion asks at most what the target level states (FT states each level afresh).
    for row in cliffs.itertuples():
        assert 0 < row[5] <= len(role_expectations(fw, row.to_id)), row
    engineering = cliffs[cliffs["Discipline"] == "Engineering"]
    assert set(engineering["Expectations to meet"]) == {9}


@needs_ft
def test_the_licence_and_source_travel_with_the_data(fw, result):
    licence = (FT / "LICENSE").read_text(encoding="utf-8").strip()
    assert licence in fw.attribution
    assert "Copyright (c) 2019 Financial Times" in fw.attribution
    assert "github.com/Financial-Times/engineering-progression" in fw.attribution
    assert "MIT License" in "\n".join(result.header)


# --------------------------------------------------------------------------- the shipped file


@needs_ft
def test_shipped_file_is_reproduced_byte_for_byte(tmp_path, capsys):
    out = tmp_path / "ft-engineering.yaml"
    assert main(["import", "ft", str(FT), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "read engineering.yml: job family 'Engineering', 8 levels, 9 themes, 72 competencies" in printed
    assert "skipped 0 (nothing left out)" in printed
    assert SHIPPED.is_file(), "data/ft-engineering.yaml is missing: python -m framework import ft ... -o it"
    assert SHIPPED.read_bytes() == out.read_bytes(), "data/ft-engineering.yaml is stale: re-run the FT import"


@needs_ft
def test_shipped_file_loads_without_warnings(fw):
    loaded = check_framework(SHIPPED)
    assert loaded.framework.model_dump() == fw.model_dump()
    assert not loaded.warnings, [str(w) for w in loaded.warnings]


# --------------------------------------------------------------------------- small hand-made files


FAMILY = """\
name: Tiny
summary: A tiny family.
googleSheetId: x
levels:
  - {id: one, name: One}
  - {id: two-ic, name: Two (Individual Contributor)}
themes:
  - {id: craft, name: Craft}
competencies:
  - {id: a, level: one, theme: craft, summary: "Does the thing.", proficiency: Awareness}
  - {id: b, level: three, theme: craft, summary: "On no level.", proficiency: Awareness}
  - {id: c, level: two-ic, theme: nope, summary: "On no theme.", proficiency: Expert}
  - {id: d, level: two-ic, theme: craft, summary: "Odd proficiency.", proficiency: Guru,
     supportingUrls: [{label: Bad, url: "javascript:alert(1)"}, {label: Good, url: "https://example.org"}]}
"""


def test_what_cannot_be_placed_is_skipped_and_named():
    result = import_ft([Input("tiny.yml", FAMILY.encode())])
    reasons = [str(s) for s in result.summary.skipped]
    assert any("competencies[1]" in r and "level 'three' is not one of the family's levels" in r for r in reasons)
    assert any("competencies[2]" in r and "theme 'nope'" in r for r in reasons)
    assert any("javascript:alert(1)" in r and "not a web address" in r for r in reasons)
    assert any("'Guru' is not one of FT's" in line for line in result.summary.repairs)
    (odd,) = result.framework.role("tiny-two-ic").expectations
    assert (odd.level, [link.url for link in odd.links]) == (None, ["https://example.org"])
    lines = "\n".join(result.summary.lines())
    assert "skipped 3:" in lines
    assert "no LICENSE file was given" in lines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id: x\nname: X\ngrades: [{id: g}]\n", "not an FT job family"),
        ("levels: []\nthemes: []\ncompetencies: []\n", "an FT job family needs a 'name'"),
        ("name: X\nlevels: {}\nthemes: []\ncompetencies: []\n", "lists under 'levels'"),
    ],
)
def test_a_file_that_is_not_a_family_is_an_error(text, expected):
    with pytest.raises(FrameworkError) as caught:
        import_ft([Input("x.yml", text.encode())])
    assert expected in str(caught.value)


def test_a_family_is_needed():
    with pytest.raises(FrameworkError, match="no FT job-family file"):
        import_ft([Input("LICENSE", b"MIT")])


def test_families_that_order_levels_differently_are_an_error():
    one = FAMILY.replace("name: Tiny", "name: A")
    two = FAMILY.replace("name: Tiny", "name: B").replace(
        "  - {id: one, name: One}\n  - {id: two-ic, name: Two (Individual Contributor)}",
        "  - {id: two-ic, name: Two (Individual Contributor)}\n  - {id: one, name: One}",
    )
    with pytest.raises(FrameworkError, match="different orders"):
        import_ft([Input("a.yml", one.encode()), Input("b.yml", two.encode())])


def test_a_raw_ft_file_is_named_by_the_loader(tmp_path):
    path = tmp_path / "engineering.yml"
    path.write_text(FAMILY, encoding="utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    (problem,) = caught.value.problems
    assert problem.code == "foreign-format"
    assert "FT engineering-progression job family" in problem.message
    assert "python -m framework import ft" in problem.message


def test_read_inputs_finds_the_licence_beside_the_files(tmp_path):
    (tmp_path / "family.yml").write_text(FAMILY, encoding="utf-8")
    (tmp_path / "LICENSE").write_text("Copyright (c) Somebody", encoding="utf-8")
    names = [i.name for i in read_inputs([tmp_path / "family.yml"], "ft")]
    assert names == ["family.yml", "LICENSE"]
    assert "Copyright (c) Somebody" in import_ft(read_inputs([tmp_path], "ft")).framework.attribution


def test_unused_path_is_reported(tmp_path):
    with pytest.raises(FrameworkError, match="no such file"):
        read_inputs([tmp_path / "missing.yml"], "ft")


def test_inputs_are_named_never_by_their_full_path(tmp_path):
    (tmp_path / "family.yml").write_text(FAMILY, encoding="utf-8")
    result = import_ft(read_inputs([tmp_path], "ft"))
    assert str(tmp_path) not in "\n".join([*result.summary.lines(), *result.header])
    assert all(str(Path(tmp_path)) not in (r.source.detail or "") for r in result.framework.roles)
