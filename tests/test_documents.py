"""The document edge: formats, encodings, limits, exact numbers and one-pass problem reports."""

from __future__ import annotations

import codecs
from decimal import Decimal
from pathlib import Path

import pytest

from servstd._documents import MAX_DEPTH, parse_text
from servstd.errors import DocumentError, InputTypeError, InputValueError, ScoringError, ServstdError
from servstd.scoring import Inspection, parse_inspection, score
from servstd.sla import ComplaintPolicy
from servstd.standards import dump, parse_standard, read_standard

ALIAS_BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8)
)
DEMO = """\
id: demo
title: 前台服务检查
version: 1.10
scheme: deduction
max_points: 10
sections:
  - id: A
    title: 仪容仪表
    max_points: 10
    items:
      - {code: A1, text: 上班时间必须穿着工作服, deduct: 0.12345678901234567890}
"""
KPI = """\
id: k
title: t
scheme: kpi
criteria:
  - {code: K1, name: n, weight: 1, unit: rating, mapping: linear, worst: WORST, best: 5}
"""


def problems(exc: pytest.ExceptionInfo[DocumentError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


class TestLimits:
    def test_alias_bomb_is_refused(self) -> None:
        """A 400-byte alias bomb (9⁹ values once expanded) is a DocumentError about the size, short."""
        assert len(ALIAS_BOMB) < 400
        with pytest.raises(DocumentError, match="aliases are expanded") as exc:
            parse_text(ALIAS_BOMB, "bomb.yaml")
        assert len(str(exc.value)) < 300

    @pytest.mark.parametrize(
        ("text", "fmt"), [("[" * 492 + "]" * 492, "yaml"), ("[" * 991 + "]" * 991, "json")]
    )
    def test_deep_nesting_is_a_document_error(self, text: str, fmt: str) -> None:
        """492 YAML / 991 JSON levels: DocumentError naming the depth limit, not RecursionError."""
        with pytest.raises(DocumentError, match=f"nested more than {MAX_DEPTH} levels"):
            parse_text(text, "deep", fmt)

    def test_deep_block_yaml_names_the_line(self) -> None:
        """Block-style nesting past the limit names the line where it happens."""
        text = "".join(" " * i + "a:\n" for i in range(MAX_DEPTH + 5))
        with pytest.raises(DocumentError, match=f"line {MAX_DEPTH + 1}"):
            parse_text(text, "deep.yaml")

    def test_self_referencing_alias(self) -> None:
        """An alias inside the value it names is refused."""
        with pytest.raises(DocumentError, match="refers to a value that contains it"):
            parse_text("a: &a [*a]", "t.yaml")

    def test_quoted_values_are_short(self) -> None:
        """A megabyte value in a wrong place gives a message of a few hundred characters."""
        with pytest.raises(DocumentError) as exc:
            parse_standard(f"id: d\ntitle: t\nmax_points: '{'9' * 1_000_000}x'\n")
        assert len(str(exc.value)) < 1_000


class TestTagsAndKeys:
    @pytest.mark.parametrize("value", ["!!int abc", "!!float abc", "!!timestamp abc", "!!bool maybe"])
    def test_tag_that_does_not_fit(self, value: str) -> None:
        """A tag whose text does not fit it is a DocumentError naming the tag and the line."""
        with pytest.raises(DocumentError, match=r"(?s)cannot read .* as !!.*line 1"):
            parse_text(f"x: {value}", "t.yaml")

    @pytest.mark.parametrize(
        ("text", "fmt", "key"),
        [
            ("a: 1\nb: 2\na: 3\n", "yaml", "a"),
            ('{"a": 1, "a": 2}', "json", "a"),
            ("c: {x: 1, x: 2}", "yaml", "x"),
        ],
    )
    def test_duplicate_keys_are_an_error(self, text: str, fmt: str, key: str) -> None:
        """A key given twice is a problem (never "the last one wins")."""
        with pytest.raises(DocumentError, match=f"the key '{key}' is given twice"):
            parse_text(text, "t", fmt)

    def test_merge_keys_still_work(self) -> None:
        """YAML merge keys are not duplicates: the mapping's own key overrides the merged one."""
        data = parse_text("base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  x: 3\n", "t.yaml")
        assert data["d"] == {"x": 3, "y": 2}

    def test_dates_stay_text(self) -> None:
        """Dates are read as text for pydantic to check (2026-02-30 is a named problem, not a crash)."""
        assert parse_text("d: 2026-09-30", "t.yaml") == {"d": "2026-09-30"}


class TestInputs:
    @pytest.mark.parametrize("value", [42, None, b"id: x", 1.5, Path("s.yaml")])
    def test_non_text_input(self, value: object) -> None:
        """parse_standard(42/None/b'…'/a Path) raises InputTypeError naming what is accepted
        (a path is for read_standard)."""
        with pytest.raises(InputTypeError, match="document text") as caught:
            parse_standard(value)  # type: ignore[arg-type]
        assert caught.value.param == "text"

    @pytest.mark.parametrize("value", [42, None, b"s.yaml", 1.5])
    def test_non_path_input(self, value: object) -> None:
        """read_standard(42/None/b'…') raises InputTypeError naming what is accepted."""
        with pytest.raises(InputTypeError, match="a file path") as caught:
            read_standard(value)  # type: ignore[arg-type]
        assert caught.value.param == "path"

    def test_text_given_as_a_path(self) -> None:
        """Document text given to read_standard is refused, naming parse_standard (never a file
        search for a name that is a whole document)."""
        with pytest.raises(DocumentError, match=r"read text with parse_standard\(text\)") as caught:
            read_standard(DEMO)
        assert (caught.value.code, caught.value.param) == ("file.unreadable", "path")

    def test_a_missing_file(self, tmp_path: Path) -> None:
        """A file that is not there is file.unreadable, naming the path parameter."""
        with pytest.raises(DocumentError, match="cannot read the file") as caught:
            read_standard(tmp_path / "none.yaml")
        assert (caught.value.code, caught.value.param) == ("file.unreadable", "path")

    def test_unknown_format(self) -> None:
        """format='xml' is refused, listing the formats accepted."""
        with pytest.raises(
            InputValueError, match="format='xml' is not accepted; accepted: 'yaml', 'json', 'toml'"
        ):
            parse_standard("<a/>", format="xml")

    @pytest.mark.parametrize(
        ("name", "encoding", "bom"),
        [
            ("s.yaml", "utf-8", b""),
            ("s.yaml", "utf-8", codecs.BOM_UTF8),
            ("s.yaml", "utf-16-le", codecs.BOM_UTF16_LE),
            ("s.yaml", "gb18030", b""),
            ("s.json", "utf-8", codecs.BOM_UTF8),
            ("s.toml", "utf-8", codecs.BOM_UTF8),
        ],
    )
    def test_files_in_the_encodings_people_save(
        self, tmp_path: Path, name: str, encoding: str, bom: bytes
    ) -> None:
        """UTF-8 ± BOM, UTF-16 with BOM and GB18030 files load; a BOM is accepted in YAML, JSON and TOML."""
        std = parse_standard(DEMO)
        text = dump(std, name.rsplit(".", 1)[1])
        path = tmp_path / name
        path.write_bytes(bom + text.encode(encoding))
        assert read_standard(path) == std

    def test_encoding_is_named_in_errors(self, tmp_path: Path) -> None:
        """A GB18030 file with a problem names the encoding it was read with."""
        path = tmp_path / "bad.yaml"
        path.write_bytes("id: d\ntitle: 标题\nmax_points: x\n".encode("gb18030"))
        with pytest.raises(DocumentError, match="read as gb18030"):
            read_standard(path)


class TestExactNumbers:
    def test_decimals_round_trip(self) -> None:
        """0.12345678901234567890 survives dump → load in YAML and JSON (written as quoted text)."""
        std = parse_standard(DEMO)
        assert std.item("A1").deduct == Decimal("0.12345678901234567890")
        assert "'0.12345678901234567890'" in dump(std)
        assert parse_standard(dump(std)) == std
        assert parse_standard(dump(std, "json")) == std

    def test_version_is_text(self) -> None:
        """version: 1.10 stays "1.10"."""
        assert parse_standard(DEMO).version == "1.10"

    def test_empty_version_and_language_round_trip(self) -> None:
        """An empty version or language is written and read back as empty."""
        std = parse_standard("id: d\ntitle: t\nversion: ''\nlanguage: ''\n")
        assert (std.version, std.language) == ("", "")
        assert parse_standard(dump(std)) == std

    @pytest.mark.parametrize(
        "worst", ["'sNaN'", "'NaN'", ".nan", ".inf", "-.inf", "'1e999999999'", "1e999999", "'-Infinity'"]
    )
    def test_non_finite_numbers_name_the_field(self, worst: str) -> None:
        """NaN/±inf/sNaN/1e999999 in a criterion is a DocumentError at criteria[0].worst."""
        with pytest.raises(DocumentError) as exc:
            parse_standard(KPI.replace("WORST", worst))
        assert [p.path for p in exc.value.problems] == ["criteria[0].worst"]

    @pytest.mark.parametrize("field", ["max_points", "sections[0].max_points"])
    def test_huge_pool_is_refused(self, field: str) -> None:
        """max_points: 1e999999 is a DocumentError, never decimal.Overflow."""
        text = "id: d\ntitle: t\nmax_points: MP\nsections: [{id: A, title: a, max_points: SP}]\n"
        text = text.replace("MP", "1e999999" if field == "max_points" else "1").replace(
            "SP", "1e999999" if field != "max_points" else "1"
        )
        with pytest.raises(DocumentError) as exc:
            parse_standard(text)
        assert field in [p.path for p in exc.value.problems]

    @pytest.mark.parametrize("value", ["NaN", ".nan", ".inf", "'1e999999'", "'-inf'"])
    def test_non_finite_measurements_in_documents(self, value: str) -> None:
        """An inspection's NaN/inf measurement is a DocumentError at measurements.K1."""
        with pytest.raises(DocumentError) as exc:
            parse_inspection(f"standard: k\nmeasurements: {{K1: {value}}}")
        assert [p.path for p in exc.value.problems] == ["measurements.K1"]

    @pytest.mark.parametrize(
        "value", [Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"), "1e999999", float("inf")]
    )
    def test_non_finite_measurements_in_code(self, value: object) -> None:
        """A measurement given in code is checked when scored: ScoringError naming the criterion."""
        std = parse_standard(KPI.replace("WORST", "1"))
        with pytest.raises(ScoringError, match="'K1'"):
            score(std, Inspection("k", measurements={"K1": value}))


class TestKindAndOnePass:
    def test_exported_standard_has_kind_and_loads(self) -> None:
        """dump writes kind: standard first; a document with kind: standard loads."""
        std = parse_standard(DEMO)
        assert dump(std).startswith("kind: standard\n")
        assert parse_standard("kind: standard\n" + DEMO) == std

    def test_wrong_kind_is_refused(self) -> None:
        """kind: sla-policy in a standard is a problem at kind."""
        with pytest.raises(DocumentError) as exc:
            parse_standard("kind: sla-policy\n" + DEMO)
        assert [p.path for p in exc.value.problems] == ["kind"]

    def test_field_and_cross_field_problems_together(self) -> None:
        """A bad field, a duplicate item code and pools over their parent are reported in one run."""
        text = """\
id: d
title: t
scheme: deduction
max_points: 10
sections:
  - id: A
    title: a
    max_points: 4
    items:
      - {code: A1, text: x, deduct: -1, points: 1}
      - {code: A1, text: y, deduct: 1, points: 1}
"""
        with pytest.raises(DocumentError) as exc:
            parse_standard(text)
        assert problems(exc) == [
            "sections[0].items[0].deduct: Input should be greater than 0 (got -1)",
            "sections[0].items[1].code: duplicate item code 'A1' (also at sections[0].items[0])",
            "sections[0].max_points: items' points add up to 2, not the declared 4",
            "max_points: sections' max_points add up to 4, not the declared 10",
        ]

    def test_policy_unknown_tier_with_field_problem(self) -> None:
        """A complaint policy reports a bad field and an unknown tier reference together."""
        text = """\
kind: complaint-policy
id: p
title: t
tiers:
  - {code: A, name: 重大, rank: x, stages: [{code: s, name: n, within: 1天}]}
categories: {服务态度: 不存在}
"""
        with pytest.raises(DocumentError) as exc:
            ComplaintPolicy.parse(text)
        assert {p.path for p in exc.value.problems} == {"tiers[0].rank", "categories.服务态度"}

    def test_every_error_is_a_servstd_error(self) -> None:
        """DocumentError is in the ServstdError tree."""
        assert issubclass(DocumentError, ServstdError)
