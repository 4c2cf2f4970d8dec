"""Small documents that used to cost minutes (issue 23 item 6): each is refused at once, naming
the limit, or computed in time linear in its size."""

from __future__ import annotations

import datetime as dt
import io
import os
import time
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from servstd._documents import parse_text
from servstd.cli import main
from servstd.errors import DocumentError, ScheduleError
from servstd.sla import BusinessHours, SLAPolicy, parse_overlay
from servstd.sla.batch import report

POLICY = SLAPolicy.from_catalog("insurance-claims-sla")
SH = "Asia/Shanghai"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


class TestRefusedAtOnce:
    @pytest.mark.parametrize(
        "text",
        [
            "a" + ".a" * 100_000 + " = 1\n",  # a 200 KB dotted key (was 38 s, then MemoryError)
            "[" + "a." * 70 + "a]\nx = 1\n",  # a table header
            "x = " + "[" * 70 + "]" * 70 + "\n",  # arrays
            "x = " + "{a = " * 70 + "1" + "}" * 70 + "\n",  # inline tables
            "x = {" + ", ".join(f"k{i} = 1" for i in range(3)) + ", " + "b." * 70 + "c = 1}\n",
        ],
        ids=["dotted-key", "header", "arrays", "inline-tables", "dotted-key-in-inline-table"],
    )
    def test_deep_toml_is_refused_before_parsing(self, text: str) -> None:
        """TOML nested past 64 levels is refused by a linear scan before tomllib runs."""
        started = time.perf_counter()
        with pytest.raises(DocumentError, match="nested more than 64 levels deep"):
            parse_text(text, "deep.toml", "toml")
        assert time.perf_counter() - started < 2

    def test_the_scan_leaves_ordinary_toml_alone(self) -> None:
        """Dots in strings, numbers and dates, and 60 levels of nesting, still read."""
        text = (
            'title = "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z"\n'
            "ratio = 1.5\nwhen = 2026-10-01\n"
            '"quoted.key.with.dots" = "x"\n'
            "[a.b.c]\nd = [1.5, 2.5, {e.f = 'g.h'}]\n"
            '[x]\ny = """multi\nline "with" dots...\n"""\n'
            "z = " + "[" * 60 + "]" * 60 + "\n"
        )
        data = parse_text(text, "ok.toml", "toml")
        assert data["a"]["b"]["c"]["d"][0] == Decimal("1.5")
        assert data["quoted.key.with.dots"] == "x"
        assert data["x"]["y"] == 'multi\nline "with" dots...\n'

    def test_an_overlay_range_of_the_whole_calendar(self) -> None:
        """rest_days from 0001-01-01 to 9999-12-31 (70 bytes, was 20 s and 820 MB) names the limit."""
        with pytest.raises(DocumentError, match=r"spans 3,652,059 days; a range spans at most 3,660"):
            parse_overlay("rest_days: [{from: 0001-01-01, to: 9999-12-31}]")
        many = "rest_days:\n" + "".join(
            f"  - {{from: {y}-01-01, to: {y + 9}-12-31}}\n" for y in range(1000, 1200, 10)
        )
        with pytest.raises(DocumentError, match=r"rest_days: 73,0\d\d days; an overlay names at most 36,600"):
            parse_overlay(many)

    def test_hours_with_hundreds_of_intervals(self) -> None:
        """--hours with 720 intervals a day (was > 60 s) is refused at the 48 a day limit."""
        spec = ",".join(f"{h:02d}:{m:02d}-{h:02d}:{m + 1:02d}" for h in range(24) for m in range(0, 60, 2))
        with pytest.raises(ScheduleError, match="720 intervals in one day; business hours have at most 48"):
            BusinessHours.parse(spec)
        code, _, err = run("deadline", "2026-09-30 16:00", "3个工作日", "--hours", spec)
        assert code == 1
        assert "at most 48" in err
        half_hours = ",".join(f"{h:02d}:00-{h:02d}:20,{h:02d}:30-{h:02d}:50" for h in range(24))
        assert len(BusinessHours.parse(half_hours).working[0]) == 48

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
    def test_a_fifo_named_like_a_document(self, tmp_path: Path) -> None:
        """A FIFO named x.yaml hung score for ever; it is refused as not a regular file."""
        fifo = tmp_path / "x.yaml"
        os.mkfifo(fifo)
        for argv in (("score", "property-cs-quality-inspection", str(fifo)), ("validate", str(fifo))):
            code, _, err = run(*argv)
            assert code == 1
            assert "not a regular file" in err


def _slow_groups(merged: pd.DataFrame, by: list[str]) -> dict[tuple[str, ...], tuple[int, int, int | None]]:
    """The oracle: per group, cases, met and the nearest-rank median, one group at a time."""
    out = {}
    for key, g in merged.groupby([*by, "metric"], sort=True, observed=True):
        done = sorted(int(v / np.timedelta64(1, "us")) for v in g.loc[g["completed"].notna(), "elapsed"])
        k = max(-(-50 * len(done) // 100), 1)
        out[tuple(str(k_) for k_ in key)] = (
            len(g),
            int((g["status"].astype(str) == "met").sum()),
            done[k - 1] if done else None,
        )
    return out


class TestGroupingInTheTableLibrary:
    @settings(max_examples=15, deadline=None)
    @given(
        st.lists(
            st.tuples(st.sampled_from("ABC"), st.integers(0, 300), st.booleans()), min_size=1, max_size=40
        )
    )
    def test_groups_equal_the_one_group_at_a_time_oracle(self, rows: list[tuple[str, int, bool]]) -> None:
        """The vectorised group table has the counts and medians of a per-group loop."""
        received = pd.Timestamp("2026-09-30 09:00", tz=SH)
        cases = pd.DataFrame({
            "case": [f"C{i}" for i in range(len(rows))],
            "received_at": [received] * len(rows),
            "zone": ["城区"] * len(rows), "tier": ["标准"] * len(rows), "site": [r[0] for r in rows],
            "arrival_at": [received + pd.Timedelta(minutes=r[1]) if r[2] else pd.NaT for r in rows],
        })  # fmt: skip
        now = pd.Timestamp("2026-10-10", tz=SH)
        rep = report(POLICY, cases, by=["site"], now=now)
        from servstd.sla.batch.evaluation import evaluate  # noqa: PLC0415 - the oracle's input

        result = evaluate(POLICY, cases, None, now=now)
        merged = result.merge(cases[["case", "site"]], on="case")
        oracle = _slow_groups(merged, ["site"])
        got = {
            (*g.key, g.metric): (
                g.cases,
                g.met,
                None if g.median is None else g.median // dt.timedelta(microseconds=1),
            )
            for g in rep.groups
        }
        assert got == oracle

    def test_every_case_its_own_group(self) -> None:
        """--by case over 8,000 cases (0.9 MB; was 17–46 s) is computed by the table library."""
        received = pd.Timestamp("2026-09-30 09:00", tz=SH)
        n = 8_000
        cases = pd.DataFrame({
            "case": [f"C{i:05d}" for i in range(n)], "received_at": [received] * n,
            "zone": ["城区"] * n, "tier": ["标准"] * n, "arrival_at": [received + pd.Timedelta(minutes=30)] * n,
        })  # fmt: skip
        started = time.perf_counter()
        rep = report(POLICY, cases, by=["case"], now=pd.Timestamp("2026-10-10", tz=SH))
        assert time.perf_counter() - started < 15
        assert len(rep.groups) == n
        assert {g.met for g in rep.groups} == {1}
