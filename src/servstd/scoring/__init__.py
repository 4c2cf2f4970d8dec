"""Scoring: point pools, pass/fail compliance, weighted KPIs, veto items, grades, reports and forms.

May import: ``servstd.errors``, ``servstd._documents``, :mod:`servstd.standards` and
:mod:`servstd.sla.calendar` (frequency checks count working days). Loaded eagerly: two of its
functions (``score``, ``aggregate``) share their modules' names, and the modules load together.
"""

from servstd.scoring.aggregate import AggregateRow, aggregate, load_inspections
from servstd.scoring.form import form
from servstd.scoring.frequency_check import frequency_findings
from servstd.scoring.inspection import Finding, Inspection, load_inspection
from servstd.scoring.measure_check import measure_findings
from servstd.scoring.plan_check import overdue_findings
from servstd.scoring.pools import PoolResult, PoolTree
from servstd.scoring.report import CriterionScore, DeductionLine, ScoreReport, SectionScore
from servstd.scoring.score import score, score_many, totals

__all__ = [
    "AggregateRow",
    "CriterionScore",
    "DeductionLine",
    "Finding",
    "Inspection",
    "PoolResult",
    "PoolTree",
    "ScoreReport",
    "SectionScore",
    "aggregate",
    "form",
    "frequency_findings",
    "load_inspection",
    "load_inspections",
    "measure_findings",
    "overdue_findings",
    "score",
    "score_many",
    "totals",
]
