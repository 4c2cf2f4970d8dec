"""What spreadsheet and chinese_calendar users expect of the command (issue: the command speaks its
users' language — the conveniences): 24:00 headlines, working-day counts, custom weekends, now and
today, catalog search, notice remove, CSV for Excel, readable lateness, hints."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from servstd.catalog import catalog
from servstd.cli import main
from servstd.sla import WorkCalendar

EXAMPLES = Path(__file__).parents[1] / "examples"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


class TestMidnightHeadline:
    def test_natural_days_headline_is_2400_of_the_last_day(self) -> None:
        """3个自然日 from 2026-09-30 prints 「2026-10-03 24:00」 first, and the explanation's last line
        keeps a space between the date and 24:00."""
        code, out, _ = run("deadline", "2026-09-30 16:00", "3个自然日")
        assert code == 0
        assert out.splitlines()[0] == "2026-10-03 24:00 (+08:00)"
        assert "截止于2026-10-03 24:00：2026-10-03 24:00 (+08:00)。" in out

    def test_end_of_day_midnight_keeps_its_separator(self) -> None:
        """--end-of-day midnight prints 「2026-10-09 24:00：」 with its separator."""
        code, out, _ = run("deadline", "2026-09-30 16:00", "2个工作日", "--end-of-day", "midnight")
        assert code == 0
        assert out.splitlines()[0] == "2026-10-09 24:00 (+08:00)"
        assert "截止于2026-10-09 24:00：" in out


class TestWorkdays:
    @pytest.mark.parametrize(
        ("argv", "count"),
        [
            (("2026-09-30", "2026-10-10"), 3),  # 09-30, 10-08, 10-09; 10-10 not counted
            (("2026-09-30", "2026-10-10", "--inclusive"), 4),  # and the make-up Saturday 10-10
            (("2026-10-10", "2026-09-30"), -3),  # reversed: the same days, negative
            (("2026-10-10", "2026-09-30", "--inclusive"), -4),  # as NETWORKDAYS(end, start)
            (("2026-10-01", "2026-10-01", "--inclusive"), 0),  # a holiday
            (("2026-10-08", "2026-10-08", "--inclusive"), 1),
            (("2026-10-08", "2026-10-08"), 0),  # [a, a) is empty
        ],
    )
    def test_half_open_and_inclusive(self, argv: tuple[str, ...], count: int) -> None:
        """workdays FROM TO counts [FROM, TO) like working_days_between; --inclusive counts both ends
        like Excel's NETWORKDAYS (2026-09-30 → 2026-10-10: 3, and 4 inclusive)."""
        code, out, _ = run("workdays", *argv, "--json")
        assert code == 0
        data = json.loads(out)
        assert data["working_days"] == count
        assert data["inclusive"] == ("--inclusive" in argv)
        code, out, _ = run("workdays", *argv)
        assert (code, out.splitlines()[0]) == (0, str(count))

    def test_equals_the_library_over_random_spans(self) -> None:
        """The count equals WorkCalendar.working_days_between for every span in October 2026."""
        cal = WorkCalendar.china()
        for i in range(1, 32, 3):
            for j in range(1, 32, 4):
                a, b = dt.date(2026, 10, i), dt.date(2026, 10, j)
                _, out, _ = run("workdays", a.isoformat(), b.isoformat(), "--json")
                assert json.loads(out)["working_days"] == cal.working_days_between(a, b)

    def test_text_says_which_end_is_counted(self) -> None:
        """The sentence under the number says whether TO is counted."""
        assert "2026-10-10 not counted" in run("workdays", "2026-09-30", "2026-10-10")[1]
        assert "both counted" in run("workdays", "2026-09-30", "2026-10-10", "--inclusive")[1]


class TestWeekendOption:
    def test_friday_saturday_week_on_the_mainland_holidays(self) -> None:
        """--weekend 0000110 and --weekend 周五,周六 rest Friday and Saturday; the National Day period
        still rests and its make-up Saturday is still worked."""
        for spelling in ("0000110", "周五,周六", "7"):
            code, out, _ = run("workdays", "2026-09-30", "2026-10-12", "--weekend", spelling, "--json")
            assert code == 0
            data = json.loads(out)
            assert (data["working_days"], data["weekend"]) == (4, "0000110")  # 09-30, 10-08, 10-10, 10-11
        code, out, _ = run("workday", "2026-10-09", "--weekend", "周五,周六", "--json")
        assert json.loads(out)["kind"] == "weekend"

    def test_deadline_counts_on_the_custom_week(self) -> None:
        """3个工作日 from 2026-09-30 on a Friday–Saturday week: 10-08, 10-10 (make-up), 10-11."""
        code, out, _ = run("deadline", "2026-09-30 16:00", "3个工作日", "--weekend", "0000110", "--json")
        assert (code, json.loads(out)["due"]) == (0, "2026-10-11T18:00:00+08:00")

    def test_a_bad_weekend_names_the_option_and_the_forms(self) -> None:
        """A week with no working day is refused naming --weekend and the accepted forms (exit 1)."""
        code, out, err = run("workdays", "2026-09-30", "2026-10-10", "--weekend", "1111111")
        assert (code, out) == (1, "")
        assert "(--weekend)" in err
        assert "WORKDAY.INTL mask" in err


