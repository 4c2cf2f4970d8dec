"""Readable Chinese charts: every chart kind draws Chinese labels with no missing glyph (issue 25).

The suite runs with warnings as errors, so matplotlib's ``Glyph … missing from font`` (a
UserWarning) or servstd's own warning about characters no font has fails these tests.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import servstd._extras
from servstd import _chart_font
from servstd._chart_font import SHIPPED_FAMILY, ChartFont, chart_font, shipped_path
from servstd.catalog import catalog
from servstd.cli import main
from servstd.errors import MissingExtraError, ServstdWarning, UnknownNameError
from servstd.scoring import Finding, Inspection, ScoreReport, score
from servstd.scoring.aggregation import chart
from servstd.sla import SLAPolicy
from servstd.sla.batch import report
from servstd.sla.batch._chart import draw

matplotlib = pytest.importorskip("matplotlib")
from matplotlib import font_manager  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = ROOT / "examples" / "claims_2026_national_day.csv"
SH = ZoneInfo("Asia/Shanghai")
CS = catalog().standard("property-cs-quality-inspection")
SITES = ("阳光花园", "翠湖苑", "滨江一號", "東湖小區")  # simplified and traditional names


def _reports() -> list[ScoreReport]:
    out = []
    for i, site in enumerate(SITES):
        for month in (1, 2, 3):
            findings = [Finding("CS05", 1 + (i + month) % 3)]
            ins = Inspection(CS.id, CS.version, site, "李明", dt.date(2026, month, 9), findings=findings)
            out.append(score(CS, ins))
    return out


def _compliance(tmp_path: Path, suffix: str, font: str | Path | None = None) -> Path:
    policy = SLAPolicy.from_catalog("insurance-claims-sla")
    rep = report(policy, CLAIMS, now=dt.datetime(2026, 11, 10, tzinfo=SH), by=["tier", "zone", "month"])
    return rep.chart(tmp_path / f"sla{suffix}", font=font)


def _scores(tmp_path: Path, suffix: str, font: str | Path | None = None) -> Path:
    return chart(
        _reports(), tmp_path / f"scores{suffix}", title="客户服务部品质检查（各小区月均分）", font=font
    )


KINDS = {"scores": _scores, "compliance": _compliance}


def _decoded(codec: str, leads: range, trails: list[int]) -> set[str]:
    decoded = (bytes([hi, lo]).decode(codec, errors="replace") for hi in leads for lo in trails)
    return {ch for ch in decoded if len(ch) == 1 and ch != "\ufffd"}


def _gb2312_and_big5_level1() -> set[str]:
    """Every hanzi of GB 2312 (rows 16-87) and Big5 level 1 (A440-C67E), decoded by Python's codecs."""
    gb2312 = _decoded("gb2312", range(0xB0, 0xF8), list(range(0xA1, 0xFF)))
    big5 = _decoded("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)])
    return gb2312 | big5


class TestEveryChartKind:
    @pytest.mark.parametrize("kind", sorted(KINDS))
    @pytest.mark.parametrize("suffix", [".png", ".svg"])
    def test_chinese_labels_have_every_glyph(self, kind: str, suffix: str, tmp_path: Path) -> None:
        """Each chart kind, PNG and SVG, draws its Chinese labels with the font chosen by default
        and gives no warning at all (no missing glyph, no missing font)."""
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            path = KINDS[kind](tmp_path, suffix)
        data = path.read_bytes()
        assert data.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in data[:2000]

    @pytest.mark.parametrize("kind", sorted(KINDS))
    def test_the_shipped_font_alone_draws_them(self, kind: str, tmp_path: Path) -> None:
        """On a machine with no Chinese font, the subset shipped with servstd draws every label:
        chosen by name here, so the test holds wherever it runs."""
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            path = KINDS[kind](tmp_path, ".png", SHIPPED_FAMILY)
        assert path.stat().st_size > 10_000

    @pytest.mark.parametrize("kind", sorted(KINDS))
    def test_svg_keeps_text_as_text(self, kind: str, tmp_path: Path) -> None:
        """An SVG holds its labels as <text> naming the font, not as outlines."""
        svg = KINDS[kind](tmp_path, ".svg", SHIPPED_FAMILY).read_text(encoding="utf-8")
        texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
        assert any("标准" in t or "翠湖苑" in t for t in texts), texts[:10]
        assert f"'{SHIPPED_FAMILY}'" in svg
        assert 'id="glyph' not in svg  # no glyph outlines, as svg.fonttype "path" would write

    @pytest.mark.parametrize("kind", sorted(KINDS))
    def test_the_same_chart_has_the_same_bytes(self, kind: str, tmp_path: Path) -> None:
        """A chart drawn twice from the same data is the same file (no timestamps, stable ids)."""
        first = KINDS[kind](tmp_path, ".svg").read_bytes()
        (tmp_path / "again").mkdir()
        assert KINDS[kind](tmp_path / "again", ".svg").read_bytes() == first

    def test_labels_are_drawn_with_the_chosen_font(self, tmp_path: Path) -> None:
        """The text of the figure resolves to the chosen font's file, not to DejaVu Sans."""
        face = chart_font(SHIPPED_FAMILY)
        seen: list[str] = []
        real = _chart_font.uncovered

        def spy(texts: list[str], font: ChartFont) -> list[str]:
            seen.append(font.family)
            return real(texts, font)

        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(_chart_font, "uncovered", spy)
            with _chart_font.styled(face):
                found = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))
            _scores(tmp_path, ".png", SHIPPED_FAMILY)
        assert Path(found) == shipped_path()
        assert seen == [SHIPPED_FAMILY]


