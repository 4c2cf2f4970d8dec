"""Hypothesis strategies for every servstd value type, in one place."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

# Dates inside the mainland calendar's official coverage (2001–2026), away from its edges so a
# few hundred working days either way stay covered.
covered_dates = st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date(2023, 12, 31))
working_day_counts = st.integers(min_value=-600, max_value=600)

# Dates at and around the edges of the mainland calendar's coverage (2001-01-01 to 2026-12-31):
# the first and last covered days and their neighbours outside, days near each edge, and any
# covered day; with None for a missing date in columns.
COVERED_FIRST, COVERED_LAST = dt.date(2001, 1, 1), dt.date(2026, 12, 31)
_DAY = dt.timedelta(days=1)
edge_dates = st.one_of(
    st.sampled_from([COVERED_FIRST, COVERED_LAST, COVERED_FIRST - _DAY, COVERED_LAST + _DAY]),
    st.dates(COVERED_FIRST - 40 * _DAY, COVERED_FIRST + 40 * _DAY),
    st.dates(COVERED_LAST - 40 * _DAY, COVERED_LAST + 40 * _DAY),
    st.dates(COVERED_FIRST, COVERED_LAST),
)
date_columns = st.lists(st.one_of(edge_dates, st.none()), min_size=1, max_size=30)
count_columns = st.lists(
    st.one_of(st.integers(-30, 30), st.sampled_from([0, 300, -300]), st.none()), min_size=30, max_size=30
)

# -- service clocks ------------------------------------------------------------------------
from zoneinfo import ZoneInfo  # noqa: E402

from servstd.sla import BusinessHours, ServiceClock, WorkCalendar  # noqa: E402

CLOCKS = {
    "default": ServiceClock.default(),
    "lunch-break": ServiceClock(WorkCalendar.china(), BusinessHours.parse("09:00-12:00,13:30-18:00")),
    "overnight": ServiceClock(WorkCalendar.weekdays(), BusinessHours.parse("08:00-12:00,22:00-06:00")),
    "holiday-hall": ServiceClock(
        WorkCalendar.china(), BusinessHours.weekly({"mon-fri": "09:00-17:00"}, rest="10:00-16:00")
    ),
    "berlin-dst": ServiceClock(
        WorkCalendar.weekdays(), BusinessHours.parse("01:30-03:30,09:00-17:00"), "Europe/Berlin"
    ),
    "new-york-24h": ServiceClock(
        WorkCalendar.weekdays(), BusinessHours.parse("00:00-24:00"), "America/New_York"
    ),
    "7x24": ServiceClock.always(),
}
clock_names = st.sampled_from(sorted(CLOCKS))
ZONES = [ZoneInfo("Asia/Shanghai"), ZoneInfo("UTC"), ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")]


@st.composite
def instants(
    draw: st.DrawFn, lo: dt.datetime = dt.datetime(2024, 1, 1), hi: dt.datetime = dt.datetime(2026, 10, 31)
) -> dt.datetime:
    """Aware instants at minute resolution, in one of several zones."""
    naive = draw(st.datetimes(min_value=lo, max_value=hi)).replace(second=0, microsecond=0)
    zone = draw(st.sampled_from(ZONES))
    return naive.replace(tzinfo=dt.timezone.utc).astimezone(zone)


business_durations = st.integers(min_value=0, max_value=120 * 60).map(lambda m: dt.timedelta(minutes=m))

# -- inspections of catalog standards ------------------------------------------------------
from decimal import Decimal  # noqa: E402

from servstd.scoring import Finding, Inspection  # noqa: E402
from servstd.standards import Scheme, Standard  # noqa: E402

_WORDS = "阳光花园档案室标识缺失东区一号楼AB12"
plain_texts = st.text(alphabet=_WORDS, min_size=1, max_size=8)
"""Short texts as inspectors write them (no separators, no surrounding spaces)."""


def _kpi_value(draw: st.DrawFn, unit: str, lo: Decimal | None, hi: Decimal | None) -> object:
    if unit == "ratio":
        return f"{draw(st.integers(0, 100))}%"
    if unit == "seconds":
        return f"{draw(st.integers(0, 72))}小时"
    low = int((lo if lo is not None else Decimal(0)) * 10)
    high = int((hi if hi is not None else Decimal(100)) * 10)
    return Decimal(draw(st.integers(low, high))) / 10


@st.composite
def filled_inspections(draw: st.DrawFn, std: Standard) -> Inspection:
    """An inspection of ``std`` as a filled form can record it: at most one finding per item, in
    document order; pass/fail items passed, failed or not applicable; every KPI criterion measured."""
    site = draw(st.one_of(st.just(""), plain_texts))
    inspector = draw(st.one_of(st.just(""), plain_texts))
    date = draw(st.one_of(st.none(), st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31))))
    if std.scheme is Scheme.KPI:
        values = {c.code: _kpi_value(draw, c.unit, c.minimum, c.maximum) for c in std.criteria}
        return Inspection(std.id, std.version, site, inspector, date, measurements=values)
    findings: list[Finding] = []
    not_applicable: list[str] = []
    codes = [it.code for it in std.items()]
    for code in codes:
        kind = draw(st.sampled_from(["none", "finding", "finding", "na"]))
        places = tuple(draw(st.lists(plain_texts, max_size=2)))
        note = draw(st.one_of(st.just(""), plain_texts))
        if kind == "finding":
            count = 1 if std.scheme is not Scheme.DEDUCTION else draw(st.integers(1, 40))
            findings.append(Finding(code, count, places, note))
        elif kind == "na" and std.scheme is not Scheme.DEDUCTION:
            not_applicable.append(code)
    if std.scheme is not Scheme.DEDUCTION and len(not_applicable) == len(codes):
        not_applicable.pop()
    return Inspection(std.id, std.version, site, inspector, date, findings, not_applicable)


# -- SLA policy documents (random rules, clocks, windows and start_after chains) --------------
SLA_METRICS = ("first_response", "visit", "resolution")
SLA_ATTRIBUTES = {"tier": ("vip", "std", "gold"), "channel": ("phone", "web", "电话")}
SLA_SPELLINGS = {"vip": ("VIP", "ｖｉｐ", " vip "), "电话": ("電話",), "web": ("WEB",)}
"""Other ways users type a name: case, width, spacing, traditional script (each folds to it)."""
SLA_AMOUNT_FIELD = "sum_insured"
SLA_AMOUNT_CONDITIONS = (
    "300万元以上", "超过300万元", "不满300万元", "300万元以下", "不足100万元", "1亿元以上", "亿元以上",
    ">= 2999999", "3,000,000元以内",
)  # fmt: skip
SLA_AMOUNT_TEXTS = ("300万元", "2,999,999元", "1.2亿元", "五百万元", "亿元", "100万", "99.99万元", "3000000")
SLA_AMOUNT_INTS = (0, 999_999, 1_000_000, 2_999_999, 3_000_000, 3_000_001, 99_999_999, 100_000_000)
SLA_WITHIN = (
    "4工作小时", "30 business minutes", "半个工作日", "2个工作日", "1个工作日", "3日", "2日",
    "48小时", "40分钟", "当天", "次日", "次工作日", "1个月", "3个自然日", "2个自然日",
)  # fmt: skip
SLA_BACK = (
    "在生效对应日前5个工作日内", "在到期日前3日内", "在到期日前2个自然日内", "在基准时间前3小时内",
    "在基准时间前4工作小时内", "到期前5个工作日", "提前3日", "提前2个自然日", "within 1 month before the anniversary",
)  # fmt: skip
"""Targets that count back from their reference (windows and deadlines before it)."""
SLA_FROM = ("3日", "1个工作日", "2小时", "1 business hour", "次日")


@st.composite
def sla_policy_docs(draw: st.DrawFn) -> dict[str, object]:
    """An SLA policy document: 1–3 rules over tier/channel/sum_insured, targets on an office or 7×24 clock.

    Conditions may compare the amount ``sum_insured`` (「300万元以上」, 「超过300万元」…). Targets may
    open a window (``from``), count back from their reference (「在X前5个工作日内」, 「到期前5个工作日」),
    count natural days, start after another metric (chains stay acyclic: a metric only starts
    after one named earlier in ``SLA_METRICS``), use a receipt cut-off, end at midnight or at
    close, move off a rest day or not, or count the start day.
    """
    rules = []
    for _ in range(draw(st.integers(1, 3))):
        when: dict[str, object] = {}
        for key, values in SLA_ATTRIBUTES.items():
            if draw(st.booleans()):
                chosen = draw(st.lists(st.sampled_from(values), min_size=1, max_size=2, unique=True))
                when[key] = chosen if len(chosen) > 1 else chosen[0]
        if draw(st.integers(0, 2)) == 0:
            chosen = draw(
                st.lists(st.sampled_from(SLA_AMOUNT_CONDITIONS), min_size=1, max_size=2, unique=True)
            )
            when[SLA_AMOUNT_FIELD] = chosen if len(chosen) > 1 else chosen[0]
        targets: dict[str, object] = {}
        for i, metric in enumerate(SLA_METRICS):
            if not draw(st.booleans()):
                continue
            back = draw(st.integers(0, 4)) == 0
            t: dict[str, object] = {
                "within": draw(st.sampled_from(SLA_BACK if back else SLA_WITHIN)),
                "clock": draw(st.sampled_from(["office", "7x24", "lunch"])),
            }
            if not back and draw(st.integers(0, 4)) == 0:
                t["from"] = draw(st.sampled_from(SLA_FROM))
            if i and draw(st.integers(0, 2)) == 0:
                t["start_after"] = draw(st.sampled_from(SLA_METRICS[:i]))
            if not back and draw(st.integers(0, 5)) == 0:
                t["cutoff"] = "17:00"
            if draw(st.integers(0, 5)) == 0:
                t["end_of_day"] = draw(st.sampled_from(["midnight", "close"]))
            within = str(t["within"])
            if (
                "日" in within and "工作日" not in within and "次日" not in within and "在" not in within
            ) and (draw(st.integers(0, 3)) == 0):
                t["move_off_rest_day"] = draw(st.booleans())
            if not back and draw(st.integers(0, 6)) == 0:
                t["count_start_day"] = True
            targets[metric] = t
        if not targets:
            targets["resolution"] = {"within": "3日"}
        rules.append({"when": when, "targets": targets})
    named = {m for r in rules for m in r["targets"]}  # type: ignore[attr-defined]
    for r in rules:  # a start_after must name a metric the policy has
        for t in r["targets"].values():  # type: ignore[attr-defined]
            if t.get("start_after") not in named:
                t.pop("start_after", None)
    return {
        "kind": "sla-policy",
        "id": "random-policy",
        "title": "random",
        "match": draw(st.sampled_from(["first", "most_specific"])),
        "clocks": {
            "office": {"region": "CN", "hours": "09:00-12:00,13:00-18:00", "tz": "Asia/Shanghai"},
            "lunch": {"region": "CN", "hours": "08:30-12:00,13:30-17:30", "tz": "Asia/Shanghai"},
            "7x24": {"always": True, "tz": "Asia/Shanghai"},
        },
        "rules": rules,
    }


# -- fuzzers -------------------------------------------------------------------------------
def fuzz_examples(ci: int) -> int:
    """Examples for a fuzzer: ``ci`` under the CI profile, scaled down in proportion under others."""
    from hypothesis import settings  # noqa: PLC0415 - the profile is loaded by conftest before tests run

    return max(20, ci * settings().max_examples // 500)


# -- names as people type them ---------------------------------------------------------------
import opencc  # noqa: E402

_S2T = opencc.OpenCC("s2t")
_HK = opencc.OpenCC("s2hk")
_TW = opencc.OpenCC("s2tw")
_FULL_WIDTH = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}


@st.composite
def spellings(draw: st.DrawFn, name: str) -> str:
    """``name`` as someone else may type it: in traditional script (as written in Hong Kong or
    Taiwan, or character by character, mixed with simplified), ASCII letters in another case or
    full width, with stray spaces around it."""
    script = draw(st.sampled_from(["as is", "traditional", "hk", "tw", "mixed"]))
    if script == "traditional":
        name = _S2T.convert(name)
    elif script == "hk":
        name = _HK.convert(name)
    elif script == "tw":
        name = _TW.convert(name)
    elif script == "mixed":
        mask = draw(st.lists(st.booleans(), min_size=len(name), max_size=len(name)))
        name = "".join(_S2T.convert(ch) if m else ch for ch, m in zip(name, mask, strict=True))
    if draw(st.booleans()):
        name = name.upper() if draw(st.booleans()) else name.lower()
    if draw(st.booleans()):
        name = "".join(_FULL_WIDTH.get(ch, ch) for ch in name)
    pad = draw(st.sampled_from(["", " ", "\u3000"]))
    return pad + name + pad


# -- plans: due dates as plans write them ----------------------------------------------------
plan_dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31))
"""Days a plan is made on (any calendar day: due dates do not depend on working days)."""
_RELATIVE_WORDS = {0: ["本", "这", "這个", "当"], 1: ["下", "下个", "下個", "次"], -1: ["上", "上个"]}
_PART_WORDS = {"": [""], "初": ["初"], "中": ["中"], "末": ["末", "底"]}


@st.composite
def relative_due_dates(draw: st.DrawFn) -> tuple[str, str, int, str]:
    """(text, unit, offset, part): a relative due date as a plan writes it — 「下月初」, 「本季度末」,
    「明年年初」 — with what it names (unit ``月``/``季度``/``年``, periods after the plan's, 初/中/末 or
    the whole period)."""
    unit = draw(st.sampled_from(["月", "季度", "年"]))
    offset = draw(st.sampled_from([-1, 0, 1]))
    part = draw(st.sampled_from(["", "初", "中", "末"]))
    suffix = draw(st.sampled_from(_PART_WORDS[part]))
    if unit == "年":
        word = {
            -1: "去年",
            0: draw(st.sampled_from(["今年", "本年"])),
            1: draw(st.sampled_from(["明年", "下年"])),
        }[offset]
        return word + (draw(st.sampled_from(["", "年"])) + suffix if suffix else ""), unit, offset, part
    word = draw(st.sampled_from(_RELATIVE_WORDS[offset]))
    return f"{word}{unit}{suffix}", unit, offset, part


@st.composite
def bounded_measures(draw: st.DrawFn) -> dict[str, int | None]:
    """Bounds of a measure (at_least/above, at_most/below), at least one, never an empty range."""
    low = draw(st.none() | st.integers(0, 20))
    high = draw(st.none() | st.integers(0, 20))
    if low is None and high is None:
        high = draw(st.integers(0, 20))
    low_kind = draw(st.sampled_from(["at_least", "above"]))
    high_kind = draw(st.sampled_from(["at_most", "below"]))
    out: dict[str, int | None] = {"at_least": None, "above": None, "at_most": None, "below": None}
    if low is not None:
        out[low_kind] = low
    if high is not None:
        out[high_kind] = high
    strict = low_kind == "above" or high_kind == "below"
    if low is not None and high is not None and (high < low or (high == low and strict)):
        out = {"at_least": low, "above": None, "at_most": max(low, high) + 1, "below": None}
    return out


# -- hostile texts (what a file from outside may carry into servstd's output) -----------------
FORMULA_CHARACTERS = ("=", "+", "-", "@", "\t", "\r")
_HOSTILE_PARTS = st.sampled_from(
    ["=1+1", "+cmd", "-2", "@SUM(A1)", "\t=x", "\r=x", "=HYPERLINK(\"http://x\",\"y\")", "<script>",
     "[x](javascript:alert(1))", "a|b", "\x1b]52;c;aGk=\x07", "\x1b[2J", "\x9b31m", "\u202e", "服务", "A1"]
)  # fmt: skip
hostile_texts = st.one_of(
    st.builds(lambda a, b: a + b, _HOSTILE_PARTS, st.text(max_size=6)),
    st.text(min_size=1, max_size=10),
).filter(lambda t: t.strip() != "")
"""Texts that start with formula characters, carry HTML, Markdown links or terminal controls."""


# -- junk for the edges that must answer only with ServstdErrors --------------------------------
junk_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True, places=None),
    st.text(max_size=12),
    st.sampled_from(
        ["", "24h", "09:00-18:00", "CN", "weekdays", "3日", "重大", "always", "Asia/Shanghai", "x" * 80]
    ),
)
"""Values of every type a document or a keyword argument may wrongly hold."""

junk_values = st.recursive(
    junk_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.text(max_size=6), inner, max_size=3),
    ),
    max_leaves=8,
)
"""Scalars, lists and mappings of them, nested a few levels."""


def junk_documents(fields: list[str]) -> st.SearchStrategy[dict[str, object]]:
    """Mappings over a document's own field names (and a stray one) with junk values: what a
    hand-edited or generated document turns into."""
    return st.dictionaries(st.sampled_from([*fields, "stray"]), junk_values, max_size=len(fields) + 1)


weekends = st.frozensets(st.integers(0, 6), max_size=6)
"""Weekly rest days (weekday numbers, Monday 0): any set that leaves at least one day worked."""


def weekend_masks(days: frozenset[int]) -> str:
    """``days`` as Excel's WORKDAY.INTL mask, Monday to Sunday, 1 = rest (``{5, 6}`` → ``0000011``)."""
    return "".join("1" if i in days else "0" for i in range(7))


