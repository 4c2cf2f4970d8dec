"""Threads: every clock and calendar operation gives the single-threaded answer, whatever other threads load."""

from __future__ import annotations

import datetime as dt
import random
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from zoneinfo import ZoneInfo

from servstd.sla import BusinessHours, ServiceClock, WorkCalendar

NY = ZoneInfo("America/New_York")
SH = ZoneInfo("Asia/Shanghai")


def new_york() -> ServiceClock:
    return ServiceClock(WorkCalendar.weekdays(), BusinessHours.parse("09:00-17:00"), "America/New_York")


def overnight() -> ServiceClock:
    return ServiceClock(
        WorkCalendar.weekdays(), BusinessHours.parse("08:00-12:00,22:00-06:00"), "Europe/Berlin"
    )


def mainland() -> ServiceClock:
    return ServiceClock.default()


@contextmanager
def busy_switching() -> Iterator[None]:
    """Switch threads as often as the interpreter allows, so interleavings are many."""
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(old)


def run_together(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run each call in its own thread, all released at once; return results (or exceptions)."""
    barrier = threading.Barrier(len(calls))
    out: list[Any] = [None] * len(calls)

    def work(k: int) -> None:
        barrier.wait()
        try:
            out[k] = calls[k]()
        except Exception as exc:
            out[k] = exc

    threads = [threading.Thread(target=work, args=(k,)) for k in range(len(calls))]
    with busy_switching():
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    return out


Op = tuple[str, dt.datetime, dt.datetime, dt.timedelta]


def operations(rng: random.Random, zone: ZoneInfo, years: range) -> list[Op]:
    """Sixteen calls of every kind at instants spread over ``years`` (so the threads load years)."""
    ops: list[Op] = []
    for _ in range(16):
        t = dt.datetime(
            rng.choice(years), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), tzinfo=zone
        )
        u = t + dt.timedelta(days=rng.randint(-900, 900), minutes=rng.randint(0, 600))
        d = dt.timedelta(
            hours=rng.choice([1, 7, 40, 2_000, 9_000, 20_000]), microseconds=rng.randint(0, 999_999)
        )
        kind = rng.choice(
            ["add", "subtract", "elapsed", "open", "periods", "deadline", "round-trip", "calendar"]
        )
        ops.append((kind, t, u, d))
    return ops


def apply(clock: ServiceClock, op: Op) -> Any:
    """One operation on ``clock``; its answer, or the exception it raised."""
    kind, t, u, d = op
    calls: dict[str, Callable[[], Any]] = {
        "add": lambda: clock.add(t, d),
        "subtract": lambda: clock.subtract(t, d),
        "elapsed": lambda: clock.elapsed(t, u),
        "open": lambda: (clock.is_open(t), clock.next_open(t)),
        "periods": lambda: clock.periods(t, t + dt.timedelta(days=9)),
        "deadline": lambda: clock.deadline(t, "3个工作日").due,
        "round-trip": lambda: clock.add(clock.subtract(t, d), d),
        "calendar": lambda: (
            clock.calendar.add_working_days(t.date(), d.days + 1),
            clock.calendar.working_days_between(u.date(), t.date()),
        ),
    }
    try:
        return calls[kind]()
    except Exception as exc:
        return exc


def same(a: Any, b: Any) -> bool:
    if isinstance(a, Exception) or isinstance(b, Exception):
        return type(a) is type(b) and str(a) == str(b)
    return bool(a == b)


class TestThreads:
    def test_add_while_another_thread_subtracts(self) -> None:
        """The audit's case: add(t, 20000 h) racing subtract(t, 20000 h) gives the single-threaded answer."""
        t = dt.datetime(2026, 3, 2, 10, tzinfo=NY)
        d = dt.timedelta(hours=20_000)
        expected = [new_york().add(t, d), new_york().subtract(t, d)]
        for _ in range(40):
            clock = new_york()
            assert run_together([lambda c=clock: c.add(t, d), lambda c=clock: c.subtract(t, d)]) == expected

    def test_sixteen_threads_agree_with_a_fresh_clock(self) -> None:
        """16 threads share one new clock; each answer equals that of a fresh clock used alone."""
        rng = random.Random(13)
        for make, zone, years in (
            (new_york, NY, range(2005, 2045)),
            (overnight, ZoneInfo("Europe/Berlin"), range(1990, 2030)),
            (mainland, SH, range(2008, 2024)),
        ):
            for _ in range(3):
                shared = make()
                ops = operations(rng, zone, years)
                got = run_together([lambda op=op, c=shared: apply(c, op) for op in ops])
                for op, answer in zip(ops, got, strict=True):
                    expected = apply(make(), op)
                    assert same(answer, expected), (op, answer, expected)
