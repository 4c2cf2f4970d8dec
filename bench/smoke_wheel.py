"""Smoke test of the installed wheel, as a user meets it (``nox -s build``).

Run with ``python -I bench/smoke_wheel.py`` by the interpreter of a fresh virtual environment that
holds the wheel and its dependencies and nothing else (no extras, no source tree on ``sys.path``).
It runs the README's first command, imports servstd, computes one deadline and one score, lists the
catalog, and checks that each optional extra declared in the wheel's metadata, when missing, is
named by the message of the feature that needs it. An extra this file has no check for is a failure,
so a new extra cannot ship untested.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import importlib.resources
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

SH = ZoneInfo("Asia/Shanghai")
SERVSTD = Path(sys.executable).with_name("servstd")  # the console script beside the interpreter
STANDARD = "property-cs-quality-inspection"


def cli(*args: str, cwd: Path | None = None, lang: str = "C.UTF-8") -> tuple[int, str]:
    """Exit status and output (stdout and stderr) of the installed ``servstd`` command, run under
    the locale ``lang`` (``LANG``, with no other locale or servstd language variable): English
    unless a Chinese locale is asked for, whatever the machine's own."""
    drop = {"LC_ALL", "LC_MESSAGES", "SERVSTD_LANG"}
    env = {k: v for k, v in os.environ.items() if k not in drop} | {"LANG": lang}
    done = subprocess.run(
        [str(SERVSTD), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        timeout=300,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


def check(condition: bool, what: str) -> None:
    if not condition:
        raise SystemExit(f"smoke test failed: {what}")
    print(f"ok  {what}")


def installed() -> None:
    import servstd

    where = Path(servstd.__file__).resolve()
    check("site-packages" in where.parts, f"servstd is imported from the installed wheel ({where.parent})")
    check(servstd.__version__ == importlib.metadata.version("servstd"), f"servstd {servstd.__version__}")


def readme_first_command() -> None:
    code, out = cli("deadline", "2026-09-30 16:00", "3个工作日", "--lang", "zh")
    check(code == 0 and out.splitlines()[0] == "2026-10-10 18:00 (+08:00)", "README: servstd deadline")
    check("2026-10-10（调休上班日）" in out, "the explanation names the make-up working day")
    code, out = cli("deadline", "2026-09-30 16:00", "3个工作日", "--lang", "en")
    check(code == 0 and "a make-up working day" in out, "and does so in English with --lang en")
    check(
        "收到时间" in cli("deadline", "2026-09-30 16:00", "3个工作日", lang="zh_CN.UTF-8")[1],
        "the command speaks Chinese under a Chinese locale (its catalog is in the wheel)",
    )


def deadline_and_score() -> None:
    import servstd
    from servstd.catalog import catalog

    clock = servstd.ServiceClock.default()
    due = clock.deadline(dt.datetime(2026, 9, 30, 16, tzinfo=SH), "2日").due
    check(due == dt.datetime(2026, 10, 8, 18, tzinfo=SH), "a deadline: 2日 from Sep 30 moves off the holiday")
    std = catalog().get(STANDARD)
    inspection = servstd.Inspection(std.id, findings=[servstd.Finding("CS20", 30)])
    report = servstd.score(std, inspection)
    check(report.total == Decimal("75.00"), "a score: the 25-point part stops at 0 (75.00)")


def catalog_list() -> None:
    code, out = cli("--json", "catalog", "list")
    ids = {row["id"] for row in json.loads(out)} if code == 0 else set()
    data = importlib.resources.files("servstd.catalog") / "data"
    shipped = {p.name.removesuffix(".yaml") for p in data.iterdir() if p.name.endswith(".yaml")}
    check(len(ids) == len(shipped) > 0, f"catalog list: {len(ids)} documents, as shipped")


# -- each extra, missing ---------------------------------------------------------------------------


def _import_batch(_: Path) -> str:
    try:
        from servstd.sla.batch import add  # noqa: F401 - the package loads lazily; a name needs numpy
    except ImportError as exc:
        return str(exc)
    return "servstd.sla.batch.add imported without numpy"


def _cli(*args: str) -> Callable[[Path], str]:
    def run(folder: Path) -> str:
        code, out = cli(*args, cwd=folder)
        return out if code == 1 else f"exit status {code}, expected 1: {out}"

    return run


def _sla_report(folder: Path) -> str:
    (folder / "cases.csv").write_text(
        "case,received_at,zone,category\nC1,2026-09-30 16:00,城区,理赔\n", "utf-8"
    )
    return _cli("sla", "report", "cases.csv", "--policy", "insurance-claims-sla")(folder)


def _chart(folder: Path) -> str:
    (folder / "inspections").mkdir()
    (folder / "inspections" / "a.yaml").write_text(
        f"standard: {STANDARD}\nsite: A\ndate: '2026-09-30'\nfindings:\n- item: CS20\n  count: 1\n", "utf-8"
    )
    return _cli("score", STANDARD, "inspections", "--aggregate", "--chart", "sites.png")(folder)


# extra -> (the modules it brings, which must be absent here; how a user meets its absence)
EXTRAS: dict[str, tuple[tuple[str, ...], Callable[[Path], str]]] = {
    "batch": (("numpy",), _import_batch),
    "toml": (("tomli_w",), _cli("catalog", "show", STANDARD, "--format", "toml")),
    "excel": (("openpyxl",), _cli("form", STANDARD, "-o", "form.xlsx")),
    "sql": (
        ("duckdb",),
        _cli("calendar", "export", "2026", "2026", "--format", "duckdb", "-o", "cal.duckdb"),
    ),
    "parquet": (("pyarrow",), _cli("calendar", "export", "2026", "2026", "--format", "parquet", "-o", "pq")),
    "pandas": (("pandas",), _sla_report),
    "charts": (("matplotlib",), _chart),
}


def extras() -> None:
    declared = set(importlib.metadata.metadata("servstd").get_all("Provides-Extra") or []) - {"all"}
    check(declared == set(EXTRAS), f"every extra has a check here: {sorted(declared)}")
    for extra, (modules, trigger) in EXTRAS.items():
        present = [m for m in modules if importlib.util.find_spec(m) is not None]
        check(not present, f"[{extra}] {', '.join(modules)} not installed")
        with tempfile.TemporaryDirectory() as tmp:
            message = trigger(Path(tmp))
        line = next((x for x in message.splitlines() if f"pip install 'servstd[{extra}]'" in x), None)
        check(line is not None, f"[{extra}] the message names the extra: {line or message}")


def main() -> int:
    installed()
    readme_first_command()
    deadline_and_score()
    catalog_list()
    extras()
    return 0


if __name__ == "__main__":
    sys.exit(main())
