"""The app as a person feels it: each page in Chromium, against an empty app with the same pages and widgets.

For each framework (the council's, DDaT, the synthetic 10,000-role one) two servers run side by side: ours
(``python -m ui.serve``, as ``dev.py app`` starts it) and the empty app (``bench/empty_app.py``), served the same
way. For each page of the registry (``ui/pages.py``), in turn, on each app alternately:

* **sidebar navigation**: a click on the page's link in the sidebar, from the page before it, until settled;
* **a full load of a deep link** (``/roles?role=…``, ``/paths?from=…&to=…``): a new document and session;
* **the first visit** of each page in a server just started: what the first person to open it after a restart
  waits for, its views worked out afresh, those its pages keep on disk read back (each page is opened once in a
  server of ours before anything is measured, as a server running before the restart would have) — the first
  round's sidebar navigation to it (its deep link, for the round's first page); the other figures of that
  round are not counted;
* **one interaction** on that page (:data:`INTERACTIONS`): a tab, an expander of options, a picker, a toggle;
* on the council's and DDaT's frameworks, **editing** (:mod:`bench.editing`): a skill's level chosen in the
  development record as each of its three voices, and a name, an action and its owner typed into the plan on
  the Skill gap page — against the empty app's twins of those two pages, which carry the same widgets.

*Settled* is the moment the page last changed — script state, elements, websocket messages — once Streamlit
is idle and has been quiet for a while (``tests/browser/helpers.py``), measured in the page's own clock from
the click (or, for a full load, from the navigation's start). Also recorded per action: websocket bytes received
and the server's run (first message sent to the end of the run, from Chrome's DevTools protocol), where the
bytes went (chart JSON, tables, text, widgets), the elements in the main area, long tasks (``longtask``
entries of a PerformanceObserver) and the browser's time after the run. Then **cold start**: a server started
afresh, to its health check and to the first settled page (Home), for each app alternately (on a framework file
given with ``--framework``, a restart: the file has been read into the disk cache of checked frameworks before).

Figures: the median and p90 of each, the ratio of the medians (ours / empty). Rows go to the bench table;
the whole result to ``bench/results/browser.json`` and a summary table to ``bench/results/browser.md``.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.browser.server import CHROMIUM_ARGS, app_command, rss_bytes
from ui.pages import PAGES
from ui.processes import Running, chromium_looked_at, find_chromium, free_port, running

from . import editing
from .editing import EDITS, VOICES, write_twin_app
from .empty_app import Interaction, write_empty_app
from .figures import RESULTS, ROOT, Config, synthetic_file
from .timing import Row, format_ms

__all__ = ["INTERACTIONS", "browser_rows"]

#: The action taken on each page (by URL path), found by what it is, not by its words.
INTERACTIONS: dict[str, Interaction] = {
    "": Interaction("sidebar-picker", "My current role chosen"),
    "roles": Interaction("tab", "the profile's second tab"),
    "skills": Interaction("picker", "a discipline chosen", "Discipline"),
    "map": Interaction("expander", "Map options opened", "Map options"),
    "paths": Interaction("tab", "the second tab (the table)"),
    "gap": Interaction("picker", "another current role chosen", "Current role"),
    "compare": Interaction("picker", "a role added", "Roles to compare"),
    "review": Interaction("tab", "the second tab"),
    "pay": Interaction("picker", "another grade chosen", "Grade"),
    "versions": Interaction("picker", "another older version chosen", "Older version"),
    "import_jd": Interaction("toggle", "the toggle switched", "Merge"),
    "record": Interaction("sidebar-picker", "My current role chosen (the record's start follows it)"),
    "team": Interaction("sidebar-picker", "My current role chosen"),
}
ACTIONS = ("sidebar", "first visit", "deep link", "interaction", *(f"edit: {e.what}" for e in EDITS))
#: The actions held to the framework's target: each is a wait a person has in daily use.
COUNTED = ("sidebar", "first visit", "interaction")
START_TIMEOUT = 600  # seconds: the 10,000-role framework loads in the first run
ACTION_TIMEOUT_MS = 120_000
COLD_TIMEOUT_MS = 600_000
TARGETS = {"council": 1.5, "ddat": 1.5, "10,000 roles": 3.0}
COLD_TARGET = 2.0

# Long tasks, as the page records them from its start.
LONG_TASKS = """
(() => {
  window.__longTasks = [];
  try {
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
    }).observe({type: 'longtask', buffered: true});
  } catch (e) {}
})();
"""
# When the page last changed (script state, elements, messages), in the page's clock.
LAST_CHANGE = """() => { const r = window.__careerExplorerRuns;
  return Math.max(r.changedAt, r.mutatedAt, r.messageAt); }"""
PAGE_FACTS = """(since) => ({
  longTaskMs: window.__longTasks.filter(([s]) => s >= since).reduce((a, [, d]) => a + d, 0),
  longTasks: window.__longTasks.filter(([s]) => s >= since).length,
  elements: document.querySelectorAll('[data-testid="stMain"] [data-testid="stElementContainer"]').length,
  domNodes: document.getElementsByTagName('*').length,
  heading: (document.querySelector('[data-testid="stMain"] h1') || {}).innerText || '',
  exception: !!document.querySelector('[data-testid="stException"]'),
  path: location.pathname,
})"""


@dataclass(frozen=True)
class FrameworkCase:
    label: str  # "council", "ddat", "10,000 roles"
    key: str | None  # ?framework= for ours (None: the default one)
    app_args: tuple[str, ...]  # after -- for ours
    links: dict[str, dict[str, str | list[str]]]  # deep-link query per page path, for every page


# --------------------------------------------------------------------------- deep links


def _links(roles: list[dict]) -> dict[str, dict[str, str | list[str]]]:
    """Deep-link parameters per page from a framework's roles (plain data): a role with a line to report to
    (routes and a gap to the role above), and two roles to compare."""
    by_id = {r["id"]: r for r in roles}

    def manager(role: dict) -> dict | None:
        return by_id.get((role.get("reports_to") or {}).get("role"))

    # A described role whose manager is described too: the gap between them has skills to show.
    with_manager = [r for r in roles if r.get("skills") and (manager(r) or {}).get("skills")]
    source = with_manager[len(with_manager) // 2] if with_manager else roles[0]
    target = manager(source) or roles[-1]
    return {
        "": {},
        "roles": {"role": source["id"]},
        "skills": {"skill": source["skills"][0]["skill"]} if source.get("skills") else {},
        "map": {},
        "paths": {"from": source["id"], "to": target["id"]},
        "gap": {"current": source["id"], "target": target["id"]},
        "record": {},
        "team": {},
        "compare": {"roles": [source["id"], target["id"]]},
        "review": {},
        "versions": {"new": "roles"},  # the council framework as the newer version: the interaction compares
        "import_jd": {},
        "pay": {},
    }


def _yaml_roles(path: Path) -> list[dict]:
    import yaml

    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)["roles"]


FRAMEWORK_NAMES = ("council", "ddat", "10000")


def cases(config: Config) -> list[FrameworkCase]:
    wanted = config.frameworks or (("council",) if config.quick else FRAMEWORK_NAMES)
    unknown = [name for name in wanted if name not in FRAMEWORK_NAMES]
    if unknown:
        raise ValueError(f"unknown framework {', '.join(unknown)} (choose from {', '.join(FRAMEWORK_NAMES)})")
    out = []
    if "council" in wanted:
        out.append(FrameworkCase("council", None, (), _links(_yaml_roles(ROOT / "data" / "roles.yaml"))))
    if "ddat" in wanted:
        out.append(FrameworkCase("ddat", "ddat", (), _links(_yaml_roles(ROOT / "data" / "ddat.yaml"))))
    if "10000" in wanted:
        from .synthetic import synthetic_data

        path = synthetic_file(10_000)
        roles = _links(synthetic_data(10_000)["roles"])
        out.append(FrameworkCase("10,000 roles", None, ("--framework", str(path)), roles))
    return out


# --------------------------------------------------------------------------- servers


@dataclass(frozen=True)
class App:
    """One of the two apps measured: ours (``python -m ui.serve`` with ``args``), or the empty one (``script``)."""

    args: tuple[str, ...] = ()
    script: Path | None = None
    cwd: Path = ROOT


@contextmanager
def serve(app: App, log: Path) -> Iterator[Running]:
    """Run ``app`` on a free loopback port until the block ends (:func:`ui.processes.running`)."""
    port = free_port()
    command = app_command(port, *app.args, script=app.script)
    with running(
        command, url=f"http://127.0.0.1:{port}", log=log, cwd=app.cwd, timeout=START_TIMEOUT, poll=0.05
    ) as server:
        yield server


def _ours(case: FrameworkCase) -> App:
    return App(args=tuple(case.app_args))


def served_empty_app(folder: Path) -> App:
    """The empty app written in ``folder``, served with ``streamlit run`` from there."""
    return App(script=folder / "app.py", cwd=folder)


# --------------------------------------------------------------------------- one app in one browser tab


@dataclass
class Measure:
    """One action: its time to settled and what went with it."""

    ms: float
    received: int
    server_ms: float | None
    after_run_ms: float | None
    by_kind: dict[str, int]
    facts: dict


class Tab:
    """A browser tab on one app, recording the websocket frames through Chrome's DevTools protocol."""

    def __init__(self, browser, base: str, name: str) -> None:
        from tests.browser.helpers import RUN_TRACKER, VIEWPORT

        self.base = base
        self.name = name
        self.context = browser.new_context(viewport=VIEWPORT)
        self.context.add_init_script(RUN_TRACKER)
        self.context.add_init_script(LONG_TASKS)
        self.page = self.context.new_page()
        self.frames: list[tuple[str, float, bytes]] = []  # ("in"/"out", CDP timestamp, payload)
        cdp = self.context.new_cdp_session(self.page)
        cdp.send("Network.enable")
        cdp.on("Network.webSocketFrameReceived", lambda e: self._frame("in", e))
        cdp.on("Network.webSocketFrameSent", lambda e: self._frame("out", e))

    def _frame(self, direction: str, event: dict) -> None:
        response = event["response"]
        data = response.get("payloadData", "")
        payload = base64.b64decode(data) if response.get("opcode") == 2 else data.encode()
        self.frames.append((direction, event["timestamp"], payload))

    def close(self) -> None:
        self.context.close()

    def _measure(self, action, *, full_load: bool, timeout: float = ACTION_TIMEOUT_MS) -> Measure:
        from tests.browser.helpers import expect_rerun, wait_for_app

        self.frames.clear()
        if full_load:
            action()
            wait_for_app(self.page, timeout=timeout)
            since = 0.0
        else:
            since = self.page.evaluate("performance.now()")
            with expect_rerun(self.page, timeout=timeout):
                action()
        last = self.page.evaluate(LAST_CHANGE)
        facts = self.page.evaluate(PAGE_FACTS, since)
        return Measure(last - since, *_read_frames(self.frames), facts)

    def deep_link(self, path: str, query: dict, *, timeout: float = ACTION_TIMEOUT_MS) -> Measure:
        from urllib.parse import urlencode

        url = f"{self.base}/{path}" + (f"?{urlencode(query, doseq=True)}" if query else "")
        return self._measure(lambda: self.page.goto(url, timeout=timeout), full_load=True, timeout=timeout)

    def sidebar(self, title: str) -> Measure:
        link = self.page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title, exact=True)
        return self._measure(link.click, full_load=False)

    def edit(self, action) -> Measure:
        """An edit on the page (``action``: the click or key that commits it), to the page settled."""
        return self._measure(action, full_load=False)

    def interact(self, interaction: Interaction) -> Measure | None:
        """The page's action, or None when the page has nothing of the kind."""
        main = self.page.locator('[data-testid="stMain"]')
        if interaction.kind == "tab":
            target = main.locator('[role="tab"]').nth(1)
        elif interaction.kind == "expander":
            target = main.locator('[data-testid="stExpander"] details:not([open]) > summary').first
        elif interaction.kind == "toggle":
            target = main.locator('[data-testid="stCheckbox"] label').first
        elif interaction.kind in ("picker", "sidebar-picker"):
            where = main if interaction.kind == "picker" else self.page.locator('[data-testid="stSidebar"]')
            boxes = where.locator('[data-testid="stMultiSelect"], [data-testid="stSelectbox"]')
            # The sidebar's first picker is the framework's; the next is "My current role" (or, on a framework
            # of thousands of roles, its discipline, which comes first).
            target = boxes.nth(1) if interaction.kind == "sidebar-picker" else boxes.first
            if target.count() == 0:
                return None
            field_ = target.locator("input")
            field_.click()
            if field_.get_attribute("aria-expanded") != "true":
                # A select box holding a value may stay closed on a click: the arrow key opens it, as it does
                # for a person at the keyboard (and moves nothing if the list did open meanwhile).
                self.page.keyboard.press("ArrowDown")
            self.page.get_by_role("option").first.wait_for()

            def pick() -> None:
                self.page.keyboard.press("ArrowDown")
                self.page.keyboard.press("Enter")

            measure = self._measure(pick, full_load=False)
            self.page.keyboard.press("Escape")
            return measure
        else:
            return None
        if target.count() == 0:
            return None
        return self._measure(target.click, full_load=False)


