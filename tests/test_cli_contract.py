"""The servstd command's contract: exit codes, --json anywhere and for errors, one-line warnings,
conflicting options, help text, output failures, and the complaint and calendar rendering."""

from __future__ import annotations

import argparse
import errno
import io
import json
import runpy
import shlex
import sys
from pathlib import Path

import pytest

from servstd._documents import parse_text
from servstd.cli import COMMANDS, EXAMPLES, _named_command, _parser, main
from servstd.errors import CalendarCoverageError


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    made = {
        "bad.yaml": b"id: [x\n",
        "gbk.yaml": "id: x\ntitle: 标准\n".encode("gbk"),
        "gbk-inspection.yaml": "standard: property-cs-quality-inspection\nsite: 阳光花园\nfindings:\n  - {item: CS20, count: 30}\n".encode(
            "gbk"
        ),
        "invalid.yaml": b"id: x\ntitle: t\ncolour: red\n",
    }
    paths = {}
    for name, data in made.items():
        (tmp_path / name).write_bytes(data)
        paths[name] = tmp_path / name
    return paths


class TestExitCodes:
    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (("deadline", "yesterday", "1天"), "cannot read the instant 'yesterday' (received)"),
            (("deadline", "2026-09-30 16:00", "1天", "--cutoff", "5pm"), "(--cutoff)"),
            (("deadline", "2026-09-30 16:00", "3天天"), "cannot read duration"),
            (("deadline", "2026-09-30 16:00", "1天", "--tz", "Asia"), "unknown time zone 'Asia' (--tz)"),
            (("deadline", "2026-09-30 16:00", "1天", "--hours", "9-5"), "bad time"),
            (
                ("deadline", "2026-09-30 16:00", "1天", "--region", "XX"),
                "unknown region 'XX' (--region); known: CN, HK, MO, TW, weekdays, always",
            ),
            (("workday", "2026-10-09", "--overlay", "missing.yaml"), "no overlay file 'missing.yaml'"),
            (("workday", "2026-10-09", "--notice", "missing.txt"), "no notice file 'missing.txt'"),
            (("score", "property-cs-quality-inspection", "missing.yaml"), "no inspection file"),
            (("score", "nope", "missing.yaml"), "unknown standard 'nope' (id)"),
            (("validate", "missing.yaml"), "no document file"),
            (("calendar", "0"), "cannot read the year 0"),
            (("calendar", "99999"), "outside 1–9999"),
            (("calendar", "2026", "--month", "13"), "(--month)"),
            (("deadline", "2026-09-30 16:00", "-3天"), "a duration cannot be negative"),
            (("deadline", "2026-09-30 16:00", "--", "-3天"), "a duration cannot be negative"),
            (("deadline", "2026-09-30 16:00", "－三天"), "a duration cannot be negative"),
            (("deadline", "2026-09-30 16:00", "9" * 5000 + "个工作日"), "too long (5,004 characters"),
            (("deadline", "2026-09-30 16:00", "999999999日"), "is not a time limit"),
        ],
    )
    def test_bad_input_is_exit_1_and_one_line(self, argv: tuple[str, ...], message: str) -> None:
        """Anything typed or any file given that cannot be used: exit 1, one `servstd: …` line, no output."""
        code, out, err = run(*argv)
        assert (code, out) == (1, "")
        assert err.count("\n") == 1
        assert err.startswith("servstd: ")
        assert message in err

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (("deadline", "2026-09-30 16:00"), "the following arguments are required: duration"),
            (("deadline", "2026-09-30 16:00", "1天", "--bogus"), "unrecognized arguments: --bogus"),
            (("deadline", "2026-09-30 16:00", "1天", "--lang", "fr"), "invalid choice: 'fr'"),
            (("catalog", "list", "nosuch"), "'catalog list' takes a kind"),
            (("catalog", "show"), "needs an id"),
            (("catalog", "show", "property-complaints", "--json", "--format", "yaml"), "disagree"),
            (("complaint", "timeline", "--received", "2026-09-30 16:00"), "give --tier or --category"),
            (
                ("complaint", "timeline", "--policy", "complaint-types", "--tier", "attitude", "--category", "产品质量",
                 "--received", "2026-09-30 16:00"),
                "--tier attitude and --category 产品质量 disagree: 产品质量 is 产品质量 (quality)",
            ),
        ],
    )  # fmt: skip
    def test_bad_usage_is_exit_2_and_one_line(self, argv: tuple[str, ...], message: str) -> None:
        """Missing, unknown or conflicting arguments: exit 2, one `servstd: …` line naming the help."""
        code, out, err = run(*argv)
        assert code == 2
        assert out == "" or "--json" in argv
        assert err.count("\n") == 1
        assert err.startswith("servstd: ")
        assert message in err

    def test_agreeing_tier_and_category(self) -> None:
        """--tier with --category is accepted when the category classifies to that tier."""
        code, out, _ = run(
            "complaint", "timeline", "--policy", "complaint-types", "--tier", "quality", "--category", "产品质量",
            "--received", "2026-09-30 16:00", "--json",
        )  # fmt: skip
        assert (code, json.loads(out)["tier"]) == (0, "quality")

    def test_a_bare_command_prints_help(self) -> None:
        """`servstd` alone prints the help and exits 2 (usage)."""
        code, out, _ = run()
        assert code == 2
        assert "usage: servstd" in out


