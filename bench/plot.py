"""Draw docs/_static/performance.png from the figures bench/run.py wrote (docs/performance.json)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import matplotlib as mpl

mpl.use("Agg")
import matplotlib.pyplot as plt


def main(path: str = "docs/performance.json", out: str = "docs/_static/performance.png") -> int:
    f = json.loads(Path(path).read_text(encoding="utf-8"))
    groups = [
        ("add 3 working days\n(1M dates)", [("servstd batch", f["working_days"]["servstd_per_s"]), ("numpy busday_offset", f["working_days"]["numpy_per_s"])]),
        ("add 16 business hours\n(1M instants)", [("servstd batch", f["business_add"]["servstd_per_s"]), ("pandas CBH", f["business_add"]["pandas_per_s"]),
                                                   ("businesstimedelta", f["business_add"]["businesstimedelta_per_s"])]),
        ("elapsed business time\n(1M pairs)", [("servstd batch", f["business_elapsed"]["servstd_per_s"]), ("business_duration", f["business_elapsed"]["business_duration_per_s"]),
                                                ("businesstimedelta", f["business_elapsed"]["businesstimedelta_per_s"])]),
        ("scalar add 16 h\n(per call)", [("servstd", 1 / f["scalar"]["servstd_add_s"]), ("pandas CBH", 1 / f["scalar"]["pandas_cbh_s"]),
                                         ("businesstimedelta", 1 / f["scalar"]["businesstimedelta_s"])]),
    ]  # fmt: skip
    fig, axes = plt.subplots(1, len(groups), figsize=(13, 3.8))
    for ax, (title, bars) in zip(axes, groups, strict=True):
        names = [b[0] for b in bars]
        values = [b[1] for b in bars]
        colors = ["#1971c2" if n.startswith("servstd") else "#adb5bd" for n in names]
        ax.bar(range(len(values)), values, color=colors)
        ax.set_yscale("log")
        ax.set_ylim(bottom=100)  # a common floor, so bar lengths compare honestly
        ax.set_xticks(range(len(values)), names, rotation=25, ha="right", fontsize=8)
        ax.set_title(title, fontsize=9)
        ax.set_ylabel("operations per second (log)", fontsize=8)
    fig.suptitle(f"servstd {f['servstd']} — {f['machine']}, Python {f['python']}, {f['date']}", fontsize=9)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
