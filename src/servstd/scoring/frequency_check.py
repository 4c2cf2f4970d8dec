"""Checking frequency items ("每周至少1次", "每月5日前") against an event log, producing findings.

Periods are calendar weeks (Monday first), months, quarters, half-years (January–June,
July–December), years or days, and only periods that
lie wholly inside ``[start, end]`` are judged. A monthly "by day N" item is met when an event falls
on or before day N of the month; with a working calendar, a day N that is a rest day moves to the
next working day (as a period's last day does under Civil Code Art. 203).

>>> import datetime as dt
>>> from servstd.catalog import catalog
>>> from servstd.scoring import frequency_findings
>>> std = catalog().standard("property-cs-quality-inspection")
>>> meetings = [dt.date(2026, 3, 2), dt.date(2026, 3, 11), dt.date(2026, 3, 25)]   # weeks 1, 2 and 4
>>> fs = frequency_findings(std, {"CS06": meetings}, dt.date(2026, 3, 2), dt.date(2026, 3, 29))
>>> [(f.item, f.count, f.note) for f in fs]
[('CS06', 1, '每周至少1次: 1 period(s) short: 2026-03-16–2026-03-22 (0/1)')]
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping

from servstd._decimal import exact
from servstd.errors import ScoringError
from servstd.scoring.inspection import Finding
from servstd.sla.calendar.work_calendar import WorkCalendar, as_date
from servstd.standards.checklist_item import CountUnit
from servstd.standards.frequency import Frequency, Period
from servstd.standards.standard import Standard

__all__ = ["frequency_findings"]


def _periods(period: Period, start: dt.date, end: dt.date) -> Iterator[tuple[dt.date, dt.date]]:
    """Whole periods [a, b] (inclusive) inside [start, end]."""
    d = start
    while d <= end:
        if period is Period.DAY:
            a, b = d, d
        elif period is Period.WEEK:
            a = d - dt.timedelta(days=d.weekday())
            b = a + dt.timedelta(days=6)
        elif period is Period.MONTH:
            a = d.replace(day=1)
            b = d.replace(day=_calendar.monthrange(d.year, d.month)[1])
        elif period in (Period.QUARTER, Period.HALF_YEAR):
            months = 3 if period is Period.QUARTER else 6
            q = (d.month - 1) // months
            a = dt.date(d.year, months * q + 1, 1)
            last = months * q + months
            b = dt.date(d.year, last, _calendar.monthrange(d.year, last)[1])
        else:
            a, b = dt.date(d.year, 1, 1), dt.date(d.year, 12, 31)
        if a >= start and b <= end:
            yield a, b
        d = b + dt.timedelta(days=1)


def _check(
    freq: Frequency, events: list[dt.date], a: dt.date, b: dt.date, cal: WorkCalendar | None
) -> tuple[int, int]:
    """(events that count, events required) in period [a, b]."""
    if freq.by_day is not None:
        due = a.replace(day=min(freq.by_day, b.day))
        if cal is not None and not cal.is_working_day(due):
            due = cal.next_working_day(due)
        got = sum(1 for e in events if a <= e <= due)
    else:
        got = sum(1 for e in events if a <= e <= b)
    return min(got, freq.at_least), freq.at_least


@exact
def frequency_findings(
    standard: Standard,
    events: Mapping[str, Iterable[dt.date]],
    start: dt.date,
    end: dt.date,
    *,
    calendar: WorkCalendar | None = None,
) -> list[Finding]:
    """Findings for the frequency items in ``events`` that fell short in ``[start, end]``.

    ``events`` maps item codes to the dates the thing was done (meetings held, reports filed); an
    item is judged only when its code is a key (an empty list means it was never done). An item
    with several frequencies (one per clause, 「每月5日前…;…每周更新一次」) is judged against the same
    log on each and gives one finding. Items counted per occurrence get one count per missing
    occurrence; others one per short period. With a ``calendar``, daily items are judged on
    working days only.
    """
    start, end = as_date(start, "start"), as_date(end, "end")
    with_frequency = {it.code for it in standard.items() if it.frequencies}
    unknown = sorted(set(events) - with_frequency)
    if unknown:
        raise ScoringError(f"events for {unknown}: not frequency items of {standard.id!r}", unknown)
    out = []
    for it in standard.items():
        if not it.frequencies or it.code not in events:
            continue
        log = sorted(as_date(d, f"events[{it.code}]") for d in events.get(it.code, ()))
        periods = 0
        missing = 0
        notes = []
        for freq in it.frequencies:
            short = []
            for a, b in _periods(freq.period, start, end):
                if calendar is not None and freq.period is Period.DAY and not calendar.is_working_day(a):
                    continue
                got, need = _check(freq, log, a, b, calendar)
                if got < need:
                    short.append(f"{a.isoformat()}–{b.isoformat()} ({got}/{need})")
                    missing += need - got
            if short:
                periods += len(short)
                notes.append(
                    f"{freq}: {len(short)} period(s) short: "
                    + "; ".join(short[:6])
                    + ("; …" if len(short) > 6 else "")
                )
        if notes:
            count = missing if it.per is CountUnit.OCCURRENCE else periods
            out.append(Finding(it.code, count, note=" | ".join(notes)))
    return out
