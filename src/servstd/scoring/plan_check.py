"""Checking plan items with due dates (「服務手冊更新 張三 下月初」) against what was done, by a given day.

A plan item's :attr:`~servstd.standards.ChecklistItem.due` is resolved from the plan's date (see
:mod:`servstd.standards.due_date` for 初/中/末). On the day ``as_of``, an item not done whose range
has ended is **overdue**, one done after its range ended is **late**; each is one finding on the
item, naming its owner. An item done before or inside its range, or not due yet, gives none.

>>> import datetime as dt
>>> from servstd.catalog import catalog
>>> from servstd.scoring import overdue_findings
>>> plan = catalog().standard("service-improvement-plan")
>>> fs = overdue_findings(plan, dt.date(2023, 11, 10), {"P1": dt.date(2023, 12, 8)}, as_of=dt.date(2024, 1, 5))
>>> [(f.item, f.note) for f in fs]
[('P2', '本季度末 (2023-12-01–2023-12-31 from the plan of 2023-11-10), 李四: not done, 5 days overdue on 2024-01-05')]

P1 (下月初, 2023-12-01–12-10) was done on 12-08; P3 (明年年初) and S1 (2024年第一季度) are not due yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from servstd.errors import ScoringError
from servstd.scoring.inspection import Finding
from servstd.sla.calendar.work_calendar import as_date
from servstd.standards.standard import Standard

__all__ = ["overdue_findings"]


def overdue_findings(
    standard: Standard,
    plan_date: dt.date | str,
    done: Mapping[str, dt.date | str | None],
    *,
    as_of: dt.date | str,
) -> list[Finding]:
    """Findings for the plan items of ``standard`` overdue or done late on ``as_of``.

    ``plan_date`` is the day the plan was made (「下月初」 counts from it); ``done`` maps item codes to
    the day each was done (``None`` or a missing code: not done). Every item with a due date is
    judged; codes of other items are an error.
    """
    plan = as_date(plan_date, "plan_date")
    today = as_date(as_of, "as_of")
    planned = {it.code: (it, it.due) for it in standard.items() if it.due is not None}
    unknown = sorted(set(done) - set(planned))
    if unknown:
        raise ScoringError(
            f"done dates for {unknown}: not plan items (with a due date) of {standard.id!r}", unknown
        )
    out = []
    for code, (it, due) in planned.items():
        span = due.resolve(plan)
        when = done.get(code)
        finished = as_date(when, f"done[{code}]") if when is not None else None
        owner = f", {it.actor}" if it.actor else ""
        head = f"{due} ({span} from the plan of {plan.isoformat()}){owner}"
        if finished is not None and finished > today:
            raise ScoringError(
                f"{code} is marked done on {finished.isoformat()}, after the day checked {today.isoformat()}",
                finished,
            )
        if finished is not None and finished > span.last:
            late = (finished - span.last).days
            out.append(Finding(code, 1, note=f"{head}: done {finished.isoformat()}, {late} days late"))
        elif finished is None and today > span.last:
            overdue = (today - span.last).days
            out.append(
                Finding(code, 1, note=f"{head}: not done, {overdue} days overdue on {today.isoformat()}")
            )
    return out
