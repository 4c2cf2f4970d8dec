"""The command speaks its user's language: Chinese under a Chinese locale, English otherwise.

Each command runs under ``LANG=zh_CN.UTF-8`` and under ``LANG=en_US.UTF-8``; the lines the command
itself writes (errors, warnings, headings, help — not the data: a standard's title, a site's name,
a holiday's Chinese name) are measured by their share of Chinese characters among letters, after
quoted values, paths, options, identifiers and metavariables are taken out. Chinese output is
mostly Chinese (≥ 0.5, measured 0.74–1.00); English output mostly not (≤ 0.25, measured 0–0.23,
where a Chinese site name or a mark like 休 is data).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from servstd.cli import main
from servstd.cli._language import command_language, locale_language

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

_DATA = re.compile(
    r"'[^']*'|\"[^\"]*\"|「[^」]*」|《[^》]*》"  # quoted values
    r"|\S*[/\\]\S*"  # paths, dates written with slashes
    r"|--?[a-z][\w-]*"  # options
    r"|\b[a-z0-9]+(?:[-_][a-z0-9]+)+\b"  # identifiers: catalog ids, column names
    r"|\b[A-Z][A-Z_0-9]+\b"  # metavariables, codes (FILE, CN, IANA)
    r"|\bservstd\b"
)


def cjk_ratio(text: str) -> float:
    """Chinese characters ÷ (Chinese characters + Latin letters) in ``text`` less its data."""
    text = _DATA.sub(" ", text)
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    assert cjk + latin > 0, "nothing to measure"
    return cjk / (cjk + latin)


def _after_usage(text: str) -> str:
    """Help without its usage block, example command lines and the names of commands and options
    in the first column (spellings, not words)."""
    lines = text.split("\n\n", 1)[1].splitlines()
    kept = [line for line in lines if not line.strip().startswith("servstd ")]
    return "\n".join(re.sub(r"^\s+\S+(?:, \S+)?(?: \S+)?\s{2,}", "", line) for line in kept)


def _lines(*indexes: int) -> Callable[[str], str]:
    return lambda text: "\n".join(text.splitlines()[i] for i in indexes)


def _headings(text: str) -> str:
    """The kind headings of ``catalog list`` without the kind's identifier."""
    return "\n".join(line.split(" — ")[1] for line in text.splitlines() if line and not line.startswith(" "))


SCORE = [str(EXAMPLES / "inspections" / "deduction.yaml")]
CASES: dict[str, tuple[list[str], str, Callable[[str], str]]] = {
    # name: (arguments, stream, the part the command writes itself)
    "help": (["--help"], "out", _after_usage),
    "subcommand help": (["deadline", "--help"], "out", _after_usage),
    "usage error": (["deadline"], "err", lambda t: t.replace("received, duration", "")),
    "unknown option value": (["calendar", "2026", "--color", "pink"], "err", str),
    "unreadable instant": (["deadline", "2026-13-01 10:00", "3个工作日"], "err", str),
    "unreadable duration": (
        ["deadline", "2026-10-01 10:00", "3天天"],
        "err",
        lambda t: t.split(". Accepted")[0].split("。可接受")[0],
    ),
    "year not covered": (["deadline", "2031-10-01 10:00", "3个工作日"], "err", str),
    "unknown name": (["catalog", "show", "no-such-standard"], "err", str),
    "missing file": (["validate", "no-such-file.yaml"], "err", str),
    "warning": (["workday", "2031-10-02", "--lenient"], "err", str),
    "deadline": (["deadline", "2026-09-30 16:00", "3个工作日"], "out", lambda t: t.split("\n\n", 1)[1]),
    "elapsed": (["elapsed", "2026-09-30 17:00", "2026-10-08 10:00"], "out", str),
    "workday": (["workday", "2026-10-01"], "out", lambda t: t.split("—")[0]),
    "calendar": (["calendar", "2026", "--month", "10"], "out", _lines(0, 1, -1)),
    "catalog list": (["catalog", "list"], "out", _headings),
    "complaint": (
        [
            "complaint",
            "timeline",
            "--tier",
            "重要",
            "--received",
            "2026-09-30 17:30",
            "--now",
            "2026-09-30 17:45",
        ],
        "out",
        str,
    ),
    "score": (["score", "property-cs-quality-inspection", *SCORE], "out", _lines(0, 2, 4)),
    "notice check": (["notice", "check", str(EXAMPLES / "notices" / "2027-sample.txt")], "out", _lines(-1)),
    "workdays": (
        ["workdays", "2026-09-30", "2026-10-12"],
        "out",
        lambda t: t.split("\n\n", 1)[1].replace("中国大陆", ""),  # the calendar's name is data
    ),
    "bad weekend": (
        ["workdays", "2026-09-30", "2026-10-12", "--weekend", "周八"],
        "err",
        lambda t: t.split(". Accepted")[0].split("。可接受")[0],
    ),
    "catalog search": (["catalog", "search", "没有这个词"], "out", str),
    "catalog search without a word": (["catalog", "search"], "err", str),
    "notice remove of a year not added": (["notice", "remove", "2099"], "err", str),
    "unquoted instant": (["deadline", "2026-09-30", "16:00", "3个工作日"], "err", str),
    "sla report": (
        [
            "sla",
            "report",
            str(EXAMPLES / "claims_2026_national_day.csv"),
            "--policy",
            "insurance-claims-sla",
            "--now",
            "2026-10-10 00:00",
            "--by",
            "",
        ],
        "out",
        lambda t: "\n".join(line for line in t.splitlines() if not re.match(r"\s*(BX|\d)", line)),
    ),
}


