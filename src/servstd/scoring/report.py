"""Score reports: every deduction line, section subtotals, total, grade — as text, JSON or Markdown.

The three renderings carry the same facts. A capped pool says how much its findings came to
(``raw``), how much it deducted (``deduction``) and how much its cap cut (``cut``), naming caps by
the document's titles; a line says what it applied and what was cut, and by which caps.

>>> from servstd.catalog import catalog
>>> from servstd.scoring import Finding, Inspection, score
>>> std = catalog().standard("property-cs-quality-inspection")
>>> r = score(std, Inspection(std.id, findings=[Finding("CS20", 20), Finding("CS05", 10)]))
>>> ln = r.lines[1]
>>> ln.raw, ln.applied, ln.cut, ln.capped_by_titles
(Decimal('10'), Decimal('5'), Decimal('5'), ('基础管理',))
>>> print(r.to_text().splitlines()[-1])
  CS05  仪容仪表、工作礼仪符合《员工手册》…      10  1.00  10.00    −5.00  5.00  cut by 基础管理
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import attrs

from servstd._decimal import exact
from servstd._escape import markdown_text
from servstd._schema import Shaped
from servstd._spans import span_text
from servstd.scoring._columns import fit, table, width
from servstd.standards.standard import Rounding, Scheme

__all__ = ["CriterionScore", "DeductionLine", "ScoreReport", "SectionScore"]

TEXT_WIDTH = 36
"""Display cells given to a requirement or a section title in the text report."""


@attrs.frozen
class DeductionLine(Shaped):
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
    cut: Decimal = Decimal(0)
    """``raw − applied``: what the caps cut from this line."""
    capped_by_titles: tuple[str, ...] = ()
    """The caps in ``capped_by`` as the document names them (an item's code, a section's title, 总分)."""


def _section_cut(s: SectionScore) -> Decimal:
    return s.raw_deduction - s.deduction


@attrs.frozen
class SectionScore(Shaped):
    """A section's pool: its max, raw and applied deduction, score; ``capped`` when the raw exceeded it."""

    id: str
    title: str
    depth: int
    max: Decimal | None
    raw_deduction: Decimal
    deduction: Decimal
    score: Decimal | None
    capped: bool
    cut: Decimal = attrs.field(default=attrs.Factory(_section_cut, takes_self=True))
    """``raw_deduction − deduction``: what the section's cap cut."""


@attrs.frozen
class CriterionScore(Shaped):
    """A KPI criterion: measured value, points (0–100), weight and weighted points."""

    code: str
    name: str
    value: Decimal
    points: Decimal
    weight: Decimal
    weighted: Decimal
    rule: str
    unit: str = ""
    """The unit the criterion measures in (``"seconds"``, ``"ratio"``, ``"rating"``…)."""

    @property
    def shown(self) -> str:
        """The value written in its unit for a person (``20小时`` for 72000 seconds, ``92%`` for a
        ratio of 0.92, the number itself otherwise); ``value`` stays exact.

        >>> from decimal import Decimal as D
        >>> c = CriterionScore("r", "響應時限", D(72000), D(100), D("0.3"), D(30), "≤24小時", "seconds")
        >>> c.shown, attrs.evolve(c, value=D("0.92"), unit="ratio").shown
        ('20小时', '92%')
        """
        if self.unit == "seconds":
            return span_text(dt.timedelta(microseconds=int(self.value * 1_000_000)))
        if self.unit == "ratio":
            percent = f"{self.value * 100:f}"
            return (percent.rstrip("0").rstrip(".") if "." in percent else percent) + "%"
        return str(self.value)


