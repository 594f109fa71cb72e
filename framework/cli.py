"""Command line: ``python -m framework COMMAND``.

Exit codes: 0 success, 1 the input has problems (each printed on its own line), 2 a usage error.
Bad input never produces a traceback, whatever the file holds.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .cli_learning import add_learning_commands, is_catalogue_file, validate_catalogues
from .cli_learning import run as run_learning
from .docbounds import NAME_CHARS
from .errors import FrameworkError
from .wording import plural

__all__ = ["main"]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m framework",
        description="Check, describe and import career frameworks.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    validate = commands.add_parser(
        "validate",
        help="check framework files and report every problem",
        description="Check framework files: YAML syntax, the schema, every id reference, reporting-line cycles, "
        "and build the career graph the app builds, within its cost limits. Prints 'OK: N roles, M grades, "
        "K disciplines, S skills, E moves', any moves left out and any warnings, or every problem one per line "
        "(exit status 1).",
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", type=Path, help="framework YAML file(s)")
    validate.add_argument("--quiet", "-q", action="store_true", help="do not print warnings")
    validate.add_argument(
        "--framework",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="for a learning catalogue: a framework whose ids it uses (repeatable)",
    )

    export = commands.add_parser(
        "export",
        help="write every download the app offers for a framework",
        description="Write the framework-level downloads of the app into a folder, under the file names the app "
        "gives them: the roles and skills-matrix CSV files, the framework's Excel workbook, the structure review "
        "in Markdown and Excel, and each role's profile in Markdown. Prints each file written.",
    )
    export.add_argument("framework", metavar="FRAMEWORK", type=Path, help="framework YAML file")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="folder to write the files in")

    _diff_parser(commands)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of framework files",
        description="Print the JSON Schema generated from the models, or write it to a file, or check that a "
        "file holds the current schema (exit status 1 if it does not).",
    )
    schema.add_argument(
        "--kind",
        choices=("framework", "profile", "record", "learning"),
        default="framework",
        help="which file's schema (default: framework)",
    )
    group = schema.add_mutually_exclusive_group()
    group.add_argument("-o", "--output", type=Path, help="write the schema to this file")
    group.add_argument("--check", type=Path, metavar="PATH", help="check that PATH holds the current schema")

    importer = commands.add_parser(
        "import",
        help="import a framework from another format",
        description="Import a framework from another format into a framework YAML file.",
    )
    sources = importer.add_subparsers(dest="source", metavar="SOURCE", required=True)
    ddat = sources.add_parser(
        "ddat",
        help="the UK Government DDaT Capability Framework (its CSV download)",
        description="Import the DDaT Capability Framework from its two CSV files; prints a summary that "
        "accounts for every row.",
    )
    ddat.add_argument("--roles", type=Path, required=True, help="roles.csv of the DDaT download")
    ddat.add_argument("--skills", type=Path, required=True, help="skills.csv of the DDaT download")
    ddat.add_argument("-o", "--output", type=Path, required=True, help="framework YAML file to write")
    jd = sources.add_parser(
        "jd",
        help="job-description documents (Markdown, plain text or Word .docx)",
        description="Read job descriptions into role definitions, every line word for word: the title, header "
        "fields, purpose, duties and the person specification — found by its heading's meaning ('Person "
        "specification', 'Personal specification - competences/skills required', 'Selection criteria', or a "
        "Word table with Essential / Desirable columns) — whose headings become areas (clusters as parent "
        "areas) and whose criteria become expectations, marked essential or desirable. A document describing "
        "several levels is split into a role per level. With --merge, update an existing framework: only "
        "job-description content and the facts derived from it change; ids, skills, benchmarks, moves and "
        "reporting lines written by hand are kept. Lines that cannot be placed are kept and reported by line.",
    )
    jd.add_argument("files", nargs="+", type=Path, metavar="FILE", help="job-description documents")
    jd.add_argument("-o", "--output", type=Path, required=True, help="framework YAML file to write")
    jd.add_argument("--merge", type=Path, metavar="FRAMEWORK", help="an existing framework file to update")
    jd.add_argument(
        "--suggest",
        action="store_true",
        help="also print a suggested DDaT benchmark and skills for each imported role (nothing is applied: "
        "accept one with 'python -m framework suggest OUTPUT --role ID --accept -o OUTPUT')",
    )
    _add_expectation_importers(sources)
    _add_plan(commands)
    _add_records(commands)
    _add_hr(commands)
    add_learning_commands(commands, sources)
    return parser


def _add_plan(commands) -> None:
    """``plan``: a development plan between two roles (or from a saved self-assessment), as a file."""
    plan = commands.add_parser(
        "plan",
        help="write a development plan from one role (or a self-assessment) to another",
        description="Write the development plan the Skill gap page offers: what changes at the target role, the "
        "focus (the biggest gaps unless --focus says how many), what good looks like, ways to practise, and space "
        "for agreed actions and sign-off — as Markdown, CSV or a one-page PDF.",
    )
    plan.add_argument("--framework", type=Path, required=True, metavar="FILE", help="the framework YAML file")
    plan.add_argument("--current", required=True, metavar="ROLE", help="the current role's id")
    plan.add_argument("--target", required=True, metavar="ROLE", help="the target role's id")
    plan.add_argument("--assessment", type=Path, metavar="FILE", help="a saved self-assessment (YAML or JSON)")
    plan.add_argument("--focus", type=int, default=3, metavar="N", help="how many of the biggest gaps (default 3)")
    plan.add_argument(
        "--person", type=_name, help=f"the person's name, printed on the plan (up to {NAME_CHARS} characters)"
    )
    plan.add_argument("--manager", type=_name, help="the line manager's name, printed on the plan (the same)")
    plan.add_argument("--date", type=_date, help="the plan's date, YYYY-MM-DD (default today)")
    plan.add_argument("--next-check-in", type=_date, metavar="DATE", help="the next check-in, YYYY-MM-DD")
    plan.add_argument(
        "--catalogue",
        type=Path,
        action="append",
        metavar="FILE",
        help="an organisation's learning catalogue, listed before the shipped ones that serve the framework "
        "(may be given more than once)",
    )
    plan.add_argument("--format", choices=("md", "csv", "pdf"), required=True, help="the file to write")
    plan.add_argument("-o", "--output", type=Path, required=True, help="where to write it")


def _name(text: str) -> str:
    """A name as the app's name fields take it: at most :data:`~framework.docbounds.NAME_CHARS` characters."""
    if len(text) > NAME_CHARS:
        raise argparse.ArgumentTypeError(f"a name has at most {NAME_CHARS} characters; this one has {len(text):,}")
    return text


