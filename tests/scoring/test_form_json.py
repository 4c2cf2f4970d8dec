"""The form as JSON (issue 22): ``form --json`` printed Markdown; it now prints the form as data —
header, columns and one row per item with its code, text, rule, the scheme's numbers and the
cells to fill."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from servstd.catalog import catalog
from servstd.cli import main
from servstd.scoring import form
from servstd.scoring.inspection_form import layout, save_form
from servstd.standards import Scheme

CS = catalog().standard("property-cs-quality-inspection")
KPI = catalog().standard("cs-kpi-assessment")
HOTEL = catalog().standard("hotel-service-quality-inspection")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


class TestCommand:
    @pytest.mark.parametrize("where", ["after", "before"])
    def test_json_flag_prints_json(self, where: str) -> None:
        """``form ID --json`` (and ``--json form ID``) prints the JSON form, not Markdown."""
        argv = ["form", CS.id, "--json"] if where == "after" else ["--json", "form", CS.id]
        code, out, _ = run(*argv)
        assert code == 0
        data = json.loads(out)
        assert (data["standard"], data["scheme"], data["fill"]) == (CS.id, "deduction", "count")
        assert out == form(CS, "json")

    def test_format_json(self) -> None:
        """``--format json`` is the same form."""
        assert run("form", CS.id, "--format", "json")[1] == form(CS, "json")

    def test_json_and_another_format_disagree(self) -> None:
        """``--json --format csv`` is a usage error (exit 2), not one of them silently."""
        code, _, err = run("form", CS.id, "--json", "--format", "csv")
        assert code == 2
        assert "--json and --format csv disagree" in err

    def test_json_with_a_file_reports_the_file_as_json(self, tmp_path: Path) -> None:
        """``-o f.xlsx --json``: the file is an xlsx form; the line saying so is a JSON object."""
        code, out, _ = run("form", CS.id, "-o", str(tmp_path / "f.xlsx"), "--json")
        assert code == 0
        assert json.loads(out) == {
            "file": str(tmp_path / "f.xlsx"),
            "format": "xlsx",
            "standard": CS.id,
            "version": "1",
        }
        assert (tmp_path / "f.xlsx").read_bytes()[:2] == b"PK"

    def test_json_file_by_suffix(self, tmp_path: Path) -> None:
        """``-o form.json`` writes the JSON form."""
        code, _, _ = run("form", KPI.id, "-o", str(tmp_path / "form.json"))
        assert code == 0
        assert (tmp_path / "form.json").read_text(encoding="utf-8") == form(KPI, "json")


class TestContent:
    @pytest.mark.parametrize("std_id", catalog().ids("standard"))
    def test_rows_follow_the_layout(self, std_id: str) -> None:
        """Every catalog standard: one row per item (criterion) in order, each with code, text, rule and
        each column to fill present and null; the text is the item's own (no gloss joined to it)."""
        std = catalog().standard(std_id)
        lay = layout(std)
        data = json.loads(form(std, "json"))
        assert [r["code"] for r in data["rows"]] == [r.code for r in lay.rows]
        texts = (
            [c.name for c in std.criteria] if std.scheme is Scheme.KPI else [it.text for it in std.items()]
        )
        assert [r["text"] for r in data["rows"]] == texts
        to_fill = [c["name"] for c in data["columns"] if c["filled_by"] != "form"]
        assert lay.fill in to_fill
        for row in data["rows"]:
            assert all(row[name] is None for name in to_fill)
            assert row["rule"]

    def test_deduction_numbers_are_exact_text(self) -> None:
        """CS20: 1 point per place; the scheme's numbers are strings (exact), flags are booleans."""
        row = next(r for r in json.loads(form(CS, "json"))["rows"] if r["code"] == "CS20")
        assert row["scoring"] == {"deduct": "1", "per": "place", "veto": False, "bonus": False}
        points = catalog().standard("cs-quality-scoring-rules")
        row = next(r for r in json.loads(form(points, "json"))["rows"] if r["code"] == "08")
        assert row["scoring"] == {
            "points": "1",
            "deduct": "0.3",
            "per": "item",
            "cap": "1",
            "veto": False,
            "bonus": False,
        }

    def test_kpi_rows_carry_weight_and_unit(self) -> None:
        """A KPI criterion's row: its name as written (顧客滿意度), the English apart, weight and unit."""
        row = json.loads(form(KPI, "json"))["rows"][0]
        assert (row["code"], row["text"], row["text_en"]) == (
            "satisfaction",
            "顧客滿意度",
            "Customer satisfaction",
        )
        assert row["scoring"] == {"weight": "0.4", "unit": "rating"}
        assert row["value"] is None

    def test_who_fills_what(self) -> None:
        """The inspector fills count, places and note; scoring fills points; the form gives the rest.
        The header's site, inspector and date are null."""
        data = json.loads(form(CS, "json"))
        by = {c["name"]: c["filled_by"] for c in data["columns"]}
        assert by == {
            "path": "form", "code": "form", "requirement": "form", "rule": "form",
            "count": "inspector", "places": "inspector", "note": "inspector", "points": "scoring",
        }  # fmt: skip
        assert data["header"] == {
            "standard": CS.id,
            "version": "1",
            "title": data["title"],
            "site": None,
            "inspector": None,
            "date": None,
        }

    def test_pass_fail_form_asks_for_a_result(self) -> None:
        """A checklist form's rows ask for result (合格/不合格/不适用), with no points column."""
        data = json.loads(form(HOTEL, "json"))
        assert data["fill"] == "result"
        assert "points" not in data["rows"][0]
        assert data["rows"][0]["result"] is None

    def test_save_form_json(self, tmp_path: Path) -> None:
        """save_form(.json) writes UTF-8 JSON with the Chinese as written."""
        path = save_form(CS, tmp_path / "f.json")
        assert "客户服务部品质检查标准" in path.read_text(encoding="utf-8")
