"""``framework.jobdesc`` is :mod:`framework.importers.jobdesc` (the job-description reader) under a second name,
for code that imports it so: every importer lives in ``framework/importers/``. It is the same module object,
not a copy."""

import sys

from .importers import jobdesc

sys.modules[__name__] = jobdesc