def _date(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def _add_expectation_importers(sources) -> None:
    """``import ft``, ``import monzo`` and ``import sheet``: frameworks written as expectations per level."""
    ft = sources.add_parser(
        "ft",
        help="FT engineering-progression job families (their YAML files)",
        description="Import FT job-family YAML files (a folder is read for its .yml files) into one framework: "
        "families as disciplines, levels as roles (individual-contributor and people-manager variants as "
        "branches), themes as areas, every competency word for word with its proficiency, examples and links. "
        "FT's LICENSE and how-to-use.md are read too when given or found beside the files.",
    )
    ft.add_argument("paths", nargs="+", type=Path, metavar="FILE", help="job-family .yml files, or their folder")
    monzo = sources.add_parser(
        "monzo",
        help="Monzo-format progression frameworks (Markdown with YAML front matter)",
        description="Import Monzo-format Markdown files (a folder is read for its .md files, recursively) into one "
        "framework: every criterion and example word for word, generic.md's topics merged into each framework as "
        "Monzo's site does, files without front matter read from their '## Level N' / '### Topic' headings. The "
        "LICENSE is read too when given or found beside the files.",
    )
    monzo.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="framework .md files, or their folder")
    sheet = sources.add_parser(
        "sheet",
        help="a spreadsheet of expectations (CSV or Excel .xlsx, every sheet), long or wide",
        description="Import a spreadsheet of expectations; every sheet of a workbook is read. The long shape: one "
        "row per expectation, columns (headers matched ignoring case) family, track, role, level, level_order, "
        "level_description, area, parent_area, area_description, expectation, expectation_id, example, marker, "
        "proficiency, cumulative, all_levels, link, link_title, source (needed: level or role, and expectation). "
        "The wide shape: levels across the first row, a sheet or a block of rows per area, criteria below, a "
        "'Description' row describing each level. Sheets of levels, areas and moves between roles (from, to, "
        "kind) are read too. Every row is accounted for in the summary; a bad row is named by its row number.",
    )
    sheet.add_argument("paths", nargs=1, type=Path, metavar="FILE", help="the .csv or .xlsx file (or a page)")
    sheet.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=HEADER",
        help='read FIELD from the column HEADER, e.g. --map level="Grade" (repeatable)',
    )
    sheet.add_argument(
        "--shape",
        choices=("long", "wide"),
        help="read every sheet in this shape (by default each sheet's first row says which)",
    )
    table = sources.add_parser(
        "table",
        help="a ladder published as tables on a page (Markdown or HTML)",
        description="Import the tables of a Markdown or HTML page: levels across the header rows, areas down the "
        "first column, every cell's text kept word for word with its links (a table whose header names level, "
        "area and expectation is read one row per expectation). The heading above each table names it: tables "
        "with the same levels are an area each, tables with different levels a track each.",
    )
    table.add_argument("paths", nargs=1, type=Path, metavar="FILE", help="the .md or .html file")
    table.add_argument("--shape", choices=("long", "wide"), help="read every table in this shape")
    for parser in (ft, monzo, sheet, table):
        parser.add_argument("-o", "--output", type=Path, required=True, help="framework YAML file to write")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)  # exits 2 on a usage error, 0 for --help
    try:
        if args.command == "catalogue" or getattr(args, "source", None) == "resources":
            return run_learning(args)
        if args.command == "validate":
            return _validate(args.paths, quiet=args.quiet, frameworks=args.framework)
        if args.command == "export":
            return _export(args.framework, args.output)
        if args.command == "schema":
            return _schema(args.output, args.check, args.kind)
        if args.command == "diff":
            return _diff(args.old, args.new, args.format, args.output)
        if args.command == "import" and args.source == "ddat":
            return _import_ddat(args.roles, args.skills, args.output)
        if args.command == "import" and args.source == "jd":
            status = _import_jd(args.files, args.output, args.merge)
            return _suggest_imported(args.output) if args.suggest and status == EXIT_OK else status
        if args.command in HR_COMMANDS:
            return HR_COMMANDS[args.command](args)
        if args.command == "import" and args.source in ("ft", "monzo", "sheet", "table"):
            return _import_expectations(
                args.source, args.paths, args.output, getattr(args, "map", []), getattr(args, "shape", None)
            )
        if args.command == "plan":
            return _plan(args)
        if args.command == "record" and args.action == "new":
            return _record_new(args)
        if args.command == "record" and args.action == "validate":
            return _record_validate(args.file, args.framework)
        if args.command == "team":
            return _team(args)
    except FrameworkError as exc:
        if len(exc.problems) != 1:  # one located problem says it all; several get their summary first
            print(exc.summary)
        for problem in exc.problems:
            print(problem)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130
    return EXIT_USAGE  # pragma: no cover - argparse rejects unknown commands first