_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


@st.composite
def sorted_int64(draw: st.DrawFn) -> list[int]:
    """Sorted int64 values as the engine searches them (instants, prefix sums, day ordinals): spread
    out, repeated, in clusters far apart, or next to the int64 ends."""
    origin = draw(st.sampled_from([0, -(10**15), 10**15, 2**62 - 10, _INT64_MAX - 5, _INT64_MIN + 5]))
    gaps = draw(
        st.lists(
            st.one_of(st.integers(0, 3), st.integers(0, 10**6), st.just(10**12)), min_size=1, max_size=80
        )
    )
    values = [origin]
    for g in gaps[1:]:
        if values[-1] + g > _INT64_MAX:
            break
        values.append(values[-1] + g)
    return values


_id_texts = st.one_of(
    st.text(st.sampled_from("ab中é0 "), max_size=4),  # short, repeating, multi-byte
    st.text(st.sampled_from("xy"), min_size=6, max_size=18),  # across the 8-byte blocks
    st.text(max_size=3),  # any code point
    st.text(st.sampled_from("z"), min_size=60, max_size=70),  # around the longest hashed text
)
id_columns = {
    "text": st.lists(st.one_of(st.none(), _id_texts), max_size=25),
    "int": st.lists(st.one_of(st.none(), st.integers(-5, 40), st.integers(-(2**63), 2**63 - 1)), max_size=25),
}
"""Columns of case ids of each kind as a table holds them, with missing values and repeats."""
id_values = st.one_of(*(st.tuples(st.just(kind), values) for kind, values in id_columns.items()))
"""A column of case ids: ``(kind, values)``, text or integers."""
