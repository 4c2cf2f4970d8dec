"""Errors speak both languages: ``render("en")`` is ``str()``, ``render("zh")`` is Chinese with the same facts."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from servstd import errors

CJK = re.compile(r"[\u4e00-\u9fff]")
SAMPLES = [
    errors.UnknownNameError("CS99", "code", ["CS01", "CS02"], kind="item"),
    errors.UnknownNameError("XX", "region", [], kind="region"),
    errors.UnknownNameError("x", "id", [f"id{i}" for i in range(20)], kind="catalog document"),
    errors.NaiveDatetimeError(dt.datetime(2026, 9, 30, 16), "received_at"),
    errors.InputTypeError(3, "lang", "'zh' or 'en' (text)"),
    errors.InputValueError("fr", "lang", ["zh", "en"]),
    errors.InputParseError(
        "2026-13-01", "received", "date", "2026-13-01 is not a calendar date", ["2026-09-30 (ISO date)"]
    ),
    errors.CalendarCoverageError("中国大陆 (CN)", 2031, "2001–2026", region="CN"),
    errors.CalendarCoverageError("香港 (HK)", 2031, "2001–2026", region="HK"),
    errors.DurationParseError("3天天", "not a known form", ["'3日'"], param="rule"),
    errors.MissingExtraError("an SLA report", ["pandas"], ["pandas"]),
    errors.FileWriteError("out/a.csv", FileNotFoundError(2, "No such file or directory")),
    errors.DocumentError("site.yaml", [errors.Problem("", "not a known form")]),
]


class TestRender:
    @pytest.mark.parametrize("error", SAMPLES, ids=lambda e: type(e).__name__)
    def test_english_is_str(self, error: errors.ServstdError) -> None:
        """render("en") is str(error), the one stable English text."""
        assert error.render("en") == str(error)

    @pytest.mark.parametrize("error", SAMPLES, ids=lambda e: type(e).__name__)
    def test_chinese_keeps_the_facts(self, error: errors.ServstdError) -> None:
        """render("zh") is Chinese, has no English reason left (the catalog covers it) and keeps
        every number of the English (years, counts, values)."""
        zh = error.render("zh")
        assert CJK.search(zh)
        assert set(re.findall(r"\d+", zh)) == set(re.findall(r"\d+", str(error)))

    def test_chinese_of_a_known_reason(self) -> None:
        """An instant error under zh reads as Chinese, the value quoted as given."""
        e = errors.InputParseError(
            "2026-13-01 10:00", "received", "instant", "2026-13-01 is not a calendar date", []
        )
        assert (
            e.render("zh") == "无法读取时刻 '2026-13-01 10:00'（received）：2026-13-01 不是日历上存在的日期"
        )

    def test_unknown_reason_stays_english(self) -> None:
        """A reason the catalog does not have is kept in English inside the Chinese frame."""
        e = errors.ScoringError("weights add up to 0.9, not 1")
        assert e.render("zh") == "weights add up to 0.9, not 1"

    def test_bad_language_is_refused(self) -> None:
        """render("fr") is an InputValueError listing zh and en."""
        with pytest.raises(errors.InputValueError) as caught:
            SAMPLES[0].render("fr")
        assert caught.value.accepted == ("zh", "en")