def _validate(paths: Sequence[Path], *, quiet: bool, frameworks: Sequence[Path] = ()) -> int:
    from .graph import build_graph
    from .loader import check_framework

    status = EXIT_OK
    for path in paths:
        prefix = f"{path}: " if len(paths) > 1 else ""
        if is_catalogue_file(path):  # a learning catalogue: its own checks (framework/cli_learning.py)
            status = max(status, validate_catalogues([path], frameworks))
            continue
        try:
            checked = check_framework(path)
            framework, warnings = checked.framework, checked.warnings
            graph = build_graph(framework)  # everything the app builds for the file
        except FrameworkError as exc:
            status = EXIT_PROBLEMS
            for problem in exc.problems or []:
                print(problem if problem.file else f"{path}: {problem}")
            if not exc.problems:
                print(f"{path}: {exc.summary}")
            continue
        except Exception as exc:  # a defect of ours, not of the file: still no traceback for the user
            status = EXIT_PROBLEMS
            print(f"{path}: could not be checked ({type(exc).__name__}: {exc}); please report this")
            continue
        counts = (
            f"{len(framework.roles)} roles, {len(framework.grades)} grades, "
            f"{len(framework.disciplines)} disciplines, {len(framework.skills)} skills, "
            f"{graph.number_of_edges()} moves"
        )
        print(f"{prefix}OK: {counts}" + (f" ({plural(len(warnings), 'warning')})" if warnings else ""))
        left_out = graph.graph["laterals_left_out"]
        if left_out:
            print(f"{prefix}{_left_out_note(left_out)}")
        if not quiet:
            for warning in warnings:
                print(warning)
    return status