class TestNowAndToday:
    def test_deadline_now(self) -> None:
        """servstd deadline now 3个工作日 counts from the current instant (in --tz), to the second."""
        before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        code, out, _ = run("deadline", "now", "3个工作日", "--json", "--region", "always")
        after = dt.datetime.now(dt.timezone.utc)
        assert code == 0
        received = dt.datetime.fromisoformat(json.loads(out)["received"])
        assert before <= received <= after
        assert received.utcoffset() == dt.timedelta(hours=8)

    @pytest.mark.parametrize("word", ["today", "今天", "TODAY"])
    def test_today_as_a_date(self, word: str) -> None:
        """workday today / workdays today TO read today's date in Asia/Shanghai."""
        today = dt.datetime.now(ZoneInfo("Asia/Shanghai")).date()
        code, out, _ = run("workday", word, "--region", "weekdays", "--json")
        assert (code, json.loads(out)["date"]) == (0, today.isoformat())
        code, out, _ = run("workdays", word, word, "--inclusive", "--region", "weekdays", "--json")
        assert json.loads(out)["from"] == today.isoformat()

    def test_today_as_an_instant_is_its_midnight(self) -> None:
        """elapsed today now: today's 00:00 in --tz to the current instant."""
        code, out, _ = run("elapsed", "today", "now", "--region", "always", "--tz", "UTC", "--json")
        data = json.loads(out)
        assert code == 0
        assert data["start"] == f"{dt.datetime.now(dt.timezone.utc).date().isoformat()}T00:00:00+00:00"
        assert 0 <= data["seconds"] <= 86400


class TestCatalogSearch:
    @pytest.mark.parametrize("word", ["培训", "培訓", "Hotel"])
    def test_lists_what_catalog_search_finds(self, word: str) -> None:
        """catalog search WORD lists exactly Catalog.search(WORD), in either script, with kinds and titles."""
        expected = catalog().search(word)
        assert expected
        code, out, _ = run("catalog", "search", word, "--json")
        assert code == 0
        assert [r["id"] for r in json.loads(out)] == expected
        code, out, _ = run("catalog", "search", word)
        assert [line.split()[0] for line in out.splitlines()] == expected

    def test_nothing_found_says_so(self) -> None:
        """A word no document holds prints one line saying so (exit 0; JSON: an empty list)."""
        assert run("catalog", "search", "没有这个词") == (
            0,
            "no catalog document mentions '没有这个词'\n",
            "",
        )
        assert json.loads(run("catalog", "search", "没有这个词", "--json")[1]) == []

    def test_no_word_is_a_usage_error(self) -> None:
        """catalog search without a word is bad usage (exit 2) and shows an example."""
        code, _, err = run("catalog", "search")
        assert code == 2
        assert "servstd catalog search 培训" in err


class TestKpiValuesInTheirUnits:
    def test_durations_and_ratios_read_as_written(self) -> None:
        """A KPI response time measured as 20小时 shows 「20小时」 (it showed 72000) and a ratio 0.92
        shows 「92%」; JSON keeps the exact value and names the unit."""
        sheet = str(Path(__file__).parents[1] / "examples" / "inspections" / "kpi.xlsx")
        code, out, _ = run("score", "cs-kpi-assessment", sheet)
        assert code == 0
        rows = {
            line.split()[0]: line.split()[1] for line in out.splitlines() if line.startswith(("響應", "解決"))
        }
        assert rows == {"響應時限": "20小时", "解決率": "92%"}
        assert "72000" not in out
        code, out, _ = run("score", "cs-kpi-assessment", sheet, "--format", "json")
        criteria = {c["code"]: c for c in json.loads(out)["criteria"]}
        assert {c["unit"] for c in criteria.values()} >= {"seconds", "ratio"}
        assert any(c["value"] == "72000" for c in criteria.values())


class TestUnquotedInstants:
    @pytest.mark.parametrize(
        ("argv", "fixed"),
        [
            (
                ("deadline", "2026-09-30", "16:00", "3个工作日"),
                'servstd deadline "2026-09-30 16:00" 3个工作日',
            ),
            (
                ("elapsed", "2026-09-30", "17:00", "2026-10-08", "10:00"),
                'servstd elapsed "2026-09-30 17:00" "2026-10-08 10:00"',
            ),
            (("deadline", "2026/9/30", "16:00"), 'servstd deadline "2026/9/30 16:00"'),
        ],
    )
    def test_a_split_date_and_time_gets_a_hint_to_quote(self, argv: tuple[str, ...], fixed: str) -> None:
        """A date and a time typed as two words (the shell split them) get one line that shows the
        command with them quoted together; the exit status stays what the error is."""
        code, out, err = run(*argv)
        assert code in (1, 2)
        assert out == ""
        assert err.count("\n") == 1
        assert err.rstrip("\n").endswith(
            f"a date and a time of day are one argument: quote them together, e.g. {fixed}"
        )

    def test_no_hint_when_quoted(self) -> None:
        """A quoted instant with another error gets no quoting hint."""
        _, _, err = run("deadline", "2026-09-30 16:00", "3天天")
        assert "quote them together" not in err


class TestUnknownPolicy:
    @pytest.mark.parametrize(
        ("argv", "kind", "known"),
        [
            (
                (
                    "sla",
                    "report",
                    str(EXAMPLES / "claims_2026_national_day.csv"),
                    "--policy",
                    "property-complaints",
                ),
                "sla policy",
                "sla-policy",
            ),
            (
                (
                    "complaint",
                    "timeline",
                    "--policy",
                    "insurance-claims-sla",
                    "--tier",
                    "重大",
                    "--received",
                    "now",
                ),
                "complaint policy",
                "complaint-policy",
            ),
        ],
    )
    def test_lists_only_policies_of_that_kind(self, argv: tuple[str, ...], kind: str, known: str) -> None:
        """An unknown --policy names the option and lists exactly the catalog's policies of the kind
        the command takes (a complaint policy is not offered to sla report, nor the reverse)."""
        code, _, err = run(*argv)
        assert code == 1
        expected = ", ".join(catalog().by_kind()[known])
        assert (
            err
            == f"servstd: unknown {kind} {argv[argv.index('--policy') + 1]!r} (--policy); known: {expected}\n"
        )
