"""The shape of the package: imports run one way, names load lazily, start-up stays light.

The import graph is read from the source with :mod:`ast` (every ``import`` statement, at module
level, inside functions and under ``TYPE_CHECKING`` alike), so a cycle hidden in a function is
still a cycle.
"""

from __future__ import annotations

import ast
import importlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from servstd._lazy import declared_exports, deprecated_of, exports_of

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "servstd"
SAMPLE_NOTICE = SRC.parent / "examples" / "notices" / "2027-sample.txt"


BELOW_ALL = {"servstd", "servstd._messages"}
"""What any layer may import: the package (its ``__init__`` loads names lazily) and the message
catalog reader, which imports nothing of servstd."""


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
PACKAGES = {name for name, p in MODULES.items() if p.name == "__init__.py"}


def _imports(name: str) -> set[str]:
    """The servstd modules ``name`` imports (a ``from pkg import mod`` names the submodule)."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    base = name if name in PACKAGES else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = base.split(".")
                target = ".".join(
                    parts[: len(parts) - node.level + 1] + ([node.module] if node.module else [])
                )
            else:
                target = node.module or ""
            for a in node.names:
                sub = f"{target}.{a.name}"
                found.add(sub if sub in MODULES else target)
    return {m for m in found if m in MODULES and m != name}


def _graph() -> dict[str, set[str]]:
    """Edges: explicit imports, plus each module's parent packages (imported first by Python),
    except a package's own re-exports of its descendants."""
    graph: dict[str, set[str]] = {}
    for name in MODULES:
        deps = set()
        for dep in _imports(name):
            parts = dep.split(".")
            deps.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
        graph[name] = {d for d in deps if d in MODULES and d != name and not d.startswith(name + ".")}
        if name in PACKAGES:
            graph[name] = {d for d in graph[name] if not d.startswith(name + ".")}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


class TestImportGraph:
    def test_reader_sees_the_known_edges(self) -> None:
        """The graph reader finds real edges (so an empty cycle list means something)."""
        graph = _graph()
        assert "servstd.sla.clock.deadline" in graph["servstd.sla.clock.service_clock"]
        assert "servstd.sla.calendar.notice" in graph["servstd.sla.calendar.overlay_document"]
        # a function-level import counts too
        assert "servstd.sla.calendar.overlay_document" in graph["servstd.sla.calendar.work_calendar"]

    def test_cycle_finder_finds_a_cycle(self) -> None:
        """The cycle finder reports a two-module cycle."""
        assert _cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]

    def test_no_import_cycles(self) -> None:
        """No import cycle anywhere in src/servstd, at module level or deferred."""
        assert _cycles(_graph()) == []

    @pytest.mark.parametrize(
        ("lower", "forbidden"),
        [
            ("servstd.sla.calendar", ("servstd.sla.clock", "servstd.sla.policy", "servstd.sla.batch")),
            ("servstd.sla.clock", ("servstd.sla.policy", "servstd.sla.batch")),
            ("servstd.sla.policy", ("servstd.sla.batch",)),
            (
                "servstd.sla",
                ("servstd.standards", "servstd.scoring", "servstd.cli", "servstd.catalog._catalog"),
            ),
            (
                "servstd.standards",
                ("servstd.scoring", "servstd.catalog", "servstd.cli", "servstd.sla.policy"),
            ),
            ("servstd.scoring", ("servstd.cli", "servstd.sla.policy")),
            ("servstd.errors", ("servstd",)),
        ],
    )
    def test_layers_import_downwards(self, lower: str, forbidden: tuple[str, ...]) -> None:
        """Dependencies run one way: calendar → clock → policy → batch; standards and scoring above the clock."""
        graph = _graph()

        def inside(module: str, package: str) -> bool:
            return module == package or module.startswith(package + ".")

        bad = sorted(
            (m, d)
            for m, deps in graph.items()
            if inside(m, lower)
            for d in deps
            if any(inside(d, f) for f in forbidden) and not inside(d, lower) and d not in BELOW_ALL
        )
        assert bad == []

    def test_the_message_catalog_is_below_everything(self) -> None:
        """servstd._messages (the message catalog reader) imports no servstd module, so every layer,
        the error tree included, may render its messages in Chinese."""
        assert _graph()["servstd._messages"] - {"servstd"} == set()


def _private(part: str) -> bool:
    return part.startswith("_") and not part.startswith("__")


