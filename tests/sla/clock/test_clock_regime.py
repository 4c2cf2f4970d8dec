"""Service-hour regimes as standards state them (「7天/24小时」, 「5天/8小时」) are clocks, and their numbers hold."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from servstd.errors import DocumentError, UnknownNameError
from servstd.sla import SLAPolicy
from servstd.sla.clock.clock_spec import ClockSpec, read_regime

SH = ZoneInfo("Asia/Shanghai")


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SH)


class TestReading:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("7天/24小时", (7, 24)),
            ("5天/8小时", (5, 8)),
            ("5x8", (5, 8)),
            ("7×24", (7, 24)),
            ("7 days/24 hours", (7, 24)),
        ],
    )
    def test_forms(self, text: str, expected: tuple[int, int]) -> None:
        """Days a week and hours a day, in the forms standards write them."""
        assert read_regime(text) == expected

    @pytest.mark.parametrize("text", ["6天/8小时", "5天/25小时", "5天/0小时", "全天候", ""])
    def test_refused(self, text: str) -> None:
        """5 or 7 days, 1–24 hours; anything else names the accepted forms."""
        with pytest.raises(ValueError, match="7天/24小时"):
            read_regime(text)


class TestClocks:
    def test_five_days_of_eight_hours(self) -> None:
        """「5天/8小时」 with the default hours: 8 hours on a working day; closed on Saturday 2026-10-03
        (National Day) and open on the make-up Saturday 2026-10-10."""
        clock = ClockSpec(regime="5天/8小时").clock()
        assert clock.elapsed(at(2026, 9, 29), at(2026, 9, 30)) == dt.timedelta(hours=8)
        assert not clock.is_open(at(2026, 10, 3, 10))
        assert clock.is_open(at(2026, 10, 10, 10))

    def test_seven_days_round_the_clock(self) -> None:
        """「7天/24小时」 is open on a holiday night."""
        clock = ClockSpec(regime="7天/24小时").clock()
        assert clock.is_open(at(2026, 10, 3, 3))
        assert clock.elapsed(at(2026, 10, 1), at(2026, 10, 8)) == dt.timedelta(days=7)

    def test_twenty_four_hours_on_working_days(self) -> None:
        """「5天/24小时」 is 00:00–24:00 on working days only."""
        clock = ClockSpec(regime="5天/24小时").clock()
        assert clock.elapsed(at(2026, 9, 29), at(2026, 10, 2)) == dt.timedelta(hours=48)

    @pytest.mark.parametrize(
        ("spec", "match"),
        [
            ({"regime": "5天/8小时", "hours": "09:00-12:00,13:30-18:00"}, "7.5 hours"),
            ({"regime": "7天/24小时", "region": "CN"}, "round the clock"),
            ({"regime": "5天/8小时", "region": "always"}, "working days"),
            ({"regime": "5天/8小时", "rest_hours": "10:00-16:00"}, "rest days"),
            ({"regime": "5天/8小时", "always": True}, "drop always"),
        ],
    )
    def test_contradictions_are_errors(self, spec: dict[str, object], match: str) -> None:
        """Hours that do not add up to the regime's, or another knob that contradicts it, are refused
        (a DocumentError, never pydantic's own error)."""
        with pytest.raises(DocumentError, match=match):
            ClockSpec(**spec)  # type: ignore[arg-type]

    def test_a_policy_document_with_a_wrong_regime_names_the_clock(self) -> None:
        """In a policy, the problem is reported at the clock's path."""
        doc = """
kind: sla-policy
id: p
title: p
clocks:
  office: {regime: 5天/8小时, hours: "09:00-17:30"}
rules:
  - targets:
      answer: {within: 3个工作日}
"""
        with pytest.raises(DocumentError, match=r"clocks\.office"):
            SLAPolicy.parse(doc)


class TestInsurancePhoneHours:
    """保险公司服务标准 第十六条: two phone service-hour regimes, clocks of insurance-claims-sla."""

    POLICY = SLAPolicy.from_catalog("insurance-claims-sla")

    def test_the_phone_center_is_open_round_the_clock(self) -> None:
        """公司电话服务中心 7天/24小时: open at 03:00 on a holiday."""
        assert self.POLICY.clock("phone-center").is_open(at(2026, 10, 4, 3))

    def test_business_unit_phones_are_five_days_of_eight_hours(self) -> None:
        """营业单位服务电话 5天/8小时: 8 hours on a Tuesday, none on a holiday."""
        office = self.POLICY.clock("office")
        assert office.elapsed(at(2026, 9, 29), at(2026, 9, 30)) == dt.timedelta(hours=8)
        assert office.elapsed(at(2026, 10, 4), at(2026, 10, 5)) == dt.timedelta(0)

    def test_an_unknown_clock_names_the_known_ones(self) -> None:
        """Asking for a clock the policy does not name is an error listing its clocks."""
        with pytest.raises(UnknownNameError, match="known: office, phone-center, 7x24"):
            self.POLICY.clock("call-center")
