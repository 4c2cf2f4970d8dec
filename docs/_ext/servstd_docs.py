"""Generated pages and pictures for the servstd docs, written at build time from the library itself.

* ``catalog/*.md`` — one page per shipped standard and policy, and an index;
* ``_static/schemas/*.schema.json`` — the JSON Schemas of the document formats;
* ``_static/calendar-2026.svg`` — the 2026 mainland calendar with rest and make-up days;
* ``_static/complaint-timeline.svg`` — the stages of a 重大 complaint on a time line.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from sphinx.application import Sphinx

from servstd.catalog import catalog
from servstd.catalog.shelf import STANDARD_KINDS
from servstd.scoring.inspection import InspectionDoc
from servstd.sla import ComplaintPolicy, DayKind, WorkCalendar
from servstd.sla.policy.complaint_policy import ComplaintPolicyDoc
from servstd.sla.policy.sla_policy import PolicyDoc
from servstd.standards import Scheme, json_schema

HERE = Path(__file__).resolve().parent.parent


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


# The catalog pages are generated in the language of the build (the Chinese site is built with
# ``-D language=zh_CN``), so they need no message catalog.
_LABELS = {
    "version": ("version", "版本"),
    "source": ("source", "出处"),
    "scheme": ("Scheme", "评分方式"),
    "max": ("max", "满分"),
    "due": ("due", "截止"),
    "grades": ("Grades", "等级"),
    "cols": (
        "| Code | Requirement | Kind | Deduct | Per | Frequency / time limit / bound / due |",
        "| 编号 | 要求 | 类型 | 扣分 | 计数 | 频次 / 时限 / 界限 / 截止 |",
    ),
    "kpi": ("KPI criteria", "KPI 考核指标"),
    "kpi_cols": ("| Criterion | Weight | Mapping | Standard |", "| 指标 | 权重 | 换算方式 | 标准 |"),
    "readings_only": (
        "**Stated readings.** Every value is read from the source text; the notes say how.",
        "**解读说明。** 每个数值都取自原文；备注说明了如何解读。",
    ),
    "defaults": ("Library defaults to review", "需要复核的本库默认值"),
    "rebuilt": ("Texts rebuilt from a damaged source passage", "由受损原文拼合的条文"),
    "rebuilt_cols": (
        "| item | fragments of the source joined | what was damaged |",
        "| 条目 | 所拼合的原文片段 | 受损情况 |",
    ),
    "excerpt": ("The source's words", "原文"),
    "excerpt_intro": (
        "The passages of the source this document models, character for character (item texts are\n"
        "these words; a line break or a gap between a table's cells is layout):",
        "本文档所依据的原文段落，逐字照录（各条文字即取自这些原文；换行与表格栏间的空格是排版）：",
    ),
    "defaults_cols": ("| value | why |", "| 数值 | 原因 |"),
    "readings": ("Stated readings", "解读说明"),
    "title": ("The catalog", "标准目录"),
    "intro": (
        "Machine-readable versions of the real service standards servstd ships, generated from the\n"
        "documents inside the package (`servstd.catalog.catalog()`). Each records its source.",
        "servstd 随包提供的真实服务标准的机器可读版本，由包内文档（`servstd.catalog.catalog()`）生成。\n"
        "每份文档都记录了其出处。",
    ),
    "index_cols": ("| Id | Kind | Title |", "| Id | 种类 | 标题 |"),
}
_lang = {"zh": False}


def _l(key: str) -> str:
    """The label ``key`` in the language of this build."""
    return _LABELS[key][1 if _lang["zh"] else 0]


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _standard_page(sid: str) -> str:
    std = catalog().standard(sid)
    out = [
        f"# {std.title}",
        "",
        f"`{std.id}` — {std.kind.value} — {_l('version')} {std.version} — {_l('source')}: {std.source.title}",
        "",
    ]
    if std.title_en:
        out += [f"*{std.title_en}*", ""]
    out += [
        f"**{_l('scheme')}:** {std.scheme.value}"
        + (f" — **{_l('max')}** {std.max_points}" if std.max_points is not None else ""),
        "",
    ]
    if std.grades:
        out += [
            f"**{_l('grades')}:** " + ", ".join(f"{b.name} [{b.min}, {b.max})" for b in std.grades.bands),
            "",
        ]
    out += _defaults(sid)
    for note in std.notes:
        out += [f"> {_cell(note)}", ">"]
    out.append("")
    for sec in std.walk_sections():
        head = f"## {sec.title}" + (f" ({sec.max_points} 分)" if sec.max_points is not None else "")
        out += [head, ""]
        if not sec.items:
            continue
        out += [_l("cols"), "|---|---|---|---:|---|---|"]
        for it in sec.items:
            when = "；".join(
                [*map(str, it.frequencies), *map(str, it.time_limits), *map(str, it.measures)]
                + ([f"{_l('due')} {it.due}"] if it.due else [])
            )
            deduct = it.deduct if std.scheme is Scheme.DEDUCTION else ""
            out.append(
                f"| {it.code} | {_cell(it.text)} | {it.kind.value} | {deduct or ''} | {it.per.label()} | {_cell(when)} |"
            )
        out.append("")
    if std.criteria:
        out += [f"## {_l('kpi')}", "", _l("kpi_cols"), "|---|---:|---|---|"]
        out += [f"| {c.name} | {c.weight} | {c.mapping.value} | {_cell(c.text)} |" for c in std.criteria]
        out.append("")
    out += _excerpts(sid)
    return "\n".join(out)


def _defaults(did: str) -> list[str]:
    """The library defaults and rebuilt texts of a document, for review; the stated readings
    follow in its notes."""
    found = catalog().defaults(did)
    rebuilt = catalog().reconstructions(did)
    out = []
    if rebuilt:
        out += [f"## {_l('rebuilt')}", "", _l("rebuilt_cols"), "|---|---|---|"]
        out += [
            f"| {r.code} | {_cell(''.join(f'「{f}」' for f in r.fragments))} | {_cell(r.reason)} |"
            for r in rebuilt
        ]
        out.append("")
    if not found:
        return [*out, _l("readings_only"), ""]
    out += [f"## {_l('defaults')}", "", _l("defaults_cols"), "|---|---|"]
    out += [f"| `{d.where}` | {_cell(d.reason)} |" for d in found]
    return [*out, "", f"## {_l('readings')}", ""]


def _excerpts(did: str) -> list[str]:
    """The source passages a document quotes, each in a literal block (never reflowed)."""
    passages = catalog().source(did).excerpts
    if not passages:
        return []
    out = [f"## {_l('excerpt')}", "", _l("excerpt_intro"), ""]
    for p in passages:
        fence = "`" * max(3, 1 + max((len(run) for run in re.findall("`+", p)), default=0))
        out += [f"{fence}text", p, fence, ""]
    return out


def _policy_page(pid: str) -> str:
    data: dict[str, Any] = catalog().data(pid)
    out = [
        f"# {data['title']}",
        "",
        f"`{pid}` — {data.get('kind')} — {_l('source')}: {catalog().source_title(pid)}",
        "",
    ]
    out += _defaults(pid)
    out += [f"> {_cell(n)}\n>" for n in data.get("notes", [])]
    body = {k: v for k, v in data.items() if k != "source"}
    out += ["", "```yaml", _yaml(body), "```", ""]
    out += _excerpts(pid)
    return "\n".join(out)


def _yaml(data: Any) -> str:
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False)).rstrip()


def _catalog(app: Sphinx) -> None:
    c = catalog()
    rows = []
    for i in c.ids():
        kind = c.kind(i)
        page = _standard_page(i) if kind in STANDARD_KINDS else _policy_page(i)
        _write(HERE / "catalog" / f"{i}.md", page)
        rows.append(f"| [{i}]({i}.md) | {kind} | {_cell(c.data(i).get('title', ''))} |")
    index = [
        f"# {_l('title')}",
        "",
        _l("intro"),
        "",
        _l("index_cols"),
        "|---|---|---|",
        *rows,
        "",
        "```{toctree}",
        ":hidden:",
        "",
        *c.ids(),
        "```",
        "",
    ]
    _write(HERE / "catalog" / "index.md", "\n".join(index))


def _schemas() -> None:
    schemas = {
        "standard": json_schema(),
        "inspection": InspectionDoc.model_json_schema(),
        "policy": PolicyDoc.model_json_schema(by_alias=True),
        "complaint-policy": ComplaintPolicyDoc.model_json_schema(),
    }
    for name, schema in schemas.items():
        _write(
            HERE / "_static" / "schemas" / f"{name}.schema.json",
            json.dumps(schema, ensure_ascii=False, indent=2),
        )


def _calendar_svg() -> None:
    cal = WorkCalendar.china()
    colors = {
        DayKind.HOLIDAY: "#e03131",
        DayKind.MAKEUP_WORKDAY: "#1971c2",
        DayKind.WEEKEND: "#ced4da",
        DayKind.WORKDAY: "#f1f3f5",
    }
    cell, pad = 18, 12
    month_w, month_h = 7 * cell + pad, 8 * cell + pad
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{4 * month_w + pad}" height="{3 * month_h + 40}" font-family="sans-serif" font-size="10">'
    ]
    for m in range(1, 13):
        ox, oy = pad + ((m - 1) % 4) * month_w, 10 + ((m - 1) // 4) * month_h
        parts.append(f'<text x="{ox}" y="{oy + 10}" font-weight="bold">2026年{m}月</text>')
        for r, week in enumerate(_calendar.Calendar().monthdatescalendar(2026, m)):
            for c, d in enumerate(week):
                if d.month != m:
                    continue
                kind = cal.day_kind(d)
                x, y = ox + c * cell, oy + 16 + r * cell
                name = cal.holiday_name(d) or kind.label()
                parts.append(
                    f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" fill="{colors[kind]}"><title>{d} {name}</title></rect>'
                )
                fill = "white" if kind in (DayKind.HOLIDAY, DayKind.MAKEUP_WORKDAY) else "black"
                parts.append(f'<text x="{x + 2}" y="{y + 11}" fill="{fill}">{d.day}</text>')
    ly = 3 * month_h + 25
    for i, (kind, label) in enumerate(
        [
            (DayKind.HOLIDAY, "休 holiday"),
            (DayKind.MAKEUP_WORKDAY, "班 make-up working day"),
            (DayKind.WEEKEND, "weekend"),
        ]
    ):
        parts.append(f'<rect x="{pad + i * 170}" y="{ly}" width="12" height="12" fill="{colors[kind]}"/>')
        parts.append(f'<text x="{pad + i * 170 + 16}" y="{ly + 10}">{label}</text>')
    parts.append("</svg>")
    _write(HERE / "_static" / "calendar-2026.svg", "\n".join(parts))


def _timeline_svg() -> None:
    policy = ComplaintPolicy.from_catalog("property-complaints")
    received = dt.datetime(2026, 9, 30, 16, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    tl = policy.timeline(received, "重大")
    days = 14
    width, left, top = 960, 230, 30
    scale = (width - left - 110) / (days * 86400)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{top + 40 * len(tl.stages) + 50}" font-family="sans-serif" font-size="11">'
    ]
    cal = policy.clock.calendar
    for i in range(days):
        d = dt.date(2026, 9, 30) + dt.timedelta(days=i)
        x = left + i * 86400 * scale
        if not cal.is_working_day(d):
            parts.append(
                f'<rect x="{x:.1f}" y="{top - 10}" width="{86400 * scale:.1f}" height="{40 * len(tl.stages) + 10}" fill="#ffe3e3"/>'
            )
        parts.append(f'<text x="{x + 4:.1f}" y="{top - 14}">{d.month}/{d.day}</text>')
    start = received.timestamp()
    for n, s in enumerate(tl.stages):
        y = top + 40 * n + 10
        x1 = left + (s.due.timestamp() - start) * scale + 16 * 3600 * scale
        x0 = left + 16 * 3600 * scale
        parts.append(f'<text x="6" y="{y + 4}">{s.stage.name}</text>')
        parts.append(
            f'<line x1="{x0:.1f}" y1="{y}" x2="{x1:.1f}" y2="{y}" stroke="#1971c2" stroke-width="6"/>'
        )
        parts.append(f'<text x="{x1 + 6:.1f}" y="{y + 4}">{s.due:%m-%d %H:%M}</text>')
    parts.append(
        f'<text x="{left}" y="{top + 40 * len(tl.stages) + 30}">重大投诉 received 2026-09-30 16:00 — shaded days are rest days (国庆节 Oct 1–7); Oct 10 is a make-up working day.</text>'
    )
    parts.append("</svg>")
    _write(HERE / "_static" / "complaint-timeline.svg", "\n".join(parts))


def generate(app: Sphinx) -> None:
    _lang["zh"] = str(app.config.language).startswith("zh")
    _catalog(app)
    _schemas()
    _calendar_svg()
    _timeline_svg()


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", generate)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
