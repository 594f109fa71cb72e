"""More hostile input, beyond tests/test_hostile_yaml.py: sizes near the limits (time and peak memory measured
in a fresh process), nesting at the limit, aliases under and over the node budget, byte-order marks and
UTF-16, YAML's typed values (``!!binary``, ``!!set``, ``!!omap``, ``!!timestamp``, merge keys) and values their
type cannot hold, and inputs that once cost minutes or hours: each is read, or rejected with a located
message, quickly.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time

import pytest

from framework import FrameworkError, load_framework_bytes, load_framework_text
from framework.skills import PROFILE_MAX_BYTES, load_profile
from framework.yamlsafe import MAX_BYTES, MAX_DEPTH, MAX_NODES, MAX_PROBLEMS, node_limit
from tests.conftest import DATA, ROOT

UPLOAD = 2 * 1024 * 1024  # the app's upload limit (ui/data.py UPLOAD_MAX_BYTES)
HEAD = "id: t\nname: T\ngrades: [{id: g}]\n"


def problems(text: str | bytes, **kwargs) -> list[str]:
    load = load_framework_bytes if isinstance(text, bytes) else load_framework_text
    with pytest.raises(FrameworkError) as caught:
        load(text, name="h.yaml", **kwargs)
    assert all(p.file == "h.yaml" for p in caught.value.problems)
    return [str(p) for p in caught.value.problems]


# --------------------------------------------------------------------------- size and memory, in a fresh process

MEASURE = textwrap.dedent(
    """
    import json, resource, sys, time
    from contextlib import nullcontext
    from framework import FrameworkError, load_framework_bytes
    from framework.yamlsafe import gc_paused

    def many_roles(size):
        parts = [
            "id: big\\nname: A very large framework\\ngrades: [{id: g1}, {id: g2}, {id: g3}]\\n"
            "disciplines: [{id: d1, name: One}, {id: d2, name: Two}]\\n"
            "skill_levels: [{id: l1, name: Aware}, {id: l2, name: Working}]\\n"
            "skills:\\n  - {id: s1, name: One, levels: {l1: Knows., l2: Does.}}\\n"
            "  - {id: s2, name: Two, levels: {l1: Knows., l2: Does.}}\\nroles:\\n"
        ]
        total, i = len(parts[0]), 0
        while True:
            role = (
                f"  - id: role-{i}\\n    title: Role number {i}\\n    discipline: d{1 + i % 2}\\n"
                f"    grade: g{1 + i % 3}\\n    track: t{i}\\n"
                f"    source: {{kind: document, document: docs/role-{i}.txt}}\\n"
                f"    description: Role {i} plans, builds and runs services for residents, to an agreed standard.\\n"
                "    job_description:\\n      header: ['Department: Digital', 'Grade: g1']\\n      sections:\\n"
                "        - kind: duties\\n          heading: Main duties\\n          items:\\n"
                + "".join(f"            - Duty {j} of the role, in a sentence of ordinary length.\\n" for j in range(5))
                + f"    skills:\\n      - {{skill: s{1 + i % 2}, level: l{1 + i % 2}, evidence: [Duty 1.]}}\\n"
            )
            if total + len(role) > size:
                return "".join(parts)
            parts.append(role)
            total += len(role)
            i += 1

    kind, size, limit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    if kind == "roles":
        data = many_roles(size).encode()
    elif kind == "string":
        data = b"id: big\\nname: Big\\ngrades: [{id: g}]\\ndescription: " + b"y" * size + b"\\n"
    elif kind == "quoted-string":
        data = b'id: big\\nname: Big\\ngrades: [{id: g}]\\ndescription: "' + b"y" * size + b'"\\n'
    elif kind == "dense-list":
        data = b"- a\\n" * (size // 4)
    elif kind == "dense-flow":
        data = b"[" + b"a," * (size // 2 - 1) + b"]"
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    # A file as large as "roles" comes from disk: the command line and the server's start-up read it with the
    # collector paused, as they own their process then. An upload is read with it running.
    try:
        with gc_paused() if kind == "roles" else nullcontext():
            framework = load_framework_bytes(data, name="big.yaml", max_bytes=limit)
        outcome = f"loaded {len(framework.roles)} roles"
    except FrameworkError as error:
        outcome = "rejected: " + str(error.problems[0])
    seconds = time.perf_counter() - start
    growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    print(json.dumps({"bytes": len(data), "seconds": round(seconds, 2), "growth_mib": round(growth / 1024),
                      "outcome": outcome}))
    """
)


def in_fresh_process(script: str, *args: str, timeout: float = 240) -> dict:
    """Run a measuring script in a fresh interpreter (so that its peak memory is its own); the figures it prints
    as JSON on its last line."""
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure(kind: str, size: int, limit: int) -> dict:
    """Load generated input in a fresh interpreter: bytes, seconds, peak RSS growth (MiB) and the outcome."""
    figures = in_fresh_process(MEASURE, kind, str(size), str(limit))
    print(f"{kind} {figures['bytes'] / 2**20:.1f} MiB: {figures}")
    return figures


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_a_framework_of_many_roles_near_the_file_limit_loads_in_bounded_memory():
    """30 MiB of roles (some 30,000): read whole, in seconds, in about 30 times the file's size (the parser's
    nodes), never more than 2 GiB. (Each role is on a track of its own and needs one skill: 10,000 roles on one
    ladder at each of three grades, or needing two skills each, would be more than the cost model lets a graph
    derive or compare, tests/test_cost.py.)"""
    figures = measure("roles", MAX_BYTES - 2 * 1024 * 1024, MAX_BYTES)
    assert figures["outcome"].startswith("loaded ")
    assert int(figures["outcome"].split()[1]) > 25_000
    assert figures["growth_mib"] < 2048, figures


@pytest.mark.slow
@pytest.mark.timeout(120)
@pytest.mark.parametrize("kind", ["string", "quoted-string"])
def test_a_ten_megabyte_string_is_rejected_by_its_field_limit_in_little_memory(kind):
    figures = measure(kind, 10 * 1024 * 1024, MAX_BYTES)
    assert "description: string should have at most 50000 characters" in figures["outcome"]
    assert "big.yaml:4:1" in figures["outcome"]
    assert figures["growth_mib"] < 300, figures


@pytest.mark.slow
@pytest.mark.timeout(120)
@pytest.mark.parametrize("kind", ["dense-list", "dense-flow"])
def test_a_dense_upload_stops_at_its_node_budget_before_building_anything(kind):
    """2 MiB of one-letter values would be a million nodes (some 350 MiB while read): the upload's budget,
    131,072 nodes, stops it while the file is only scanned."""
    figures = measure(kind, UPLOAD - 16, UPLOAD)
    assert "more than 131,072 values" in figures["outcome"], figures
    assert figures["growth_mib"] < 120, figures


def test_the_node_budget_follows_the_size_limit():
    assert node_limit(MAX_BYTES) == MAX_NODES  # files from disk, and bytes under the same limit
    assert node_limit(UPLOAD) == 131_072
    assert node_limit(PROFILE_MAX_BYTES) == 50_000
    assert node_limit(10**12) == MAX_NODES


def test_the_shipped_frameworks_fit_the_upload_budget():
    """The budget leaves room: DDaT, the largest shipped file, loads as an upload."""
    for path in sorted(DATA.glob("*.yaml")):
        framework = load_framework_bytes(path.read_bytes(), name=path.name, max_bytes=UPLOAD)
        assert framework.roles


WORD_AT_THE_LIMITS = textwrap.dedent(
    """
    import io, json, resource, sys, time, zipfile
    import docx
    from framework import FrameworkError
    from framework.importers.jd import MAX_DOCX_EXPANDED_BYTES, MAX_DOCX_PART_BYTES, read_document

    kind = sys.argv[1]
    base = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Analyse data for services")
    document.save(base)
    with zipfile.ZipFile(io.BytesIO(base.getvalue())) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    # The costliest XML per byte: a run-only paragraph for the document, a bare paragraph style for the styles.
    fill = {"word/document.xml": ("</w:body>", "<w:p><w:r/></w:p>"),
            "word/styles.xml": ("</w:styles>", '<w:style w:type="paragraph" w:styleId="s%07d"/>')}
    budget = MAX_DOCX_EXPANDED_BYTES - sum(len(v) for k, v in parts.items() if k not in fill) - 1024
    for name, (close, unit) in fill.items():
        if kind == "document" and name != "word/document.xml":
            continue
        room = min(MAX_DOCX_PART_BYTES, budget // (1 if kind == "document" else 2)) - len(parts[name]) - 64
        count = room // len(unit % 0 if "%" in unit else unit)
        body = "".join(unit % i for i in range(count)) if "%" in unit else unit * count
        head, tail = parts[name].decode().rsplit(close, 1)
        parts[name] = (head + body + close + tail).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, blob in parts.items():
            target.writestr(name, blob)
    data = out.getvalue()
    expanded = sum(len(blob) for blob in parts.values())
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    try:
        outcome = f"read {len(read_document(data, name='big.docx'))} characters"
    except FrameworkError as error:
        outcome = "rejected: " + str(error.problems[0])
    seconds = time.perf_counter() - start
    growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    print(json.dumps({"bytes": len(data), "expanded": expanded, "seconds": round(seconds, 2),
                      "growth_mib": round(growth / 1024), "outcome": outcome}))
    """
)


@pytest.mark.slow
@pytest.mark.timeout(180)
@pytest.mark.parametrize("kind", ["document", "document-and-styles"])
def test_a_word_document_at_its_expansion_limits_is_read_in_bounded_time_and_memory(kind):
    """A small upload whose XML expands to the limits (8 MiB a part, 16 MiB in all) of the elements that cost
    most to read: read in seconds (under 5 s on two cores) and a few hundred MiB, in a fresh process."""
    pytest.importorskip("docx")
    figures = in_fresh_process(WORD_AT_THE_LIMITS, kind, timeout=170)
    print(f"Word document expanding to {figures['expanded'] / 2**20:.1f} MiB: {figures}")
    assert figures["outcome"].startswith("read "), figures
    assert figures["bytes"] < 1024 * 1024, figures  # a small upload...
    assert figures["expanded"] > (7 if kind == "document" else 15) * 1024 * 1024, figures  # ...at the limits
    assert figures["growth_mib"] < 600, figures


# --------------------------------------------------------------------------- nesting and aliases


@pytest.mark.parametrize(
    ("depth", "nested"),
    [(MAX_DEPTH - 1, False), (MAX_DEPTH, False), (MAX_DEPTH + 1, True), (MAX_DEPTH * 4, True)],
)
@pytest.mark.parametrize("style", ["flow", "block-lists", "block-maps"])
def test_nesting_at_the_limit(depth, nested, style):
    """The limit counts every list and mapping, the document's own top-level mapping included."""
    inner = depth - 1  # below the top-level mapping
    if style == "flow":
        text = "x: " + "[" * inner + "]" * inner + "\n"
    elif style == "block-lists":
        text = "x:\n" + "".join("  " * i + "-\n" for i in range(1, inner)) + "  " * inner + "- leaf\n"
    else:
        text = "".join("  " * i + f"k{i}:\n" for i in range(inner)) + "  " * inner + "k: leaf\n"
    found = "\n".join(problems(text))
    assert ("nested more than 64 levels deep" in found) is nested, found
    if not nested:
        assert "missing required field 'id'" in found  # parsed: only the schema complains


@pytest.mark.timeout(60)
def test_many_small_aliases_are_fine():
    """20,000 roles sharing one anchored source and description: each alias is cheap."""
    roles = "".join(f"  - {{id: r{i}, title: R, source: *src, description: *text}}\n" for i in range(1, 20_000))
    text = (
        HEAD
        + "roles:\n  - {id: r0, title: R, source: &src {kind: document, document: r.txt}, description: &text A role.}\n"
        + roles
    )
    start = time.perf_counter()
    framework = load_framework_text(text, name="aliases.yaml")
    print(f"20,000 aliased roles: {time.perf_counter() - start:.2f} s")
    assert len(framework.roles) == 20_000
    assert framework.roles[-1].source.document == "r.txt"


@pytest.mark.timeout(60)
@pytest.mark.parametrize(("copies", "over"), [(MAX_NODES // 1000 - 2, False), (MAX_NODES // 1000, True)])
def test_aliases_just_under_and_over_the_node_limit(copies, over):
    """An anchor of 1,000 nodes, aliased ``copies`` times: 1,004 + 1,000 × copies nodes in all."""
    text = "a: &a [" + ", ".join(["x"] * 999) + "]\nb: [" + ", ".join(["*a"] * copies) + "]\n"
    found = "\n".join(problems(text))
    assert ("(too many aliases)" in found) is over, found[:300]
    if over:
        assert "h.yaml:2:" in found
        assert "more than 5,000,000 nodes" in found
    else:
        assert "missing required field 'id'" in found


def test_an_upload_gets_the_smaller_alias_budget():
    text = "a: &a [" + ", ".join(["x"] * 999) + "]\nb: [" + ", ".join(["*a"] * 150) + "]\n"
    assert "more than 131,072 nodes (too many aliases)" in "\n".join(problems(text.encode(), max_bytes=UPLOAD))


def test_a_recursive_alias_is_a_problem_not_a_crash():
    found = "\n".join(problems(HEAD + "description: &a [*a]\n"))
    assert "description" in found


# --------------------------------------------------------------------------- encodings

VALID = HEAD + "roles: [{id: r, title: Café ☕, source: {kind: document, document: r.txt}}]\n"


def test_a_utf8_byte_order_mark_is_allowed():
    assert load_framework_bytes(b"\xef\xbb\xbf" + VALID.encode(), name="bom.yaml").roles[0].title == "Café ☕"
    assert load_framework_text("\ufeff" + VALID, name="bom.yaml").roles[0].title == "Café ☕"


@pytest.mark.parametrize(
    ("encoding", "named"),
    [
        ("utf-16", "UTF-16"),  # with a byte-order mark
        ("utf-16-le", "UTF-16"),  # without one
        ("utf-16-be", "UTF-16"),
        ("utf-32", "UTF-32"),
        ("utf-32-be", "UTF-32"),
    ],
)
def test_utf16_and_utf32_files_get_a_clear_message(encoding, named):
    found = problems(VALID.encode(encoding))
    assert found == [f"h.yaml:1:1: the file is not UTF-8 text: it looks like {named}; save it as UTF-8"]


@pytest.mark.parametrize("text", ["id: \ud800\n", "name: ok\nid: x\ud83d\n", "\udfff"])
def test_text_with_a_lone_surrogate_is_located(text):
    (found,) = problems(text)
    assert "half of a surrogate pair" in found
    line = text[: text.index(next(c for c in text if 0xD800 <= ord(c) <= 0xDFFF))].count("\n") + 1
    assert found.startswith(f"h.yaml:{line}:")


def test_a_byte_order_mark_inside_the_text_is_kept_as_text():
    """Only a leading BOM is an encoding mark; elsewhere it is a (zero-width) character of the value."""
    framework = load_framework_text(HEAD + "roles: [{id: r, title: R\ufeffR, source: {kind: document, document: d}}]\n")
    assert framework.roles[0].title == "R\ufeffR"


# --------------------------------------------------------------------------- YAML's typed values

BAD_VALUES = [
    ("!!int ", "'' cannot be read as a whole number"),
    ("!!int x", "'x' cannot be read as a whole number"),
    ("!!int 1.5", "'1.5' cannot be read as a whole number"),
    ("!!float x", "'x' cannot be read as a number"),
    ("!!bool maybe", "'maybe' cannot be read as a yes/no value"),
    ("!!timestamp soon", "'soon' cannot be read as a date"),
    ("2024-13-45", "'2024-13-45' cannot be read as a date (month must be in 1..12)"),
    ("2024-02-30", "'2024-02-30' cannot be read as a date (day is out of range for month)"),
    ("2001-12-14t21:59:43.10-99:99", "cannot be read as a date"),
    ("1" * 5_000, "cannot be read as a whole number (it has more than 4,000 digits)"),
    ("0x" + "f" * 5_000, "cannot be read as a whole number (it has more than 4,000 digits)"),
    ("0b" + "1" * 20_000, "cannot be read as a whole number (it has more than 4,000 digits)"),
    ("1" + ":00" * 300_000, "cannot be read as a whole number (it has more than 4,000 digits)"),
    ("!!map 1", "expected a mapping node, but found scalar"),
    ("!!set [1]", "expected a mapping node, but found sequence"),
    ("!!omap {a: 1}", "expected a sequence, but found mapping"),
    ("!!pairs [[1]]", "expected a mapping of length 1"),
    ("!!binary aGVsbG8=", "binary data (!!binary) is not allowed: write the value as text"),
    ("!!python/none ''", "tag not allowed"),
    ("!local x", "tag not allowed"),
]


@pytest.mark.timeout(30)
@pytest.mark.parametrize(("value", "message"), BAD_VALUES, ids=lambda v: v[:24] if isinstance(v, str) else v)
def test_a_value_its_type_cannot_hold_is_a_located_problem(value, message):
    found = problems(HEAD + "description: " + value + "\n")
    assert len(found) == 1, found
    assert found[0].startswith("h.yaml:4:"), found[0][:200]  # at the value, or inside it
    assert "YAML value: " in found[0]
    assert message in found[0]


def test_binary_cannot_slip_an_unknown_id_past_the_checks():
    """``!!binary`` once read as bytes, which the schema took as text while the id checks skipped them."""
    role = "{id: r, title: R, grade: !!binary Wlo=, source: {kind: document, document: d}}"  # b"ZZ"
    assert "binary data (!!binary) is not allowed" in "\n".join(problems(HEAD + f"roles: [{role}]\n"))


def test_a_set_is_a_mapping_with_null_values():
    text = HEAD + (
        "skill_levels: [{id: a, name: A}, {id: b, name: B}]\n"
        "skills: [{id: s, name: S, levels: !!set {a, b}}]\n"
        "roles: [{id: r, title: R, source: {kind: document, document: d}, skills: [{skill: s, level: b}]}]\n"
    )
    framework = load_framework_text(text, name="set.yaml")
    assert framework.skills[0].levels == {"a": None, "b": None}
    found = problems(HEAD + "roles: [{id: r, title: R, source: {kind: document, document: d}, "
                     "job_description: {header: !!set {x, y}}}]\n")  # fmt: skip
    assert any("header: input should be a valid list" in p for p in found), found


def test_an_ordered_map_is_read_as_pairs_and_reported_where_it_is():
    found = problems(HEAD + "disciplines: !!omap [{d: D}]\n")
    assert any(p.startswith("h.yaml:4:") and "disciplines[0]" in p for p in found), found


@pytest.mark.parametrize("value", ["2024-05-01", "2024-05-01 10:00:00", "!!timestamp 2024-05-01t10:00:00Z"])
def test_a_date_where_text_belongs_says_to_quote_it(value):
    (found,) = problems(HEAD + f"description: {value}\n")
    assert found.startswith("h.yaml:4:1: description: input should be a valid string, got the date 2024-05-01")
    assert "(put it in quotes if it is text)" in found


def test_merge_keys_work_and_are_not_duplicate_keys():
    text = HEAD + textwrap.dedent(
        """\
        disciplines: [{id: d, name: D}]
        roles:
          - &base {id: a, title: A, discipline: d, source: {kind: document, document: a.txt}}
          - <<: *base
            id: b
            title: B
          - {<<: [*base, {grade: g}], id: c}
        """
    )
    framework = load_framework_text(text, name="merge.yaml")
    assert [(r.id, r.title, r.discipline, r.grade) for r in framework.roles] == [
        ("a", "A", "d", None),
        ("b", "B", "d", None),
        ("c", "A", "d", "g"),
    ]


@pytest.mark.parametrize(
    ("merge", "message"),
    [
        ("<<: 1", "expected a mapping or list of mappings for merging"),
        ("<<: [1]", "expected a mapping for merging"),
        ("<<: !!binary aGVsbG8=", "expected a mapping or list of mappings for merging"),
    ],
)
def test_a_bad_merge_is_a_located_problem(merge, message):
    (found,) = problems(HEAD + "x: {" + merge + "}\n")
    assert found.startswith("h.yaml:4:")
    assert message in found


# --------------------------------------------------------------------------- inputs that once took minutes


def test_duplicate_roles_with_crossing_reporting_lines_make_one_cycle_not_billions():
    """Twelve ids, each used eleven times, each copy reporting to another: every duplicate once added its own
    reporting line, a complete graph with billions of cycles (a 10 KiB file took over a minute per ten ids)."""
    roles = [
        f"  - {{id: r{a}, title: R, source: {{kind: document, document: d}}, reports_to: {{role: r{b}}}}}"
        for a in range(12)
        for b in range(12)
        if a != b
    ]
    found = problems(HEAD + "roles:\n" + "\n".join(roles) + "\n")
    assert sum("duplicate id" in p for p in found) == 12 * 11 - 12
    assert sum("reporting-line cycle" in p for p in found) == 1  # r0 → r1 → r0, from the first of each id


@pytest.mark.timeout(60)
def test_thousands_of_unknown_ids_among_thousands_of_roles_are_quick():
    """Each "did you mean" compares with every known id: 8,000 of them against 8,000 roles took 20 s."""
    roles = "".join(
        f"  - {{id: role-{i}, title: R, source: {{kind: document, document: d}}, reports_to: {{role: boss-{i}}}}}\n"
        for i in range(8_000)
    )
    start = time.perf_counter()
    found = problems((HEAD + "roles:\n" + roles).encode(), max_bytes=UPLOAD)
    print(f"8,000 unknown managers: {time.perf_counter() - start:.2f} s")
    assert len(found) == MAX_PROBLEMS + 1
    assert found[0] == "h.yaml:5:80: role role-0: roles[0].reports_to.role: unknown role 'boss-0'"
    assert found[-1] == "h.yaml: … and 7,000 more problems, not listed: fix these first"


@pytest.mark.timeout(60)
def test_thousands_of_problems_in_one_mapping_are_located_in_linear_time():
    """Locating each problem scanned its mapping from the top: 20,000 unknown fields (150 KiB) took minutes."""
    text = "".join(f"k{i}: 1\n" for i in range(20_000))
    start = time.perf_counter()
    found = problems(text)
    print(f"20,000 unknown fields: {time.perf_counter() - start:.2f} s")
    assert found[0] == "h.yaml:1:1: id: missing required field 'id'"
    assert any(p.startswith("h.yaml:500:1: k499: unknown field") for p in found)


@pytest.mark.timeout(60)
def test_a_flood_of_schema_problems_is_capped_with_an_exact_count():
    items = ", ".join(["1"] * 120_000)  # within the upload's node budget
    text = HEAD + "roles: [{id: r, title: R, source: {kind: document, document: d}, "
    text += f"job_description: {{header: [{items}]}}}}]\n"
    found = problems(text.encode(), max_bytes=UPLOAD)
    assert len(found) == MAX_PROBLEMS + 1
    assert found[-1] == "h.yaml: … and 119,000 more problems with the schema, not listed"
    assert found[0].startswith("h.yaml:4:")


@pytest.mark.timeout(60)
def test_a_profile_with_thousands_of_unknown_skills_is_quick(council):
    text = "profile_version: 1\nframework: council-digital\nskills:\n" + "".join(
        f"  s{i}: working\n" for i in range(15_000)
    )
    assert len(text) < PROFILE_MAX_BYTES
    start = time.perf_counter()
    with pytest.raises(FrameworkError) as caught:
        load_profile(text.encode(), name="p.yaml", framework=council)
    print(f"15,000 unknown skills: {time.perf_counter() - start:.2f} s")
    found = [str(p) for p in caught.value.problems]
    assert len(found) == MAX_PROBLEMS + 1
    assert found[0].startswith("p.yaml:4:3: skills.s0: unknown skill 's0'")
    assert found[-1] == "p.yaml:1:1: … and 14,000 more problems, not listed: fix these first"
