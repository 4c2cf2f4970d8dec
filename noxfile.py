"""Every check servstd runs: ``nox`` runs lint, typecheck, tests and docs; others are opt-in.

Sessions run on the interpreter nox itself runs on (CI sets CI=true, under which a missing
interpreter is an error, and these machines have a single Python).
"""

from __future__ import annotations

import os

import nox

nox.needs_version = ">=2024.4"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["lint", "typecheck", "tests", "docs"]
nox.options.reuse_existing_virtualenvs = True


def _install(session: nox.Session, *groups: str, extras: str = "") -> None:
    """Install the project and the named dependency groups from pyproject.toml."""
    args = [f"--group={g}" for g in groups]
    target = f".[{extras}]" if extras else "."
    session.install("-e", target, *args)


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
    """mypy --strict over the library and the typed-API file."""
    _install(session, "typing", extras="all")
    session.run("mypy", "--strict", "src", "typing_tests")


@nox.session
def tests(session: nox.Session) -> None:
    """pytest (with doctests over src) and branch coverage."""
    _install(session, "tests", extras="all")
    env = {"HYPOTHESIS_PROFILE": "ci"} if os.environ.get("CI") else {}
    session.run(
        "pytest",
        "--cov=servstd",
        "--cov-report=term",
        "--cov-fail-under=90",
        *session.posargs,
        env=env,
    )


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
    """Benchmarks against the libraries users would otherwise pick (prints ratios)."""
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
    runs one module; ``--max-per-module 0`` runs every mutant.
    """
    _install(session, "tests", extras="all")
    session.run("python", "bench/mutate.py", "--max-per-module", "40", *session.posargs)


@nox.session
def spark(session: nox.Session) -> None:
    """The Spark recipe on a real local Spark session (local[2], Java 17+); opt-in, run by CI."""
    _install(session, "tests", extras="batch")
    session.install("pyspark>=3.5", "pandas>=2,<3")  # PySpark warns on pandas 3
    session.run(
        "pytest", "tests_spark", "-p", "no:cacheprovider", "--no-cov", "-o", "addopts=", *session.posargs
    )


@nox.session
def build(session: nox.Session) -> None:
    """Build the wheel and check it ships py.typed and the catalog documents."""
    session.install("build")
    session.run("python", "-m", "build", "--wheel", "--outdir", "dist")
    session.run("python", "bench/check_wheel.py", "dist")