def _owner(path: str) -> str | None:
    """The package a private dotted name belongs to: the package holding its first ``_`` part
    (``servstd.sla.clock._timeline.to_us`` → ``servstd.sla.clock``; a private name of a module
    belongs to the module's package: ``servstd.errors._shown`` → ``servstd``); None if public."""
    parts = path.split(".")
    for i, part in enumerate(parts):
        if _private(part):
            prefix = ".".join(parts[:i])
            return prefix if prefix in PACKAGES else prefix.rpartition(".")[0]
    return None


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _private_imports(name: str, tree: ast.Module) -> list[tuple[str, str]]:
    """(module, what) for each import in ``tree`` of a private module or name of another package."""
    base = name if name in PACKAGES else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = base.split(".")
                module = ".".join(
                    parts[: len(parts) - node.level + 1] + ([node.module] if node.module else [])
                )
            else:
                module = node.module or ""
            targets = [f"{module}.{a.name}" for a in node.names]
        else:
            continue
        for target in targets:
            owner = _owner(target) if target.split(".")[0] == "servstd" else None
            if owner is not None and not _inside(name, owner):
                found.append((name, target))
    return found


def _private_members() -> dict[str, set[str]]:
    """Each ``_``-prefixed method, field or attribute of a servstd class → the packages defining it."""
    defined: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        package = name if name in PACKAGES else name.rpartition(".")[0]
        for cls in (
            n for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(n, ast.ClassDef)
        ):
            for node in ast.walk(cls):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    member = node.name
                elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                    member = node.target.id
                elif (
                    isinstance(node, ast.Attribute)
                    and isinstance(node.ctx, ast.Store)
                    and isinstance(node.value, ast.Name)
                    and node.value.id == "self"
                ):
                    member = node.attr
                else:
                    continue
                if _private(member):
                    defined.setdefault(member, set()).add(package)
    return defined


def _private_attributes(name: str, tree: ast.Module, members: dict[str, set[str]]) -> list[tuple[str, str]]:
    """(module, expression) for each ``x._member`` where ``_member`` is private to another package's
    classes (``clock._timeline`` outside ``servstd.sla.clock``); ``self``/``cls`` are the class's own."""
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and node.attr in members):
            continue
        if isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
            continue
        if not any(_inside(name, owner) for owner in members[node.attr]):
            found.append((name, ast.unparse(node)))
    return found


class TestPrivateStaysPrivate:
    """A ``_``-prefixed module, name or member is private to the package that holds it: modules of
    that package (and its subpackages) may use it, no other module may. Engines talk across
    packages through public protocols (``ColumnarClock``, ``DeadlineClock``)."""

    def test_no_module_imports_another_packages_private_module_or_name(self) -> None:
        """No import of another package's private module or name anywhere in src/servstd."""
        found = {
            hit
            for name, path in MODULES.items()
            for hit in _private_imports(name, ast.parse(path.read_text(encoding="utf-8")))
        }
        assert found == set()

    def test_no_module_reaches_into_another_packages_objects(self) -> None:
        """No ``x._member`` of a private member that only another package's classes define."""
        members = _private_members()
        found = [
            hit
            for name, path in MODULES.items()
            for hit in _private_attributes(name, ast.parse(path.read_text(encoding="utf-8")), members)
        ]
        assert found == []

    def test_the_checks_catch_what_the_engines_used_to_do(self) -> None:
        """The patterns issue 24 removed are caught: a private module of another package (absolute
        and relative), a private name of it, and a reach into a clock's engine."""
        batch = "servstd.sla.batch._engine"
        source = ast.parse(
            "from servstd.sla.clock._timeline import Run\n"
            "import servstd.catalog._files\n"
            "from ..clock import _timeline\n"
            "from servstd.errors import _shown\n"
            "from servstd.sla.batch._tables import NAT\n"
            "lo = clock._timeline.year_of(x)\n"
            "self._timeline = None\n"
        )
        assert _private_imports(batch, source) == [
            (batch, "servstd.sla.clock._timeline.Run"),
            (batch, "servstd.catalog._files"),
            (batch, "servstd.sla.clock._timeline"),
        ]
        assert _private_attributes(batch, source, _private_members()) == [(batch, "clock._timeline")]


LAZY_PACKAGES = sorted(p for p in PACKAGES if p not in ("servstd.cli", "servstd.catalog.data"))
"""Every package that re-exports names (the command line is one function; ``catalog.data`` holds files)."""


