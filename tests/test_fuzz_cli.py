"""Fuzz the servstd command: random argument lists for every subcommand, built from a grammar of
valid and broken pieces (instants, durations, zones, hours, regions, flags, files in GBK, UTF-16,
broken YAML, binary), must always end in exit 0, 1 or 2 with no traceback and no internal error.

The contract checked on every run (see ``servstd.cli``):

* exit status 0, 1 (bad input) or 2 (bad usage); never an exception out of ``main``;
* no ``Traceback`` and no ``internal error`` on stderr;
* a failure says so on stderr, its first line ``servstd: …`` (after argparse's ``usage:`` line);
* with ``--json``, stdout is JSON: the answer, or ``{"error": {...}}`` on failure;
* success writes nothing on stderr but ``warning: …`` lines.

Run against the command as it was before this work (commit 14d2f70; 4,000 examples, counting
only exceptions that escaped ``main``), the grammar found 12 distinct failures (by exception type
and place), from 7 causes: documents, notices and overlays read as UTF-8 only (GBK, UTF-16 and
binary files: UnicodeDecodeError, 5 places); ``calendar 0`` / ``-1`` / ``99999`` (ValueError); an
offset of ``+25:00`` and an instant in year 1 (ValueError from the clock); a 60-character ``--tz``
(OSError: file name too long); ``999999999日`` (OverflowError). On the new command it then found
two more OverflowErrors in the duration arithmetic (``99999999999999999999小时``), now reported
as bad input.
"""

from __future__ import annotations

import fcntl
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from servstd.cli import main
from servstd.errors import CODES

# Under the CI profile (500 examples) the argv fuzzer runs 2,000; under dev, 400.
EXAMPLES = settings().max_examples * 4

VALID_INSTANTS = [
    "2026-09-30 16:00", "2026-09-30T16:00+08:00", "2026-09-30T08:00Z", "2026/9/30 16:00",
    "2026年9月30日 16:00", "2026年9月30日16时30分", "2026-09-30 24:00", "2026-10-08T09:00:00.123456",
    "2026-03-09 17:30", "2026-02-14 10:00 +0800",
]  # fmt: skip
BROKEN_INSTANTS = [
    "10/09/2026", "13/09/2026 16:00", "2026-09-30 16:00-2026", "2026-09-30 16:00+25:00",
    "2026-09-30 16:00:00." + "0" * 16000, "yesterday", "", " ", "2026-02-30 10:00", "0000-01-01 00:00",
    "0001-01-01 00:30", "9999-12-31 23:00", "9999-12-31 24:00", "2026-09-30", "2026-03-08 02:30",
    "2026-11-01 01:30", "2026-09-30T16:00:00.1234567", "2030-09-30 16:00", "1900-01-01 00:00",
    "2026-09-30 16:00+08:00:30", "2026-09-30 16:00+14:59", "２０２６-０９-３０ １６：００", "\x00", "-1",
]  # fmt: skip
VALID_DURATIONS = [
    "3个工作日",
    "48小时",
    "2日",
    "当天",
    "次日",
    "次工作日",
    "4 business hours",
    "半个工作日",
    "1个月",
]
BROKEN_DURATIONS = [
    "-3天", "−3天", "0日", "3天天", "9" * 5000 + "个工作日", "九九九天", "十十十天", "999999999日",
    "99999999999999999999小时", "", "1e9 days", "NaN days", "-0天",
]  # fmt: skip
ZONES = [
    "Asia/Shanghai",
    "UTC",
    "America/New_York",
    "Europe/Berlin",
    "Asia",
    "Mars/Base",
    "",
    "../etc/passwd",
    "x" * 300,
]
HOURS = [
    "09:00-17:00",
    "24h",
    "09:00-12:00,13:30-18:00",
    "22:00-06:00",
    "9-5",
    "25:00-26:00",
    "",
    "00:00-24:00",
]
REGIONS = ["CN", "HK", "MO", "TW", "weekdays", "always", "7x24", "XX", "cn", ""]
YEARS = ["2026", "2001", "0", "99999", "-1", "abc", "1", "9999", "2027", "1e3"]
MONTHS = ["1", "10", "12", "0", "13", "x", "-1"]
CATALOG_IDS = ["property-complaints", "cs-kpi-assessment", "hotel-service-quality-inspection", "nope", ""]
TIERS = ["重大", "重要", "轻微", "major", "nosuch"]
CATEGORIES = ["服务态度", "产品质量", "其他", "nosuch"]
FREE = st.text(max_size=12)

