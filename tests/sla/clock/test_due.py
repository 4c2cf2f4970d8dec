"""``clock.due`` is ``clock.deadline(...).due``, with every keyword ``deadline`` takes (issue 24, Verbs)."""

from __future__ import annotations

import datetime as dt
import inspect
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servstd.errors import CalendarCoverageError, InputTypeError, InputValueError
from servstd.sla import DeadlineRule, ServiceClock, batch
from tests.strategies import CLOCKS, clock_names, instants

SH = ZoneInfo("Asia/Shanghai")
RULES = ["3个工作日", "2日", "3个自然日", "1个月", "当天", "次日", "次工作日", "4工作小时", "48小时", "半个工作日",
         "到期前5个工作日", "提前3日", "在生效对应日前5个工作日内", "在到期日前30日内"]  # fmt: skip
KNOBS = st.fixed_dictionaries(
    {},
    optional={
        "end_of_day": st.sampled_from(["close", "midnight"]),
        "cutoff": st.sampled_from([dt.time(17), dt.time(8), dt.time(12, 30)]),
        "count_start_day": st.booleans(),
        "move_off_rest_day": st.booleans(),
    },
)


def _keywords(func: object) -> dict[str, inspect.Parameter]:
    params = inspect.signature(func).parameters.values()  # type: ignore[arg-type]
    return {p.name: p for p in params if p.kind is inspect.Parameter.KEYWORD_ONLY}


class TestTheSameKeywords:
    def test_due_takes_every_keyword_deadline_takes(self) -> None:
        """The keyword-only parameters of due and deadline are the same, defaults included (a knob
        added to deadline and not to due fails here)."""
        assert _keywords(ServiceClock.due) == _keywords(ServiceClock.deadline)

    def test_batch_due_takes_them_too(self) -> None:
        """batch.due takes the scalar keywords, plus the unit of integer columns."""
        scalar = _keywords(ServiceClock.due)
        column = _keywords(batch.due)
        assert set(column) == {*scalar, "unit"}
        assert all(column[k].default == scalar[k].default for k in scalar)


class TestDueIsTheDeadlinesInstant:
    @given(name=clock_names, t=instants(), rule=st.sampled_from(RULES), knobs=KNOBS)
    def test_equals_the_deadline(
        self, name: str, t: dt.datetime, rule: str, knobs: dict[str, object]
    ) -> None:
        """due(t, rule, **knobs) == deadline(t, rule, **knobs).due; a knob the rule cannot take is
        refused by both with the same error."""
        clock = CLOCKS[name]
        try:
            expected = clock.deadline(t, rule, **knobs).due  # type: ignore[arg-type]
        except (InputTypeError, InputValueError, CalendarCoverageError) as exc:
            with pytest.raises(type(exc), match=str(exc)[:40].replace("(", r"\(").replace(")", r"\)")):
                clock.due(t, rule, **knobs)  # type: ignore[arg-type]
            return
        assert clock.due(t, rule, **knobs) == expected  # type: ignore[arg-type]

    def test_each_knob_by_hand(self) -> None:
        """2026-09-30 16:00, 3个工作日: close of Oct 10 (18:00); at 24:00 with end_of_day; counting
        the day of receipt, Oct 9; received after a 15:00 cut-off it counts as received Oct 8 at
        opening, so the 3rd working day after it is Mon Oct 12."""
        clock = ServiceClock.default()
        t = dt.datetime(2026, 9, 30, 16, tzinfo=SH)
        assert clock.due(t, "3个工作日") == dt.datetime(2026, 10, 10, 18, tzinfo=SH)
        assert clock.due(t, "3个工作日", end_of_day="midnight") == dt.datetime(2026, 10, 11, tzinfo=SH)
        assert clock.due(t, "3个工作日", count_start_day=True) == dt.datetime(2026, 10, 9, 18, tzinfo=SH)
        assert clock.due(t, "3个工作日", cutoff=dt.time(15)) == dt.datetime(2026, 10, 12, 18, tzinfo=SH)
        # 2日 from Sep 29 ends on Oct 1 (a holiday): Art. 203 moves it to Oct 8, unless told not to
        t29 = dt.datetime(2026, 9, 29, 10, tzinfo=SH)
        assert clock.due(t29, "2日") == dt.datetime(2026, 10, 8, 18, tzinfo=SH)
        assert clock.due(t29, "2日", move_off_rest_day=False, end_of_day="midnight") == dt.datetime(
            2026, 10, 2, tzinfo=SH
        )

    def test_a_keyword_overrides_the_rules_own(self) -> None:
        """A keyword replaces the knob of a DeadlineRule given as the rule."""
        clock = ServiceClock.default()
        t = dt.datetime(2026, 9, 30, 16, tzinfo=SH)
        rule = DeadlineRule("3个工作日", end_of_day="midnight")
        assert clock.due(t, rule, end_of_day="close") == clock.due(t, "3个工作日")
