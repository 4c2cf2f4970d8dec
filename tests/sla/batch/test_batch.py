"""The batch engine equals the scalar API element by element (issue: batch engine)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from servstd.errors import CalendarCoverageError, InputTypeError, InputValueError
from servstd.sla import DeadlineRule, ServiceClock, WorkCalendar, batch
from tests.strategies import CLOCKS, clock_names

UTC = dt.timezone.utc
NAT = np.datetime64("NaT", "us")
LO = int(dt.datetime(2024, 1, 1, tzinfo=UTC).timestamp()) * 1_000_000
HI = int(dt.datetime(2026, 8, 31, tzinfo=UTC).timestamp()) * 1_000_000

instant_arrays = st.lists(
    st.one_of(st.integers(LO // 60_000_000, HI // 60_000_000).map(lambda m: m * 60_000_000), st.just(None)),
    min_size=1,
    max_size=40,
)


def to_array(values: list[int | None]) -> np.ndarray:
    return np.array(
        [np.datetime64(v, "us") if v is not None else NAT for v in values], dtype="datetime64[us]"
    )


def to_dt(v: np.datetime64) -> dt.datetime:
    return dt.datetime(1970, 1, 1, tzinfo=UTC) + dt.timedelta(microseconds=int(v.astype(np.int64)))


def from_dt(t: dt.datetime) -> np.datetime64:
    return np.datetime64((t - dt.datetime(1970, 1, 1, tzinfo=UTC)) // dt.timedelta(microseconds=1), "us")


@given(
    name=clock_names,
    values=instant_arrays,
    minutes=st.lists(st.integers(-3000, 6000), min_size=40, max_size=40),
)
def test_add_equals_scalar(name: str, values: list[int | None], minutes: list[int]) -> None:
    """batch.add == clock.add on every element; NaT stays NaT."""
    clock = CLOCKS[name]
    arr = to_array(values)
    d = np.array(minutes[: arr.size], dtype=np.int64) * 60_000_000
    out = batch.add(clock, arr, d.astype("timedelta64[us]"))
    for a, m, o in zip(arr, d, out, strict=True):
        if np.isnat(a):
            assert np.isnat(o)
        else:
            assert o == from_dt(clock.add(to_dt(a), dt.timedelta(microseconds=int(m))))


@given(name=clock_names, a=instant_arrays, b=instant_arrays)
def test_elapsed_and_is_open_equal_scalar(name: str, a: list[int | None], b: list[int | None]) -> None:
    """batch.elapsed and batch.is_open equal the scalar answers."""
    clock = CLOCKS[name]
    n = min(len(a), len(b))
    x, y = to_array(a[:n]), to_array(b[:n])
    out = batch.elapsed(clock, x, y)
    opened = batch.is_open(clock, x)
    for xi, yi, oi, op in zip(x, y, out, opened, strict=True):
        if np.isnat(xi) or np.isnat(yi):
            assert np.isnat(oi)
        else:
            assert int(oi.astype(np.int64)) == clock.elapsed(to_dt(xi), to_dt(yi)) // dt.timedelta(
                microseconds=1
            )
        assert bool(op) == (not np.isnat(xi) and clock.is_open(to_dt(xi)))


RULES = [
    DeadlineRule("3个工作日"), DeadlineRule("15个工作日"), DeadlineRule("2日"), DeadlineRule("10日"),
    DeadlineRule("1个月"), DeadlineRule("一年"), DeadlineRule("当天"), DeadlineRule("次日"), DeadlineRule("次工作日"),
    DeadlineRule("48小时"), DeadlineRule("4工作小时"), DeadlineRule("半个工作日"),
    DeadlineRule("3个工作日", end_of_day="midnight"), DeadlineRule("2日", count_start_day=True),
    DeadlineRule("5个工作日", count_start_day=True), DeadlineRule("当天", cutoff=dt.time(17)),
    DeadlineRule("4工作小时", cutoff=dt.time(16, 30)), DeadlineRule("1个月", count_start_day=True),
    DeadlineRule("3个自然日"), DeadlineRule("10个自然日", end_of_day="close"),
    DeadlineRule("3个自然日", move_off_rest_day=True), DeadlineRule("2日", move_off_rest_day=False),
    DeadlineRule("2个自然日", count_start_day=True),
]  # fmt: skip
BACK_RULES = [
    DeadlineRule("到期前5个工作日"), DeadlineRule("提前3日"), DeadlineRule("提前一个月"), DeadlineRule("提前一年"),
    DeadlineRule("提前3个自然日"), DeadlineRule("提前3日", move_off_rest_day=False),
    DeadlineRule("提前3个自然日", move_off_rest_day=True), DeadlineRule("提前2工作小时"),
    DeadlineRule("提前半个工作日"), DeadlineRule("提前3小时"), DeadlineRule("到期前20个工作日", end_of_day="midnight"),
]  # fmt: skip
WINDOW_RULES = [
    DeadlineRule("在生效对应日前5个工作日内"), DeadlineRule("在到期日前30日内"), DeadlineRule("在到期日前3个自然日内"),
    DeadlineRule("within 1 month before the anniversary"), DeadlineRule("在基准日前1个工作日内", end_of_day="midnight"),
    DeadlineRule("在基准时间前3小时内"), DeadlineRule("在基准时间前4工作小时内"), DeadlineRule("在基准日前半个工作日内"),
    DeadlineRule("在到期日前2个自然日内", end_of_day="close"),
]  # fmt: skip
SCALAR_CLOCKS = ["default", "lunch-break", "holiday-hall", "7x24", "overnight"]


@given(
    name=st.sampled_from(SCALAR_CLOCKS),
    values=instant_arrays,
    rule=st.sampled_from(RULES + BACK_RULES + WINDOW_RULES),
)
def test_deadline_equals_scalar(name: str, values: list[int | None], rule: DeadlineRule) -> None:
    """batch.due == clock.due for every rule kind and knob."""
    clock = CLOCKS[name]
    arr = to_array(values)
    try:
        expected = [None if np.isnat(a) else from_dt(clock.due(to_dt(a), rule)) for a in arr]
    except CalendarCoverageError:  # past the calendar's coverage: batch must refuse too
        with pytest.raises(CalendarCoverageError):
            batch.due(clock, arr, rule)
        return
    out = batch.due(clock, arr, rule)
    for a, o, e in zip(arr, out, expected, strict=True):
        if e is None:
            assert np.isnat(o)
        else:
            assert o == e, (to_dt(a), rule)


KNOBS = st.fixed_dictionaries(
    {},
    optional={
        "end_of_day": st.sampled_from(["close", "midnight"]),
        "cutoff": st.sampled_from([dt.time(17), dt.time(9, 30)]),
        "count_start_day": st.booleans(),
        "move_off_rest_day": st.booleans(),
    },
)


@given(
    name=st.sampled_from(SCALAR_CLOCKS),
    values=instant_arrays,
    rule=st.sampled_from(["3个工作日", "2日", "3个自然日", "1个月", "当天", "次日", "4工作小时", "提前3日"]),
    knobs=KNOBS,
)
def test_due_takes_the_scalar_keywords(
    name: str, values: list[int | None], rule: str, knobs: dict[str, object]
) -> None:
    """batch.due(clock, starts, rule, **knobs) == clock.due(t, rule, **knobs) for every knob the
    scalar verb takes; a knob the rule cannot take is refused by both alike (by the column at once,
    even when every value is missing)."""
    clock = CLOCKS[name]
    arr = to_array(values)
    try:
        DeadlineRule(rule, **knobs)  # type: ignore[arg-type]
    except (InputTypeError, InputValueError) as exc:
        with pytest.raises(type(exc)):
            batch.due(clock, arr, rule, **knobs)  # type: ignore[arg-type]
        return
    try:
        expected = [None if np.isnat(a) else from_dt(clock.due(to_dt(a), rule, **knobs)) for a in arr]  # type: ignore[arg-type]
    except CalendarCoverageError:
        with pytest.raises(CalendarCoverageError):
            batch.due(clock, arr, rule, **knobs)  # type: ignore[arg-type]
        return
    out = batch.due(clock, arr, rule, **knobs)  # type: ignore[arg-type]
    for a, o, e in zip(arr, out, expected, strict=True):
        assert np.isnat(o) if e is None else o == e, (to_dt(a), rule, knobs)


@given(name=st.sampled_from(SCALAR_CLOCKS), values=instant_arrays, rule=st.sampled_from(WINDOW_RULES))
def test_window_opens_equals_scalar(name: str, values: list[int | None], rule: DeadlineRule) -> None:
    """batch.window_opens == clock.deadline(reference, rule).opens for every window form."""
    clock = CLOCKS[name]
    arr = to_array(values)
    out = batch.window_opens(clock, arr, rule)
    for a, o in zip(arr, out, strict=True):
        if np.isnat(a):
            assert np.isnat(o)
        else:
            opens = clock.deadline(to_dt(a), rule).opens
            assert opens is not None
            assert o == from_dt(opens), (to_dt(a), rule)


def test_window_opens_needs_a_window() -> None:
    """window_opens of a rule that is no window is refused, naming the accepted form."""
    with pytest.raises(InputValueError, match="not a window before a reference"):
        batch.window_opens(
            ServiceClock.default(), np.array(["2026-10-11T16:00"], dtype="datetime64[us]"), "3日"
        )


def test_counting_back_across_years_loads_only_what_it_needs() -> None:
    """A window reaching back past the loaded years loads earlier ones (2 years of working days)."""
    clock = ServiceClock.default()
    refs = np.array(["2026-01-05T02:00", "NaT"], dtype="datetime64[us]")
    rule = DeadlineRule("在基准日前480个工作日内")
    expected = clock.deadline(to_dt(refs[0]), rule)
    assert expected.opens is not None
    assert batch.window_opens(clock, refs, rule)[0] == from_dt(expected.opens)
    assert np.isnat(batch.window_opens(clock, refs, rule)[1])
    assert batch.due(clock, refs, rule)[0] == from_dt(expected.due)


@given(
    dates=st.lists(st.dates(dt.date(2004, 1, 1), dt.date(2024, 12, 31)), min_size=1, max_size=50),
    n=st.integers(-300, 300),
)
def test_add_working_days_equals_scalar(dates: list[dt.date], n: int) -> None:
    """batch.add_working_days == WorkCalendar.add_working_days."""
    cal = WorkCalendar.china()
    out = batch.add_working_days(cal, np.array(dates, dtype="datetime64[D]"), n)
    assert [o.astype(dt.date) for o in out] == [cal.add_working_days(d, n) for d in dates]


class TestAdapters:
    CLOCK = ServiceClock.default()
    T = (
        dt.datetime(2026, 9, 30, 16, tzinfo=ZoneInfo("Asia/Shanghai")),
        dt.datetime(2026, 10, 9, 9, 30, tzinfo=UTC),
    )

    def expected(self) -> list[dt.datetime]:
        return [self.CLOCK.due(t, "3个工作日") for t in self.T]

    def test_pandas(self) -> None:
        """A tz-aware pandas Series in, a tz-aware Series out (UTC), with missing values kept."""
        s = pd.Series([*self.T, None], dtype="datetime64[ns, Asia/Shanghai]")
        out = batch.due(self.CLOCK, s, "3个工作日")
        assert list(out[:2]) == [pd.Timestamp(e) for e in self.expected()]
        assert pd.isna(out[2])
        with pytest.raises(InputTypeError):
            batch.due(self.CLOCK, pd.Series([dt.datetime(2026, 1, 1)]), "1日")

    def test_polars(self) -> None:
        """A polars Datetime series with a zone."""
        s = pl.Series("t", [*self.T, None], dtype=pl.Datetime("us", "UTC"))
        out = batch.due(self.CLOCK, s, "3个工作日")
        got = out.to_list()
        assert got[:2] == [e.astimezone(ZoneInfo("UTC")) for e in self.expected()]
        assert got[2] is None

    def test_pyarrow(self) -> None:
        """A pyarrow timestamp array with a zone."""
        a = pa.array([*self.T, None], type=pa.timestamp("us", tz="Asia/Shanghai"))
        out = batch.due(self.CLOCK, a, "3个工作日")
        assert out.to_pylist()[:2] == [e.astimezone(ZoneInfo("UTC")) for e in self.expected()]
        assert out.to_pylist()[2] is None

    def test_epoch_integers(self) -> None:
        """Epoch integers in seconds come back in seconds."""
        secs = np.array([int(t.timestamp()) for t in self.T], dtype=np.int64)
        out = batch.due(self.CLOCK, secs, "3个工作日", unit="s")
        assert list(out) == [int(e.timestamp()) for e in self.expected()]

    def test_coverage_is_enforced(self) -> None:
        """A strict calendar raises in batch too when a result leaves its coverage."""
        last = WorkCalendar.china().coverage.last
        arr = np.array([f"{last}-12-30T02:00"], dtype="datetime64[us]")
        with pytest.raises(CalendarCoverageError):
            batch.due(self.CLOCK, arr, "10个工作日")

    def test_memory_figure(self) -> None:
        """The cached arrays for 2004–2026 stay small (a few MB at most)."""
        clock = ServiceClock.default()
        arr = np.array(["2004-01-05T02:00", "2026-12-01T02:00"], dtype="datetime64[us]")
        batch.elapsed(clock, arr[:1], arr[1:])
        assert batch.memory_bytes(clock) < 4_000_000
