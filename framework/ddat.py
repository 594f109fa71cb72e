"""``framework.ddat`` is :mod:`framework.importers.ddat` (the DDaT importer) under a second name,
for code that imports it so: every importer lives in ``framework/importers/``. It is the same module object,
not a copy."""

import sys

from .importers import ddat

sys.modules[__name__] = ddat
