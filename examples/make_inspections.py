"""Write filled inspections to learn from: three catalog standards in YAML and xlsx, and a folder of 50.

    uv run python examples/make_inspections.py            # writes examples/inspections/ again
    uv run python examples/make_inspections.py OUT_DIR    # or somewhere else

The three filled examples cover each way of scoring: a deduction scheme (客户服务部品质检查标准,
four 25-point parts), a per-item-points scheme (客户服务类质量检查标准及评分细则: 符合1分，每项不符合扣0.3分)
and a KPI scheme (顧客服務績效考核); ``mistakes.csv`` is a sheet with three bad cells. The folder
``monthly/property-cs-quality-inspection/`` (one folder per standard, so a folder can be scored as a
whole) holds 50 inspections of the first one — five sites, twice a month for five months — as a
quality department collects them; the findings come from a seeded random generator.

Every run writes the same bytes (workbooks carry fixed timestamps), so the files kept in the
repository are exactly what this script writes, and running it leaves the tree unchanged.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import yaml

from servstd.catalog import catalog
from servstd.scoring import Finding, Inspection, form
from servstd.standards import Scheme, Standard

HERE = Path(__file__).resolve().parent
MONTHLY = Path("monthly") / "property-cs-quality-inspection"
MISTAKES = """标准 standard,property-cs-quality-inspection
受检单位 site,阳光花园

编号 code,扣分次数 count,备注 note
CS05,两次,未佩戴工牌
CS13,-1,
CS99,1,
"""
SITES = ("阳光花园", "翠湖苑", "金色家园", "滨江一号", "东湖小区")
INSPECTORS = ("李明", "王芳", "张伟")


def as_document(ins: Inspection) -> dict[str, Any]:
    """The inspection as the YAML document an inspector could write by hand."""
    doc: dict[str, Any] = {"standard": ins.standard, "version": ins.version}
    doc |= {k: v for k, v in (("site", ins.site), ("inspector", ins.inspector)) if v}
    if ins.date:
        doc["date"] = ins.date.isoformat()
    if ins.findings:
        doc["findings"] = [
            {"item": f.item, "count": f.count}
            | ({"places": list(f.places)} if f.places else {})
            | ({"note": f.note} if f.note else {})
            for f in ins.findings
        ]
    if ins.not_applicable:
        doc["not_applicable"] = list(ins.not_applicable)
    if ins.measurements:
        doc["measurements"] = {k: str(v) if isinstance(v, Decimal) else v for k, v in ins.measurements}
    return doc


def write_yaml(ins: Inspection, path: Path) -> None:
    path.write_text(yaml.safe_dump(as_document(ins), allow_unicode=True, sort_keys=False), encoding="utf-8")


def write_xlsx(std: Standard, ins: Inspection, path: Path) -> None:
    """Fill the library's own xlsx form as an inspector would: header block and the cells by column name."""
    wb = openpyxl.load_workbook(io.BytesIO(form(std, "xlsx")))
    ws = wb.active
    head = {"site": ins.site, "inspector": ins.inspector, "date": ins.date.isoformat() if ins.date else ""}
    fills: dict[str, dict[str, Any]] = {}
    for f in ins.findings:
        fill = {"count": f.count} if std.scheme is Scheme.DEDUCTION else {"result": "不合格"}
        fills[f.item] = fill | {"places": "、".join(f.places), "note": f.note}
    for code, value in ins.measurements:
        fills[code] = {"value": float(value) if isinstance(value, Decimal) else value}
    columns: dict[str, int] = {}
    for row in ws.iter_rows():
        label = str(row[0].value or "").split()
        if label and label[-1] in head and head[label[-1]]:
            row[1].value = head[label[-1]]
        names = {
            str(c.value).split()[-1]: c.column for c in row if isinstance(c.value, str) and " " in c.value
        }
        if "code" in names:
            columns = names
            continue
        code = ws.cell(row[0].row, columns["code"]).value if columns else None
        for name, value in fills.get(str(code), {}).items():
            if value != "":
                ws.cell(row[0].row, columns[name]).value = value
    filled = dt.datetime.combine(ins.date or dt.date(2026, 1, 1), dt.time(18))  # naive: xlsx stores UTC
    wb.properties.created = wb.properties.modified = filled
    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(_stable_zip(buffer.getvalue(), filled))


