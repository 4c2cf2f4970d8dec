"""Duration values check themselves when built directly, not only when parsed from text."""

from __future__ import annotations

from fractions import Fraction

import pytest

from servstd.errors import DurationParseError
from servstd.sla import CalendarPeriod, PeriodUnit, WorkingDays, parse_duration


class TestCalendarPeriodCounts:
    @pytest.mark.parametrize("unit", list(PeriodUnit))
    @pytest.mark.parametrize("count", [0, -1, -30])
    def test_zero_or_negative_count_is_refused(self, count: int, unit: PeriodUnit) -> None:
        """A period of days, months or years counts at least one ("0日" is not a time limit)."""
        with pytest.raises(DurationParseError, match="more than zero"):
            CalendarPeriod(count, unit)

    @pytest.mark.parametrize("count", [True, False, 1.5, Fraction(3, 2), "3"])
    def test_a_count_that_is_not_an_integer_is_refused(self, count: object) -> None:
        """Booleans, floats, fractions and text are not a count of calendar days."""
        with pytest.raises(DurationParseError, match="whole number"):
            CalendarPeriod(count)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("count", "unit"), [(1, PeriodUnit.DAYS), (36_600, PeriodUnit.DAYS), (100, PeriodUnit.YEARS)]
    )
    def test_counts_within_the_bounds_are_kept(self, count: int, unit: PeriodUnit) -> None:
        """One day up to the 100-year bound is a period, kept as given."""
        assert CalendarPeriod(count, unit).count == count

    def test_working_days_of_zero_are_refused_too(self) -> None:
        """A count of zero working days is refused like zero calendar days."""
        with pytest.raises(DurationParseError):
            WorkingDays(0)


@pytest.mark.parametrize(
    "text",
    [
        "3个工作日内完成",
        "在3个工作日之内完成",
        "最迟在3个工作日以内",
        "不超过3个工作日内完成",
        "within 3 working days",
    ],
)
def test_wrapping_words_are_read_in_any_combination(text: str) -> None:
    """「在…之内完成」: leading and trailing words come off in any combination (a suffix can hide
    another: 「内完成」), leaving the duration."""
    assert parse_duration(text) == WorkingDays(3)