FILES = {
    "good-inspection.yaml": (
        "standard: property-cs-quality-inspection\nsite: 阳光花园\nfindings:\n  - {item: CS20, count: 3}\n"
    ).encode(),
    "gbk.yaml": "id: x\ntitle: 标准\n".encode("gbk"),
    "gbk-inspection.yaml": "standard: property-cs-quality-inspection\nsite: 阳光花园\nfindings: []\n".encode(
        "gbk"
    ),
    "utf16.yaml": "id: x\ntitle: 标准\n".encode("utf-16"),
    "broken.yaml": b"id: [x\n",
    "tab.yaml": b"id:\tx\n\t- y\n",
    "binary.yaml": bytes(range(256)),
    "empty.yaml": b"",
    "list.yaml": b"- 1\n- 2\n",
    "policy.yaml": b"kind: complaint-policy\nid: p\ntitle: t\ntiers: []\n",
    "notice.txt": "国务院办公厅关于2026年部分节假日安排的通知\n一、国庆节：10月1日至7日放假调休，共7天。10月10日（周六）上班。\n".encode(),
    "notice-gbk.txt": "国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日放假。\n".encode("gbk"),
    "overlay.yaml": "rest_days:\n  - {date: 2026-10-09, name: 园区停电}\n".encode(),
    "bad-overlay.yaml": b"rest_days: [{date: 2026-02-30}]\n",
}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("fuzz-cli")
    paths = {}
    for name, data in FILES.items():
        (root / name).write_bytes(data)
        paths[name] = str(root / name)
    paths["missing.yaml"] = str(root / "missing.yaml")
    paths["a-directory.yaml"] = str(root)
    return paths


def _pick(valid: list[str], broken: list[str] | None = None) -> st.SearchStrategy[str]:
    """Mostly valid pieces, often broken ones, sometimes any text."""
    options = [st.sampled_from(valid)]
    if broken:
        options.append(st.sampled_from(broken))
    return st.one_of(*options, FREE)


instant_piece = _pick(VALID_INSTANTS, BROKEN_INSTANTS)
duration_piece = _pick(VALID_DURATIONS, BROKEN_DURATIONS)


@st.composite
def options(draw: st.DrawFn, table: dict[str, st.SearchStrategy[str] | None]) -> list[str]:
    """Some of ``table``'s options (a None strategy is a flag), in any order, sometimes repeated."""
    names = draw(st.lists(st.sampled_from(sorted(table)), max_size=4))
    argv: list[str] = []
    for name in names:
        argv.append(name)
        value = table[name]
        if value is not None and draw(st.integers(0, 9)) > 0:  # sometimes the value is missing
            argv.append(draw(value))
    return argv


def _clock_table(file_piece: st.SearchStrategy[str]) -> dict[str, st.SearchStrategy[str] | None]:
    return {
        "--region": _pick(REGIONS), "--hours": _pick(HOURS), "--tz": _pick(ZONES), "--lenient": None,
        "--notice": file_piece, "--overlay": file_piece, "--json": None,
    }  # fmt: skip


