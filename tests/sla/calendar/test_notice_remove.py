"""``servstd notice remove YEAR|FILE`` undoes ``notice add`` with the same care (locked, atomic,
checked), and two disagreeing notices name the right file for the right day (issue 25)."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest

from servstd.cli import main, notice_commands
from servstd.cli._hints import command_line_message
from servstd.errors import CalendarCoverageError, DocumentError, Problem
from servstd.sla import WorkCalendar

NOTICES = Path(__file__).parent / "notices"
SAMPLE_2027 = Path(__file__).parents[3] / "examples" / "notices" / "2027-sample.txt"


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


def _amendment_2027(folder: Path) -> Path:
    """A 2027 amendment (the 2020 Spring Festival extension moved to 2027) in ``folder``."""
    text = (NOTICES / "2020-supplement-spring-extension.txt").read_text(encoding="utf-8")
    path = folder / "ext.txt"
    path.write_text(
        text.replace("2020", "2027").replace(
            "2月2日(农历正月初九,星期日),2月3日(星期一)", "2月16日(星期二),2月17日(星期三)"
        ),
        encoding="utf-8",
    )
    return path


class TestNoticeRemove:
    def test_by_year_undoes_add(self, folders: tuple[Path, Path]) -> None:
        """add then remove YEAR leaves the folder as it was: 2027 is no longer covered."""
        _, user = folders
        assert run("notice", "add", str(SAMPLE_2027))[0] == 0
        assert 2027 in WorkCalendar.china().coverage
        code, out, _ = run("notice", "remove", "2027", "--json")
        assert code == 0
        assert json.loads(out) == {"removed": [str(user / "2027.txt")], "coverage": "2001–2026"}
        assert sorted(p.name for p in user.iterdir()) == [".servstd.lock"]  # nothing left aside
        assert 2027 not in WorkCalendar.china().coverage

    @pytest.mark.parametrize("how", ["original", "name", "path"])
    def test_by_file(self, folders: tuple[Path, Path], how: str) -> None:
        """remove FILE takes the file added from FILE (the same text), or the folder's file by name or path."""
        _, user = folders
        run("notice", "add", str(SAMPLE_2027))
        given = {"original": str(SAMPLE_2027), "name": "2027.txt", "path": str(user / "2027.txt")}[how]
        code, out, _ = run("notice", "remove", given)
        assert code == 0
        assert f"Removed {user / '2027.txt'}" in out
        assert not (user / "2027.txt").exists()

    def test_a_year_takes_its_amendments_too(self, folders: tuple[Path, Path]) -> None:
        """remove YEAR removes the yearly notice and the amendments of that year together."""
        _, user = folders
        run("notice", "add", str(SAMPLE_2027))
        assert run("notice", "add", str(_amendment_2027(user.parent)))[0] == 0
        code, out, _ = run("notice", "remove", "2027", "--json")
        assert code == 0
        assert len(json.loads(out)["removed"]) == 2
        assert sorted(p.name for p in user.glob("*.txt")) == []

    def test_a_removal_that_breaks_the_folder_is_undone(self, folders: tuple[Path, Path]) -> None:
        """Removing the yearly notice an amendment needs fails (a coverage error naming 2027) and
        puts the file back: the folder reads as before."""
        _, user = folders
        run("notice", "add", str(SAMPLE_2027))
        run("notice", "add", str(_amendment_2027(user.parent)))
        before = sorted(p.name for p in user.iterdir())
        code, _, err = run("notice", "remove", "2027.txt")
        assert code == 1
        assert "2027" in err
        assert sorted(p.name for p in user.iterdir()) == before
        assert 2027 in WorkCalendar.china().coverage

    def test_a_failure_midway_restores_every_file(
        self, folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A crash after the files are moved aside (here: the check raising) restores them all."""
        _, user = folders
        run("notice", "add", str(SAMPLE_2027))

        def broken(*args: object, **kwargs: object) -> WorkCalendar:
            raise CalendarCoverageError("中国大陆 (CN)", 2027, "2001–2026", region="CN")

        monkeypatch.setattr(notice_commands.WorkCalendar, "china", broken)
        assert run("notice", "remove", "2027")[0] == 1
        monkeypatch.undo()
        assert (user / "2027.txt").read_text(encoding="utf-8") == SAMPLE_2027.read_text(encoding="utf-8")
        assert not list(user.glob(".*.removed"))

    def test_nothing_to_remove_is_an_error(self, folders: tuple[Path, Path]) -> None:
        """A year with no notice, or a word that is neither, is exit 1 pointing at notice list."""
        for what in ("2030", "nonsense.txt"):
            code, out, err = run("notice", "remove", what)
            assert (code, out) == (1, "")
            assert "servstd notice list" in err
        code, _, err = run("notice", "remove")
        assert code == 2

    def test_a_shared_folder_is_not_servstd_s_to_change(self, folders: tuple[Path, Path]) -> None:
        """A notice read from SERVSTD_NOTICES is not removed; the message says where it lives."""
        shared, _ = folders
        shutil.copy(SAMPLE_2027, shared / "2027.txt")
        code, _, err = run("notice", "remove", str(shared / "2027.txt"))
        assert code == 1
        assert "SERVSTD_NOTICES" in err
        assert (shared / "2027.txt").exists()


class TestDisagreeingNotices:
    def test_names_each_file_with_what_it_says(self, folders: tuple[Path, Path]) -> None:
        """Two yearly notices for one year make that year unknown (the others answer): the
        coverage error puts each file beside what it makes of the first day they disagree on,
        names the command that removes one, and no placeholder (<document>) leaks into it."""
        shared, _ = folders
        shutil.copy(SAMPLE_2027, shared / "a.txt")
        moved = SAMPLE_2027.read_text(encoding="utf-8").replace(
            "1月31日（周日）、2月20日（周六）上班", "1月31日（周日）、2月21日（周日）上班"
        )
        (shared / "b.txt").write_text(moved, encoding="utf-8")
        cal = WorkCalendar.china()
        assert cal.is_working_day(dt.date(2026, 10, 9))
        with pytest.raises(CalendarCoverageError) as info:
            cal.is_working_day(dt.date(2027, 2, 20))
        message = str(info.value)
        said = (
            f"{shared / 'b.txt'} makes 2027-02-20 an ordinary day, {shared / 'a.txt'} (another notice "
            f"for 2027) makes it a working day"
        )
        assert said in message
        assert f"remove one of them (rm -- {shared / 'b.txt'})" in message
        code, _, err = run("workday", "2027-02-20")
        assert code == 1
        assert said in err
        assert "<document>" not in err

    def test_a_problem_about_the_whole_file_has_no_placeholder(self) -> None:
        """A one-problem document error with no place inside the file reads 'file: message'."""
        exc = DocumentError("2027.txt", [Problem("", "is a symbolic link")])
        assert command_line_message(exc) == "2027.txt: is a symbolic link"
