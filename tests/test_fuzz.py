"""Fuzzing the loaders: whatever the input, a Framework (or Profile) comes back or a located FrameworkError.

Valid frameworks — the council's ``data/roles.yaml`` and a small hand-written one — are mutated (fields
dropped, duplicated or retyped, unknown ids, reporting-line cycles, huge values, odd Unicode, empty
documents), dumped back to YAML and loaded; random bytes, random text and YAML-shaped token soup are loaded
too; and the same for skills profiles. The contract, :func:`check_error`: every problem has a message and
names the file, and every problem with a field path has a line and column — never another exception, never a
hang (each example has a deadline, each test a timeout). A framework that loads must also build its graph.

Runs are reproducible (``derandomize=True``, no example database) and sized for CI on two cores.
"""

from __future__ import annotations

import copy
import json
from datetime import timedelta

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from framework import Framework, FrameworkError, check_framework_bytes, check_framework_text, load_framework_text
from framework.graph import build_graph
from framework.skills import Profile, dump_profile, load_profile, profile_from_role
from tests.conftest import COUNCIL

NAME = "fuzz.yaml"
UPLOAD_MAX_BYTES = 2 * 1024 * 1024  # the app's upload limit (ui/data.py)


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=timedelta(seconds=15),  # a hang detector: a normal example takes well under a second
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
        print_blob=True,
    )


# --------------------------------------------------------------------------- the contract


def check_error(error: FrameworkError, name: str = NAME) -> None:
    """A FrameworkError lists its problems; each says what (a message) and where (the file, and the line and
    column wherever there is a field path to point at)."""
    assert error.problems, "a FrameworkError lists at least one problem"
    for problem in error.problems:
        assert isinstance(problem.message, str), problem
        assert problem.message.strip(), f"a problem without a message: {problem!r}"
        assert problem.file == name, f"a problem that does not name the file: {problem!r}"
        if problem.path:
            assert problem.line is not None, f"a problem with a field path but no line: {problem!r}"
            assert problem.line >= 1, problem
            assert problem.column is not None, problem
            assert problem.column >= 1, problem
        assert str(problem)
    assert str(error)
    event(f"rejected: {error.problems[0].code}")  # --hypothesis-show-statistics shows what the fuzzing reached


def check_framework_load(load) -> Framework | None:
    """Run ``load()`` (a :func:`~framework.loader.check_framework_text` or ``…_bytes``): a Framework that builds
    its graph, with located warnings, or a FrameworkError that keeps the contract."""
    try:
        checked = load()
    except FrameworkError as error:
        check_error(error)
        return None
    framework = checked.framework
    assert isinstance(framework, Framework)
    event("loaded")
    for warning in checked.warnings:
        assert warning.message.strip()
        assert warning.file == NAME
    build_graph(framework)  # a framework the loader accepts must be usable
    return framework


def check_text(text: str) -> None:
    check_framework_load(lambda: check_framework_text(text, name=NAME))
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: no file can hold it; the text path above reported it
        data = text.encode("utf-8", "surrogatepass")
    check_framework_load(lambda: check_framework_bytes(data, name=NAME, max_bytes=UPLOAD_MAX_BYTES))


def dump(document) -> str:
    """YAML text of a document (the C dumper; PyYAML's own where a lone surrogate makes libyaml refuse)."""
    try:
        return yaml.dump(document, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=10**6)
    except UnicodeEncodeError:
        return yaml.safe_dump(document, allow_unicode=False, sort_keys=False)


# --------------------------------------------------------------------------- the valid starting points

COUNCIL_DATA = yaml.safe_load(COUNCIL.read_text(encoding="utf-8"))

