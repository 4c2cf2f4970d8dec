"""Hypothesis profiles: ``dev`` (fast, default) and ``ci`` (thorough, selected when CI is set)."""

import os
import tempfile

from hypothesis import HealthCheck, settings

# Notice folders every calendar reads: the suite never reads or writes the user's real ones.
os.environ["SERVSTD_DATA_DIR"] = tempfile.mkdtemp(prefix="servstd-test-data-")
os.environ.pop("SERVSTD_NOTICES", None)

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci",
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
