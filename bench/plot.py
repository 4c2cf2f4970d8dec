"""Draw docs/_static/performance.png from the figures bench/run.py wrote (docs/performance.json)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import matplotlib as mpl

mpl.use("Agg")
import matplotlib.pyplot as plt

SERVSTD, CEILING, OTHER = "#1971c2", "#74c0fc", "#adb5bd"


def _groups(f: dict[str, Any]) -> list[tuple[str, str, bool, list[tuple[str, float, str]]]]:
    """(title, unit, log scale, bars of (label, value, colour)) for each panel."""
    wdb, awd = f["working_days_between"], f["add_working_days"]
    add, el = f["business_add"], f["business_elapsed"]
    ev, up = f["evaluate_by_library"], f["startup"]["median_s"]
    return [
        ("working days in [a, b)\n(1M pairs)", "pairs per second (log)", True, [
            ("servstd batch", wdb["servstd_per_s"], SERVSTD), ("numpy gather\n(ceiling)", wdb["ceiling_per_s"], CEILING),
            ("numpy busday_count*", wdb["numpy_per_s"], OTHER), ("polars*", wdb["polars_per_s"], OTHER),
            ("scalar loop", wdb["scalar_per_s"], SERVSTD),
        ]),
        ("add 3 working days\n(1M dates)", "dates per second (log)", True, [
            ("servstd batch", awd["servstd_3_per_s"], SERVSTD), ("numpy gather\n(ceiling)", awd["ceiling_3_per_s"], CEILING),
            ("numpy busday_offset*", awd["numpy_per_s"], OTHER), ("polars*", awd["polars_per_s"], OTHER),
        ]),
        ("add 16 business hours\n(1M instants)", "instants per second (log)", True, [
            ("servstd batch", add["servstd_per_s"], SERVSTD), ("numpy core\n(ceiling)", add["core_per_s"], CEILING),
            ("pandas CBH*", add["pandas_per_s"], OTHER), ("businesstimedelta*", add["businesstimedelta_per_s"], OTHER),
        ]),
        ("elapsed business time\n(1M pairs)", "pairs per second (log)", True, [
            ("servstd batch", el["servstd_per_s"], SERVSTD), ("business_duration*", el["business_duration_per_s"], OTHER),
            ("businesstimedelta*", el["businesstimedelta_per_s"], OTHER),
        ]),
        ("batch.evaluate by input library\n(1M claims × 3 metrics)", "case-metrics per second", False, [
            (kind, ev["case_metrics_per_s"][kind], SERVSTD) for kind in ("pandas", "polars", "pyarrow")
        ]),
        ("start-up (whole process)", "milliseconds", False, [
            ("python -c pass", up["python -c pass"] * 1e3, OTHER),
            ("servstd workday", up["servstd workday 2026-02-14"] * 1e3, SERVSTD),
            ("servstd deadline", up["servstd deadline"] * 1e3, SERVSTD),
        ]),
    ]  # fmt: skip


def main(path: str = "docs/performance.json", out: str = "docs/_static/performance.png") -> int:
    f = json.loads(Path(path).read_text(encoding="utf-8"))
    groups = _groups(f)
    fig, axes = plt.subplots(2, 3, figsize=(13, 7.5))
    for ax, (title, unit, log, bars) in zip(axes.ravel(), groups, strict=True):
        ax.bar(range(len(bars)), [b[1] for b in bars], color=[b[2] for b in bars])
        if log:
            ax.set_yscale("log")
            ax.set_ylim(bottom=100)  # a common floor, so bar lengths compare honestly
        ax.set_xticks(range(len(bars)), [b[0] for b in bars], rotation=25, ha="right", fontsize=8)
        ax.set_title(title, fontsize=9)
        ax.set_ylabel(unit, fontsize=8)
    fig.suptitle(
        f"servstd {f['servstd']} — {f['machine']}, Python {f['python']}, {f['date']}"
        "   (* gives wrong answers: no make-up working days)",
        fontsize=9,
    )
    fig.tight_layout()
    fig.savefig(out, dpi=100)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
