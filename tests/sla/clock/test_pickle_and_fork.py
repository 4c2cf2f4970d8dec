"""Clocks and policies travel to other processes (issue 23 item 5): pickle and deepcopy give
objects with the same answers, and a fork while another thread builds a year block does not
leave the child waiting on the parent's lock."""

from __future__ import annotations

import copy
import datetime as dt
import multiprocessing
import os
import pickle
import threading
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings

from servstd.sla import BusinessHours, ComplaintPolicy, ServiceClock, SLAPolicy, WorkCalendar
from servstd.sla.clock._timeline import Timeline
from tests.strategies import CLOCKS, clock_names, instants

SH = ZoneInfo("Asia/Shanghai")
RECEIVED = dt.datetime(2026, 9, 30, 16, tzinfo=SH)
COPIES = {"pickle": lambda o: pickle.loads(pickle.dumps(o)), "deepcopy": copy.deepcopy}


def answers(clock: ServiceClock, t: dt.datetime) -> tuple[Any, ...]:
    return (
        clock.deadline(t, "3个工作日").due,
        clock.add(t, dt.timedelta(hours=5)),
        clock.elapsed(t, t + dt.timedelta(days=9)),
        clock.is_open(t),
    )


@pytest.mark.parametrize("how", sorted(COPIES))
class TestCopies:
    @settings(max_examples=30, deadline=None)
    @given(name=clock_names, t=instants())
    def test_clocks(self, how: str, name: str, t: dt.datetime) -> None:
        """A copied clock (after its tables were built) equals the original and answers the same."""
        clock = CLOCKS[name]
        expected = answers(clock, t)
        copied = COPIES[how](clock)
        assert copied == clock
        assert answers(copied, t) == expected

    def test_policies(self, how: str) -> None:
        """Copied SLA and complaint policies give the same targets, timers and timelines."""
        sla = SLAPolicy.from_catalog("insurance-claims-sla")
        complaints = ComplaintPolicy.from_catalog("property-complaints")
        case = {"tier": "VIP", "zone": "城区", "category": "理赔", "received_at": RECEIVED}
        sla2, complaints2 = COPIES[how](sla), COPIES[how](complaints)
        assert (sla2, complaints2) == (sla, complaints)
        now = RECEIVED + dt.timedelta(days=3)
        assert sla2.evaluate(case, [], now) == sla.evaluate(case, [], now)
        assert complaints2.timeline(RECEIVED, "重大") == complaints.timeline(RECEIVED, "重大")


def test_a_clock_goes_to_a_spawn_pool() -> None:
    """A clock sent to a spawned worker process (its method pickled with it) answers the same there."""
    clock = ServiceClock.default()
    hours = dt.timedelta(hours=30)
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        assert pool.submit(clock.add, RECEIVED, hours).result(timeout=120) == clock.add(RECEIVED, hours)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX")
def test_fork_while_another_thread_builds_a_year_block(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fork while a thread holds a clock's lock (building a year): the child still answers."""
    built = threading.Event()
    release = threading.Event()
    real_build = Timeline._build

    def slow_build(self: Timeline, year: int) -> Any:
        if year == 2030:
            built.set()
            release.wait(10)
        return real_build(self, year)

    monkeypatch.setattr(Timeline, "_build", slow_build)
    clock = ServiceClock(WorkCalendar.weekdays(), BusinessHours.parse("09:00-17:00"))
    later = dt.datetime(2031, 3, 3, 10, tzinfo=SH)
    expected = clock.deadline(later, "3个工作日").due  # built here, then a fresh clock for the child
    clock = ServiceClock(WorkCalendar.weekdays(), BusinessHours.parse("09:00-17:00"))
    builder = threading.Thread(target=lambda: clock.is_open(dt.datetime(2030, 6, 3, 10, tzinfo=SH)))
    builder.start()
    assert built.wait(10)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # 3.12+: fork of a threaded process
        pid = os.fork()
    if pid == 0:  # the child: the builder thread does not exist here
        ok = False
        try:
            ok = clock.deadline(later, "3个工作日").due == expected
        finally:
            os._exit(0 if ok else 3)  # never back into pytest, whatever happened
    release.set()
    builder.join(10)
    deadline = time.monotonic() + 30
    status = None
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.05)
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        pytest.fail("the forked child waited for the parent's lock")
    assert os.waitstatus_to_exitcode(status) == 0
