"""Mutation testing of servstd's engines: small deliberate bugs, and whether the tests notice.

A mutant is the library with one change of one of these kinds:

* a comparison flipped at its boundary (``<`` ↔ ``<=``, ``>`` ↔ ``>=``, ``==`` ↔ ``!=``,
  ``is`` ↔ ``is not``, ``in`` ↔ ``not in``);
* an integer constant moved by one (``n`` → ``n + 1`` and ``n`` → ``n - 1``);
* ``+`` ↔ ``-`` (also in ``+=``/``-=``), ``and`` ↔ ``or``, ``min`` ↔ ``max``, ``True`` ↔ ``False``;
* an ``if``/``while``/conditional-expression test negated;
* ``return <value>`` → ``return None``.

Docstrings, annotations, f-strings, error messages (``raise``), ``assert`` (type narrowing),
``__all__`` and lines marked ``# pragma: no mutate`` are left alone. Each mutant is run against the
tests that cover its module (and the module's doctests) in a scratch copy of the project; it is
*killed* when a test fails (or it runs past its time limit), and *survives* otherwise. Mutants
listed in ``tests/mutation/equivalent.txt`` (reviewed: they cannot change behaviour) are left out
of the score; everything else counts.

Deterministic: mutants are enumerated in source order, a sample (``--max-per-module``) is drawn with
a fixed seed, and hypothesis runs derandomized without an example database.

Why not mutmut: it rewrites every function into a trampoline (which fights ``attrs`` slotted classes
and ``lru_cache``-wrapped static methods), mutates every string (thousands of mutants in Chinese
messages and explanations, scored one by one), and picks tests by its own coverage run. Here the
operators are the ones that make wrong answers in date and point arithmetic, the tests are chosen
per module, and each mutant runs in a forked child of a process that has already imported the
heavy third-party packages, so a mutant costs little more than its tests.

Usage: ``python bench/mutate.py [--module PATH ...] [--max-per-module N] [--list]``
(``nox -s mutate``).
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import dataclasses
import importlib
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENT = ROOT / "tests" / "mutation" / "equivalent.txt"
SURVIVORS = ROOT / "tests" / "mutation" / "survivors.txt"
SEED = 20_260_519

# module (under src/) → the tests that cover it
MODULES: dict[str, tuple[str, ...]] = {
    "servstd/sla/calendar/work_calendar.py": ("tests/sla/calendar",),
    "servstd/sla/calendar/notice.py": ("tests/sla/calendar",),
    "servstd/sla/calendar/_notice_text.py": ("tests/sla/calendar",),
    "servstd/sla/calendar/statute.py": ("tests/sla/calendar",),
    "servstd/sla/clock/_timeline.py": ("tests/sla/clock",),
    "servstd/sla/clock/service_clock.py": ("tests/sla/clock",),
    "servstd/sla/clock/durations.py": ("tests/sla/clock",),
    "servstd/sla/clock/deadline.py": ("tests/sla/clock",),
    "servstd/sla/policy/timer.py": ("tests/sla/policy",),
    "servstd/sla/policy/sla_policy.py": ("tests/sla/policy",),
    "servstd/sla/batch/_engine.py": ("tests/sla/batch",),
    "servstd/sla/batch/evaluation.py": ("tests/sla/batch",),
    "servstd/scoring/pools.py": ("tests/scoring",),
    "servstd/scoring/scorer.py": ("tests/scoring",),
}

# Modules whose doctests fail when run on their own (the suite runs them): none since no module
# shares its name with a function its package exports.
NO_DOCTEST: set[str] = set()

# imported once in the parent so each forked mutant skips their import time (never servstd)
PRELOAD = (
    "pytest",
    "hypothesis",
    "hypothesis.strategies",
    "attrs",
    "pydantic",
    "holidays",
    "pendulum",
    "numpy",
    "yaml",
    "zoneinfo",
    "fractions",
    "decimal",
)

PLUGIN = '''
"""Hypothesis settings for mutation runs: derandomized, no example database."""
from hypothesis import HealthCheck, settings

settings.register_profile(
    "mutate", max_examples=100, deadline=None, derandomize=True, database=None,
    suppress_health_check=list(HealthCheck), print_blob=False,
)


def pytest_configure(config):
    settings.load_profile("mutate")
'''

_FLIP: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}


_SYMMETRIC = (ast.Eq, ast.NotEq, ast.Is, ast.IsNot, ast.In, ast.NotIn)  # flip == negation


@dataclass(frozen=True)
class Mutant:
    """One change: replace ``source[start:end]`` of ``module`` by ``text``."""

    module: str
    where: str  # qualified name of the enclosing function or class
    line: int
    end_line: int
    start: int
    end: int
    before: str
    text: str
    context: str = ""  # e.g. "eq=" for a keyword argument's value
    nth: int = 1  # the same change more than once in one function: the n-th of them

    @property
    def change(self) -> str:
        """``before → after`` on one line (with ``#n`` when the function has it more than once)."""
        c = self.context
        out = f"{c}{_one_line(self.before)} → {c}{_one_line(self.text)}"
        return out if self.nth == 1 else f"{out} #{self.nth}"

    @property
    def location(self) -> str:
        """``Function:line``."""
        return f"{self.where}:{self.line}"


def _one_line(s: str) -> str:
    return " ".join(s.split())


class _Finder(ast.NodeVisitor):
    """Walk a module and collect the mutants of the kinds above."""

    def __init__(self, module: str, source: str) -> None:
        self.module = module
        self.source = source
        self.lines = source.splitlines(keepends=True)
        self.offsets = [0]
        for ln in self.lines:
            self.offsets.append(self.offsets[-1] + len(ln))
        self.scope: list[str] = []
        self.keyword = ""
        self.out: list[Mutant] = []
        self.skip_lines = {i + 1 for i, ln in enumerate(self.lines) if "pragma: no mutate" in ln}

    # -- helpers ---------------------------------------------------------------------------
    def _pos(self, line: int, col: int) -> int:
        # col_offset is in UTF-8 bytes
        text = self.lines[line - 1].encode()[:col].decode()
        return self.offsets[line - 1] + len(text)

    def _span(self, node: ast.AST) -> tuple[int, int]:
        return (
            self._pos(node.lineno, node.col_offset),  # type: ignore[attr-defined]
            self._pos(node.end_lineno, node.end_col_offset),  # type: ignore[attr-defined]
        )

    def _add(self, node: ast.AST, replacement: str) -> None:
        if node.lineno in self.skip_lines:  # type: ignore[attr-defined]
            return
        a, b = self._span(node)
        before = self.source[a:b]
        if replacement == before:
            return
        self.out.append(
            Mutant(
                self.module,
                ".".join(self.scope) or "<module>",
                node.lineno,  # type: ignore[attr-defined]
                node.end_lineno,  # type: ignore[attr-defined]
                a,
                b,
                before,
                replacement,
                self.keyword if isinstance(node, ast.Constant) else "",
            )
        )

    # -- what is left alone ----------------------------------------------------------------
    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        return

    def visit_Raise(self, node: ast.Raise) -> None:
        return

    def visit_Assert(self, node: ast.Assert) -> None:
        return

    def visit_Expr(self, node: ast.Expr) -> None:
        if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            return  # docstring
        self.generic_visit(node)

    def visit_keyword(self, node: ast.keyword) -> None:
        self.keyword = f"{node.arg}=" if node.arg and isinstance(node.value, ast.Constant) else ""
        self.visit(node.value)
        self.keyword = ""

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)

    def visit_Assign(self, node: ast.Assign) -> None:
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            return
        self.generic_visit(node)

    def _scoped(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
        self.scope.append(node.name)
        for stmt in node.body:
            self.visit(stmt)
        if not isinstance(node, ast.ClassDef):
            for default in [*node.args.defaults, *node.args.kw_defaults]:
                if default is not None:
                    self.visit(default)
        self.scope.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._scoped(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._scoped(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._scoped(node)

    def visit_If(self, node: ast.If) -> None:
        if isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            return
        self._negate(node.test)
        self.generic_visit(node)

    # -- the operators ---------------------------------------------------------------------
    def _negate(self, test: ast.expr) -> None:
        if isinstance(test, ast.Compare) and len(test.ops) == 1 and type(test.ops[0]) in _SYMMETRIC:
            return  # the flip of the comparison is the same mutant
        self._add(test, f"not ({self.source[slice(*self._span(test))]})")

    def visit_While(self, node: ast.While) -> None:
        if not (isinstance(node.test, ast.Constant) and node.test.value is True):
            self._negate(node.test)
        self.generic_visit(node)

    def visit_IfExp(self, node: ast.IfExp) -> None:
        self._negate(node.test)
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        for k, op in enumerate(node.ops):
            flipped = _FLIP.get(type(op))
            if flipped is not None:
                ops = list(node.ops)
                ops[k] = flipped()
                self._add(node, "(" + ast.unparse(ast.Compare(node.left, ops, node.comparators)) + ")")
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        v = node.value
        if isinstance(v, bool):
            self._add(node, str(not v))
        elif isinstance(v, int):
            self._add(node, str(v + 1))
            self._add(node, str(v - 1))

    def visit_BinOp(self, node: ast.BinOp) -> None:
        swap = {ast.Add: ast.Sub, ast.Sub: ast.Add}.get(type(node.op))
        if swap is not None:
            self._add(node, "(" + ast.unparse(ast.BinOp(node.left, swap(), node.right)) + ")")
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        swap = {ast.Add: ast.Sub, ast.Sub: ast.Add}.get(type(node.op))
        if swap is not None:
            self._add(node, ast.unparse(ast.AugAssign(node.target, swap(), node.value)))
        self.generic_visit(node)

    def visit_BoolOp(self, node: ast.BoolOp) -> None:
        other = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        self._add(node, "(" + ast.unparse(ast.BoolOp(other, node.values)) + ")")
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Name) and node.func.id in ("min", "max"):
            self._add(node.func, "max" if node.func.id == "min" else "min")
        self.generic_visit(node)

    def visit_Return(self, node: ast.Return) -> None:
        if node.value is not None and not (isinstance(node.value, ast.Constant) and node.value.value is None):
            self._add(node, "return None")
        self.generic_visit(node)


def find_mutants(module: str) -> list[Mutant]:
    """Every mutant of ``module`` (a path under ``src/``), in source order, duplicates dropped."""
    source = (ROOT / "src" / module).read_text(encoding="utf-8")
    finder = _Finder(module, source)
    finder.visit(ast.parse(source))
    seen: set[str] = set()
    count: dict[tuple[str, str], int] = {}
    out = []
    for m in finder.out:
        mutated = source[: m.start] + m.text + source[m.end :]
        if mutated in seen:
            continue
        ast.parse(mutated)  # every mutant must at least compile
        seen.add(mutated)
        key = (m.where, m.change)
        count[key] = count.get(key, 0) + 1
        out.append(dataclasses.replace(m, nth=count[key]))
    return out


# -- the reviewed equivalents ------------------------------------------------------------------
def load_equivalents() -> list[tuple[str, str, str]]:
    """``(module, location, change)`` of each reviewed line of the equivalents file."""
    out = []
    if EQUIVALENT.exists():
        for raw in EQUIVALENT.read_text(encoding="utf-8").splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            parts = [p.strip() for p in line.split(" | ")]
            if len(parts) != 4 or not parts[3]:
                sys.exit(f"{EQUIVALENT}: expected 'module | location | change | why', got {raw!r}")
            out.append((parts[0], parts[1], parts[2]))
    return out


def is_equivalent(m: Mutant, equivalents: list[tuple[str, str, str]]) -> bool:
    """Listed by module, function and change (the line number is only a hint: code moves)."""
    where = m.where
    return any(
        mod == m.module and loc.rsplit(":", 1)[0] == where and change == m.change
        for mod, loc, change in equivalents
    )


# -- running ------------------------------------------------------------------------------------
@contextlib.contextmanager
def scratch_copy() -> Iterator[Path]:
    """A copy of the project (source, tests, config) that mutants may overwrite."""
    tmp = Path(tempfile.mkdtemp(prefix="servstd-mutate-"))
    try:
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis", "_build")
        for name in ("src", "tests", "examples", "docs"):  # docs: a test replays the tutorial
            shutil.copytree(ROOT / name, tmp / name, ignore=ignore)
        for name in ("pyproject.toml", "README.md", "README.zh-CN.md"):
            shutil.copy2(ROOT / name, tmp / name)
        (tmp / "_mutate_profile.py").write_text(PLUGIN, encoding="utf-8")
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _base_args() -> list[str]:
    return [
        "-x",
        "-q",
        "-p",
        "no:cacheprovider",
        "-p",
        "_mutate_profile",
        "--no-header",
        "-W",
        "ignore::pytest.PytestAssertRewriteWarning",
        "-o",
        "addopts=--strict-markers --doctest-modules --import-mode=importlib",
    ]


def run_tests(copy: Path, args: list[str], timeout: float, *, quiet: bool = True) -> tuple[bool, float]:
    """Run pytest with ``args`` in a forked child; ``(passed, seconds)``. A timeout is a failure."""
    began = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: its own imports of servstd come from the copy
        try:
            os.chdir(copy)
            sys.path[:0] = [str(copy / "src"), str(copy)]
            signal.alarm(max(1, int(timeout)))
            if quiet:
                null = os.open(os.devnull, os.O_WRONLY)
                os.dup2(null, 1)
                os.dup2(null, 2)
            import pytest

            code = pytest.main(args)
        except BaseException:  # the child must never return into the parent's loop
            import traceback

            traceback.print_exc()
            code = 99
        os._exit(int(code))
    _, status = os.waitpid(pid, 0)
    passed = os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    return passed, time.monotonic() - began


def covering_tests(copy: Path, module: str) -> tuple[dict[int, list[str]], float]:
    """Run the module's tests once under coverage: which tests run each line, and how long it took.

    Lines run while importing (before any test) map to every test of the module.
    """
    import coverage

    data_file = copy / ".coverage.mutate"
    data_file.unlink(missing_ok=True)
    os.environ["COVERAGE_FILE"] = str(data_file)
    targets = [*([] if module in NO_DOCTEST else [f"src/{module}"]), *MODULES[module]]
    args = [*_base_args(), "--cov=servstd", "--cov-context=test", "--cov-report=", *targets]
    ok, seconds = run_tests(copy, args, timeout=1200, quiet=os.environ.get("MUTATE_VERBOSE") is None)
    if not ok:
        sys.exit(f"{module}: its tests fail without any mutation; fix them first")
    data = coverage.CoverageData(basename=str(data_file))
    data.read()
    by_line = data.contexts_by_lineno(str(copy / "src" / module))
    out: dict[int, list[str]] = {}
    for line, contexts in by_line.items():
        tests = sorted({c.rsplit("|", 1)[0] for c in contexts if c})
        out[line] = targets if "" in contexts or not tests else tests
    return out, seconds


def pick(module: str, match: str | None, sample: int) -> list[Mutant]:
    """The module's mutants, filtered by ``match`` and sampled with a fixed seed (0: all)."""
    mutants = find_mutants(module)
    if match:
        mutants = [m for m in mutants if match in f"{m.location} {m.change}"]
    if sample and len(mutants) > sample:
        rnd = random.Random(f"{SEED}:{module}")
        mutants = [mutants[i] for i in sorted(rnd.sample(range(len(mutants)), sample))]
    return mutants


def main(argv: list[str] | None = None) -> int:
    """Enumerate, sample, run; print per-module figures and write the survivors file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", action="append", help="a module under src/ (default: all engines)")
    parser.add_argument("--max-per-module", type=int, default=0, help="sample size per module (0: all)")
    parser.add_argument("--match", help="only mutants whose location or change contains this text")
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    parser.add_argument("--survivors", type=Path, default=SURVIVORS, help="where to write the survivors")
    opts = parser.parse_args(argv)
    modules = opts.module or list(MODULES)
    unknown = [m for m in modules if m not in MODULES]
    if unknown:
        parser.error(f"unknown module(s) {unknown}; known: {list(MODULES)}")
    equivalents = load_equivalents()
    plan = {module: pick(module, opts.match, opts.max_per_module) for module in modules}
    if opts.list:
        for module, mutants in plan.items():
            for m in mutants:
                flag = "  [equivalent]" if is_equivalent(m, equivalents) else ""
                print(f"{module} | {m.location} | {m.change}{flag}")
        print(sum(len(v) for v in plan.values()), "mutants")
        return 0

    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
    sys.dont_write_bytecode = True
    for name in PRELOAD:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    assert "servstd" not in sys.modules, "the parent must not import servstd"

    rows = []
    survivors: list[tuple[Mutant, bool]] = []
    began = time.monotonic()
    with scratch_copy() as copy:
        for module, mutants in plan.items():
            row, lost = run_module(copy, module, mutants, equivalents)
            rows.append(row)
            survivors += lost
    report(rows, time.monotonic() - began)
    lines = [
        "# Mutants the tests did not kill (module | location | change), written by bench/mutate.py.",
        f"# Modules: {', '.join(modules)}; sample per module: {opts.max_per_module or 'all'}.",
    ]
    lines += [
        f"{m.module} | {m.location} | {m.change}{'' if ran else '  [no test runs it]'}"
        for m, ran in survivors
    ]
    opts.survivors.parent.mkdir(parents=True, exist_ok=True)
    opts.survivors.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"survivors written to {opts.survivors}")
    return 0


Row = tuple[str, int, int, int, int]  # module, mutants scored, killed, survived, equivalent


def run_module(
    copy: Path, module: str, mutants: list[Mutant], equivalents: list[tuple[str, str, str]]
) -> tuple[Row, list[tuple[Mutant, bool]]]:
    """Run each mutant of ``module`` against the tests that run its lines."""
    path = copy / "src" / module
    original = path.read_text(encoding="utf-8")
    by_line, base = covering_tests(copy, module)
    limit = max(20.0, 3 * base)
    killed = equivalent = 0
    lost: list[tuple[Mutant, bool]] = []
    for k, m in enumerate(mutants, 1):
        if is_equivalent(m, equivalents):
            equivalent += 1
            continue
        tests = sorted({t for ln in range(m.line, m.end_line + 1) for t in by_line.get(ln, [])})
        passed = True  # no test runs the line: the mutant survives untried
        if tests:
            path.write_text(original[: m.start] + m.text + original[m.end :], encoding="utf-8")
            try:
                passed, _ = run_tests(copy, [*_base_args(), *tests], timeout=limit)
            finally:
                path.write_text(original, encoding="utf-8")
        if passed:
            lost.append((m, bool(tests)))
            print(f"  survived {module} {m.location}: {m.change}", flush=True)
        else:
            killed += 1
        if sys.stderr.isatty():
            print(f"\r  {module}: {k}/{len(mutants)}", end="", file=sys.stderr, flush=True)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    return (module, len(mutants) - equivalent, killed, len(lost), equivalent), lost


def report(rows: list[Row], seconds: float) -> None:
    """The per-module table: mutants scored (equivalents left out), killed, survived, score."""
    print()
    print(f"{'module':42} {'mutants':>7} {'killed':>6} {'survived':>8} {'score':>6} {'equiv.':>6}")
    tot = [0, 0, 0, 0]
    for module, n, killed, survived, equivalent in rows:
        score = f"{100 * killed / n:.1f}%" if n else "-"
        print(f"{module:42} {n:7} {killed:6} {survived:8} {score:>6} {equivalent:6}", flush=True)
        tot = [tot[0] + n, tot[1] + killed, tot[2] + survived, tot[3] + equivalent]
    score = f"{100 * tot[1] / tot[0]:.1f}%" if tot[0] else "-"
    print(f"{'all':42} {tot[0]:7} {tot[1]:6} {tot[2]:8} {score:>6} {tot[3]:6}")
    print(f"({seconds:.0f} s)")


if __name__ == "__main__":
    sys.exit(main())