def _left_out_note(left_out) -> str:
    """What the cost model left out of a graph, in one line (framework.cost)."""
    roles = len(left_out.per_role)
    return (
        f"note: {left_out.total:,} skill-overlap moves left out, from {plural(roles, 'role')}: each "
        f"role keeps its {left_out.kept_per_role} best (largest share of the target's skills first)"
    )


def _export(path: Path, output: Path) -> int:
    from .downloads import framework_downloads
    from .graph import build_graph
    from .loader import load_framework

    framework = load_framework(path)
    graph = build_graph(framework)
    downloads = framework_downloads(framework, graph)
    seen: set[str] = set()
    for download in downloads:  # a role id like "structure-review-x" would overwrite the review
        if download.name.lower() in seen:  # ("A.md" and "a.md" are one file on some systems)
            print(f"{path}: two downloads would be written as {download.name!r}: rename the role {download.role!r}")
            return EXIT_PROBLEMS
        seen.add(download.name.lower())
    try:
        output.mkdir(parents=True, exist_ok=True)
        for download in downloads:
            (output / download.name).write_bytes(download.make())
    except OSError as exc:
        print(f"{output}: cannot write ({exc.strerror})")
        return EXIT_PROBLEMS
    print(f"wrote {len(downloads)} files to {output}:")
    for download in downloads:
        print(f"  {download.name}: {download.what}")
    return EXIT_OK


def _schema(output: Path | None, check: Path | None, kind: str) -> int:
    from .schema import schema_text

    text = schema_text(kind)
    if check is not None:
        try:
            current = check.read_text(encoding="utf-8")
        except OSError as exc:
            print(f"{check}: cannot read ({exc.strerror})")
            return EXIT_PROBLEMS
        if current != text:
            print(f"{check} is out of date: regenerate it with 'python -m framework schema --kind {kind} -o {check}'")
            return EXIT_PROBLEMS
        print(f"{check} is current")
        return EXIT_OK
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        print(f"wrote {output}")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _import_ddat(roles: Path, skills: Path, output: Path) -> int:
    from .importers.ddat import run_import

    report = run_import(roles, skills, output)
    for line in report.lines():
        print(line)
    print(f"wrote {output}")
    return EXIT_OK


def _import_jd(files: Sequence[Path], output: Path, merge: Path | None) -> int:
    from .importers.jd import import_documents
    from .loader import load_framework
    from .yamlwrite import write_framework_yaml

    base = load_framework(merge) if merge else None
    documents = []
    for path in files:
        try:
            documents.append((path.name, path.read_bytes()))
        except OSError as exc:
            print(f"{path}: cannot read ({exc.strerror})")
            return EXIT_PROBLEMS
    result = import_documents(documents, merge=base)
    errors = result.errors
    for line in result.lines():
        print(line)
    if errors:
        for problem in errors:
            print(problem)
        return EXIT_PROBLEMS
    write_framework_yaml(result.framework, output)
    print(f"wrote {output}")
    return EXIT_OK


