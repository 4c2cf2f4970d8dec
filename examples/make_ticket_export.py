"""Write the sample ticket export used by the SLA compliance how-to (synthetic, reproducible).

300 insurance cases received between 2026-09-14 and 2026-10-23, across the Mid-Autumn Festival
(09-25), the National Day holiday (10-01 to 10-07) and its make-up working days (Sunday 09-20,
Saturday 10-10). Each row: the case id, the receipt instant with its offset, the attributes the
catalog policy ``insurance-claims-sla`` reads (zone, category, approval), a customer tier for
grouping, and the completion instant of each metric (empty while open). A second file holds
pauses (waiting for the customer's documents) and one approved extension.

    python examples/make_ticket_export.py            # rewrites the two CSV files beside it
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path
from zoneinfo import ZoneInfo

SH = ZoneInfo("Asia/Shanghai")
HERE = Path(__file__).resolve().parent
CASES = HERE / "claims_2026_national_day.csv"
EVENTS = HERE / "claims_2026_national_day_events.csv"
COLUMNS = ["case", "received_at", "tier", "zone", "category", "approval"]
COLUMNS += ["arrival_at", "answer_at", "payment_at", "advance_payment_at"]


def _iso(t: dt.datetime | None) -> str:
    return "" if t is None else t.isoformat(timespec="minutes")


def main(n: int = 300, seed: int = 20261001) -> None:
    rng = random.Random(seed)
    start = dt.datetime(2026, 9, 14, tzinfo=SH)
    rows = []
    events = []
    for i in range(n):
        received = start + dt.timedelta(minutes=rng.randrange(40 * 24 * 60))
        category = rng.choices(["理赔", "咨询"], weights=[7, 3])[0]
        zone = rng.choices(["城区", "郊县"], weights=[3, 2])[0]
        row: dict[str, object] = {
            "case": f"BX2026-{i + 1:04d}",
            "received_at": received,
            "tier": rng.choices(["VIP", "标准"], weights=[1, 3])[0],
            "zone": zone,
            "category": category,
            "approval": "上级批复" if category == "理赔" and rng.random() < 0.2 else "",
        }
        limit = 40 if zone == "城区" else 180
        row["arrival_at"] = received + dt.timedelta(minutes=rng.randint(limit // 3, int(limit * 1.08)))
        if category == "咨询":
            days = rng.choice([1, 1, 2, 2, 3, 4, 6])
            row["answer_at"] = received + dt.timedelta(days=days, hours=rng.randint(0, 6))
        else:
            days = rng.choice([3, 5, 6, 7, 9, 10, 12, 14, 18])
            paid = received + dt.timedelta(days=days, hours=rng.randint(0, 8))
            row["payment_at"] = paid if paid < dt.datetime(2026, 11, 2, tzinfo=SH) else None
            row["advance_payment_at"] = (
                received + dt.timedelta(days=rng.randint(10, 50)) if rng.random() < 0.3 else None
            )
            if rng.random() < 0.15 and row["payment_at"] is not None:
                p0 = received + dt.timedelta(hours=rng.randint(4, 30))
                p1 = p0 + dt.timedelta(hours=rng.randint(12, 72))
                if p1 < row["payment_at"]:  # type: ignore[operator]
                    events.append((row["case"], "pause", p0, "payment", "", ""))
                    events.append((row["case"], "resume", p1, "payment", "", ""))
        rows.append(row)
    # one extension approved by the branch manager
    first_claim = next(
        r for r in rows if r["category"] == "理赔" and not any(e[0] == r["case"] for e in events)
    )
    ext_at = first_claim["received_at"] + dt.timedelta(days=1)  # type: ignore[operator]
    events.append((first_claim["case"], "extend", ext_at, "payment", "分公司经理", "15个工作日"))
    rows.sort(key=lambda r: r["received_at"])  # type: ignore[arg-type, return-value]
    with CASES.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(COLUMNS)
        for r in rows:
            w.writerow(
                [
                    _iso(v) if isinstance(v, dt.datetime) or v is None else v
                    for v in (r.get(c) for c in COLUMNS)
                ]
            )
    with EVENTS.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["case", "kind", "at", "metric", "approver", "new_target"])
        for case, kind, at, metric, approver, target in sorted(events, key=lambda e: (e[2], e[0])):
            w.writerow([case, kind, _iso(at), metric, approver, target])
    print(f"wrote {len(rows)} cases to {CASES.name} and {len(events)} events to {EVENTS.name}")


if __name__ == "__main__":
    main()
