"""Many inspections at once: per site, per month — count, mean, min, max, trend, grades, items most deducted.

>>> from servstd.catalog import catalog
>>> from servstd.scoring import Finding, Inspection, score
>>> from servstd.scoring.aggregation import aggregate
>>> import datetime as dt
>>> std = catalog().standard("property-cs-quality-inspection")
>>> rs = [score(std, Inspection(std.id, site="A", date=dt.date(2026, 3, d), findings=[Finding("CS13", d)])) for d in (2, 9, 16)]
>>> row = aggregate(rs, by=("site", "month"))[0]
>>> row.key, row.count, row.mean, row.min, row.trend
(('A', '2026-03'), 3, Decimal('91.00'), Decimal('84.00'), Decimal('-14.00'))
>>> row.grades, row.deducted
((('优秀', 2), ('良好', 1)), (('CS13', 3),))

:func:`read_inspections` reads a folder of inspections (YAML, JSON, filled xlsx or csv forms) or
one workbook with a form per sheet; :func:`score_inspections` scores them, each inspection once;
:func:`aggregate_table` prints the rows; :func:`chart` draws each site's score over the months
(matplotlib, ``pip install 'servstd[charts]'``).

One inspection is one standard, site, date and inspector. A folder may hold it twice — its YAML
and the xlsx form it was typed into, as ``examples/inspections/`` does: :func:`score_inspections`
counts it once, with a :class:`~servstd.errors.DuplicateInspectionWarning` naming both files,
when the two record the same findings (the same deductions, criteria values and total), and
refuses the folder with a :class:`~servstd.errors.ScoringError` naming both files when they
differ (which one is right cannot be told). An inspection without a date is not identified, so
never merged.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal
from os import PathLike
from pathlib import Path
from typing import Any

import attrs

from servstd._atomic import output_file, writing
from servstd._chart_font import chart_font, saving, styled
from servstd._decimal import exact
from servstd._deprecation import renamed
from servstd._extras import require
from servstd.errors import (
    DocumentError,
    DuplicateInspectionWarning,
    InputTypeError,
    InputValueError,
    Problem,
    ScoringError,
)
from servstd.scoring._columns import fit, table
from servstd.scoring.inspection import Inspection, inspection_from_data, read_inspection
from servstd.scoring.report import ScoreReport
from servstd.scoring.scorer import score
from servstd.scoring.sheet import SHEET_SUFFIXES, read_sheets
from servstd.standards.standard import Standard

__all__ = [
    "AggregateRow",
    "LoadedInspection",
    "aggregate",
    "aggregate_table",
    "chart",
    "load_inspections",
    "read_inspections",
    "score_inspections",
]

_KEYS = ("site", "month", "standard", "inspector", "grade", "year")
DOCUMENT_SUFFIXES = (".yaml", ".yml", ".json")


@attrs.frozen
class AggregateRow:
    """Statistics of one group of reports. ``trend`` is the last total minus the first, by date.

    ``grades`` counts reports per grade (best first); ``deducted`` counts, per item, the reports
    that have a finding on it (most often first).
    """

    key: tuple[str, ...]
    count: int
    mean: Decimal
    min: Decimal
    max: Decimal
    trend: Decimal
    grades: tuple[tuple[str, int], ...] = ()
    deducted: tuple[tuple[str, int], ...] = ()


def _key(r: ScoreReport, by: Sequence[str]) -> tuple[str, ...]:
    parts = []
    for k in by:
        if k == "month":
            parts.append(r.date[:7])
        elif k == "year":
            parts.append(r.date[:4])
        else:
            parts.append(str(getattr(r, k) or ""))
    return tuple(parts)


def _grades(reports: Sequence[ScoreReport]) -> tuple[tuple[str, int], ...]:
    """Reports per grade, the best grade first (grades ordered by the totals that earned them)."""
    best: dict[str, Decimal] = {}
    counts: Counter[str] = Counter()
    for r in reports:
        if r.grade is not None:
            counts[r.grade] += 1
            best[r.grade] = max(best.get(r.grade, r.total), r.total)
    return tuple((g, counts[g]) for g in sorted(counts, key=lambda g: -best[g]))


def _deducted(reports: Sequence[ScoreReport]) -> tuple[tuple[str, int], ...]:
    counts: Counter[str] = Counter()
    for r in reports:
        counts.update({ln.item for ln in r.lines if ln.count > 0 and not ln.bonus})
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


@exact
def aggregate(reports: Iterable[ScoreReport], by: Sequence[str] = ("site", "month")) -> list[AggregateRow]:
    """Group reports by ``by`` (any of site, month, year, standard, inspector, grade; none: one group) and summarise."""
    for k in by:
        if k not in _KEYS:
            raise ScoringError(f"cannot group by {k!r}; accepted: {', '.join(_KEYS)}", k)
    groups: dict[tuple[str, ...], list[ScoreReport]] = {}
    for r in reports:
        groups.setdefault(_key(r, by), []).append(r)
    rows = []
    for key in sorted(groups):
        rs = sorted(groups[key], key=lambda r: r.date)
        totals = [r.total for r in rs]
        rounding = rs[0].rounding
        mean = rounding.apply(sum(totals, Decimal(0)) / len(totals))
        rows.append(
            AggregateRow(
                key,
                len(rs),
                mean,
                min(totals),
                max(totals),
                totals[-1] - totals[0],
                _grades(rs),
                _deducted(rs),
            )
        )
    return rows


def _signed(v: Decimal) -> str:
    return "0.00" if v.is_zero() else f"{v:+}"


@exact
def aggregate_table(
    reports: Sequence[ScoreReport], by: Sequence[str] = ("site", "month"), *, top: int = 3
) -> str:
    """The aggregate as text: a row per group, then the whole set and the items most often deducted.

    >>> from servstd.catalog import catalog
    >>> from servstd.scoring import Finding, Inspection, score
    >>> import datetime as dt
    >>> std = catalog().standard("property-cs-quality-inspection")
    >>> rs = [score(std, Inspection(std.id, site=s, date=dt.date(2026, m, 1), findings=[Finding("CS13", n)]))
    ...       for s, m, n in [("阳光花园", 3, 1), ("阳光花园", 4, 12), ("B区", 3, 2)]]
    >>> print(aggregate_table(rs))
    site      month    count   mean    min    max  trend  grades  most deducted
    B区       2026-03      1  98.00  98.00  98.00   0.00  优秀 1  CS13 ×1
    阳光花园  2026-03      1  99.00  99.00  99.00   0.00  优秀 1  CS13 ×1
    阳光花园  2026-04      1  88.00  88.00  88.00   0.00  良好 1  CS13 ×1
    <BLANKLINE>
    3 inspections: mean 95.00, min 88.00, max 99.00; 优秀 2, 良好 1
    Most often deducted:
      CS13  客服主管每天到至少到项目巡查一次,有巡查日志  3 of 3
    """
    if not reports:
        raise ScoringError("no inspections to aggregate")
    rows = aggregate(reports, by)
    titles: dict[str, str] = {}
    for r in reports:
        for ln in r.lines:
            titles.setdefault(ln.item, ln.text)
    body = [
        (
            *(k or "—" for k in row.key),
            str(row.count),
            str(row.mean),
            str(row.min),
            str(row.max),
            _signed(row.trend),
            " ".join(f"{g} {n}" for g, n in row.grades),
            ", ".join(f"{code} ×{n}" for code, n in row.deducted[:top]),
        )
        for row in rows
    ]
    head = (*by, "count", "mean", "min", "max", "trend", "grades", "most deducted")
    numeric = (*(False for _ in by), True, True, True, True, True, False, False)
    out = table(head, body, numeric)
    whole = aggregate(reports, ())[0]
    grades = ", ".join(f"{g} {n}" for g, n in whole.grades)
    out += [
        "",
        f"{whole.count} inspections: mean {whole.mean}, min {whole.min}, max {whole.max}"
        + (f"; {grades}" if grades else ""),
    ]
    if whole.deducted:
        out.append("Most often deducted:")
        out += table(
            ("", "", ""),
            [
                (code, fit(titles.get(code, ""), 48).rstrip(), f"{n} of {whole.count}")
                for code, n in whole.deducted[: top * 2]
            ],
            (False, False, True),
            indent="  ",
        )[1:]
    return "\n".join(line.rstrip() for line in out)


# -- reading many ------------------------------------------------------------------------------


@attrs.frozen
class LoadedInspection:
    """An inspection and where it came from (file, and sheet for a workbook)."""

    source: str
    sheet: str
    inspection: Inspection


@exact
def read_inspections(path: str | PathLike[str], standard: Standard | None = None) -> list[LoadedInspection]:
    """Every inspection in a folder (YAML, JSON, xlsx, csv; sorted by name; other files skipped) or in one file.

    A workbook gives one inspection per form sheet. Problems in every file are one DocumentError.
    """
    if not isinstance(path, (str, PathLike)):
        raise InputTypeError(path, "path", "a folder or file path (str or pathlib.Path)")
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.iterdir() if f.suffix.lower() in (*DOCUMENT_SUFFIXES, *SHEET_SUFFIXES))
        if not files:
            raise DocumentError(
                str(p), [Problem("", "no inspection files (.yaml, .json, .xlsx, .csv) in the folder")]
            )
    else:
        files = [p]
    out: list[LoadedInspection] = []
    problems: list[Problem] = []
    for f in files:
        found, bad = _load_file(f, standard)
        if bad is not None and len(files) == 1:
            raise bad
        out += found
        if bad is not None:
            problems += [
                Problem(f"{f.name}: {pr.path}" if pr.path else f.name, pr.message) for pr in bad.problems
            ]
    if problems:
        raise DocumentError(str(p), problems)
    return out


load_inspections = renamed(
    read_inspections, "servstd.scoring.load_inspections", "servstd.scoring.read_inspections"
)


def _where(item: LoadedInspection) -> str:
    return item.source + (f" [{item.sheet}]" if item.sheet else "")


def _record(r: ScoreReport) -> tuple[object, ...]:
    """What a report says of its inspection: the total, each deduction and each criterion's value."""
    return (
        r.total_exact,
        tuple(sorted((ln.item, ln.count) for ln in r.lines if ln.count)),
        tuple((c.code, c.value) for c in r.criteria),
    )


