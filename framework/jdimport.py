"""``framework.jdimport`` is :mod:`framework.importers.jd` (the job-description importer) under a second name,
for code that imports it so: every importer lives in ``framework/importers/``. It is the same module object,
not a copy."""

import sys

from .importers import jd

sys.modules[__name__] = jd
