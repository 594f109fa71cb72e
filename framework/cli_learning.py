"""The command line's learning-catalogue commands: ``import resources``, ``catalogue validate``, ``catalogue
coverage`` and ``catalogue verify`` (``validate`` also checks a catalogue handed to it)::

    python -m framework import resources courses.xlsx -o ours.yaml --framework data/roles.yaml --map address=Link
    python -m framework catalogue validate ours.yaml --framework data/roles.yaml
    python -m framework catalogue coverage -o docs/learning-coverage.md
    python -m framework catalogue verify data/learning/ddat.yaml --repos /path/to/clones

Exit codes as every command: 0 success, 1 the input has problems (each printed on its own line), 2 usage.
"""

from __future__ import annotations

import argparse
import subprocess
from collections.abc import Sequence
from pathlib import Path

from .errors import InputError

__all__ = ["COVERAGE_COMMAND", "add_learning_commands", "coverage_document", "is_catalogue_file", "run"]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
DATA = Path(__file__).resolve().parents[1] / "data"
LEARNING = DATA / "learning"
#: The frameworks and catalogues ``docs/learning-coverage.md`` measures (paths relative to the repository).
COVERAGE_FRAMEWORKS = ("data/ddat.yaml", "data/roles.yaml")
COVERAGE_SKILLS_OF = "data/roles.yaml"
COVERAGE_COMMAND = "python -m framework catalogue coverage -o docs/learning-coverage.md"


def add_learning_commands(commands, sources) -> None:
    """``import resources`` (under ``import``) and the ``catalogue`` command with its actions."""
    resources = sources.add_parser(
        "resources",
        help="a learning catalogue from a spreadsheet (CSV or Excel .xlsx) of resources",
        description="Import the spreadsheet an L&D team keeps into a learning catalogue: one row per resource and "
        "skill (or area), levels in a 'level' cell (several separated by ';'; blank for every level). Columns "
        "(headers matched ignoring case): title, address, provider, kind, access, cost, time, licence, skill, area, "
        "level, source, checked_on, note (needed: title, kind, and skill or area). Rows of one address become one "
        "resource. Every row is accounted for; a bad row is named by its row number.",
    )
    resources.add_argument("paths", nargs=1, type=Path, metavar="FILE", help="the .csv or .xlsx file")
    resources.add_argument("-o", "--output", type=Path, required=True, help="catalogue YAML file to write")
    resources.add_argument(
        "--framework",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="the framework(s) the catalogue serves: skills, areas and levels may then be written by name, and "
        "each is checked (repeatable)",
    )
    resources.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=HEADER",
        help='read FIELD from the column HEADER, e.g. --map address="Link" (repeatable)',
    )
    catalogue = commands.add_parser(
        "catalogue",
        help="check a learning catalogue, measure its coverage, verify its sources",
        description="Learning catalogues: resources per skill and level, kept apart from the framework.",
    )
    actions = catalogue.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser(
        "validate",
        help="check catalogue files against their schema and the frameworks they serve",
        description="Check learning catalogues: YAML syntax, the schema, and with --framework every skill, area "
        "and level id (an id is known when one of the frameworks has it). Prints 'OK: …' and any warnings, or every "
        "problem with its line, one per line (exit status 1).",
    )
    check.add_argument("paths", nargs="+", type=Path, metavar="FILE", help="catalogue YAML file(s)")
    _framework_option(check)
    coverage = actions.add_parser(
        "coverage",
        help="the share of (skill, level) pairs some role needs that have an open resource, and the holes",
        description="Measure the shipped catalogues against the shipped frameworks (or those given): for each, the "
        "(skill, level) pairs some role needs, those with an open resource, and the holes, as Markdown. Without "
        f"options it measures what docs/learning-coverage.md reports: {COVERAGE_COMMAND}",
    )
    coverage.add_argument("--catalogue", type=Path, action="append", default=[], metavar="FILE")
    _framework_option(coverage)
    coverage.add_argument("-o", "--output", type=Path, metavar="FILE", help="write the Markdown here")
    verify = actions.add_parser(
        "verify",
        help="check every resource's title and address against the repository file its source names",
        description="For each resource whose source is 'github:OWNER/REPO@COMMIT:PATH[#ROW]': the address follows "
        "the repository's rule (docs/learning.md), and the file at that commit — read from a copy of the "
        "repository under --repos (DIR/OWNER+NAME/repo or DIR/NAME, a clone or a bare repository) — gives "
        "the same title. Prints every mismatch (exit status 1).",
    )
    verify.add_argument("paths", nargs="+", type=Path, metavar="FILE", help="catalogue YAML file(s)")
    verify.add_argument("--repos", type=Path, required=True, metavar="DIR", help="where the repositories are")