SMALL = """\
id: small
name: A small framework
grades: [{id: g1}, {id: g2, name: Grade two}, {id: g3}]
disciplines:
  - {id: eng, name: Engineering}
  - {id: ops, name: Operations}
skill_levels: [{id: aware, name: Aware}, {id: work, name: Working}, {id: lead, name: Leading}]
skills:
  - id: code
    name: Coding
    levels: {aware: Reads code., work: Writes code., lead: Sets the standard.}
  - id: run
    name: Running services
    levels: {aware: Knows the services., work: Runs them., lead: null}
roles:
  - id: dev
    title: Developer
    discipline: eng
    grade: g1
    source: {kind: document, document: dev.txt}
    reports_to: {role: lead-dev, evidence: Reports to the lead developer.}
    job_description:
      header: ["Grade: g1"]
      sections:
        - {kind: purpose, heading: Purpose, items: [Build things.]}
        - kind: duties
          heading: Duties
          groups: [{heading: Daily, items: [Write code., Review code.]}]
      person_specification:
        criteria:
          - {heading: Skills, groups: [{marker: Essential, items: [Python.]}]}
    skills:
      - {skill: code, level: work, evidence: [Write code.]}
    moves: [{to: ops-eng, reason: Same skills.}]
  - id: lead-dev
    title: Lead developer
    discipline: eng
    grade: g2
    source: {kind: referenced, referenced_by: [{role: dev, evidence: Reports to the lead developer.}]}
    skills: [{skill: code, level: lead}]
  - id: ops-eng
    title: Operations engineer
    discipline: ops
    grade: g1
    source: {kind: import, framework: Elsewhere}
    description: Keeps things running.
    management: {direct: 0, indirect: 2, evidence: [None yet.]}
    budget: {amount_gbp: 1000, qualifier: up to, evidence: "A budget of up to £1,000."}
    salary: [{minimum_gbp: 20000, maximum_gbp: 30000, evidence: "£20,000 to £30,000"}]
    benchmarks: [{framework: DDaT, role: Engineer, level: "3"}]
    skills: [{skill: run, level: work}]
"""
SMALL_DATA = yaml.safe_load(SMALL)
BASES = {"council": COUNCIL_DATA, "small": SMALL_DATA}

# --------------------------------------------------------------------------- values to put in


ODD_CHARACTERS = [
    "\u202e",  # right-to-left override
    "\u202d",
    "\u200f",  # right-to-left mark
    "\u200e",
    "\u2066",  # left-to-right isolate
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
    "\ufeff",  # byte-order mark / zero-width no-break space
    "\u0301",  # combining acute accent
    "e\u0301\u0301\u0301\u0336",
    "\U0001f9ed",
    "\U0001f469\u200d\U0001f4bb",  # woman technologist: a joined emoji
    "\U0001f3f3\ufe0f\u200d\U0001f308",
    "\x85",  # next line
    "\u2028",  # line separator
    "\u2029",
    "\x00",
    "\x07",
    "\x7f",
    "\t",
    "\r\n",
    "\u00a0",
    "\ufdfd",
    "\U0001d54f",
    "\u0130",
    "ß",
    "<script>alert(1)</script>",
    "'; DROP TABLE roles; --",
    '=HYPERLINK("http://example.invalid")',
    "*a",
    "&a",
    "!!python/name:os.system",
    "{{7*7}}",
    "%s%n",
    "null",
    "yes",
    "2024-13-45",
    "0x1F",
    "1:00:00",
    "~",
    "- ",
    ": ",
    "#",
]
odd_text = st.lists(st.one_of(st.sampled_from(ODD_CHARACTERS), st.text(max_size=4)), min_size=1, max_size=8).map(
    "".join
)
ids = st.one_of(
    st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9_.-]{0,20}\Z"),
    st.sampled_from(["delivery-manager", "PO4", "dev", "g1", "aware", "code", "lead-dev", "nope", "x" * 121]),
    odd_text,
)
keys = st.one_of(
    st.text(max_size=8),
    ids,
    st.integers(-5, 5),
    st.booleans(),
    st.none(),
    st.sampled_from(["id", "name", "grades", "roles", "skills", "kind", "level", "role", "to", "<<", "source"]),
)
leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-(10**40), 10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    ids,
    odd_text,
    st.dates(),
    st.datetimes(),
)
values = st.recursive(
    leaves,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4),
    max_leaves=12,
)
huge_values = st.one_of(
    st.integers(1_000, 200_000).map(lambda n: "x" * n),  # long strings (the models allow 5,000 / 50,000)
    st.integers(1_000, 60_000).map(lambda n: "word " * n),
    st.sampled_from([10**100, -(10**100), 2**63, -(2**63) - 1, 10**3000, 10**-300, 1e308]),
    st.integers(100, 3_000).map(lambda n: ["item"] * n),  # big lists
    st.integers(100, 2_000).map(lambda n: [{"id": f"r{i}", "title": "T"} for i in range(n)]),
    st.integers(100, 2_000).map(lambda n: {f"k{i}": i for i in range(n)}),  # big mappings
)
empty_documents = st.sampled_from([None, "", [], {}, 0, False, "text", [None], {"id": None}, {None: None}])