def _ast_exports(package: str) -> dict[str, str]:
    """What type checkers read: the package's ``TYPE_CHECKING`` imports, each ``X as X`` or a
    star import of a subpackage (whose own exports it takes), read with :mod:`ast`."""
    tree = ast.parse(MODULES[package].read_text(encoding="utf-8"))
    seen: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for stmt in node.body:
                assert isinstance(stmt, ast.ImportFrom)
                for a in stmt.names:
                    if a.name == "*":
                        seen.update(_ast_exports(str(stmt.module)))
                    else:
                        assert a.asname == a.name, f"{package}: {a.name} is not an explicit re-export"
                        seen[a.name] = str(stmt.module)
    return seen


class TestLazyExports:
    @pytest.mark.parametrize("package", LAZY_PACKAGES)
    def test_every_name_resolves_to_its_module(self, package: str) -> None:
        """Each lazily exported name loads and comes from the module its declaration names."""
        mod = importlib.import_module(package)
        exports, old = exports_of(package), deprecated_of(package)
        assert sorted(n for n in mod.__all__ if n != "__version__") == sorted(set(exports) - set(old))
        for name, where in exports.items():
            if name in old and not hasattr(
                getattr(importlib.import_module(where), name, None), "__deprecated__"
            ):
                with pytest.warns(DeprecationWarning, match=f"use {re.escape(old[name])}"):
                    value = getattr(mod, name)  # an alias warns when it is looked up
            elif name in old:
                value = getattr(mod, name)  # an old function warns when it is called
                assert old[name] in value.__deprecated__
            else:
                value = getattr(mod, name)
            if where == package:
                assert value is importlib.import_module(f"{package}.{name}")
            else:
                assert value is getattr(importlib.import_module(where), name)

    @pytest.mark.parametrize("package", LAZY_PACKAGES)
    def test_type_checking_imports_are_the_map(self, package: str) -> None:
        """What type checkers read (the TYPE_CHECKING imports, parsed with ast) is what runs: the
        one declaration of each name is the map the lazy loader builds from the same text."""
        assert _ast_exports(package) == exports_of(package)

    @pytest.mark.parametrize("package", [*LAZY_PACKAGES, "servstd.cli"])
    def test_dir_is_all(self, package: str) -> None:
        """dir() of a package shows exactly its public names, __all__ (no TYPE_CHECKING,
        annotations or the loader's helpers)."""
        mod = importlib.import_module(package)
        assert dir(mod) == sorted(mod.__all__)
        assert not {"TYPE_CHECKING", "annotations", "attach"} & set(dir(mod))

    def test_every_package_is_checked(self) -> None:
        """The dir() test covers every package of the source tree but the data folder."""
        assert {*LAZY_PACKAGES, "servstd.cli"} == PACKAGES - {"servstd.catalog.data"}

    @pytest.mark.parametrize("package", LAZY_PACKAGES)
    def test_a_submodule_of_an_exported_name_is_an_old_path(self, package: str) -> None:
        """A module may share an exported name only as the deprecated old path of a renamed module
        (scoring.score, scoring.form, scoring.aggregate, sla.batch.report), and importing it leaves
        the exported name in place."""
        mod = importlib.import_module(package)
        for name, where in exports_of(package).items():
            if f"{package}.{name}" in MODULES and where != package:
                shim = MODULES[f"{package}.{name}"].read_text(encoding="utf-8")
                assert "moved_module(__name__," in shim
                importlib.import_module(f"{package}.{name}")
                assert getattr(mod, name) is getattr(importlib.import_module(where), name)

    def test_unknown_name_is_an_attribute_error(self) -> None:
        """A name that is not exported raises AttributeError naming the module."""
        sla = importlib.import_module("servstd.sla")
        with pytest.raises(AttributeError, match=r"'servstd\.sla' has no attribute 'Nope'"):
            _ = sla.Nope

    def test_a_subpackage_loads_on_access_without_being_exported(self) -> None:
        """servstd.sla.batch (numpy) is reached as an attribute but is not in servstd.sla.__all__."""
        sla = importlib.import_module("servstd.sla")
        assert "batch" not in sla.__all__
        assert sla.batch is importlib.import_module("servstd.sla.batch")

    def test_a_declaration_must_be_an_explicit_reexport(self) -> None:
        """The loader refuses a TYPE_CHECKING import type checkers would not re-export."""
        with pytest.raises(ImportError, match="explicit re-export"):
            declared_exports("if TYPE_CHECKING:\n    from servstd.errors import ServstdError\n")

    @pytest.mark.parametrize("package", ["servstd", "servstd.sla", "servstd.scoring", "servstd.standards"])
    def test_star_import_needs_no_optional_extra(self, package: str) -> None:
        """`from PACKAGE import *` works without numpy and pandas, and loads neither."""
        code = (
            "import sys, json\n"
            "sys.modules.update(numpy=None, pandas=None)\n"
            f"exec('from {package} import *')\n"
            "print(json.dumps(sorted(sys.modules)))"
        )
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
        assert proc.returncode == 0, proc.stderr
        assert not any(m.startswith("servstd.sla.batch") for m in json.loads(proc.stdout))