def _framework_option(parser) -> None:
    parser.add_argument(
        "--framework",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="a framework the catalogue serves (repeatable)",
    )


def run(args: argparse.Namespace) -> int:
    """Run a learning-catalogue command (see :func:`add_learning_commands`)."""
    if args.command == "import":
        return _import(args.paths[0], args.output, args.framework, args.map)
    if args.action == "validate":
        return validate_catalogues(args.paths, args.framework)
    if args.action == "coverage":
        return _coverage(args.catalogue, args.framework, args.output)
    return _verify(args.paths, args.repos)


def is_catalogue_file(path: Path) -> bool:
    """Whether the file at ``path`` looks like a learning catalogue (a YAML mapping with ``catalogue_version``, or
    ``resources`` and no ``roles``), read cheaply from its first lines."""
    try:
        with path.open(encoding="utf-8", errors="replace") as file:
            head = file.read(64 * 1024)
    except OSError:
        return False
    keys = {line.split(":", 1)[0] for line in head.splitlines() if line[:1].isalpha() and ":" in line}
    return "catalogue_version" in keys or ("resources" in keys and "roles" not in keys)


def _frameworks(paths: Sequence[Path]):
    from .loader import load_framework

    return [load_framework(path) for path in paths]


def validate_catalogues(paths: Sequence[Path], framework_paths: Sequence[Path]) -> int:
    """Check each catalogue (and, given frameworks, every id it names); print what each holds or its problems."""
    from .learning import check_catalogue

    frameworks = _frameworks(framework_paths)
    status = EXIT_OK
    for path in paths:
        prefix = f"{path}: " if len(paths) > 1 else ""
        try:
            catalogue, warnings = check_catalogue(path.read_bytes(), name=str(path), framework=frameworks or None)
        except OSError as exc:
            print(f"{path}: cannot read ({exc.strerror})")
            status = EXIT_PROBLEMS
            continue
        except InputError as exc:
            status = EXIT_PROBLEMS
            for problem in exc.problems or []:
                print(problem)
            if not exc.problems:
                print(f"{path}: {exc.summary}")
            continue
        served = {s.skill or s.area for entry in catalogue.resources for s in entry.serves}
        checked = f", ids checked against {', '.join(f.id for f in frameworks)}" if frameworks else ""
        print(f"{prefix}OK: {len(catalogue.resources)} resources serving {len(served)} skills and areas{checked}")
        for warning in warnings:
            print(warning)
        if not frameworks:
            print(f"{prefix}note: give --framework FILE to check its skill, area and level ids")
    return status


def _import(path: Path, output: Path, framework_paths: Sequence[Path], mapping: Sequence[str]) -> int:
    from .importers import read_inputs
    from .importers.resources import import_resources, parse_resource_mapping
    from .learning import Vocabulary, dump_catalogue

    columns = parse_resource_mapping(list(mapping))
    frameworks = _frameworks(framework_paths)
    source = read_inputs([path], "resources")[0]
    result = import_resources(source, mapping=columns, framework=Vocabulary.of(*frameworks) if frameworks else None)
    for line in result.summary.lines():
        print(line)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(dump_catalogue(result.catalogue, header_comment=result.header), encoding="utf-8", newline="\n")
    print(f"wrote {output}")
    return EXIT_OK


