"""``python -m gametheory``: the ``gametheory`` command line (see :mod:`gametheory.cli`)."""

import sys

from .cli import main

sys.exit(main())
