"""One calendar state per process: every default sees the same notices, a reload reaches every
later object, a damaged file costs only its year (issue 29, point 3)."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import shutil
import threading
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from servstd.catalog import catalog
from servstd.errors import CalendarCoverageError, InputTypeError, ServstdWarning
from servstd.sla import ComplaintPolicy, ServiceClock, SLAPolicy, WorkCalendar
from servstd.sla.calendar import NoticeState, notice_state, reload_notices

SAMPLE_2027 = Path(__file__).parents[3] / "examples" / "notices" / "2027-sample.txt"
SH = ZoneInfo("Asia/Shanghai")
IN_2026 = dt.datetime(2026, 9, 30, 16, tzinfo=SH)
IN_2027 = dt.datetime(2027, 9, 30, 16, tzinfo=SH)
IN_2028 = dt.datetime(2028, 3, 1, 10, tzinfo=SH)


@pytest.fixture
def user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty user notice folder of this test's own (a new state), and no SERVSTD_NOTICES."""
    monkeypatch.setenv("SERVSTD_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("SERVSTD_NOTICES", raising=False)
    monkeypatch.delenv("SERVSTD_BUNDLED_ONLY", raising=False)
    folder = tmp_path / "data" / "notices"
    folder.mkdir(parents=True)
    yield folder
    with warnings.catch_warnings():  # a stray file the test planted warns again
        warnings.simplefilter("ignore", ServstdWarning)
        reload_notices()  # a bundled_only chosen by a test holds until the next reload: drop it


def _answers(ask: Callable[[], object]) -> bool:
    try:
        ask()
    except CalendarCoverageError:
        return False
    return True


def _covers_2027() -> tuple[bool, bool, bool]:
    """Whether the default clock, a catalog complaint policy and a catalog SLA policy answer for 2027."""
    return (
        _answers(lambda: ServiceClock.default().deadline(IN_2027, "3个工作日")),
        _answers(lambda: catalog().complaint_policy("property-complaints").timeline(IN_2027, "重要")),
        _answers(
            lambda: (
                catalog().sla_policy("insurance-claims-sla").clock("office").deadline(IN_2027, "3个工作日")
            )
        ),
    )


class TestOneState:
    def test_every_default_gives_the_same_answer_before_and_after_a_reload(self, user: Path) -> None:
        """A notice added while the process runs: the default clock and the catalog's policies all
        refuse 2027 until reload_notices(), then all answer (one process, one answer)."""
        assert _covers_2027() == (False, False, False)
        shutil.copy(SAMPLE_2027, user / "2027.txt")
        assert _covers_2027() == (False, False, False)
        reload_notices()
        assert _covers_2027() == (True, True, True)
        assert WorkCalendar.china().day_kind(dt.date(2027, 10, 9)).is_working

    def test_the_default_clock_is_one_shared_object(self, user: Path) -> None:
        """ServiceClock.default() returns one clock until a reload; after it, another one, built
        with the new state (the old one keeps answering as before: it is immutable)."""
        first = ServiceClock.default()
        assert ServiceClock.default() is first
        assert catalog().complaint_policy("property-complaints") is ComplaintPolicy.from_catalog(
            "property-complaints"
        )
        shutil.copy(SAMPLE_2027, user / "2027.txt")
        reload_notices()
        second = ServiceClock.default()
        assert second is not first
        assert ServiceClock.default() is second
        with pytest.raises(CalendarCoverageError):
            first.deadline(IN_2027, "3个工作日")
        assert second.deadline(IN_2027, "3个工作日").due > IN_2027

    def test_the_state_is_read_once(self, user: Path) -> None:
        """notice_state() is one object until a reload; a reload counts a new generation."""
        state = notice_state()
        assert isinstance(state, NoticeState)
        assert notice_state() is state
        again = reload_notices()
        assert again is notice_state()
        assert again.generation > state.generation


class TestDamagedFiles:
    def test_a_damaged_year_file_makes_only_that_year_unknown(self, user: Path) -> None:
        """A truncated 2028.txt: 2026 and 2027 answer everywhere; 2028 is a coverage error naming
        the file and the command that removes it."""
        shutil.copy(SAMPLE_2027, user / "2027.txt")
        (user / "2028.txt").write_text(
            "国务院办公厅关于2028年部分节假日安排的通知\n一、元旦：1月1日", encoding="utf-8"
        )
        reload_notices()
        assert _covers_2027() == (True, True, True)
        assert ServiceClock.default().deadline(IN_2026, "3个工作日").due.date() == dt.date(2026, 10, 10)
        assert catalog().complaint_policy("property-complaints").timeline(IN_2026, "重要").stages
        with pytest.raises(CalendarCoverageError) as info:
            ServiceClock.default().deadline(IN_2028, "3个工作日")
        assert info.value.year == 2028
        assert str(user / "2028.txt") in str(info.value)
        assert "servstd notice remove 2028" in str(info.value)
        assert 2028 not in WorkCalendar.china().coverage
        assert dict(notice_state().unknown_years).keys() == {2028}

    def test_a_damaged_bundled_year_is_unknown_too(self, user: Path) -> None:
        """An empty 2026.txt overrides the bundled 2026 with nothing: 2026 is refused (naming the
        file), 2025 still answers from the bundled data."""
        (user / "2026.txt").write_bytes(b"")
        reload_notices()
        cal = WorkCalendar.china()
        assert cal.is_working_day(dt.date(2025, 10, 11))  # a make-up Saturday of 2025
        with pytest.raises(CalendarCoverageError, match=r"2026\.txt"):
            cal.is_working_day(dt.date(2026, 10, 9))

    def test_a_file_notice_add_could_not_have_written_is_ignored_with_a_warning(self, user: Path) -> None:
        """A damaged broken.txt names no year: it is ignored with a warning naming it, and every
        year answers as without it."""
        shutil.copy(SAMPLE_2027, user / "2027.txt")
        (user / "broken.txt").write_bytes(b"\xff\xfe\x00garbage")
        with pytest.warns(ServstdWarning, match=r"broken\.txt.*ignored"):
            state = reload_notices()
        assert [p.name for p, _ in state.ignored] == ["broken.txt"]
        assert state.unknown_years == ()
        assert _covers_2027() == (True, True, True)

    def test_a_valid_notice_under_another_name_is_read(self, user: Path) -> None:
        """Only a damaged file is ignored for its name: a readable notice named otherwise is read."""
        shutil.copy(SAMPLE_2027, user / "mine.txt")
        reload_notices()
        assert _covers_2027() == (True, True, True)


class TestBundledOnly:
    def test_the_environment_variable_reads_no_folder(
        self, user: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """SERVSTD_BUNDLED_ONLY=1: a 2027 notice in the folder is not read; every default uses the
        shipped data only (a damaged file there costs nothing)."""
        shutil.copy(SAMPLE_2027, user / "2027.txt")
        (user / "2026.txt").write_bytes(b"")
        monkeypatch.setenv("SERVSTD_BUNDLED_ONLY", "1")
        assert notice_state().bundled_only
        assert _covers_2027() == (False, False, False)
        assert WorkCalendar.china().coverage == WorkCalendar.china(notices=False).coverage
        monkeypatch.delenv("SERVSTD_BUNDLED_ONLY")
        reload_notices()
        assert _covers_2027() == (True, True, True)

    def test_the_parameter_reads_no_folder(self, user: Path) -> None:
        """reload_notices(bundled_only=True) reads no folder; reload_notices() reads them again."""
        shutil.copy(SAMPLE_2027, user / "2027.txt")
        assert reload_notices(bundled_only=True).overlays == ()
        assert _covers_2027() == (False, False, False)
        assert reload_notices().overlays != ()
        assert _covers_2027() == (True, True, True)


class TestPoliciesTakeAClock:
    def test_a_complaint_policy_on_the_given_clock(self, user: Path) -> None:
        """catalog().complaint_policy(id, clock=c) times every stage on c (the 7×24 clock answers
        2027 without any notice)."""
        clock = ServiceClock.always()
        policy = catalog().complaint_policy("property-complaints", clock=clock)
        assert policy.clock is clock
        timeline = policy.timeline(IN_2027, "重要")
        assert all(s.deadline.due >= IN_2027 for s in timeline.stages)
        with pytest.raises(InputTypeError):
            ComplaintPolicy.from_catalog("property-complaints").with_clock("always")  # type: ignore[arg-type]

    def test_an_sla_policy_on_the_given_clock(self, user: Path) -> None:
        """catalog().sla_policy(id, clock=c) puts c under every target; with a name, only that clock."""
        clock = ServiceClock.always()
        policy = catalog().sla_policy("insurance-claims-sla", clock=clock)
        assert {id(c) for _, c in policy.clocks} == {id(clock)}
        assert all(t.clock is clock for r in policy.rules for t in r.targets)
        original = SLAPolicy.from_catalog("insurance-claims-sla")
        names = [n for n, _ in original.clocks]
        one = original.with_clock(clock, names[0])
        assert one.clock(names[0]) is clock
        assert all(one.clock(n) is original.clock(n) for n in names[1:])
        assert all(t.clock is clock for r in one.rules for t in r.targets if t.clock_name == names[0])


class TestThreadsAndForks:
    def test_threads_during_reloads_each_get_a_whole_state(self, user: Path) -> None:
        """Threads asking for the default clock while another reloads each get a clock of one
        state: its calendar's coverage is the one read without or with the 2027 notice."""
        shutil.copy(SAMPLE_2027, user / "2027.txt")
        seen: list[str] = []
        errors: list[BaseException] = []
        stop = threading.Event()

        def ask() -> None:
            try:
                while not stop.is_set():
                    seen.append(str(ServiceClock.default().calendar.coverage))
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        workers = [threading.Thread(target=ask) for _ in range(4)]
        for w in workers:
            w.start()
        for only in (True, False) * 5:
            reload_notices(bundled_only=only)
        stop.set()
        for w in workers:
            w.join(30)
        assert errors == []
        assert set(seen) <= {"2001–2026", "2001–2027"}

    def test_a_forked_child_uses_the_state(self, user: Path) -> None:
        """A child forked after the state was read answers from it, and can reload it."""
        shutil.copy(SAMPLE_2027, user / "2027.txt")
        reload_notices()
        ServiceClock.default()
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(1) as pool:
            answer = pool.apply(_child_due)
        assert answer == ServiceClock.default().due(IN_2027, "3个工作日").isoformat()


def _child_due() -> str:
    reload_notices()
    return ServiceClock.default().due(IN_2027, "3个工作日").isoformat()
