"""Batch benchmarks: servstd.sla.batch against numpy, pandas, businesstimedelta and business_duration.

Each alternative runs on the same generated cases in the same run; slow alternatives run on a
sample and their per-element time is reported. Answers are compared with servstd's (which equal the
scalar API by the test suite) and the share that differs is printed.
"""

from __future__ import annotations

import datetime as dt
import time
import warnings
from typing import Any

import numpy as np

from servstd.sla import BusinessHours, ServiceClock, WorkCalendar, batch

HOURS = "09:00-12:00,13:30-18:00"
CAL = WorkCalendar.china()
CLOCK = ServiceClock(CAL, BusinessHours.parse(HOURS), "Asia/Shanghai")
SH = dt.timezone(dt.timedelta(hours=8))


def _best(fn: Any, repeat: int = 3) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def _weekday_rest_days() -> list[dt.date]:
    d, out = dt.date(2016, 1, 1), []
    while d <= dt.date(2026, 12, 31):
        if d.weekday() < 5 and not CAL.is_working_day(d):
            out.append(d)
        d += dt.timedelta(days=1)
    return out


def working_days(n: int, figures: dict[str, Any]) -> None:
    rng = np.random.default_rng(1)
    dates = np.datetime64("2017-01-01") + rng.integers(0, 365 * 9, n).astype("timedelta64[D]")
    batch.add_working_days(CAL, dates[:10], 3)  # warm the tables
    t_ours, ours = _best(lambda: batch.add_working_days(CAL, dates, 3))
    hol = np.array(_weekday_rest_days(), dtype="datetime64[D]")
    t_np, theirs = _best(lambda: np.busday_offset(dates, 3, roll="backward", holidays=hol))
    wrong = int((ours != theirs).sum())
    print(f"\n== Add 3 working days to {n:,} dates (China 2017–2025) ==")
    print(f"servstd batch.add_working_days   {n / t_ours / 1e6:6.2f} M/s")
    print(f"numpy.busday_offset              {n / t_np / 1e6:6.2f} M/s   servstd/numpy speed ratio {t_np / t_ours:5.2f}×   "
          f"numpy wrong on {wrong / n:.1%} (no make-up working days)")  # fmt: skip
    figures["working_days"] = {
        "n": n,
        "servstd_per_s": n / t_ours,
        "numpy_per_s": n / t_np,
        "numpy_wrong_share": wrong / n,
    }


def _makeup_days() -> np.ndarray:
    """The make-up working days (调休上班: a Saturday or Sunday that is a working day), 2016–2026."""
    d, out = dt.date(2016, 1, 1), []
    while d <= dt.date(2026, 12, 31):
        if d.weekday() >= 5 and CAL.is_working_day(d):
            out.append(d)
        d += dt.timedelta(days=1)
    return np.array(out, dtype="datetime64[D]")


def classify(starts: np.ndarray, ours: np.ndarray, theirs: np.ndarray) -> dict[str, int]:
    """Each answer that differs from servstd's, as a convention or a wrong answer.

    A convention: the two instants are the same point of business time (servstd's clock counts no
    open time between them: pandas lands on the next opening, 09:00, where servstd lands on the
    close, 18:00, of the day the time runs out). Anything else is a wrong answer, and is said to
    involve make-up days when a make-up working day lies between the start and the later answer.
    All arrays are UTC ``datetime64[us]``.
    """
    differ = np.flatnonzero(ours != theirs)
    lo, hi = np.minimum(ours[differ], theirs[differ]), np.maximum(ours[differ], theirs[differ])
    same_point = batch.elapsed(CLOCK, lo, hi) == np.timedelta64(0, "us")
    wrong = differ[~same_point]
    local = np.timedelta64(8, "h")
    first = (starts[wrong] + local).astype("datetime64[D]")
    last = (np.maximum(ours[wrong], theirs[wrong]) + local).astype("datetime64[D]")
    makeup = _makeup_days()
    crossed = np.searchsorted(makeup, last, side="right") > np.searchsorted(makeup, first, side="left")
    return {
        "differ": int(differ.size), "convention": int(same_point.sum()),
        "wrong": int(wrong.size), "wrong_with_makeup_days": int(crossed.sum()),
    }  # fmt: skip


