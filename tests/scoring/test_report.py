"""Report text: no negative zero, caps said with amounts and titles, columns aligned (CJK width-aware) (issue 15)."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from servstd.catalog import catalog
from servstd.errors import InputValueError
from servstd.scoring import Finding, Inspection, score
from servstd.scoring._columns import fit, width
from tests.strategies import filled_inspections

D = Decimal
CS = catalog().standard("property-cs-quality-inspection")
CAPPED = score(
    CS, Inspection(CS.id, findings=[Finding("CS20", 30, note="档案柜标识缺失"), Finding("CS13", 2)])
)


class TestNumbers:
    @settings(max_examples=max(10, settings().max_examples // 10))
    @given(filled_inspections(CS))
    def test_no_negative_zero(self, ins: Inspection) -> None:
        """No rendering ever shows −0 or -0 (a part that lost nothing shows 0.00)."""
        r = score(CS, ins)
        for text in (r.to_text(lang="en"), r.to_markdown(lang="en")):
            assert not re.search(r"[−-]0(\.0+)?(?![.\d])", text)

    def test_a_capped_part_says_applied_and_cut(self) -> None:
        """基础管理 found 30, deducted 25, cut 5 — said in the section table and on the line, by title."""
        text = CAPPED.to_text(lang="en")
        assert "基础管理" in text
        assert "found 30.00, cut 5.00 by its 25.00-point cap" in text
        (line,) = [ln for ln in text.splitlines() if ln.lstrip().startswith("CS20")]
        assert re.search(r"30\s+1\.00\s+30\.00\s+−25\.00\s+5\.00\s+cut by 基础管理$", line)
        assert "basic" not in text

    def test_lines_add_up_to_the_deduction(self) -> None:
        """The applied points of the lines sum to max − total (bonus aside)."""
        assert sum(ln.applied for ln in CAPPED.lines) == CAPPED.max_points - CAPPED.total_exact


class TestColumns:
    def test_width_counts_cjk_as_two(self) -> None:
        """CJK characters take two cells, ASCII one, combining marks none."""
        assert (width("档案A"), width("e\u0301"), width("《》")) == (5, 1, 4)

    @given(st.text(min_size=0, max_size=40), st.integers(min_value=2, max_value=40))
    def test_fit_is_exactly_the_width(self, text: str, cells: int) -> None:
        """fit() returns text of exactly the requested width, cut with … only when needed."""
        out = fit(text, cells)
        assert width(out) == cells
        one_line = " ".join(text.split())
        assert out.rstrip().endswith("…") == (width(one_line) > cells) or one_line.endswith("…")

    def test_numbers_are_aligned_in_their_columns(self) -> None:
        """Every deduction line ends its Count column at the same display cell, whatever the text's script."""
        ins = Inspection(
            CS.id, findings=[Finding(it.code, 3 + i) for i, it in enumerate(list(CS.items())[:12])]
        )
        lines = [ln for ln in score(CS, ins).to_text(lang="en").splitlines() if re.match(r"  CS\d\d ", ln)]
        ends = {width(m.group(0)) for ln in lines if (m := re.match(r"  \S+\s+.*?…?\s+\d+(?= )", ln))}
        assert len(lines) == 12
        assert len(ends) == 1

    def test_long_text_is_cut_cleanly(self) -> None:
        """A long requirement is cut with … before the numbers, never running into them."""
        (line,) = [ln for ln in CAPPED.to_text(lang="en").splitlines() if ln.lstrip().startswith("CS20")]
        assert "档案室、档案柜、档案立卷标示符合创…" in line
        assert re.search(r"…\s{2,}30\s", line)


class TestSameFacts:
    def test_markdown_and_json_carry_the_same_facts(self) -> None:
        """Site, date, totals, each line's applied and cut and the caps' titles are in both."""
        r = score(
            CS,
            Inspection(
                CS.id, site="阳光花园", inspector="李明", findings=[Finding("CS20", 30, ("A", "B"), "缺失")]
            ),
        )
        md = r.to_markdown(lang="en")
        data = json.loads(r.to_json())
        line = data["lines"][0]
        assert (line["applied"], line["cut"], line["capped_by_titles"], line["places"]) == (
            "25",
            "5",
            ["基础管理"],
            ["A", "B"],
        )
        assert "| −25.00 | 5.00 | 基础管理 | A、B | 缺失 |" in md
        basic = next(s for s in data["sections"] if s["id"] == "basic")
        assert (basic["raw_deduction"], basic["deduction"], basic["cut"]) == ("30", "25", "5")
        assert "| 基础管理 | 25.00 | 30.00 | 25.00 | 5.00 | 0.00 |" in md
        assert data["site"] == "阳光花园"
        assert "Site: 阳光花园 · Inspector: 李明" in md


class TestLanguage:
    def test_chinese_headings_by_default(self) -> None:
        """The text and Markdown reports of a Chinese standard have Chinese headings by default
        (the project's lang default), English ones with lang="en"; the standard's texts stay as written."""
        text, md = CAPPED.to_text(), CAPPED.to_markdown()
        assert "总分：73.00 / 100.00" in text
        assert "被基础管理截去" in text
        assert "| 章节 | 满分 | 发现 | 扣分 | 截去 | 得分 |" in md
        for english in ("Total", "Section", "Max", "Found", "cut by", "Site", "deduction"):
            assert english not in text + md
        assert "| Section | Max | Found | Deducted | Cut | Score |" in CAPPED.to_markdown(lang="en")

    def test_the_same_numbers_in_both_languages(self) -> None:
        """Only words change with the language: the numbers of every line are the same."""

        def numbers(text: str) -> list[str]:
            return re.findall(r"[−-]?\d+(?:\.\d+)?", text)

        assert numbers(CAPPED.to_text("zh")) == numbers(CAPPED.to_text("en"))

    def test_one_scheme_name(self) -> None:
        """The scheme is named once, in the report's language (not "major (major)"-style doubles)."""
        first = CAPPED.to_text("zh").splitlines()[0]
        assert first.endswith("— 倒扣分制")

    def test_unknown_language_is_refused(self) -> None:
        """lang="fr" is an InputValueError naming what is accepted."""
        with pytest.raises(InputValueError) as caught:
            CAPPED.to_text("fr")
        assert caught.value.accepted == ("zh", "en")
