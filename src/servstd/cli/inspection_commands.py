"""The inspection subcommands: ``form`` (a form to print or fill in) and ``score`` (one inspection, or many).

``servstd score STANDARD FILE`` reads an inspection YAML/JSON or a filled xlsx/csv form;
``--aggregate`` scores every inspection in a folder or every form sheet of a workbook and prints
the aggregate by ``--by`` (site, month…), with ``--chart`` drawing each site's score per month.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path

from servstd.catalog import catalog
from servstd.cli._common import BOM, MissingFileError, UsageError, existing_file, out
from servstd.errors import ServstdWarning
from servstd.scoring import read_inspection, score
from servstd.scoring.aggregation import aggregate, aggregate_table, chart, read_inspections, score_inspections
from servstd.scoring.inspection_form import FORMATS, SUFFIXES, form, save_form
from servstd.scoring.sheet import annotate
from servstd.standards import Standard, read_standard

__all__ = ["cmd_form", "cmd_score"]

_DOCUMENT_SUFFIXES = (".yaml", ".yml", ".json", ".toml")


def standard_ref(ref: str) -> Standard:
    """A standard named by catalog id or by file; an unknown id is an error listing the known ones."""
    if ref not in catalog().ids() and (Path(ref).suffix.lower() in _DOCUMENT_SUFFIXES or Path(ref).exists()):
        return read_standard(existing_file(ref, "standard"))
    return catalog().standard(ref)


def cmd_form(args: argparse.Namespace) -> int:
    """The form on stdout (Markdown, or JSON with --json) or in a file (-o, its format from the suffix).

    With -o, --json makes the line that reports the file a JSON object; the file keeps its format.
    """
    std = standard_ref(args.standard)
    if args.output:
        fmt = args.format or SUFFIXES.get(Path(args.output).suffix.lower())
        if fmt is None:
            raise UsageError(f"cannot tell the format from {args.output!r}; add --format {'|'.join(FORMATS)}")
        path = save_form(std, args.output, fmt, bom=not args.no_bom)
        done = {"file": str(path), "format": fmt, "standard": std.id, "version": std.version}
        out(args, done, f"{path}: {fmt} form of {std.title} ({std.id} v{std.version})")
        return 0
    if args.json and args.format not in (None, "json"):
        raise UsageError(f"--json and --format {args.format} disagree; give one of them")
    fmt = "json" if args.json else args.format or "markdown"
    if fmt == "xlsx":
        raise UsageError("an xlsx form is a file: add -o FORM.xlsx")
    text = form(std, fmt)
    assert isinstance(text, str)
    if fmt == "csv" and not args.no_bom:
        text = BOM + text  # a redirected form opens in Excel with its Chinese intact
    args.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def _by(text: str) -> tuple[str, ...]:
    return tuple(k.strip() for k in text.split(",") if k.strip())


def cmd_score(args: argparse.Namespace) -> int:
    std = standard_ref(args.standard)
    if args.json and args.format not in ("text", "json"):
        raise UsageError(f"--json and --format {args.format} disagree; give one of them")
    path = Path(args.inspection)
    if not path.exists():
        raise MissingFileError(args.inspection, "inspection")
    if args.aggregate or args.chart:
        return _aggregate(args, std, path)
    if path.is_dir():
        raise UsageError(f"{args.inspection!r} is a folder: add --aggregate to score every inspection in it")
    if args.annotate and path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise UsageError("--annotate copies a filled xlsx form; the inspection is not an .xlsx file")
    report = score(std, read_inspection(path, std))
    if args.annotate:
        annotate(path, report, args.annotate)
    if args.json:
        args.stdout.write(report.to_json() + "\n")
    else:
        args.stdout.write(report.render(args.format).rstrip("\n") + "\n")
    return 0


def _aggregate(args: argparse.Namespace, std: Standard, path: Path) -> int:
    by = _by(args.by)
    loaded = read_inspections(path, std)
    reports = score_inspections(std, loaded)
    rows = aggregate(reports, by)
    if args.json:
        data = {
            "standard": std.id,
            "by": list(by),
            "inspections": len(reports),
            "rows": [
                {
                    "key": dict(zip(by, row.key, strict=True)),
                    "count": row.count,
                    "mean": str(row.mean),
                    "min": str(row.min),
                    "max": str(row.max),
                    "trend": str(row.trend),
                    "grades": dict(row.grades),
                    "deducted": dict(row.deducted),
                }
                for row in rows
            ],
        }
        args.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        head = f"{len(reports)} inspections of {std.title} ({std.id} v{std.version}), by {', '.join(by) or 'nothing'}"
        args.stdout.write(head + "\n\n" + aggregate_table(reports, by) + "\n")
    if args.chart:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ServstdWarning)
            target = chart(reports, args.chart, font=args.font)
        for w in caught:
            sys.stderr.write(f"servstd: warning: {w.message}\n")
        if not args.json:
            args.stdout.write(f"\nchart: {target}\n")
    return 0
