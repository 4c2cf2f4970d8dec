"""The notice folder every program shares: whole files only, one writer at a time, no symlinks
followed, a damaged file named with its remedy (issue 23 item 2)."""

from __future__ import annotations

import datetime as dt
import errno
import io
import os
import threading
import time
from pathlib import Path

import pytest

from servstd import _atomic
from servstd._atomic import folder_lock
from servstd.cli import main
from servstd.errors import CalendarCoverageError, CalendarCoverageWarning
from servstd.sla import DayKind, WorkCalendar
from servstd.sla.calendar import reload_notices

SAMPLE_2027 = Path(__file__).parents[3] / "examples" / "notices" / "2027-sample.txt"
OTHER_2027 = SAMPLE_2027.read_text(encoding="utf-8").replace(
    "1月31日（周日）、2月20日（周六）上班", "1月31日（周日）、2月21日（周日）上班"
)


@pytest.fixture
def user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's notice folder (empty, not yet created), and no SERVSTD_NOTICES."""
    monkeypatch.setenv("SERVSTD_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("SERVSTD_NOTICES", raising=False)
    return tmp_path / "data" / "notices"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


class TestDamagedFiles:
    def test_a_truncated_notice_is_named_with_its_remedy(self, user: Path) -> None:
        """A truncated 2028.txt makes only 2028 unknown: a 2026 question answers; a 2028 one names
        the file and the command that removes it (exit 1)."""
        user.mkdir(parents=True)
        (user / "2028.txt").write_text(
            "国务院办公厅关于2028年部分节假日安排的通知\n一、元旦：1月1日", encoding="utf-8"
        )
        assert run("workday", "2026-10-09")[0] == 0
        code, _, err = run("workday", "2028-03-01")
        assert code == 1
        assert f"{user / '2028.txt'}" in err
        assert "servstd notice remove 2028" in err

    def test_the_named_remedy_removes_the_damaged_file(self, user: Path) -> None:
        """The command a damaged 2028.txt is named with works: ``servstd notice remove 2028``
        takes the file away (exit 0) and the folder reads again, 2028 simply not covered."""
        user.mkdir(parents=True)
        (user / "2028.txt").write_bytes(b"\xff\xfe\x00not a notice")
        reload_notices()
        assert 2028 in dict(reload_notices().unknown_years)
        code, out, err = run("notice", "remove", "2028")
        assert (code, err) == (0, ""), err
        assert str(user / "2028.txt") in out
        assert not (user / "2028.txt").exists()
        assert not reload_notices().unknown_years

    def test_lenient_reads_the_other_notices(self, user: Path) -> None:
        """A damaged 2028.txt leaves the other notices read, strict or lenient; a lenient calendar
        estimates 2028 with a warning naming the file, a strict one refuses 2028 naming it."""
        assert run("notice", "add", str(SAMPLE_2027))[0] == 0
        (user / "2028.txt").write_bytes(b"")
        reload_notices()
        for strict in (True, False):
            cal = WorkCalendar.china(strict=strict)
            assert cal.day_kind(dt.date(2027, 10, 9)) is DayKind.MAKEUP_WORKDAY
            assert 2028 not in cal.coverage
        with pytest.warns(CalendarCoverageWarning, match=r"2028\.txt"):
            WorkCalendar.china(strict=False).day_kind(dt.date(2028, 3, 1))
        code, _, err = run("workday", "2027-10-09")
        assert (code, err) == (0, "")
        with pytest.raises(CalendarCoverageError, match=r"2028\.txt") as info:
            WorkCalendar.china().day_kind(dt.date(2028, 3, 1))
        assert info.value.year == 2028

    def test_notice_add_repairs_a_damaged_file(self, user: Path) -> None:
        """An empty 2027.txt left by a crash is replaced by notice add, which says so."""
        user.mkdir(parents=True)
        (user / "2027.txt").write_bytes(b"")
        code, out, err = run("notice", "add", str(SAMPLE_2027))
        assert (code, err) == (0, "")
        assert "replaces a damaged file" in out
        assert (user / "2027.txt").read_text(encoding="utf-8") == SAMPLE_2027.read_text(encoding="utf-8")
        assert run("workday", "2027-10-09")[0] == 0

    def test_notice_list_shows_damaged_files(self, user: Path) -> None:
        """notice list does not fail on a damaged file: it lists it with the remove command."""
        user.mkdir(parents=True)
        (user / "2028.txt").write_bytes(b"\xff\xfe\x00garbage")
        code, out, _ = run("notice", "list")
        assert code == 0
        assert "Damaged" in out
        assert f"remove: rm -- {user / '2028.txt'}" in out


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
class TestSymlinks:
    def test_a_dangling_symlink_is_not_written_through(self, user: Path, tmp_path: Path) -> None:
        """A dangling 2027.txt → outside file planted in the folder: notice add refuses, writes nothing."""
        user.mkdir(parents=True)
        outside = tmp_path / "outside.txt"
        (user / "2027.txt").symlink_to(outside)
        code, _, err = run("notice", "add", str(SAMPLE_2027))
        assert code == 1
        assert "is a symbolic link; servstd does not write through it" in err
        assert not outside.exists()

    def test_a_symlink_in_the_folder_is_not_read(self, user: Path, tmp_path: Path) -> None:
        """A symlink among the notices is a damaged entry, named, not followed."""
        user.mkdir(parents=True)
        real = tmp_path / "real.txt"
        real.write_text(SAMPLE_2027.read_text(encoding="utf-8"), encoding="utf-8")
        (user / "2027.txt").symlink_to(real)
        cal = WorkCalendar.china()
        assert cal.is_working_day(dt.date(2026, 10, 9))
        with pytest.raises(CalendarCoverageError, match="is a symbolic link"):
            cal.day_kind(dt.date(2027, 10, 9))


class TestAtomicWrites:
    def test_a_full_disk_leaves_no_file(self, user: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A full disk during notice add: one line, exit 1, no 2027.txt and no temporary file left."""

        def full(fd: int) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(_atomic.os, "fsync", full)
        code, _, err = run("notice", "add", str(SAMPLE_2027))
        assert code == 1
        assert err == f"servstd: cannot write '{user / '2027.txt'}': No space left on device\n"
        assert sorted(p.name for p in user.iterdir()) == [".servstd.lock"]

    def test_a_kill_during_the_write_keeps_the_old_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Interrupted before the rename, the target still holds its old text; no temporary file stays."""
        target = tmp_path / "2027.txt"
        target.write_text("old", encoding="utf-8")

        def killed(src: str, dst: str) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(_atomic.os, "replace", killed)
        with pytest.raises(KeyboardInterrupt):
            _atomic.write_atomically(target, b"new")
        assert target.read_text(encoding="utf-8") == "old"
        assert [p.name for p in tmp_path.iterdir()] == ["2027.txt"]


class TestOneWriterAtATime:
    def test_notice_add_waits_for_the_lock(self, user: Path) -> None:
        """While another writer holds the folder's lock, notice add waits, then adds."""
        result: list[int] = []
        with folder_lock(user):
            worker = threading.Thread(target=lambda: result.append(run("notice", "add", str(SAMPLE_2027))[0]))
            worker.start()
            time.sleep(0.5)
            assert worker.is_alive()
            assert not (user / "2027.txt").exists()
        worker.join(30)
        assert result == [0]
        assert (user / "2027.txt").exists()

    def test_two_adds_of_one_year_at_once(self, user: Path, tmp_path: Path) -> None:
        """Two different notices for 2027 added at once: exactly one is added, the other refused."""
        other = tmp_path / "other-2027.txt"
        other.write_text(OTHER_2027, encoding="utf-8")
        results: list[tuple[int, str, str]] = []
        barrier = threading.Barrier(2)

        def add(path: Path) -> None:
            barrier.wait()
            results.append(run("notice", "add", str(path)))

        threads = [threading.Thread(target=add, args=(p,)) for p in (SAMPLE_2027, other)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        codes = sorted(code for code, _, _ in results)
        assert codes == [0, 1]
        refused = next(err for code, _, err in results if code == 1)
        assert "already holds a different notice for 2027" in refused
        kept = (user / "2027.txt").read_text(encoding="utf-8")
        assert kept in (SAMPLE_2027.read_text(encoding="utf-8"), OTHER_2027)
