"""Reading user files: UTF-8 (BOM or not), UTF-16 with BOM, else GB18030; errors name the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servstd._text import decode, read_text
from servstd.errors import DocumentError

TEXT = "国务院办公厅关于2027年部分节假日安排的通知：一、元旦：1月1日放假。"


class TestDecode:
    @pytest.mark.parametrize(
        ("encoded", "encoding"),
        [
            (TEXT.encode("utf-8"), "utf-8"),
            (TEXT.encode("utf-8-sig"), "utf-8-sig"),
            (TEXT.encode("utf-16"), "utf-16"),
            ("\ufeff".encode("utf-16-be") + TEXT.encode("utf-16-be"), "utf-16"),
            (TEXT.encode("gbk"), "gb18030"),
            (TEXT.encode("gb18030"), "gb18030"),
        ],
    )
    def test_each_encoding_reads_back(self, encoded: bytes, encoding: str) -> None:
        """The same text saved in each accepted encoding reads back as itself, naming the encoding."""
        assert decode(encoded, "f.txt") == (TEXT, encoding)

    def test_undecodable_bytes_name_the_file(self) -> None:
        """Bytes that are neither UTF-8 nor GB18030 are a DocumentError naming the file."""
        with pytest.raises(DocumentError, match=r"(?s)bad\.txt.*cannot decode the file as utf-8 or gb18030"):
            decode(b"\x80\x80\xff\xff", "bad.txt")

    @given(st.text(st.characters(exclude_categories=("Cs",))).filter(lambda t: not t.startswith("\ufeff")))
    def test_utf8_always_reads_as_utf8(self, text: str) -> None:
        """Any text saved as UTF-8 reads back unchanged (UTF-8 is tried before GB18030)."""
        assert decode(text.encode("utf-8"), "f") == (text, "utf-8")


class TestReadText:
    def test_reads_a_gbk_file(self, tmp_path: Path) -> None:
        """A GBK file from a Windows editor reads as text."""
        p = tmp_path / "n.txt"
        p.write_bytes(TEXT.encode("gbk"))
        assert read_text(p) == (TEXT, "gb18030")

    def test_missing_file_is_a_document_error(self, tmp_path: Path) -> None:
        """A missing file is a DocumentError naming it, not an OSError."""
        with pytest.raises(DocumentError, match="cannot read the file"):
            read_text(tmp_path / "nope.txt")

    def test_size_limit(self, tmp_path: Path) -> None:
        """A file over the limit is refused before it is decoded."""
        p = tmp_path / "big.txt"
        p.write_bytes(b"x" * 101)
        with pytest.raises(DocumentError, match="larger than 100 bytes"):
            read_text(p, limit=100)