class TestJson:
    @pytest.mark.parametrize(
        "argv",
        [
            ("--json", "workday", "2026-10-10"),
            ("workday", "--json", "2026-10-10"),
            ("workday", "2026-10-10", "--json"),
        ],
    )
    def test_json_before_or_after_the_subcommand(self, argv: tuple[str, ...]) -> None:
        """--json is honoured wherever it stands (the subcommand no longer resets it)."""
        code, out, _ = run(*argv)
        assert (code, json.loads(out)["kind"]) == (0, "makeup_workday")

    def test_error_is_a_json_object_too(self) -> None:
        """With --json an error is {"error": {type, message, problems}} on stdout and a line on stderr."""
        code, out, err = run("--json", "deadline", "2026-09-30 16:00+25:00", "1天")
        assert code == 1
        error = json.loads(out)["error"]
        assert error["type"] == "InputParseError"
        assert "+25:00 is not a UTC offset" in error["message"]
        assert error["problems"] == []
        assert err.startswith("servstd: cannot read the instant")

    def test_usage_error_as_json(self) -> None:
        """A usage error with --json is a JSON object as well, type UsageError, exit 2."""
        code, out, _ = run("deadline", "--json", "2026-09-30 16:00")
        assert (code, json.loads(out)["error"]["type"]) == (2, "UsageError")

    def test_document_problems_are_listed(self, files: dict[str, Path]) -> None:
        """A bad document's problems come as {path, message} rows."""
        code, out, _ = run("score", "property-cs-quality-inspection", str(files["invalid.yaml"]), "--json")
        error = json.loads(out)["error"]
        assert (code, error["type"]) == (1, "DocumentError")
        assert {"path": "standard", "message": "Field required"} in error["problems"]

    def test_validate_broken_yaml_names_the_file(self, files: dict[str, Path]) -> None:
        """validate bad.yaml --json: a JSON report naming the file, not plain text."""
        code, out, _ = run("validate", str(files["bad.yaml"]), "--json")
        report = json.loads(out)
        assert (code, report["file"], report["valid"]) == (1, str(files["bad.yaml"]), False)
        assert "not valid YAML" in report["problems"][0]["message"]


