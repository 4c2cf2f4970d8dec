"""Old spellings keep working for one release and warn, naming the new spelling."""

from __future__ import annotations

import datetime as dt
import importlib
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import servstd.scoring as sc
import servstd.sla
import servstd.standards as st
from servstd import sla
from servstd._deprecation import renamed
from servstd._lang import Lang
from servstd.catalog import catalog
from servstd.errors import DurationParseError, NaiveDatetimeError, ScheduleError
from servstd.scoring import Inspection, parse_inspection
from servstd.sla import (
    ComplaintPolicy,
    DayKind,
    ServiceClock,
    SLAPolicy,
    WorkCalendar,
    batch,
    parse_duration,
)
from servstd.standards import CountUnit


def _new(a: int, *, b: int = 0) -> int:
    return a + b


class TestRenamed:
    def test_the_alias_does_what_the_new_name_does_and_warns(self) -> None:
        """A deprecated alias returns the new function's answer and names the new spelling."""
        old = renamed(_new, "old_name", "new_name")
        with pytest.warns(DeprecationWarning, match="old_name is deprecated; use new_name"):
            assert old(1, b=2) == 3

    def test_the_warning_blames_the_caller(self) -> None:
        """The warning points at the line that used the old name, not inside servstd."""
        old = renamed(_new, "old_name", "new_name")
        with pytest.warns(DeprecationWarning, match="use new_name") as caught:
            old(1)
        assert caught[0].filename == __file__


ROOT = Path(__file__).resolve().parent.parent
STANDARD_YAML = """\
id: demo
title: 前台服务检查
scheme: deduction
max_points: 10
defaults: {deduct: 0.5, per: 处}
sections:
  - id: A
    title: 仪容仪表
    max_points: 10
    items:
      - {code: A1, text: 上班时间必须穿着工作服}
"""
POLICY_YAML = "kind: sla-policy\nid: p\ntitle: t\nrules:\n  - targets: {m: {within: 3日}}\n"
COMPLAINT_YAML = (
    "kind: complaint-policy\nid: c\ntitle: t\ntiers:\n"
    "  - {code: A, name: 重大, rank: 1, stages: [{code: s, name: 处理, within: 1天}]}\n"
)
OVERLAY_YAML = "name: 公司年会\nrest_days:\n  - {date: 2026-12-31, name: 公司年会}\n"
INSPECTION_YAML = "standard: demo\nfindings:\n  - {item: A1, count: 2}\n"


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


