"""Policy conditions are typed: amounts compare as numbers, names match across scripts (issue 22).

Civil Code Art. 1259: 以上, 以下 and 以内 include the number; 超过, 不满 and 不足 do not. A case value
may be a number or text with units (500万元, 1.2亿元, 3,000,000元), read exactly; a value that
cannot be read as an amount is an error naming the field, never "no match".
"""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servstd.errors import DocumentError, InputParseError
from servstd.sla import AmountBound, Comparison, Condition, SLAPolicy, read_amount

INSURANCE = SLAPolicy.from_catalog("insurance-claims-sla")


class TestReadingAmounts:
    @pytest.mark.parametrize(
        ("value", "amount"),
        [
            (5_000_000, Decimal(5_000_000)),
            ("5000000", Decimal(5_000_000)),
            ("500万元", Decimal(5_000_000)),
            ("500万", Decimal(5_000_000)),
            ("1.2亿元", Decimal(120_000_000)),
            ("3,000,000元", Decimal(3_000_000)),
            ("３，０００，０００元", Decimal(3_000_000)),  # full-width, as pasted from a document
            ("五百万元", Decimal(5_000_000)),
            ("一万五千元", Decimal(15_000)),
            ("亿元", Decimal(100_000_000)),
            ("￥2,999,999", Decimal(2_999_999)),
            ("99.99万元", Decimal(999_900)),
            (Decimal("3000000.50"), Decimal("3000000.50")),
            (2999999.5, Decimal("2999999.5")),
            (Fraction(7, 2), Decimal("3.5")),
        ],
    )
    def test_accepted_forms(self, value: object, amount: Decimal) -> None:
        """Numbers and text with 元/万元/亿元 (and 万/亿) are read exactly."""
        assert read_amount(value) == amount

    @pytest.mark.parametrize(
        "value",
        ["很多", "", "元", "3,00,000元", "300万美元", "-5万元", -1, True, float("inf"), Fraction(1, 3), [1]],
    )
    def test_unreadable_values_are_errors(self, value: object) -> None:
        """Anything that is not an amount is an InputParseError naming the field and the forms."""
        with pytest.raises(InputParseError) as info:
            read_amount(value, "sum_insured")
        assert "sum_insured" in str(info.value)
        assert "万元" in str(info.value)

    @given(st.integers(0, 10**15))
    def test_units_agree(self, n: int) -> None:
        """n元 == n/10⁴ 万元 == n/10⁸ 亿元, exactly, with or without thousands separators."""
        assert read_amount(f"{n}元") == read_amount(f"{Decimal(n) / 10**4:f}万元") == Decimal(n)
        assert read_amount(f"{Decimal(n) / 10**8:f}亿元") == Decimal(n)
        assert read_amount(f"{n:,}元") == Decimal(n)


