"""Run the benchmarks and print the table: ``python -m bench [--quick] [--only NAME ...]``.

Figures: load, paths, skill_gap, pages, map, memory, capacity, sent, launch, browser (see ``bench/figures.py``).
``--quick`` uses smaller frameworks and fewer repeats and leaves out the 10,000-role figures, and the memory,
capacity, sent, launch and browser figures unless they are named with ``--only`` (``--quick --only browser`` takes
a few minutes; ``--pages map,review`` limits the browser figure to some pages).
The table is printed and saved to ``bench/results/latest.md``.
Benchmarks print figures; they never fail on a time (the exit status is 0 whether or not targets are met).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from datetime import UTC, datetime

from .figures import FIGURES, RESULTS, Config
from .timing import Row, table

QUICK_SKIPS = {"memory", "capacity", "sent", "launch", "browser"}  # run in --quick only when named with --only


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes and few repeats (well under a minute)")
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help=f"run only this figure (repeatable, or comma-separated): {', '.join(FIGURES)}",
    )
    parser.add_argument(
        "--frameworks",
        metavar="NAMES",
        default="",
        help="the browser benchmark's frameworks, comma-separated: council, ddat, 10000 (default: council on "
        "--quick, else all three)",
    )
    parser.add_argument(
        "--pages",
        metavar="NAMES",
        default="",
        help="the browser benchmark's pages, comma-separated, by script name (home, map, review, …; default: all)",
    )
    parser.add_argument("--no-save", action="store_true", help="print the table without saving it")
    args = parser.parse_args(argv)
    if args.only:
        args.only = [name.strip() for item in args.only for name in item.split(",") if name.strip()]
        unknown = [name for name in args.only if name not in FIGURES]
        if unknown:
            parser.error(f"unknown figure {', '.join(unknown)} (choose from {', '.join(FIGURES)})")
    return args


def main(argv: list[str] | None = None) -> int:
    args = _parse(sys.argv[1:] if argv is None else argv)
    config = Config(
        quick=args.quick,
        frameworks=tuple(n.strip() for n in args.frameworks.split(",") if n.strip()),
        pages=tuple(n.strip() for n in args.pages.split(",") if n.strip()),
    )
    names = args.only or [n for n in FIGURES if not (args.quick and n in QUICK_SKIPS)]
    mode = "quick" if args.quick else "full"
    print(f"Career Explorer benchmarks ({mode}): {', '.join(names)}", flush=True)
    rows: list[Row] = []
    started = time.perf_counter()
    for name in names:
        print(f"- {name} …", flush=True)
        figure_started = time.perf_counter()
        try:
            new = FIGURES[name](config)
        except Exception as exc:  # a broken figure is reported in the table; the others still run
            new = [Row(name, "error", note=f"{type(exc).__name__}: {exc}"[:160])]
        for row in new:
            print(f"  {row.figure}: {row.measured}" + (f" ({row.ratio:.2f}×)" if row.ratio is not None else ""))
        print(f"  ({time.perf_counter() - figure_started:.1f} s)", flush=True)
        rows += new
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs"
    heading = f"Benchmarks ({mode}), {when}, {machine}, {time.perf_counter() - started:.0f} s"
    text = f"{heading}\n\n{table(rows)}\n"
    print()
    print(text)
    if not args.no_save:
        RESULTS.mkdir(parents=True, exist_ok=True)
        for name in ("latest.md", f"latest-{mode}.md"):
            (RESULTS / name).write_text(text, encoding="utf-8")
        print(f"(saved to {(RESULTS / 'latest.md').relative_to(RESULTS.parents[1])})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
