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
>>> print(r.to_text(lang="en").splitlines()[-1])
  CS05  仪容仪表、工作礼仪符合《员工手册》…      10  1.00  10.00    −5.00  5.00  cut by 基础管理
>>> print(r.to_text().splitlines()[2])
总分：75.00 / 100.00  等级：合格
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import attrs

from servstd._decimal import exact
from servstd._escape import markdown_text
from servstd._lang import check_lang
from servstd._messages import noop, tr
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
        return self.shown_in("zh")

    def shown_in(self, lang: str = "zh") -> str:
        """:attr:`shown` in ``lang`` (``"zh"`` or ``"en"``): a length of time as ``20 h`` in English.

        >>> from decimal import Decimal as D
        >>> CriterionScore("r", "響應時限", D(8100), D(100), D("0.3"), D(30), "≤24小時", "seconds").shown_in("en")
        '2 h 15 min'
        """
        if self.unit == "seconds":
            return span_text(dt.timedelta(microseconds=int(self.value * 1_000_000)), check_lang(lang))
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

    def _headline(self, lang: str = "en") -> str:
        total = tr(
            "Total: {total} / {max}", lang, total=self._r(self.total_exact), max=self._r(self.max_points)
        )
        grade = tr("  Grade: {grade}", lang, grade=self.grade) if self.grade else ""
        rate = (
            tr("  Compliance: {rate}%", lang, rate=self._r(self.compliance * 100))
            if self.compliance is not None
            else ""
        )
        return total + grade + rate

    def _cap_note(self, s: SectionScore, lang: str) -> str:
        return tr(
            "found {raw}, cut {cut} by its {max}-point cap",
            lang,
            raw=self._r(s.raw_deduction),
            cut=self._r(s.cut),
            max=self._r(s.max),
        )

    def _scheme(self, lang: str) -> str:
        return tr(_SCHEMES[self.scheme.value], lang) if lang == "zh" else self.scheme.value

    def _who(self, lang: str, sep: str, site: str, inspector: str) -> str:
        return sep.join((
            tr("Site: {site}", lang, site=site or "—"),
            tr("Inspector: {inspector}", lang, inspector=inspector or "—"),
            tr("Date: {date}", lang, date=self.date or "—"),
        ))  # fmt: skip

    @exact
    def to_text(self, lang: str = "zh") -> str:
        """A plain-text report: titles cut to fit, numbers in their own right-aligned columns;
        headings in ``lang`` (``"zh"`` or ``"en"``), the standard's own texts as written."""
        lang = check_lang(lang)
        out = [
            f"{self.title} ({self.standard} v{self.version}) — {self._scheme(lang)}",
            self._who(lang, "  ", self.site, self.inspector),
            self._headline(lang),
        ]
        if self.vetoed:
            out.append(tr("VETO (一票否决): {items}", lang, items=", ".join(self.vetoed)))
        if self.sections:
            out.append("")
            failed = tr("Failed", lang) if self.compliance_scheme else tr("Deducted", lang)
            head = (tr("Section", lang), tr("Score", lang), tr("Max", lang), failed, "")
            rows = [
                (
                    "  " * s.depth + fit(s.title, TEXT_WIDTH - 2 * s.depth),
                    self._p(s.score),
                    self._p(s.max),
                    self._p(s.deduction),
                    self._cap_note(s, lang) if s.capped else "",
                )
                for s in self.sections
            ]
            out += table(head, rows, (False, True, True, True, False))
        if self.lines:
            out.append("")
            out += self._text_lines(lang)
        if self.criteria:
            out.append("")
            criteria = [
                (
                    fit(c.name, TEXT_WIDTH - 4),
                    c.shown_in(lang),
                    self._r(c.points),
                    str(c.weight),
                    self._r(c.weighted),
                    c.rule,
                )
                for c in self.criteria
            ]
            out += table(
                tuple(tr(h, lang) for h in _CRITERIA_HEAD),
                criteria,
                (False, True, True, True, True, False),
            )
        if self.notes:
            out.append("")
            out += [tr("Note: {note}", lang, note=n) for n in self.notes]
        return "\n".join(out)

    def _text_lines(self, lang: str) -> list[str]:
        rows: list[tuple[str, ...]] = []
        extras: dict[int, str] = {}
        for i, ln in enumerate(self.lines):
            text = fit(ln.text, TEXT_WIDTH)
            if self.compliance_scheme:
                rows.append(
                    (ln.item, text, str(ln.count), tr("failed", lang) if ln.count else tr("passed", lang))
                )
            else:
                caps = (tr("its own cap", lang) if t == ln.item else t for t in ln.capped_by_titles)
                cut = tr("cut by {caps}", lang, caps=", ".join(caps)) if ln.cut else ""
                rows.append((
                    ln.item, text, str(ln.count), self._r(ln.unit), self._r(ln.raw),
                    self._signed(ln.applied, ln.bonus), self._r(ln.cut) if ln.cut else "—", cut,
                ))  # fmt: skip
            detail = ("；" if lang == "zh" else "; ").join(
                part
                for part in (
                    tr("note: {note}", lang, note=ln.note) if ln.note else "",
                    tr("places: {places}", lang, places="、".join(ln.places)) if ln.places else "",
                    tr("一票否决 veto", lang) if ln.veto and ln.count else "",
                    tr("bonus", lang) if ln.bonus else "",
                )
                if part
            )
            if detail:
                extras[i] = detail
        if self.compliance_scheme:
            head: tuple[str, ...] = tuple(tr(h, lang) for h in ("Item", "Requirement", "Count", "Result"))
            numeric: tuple[bool, ...] = (False, False, True, False)
        else:
            head = (
                *(tr(h, lang) for h in ("Item", "Requirement", "Count", "Unit", "Raw", "Applied", "Cut")),
                "",
            )
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
    def to_markdown(self, lang: str = "zh") -> str:
        """A Markdown report with tables (the same facts as the text and JSON); headings in
        ``lang`` (``"zh"`` or ``"en"``)."""
        lang = check_lang(lang)

        def row(*cells: str) -> str:
            return "| " + " | ".join(tr(c, lang) for c in cells) + " |"

        out = [
            f"## {_md(self.title)}",
            "",
            f"{_md(self.standard)} v{_md(self.version)} — {self._scheme(lang)}  ",
            self._who(lang, " · ", _md(self.site), _md(self.inspector)),
            "",
            f"**{self._headline(lang)}**",
            "",
        ]
        if self.vetoed:
            out += [tr("**一票否决 (veto):** {items}", lang, items=", ".join(self.vetoed)), ""]
        if self.sections:
            out += [
                row("Section", "Max", "Found", "Deducted", "Cut", "Score"),
                "|---|---:|---:|---:|---:|---:|",
            ]
            out += [
                f"| {'— ' * s.depth}{_md(s.title)} | {self._p(s.max)} | {self._p(s.raw_deduction)} "
                f"| {self._p(s.deduction)} | {self._p(s.cut) if s.cut else ''} | {self._p(s.score)} |"
                for s in self.sections
            ]
            out.append("")
        if self.lines:
            out += [
                row(
                    "Item",
                    "Requirement",
                    "Count",
                    "Unit",
                    "Raw",
                    "Applied",
                    "Cut",
                    "Cut by",
                    "Places",
                    "Note",
                ),
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
                row(*_CRITERIA_HEAD),
                "|---|---:|---:|---:|---:|---|",
            ]
            out += [
                f"| {_md(c.name)} | {_md(c.shown_in(lang))} | {self._r(c.points)} | {c.weight} | {self._r(c.weighted)} | {_md(c.rule)} |"
                for c in self.criteria
            ]
            out.append("")
        out += [tr("Note: {note}", lang, note=_md(n)) + "  " for n in self.notes]
        return "\n".join(out).rstrip() + "\n"

    @exact
    def render(self, format: str = "text", lang: str = "zh") -> str:
        """Render as ``"text"``, ``"json"`` or ``"markdown"`` (text and Markdown headings in ``lang``)."""
        if format == "json":
            return self.to_json()
        if format == "markdown":
            return self.to_markdown(lang)
        return self.to_text(lang)


_CRITERIA_HEAD = ("Criterion", "Value", "Points", "Weight", "Weighted", "Rule")
_SCHEMES = {
    "deduction": noop("deduction"),
    "pass_fail": noop("pass_fail"),
    "kpi": noop("kpi"),
    "checklist": noop("checklist"),
}


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell (no HTML, links or cell breaks)."""
    return markdown_text(text)
