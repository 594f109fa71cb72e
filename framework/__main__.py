"""``python -m framework``: see :mod:`framework.cli`."""

import sys

from .cli import main

sys.exit(main())
