"""The columnar evaluation applies windows before a reference and amount conditions exactly as the
scalar path does (issue 22): every row equals :meth:`SLAPolicy.evaluate` for its case."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from servstd.errors import DocumentError, ServstdError
from servstd.sla import SLAPolicy, TimerEvent, batch
from tests.sla.batch.test_evaluation import assert_row_equals

SH = ZoneInfo("Asia/Shanghai")
UTC = dt.timezone.utc
CLOCKS = {
    "office": {"region": "CN", "hours": "09:00-12:00,13:00-17:00", "tz": "Asia/Shanghai"},
    "lunch": {"region": "CN", "hours": "08:30-12:00,13:30-17:30", "tz": "Asia/Shanghai"},
    "24h": {"region": "CN", "hours": "24h", "tz": "Asia/Shanghai"},
    "7x24": {"always": True, "tz": "Asia/Shanghai"},
}
WINDOWS = {
    "notice": {"within": "在生效对应日前5个工作日内", "clock": "office"},
    "survey": {"within": "在到期日前30日内", "clock": "lunch"},
    "call": {"within": "在到期日前2个自然日内", "clock": "24h"},
    "visit": {"within": "在基准时间前4工作小时内", "clock": "office"},
    "alarm": {"within": "在基准时间前3小时内", "clock": "7x24"},
    "deadline": {"within": "到期前5个工作日", "clock": "office"},
    "month": {"within": "within 1 month before the anniversary", "clock": "office", "end_of_day": "midnight"},
}
WINDOW_POLICY = SLAPolicy.parse(
    json.dumps(
        {"id": "windows", "title": "windows", "clocks": CLOCKS, "rules": [{"targets": WINDOWS}]},
        ensure_ascii=False,
    )
)
AMOUNT_RULES = [
    {"when": {"sum_insured": "300万元以上"}, "targets": {"follow_up": {"within": "10个工作日"}}},
    {"when": {"sum_insured": "超过300万元", "line": "财险"}, "targets": {"survey": {"within": "3个工作日"}}},
    {"when": {"sum_insured": ["不满100万元", "亿元以上"]}, "targets": {"audit": {"within": "5日"}}},
    {"when": {"sum_insured": "50万元以下"}, "targets": {"small": {"within": "2个自然日"}}},
    {"when": {"line": ["寿险", "財險"]}, "targets": {"line_check": {"within": "1个工作日"}}},
]
AMOUNT_POLICY = SLAPolicy.parse(
    json.dumps(
        {"id": "amounts", "title": "amounts", "match": "most_specific", "rules": AMOUNT_RULES},
        ensure_ascii=False,
    )
)
BOUNDARY_INTS = [0, 499_999, 500_000, 500_001, 999_999, 1_000_000, 2_999_999, 3_000_000, 3_000_001,
                 99_999_999, 100_000_000, 100_000_001]  # fmt: skip
AMOUNT_TEXTS = [
    "300万元",
    "2,999,999元",
    "1.2亿元",
    "五百万元",
    "亿元",
    "50万",
    "49.9999万元",
    "3000000",
    "300.0001万元",
]


def _evaluate_both(policy: SLAPolicy, cases: pd.DataFrame, now: dt.datetime, attrs: list[str]) -> None:
    """batch.evaluate(cases) row by row against the scalar SLAPolicy.evaluate of each case."""
    out = batch.evaluate(policy, cases, now=now)
    got = {(r["case"], r["metric"]): r for r in out.to_dict("records")}
    metrics = policy.metrics()
    seen = 0
    for rec in cases.to_dict("records"):
        evs = [TimerEvent("start", rec["received_at"].to_pydatetime())]
        for m in metrics:
            t = rec.get(f"{m}_at")
            if t is not None and t is not pd.NaT:
                evs.append(TimerEvent("complete", t.to_pydatetime(), metric=m))
        case = {k: (None if pd.isna(rec[k]) else rec[k]) for k in attrs}
        want = policy.evaluate(case, evs, now)
        assert {m for (c, m) in got if c == rec["case"]} == set(want), rec
        for m, r in want.items():
            assert_row_equals({k: (None if v is pd.NaT else v) for k, v in got[(rec["case"], m)].items()}, r)
            seen += 1
    assert seen == len(out)


@st.composite
def window_cases(draw: st.DrawFn) -> tuple[pd.DataFrame, dt.datetime]:
    """References around the 2026 holidays (and early 2025), completions from 40 days before to 3 after."""
    n = draw(st.integers(1, 8))
    base = draw(st.sampled_from([dt.datetime(2026, 9, 18, tzinfo=SH), dt.datetime(2025, 1, 2, tzinfo=SH)]))
    refs = [base + dt.timedelta(minutes=draw(st.integers(0, 40 * 24 * 60))) for _ in range(n)]
    data: dict[str, Any] = {"case": [f"W{i}" for i in range(n)], "received_at": refs}
    for m in WINDOWS:
        data[f"{m}_at"] = [
            r + dt.timedelta(minutes=draw(st.integers(-40 * 24 * 60, 3 * 24 * 60)))
            if draw(st.booleans())
            else None
            for r in refs
        ]
    frame = pd.DataFrame(data)
    for col in frame.columns:
        if col != "case":
            frame[col] = pd.to_datetime(frame[col], utc=True)
    now = base + dt.timedelta(minutes=draw(st.integers(0, 50 * 24 * 60)))
    return frame, now


@given(data=window_cases())
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_window_targets_columnar_equals_scalar(data: tuple[pd.DataFrame, dt.datetime]) -> None:
    """Windows of working days, days, natural days, a month, business and clock time (and a deadline
    counting back) on four clocks: every row (status early/met/breached/running, due, remaining…)
    equals the scalar timer's."""
    cases, now = data
    _evaluate_both(WINDOW_POLICY, cases, now, [])


