"""``python -m framework``: see :mod:`framework.cli`.

The command line is one user's one command, so it owns its process: the cyclic garbage collector is paused for
the whole run, which halves the time to load a large framework (see :func:`framework.yamlsafe.gc_paused`).
"""

import os
import sys

from .cli import main
from .yamlsafe import gc_paused

try:
    with gc_paused():
        status = main()
    sys.exit(status)
except BrokenPipeError:  # output piped into `head` and the like: stop quietly, no traceback
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(1)
