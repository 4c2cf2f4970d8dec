"""The PostgreSQL functions parse with PostgreSQL's own parser (libpg_query, through pglast).

No PostgreSQL server runs in the test suite; the script was also run on PostgreSQL 16 by hand
(see docs/howto/working-days-in-sql.md). Function bodies are strings, so each body is parsed too.
"""

from __future__ import annotations

import pglast
import pytest
from pglast import ast

from servstd.sla.sql import macros

NAMES = {
    "servstd_is_working_day",
    "servstd_add_working_days",
    "servstd_working_days_between",
    "servstd_open_microseconds",
    "servstd_business_seconds",
    "servstd_add_business_seconds",
}


def _functions() -> dict[str, str]:
    out = {}
    for raw in pglast.parse_sql(macros("postgresql")):
        stmt = raw.stmt
        if isinstance(stmt, ast.CreateFunctionStmt):
            name = stmt.funcname[-1].sval
            body = next(o.arg[0].sval for o in stmt.options if o.defname == "as")
            out[name] = body
    return out


def test_script_defines_every_function() -> None:
    """The script parses and creates the six functions the DuckDB file has as macros."""
    assert set(_functions()) == NAMES


@pytest.mark.parametrize("name", sorted(NAMES))
def test_each_body_parses(name: str) -> None:
    """Each function body is one valid SELECT for PostgreSQL's parser."""
    body = _functions()[name]
    (raw,) = pglast.parse_sql(body)
    assert isinstance(raw.stmt, ast.SelectStmt)


def test_a_broken_body_would_be_caught() -> None:
    """The parser rejects PostgreSQL-invalid SQL (so the checks above can fail)."""
    with pytest.raises(pglast.parser.ParseError):
        pglast.parse_sql("SELECT CASE WHEN x > 0 THEN 1 FROM t")  # CASE without END


def test_duckdb_script_is_not_postgres() -> None:
    """The DuckDB script uses DuckDB syntax (ASOF JOIN), which is why PostgreSQL gets its own script."""
    assert "ASOF" in macros("duckdb")
    assert "ASOF" not in macros("postgresql")
