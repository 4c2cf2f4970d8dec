"""The picture of a monthly SLA review, drawn with matplotlib (``servstd[charts]``).

Left: met % per month, one line per group (the ``by`` values other than the month) and metric.
Right: how late the breached cases were, in hours (a histogram). matplotlib is imported only
here, so reports without a chart never load it; the picture is a private ``Figure`` saved by its
own canvas, so the host application's backend, ``rcParams`` and pyplot figures are left alone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from servstd._atomic import output_file, writing
from servstd._chart_font import ChartFont, chart_font, saving, styled
from servstd._extras import require
from servstd.errors import DocumentError, Problem

__all__ = ["draw"]


def _figure() -> Any:
    require("drawing charts", "charts")
    from matplotlib.figure import Figure  # noqa: PLC0415 - an optional extra, loaded only to draw

    return Figure


def draw(
    policy: str,
    by: Sequence[str],
    groups: Sequence[tuple[tuple[str, ...], str, Decimal | None]],
    late_hours: Sequence[float],
    path: Path,
    *,
    font: str | Path | None = None,
) -> Path:
    """Save the two panels to ``path`` (PNG or SVG by suffix).

    ``groups``: (values of ``by``, metric, met %) per row of the report; ``late_hours``: how late
    each breached case was; ``font``: as :func:`servstd._chart_font.chart_font` takes it.
    """
    if path.suffix.lower() not in (".png", ".svg"):
        raise DocumentError(str(path), [Problem("", "a chart is written as .png or .svg")])
    output_file(path)
    figure = _figure()
    face = chart_font(font)
    with styled(face):
        return _draw(figure, face, policy=policy, by=by, groups=groups, late_hours=late_hours, path=path)


def _draw(
    figure: Any,
    face: ChartFont,
    *,
    policy: str,
    by: Sequence[str],
    groups: Sequence[tuple[tuple[str, ...], str, Decimal | None]],
    late_hours: Sequence[float],
    path: Path,
) -> Path:
    fig = figure(figsize=(11, 4.2), layout="constrained")
    left, right = fig.subplots(1, 2)
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
        left.legend(loc="lower left", prop={"size": 7})
    late = list(late_hours)
    right.hist(late, bins=min(max(len(late) // 3, 5), 30), color="#c0504d")
    right.set_xlabel("hours late (due → completed, or now while open)")
    right.set_ylabel("breached cases")
    right.set_title(f"Lateness of {len(late)} breached cases")
    right.grid(alpha=0.3)
    fig.suptitle(f"SLA compliance — {policy}")
    with writing(path), saving(fig, face):
        fig.savefig(path, metadata={"Software": None} if path.suffix.lower() == ".png" else {"Date": None})
    return path