@st.composite
def argvs(draw: st.DrawFn, files: dict[str, str]) -> list[str]:
    """One command line: a subcommand, its positionals (valid, broken, missing or extra), options."""
    file_piece = st.one_of(st.sampled_from(sorted(files.values())), FREE)
    clock = _clock_table(file_piece)
    region_only = {k: v for k, v in clock.items() if k not in ("--hours", "--tz")}
    grammar: dict[str, tuple[list[st.SearchStrategy[str]], dict[str, st.SearchStrategy[str] | None]]] = {
        "deadline": (
            [instant_piece, duration_piece],
            {
                **clock,
                "--end-of-day": _pick(["close", "midnight"]),
                "--cutoff": _pick(["17:00", "5pm", "24:00", "17"]),
                "--count-start-day": None,
                "--lang": _pick(["zh", "en"]),
            },
        ),
        "elapsed": ([instant_piece, instant_piece], clock),
        "workday": (
            [_pick(["2026-02-14", "2026/10/1", "2026年10月10日"], ["10/09/2026", "2026-02-30"])],
            region_only,
        ),
        "calendar": (
            [_pick(YEARS)],
            {**region_only, "--month": _pick(MONTHS), "--color": _pick(["auto", "always", "never"])},
        ),
        "score": (
            [_pick(["property-cs-quality-inspection", "nope"], sorted(files.values())), file_piece],
            {"--format": _pick(["text", "json", "markdown"]), "--json": None},
        ),
        "catalog": (
            [_pick(["list", "show", "export"]), _pick(CATALOG_IDS, ["standard", "sla-policy", "nosuch"])],
            {"--format": _pick(["yaml", "json", "toml"]), "--json": None},
        ),
        "validate": ([file_piece], {"--json": None}),
        "schema": ([_pick(["standard", "inspection", "policy", "complaint-policy"])], {"--json": None}),
        "complaint": (
            [st.just("timeline")],
            {
                "--policy": _pick(["property-complaints", "complaint-types"], sorted(files.values())),
                "--tier": _pick(TIERS),
                "--category": _pick(CATEGORIES),
                "--received": instant_piece,
                "--customer-deadline": instant_piece,
                "--now": instant_piece,
                "--tz": _pick(ZONES),
                "--lang": _pick(["zh", "en"]),
                "--explain": None,
                "--json": None,
            },
        ),
    }
    command = draw(st.sampled_from(sorted(grammar)))
    positionals, table = grammar[command]
    args = [draw(p) for p in positionals]
    shape = draw(st.integers(0, 9))
    if shape == 0 and args:
        args.pop()  # a missing argument
    elif shape == 1:
        args.append(draw(FREE))  # an extra one
    opts = draw(options(table))
    if command == "complaint" and draw(st.integers(0, 4)) > 0:
        opts += ["--received", draw(instant_piece), "--tier", draw(_pick(TIERS))]
    argv = [command, *args, *opts] if draw(st.booleans()) else [command, *opts, *args]
    if draw(st.integers(0, 5)) == 0:
        argv.insert(0, "--json")  # before the subcommand
    if draw(st.integers(0, 9)) == 0:
        argv.insert(draw(st.integers(0, len(argv))), "--")
    return argv


def check_contract(argv: list[str]) -> tuple[int, str, str]:
    """Run ``argv`` in-process and assert the command's contract on what comes out."""
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    stdout, stderr = out.getvalue(), err.getvalue()
    assert code in (0, 1, 2), (argv, code, stderr)
    assert "Traceback" not in stderr, (argv, stderr)
    assert "internal error" not in stderr, (argv, stderr)
    lines = [ln for ln in stderr.splitlines() if ln and not ln.startswith("warning: ")]
    if code == 0:
        assert lines == [], (argv, stderr)
    elif code == 2 and not lines:
        assert "usage:" in stdout, (argv, stdout)  # a bare `servstd` prints the help
    elif "validate" in argv and code == 1 and not lines:
        assert stdout, argv  # validate's report of the problems is its output
    else:
        assert lines, (argv, code)
        assert lines[0].startswith("servstd: "), (argv, stderr)
    json_asked = "--json" in (argv[: argv.index("--")] if "--" in argv else argv)
    if json_asked and stdout and "usage:" not in stdout and not any(a in ("-h", "--help") for a in argv):
        data = json.loads(stdout) if stdout.lstrip().startswith(("{", "[")) else None
        if code != 0 and data is not None and "error" in data:
            assert set(data["error"]) == {"type", "code", "message", "problems"}, data
            assert data["error"]["code"] is None or data["error"]["code"] in CODES, data
    return code, stdout, stderr