def _stable_zip(data: bytes, when: dt.datetime) -> bytes:
    """The workbook with every member and its 'modified' property dated ``when`` (openpyxl stamps
    the time of saving): the same inspection gives the same bytes."""
    out = io.BytesIO()
    stamp = f">{when:%Y-%m-%dT%H:%M:%S}Z</dcterms:modified>".encode()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb">[^<]*</dcterms:modified>", stamp, content)
            member = zipfile.ZipInfo(info.filename, when.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(member, content)
    return out.getvalue()


def examples() -> list[tuple[Standard, Inspection, str]]:
    c = catalog()
    cs = c.standard("property-cs-quality-inspection")
    points = c.standard("cs-quality-scoring-rules")
    kpi = c.standard("cs-kpi-assessment")
    day = dt.date(2026, 3, 9)
    return [
        (
            cs,
            Inspection(
                cs.id,
                cs.version,
                "阳光花园",
                "李明",
                day,
                findings=[
                    Finding("CS05", 2, note="两名客服员未佩戴工牌"),
                    Finding("CS20", 3, ("档案室A", "档案室B", "1号楼物业服务中心"), "档案柜标识缺失"),
                    Finding("CS13", 1, note="3月6日无巡查日志"),
                    Finding("CS30", 2, note="两宗投诉未在3-7天内回访"),
                ],
            ),
            "deduction",
        ),
        (
            points,
            Inspection(
                points.id,
                points.version,
                "翠湖苑",
                "王芳",
                day,
                findings=[
                    Finding("09", 4, note="当月迟到4次（本项1分，扣完为止）"),
                    Finding("10", 1, note="公告栏未设张贴期限"),
                ],
            ),
            "item-points",
        ),
        (
            kpi,
            Inspection(
                kpi.id,
                kpi.version,
                "客服中心",
                "张伟",
                day,
                measurements={
                    "satisfaction": Decimal("4.2"),
                    "response": "20小时",
                    "resolution": "92%",
                },
            ),
            "kpi",
        ),
    ]


def monthly(std: Standard, n: int = 50, seed: int = 15) -> list[Inspection]:
    """``n`` inspections of ``std``: five sites, twice a month from January; each site has its own habits."""
    rng = random.Random(seed)
    codes = [it.code for it in std.items()]
    weak = {site: rng.sample(codes, 4) for site in SITES}
    out = []
    for i in range(n):
        site = SITES[i % len(SITES)]
        month = 1 + (i // (2 * len(SITES))) % 12
        visit = (i // len(SITES)) % 2  # the first or the second visit of the month
        findings = []
        for code in rng.sample(codes, rng.randint(0, 4)) + weak[site][: rng.randint(0, 4)]:
            if code not in {f.item for f in findings}:
                findings.append(Finding(code, rng.randint(1, 6 if code in weak[site] else 3)))
        date = dt.date(2026, month, 2 + 14 * visit + rng.randint(0, 12))
        out.append(Inspection(std.id, std.version, site, rng.choice(INSPECTORS), date, findings))
    return out


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for std, ins, name in examples():
        write_yaml(ins, out / f"{name}.yaml")
        write_xlsx(std, ins, out / f"{name}.xlsx")
    (out / "mistakes.csv").write_text(MISTAKES, encoding="utf-8-sig")  # as Excel in China saves it
    folder = out / MONTHLY
    folder.mkdir(parents=True, exist_ok=True)
    std = catalog().standard("property-cs-quality-inspection")
    for ins in monthly(std):
        assert ins.date is not None
        name = f"{ins.date:%Y-%m-%d}-{SITES.index(ins.site) + 1}"
        if ins.date.month % 2:  # half as filled forms, half as YAML: a folder takes both
            write_xlsx(std, ins, folder / f"{name}.xlsx")
        else:
            write_yaml(ins, folder / f"{name}.yaml")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "inspections")