class TestShippedFont:
    def test_it_has_every_common_character(self) -> None:
        """The shipped subset draws every hanzi of GB 2312 (simplified) and Big5 level 1
        (traditional), plus ASCII and the full-width and CJK punctuation labels use."""
        cmap = set(font_manager.get_font(str(shipped_path())).get_charmap())
        wanted = _gb2312_and_big5_level1()
        assert len(wanted) > 8_500  # 6,763 + 5,401 less the shared characters
        wanted |= set("0123456789%（）：，。、·—…℃％＋－")
        assert sorted(ch for ch in wanted if ord(ch) not in cmap) == []

    def test_it_is_small_and_licensed(self) -> None:
        """The file stays small (a subset) and ships with its SIL Open Font License."""
        assert shipped_path().stat().st_size < 3_000_000
        licence = (shipped_path().parent / "OFL.txt").read_text(encoding="utf-8")
        assert "SIL OPEN FONT LICENSE Version 1.1" in licence
        assert "Reserved Font Name 'Source'" in licence
        assert font_manager.get_font(str(shipped_path())).family_name == SHIPPED_FAMILY

    def test_a_character_it_lacks_is_named_once(self, tmp_path: Path) -> None:
        """A label with a character no font has gives one ServstdWarning naming it, and matplotlib's
        warnings per glyph are not repeated."""
        rare = "𠀀"  # CJK Extension B: in neither GB 2312 nor Big5
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            draw(
                f"理赔{rare}",
                ["month"],
                [(("2026-09",), "answer", None)],
                [1.0],
                tmp_path / "x.png",
                font=SHIPPED_FAMILY,
            )
        assert [w.category for w in caught] == [ServstdWarning]
        assert rare in str(caught[0].message)
        assert "--font" in str(caught[0].message)


class TestChoosingTheFont:
    def test_a_font_file_is_used(self, tmp_path: Path) -> None:
        """font= a .otf/.ttf/.ttc file uses that file, whatever its family is called."""
        face = chart_font(shipped_path())
        assert face == ChartFont(SHIPPED_FAMILY, shipped_path().resolve(), "chosen")
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            _scores(tmp_path, ".png", str(shipped_path()))

    def test_an_installed_family_is_used(self) -> None:
        """font= the name of an installed family uses it (DejaVu Sans comes with matplotlib)."""
        face = chart_font("DejaVu Sans")
        assert (face.family, face.origin) == ("DejaVu Sans", "chosen")
        assert face.path.name.startswith("DejaVuSans")

    def test_an_unknown_font_lists_what_is_accepted(self) -> None:
        """An unknown family is an UnknownNameError naming the shipped font and font files."""
        with pytest.raises(UnknownNameError, match="unknown font 'Nope Sans'") as caught:
            chart_font("Nope Sans")
        assert SHIPPED_FAMILY in caught.value.accepted
        assert "a .ttf, .otf or .ttc file" in caught.value.accepted

    def test_an_installed_chinese_font_comes_before_the_shipped_one(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With an installed Chinese font, the default is that font; without one, the shipped one."""
        monkeypatch.setattr(_chart_font, "_installed_chinese", lambda: "DejaVu Sans")
        assert chart_font().origin == "installed"
        monkeypatch.setattr(_chart_font, "_installed_chinese", lambda: None)
        assert chart_font() == ChartFont(SHIPPED_FAMILY, shipped_path(), "shipped")

    @pytest.mark.parametrize(
        "argv",
        [
            [
                "sla",
                "report",
                str(CLAIMS),
                "--policy",
                "insurance-claims-sla",
                "--now",
                "2026-11-10T00:00+08:00",
            ],
            ["score", CS.id, "FOLDER", "--aggregate"],
        ],
    )
    def test_the_commands_take_font(self, argv: list[str], tmp_path: Path) -> None:
        """--font NAME|FILE chooses the chart's font; an unknown one is an error naming the option."""
        if "FOLDER" in argv:
            folder = tmp_path / "in"
            folder.mkdir()
            for i, site in enumerate(SITES):
                (folder / f"{i}.yaml").write_text(
                    f"standard: {CS.id}\nsite: {site}\ndate: '2026-0{1 + i % 3}-09'\n"
                    "findings:\n  - item: CS05\n    count: 1\n",
                    encoding="utf-8",
                )
            argv = [str(folder) if a == "FOLDER" else a for a in argv]
        out, err = io.StringIO(), io.StringIO()
        png = tmp_path / "c.png"
        code = main([*argv, "--chart", str(png), "--font", str(shipped_path())], stdout=out, stderr=err)
        assert code == 0, err.getvalue()
        assert png.read_bytes().startswith(b"\x89PNG")
        code = main([*argv, "--chart", str(png), "--font", "Nope Sans"], stdout=out, stderr=io.StringIO())
        assert code != 0


class TestOptional:
    def test_a_chart_without_matplotlib_names_the_extra(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """Without matplotlib a chart asks for servstd[charts]; nothing else needs it."""
        real = servstd._extras._installed
        monkeypatch.setattr(servstd._extras, "_installed", lambda m: m != "matplotlib" and real(m))
        with pytest.raises(MissingExtraError, match=r"pip install 'servstd\[charts\]'"):
            chart(_reports(), tmp_path / "c.png")
        with pytest.raises(MissingExtraError, match=r"pip install 'servstd\[charts\]'"):
            _compliance(tmp_path, ".png")