def _import_expectations(
    kind: str, paths: Sequence[Path], output: Path, mapping: Sequence[str], shape: str | None = None
) -> int:
    """Run one of the expectation importers, print its summary, check the result and write it."""
    from .importers import import_ft, import_monzo, import_sheet, import_table, parse_mapping, read_inputs
    from .loader import validate_data
    from .yamlwrite import framework_data, write_framework_yaml

    columns = parse_mapping(list(mapping)) if kind == "sheet" else {}
    inputs = read_inputs(paths, kind)
    if kind == "ft":
        result = import_ft(inputs)
    elif kind == "monzo":
        result = import_monzo(inputs)
    elif kind == "table":
        result = import_table(inputs[0], shape=shape)
    else:
        result = import_sheet(inputs[0], mapping=columns, shape=shape)
    for line in result.summary.lines():
        print(line)
    framework, problems = validate_data(framework_data(result.framework))
    for problem in problems:
        print(problem)
    if framework is None or any(p.severity == "error" for p in problems):
        return EXIT_PROBLEMS
    write_framework_yaml(result.framework, output, header_comment=result.header)
    print(f"wrote {output}")
    return EXIT_OK


def _plan(args: argparse.Namespace) -> int:
    import datetime as dt

    from .cli_learning import LEARNING
    from .docbounds import bound_plan
    from .graph import build_graph
    from .learning import merge_catalogues, read_catalogue
    from .loader import load_framework
    from .plan import development_plan
    from .planfiles import plan_csv, plan_markdown, plan_pdf
    from .skills import load_profile

    framework = load_framework(args.framework)
    framework.role(args.current)  # an unknown id is a located problem, with a "did you mean"
    framework.role(args.target)
    current = args.current
    if args.assessment is not None:
        try:
            data = args.assessment.read_bytes()
        except OSError as exc:
            print(f"{args.assessment}: cannot read ({exc.strerror})")
            return EXIT_PROBLEMS
        current = load_profile(data, name=str(args.assessment), framework=framework)
    if args.focus < 0:
        print("--focus: give a number of gaps, 0 or more")
        return EXIT_USAGE
    # The page's resources: an organisation's catalogues first, then the shipped ones that name the framework.
    shipped = [c for c in map(read_catalogue, sorted(LEARNING.glob("*.yaml"))) if framework.id in c.frameworks]
    library = merge_catalogues(shipped=shipped, organisation=[read_catalogue(p) for p in args.catalogue or ()])
    plan = development_plan(
        framework,
        build_graph(framework),
        current,
        args.target,
        date=args.date or dt.date.today(),
        focus_size=args.focus,
        person=args.person,
        manager=args.manager,
        next_check_in=args.next_check_in,
        library=library,
    )
    bounded = bound_plan(plan)  # the bounds the app's files keep to; what they cut is said
    for cut in bounded.cuts:
        print(cut)
    plan = bounded.value
    if args.format == "pdf":
        args.output.write_bytes(plan_pdf(plan))
    else:
        text = plan_markdown(plan) if args.format == "md" else plan_csv(plan)
        args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}: {len(plan.focus)} gaps in focus, {len(plan.others)} left for later")
    return EXIT_OK


# --------------------------------------------------------------------------- development records and teams


