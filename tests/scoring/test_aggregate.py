"""Many inspections: a folder of 50 scored together, grade counts, items most deducted, a chart (issue 15)."""

from __future__ import annotations

import importlib.util
import io
import json
import sys
import warnings
from collections import Counter
from pathlib import Path

import pytest

from servstd.catalog import catalog
from servstd.cli import main
from servstd.errors import DocumentError, InputValueError, ServstdWarning
from servstd.scoring import ScoreReport, read_inspections, score
from servstd.scoring.aggregation import aggregate, chart

CS = catalog().standard("property-cs-quality-inspection")
ROOT = Path(__file__).resolve().parents[2]


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "make_inspections", ROOT / "examples" / "make_inspections.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_inspections"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("inspections")
    _generator().main(out)
    return out / "monthly" / "property-cs-quality-inspection"  # a folder per standard


@pytest.fixture(scope="module")
def reports(folder: Path) -> list[ScoreReport]:
    return [score(CS, x.inspection) for x in read_inspections(folder, CS)]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ServstdWarning)  # a machine without Chinese fonts is told on stderr
        code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


class TestFolder:
    def test_fifty_inspections_table_and_chart(self, folder: Path, tmp_path: Path) -> None:
        """score STANDARD FOLDER --aggregate --by site,month prints a row per site and month and writes the chart."""
        png = tmp_path / "sites.png"
        code, out, err = run(
            "score", CS.id, str(folder), "--aggregate", "--by", "site,month", "--chart", str(png)
        )
        assert code == 0, err
        assert out.startswith("50 inspections of 客户服务部品质检查标准")
        assert "50 inspections: mean" in out
        assert len([ln for ln in out.splitlines() if " 2026-0" in ln]) == 25
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert png.stat().st_size > 10_000

    def test_the_aggregate_agrees_with_scoring_each_file(self, folder: Path) -> None:
        """An oracle: group the reports by hand; means, minimums, grade counts and deducted items agree."""
        loaded = read_inspections(folder, CS)
        assert len(loaded) == 50
        assert {Path(x.source).suffix for x in loaded} == {".xlsx", ".yaml"}
        reports = [score(CS, x.inspection) for x in loaded]
        rows = {row.key: row for row in aggregate(reports, ("site",))}
        for site in {r.site for r in reports}:
            mine = [r for r in reports if r.site == site]
            row = rows[(site,)]
            assert row.count == len(mine)
            assert row.min == min(r.total for r in mine)
            assert row.mean == CS.rounding.apply(sum(r.total for r in mine) / len(mine))
            assert dict(row.grades) == dict(Counter(r.grade for r in mine))
            hand = Counter(code for r in mine for code in {ln.item for ln in r.lines})
            assert dict(row.deducted) == dict(hand)
            assert [n for _, n in row.deducted] == sorted(hand.values(), reverse=True)

    def test_json_output(self, folder: Path) -> None:
        """--json gives the rows as data (decimals as strings)."""
        code, out, _ = run("score", CS.id, str(folder), "--aggregate", "--by", "site", "--json")
        data = json.loads(out)
        assert code == 0
        assert data["inspections"] == 50
        assert sum(row["count"] for row in data["rows"]) == 50
        assert {tuple(row["key"]) for row in data["rows"]} == {("site",)}

    def test_a_folder_needs_aggregate_and_a_bad_file_is_named(self, folder: Path, tmp_path: Path) -> None:
        """A folder without --aggregate is a usage error; a bad file in a folder is named in the error."""
        code, _, err = run("score", CS.id, str(folder))
        assert (code, "add --aggregate" in err) == (2, True)
        bad = tmp_path / "bad"
        bad.mkdir()
        (bad / "a.yaml").write_text(
            f"standard: {CS.id}\nfindings: [{{item: CS13, count: -1}}]\n", encoding="utf-8"
        )
        (bad / "b.csv").write_text(
            f"标准 standard,{CS.id}\n编号 code,扣分次数 count\nCS13,x\n", encoding="utf-8"
        )
        code, _, err = run("score", CS.id, str(bad), "--aggregate")
        assert code == 1
        assert "a.yaml: findings[0].count" in err
        assert "b.csv: B3: 'x' is not a count" in err
        (tmp_path / "empty").mkdir()
        with pytest.raises(DocumentError, match="no inspection files"):
            read_inspections(tmp_path / "empty")


class TestChart:
    def test_svg_and_bad_suffix(self, reports: list[ScoreReport], tmp_path: Path) -> None:
        """An svg chart draws a line per site; a .jpg is refused with the accepted suffixes."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ServstdWarning)
            svg = chart(reports, tmp_path / "c.svg").read_text(encoding="utf-8")
        assert svg.count('<g id="line2d_') >= 5
        with pytest.raises(InputValueError, match=r"path='c\.jpg' is not accepted") as caught:
            chart(reports, tmp_path / "c.jpg")
        assert caught.value.accepted == (".png", ".svg")

    def test_chinese_labels_need_no_installed_font(self, reports: list[ScoreReport], tmp_path: Path) -> None:
        """Chinese site names and titles draw without any warning: an installed Chinese font or the
        one shipped with servstd has every glyph."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            chart(reports, tmp_path / "c.png")
        assert [str(w.message) for w in caught] == []
