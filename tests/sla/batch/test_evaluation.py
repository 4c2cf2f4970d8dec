"""Columnar SLA evaluation (issue: SLA compliance over whole ticket tables).

The scalar :meth:`SLAPolicy.evaluate` is the definition: every row of ``batch.evaluate`` must be
what it says for that case, with the case's events = a start at receipt, a completion at each
``<metric>_at`` and its rows of the events table.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from servstd._names import fold
from servstd.errors import DocumentError, InputTypeError, NaiveDatetimeError, ServstdError
from servstd.sla import SLAPolicy, TimerEvent, TimerResult, batch
from tests.strategies import (
    SLA_AMOUNT_FIELD,
    SLA_AMOUNT_INTS,
    SLA_AMOUNT_TEXTS,
    SLA_ATTRIBUTES,
    SLA_METRICS,
    SLA_SPELLINGS,
    sla_policy_docs,
)

SH = ZoneInfo("Asia/Shanghai")
UTC = dt.timezone.utc
EVENT_COLUMNS = ("case", "kind", "at", "metric", "approver", "new_target")
# Around the 2026 Mid-Autumn and National Day holidays, with the make-up Sunday 09-20 and Saturday 10-10.
LO = dt.datetime(2026, 9, 18, tzinfo=SH)


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SH)


# -- building tables -------------------------------------------------------------------------


def cases_frame(kind: str, rows: list[dict[str, Any]], metrics: list[str]) -> Any:
    """A case table of ``kind`` (pandas, polars, pyarrow) with aware UTC timestamp columns."""
    cols: dict[str, list[Any]] = {"case": [r["case"] for r in rows]}
    cols["received_at"] = [r["received_at"] for r in rows]
    for key in SLA_ATTRIBUTES:
        cols[key] = [r.get(key) for r in rows]
    if any(SLA_AMOUNT_FIELD in r for r in rows):
        cols[SLA_AMOUNT_FIELD] = [r.get(SLA_AMOUNT_FIELD) for r in rows]
    for m in metrics:
        cols[f"{m}_at"] = [r.get(f"{m}_at") for r in rows]
    return _frame(kind, cols, {"received_at", *(f"{m}_at" for m in metrics)})


def events_frame(kind: str, events: list[dict[str, Any]]) -> Any:
    cols = {c: [e.get(c) for e in events] for c in EVENT_COLUMNS}
    return _frame(kind, cols, {"at"})


def _frame(kind: str, cols: dict[str, list[Any]], instants: set[str]) -> Any:
    fields = []
    arrays = []
    for name, values in cols.items():
        if name in instants:
            utc = [None if v is None else v.astimezone(UTC).replace(tzinfo=None) for v in values]
            arrays.append(pa.array(utc, type=pa.timestamp("us")).cast(pa.timestamp("us", tz="UTC")))
        elif any(isinstance(v, int) for v in values):  # a column of whole amounts (nullable)
            arrays.append(pa.array(values, type=pa.int64()))
        else:
            arrays.append(pa.array(values, type=pa.string()))
        fields.append(name)
    table = pa.table(dict(zip(fields, arrays, strict=True)))
    if kind == "pyarrow":
        return table
    if kind == "polars":
        return pl.from_arrow(table)
    frame = table.to_pandas()
    for name in instants:  # plain pandas dtypes, as users have them
        frame[name] = frame[name].astype("datetime64[us, UTC]")
    return frame


def rows_of(out: Any) -> list[dict[str, Any]]:
    if isinstance(out, pd.DataFrame):
        recs = out.to_dict("records")
    elif isinstance(out, pl.DataFrame):
        recs = out.to_dicts()
    else:
        recs = out.to_pylist()
    return [{k: (None if v is None or v is pd.NaT else v) for k, v in r.items()} for r in recs]


def _inst(v: Any) -> dt.datetime | None:
    if v is None:
        return None
    return v.to_pydatetime() if hasattr(v, "to_pydatetime") else v


def _dur(v: Any) -> dt.timedelta:
    return v.to_pytimedelta() if hasattr(v, "to_pytimedelta") else v


def assert_row_equals(row: dict[str, Any], r: TimerResult) -> None:
    assert row["status"] == r.status.value, (row, r)
    assert _inst(row["start"]) == r.start, (row, r)
    assert _inst(row["due"]) == r.due, (row, r)
    assert _inst(row["completed"]) == r.completed, (row, r)
    assert _dur(row["elapsed"]) == r.elapsed, (row, r)
    assert _dur(row["remaining"]) == r.remaining, (row, r)
    assert _dur(row["paused"]) == r.paused, (row, r)
    assert row["used"] == float(r.used), (row, r)


def scalar_events(case: dict[str, Any], events: list[dict[str, Any]], metrics: list[str]) -> list[TimerEvent]:
    evs = [TimerEvent("start", case["received_at"])]
    evs += [TimerEvent("complete", case[f"{m}_at"], metric=m) for m in metrics if case.get(f"{m}_at")]
    evs += [
        TimerEvent(
            e["kind"],
            e["at"],
            metric=e.get("metric"),
            approver=e.get("approver"),
            new_target=e.get("new_target"),
        )
        for e in events
        if e["case"] == case["case"]
    ]
    return evs


# -- random tables ---------------------------------------------------------------------------

offsets = st.integers(min_value=-2 * 60, max_value=16 * 24 * 60).map(lambda m: dt.timedelta(minutes=m))
back_offsets = st.integers(min_value=-40 * 24 * 60, max_value=2 * 24 * 60).map(
    lambda m: dt.timedelta(minutes=m)
)
"""Completions around a reference that a target counts back from (early, inside the window, late)."""


@st.composite
def tables(draw: st.DrawFn) -> tuple[SLAPolicy, list[dict[str, Any]], list[dict[str, Any]], dt.datetime]:
    """A random policy, 1–5 cases around the 2026 holidays, 0–4 events each, and ``now``."""
    policy = SLAPolicy.parse(json.dumps(draw(sla_policy_docs()), ensure_ascii=False))
    metrics = policy.metrics()
    zone = draw(st.sampled_from([SH, UTC]))
    amounts = draw(st.sampled_from(["int", "text", "absent"]))
    cases = []
    events = []
    for i in range(draw(st.integers(1, 5))):
        minutes = draw(st.integers(0, 30 * 24 * 60))
        received = (LO + dt.timedelta(minutes=minutes)).astimezone(zone)
        case: dict[str, Any] = {"case": f"C{i}", "received_at": received}
        for key, values in SLA_ATTRIBUTES.items():
            named = sorted({v for r in policy.rules for c in r.when if c.field == key for v in c.values})
            pool = named if named and draw(st.integers(0, 4)) else [*values, None]
            value = draw(st.sampled_from(pool))
            if value in SLA_SPELLINGS and draw(st.booleans()):  # typed another way: folds to the name
                value = draw(st.sampled_from(SLA_SPELLINGS[value]))
            case[key] = value
        if amounts == "int":
            case[SLA_AMOUNT_FIELD] = draw(st.sampled_from([*SLA_AMOUNT_INTS, None]))
        elif amounts == "text":
            unreadable = draw(st.integers(0, 15)) == 0
            case[SLA_AMOUNT_FIELD] = (
                "很多" if unreadable else draw(st.sampled_from([*SLA_AMOUNT_TEXTS, None]))
            )
        cases.append(case)
        pauses_only = draw(st.integers(0, 3)) > 0
        well_formed = draw(st.integers(0, 3)) > 0  # pauses and resumptions alternate, time runs forward
        t = received
        for j in range(draw(st.integers(0, 4))):
            kinds = ["pause", "resume"] if pauses_only else ["pause", "resume", "extend", "stop", "complete"]
            kind = ("pause", "resume")[j % 2] if well_formed and pauses_only else draw(st.sampled_from(kinds))
            step = draw(st.integers(0 if well_formed else -60, 3 * 24 * 60))
            t = t + dt.timedelta(minutes=step)
            e: dict[str, Any] = {"case": case["case"], "kind": kind, "at": t}
            if well_formed and pauses_only and j % 2:  # a resumption has its pause's scope
                e["metric"] = events[-1].get("metric")
            elif draw(st.booleans()):
                e["metric"] = draw(st.sampled_from(SLA_METRICS))
            if kind == "extend":
                e["approver"] = draw(st.sampled_from(["主管", None]))
                e["new_target"] = draw(st.sampled_from(["5个工作日", "10日", "72小时"]))
            events.append(e)
        for m in metrics:
            if draw(st.booleans()):  # mostly after the case's last event; sometimes anywhere
                base = t if well_formed else received
                if draw(st.integers(0, 2)) == 0:  # around the receipt, as a reference counted back from
                    case[f"{m}_at"] = received + draw(back_offsets)
                else:
                    case[f"{m}_at"] = base + draw(offsets if not well_formed else offsets.map(abs))
    now = LO + dt.timedelta(minutes=draw(st.integers(0, 45 * 24 * 60)))
    return policy, cases, events, now


def oracle(
    policy: SLAPolicy, cases: list[dict[str, Any]], events: list[dict[str, Any]], now: dt.datetime
) -> dict[str, dict[str, TimerResult]] | None:
    """The scalar answer per case, or None when some row is bad (the batch must then raise)."""
    metrics = policy.metrics()
    read = set(policy.fields) - set(policy.amount_fields)  # the names the conditions match
    known = {
        k: {fold(v) for r in policy.rules for c in r.when if c.field == k for v in c.values} for k in read
    }
    out = {}
    for case in cases:
        attrs = {k: case.get(k) for k in (*SLA_ATTRIBUTES, SLA_AMOUNT_FIELD)}
        try:
            out[case["case"]] = policy.evaluate(attrs, scalar_events(case, events, metrics), now)
        except ServstdError:
            return None
        unknown = any(attrs[k] is not None and fold(attrs[k]) not in known[k] for k in read)
        if not out[case["case"]] and unknown:
            return None
    return out


class TestEqualsScalar:
    @given(data=tables(), kind=st.sampled_from(["pandas", "polars", "pyarrow"]))
    @settings(
        max_examples=settings().max_examples * 4,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    def test_every_row_is_the_scalar_evaluation(self, data: Any, kind: str) -> None:
        """Each row equals SLAPolicy.evaluate for its case; bad rows raise one DocumentError instead.

        Random policies (first / most specific, windows, start_after chains, cut-offs) on cases
        across the 2026 Mid-Autumn and National Day holidays and their make-up days, with pauses,
        resumptions, extensions, stops and completions (2,000 examples under the CI profile).
        """
        policy, cases, events, now = data
        metrics = policy.metrics()
        expected = oracle(policy, cases, events, now)
        table = cases_frame(kind, cases, metrics)
        ev = events_frame(kind, events) if events else None
        event("bad rows" if expected is None else "scalar answers")
        event(f"pauses only: {all(e['kind'] in ('pause', 'resume') for e in events)}")
        if expected is None:
            with pytest.raises(DocumentError):
                batch.evaluate(policy, table, ev, now=now)
            return
        out = batch.evaluate(policy, table, ev, now=now)
        assert type(out) is type(table)
        rows = rows_of(out)
        got: dict[str, dict[str, dict[str, Any]]] = {}
        for row in rows:
            got.setdefault(row["case"], {})[row["metric"]] = row
        assert [r["case"] for r in rows] == sorted((r["case"] for r in rows), key=lambda c: int(c[1:]))
        for case in cases:
            want = expected[case["case"]]
            assert set(got.get(case["case"], {})) == set(want), case
            for m, r in want.items():
                assert_row_equals(got[case["case"]][m], r)
                if policy.targets({k: case.get(k) for k in (*SLA_ATTRIBUTES, SLA_AMOUNT_FIELD)})[
                    m
                ].rule.is_window:
                    event(f"window before a reference: {r.status.value}")
            if case.get(SLA_AMOUNT_FIELD) is not None and any(
                c.is_amount for rule in policy.rules for c in rule.when
            ):
                event("an amount compared")

    @given(data=tables(), kind=st.sampled_from(["pandas", "polars", "pyarrow"]), order=st.randoms())
    @settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    def test_the_order_of_the_event_rows_does_not_matter(self, data: Any, kind: str, order: Any) -> None:
        """The events table's rows in any order (a case's resumption listed before its pause, cases
        interleaved) give the answers of the scalar timer, which orders each case's events itself."""
        policy, cases, events, now = data
        expected = oracle(policy, cases, events, now)
        shuffled = list(events)
        order.shuffle(shuffled)
        table = cases_frame(kind, cases, policy.metrics())
        ev = events_frame(kind, shuffled) if shuffled else None
        if expected is None:
            with pytest.raises(DocumentError):
                batch.evaluate(policy, table, ev, now=now)
            return
        got = {(r["case"], r["metric"]): r for r in rows_of(batch.evaluate(policy, table, ev, now=now))}
        for case in cases:
            for m, r in expected[case["case"]].items():
                assert_row_equals(got[(case["case"], m)], r)

    def test_one_case_events_listed_backwards(self) -> None:
        """Two pauses of one claim listed last-first: the same answer as listed in time order, and
        the scalar timer's (paused 2 h of the 7×24 arrival clock; the second pause comes after the
        moved deadline and is ignored)."""
        policy = SLAPolicy.from_catalog("insurance-claims-sla")
        case = {"case": "A", "received_at": at(2026, 10, 9, 9), "zone": "城区", "category": "理赔"}
        times = [at(2026, 10, 9, 9, 10), at(2026, 10, 9, 11, 10), at(2026, 10, 9, 12), at(2026, 10, 9, 13)]
        events = [
            {"case": "A", "kind": k, "at": t, "metric": "arrival"}
            for k, t in zip(["pause", "resume", "pause", "resume"], times, strict=True)
        ]
        now = at(2026, 10, 9, 14)
        want = policy.evaluate(
            {"zone": "城区", "category": "理赔"}, scalar_events(case, events, policy.metrics()), now
        )["arrival"]
        assert want.paused == dt.timedelta(hours=2)
        table = pd.DataFrame([case])
        for listed in (events, events[::-1]):
            out = batch.evaluate(policy, table, pd.DataFrame(listed), now=now)
            row = next(r for r in rows_of(out) if r["metric"] == "arrival")
            assert_row_equals(row, want)