def _add_records(commands) -> None:
    """``record new``, ``record validate`` and ``team``: a person's development record, and a team's records."""
    record = commands.add_parser(
        "record",
        help="start or check a development record",
        description="Start a development record (a person's file of dated check-ins) or check one.",
    )
    actions = record.add_subparsers(dest="action", metavar="ACTION", required=True)
    new = actions.add_parser(
        "new",
        help="write a new record whose first check-in starts from a role's levels",
        description="Write a development record with one check-in, dated today, whose self levels start from "
        "the role's required levels.",
    )
    new.add_argument("--framework", type=Path, required=True, metavar="FILE", help="the framework YAML file")
    new.add_argument("--role", required=True, metavar="ROLE", help="the person's current role id")
    new.add_argument("--target", metavar="ROLE", help="the target role id")
    new.add_argument("--name", help="the person's name, kept in the file")
    new.add_argument("-o", "--output", type=Path, required=True, help="where to write it (.yaml, .yml or .json)")
    check = actions.add_parser(
        "validate",
        help="check a record (and, with --framework, against a framework)",
        description="Check a development record or skills profile file: its schema, and with --framework every "
        "skill, level, role and expectation it names. Prints 'OK' and any warnings, or every problem one per "
        "line (exit status 1).",
    )
    check.add_argument("file", type=Path, metavar="FILE", help="the record (YAML or JSON)")
    check.add_argument("--framework", type=Path, metavar="FILE", help="the framework YAML file to check it against")
    team = commands.add_parser(
        "team",
        help="write a team's skills matrix and coverage from several records",
        description="Read several development records and write the team view of the Team page: the skills "
        "matrix (agreed levels, else the manager's, else the member's own), each member against their target, "
        "and coverage of the skills the team's roles need — as an Excel workbook, or the matrix as CSV.",
    )
    team.add_argument("records", nargs="+", type=Path, metavar="RECORD", help="development record files")
    team.add_argument("--framework", type=Path, required=True, metavar="FILE", help="the framework YAML file")
    team.add_argument("--format", choices=("xlsx", "csv"), required=True, help="the file to write")
    team.add_argument("-o", "--output", type=Path, required=True, help="where to write it")


def _record_new(args: argparse.Namespace) -> int:
    from .loader import load_framework
    from .record import dump_record, new_record

    framework = load_framework(args.framework)
    record = new_record(framework, args.role, target=args.target, person=args.name)
    fmt = "json" if args.output.suffix.lower() == ".json" else "yaml"
    args.output.write_text(dump_record(record, fmt=fmt), encoding="utf-8")
    print(f"wrote {args.output}: one check-in ({record.latest.date.isoformat()}), {len(record.latest.skills)} skills")
    return EXIT_OK


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError as exc:
        print(f"{path}: cannot read ({exc.strerror})")
        return None


def _record_validate(path: Path, framework_path: Path | None) -> int:
    from .loader import load_framework
    from .models import Framework
    from .record import load_record

    data = _read_bytes(path)
    if data is None:
        return EXIT_PROBLEMS
    if framework_path is not None:
        framework = load_framework(framework_path)
    else:  # the schema alone: a framework that knows nothing, whose "unknown" warnings are not printed
        framework = Framework(id="none", name="no framework", grades=[{"id": "none"}])
    record, warnings = load_record(data, name=str(path), framework=framework)
    if framework_path is None:
        warnings = []
    checks = len(record.check_ins)
    print(f"OK: {plural(checks, 'check-in')}, {plural(len(warnings), 'warning')}")
    for warning in warnings:
        print(warning)
    return EXIT_OK


def _team(args: argparse.Namespace) -> int:
    from .errors import InputError
    from .loader import load_framework
    from .record import load_record
    from .team import team_csv, team_view, team_workbook

    framework = load_framework(args.framework)
    records, problems = [], []
    for path in args.records:
        data = _read_bytes(path)
        if data is None:
            return EXIT_PROBLEMS
        try:
            record, warnings = load_record(data, name=str(path), framework=framework)
        except InputError as exc:
            problems += exc.problems
            continue
        for warning in warnings:
            print(warning)
        records.append((path.name, record))
    if problems:
        raise InputError(problems, summary="some records could not be read")
    view = team_view(framework, records)
    if args.format == "xlsx":
        args.output.write_bytes(team_workbook(view))
    else:
        args.output.write_text(team_csv(view), encoding="utf-8")
    print(
        f"wrote {args.output}: {len(view.members)} members, {len(view.skills)} skills, "
        f"{plural(len(view.single_points), 'single point')} of failure, "
        f"{plural(len(view.uncovered), 'needed skill')} no one holds"
    )
    return EXIT_OK


# --------------------------------------------------------------------------- diff: two versions of a framework


