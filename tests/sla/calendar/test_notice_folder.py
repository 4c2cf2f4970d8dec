"""Notice folders (SERVSTD_NOTICES, the user data folder) and ``servstd notice`` (issue: notices)."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path

import platformdirs
import pytest

from servstd.cli import main
from servstd.cli._hints import command_line_message
from servstd.errors import CalendarCoverageError, ServstdWarning
from servstd.sla import DayKind, WorkCalendar
from servstd.sla.calendar import reload_notices
from servstd.sla.calendar.notice_folder import user_notice_folder

NOTICES = Path(__file__).parent / "notices"
SAMPLE_2027 = Path(__file__).parents[3] / "examples" / "notices" / "2027-sample.txt"
D = dt.date


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """An empty SERVSTD_NOTICES folder and an empty user data folder, for this test only."""
    shared, data = tmp_path / "shared", tmp_path / "data"
    shared.mkdir()
    monkeypatch.setenv("SERVSTD_NOTICES", str(shared))
    monkeypatch.setenv("SERVSTD_DATA_DIR", str(data))
    return shared, data / "notices"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_folder_notice_extends_china(folders: tuple[Path, Path]) -> None:
    """A yearly notice in SERVSTD_NOTICES extends WorkCalendar.china(), and days name their file."""
    shared, _ = folders
    shutil.copy(SAMPLE_2027, shared / "2027.txt")
    cal = WorkCalendar.china()
    assert 2027 in cal.coverage
    assert cal.day_kind(D(2027, 10, 9)) is DayKind.MAKEUP_WORKDAY
    assert "2027.txt" in (cal.source_of(D(2027, 10, 1)) or "")
    assert WorkCalendar.china(notices=False).coverage.last == 2026


def test_disagreeing_yearly_notices_name_both_files(folders: tuple[Path, Path]) -> None:
    """Two yearly notices for one year that disagree make that year unknown, naming both files;
    the other years answer."""
    shared, user = folders
    shutil.copy(SAMPLE_2027, shared / "a.txt")
    user.mkdir(parents=True)
    other = SAMPLE_2027.read_text(encoding="utf-8").replace(
        "9月26日（周日）、10月9日（周六）上班", "9月26日（周日）、10月9日（周六）上班"
    )
    other = other.replace("1月31日（周日）、2月20日（周六）上班", "1月31日（周日）、2月21日（周日）上班")
    (user / "b.txt").write_text(other, encoding="gb18030")
    cal = WorkCalendar.china()
    assert cal.is_working_day(D(2026, 10, 9))
    with pytest.raises(CalendarCoverageError) as info:
        cal.is_working_day(D(2027, 10, 9))
    assert "a.txt" in str(info.value)
    assert "b.txt" in str(info.value)


def test_amendments_apply_after_the_years_they_amend(folders: tuple[Path, Path]) -> None:
    """An amendment in a folder applies after the yearly notices; one of an uncovered year is
    ignored with a warning (the year stays uncovered), and read once its year's notice is."""
    shared, _ = folders
    text = (NOTICES / "2020-supplement-spring-extension.txt").read_text(encoding="utf-8")
    (shared / "0-ext.txt").write_text(
        text.replace("2020", "2027").replace(
            "2月2日(农历正月初九,星期日),2月3日(星期一)", "2月16日(星期二),2月17日(星期三)"
        ),
        encoding="utf-8",
    )
    with pytest.warns(ServstdWarning, match=r"0-ext\.txt: it amends 2027"):
        cal = WorkCalendar.china()
    with pytest.raises(CalendarCoverageError):
        cal.is_working_day(D(2027, 2, 16))
    shutil.copy(SAMPLE_2027, shared / "2027.txt")
    reload_notices()
    cal = WorkCalendar.china()
    assert cal.day_kind(D(2027, 2, 16)) is DayKind.HOLIDAY
    assert cal.day_kind(D(2027, 2, 20)) is DayKind.MAKEUP_WORKDAY  # untouched by the amendment