def _run(argv: list[str], locale: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    monkeypatch.delenv("SERVSTD_LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", locale)
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("case", sorted(CASES))
def test_output_follows_the_locale(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under LANG=zh_CN.UTF-8 what the command writes is Chinese; under LANG=en_US.UTF-8, English."""
    argv, stream, part = CASES[case]
    zh = _run(argv, "zh_CN.UTF-8", monkeypatch)
    en = _run(argv, "en_US.UTF-8", monkeypatch)
    assert zh[0] == en[0]  # the same exit status in both languages
    index = 1 if stream == "out" else 2
    zh_ratio, en_ratio = cjk_ratio(part(zh[index])), cjk_ratio(part(en[index]))
    assert zh_ratio >= 0.5, (zh_ratio, zh[index])
    assert en_ratio <= 0.25, (en_ratio, en[index])


class TestHelp:
    def test_a_paragraph_is_translated_whole(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A help paragraph of several lines is one catalog entry, translated whole."""
        _, out, _ = _run(["--help"], "zh_CN.UTF-8", monkeypatch)
        assert "时刻：ISO 8601" in out
        assert "instants:" not in out

    def test_argparse_words(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """argparse's own words (usage, sections, -h) are translated too."""
        _, out, _ = _run(["workday", "--help"], "zh_CN.UTF-8", monkeypatch)
        assert out.startswith("用法：servstd workday")
        assert "显示此帮助信息并退出" in out


class TestNewCommands:
    def test_notice_remove_says_what_it_removed(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """notice remove reports the files it took out and the coverage left in the locale's
        language; the JSON is the same under both."""
        sample = str(EXAMPLES / "notices" / "2027-sample.txt")
        monkeypatch.setenv("SERVSTD_NOTICES", "")
        said = {}
        for locale in ("zh_CN.UTF-8", "en_US.UTF-8"):
            monkeypatch.setenv("SERVSTD_DATA_DIR", str(tmp_path / locale))
            assert _run(["notice", "add", sample], locale, monkeypatch)[0] == 0
            code, out, _ = _run(["notice", "remove", "2027"], locale, monkeypatch)
            assert code == 0
            said[locale] = out
        assert said["zh_CN.UTF-8"].startswith("已删除 ")
        assert "现在覆盖的年份：2001–2026" in said["zh_CN.UTF-8"]
        assert said["en_US.UTF-8"].startswith("Removed ")
        assert "Covered now: 2001–2026" in said["en_US.UTF-8"]
        assert cjk_ratio(said["zh_CN.UTF-8"]) >= 0.5
        assert cjk_ratio(said["en_US.UTF-8"]) <= 0.25

    def test_workdays_json_is_the_same(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """workdays --json has the same keys and values under both locales."""
        argv = ["workdays", "2026-09-30", "2026-10-12", "--inclusive", "--json"]
        zh, en = _run(argv, "zh_CN.UTF-8", monkeypatch)[1], _run(argv, "en_US.UTF-8", monkeypatch)[1]
        assert zh == en
        assert json.loads(en)["working_days"] == 5

    def test_lateness_in_the_report_language(self) -> None:
        """An SLA report's lateness and medians are written in its language: 20分钟 / 20 min."""
        argv = [
            "sla", "report", str(EXAMPLES / "claims_2026_national_day.csv"), "--policy", "insurance-claims-sla",
            "--now", "2026-10-10 00:00",
        ]  # fmt: skip
        zh, en = io.StringIO(), io.StringIO()
        assert main([*argv, "--lang", "zh"], stdout=zh) == 0
        assert main([*argv, "--lang", "en"], stdout=en) == 0
        assert "超时（自然时间）" in zh.getvalue()
        assert "late (clock time)" in en.getvalue()
        assert re.search(r"\d+分钟|\d+小时", zh.getvalue())
        assert re.search(r"\d+ (min|h)\b", en.getvalue())
        assert not re.search(r"\d+(分钟|小时)", en.getvalue())


class TestJson:
    def test_keys_and_codes_stay_english(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """--json under a Chinese locale has the same keys and error code as under an English one;
        only the message is in the user's language."""
        argv = ["deadline", "2026-13-01 10:00", "3个工作日", "--json"]
        zh = json.loads(_run(argv, "zh_CN.UTF-8", monkeypatch)[1])
        en = json.loads(_run(argv, "en_US.UTF-8", monkeypatch)[1])
        assert zh["error"].keys() == en["error"].keys()
        assert (zh["error"]["code"], zh["error"]["type"]) == (en["error"]["code"], en["error"]["type"])
        assert zh["error"]["message"].startswith("无法读取时刻")
        assert en["error"]["message"].startswith("cannot read the instant")

    def test_deadline_data_is_the_same(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A deadline's JSON is the same under both locales (it carries both explanations)."""
        argv = ["deadline", "2026-09-30 16:00", "3个工作日", "--json"]
        assert _run(argv, "zh_CN.UTF-8", monkeypatch)[1] == _run(argv, "en_US.UTF-8", monkeypatch)[1]


class TestChoice:
    def test_option_beats_variable_beats_locale(self) -> None:
        """--lang overrides SERVSTD_LANG, which overrides the locale."""
        env = {"LANG": "zh_CN.UTF-8", "SERVSTD_LANG": "en"}
        assert command_language([], env) == "en"
        assert command_language(["deadline", "--lang", "zh"], env) == "zh"
        assert command_language(["deadline", "--lang=zh"], {"LANG": "en_US.UTF-8"}) == "zh"

    def test_posix_order_of_locale_variables(self) -> None:
        """LC_ALL, then LC_MESSAGES, then LANG: the first one set decides."""
        assert locale_language({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
        assert locale_language({"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "C"}) == "zh"
        assert locale_language({"LC_ALL": "", "LANG": "zh_CN.GB18030"}) == "zh"
        assert locale_language({"LANG": "C.UTF-8"}) == "en"

    def test_words_after_double_dash_are_arguments(self) -> None:
        """A --lang after -- is an argument, not the option."""
        assert command_language(["--", "--lang", "zh"], {"LANG": "en_US.UTF-8"}) == "en"

    def test_a_bad_lang_is_refused_as_usage(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """--lang fr is bad usage (exit 2), said in the locale's language."""
        code, _, err = _run(["workday", "2026-10-01", "--lang", "fr"], "zh_CN.UTF-8", monkeypatch)
        assert code == 2
        assert "无效的选项 'fr'" in err

    def test_explicit_english_under_a_chinese_locale(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """--lang en gives English under a Chinese locale (reports included)."""
        code, out, _ = _run(
            ["score", "property-cs-quality-inspection", *SCORE, "--lang", "en"], "zh_CN.UTF-8", monkeypatch
        )
        assert code == 0
        assert "Total: " in out
        assert "Site: 阳光花园" in out
