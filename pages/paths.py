"""Progression paths: ranked routes between two roles (``?from=…&to=…``), each step explained."""

from ui.views import paths

paths.main()