REFERENCES = [
    ("grade",),
    ("discipline",),
    ("reports_to", "role"),
    ("skills", 0, "skill"),
    ("skills", 0, "level"),
    ("moves", 0, "to"),
    ("source", "referenced_by", 0, "role"),
    ("id",),
]


# --------------------------------------------------------------------------- mutations


def _containers(node) -> list:
    return list(node) if isinstance(node, dict) else list(range(len(node)))


def _pick(draw, document):
    """A (parent, key) inside ``document`` by a random walk from the root (None when there is nowhere)."""
    parent = key = None
    node = document
    while isinstance(node, dict | list) and node:
        if parent is not None and draw(st.integers(0, 3)) == 0:
            break
        parent, key = node, draw(st.sampled_from(_containers(node)))
        node = parent[key]
    return parent, key


def _roles(document) -> list[dict]:
    roles = document.get("roles") if isinstance(document, dict) else None
    return [r for r in roles if isinstance(r, dict)] if isinstance(roles, list) else []


def _set_path(node, path, value) -> None:
    for part in path[:-1]:
        if isinstance(node, dict):
            node = node.setdefault(part, {} if isinstance(part, str) else [])
        elif isinstance(node, list) and isinstance(part, int):
            if not node:
                node.append({})
            node = node[min(part, len(node) - 1)]
        else:
            return
    last = path[-1]
    if isinstance(node, dict):
        node[last] = value
    elif isinstance(node, list) and node and isinstance(last, int):
        node[min(last, len(node) - 1)] = value


def op_drop(draw, document):
    parent, key = _pick(draw, document)
    if parent is not None:
        del parent[key]
    return document


def op_retype(draw, document):
    parent, key = _pick(draw, document)
    if parent is not None:
        parent[key] = draw(values)
    return document


def op_duplicate(draw, document):
    parent, key = _pick(draw, document)
    if isinstance(parent, list):
        parent.insert(key, copy.deepcopy(parent[key]))  # e.g. a duplicate role, grade or skill id
    elif isinstance(parent, dict):
        parent[draw(keys)] = copy.deepcopy(parent[key])
    return document


def op_huge(draw, document):
    parent, key = _pick(draw, document)
    if parent is not None:
        parent[key] = draw(huge_values)
    return document


