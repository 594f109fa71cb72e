"""Start the app: ``python -m ui.serve [streamlit run options]`` (what ``python3 dev.py app`` runs).

The same as ``streamlit run app.py``, except that Streamlit's legacy multipage mode is off from the start.
With a ``pages/`` folder beside ``app.py``, Streamlit would otherwise serve the very first visit after a
server start in that mode (its own page list for a moment, before ``app.py``'s navigation takes over; see
``ui.state.leave_legacy_pages_mode``, which still covers a plain ``streamlit run``), and the shipped frameworks
are loaded before the first visitor arrives.
"""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from ui.data import preload

APP = Path(__file__).resolve().parents[1] / "app.py"


def main(argv: list[str]) -> None:
    PagesManager.uses_pages_directory = False
    preload()  # the shipped frameworks, before the first session: see ui.data.preload
    cli.main(["run", str(APP), *argv], prog_name="streamlit", standalone_mode=True)


if __name__ == "__main__":
    main(sys.argv[1:])
