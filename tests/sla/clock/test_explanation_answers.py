"""An explanation agrees with the answer it explains (issue 22).

Over random rules (every kind and knob), clocks (office hours, lunch breaks, overnight hours, rest-day
hours, 24h hours on working days, 7×24, other zones) and instants:

* it never names as skipped a day that holds the due instant (a day holds the instants after its
  00:00 up to and including its 24:00);
* for business time, a day it names as skipped has no open time counted between start and due;
* every instant it prints is one the computation produced (receipt, effective start, due, window
  opening), and the last line prints the due instant.
"""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import assume, given
from hypothesis import strategies as st

from servstd.errors import CalendarCoverageError
from servstd.sla import (
    BusinessHours,
    BusinessTime,
    Deadline,
    DeadlineRule,
    ServiceClock,
    WorkCalendar,
    WorkingDays,
)
from tests.strategies import CLOCKS, instants

EXPLAINED = {
    **CLOCKS,
    "cn-24h": ServiceClock(WorkCalendar.china(), BusinessHours.parse("24h")),
    "cn-overnight": ServiceClock(WorkCalendar.china(), BusinessHours.parse("08:00-12:00,22:00-06:00")),
}
TEXTS = (
    "4工作小时", "30 business minutes", "20工作小时", "半个工作日", "1个工作日", "3个工作日", "15个工作日",
    "2日", "10日", "1个月", "3个自然日", "当天", "次日", "次工作日", "48小时",
    "到期前5个工作日", "提前3日", "提前一个月", "提前2工作小时", "提前3个自然日",
    "在生效对应日前5个工作日内", "在到期日前3日内", "在基准时间前4工作小时内", "在基准时间前3小时内",
)  # fmt: skip
_PRINTED = re.compile(r"(\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?::\d{2}(?:\.\d{6})?)?) \(([+-]\d{2}):(\d{2})\)")


@st.composite
def rules(draw: st.DrawFn) -> DeadlineRule:
    """A rule of any kind, with the knobs that apply to it."""
    rule = DeadlineRule(draw(st.sampled_from(TEXTS)))
    knobs: dict[str, object] = {}
    if draw(st.integers(0, 3)) == 0:
        knobs["end_of_day"] = draw(st.sampled_from(["close", "midnight"]))
    if not rule.counts_back:
        if draw(st.integers(0, 4)) == 0:
            knobs["cutoff"] = dt.time(17)
        if draw(st.integers(0, 4)) == 0:
            knobs["count_start_day"] = True
    text = str(rule.duration)
    if ("日" in text and "工作日" not in text and "次" not in text and "在" not in text) and draw(
        st.booleans()
    ):
        knobs["move_off_rest_day"] = draw(st.booleans())
    return DeadlineRule(rule.duration, **knobs)  # type: ignore[arg-type]


def _printed(dl: Deadline) -> list[dt.datetime]:
    out = []
    for line in (*dl.lines("zh"), *dl.lines("en")):
        for stamp, hh, mm in _PRINTED.findall(line):
            sign = -1 if hh.startswith("-") else 1
            offset = dt.timedelta(hours=int(hh[1:]), minutes=int(mm)) * sign
            tz = dt.timezone(offset)
            if stamp.endswith(" 24:00"):  # the midnight that ends a day is written as its 24:00
                day = dt.date.fromisoformat(stamp[:10]) + dt.timedelta(days=1)
                out.append(dt.datetime.combine(day, dt.time(0), tz))
            else:
                out.append(dt.datetime.fromisoformat(stamp).replace(tzinfo=tz))
    return out


def _deadline(clock: ServiceClock, t: dt.datetime, rule: DeadlineRule) -> Deadline:
    try:
        return clock.deadline(t, rule)
    except CalendarCoverageError:  # past the mainland calendar's last covered year
        assume(False)
        raise


@given(name=st.sampled_from(sorted(EXPLAINED)), t=instants(), rule=rules())
def test_no_day_holding_the_due_instant_is_named_skipped(
    name: str, t: dt.datetime, rule: DeadlineRule
) -> None:
    """A skipped day never holds the due instant (00:00 < due <= 24:00 of that day, in the clock's zone)."""
    clock = EXPLAINED[name]
    dl = _deadline(clock, t, rule)
    for s in dl.skipped:
        day_start = clock.end_of_day(s.date - dt.timedelta(days=1))
        assert not (day_start < dl.due <= clock.end_of_day(s.date)), (s, dl.due, dl.explain("en"))


@given(name=st.sampled_from(sorted(EXPLAINED)), t=instants(), rule=rules())
def test_a_skipped_day_counts_no_business_time(name: str, t: dt.datetime, rule: DeadlineRule) -> None:
    """Counting business time, a day named as skipped has no open time between start and due."""
    d = rule.duration
    assume(isinstance(d, BusinessTime) or (isinstance(d, WorkingDays) and not d.is_whole))
    clock = EXPLAINED[name]
    dl = _deadline(clock, t, rule)
    for s in dl.skipped:
        lo = max(dl.start, clock.end_of_day(s.date - dt.timedelta(days=1)))
        hi = min(dl.due, clock.end_of_day(s.date))
        assert hi <= lo or clock.elapsed(lo, hi) == dt.timedelta(0), (s, dl.explain("en"))


@given(name=st.sampled_from(sorted(EXPLAINED)), t=instants(), rule=rules())
def test_every_printed_instant_is_a_computed_one(name: str, t: dt.datetime, rule: DeadlineRule) -> None:
    """Each instant in the explanation is the receipt, the effective start, the due instant or the
    window's opening; the last line of each language prints the due instant."""
    clock = EXPLAINED[name]
    dl = _deadline(clock, t, rule)
    computed = {dl.received, dl.start, dl.due} | ({dl.opens} if dl.opens is not None else set())
    printed = _printed(dl)
    assert printed
    for p in printed:
        assert p in computed, (p, dl.explain("en"))
    last = dl.lines("zh")[-1], dl.lines("en")[-1]
    assert _printed(Deadline(dl.received, dl.start, dl.due, dl.rule, steps=(last,))) == [dl.due, dl.due]


def test_seconds_are_printed_when_there_are_any() -> None:
    """An instant with seconds prints them: the explanation never rounds an instant to the minute."""
    clock = ServiceClock.default()
    t = dt.datetime(2026, 9, 30, 16, 0, 30, tzinfo=clock.zone)
    dl = clock.deadline(t, "100秒")
    assert (
        dl.explain("en").splitlines()[-1] == "Clock time, no hours skipped: due 2026-09-30 16:02:10 (+08:00)."
    )
    assert dl.explain("en").splitlines()[0] == "Received 2026-09-30 16:00:30 (+08:00)."