def op_unicode(draw, document):
    parent, key = _pick(draw, document)
    if parent is not None:
        old = parent[key]
        text = draw(odd_text)
        parent[key] = (old[: len(old) // 2] + text + old[len(old) // 2 :]) if isinstance(old, str) else text
    return document


def op_text(draw, document):
    """Odd Unicode inside a text leaf: the framework usually stays valid, so the graph is built from it."""
    parent, key, node = None, None, document
    while isinstance(node, dict | list) and node:
        parent, key = node, draw(st.sampled_from(_containers(node)))
        node = parent[key]
    if parent is not None and isinstance(node, str) and not (isinstance(parent, dict) and key in ("id", "kind")):
        parent[key] = node + draw(odd_text)
    return document


def op_surrogate(draw, document):
    """A lone surrogate (a str can hold one; no UTF-8 file can): the dumper writes it as an escape."""
    parent, key = _pick(draw, document)
    if parent is not None:
        parent[key] = "a" + draw(st.characters(categories=["Cs"])) + "b"
    return document


def op_unknown_field(draw, document):
    node = document
    while isinstance(node, dict | list) and node and draw(st.booleans()):
        node = node[draw(st.sampled_from(_containers(node)))]
    if isinstance(node, dict):
        node[draw(keys)] = draw(values)
    return document


def op_reference(draw, document):
    """Point a role's reference (grade, discipline, manager, skill, level, move, id) at an unknown or other id."""
    roles = _roles(document)
    if roles:
        role = draw(st.sampled_from(roles))
        others = [r.get("id") for r in roles] + [None]
        _set_path(role, draw(st.sampled_from(REFERENCES)), draw(st.one_of(ids, st.sampled_from(others))))
    return document


def op_cycle(draw, document):
    """Reporting lines in a ring of one to four roles (one: a role reporting to itself)."""
    roles = [r for r in _roles(document) if isinstance(r.get("id"), str)]
    if roles:
        ring = draw(st.lists(st.sampled_from(roles), min_size=1, max_size=4, unique_by=id))
        for role, manager in zip(ring, ring[1:] + ring[:1], strict=True):
            role["reports_to"] = {"role": manager["id"]}
    return document


def op_root(draw, document):
    return draw(st.one_of(empty_documents, st.just([document]), values))


OPERATIONS = [
    op_text,
    op_drop,
    op_retype,
    op_duplicate,
    op_huge,
    op_unicode,
    op_surrogate,
    op_unknown_field,
    op_reference,
    op_cycle,
    op_root,
]
# The common ones more often, and gentle ones that often leave a valid framework (which must build its graph).
WEIGHTED = [*OPERATIONS, op_text, op_text, op_text, op_reference, op_reference, op_drop, op_retype, op_cycle]


def _text_edit(draw, text: str) -> str:
    """After dumping: duplicate a line (a duplicate key), delete one, cut the file short, or insert a character."""
    lines = text.split("\n")
    edit = draw(st.sampled_from(["none"] * 8 + ["duplicate", "delete", "truncate", "insert"]))
    if edit == "none" or not text:
        return text
    at = draw(st.integers(0, len(lines) - 1))
    if edit == "duplicate":
        lines.insert(at, lines[at])
    elif edit == "delete":
        del lines[at]
    elif edit == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    else:
        where = draw(st.integers(0, len(text)))
        return (
            text[:where]
            + draw(st.sampled_from(["\t", "[", "]", "{", ":", "&a", "*a", "!!int ", '"', "\x00"]))
            + text[where:]
        )
    return "\n".join(lines)


@st.composite
def mutated_texts(draw, base):
    document = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 4))):
        document = draw(st.sampled_from(WEIGHTED))(draw, document)
    return _text_edit(draw, dump(document))


yaml_tokens = st.lists(
    st.sampled_from(
        [
            "- ", ": ", "? ", "[", "]", "{", "}", ", ", "\n", "\n  ", "\n    ", "  ", "&a ", "*a", "&b ", "*b",
            "!!int ", "!!float ", "!!bool ", "!!timestamp ", "!!set ", "!!omap ", "!!pairs ", "!!binary ", "!!str ",
            "!!map ", "!!seq ", "!!null ", "!!python/object:os.system ", "!local ", "<<: ", "|\n  ", ">-\n  ",
            "'", '"', "#", "---\n", "...\n", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "id", "name", "grades",
            "roles", "x", "1", "-1", "0x1F", "0o17", "0b101", "1_000", "1:30:00", "1.5e3", ".inf", ".nan",
            "2001-12-14", "2001-13-45", "2001-12-14t21:59:43.10-05:00", "~", "null", "yes", "No", "on", "\\u",
            "\t", "\x00", "\ufeff", "\u202e", "é", "\U0001f9ed",
        ]
    ),
    max_size=60,
).map("".join)  # fmt: skip


