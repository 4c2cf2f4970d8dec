"""The picture of a monthly SLA review, drawn with matplotlib (``servstd[charts]``).

Left: met % per month, one line per group (the ``by`` values other than the month) and metric.
Right: how late the breached cases were, in hours (a histogram). matplotlib is imported only
here, with its non-interactive backend, so reports without a chart never load it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from servstd._extras import require
from servstd.errors import DocumentError, Problem

__all__ = ["draw"]


def _pyplot() -> Any:
    require("drawing charts", "charts")
    import matplotlib  # noqa: PLC0415 - an optional extra, loaded only to draw

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    return plt


def _cjk_font(plt: Any) -> None:
    """Use a font with Chinese glyphs when the machine has one (group names are often Chinese)."""
    from matplotlib import font_manager  # noqa: PLC0415

    have = {f.name for f in font_manager.fontManager.ttflist}
    for name in (
        "Noto Sans CJK SC",
        "Noto Sans SC",
        "WenQuanYi Zen Hei",
        "SimHei",
        "Microsoft YaHei",
        "PingFang SC",
    ):
        if name in have:
            plt.rcParams["font.sans-serif"] = [name, *plt.rcParams["font.sans-serif"]]
            return


def draw(
    policy: str,
    by: Sequence[str],
    groups: Sequence[tuple[tuple[str, ...], str, Decimal | None]],
    late_hours: Sequence[float],
    path: Path,
) -> Path:
    """Save the two panels to ``path`` (PNG or SVG by suffix).

    ``groups``: (values of ``by``, metric, met %) per row of the report; ``late_hours``: how late
    each breached case was.
    """
    if path.suffix.lower() not in (".png", ".svg"):
        raise DocumentError(str(path), [Problem("", "a chart is written as .png or .svg")])
    plt = _pyplot()
    _cjk_font(plt)
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2), constrained_layout=True)
    by = list(by)
    month = by.index("month") if "month" in by else None
    lines: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for key, metric, met_pct in groups:
        if met_pct is None:
            continue
        rest = [k for i, k in enumerate(key) if i != month]
        label = " · ".join([*rest, metric])
        x = key[month] if month is not None else "all"
        lines[label].append((x, float(met_pct)))  # plotting coordinates only
    months = sorted({x for pts in lines.values() for x, _ in pts})
    for label, pts in sorted(lines.items()):
        pts.sort()
        left.plot([months.index(x) for x, _ in pts], [y for _, y in pts], marker="o", label=label)
    left.set_xticks(range(len(months)), months)
    left.set_ylim(0, 105)
    left.set_ylabel("met %")
    left.set_title("Met % per month")
    left.grid(alpha=0.3)
    if lines:
        left.legend(fontsize=7, loc="lower left")
    late = list(late_hours)
    right.hist(late, bins=min(max(len(late) // 3, 5), 30), color="#c0504d")
    right.set_xlabel("hours late (due → completed, or now while open)")
    right.set_ylabel("breached cases")
    right.set_title(f"Lateness of {len(late)} breached cases")
    right.grid(alpha=0.3)
    fig.suptitle(f"SLA compliance — {policy}")
    fig.savefig(path)
    plt.close(fig)
    return path
