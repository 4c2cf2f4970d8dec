"""The servstd command: ``python -m servstd`` and the ``servstd`` console script.

The command's modules load with the cycle collector paused, and what loading made is then frozen
(:func:`gc.freeze`): importing makes thousands of long-lived objects and no garbage, yet every
few hundred allocations started a collection that walked them all again — a fourteenth of
``servstd workday``'s run. The collector runs as usual for the command's own work.
"""

from __future__ import annotations

import gc
import sys


def main() -> int:
    """Run the command (:func:`servstd.cli.main`) and return its exit status."""
    running = gc.isenabled()
    gc.disable()
    try:
        from servstd.cli import main as command  # noqa: PLC0415 - loaded with the collector paused
    finally:
        gc.freeze()
        if running:
            gc.enable()
    return command()


if __name__ == "__main__":
    sys.exit(main())