def _diff_parser(commands) -> None:
    diff = commands.add_parser(
        "diff",
        help="compare two versions of a framework",
        description="Compare two versions of a framework file: roles added, removed, regraded and renamed "
        "(matched by id, then by title), skills and expectations changed, how the structure review's findings "
        "changed and the moves between roles that were added, removed or changed. The same document as the "
        "app's Compare versions page: Markdown (printed, or written with -o) or Excel (needs -o).",
    )
    diff.add_argument("old", metavar="OLD", type=Path, help="the older framework YAML file")
    diff.add_argument("new", metavar="NEW", type=Path, help="the newer framework YAML file")
    diff.add_argument("--format", choices=("md", "xlsx"), default="md", help="md (default) or xlsx")
    diff.add_argument("-o", "--output", type=Path, metavar="OUT", help="file to write (default: print Markdown)")


def _diff(old_path: Path, new_path: Path, fmt: str, output: Path | None) -> int:
    from .graph import build_graph
    from .loader import load_framework
    from .versions import diff_frameworks, diff_markdown, diff_xlsx

    if fmt == "xlsx" and output is None:
        print("--format xlsx: give a file to write with -o")
        return EXIT_USAGE
    old, new = load_framework(old_path), load_framework(new_path)
    diff = diff_frameworks(old, build_graph(old), new, build_graph(new))
    if output is None:
        sys.stdout.write(diff_markdown(diff))
        return EXIT_OK
    try:
        if fmt == "xlsx":
            output.write_bytes(diff_xlsx(diff))
        else:
            output.write_text(diff_markdown(diff), encoding="utf-8")
    except OSError as exc:
        print(f"{output}: cannot write ({exc.strerror})")
        return EXIT_PROBLEMS
    counts = ", ".join(f"{n} {name.lower()}" for name, n in diff.summary[:4])
    print(f"wrote {output}: {counts}")
    return EXIT_OK


# --------------------------------------------------------------------------- HR: suggestions, hiring, pay criteria

DEFAULT_REFERENCE = Path(__file__).resolve().parents[1] / "data" / "ddat.yaml"


def _add_hr(commands) -> None:
    """``suggest``, ``advert``, ``interview`` and ``criteria``: HR's documents from a framework."""
    suggest = commands.add_parser(
        "suggest",
        help="suggest a DDaT benchmark and skills for a role from its job description",
        description="Suggest the role levels of a reference framework (DDaT by default) that a role's job "
        "description most resembles, ranked, each with its supporting lines, the skills and levels it requires "
        "with the line that evidences each, and a grade hint; or say there is no confident suggestion. Nothing is "
        "applied unless --accept is given: then the top suggestion is applied to the role and the framework is "
        "written to OUT. Without --accept, OUT (or the terminal) gets the suggestion as Markdown.",
    )
    suggest.add_argument("framework", metavar="FRAMEWORK", type=Path, help="framework YAML file")
    suggest.add_argument("--role", required=True, metavar="ID", help="the role to suggest for")
    suggest.add_argument(
        "--against", type=Path, default=DEFAULT_REFERENCE, metavar="FILE", help="reference framework (default DDaT)"
    )
    suggest.add_argument("--accept", action="store_true", help="apply the top suggestion and write the framework")
    suggest.add_argument("--skill", action="append", metavar="ID", help="with --accept: accept only this skill")
    suggest.add_argument("-o", "--output", type=Path, metavar="OUT", help="file to write")
    for name, what in (("advert", "a job advert and person specification"), ("interview", "interview questions")):
        hiring = commands.add_parser(
            name,
            help=f"draft {what} from a role",
            description=f"Draft {what} from a role, in the framework's own words, marked as a draft, with the "
            "checks on the draft (gender-coded words, pay-history questions, criteria not in the role's profile, "
            "unexplained acronyms, readability) each naming its line.",
        )
        hiring.add_argument("framework", metavar="FRAMEWORK", type=Path, help="framework YAML file")
        hiring.add_argument("--role", required=True, metavar="ID", help="the role")
        hiring.add_argument("--format", choices=("md", "docx", "pdf"), default="md", help="md (default), docx or pdf")
        hiring.add_argument("-o", "--output", type=Path, metavar="OUT", help="file to write (md: default prints)")
    criteria = commands.add_parser(
        "criteria",
        help="write the pay and progression criteria of every grade",
        description="Write, per grade, the pay range where the framework states one, what the grade expects, what "
        "it takes to progress to the next grade (the next rung's new and raised skills and expectations, as the "
        "gap computes them), how pay moves within the grade where stated, and the subjective phrases found in the "
        "criteria, each with its role and line. With --compare OLD, what changed since the older version.",
    )
    criteria.add_argument("framework", metavar="FRAMEWORK", type=Path, help="framework YAML file")
    criteria.add_argument("--format", choices=("md", "xlsx", "pdf"), default="md", help="md (default), xlsx or pdf")
    criteria.add_argument("--compare", type=Path, metavar="OLD", help="an older version of the framework")
    criteria.add_argument("-o", "--output", type=Path, metavar="OUT", help="file to write (md: default prints)")