@settings(max_examples=EXAMPLES, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_cli_contract(files: dict[str, str], data: st.DataObject) -> None:
    """Any command line built from the grammar ends in exit 0/1/2, one clear message, no traceback."""
    check_contract(data.draw(argvs(files)))


@pytest.mark.parametrize(
    "argv",
    [
        ["deadline", "2026-09-30 16:00", "9" * 5000 + "个工作日"],
        ["deadline", "2026-09-30 16:00+25:00", "1天"],
        ["calendar", "0"],
        ["calendar", "99999"],
        ["deadline", "2026-09-30 16:00-2026", "3个工作日"],
        ["deadline", "10/09/2026 16:00", "1天"],
        ["deadline", "2026-09-30 16:00:00." + "0" * 16000, "1天"],
        ["deadline", "2026-09-30 16:00", "1天", "--tz", "Asia"],
        ["deadline", "2026-09-30 16:00", "-3天"],
        ["deadline", "2026-09-30 16:00", "--", "-3天"],
    ],
)
def test_issue_cases_keep_the_contract(argv: list[str]) -> None:
    """Each input the issue observed crashing or misread now exits 1 with one servstd line."""
    code, stdout, stderr = check_contract(argv)
    assert (code, stdout) == (1, "")
    assert len(stderr.splitlines()) == 1
    assert stderr.startswith("servstd: ")


# -- the real process: python -m servstd ---------------------------------------------------------


def _process(
    argv: list[str], *, env: dict[str, str] | None = None, **kwargs: object
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "servstd", *argv],
        capture_output=kwargs.pop("capture_output", True),
        env={**os.environ, **(env or {})},
        check=False,
        timeout=60,
        **kwargs,
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["deadline", "2026-09-30 16:00", "-3天"],
        ["calendar", "0", "--json"],
        ["--json", "workday", "2026-10-10"],
        ["deadline", "2026-09-30 16:00", "1天", "--tz", "Asia"],
        ["catalog", "list", "nosuch"],
    ],
)
def test_python_dash_m_keeps_the_contract(argv: list[str]) -> None:
    """`python -m servstd` gives the same exit status and no traceback."""
    done = _process(argv)
    stderr = done.stderr.decode("utf-8")
    assert done.returncode in (0, 1, 2)
    assert "Traceback" not in stderr
    expected, _, _ = check_contract(argv)
    assert done.returncode == expected


class TestOutputThatCannotBeWritten:
    def test_closed_pipe_is_quiet(self) -> None:
        """`servstd calendar 2026 | head -1`: the reader leaves early; no message, exit 0."""
        read_end, write_end = os.pipe()
        if hasattr(fcntl, "F_SETPIPE_SZ"):  # Linux: a one-page pipe, so the output cannot fit in it
            fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)
        with subprocess.Popen(
            [sys.executable, "-m", "servstd", "calendar", "2026", "--json"],
            stdout=write_end,
            stderr=subprocess.PIPE,
        ) as proc:
            os.close(write_end)
            with os.fdopen(read_end, "rb") as reader:
                assert reader.readline() == b"{\n"
            assert proc.stderr is not None
            stderr = proc.stderr.read().decode("utf-8")
            assert proc.wait(timeout=60) == 0
        assert stderr == ""

    def test_full_disk(self) -> None:
        """`> /dev/full`: one line saying the output could not be written, exit 1."""
        with Path("/dev/full").open("w") as full:
            done = _process(["calendar", "2026"], stdout=full, capture_output=False, stderr=subprocess.PIPE)
        stderr = done.stderr.decode("utf-8")
        assert done.returncode == 1
        assert stderr.splitlines() == ["servstd: cannot write the output: No space left on device"]

    def test_closed_stdout(self) -> None:
        """`>&-`: no stdout at all; one line on stderr, exit 1, no traceback."""
        done = subprocess.run(
            [sys.executable, "-c", "import os, runpy, sys; os.close(1); sys.argv = ['servstd', 'workday', "
             "'2026-10-10']; runpy.run_module('servstd', run_name='__main__')"],
            capture_output=False, stderr=subprocess.PIPE, stdout=None, check=False, timeout=60,
        )  # fmt: skip
        stderr = done.stderr.decode("utf-8")
        assert "Traceback" not in stderr
        assert done.returncode == 1
        assert stderr.startswith("servstd: cannot write the output")

    def test_ascii_encoding(self) -> None:
        """PYTHONIOENCODING=ascii: Chinese is escaped (still valid JSON), never an encoding crash."""
        done = _process(["workday", "2026-10-01", "--json"], env={"PYTHONIOENCODING": "ascii"})
        assert done.returncode == 0
        assert json.loads(done.stdout)["name_zh"] == "国庆节"
        bad = _process(["deadline", "2026-09-30 16:00", "3天天"], env={"PYTHONIOENCODING": "ascii"})
        assert bad.returncode == 1
        assert b"Traceback" not in bad.stderr
        assert bad.stderr.startswith(b"servstd: cannot read duration '3\\u5929\\u5929'")
