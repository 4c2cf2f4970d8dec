"""Type-checked, never run: the chart calls and the font they take (issue 25)."""

from __future__ import annotations

from pathlib import Path

from servstd.scoring import ScoreReport
from servstd.scoring.aggregation import chart
from servstd.sla.batch import ComplianceReport


def chart_api(reports: list[ScoreReport], report: ComplianceReport) -> None:
    by_name: Path = chart(reports, "sites.png", title="各小区月均分", font="Noto Sans CJK SC")
    by_file: Path = chart(reports, Path("sites.svg"), font=Path("字体.ttf"))
    default: Path = report.chart("review.png")
    chosen: Path = report.chart(Path("review.svg"), font="Microsoft YaHei")
