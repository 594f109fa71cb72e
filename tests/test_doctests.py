"""The examples in the domain's docstrings run, and say what they show: every module of ``framework/``, and the
README's Python examples, run as doctests from the repository root (where their paths, ``data/roles.yaml``, are)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re

import pytest

import framework
from tests.conftest import ROOT

OPTIONS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
#: Every module of the package but ``python -m framework``'s entry point, which runs the command line.
MODULES = sorted(m.name for m in pkgutil.walk_packages(framework.__path__, "framework.") if m.name[-8:] != "__main__")
#: The modules a reader meets first: each shows a short run of its main functions.
FIRST_MET = ["framework.loader", "framework.graph", "framework.routes", "framework.skills", "framework.plan"]


def _run(tests: list[doctest.DocTest]) -> tuple[int, str]:
    """Run ``tests``; the number of examples run, and the report of any that failed."""
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=OPTIONS)
    for test in tests:
        runner.run(test, out=report.append)
    return runner.tries, "".join(report)


@pytest.fixture(autouse=True)
def _at_the_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("name", MODULES)
def test_the_docstring_examples_run(name):
    tests = doctest.DocTestFinder().find(importlib.import_module(name))
    tried, failures = _run(tests)
    assert not failures, failures
    if name in FIRST_MET:
        assert tried >= 3, f"{name} shows a short run of its main functions"


def test_the_readme_python_examples_run_on_the_public_api():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```pycon\n(.*?)```", readme, flags=re.DOTALL)
    assert blocks, "the README shows the package used from Python"
    parser = doctest.DocTestParser()
    tests = [parser.get_doctest(text, {}, f"README.md example {i}", "README.md", 0) for i, text in enumerate(blocks)]
    tried, failures = _run(tests)
    assert tried >= 5
    assert not failures, failures
    imports = re.findall(r"^>>> from (\S+) import", "\n".join(blocks), flags=re.MULTILINE)
    assert set(imports) == {"framework"}, "the README's examples use the package's public API, not its modules"
