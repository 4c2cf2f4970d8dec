"""Schedule checks: plan items overdue (「下月初」…), measured items out of bounds, periodic reviews.

The hand-checked dates: a plan made 2026-11-10 has 「下月初」 due by 2026-12-10, 「本季度末」 by
2026-12-31, 「明年年初」 by 2027-03-31 and 「2024年第一季度」 by 2024-03-31.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from servstd.catalog import catalog
from servstd.errors import ScoringError
from servstd.scoring import Inspection, frequency_findings, measure_findings, overdue_findings, score
from servstd.sla import WorkCalendar
from servstd.standards import load_data

PLAN = catalog().standard("service-improvement-plan")
PLANNED = dt.date(2026, 11, 10)


def notes(findings: list) -> dict[str, str]:  # type: ignore[type-arg]
    return {f.item: f.note for f in findings}


class TestOverdue:
    def test_nothing_done_early_in_january(self) -> None:
        """On 2027-01-05 with nothing done: 下月初 is 26 days overdue (due 12-10), 本季度末 5 days (due
        12-31); 明年年初 is not due yet; 2024年第一季度 is long overdue; S2 (cut off) has no due date."""
        found = notes(overdue_findings(PLAN, PLANNED, {}, as_of=dt.date(2027, 1, 5)))
        assert sorted(found) == ["P1", "P2", "S1"]
        assert found["P1"].endswith("張三: not done, 26 days overdue on 2027-01-05")
        assert "2026-12-01–2026-12-31" in found["P2"]
        assert found["P2"].endswith("李四: not done, 5 days overdue on 2027-01-05")

    def test_on_the_last_day_it_is_not_overdue(self) -> None:
        """本季度末 from 2026-11-10 is due 2026-12-31: on that day nothing is overdue yet; a day later it is."""
        assert "P2" not in notes(overdue_findings(PLAN, PLANNED, {}, as_of=dt.date(2026, 12, 31)))
        assert "P2" in notes(overdue_findings(PLAN, PLANNED, {}, as_of=dt.date(2027, 1, 1)))

    def test_done_late_and_done_in_time(self) -> None:
        """P1 done 12-08 (inside 12-01–12-10): no finding; P2 done 2027-01-02: 2 days late; P3 done early."""
        done = {"P1": dt.date(2026, 12, 8), "P2": "2027-01-02", "P3": dt.date(2026, 11, 20), "S1": None}
        found = notes(overdue_findings(PLAN, PLANNED, done, as_of=dt.date(2027, 4, 1)))
        assert sorted(found) == ["P2", "S1"]
        assert found["P2"].endswith("done 2027-01-02, 2 days late")

    def test_findings_score_like_any_other(self) -> None:
        """The findings go into an inspection of the plan (one count per item)."""
        fs = overdue_findings(PLAN, PLANNED, {}, as_of=dt.date(2027, 1, 5))
        report = score(PLAN, Inspection(PLAN.id, findings=tuple(fs)))
        assert sorted(line.item for line in report.lines) == ["P1", "P2", "S1"]

    def test_quarters_without_a_year_are_the_plans(self) -> None:
        """service-culture-schedule 「實施時間 Q1–Q3」 planned 2026-01-15: Q2 (due 06-30) overdue on 07-01."""
        culture = catalog().standard("service-culture-schedule")
        found = notes(
            overdue_findings(
                culture, dt.date(2026, 1, 15), {"I1": dt.date(2026, 3, 2)}, as_of=dt.date(2026, 7, 1)
            )
        )
        assert sorted(found) == ["I2"]
        assert found["I2"].startswith("Q2 (2026-04-01–2026-06-30")

    @pytest.mark.parametrize(
        ("done", "as_of", "match"),
        [
            ({"S2": dt.date(2026, 12, 1)}, dt.date(2027, 1, 1), "not plan items"),
            ({"P9": dt.date(2026, 12, 1)}, dt.date(2027, 1, 1), "not plan items"),
            ({"P1": dt.date(2027, 2, 1)}, dt.date(2027, 1, 1), "after the day checked"),
        ],
    )
    def test_refusals(self, done: dict[str, dt.date], as_of: dt.date, match: str) -> None:
        """A code with no due date, an unknown code, or a day done after the day checked is an error."""
        with pytest.raises(ScoringError, match=match):
            overdue_findings(PLAN, PLANNED, done, as_of=as_of)


class TestMeasures:
    def test_rings_before_answering(self) -> None:
        """第十八条: calls answered after 3 or 4 rings are two findings; 2 rings pass."""
        std = catalog().standard("insurance-service-standard")
        [f] = measure_findings(std, {"A18": [1, 2, 3, 2, 4]})
        assert (f.item, f.count) == ("A18", 2)
        assert f.note == "振铃次数 < 3次: 2 of 5 outside (3, 4)"

    def test_surveyors_and_handshakes(self) -> None:
        """第四十四条 双人查勘: one surveyor is a finding; 第九条 3-5秒: 6 seconds is one, 4.5 passes."""
        service = catalog().standard("insurance-service-standard")
        assert [(f.item, f.count) for f in measure_findings(service, {"A44": [2, 1, 3]})] == [("A44", 1)]
        conduct = catalog().standard("insurance-conduct-standard")
        assert [(f.item, f.count) for f in measure_findings(conduct, {"A9": [Decimal("4.5"), 6]})] == [
            ("A9", 1)
        ]
        assert measure_findings(conduct, {"A9": [3, 5]}) == []

    def test_an_item_with_two_measures_takes_values_by_quantity(self) -> None:
        """With two measures, values are given per quantity; a bare list is refused."""
        std = load_data(
            {"id": "t", "title": "t", "sections": [{"id": "s", "title": "s", "items": [{"code": "A", "text": "t",
             "measures": [{"quantity": "人数", "at_least": 2}, {"quantity": "分钟", "at_most": 30}]}]}]},
            "test",
        )  # fmt: skip
        [f] = measure_findings(std, {"A": {"人数": [1, 2], "分钟": [45]}})
        assert f.count == 2
        with pytest.raises(ScoringError, match="by quantity"):
            measure_findings(std, {"A": [1]})
        with pytest.raises(ScoringError, match="no measure"):
            measure_findings(std, {"A": {"秒": [1]}})

    def test_unknown_items_are_refused(self) -> None:
        """Observations for an item without a measure are an error naming it."""
        with pytest.raises(ScoringError, match="A19"):
            measure_findings(catalog().standard("insurance-service-standard"), {"A19": [1]})


class TestPeriodicReviews:
    """客户服务部考核实施细则 三: 日常、月度、季度、半年度、年度考核 as schedule items."""

    STD = catalog().standard("cs-dept-assessment-rules")

    def test_monthly_quarterly_half_yearly_and_yearly_reviews(self) -> None:
        """Reviews logged Jan–Jun 2026 except March; Q1 reviewed, Q2 not; H1 reviewed; the year not
        judged (it is not wholly inside Jan–Jun)."""
        log = {
            "3.1.2": [dt.date(2026, m, 28) for m in (1, 2, 4, 5, 6)],
            "3.1.3": [dt.date(2026, 3, 30)],
            "3.1.4": [dt.date(2026, 6, 29)],
            "3.1.5": [],
        }
        found = {
            f.item: f for f in frequency_findings(self.STD, log, dt.date(2026, 1, 1), dt.date(2026, 6, 30))
        }
        assert sorted(found) == ["3.1.2", "3.1.3"]
        assert "2026-03-01–2026-03-31 (0/1)" in found["3.1.2"].note
        assert "2026-04-01–2026-06-30 (0/1)" in found["3.1.3"].note

    def test_daily_reviews_on_working_days(self) -> None:
        """日常考核 over 2026-09-28–10-11 with the mainland calendar: the working days are 09-28, 09-29,
        09-30, 10-08, 10-09 and 10-10 (a make-up Saturday; 10-01–10-07 is the National Day holiday) —
        reviews on the first five leave the make-up Saturday short."""
        log = {
            "3.1.1": [
                dt.date(2026, 9, 28),
                dt.date(2026, 9, 29),
                dt.date(2026, 9, 30),
                dt.date(2026, 10, 8),
                dt.date(2026, 10, 9),
            ]
        }
        [f] = frequency_findings(
            self.STD, log, dt.date(2026, 9, 28), dt.date(2026, 10, 11), calendar=WorkCalendar.china()
        )
        assert (f.item, f.count) == ("3.1.1", 1)
        assert "2026-10-10–2026-10-10 (0/1)" in f.note

    def test_the_daily_review_is_led_by_the_superior(self) -> None:
        """3.2 日常考核由上级领导实施: the actor of the daily review."""
        assert self.STD.item("3.1.1").actor == "上级领导"


class TestSummaries:
    def test_weekly_and_monthly_summaries(self) -> None:
        """顧客服務標準制定 7.3.4 「周/月總結」: in March 2026 (weeks Mon 03-02 … Sun 03-29), summaries on
        03-06, 03-13, 03-27 leave the week of 03-16 short; the month is met."""
        std = catalog().standard("customer-service-standard-setting")
        log = {"7.3.4": [dt.date(2026, 3, 6), dt.date(2026, 3, 13), dt.date(2026, 3, 27)]}
        [f] = frequency_findings(std, log, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
        assert f.count == 1
        assert "2026-03-16–2026-03-22 (0/1)" in f.note
