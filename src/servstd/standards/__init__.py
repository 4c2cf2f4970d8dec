"""Standards: the model of a service standard (sections, items, frequencies, KPI criteria, grades) and its documents.

May import: ``servstd.errors``, ``servstd._numerals``, ``servstd._documents``, ``servstd._source`` and
``servstd.sla.clock`` (durations of time limits). The shipped standards are in
:mod:`servstd.catalog`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from servstd._lazy import attach

if TYPE_CHECKING:
    from servstd._source import Source as Source
    from servstd.standards.checklist_item import ChecklistItem as ChecklistItem
    from servstd.standards.checklist_item import CountUnit as CountUnit
    from servstd.standards.checklist_item import ItemKind as ItemKind
    from servstd.standards.checklist_item import TimeLimit as TimeLimit
    from servstd.standards.due_date import DateRange as DateRange
    from servstd.standards.due_date import DueDate as DueDate
    from servstd.standards.due_date import resolve_due_date as resolve_due_date
    from servstd.standards.frequency import Frequency as Frequency
    from servstd.standards.frequency import Period as Period
    from servstd.standards.grade import GradeBand as GradeBand
    from servstd.standards.grade import GradeScale as GradeScale
    from servstd.standards.kpi import Band as Band
    from servstd.standards.kpi import KpiCriterion as KpiCriterion
    from servstd.standards.kpi import Mapping as Mapping
    from servstd.standards.loading import dump as dump
    from servstd.standards.loading import json_schema as json_schema
    from servstd.standards.loading import load as load
    from servstd.standards.loading import load_data as load_data
    from servstd.standards.loading import parse_standard as parse_standard
    from servstd.standards.loading import read_standard as read_standard
    from servstd.standards.measure import Measure as Measure
    from servstd.standards.standard import DocumentKind as DocumentKind
    from servstd.standards.standard import Rounding as Rounding
    from servstd.standards.standard import Scheme as Scheme
    from servstd.standards.standard import Section as Section
    from servstd.standards.standard import Standard as Standard
    from servstd.standards.standard import VetoEffect as VetoEffect

_DEPRECATED = {"load": "servstd.standards.read_standard(path) or parse_standard(text)"}
"""Old spellings, kept for one release (each warns, naming the new one)."""

if not TYPE_CHECKING:  # type checkers read the imports above; at run time names load on use
    __getattr__, __dir__, __all__ = attach(__name__, deprecated=_DEPRECATED)
