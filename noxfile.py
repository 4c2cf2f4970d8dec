"""Every check servstd runs: ``nox`` runs lint, typecheck, the tests on each supported Python, and
docs; the other sessions are opt-in, and CI (``.ci/run``) runs each of them once.

Interpreters: ``tests`` runs on CPython 3.10, 3.11, 3.12 and 3.13 (``tests-3.10`` … ``tests-3.13``);
lint, typecheck, docs and the opt-in sessions run on the interpreter nox runs on. nox looks for each
version on PATH (pyenv shims included) and downloads none; a version that is missing is skipped with
a line saying so (``--download-python auto`` lets uv fetch it instead). Under CI (``CI`` set) a
missing interpreter is an error, and the hypothesis ``ci`` profile runs.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import nox

PYTHONS = ["3.10", "3.11", "3.12", "3.13"]
FULL_PYTHON = "3.11"  # where the slow tests run and coverage is measured (the others skip both)
CI = bool(os.environ.get("CI"))

nox.needs_version = ">=2025.10.14"  # download_python
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["lint", "typecheck", "tests", "docs"]
nox.options.reuse_existing_virtualenvs = True
nox.options.download_python = "never"
nox.options.error_on_missing_interpreters = CI


def _install(session: nox.Session, *groups: str, extras: str = "") -> None:
    """Install the project and the named dependency groups from pyproject.toml."""
    args = [f"--group={g}" for g in groups]
    target = f".[{extras}]" if extras else "."
    session.install("-e", target, *args)


def _hypothesis_env() -> dict[str, str]:
    return {"HYPOTHESIS_PROFILE": "ci"} if CI else {}


@nox.session
def lint(session: nox.Session) -> None:
    """ruff: style and correctness rules."""
    _install(session, "lint")
    paths = [
        "src",
        "tests",
        "tests_spark",
        "examples",
        "bench",
        "scripts",
        "noxfile.py",
        "docs/conf.py",
        "docs/_ext",
        "docs/translations.py",
        "typing_tests",
    ]
    session.run("ruff", "check", *paths)
    session.run("ruff", "format", "--check", *paths)


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict over the library, the typed-API file and the example service (for Python 3.10,
    the oldest supported)."""
    _install(session, "typing", extras="all")
    session.run("mypy", "--strict", "src", "typing_tests", "examples/service")


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """pytest on every core (doctests over src included); on 3.11 also the slow tests and coverage.

    Every interpreter runs the suite but the tests marked slow (tests/conftest.py: the longest
    property runs); 3.11 measures its branch coverage (at least 90 %), then runs the slow tests
    untraced. Coverage and the slow tests once, rather than on each interpreter, halve the time.

    The PostgreSQL tests start their own server when one is installed and are skipped, naming the
    install command, when none is (``SERVSTD_REQUIRE_POSTGRESQL=1`` makes that a failure, as in
    CI). Arguments go to pytest: ``nox -s tests-3.12 -- tests/sla -x``; ``-- -n 0`` runs in one
    process.
    """
    _install(session, "tests", extras="all")
    # idle workers take queued tests, so the few long hypothesis tests do not end alone
    pytest = ["pytest", "-n", "auto", "--dist", "worksteal"]
    env = _hypothesis_env()
    if session.python != FULL_PYTHON:
        session.run(*pytest, "-m", "not slow", *session.posargs, env=env)
        return
    coverage = ["--cov=servstd", "--cov-report=term", "--cov-fail-under=90"]
    session.run(*pytest, "-m", "not slow", *coverage, *session.posargs, env=env)
    # the slow tests without the tracer, which would double their time (exit 5: none selected)
    session.run(*pytest, "-m", "slow", *session.posargs, env=env, success_codes=[0, 5])


@nox.session
def docs(session: nox.Session) -> None:
    """Build the English and Chinese sites with warnings as errors, run both sites' doctests, and
    check that the Chinese message catalogs are in step with the English sources."""
    _install(session, "docs", extras="all")
    strict = ["-n", "-W", "--keep-going"]
    session.run("sphinx-build", *strict, "-b", "html", "docs", "docs/_build/html")
    session.run("sphinx-build", *strict, "-b", "doctest", "docs", "docs/_build/doctest")
    session.run("sphinx-build", "-q", "-b", "gettext", "docs", "docs/_build/gettext")
    session.run(
        "python", "docs/translations.py", "check", "docs/_build/gettext", "docs/locale/zh_CN/LC_MESSAGES"
    )
    zh = ["-D", "language=zh_CN"]
    session.run("sphinx-build", *strict, *zh, "-b", "html", "docs", "docs/_build/html/zh_CN")
    session.run("sphinx-build", *strict, *zh, "-b", "doctest", "docs", "docs/_build/doctest-zh_CN")


