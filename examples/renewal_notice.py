"""A renewal notice due 5 working days before the policy's anniversary (保险公司服务标准 第三十九条)."""

from __future__ import annotations

import datetime as dt
import sys
from zoneinfo import ZoneInfo

from servstd.sla import ServiceClock


def main() -> None:
    """Print when the notice must go out for a policy whose anniversary is 2026-10-12."""
    anniversary = dt.datetime(2026, 10, 12, tzinfo=ZoneInfo("Asia/Shanghai"))
    deadline = ServiceClock.default().deadline(anniversary, "到期前5个工作日")
    sys.stdout.write(deadline.explain("zh") + "\n")


if __name__ == "__main__":
    main()