INSURANCE = SLAPolicy.from_catalog("insurance-claims-sla")


def claims(n: int, pause_every: int = 0) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    rng = np.random.default_rng(3)
    received = pd.Timestamp("2026-09-20", tz="Asia/Shanghai") + pd.to_timedelta(
        rng.integers(0, 30 * 24 * 60, n), unit="min"
    )
    cases = pd.DataFrame(
        {
            "case": [f"K{i}" for i in range(n)],
            "received_at": received,
            "zone": rng.choice(["城区", "郊县"], n),
            "category": "理赔",
            "approval": rng.choice(["上级批复", "无"], n),
            "arrival_at": received + pd.to_timedelta(rng.integers(5, 300, n), unit="min"),
            "payment_at": received + pd.to_timedelta(rng.integers(3, 25, n), unit="D"),
        }
    )
    cases.loc[rng.random(n) < 0.2, "payment_at"] = pd.NaT
    if not pause_every:
        return cases, None
    paused = cases.iloc[::pause_every]
    p0 = paused["received_at"] + pd.Timedelta(hours=3)
    ev = pd.DataFrame(
        {
            "case": np.repeat(paused["case"].to_numpy(), 2),
            "kind": ["pause", "resume"] * len(paused),
            "at": np.ravel(np.column_stack([p0, p0 + pd.Timedelta(days=2)])),
            "metric": "payment",
        }
    )
    ev["at"] = pd.to_datetime(ev["at"], utc=True)
    return cases, ev


