"""One inspection counts once in an aggregate (issue 22): a folder holding an inspection's YAML and
the xlsx form it was typed into (as examples/inspections/ does) counts it once with a warning
naming both files; two files that record one inspection differently are refused, naming both."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import warnings
from pathlib import Path

import attrs
import pytest

from servstd.catalog import catalog
from servstd.cli import main
from servstd.errors import DuplicateInspectionWarning, ScoringError
from servstd.scoring.aggregation import LoadedInspection, read_inspections, score_inspections

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "inspections"
CS = catalog().standard("property-cs-quality-inspection")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def _copy(tmp_path: Path, *names: str) -> Path:
    for name in names:
        shutil.copy(EXAMPLES / name, tmp_path / name)
    return tmp_path


class TestCopiesOfOneInspection:
    def test_yaml_and_xlsx_of_one_inspection_count_once(self, tmp_path: Path) -> None:
        """deduction.yaml and deduction.xlsx (阳光花园, 2026-03-09, 李明): one inspection, not two; the
        warning names both files."""
        folder = _copy(tmp_path, "deduction.yaml", "deduction.xlsx")
        code, out, err = run("score", CS.id, str(folder), "--aggregate", "--json")
        assert code == 0
        assert json.loads(out)["inspections"] == 1
        assert json.loads(out)["rows"][0]["count"] == 1
        assert "deduction.xlsx [form] and" in err
        assert (
            "deduction.yaml record one inspection (property-cs-quality-inspection, 阳光花园, 2026-03-09, 李明)"
            in err
        )

    def test_kpi_copies_with_values_typed_differently(self, tmp_path: Path) -> None:
        """kpi.yaml writes 4.2 as a number, the xlsx as text: the same values, one inspection."""
        folder = _copy(tmp_path, "kpi.yaml", "kpi.xlsx")
        std = catalog().standard("cs-kpi-assessment")
        with pytest.warns(DuplicateInspectionWarning, match="kpi.yaml record one inspection"):
            reports = score_inspections(std, read_inspections(folder, std))
        assert len(reports) == 1

    def test_copies_that_differ_are_refused(self, tmp_path: Path) -> None:
        """The YAML edited after the form was typed (CS20 ×4, not ×3): which is right cannot be told; the
        folder is refused naming both files and their totals."""
        folder = _copy(tmp_path, "deduction.xlsx")
        text = (EXAMPLES / "deduction.yaml").read_text(encoding="utf-8").replace("count: 3", "count: 4")
        (folder / "deduction.yaml").write_text(text, encoding="utf-8")
        code, out, err = run("score", CS.id, str(folder), "--aggregate")
        assert (code, out) == (1, "")
        assert "deduction.xlsx [form] and" in err
        assert "deduction.yaml record one inspection" in err
        assert "differently (totals 92.00 and 91.00)" in err


class TestWhatIsOneInspection:
    def _loaded(self, name: str, **changes: object) -> LoadedInspection:
        ins = read_inspections(EXAMPLES / "deduction.yaml")[0].inspection
        return LoadedInspection(name, "", attrs.evolve(ins, **changes))

    @pytest.mark.parametrize(
        "change",
        [{"site": "翠湖苑"}, {"inspector": "王芳"}, {"date": dt.date(2026, 3, 10)}],
        ids=["site", "inspector", "date"],
    )
    def test_another_site_inspector_or_date_is_another_inspection(self, change: dict[str, object]) -> None:
        """Same standard and findings, but another site, inspector or date: two inspections, no warning."""
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            reports = score_inspections(CS, [self._loaded("a.yaml"), self._loaded("b.yaml", **change)])
        assert len(reports) == 2

    def test_undated_inspections_are_never_merged(self) -> None:
        """An inspection without a date cannot be identified: two undated copies count twice."""
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            reports = score_inspections(
                CS, [self._loaded("a.yaml", date=None), self._loaded("b.yaml", date=None)]
            )
        assert len(reports) == 2

    def test_a_scoring_error_names_its_file(self) -> None:
        """A finding for an unknown item is refused naming the file it came from."""
        bad = self._loaded("bad.yaml", findings=())
        bad = LoadedInspection("bad.yaml", "", attrs.evolve(bad.inspection, standard="other"))
        with pytest.raises(ScoringError, match=r"^bad.yaml: the inspection is for standard 'other'"):
            score_inspections(CS, [bad])
