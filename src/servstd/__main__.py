"""``python -m servstd``: the servstd command."""

import sys

from servstd.cli import main

sys.exit(main())