def _write(output: Path | None, content: str | bytes, fmt: str) -> int:
    """Print Markdown without ``-o``; write anything to ``-o``. A binary format needs ``-o``."""
    if output is None:
        if isinstance(content, bytes):
            print(f"--format {fmt}: give a file to write with -o")
            return EXIT_USAGE
        sys.stdout.write(content)
        return EXIT_OK
    try:
        if isinstance(content, bytes):
            output.write_bytes(content)
        else:
            output.write_text(content, encoding="utf-8")
    except OSError as exc:
        print(f"{output}: cannot write ({exc.strerror})")
        return EXIT_PROBLEMS
    print(f"wrote {output}")
    return EXIT_OK


def _suggest(args: argparse.Namespace) -> int:
    from .loader import load_framework
    from .suggest import accept_suggestion, build_index, suggest_role, suggestion_markdown
    from .yamlwrite import write_framework_yaml

    framework = load_framework(args.framework)
    framework.role(args.role)
    reference = load_framework(args.against)
    found = suggest_role(build_index(reference), framework, args.role)
    if not args.accept:
        return _write(args.output, suggestion_markdown(found), "md")
    if not found.confident:
        print(f"{args.role}: {found.why}; nothing applied")
        return EXIT_PROBLEMS
    if args.output is None:
        print("--accept: give the framework file to write with -o")
        return EXIT_USAGE
    top = found.candidates[0]
    accepted = accept_suggestion(framework, args.role, top, reference=reference, skills=args.skill)
    write_framework_yaml(accepted, args.output)
    taken = len(args.skill) if args.skill else len(top.skills)
    print(f"accepted {top.title} for {args.role}: {taken} skills; wrote {args.output}")
    return EXIT_OK


def _suggest_imported(path: Path) -> int:
    """After ``import jd --suggest``: a suggestion for each imported role, printed, nothing applied."""
    from .loader import load_framework
    from .suggest import build_index, suggest_role, suggestion_markdown

    framework = load_framework(path)
    index = build_index(load_framework(DEFAULT_REFERENCE))
    for role in framework.roles:
        if role.status == "described" and not role.skills:
            print()
            print(suggestion_markdown(suggest_role(index, framework, role.id)))
    print(f"Nothing applied: accept one with 'python -m framework suggest {path} --role ID --accept -o {path}'")
    return EXIT_OK


def _hiring(args: argparse.Namespace) -> int:
    from .hiring import hiring_document
    from .loader import load_framework

    framework = load_framework(args.framework)
    return _write(args.output, hiring_document(framework, args.role, args.command, args.format), args.format)


def _criteria(args: argparse.Namespace) -> int:
    from .graph import build_graph
    from .loader import load_framework
    from .paycriteria import criteria_document

    framework = load_framework(args.framework)
    old = load_framework(args.compare) if args.compare else None
    content = criteria_document(framework, build_graph(framework), args.format, old=old)
    return _write(args.output, content, args.format)


HR_COMMANDS = {"suggest": _suggest, "advert": _hiring, "interview": _hiring, "criteria": _criteria}
