"""The Monzo and FT importers against what an attacker would hand them: YAML bombs in an FT family or a Monzo
file's front matter, Markdown that makes tens of thousands of levels or topics, and odd file names — each
refused with a located message or read, never a traceback, and an upload's import held to the node budget of a
framework file of its size. Inputs are generated here."""

from __future__ import annotations

import subprocess
import sys

import pytest

from framework import FrameworkError
from framework.importers import Input, import_monzo, load_or_import
from framework.yamlsafe import node_limit
from tests.conftest import ROOT

UPLOAD = 256 * 1024  # a small upload limit keeps each case quick; the budget scales with it
MONZO_PROSE = "---\nyaml: false\ntitle: Backend Engineering Framework\n---\n"


def _refused(name: str, text: str, *, max_bytes: int = UPLOAD) -> str:
    with pytest.raises(FrameworkError) as refused:
        load_or_import(text.encode(), name=name, max_bytes=max_bytes)
    return str(refused.value)


def _alias_bomb(key: str) -> str:
    """Nine levels of ten aliases each: a few hundred bytes that expand to a billion values."""
    lines = [f"{key}: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"l{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


def test_a_monzo_file_of_tens_of_thousands_of_levels_is_refused_by_the_upload_s_node_budget():
    """2 MiB of "## Level N" headings made 60,000 roles, and a check that ran past its time limit."""
    body = "".join(f"## Level {n}\n### Topic\n- criterion {n}\n" for n in range(6_000))
    message = _refused("backend.md", MONZO_PROSE + body)
    assert f"imported, it makes a framework of more than {node_limit(UPLOAD):,} values" in message


def test_a_monzo_file_of_tens_of_thousands_of_topics_is_read_in_linear_time():
    """Each topic was looked for among all the topics before it: 150,000 of them never finished."""
    topics = 30_000
    body = "## Level 1\n" + "".join(f"### Topic {n}\n- criterion {n}\n" for n in range(topics))
    result = import_monzo([Input("backend.md", (MONZO_PROSE + body).encode())])
    assert len(result.framework.areas) == topics
    upload = "## Level 1\n" + "".join(f"### Topic {n}\n- criterion {n}\n" for n in range(6_000))
    assert "imported, it makes a framework of more than" in _refused("backend.md", MONZO_PROSE + upload)


@pytest.mark.parametrize(
    ("name", "text", "says"),
    [
        ("backend.md", "---\n" + _alias_bomb("topics") + "---\n", "too many aliases"),
        ("backend.md", "---\ntopics: " + "[" * 2_000 + "]" * 2_000 + "\n---\n", "nested"),
        ("backend.md", "---\ntopics: !!python/object/apply:os.system [true]\n---\n", "tag"),
        ("backend.md", MONZO_PROSE + "## Level 1\n### Topic\n- " + "x" * 60_000 + "\n", "at most 50000 characters"),
        ("engineering.yml", "title: Engineering\nlevels:\n" + _alias_bomb("x"), "too many aliases"),
        ("engineering.yml", "title: Engineering\nlevels: " + "[" * 2_000 + "]" * 2_000 + "\n", "nested"),
        ("engineering.yml", "title: X\nlevels: !!python/object/apply:os.system [true]\n", "tag"),
    ],
    ids=["monzo-aliases", "monzo-nesting", "monzo-tag", "monzo-long-line", "ft-aliases", "ft-nesting", "ft-tag"],
)
def test_bombs_in_front_matter_and_families_are_refused_with_a_located_message(name, text, says):
    message = _refused(name, text, max_bytes=2 * 2**20)
    assert says in message or "no Monzo-format framework file was read" in message, message


def test_an_ft_family_of_thousands_of_competencies_is_held_to_the_node_budget():
    themes = "themes:\n  - {id: delivery, name: Delivery}\n"
    levels = "levels:\n" + "".join(f"  - {{id: l{n}, name: Level {n}}}\n" for n in range(400))
    competencies = "competencies:\n" + "".join(
        f"  - {{id: c{n}, level: l{n % 400}, theme: delivery, summary: Delivers {n}, proficiency: Awareness}}\n"
        for n in range(15_000)
    )
    upload = 2 * 2**20
    message = _refused("engineering.yml", f"name: Engineering\n{levels}{themes}{competencies}", max_bytes=upload)
    assert f"more than {node_limit(upload):,} values" in message  # read, or once imported


ODD_NAMES = [
    "../../etc/passwd.md",
    "back\nend.md",
    "back\u202edm.md",
    "<img src=x onerror=alert(1)>.md",
    "x" * 400 + ".md",
    ".md",
    "CON.md",
    "-rf.md",
    "' OR 1=1 --.md",
]


@pytest.mark.parametrize("name", ODD_NAMES, ids=range(len(ODD_NAMES)))
def test_an_upload_s_name_is_only_a_name(name):
    text = MONZO_PROSE + "## Level 1\n### Delivery\n- Ships small changes often\n"
    framework, summary = load_or_import(text.encode(), name=name, max_bytes=UPLOAD)
    assert summary is not None
    for role in framework.roles:
        assert len(role.id) <= 120
        assert "/" not in role.id
        assert "\n" not in role.title
    (expectation,) = [e.text for r in framework.roles for e in r.expectations]
    assert expectation == "Ships small changes often"


@pytest.mark.parametrize(
    "name", ["back\nend.md", "back\u202edm.md", "<b>x.md", "x" * 200 + ".md", "-rf.md"], ids=range(5)
)
def test_the_command_line_reads_files_of_odd_names_without_a_traceback(tmp_path, name):
    folder = tmp_path / "frameworks"
    folder.mkdir()
    (folder / name).write_text(MONZO_PROSE + "## Level 1\n### Delivery\n- Ships small changes often\n")
    (folder / "bomb.md").write_text("---\n" + _alias_bomb("topics") + "---\n")
    done = subprocess.run(
        [sys.executable, "-m", "framework", "import", "monzo", str(folder), "-o", str(tmp_path / "out.yaml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode in (0, 1), done.stdout + done.stderr
    assert "too many aliases" in done.stdout
