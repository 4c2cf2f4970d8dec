"""Forms out: one row per item in document order, machine-named headers, a real xlsx worksheet (issue 15)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from servstd.catalog import catalog
from servstd.cli import main
from servstd.errors import InputValueError
from servstd.scoring import form
from servstd.scoring.inspection_form import layout, save_form
from servstd.standards import Scheme, parse_standard

CS = catalog().standard("property-cs-quality-inspection")
POINTS = catalog().standard("cs-quality-scoring-rules")
KPI = catalog().standard("cs-kpi-assessment")
HOTEL = catalog().standard("hotel-service-quality-inspection")


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


class TestLayout:
    @pytest.mark.parametrize("std_id", catalog().ids("standard"))
    def test_one_row_per_item_in_document_order(self, std_id: str) -> None:
        """Every item (every criterion for KPI) has a row, in the document's order."""
        std = catalog().standard(std_id)
        codes = (
            [c.code for c in std.criteria] if std.scheme is Scheme.KPI else [it.code for it in std.items()]
        )
        assert [r.code for r in layout(std).rows] == codes

    def test_the_column_to_fill_follows_the_scheme(self) -> None:
        """count for deduction, result for pass/fail and checklists, value for KPI."""
        assert layout(CS).fill == "count"
        assert layout(HOTEL).fill == "result"
        assert layout(catalog().standard("bank-special-needs-procedure")).fill == "result"
        assert layout(KPI).fill == "value"

    def test_how_an_item_is_counted(self) -> None:
        """The rule says 每项/处/次, the deduction per count and the cap, in Chinese with an English gloss."""
        rules = {r.code: r.rule for r in layout(CS).rows}
        assert rules["CS20"] == "每处扣1分 (1 per place)"
        assert rules["CS05"] == "每次扣1分 (1 per occurrence)"
        assert {r.code: r.rule for r in layout(POINTS).rows}[
            "08"
        ] == "本项1分，每项扣0.3分，最多扣1分 (0.3 per item, at most 1)"
        assert [r.path for r in layout(CS).rows][:1] == ["基础管理 › 计划指标"]

    def test_veto_and_bonus_are_said(self) -> None:
        """A veto item says 一票否决; a bonus item says how much it adds and up to what."""
        std = parse_standard(
            "id: v\ntitle: 安全\nscheme: deduction\nmax_points: 10\nsections:\n  - id: s\n    title: 安全\n    items:\n"
            "      - {code: V1, text: 发生安全责任事故, deduct: 1, veto: true}\n"
            "      - {code: B1, text: 获得业主书面表扬, deduct: 1, bonus: true, cap: 2}\n"
        )
        rules = {r.code: r.rule for r in layout(std).rows}
        assert rules["V1"] == "每项扣1分；一票否决 (1 per item, veto)"
        assert rules["B1"] == "加分项：每项加1分，最多加2分 (bonus +1 per item, at most 2)"

    def test_requirement_has_the_english_gloss_under_it(self) -> None:
        """Criteria and items with an English text carry it on a second line."""
        assert layout(KPI).rows[0].requirement == "顧客滿意度\nCustomer satisfaction"


class TestFormats:
    def test_csv_header_block_and_machine_names(self) -> None:
        """Header block (standard, version, title, site, inspector, date), then headers 「label name」."""
        rows = csv_rows(form(CS, "csv"))
        assert [r[0] for r in rows[:6]] == [
            "标准 standard",
            "版本 version",
            "名称 title",
            "受检单位 site",
            "检查人 inspector",
            "检查日期 date",
        ]
        assert rows[0][1] == CS.id
        assert rows[7][4] == "扣分次数 count"
        assert rows[-1] == ["合计 total"]
        assert len(rows) == 8 + len(list(CS.items())) + 1  # header block, one row per item, the total

    def test_markdown_and_html(self) -> None:
        """Markdown is a table with the same headers; HTML prints on A4 with the header repeated."""
        md = form(CS, "markdown")
        assert "| 章节 path | 编号 code | 检查内容 requirement | 扣分办法 rule | 扣分次数 count |" in md
        html = form(CS, "html")
        assert "size: A4" in html
        assert "<thead>" in html
        assert "table-header-group" in html
        assert "档案室、档案柜" in html
        assert "<script" not in html

    def test_xlsx_is_a_real_worksheet(self) -> None:
        """Frozen header, widths, wrapped text, whole-number validation on count, A4 with repeated header rows."""
        ws = openpyxl.load_workbook(io.BytesIO(form(CS, "xlsx"))).active
        assert ws.freeze_panes == "A9"
        assert ws.print_title_rows == "$8:$8"
        assert (ws.page_setup.paperSize, ws.page_setup.orientation) == (9, "landscape")  # 9: A4
        assert ws.column_dimensions["C"].width == 48
        assert ws["C9"].alignment.wrap_text
        last = 8 + len(list(CS.items()))  # the header block is rows 1-8, then one row per item
        (dv,) = ws.data_validations.dataValidation
        assert (dv.type, dv.operator, dv.formula1, str(dv.sqref)) == (
            "whole",
            "greaterThanOrEqual",
            "0",
            f"E9:E{last}",
        )
        assert ws[f"A{last + 1}"].value == "合计 total"
        assert not any(
            isinstance(c.value, str) and c.value.startswith("=") for row in ws.iter_rows() for c in row
        )

    def test_pass_fail_xlsx_offers_the_results(self) -> None:
        """A pass/fail form validates its result column against 合格/不合格/不适用."""
        ws = openpyxl.load_workbook(io.BytesIO(form(HOTEL, "xlsx"))).active
        (dv,) = ws.data_validations.dataValidation
        assert (dv.type, dv.formula1) == ("list", '"合格,不合格,不适用"')

    def test_unknown_format(self) -> None:
        """An unknown format is an error naming the accepted ones."""
        with pytest.raises(InputValueError, match="'xlsx', 'csv', 'markdown', 'html'") as caught:
            form(CS, "pdf")  # type: ignore[call-overload]
        assert caught.value.param == "format"

    def test_save_form_writes_csv_for_excel(self, tmp_path: Path) -> None:
        """CSV is saved with a byte-order mark so Excel shows the Chinese."""
        path = save_form(CS, tmp_path / "f.csv")
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
        with pytest.raises(InputValueError, match=r"path='f\.pdf' is not accepted") as caught:
            save_form(CS, tmp_path / "f.pdf")
        assert ".csv" in (caught.value.accepted or ())


class TestCommand:
    def run(self, *argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        return main(list(argv), stdout=out, stderr=err), out.getvalue(), err.getvalue()

    def test_form_to_file_and_stdout(self, tmp_path: Path) -> None:
        """form STANDARD -o FILE takes the format from the suffix; without -o it prints Markdown."""
        code, out, _ = self.run("form", CS.id, "-o", str(tmp_path / "f.xlsx"))
        assert code == 0
        assert "xlsx form of 客户服务部品质检查标准" in out
        assert (tmp_path / "f.xlsx").read_bytes()[:2] == b"PK"
        code, out, _ = self.run("form", CS.id)
        assert out == form(CS, "markdown")
        code, out, _ = self.run("form", CS.id, "--format", "csv")
        assert out == "\ufeff" + form(CS, "csv")  # a byte-order mark, so that Excel reads it

    def test_xlsx_needs_a_file(self) -> None:
        """An xlsx form is not printed to the terminal: exit 2 with a hint."""
        code, _, err = self.run("form", CS.id, "--format", "xlsx")
        assert code == 2
        assert "-o FORM.xlsx" in err
