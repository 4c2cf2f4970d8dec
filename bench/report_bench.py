"""report() against batch.evaluate on the same cases: the cost of counting and listing breaches.

``python bench/report_bench.py [N ...]`` (default 10,000 and 1,000,000 cases of
``sla_eval_bench.claims``: 2025 insurance claims, three metrics, 20 % paused). Prints the best of
three runs of each and their ratio; issue 29 asks for report ≤ 3 × evaluate. Not a timed test:
run it by hand (or ``nox -s bench``) on a quiet machine.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from sla_eval_bench import NOW, POLICY, claims

from servstd.sla import batch


def _best(fn: Callable[[], Any], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def run(n: int) -> tuple[float, float]:
    cases, events = claims(n)
    batch.evaluate(POLICY, cases.head(100), events.head(10), now=NOW)  # warm the clocks' tables
    t_eval = _best(lambda: batch.evaluate(POLICY, cases, events, now=NOW))
    t_report = _best(lambda: batch.report(POLICY, cases, events, now=NOW, by=["zone"]))
    return t_eval, t_report


def main(argv: list[str]) -> None:
    sizes = [int(a.replace("_", "")) for a in argv] or [10_000, 1_000_000]
    for n in sizes:
        t_eval, t_report = run(n)
        print(
            f"{n:>9,} cases: evaluate {t_eval * 1e3:9.1f} ms   report {t_report * 1e3:9.1f} ms   "
            f"ratio {t_report / t_eval:5.2f}×"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
