"""Ways to practise: the attribution rule of framework.practice, measured on hand-labelled pairs.

``tests/practice_labels.csv`` holds every (text, skill) pair that either rule offers as a way to practise a skill
the council's roles need — the rule of :mod:`framework.practice`, and the rule it replaced (the first three
evidence lines of each requirement, job-description lines that name the skill's keywords: headings, purpose lines
and person-specification lines included). Each pair is judged twice by reading it beside the skill's descriptors:

- ``duty``: it is something the role does, which a person can take on (not a heading-like aim, not a
  person-specification line saying what a candidate must already have);
- ``exercises``: doing it exercises the skill.

A way to practise is right when both hold. Precision = right / offered, over every pair each rule offers (the
table must hold them all: a change of the rule that offers a new pair fails here until it is labelled).
``docs/practice-attribution.md`` reports the figures and the failures; the test keeps them true.
"""

from __future__ import annotations

import csv
import doctest
from pathlib import Path

import pytest

import framework.practice
from framework import load_framework
from framework.models import Framework
from framework.practice import duty_sentences, skill_practice
from tests.conftest import ROOT

LABELS = Path(__file__).with_name("practice_labels.csv")
DOCS = ROOT / "docs" / "practice-attribution.md"


def _labels() -> dict[tuple[str, str, str], tuple[bool, bool]]:
    with LABELS.open(encoding="utf-8", newline="") as f:
        return {
            (row["role"], row["skill"], row["text"]): (row["duty"] == "yes", row["exercises"] == "yes")
            for row in csv.DictReader(f)
        }


@pytest.fixture(scope="module")
def council() -> Framework:
    return load_framework(ROOT / "data" / "roles.yaml")


def _described(fw: Framework):
    return [r for r in fw.roles if r.job_description is not None and r.skills]


def offered_by_new_rule(fw: Framework) -> list[tuple[str, str, str]]:
    pairs = []
    for role in _described(fw):
        found = skill_practice(fw, role)
        pairs += [(role.id, req.skill, a.text) for req in role.skills for a in found.get(req.skill, ())]
    return pairs


def offered_by_old_rule(fw: Framework) -> list[tuple[str, str, str]]:
    """The rule the plan used before: a requirement's first three evidence lines, whatever part of the document
    they come from."""
    return [(role.id, req.skill, line) for role in _described(fw) for req in role.skills for line in req.evidence[:3]]


def _precision(pairs, labels) -> tuple[int, int, int]:
    """(right as ways to practise, exercising the skill whatever the text is, offered)."""
    right = sum(labels[p][0] and labels[p][1] for p in pairs)
    on_topic = sum(labels[p][1] for p in pairs)
    return right, on_topic, len(pairs)


def test_the_labelled_table_is_large_enough_and_covers_every_pair_offered(council):
    labels = _labels()
    assert len(labels) >= 40
    for rule in (offered_by_new_rule, offered_by_old_rule):
        missing = [p for p in rule(council) if p not in labels]
        assert not missing, f"{rule.__name__}: pairs not labelled yet: {missing[:3]}"


def test_the_new_rule_beats_the_old_and_the_docs_report_both(council):
    labels = _labels()
    new = _precision(offered_by_new_rule(council), labels)
    old = _precision(offered_by_old_rule(council), labels)
    assert new[0] / new[2] > old[0] / old[2], f"new {new}, old {old}"
    docs = DOCS.read_text(encoding="utf-8")
    for right, on_topic, offered in (new, old):
        assert f"{right} of {offered} ({right / offered:.0%})" in docs, "the docs' figures are out of date"
        assert f"{on_topic} of {offered} ({on_topic / offered:.0%})" in docs, "the docs' figures are out of date"


def test_every_failure_of_the_new_rule_is_listed_in_the_docs(council):
    labels = _labels()
    docs = DOCS.read_text(encoding="utf-8")
    wrong = [p for p in offered_by_new_rule(council) if not all(labels[p])]
    assert wrong, "a rule with no failure on this table would be suspicious: check the labels"
    for _, _, text in wrong:
        assert text[:60] in docs, f"a failure missing from the docs: {text[:60]}"


def test_headings_purpose_and_person_specification_never_count(council):
    """Only sentences of the main duties are offered: never a section or group heading, a lead-in, a purpose
    line or a person-specification criterion."""
    for role in _described(council):
        jd = role.job_description
        never = set()
        for section in jd.sections:
            never |= {section.heading, section.lead_in} | {g.heading for g in section.groups}
            if section.kind != "duties":
                never |= set(section.items) | set(section.paragraphs)
        if jd.person_specification:
            never |= set(jd.person_specification.lines())
        never.discard(None)
        sentences = {d.text for d in duty_sentences(role)}
        for attributions in skill_practice(council, role).values():
            for a in attributions:
                assert a.text in sentences
                assert a.text not in never, f"{role.id}: {a.text!r} is not a duty"


def test_a_sentence_goes_to_the_skill_it_names_most():
    """DM: "Take responsibility for our commercial relationships, working closely with suppliers and partners
    to get best value from our contracts" names commercial management three times and nothing else the role
    needs; "Coach your teams to improve their ways of working" names making a process work ("ways of working",
    three words) more than team dynamics ("coach", one)."""
    fw = load_framework(ROOT / "data" / "roles.yaml")
    found = skill_practice(fw, fw.role("delivery-manager"))
    commercial = found["commercial-management"][0]
    assert commercial.text.startswith("Take responsibility for our commercial relationships")
    assert commercial.words == ("commercial", "contracts", "suppliers")
    coached = "Coach your teams to improve their ways of working, to get more productive and effective."
    assert coached in [a.text for a in found["making-a-process-work"]]
    assert coached not in [a.text for a in found.get("team-dynamics-and-collaboration", ())]


def test_product_management_no_longer_quotes_a_purpose_line():
    """DM → SPM: *Product management* quoted "Delivering value through digital products and services.", a line
    of the purpose; now only the main duties count."""
    fw = load_framework(ROOT / "data" / "roles.yaml")
    texts = [a.text for a in skill_practice(fw, fw.role("senior-product-manager"))["product-management"]]
    assert texts
    assert "Delivering value through digital products and services." not in texts


def test_the_module_examples_run():
    result = doctest.testmod(framework.practice)
    assert result.attempted
    assert not result.failed
