"""What spreadsheet and chinese_calendar users expect of the command (issue: the command speaks its
users' language — the conveniences): 24:00 headlines, working-day counts, custom weekends, now and
today, catalog search, notice remove, CSV for Excel, readable lateness, hints."""

from __future__ import annotations

import io

from servstd.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


class TestMidnightHeadline:
    def test_natural_days_headline_is_2400_of_the_last_day(self) -> None:
        """3个自然日 from 2026-09-30 prints 「2026-10-03 24:00」 first, and the explanation's last line
        keeps a space between the date and 24:00."""
        code, out, _ = run("deadline", "2026-09-30 16:00", "3个自然日")
        assert code == 0
        assert out.splitlines()[0] == "2026-10-03 24:00 (+08:00)"
        assert "截止于2026-10-03 24:00：2026-10-03 24:00 (+08:00)。" in out

    def test_end_of_day_midnight_keeps_its_separator(self) -> None:
        """--end-of-day midnight prints 「2026-10-09 24:00：」 with its separator."""
        code, out, _ = run("deadline", "2026-09-30 16:00", "2个工作日", "--end-of-day", "midnight")
        assert code == 0
        assert out.splitlines()[0] == "2026-10-09 24:00 (+08:00)"
        assert "截止于2026-10-09 24:00：" in out
