"""Which import reads a file of another format: :mod:`framework.formats` tells the formats apart (the loader
asks it too, without importing any importer); this module gives its answers to the importers' package."""

from __future__ import annotations

from ..formats import FOREIGN, foreign_format, foreign_problem

__all__ = ["FOREIGN", "foreign_format", "foreign_problem"]