def _read_frames(frames: list[tuple[str, float, bytes]]) -> tuple[int, float | None, float | None, dict[str, int]]:
    """Bytes received, the server's run (first frame sent to the last end of a run), the time after it (not
    known here: filled by the caller), and the bytes of each kind of element."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    received = sum(len(p) for d, _, p in frames if d == "in")
    sent = [t for d, t, _ in frames if d == "out"]
    finished = None
    by_kind: dict[str, int] = defaultdict(int)
    for direction, stamp, payload in frames:
        if direction != "in":
            continue
        message = ForwardMsg()
        try:
            message.ParseFromString(payload)
        except Exception:
            continue
        kind = message.WhichOneof("type")
        if kind == "script_finished":
            finished = stamp
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            by_kind[_kind(element.WhichOneof("type"))] += len(payload)
        elif kind == "ref_hash":
            by_kind["cached (sent before)"] += len(payload)
    server_ms = (finished - sent[0]) * 1000 if finished is not None and sent and finished >= sent[0] else None
    return received, server_ms, None, dict(by_kind)


def _kind(element: str) -> str:
    if element in ("plotly_chart", "vega_lite_chart", "deck_gl_json_chart", "bidi_component"):  # SVG pictures too
        return "chart"
    if element in ("dataframe", "table"):
        return "table"
    if element in ("markdown", "heading", "text", "code", "alert", "metric", "caption"):
        return "text"
    return "widgets and other"


# --------------------------------------------------------------------------- the run


@dataclass
class Results:
    """Measures per (framework, page path, action, app)."""

    measures: dict[tuple[str, str, str, str], list[Measure]] = field(default_factory=lambda: defaultdict(list))
    cold: dict[tuple[str, str], list[dict]] = field(default_factory=lambda: defaultdict(list))
    problems: list[str] = field(default_factory=list)
    memory: dict[str, float] = field(default_factory=dict)


def _record(results: Results, key: tuple[str, str, str, str], measure: Measure | None) -> None:
    if measure is None:
        return
    if measure.server_ms is not None:
        measure.after_run_ms = max(0.0, measure.ms - measure.server_ms)
    if measure.facts.get("exception"):
        results.problems.append(f"{'/'.join(key)}: an exception on the page")
    results.measures[key].append(measure)


def _first_visits(measures: dict, label: str, first_path: str) -> defaultdict:
    """``measures`` with the first round of ``label`` kept only as each page's first visit: the deep link of
    the round's first page (``first_path``), and the sidebar navigation that reached each other page."""
    kept = defaultdict(list)
    for (framework, path, action, app), found in measures.items():
        if framework != label:
            kept[(framework, path, action, app)] = found
        elif (action == "deep link") == (path == first_path) and action in ("deep link", "sidebar"):
            kept[(framework, path, "first visit", app)] = found
    return kept


