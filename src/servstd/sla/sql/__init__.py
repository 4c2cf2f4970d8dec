"""The calendar and the clock in SQL: a date dimension, open intervals and tested macros.

Owns the export of a :class:`~servstd.sla.ServiceClock` over a span of years as three tables a
database can join, and the macros over them (DuckDB, PostgreSQL). May import:
``servstd.errors``, ``servstd.sla.calendar``, ``servstd.sla.clock``; DuckDB (``servstd[sql]``) and
pyarrow (``servstd[parquet]``) only when a format needs them.

The tables (every instant in UTC, as ``TIMESTAMP WITH TIME ZONE``):

* ``servstd_days`` — one row per date of the exported years: ``date``, ``kind`` (workday,
  weekend, holiday, makeup_workday), ``is_working``, ``holiday`` / ``holiday_en`` (names, or
  NULL), ``working_day_seq`` (working days from the first exported date up to and including this
  one), ``open_seconds`` (open time within the local day, 00:00–24:00), ``open_seconds_before``
  (open time of the exported days before it), ``day_start_at`` / ``day_end_at`` (the local 00:00
  and 24:00) and ``close_at`` (close of business: the end of the last open interval starting that
  date, NULL when closed);
* ``servstd_open_intervals`` — one row per open interval of the clock's timeline (DST-correct in
  its zone; adjacent intervals merged, as the clock sees them): ``start_at``, ``end_at`` and
  ``open_seconds_before`` (open time of the export before ``start_at``);
* ``servstd_meta`` — one row: region, calendar, hours, zone, first/last year, coverage, the
  notices and overlays used, the servstd version, the export time, and the covered instants
  ``[starts_at, ends_at]``.

So "add n working days" is ``working_day_seq + n`` and one join, and business time between two
instants is the difference of two as-of lookups: with ``i`` the last interval starting at or
before ``x``, ``C(x) = i.open_seconds_before + min(x, i.end_at) − i.start_at``.

>>> from servstd.sla import ServiceClock
>>> from servstd.sla.sql import build_tables
>>> tables = build_tables(ServiceClock.default(), 2026)
>>> len(tables.days), tables.days[-1].working_day_seq      # 2026 has 248 working days in China
(365, 248)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from servstd._lazy import attach

if TYPE_CHECKING:
    from servstd.sla.sql._export import FORMATS as FORMATS
    from servstd.sla.sql._export import export as export
    from servstd.sla.sql._tables import ExportTables as ExportTables
    from servstd.sla.sql._tables import build_tables as build_tables
    from servstd.sla.sql._writers import TABLES as TABLES
    from servstd.sla.sql._writers import macros as macros
    from servstd.sla.sql._writers import sql_script as sql_script

if not TYPE_CHECKING:  # type checkers read the imports above; at run time names load on use
    __getattr__, __dir__, __all__ = attach(__name__)
