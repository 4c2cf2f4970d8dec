"""Clock-time rules need no calendar; rows of years the calendar does not know are marked, not
fatal (issue 29, point 4)."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from servstd.errors import CalendarCoverageError
from servstd.sla import ServiceClock, SLAPolicy, batch
from servstd.sla.batch import report

SH = ZoneInfo("Asia/Shanghai")
POLICY = SLAPolicy.from_catalog("insurance-claims-sla")
NOW = pd.Timestamp("2026-10-20", tz="Asia/Shanghai")


def _cases(*rows: tuple[str, str, str | None]) -> pd.DataFrame:
    """Claims: (case, received, answer_at or None), zone 城区, arrival ten minutes after receipt."""
    received = pd.to_datetime([r[1] for r in rows]).tz_localize(SH)
    return pd.DataFrame(
        {
            "case": [r[0] for r in rows],
            "received_at": received,
            "zone": "城区",
            "category": "咨询",
            "answer_at": pd.to_datetime([r[2] for r in rows]).tz_localize(SH),
            "arrival_at": received + pd.Timedelta(minutes=10),
        }
    )


COVERED = [("A1", "2026-09-30 16:00", "2026-10-12 10:00"), ("A2", "2026-10-09 09:00", None)]


class TestClockTimeNeedsNoCalendar:
    def test_24_hours_in_an_uncovered_year(self) -> None:
        """clock.deadline(2027-01-05 10:00+08:00, "24小时") is exactly t + 24 h, though the
        calendar does not know 2027 (its working-day rules still refuse it)."""
        clock = ServiceClock.default()
        t = dt.datetime(2027, 1, 5, 10, tzinfo=SH)
        assert 2027 not in clock.calendar.coverage
        assert clock.deadline(t, "24小时").due == t + dt.timedelta(hours=24)
        assert clock.due(t, "48h") == t + dt.timedelta(hours=48)
        with pytest.raises(CalendarCoverageError):
            clock.deadline(t, "3个工作日")

    @given(
        st.datetimes(min_value=dt.datetime(2027, 1, 1), max_value=dt.datetime(2040, 12, 31)),
        st.integers(min_value=0, max_value=10_000),
        st.sampled_from(["{}分钟", "{}小时", "{} hours", "{} minutes"]),
    )
    def test_any_clock_time_duration_is_t_plus_d(self, local: dt.datetime, n: int, form: str) -> None:
        """For any instant of an uncovered year and any clock-time duration, due == t + d on the
        UTC line (the explanation needs no calendar either)."""
        t = local.replace(tzinfo=SH)
        unit = dt.timedelta(minutes=1) if "分钟" in form or "minutes" in form else dt.timedelta(hours=1)
        dl = ServiceClock.default().deadline(t, form.format(n))
        assert dl.due.astimezone(dt.timezone.utc) == t.astimezone(dt.timezone.utc) + n * unit
        assert dl.explain()


class TestEvaluateMarksUncoveredRows:
    def test_a_2027_row_is_marked_and_the_others_evaluated(self) -> None:
        """A 2027 case in a 2026 export: its working-day metric is not_covered (no due), its
        7×24 metric answers, and every other row is what the table without it gives."""
        cases = _cases(*COVERED, ("B7", "2027-01-05 10:00", None))
        out = batch.evaluate(POLICY, cases, now=NOW)
        alone = batch.evaluate(POLICY, _cases(*COVERED), now=NOW)
        b7 = out[out["case"] == "B7"].set_index("metric")
        assert b7.loc["answer", "status"] == "not_covered"
        assert pd.isna(b7.loc["answer", "due"])
        assert b7.loc["arrival", "status"] == "met"
        rest = out[out["case"] != "B7"].reset_index(drop=True)
        pd.testing.assert_frame_equal(rest.astype({"status": str}), alone.astype({"status": str}))

    def test_a_deadline_that_crosses_into_an_uncovered_year(self) -> None:
        """Received 2026-12-30, due five working days later: the row reaches 2027, so it is marked
        even though its receipt lies in a covered year."""
        policy = SLAPolicy.parse(
            "id: p\ntitle: t\nclocks: {office: {region: CN}}\n"
            "rules: [{when: {}, targets: {answer: {within: 5个工作日, clock: office}}}]\n"
        )
        cases = pd.DataFrame(
            {
                "case": ["X", "Y"],
                "received_at": pd.to_datetime(["2026-12-30 10:00", "2026-06-01 10:00"]).tz_localize(SH),
            }
        )
        out = batch.evaluate(policy, cases, now=pd.Timestamp("2026-12-31", tz=SH))
        assert dict(zip(out["case"], out["status"].astype(str), strict=True)) == {
            "X": "not_covered",
            "Y": "breached",
        }

    def test_chunks_mark_the_same_rows(self) -> None:
        """evaluate_chunks marks uncovered rows as evaluate does (chunks in order == the whole
        table), and strict=True refuses at the chunk that holds them."""
        cases = _cases(*COVERED, ("B7", "2027-01-05 10:00", None), ("A3", "2026-10-10 09:00", None))
        whole = batch.evaluate(POLICY, cases, now=NOW)
        parts = pd.concat(batch.evaluate_chunks(POLICY, [cases.iloc[:2], cases.iloc[2:]], now=NOW))
        pd.testing.assert_frame_equal(
            parts.reset_index(drop=True).astype({"status": str}), whole.astype({"status": str})
        )
        assert (whole["status"].astype(str) == "not_covered").sum() == 1
        chunks = batch.evaluate_chunks(POLICY, [cases.iloc[:2], cases.iloc[2:]], now=NOW, strict=True)
        assert len(next(chunks)) > 0
        with pytest.raises(CalendarCoverageError, match="'B7'"):
            next(chunks)

    def test_strict_names_the_first_cases(self) -> None:
        """strict=True: a CalendarCoverageError for 2027 naming the uncovered cases."""
        cases = _cases(*COVERED, ("B7", "2027-01-05 10:00", None), ("B8", "2027-02-01 10:00", None))
        with pytest.raises(CalendarCoverageError) as info:
            batch.evaluate(POLICY, cases, now=NOW, strict=True)
        assert info.value.year == 2027
        assert "'B7', 'B8'" in str(info.value)
        assert "'A1'" not in str(info.value)

    def test_no_mark_when_every_year_is_covered(self) -> None:
        """A table inside the coverage has no not_covered row (and strict=True changes nothing)."""
        out = batch.evaluate(POLICY, _cases(*COVERED), now=NOW, strict=True)
        assert "not_covered" not in set(out["status"].astype(str))


class TestReportCountsThem:
    def test_the_summary_counts_not_covered(self) -> None:
        """report() goes on past a 2027 row: the group counts it under not_covered, neither met
        nor breached; the JSON form says so per group and in total; the text says how many."""
        cases = _cases(*COVERED, ("B7", "2027-01-05 10:00", None))
        r = report(POLICY, cases, now=NOW, by=["zone"])
        answer = next(g for g in r.groups if g.metric == "answer")
        assert (answer.cases, answer.not_covered, answer.met + answer.breached + answer.open) == (3, 1, 2)
        data = json.loads(r.to_json())
        assert data["not_covered"] == 1
        assert [g["not_covered"] for g in data["groups"] if g["metric"] == "answer"] == [1]
        assert "1 not covered" in r.to_text(lang="en")
        assert "1 个未覆盖" in r.to_text(lang="zh")
        assert r.to_csv().splitlines()[0].endswith(",not_covered")

    def test_strict_report_refuses(self) -> None:
        """report(..., strict=True) raises naming the case."""
        cases = _cases(*COVERED, ("B7", "2027-01-05 10:00", None))
        with pytest.raises(CalendarCoverageError, match="'B7'"):
            report(POLICY, cases, now=NOW, strict=True)