# --------------------------------------------------------------------------- frameworks


@pytest.mark.slow
@pytest.mark.timeout(600)
@fuzz(200)
@given(text=mutated_texts(COUNCIL_DATA))
def test_mutated_council_framework(text):
    check_text(text)


@pytest.mark.slow
@pytest.mark.timeout(300)
@fuzz(300)
@given(text=mutated_texts(SMALL_DATA))
def test_mutated_small_framework(text):
    check_text(text)


@pytest.mark.timeout(300)
@fuzz(300)
@given(data=st.binary(max_size=4_000))
def test_random_bytes(data):
    check_framework_load(lambda: check_framework_bytes(data, name=NAME, max_bytes=UPLOAD_MAX_BYTES))


@pytest.mark.timeout(300)
@fuzz(300)
@given(text=st.text(max_size=2_000))
def test_random_text(text):
    check_text(text)


@pytest.mark.timeout(300)
@fuzz(300)
@given(text=yaml_tokens)
def test_yaml_token_soup(text):
    check_text(text)


@pytest.mark.timeout(300)
@fuzz(200)
@given(prefix=st.sampled_from(["", "id: ", "roles:\n  - id: ", "x: [", "x: {a: ", "x: '", 'x: "']), text=st.text())
def test_text_with_lone_surrogates(prefix, text):
    """A ``str`` may hold what no file can: the loader reports it with a line and column."""
    check_text(prefix + text[: len(text) // 2] + "\ud800" + text[len(text) // 2 :])


def test_the_starting_points_are_valid():
    """Mutating a broken file would prove little: both starting points load as they are."""
    assert load_framework_text(dump(COUNCIL_DATA), name=NAME).id == COUNCIL_DATA["id"]
    small = load_framework_text(SMALL, name=NAME)
    assert [r.id for r in small.roles] == ["dev", "lead-dev", "ops-eng"]
    build_graph(small)


# --------------------------------------------------------------------------- profiles


@pytest.fixture(scope="module")
def council_framework():
    from framework import load_framework

    return load_framework(COUNCIL)


def check_profile_load(data, framework) -> Profile | None:
    try:
        profile = load_profile(data, name="profile.yaml", framework=framework)
    except FrameworkError as error:
        check_error(error, "profile.yaml")
        return None
    assert isinstance(profile, Profile)
    event("loaded")
    assert profile.framework == framework.id
    return profile


def _profile_base():
    from framework import load_framework

    framework = load_framework(COUNCIL)
    return yaml.safe_load(dump_profile(profile_from_role(framework, "delivery-manager", label="Me")))


PROFILE_DATA = _profile_base()


@st.composite
def mutated_profiles(draw):
    document = copy.deepcopy(PROFILE_DATA)
    for _ in range(draw(st.integers(1, 4))):
        document = draw(st.sampled_from(OPERATIONS))(draw, document)
    if draw(st.booleans()) and draw(st.booleans()):
        try:
            return json.dumps(document, ensure_ascii=draw(st.booleans()), default=str)  # JSON is YAML too
        except (TypeError, ValueError):
            pass
    return _text_edit(draw, dump(document))


@pytest.mark.timeout(300)
@fuzz(300)
@given(text=mutated_profiles())
def test_mutated_profiles(text, council_framework):
    check_profile_load(text, council_framework)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        data = text.encode("utf-8", "surrogatepass")
    check_profile_load(data, council_framework)


@pytest.mark.timeout(300)
@fuzz(200)
@given(data=st.one_of(st.binary(max_size=2_000), st.text(max_size=1_000), yaml_tokens))
def test_random_profiles(data, council_framework):
    check_profile_load(data, council_framework)


def test_the_profile_starting_point_is_valid(council_framework):
    profile = load_profile(dump(PROFILE_DATA), name="profile.yaml", framework=council_framework)
    assert profile.based_on == "delivery-manager"