def _specs(config: Config) -> list:
    """The pages benchmarked: every page of the registry, or those named (by script name)."""
    names = {Path(spec.script).stem: spec for spec in PAGES}
    unknown = [name for name in config.pages if name not in names]
    if unknown:
        raise ValueError(f"unknown page {', '.join(unknown)} (choose from {', '.join(names)})")
    return [spec for name, spec in names.items() if not config.pages or name in config.pages]


def _edits_wanted(config: Config) -> bool:
    """The editing scenarios run with every page, or when the record or the gap page is named."""
    return not config.pages or bool({"record", "gap"} & set(config.pages))


def _pages_round(results: Results, case: FrameworkCase, tabs: dict[str, Tab], order: list[str], specs: list) -> None:
    """One round over the pages: deep link, interaction, then sidebar to the next page; apps alternately."""
    for index, spec in enumerate(specs):
        nxt = specs[(index + 1) % len(specs)]
        for app in order:
            tab = tabs[app]
            query = dict(case.links.get(spec.path, {}))
            if app == "ours" and case.key:
                query["framework"] = case.key
            try:
                _record(results, (case.label, spec.path, "deep link", app), tab.deep_link(spec.path, query))
                interaction = INTERACTIONS.get(spec.path)
                if interaction is not None:
                    _record(results, (case.label, spec.path, "interaction", app), tab.interact(interaction))
                _record(results, (case.label, nxt.path, "sidebar", app), tab.sidebar(nxt.title))
            except Exception as error:  # a timeout: recorded, and the round goes on
                problem = f"{type(error).__name__}: {str(error)[:200]}"
                results.problems.append(f"{case.label} /{spec.path} ({app}): {problem}")


