"""Window targets in the scalar timer and in policies: early, met, breached (issue 22).

第三十九条 「续期交费业务一般应在生效对应日前5个工作日内发出续期交费通知」: for the anniversary
2026-10-12 (Mon; 10-10 is a make-up Saturday) the window is 09-29, 09-30, 10-08, 10-09 and 10-10.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from servstd.errors import DocumentError, TimerError
from servstd.sla import DeadlineRule, ServiceClock, SLAPolicy, TimerEvent, TimerStatus, evaluate_timer

SH = ZoneInfo("Asia/Shanghai")
INSURANCE = SLAPolicy.from_catalog("insurance-claims-sla")
ANNIVERSARY = dt.datetime(2026, 10, 12, tzinfo=SH)
LATER = dt.datetime(2026, 10, 20, tzinfo=SH)


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SH)


def renewal(sent: dt.datetime | None, now: dt.datetime = LATER) -> Any:
    evs = [TimerEvent("start", ANNIVERSARY)]
    if sent is not None:
        evs.append(TimerEvent("complete", sent, metric="renewal_notice"))
    return INSURANCE.evaluate({"category": "续期"}, evs, now=now)["renewal_notice"]


class TestRenewalNotice:
    @pytest.mark.parametrize(
        ("sent", "status"),
        [
            (at(2026, 10, 9, 10), TimerStatus.MET),
            (at(2026, 10, 13, 10), TimerStatus.BREACHED),
            (at(2026, 9, 20, 10), TimerStatus.EARLY),
            (at(2026, 9, 29, 0), TimerStatus.MET),  # the window's first instant
            (at(2026, 9, 28, 23, 59), TimerStatus.EARLY),
            (at(2026, 10, 10, 18), TimerStatus.MET),  # the close of its last day (office hours)
            (at(2026, 10, 10, 18, 1), TimerStatus.BREACHED),
            (at(2026, 10, 11, 10), TimerStatus.BREACHED),  # the Sunday before the anniversary
        ],
    )
    def test_sent(self, sent: dt.datetime, status: TimerStatus) -> None:
        """Issue 22: sent 10-09 met, 10-13 breached, 09-20 early; the window's edges are inside."""
        r = renewal(sent)
        assert r.status is status
        assert (r.window_opens, r.due) == (at(2026, 9, 29), at(2026, 10, 10, 18))

    def test_not_sent_yet(self) -> None:
        """Before the window closes an unsent notice is running; after it, breached."""
        assert renewal(None, now=at(2026, 10, 10, 9)).status is TimerStatus.RUNNING
        assert renewal(None, now=at(2026, 10, 10, 18, 1)).status is TimerStatus.BREACHED

    def test_the_reminder_after_the_anniversary_is_a_month(self) -> None:
        """「或在生效对应日后一个月内发出续期保费催交通知」 stays a forward month (Art. 202)."""
        r = INSURANCE.evaluate({"category": "续期"}, [TimerEvent("start", ANNIVERSARY)], now=ANNIVERSARY)
        assert r["renewal_reminder"].due == at(2026, 11, 12, 18)


class TestTimer:
    RULE = DeadlineRule("在生效对应日前5个工作日内")

    def test_pauses_are_refused(self) -> None:
        """A window before a reference has no pauses or extensions: an impossible history is refused."""
        evs = [TimerEvent("start", ANNIVERSARY), TimerEvent("pause", at(2026, 9, 30, 10))]
        with pytest.raises(TimerError, match="no pauses or extensions"):
            evaluate_timer("renewal_notice", ServiceClock.default(), self.RULE, evs, now=ANNIVERSARY)


def _policy(target: dict[str, Any]) -> str:
    return json.dumps(
        {"id": "p", "title": "t", "rules": [{"targets": {"m": target}}]},
        ensure_ascii=False,
    )


class TestDocuments:
    def test_a_window_with_from_is_refused(self) -> None:
        """A window opens by itself: a 'from' on it is a named problem."""
        with pytest.raises(DocumentError) as info:
            SLAPolicy.parse(_policy({"within": "在到期日前5个工作日内", "from": "3日"}))
        assert info.value.problems[0].path == "rules[0].targets.m.from"

    def test_art_203_knob_on_working_days_is_refused(self) -> None:
        """move_off_rest_day on a working-day target is a named problem (no last day to move)."""
        with pytest.raises(DocumentError) as info:
            SLAPolicy.parse(_policy({"within": "3个工作日", "move_off_rest_day": True}))
        assert info.value.problems[0].path == "rules[0].targets.m.move_off_rest_day"

    def test_natural_days_with_art_203_and_close(self) -> None:
        """A policy may ask for Art. 203 on natural days and for close of business."""
        p = SLAPolicy.parse(
            _policy({"within": "3个自然日", "move_off_rest_day": True, "end_of_day": "close"})
        )
        rule = p.rules[0].targets[0].rule
        assert (rule.moves_off_rest_day, rule.ends_at) == (True, "close")
        r = p.evaluate({}, [TimerEvent("start", at(2026, 9, 30, 16))], now=at(2026, 9, 30, 16))
        assert r["m"].due == at(2026, 10, 8, 18)

    def test_natural_days_default(self) -> None:
        """Left to the rule, a natural-day target ends at 24:00 of its last day, holiday or not."""
        p = SLAPolicy.parse(_policy({"within": "3个自然日"}))
        r = p.evaluate({}, [TimerEvent("start", at(2026, 9, 30, 16))], now=at(2026, 9, 30, 16))
        assert r["m"].due == at(2026, 10, 4)
