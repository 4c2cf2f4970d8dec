"""Checking measured items (「在第三次振铃之前要接通」, 「握手时间一般在3-5秒」) against observations.

An item with :attr:`~servstd.standards.ChecklistItem.measures` bounds a count or a size. Give the
values observed (rings before each call was answered, seconds of each handshake) and each value
outside the bounds is one finding count on the item.

>>> from servstd.catalog import catalog
>>> from servstd.scoring import measure_findings
>>> std = catalog().standard("insurance-service-standard")
>>> [(f.item, f.count, f.note) for f in measure_findings(std, {"A18": [1, 2, 3, 2, 4]})]
[('A18', 2, '振铃次数 < 3次: 2 of 5 outside (3, 4)')]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from servstd.errors import ScoringError
from servstd.scoring.inspection import Finding
from servstd.standards.checklist_item import ChecklistItem
from servstd.standards.measure import Measure
from servstd.standards.standard import Standard

__all__ = ["measure_findings"]

Observations = Iterable[Decimal | int] | Mapping[str, Iterable[Decimal | int]]


def _by_measure(it: ChecklistItem, observed: Observations) -> list[tuple[Measure, list[Decimal | int]]]:
    """Each measure of ``it`` with its values: one list for an item of one measure, else by quantity."""
    if isinstance(observed, Mapping):
        known = {m.quantity: m for m in it.measures}
        unknown = sorted(set(observed) - set(known))
        if unknown:
            raise ScoringError(f"{it.code}: no measure {unknown}; its measures: {', '.join(known)}", unknown)
        return [(known[q], list(values)) for q, values in observed.items()]
    if isinstance(observed, (str, bytes)):
        raise ScoringError(f"{it.code}: observations are numbers, not text: {observed!r}", observed)
    if len(it.measures) > 1:
        names = ", ".join(m.quantity for m in it.measures)
        raise ScoringError(
            f"{it.code} has {len(it.measures)} measures ({names}): give the values by quantity", it.code
        )
    return [(it.measures[0], list(observed))]


def measure_findings(standard: Standard, observations: Mapping[str, Observations]) -> list[Finding]:
    """Findings for the measured items in ``observations`` whose values fall outside their bounds.

    ``observations`` maps item codes to the values observed (ints or Decimals); an item with several
    measures takes a mapping from each measure's quantity to its values. Each value outside the
    bounds counts once; an item with none outside gives no finding.
    """
    measured = {it.code: it for it in standard.items() if it.measures}
    unknown = sorted(set(observations) - set(measured))
    if unknown:
        raise ScoringError(f"observations for {unknown}: not measured items of {standard.id!r}", unknown)
    out = []
    for code, observed in observations.items():
        it = measured[code]
        count = 0
        notes = []
        for measure, values in _by_measure(it, observed):
            outside = [v for v in values if not measure.holds(v)]
            if outside:
                count += len(outside)
                shown = ", ".join(str(v) for v in outside[:8]) + (", …" if len(outside) > 8 else "")
                notes.append(f"{measure}: {len(outside)} of {len(values)} outside ({shown})")
        if count:
            out.append(Finding(code, count, note=" | ".join(notes)))
    return out
