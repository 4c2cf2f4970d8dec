"""What the command says about the files a user gives it is in the user's language too.

Each scenario — a damaged or ignored notice file, two notices that disagree, a notice the reader
refuses, a ticket table or an inspection form it cannot use — runs under ``LANG=zh_CN.UTF-8`` and
``LANG=en_US.UTF-8``: the Chinese output is mostly Chinese (measured as in
``tests/test_cli_language.py``) and says the scenario's key phrase; the English output stays
English and says the English phrase the library wrote.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from servstd.errors import CalendarCoverageError
from tests.test_cli_language import EXAMPLES, _run, cjk_ratio

SAMPLE = EXAMPLES / "notices" / "2027-sample.txt"
EXTENSION = Path(__file__).parent / "sla" / "calendar" / "notices" / "2020-supplement-spring-extension.txt"
CLAIMS = EXAMPLES / "claims_2026_national_day.csv"
INSPECTION = EXAMPLES / "inspections" / "deduction.yaml"
REPORT = ["--policy", "insurance-claims-sla", "--now", "2026-10-10 00:00"]


def _notices(tmp: Path) -> Path:
    """The user's notice folder under ``tmp`` (made)."""
    folder = tmp / "data" / "notices"
    folder.mkdir(parents=True)
    return folder


def _garbage_notice(tmp: Path) -> list[str]:
    (_notices(tmp) / "2027.txt").write_text("garbage text\n", encoding="utf-8")
    return ["workday", "2027-02-14"]


def _symlinked_notice(tmp: Path) -> list[str]:
    target = tmp / "elsewhere.txt"
    target.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    os.symlink(target, _notices(tmp) / "2027.txt")
    return ["workday", "2027-02-14"]


def _ignored_notice(tmp: Path) -> list[str]:
    (_notices(tmp) / "other.txt").write_text("hello\n", encoding="utf-8")
    return ["workday", "2026-10-01"]


def _disagreeing_notices(tmp: Path) -> list[str]:
    text = SAMPLE.read_text(encoding="utf-8")
    (_notices(tmp) / "2027.txt").write_text(text, encoding="utf-8")
    (tmp / "more").mkdir()
    other = text.replace("2月20日（周六）上班", "2月21日（周日）上班")
    assert other != text
    (tmp / "more" / "2027-copy.txt").write_text(other, encoding="utf-8")
    return ["workday", "2027-02-20"]


def _orphan_amendment(tmp: Path) -> list[str]:
    """The 2020 extension moved to 2027, a year no notice read defines."""
    text = (
        EXTENSION.read_text(encoding="utf-8")
        .replace("2020", "2027")
        .replace("至2月2日(农历正月初九,星期日),2月3日(星期一)", "至2月16日(星期二),2月17日(星期三)")
        .replace("1月26日", "2月10日")
    )
    (_notices(tmp) / "extension.txt").write_text(text, encoding="utf-8")
    return ["workday", "2026-10-01"]


