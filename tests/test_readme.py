"""The README stays true: its tour runs and its quick-start output is what the command prints."""

from __future__ import annotations

import io
import re
from pathlib import Path

from servstd.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_tour_runs() -> None:
    """The Python tour executes as written."""
    code = re.search(r"## A short tour\n\n```python\n(.*?)```", README, re.S)
    assert code is not None
    namespace: dict[str, object] = {}
    exec(compile(code.group(1), "README.md", "exec"), namespace)
    assert str(namespace["report"].total) == "75.00"  # type: ignore[attr-defined]


def test_quick_start_output() -> None:
    """The quick-start block shows exactly what `servstd deadline "2026-09-30 16:00" 3个工作日` prints."""
    shown = re.search(r"The first prints.*?```text\n(.*?)```", README, re.S)
    assert shown is not None
    out = io.StringIO()
    assert main(["deadline", "2026-09-30 16:00", "3个工作日"], stdout=out) == 0
    assert out.getvalue() == shown.group(1)
