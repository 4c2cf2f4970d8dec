"""The READMEs stay true: their tours run and their quick-start output is what the command prints."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from servstd.cli import main

ROOT = Path(__file__).resolve().parent.parent
READMES = {
    "README.md": ("## A short tour", "The first prints"),
    "README.zh-CN.md": ("## 简短导览", "第一条命令打印"),
}


def _text(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(READMES))
def test_tour_runs(name: str) -> None:
    """The Python tour executes as written."""
    code = re.search(rf"{READMES[name][0]}\n\n```python\n(.*?)```", _text(name), re.S)
    assert code is not None
    namespace: dict[str, object] = {}
    exec(compile(code.group(1), name, "exec"), namespace)
    assert str(namespace["report"].total) == "75.00"  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(READMES))
def test_quick_start_output(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The quick-start block shows exactly what `servstd deadline "2026-09-30 16:00" 3个工作日`
    prints for a reader of that README (English under an English locale, Chinese under a Chinese one)."""
    shown = re.search(rf"{READMES[name][1]}.*?```text\n(.*?)```", _text(name), re.S)
    assert shown is not None
    monkeypatch.delenv("SERVSTD_LANG")
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8" if name.endswith("zh-CN.md") else "en_US.UTF-8")
    out = io.StringIO()
    assert main(["deadline", "2026-09-30 16:00", "3个工作日"], stdout=out) == 0
    assert out.getvalue() == shown.group(1)


@pytest.mark.parametrize("name", sorted(READMES))
def test_same_quick_start_commands(name: str) -> None:
    """Both READMEs give the same two quick-start commands."""
    commands = re.findall(r"^uv run [^#\n]*?(?=\s+#|$)", _text(name), re.M)
    assert commands == ['uv run servstd deadline "2026-09-30 16:00" 3个工作日', "uv run nox"]
