"""Standards: the model of a service standard, its documents, and the catalog of real ones."""

from servstd.standards.catalog import Catalog, catalog
from servstd.standards.checklist_item import ChecklistItem, CountUnit, ItemKind, TimeLimit
from servstd.standards.frequency import Frequency, Period
from servstd.standards.grade import GradeBand, GradeScale
from servstd.standards.kpi import Band, KpiCriterion, Mapping
from servstd.standards.loading import dump, json_schema, load, load_data
from servstd.standards.standard import Rounding, Scheme, Section, Standard, VetoEffect

__all__ = [
    "Band",
    "Catalog",
    "ChecklistItem",
    "CountUnit",
    "Frequency",
    "GradeBand",
    "GradeScale",
    "ItemKind",
    "KpiCriterion",
    "Mapping",
    "Period",
    "Rounding",
    "Scheme",
    "Section",
    "Standard",
    "TimeLimit",
    "VetoEffect",
    "catalog",
    "dump",
    "json_schema",
    "load",
    "load_data",
]
