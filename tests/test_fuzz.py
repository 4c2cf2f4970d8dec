"""Fuzz: arbitrary input only ever raises the documented servstd errors, never a bare traceback."""

from __future__ import annotations

import contextlib
import datetime as dt
import io

from hypothesis import given
from hypothesis import strategies as st

from servstd.cli import main
from servstd.errors import DocumentError, DurationParseError, NoticeParseError, ScheduleError, ServstdError
from servstd.sla import BusinessHours, WorkCalendar, parse_duration, parse_notice
from servstd.standards import Frequency, parse_standard

chinese = st.text(
    alphabet=st.sampled_from(
        "0123456789一二三四五六七八九十半个工作日天小时分钟月年内当次至、，。：（）周六日上班放假调休共 -:hdwmsy"
    ),
    max_size=30,
)
anything = st.one_of(st.text(max_size=40), chinese)


@given(anything)
def test_parse_duration(text: str) -> None:
    """parse_duration raises only DurationParseError."""
    with contextlib.suppress(DurationParseError):
        parse_duration(text)


@given(st.one_of(st.text(max_size=40), st.from_regex(r"[0-9:,\- ]{0,30}", fullmatch=True)))
def test_business_hours(text: str) -> None:
    """BusinessHours.parse raises only ScheduleError."""
    with contextlib.suppress(ScheduleError):
        BusinessHours.parse(text)


@given(anything)
def test_notice(text: str) -> None:
    """parse_notice raises only NoticeParseError, even on garbled items."""
    with contextlib.suppress(NoticeParseError):
        parse_notice("国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：" + text)


@given(anything)
def test_frequency(text: str) -> None:
    """Frequency.parse raises only DocumentError."""
    with contextlib.suppress(DocumentError):
        Frequency.parse(text)


@given(
    st.one_of(
        st.text(max_size=80),
        st.dictionaries(
            st.sampled_from(["id", "title", "sections", "scheme", "x"]), st.text(max_size=10)
        ).map(str),
    )
)
def test_standard_documents(text: str) -> None:
    """load raises only DocumentError, whatever the text."""
    with contextlib.suppress(DocumentError):
        parse_standard(text + "\n")


@given(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
def test_calendar_dates(d: dt.date) -> None:
    """Any date: an answer, or a CalendarCoverageError."""
    with contextlib.suppress(ServstdError):
        WorkCalendar.china().is_working_day(d)


@given(st.lists(anything, min_size=1, max_size=3))
def test_cli_never_tracebacks(argv: list[str]) -> None:
    """The command answers any argument list with an exit status, never an exception."""
    out, err = io.StringIO(), io.StringIO()
    code = main(["deadline", *argv], stdout=out, stderr=err)
    assert code in (0, 1, 2)
    assert "Traceback" not in err.getvalue()