def _partial_notice(tmp: Path) -> list[str]:
    """A yearly notice missing two items: the law's problems, several in one reason."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    kept = [ln for ln in lines if not ln.startswith(("二、春节", "七、国庆节"))]
    text = "\n".join(kept)
    for old, new in (("三、", "二、"), ("四、", "三、"), ("五、", "四、"), ("六、", "五、")):
        text = text.replace(old, new)
    (_notices(tmp) / "2027.txt").write_text(text, encoding="utf-8")
    return ["workday", "2027-03-01"]


def _damaged_in_list(tmp: Path) -> list[str]:
    _symlinked_notice(tmp)
    return ["notice", "list"]


def _unreadable_notice(tmp: Path) -> list[str]:
    path = tmp / "notice.txt"
    path.write_text("国务院办公厅关于2027年部分节假日安排的通知\n经国务院批准,元旦放假。\n", encoding="utf-8")
    return ["notice", "add", str(path)]


def _table(tmp: Path, name: str, text: str) -> list[str]:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return ["sla", "report", str(path), *REPORT]


def _missing_columns(tmp: Path) -> list[str]:
    return _table(tmp, "cases.csv", "工单号,受理时间\nGD-1,2026-09-30T10:00+08:00\n")


def _naive_times(tmp: Path) -> list[str]:
    lines = CLAIMS.read_text(encoding="utf-8-sig").splitlines()[:4]
    lines[2] = lines[2].replace("+08:00", "")
    return _table(tmp, "cases.csv", "\n".join(lines) + "\n")


def _unreadable_times(tmp: Path) -> list[str]:
    lines = CLAIMS.read_text(encoding="utf-8-sig").splitlines()[:4]
    first_time = lines[1].split(",")[1]
    lines[1] = lines[1].replace(first_time, "2026-13-40T09:00+08:00")
    return _table(tmp, "cases.csv", "\n".join(lines) + "\n")


def _empty_table(tmp: Path) -> list[str]:
    return _table(tmp, "cases.csv", "")


def _unknown_table_type(tmp: Path) -> list[str]:
    return _table(tmp, "cases.ods", "x")


def _not_a_workbook(tmp: Path) -> list[str]:
    path = tmp / "cases.xlsx"
    path.write_bytes(b"PK\x03\x04garbage")
    return ["sla", "report", str(path), *REPORT]


def _undecodable_table(tmp: Path) -> list[str]:
    path = tmp / "cases.csv"
    path.write_bytes(b"case,received_at\n\xe0\x03r\x1c\xff\n")
    return ["sla", "report", str(path), *REPORT]


def _form(tmp: Path, text: str) -> list[str]:
    path = tmp / "form.yaml"
    path.write_text(text, encoding="utf-8")
    return ["score", "property-cs-quality-inspection", str(path)]


def _bad_yaml(tmp: Path) -> list[str]:
    return _form(tmp, "standard: [unclosed\n")


def _bad_fields(tmp: Path) -> list[str]:
    text = INSPECTION.read_text(encoding="utf-8").replace("count: 2", "count: -2", 1)
    return _form(tmp, text + "extra: 1\n")


def _bad_date(tmp: Path) -> list[str]:
    text = INSPECTION.read_text(encoding="utf-8").replace("date: '2026-03-09'", "date: '2026-13-40'")
    return _form(tmp, text)


def _duplicate_key(tmp: Path) -> list[str]:
    return _form(tmp, INSPECTION.read_text(encoding="utf-8") + "site: 别处\n")


def _form_not_a_workbook(tmp: Path) -> list[str]:
    path = tmp / "form.xlsx"
    path.write_bytes(b"PK\x03\x04garbage")
    return ["score", "property-cs-quality-inspection", str(path)]


def _form_cells(tmp: Path) -> list[str]:
    """The example xlsx form with a count that is not a number and a code the standard lacks."""
    book = openpyxl.load_workbook(EXAMPLES / "inspections" / "deduction.xlsx")
    sheet = book.active
    head = next(c for row in sheet.iter_rows() for c in row if c.value == "编号 code")
    count = next(c.column for c in sheet[head.row] if c.value == "扣分次数 count")
    sheet.cell(head.row + 1, count).value = "abc"
    sheet.cell(head.row + 2, head.column).value = "CS99"
    book.save(tmp / "form.xlsx")
    return ["score", "property-cs-quality-inspection", str(tmp / "form.xlsx")]


def _unknown_item(tmp: Path) -> list[str]:
    return _form(tmp, INSPECTION.read_text(encoding="utf-8").replace("item: CS05", "item: CS99"))


# name: (set-up giving the arguments, the Chinese key phrase, the English phrase)
SCENARIOS: dict[str, tuple[Callable[[Path], list[str]], str, str]] = {
    "damaged notice file": (_garbage_notice, "已损坏（没有标题", "is damaged (no title"),
    "symbolic link": (_symlinked_notice, "是符号链接", "is a symbolic link"),
    "ignored notice file": (_ignored_notice, "已忽略（通知文件须按", "; ignored (a notice file"),
    "disagreeing notices": (_disagreeing_notices, "年的另一份通知", "(another notice for 2027)"),
    "amendment of an unknown year": (_orphan_amendment, "没有一份规定该年", "which no notice read defines"),
    "notice missing items": (
        _partial_notice,
        "通知缺了一部分；没有国庆节这一项",
        "a part of the notice is missing",
    ),
    "notice list": (_damaged_in_list, "是符号链接", "is a symbolic link"),
    "notice add of a bad notice": (_unreadable_notice, "没有找到安排", "no arrangement found"),
    "missing columns": (_missing_columns, "没有列 'case'", "no column 'case'"),
    "times without an offset": (_naive_times, "第 3 行：时间没有时差", "row 3: times without an offset"),
    "unreadable times": (_unreadable_times, "第 2 行：不是时刻", "row 2: not an instant"),
    "empty table": (_empty_table, "无法读取表格：文件中没有可读取的列", "cannot read the table"),
    "unknown table type": (_unknown_table_type, "未知的文件类型", "unknown file type"),
    "table not a workbook": (_not_a_workbook, "不是 xlsx 工作簿", "not an xlsx workbook"),
    "undecodable table": (_undecodable_table, "无法按 utf-8 或 gb18030 解码", "cannot decode the file"),
    "inspection not YAML": (_bad_yaml, "不是有效的 YAML", "not valid YAML"),
    "inspection fields": (_bad_fields, "未知的字段", "unknown field"),
    "inspection date": (_bad_date, "（月份不在 1–12 之内）", "month value is outside expected range"),
    "inspection key twice": (_duplicate_key, "出现了两次", "is given twice"),
    "inspection not a workbook": (_form_not_a_workbook, "不是 xlsx 工作簿", "not an xlsx workbook"),
    "inspection form cells": (_form_cells, "不是次数（应为 ≥ 0 的整数）", "is not a count"),
    "inspection unknown item": (_unknown_item, "中没有检查项 'CS99'", "unknown item 'CS99'"),
}


def _said(argv: list[str], locale: str, tmp: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.setenv("SERVSTD_DATA_DIR", str(tmp / "data"))
    if (tmp / "more").is_dir():
        monkeypatch.setenv("SERVSTD_NOTICES", str(tmp / "more"))
    code, out, err = _run(argv, locale, monkeypatch)
    return code, (out + err).replace(f"{tmp}{os.sep}", "")  # the folder is data


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_file_messages_follow_the_locale(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file's problems are said in Chinese under LANG=zh_CN.UTF-8 (its key phrase translated,
    mostly Chinese) and in English under LANG=en_US.UTF-8, with the same exit status."""
    setup, zh_phrase, en_phrase = SCENARIOS[name]
    said = {}
    for locale in ("zh_CN.UTF-8", "en_US.UTF-8"):
        tmp = tmp_path / locale
        tmp.mkdir()
        said[locale] = _said(setup(tmp), locale, tmp, monkeypatch)
    (zh_code, zh), (en_code, en) = said["zh_CN.UTF-8"], said["en_US.UTF-8"]
    assert zh_code == en_code
    assert zh_phrase in zh, zh
    assert en_phrase in en, en
    assert en_phrase not in zh, zh
    cut = _BEFORE_DETAIL.get(name, str)

    def measured(text: str) -> str:
        return _NAMES.sub(" ", cut(text))

    assert cjk_ratio(measured(zh)) >= 0.5, (cjk_ratio(measured(zh)), zh)
    assert cjk_ratio(measured(en)) <= 0.25, (cjk_ratio(measured(en)), en)