class TestRenamedNames:
    """Each old spelling works for one release, does what the new one does, and warns naming it."""

    def test_sla_report(self) -> None:
        """servstd.sla.report is servstd.sla.batch.report."""

        with pytest.warns(
            DeprecationWarning, match=r"servstd\.sla\.report is deprecated; use servstd\.sla\.batch\.report"
        ):
            old = servstd.sla.report
        assert old is batch.report

    @pytest.mark.parametrize(
        ("old", "new", "name"),
        [
            ("servstd.scoring.score", "servstd.scoring.scorer", "score_many"),
            ("servstd.scoring.form", "servstd.scoring.inspection_form", "save_form"),
            ("servstd.scoring.aggregate", "servstd.scoring.aggregation", "aggregate_table"),
            ("servstd.sla.batch.report", "servstd.sla.batch.compliance", "ComplianceReport"),
        ],
    )
    def test_old_module_paths(self, old: str, new: str, name: str) -> None:
        """A module renamed so it no longer hides its package's function of the same name keeps its
        old path: a name imported from there is the new module's, with a warning."""
        module = importlib.import_module(old)
        with pytest.warns(
            DeprecationWarning, match=f"{re.escape(old)}.{name} is deprecated; use {re.escape(new)}.{name}"
        ):
            value = getattr(module, name)
        assert value is getattr(importlib.import_module(new), name)

    def test_standards_load(self, tmp_path: Path) -> None:
        """servstd.standards.load guesses file or text; read_standard and parse_standard say which."""

        path = _file(tmp_path, "s.yaml", STANDARD_YAML)
        with pytest.warns(
            DeprecationWarning,
            match=r"use servstd\.standards\.read_standard\(path\) or parse_standard\(text\)",
        ):
            from_file, from_text = st.load(str(path)), st.load(STANDARD_YAML)
        assert from_file == st.read_standard(path) == from_text == st.parse_standard(STANDARD_YAML)

    def test_load_inspection(self, tmp_path: Path) -> None:
        """servstd.scoring.load_inspection guesses; read_inspection and parse_inspection say which."""

        path = _file(tmp_path, "i.yaml", INSPECTION_YAML)
        with pytest.warns(
            DeprecationWarning,
            match=r"use servstd\.scoring\.read_inspection\(path\) or parse_inspection\(text\)",
        ):
            got = sc.load_inspection(path)
        assert got == sc.read_inspection(path) == sc.parse_inspection(INSPECTION_YAML)

    def test_load_inspections(self, tmp_path: Path) -> None:
        """servstd.scoring.load_inspections is read_inspections."""

        _file(tmp_path, "i.yaml", INSPECTION_YAML)
        with pytest.warns(DeprecationWarning, match=r"use servstd\.scoring\.read_inspections"):
            got = sc.load_inspections(tmp_path)
        assert got == sc.read_inspections(tmp_path)

    def test_inspection_from_text(self) -> None:
        """Inspection.from_text is parse_inspection."""

        with pytest.warns(
            DeprecationWarning,
            match=r"Inspection\.from_text is deprecated; use servstd\.scoring\.parse_inspection",
        ):
            got = Inspection.from_text(INSPECTION_YAML)
        assert got == parse_inspection(INSPECTION_YAML)

    def test_sla_policy_load(self, tmp_path: Path) -> None:
        """SLAPolicy.load guesses; SLAPolicy.read and SLAPolicy.parse say which."""

        path = _file(tmp_path, "p.yaml", POLICY_YAML)
        with pytest.warns(
            DeprecationWarning, match=r"use SLAPolicy\.read\(path\) or SLAPolicy\.parse\(text\)"
        ):
            got = SLAPolicy.load(path)
        assert got == SLAPolicy.read(path) == SLAPolicy.parse(POLICY_YAML)

    def test_complaint_policy_load(self, tmp_path: Path) -> None:
        """ComplaintPolicy.load guesses; ComplaintPolicy.read and ComplaintPolicy.parse say which."""

        path = _file(tmp_path, "c.yaml", COMPLAINT_YAML)
        with pytest.warns(
            DeprecationWarning, match=r"use ComplaintPolicy\.read\(path\) or ComplaintPolicy\.parse\(text\)"
        ):
            got = ComplaintPolicy.load(COMPLAINT_YAML)
        assert got.tiers == ComplaintPolicy.read(path).tiers == ComplaintPolicy.parse(COMPLAINT_YAML).tiers

    def test_load_overlay(self, tmp_path: Path) -> None:
        """servstd.sla.load_overlay guesses; read_overlay and parse_overlay say which."""

        path = _file(tmp_path, "o.yaml", OVERLAY_YAML)
        with pytest.warns(
            DeprecationWarning, match=r"use servstd\.sla\.read_overlay\(path\) or parse_overlay\(text\)"
        ):
            got = sla.load_overlay(str(path))
        assert got.rest_days == sla.read_overlay(path).rest_days == sla.parse_overlay(OVERLAY_YAML).rest_days

    def test_with_overlay_of_a_file_name_as_text(self, tmp_path: Path) -> None:
        """with_overlay("x.yaml") (a file name as str) reads the file and warns: a str is text, a
        Path a file, as for with_notice."""

        path = _file(tmp_path, "o.yaml", OVERLAY_YAML)
        cal = WorkCalendar.china()
        with pytest.warns(DeprecationWarning, match=r"use with_overlay\(Path\(file\)\)"):
            old = cal.with_overlay(str(path))
        assert old.is_working_day(dt.date(2026, 12, 31)) is False
        assert old.overlays[-1].rest_days == cal.with_overlay(path).overlays[-1].rest_days
        assert cal.with_overlay(OVERLAY_YAML).is_working_day(dt.date(2026, 12, 31)) is False

    def test_catalog_get(self) -> None:
        """Catalog.get is Catalog.standard."""

        with pytest.warns(DeprecationWarning, match=r"Catalog\.get is deprecated; use Catalog\.standard"):
            got = catalog().get("property-cs-quality-inspection")
        assert got is catalog().standard("property-cs-quality-inspection")

    def test_error_parameter(self) -> None:
        """ServstdError.parameter is .param."""

        err = NaiveDatetimeError("x", "received_at")
        with pytest.warns(
            DeprecationWarning, match=r"ServstdError\.parameter is deprecated; use ServstdError\.param"
        ):
            assert err.parameter == err.param == "received_at"

    def test_error_for_command_line(self) -> None:
        """ServstdError.for_command_line() is str(error); the command adds its own hints."""

        err = ScheduleError("bad hours", "25:00")
        with pytest.warns(DeprecationWarning, match=r"for_command_line\(\) is deprecated; use str\(error\)"):
            assert err.for_command_line() == str(err)

    def test_duration_error_text(self) -> None:
        """DurationParseError.text is .value, as on every error."""

        with pytest.raises(DurationParseError) as caught:
            parse_duration("3天天")
        with pytest.warns(
            DeprecationWarning, match=r"DurationParseError\.text is deprecated; use DurationParseError\.value"
        ):
            assert caught.value.text == caught.value.value == "3天天"