def test_done_when_deadline_answers_from_the_folder(folders: tuple[Path, Path]) -> None:
    """`SERVSTD_NOTICES=<folder> servstd deadline "2026-12-30 16:00" 5个工作日` answers from the 2027
    notice and names its file; without it the error tells about `servstd notice add`."""
    shared, _ = folders
    code, _, err = run("deadline", "2026-12-30 16:00", "5个工作日")
    assert code == 1
    assert "servstd notice add FILE" in err
    assert "--notice FILE" in err
    assert "--lenient" in err
    assert "strict=False" not in err
    shutil.copy(SAMPLE_2027, shared / "2027.txt")
    reload_notices()  # a command started now reads the folder anew
    code, out, _ = run("deadline", "2026-12-30 16:00", "5个工作日", "--json")
    data = json.loads(out)
    assert data["due"] == "2027-01-07T18:00:00+08:00"
    assert any("2027.txt" in line for line in data["explanation_en"])


def test_python_error_names_with_notice_and_other_regions_their_source() -> None:
    """From Python the coverage error names with_notice and strict=False; Taiwan's names its own source."""
    with pytest.raises(CalendarCoverageError) as info:
        WorkCalendar.china(notices=False).is_working_day(D(2030, 1, 2))
    assert "with_notice" in str(info.value)
    assert "strict=False" in str(info.value)
    tw = CalendarCoverageError("台湾 (TW)", 2030, "2000–2026", region="TW")
    assert "State Council" not in str(tw)
    assert "State Council" not in command_line_message(tw)
    assert "--overlay FILE" in command_line_message(tw)
    assert "--" not in str(tw)  # the library names no option


def test_notice_check_add_list(folders: tuple[Path, Path]) -> None:
    """`servstd notice check` prints the year per festival; `add` copies into the user folder
    (refusing a damaged notice); `list` shows folders, files and coverage."""
    _, user = folders
    code, out, _ = run("notice", "check", str(SAMPLE_2027))
    assert code == 0
    assert "国庆节" in out
    assert "2027-10-09" in out
    code, out, _ = run("notice", "check", str(NOTICES / "2026.txt"), "--json")
    assert json.loads(out)["years"] == [2026]
    damaged = user.parent / "damaged.txt"
    damaged.parent.mkdir(parents=True, exist_ok=True)
    damaged.write_text(SAMPLE_2027.read_text(encoding="utf-8").split("七、")[0], encoding="utf-8")
    code, _, err = run("notice", "add", str(damaged))
    assert code == 1
    assert "国庆节" in err
    assert not (user / "2027.txt").exists()
    code, out, _ = run("notice", "add", str(SAMPLE_2027))
    assert code == 0
    assert (user / "2027.txt").exists()
    code, out, _ = run("notice", "list")
    assert code == 0
    assert "2027.txt" in out
    assert "2001–2027" in out
    code, _, _ = run("workday", "2027-10-09")
    assert code == 0


@pytest.mark.parametrize(
    ("xdg", "home"),
    [(None, "/home/li"), ("/srv/data", "/home/li"), ("", "/home/li"), ("relative/data", "/home/li"),
     ("  ", "/home/li"), (None, "relative-home"), ("/srv/data", None)],
)  # fmt: skip
def test_user_folder_is_where_platformdirs_puts_it(
    xdg: str | None, home: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The user's notice folder is ``platformdirs.user_data_dir("servstd")/notices`` in every case,
    including those read without importing platformdirs (an absolute XDG_DATA_HOME, or HOME)."""
    monkeypatch.delenv("SERVSTD_DATA_DIR", raising=False)
    for name, value in (("XDG_DATA_HOME", xdg), ("HOME", home)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert user_notice_folder() == Path(platformdirs.user_data_dir("servstd", appauthor=False)) / "notices"
