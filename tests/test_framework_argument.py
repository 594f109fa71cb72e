"""A framework file named on the command line (``-- --framework PATH``) that is not there, or not a file: the
page says which file and why, in the terms the command-line tools use, instead of failing on every page."""

from __future__ import annotations

import sys

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


@pytest.mark.parametrize(("name", "problem"), [("missing.yaml", "no such file"), ("", "is a directory, not a file")])
def test_a_framework_argument_that_cannot_be_read_is_said_so_on_the_page(monkeypatch, tmp_path, name, problem):
    path = tmp_path / name if name else tmp_path
    monkeypatch.setattr(sys, "argv", ["app.py", "--framework", str(path)])
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert [e.value for e in at.error] == ["The framework file could not be loaded:"]
    assert [c.value for c in at.code] == [f"{path}: {problem}"]