_PROBE = """
import json, runpy, sys
sys.argv = ["servstd", *sys.argv[1:]]
try:
    runpy.run_module("servstd", run_name="__main__", alter_sys=True)
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _modules_loaded_by(*argv: str, env: dict[str, str] | None = None) -> tuple[int, set[str]]:
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, *argv],
        capture_output=True,
        text=True,
        check=True,
        encoding="utf-8",
        env=env,
    )
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    return int(result["code"] or 0), set(result["modules"])


class TestStartup:
    @pytest.mark.parametrize(
        "argv",
        [("workday", "2026-02-14"), ("deadline", "2026-09-30 16:00", "3个工作日"), ("calendar", "2026")],
    )
    def test_time_commands_load_no_document_layer(self, argv: tuple[str, ...]) -> None:
        """`servstd workday/deadline/calendar` answer without pydantic, yaml, scoring or the catalog,
        and without the holidays package (the bundled snapshot answers the covered years)."""
        code, loaded = _modules_loaded_by(*argv)
        assert code == 0
        heavy = {
            "pydantic",
            "yaml",
            "servstd.scoring",
            "servstd.catalog",
            "servstd.standards",
            "numpy",
            "holidays",
        }
        assert heavy & loaded == set()

    def test_workday_loads_no_clock(self) -> None:
        """`servstd workday` answers from the calendar alone: no service clock, duration parser or
        deadline module is imported on its path (the commands that take a clock load it)."""
        code, loaded = _modules_loaded_by("workday", "2026-02-14")
        assert code == 0
        assert {m for m in loaded if m.startswith("servstd.sla.clock.")} == set()
        code, loaded = _modules_loaded_by("deadline", "2026-09-30 16:00", "3个工作日")
        assert code == 0
        assert {"servstd.sla.clock.service_clock", "servstd.sla.clock.deadline"} <= loaded

    def test_workday_loads_only_what_it_reads(self, tmp_path: Path) -> None:
        """`servstd workday` on a machine without notice files loads no notice parser, zoneinfo,
        pathlib, platformdirs or decimal: each loads when a notice, a zone or a file is met (the
        second run, with a notice file named, loads the parser and pathlib)."""
        env = {k: v for k, v in os.environ.items() if k != "SERVSTD_NOTICES"}
        env["SERVSTD_DATA_DIR"] = str(tmp_path / "data")  # no notice folder (other tests write theirs)
        code, loaded = _modules_loaded_by("workday", "2026-02-14", env=env)
        assert code == 0
        deferred = {
            "servstd.sla.calendar.notice", "servstd.sla.calendar._notice_text", "zoneinfo", "pathlib",
            "platformdirs", "decimal", "shutil",
        }  # fmt: skip
        assert deferred & loaded == set()
        notice = tmp_path / "2027.txt"
        notice.write_text(SAMPLE_NOTICE.read_text(encoding="utf-8"), encoding="utf-8")
        code, loaded = _modules_loaded_by("workday", "2027-02-14", "--notice", str(notice), env=env)
        assert code == 0
        assert {"servstd.sla.calendar.notice", "pathlib"} <= loaded

    def test_score_command_loads_what_it_needs(self) -> None:
        """The probe sees imports: the catalog command does load the document layer."""
        code, loaded = _modules_loaded_by("catalog", "list")
        assert code == 0
        assert {"pydantic", "yaml", "servstd.catalog"} <= loaded

    def test_import_servstd_is_light(self) -> None:
        """`import servstd` loads none of its subpackages until a name is used."""
        proc = subprocess.run(
            [sys.executable, "-c", "import json, sys, servstd; print(json.dumps(sorted(sys.modules)))"],
            capture_output=True,
            text=True,
            check=True,
        )
        loaded = {m for m in json.loads(proc.stdout) if m.startswith("servstd")}
        assert loaded == {"servstd", "servstd._lazy"}