class TestInsuranceClaims:
    NOW = at(2026, 10, 25)

    def test_claims_with_pauses_equal_the_scalar_timer(self) -> None:
        """400 insurance claims across National Day, every 5th paused two days: each row = the scalar."""
        cases, ev = claims(400, pause_every=5)
        out = batch.evaluate(INSURANCE, cases, ev, now=self.NOW)
        assert len(out) == 400 * 3
        by_case = dict(list(out.groupby("case")))
        for rec in cases.to_dict("records"):
            attrs = {k: rec[k] for k in ("zone", "category", "approval")}
            evs = [TimerEvent("start", rec["received_at"].to_pydatetime())]
            evs += [
                TimerEvent("complete", rec[f"{m}_at"].to_pydatetime(), metric=m)
                for m in ("arrival", "payment")
                if rec[f"{m}_at"] is not pd.NaT
            ]
            assert ev is not None
            evs += [
                TimerEvent(e["kind"], e["at"].to_pydatetime(), metric=e["metric"])
                for e in ev[ev["case"] == rec["case"]].to_dict("records")
            ]
            want = INSURANCE.evaluate(attrs, evs, self.NOW)
            got = {r["metric"]: r for r in by_case[rec["case"]].to_dict("records")}
            assert set(got) == set(want)
            for m, r in want.items():
                assert_row_equals({k: (None if v is pd.NaT else v) for k, v in got[m].items()}, r)

    def test_hand_checked_claim_over_the_holiday(self) -> None:
        """A claim received 2026-09-30 16:00: 10个工作日 are Oct 8, 9, 10 (make-up Saturday), 12–16, 19, 20."""
        cases = pd.DataFrame(
            {
                "case": ["P1"],
                "received_at": [pd.Timestamp("2026-09-30 16:00", tz="Asia/Shanghai")],
                "zone": ["城区"],
                "category": ["理赔"],
                "payment_at": [pd.Timestamp("2026-10-20 16:59", tz="Asia/Shanghai")],
            }
        )
        out = batch.evaluate(INSURANCE, cases, now=self.NOW).set_index("metric")
        assert out.loc["payment", "due"] == pd.Timestamp("2026-10-20 18:00", tz="Asia/Shanghai")
        assert out.loc["payment", "status"] == "met"
        assert out.loc["arrival", "status"] == "breached"  # open, due 16:40 on 09-30
        assert out.loc["advance_payment", "due"] == pd.Timestamp("2026-11-30 18:00", tz="Asia/Shanghai")

    def test_start_after_chain(self) -> None:
        """拒赔: rejection_notice (10日) starts when the appeal period (15个工作日) completes; pending before."""
        cases = pd.DataFrame(
            {
                "case": ["R1", "R2"],
                "received_at": [at(2026, 9, 28, 10), at(2026, 9, 28, 10)],
                "category": ["拒赔", "拒赔"],
                "appeal_at": [at(2026, 10, 20, 9), None],
                "rejection_notice_at": [at(2026, 10, 29, 9), None],
            }
        )
        cases["appeal_at"] = pd.to_datetime(cases["appeal_at"])
        cases["rejection_notice_at"] = pd.to_datetime(cases["rejection_notice_at"])
        out = batch.evaluate(INSURANCE, cases, now=at(2026, 11, 5)).set_index(["case", "metric"])
        assert out.loc[("R1", "rejection_notice"), "start"] == pd.Timestamp(
            "2026-10-20 09:00", tz="Asia/Shanghai"
        )
        assert out.loc[("R1", "rejection_notice"), "due"] == pd.Timestamp(
            "2026-10-30 18:00", tz="Asia/Shanghai"
        )
        assert out.loc[("R1", "rejection_notice"), "status"] == "met"
        assert out.loc[("R2", "rejection_notice"), "status"] == "pending"
        assert pd.isna(out.loc[("R2", "rejection_notice"), "due"])

    def test_renewal_notice_window_equals_the_scalar_timer(self) -> None:
        """续期 (第三十九条): the renewal notice is sent within the 5 working days *before* the
        anniversary 2026-10-12 (在生效对应日前5个工作日内: 09-29, 09-30, 10-08, 10-09, 10-10). Computed
        by the columnar engine, each row equals the scalar timer: sent 10-09 met, 10-13 breached,
        09-20 early, not yet sent on the morning of 10-10 (the last day of the window) running."""
        anniversary = at(2026, 10, 12)
        cases = pd.DataFrame(
            {
                "case": ["N1", "N2", "N3", "N4"],
                "received_at": [anniversary] * 4,
                "category": ["续期"] * 4,
                "renewal_notice_at": [at(2026, 10, 9, 10), at(2026, 10, 13, 10), at(2026, 9, 20, 10), None],
            }
        )
        cases["renewal_notice_at"] = pd.to_datetime(cases["renewal_notice_at"])
        now = at(2026, 10, 10, 9)
        out = batch.evaluate(INSURANCE, cases, now=now)
        got = {(r["case"], r["metric"]): r for r in out.to_dict("records")}
        for rec in cases.to_dict("records"):
            evs = [TimerEvent("start", anniversary)]
            if rec["renewal_notice_at"] is not pd.NaT:
                evs.append(
                    TimerEvent("complete", rec["renewal_notice_at"].to_pydatetime(), metric="renewal_notice")
                )
            for m, r in INSURANCE.evaluate({"category": "续期"}, evs, now).items():
                row = got[(rec["case"], m)]
                assert_row_equals({k: (None if v is pd.NaT else v) for k, v in row.items()}, r)
        statuses = [got[(c, "renewal_notice")]["status"] for c in ("N1", "N2", "N3", "N4")]
        assert statuses == ["met", "breached", "early", "running"]
        assert got[("N1", "renewal_notice")]["due"] == pd.Timestamp("2026-10-10 18:00", tz="Asia/Shanghai")


