"""A renewal notice sent within the 5 working days before the policy's anniversary (保险公司服务标准 第三十九条).

「续期交费业务一般应在生效对应日前5个工作日内发出续期交费通知」 is a window, not a deadline: a notice
sent before the window opens is early, one sent after its last working day is late.
"""

from __future__ import annotations

import datetime as dt
import sys
from zoneinfo import ZoneInfo

from servstd.sla import ServiceClock


def main() -> None:
    """Print the window for a policy whose anniversary is 2026-10-12, and three notices against it."""
    sh = ZoneInfo("Asia/Shanghai")
    anniversary = dt.datetime(2026, 10, 12, tzinfo=sh)
    window = ServiceClock.default().deadline(anniversary, "在生效对应日前5个工作日内")
    sys.stdout.write(window.explain("zh") + "\n")
    assert window.opens is not None
    for sent in (dt.datetime(2026, 9, 20, 10, tzinfo=sh), dt.datetime(2026, 10, 9, 10, tzinfo=sh),
                 dt.datetime(2026, 10, 13, 10, tzinfo=sh)):  # fmt: skip
        verdict = "过早" if sent < window.opens else "按时" if sent <= window.due else "超时"
        sys.stdout.write(f"{sent:%Y-%m-%d %H:%M} 发出：{verdict}\n")


if __name__ == "__main__":
    main()
