"""Benchmarks of issue 7: ``python -m bench`` (or ``python3 dev.py bench``) prints a table of figures, each a
ratio against a baseline measured in the same run, with its target. See ``bench/__main__.py``."""
