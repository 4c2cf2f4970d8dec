"""Problems in the events table of a columnar evaluation: unknown kinds, missing case ids, extra starts.

Each bad row is named once, for what is wrong with it, and nothing else is blamed on it.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from servstd.errors import DocumentError
from servstd.sla import SLAPolicy, batch

SH = ZoneInfo("Asia/Shanghai")
INSURANCE = SLAPolicy.from_catalog("insurance-claims-sla")


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SH)


def _cases(ids: list[str | None]) -> pd.DataFrame:
    cases = pd.DataFrame(
        {"case": ids, "received_at": [at(2026, 10, 1, 9)] * len(ids), "zone": ["城区"] * len(ids)}
    )
    cases["received_at"] = pd.to_datetime(cases["received_at"])
    return cases


def _events(cases: list[str | None], kinds: list[str], instants: list[dt.datetime]) -> pd.DataFrame:
    events = pd.DataFrame({"case": cases, "kind": kinds, "at": instants})
    events["at"] = pd.to_datetime(events["at"])
    return events


def _problems(cases: pd.DataFrame, events: pd.DataFrame) -> list[str]:
    with pytest.raises(DocumentError) as exc:
        batch.evaluate(INSURANCE, cases, events, now=at(2026, 10, 2))
    return [f"{p.path}: {p.message}" for p in exc.value.problems]


class TestEventKinds:
    def test_unknown_kind_is_named_and_nothing_else(self) -> None:
        """An event of an unknown kind is reported as such, never read as another kind of event."""
        # before the receipt: read as any real kind, it would also be "before the start"
        problems = _problems(_cases(["A", "B"]), _events(["A"], ["bogus"], [at(2026, 10, 1, 8)]))
        assert len(problems) == 1, problems
        assert problems[0].startswith("events row 0: unknown event kind; accepted: start, pause")

    def test_an_extra_start_is_not_an_unknown_kind(self) -> None:
        """A start in the events table is a known kind: the case is refused for its second start."""
        problems = _problems(_cases(["A", "B"]), _events(["A"], ["start"], [at(2026, 10, 1, 10)]))
        assert not any("unknown event kind" in p for p in problems), problems
        assert any("more than one start" in p for p in problems), problems


class TestCaseIds:
    def test_event_without_a_case_is_not_given_to_a_case_without_an_id(self) -> None:
        """An event with no case id belongs to no case, even when a case row lacks its id too."""
        problems = _problems(
            _cases(["A", None]), _events([None, "A"], ["pause", "pause"], [at(2026, 10, 1, 10)] * 2)
        )
        assert any(p.startswith("cases row 1") and "case is missing" in p for p in problems), problems
        assert "events row 0: an event for a case that is not in the case table" in problems