@st.composite
def amount_cases(draw: st.DrawFn) -> pd.DataFrame:
    """Cases with sum_insured as whole numbers, floats (with NaN) or text with units, and a line."""
    n = draw(st.integers(1, 12))
    kind = draw(st.sampled_from(["int", "float", "text"]))
    if kind == "int":
        amounts: list[Any] = draw(st.lists(st.sampled_from(BOUNDARY_INTS), min_size=n, max_size=n))
        column = pd.array(amounts, dtype="Int64")
    elif kind == "float":
        amounts = draw(
            st.lists(
                st.sampled_from([*map(float, BOUNDARY_INTS), float("nan"), 2_999_999.5]),
                min_size=n,
                max_size=n,
            )
        )
        column = np.array(amounts, dtype=np.float64)
    else:
        amounts = draw(st.lists(st.sampled_from([*AMOUNT_TEXTS, None]), min_size=n, max_size=n))
        column = pd.array(amounts, dtype=object)
    lines = draw(st.lists(st.sampled_from(["财险", "財險", "寿险", "壽險", None]), min_size=n, max_size=n))
    return pd.DataFrame(
        {
            "case": [f"A{i}" for i in range(n)],
            "received_at": pd.Timestamp("2026-09-30 16:00", tz="Asia/Shanghai"),
            "sum_insured": column,
            "line": pd.array(lines, dtype=object),
        }
    )


@given(cases=amount_cases(), days=st.integers(0, 20))
def test_amount_conditions_columnar_equals_scalar(cases: pd.DataFrame, days: int) -> None:
    """以上/以下/超过/不满/不足 over boundary amounts (2,999,999 / 3,000,000, 1亿…) as whole numbers,
    floats or text with units, with names in either script: each row equals the scalar evaluation."""
    _evaluate_both(AMOUNT_POLICY, cases, dt.datetime(2026, 10, 1, tzinfo=SH) + dt.timedelta(days=days),
                   ["sum_insured", "line"])  # fmt: skip


class TestHandChecked:
    def test_boundary_rows(self) -> None:
        """2,999,999 gets no follow_up; 3,000,000 does (以上); survey (超过) needs 3,000,001 and 财险,
        in either script."""
        cases = pd.DataFrame(
            {
                "case": ["B1", "B2", "B3"],
                "received_at": pd.Timestamp("2026-09-30 16:00", tz="Asia/Shanghai"),
                "sum_insured": [2_999_999, 3_000_000, 3_000_001],
                "line": ["財險", "财险", "財險"],
            }
        )
        out = batch.evaluate(AMOUNT_POLICY, cases, now=dt.datetime(2026, 10, 1, tzinfo=SH))
        metrics = out.groupby("case", observed=True)["metric"].apply(lambda s: sorted(map(str, s))).to_dict()
        assert metrics == {  # line_check: 财险 and 財險 are one name (the rule lists 財險)
            "B1": ["line_check"],
            "B2": ["follow_up", "line_check"],
            "B3": ["follow_up", "line_check", "survey"],
        }

    def test_unreadable_amounts_name_row_case_and_field(self) -> None:
        """A sum_insured that is not an amount is reported with its row, case id and the field."""
        cases = pd.DataFrame(
            {
                "case": ["OK", "BAD"],
                "received_at": pd.Timestamp("2026-09-30 16:00", tz="Asia/Shanghai"),
                "sum_insured": ["500万元", "很多"],
                "line": ["财险", "财险"],
            }
        )
        with pytest.raises(DocumentError) as info:
            batch.evaluate(AMOUNT_POLICY, cases, now=dt.datetime(2026, 10, 1, tzinfo=SH))
        (problem,) = info.value.problems
        assert problem.path == "cases row 1 (case 'BAD')"
        assert "sum_insured '很多' cannot be read as an amount" in problem.message

    def test_negative_whole_amounts_are_refused(self) -> None:
        """A negative whole number is no amount, in a column of whole numbers too."""
        cases = pd.DataFrame(
            {
                "case": ["N"],
                "received_at": pd.Timestamp("2026-09-30 16:00", tz="Asia/Shanghai"),
                "sum_insured": [-5],
            }
        )
        with pytest.raises(DocumentError, match="cannot be read as an amount"):
            batch.evaluate(AMOUNT_POLICY, cases, now=dt.datetime(2026, 10, 1, tzinfo=SH))
        with pytest.raises(ServstdError):
            AMOUNT_POLICY.targets({"sum_insured": -5})

    def test_many_distinct_amounts_make_few_groups(self) -> None:
        """10,000 distinct whole amounts are matched by outcome, not value by value: the answer is
        still each case's (spot-checked against the scalar path)."""
        rng = np.random.default_rng(7)
        amounts = rng.integers(0, 200_000_000, 10_000)
        cases = pd.DataFrame(
            {
                "case": [f"C{i}" for i in range(amounts.size)],
                "received_at": pd.Timestamp("2026-09-30 16:00", tz="Asia/Shanghai"),
                "sum_insured": amounts,
                "line": "财险",
            }
        )
        out = batch.evaluate(AMOUNT_POLICY, cases, now=dt.datetime(2026, 10, 1, tzinfo=SH))
        by_case = out.groupby("case", observed=True)["metric"].apply(lambda s: set(map(str, s))).to_dict()
        for i in rng.integers(0, amounts.size, 50):
            want = set(AMOUNT_POLICY.targets({"sum_insured": int(amounts[i]), "line": "财险"}))
            assert by_case.get(f"C{i}", set()) == want
