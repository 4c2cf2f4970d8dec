"""The rules of a single SLA timer: pauses at the deadline, windows, stops, thresholds, counting back."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from servstd.errors import NaiveDatetimeError
from servstd.sla import DeadlineRule, ServiceClock, TimerEvent, TimerStatus, evaluate_timer
from servstd.sla.clock.durations import parse_duration
from tests.strategies import fuzz_examples

SH = ZoneInfo("Asia/Shanghai")
CLOCK = ServiceClock.default()
H = dt.timedelta(hours=1)


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SH)


class _NoOffset(dt.tzinfo):
    """A tzinfo that does not know its offset: the datetime is naive in all but name."""

    def utcoffset(self, _t: dt.datetime | None) -> dt.timedelta | None:
        return None

    def dst(self, _t: dt.datetime | None) -> dt.timedelta | None:
        return None

    def tzname(self, _t: dt.datetime | None) -> str | None:
        return None


class TestEventInstants:
    def test_tzinfo_without_offset_is_naive(self) -> None:
        """An event instant whose tzinfo gives no UTC offset is refused as naive."""
        with pytest.raises(NaiveDatetimeError):
            TimerEvent("start", dt.datetime(2026, 3, 9, 9, tzinfo=_NoOffset()))

    def test_repr_shows_what_was_given(self) -> None:
        """An event's repr names the arguments it was built from, not the derived microseconds."""
        text = repr(TimerEvent("start", at(2026, 3, 9, 9)))
        assert "kind=" in text
        assert "at=" in text
        assert "us=" not in text