def coverage_document(catalogue_paths: Sequence[Path] = (), framework_paths: Sequence[Path] = ()) -> str:
    """The Markdown coverage report: each framework against the catalogues that serve it (the shipped ones, or
    ``catalogue_paths``), and — for the shipped report — DDaT restricted to the skills the council uses."""
    from .learning import merge_catalogues, read_catalogue
    from .learning_coverage import catalogue_coverage, coverage_markdown

    root = DATA.parent
    default = not catalogue_paths and not framework_paths
    frameworks = _frameworks(framework_paths or [root / p for p in COVERAGE_FRAMEWORKS])
    paths = list(catalogue_paths) or sorted(LEARNING.glob("*.yaml"))
    catalogues = [read_catalogue(path) for path in paths]
    reports = []
    for framework in frameworks:
        used = [c for c in catalogues if c.serves_framework(framework.id)] if not catalogue_paths else catalogues
        library = merge_catalogues(shipped=used)
        reports.append((f"{framework.name}: every skill its roles need", catalogue_coverage(library, framework)))
        if default and framework.id == "ddat":
            council = _frameworks([root / COVERAGE_SKILLS_OF])[0]
            skills = {r.skill for role in council.roles for r in role.skills}
            reports.append(
                (
                    f"{framework.name}: only the {len(skills)} skills the {council.name} uses",
                    catalogue_coverage(library, framework, skills=skills),
                )
            )
    names = ", ".join(f"{c.name} (`{_shown(p, root)}`)" for c, p in zip(catalogues, paths, strict=True))
    command = COVERAGE_COMMAND if default else "python -m framework catalogue coverage …"
    return coverage_markdown(reports, command=command, catalogues=names)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.name


def _coverage(catalogue_paths: Sequence[Path], framework_paths: Sequence[Path], output: Path | None) -> int:
    text = coverage_document(catalogue_paths, framework_paths)
    if output is None:
        print(text, end="")
    else:
        output.write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {output}")
    return EXIT_OK


def _repository(repos: Path, repo: str) -> Path | None:
    """Where a copy of ``repo`` ("owner/name") is under ``repos``."""
    owner, name = repo.split("/")
    for candidate in (repos / f"{owner}+{name}" / "repo", repos / f"{owner}+{name}", repos / name, repos / repo):
        if candidate.is_dir():
            return candidate
    return None


def _verify(paths: Sequence[Path], repos: Path) -> int:
    """Every resource's address against its repository's rule, and its title against the file it cites."""
    from .learning import read_catalogue
    from .learning_sources import expected_address, parse_source, title_in

    problems = 0
    checked = 0
    files: dict[tuple[str, str, str], str | None] = {}
    for path in paths:
        for i, entry in enumerate(read_catalogue(path).resources):
            where = f"{path}: resources[{i}] {entry.title!r}"
            ref = parse_source(entry.source)
            if ref is None:
                print(f"{where}: source is not written github:OWNER/REPO@COMMIT:PATH[#ROW]")
                problems += 1
                continue
            address = expected_address(ref)
            if address is None or address != entry.address:
                print(f"{where}: address {entry.address} is not where {ref.path} is published ({address})")
                problems += 1
            key = (ref.repo, ref.commit, ref.path)
            if key not in files:
                files[key] = _show(repos, *key)
            text = files[key]
            if text is None:
                print(f"{where}: {ref.repo}@{ref.commit[:12]}:{ref.path} not found under {repos}")
                problems += 1
                continue
            title = title_in(ref, text)
            if title != entry.title:
                print(f"{where}: the file gives the title {title!r}")
                problems += 1
            checked += 1
    print(f"checked {checked} resources: {problems} problem{'s' * (problems != 1)}")
    return EXIT_PROBLEMS if problems else EXIT_OK


def _show(repos: Path, repo: str, commit: str, path: str) -> str | None:
    where = _repository(repos, repo)
    if where is None:
        return None
    shown = subprocess.run(
        ["git", "-C", str(where), "show", f"{commit}:{path}"], capture_output=True, check=False, timeout=60
    )
    return shown.stdout.decode("utf-8", errors="replace") if shown.returncode == 0 else None