SH = ZoneInfo("Asia/Shanghai")


class TestOneLanguageKeyword:
    """Text in either language comes from one ``lang`` keyword; the older spellings warn."""

    def test_duration_en(self) -> None:
        """Duration.en is Duration.describe("en")."""
        d = parse_duration("3个工作日")
        with pytest.warns(
            DeprecationWarning, match=r'Duration\.en is deprecated; use Duration\.describe\("en"\)'
        ):
            assert d.en == d.describe("en") == "3 working days"

    @pytest.mark.parametrize(("old", "lang"), [("zh", "zh"), ("en", "en")])
    def test_day_kind_names(self, old: str, lang: Lang) -> None:
        """DayKind.zh and DayKind.en are DayKind.label(lang)."""
        with pytest.warns(DeprecationWarning, match=f"DayKind.{old} is deprecated; use DayKind.label"):
            assert getattr(DayKind.HOLIDAY, old) == DayKind.HOLIDAY.label(lang)

    def test_count_unit_zh(self) -> None:
        """CountUnit.zh is CountUnit.label("zh")."""
        with pytest.warns(DeprecationWarning, match=r"CountUnit\.zh is deprecated; use CountUnit\.label"):
            assert CountUnit.PLACE.zh == CountUnit.PLACE.label() == "处"

    @pytest.mark.parametrize(("old", "lang"), [("lines_zh", "zh"), ("lines_en", "en")])
    def test_deadline_lines(self, old: str, lang: Lang) -> None:
        """Deadline.lines_zh and Deadline.lines_en are Deadline.lines(lang)."""
        dl = ServiceClock.default().deadline(dt.datetime(2026, 9, 30, 16, tzinfo=SH), "3个工作日")
        with pytest.warns(DeprecationWarning, match=f"Deadline.{old} is deprecated; use Deadline.lines"):
            assert getattr(dl, old) == dl.lines(lang)

    def test_deadline_explanation(self) -> None:
        """Deadline.explanation (both languages joined) is explain("zh") and explain("en")."""
        dl = ServiceClock.default().deadline(dt.datetime(2026, 9, 30, 16, tzinfo=SH), "3个工作日")
        with pytest.warns(
            DeprecationWarning, match=r"Deadline\.explanation is deprecated; use Deadline\.explain\(lang\)"
        ):
            assert dl.explanation == dl.explain("zh") + "\n" + dl.explain("en")

    @pytest.mark.parametrize(
        ("old", "new"), [("label", "name_in"), ("actor_label", "actor_in"), ("to_label", "to_in")]
    )
    def test_stage_labels(self, old: str, new: str) -> None:
        """Stage.label, actor_label and to_label are name_in, actor_in and to_in."""
        stage = ComplaintPolicy.from_catalog("property-complaints").tier("重大").stages[1]
        with pytest.warns(DeprecationWarning, match=f"Stage.{old} is deprecated; use Stage.{new}"):
            assert getattr(stage, old)("en") == getattr(stage, new)("en")

    def test_tier_label(self) -> None:
        """SeverityTier.label is SeverityTier.name_in."""
        tier = ComplaintPolicy.from_catalog("property-complaints").tier("重大")
        with pytest.warns(
            DeprecationWarning, match=r"SeverityTier\.label is deprecated; use SeverityTier\.name_in"
        ):
            assert tier.label("en") == tier.name_in("en") == "major"

    def test_stage_deadline_note(self) -> None:
        """StageDeadline.note (both languages joined by " / ") is note_in(lang)."""
        tl = ComplaintPolicy.from_catalog("property-complaints").timeline(
            dt.datetime(2026, 4, 3, 17, 30, tzinfo=SH), "important"
        )
        stage = tl.stages[-1]
        with pytest.warns(
            DeprecationWarning, match=r"StageDeadline\.note is deprecated; use StageDeadline\.note_in"
        ):
            assert stage.note == f"{stage.note_in('zh')} / {stage.note_in('en')}"

    def test_timeline_warnings(self) -> None:
        """ComplaintTimeline.warnings (both languages joined by " / ") is warnings_in(lang)."""
        tl = ComplaintPolicy.from_catalog("property-complaints").timeline(
            dt.datetime(2026, 9, 30, 17, 30, tzinfo=SH), "重要"
        )
        with pytest.warns(
            DeprecationWarning,
            match=r"ComplaintTimeline\.warnings is deprecated; use ComplaintTimeline\.warnings_in",
        ):
            old = tl.warnings
        assert old == tuple(
            f"{zh} / {en}" for zh, en in zip(tl.warnings_in("zh"), tl.warnings_in("en"), strict=True)
        )
