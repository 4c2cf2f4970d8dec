"""The servstd command, through its runner (issue: the servstd command)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from servstd.catalog import catalog
from servstd.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


class TestDeadline:
    def test_issue_example(self) -> None:
        """servstd deadline "2026-09-30 16:00" 3个工作日 prints 2026-10-10 18:00 (+08:00) and why."""
        code, out, _ = run("deadline", "2026-09-30 16:00", "3个工作日", "--lang", "zh")
        assert code == 0
        assert out.startswith("2026-10-10 18:00 (+08:00)")
        assert "国庆节" in out
        assert "调休上班日" in out

    def test_json_and_english(self) -> None:
        """--json gives machine-readable output; --lang en explains in English."""
        code, out, _ = run("deadline", "2026-09-30T16:00+08:00", "3 working days", "--json")
        data = json.loads(out)
        assert (code, data["due"]) == (0, "2026-10-10T18:00:00+08:00")
        assert data["skipped"][0] == {"date": "2026-10-01", "kind": "holiday", "name": "国庆节"}
        code, out, _ = run("deadline", "2026-09-30 16:00", "3个工作日", "--lang", "en")
        assert "make-up working day" in out

    def test_knobs_and_zones(self) -> None:
        """Offsets in the input are honoured; knobs reach the rule."""
        code, out, _ = run("deadline", "2026-09-30T08:00Z", "当天", "--end-of-day", "midnight", "--json")
        assert code == 0
        assert json.loads(out)["due"] == "2026-10-01T00:00:00+08:00"
        code, out, _ = run("deadline", "2026-03-09 17:30", "4工作小时", "--cutoff", "17:00", "--json")
        assert code == 0
        assert json.loads(out)["due"] == "2026-03-10T14:00:00+08:00"  # 09:00 + 4 h over the 12–13 lunch break

    @pytest.mark.parametrize(
        ("argv", "code", "message"),
        [
            (("deadline", "yesterday", "3个工作日"), 1, "cannot read the instant"),
            (("deadline", "2026-09-30 16:00", "3天天"), 1, "Accepted forms"),
            (("deadline", "2026-09-30 16:00", "1日", "--hours", "9-5"), 1, "bad time"),
            (("deadline", "2026-09-30 16:00", "1日", "--tz", "Mars/Base"), 1, "unknown time zone"),
            (("deadline", "2030-09-30 16:00", "1日"), 1, "does not know the official"),
            (("deadline", "2026-09-30 16:00", "1日", "--cutoff", "5pm"), 1, "--cutoff"),
            (("workday", "2026-02-30"), 1, "ISO date"),
            (("workday", "2026-02-14", "--region", "XX"), 1, "unknown region"),
        ],
    )
    def test_bad_input_is_one_line_and_non_zero(self, argv: tuple[str, ...], code: int, message: str) -> None:
        """Errors print one clear line (no traceback) and exit non-zero."""
        got, out, err = run(*argv)
        assert got == code
        assert message in err
        assert "Traceback" not in err
        assert out == ""


class TestHoursAndDays:
    """Issue 22: ``--hours 24h`` is 00:00–24:00 on the calendar's working days; round the clock
    every day is ``--region always``."""

    def test_elapsed_with_24h_hours_skips_the_holiday(self) -> None:
        """09-30 17:00 → 10-08 10:00 with --hours 24h is 17 h (the National Day holiday is closed)."""
        code, out, _ = run("elapsed", "2026-09-30 17:00", "2026-10-08 10:00", "--hours", "24h", "--json")
        assert (code, json.loads(out)["seconds"]) == (0, 17 * 3600)

    def test_deadline_with_24h_hours_and_its_explanation_agree(self) -> None:
        """4工作小时 from 09-30 22:00 is 10-08 02:00, and the explanation skips 10-01–10-07."""
        code, out, _ = run("deadline", "2026-09-30 22:00", "4工作小时", "--hours", "24h", "--lang", "zh")
        assert code == 0
        assert out.startswith("2026-10-08 02:00 (+08:00)")
        assert "跳过休息日：2026-10-01–2026-10-07 国庆节。" in out

    def test_region_always_is_round_the_clock(self) -> None:
        """--region always (without --hours) counts every hour of every day: 185 h."""
        code, out, _ = run("elapsed", "2026-09-30 17:00", "2026-10-08 10:00", "--region", "always", "--json")
        assert (code, json.loads(out)["seconds"]) == (0, 185 * 3600)

    @pytest.mark.parametrize("old", ["7x24", "7×24", "every-day", "all"])
    def test_the_old_names_of_always_still_work_and_warn(self, old: str) -> None:
        """Deprecated: --region 7x24 (and every-day, all) is --region always for one release, with a
        warning line naming the new spelling."""
        code, out, err = run("elapsed", "2026-09-30 17:00", "2026-10-08 10:00", "--region", old, "--json")
        assert (code, json.loads(out)["seconds"]) == (0, 185 * 3600)
        assert f"warning: the calendar name {old!r} is deprecated; use 'always'" in err

    def test_days_in_hours_are_refused(self) -> None:
        """--hours 7x24 mixes days into hours: refused (exit 1) saying where days are set."""
        code, _, err = run("elapsed", "2026-09-30 17:00", "2026-10-08 10:00", "--hours", "7x24")
        assert code == 1
        assert "--region always" in err

    def test_natural_days_and_the_art_203_knob(self) -> None:
        """3个自然日 from 09-30 16:00 is 10-03 24:00; --move-off-rest-day applies Art. 203 (10-08 24:00)."""
        code, out, _ = run("deadline", "2026-09-30 16:00", "3个自然日", "--json")
        data = json.loads(out)
        assert (code, data["due"], data["end_of_day"], data["move_off_rest_day"]) == (
            0, "2026-10-04T00:00:00+08:00", "midnight", False,
        )  # fmt: skip
        code, out, _ = run("deadline", "2026-09-30 16:00", "3个自然日", "--move-off-rest-day", "--json")
        assert (code, json.loads(out)["due"]) == (0, "2026-10-09T00:00:00+08:00")
        code, out, _ = run("deadline", "2026-09-30 16:00", "3个自然日", "--end-of-day", "close", "--json")
        assert (code, json.loads(out)["end_of_day"]) == (0, "close")

    def test_window_before_a_date(self) -> None:
        """A window before the anniversary: --json gives when it opens and when it is due."""
        code, out, _ = run("deadline", "2026-10-12 00:00", "在生效对应日前5个工作日内", "--json")
        data = json.loads(out)
        assert (code, data["window_opens"], data["due"]) == (
            0, "2026-09-29T00:00:00+08:00", "2026-10-10T18:00:00+08:00",
        )  # fmt: skip


def test_elapsed() -> None:
    """elapsed A B: business time between two instants."""
    code, out, _ = run("elapsed", "2026-09-30 17:00", "2026-10-08 10:00", "--json")
    assert (code, json.loads(out)["seconds"]) == (0, 7200)


def test_workday() -> None:
    """workday: kind and holiday name."""
    code, out, _ = run("workday", "2026-02-14", "--lang", "zh")
    assert code == 0
    assert "调休上班日" in out
    code, out, _ = run("workday", "2026-10-01", "--json")
    assert json.loads(out) == {
        "date": "2026-10-01",
        "working": False,
        "kind": "holiday",
        "name_zh": "国庆节",
        "name_en": "National Day",
    }


def test_calendar_grid_plain_and_coloured() -> None:
    """calendar: a month grid marking holidays and make-up days; colour only when asked or a terminal."""
    code, out, _ = run("calendar", "2026", "--month", "10")
    assert code == 0
    assert " 1休" in out
    assert "10班" in out
    assert "\033[" not in out
    _, coloured, _ = run("calendar", "2026", "--month", "10", "--color", "always")
    assert "\033[1;31m" in coloured
    _, data, _ = run("calendar", "2026", "--json")
    days = {d["date"]: d for d in json.loads(data)["days"]}
    assert days["2026-10-10"]["kind"] == "makeup_workday"
    assert days["2026-10-10"]["name"] == "国庆节调休上班"


def test_catalog_list_show_export() -> None:
    """catalog list | show ID | export ID --format yaml."""
    code, out, _ = run("catalog", "list")
    assert code == 0
    assert "property-cs-quality-inspection" in out
    assert "complaint-policy" in out
    code, out, _ = run("catalog", "show", "hotel-four-standards-twelve-requirements")
    assert "不要对着食品说话" in out
    code, out, _ = run("catalog", "export", "cs-kpi-assessment", "--format", "yaml")
    assert out.startswith("kind: standard\nid: cs-kpi-assessment")
    code, _, err = run("catalog", "show", "nope")
    assert code == 1
    assert "unknown catalog document 'nope' (id)" in err


@pytest.mark.parametrize("doc", catalog().ids())
def test_catalog_show_lists_every_default_and_rebuilt_text(doc: str) -> None:
    """`catalog show ID` prints each library default (where and why) and each rebuilt text, for every kind."""
    code, out, _ = run("catalog", "show", doc)
    assert code == 0
    for d in catalog().defaults(doc):
        assert f"  {d.where}: {d.reason}" in out
    for r in catalog().reconstructions(doc):
        assert f"  {r.code}: 「{r.fragments[0]}」" in out
    assert catalog().source_title(doc) in out


def test_score(tmp_path: Path) -> None:
    """score STANDARD INSPECTION in text, markdown and JSON."""
    ins = tmp_path / "ins.yaml"
    ins.write_text(
        "standard: property-cs-quality-inspection\nsite: 阳光花园\nfindings:\n  - {item: CS20, count: 30}\n",
        encoding="utf-8",
    )
    code, out, _ = run("score", "property-cs-quality-inspection", str(ins))
    assert code == 0
    assert "Total: 75.00 / 100" in out
    assert "cut by 基础管理" in out
    _, md, _ = run("score", "property-cs-quality-inspection", str(ins), "--format", "markdown")
    assert "| 30 | 1.00 | 30.00 | −25.00 | 5.00 | 基础管理 |" in md
    _, js, _ = run("score", "property-cs-quality-inspection", str(ins), "--json")
    assert json.loads(js)["total"] == "75.00"
    bad = tmp_path / "bad.yaml"
    bad.write_text("standard: property-cs-quality-inspection\nfindings:\n  - {item: ZZ}\n", encoding="utf-8")
    code, _, err = run("score", "property-cs-quality-inspection", str(bad))
    assert code == 1
    assert "unknown item 'ZZ'" in err


def test_validate_and_schema(tmp_path: Path) -> None:
    """validate exits 1 listing every problem; schema prints JSON Schema."""
    bad = tmp_path / "s.yaml"
    bad.write_text(
        "id: x\ntitle: t\nscheme: deduction\ncolour: red\nsections: [{id: a, title: A, items: [{code: A1, text: x, deduct: -1}]}]\n",
        encoding="utf-8",
    )
    code, out, _ = run("validate", str(bad))
    assert code == 1
    assert "colour: unknown field" in out
    assert "sections[0].items[0].deduct" in out
    good = tmp_path / "g.yaml"
    good.write_text("id: x\ntitle: t\n", encoding="utf-8")
    assert run("validate", str(good))[0] == 0
    for kind in ("standard", "inspection", "policy", "complaint-policy"):
        code, out, _ = run("schema", kind)
        assert code == 0
        assert "properties" in json.loads(out)


def test_complaint_timeline() -> None:
    """complaint timeline --policy ID --tier 重大 --received …"""
    code, out, _ = run(
        "complaint",
        "timeline",
        "--policy",
        "property-complaints",
        "--tier",
        "重大",
        "--received",
        "2026-09-30 16:00",
        "--json",
    )
    stages = {s["stage"]: s["due"] for s in json.loads(out)["stages"]}
    assert code == 0
    assert stages["resolve"] == "2026-10-10T18:00:00+08:00"
    code, out, _ = run(
        "complaint",
        "timeline",
        "--policy",
        "complaint-types",
        "--category",
        "产品质量",
        "--received",
        "2026-09-30 16:00",
    )
    assert "2026-10-02 16:00" in out
    code, _, _err = run("complaint", "timeline", "--received", "2026-09-30 16:00")
    assert code == 2


def test_help_everywhere() -> None:
    """--help works on the command and every subcommand, with examples."""
    code, _out, _ = run("--help")
    assert code == 0
    for sub in (
        "deadline",
        "elapsed",
        "workday",
        "calendar",
        "score",
        "catalog",
        "validate",
        "schema",
        "complaint",
    ):
        assert run(sub, "--help")[0] == 0


def test_python_dash_m() -> None:
    """python -m servstd runs the command."""
    done = subprocess.run(
        [sys.executable, "-m", "servstd", "workday", "2026-10-10", "--lang", "zh"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "调休上班日" in done.stdout


def test_notices_and_overlays_on_the_command_line(tmp_path: Path) -> None:
    """--notice and --overlay extend the calendar without code changes."""
    notice = tmp_path / "2026.txt"
    notice.write_bytes((Path(__file__).parent / "sla/calendar/notices/2026.txt").read_bytes())
    overlay = tmp_path / "site.yaml"
    overlay.write_text("rest_days:\n  - {date: 2026-10-09, name: 园区停电}\n", encoding="utf-8")
    code, out, _ = run("workday", "2026-10-09", "--overlay", str(overlay), "--json")
    assert (code, json.loads(out)["name_zh"]) == (0, "园区停电")
    code, out, _ = run(
        "deadline",
        "2026-09-30 16:00",
        "3个工作日",
        "--notice",
        str(notice),
        "--overlay",
        str(overlay),
        "--json",
    )
    assert json.loads(out)["due"] == "2026-10-12T18:00:00+08:00"  # Oct 8, Oct 10 (make-up), Oct 12
    code, _, err = run("workday", "2026-10-09", "--overlay", str(tmp_path / "missing.yaml"))
    assert code == 1
    assert "no overlay file" in err