def _cold_start(results: Results, browser, case: FrameworkCase, app: str, served: App) -> None:
    log = RESULTS / f"browser-{app}.log"
    with serve(served, log) as server:
        tab = Tab(browser, server.url, app)
        try:
            query = {"framework": case.key} if (app == "ours" and case.key) else {}
            opened = time.monotonic()
            measure = tab.deep_link("", query, timeout=COLD_TIMEOUT_MS)
            settled = opened + measure.ms / 1000
        finally:
            tab.close()
        results.cold[(case.label, app)].append(
            {
                "to_health_s": server.healthy - server.started,
                "first_page_s": measure.ms / 1000,
                "start_to_settled_s": settled - server.started,
                "rss_mib": rss_bytes(server.pid) / 2**20,
            }
        )


# --------------------------------------------------------------------------- editing (bench/editing.py)

#: The frameworks the editing scenarios run on (at 10,000 roles a record starts from pickers of a discipline).
EDITING_FRAMEWORKS = {"council": ROOT / "data" / "roles.yaml", "ddat": ROOT / "data" / "ddat.yaml"}


def _exactly(text: str):
    """A pattern matching ``text`` alone (a label, without what follows it)."""
    return re.compile(rf"^\s*{re.escape(text)}\s*$")


def _radio(page, label: str):
    """The radio group labelled ``label`` in the main area."""
    return page.locator('[data-testid="stMain"] [data-testid="stRadio"]').filter(
        has=page.locator('[data-testid="stWidgetLabel"]', has_text=_exactly(label))
    )