class TestComparisons:
    @pytest.mark.parametrize(
        ("text", "comparison", "amount"),
        [
            ("300万元以上", Comparison.AT_LEAST, 3_000_000),
            ("300万元及以上", Comparison.AT_LEAST, 3_000_000),
            ("亿元以上", Comparison.AT_LEAST, 100_000_000),
            ("50万元以下", Comparison.AT_MOST, 500_000),
            ("50万元以内", Comparison.AT_MOST, 500_000),
            ("超过300万元", Comparison.MORE_THAN, 3_000_000),
            ("不满50万元", Comparison.LESS_THAN, 500_000),
            ("不足50万元", Comparison.LESS_THAN, 500_000),
            (">= 3000000", Comparison.AT_LEAST, 3_000_000),
            ("≤ 500000", Comparison.AT_MOST, 500_000),
            ("> 3000000", Comparison.MORE_THAN, 3_000_000),
            ("< 500000", Comparison.LESS_THAN, 500_000),
        ],
    )
    def test_words(self, text: str, comparison: Comparison, amount: int) -> None:
        """Each comparison word reads as its statutory meaning."""
        assert AmountBound.parse(text) == AmountBound(comparison, Decimal(amount), text)

    def test_boundary_of_300_wan_yi_shang(self) -> None:
        """「300万元以上」: 3,000,000 and more match, 2,999,999 does not (以上 includes the number)."""
        c = Condition.parse("sum_insured", "300万元以上")
        assert [c.holds(v) for v in (2_999_999, 3_000_000, 3_000_001)] == [False, True, True]
        assert [c.holds(v) for v in ("2,999,999元", "300万元", "1.2亿元")] == [False, True, True]

    def test_chao_guo_excludes_the_number(self) -> None:
        """「超过300万元」: 3,000,000 does not match, 3,000,001 does (超过 excludes the number)."""
        c = Condition.parse("sum_insured", "超过300万元")
        assert [c.holds(v) for v in (3_000_000, 3_000_001)] == [False, True]

    def test_yi_xia_and_bu_man(self) -> None:
        """「50万元以下」 includes 500,000; 「不满50万元」 and 「不足50万元」 do not."""
        assert Condition.parse("x", "50万元以下").holds(500_000)
        assert not Condition.parse("x", "不满50万元").holds(500_000)
        assert not Condition.parse("x", "不足50万元").holds(500_000)
        assert Condition.parse("x", "不足50万元").holds(499_999)

    def test_a_list_is_any_of_its_comparisons(self) -> None:
        """A list of comparisons holds when one of them holds."""
        c = Condition.parse("sum_insured", ["不满100万元", "1亿元以上"])
        assert [c.holds(v) for v in (500_000, 5_000_000, 200_000_000)] == [True, False, True]

    def test_missing_values_match_nothing(self) -> None:
        """A missing amount (None, NaN) matches no comparison and is no error."""
        c = Condition.parse("sum_insured", "300万元以上")
        assert not c.holds(None)
        assert not c.holds(float("nan"))

    def test_an_unreadable_case_value_is_an_error(self) -> None:
        """A case value that is not an amount raises, naming the field — never "no match"."""
        with pytest.raises(InputParseError, match="sum_insured"):
            Condition.parse("sum_insured", "300万元以上").holds("很多")

    @pytest.mark.parametrize("text", ["3人以上", "超过很多", "三星级以上"])
    def test_a_comparison_of_something_else_is_refused(self, text: str) -> None:
        """A comparison word around something that is not an amount is refused, not matched as a name."""
        with pytest.raises(InputParseError, match="amount comparison"):
            Condition.parse("x", text)

    def test_names_and_comparisons_do_not_mix(self) -> None:
        """One field's list is all names or all comparisons."""
        with pytest.raises(InputParseError, match="mixes names"):
            Condition.parse("sum_insured", ["300万元以上", "未知"])

    @given(
        st.integers(0, 10**12),
        st.integers(0, 10**12),
        st.sampled_from(["以上", "以下", "超过", "不满", "不足", "以内"]),
    )
    def test_statutory_meaning_oracle(self, bound: int, amount: int, word: str) -> None:
        """Art. 1259 as an oracle: 以上 ≥, 以下/以内 ≤, 超过 >, 不满/不足 <, for any bound and amount."""
        text = f"{bound}元{word}" if word in ("以上", "以下", "以内") else f"{word}{bound}元"
        expected = {
            "以上": amount >= bound, "以下": amount <= bound, "以内": amount <= bound,
            "超过": amount > bound, "不满": amount < bound, "不足": amount < bound,
        }[word]  # fmt: skip
        assert Condition.parse("x", text).holds(amount) is expected
        assert Condition.parse("x", text).holds(f"{amount:,}元") is expected


class TestNames:
    def test_names_fold_across_scripts_width_and_case(self) -> None:
        """A condition's names match the case value by its folded form (服務態度 = 服务态度, ＶＩＰ = vip)."""
        c = Condition.parse("category", ["服务态度", "vip"])
        assert [c.holds(v) for v in ("服務態度", "ＶＩＰ", " VIP ", "产品质量")] == [True, True, True, False]

    def test_condition_value_in_traditional_script_matches_simplified_case_values(self) -> None:
        """The fold works both ways: a document in traditional script matches simplified case values."""
        assert Condition.parse("category", "電話預約").holds("电话预约")


