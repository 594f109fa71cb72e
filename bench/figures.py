"""The benchmark figures, each a function ``(config) -> list[Row]``.

======================  ==================================================================  ==========
figure                  measured (baseline)                                                 target
======================  ==================================================================  ==========
``load``                ``load_framework`` + ``build_graph`` (a bare PyYAML C-loader parse)  ≤ 2×
``paths``               ``progression_paths(limit=3)``, random reachable pairs              ≤ 5×
                        (``nx.shortest_path`` on the same graph and pairs, by effort and
                        by hop count)
``skill_gap``           ``skill_gap`` for a random pair                                      ≤ 1 ms
``pages``               each page's rerun in AppTest, framework cached, on DDaT             ≤ 2×
                        (the rerun of a script that renders nothing)
``map``                 the career map's picture (``map_drawing``), 10,000 roles             ≤ 1 s
``memory``              the running app's memory per extra session, 20 sessions vs 1        ≤ 10 MB
``capacity``            the highest page rate at p95 ≤ 1.5 s, open-loop arrivals, to within   ≥ 0.8×
                        20 %: ours ÷ the empty app (alternately), one process and two       ≥ 1.7×
                        workers; two workers ÷ one; 50 users reading 5 s                    p95 ≤ 1.5 s
                        (``bench/capacity.py``)
``sent``                the bytes each tab of the review, the map and Home send, 10,000 roles  ≤ 1.5×
                        against 2,000 (``bench/sent.py``)
``launch``              a page's rerun, server CPU, under ``streamlit run app.py`` and      ≤ 1.2×
                        ``python -m ui.serve`` (the empty app; ``bench/launch.py``)
``browser``             each page in Chromium: sidebar navigation, a deep link, an          ≤ 1.5×
                        interaction, cold start (an empty app with the same pages and       (≤ 3× at
                        widgets, alternately; ``bench/browser.py``)                         10,000 roles)
======================  ==================================================================  ==========
"""

from __future__ import annotations

import gc
import hashlib
import random
import statistics
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import networkx as nx
import yaml

from framework import load_framework
from framework.graph import build_graph
from framework.routes import progression_paths
from framework.skills import skill_gap

from .synthetic import SEED, synthetic_yaml
from .timing import Row, format_ms, median_time, paired_medians

__all__ = ["FIGURES", "ROOT", "Config"]

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
CACHE = RESULTS / "cache"
SHIPPED = {"data/roles.yaml": ROOT / "data" / "roles.yaml", "data/ddat.yaml": ROOT / "data" / "ddat.yaml"}


@dataclass(frozen=True)
class Config:
    quick: bool = False
    #: The browser benchmark's frameworks by label ("council", "ddat", "10000"); empty: the usual ones.
    frameworks: tuple[str, ...] = ()
    #: The browser benchmark's pages, by the name of their script ("map", "review"); empty: every page.
    pages: tuple[str, ...] = ()

    @property
    def sizes(self) -> tuple[int, ...]:
        """Synthetic framework sizes for the load figure."""
        return (500,) if self.quick else (1000, 10_000)

    @property
    def large(self) -> int:
        """The size of the framework the path, gap and map figures run on."""
        return 500 if self.quick else 10_000

    def repeats(self, heavy: bool = False) -> int:
        if self.quick:
            return 3
        return 3 if heavy else 9


# --------------------------------------------------------------------------- inputs