def _pick_role(page, label: str, title: str) -> None:
    """Choose ``title`` in the main area's select box ``label`` (typed, then Enter): a rerun."""
    from tests.browser.helpers import expect_rerun

    box = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').filter(
        has=page.locator('[data-testid="stWidgetLabel"]', has_text=_exactly(label))
    )
    box.locator("input").click()
    page.keyboard.type(title)
    option = page.get_by_role("option").filter(has_text=title).first
    with expect_rerun(page):
        option.click()


def _start_record(tab: Tab, content: dict, query: dict) -> None:
    """Ours: a new record of the current role aiming at the target (the twin shows its record at once)."""
    from tests.browser.helpers import expect_rerun

    tab.deep_link("record", query)
    _pick_role(tab.page, "Current role", content["current"])
    _pick_role(tab.page, "Target role (optional)", content["target"])
    with expect_rerun(tab.page):
        tab.page.locator('[data-testid="stMain"]').get_by_role("button", name="Start a new record").click()


def _choose_voice(tab: Tab, voice: str) -> None:
    """Rate as ``voice`` (a rerun of the levels, unless it is the voice chosen already)."""
    from tests.browser.helpers import expect_rerun

    group = _radio(tab.page, "Rating as")
    if not group.get_by_role("radio", name=voice, exact=True).is_checked():
        with expect_rerun(tab.page):
            group.get_by_text(voice, exact=True).click()


def _level_click(tab: Tab, skill: dict, options: list[str]) -> Measure:
    """A click on the level after the one chosen now (a click on the chosen one would change nothing)."""
    group = _radio(tab.page, skill["label"])
    chosen = next((o for o in options if group.get_by_role("radio", name=o, exact=True).is_checked()), None)
    option = options[(options.index(chosen) + 1) % len(options)] if chosen else options[0]
    target = group.get_by_text(option, exact=True)
    target.scroll_into_view_if_needed()
    return tab.edit(target.click)


def _typed(tab: Tab, label: str, text: str) -> Measure:
    """``text`` typed into the field ``label``, then Enter: measured from the Enter."""
    field = tab.page.locator('[data-testid="stMain"]').get_by_label(label, exact=True)
    field.scroll_into_view_if_needed()
    field.fill(text)
    return tab.edit(lambda: field.press("Enter"))


