"""Lengths of time as a person reads them: ``3分钟``, ``2小时15分``, ``45秒`` (``3 min``, ``2 h 15 min``).

For reports, where a number of hours (``0.0``) hides a case three minutes late. Under an hour the
seconds are shown; from an hour on, minutes (the exact length stays in the JSON form).

>>> import datetime as dt
>>> [span_text(dt.timedelta(seconds=s)) for s in (45, 180, 210, 8100, 7200, 72000)]
['45秒', '3分钟', '3分30秒', '2小时15分', '2小时', '20小时']
>>> span_text(dt.timedelta(hours=2, minutes=15), "en"), span_text(-dt.timedelta(minutes=3), "en")
('2 h 15 min', '-3 min')
"""

from __future__ import annotations

import datetime as dt

from servstd._lang import Lang, check_lang

__all__ = ["span_text"]


def span_text(length: dt.timedelta, lang: Lang = "zh") -> str:
    """``length`` in hours, minutes and seconds, in ``lang`` (``"zh"``, the default, or ``"en"``);
    parts of a second are dropped, and seconds from an hour on."""
    en = check_lang(lang) == "en"
    seconds = abs(length) // dt.timedelta(seconds=1)
    sign = "-" if length < dt.timedelta(0) and seconds else ""
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    if h:
        if en:
            return f"{sign}{h} h" + (f" {m} min" if m else "")
        return f"{sign}{h}小时" + (f"{m}分" if m else "")
    if m:
        if en:
            return f"{sign}{m} min" + (f" {s} s" if s else "")
        return f"{sign}{m}分{s}秒" if s else f"{sign}{m}分钟"
    return f"{sign}{s} s" if en else f"{sign}{s}秒"
