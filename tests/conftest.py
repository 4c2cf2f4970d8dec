"""Hypothesis profiles: ``dev`` (fast, default) and ``ci`` (thorough, selected when CI is set);
the ``slow`` marker on the longest tests."""

import os
import tempfile

import pytest
from hypothesis import HealthCheck, settings

# Notice folders every calendar reads: the suite never reads or writes the user's real ones.
os.environ["SERVSTD_DATA_DIR"] = tempfile.mkdtemp(prefix="servstd-test-data-")
os.environ.pop("SERVSTD_NOTICES", None)
# The command's language is English whatever the machine's locale; tests of the language choice
# set the environment they need.
os.environ["SERVSTD_LANG"] = "en"

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci",
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

# The longest tests under the ci profile (seconds in one process, from `pytest --durations`), about
# a third of the suite's time between them. Every nox test session leaves them out (`-m "not slow"`);
# tests-3.11 runs them once, after its coverage run and untraced (the tracer doubles their time).
# Listed here rather than marked in place so that the list is one reviewed table. The DuckDB 1.5
# entries are slow only there (Python 3.10): the business-time macros' as-of joins take 50× longer.
SLOW = {
    "tests/sla/batch/test_evaluation.py::TestEqualsScalar::test_every_row_is_the_scalar_evaluation": 40,
    "tests/test_fuzz_cli.py::test_cli_contract": 29,
    "tests/standards/test_loading.py::test_random_standards_round_trip": 21,
    "tests/sla/clock/test_clock_fuzz.py::test_add_elapsed_round_trip": 12,
    "tests/sla/batch/test_batch.py::test_add_working_days_equals_scalar": 9,
    "tests/sla/clock/test_clock_fuzz.py::test_questions_at_hard_instants": 8,
    "tests/test_documents_fuzz.py::test_corrupted_bytes": 8,
    "tests/sla/sql/test_duckdb_macros.py::TestHundredThousand::test_business_seconds": 133,  # DuckDB 1.5
    "tests/sla/sql/test_duckdb_macros.py::TestHundredThousand::test_add_business_seconds": 55,  # DuckDB 1.5
}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: one of the longest tests (tests/conftest.py); run once, on 3.11"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.nodeid.split("[", 1)[0] in SLOW:
            item.add_marker(pytest.mark.slow)
