"""Scoring: point pools, pass/fail compliance, weighted KPIs, veto items, grades, reports and forms.

May import: ``servstd.errors``, ``servstd._documents``, :mod:`servstd.standards` and
:mod:`servstd.sla.calendar` (frequency checks count working days). Names load on first use; the
modules are named after what they define (``scorer``, ``inspection_form``, ``aggregation``), so
no module hides a function of the package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from servstd._lazy import attach

if TYPE_CHECKING:
    from servstd.scoring.aggregation import AggregateRow as AggregateRow
    from servstd.scoring.aggregation import LoadedInspection as LoadedInspection
    from servstd.scoring.aggregation import aggregate as aggregate
    from servstd.scoring.aggregation import load_inspections as load_inspections
    from servstd.scoring.aggregation import read_inspections as read_inspections
    from servstd.scoring.aggregation import score_inspections as score_inspections
    from servstd.scoring.frequency_check import frequency_findings as frequency_findings
    from servstd.scoring.inspection import Finding as Finding
    from servstd.scoring.inspection import Inspection as Inspection
    from servstd.scoring.inspection import load_inspection as load_inspection
    from servstd.scoring.inspection import parse_inspection as parse_inspection
    from servstd.scoring.inspection import read_inspection as read_inspection
    from servstd.scoring.inspection_form import form as form
    from servstd.scoring.measure_check import measure_findings as measure_findings
    from servstd.scoring.plan_check import overdue_findings as overdue_findings
    from servstd.scoring.pools import PoolResult as PoolResult
    from servstd.scoring.pools import PoolTree as PoolTree
    from servstd.scoring.report import CriterionScore as CriterionScore
    from servstd.scoring.report import DeductionLine as DeductionLine
    from servstd.scoring.report import ScoreReport as ScoreReport
    from servstd.scoring.report import SectionScore as SectionScore
    from servstd.scoring.scorer import score as score
    from servstd.scoring.scorer import score_many as score_many
    from servstd.scoring.scorer import totals as totals

_DEPRECATED = {
    "load_inspection": "servstd.scoring.read_inspection(path) or parse_inspection(text)",
    "load_inspections": "servstd.scoring.read_inspections",
}
"""Old spellings, kept for one release (each warns, naming the new one)."""

if not TYPE_CHECKING:  # type checkers read the imports above; at run time names load on use
    __getattr__, __dir__, __all__ = attach(__name__, deprecated=_DEPRECATED)
