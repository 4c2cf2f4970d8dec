"""Every command the READMEs and tutorials show, and every script in examples/, runs as written on a
fresh clone and leaves the tree as it was (issue 25).

The commands are read from the fenced ``console`` blocks of README.md, README.zh-CN.md and
docs/tutorials/*.md (a block with ``$`` prompts: the prompted lines; one without: each line), and
run by ``servstd``'s entry point (``uv run`` dropped) in a temporary copy of the repository's
``examples/``, with warnings as errors (a missing glyph in a chart fails). Each must exit 0 — or 1 where the page shows the error it prints — and change no file of the copy; the only
new files are the outputs the command names (``-o``, ``--chart``, ``--annotate``).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import runpy
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from servstd.cli import main

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["README.md", "README.zh-CN.md", *sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs" / "tutorials").glob("*.md"))]  # fmt: skip
NOT_REPLAYED = {"uv run nox": "every check of the project, this suite included"}
OUTPUT_OPTIONS = ("-o", "--output", "--chart", "--annotate")


def _shown(page: str) -> list[tuple[str, int]]:
    """The commands of ``page``'s console blocks and the exit status each should have."""
    text = (ROOT / page).read_text(encoding="utf-8")
    out: list[tuple[str, int]] = []
    for block in re.findall(r"^```console\n(.*?)^```", text, re.S | re.M):
        lines = block.splitlines()
        if any(line.startswith("$ ") for line in lines):
            for i, line in enumerate(lines):
                if line.startswith("$ "):
                    printed = lines[i + 1] if i + 1 < len(lines) else ""
                    failed = printed.startswith("servstd: ") and not printed.startswith("servstd: warning")
                    out.append((line[2:], 1 if failed else 0))
        else:
            out += [(line, 0) for line in lines if line.strip()]
    return out


SHOWN = [(page, command, status) for page in PAGES for command, status in _shown(page)]


def _words(command: str) -> str:
    return " ".join(shlex.split(command, comments=True))


def _argv(command: str) -> list[str]:
    argv = shlex.split(command, comments=True)
    return argv[2:] if argv[:2] == ["uv", "run"] else argv


def _tracked_examples() -> list[Path]:
    """The files of examples/ a fresh clone has: git's list when this is a clone, else the folder."""
    if shutil.which("git") and (ROOT / ".git").exists():
        listed = subprocess.run(
            ["git", "ls-files", "-z", "examples"], cwd=ROOT, capture_output=True, check=True
        ).stdout.decode("utf-8")
        return [Path(p) for p in listed.split("\0") if p]
    return [
        p.relative_to(ROOT)
        for p in (ROOT / "examples").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    ]


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A fresh copy of the repository's examples/ (with an empty data folder for notices)."""
    here = tmp_path / "clone"
    for rel in _tracked_examples():
        (here / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, here / rel)
    return here


@pytest.fixture
def inside(clone: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """In the clone, with an empty data folder for notices, as a new user's machine."""
    monkeypatch.chdir(clone)
    monkeypatch.setenv("SERVSTD_DATA_DIR", str(clone.parent / "data"))
    monkeypatch.delenv("SERVSTD_NOTICES", raising=False)
    return clone


def _servstd(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    return code, out.getvalue()[-2000:] + err.getvalue()[-2000:]


def _outputs(argv: list[str]) -> set[str]:
    return {argv[i + 1] for i, a in enumerate(argv[:-1]) if a in OUTPUT_OPTIONS}


def test_only_named_commands_are_not_replayed() -> None:
    """What is not replayed is named with its reason, and is still shown."""
    shown = {_words(c) for _, c, _ in SHOWN}
    assert set(NOT_REPLAYED) <= shown
    assert all(_argv(c)[0] == "servstd" for c in shown - set(NOT_REPLAYED))


def test_every_page_shows_commands() -> None:
    """The pages still show the commands this test replays (a renamed block would skip them)."""
    pages = {page for page, _, _ in SHOWN}
    assert {"README.md", "README.zh-CN.md", "docs/tutorials/inspection-forms.md"} <= pages
    commands = [c for _, c, _ in SHOWN]
    assert any("--aggregate" in c and "--chart" in c for c in commands)
    assert any(c.startswith("servstd sla report") and "--chart" in c for c in commands)


@pytest.mark.parametrize(("page", "command", "status"), SHOWN, ids=[f"{p}:{c[:50]}" for p, c, _ in SHOWN])
def test_shown_command_runs_as_written(page: str, command: str, status: int, inside: Path) -> None:
    """The command exits as the page says, draws no box for a missing glyph, and changes no file
    of a fresh clone; it only adds the outputs it names."""
    if _words(command) in NOT_REPLAYED:
        return
    argv = _argv(command)
    assert argv[0] == "servstd", f"no way to replay {command!r}: add it to NOT_REPLAYED with the reason"
    before = _digest(inside)
    code, printed = _servstd(argv[1:])
    assert code == status, f"{page}: {command}\n{printed}"
    after = _digest(inside)
    assert {k: v for k, v in after.items() if k in before} == before
    assert set(after) - set(before) == _outputs(argv)


@pytest.mark.parametrize("script", sorted(p.name for p in (ROOT / "examples").glob("*.py")))
def test_every_example_script_runs_and_leaves_the_tree_alone(
    script: str, inside: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`python examples/SCRIPT.py` runs to its end in a fresh clone; a script that writes files
    beside it (make_inspections.py, make_ticket_export.py) writes exactly the bytes the repository
    holds."""
    before = _digest(inside)
    monkeypatch.setattr(sys, "argv", [f"examples/{script}"])
    with contextlib.redirect_stdout(io.StringIO()):
        runpy.run_path(str(inside / "examples" / script), run_name="__main__")
    assert _digest(inside) == before