def _editing(results: Results, browser, case: FrameworkCase, rounds: int) -> None:
    """The editing scenarios (:mod:`bench.editing`) on ours and the twin, alternately; the first round warms."""
    from framework import load_framework
    from framework.graph import build_graph

    framework = load_framework(EDITING_FRAMEWORKS[case.label])
    pair = case.links["gap"]
    content = editing.content(framework, build_graph(framework), pair["current"], pair["target"])
    skill = content["record"]["skills"][0]
    options = [label for choice, label in skill["choices"].items() if choice]  # each a real level choice
    folder = Path(tempfile.mkdtemp(prefix="career-explorer-twin-"))
    try:
        twin = write_twin_app(folder / "app", INTERACTIONS, content)
        with (
            serve(_ours(case), RESULTS / "browser-ours.log") as ours,
            serve(App(script=twin, cwd=twin.parent), RESULTS / "browser-empty.log") as empty,
        ):
            tabs = {"ours": Tab(browser, ours.url, "ours"), "empty": Tab(browser, empty.url, "empty")}
            framework_query = {"framework": case.key} if case.key else {}
            try:
                _start_record(tabs["ours"], content, framework_query)
                tabs["empty"].deep_link("record", {})
                for i in range(rounds + 1):
                    order = ["ours", "empty"] if i % 2 else ["empty", "ours"]
                    for voice, edit in zip(VOICES, EDITS[:3], strict=True):
                        for app in order:
                            tab = tabs[app]
                            _choose_voice(tab, voice)
                            measure = _level_click(tab, skill, options)
                            if i:
                                _record(results, (case.label, edit.page, f"edit: {edit.what}", app), measure)
                query = {**pair, "tab": "development-plan"}
                for app, tab in tabs.items():  # a plan starts with one empty action: the one typed into
                    tab.deep_link("gap", {**query, **framework_query} if app == "ours" else {})
                typed = {
                    EDITS[3]: ("Person (optional)", "Sam Okafor {}"),
                    EDITS[4]: ("Action 1", "Shadow the delivery manager's planning, week {}"),
                    EDITS[5]: ("Action 1: owner", "Sam, with Alex {}"),
                }
                for i in range(rounds + 1):
                    order = ["ours", "empty"] if i % 2 else ["empty", "ours"]
                    for edit, (label, text) in typed.items():
                        for app in order:
                            measure = _typed(tabs[app], label, text.format(i + 1))
                            if i:
                                _record(results, (case.label, edit.page, f"edit: {edit.what}", app), measure)
            finally:
                for tab in tabs.values():
                    tab.close()
    except Exception as error:  # a timeout: recorded, and the run goes on
        results.problems.append(f"{case.label} editing: {type(error).__name__}: {str(error)[:200]}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _fill_framework_cache(path: Path) -> None:
    """Read ``path`` once into the app's disk cache of checked frameworks (:mod:`ui.framework_cache`), so the
    cold starts measured are those of a server restarted on a file it has read before; the first read of a file
    is the load figure's (``bench/figures.py``)."""
    from ui.data import read_framework_file

    print(f"  (reading {path.name} into the framework cache)", flush=True)
    read_framework_file(path)


def _visit_every_page(browser, case: FrameworkCase, specs: list) -> None:
    """Open each page once in a server of ours, then stop it: the views its pages keep on disk (the review's among
    them; :class:`ui.framework_cache.StoredViews`) are made, as a server running before a restart made them. The
    first visits measured next are those after a restart, whatever ran before this benchmark."""
    print(f"  {case.label}: every page opened once (the views kept on disk made)", flush=True)
    with serve(_ours(case), RESULTS / "browser-ours.log") as server:
        tab = Tab(browser, server.url, "ours")
        try:
            for spec in specs:
                query = dict(case.links.get(spec.path, {}))
                if case.key:
                    query["framework"] = case.key
                tab.deep_link(spec.path, query, timeout=COLD_TIMEOUT_MS)
        finally:
            tab.close()


def run(config: Config) -> Results:
    from playwright.sync_api import sync_playwright

    chromium = find_chromium()
    specs = _specs(config)
    results = Results()
    rounds = 3 if config.quick else 5
    cold_repeats = 1 if config.quick else 2
    folder = Path(tempfile.mkdtemp(prefix="career-explorer-empty-app-"))
    try:
        write_empty_app(folder, INTERACTIONS)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
            try:
                for case in cases(config):
                    if case.app_args:  # a restart, as a deployment restarts: the file has been read before
                        _fill_framework_cache(Path(case.app_args[-1]))
                    _visit_every_page(browser, case, specs)
                    print(f"  {case.label}: cold start", flush=True)
                    repeats = 1 if case.app_args else cold_repeats
                    for i in range(repeats):
                        for app in ("ours", "empty") if i % 2 == 0 else ("empty", "ours"):
                            _cold_start(
                                results, browser, case, app, _ours(case) if app == "ours" else served_empty_app(folder)
                            )
                    case_rounds = 3 if case.app_args else rounds
                    print(f"  {case.label}: {case_rounds} rounds of every page", flush=True)
                    with (
                        serve(_ours(case), RESULTS / "browser-ours.log") as ours,
                        serve(served_empty_app(folder), RESULTS / "browser-empty.log") as empty,
                    ):
                        tabs = {"ours": Tab(browser, ours.url, "ours"), "empty": Tab(browser, empty.url, "empty")}
                        try:
                            # The first round: each page's first visit; the rest of it is not counted.
                            _pages_round(results, case, tabs, ["ours", "empty"], specs)
                            results.measures = _first_visits(results.measures, case.label, specs[0].path)
                            for i in range(case_rounds):
                                started = time.monotonic()
                                order = ["ours", "empty"] if i % 2 else ["empty", "ours"]
                                _pages_round(results, case, tabs, order, specs)
                                print(f"    round {i + 1}: {time.monotonic() - started:.0f} s", flush=True)
                        finally:
                            for tab in tabs.values():
                                tab.close()
                        results.memory[case.label] = rss_bytes(ours.pid) / 2**20
                    if case.label in EDITING_FRAMEWORKS and _edits_wanted(config):
                        print(f"  {case.label}: {rounds} rounds of the editing scenarios", flush=True)
                        _editing(results, browser, case, rounds)
            finally:
                browser.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return results


# --------------------------------------------------------------------------- figures


def _stat(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def _median(measures: list[Measure], attr: str) -> float | None:
    values = [getattr(m, attr) for m in measures if getattr(m, attr) is not None]
    return statistics.median(values) if values else None


def _kb(count: float | None) -> str:
    if count is None:
        return "—"
    return f"{count / 1e6:.2f} MB" if count >= 1e6 else f"{count / 1e3:.1f} KB"


def summarise(results: Results) -> dict:
    """Per (framework, page, action): medians and p90s of both apps, the ratio, and where the time went."""
    out = {}
    for (framework, path, action, app), measures in results.measures.items():
        if app != "ours":
            continue
        empty = results.measures.get((framework, path, action, "empty"), [])
        if not empty:
            continue
        ours_med, ours_p90 = _stat([m.ms for m in measures])
        empty_med, empty_p90 = _stat([m.ms for m in empty])
        kinds: dict[str, list[int]] = defaultdict(list)
        for m in measures:
            for kind, size in m.by_kind.items():
                kinds[kind].append(size)
        out[f"{framework}|{path}|{action}"] = {
            "framework": framework,
            "page": path,
            "action": action,
            "n": len(measures),
            "ours_ms": [round(ours_med), round(ours_p90)],
            "empty_ms": [round(empty_med), round(empty_p90)],
            "ratio": ours_med / empty_med if empty_med else None,
            "ws_bytes": [_median(measures, "received"), _median(empty, "received")],
            "server_ms": [_median(measures, "server_ms"), _median(empty, "server_ms")],
            "after_run_ms": [_median(measures, "after_run_ms"), _median(empty, "after_run_ms")],
            "long_task_ms": statistics.median(m.facts["longTaskMs"] for m in measures),
            "elements": statistics.median(m.facts["elements"] for m in measures),
            "dom_nodes": statistics.median(m.facts["domNodes"] for m in measures),
            "bytes_by_kind": {k: statistics.median(v) for k, v in sorted(kinds.items())},
            "heading": measures[-1].facts.get("heading", ""),
        }
    return out


def _cold_summary(results: Results) -> dict:
    out = {}
    for (framework, app), runs in results.cold.items():
        out[f"{framework}|{app}"] = {key: round(statistics.median(r[key] for r in runs), 3) for key in runs[0]} | {
            "n": len(runs)
        }
    return out


TITLES = {spec.path: spec.title for spec in PAGES}


def _markdown(summary: dict, cold: dict, results: Results) -> str:
    lines = [
        "| framework | page | action | ours median / p90 | empty median / p90 | ratio | ws bytes (ours / empty) "
        "| server run | after the run | long tasks | elements | bytes by kind |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for item in summary.values():
        kinds = ", ".join(f"{k} {_kb(v)}" for k, v in item["bytes_by_kind"].items())
        server = item["server_ms"][0]
        after = item["after_run_ms"][0]
        lines.append(
            f"| {item['framework']} | {TITLES[item['page']]} | {item['action']} | "
            f"{item['ours_ms'][0]} / {item['ours_ms'][1]} ms | {item['empty_ms'][0]} / {item['empty_ms'][1]} ms | "
            f"{item['ratio']:.2f}× | {_kb(item['ws_bytes'][0])} / {_kb(item['ws_bytes'][1])} | "
            f"{format_ms(server / 1000) if server is not None else '—'} | "
            f"{format_ms(after / 1000) if after is not None else '—'} | {item['long_task_ms']:.0f} ms | "
            f"{item['elements']:.0f} | {kinds} |"
        )
    lines += ["", "| framework | app | to health | first page | start to settled | server memory |"]
    lines += ["|---|---|---|---|---|---|"]
    for key, item in cold.items():
        framework, app = key.split("|")
        lines.append(
            f"| {framework} | {app} | {item['to_health_s']:.2f} s | {item['first_page_s']:.2f} s | "
            f"{item['start_to_settled_s']:.2f} s | {item['rss_mib']:.0f} MB |"
        )
    if results.problems:
        lines += ["", "Problems:", *(f"- {p}" for p in results.problems)]
    return "\n".join(lines) + "\n"


def browser_rows(config: Config) -> list[Row]:
    name = "browser benchmark"
    if find_chromium() is None:
        return [Row(name, "skipped", note=f"no Chromium at {chromium_looked_at()} (set CHROMIUM_PATH)")]
    results = run(config)
    summary = summarise(results)
    cold = _cold_summary(results)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "browser.json").write_text(
        json.dumps(
            {"summary": summary, "cold": cold, "problems": results.problems, "memory_mib": results.memory}, indent=2
        )
        + "\n",
        encoding="utf-8",
    )
    (RESULTS / "browser.md").write_text(_markdown(summary, cold, results), encoding="utf-8")
    rows = []
    for item in summary.values():
        target = TARGETS.get(item["framework"])
        counted = item["action"] in COUNTED or item["action"].startswith("edit: ")
        server = item["server_ms"][0]
        rows.append(
            Row(
                f"browser, {item['framework']}: {item['action']} → {TITLES[item['page']]}",
                f"{item['ours_ms'][0]} ms (p90 {item['ours_ms'][1]})",
                f"{item['empty_ms'][0]} ms (empty app)",
                item["ratio"],
                f"≤ {target:g}×" if counted else "",
                (item["ratio"] <= target) if counted and target else None,
                f"ws {_kb(item['ws_bytes'][0])} vs {_kb(item['ws_bytes'][1])}; server run "
                f"{format_ms(server / 1000) if server is not None else '—'}; long tasks {item['long_task_ms']:.0f} ms; "
                f"{item['elements']:.0f} elements; n={item['n']}",
            )
        )
    for framework in dict.fromkeys(k.split("|")[0] for k in cold):
        ours, empty = cold.get(f"{framework}|ours"), cold.get(f"{framework}|empty")
        if not ours or not empty:
            continue
        ratio = ours["start_to_settled_s"] / empty["start_to_settled_s"]
        rows.append(
            Row(
                f"browser, {framework}: cold start to the first settled page (Home)",
                f"{ours['start_to_settled_s']:.2f} s",
                f"{empty['start_to_settled_s']:.2f} s (empty app)",
                ratio,
                f"≤ {COLD_TARGET:g}×",
                ratio <= COLD_TARGET,
                f"to health {ours['to_health_s']:.2f} s vs {empty['to_health_s']:.2f} s; first page "
                f"{ours['first_page_s']:.2f} s vs {empty['first_page_s']:.2f} s; server {ours['rss_mib']:.0f} MB; "
                f"n={ours['n']}",
            )
        )
    if results.problems:
        rows.append(Row("browser: problems", f"{len(results.problems)}", note="; ".join(results.problems)[:300]))
    return rows