class TestWarningsAndFiles:
    def test_lenient_warning_is_one_line(self) -> None:
        """--lenient outside coverage: the answer, and one `warning: …` line (no source path, no code)."""
        code, out, err = run("deadline", "2027-09-30 16:00", "1天", "--lenient")
        assert code == 0
        assert out.startswith("2027-10-06 18:00")
        assert err.splitlines() == [err.rstrip("\n")]
        assert err.startswith("warning: 中国大陆 (CN): 2027 is outside the known arrangement")
        assert ".py" not in err

    def test_gbk_files_are_read(self, files: dict[str, Path]) -> None:
        """A GBK-encoded YAML file (what Windows editors in China save) reads like UTF-8."""
        assert run("validate", str(files["gbk.yaml"]))[0] == 0
        code, out, _ = run("score", "property-cs-quality-inspection", str(files["gbk-inspection.yaml"]))
        assert code == 0
        assert "Total: 75.00 / 100" in out

    def test_errors_name_for_the_command_line(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The library's coverage error names Python calls; the command prints its own options
        (notice add, --notice, --lenient) instead, and the JSON error carries the code."""

        def boom(args: argparse.Namespace) -> int:
            raise CalendarCoverageError("中国大陆 (CN)", 2031, "2001–2026", region="CN")

        monkeypatch.setattr("servstd.cli.time_commands.cmd_workday", boom)
        code, out, err = run("workday", "2026-10-10", "--json")
        assert code == 1
        assert "--notice FILE" in err
        assert "--lenient" in err
        assert "with_notice" not in err
        assert json.loads(out)["error"]["code"] == "calendar.not_covered"
        assert "--" not in str(CalendarCoverageError("中国大陆 (CN)", 2031, "2001–2026", region="CN"))

    def test_a_bug_is_one_line_not_a_traceback(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """An unexpected exception is reported as an internal error in one line (exit 1);
        SERVSTD_DEBUG=1 lets the traceback through."""

        def boom(args: argparse.Namespace) -> int:
            raise KeyError("k")

        monkeypatch.setattr("servstd.cli.time_commands.cmd_workday", boom)
        code, _, err = run("workday", "2026-10-10")
        assert code == 1
        assert err.startswith("servstd: internal error: KeyError: 'k'")
        monkeypatch.setenv("SERVSTD_DEBUG", "1")
        with pytest.raises(KeyError):
            run("workday", "2026-10-10")


class TestRegionsAndHelp:
    @pytest.mark.parametrize("region", ["weekdays", "always", "WEEKDAYS", "Always"])
    def test_workday_and_calendar_take_every_deadline_region(self, region: str) -> None:
        """workday and calendar accept --region weekdays|always like deadline does."""
        code, out, err = run("workday", "2026-10-10", "--region", region, "--json")
        assert (code, err) == (0, "")
        assert json.loads(out)["working"] is (region.lower() == "always")
        assert run("calendar", "2026", "--month", "10", "--region", region)[0] == 0

    def test_mon_fri_is_an_old_name_of_weekdays(self) -> None:
        """Deprecated: --region mon-fri is --region weekdays for one release, with a warning line."""
        code, out, err = run("workday", "2026-10-10", "--region", "mon-fri", "--json")
        assert (code, json.loads(out)["working"]) == (0, False)
        assert "warning: the calendar name 'mon-fri' is deprecated; use 'weekdays'" in err

    def test_every_option_has_help(self) -> None:
        """Every option and argument of every subcommand has help text."""
        parser = _parser()
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        missing = [
            f"{name} {action.dest}"
            for name, p in [("servstd", parser), *sub.choices.items()]
            for action in p._actions
            if not action.help and not isinstance(action, argparse._SubParsersAction)
        ]
        assert missing == []

    def test_help_goes_to_the_given_stream(self) -> None:
        """--help writes to main()'s stdout and exits 0; --version too."""
        code, out, _ = run("deadline", "--help")
        assert code == 0
        assert "--cutoff" in out
        code, out, _ = run("--version")
        assert (code, out.startswith("servstd ")) == (0, True)


class TestExport:
    @pytest.mark.parametrize("doc", ["property-complaints", "cs-kpi-assessment", "insurance-claims-sla"])
    def test_export_honours_toml(self, doc: str) -> None:
        """catalog export ID --format toml writes TOML for every kind (policies wrote YAML)."""
        code, out, _ = run("catalog", "export", doc, "--format", "toml")
        assert code == 0
        assert parse_text(out, "export", "toml")["id"] == doc

    def test_list_filters_by_kind(self) -> None:
        """catalog list KIND lists only that kind."""
        code, out, _ = run("catalog", "list", "sla-policy", "--json")
        kinds = {row["kind"] for row in json.loads(out)}
        assert (code, kinds) == (0, {"sla-policy"})


class TestComplaintTimeline:
    @pytest.fixture(autouse=True)
    def _chinese(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The timeline as a Chinese user reads it (``--lang en`` is asked for where English is tested)."""
        monkeypatch.setenv("SERVSTD_LANG", "zh")

    def test_roles_rules_and_time_left(self) -> None:
        """Each stage shows who acts, its rule and, with --now, the time left (or overdue)."""
        code, out, _ = run(
            "complaint", "timeline", "--tier", "重要", "--received", "2026-09-30 17:30", "--now", "2026-09-30 17:45",
        )  # fmt: skip
        assert code == 0
        lines = out.splitlines()
        assert (
            "  2026-09-30 17:40 (+08:00)  发送住户投诉意见表  执行: 经营部接待员  送交: 被投诉部门  时限: 10分钟  已超时 0:05"
            in lines
        )
        assert (
            "  2026-10-08 18:00 (+08:00)  处理完毕  时限: 3日  还剩 192:15  超时需经公司总经理批准" in lines
        )

    def test_stages_out_of_order_are_flagged(self) -> None:
        """A 重要 complaint at 17:30: 转呈主管经理 (18:30) falls after the next stage (18:00):
        its line is marked with ! and a warning says so; the JSON carries the same."""
        code, out, _ = run("complaint", "timeline", "--tier", "重要", "--received", "2026-09-30 17:30")
        assert code == 0
        assert (
            "! 2026-09-30 18:30 (+08:00)  转呈主管经理  执行: 经营部接待员  送交: 主管经理  时限: 1小时"
            in out.splitlines()
        )
        assert "! 阶段顺序异常：转呈主管经理的期限 2026-09-30 18:30 (+08:00) 晚于其后阶段" in out
        _, js, _ = run("complaint", "timeline", "--tier", "重要", "--received", "2026-09-30 17:30", "--json")
        data = json.loads(js)
        assert [s["out_of_order"] for s in data["stages"]] == [False, True, False, False, False, False]
        assert len(data["warnings"]) == 1
        _, early, _ = run(
            "complaint", "timeline", "--tier", "重要", "--received", "2026-09-30 10:00", "--json"
        )
        assert json.loads(early)["warnings"] == []

    def test_english_and_json(self) -> None:
        """--lang en uses the English names and rules; the JSON has actor, recipient, rule and seconds left."""
        code, out, _ = run(
            "complaint", "timeline", "--tier", "重要", "--received", "2026-09-30 17:30", "--now", "2026-09-30 17:45",
            "--lang", "en",
        )  # fmt: skip
        assert code == 0
        assert (
            "Escalate to the managing manager  by: reception clerk  to: managing manager  rule: 1 hour  0:45 left"
            in out
        )
        assert "stages out of order: Escalate to the managing manager" in out
        _, js, _ = run(
            "complaint", "timeline", "--tier", "重要", "--received", "2026-09-30 17:30", "--now", "2026-09-30 17:45",
            "--json",
        )  # fmt: skip
        first = json.loads(js)["stages"][0]
        assert (first["actor"], first["to"], first["rule"], first["rule_en"], first["seconds_left"]) == (
            "经营部接待员", "被投诉部门", "10分钟", "10 minutes", -300,
        )  # fmt: skip

    def test_traditional_category(self) -> None:
        """--category 服務態度 (traditional script) is 服务态度: 24小时, not 其他问题's 72小时."""
        code, out, _ = run(
            "complaint", "timeline", "--policy", "complaint-types", "--category", "服務態度",
            "--received", "2026-09-30 16:00",
        )  # fmt: skip
        assert code == 0
        assert out.startswith("服务态度 (attitude)")
        assert "2026-10-01 16:00 (+08:00)  积极道歉，说明情况  时限: 24小时" in out

    def test_traditional_tier(self) -> None:
        """--tier 輕微 is 轻微."""
        code, out, _ = run("complaint", "timeline", "--tier", "輕微", "--received", "2026-09-30 16:00")
        assert (code, out.split(" ")[0]) == (0, "轻微")

    def test_actor_and_recipient(self) -> None:
        """呈送公司总经理: the clerk acts, the general manager receives — in the text and the JSON."""
        code, out, _ = run("complaint", "timeline", "--tier", "重大", "--received", "2026-09-30 16:00")
        assert code == 0
        assert "呈送公司总经理  执行: 经营部接待员  送交: 公司总经理  时限: 当天" in out
        _, js, _ = run("complaint", "timeline", "--tier", "重大", "--received", "2026-09-30 16:00", "--json")
        report = json.loads(js)["stages"][1]
        assert (report["actor"], report["to"], report["to_en"]) == (
            "经营部接待员",
            "公司总经理",
            "general manager",
        )

    def test_customer_deadline_for_a_tier_that_does_not_take_it(self) -> None:
        """--tier 重大 --customer-deadline …: refused (exit 2) with the reason, never dropped."""
        code, out, err = run(
            "complaint", "timeline", "--tier", "重大", "--received", "2026-09-30 16:00",
            "--customer-deadline", "2026-10-09 10:00", "--lang", "en",
        )  # fmt: skip
        assert (code, out) == (2, "")
        assert "--customer-deadline does not apply to 重大 (major)" in err
        assert "only 轻微 (minor) does" in err

    def test_customer_deadline_before_receipt_is_refused(self) -> None:
        """A requested deadline before the receipt is bad input (it printed a due time before receipt)."""
        code, _, err = run(
            "complaint", "timeline", "--tier", "轻微", "--customer-deadline", "2026-09-01 10:00",
            "--received", "2026-09-30 10:00", "--lang", "en",
        )  # fmt: skip
        assert code == 1
        assert "before the receipt 2026-09-30 10:00 (+08:00)" in err
        code, out, _ = run(
            "complaint", "timeline", "--tier", "轻微", "--customer-deadline", "2026-10-09 10:00",
            "--received", "2026-09-30 10:00",
        )  # fmt: skip
        assert code == 0
        assert "2026-10-09 10:00 (+08:00)  处理完毕  时限: 住户要求（默认2日）" in out


class TestCalendar:
    def test_holiday_names_under_the_grid(self) -> None:
        """Below each month: its holidays and make-up days by name, consecutive days on one line."""
        code, out, _ = run("calendar", "2026", "--month", "10", "--lang", "zh")
        assert code == 0
        lines = out.splitlines()
        assert "  10-01–10-07  休  国庆节" in lines
        assert "  10-10        班  国庆节调休上班" in lines
        code, out, _ = run("calendar", "2026", "--month", "10", "--lang", "en")
        lines = out.splitlines()
        assert "  10-01–10-07  休  National Day" in lines
        assert "  10-10        班  make-up working day (National Day)" in lines

    def test_weekends_marked_without_colour(self) -> None:
        """Weekend rest days carry a * in plain text; the legend explains every mark."""
        _, out, _ = run("calendar", "2026", "--month", "10", "--color", "never")
        assert "\033[" not in out
        assert "17*  18*" in out
        assert "* = weekend rest day" in out

    def test_json_gives_every_day(self) -> None:
        """--json lists every day of the year (or the month) with its kind and name."""
        _, out, _ = run("calendar", "2026", "--json")
        days = json.loads(out)["days"]
        assert len(days) == 365
        assert days[0] == {
            "date": "2026-01-01", "weekday": 4, "kind": "holiday", "working": False, "name": "元旦",
            "name_en": "New Year's Day",
        }  # fmt: skip
        _, month, _ = run("calendar", "2026", "--month", "2", "--json")
        assert len(json.loads(month)["days"]) == 28

    def test_the_last_month_of_year_9999(self) -> None:
        """The grid of December 9999 renders (it crashed reaching into year 10000)."""
        code, out, _ = run("calendar", "9999", "--month", "12", "--region", "weekdays")
        assert code == 0
        assert "31" in out


class _FailingStream(io.StringIO):
    def __init__(self, exc: BaseException) -> None:
        super().__init__()
        self.exc = exc

    def write(self, text: str) -> int:
        raise self.exc


class TestOutput:
    def test_broken_pipe_is_quiet(self) -> None:
        """The reader went away: exit 0, nothing on stderr."""
        err = io.StringIO()
        assert main(["calendar", "2026"], stdout=_FailingStream(BrokenPipeError()), stderr=err) == 0
        assert err.getvalue() == ""

    def test_unwritable_output_is_one_line(self) -> None:
        """A full disk: exit 1 and one line saying so."""
        err = io.StringIO()
        full = OSError(errno.ENOSPC, "No space left on device")
        assert main(["calendar", "2026"], stdout=_FailingStream(full), stderr=err) == 1
        assert err.getvalue() == "servstd: cannot write the output: No space left on device\n"

    def test_unencodable_characters_are_escaped(self) -> None:
        """An ASCII stream gets \\uXXXX escapes instead of an encoding error."""
        raw = io.BytesIO()
        stream = io.TextIOWrapper(raw, encoding="ascii")
        assert main(["workday", "2026-10-01", "--json"], stdout=stream, stderr=io.StringIO()) == 0
        stream.flush()
        assert json.loads(raw.getvalue().decode("ascii"))["name_zh"] == "国庆节"


def test_dunder_main(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m servstd` (servstd/__main__.py) runs main() and exits with its status."""
    monkeypatch.setattr(sys, "argv", ["servstd", "workday", "2026-10-10", "--json"])
    with pytest.raises(SystemExit) as info:
        runpy.run_module("servstd", run_name="__main__")
    assert info.value.code == 0
    assert json.loads(capsys.readouterr().out)["kind"] == "makeup_workday"
    monkeypatch.setattr(sys, "argv", ["servstd", "calendar", "0"])
    with pytest.raises(SystemExit) as info:
        runpy.run_module("servstd", run_name="__main__")
    assert info.value.code == 1


class TestParserForOneCommand:
    """Start-up: a command line that names a subcommand builds that subcommand's parser alone;
    what it parses must be what the whole parser parses."""

    def test_commands_lists_every_subcommand(self) -> None:
        """COMMANDS (used before anything is built) is exactly the parser's set of subcommands."""
        parser = _parser()
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        assert set(sub.choices) == COMMANDS

    @pytest.mark.parametrize(
        "line",
        [*(ln.strip() for ln in EXAMPLES.splitlines() if ln.strip().startswith("servstd ")),
         "servstd --json workday 2026-10-10", "servstd --lang zh workday today", "servstd --lang=en calendar 2026",
         "servstd workdays 2026-09-30 2026-10-10 --inclusive --weekend 0000011 --json",
         "servstd notice add 2027.txt", "servstd sla report cases.csv --policy p --by tier --format csv"],
    )  # fmt: skip
    def test_one_command_parses_as_the_whole_parser(self, line: str) -> None:
        """The same Namespace from the parser of the named command and from the whole parser."""
        argv = shlex.split(line)[1:]
        only = _named_command(argv)
        assert only in COMMANDS
        assert vars(_parser(only).parse_args(argv)) == vars(_parser().parse_args(argv))

    @pytest.mark.parametrize(
        "argv", [[], ["--help"], ["frob"], ["--lang", "zh"], ["--version"], ["--json", "--json"]]
    )
    def test_no_named_command_builds_every_subcommand(self, argv: list[str]) -> None:
        """Help, version, a mistake or nothing at all: the whole parser (its help lists every command)."""
        assert _named_command(argv) is None