def score_inspections(standard: Standard, loaded: Sequence[LoadedInspection]) -> list[ScoreReport]:
    """Score each inspection once (see the module documentation for copies of one inspection).

    A scoring error names the file (and sheet) it came from.

    >>> import datetime as dt, warnings
    >>> from servstd.catalog import catalog
    >>> from servstd.scoring import Finding, Inspection
    >>> std = catalog().standard("property-cs-quality-inspection")
    >>> one = Inspection(std.id, site="阳光花园", inspector="李明", date=dt.date(2026, 3, 9), findings=[Finding("CS20", 3)])
    >>> copies = [LoadedInspection("检查.xlsx", "form", one), LoadedInspection("检查.yaml", "", one)]
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     reports = score_inspections(std, copies)
    >>> len(reports), str(caught[0].message).split(" (")[0]
    (1, '检查.xlsx [form] and 检查.yaml record one inspection')
    """
    reports: list[ScoreReport] = []
    first: dict[tuple[object, ...], tuple[LoadedInspection, ScoreReport]] = {}
    for item in loaded:
        try:
            report = score(standard, item.inspection)
        except ScoringError as exc:
            raise ScoringError(f"{_where(item)}: {exc}", exc.value) from exc
        ins = item.inspection
        if ins.date is None:
            reports.append(report)
            continue
        key = (ins.standard, ins.site, ins.date, ins.inspector)
        what = f"{ins.standard}, {ins.site or '—'}, {ins.date.isoformat()}, {ins.inspector or '—'}"
        if key not in first:
            first[key] = (item, report)
            reports.append(report)
            continue
        kept, kept_report = first[key]
        if _record(kept_report) != _record(report):
            raise ScoringError(
                f"{_where(kept)} and {_where(item)} record one inspection ({what}) differently "
                f"(totals {kept_report.total} and {report.total}): keep the right one and move the other "
                "out of the folder",
                (kept.source, item.source),
            )
        warnings.warn(
            f"{_where(kept)} and {_where(item)} record one inspection ({what}) alike; it is counted once",
            DuplicateInspectionWarning,
            stacklevel=2,
        )
    return reports