@nox.session
def translations(session: nox.Session) -> None:
    """Update the Chinese message catalogs from the English sources (then translate what is new)."""
    _install(session, "docs", extras="all")
    session.run("sphinx-build", "-q", "-b", "gettext", "docs", "docs/_build/gettext")
    session.run(
        "python", "docs/translations.py", "update", "docs/_build/gettext", "docs/locale/zh_CN/LC_MESSAGES"
    )


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks against the libraries users would otherwise pick (prints ratios).

    ``nox -s bench -- --quick`` runs every benchmark on small samples (what CI runs, so the scripts
    cannot rot; its figures are not asserted).
    """
    _install(session, "bench", extras="batch,sql,parquet")
    session.run("python", "bench/run.py", *session.posargs)


@nox.session
def holidays(session: nox.Session) -> None:
    """A new holidays release against the calendar snapshot servstd ships: prints every difference.

    ``nox -s holidays`` installs the newest release, ``nox -s holidays -- 0.110`` a given one (past
    the bound in pyproject.toml, on purpose); ``-- --write`` then replaces the snapshot files. The
    procedure is in the working-days guide, "A new holidays release".
    """
    _install(session)
    release = [a for a in session.posargs if not a.startswith("-")]
    session.install("--upgrade", f"holidays=={release[0]}" if release else "holidays")
    session.run("python", "scripts/holiday_snapshot.py", *(a for a in session.posargs if a.startswith("-")))


@nox.session
def mutate(session: nox.Session) -> None:
    """Mutation testing of the engines (opt-in, slow): per-module scores, survivors to a file.

    Survivors go to tests/mutation/survivors.txt. ``nox -s mutate -- --module servstd/scoring/pools.py``
    runs one module; ``--max-per-module 0`` runs every mutant. CI lists every module's mutants and
    runs three of one module (survivors to a scratch file), so the tool keeps working on the tree.
    """
    _install(session, "tests", extras="all")
    session.run("python", "bench/mutate.py", "--max-per-module", "40", *session.posargs)


@nox.session
def spark(session: nox.Session) -> None:
    """The Spark recipe on a real local Spark session (local[2], Java 17+), a million rows; opt-in,
    run by CI."""
    _install(session, "tests", extras="batch")
    session.install("pyspark>=3.5", "pandas>=2,<3")  # PySpark warns on pandas 3
    session.run(
        "pytest", "tests_spark", "-p", "no:cacheprovider", "--no-cov", "-o", "addopts=", *session.posargs
    )


@nox.session
def build(session: nox.Session) -> None:
    """The built artefacts as users get them (opt-in, run by CI).

    ``uv build`` makes the sdist and, from it, the wheel; ``twine check --strict`` checks their
    metadata; bench/check_wheel.py checks the wheel ships py.typed and every catalog document and
    that it equals, file for file, a wheel built straight from the source tree. Then the wheel alone
    is installed into a fresh virtual environment outside the project, and bench/smoke_wheel.py runs
    there: the README's first command, a deadline, a score, ``catalog list``, and each extra's
    message when the extra is missing.
    """
    session.install("--group=build")
    dist = Path("dist")
    shutil.rmtree(dist, ignore_errors=True)
    session.run("uv", "build", "--out-dir", str(dist))
    session.run("uv", "build", "--wheel", "--out-dir", str(dist / "from-tree"))
    artefacts = sorted(str(p) for p in dist.glob("servstd-*"))
    session.run("twine", "check", "--strict", *artefacts)
    session.run("python", "bench/check_wheel.py", str(dist), str(dist / "from-tree"))
    (wheel,) = dist.glob("servstd-*.whl")
    smoke = Path("bench/smoke_wheel.py").resolve()
    with tempfile.TemporaryDirectory(prefix="servstd-wheel-") as tmp:
        venv = Path(tmp) / "venv"
        python = venv / "bin" / "python"
        base = shutil.which("python", path=session.bin)  # the session's interpreter
        session.run("uv", "venv", "--quiet", "--python", str(base), str(venv))
        session.run("uv", "pip", "install", "--quiet", "--python", str(python), str(wheel.resolve()))
        with session.chdir(tmp):
            session.run(str(python), "-I", str(smoke), external=True)