def synthetic_file(n_roles: int, *, seed: int = SEED) -> Path:
    """The synthetic framework of ``n_roles`` as a file, generated once and kept in ``bench/results/cache``.

    The cache key includes the code that writes it, so a change of generator, writer or models regenerates it.
    """
    code = b"".join(
        (ROOT / p).read_bytes() for p in ("bench/synthetic.py", "framework/yamlwrite.py", "framework/models.py")
    )
    digest = hashlib.sha256(code).hexdigest()[:12]
    path = CACHE / f"synthetic-{n_roles}-seed{seed}-{digest}.yaml"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        for old in CACHE.glob(f"synthetic-{n_roles}-seed{seed}-*.yaml"):
            old.unlink()
        print(f"  (generating the synthetic framework of {n_roles:,} roles once: {path.name})", flush=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(synthetic_yaml(n_roles, seed=seed), encoding="utf-8", newline="\n")
        tmp.replace(path)
    return path


def framework_file(label: str) -> Path:
    return SHIPPED[label] if label in SHIPPED else synthetic_file(int(label.split()[0].replace(",", "")))


@lru_cache(maxsize=2)
def loaded(label: str):
    """The framework and graph of ``label`` (a shipped file, or ``"N roles"``), built once per run."""
    framework = load_framework(framework_file(label))
    return framework, build_graph(framework)


def _shape(label: str) -> str:
    framework, G = loaded(label)
    return f"{len(framework.roles):,} roles, {G.number_of_edges():,} edges"


# --------------------------------------------------------------------------- figures


def load_figure(config: Config) -> list[Row]:
    rows = []
    labels = [*SHIPPED, *(f"{n:,} roles" for n in config.sizes)]
    for label in labels:
        path = framework_file(label)
        text = path.read_text(encoding="utf-8")
        heavy = len(text) > 2_000_000
        pair = paired_medians(
            lambda path=path: build_graph(load_framework(path)),
            lambda text=text: yaml.load(text, Loader=yaml.CSafeLoader),
            repeats=config.repeats(heavy),
            warmup=0 if heavy else 1,
        )
        name = label if label in SHIPPED else f"synthetic, {label}"
        if label not in SHIPPED:
            rows.append(_cached_load_row(path, text, name, config))
        rows.append(
            Row(
                f"load + validate + graph: {name}",
                format_ms(pair.subject),
                format_ms(pair.baseline) + " (C parse)",
                pair.ratio,
                "≤ 2×",
                pair.ratio <= 2,
                f"{len(text) / 1e6:.1f} MB; {_shape(label)}; CPU-time ratio {pair.cpu_ratio:.2f}×",
            )
        )
    return rows


def _cached_load_row(path: Path, text: str, name: str, config: Config) -> Row:
    """The framework and graph read back from the app's disk cache of checked frameworks
    (:mod:`ui.framework_cache`, as a server start reads them once the file has been read before), against the
    bare C parse; a cache in a temporary folder, filled first."""
    import os
    import tempfile

    from ui.data import read_framework_file
    from ui.framework_cache import CACHE_ENV

    before = os.environ.get(CACHE_ENV)
    with tempfile.TemporaryDirectory(prefix="career-explorer-cache-") as folder:
        os.environ[CACHE_ENV] = folder
        try:
            read_framework_file(path)  # fills the cache
            pair = paired_medians(
                lambda: read_framework_file(path),
                lambda: yaml.load(text, Loader=yaml.CSafeLoader),
                repeats=config.repeats(True),
                warmup=0,
            )
            size = sum(f.stat().st_size for f in Path(folder).glob("*.pickle"))
        finally:
            if before is None:
                os.environ.pop(CACHE_ENV, None)
            else:
                os.environ[CACHE_ENV] = before
    return Row(
        f"load + validate + graph from the disk cache: {name}",
        format_ms(pair.subject),
        format_ms(pair.baseline) + " (C parse)",
        pair.ratio,
        "≤ 2×",
        pair.ratio <= 2,
        f"what a server start reads once the file has been read before (ui/framework_cache.py); "
        f"{size / 1e6:.0f} MB cached; CPU-time ratio {pair.cpu_ratio:.2f}×",
    )


def reachable_pairs(G: nx.DiGraph, count: int, seed: int = 7) -> list[tuple[str, str]]:
    """``count`` random (source, target) pairs with a route between them, the same for the same seed."""
    rng = random.Random(seed)
    nodes = sorted(G)
    pairs = []
    while len(pairs) < count:
        source = rng.choice(nodes)
        reachable = nx.descendants(G, source)
        if reachable:
            pairs.append((source, rng.choice(sorted(reachable))))
    return pairs


def paths_figure(config: Config) -> list[Row]:
    """Three routes against one shortest path, two ways: by effort (``weight="effort"``, the measure routes are
    ranked by: one easiest route is what the baseline finds) and by hop count (networkx's default, a
    breadth-first search for the fewest moves — a different, cheaper question, shown for completeness)."""
    rows = []
    for label in ("data/ddat.yaml", f"{config.large:,} roles"):
        _, G = loaded(label)
        pairs = reachable_pairs(G, 6 if config.quick else 20)
        repeats = 3 if config.quick or G.number_of_edges() > 100_000 else 5
        ours, weighted, hops = [], [], []
        for a, b in pairs:
            hops.append(median_time(lambda a=a, b=b, G=G: nx.shortest_path(G, a, b), repeats=repeats, warmup=1))
            weighted.append(
                median_time(lambda a=a, b=b, G=G: nx.shortest_path(G, a, b, weight="effort"), repeats=repeats, warmup=1)
            )
            ours.append(
                median_time(lambda a=a, b=b, G=G: progression_paths(G, a, b, limit=3), repeats=repeats, warmup=1)
            )
        subject = statistics.median(ours)
        name = label if label in SHIPPED else f"synthetic {label}"
        counted = label not in SHIPPED  # the target is set for the large framework
        for baseline_times, baseline_name, what in (
            (weighted, 'nx.shortest_path, weight="effort"', "the easiest route by effort"),
            (hops, "nx.shortest_path, hop count", "fewest moves (breadth-first), not the easiest route"),
        ):
            baseline = statistics.median(baseline_times)
            ratio = subject / baseline
            rows.append(
                Row(
                    f"progression_paths(limit=3): {name}",
                    format_ms(subject),
                    f"{format_ms(baseline)} ({baseline_name})",
                    ratio,
                    "≤ 5× (median)" if counted else "(≤ 5× is set for 10,000 roles)",
                    ratio <= 5 if counted else None,
                    f"baseline: {what}; median of {len(pairs)} random reachable pairs; slowest "
                    f"{format_ms(max(ours))}; {_shape(label)}",
                )
            )
    return rows


def _gap_time(label: str, pairs: int, calls: int = 20) -> float:
    framework, _ = loaded(label)
    rng = random.Random(11)
    ids = [r.id for r in framework.roles]
    times = []
    gc.collect()  # once: a collection per pair would cost more than the pairs (the heap holds whole graphs)
    for _ in range(pairs):
        a, b = rng.sample(ids, 2)
        skill_gap(framework, a, b)  # warm
        start = time.perf_counter()
        for _ in range(calls):
            skill_gap(framework, a, b)
        times.append((time.perf_counter() - start) / calls)
    return statistics.median(times)


def skill_gap_figure(config: Config) -> list[Row]:
    rows = []
    for label in ("data/ddat.yaml", *([] if config.quick else [f"{config.large:,} roles"])):
        seconds = _gap_time(label, 50 if config.quick else 200)
        name = label if label in SHIPPED else f"synthetic {label}"
        rows.append(Row(f"skill_gap, random pair: {name}", format_ms(seconds), target="≤ 1 ms", met=seconds <= 0.001))
    return rows


def map_picture(config: Config) -> list[Row]:
    from framework.careermap import career_map, default_kinds
    from ui.map_svg import map_drawing

    label = f"{config.large:,} roles"
    _, G = loaded(label)
    rows = []
    for what, kinds in (("every kind of move", None), ("as the map page opens", default_kinds(G))):
        options = {} if kinds is None else {"kinds": kinds}
        drawing = map_drawing(career_map(G, **options))
        seconds = median_time(
            lambda options=options: map_drawing(career_map(G, **options)), repeats=config.repeats(True)
        )
        rows.append(
            Row(
                f"career map picture (SVG), synthetic {label}, {what}",
                format_ms(seconds),
                target="≤ 1 s",
                met=seconds <= 1,
                note=f"{drawing.roles:,} roles, {sum(drawing.moves.values()):,} moves drawn, "
                f"{len(drawing.svg.encode()) / 2**20:.1f} MB of SVG; {_shape(label)}",
            )
        )
    return rows


def pages_figure(config: Config) -> list[Row]:
    from .pages import page_rows

    loaded.cache_clear()  # the app loads its own; a smaller heap makes each collection between runs cheaper
    return page_rows(config)


def memory_figure(config: Config) -> list[Row]:
    from .memory import memory_rows

    loaded.cache_clear()
    return memory_rows(config)


def capacity_figure(config: Config) -> list[Row]:
    from .capacity import capacity_rows

    loaded.cache_clear()
    return capacity_rows(config)


def sent_figure(config: Config) -> list[Row]:
    from .sent import sent_rows

    loaded.cache_clear()
    return sent_rows(config)


def launch_figure(config: Config) -> list[Row]:
    from .launch import launch_rows

    loaded.cache_clear()
    return launch_rows(config)


def browser_figure(config: Config) -> list[Row]:
    from .browser import browser_rows

    loaded.cache_clear()
    return browser_rows(config)


FIGURES = {
    "load": load_figure,
    "paths": paths_figure,
    "skill_gap": skill_gap_figure,
    "pages": pages_figure,
    "map": map_picture,
    "memory": memory_figure,
    "capacity": capacity_figure,
    "sent": sent_figure,
    "launch": launch_figure,
    "browser": browser_figure,
}
