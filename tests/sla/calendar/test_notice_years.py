"""Notices of every year 2004–2026, in every style, against two oracles (issue: notices as pasted).

The texts are written by ``notice_styles`` from the ``chinesecalendar`` package's data; the
calendar they give is compared day by day with the built-in calendar (the ``holidays`` data):
same day kind and same holiday name whichever path (one answer per day).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from servstd.errors import NoticeParseError
from servstd.sla import WorkCalendar, parse_notice
from servstd.sla.calendar.statute import canonical_festival
from tests.sla.calendar.notice_styles import STYLES, official, to_ascii, to_full_width, wrap, write

D = dt.date
NOTICES = Path(__file__).parent / "notices"
BUILT_IN = WorkCalendar.china(notices=False)
YEARS = range(2004, 2027)
# later notices that amended a year, as the built-in data has them
AMENDMENTS = {
    2015: (NOTICES / "2015-victory-day.txt").read_text(encoding="utf-8"),  # 国发明电〔2015〕1号
    2020: (NOTICES / "2020-supplement-spring-extension.txt").read_text(encoding="utf-8"),
}


def _calendar(year: int, style: str, variant: Callable[[str], str] = str) -> WorkCalendar:
    """The year's notice and its neighbours' (a December day can be in next year's notice)."""
    cal = WorkCalendar.china(notices=False)
    for y in (year - 1, year, year + 1):
        if y in YEARS:
            cal = cal.with_notice(variant(write(official(y), style)))
    for y in (year - 1, year, year + 1):
        if y in AMENDMENTS:
            cal = cal.with_notice(AMENDMENTS[y])
    return cal


def _days(year: int) -> list[dt.date]:
    return [D(year, 1, 1) + dt.timedelta(days=k) for k in range((D(year, 12, 31) - D(year, 1, 1)).days + 1)]


@pytest.mark.parametrize("year", YEARS)
def test_every_year_in_every_style_gives_the_built_in_calendar(year: int) -> None:
    """One answer per day: a notice of any year 2004–2026, in any style, gives the built-in day
    kinds and holiday names (zh and en) on every day of the year."""
    for style in STYLES:
        cal = _calendar(year, style)
        for d in _days(year):
            expected = (BUILT_IN.day_kind(d), BUILT_IN.holiday_name(d))
            assert (cal.day_kind(d), cal.holiday_name(d)) == expected, (style, d)
            if canonical_festival(expected[1] or ""):  # a memorial day's English name is not in its notice
                assert cal.holiday_name(d, "en") == BUILT_IN.holiday_name(d, "en"), (style, d)


@pytest.mark.parametrize("year", YEARS)
def test_every_year_agrees_with_the_chinesecalendar_oracle(year: int) -> None:
    """Working or not, every day, as the independent ``chinesecalendar`` package says — except
    2005-12-31, a working day by 国办发明电〔2005〕35号, where that package is wrong."""
    cal = _calendar(year, "2008", to_full_width)
    for d in _days(year):
        if d == D(2005, 12, 31):
            assert cal.is_working_day(d)
            continue
        assert cal.is_working_day(d) == chinese_calendar.is_workday(d), d


def test_the_oracle_is_the_law_s_count_of_days() -> None:
    """The generated arrangements are not the reader's own output: 2026 has the notice's 33 rest days
    (3+9+3+5+3+3+7) and 6 make-up days, read by hand from 国务院办公厅 2025-11-04."""
    arr = official(2026)
    assert len(arr.rest) == 33
    assert sorted(arr.work) == [
        D(2026, 1, 4),
        D(2026, 2, 14),
        D(2026, 2, 28),
        D(2026, 5, 9),
        D(2026, 9, 20),
        D(2026, 10, 10),
    ]


@settings(max_examples=60)
@given(
    year=st.sampled_from(list(YEARS)),
    style=st.sampled_from(STYLES),
    variant=st.sampled_from(["as is", "ascii", "full width"]),
    width=st.one_of(st.none(), st.integers(5, 60)),
)
def test_generated_notice_parses_back_to_its_arrangement(
    year: int, style: str, variant: str, width: int | None
) -> None:
    """Round trip: an arrangement written in any style, with ASCII or full-width punctuation and
    lines wrapped at any column (inside dates too), parses back to the same days and names."""
    arr = official(year)
    text = write(arr, style)
    text = {"as is": text, "ascii": to_ascii(text), "full width": to_full_width(text)}[variant]
    if width:
        text = wrap(text, width)
    ov = parse_notice(text)
    assert (dict(ov.rest_days), dict(ov.work_days), ov.defines_years) == (arr.rest, arr.work, {year})


@settings(max_examples=40)
@given(year=st.sampled_from(list(YEARS)), data=st.data())
def test_a_notice_never_changes_a_year_it_does_not_name(year: int, data: st.DataObject) -> None:
    """with_notice leaves every day of the years the notice names no day in exactly as it was."""
    text = write(official(year), data.draw(st.sampled_from(STYLES)))
    other = data.draw(st.sampled_from([y for y in YEARS if abs(y - year) > 1]))
    cal = WorkCalendar.china(notices=False).with_notice(text)
    for d in _days(other)[:: data.draw(st.integers(1, 9))]:
        assert (cal.day_kind(d), cal.holiday_name(d)) == (BUILT_IN.day_kind(d), BUILT_IN.holiday_name(d))


def _garble(text: str, rng: random.Random, alphabet: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 3)):
        k = rng.randrange(len(chars))
        chars[k] = rng.choice(alphabet.replace(chars[k], "") or alphabet)
    return "".join(chars)


def garble_outcomes(n: int, seed: int = 2026) -> tuple[int, int, list[tuple[str, str]]]:
    """Garble the real 2026 notice ``n`` times: (raised, official, accepted with another calendar)."""
    text = (NOTICES / "2026.txt").read_text(encoding="utf-8")
    official_ov = parse_notice(text)
    alphabet = "".join(sorted(set(text))) + "0123456789,:()"
    rng = random.Random(seed)
    raised = same = 0
    wrong = []
    for _ in range(n):
        garbled = _garble(text, rng, alphabet)
        try:
            ov = parse_notice(garbled)
        except NoticeParseError:
            raised += 1
            continue
        if (ov.rest_days, ov.work_days) == (official_ov.rest_days, official_ov.work_days):
            same += 1
        else:
            changed = sorted(
                set(ov.rest_days) ^ set(official_ov.rest_days)
                | set(ov.work_days) ^ set(official_ov.work_days)
            )
            wrong.append((garbled, str(changed)))
    return raised, same, wrong


def test_garbled_copies_parse_to_the_official_days_or_raise() -> None:
    """3,000 copies of the 2026 notice with 1–3 characters garbled: each raises or gives the official
    arrangement, except a make-up day moved to another day of the same weekday (a different,
    self-consistent notice that no check of the text alone can tell from the real one)."""
    raised, same, wrong = garble_outcomes(3000)
    assert raised + same + len(wrong) == 3000
    assert len(wrong) <= 10, wrong
    official_work = {d for d, _ in parse_notice((NOTICES / "2026.txt").read_text(encoding="utf-8")).work_days}
    for garbled, _ in wrong:
        work = {d for d, _ in parse_notice(garbled).work_days}
        moved = work ^ official_work
        assert len(moved) == 2, garbled
        a, b = sorted(moved)
        assert a.weekday() == b.weekday(), garbled