def _load_file(f: Path, standard: Standard | None) -> tuple[list[LoadedInspection], DocumentError | None]:
    """The inspections in one file, or the error that names its problems."""
    try:
        if f.suffix.lower() in SHEET_SUFFIXES:
            sheets = read_sheets(f, standard)
            return [
                LoadedInspection(s.source, s.sheet, inspection_from_data(s.data, s.source)) for s in sheets
            ], None
        return [LoadedInspection(str(f), "", read_inspection(f))], None
    except DocumentError as exc:
        return [], exc


# -- charts ------------------------------------------------------------------------------------


def _matplotlib() -> Any:
    require("charts", "charts")
    import matplotlib  # noqa: PLC0415 - optional: servstd[charts]

    return matplotlib


@exact
def chart(
    reports: Sequence[ScoreReport], path: str | Path, *, title: str = "", font: str | Path | None = None
) -> Path:
    """Draw each site's mean score per month (one line per site) to ``path`` (``.png`` or ``.svg``).

    Labels are drawn with ``font`` (an installed family name or a font file), else an installed
    font with Chinese characters, else the subset of Noto Sans CJK SC shipped with servstd; a
    character no font has is named in a :class:`~servstd.errors.ServstdWarning`. An SVG keeps its
    text as text.
    """
    target = Path(path)
    if target.suffix.lower() not in (".png", ".svg"):
        raise InputValueError(target.name, "path", (".png", ".svg"))
    output_file(target)
    if not reports:
        raise ScoringError("no inspections to chart")
    _matplotlib()
    from matplotlib.figure import Figure  # noqa: PLC0415 - optional: servstd[charts]
    from matplotlib.ticker import MaxNLocator  # noqa: PLC0415 - optional: servstd[charts]

    rows = aggregate(reports, ("site", "month"))
    months = sorted({row.key[1] for row in rows if row.key[1]})
    sites = sorted({row.key[0] for row in rows})
    text = title or reports[0].title
    face = chart_font(font)
    with styled(face):
        fig = Figure(figsize=(max(7.0, 0.8 * len(months) + 4), 4.5), dpi=120)
        ax = fig.add_subplot()
        for site in sites:
            points = {row.key[1]: row.mean for row in rows if row.key[0] == site}
            xs = [i for i, m in enumerate(months) if m in points]
            ys = [float(points[months[i]]) for i in xs]
            ax.plot(xs, ys, marker="o", label=site or "—")
        ax.set_xticks(range(len(months)), months, rotation=45 if len(months) > 6 else 0)
        top = float(max(r.max_points for r in reports))
        low = min(float(row.min) for row in rows)
        ax.set_ylim(max(0.0, (low // 10) * 10 - 5), top + top * 0.02)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel("month")
        ax.set_ylabel("mean score")
        ax.set_title(text)
        ax.grid(True, alpha=0.3)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small", title="site")
        fig.tight_layout()
        fmt = target.suffix.lower()[1:]
        with writing(target), saving(fig, face):
            fig.savefig(target, format=fmt, metadata={"Software": None} if fmt == "png" else {"Date": None})
    return target
