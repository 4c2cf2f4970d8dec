"""The input layer (servstd._input): one reading of typed instants, dates, times, years and zones."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servstd._input import MAX_LENGTH, parse_date, parse_instant, parse_time, parse_year, zone
from servstd.errors import InputParseError, ScheduleError, ServstdError
from servstd.sla import BusinessHours, ServiceClock, WorkCalendar

SH = ZoneInfo("Asia/Shanghai")
NY = ZoneInfo("America/New_York")


class TestAcceptedInstants:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2026-09-30 16:00", "2026-09-30T16:00:00+08:00"),
            ("2026-09-30T16:00", "2026-09-30T16:00:00+08:00"),
            ("2026-09-30t16:00:05", "2026-09-30T16:00:05+08:00"),
            ("2026-09-30T16:00:05.25+08:00", "2026-09-30T16:00:05.250000+08:00"),
            ("2026-09-30T16:00:05,5Z", "2026-09-30T16:00:05.500000+00:00"),
            ("2026-09-30T08:00Z", "2026-09-30T08:00:00+00:00"),
            ("2026-09-30 16:00 +0800", "2026-09-30T16:00:00+08:00"),
            ("2026-09-30 16:00-05", "2026-09-30T16:00:00-05:00"),
            ("2026/9/30 16:00", "2026-09-30T16:00:00+08:00"),
            ("2026.9.30 9:05", "2026-09-30T09:05:00+08:00"),
            ("2026年9月30日 16:00", "2026-09-30T16:00:00+08:00"),
            ("2026年9月30日16:00", "2026-09-30T16:00:00+08:00"),
            ("2026年9月30日16时30分", "2026-09-30T16:30:00+08:00"),
            ("2026年9月30号 16点", "2026-09-30T16:00:00+08:00"),
            ("２０２６年９月３０日 １６：００", "2026-09-30T16:00:00+08:00"),
            ("  2026-09-30 16:00  ", "2026-09-30T16:00:00+08:00"),
            ("2026-09-30 24:00", "2026-10-01T00:00:00+08:00"),
            ("2026-12-31T24:00:00.000000", "2027-01-01T00:00:00+08:00"),
        ],
    )
    def test_hand_checked(self, text: str, expected: str) -> None:
        """Each accepted form reads as the instant written; without an offset, in the zone given."""
        assert parse_instant(text, "Asia/Shanghai").isoformat() == expected

    @given(st.datetimes(dt.datetime(2, 1, 1), dt.datetime(9998, 12, 31), timezones=st.timezones()))
    def test_isoformat_round_trips(self, t: dt.datetime) -> None:
        """Whatever Python writes with isoformat() reads back as the same instant and offset."""
        back = parse_instant(t.isoformat(), "UTC")
        assert back.astimezone(dt.timezone.utc) == t.astimezone(dt.timezone.utc)  # fold-safe comparison
        assert back.utcoffset() == t.utcoffset()

    @given(
        st.datetimes(dt.datetime(1950, 1, 1), dt.datetime(2100, 12, 31)).map(
            lambda t: t.replace(second=0, microsecond=0)
        )
    )
    def test_chinese_and_iso_agree(self, wall: dt.datetime) -> None:
        """「2026年9月30日 16:00」 and 2026-09-30 16:00 are the same instant, read in the zone given."""
        chinese = f"{wall.year}年{wall.month}月{wall.day}日 {wall.hour}:{wall.minute:02d}"
        iso = f"{wall:%Y-%m-%d %H:%M}"
        assert parse_instant(chinese, SH) == parse_instant(iso, SH) == wall.replace(tzinfo=SH)

    def test_accepts_a_tzinfo(self) -> None:
        """The zone may be given as a tzinfo as well as a name."""
        assert parse_instant("2026-07-01 09:00", NY).utcoffset() == dt.timedelta(hours=-4)


class TestRefusedInstants:
    @pytest.mark.parametrize(
        ("text", "reason"),
        [
            ("10/09/2026", "year last is ambiguous"),
            ("13/09/2026 16:00", "year last is ambiguous"),
            ("09-10-2026 16:00", "year last is ambiguous"),
            ("2026-09-30 16:00-2026", "-2026 is not a UTC offset"),
            ("2026-09-30 16:00+25:00", "+25:00 is not a UTC offset"),
            ("2026-09-30 16:00+08:61", "is not a UTC offset"),
            ("2026-09-30 16:00+8", "the offset is not"),
            ("2026-09-30 16:00:00." + "0" * 16000, "too long (16,020 characters"),
            ("2026-09-30 16:00:00.1234567", "more than six fractional digits"),
            ("2026-09-30", "without a time of day"),
            ("2026-02-30 10:00", "2026-02-30 is not a calendar date"),
            ("2026-09-30 16:60", "16:60:00 is not a time of day"),
            ("2026-09-30 24:01", "24:01:00 is not a time of day"),
            ("0000-01-01 10:00", "year 0 is outside 1–9999"),
            ("9999-12-31 24:00", "year 10000"),
            ("0001-01-01 00:00", "too close to the ends"),
            ("2026-09-3016:00", "not a date and time"),
            ("yesterday", "not a date and time"),
            ("", "not a date and time"),
            ("٢٠٢٦-٠٩-٣٠ 16:00", "not a date and time"),  # Arabic-Indic digits are not read as digits
        ],
    )
    def test_refused_with_the_reason(self, text: str, reason: str) -> None:
        """Ambiguous, malformed, overlong or out-of-range text is an InputParseError saying why and
        listing the accepted forms; it is never guessed."""
        with pytest.raises(InputParseError) as info:
            parse_instant(text, "Asia/Shanghai", "received")
        message = str(info.value)
        assert reason in message
        assert "(received)" in message
        assert "Accepted forms: 2026-09-30 16:00" in message
        assert len(message) < 600
        assert isinstance(info.value, ValueError)

    def test_skipped_wall_time(self) -> None:
        """02:30 on the day New York springs forward does not exist: refused, the offset suggested."""
        with pytest.raises(
            InputParseError, match=r"does not exist in America/New_York.*'2026-03-08T02:30-05:00'"
        ):
            parse_instant("2026-03-08 02:30", "America/New_York")

    def test_repeated_wall_time(self) -> None:
        """01:30 on the day New York falls back occurs twice: refused; with an offset it is read."""
        with pytest.raises(InputParseError, match="occurs twice"):
            parse_instant("2026-11-01 01:30", "America/New_York")
        assert parse_instant("2026-11-01 01:30-05:00", "America/New_York").utcoffset() == dt.timedelta(
            hours=-5
        )

    @given(st.text(max_size=80))
    def test_any_text_reads_or_is_refused(self, text: str) -> None:
        """Any text: an aware instant, or an InputParseError (never another exception)."""
        try:
            t = parse_instant(text, "Asia/Shanghai")
        except InputParseError:
            return
        assert t.tzinfo is not None
        assert t.utcoffset() is not None


class TestDatesTimesYears:
    @pytest.mark.parametrize(
        "text", ["2026-02-14", "2026/2/14", "2026.02.14", "2026年2月14日", "２０２６年２月１４日"]
    )
    def test_date_forms(self, text: str) -> None:
        """ISO, year-first with slashes or dots, and Chinese dates are read alike."""
        assert parse_date(text) == dt.date(2026, 2, 14)

    @pytest.mark.parametrize(
        ("text", "reason"),
        [
            ("10/09/2026", "ambiguous"),
            ("2026-13-01", "not a calendar date"),
            ("tomorrow", "ISO date"),
            ("2026-2-14", "ISO date"),
        ],
    )
    def test_date_refused(self, text: str, reason: str) -> None:
        """Other date texts are refused, naming the accepted forms."""
        with pytest.raises(InputParseError, match=reason):
            parse_date(text)

    @given(st.dates())
    def test_date_round_trip(self, d: dt.date) -> None:
        """Every date's ISO form reads back as that date."""
        assert parse_date(d.isoformat()) == d

    def test_calendar_reads_dates_through_the_layer(self) -> None:
        """WorkCalendar accepts the same date texts (as_date is the input layer's parse_date)."""
        cal = WorkCalendar.china()
        assert cal.is_working_day("2026年2月14日") is True  # type: ignore[arg-type]
        with pytest.raises(InputParseError, match="ambiguous"):
            cal.is_working_day("10/09/2026")  # type: ignore[arg-type]

    @pytest.mark.parametrize(("text", "expected"), [("17:00", dt.time(17)), ("08:30:15", dt.time(8, 30, 15))])
    def test_time(self, text: str, expected: dt.time) -> None:
        """A time of day is HH:MM or HH:MM:SS."""
        assert parse_time(text) == expected

    @pytest.mark.parametrize("text", ["5pm", "24:00", "17", "17:60", "1700", ""])
    def test_time_refused(self, text: str) -> None:
        """Anything else is refused."""
        with pytest.raises(InputParseError, match="HH:MM"):
            parse_time(text, "--cutoff")

    @pytest.mark.parametrize(
        ("value", "expected"), [("2026", 2026), (" 1 ", 1), ("9999", 9999), (2026, 2026)]
    )
    def test_years(self, value: str | int, expected: int) -> None:
        """A year is 1–9999, as text or int."""
        assert parse_year(value) == expected

    @pytest.mark.parametrize("value", ["0", "99999", "-1", "abc", "1e3", 0, 10000, True, "9" * 5000])
    def test_years_refused(self, value: str | int) -> None:
        """Year 0, five-digit years, negatives, non-numbers and bools are refused."""
        with pytest.raises(InputParseError):
            parse_year(value)


class TestZones:
    @pytest.mark.parametrize(
        "name",
        ["Asia", "", "  ", "Mars/Base", "../../etc/passwd", "Asia/Shanghai\x00", "x" * (MAX_LENGTH + 1)],
    )
    def test_refused(self, name: str) -> None:
        """A folder of zones ('Asia'), a path, an unknown or overlong name: a ScheduleError, not an OSError."""
        with pytest.raises(ScheduleError, match="unknown time zone"):
            zone(name)

    def test_not_text(self) -> None:
        """A non-text zone is refused the same way."""
        with pytest.raises(ScheduleError):
            zone(8)

    def test_service_clock_checks_its_zone_here(self) -> None:
        """ServiceClock(..., tz='Asia') is a ServstdError (it was an IsADirectoryError)."""
        with pytest.raises(ServstdError, match="'Asia'"):
            ServiceClock(WorkCalendar.weekdays(), BusinessHours.always(), "Asia")