def _instants(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    base = np.datetime64("2024-01-01T00:00", "us")
    return base + (rng.integers(0, 60 * 24 * 365 * 2 + 60 * 24 * 200, n) * 60_000_000).astype(
        "timedelta64[us]"
    )


def business_hours(n: int, figures: dict[str, Any]) -> None:
    import businesstimedelta as btd
    import pandas as pd

    starts = _instants(n, 2)
    d16 = np.timedelta64(16, "h").astype("timedelta64[us]")
    batch.add(CLOCK, starts[:10], d16)
    t_ours, ours = _best(lambda: batch.add(CLOCK, starts, d16))
    # for reference, what a hand-written numpy prefix-sum lookup over the clock's open intervals
    # (ServiceClock.periods) does: no checks, no missing values, one fixed duration
    x = starts.astype(np.int64)
    lo = dt.datetime.fromtimestamp(int(x.min()) // 1_000_000 - 86_400, dt.timezone.utc)
    hi = dt.datetime.fromtimestamp(int(x.max()) // 1_000_000 + 60 * 86_400, dt.timezone.utc)
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    spans = np.array(
        [[(a - epoch) // dt.timedelta(microseconds=1), (b - epoch) // dt.timedelta(microseconds=1)]
         for a, b in CLOCK.periods(lo, hi)],
        dtype=np.int64,
    )  # fmt: skip
    p_starts, p_ends = spans[:, 0], spans[:, 1]
    cum_end = np.cumsum(p_ends - p_starts)
    cum = cum_end - (p_ends - p_starts)

    def core() -> Any:
        i = np.maximum(np.searchsorted(p_starts, x, side="right") - 1, 0)
        c = cum[i] + np.clip(x - p_starts[i], 0, p_ends[i] - p_starts[i]) + 16 * 3_600_000_000
        j = np.searchsorted(cum_end, c)
        return p_starts[j] + (c - cum[j])

    t_core, core_out = _best(core)
    assert np.array_equal(core_out, ours.astype(np.int64)), "the numpy reference disagrees with batch.add"
    hol = [d for d in _weekday_rest_days() if d.year >= 2023]
    local = pd.to_datetime(starts) + pd.Timedelta(hours=8)  # naive local wall times
    k = min(n, 2_000)
    cbh = pd.offsets.CustomBusinessHour(n=16, start=["09:00", "13:30"], end=["12:00", "18:00"], holidays=hol)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t_pd, pd_res = _best(lambda: [ts + cbh for ts in local[:k]], repeat=1)
    rules = btd.Rules([
        btd.WorkDayRule(start_time=dt.time(9), end_time=dt.time(18), working_days=[0, 1, 2, 3, 4]),
        btd.LunchTimeRule(start_time=dt.time(12), end_time=dt.time(13, 30), working_days=[0, 1, 2, 3, 4]),
        btd.HolidayRule([*hol, dt.date(2030, 1, 1)]),
    ])  # fmt: skip
    delta = btd.BusinessTimeDelta(rules, hours=16)
    kb = min(n, 500)
    t_bt, bt_res = _best(lambda: [ts.to_pydatetime() + delta for ts in local[:kb]], repeat=1)
    ours_local = (pd.to_datetime(ours[:k]) + pd.Timedelta(hours=8)).to_pydatetime()
    wrong_pd = sum(a != b.to_pydatetime() for a, b in zip(ours_local, pd_res, strict=True))
    wrong_bt = sum(a != b.replace(tzinfo=None) for a, b in zip(ours_local[:kb], bt_res, strict=True))
    eight = np.timedelta64(8, "h")
    kinds_pd = classify(
        starts[:k], ours[:k], np.array([t.to_datetime64() for t in pd_res], dtype="datetime64[us]") - eight
    )
    kinds_bt = classify(
        starts[:kb],
        ours[:kb],
        np.array([t.replace(tzinfo=None) for t in bt_res], dtype="datetime64[us]") - eight,
    )
    per_ours, per_pd, per_bt = t_ours / n, t_pd / k, t_bt / kb
    print(f"\n== Add 16 business hours ({HOURS}, China holidays) to {n:,} instants ==")
    print(f"servstd batch.add              {1 / per_ours / 1e6:6.2f} M/s")
    print(
        f"  numpy reference              {n / t_core / 1e6:6.2f} M/s   (the ceiling: searchsorted on prefix sums, no checks)"
    )
    print(
        f"pandas CustomBusinessHour      {1 / per_pd / 1e3:6.2f} k/s   servstd is {per_pd / per_ours:8,.0f}× faster   {wrong_pd}/{k} differ"
    )
    print(
        f"businesstimedelta              {1 / per_bt / 1e3:6.2f} k/s   servstd is {per_bt / per_ours:8,.0f}× faster   {wrong_bt}/{kb} differ"
    )
    for name, kinds, size in (("pandas CBH", kinds_pd, k), ("businesstimedelta", kinds_bt, kb)):
        print(
            f"  {name:18} of {size:,}: {kinds['convention'] / size:6.1%} a convention (the next opening for the close), "
            f"{kinds['wrong'] / size:6.1%} wrong ({kinds['wrong_with_makeup_days'] / size:.1%} across a make-up working day)"
        )
    figures["business_add"] = {
        "n": n, "servstd_per_s": 1 / per_ours, "core_per_s": n / t_core, "pandas_per_s": 1 / per_pd,
        "businesstimedelta_per_s": 1 / per_bt, "ratio_vs_pandas": per_pd / per_ours, "ratio_vs_businesstimedelta": per_bt / per_ours,
        "pandas_wrong": [wrong_pd, k], "businesstimedelta_wrong": [wrong_bt, kb],
        "pandas_kinds": {**kinds_pd, "n": k}, "businesstimedelta_kinds": {**kinds_bt, "n": kb},
    }  # fmt: skip


def business_elapsed(n: int, figures: dict[str, Any]) -> None:
    import businesstimedelta as btd
    import pandas as pd
    from business_duration import businessDuration

    a = _instants(n, 3)
    b = a + (np.random.default_rng(4).integers(0, 60 * 24 * 20, n) * 60_000_000).astype("timedelta64[us]")
    batch.elapsed(CLOCK, a[:10], b[:10])
    t_ours, ours = _best(lambda: batch.elapsed(CLOCK, a, b))
    hol = [d for d in _weekday_rest_days() if d.year >= 2023]
    la = (pd.to_datetime(a) + pd.Timedelta(hours=8)).to_pydatetime()
    lb = (pd.to_datetime(b) + pd.Timedelta(hours=8)).to_pydatetime()
    k = min(n, 300)
    holiday_dict = dict.fromkeys(hol, "rest")

    def bd() -> list[float]:
        out = []
        for x, y in zip(la[:k], lb[:k], strict=True):
            morning = businessDuration(x, y, dt.time(9), dt.time(12), holidaylist=holiday_dict, unit="sec")
            afternoon = businessDuration(
                x, y, dt.time(13, 30), dt.time(18), holidaylist=holiday_dict, unit="sec"
            )
            out.append((0 if pd.isna(morning) else morning) + (0 if pd.isna(afternoon) else afternoon))
        return out

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t_bd, bd_res = _best(bd, repeat=1)
    rules = btd.Rules([
        btd.WorkDayRule(start_time=dt.time(9), end_time=dt.time(18), working_days=[0, 1, 2, 3, 4]),
        btd.LunchTimeRule(start_time=dt.time(12), end_time=dt.time(13, 30), working_days=[0, 1, 2, 3, 4]),
        btd.HolidayRule([*hol, dt.date(2030, 1, 1)]),
    ])  # fmt: skip
    kb = min(n, 300)
    t_bt, bt_res = _best(
        lambda: [rules.difference(x, y) for x, y in zip(la[:kb], lb[:kb], strict=True)], repeat=1
    )
    ours_s = ours.astype("timedelta64[s]").astype(np.int64)
    wrong_bd = sum(int(o) != round(v) for o, v in zip(ours_s[:k], bd_res, strict=True))
    wrong_bt = sum(
        int(o) != int(v.timedelta.total_seconds()) for o, v in zip(ours_s[:kb], bt_res, strict=True)
    )
    per_ours, per_bd, per_bt = t_ours / n, t_bd / k, t_bt / kb
    # an elapsed time has no second representation: every difference is a wrong answer; say how
    # many of them span a make-up working day (a rest day to the alternative)
    makeup = _makeup_days()
    eight = np.timedelta64(8, "h")
    first, last = (a + eight).astype("datetime64[D]"), (b + eight).astype("datetime64[D]")
    spans = np.searchsorted(makeup, last, side="right") > np.searchsorted(makeup, first, side="left")
    diff_bd = np.array([int(o) != round(v) for o, v in zip(ours_s[:k], bd_res, strict=True)])
    diff_bt = np.array(
        [int(o) != int(v.timedelta.total_seconds()) for o, v in zip(ours_s[:kb], bt_res, strict=True)]
    )
    makeup_bd, makeup_bt = int((diff_bd & spans[:k]).sum()), int((diff_bt & spans[:kb]).sum())
    print(f"\n== Elapsed business time for {n:,} pairs ==")
    print(f"servstd batch.elapsed          {1 / per_ours / 1e6:6.2f} M/s")
    print(
        f"business_duration              {1 / per_bd / 1e3:6.2f} k/s   servstd is {per_bd / per_ours:8,.0f}× faster   {wrong_bd}/{k} differ"
    )
    print(
        f"businesstimedelta              {1 / per_bt / 1e3:6.2f} k/s   servstd is {per_bt / per_ours:8,.0f}× faster   {wrong_bt}/{kb} differ"
    )
    print(
        f"  every difference is a wrong answer (no convention): business_duration {makeup_bd}/{wrong_bd}, "
        f"businesstimedelta {makeup_bt}/{wrong_bt} of them across a make-up working day"
    )
    figures["business_elapsed"] = {
        "business_duration_wrong_with_makeup_days": makeup_bd, "businesstimedelta_wrong_with_makeup_days": makeup_bt,
        "n": n, "servstd_per_s": 1 / per_ours, "business_duration_per_s": 1 / per_bd, "businesstimedelta_per_s": 1 / per_bt,
        "ratio_vs_business_duration": per_bd / per_ours, "ratio_vs_businesstimedelta": per_bt / per_ours,
        "business_duration_wrong": [wrong_bd, k], "businesstimedelta_wrong": [wrong_bt, kb],
    }  # fmt: skip


def memory(figures: dict[str, Any]) -> None:
    clock = ServiceClock(CAL, BusinessHours.parse(HOURS), "Asia/Shanghai")
    batch.elapsed(
        clock,
        np.array(["2004-01-05T02:00"], dtype="datetime64[us]"),
        np.array(["2026-12-01T02:00"], dtype="datetime64[us]"),
    )
    size = batch.memory_bytes(clock)
    print(f"\n== Memory: cached interval arrays for 2004–2026 (lists + numpy views): {size / 1e6:.2f} MB ==")
    figures["memory_bytes_2004_2026"] = size


def run(*, quick: bool, figures: dict[str, Any]) -> None:
    n = 100_000 if quick else 1_000_000
    working_days(n, figures)
    business_hours(n, figures)
    business_elapsed(n, figures)
    memory(figures)
