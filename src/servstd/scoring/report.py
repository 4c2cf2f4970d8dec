"""Score reports: every deduction line, section subtotals, total, grade — as text, JSON or Markdown."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import attrs

from servstd.standards.standard import Rounding, Scheme

__all__ = ["CriterionScore", "DeductionLine", "ScoreReport", "SectionScore"]


@attrs.frozen
class DeductionLine:
    """One finding's effect: ``unit × count`` raw points, what was applied, and which caps cut it."""

    item: str
    text: str
    section: str
    count: int
    unit: Decimal
    per: str
    raw: Decimal
    applied: Decimal
    capped_by: tuple[str, ...] = ()
    note: str = ""
    places: tuple[str, ...] = ()
    veto: bool = False
    bonus: bool = False


@attrs.frozen
class SectionScore:
    """A section's pool: its max, raw and applied deduction, score; ``capped`` when the raw exceeded it."""

    id: str
    title: str
    depth: int
    max: Decimal | None
    raw_deduction: Decimal
    deduction: Decimal
    score: Decimal | None
    capped: bool


@attrs.frozen
class CriterionScore:
    """A KPI criterion: measured value, points (0–100), weight and weighted points."""

    code: str
    name: str
    value: Decimal
    points: Decimal
    weight: Decimal
    weighted: Decimal
    rule: str


@attrs.frozen
class ScoreReport:
    """The result of scoring one inspection, auditable line by line."""

    standard: str
    title: str
    version: str
    scheme: Scheme
    rounding: Rounding
    max_points: Decimal
    total_exact: Decimal
    total: Decimal
    grade: str | None
    site: str = ""
    inspector: str = ""
    date: str = ""
    sections: tuple[SectionScore, ...] = ()
    lines: tuple[DeductionLine, ...] = ()
    criteria: tuple[CriterionScore, ...] = ()
    compliance: Decimal | None = None
    vetoed: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    # -- rendering -----------------------------------------------------------------------
    def _r(self, v: Decimal | None) -> str:
        return "—" if v is None else str(self.rounding.apply(v))

    def to_dict(self) -> dict[str, Any]:
        """Plain data (decimals as strings, so nothing is lost)."""

        def conv(v: Any) -> Any:
            if isinstance(v, Decimal):
                return str(v)
            if isinstance(v, tuple):
                return [conv(x) for x in v]
            if isinstance(v, Scheme):
                return v.value
            if isinstance(v, Rounding):
                return {"places": v.places, "mode": v.mode}
            if attrs.has(type(v)):
                return {f.name: conv(getattr(v, f.name)) for f in attrs.fields(type(v))}
            return v

        out = conv(self)
        assert isinstance(out, dict)
        return out

    def to_json(self) -> str:
        """JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def to_text(self) -> str:
        """A plain-text report."""
        head = [
            f"{self.title} ({self.standard} v{self.version}) — {self.scheme.value}",
            f"Site: {self.site or '—'}  Inspector: {self.inspector or '—'}  Date: {self.date or '—'}",
            f"Total: {self._r(self.total_exact)} / {self._r(self.max_points)}"
            + (f"  Grade: {self.grade}" if self.grade else "")
            + (f"  Compliance: {self._r(self.compliance * 100)}%" if self.compliance is not None else ""),
        ]
        if self.vetoed:
            head.append(f"VETO (一票否决): {', '.join(self.vetoed)}")
        out = [*head, ""]
        if self.sections:
            out.append("Sections:")
            for s in self.sections:
                cap = "  [capped]" if s.capped else ""
                pool = (
                    f"{self._r(s.score)} / {self._r(s.max)}  (−{self._r(s.deduction)})"
                    if s.max is not None
                    else f"−{self._r(s.deduction)}"
                )
                out.append(f"  {'  ' * s.depth}{s.title}: {pool}{cap}")
        if self.lines:
            out.append("Deductions:")
            for ln in self.lines:
                cut = f"  cut by {', '.join(ln.capped_by)}" if ln.capped_by else ""
                sign = "+" if ln.bonus else "−"
                out.append(
                    f"  {ln.item} {ln.text[:30]}: {ln.count} × {ln.unit} = {ln.raw}, applied {sign}{ln.applied}{cut}"
                    + (f"  ({ln.note})" if ln.note else "")
                )
        if self.criteria:
            out.append("Criteria:")
            out.extend(
                f"  {c.name}: value {c.value} → {self._r(c.points)} pts × {c.weight} = {self._r(c.weighted)}  [{c.rule}]"
                for c in self.criteria
            )
        out += [f"Note: {n}" for n in self.notes]
        return "\n".join(out)

    def to_markdown(self) -> str:
        """A Markdown report with tables."""
        out = [f"## {self.title}", "", f"**Total:** {self._r(self.total_exact)} / {self._r(self.max_points)}"
               + (f" — **{self.grade}**" if self.grade else ""), ""]  # fmt: skip
        if self.vetoed:
            out += [f"**一票否决 (veto):** {', '.join(self.vetoed)}", ""]
        if self.sections:
            out += ["| Section | Max | Deduction | Score | Capped |", "|---|---:|---:|---:|:---:|"]
            out += [
                f"| {'— ' * s.depth}{s.title} | {self._r(s.max)} | {self._r(s.deduction)} | {self._r(s.score)} | {'yes' if s.capped else ''} |"
                for s in self.sections
            ]
            out.append("")
        if self.lines:
            out += [
                "| Item | Count | Unit | Raw | Applied | Cut by | Note |",
                "|---|---:|---:|---:|---:|---|---|",
            ]
            out += [
                f"| {ln.item} | {ln.count} | {ln.unit} | {ln.raw} | {ln.applied} | {', '.join(ln.capped_by)} | {ln.note} |"
                for ln in self.lines
            ]
            out.append("")
        if self.criteria:
            out += ["| Criterion | Value | Points | Weight | Weighted |", "|---|---:|---:|---:|---:|"]
            out += [
                f"| {c.name} | {c.value} | {self._r(c.points)} | {c.weight} | {self._r(c.weighted)} |"
                for c in self.criteria
            ]
        return "\n".join(out).rstrip() + "\n"

    def render(self, format: str = "text") -> str:
        """Render as ``"text"``, ``"json"`` or ``"markdown"``."""
        if format == "json":
            return self.to_json()
        if format == "markdown":
            return self.to_markdown()
        return self.to_text()