class TestPausesAndTheDeadline:
    RULE = DeadlineRule("4工作小时")

    def test_pause_beginning_at_the_due_instant_is_ignored(self) -> None:
        """Only a pause that began *before* the due instant moves it; one at the instant itself does not."""
        t0 = at(2026, 3, 9, 9)  # due 14:00 (4 open hours, lunch 12–13)
        due = CLOCK.due(t0, self.RULE)
        evs = [
            TimerEvent("start", t0),
            TimerEvent("pause", due),
            TimerEvent("resume", at(2026, 3, 10, 12)),
            TimerEvent("complete", at(2026, 3, 10, 12, 30)),
        ]
        r = evaluate_timer("resolution", CLOCK, self.RULE, evs, now=at(2026, 3, 11, 9))
        assert r.due == due
        assert r.paused == dt.timedelta(0)
        assert r.status is TimerStatus.BREACHED

    def test_pause_just_before_the_due_instant_counts(self) -> None:
        """A pause one minute before the due instant pushes it later by the open time it covered."""
        t0 = at(2026, 3, 9, 9)
        due = CLOCK.due(t0, self.RULE)
        p0, p1 = due - dt.timedelta(minutes=1), at(2026, 3, 10, 12)
        evs = [TimerEvent("start", t0), TimerEvent("pause", p0), TimerEvent("resume", p1)]
        r = evaluate_timer("resolution", CLOCK, self.RULE, evs, now=at(2026, 3, 10, 12, 30))
        assert r.paused == CLOCK.elapsed(p0, p1)
        assert r.due == CLOCK.add(due, CLOCK.elapsed(p0, p1))

    def test_an_open_pause_reads_paused(self) -> None:
        """A metric paused (no resumption yet) before its deadline has status PAUSED."""
        t0 = at(2026, 3, 9, 9)
        evs = [TimerEvent("start", t0), TimerEvent("pause", at(2026, 3, 9, 10))]
        r = evaluate_timer("resolution", CLOCK, self.RULE, evs, now=at(2026, 3, 9, 11))
        assert r.status is TimerStatus.PAUSED

    @settings(max_examples=fuzz_examples(150))
    @given(
        offsets=st.lists(
            st.integers(min_value=1, max_value=3 * 24 * 60), min_size=4, max_size=6, unique=True
        ),
        end=st.integers(min_value=0, max_value=4 * 24 * 60),
        completed=st.booleans(),
    )
    def test_elapsed_excludes_every_pause(self, offsets: list[int], end: int, completed: bool) -> None:
        """Elapsed open time is the open time from start to end minus the open time of each pause before end."""
        t0 = at(2026, 3, 9, 9, 30)
        minute = dt.timedelta(minutes=1)
        marks = sorted(offsets)
        marks = marks[: len(marks) // 2 * 2]
        pairs = [(t0 + marks[i] * minute, t0 + marks[i + 1] * minute) for i in range(0, len(marks), 2)]
        stop = t0 + end * minute
        evs = [TimerEvent("start", t0)]
        for p0, p1 in pairs:
            if p0 < stop or not completed:
                evs += [TimerEvent("pause", p0), TimerEvent("resume", p1)]
        if completed:
            # a pause still open at completion is closed by it
            evs = [e for e in evs if e.at <= stop]
            evs.append(TimerEvent("complete", stop))
        now = max(stop, t0 + marks[-1] * minute) + H
        rule = DeadlineRule("5个工作日")
        r = evaluate_timer("resolution", CLOCK, rule, evs, now=now)
        last = stop if completed else now
        # the pauses as the timer sees them: alternating pause/resume events, clipped at the end
        pauses: list[tuple[dt.datetime, dt.datetime]] = []
        opened: dt.datetime | None = None
        for e in evs:
            if e.kind.value == "pause":
                opened = e.at
            elif e.kind.value in ("resume", "complete") and opened is not None:
                pauses.append((opened, e.at))
                opened = None
        in_pauses = sum(
            (CLOCK.elapsed(a, min(b, last)) for a, b in pauses if min(b, last) > a), dt.timedelta(0)
        )
        assert r.elapsed == CLOCK.elapsed(t0, last) - in_pauses


class TestStopsAndThresholds:
    RULE = DeadlineRule("4工作小时")

    def test_stop_within_the_deadline_is_stopped(self) -> None:
        """A case stopped before its due instant is STOPPED, not breached."""
        t0 = at(2026, 3, 9, 9)
        evs = [TimerEvent("start", t0), TimerEvent("stop", at(2026, 3, 9, 10))]
        r = evaluate_timer("resolution", CLOCK, self.RULE, evs, now=at(2026, 3, 10, 9))
        assert r.status is TimerStatus.STOPPED

    def test_stop_after_the_deadline_is_breached(self) -> None:
        """A case stopped after its due instant was already breached."""
        t0 = at(2026, 3, 9, 9)
        evs = [TimerEvent("start", t0), TimerEvent("stop", at(2026, 3, 9, 15))]
        r = evaluate_timer("resolution", CLOCK, self.RULE, evs, now=at(2026, 3, 10, 9))
        assert r.status is TimerStatus.BREACHED

    @pytest.mark.parametrize(
        ("hour", "status", "threshold"),
        [
            (10, TimerStatus.RUNNING, None),  # 1 of 4 open hours: a quarter
            (11, TimerStatus.AT_RISK, Fraction(1, 2)),  # half, exactly
            (13, TimerStatus.AT_RISK, Fraction(3, 4)),  # 9–12 (lunch 12–13 closed): three quarters
        ],
    )
    def test_default_thresholds_are_a_half_and_three_quarters(
        self, hour: int, status: TimerStatus, threshold: Fraction | None
    ) -> None:
        """Without thresholds a timer warns at half and at three quarters of the allowed open time."""
        t0 = at(2026, 3, 9, 9)
        r = evaluate_timer(
            "resolution", CLOCK, self.RULE, [TimerEvent("start", t0)], now=at(2026, 3, 9, hour)
        )
        assert (r.status, r.threshold) == (status, threshold)


class TestCountingBackResults:
    EXPIRY = at(2026, 10, 12, 0, 0)
    RULE = DeadlineRule("到期前5个工作日")

    def test_a_stop_before_the_due_instant_is_stopped(self) -> None:
        """A counting-back metric whose case is stopped before its due instant is STOPPED."""
        evs = [TimerEvent("start", self.EXPIRY), TimerEvent("stop", at(2026, 9, 28, 10))]
        r = evaluate_timer("renewal_notice", CLOCK, self.RULE, evs, now=at(2026, 10, 1, 9))
        assert r.status is TimerStatus.STOPPED
        assert r.remaining == CLOCK.elapsed(at(2026, 9, 28, 10), r.due)

    def test_no_pause_and_no_share_used(self) -> None:
        """A counting-back metric has no paused time and no share of time used (it has no beginning)."""
        r = evaluate_timer(
            "renewal_notice", CLOCK, self.RULE, [TimerEvent("start", self.EXPIRY)], now=at(2026, 9, 28, 9)
        )
        assert r.paused == dt.timedelta(0)
        assert r.elapsed == dt.timedelta(0)
        assert r.used == 0
        assert r.threshold is None


class TestWindows:
    """A window ("3–7天") opens at 00:00 of its first day; completion before it is EARLY."""

    T0 = at(2026, 3, 9, 10)  # Monday

    def _window(self, earliest: str) -> dt.datetime | None:
        evs = [TimerEvent("start", self.T0)]
        rule = DeadlineRule("7天")
        return evaluate_timer(
            "follow_up", CLOCK, rule, evs, now=self.T0, earliest=parse_duration(earliest)
        ).window_opens

    @pytest.mark.parametrize("n", [1, 2, 3, 5])
    def test_calendar_days_window_opens_at_midnight(self, n: int) -> None:
        """ "n天" opens at 00:00 of the n-th day after the day of the start."""
        assert self._window(f"{n}天") == at(2026, 3, 9 + n)

    @pytest.mark.parametrize("n", [1, 2, 5])
    def test_working_days_window_opens_at_midnight_of_the_nth_working_day(self, n: int) -> None:
        """ "n个工作日" opens at 00:00 of the n-th working day after the day of the start."""
        day = CLOCK.calendar.add_working_days(self.T0.date(), n)
        assert self._window(f"{n}个工作日") == at(day.year, day.month, day.day)

    def test_months_window_is_the_deadline_of_the_period(self) -> None:
        """A window in months opens at the deadline that period gives (not at a day count)."""
        assert self._window("1个月") == CLOCK.due(self.T0, "1个月")

    def test_business_time_window_counts_open_time(self) -> None:
        """A window in business hours opens after that much open time."""
        assert self._window("3工作小时") == CLOCK.add(self.T0, 3 * H)

    def test_clock_time_window_counts_wall_time(self) -> None:
        """A window in hours opens after that much wall-clock time."""
        assert self._window("30小时") == self.T0 + 30 * H

    def test_completion_before_the_window_is_early(self) -> None:
        """Completed before the window opens: EARLY; at the opening: MET."""
        rule = DeadlineRule("7天")
        for done, status in (
            (at(2026, 3, 11, 23, 59), TimerStatus.EARLY),
            (at(2026, 3, 12), TimerStatus.MET),
        ):
            evs = [TimerEvent("start", self.T0), TimerEvent("complete", done)]
            r = evaluate_timer("follow_up", CLOCK, rule, evs, now=done, earliest=parse_duration("3天"))
            assert r.status is status