class TestBadRows:
    def test_bad_rows_are_reported_together(self) -> None:
        """A naive receipt, an unknown zone and a resumption without a pause: one error naming all three."""
        cases = pd.DataFrame(
            {
                "case": ["A", "B", "C", "D"],
                "received_at": [at(2026, 10, 1, 9), None, at(2026, 10, 1, 9), at(2026, 10, 1, 9)],
                "zone": ["城区", "城区", "火星", "郊县"],
            }
        )
        cases["received_at"] = pd.to_datetime(cases["received_at"])
        events = pd.DataFrame(
            {
                "case": ["D", "E"],
                "kind": ["resume", "pause"],
                "at": [at(2026, 10, 1, 10), at(2026, 10, 1, 10)],
            }
        )
        events["at"] = pd.to_datetime(events["at"])
        with pytest.raises(DocumentError) as exc:
            batch.evaluate(INSURANCE, cases, events, now=at(2026, 10, 2))
        text = str(exc.value)
        assert "cases row 1 (case 'B'): received_at is missing" in text
        assert "cases row 2 (case 'C'): no rule of insurance-claims-sla applies: unknown zone '火星'" in text
        assert "events row 0: a resumption of arrival without a pause" in text
        assert "events row 1: an event for a case that is not in the case table" in text
        assert len(exc.value.problems) == 4

    def test_naive_receipt_column(self) -> None:
        """A receipt column without a time zone: every row is named as naive, never localised."""
        cases = pd.DataFrame(
            {"case": ["A", "B"], "received_at": pd.to_datetime(["2026-10-01", "2026-10-02"])}
        )
        with pytest.raises(DocumentError, match=r"cases rows 0, 1: received_at is a naive instant"):
            batch.evaluate(INSURANCE, cases, now=at(2026, 10, 2))

    def test_missing_columns_and_bad_now(self) -> None:
        """A table without the id or receipt column, or a naive ``now``, is an error saying what is accepted."""
        cases = pd.DataFrame({"id": ["A"], "received_at": [pd.Timestamp("2026-10-01", tz="UTC")]})
        with pytest.raises(DocumentError, match=r"no column 'case' \(the table has: id, received_at\)"):
            batch.evaluate(INSURANCE, cases, now=at(2026, 10, 2))
        with pytest.raises(NaiveDatetimeError):
            batch.evaluate(INSURANCE, cases, now=dt.datetime(2026, 10, 2), case_id="id")
        with pytest.raises(InputTypeError):
            batch.evaluate(INSURANCE, [{"case": "A"}], now=at(2026, 10, 2))

    def test_duplicate_ids(self) -> None:
        """A case id given twice is an error (events could not be told apart)."""
        cases = pd.DataFrame({"case": ["A", "A"], "received_at": [pd.Timestamp("2026-10-01", tz="UTC")] * 2})
        with pytest.raises(DocumentError, match="case 'A' appears more than once"):
            batch.evaluate(INSURANCE, cases, now=at(2026, 10, 2))

    def test_empty_table(self) -> None:
        """No cases, no rows (with the result's columns)."""
        cases = pd.DataFrame(
            {"case": pd.Series([], dtype=object), "received_at": pd.Series([], dtype="datetime64[us, UTC]")}
        )
        out = batch.evaluate(INSURANCE, cases, now=at(2026, 10, 2))
        assert list(out.columns) == [
            "case",
            "metric",
            "status",
            "start",
            "due",
            "completed",
            "elapsed",
            "remaining",
            "paused",
            "used",
        ]
        assert len(out) == 0
