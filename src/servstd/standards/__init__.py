"""Standards: the model of a service standard (sections, items, frequencies, KPI criteria, grades) and its documents.

May import: ``servstd.errors``, ``servstd._numerals``, ``servstd._documents``, ``servstd._source`` and
``servstd.sla.clock`` (durations of time limits). The shipped standards are in
:mod:`servstd.catalog`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from servstd._lazy import lazy_exports

if TYPE_CHECKING:
    from servstd._source import Source
    from servstd.standards.checklist_item import ChecklistItem, CountUnit, ItemKind, TimeLimit
    from servstd.standards.due_date import DateRange, DueDate, resolve_due_date
    from servstd.standards.frequency import Frequency, Period
    from servstd.standards.grade import GradeBand, GradeScale
    from servstd.standards.kpi import Band, KpiCriterion, Mapping
    from servstd.standards.loading import dump, json_schema, load, load_data
    from servstd.standards.measure import Measure
    from servstd.standards.standard import DocumentKind, Rounding, Scheme, Section, Standard, VetoEffect

_EXPORTS = {
    "Source": "servstd._source",
    "ChecklistItem": "servstd.standards.checklist_item",
    "CountUnit": "servstd.standards.checklist_item",
    "ItemKind": "servstd.standards.checklist_item",
    "TimeLimit": "servstd.standards.checklist_item",
    "DateRange": "servstd.standards.due_date",
    "DueDate": "servstd.standards.due_date",
    "resolve_due_date": "servstd.standards.due_date",
    "Frequency": "servstd.standards.frequency",
    "Period": "servstd.standards.frequency",
    "GradeBand": "servstd.standards.grade",
    "GradeScale": "servstd.standards.grade",
    "Band": "servstd.standards.kpi",
    "KpiCriterion": "servstd.standards.kpi",
    "Mapping": "servstd.standards.kpi",
    "dump": "servstd.standards.loading",
    "json_schema": "servstd.standards.loading",
    "load": "servstd.standards.loading",
    "load_data": "servstd.standards.loading",
    "Measure": "servstd.standards.measure",
    "DocumentKind": "servstd.standards.standard",
    "Rounding": "servstd.standards.standard",
    "Scheme": "servstd.standards.standard",
    "Section": "servstd.standards.standard",
    "Standard": "servstd.standards.standard",
    "VetoEffect": "servstd.standards.standard",
}

__all__ = [
    "Band",
    "ChecklistItem",
    "CountUnit",
    "DateRange",
    "DocumentKind",
    "DueDate",
    "Frequency",
    "GradeBand",
    "GradeScale",
    "ItemKind",
    "KpiCriterion",
    "Mapping",
    "Measure",
    "Period",
    "Rounding",
    "Scheme",
    "Section",
    "Source",
    "Standard",
    "TimeLimit",
    "VetoEffect",
    "dump",
    "json_schema",
    "load",
    "load_data",
    "resolve_due_date",
]

if not TYPE_CHECKING:  # type checkers read the imports above; at run time names load on use
    __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