_NAMES = re.compile(
    r"[\w.-]+\.(?:yaml|csv|ods|xlsx|txt)\b"  # file names
    r"|^\s+- [^：:\n]+[：:]"  # where a problem is in its file: a field, a column
    r"|\b(?:utf|UTF)-8\b|\bgb18030\b|b'[^']*'",  # encodings, bytes
    re.M,
)
"""The data the command quotes from a file (its name, its fields, its bytes), not measured."""

_BEFORE_DETAIL: dict[str, Callable[[str], str]] = {
    # what the YAML parser says of the text is its own English; servstd's words come before it
    "inspection not YAML": lambda t: t.split("YAML")[0],
    # the accepted suffixes are spellings, not words
    "unknown table type": lambda t: t.split("accepted")[0].split("可接受")[0],
}


class TestCoverageErrorReason:
    REASON = (
        "the notice file /data/notices/2027.txt is damaged (is a symbolic link; notices in a folder "
        "must be regular files); remove it (servstd notice remove 2027) or add the year's notice again"
    )

    def test_render_zh_carries_the_reason(self) -> None:
        """CalendarCoverageError.render("zh") says why the year is unknown, in Chinese, as str()
        does in English (not the generic remedy)."""
        e = CalendarCoverageError("中国大陆 (CN)", 2027, "2001–2026", region="CN", reason=self.REASON)
        assert "The notice file /data/notices/2027.txt is damaged" in str(e)
        zh = e.render("zh")
        assert "通知文件 /data/notices/2027.txt 已损坏（是符号链接；文件夹中的通知必须是普通文件）" in zh
        assert "servstd notice remove 2027" in zh
        assert "with_notice" not in zh
        assert cjk_ratio(zh) >= 0.5

    def test_render_zh_without_a_reason_names_the_remedy(self) -> None:
        """Without a reason the Chinese names the ways forward, as the English does."""
        e = CalendarCoverageError("中国大陆 (CN)", 2027, "2001–2026", region="CN")
        assert "with_notice" in str(e)
        assert "with_notice" in e.render("zh")