@attrs.frozen
class ScoreReport(Shaped):
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
        """A number as the report shows it: rounded by the standard's rule, never ``-0``."""
        if v is None:
            return "—"
        r = self.rounding.apply(v)
        return str(r.copy_abs() if r.is_zero() else r)

    def _p(self, v: Decimal | None) -> str:
        """A pool figure: points, or a number of items in a pass/fail scheme."""
        return str(v) if self.compliance_scheme and v is not None else self._r(v)

    def _signed(self, v: Decimal, bonus: bool = False) -> str:
        """``−5.00`` for a deduction, ``+2.00`` for a bonus, ``0.00`` for nothing."""
        text = self._r(v)
        return text if self.rounding.apply(v).is_zero() else ("+" if bonus else "−") + text

    @property
    def compliance_scheme(self) -> bool:
        """Whether items pass or fail (pass/fail, checklist) rather than deduct points."""
        return self.scheme in (Scheme.PASS_FAIL, Scheme.CHECKLIST)

    @exact
    def to_json(self) -> str:
        """JSON text: ``to_dict()`` (decimals as strings, so nothing is lost)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def _headline(self) -> str:
        return (
            f"Total: {self._r(self.total_exact)} / {self._r(self.max_points)}"
            + (f"  Grade: {self.grade}" if self.grade else "")
            + (f"  Compliance: {self._r(self.compliance * 100)}%" if self.compliance is not None else "")
        )

    def _cap_note(self, s: SectionScore) -> str:
        return f"found {self._r(s.raw_deduction)}, cut {self._r(s.cut)} by its {self._r(s.max)}-point cap"

    @exact
    def to_text(self) -> str:
        """A plain-text report: titles cut to fit, numbers in their own right-aligned columns."""
        out = [
            f"{self.title} ({self.standard} v{self.version}) — {self.scheme.value}",
            f"Site: {self.site or '—'}  Inspector: {self.inspector or '—'}  Date: {self.date or '—'}",
            self._headline(),
        ]
        if self.vetoed:
            out.append(f"VETO (一票否决): {', '.join(self.vetoed)}")
        if self.sections:
            out.append("")
            head = ("Section", "Score", "Max", "Failed" if self.compliance_scheme else "Deducted", "")
            rows = [
                (
                    "  " * s.depth + fit(s.title, TEXT_WIDTH - 2 * s.depth),
                    self._p(s.score),
                    self._p(s.max),
                    self._p(s.deduction),
                    self._cap_note(s) if s.capped else "",
                )
                for s in self.sections
            ]
            out += table(head, rows, (False, True, True, True, False))
        if self.lines:
            out.append("")
            out += self._text_lines()
        if self.criteria:
            out.append("")
            criteria = [
                (
                    fit(c.name, TEXT_WIDTH - 4),
                    c.shown,
                    self._r(c.points),
                    str(c.weight),
                    self._r(c.weighted),
                    c.rule,
                )
                for c in self.criteria
            ]
            out += table(
                ("Criterion", "Value", "Points", "Weight", "Weighted", "Rule"),
                criteria,
                (False, True, True, True, True, False),
            )
        if self.notes:
            out.append("")
            out += [f"Note: {n}" for n in self.notes]
        return "\n".join(out)

    def _text_lines(self) -> list[str]:
        rows: list[tuple[str, ...]] = []
        extras: dict[int, str] = {}
        for i, ln in enumerate(self.lines):
            text = fit(ln.text, TEXT_WIDTH)
            if self.compliance_scheme:
                rows.append((ln.item, text, str(ln.count), "failed" if ln.count else "passed"))
            else:
                caps = ("its own cap" if t == ln.item else t for t in ln.capped_by_titles)
                cut = f"cut by {', '.join(caps)}" if ln.cut else ""
                rows.append((
                    ln.item, text, str(ln.count), self._r(ln.unit), self._r(ln.raw),
                    self._signed(ln.applied, ln.bonus), self._r(ln.cut) if ln.cut else "—", cut,
                ))  # fmt: skip
            detail = "; ".join(
                part
                for part in (
                    f"note: {ln.note}" if ln.note else "",
                    f"places: {'、'.join(ln.places)}" if ln.places else "",
                    "一票否决 veto" if ln.veto and ln.count else "",
                    "bonus" if ln.bonus else "",
                )
                if part
            )
            if detail:
                extras[i] = detail
        if self.compliance_scheme:
            head: tuple[str, ...] = ("Item", "Requirement", "Count", "Result")
            numeric: tuple[bool, ...] = (False, False, True, False)
        else:
            head = ("Item", "Requirement", "Count", "Unit", "Raw", "Applied", "Cut", "")
            numeric = (False, False, True, True, True, True, True, False)
        lines = table(head, rows, numeric, indent="  ")
        code_width = max(width(r[0]) for r in [head, *rows])
        out = [lines[0]]
        for i, line in enumerate(lines[1:]):
            out.append(line)
            if i in extras:
                out.append(" " * (4 + code_width) + extras[i])
        return out

    @exact
    def to_markdown(self) -> str:
        """A Markdown report with tables (the same facts as the text and JSON)."""
        out = [
            f"## {_md(self.title)}",
            "",
            f"{_md(self.standard)} v{_md(self.version)} — {self.scheme.value}  ",
            f"Site: {_md(self.site) or '—'} · Inspector: {_md(self.inspector) or '—'} · Date: {self.date or '—'}",
            "",
            f"**{self._headline()}**",
            "",
        ]
        if self.vetoed:
            out += [f"**一票否决 (veto):** {', '.join(self.vetoed)}", ""]
        if self.sections:
            out += ["| Section | Max | Found | Deducted | Cut | Score |", "|---|---:|---:|---:|---:|---:|"]
            out += [
                f"| {'— ' * s.depth}{_md(s.title)} | {self._p(s.max)} | {self._p(s.raw_deduction)} "
                f"| {self._p(s.deduction)} | {self._p(s.cut) if s.cut else ''} | {self._p(s.score)} |"
                for s in self.sections
            ]
            out.append("")
        if self.lines:
            out += [
                "| Item | Requirement | Count | Unit | Raw | Applied | Cut | Cut by | Places | Note |",
                "|---|---|---:|---:|---:|---:|---:|---|---|---|",
            ]
            out += [
                f"| {_md(ln.item)} | {_md(ln.text)} | {ln.count} | {self._r(ln.unit)} | {self._r(ln.raw)} "
                f"| {self._signed(ln.applied, ln.bonus)} | {self._r(ln.cut) if ln.cut else ''} "
                f"| {_md(', '.join(ln.capped_by_titles))} | {_md('、'.join(ln.places))} | {_md(ln.note)} |"
                for ln in self.lines
            ]
            out.append("")
        if self.criteria:
            out += [
                "| Criterion | Value | Points | Weight | Weighted | Rule |",
                "|---|---:|---:|---:|---:|---|",
            ]
            out += [
                f"| {_md(c.name)} | {_md(c.shown)} | {self._r(c.points)} | {c.weight} | {self._r(c.weighted)} | {_md(c.rule)} |"
                for c in self.criteria
            ]
            out.append("")
        out += [f"Note: {_md(n)}  " for n in self.notes]
        return "\n".join(out).rstrip() + "\n"

    @exact
    def render(self, format: str = "text") -> str:
        """Render as ``"text"``, ``"json"`` or ``"markdown"``."""
        if format == "json":
            return self.to_json()
        if format == "markdown":
            return self.to_markdown()
        return self.to_text()


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell (no HTML, links or cell breaks)."""
    return markdown_text(text)
