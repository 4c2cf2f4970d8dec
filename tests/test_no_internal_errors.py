"""What used to end in "internal error" is one clear line with exit 1 (issue 23 item 7), and the
small things of item 8: a chart that leaves the host's matplotlib alone, SERVSTD_DEBUG=0, and
servstd without a command."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

from servstd import _atomic
from servstd.catalog import catalog
from servstd.cli import main
from servstd.errors import FileWriteError, ScoringError
from servstd.scoring import Finding, Inspection, score
from servstd.scoring.inspection_form import save_form
from servstd.sla import SLAPolicy
from servstd.sla.batch import report

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "claims_2026_national_day.csv"
FORM = ROOT / "examples" / "inspections" / "deduction.xlsx"
CS = "property-cs-quality-inspection"
REPORT = ("sla", "report", str(SAMPLE), "--policy", "insurance-claims-sla", "--now", "2026-10-10T00:00+08:00")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with a folder ``adir`` and a text file ``notes.txt``."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "adir").mkdir()
    (tmp_path / "adir.png").mkdir()
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    return tmp_path


LONG = "x" * 300
CASES = [
    (("form", CS, "-o", "missing/x.xlsx"), "cannot write 'missing/x.xlsx': the folder 'missing' does not exist"),
    (("form", CS, "-o", "adir", "--format", "xlsx"), "cannot write 'adir': 'adir' is a folder; give a file name"),
    (("form", CS, "-o", f"{LONG}.csv"), "bytes long; a file name has at most 255"),
    (("calendar", "export", "2026", "2026", "--format", "sql", "-o", "adir"), "'adir' is a folder"),
    (("calendar", "export", "2026", "2026", "--format", "sqlite", "-o", "missing/c.db"), "the folder 'missing' does not exist"),
    (("calendar", "export", "2026", "2026", "--format", "sqlite", "-o", "notes.txt"), "'notes.txt' exists and is not a SQLite database"),
    (("calendar", "export", "2026", "2026", "--format", "duckdb", "-o", "notes.txt"), "'notes.txt' exists and is not a DuckDB database"),
    (("calendar", "export", "2026", "2026", "--format", "duckdb", "-o", f"{LONG}.duckdb"), "a file name has at most 255"),
    (("calendar", "export", "2026", "2026", "--format", "csv", "-o", "notes.txt"), "'notes.txt' exists and is not a folder"),
    (("score", CS, str(FORM), "--annotate", "missing/o.xlsx"), "cannot write 'missing/o.xlsx': the folder 'missing' does not exist"),
    ((*REPORT, "--chart", "missing/c.png"), "cannot write 'missing/c.png': the folder 'missing' does not exist"),
    ((*REPORT, "--chart", "adir.png"), "cannot write 'adir.png': 'adir.png' is a folder"),
]  # fmt: skip


@pytest.mark.parametrize(("argv", "expected"), CASES, ids=[" ".join(a)[:60] for a, _ in CASES])
def test_outputs_that_cannot_be_written(place: Path, argv: tuple[str, ...], expected: str) -> None:
    """An output in a missing folder, a folder in the way, a name over 255 bytes, a file that is no
    database: one line naming the file and the reason, exit 1, never an internal error."""
    code, _, err = run(*argv)
    assert code == 1
    assert expected in err
    assert "internal error" not in err
    assert err.count("servstd:") == 1


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="/dev/full is Linux")
def test_a_full_disk(place: Path) -> None:
    """A full disk (/dev/full) while writing a form: one line, exit 1."""
    code, _, err = run("form", CS, "-o", "/dev/full", "--format", "csv")
    assert (code, err) == (1, "servstd: cannot write '/dev/full': No space left on device\n")


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="/dev/null is POSIX")
def test_dev_null_as_a_parquet_folder(place: Path) -> None:
    """/dev/null as the folder of a Parquet export is named as not a folder."""
    code, _, err = run("calendar", "export", "2026", "2026", "--format", "parquet", "-o", "/dev/null")
    assert code == 1
    assert "'/dev/null' exists and is not a folder" in err


def test_a_read_only_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A data folder servstd may not write (permission denied, as for a read-only folder): notice
    add names the file it cannot write, exit 1."""
    monkeypatch.setenv("SERVSTD_DATA_DIR", str(tmp_path / "data"))

    def denied(path: object, *args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(_atomic.os, "open", denied)
    code, _, err = run("notice", "add", str(ROOT / "examples" / "notices" / "2027-sample.txt"))
    assert code == 1
    assert (
        err
        == f"servstd: cannot write '{tmp_path / 'data' / 'notices' / '.servstd.lock'}': Permission denied\n"
    )


def test_a_data_folder_that_is_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SERVSTD_DATA_DIR naming a file: notice add says it cannot write there, exit 1."""
    data = tmp_path / "data"
    data.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("SERVSTD_DATA_DIR", str(data))
    code, _, err = run("notice", "add", str(ROOT / "examples" / "notices" / "2027-sample.txt"))
    assert code == 1
    assert f"cannot write '{data / 'notices' / '.servstd.lock'}'" in err


def test_the_library_raises_file_write_errors(tmp_path: Path) -> None:
    """save_form into a missing folder is a FileWriteError (also an OSError), before any work."""
    with pytest.raises(FileWriteError, match="does not exist") as info:
        save_form(catalog().standard(CS), tmp_path / "missing" / "f.csv")
    assert isinstance(info.value, OSError)


def test_counts_past_what_a_score_can_hold(tmp_path: Path) -> None:
    """A count of 10^28 (a typing slip) is refused naming the field, in YAML and in Python."""
    path = tmp_path / "big.yaml"
    path.write_text(f"standard: {CS}\nfindings:\n  - item: CS13\n    count: {10**28}\n", encoding="utf-8")
    code, _, err = run("score", CS, str(path))
    assert code == 1
    assert "findings[0].count" in err
    with pytest.raises(ScoringError, match="at most 1,000,000,000"):
        Finding("CS13", 10**28)
    assert (
        score(catalog().standard(CS), Inspection(CS, findings=[Finding("CS13", 10**9)])).total == 75
    )  # its part's 25 points


class TestMiscellany:
    def test_a_chart_leaves_the_hosts_matplotlib_alone(self, tmp_path: Path) -> None:
        """ComplianceReport.chart draws on a private Figure: the backend and rcParams are unchanged."""
        matplotlib = pytest.importorskip("matplotlib")
        matplotlib.use("pdf")
        before = dict(matplotlib.rcParams)
        rep = report(SLAPolicy.from_catalog("insurance-claims-sla"), SAMPLE, now=_now(), by=["tier"])
        path = rep.chart(tmp_path / "c.png")
        assert path.read_bytes().startswith(b"\x89PNG")
        assert matplotlib.get_backend() == "pdf"
        assert dict(matplotlib.rcParams) == before
        assert "matplotlib.pyplot" not in sys.modules or not sys.modules["matplotlib.pyplot"].get_fignums()

    @pytest.mark.parametrize("value", ["0", "false", "no", "off", ""])
    def test_servstd_debug_off(self, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
        """SERVSTD_DEBUG=0 (or false, no, off, empty) keeps the one-line internal error."""
        monkeypatch.setenv("SERVSTD_DEBUG", value)
        monkeypatch.setattr("servstd.cli._run", _boom)
        code, _, err = run("workday", "2026-10-09")
        assert code == 1
        assert err.startswith("servstd: internal error: RuntimeError: boom")

    def test_no_command(self) -> None:
        """servstd with no command: the help, one error line naming the commands (with --json the
        error as JSON instead of the help), exit 2."""
        code, out, err = run()
        assert code == 2
        assert out.startswith("usage: servstd")
        assert err.startswith("servstd: no command given; one of: calendar, catalog, complaint, deadline")
        code, out, _ = run("--json")
        assert code == 2
        assert json.loads(out)["error"]["type"] == "UsageError"


def _boom(*_: object) -> int:
    raise RuntimeError("boom")


def _now() -> object:
    import pandas as pd  # noqa: PLC0415 - pandas only where a report runs

    return pd.Timestamp("2026-10-10", tz="Asia/Shanghai")
