"""Time zones and pendulum (issue 24): ``tz`` is a name, a ``zoneinfo.ZoneInfo`` or a pendulum
``Timezone`` everywhere; a pendulum ``DateTime`` works everywhere a ``datetime`` does and gives the
same answers. servstd itself never imports pendulum: these are duck-typed subclasses."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from importlib.resources import files
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from servstd.errors import InputTypeError, NaiveDatetimeError, ScheduleError
from servstd.sla import (
    BusinessHours,
    ClockSpec,
    ComplaintPolicy,
    ServiceClock,
    SLAPolicy,
    TimerEvent,
    WorkCalendar,
    batch,
    evaluate_timer,
)
from servstd.sla.batch import report
from servstd.sla.clock.deadline import DeadlineRule
from tests.strategies import CLOCKS, clock_names, instants

SH = ZoneInfo("Asia/Shanghai")
ZONE_NAMES = ["Asia/Shanghai", "Asia/Hong_Kong", "Europe/Berlin", "America/New_York", "UTC"]
HOURS = BusinessHours.parse("09:00-12:00,13:00-18:00")
RULES = [
    "3个工作日",
    "2日",
    "3个自然日",
    "当天",
    "次日",
    "4工作小时",
    "48小时",
    "到期前5个工作日",
    "在到期日前30日内",
]


def as_pendulum(t: dt.datetime) -> pendulum.DateTime:
    """The same instant as a pendulum DateTime, in a pendulum zone of the same name (or offset)."""
    key = getattr(t.tzinfo, "key", None)
    return pendulum.instance(t, tz=pendulum.timezone(key) if key else pendulum.UTC).in_timezone(key or "UTC")


class TestZonesAreNamesZoneInfosOrPendulumZones:
    @pytest.mark.parametrize("name", ZONE_NAMES)
    def test_a_clock_is_the_same_whatever_form_its_zone_takes(self, name: str) -> None:
        """ServiceClock(tz=…) by name, ZoneInfo or pendulum Timezone is one clock, keeping the name."""
        clocks = [
            ServiceClock(WorkCalendar.weekdays(), HOURS, tz)
            for tz in (name, ZoneInfo(name), pendulum.timezone(name))
        ]
        assert clocks[0] == clocks[1] == clocks[2]
        assert {c.tz for c in clocks} == {name}
        assert all(type(c.zone) is ZoneInfo for c in clocks)

    @pytest.mark.parametrize("name", ZONE_NAMES)
    def test_the_always_clock_and_clock_specs_take_them_too(self, name: str) -> None:
        """ServiceClock.always(tz) and ClockSpec(tz=…) read a ZoneInfo or pendulum Timezone by name."""
        assert ServiceClock.always(pendulum.timezone(name)) == ServiceClock.always(name)
        assert ClockSpec(tz=ZoneInfo(name)).tz == name  # type: ignore[arg-type]
        assert ClockSpec(tz=pendulum.timezone(name)).clock() == ClockSpec(tz=name).clock()  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        "tz",
        [pendulum.fixed_timezone(8 * 3600), dt.timezone(dt.timedelta(hours=8)), dt.timezone.utc],
    )
    def test_a_fixed_offset_is_refused_saying_what_is_accepted(self, tz: dt.tzinfo) -> None:
        """A fixed offset has no IANA name (and no daylight-saving rules): a ScheduleError naming the
        accepted forms, never a plausible clock in the wrong zone."""
        with pytest.raises(ScheduleError, match=r"a zoneinfo\.ZoneInfo or a pendulum Timezone"):
            ServiceClock(WorkCalendar.weekdays(), HOURS, tz)  # type: ignore[arg-type]

    def test_a_zone_read_from_a_file_has_no_name(self) -> None:
        """A ZoneInfo without a key (read from a file) is refused, naming the problem."""
        tzif = files("tzdata.zoneinfo.Asia").joinpath("Shanghai").read_bytes()  # pandas brings tzdata
        keyless = ZoneInfo.from_file(io.BytesIO(tzif))
        with pytest.raises(ScheduleError, match="has no IANA name"):
            ServiceClock(WorkCalendar.weekdays(), HOURS, keyless)

    @pytest.mark.parametrize("tz", [8, None, b"Asia/Shanghai"])
    def test_anything_else_is_a_type_error(self, tz: object) -> None:
        """tz of another type is an InputTypeError naming the three accepted forms."""
        with pytest.raises(InputTypeError, match=r"a zoneinfo\.ZoneInfo or a pendulum Timezone"):
            ServiceClock(WorkCalendar.weekdays(), HOURS, tz)  # type: ignore[arg-type]

    def test_a_report_reads_naive_file_times_in_a_zone_object(self, tmp_path: Path) -> None:
        """batch.report(assume_tz=ZoneInfo or pendulum Timezone) reads offset-less times as by name."""
        path = tmp_path / "cases.csv"
        path.write_text(
            "case,zone,received_at,arrival_at\nA,城区,2026-09-30 16:00,2026-09-30 16:30\n", encoding="utf-8"
        )
        policy = SLAPolicy.from_catalog("insurance-claims-sla")
        now = dt.datetime(2026, 10, 20, tzinfo=SH)
        by_name = report(policy, path, now=now, assume_tz="Asia/Shanghai").to_json()
        for tz in (ZoneInfo("Asia/Shanghai"), pendulum.timezone("Asia/Shanghai")):
            assert report(policy, path, now=now, assume_tz=tz).to_json() == by_name


class TestPendulumInstants:
    @settings(max_examples=60)
    @given(name=clock_names, a=instants(), b=instants(), minutes=st.integers(-3000, 3000))
    def test_the_clock_answers_the_same(
        self, name: str, a: dt.datetime, b: dt.datetime, minutes: int
    ) -> None:
        """Every clock operation on pendulum DateTimes equals the same operation on datetimes, and
        returns plain datetimes in the clock's zone."""
        clock = CLOCKS[name]
        pa, pb = as_pendulum(a), as_pendulum(b)
        d = dt.timedelta(minutes=minutes)
        assert clock.elapsed(pa, pb) == clock.elapsed(a, b) == clock.elapsed(a, pb)
        assert clock.add(pa, d) == clock.add(a, d)
        assert type(clock.add(pa, d)) is dt.datetime
        assert clock.subtract(pa, d) == clock.subtract(a, d)
        assert clock.is_open(pa) == clock.is_open(a)
        assert clock.next_open(pa) == clock.next_open(a)
        assert clock.local(pa) == clock.local(a)
        assert clock.local_date(pa) == clock.local_date(a)
        assert clock.periods(pa, pb) == clock.periods(a, b)

    @settings(max_examples=60)
    @given(name=clock_names, t=instants(), rule=st.sampled_from(RULES))
    def test_deadlines_are_the_same_explanation_and_all(self, name: str, t: dt.datetime, rule: str) -> None:
        """deadline() and due() of a pendulum receipt equal those of the datetime, explanation included."""
        clock = CLOCKS[name]
        ours, theirs = clock.deadline(t, rule), clock.deadline(as_pendulum(t), rule)
        assert theirs == ours
        assert [theirs.explain(lang) for lang in ("zh", "en")] == [
            ours.explain(lang) for lang in ("zh", "en")
        ]
        assert clock.due(as_pendulum(t), rule, end_of_day="midnight") == clock.due(
            t, rule, end_of_day="midnight"
        )

    @settings(max_examples=40)
    @given(t=instants(), pause=st.integers(0, 600), length=st.integers(1, 3000), later=st.integers(0, 20_000))
    def test_timers_are_the_same(self, t: dt.datetime, pause: int, length: int, later: int) -> None:
        """A timer whose events and ``now`` are pendulum DateTimes reports what the datetimes give."""
        clock = ServiceClock.default()
        rule = DeadlineRule("3个工作日")

        def events(conv: object) -> list[TimerEvent]:
            f = conv if callable(conv) else (lambda x: x)
            p0 = t + dt.timedelta(minutes=pause)
            return [
                TimerEvent("start", f(t)),
                TimerEvent("pause", f(p0)),
                TimerEvent("resume", f(p0 + dt.timedelta(minutes=length))),
            ]

        now = t + dt.timedelta(minutes=pause + length + later)
        ours = evaluate_timer("m", clock, rule, events(None), now)
        theirs = evaluate_timer("m", clock, rule, events(as_pendulum), as_pendulum(now))
        assert theirs == ours

    def test_policies_and_complaints_take_them(self) -> None:
        """SLAPolicy.evaluate, ComplaintPolicy.timeline and batch.evaluate take pendulum instants."""
        t = dt.datetime(2026, 9, 30, 16, tzinfo=SH)
        p = pendulum.datetime(2026, 9, 30, 16, tz="Asia/Shanghai")
        policy = SLAPolicy.from_catalog("insurance-claims-sla")
        now = t + dt.timedelta(days=3)
        case = {"zone": "城区"}
        assert policy.evaluate(case, [TimerEvent("start", p)], now=p.add(days=3)) == policy.evaluate(
            case, [TimerEvent("start", t)], now=now
        )
        complaints = ComplaintPolicy.from_catalog("property-complaints")
        assert complaints.timeline(p, "重大") == complaints.timeline(t, "重大")
        cases = pd.DataFrame({"case": ["A"], "zone": ["城区"], "received_at": [pd.Timestamp(t)]})
        pd.testing.assert_frame_equal(
            batch.evaluate(policy, cases, now=p.add(days=3)), batch.evaluate(policy, cases, now=now)
        )

    def test_a_naive_pendulum_datetime_is_refused_like_a_naive_datetime(self) -> None:
        """pendulum.naive(...) has no zone: NaiveDatetimeError, as for a naive datetime."""
        with pytest.raises(NaiveDatetimeError):
            ServiceClock.default().due(pendulum.naive(2026, 9, 30, 16), "3个工作日")

    def test_pendulum_dates_are_dates(self) -> None:
        """A pendulum Date works wherever a date does; a DateTime is an instant, refused as a date."""
        cal = WorkCalendar.china(notices=False)
        assert cal.add_working_days(pendulum.date(2026, 9, 30), 3) == dt.date(2026, 10, 10)
        with pytest.raises(InputTypeError, match="dates depend on the zone"):
            cal.is_working_day(pendulum.datetime(2026, 10, 10, tz="Asia/Shanghai"))


def test_servstd_never_imports_pendulum() -> None:
    """pendulum is a test dependency: no servstd module imports it, even when every API is loaded."""
    code = (
        "import sys, datetime as dt, servstd, servstd.sla as s\n"
        "from zoneinfo import ZoneInfo\n"
        "c = s.ServiceClock.default(); c.deadline(dt.datetime(2026, 9, 30, 16, tzinfo=ZoneInfo('Asia/Shanghai')), '3个工作日')\n"
        "s.SLAPolicy.from_catalog('insurance-claims-sla'); import servstd.sla.batch, servstd.sla.sql, servstd.cli\n"
        "print('pendulum' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
