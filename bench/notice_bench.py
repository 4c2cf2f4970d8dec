"""How long reading a holiday notice takes, on real and hostile texts (linear time, not a test).

Run with ``uv run python bench/notice_bench.py``. Prints the time to read the real 2026 notice,
a 1 MB text of repeated notices, and the texts that made the earlier reader backtrack.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from servstd.errors import NoticeParseError
from servstd.sla import parse_notice

ROOT = Path(__file__).parents[1]
REAL = (ROOT / "tests/sla/calendar/notices/2026.txt").read_text(encoding="utf-8")
TITLE = "国务院办公厅关于2026年部分节假日安排的通知\n"


def timed(label: str, make: Callable[[], str]) -> None:
    text = make()
    t0 = time.perf_counter()
    try:
        parse_notice(text)
        outcome = "read"
    except NoticeParseError as exc:
        outcome = f"refused ({exc.problems[0].message[:50]})"
    ms = (time.perf_counter() - t0) * 1e3
    print(f"{label:<44} {len(text.encode()):>10,} B {ms:>9.2f} ms  {outcome}")


def main() -> None:
    timed("real 2026 notice", lambda: REAL)
    body = REAL.split("一、", 1)[1]
    timed("1 MB: one item list, very long", lambda: TITLE + "一、元旦：" + "1月1日、" * 95_000 + "放假。")
    timed("1 MB: the notice body repeated", lambda: REAL + body * (1_000_000 // len(body.encode())))
    timed("「关于2026年放假」 × 3000 (14 s before)", lambda: "关于2026年放假" * 3000)
    timed("「关于2026年放假」 × 48000 (1 MB)", lambda: "关于2026年放假" * 48_000)
    timed("date list × 40000 (60 s before)", lambda: TITLE + "一、元旦：" + "1月1日、" * 40_000 + "放假。")


if __name__ == "__main__":
    main()
