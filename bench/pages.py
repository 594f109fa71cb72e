"""Page reruns in Streamlit's AppTest, with the framework cached, against the rerun of a script that renders
nothing: what a page costs on every interaction once the framework is loaded. Beside each page, Streamlit's
own floor: a script that draws as many Markdown elements as the page and does nothing else, against the same
empty script (what any page of that many elements costs, whatever it computes)."""

from __future__ import annotations

import logging
import os

from ui.pages import PAGES as REGISTRY

from .figures import ROOT, Config
from .timing import Row, format_ms, paired_medians

__all__ = ["PAGES", "page_rows"]

FRAMEWORK = "ddat"
TIMEOUT = 120
#: Paired runs per page. A rerun takes a few milliseconds but varies a lot from run to run (Streamlit's script
#: thread, and AppTest looking for the end of a run once a millisecond), so many pairs are timed: about 2 s a
#: page in a full run.
REPEATS, QUICK_REPEATS = 41, 9
EMPTY_SCRIPT = "import streamlit as st\n"  # renders nothing

#: The query parameters of a typical view of each page, by URL path (DDaT role ids).
TYPICAL: dict[str, dict[str, str | list[str]]] = {
    "": {},
    "roles": {"role": "senior-data-architect"},
    "skills": {"skill": "user-research-methods"},
    "map": {},
    "paths": {"from": "associate-business-architect", "to": "senior-data-architect"},
    "gap": {"current": "business-architect", "target": "senior-data-architect"},
    "record": {},
    "team": {},
    "compare": {"roles": ["business-architect", "senior-data-architect"]},
    "review": {},
    "versions": {},
    "import_jd": {},
    "pay": {},
}
#: Every page of the registry (ui/pages.py), by script, with its typical view's parameters.
PAGES = {spec.script: TYPICAL[spec.path] for spec in REGISTRY}


def _quiet() -> None:
    # Outside a server, Streamlit warns "missing ScriptRunContext" whenever cached code runs in the main
    # thread; not our concern. Its loggers each have their own level, so every one of them is set.
    for name in [n for n in logging.root.manager.loggerDict if n.startswith("streamlit")]:
        logging.getLogger(name).setLevel(logging.ERROR)


def _leaves(node) -> int:
    """The elements a page drew (blocks such as columns and expanders are not counted, their contents are)."""
    children = getattr(node, "children", None)
    if children:
        return sum(_leaves(child) for child in children.values())
    return 0 if children is not None else 1


def _floor_script(elements: int) -> str:
    return f"import streamlit as st\n\nfor i in range({elements}):\n    st.markdown(f'Paragraph {{i}}.')\n"


def page_rows(config: Config) -> list[Row]:
    from streamlit.testing.v1 import AppTest

    _quiet()
    os.chdir(ROOT)  # pages find the shipped frameworks relative to the repository
    empty = AppTest.from_string(EMPTY_SCRIPT, default_timeout=TIMEOUT)
    empty.run()
    _quiet()  # again: running a script creates more of Streamlit's loggers
    rows = []
    for script, params in PAGES.items():
        if not (ROOT / script).exists():
            continue
        at = AppTest.from_file(str(ROOT / script), default_timeout=TIMEOUT)
        at.session_state["framework"] = FRAMEWORK
        for key, value in params.items():
            at.query_params[key] = value
        at.run()  # loads the framework into the cache (and warms the page's own caches)
        if at.exception:
            rows.append(Row(f"page rerun: {script}", "failed", note=str(at.exception[0].value)[:80], met=False))
            continue
        repeats = QUICK_REPEATS if config.quick else REPEATS
        pair = paired_medians(at.run, empty.run, repeats=repeats, warmup=0)  # the first run warmed it
        # Streamlit's own floor: as many Markdown elements as the page draws, in a script that does nothing else.
        elements = _leaves(at.main) + _leaves(at.sidebar)
        floor = AppTest.from_string(_floor_script(elements), default_timeout=TIMEOUT)
        floor_pair = paired_medians(floor.run, empty.run, repeats=repeats, warmup=1)
        shown = "&".join(f"{k}={v}" for k, vs in params.items() for v in ([vs] if isinstance(vs, str) else vs))
        rows.append(
            Row(
                f"page rerun: {script}" + (f"?{shown}" if shown else ""),
                format_ms(pair.subject),
                format_ms(pair.baseline) + " (empty script)",
                pair.ratio,
                "≤ 2×",
                pair.ratio <= 2,
                f"{FRAMEWORK}; {elements} elements; CPU-time ratio {pair.cpu_ratio:.2f}×; Streamlit's floor, "
                f"{elements} Markdown elements alone: {floor_pair.ratio:.2f}× (CPU {floor_pair.cpu_ratio:.2f}×)",
            )
        )
    return rows
