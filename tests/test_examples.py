"""The runnable examples in examples/ run and print what they promise."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_renewal_notice_window_over_national_day(capsys: pytest.CaptureFixture[str]) -> None:
    """第三十九条 「在生效对应日前5个工作日内」 before 2026-10-12: the window is 09-29 … 10-10 (the
    holiday skipped, 10-10 a make-up Saturday); sent 09-20 early, 10-09 on time, 10-13 late."""
    runpy.run_path(str(EXAMPLES / "renewal_notice.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "2026-09-29、2026-09-30、2026-10-08、2026-10-09、2026-10-10（调休上班日）" in out
    assert "截止于2026-10-10营业结束时：2026-10-10 18:00 (+08:00)。" in out
    assert "2026-10-01–2026-10-07 国庆节" in out
    assert out.splitlines()[-3:] == [
        "2026-09-20 10:00 发出：过早",
        "2026-10-09 10:00 发出：按时",
        "2026-10-13 10:00 发出：超时",
    ]


def test_sql_calendar_answers_in_duckdb(capsys: pytest.CaptureFixture[str]) -> None:
    """The DuckDB report: 3个工作日, 4工作小时 and business minutes for three tickets, as the clock says."""
    runpy.run_path(str(EXAMPLES / "sql_calendar.py"), run_name="__main__")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "id | received | due_3_working_days | due_4_business_hours | business_minutes_taken"
    assert lines[1:] == [
        "1 | 2026-09-30 16:00:00 | 2026-10-10 18:00:00 | 2026-10-08 11:00:00 | 180",
        "2 | 2026-10-09 17:30:00 | 2026-10-13 18:00:00 | 2026-10-10 13:30:00 | 60",
        "3 | 2026-10-03 11:00:00 | 2026-10-10 18:00:00 | 2026-10-08 14:00:00 | 1740",
    ]
