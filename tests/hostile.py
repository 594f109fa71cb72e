"""Generated hostile frameworks: files that pass every limit of the reader and ask the graph for the most work.

Shared by the cost tests (``tests/test_cost.py``) and the load test of a hostile upload
(``tests/load/test_hostile_upload.py``). Each generator takes a size and returns YAML text; :func:`largest`
finds the biggest size whose file still fits a node budget (the upload's, by default), so that a test uses the
worst file the limits allow rather than a guess.
"""

from __future__ import annotations

from collections.abc import Callable

import yaml

from framework.yamlsafe import node_limit

__all__ = ["GENERATORS", "UPLOAD", "chain", "crowded_ladder", "largest", "nodes", "same_grade", "wide_profiles"]

UPLOAD = 2 * 1024 * 1024  # the app's upload limit (ui/data.py UPLOAD_MAX_BYTES)

_HEAD = (
    "id: hostile\nname: Hostile\ngrades: [{id: g1}, {id: g2}, {id: g3}]\n"
    "disciplines: [{id: d, name: D}]\nskill_levels: [{id: l1, name: One}, {id: l2, name: Two}]\n"
)


def same_grade(n: int) -> str:
    """``n`` roles at one grade, each on a ladder of its own, all needing the same two skills: every role is a
    plausible skill-overlap move from every other (n² moves before the cost model)."""
    roles = "".join(
        f"- {{id: r{i}, title: R{i}, grade: g1, track: t{i}, source: {{kind: document, document: d}}, "
        "skills: [{skill: a, level: l1}, {skill: b, level: l2}]}\n"
        for i in range(n)
    )
    return _HEAD + "skills: [{id: a, name: A}, {id: b, name: B}]\nroles:\n" + roles


def crowded_ladder(n: int) -> str:
    """``n`` roles on each of two rungs of one ladder (one discipline, no tracks): n² promotions."""
    roles = "".join(
        f"- {{id: r{i}, title: R{i}, grade: g{1 + i % 2}, discipline: d, source: {{kind: document, document: d}}}}\n"
        for i in range(2 * n)
    )
    return _HEAD + "roles:\n" + roles


def chain(n: int) -> str:
    """A chain of ``n`` roles without a grade, each reporting to the one before, under a role at the top grade:
    placing each by its reporting lines searched the whole chain from every role (quadratic)."""
    roles = "- {id: top, title: Top, grade: g3, discipline: d, source: {kind: document, document: d}}\n" + "".join(
        f"- {{id: r{i}, title: R{i}, discipline: d, source: {{kind: document, document: d}}, "
        f"reports_to: {{role: {'top' if i == 0 else f'r{i - 1}'}}}}}\n"
        for i in range(n)
    )
    return _HEAD + "roles:\n" + roles


def wide_profiles(n: int) -> str:
    """Two roles that each need ``n`` skills, and ``n`` roles without skills above the first on its ladder, each
    reporting to the second: every role carries the first's levels, and every reporting line compares them."""
    skills = "".join(f"- {{id: s{i}, name: S{i}}}\n" for i in range(n))
    needs = ", ".join(f"{{skill: s{i}, level: l{1 + i % 2}}}" for i in range(n))
    roles = (
        f"- {{id: base, title: Base, grade: g1, discipline: d, source: {{kind: document, document: d}}, "
        f"skills: [{needs}]}}\n"
        f"- {{id: boss, title: Boss, grade: g3, discipline: d, track: other, source: {{kind: document, document: d}}, "
        f"skills: [{needs}]}}\n"
    ) + "".join(
        f"- {{id: r{i}, title: R{i}, grade: g2, discipline: d, source: {{kind: document, document: d}}, "
        "reports_to: {role: boss}}\n"
        for i in range(n)
    )
    return _HEAD + "skills:\n" + skills + "roles:\n" + roles


GENERATORS: dict[str, Callable[[int], str]] = {
    "same-grade": same_grade,
    "crowded-ladder": crowded_ladder,
    "chain": chain,
    "wide-profiles": wide_profiles,
}


def nodes(text: str) -> int:
    """Nodes (scalars, lists and mappings) of a document without aliases, as the reader counts them."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return sum(isinstance(e, yaml.ScalarEvent | yaml.CollectionStartEvent) for e in yaml.parse(text, Loader=loader))


def largest(generator: Callable[[int], str], *, max_bytes: int = UPLOAD) -> int:
    """The largest size whose file fits ``max_bytes`` and the node budget that goes with it. Each generator's
    nodes grow by the same number per unit of size, so the node budget gives the size; bytes (digits grow
    with the size) then bring it down where they bind."""
    budget = node_limit(max_bytes)
    one, two = nodes(generator(1)), nodes(generator(2))
    size = 1 + (budget - one) // (two - one)
    low, high = 1, size
    while low < high:
        middle = (low + high + 1) // 2
        if len(generator(middle).encode()) <= max_bytes:
            low = middle
        else:
            high = middle - 1
    assert nodes(generator(low)) <= budget < nodes(generator(low + 1)) or len(generator(low + 1)) > max_bytes
    return low


def measure(kind: str, size: int, *, max_bytes: int = UPLOAD) -> dict:
    """Read ``GENERATORS[kind](size)`` as an upload and build its graph, in this process: the figures (bytes,
    seconds, CPU seconds, peak RSS growth in MiB, edges) and the outcome. Run it in a fresh interpreter
    (``python -m tests.hostile KIND SIZE``) so that the peak memory is the file's own."""
    import resource
    import time

    from framework import FrameworkError, load_framework_bytes
    from framework.graph import build_graph

    data = GENERATORS[kind](size).encode()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start, cpu = time.perf_counter(), time.process_time()
    edges = 0
    try:
        framework = load_framework_bytes(data, name=f"{kind}.yaml", max_bytes=max_bytes)
        graph = build_graph(framework)
        edges = graph.number_of_edges()
        left_out = graph.graph["laterals_left_out"]
        outcome = f"loaded {len(framework.roles)} roles, {edges} moves, {left_out.total} left out"
    except FrameworkError as error:
        outcome = "rejected: " + str(error.problems[0])
    return {
        "kind": kind,
        "size": size,
        "bytes": len(data),
        "seconds": round(time.perf_counter() - start, 2),
        "cpu_seconds": round(time.process_time() - cpu, 2),
        "growth_mib": round((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024),
        "edges": edges,
        "outcome": outcome,
    }


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(measure(sys.argv[1], int(sys.argv[2]), max_bytes=int(sys.argv[3]) if sys.argv[3:] else UPLOAD)))
