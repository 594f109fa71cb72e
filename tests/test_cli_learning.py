"""``python -m framework`` for learning catalogues: ``import resources``, ``validate`` (and ``catalogue validate``),
``catalogue coverage`` and ``catalogue verify`` — exit codes, one problem per line with its place, no traceback."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from framework.cli import main
from framework.learning import read_catalogue
from tests.conftest import DATA

DDAT = str(DATA / "ddat.yaml")
COUNCIL = str(DATA / "roles.yaml")
SHIPPED = str(DATA / "learning" / "ddat.yaml")
SHEET = (
    "title,address,kind,access,skill,level,source\n"
    "Agile basics,https://learn.example.org/agile,course,organisation,Agile and Lean practices,Working,our list\n"
    "Agile basics,https://learn.example.org/agile,course,organisation,planning,practitioner,our list\n"
    "Shadow a delivery manager,,shadowing,organisation,maintaining-delivery-momentum,,our list\n"
    "A talk,https://learn.example.org/talk,talk,open,planning,,our list\n"
)


def run(capsys, *args: str) -> tuple[int, list[str]]:
    code = main(list(args))
    return code, capsys.readouterr().out.splitlines()


def test_import_resources_writes_a_catalogue_and_accounts_for_every_row(tmp_path, capsys):
    sheet = tmp_path / "courses.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    out = tmp_path / "ours.yaml"
    code, lines = run(capsys, "import", "resources", str(sheet), "-o", str(out), "--framework", COUNCIL)
    assert code == 0
    assert lines[:2] == [
        "Learning catalogue import:",
        "  read courses.csv: 4 rows below the header: 2 resources, 1 adding to an earlier row's resource, 0 blank, "
        "1 skipped",
    ]
    assert (
        "  row 5: 'A talk' — kind 'talk' is not one of course, guide, book, community, shadowing, on-the-job" in lines
    )
    assert lines[-1] == f"wrote {out}"
    catalogue = read_catalogue(out)
    assert [e.title for e in catalogue.resources] == ["Agile basics", "Shadow a delivery manager"]
    assert catalogue.frameworks == ["council-digital"]
    assert out.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schema/learning.schema.json"
    )


def test_validate_reads_a_catalogue_and_checks_it_against_the_frameworks_it_serves(capsys):
    code, lines = run(capsys, "validate", SHIPPED, "--framework", DDAT, "--framework", COUNCIL)
    assert code == 0
    assert lines == [
        f"OK: {len(read_catalogue(SHIPPED).resources)} resources serving 116 skills and areas, ids checked against "
        "ddat, council-digital"
    ]


def test_validate_names_each_unknown_id_at_its_line(tmp_path, capsys):
    bad = tmp_path / "ours.yaml"
    bad.write_text(
        "catalogue_version: 1\nid: ours\nname: Ours\nresources:\n"
        "  - title: Agile basics\n    address: https://learn.example.org/agile\n    kind: course\n"
        "    access: open\n    source: our list\n"
        "    serves:\n      - {skill: agile-and-lean-practice, levels: [working]}\n"
        "      - {skill: planning, levels: [master]}\n",
        encoding="utf-8",
    )
    code, lines = run(capsys, "catalogue", "validate", str(bad), "--framework", COUNCIL)
    assert code == 1
    assert lines == [
        f"{bad}:11:10: resources[0].serves[0].skill: unknown skill 'agile-and-lean-practice' (did you mean "
        "'agile-and-lean-practices'?)",
        f"{bad}:12:36: resources[0].serves[1].levels[0]: unknown level 'master' (known: awareness, working, "
        "practitioner, expert)",
    ]
    code, same = run(capsys, "validate", str(bad), "--framework", COUNCIL)
    assert (code, same) == (1, lines), "'validate' reads a catalogue as 'catalogue validate' does"


def test_validate_without_a_framework_checks_the_schema_and_says_what_more_it_could_check(capsys):
    code, lines = run(capsys, "catalogue", "validate", SHIPPED)
    assert code == 0
    assert lines[-1] == "note: give --framework FILE to check its skill, area and level ids"


def test_coverage_prints_the_report_the_docs_hold(capsys, tmp_path):
    code, lines = run(capsys, "catalogue", "coverage")
    assert code == 0
    assert lines[0] == "# Learning catalogue coverage"
    assert any(line.startswith("- (skill, level) pairs covered: **") for line in lines)
    out = tmp_path / "coverage.md"
    assert run(capsys, "catalogue", "coverage", "-o", str(out)) == (0, [f"wrote {out}"])
    assert out.read_text(encoding="utf-8").splitlines() == lines


GIT = shutil.which("git")


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_verify_checks_titles_and_addresses_against_a_copy_of_the_repository(tmp_path, capsys):
    repo = tmp_path / "repos" / "alphagov+gds-way"
    (repo / "source" / "standards").mkdir(parents=True)
    (repo / "source" / "standards" / "pair-programming.html.md.erb").write_text(
        "---\ntitle: Pair Programming\n---\n# <%= current_page.data.title %>\n", encoding="utf-8"
    )

    def git(*args: str) -> str:
        return subprocess.run([GIT, "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout.strip()

    git("init", "-q")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "page")
    commit = git("rev-parse", "HEAD")

    def catalogue(title: str, address: str) -> str:
        path = tmp_path / "c.yaml"
        path.write_text(
            "id: c\nname: C\nresources:\n"
            f"  - title: {title}\n    address: {address}\n    kind: guide\n    access: open\n"
            f"    source: github:alphagov/gds-way@{commit}:source/standards/pair-programming.html.md.erb\n"
            "    serves: [{skill: planning}]\n",
            encoding="utf-8",
        )
        return str(path)

    good = "https://gds-way.digital.cabinet-office.gov.uk/standards/pair-programming.html"
    assert run(
        capsys, "catalogue", "verify", catalogue("Pair Programming", good), "--repos", str(tmp_path / "repos")
    ) == (
        0,
        ["checked 1 resources: 0 problems"],
    )
    path = catalogue("Pairing", good.replace("pair-", "mob-"))
    code, lines = run(capsys, "catalogue", "verify", path, "--repos", str(tmp_path / "repos"))
    assert code == 1
    assert lines == [
        f"{path}: resources[0] 'Pairing': address {good.replace('pair-', 'mob-')} is not where "
        f"source/standards/pair-programming.html.md.erb is published ({good})",
        f"{path}: resources[0] 'Pairing': the file gives the title 'Pair Programming'",
        "checked 1 resources: 2 problems",
    ]
    code, lines = run(capsys, "catalogue", "verify", path, "--repos", str(tmp_path / "nowhere"))
    assert code == 1
    assert lines[-2].endswith(f"not found under {tmp_path / 'nowhere'}")
