"""Catalog search and item lookups match words as people type them (issue 22): traditional or
simplified script, width and case; the documents' own texts are never rewritten."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servstd.catalog import catalog
from servstd.errors import InputTypeError, UnknownNameError
from tests.strategies import spellings


class TestSearch:
    def test_simplified_word_finds_a_traditional_text(self) -> None:
        """「培训」 finds service-culture-schedule, whose text (seed 003) writes 培訓."""
        assert "培訓" in str(catalog().data("service-culture-schedule"))
        assert "service-culture-schedule" in catalog().search("培训")

    def test_traditional_word_finds_a_simplified_text(self) -> None:
        """「服務態度」 finds complaint-types, which writes 服务态度."""
        assert "complaint-types" in catalog().search("服務態度")

    def test_texts_are_not_rewritten(self) -> None:
        """Searching leaves the documents' characters as the source wrote them (培訓 stays 培訓)."""
        catalog().search("培训")
        assert "培訓" in str(catalog().data("service-culture-schedule"))
        assert "培训" not in str(catalog().data("service-culture-schedule"))

    def test_a_word_in_no_document(self) -> None:
        """A word no document holds finds nothing (folding does not make near matches)."""
        assert catalog().search("量子纠缠") == []

    def test_search_takes_text(self) -> None:
        """search(42) is an InputTypeError, not a crash."""
        with pytest.raises(InputTypeError):
            catalog().search(42)  # type: ignore[arg-type]

    @given(data=st.data())
    def test_a_word_of_a_document_in_any_spelling_finds_it(self, data: st.DataObject) -> None:
        """Property: a piece of any item text, typed in traditional or simplified script (or mixed,
        full width, another case, with spaces around), finds the document that holds it."""
        c = catalog()
        doc = data.draw(st.sampled_from(c.ids()))
        texts = [
            str(it.get("text", "")) for sec in c.data(doc).get("sections", []) for it in sec.get("items", [])
        ]
        texts = [t for t in texts if t.strip()] or [str(c.data(doc)["title"])]
        text = data.draw(st.sampled_from(texts))
        start = data.draw(st.integers(0, max(len(text) - 1, 0)))
        word = text[start : start + data.draw(st.integers(1, 6))]
        if not word.strip():
            return
        assert doc in c.search(data.draw(spellings(word)))


class TestItemCodes:
    def test_item_code_in_full_width_or_lower_case(self) -> None:
        """Standard.item: ｃｓ２０ and cs20 are CS20 (a code typed in a spreadsheet or by hand)."""
        std = catalog().standard("property-cs-quality-inspection")
        assert std.item("ｃｓ２０") is std.item("CS20")
        assert std.item("cs20") is std.item("CS20")
        with pytest.raises(UnknownNameError, match="unknown item 'CS99'") as caught:
            std.item("CS99")
        assert "CS20" in (caught.value.accepted or ())
