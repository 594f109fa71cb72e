"""The Monzo importer, checked against Monzo's own framework files.

What the files hold is read here independently (a regular expression for the front matter, PyYAML for its
data, paragraphs for the prose files) and compared with what the importer built. The shipped
``data/monzo.yaml`` must be exactly what the command line writes today.
"""

from __future__ import annotations

import re

import pytest
import yaml

from framework import FrameworkError, check_framework, load_framework
from framework.cli import main
from framework.expectations import effective_expectations, expectation_gap, role_expectations
from framework.graph import build_graph
from framework.importers import Input, import_monzo, read_inputs
from framework.structure import skill_cliffs
from tests.conftest import DATA, SHARED

MONZO = SHARED / "reference/monzo"
FRAMEWORKS = MONZO / "frameworks"
SHIPPED = DATA / "monzo.yaml"
FILES = sorted(p.relative_to(FRAMEWORKS).as_posix() for p in FRAMEWORKS.rglob("*.md")) if FRAMEWORKS.is_dir() else []

needs_monzo = pytest.mark.skipif(not FILES, reason=f"Monzo's files are not at {FRAMEWORKS}")


def _front(name: str) -> dict:
    text = (FRAMEWORKS / name).read_text(encoding="utf-8")
    match = re.match(r"\A---\n(.*?)\n---[ \t]*(?:\n|\Z)", text, re.DOTALL)
    return yaml.safe_load(match[1].replace("-\t", "- ")) or {}


def _body(name: str) -> str:
    text = (FRAMEWORKS / name).read_text(encoding="utf-8")
    return re.split(r"\n---[ \t]*\n", text, maxsplit=1)[-1] if text.startswith("---") else text


def _track(name: str) -> str:
    return _front(name)["path"].rstrip("/").rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def result():
    return import_monzo(read_inputs([FRAMEWORKS], "monzo"))


@pytest.fixture(scope="module")
def fw(result):
    return result.framework


@needs_monzo
@pytest.mark.parametrize("name", [f for f in FILES if _front(f).get("yaml") is True] if FILES else [])
def test_every_criterion_and_example_is_an_expectation_word_for_word(fw, name):
    track = _track(name)
    for topic in _front(name)["topics"]:
        for content in topic["content"]:
            role = fw.role(f"{track}-{content['level']}")
            found = [(e.text, list(e.examples)) for e in role.expectations]
            for criterion in content.get("criteria") or []:
                assert (criterion.strip(), []) in found, (role.id, criterion)
            for item in content.get("exampleCriteria") or []:
                examples = [x.strip() for x in item["examples"]]
                assert (item["criteria"].strip(), examples) in found, (role.id, item)
    assert all(e.cumulative for r in fw.roles if r.track == track for e in r.expectations)


@needs_monzo
@pytest.mark.parametrize("name", [f for f in FILES if _front(f).get("yaml") is not True] if FILES else [])
def test_prose_files_are_read_from_their_level_and_topic_headings(fw, name):
    track = _track(name)
    level = topic = None
    checked = 0
    for block in re.split(r"\n\s*\n", _body(name)):
        block = block.strip()
        if heading := re.match(r"## Level (\d+)", block):
            level = int(heading[1])
        elif block.startswith("### "):
            topic = block[4:].strip()
        elif block and block != "---" and level is not None:
            role = fw.role(f"{track}-{level}")
            texts = [(e.area_name, e.text) for e in role_expectations(fw, role)]
            assert (topic, " ".join(block.split("\n"))) in texts, (role.id, block[:60])
            checked += 1
    assert checked == 18  # six levels × Knowledge, Ownership, Collaboration
    assert not any(e.cumulative for r in fw.roles if r.track == track for e in r.expectations)


@needs_monzo
def test_generic_topics_are_merged_as_monzo_shows_them(fw):
    generic = {t["name"]: t for t in _front("generic.md")["topics"]}
    backend = {t["name"] for t in _front("engineering/backend.md")["topics"]}
    role = fw.role("backend-4")
    for name in backend & set(generic):
        for content in generic[name]["content"]:
            if content["level"] == 4:
                for criterion in content["criteria"]:
                    match = [e for e in role.expectations if e.text == criterion.strip()]
                    assert match, criterion
                    assert "Generic Framework" in match[0].source
    # Topics only the generic framework has are not added; its titles name the shared ones.
    assert {e.area for e in role.expectations} == {"communication", "impact", "leadership", "influence", "mastery"}
    assert fw.areas_by_id["communication"].name == "Communication"
    # The generic framework is a ladder of its own, without a second copy of itself.
    own = [e.text for e in fw.role("generic-1").expectations]
    assert len(own) == len(set(own))


@needs_monzo
def test_backend_level_3_to_4_lists_the_level_4_criteria(fw):
    gap = expectation_gap(fw, "backend-3", "backend-4")
    level_4 = [e.text for e in role_expectations(fw, "backend-4")]
    assert sorted(e.text for e in gap.to_meet) == sorted(level_4)
    written = [
        c.strip()
        for topic in _front("engineering/backend.md")["topics"]
        for content in topic["content"]
        if content["level"] == 4
        for c in content.get("criteria") or []
    ]
    assert set(written) <= {e.text for e in gap.to_meet}
    assert not {e.text for e in effective_expectations(fw, "backend-3")} & {e.text for e in gap.to_meet}
    assert [a.name for a in gap.areas] == ["Communication", "Impact", "Leadership", "Influence", "Mastery"]
    # No invented scale: the levels are Monzo's numbers, and no expectation names a proficiency.
    assert not fw.skill_levels
    assert not fw.skills
    assert [g.label for g in fw.grades] == [f"Level {n}" for n in range(1, 8)]
    assert all(e.level is None for e in gap.to_meet)


