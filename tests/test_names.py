"""Names users type match across traditional and simplified script, width, case and spacing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servstd._names import FoldedNames, fold


class TestFold:
    @pytest.mark.parametrize(
        ("traditional", "simplified"),
        [
            ("服務態度", "服务态度"),
            ("培訓", "培训"),
            ("產品質量", "产品质量"),
            ("經營部經理", "经营部经理"),
            ("重大投訴", "重大投诉"),
        ],
    )
    def test_traditional_and_simplified_fold_alike(self, traditional: str, simplified: str) -> None:
        """A name in traditional script folds to the same form as its simplified spelling."""
        assert fold(traditional) == fold(simplified)

    def test_width_case_and_spaces_fold_away(self) -> None:
        """Full-width letters, case and runs of white space do not tell names apart."""
        assert fold("  ＶＩＰ\u3000 客戶 ") == fold("vip 客户") == "vip 客户"

    def test_control_characters_fold_away(self) -> None:
        """Control and format characters (a NUL, a zero-width space) are not part of a name."""
        assert fold("服务\x00态度\u200b") == fold("服务态度")

    def test_different_names_stay_different(self) -> None:
        """Folding never merges two different names (服务态度 is not 产品质量)."""
        assert fold("服务态度") != fold("产品质量")

    @given(st.text(max_size=30))
    def test_fold_is_idempotent(self, text: str) -> None:
        """Folding a folded name changes nothing."""
        assert fold(fold(text)) == fold(text)


class TestFoldedNames:
    def test_finds_the_known_spelling(self) -> None:
        """A lookup answers with the document's own spelling, whatever script the user typed."""
        names = FoldedNames(["服务态度", "产品质量", "其他问题"])
        assert names.find("服務態度") == "服务态度"
        assert "產品質量" in names

    def test_unknown_name_is_none(self) -> None:
        """A name no known name folds to is not found (never a nearest guess)."""
        assert FoldedNames(["服务态度"]).find("服务") is None
