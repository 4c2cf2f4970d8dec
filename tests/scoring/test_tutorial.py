"""The inspection-forms tutorial stays true: each command in it prints what the page shows (issue 15)."""

from __future__ import annotations

import importlib.util
import io
import re
import shlex
import sys
import warnings
from pathlib import Path

import pytest

from servstd.cli import main
from servstd.errors import ServstdWarning

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "docs" / "tutorials" / "inspection-forms.md").read_text(encoding="utf-8")
SESSIONS = re.findall(r"```console\n\$ (.*?)\n(.*?)```", PAGE, re.S)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples as the generator writes them (the same bytes as the repository's)."""
    here = tmp_path_factory.mktemp("tutorial")
    spec = importlib.util.spec_from_file_location(
        "make_inspections", ROOT / "examples" / "make_inspections.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_inspections"] = module
    spec.loader.exec_module(module)
    module.main(here / "examples" / "inspections")
    return here


def test_the_bad_sheet_is_the_one_shown() -> None:
    """The sheet with three mistakes the page shows is examples/inspections/mistakes.csv."""
    bad = re.search(r"```text\n(标准 standard.*?)```", PAGE, re.S)
    assert bad is not None
    shipped = (ROOT / "examples" / "inspections" / "mistakes.csv").read_text(encoding="utf-8-sig")
    assert shipped == bad.group(1)


def test_the_page_has_every_step() -> None:
    """form, score (three schemes), a bad sheet, and the aggregate are all shown."""
    assert [shlex.split(cmd)[1] for cmd, _ in SESSIONS] == [
        "form",
        "score",
        "score",
        "score",
        "score",
        "score",
    ]


@pytest.mark.parametrize(("command", "shown"), SESSIONS, ids=[c[:60] for c, _ in SESSIONS])
def test_command_prints_what_the_page_shows(
    command: str, shown: str, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each command's output (stdout and stderr, as a terminal shows them) is the page's text."""
    monkeypatch.chdir(workdir)
    argv = shlex.split(command)
    assert argv[0] == "servstd"
    out, err = io.StringIO(), io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ServstdWarning)
        code = main(argv[1:], stdout=out, stderr=err)
    printed = out.getvalue() + "".join(
        line + "\n" for line in err.getvalue().splitlines() if not line.startswith("servstd: warning:")
    )
    assert printed == shown
    assert code == (1 if "problems" in shown else 0)