@needs_monzo
def test_quirks_are_repaired_and_named(result):
    lines = "\n".join(result.summary.lines())
    assert "warning: people.md line 205: a TAB after a list dash" in lines
    assert (
        "operations/ops-leadership.md: the front matter says levels: 5, the content has levels 2, 3, 4, 5, 6" in lines
    )
    role = result.framework.role("ops-leadership-6")  # level 6 content, though the front matter says 5
    assert role.expectations


@needs_monzo
def test_routes_and_review_count_criteria_not_invented_levels(fw):
    G = build_graph(fw)
    edge = G.edges["backend-3", "backend-4"]
    assert edge["kind"] == "promotion"
    assert edge["expectations_to_gain"] == len(role_expectations(fw, "backend-4"))
    cliffs = skill_cliffs(fw, G)
    assert "Levels to gain" not in cliffs.columns
    for row in cliffs.itertuples():  # cumulative levels: a promotion asks what the level adds, never more
        assert row[5] <= len(role_expectations(fw, row.to_id)), row


@needs_monzo
def test_the_licence_travels_with_the_data(fw):
    assert (MONZO / "LICENSE").read_text(encoding="utf-8").strip() in fw.attribution
    assert "Copyright (c) 2019 Monzo Bank Limited" in fw.attribution


@needs_monzo
def test_shipped_file_is_reproduced_byte_for_byte(tmp_path, capsys):
    out = tmp_path / "monzo.yaml"
    assert main(["import", "monzo", str(FRAMEWORKS), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "read engineering/backend.md: 'Backend Engineering Framework', 6 levels, 5 topics" in printed
    assert SHIPPED.is_file(), "data/monzo.yaml is missing: python -m framework import monzo ... -o it"
    assert SHIPPED.read_bytes() == out.read_bytes(), "data/monzo.yaml is stale: re-run the Monzo import"


@needs_monzo
def test_shipped_file_loads_without_warnings(fw):
    loaded = check_framework(SHIPPED)
    assert loaded.framework.model_dump() == fw.model_dump()
    assert not loaded.warnings, [str(w) for w in loaded.warnings]


# --------------------------------------------------------------------------- small hand-made files


PAGE = """\
---
path: "/tiny"
title: "🧪 Tiny Framework"
sidebarTitle: "🧪 Tiny"
yaml: true
levels: 2
topics:
  - name: "craft"
    title: "🛠️ Craft"
    content:
      - level: 1
        criteria:
          -\t"Tabbed after the dash"
          - "Plain"
      - level: 2
        exampleCriteria:
          - criteria: "With examples"
            examples: ["One", "Two"]
---
Some introduction.
"""

PROSE = """\
## Level 1

### Craft

Writes small things.

- A listed criterion

## Level 2

### Craft

Writes big things.
"""


def test_a_page_is_read_and_its_quirks_repaired():
    result = import_monzo([Input("tiny.md", PAGE.encode())])
    role = result.framework.role("tiny-1")
    assert role.title == "Tiny level 1"
    assert [e.text for e in role.expectations] == ["Tabbed after the dash", "Plain"]
    assert result.framework.areas_by_id["craft"].name == "Craft"
    (with_examples,) = result.framework.role("tiny-2").expectations
    assert with_examples.examples == ["One", "Two"]
    lines = "\n".join(result.summary.lines())
    assert "warning: tiny.md line 13: a TAB after a list dash" in lines
    assert "tiny.md line 20: the text below the front matter — an introduction, not criteria" in lines


def test_a_file_without_front_matter_is_read_from_its_headings():
    result = import_monzo([Input("prose.md", PROSE.encode())])
    texts = [e.text for e in result.framework.role("prose-1").expectations]
    assert texts == ["Writes small things.", "A listed criterion"]
    assert [e.text for e in result.framework.role("prose-2").expectations] == ["Writes big things."]


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        ("notes.md", "# Notes\n\nNothing here.\n", "no front matter, and no '## Level N' / '### Topic' headings"),
        ("bad.md", "---\ntopics: [\n---\n", "its front matter cannot be read"),
        ("data.json", "{}", "not a Markdown framework file"),
    ],
)
def test_what_cannot_be_read_is_skipped_with_the_reason(name, text, reason):
    result = import_monzo([Input("tiny.md", PAGE.encode()), Input(name, text.encode())])
    assert any(reason in str(s) for s in result.summary.skipped), result.summary.skipped


def test_nothing_readable_is_an_error():
    with pytest.raises(FrameworkError, match="no Monzo-format framework file was read"):
        import_monzo([Input("notes.md", b"# Notes\n")])


def test_a_raw_monzo_file_is_named_by_the_loader(tmp_path):
    path = tmp_path / "tiny.md"
    path.write_text(PAGE, encoding="utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    (problem,) = caught.value.problems
    assert problem.code == "foreign-format"
    assert "python -m framework import monzo" in problem.message


def test_an_alias_bomb_in_front_matter_is_refused_within_its_budget():
    """Ten levels of ten aliases each would be 10**10 values: the file's node budget stops it unread."""
    lines = ["---", "l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]" for n in range(1, 10)]
    bomb = "\n".join([*lines, "topics: []", "---", ""])
    result = import_monzo([Input("tiny.md", PAGE.encode()), Input("bomb.md", bomb.encode())])
    (skipped,) = [s for s in result.summary.skipped if s.where == "bomb.md"]
    assert "its front matter cannot be read" in skipped.reason
    assert "expands to more than 50,000 nodes" in skipped.reason, skipped.reason