class TestInsurancePolicy:
    """保险公司服务标准 第三十七条(三) 「保险金额300万元以上」 and 第四十条 「保险金额亿元以上」."""

    @pytest.mark.parametrize("amount", [5_000_000, "500万元", "1.2亿元", "3,000,000元", 3_000_000])
    def test_follow_up_call_from_three_million(self, amount: Any) -> None:
        """Issue 22: 回访 + 财险 + sum_insured 5,000,000 (or 500万元…) gets the follow_up_call target."""
        case = {"category": "回访", "line": "财险", "sum_insured": amount}
        assert str(INSURANCE.targets(case)["follow_up_call"].rule.duration) == "10个工作日"

    @pytest.mark.parametrize("amount", [2_999_999, "2,999,999元", None])
    def test_no_follow_up_call_below(self, amount: Any) -> None:
        """2,999,999 (or no amount given) is not 300万元以上: no follow_up_call target."""
        assert "follow_up_call" not in INSURANCE.targets(
            {"category": "回访", "line": "财险", "sum_insured": amount}
        )

    def test_disaster_plan_from_one_yi(self) -> None:
        """第四十条: 保险金额亿元以上 — 100,000,000 and more get the disaster_plan target, 99,999,999 not."""
        assert "disaster_plan" in INSURANCE.targets({"category": "防灾防损", "sum_insured": "1亿元"})
        assert "disaster_plan" not in INSURANCE.targets({"category": "防灾防损", "sum_insured": 99_999_999})

    def test_unreadable_amount_is_an_error_whatever_the_rules(self) -> None:
        """An unreadable sum_insured is an error even for a case no amount rule would match."""
        with pytest.raises(InputParseError, match="sum_insured"):
            INSURANCE.targets({"category": "咨询", "sum_insured": "很多"})

    def test_fields(self) -> None:
        """The policy says which fields its conditions read and which of them are amounts."""
        assert INSURANCE.amount_fields == ["sum_insured"]
        assert {"category", "line", "sum_insured", "zone"} <= set(INSURANCE.fields)

    def test_folded_category(self) -> None:
        """A category in traditional script gets the same targets (諮詢 = 咨询)."""
        assert (
            INSURANCE.targets({"category": "諮詢"}).keys() == INSURANCE.targets({"category": "咨询"}).keys()
        )


def _policy(when: dict[str, Any]) -> str:
    return json.dumps(
        {"id": "p", "title": "t", "rules": [{"when": when, "targets": {"m": {"within": "3日"}}}]},
        ensure_ascii=False,
    )


class TestDocuments:
    def test_a_bad_comparison_is_a_named_problem(self) -> None:
        """A comparison whose amount cannot be read is a document problem at rules[0].when.<field>."""
        with pytest.raises(DocumentError) as info:
            SLAPolicy.parse(_policy({"sum_insured": "3人以上"}))
        assert info.value.problems[0].path == "rules[0].when.sum_insured"

    def test_a_field_compared_two_ways_is_refused(self) -> None:
        """One field compared as an amount in one rule and as a name in another is refused."""
        doc = {
            "id": "p", "title": "t",
            "rules": [
                {"when": {"sum_insured": "300万元以上"}, "targets": {"m": {"within": "3日"}}},
                {"when": {"sum_insured": "未知"}, "targets": {"m": {"within": "5日"}}},
            ],
        }  # fmt: skip
        with pytest.raises(DocumentError, match="compared as an amount in rules"):
            SLAPolicy.parse(json.dumps(doc, ensure_ascii=False))

    def test_rule_conditions_are_typed(self) -> None:
        """A loaded rule holds one Condition per field, sorted by field."""
        p = SLAPolicy.parse(_policy({"zone": "城区", "sum_insured": ["不满100万元", "1亿元以上"]}))
        when = p.rules[0].when
        assert [c.field for c in when] == ["sum_insured", "zone"]
        assert when[0].is_amount
        assert not when[1].is_amount
        assert when[0].values == ("不满100万元", "1亿元以上")
        assert str(when[1]) == "zone: 城区"
