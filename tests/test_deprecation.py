"""Old spellings keep working for one release and warn, naming the new spelling."""

from __future__ import annotations

import pytest

from servstd._deprecation import renamed


def _new(a: int, *, b: int = 0) -> int:
    return a + b


class TestRenamed:
    def test_the_alias_does_what_the_new_name_does_and_warns(self) -> None:
        """A deprecated alias returns the new function's answer and names the new spelling."""
        old = renamed(_new, "old_name", "new_name")
        with pytest.warns(DeprecationWarning, match="old_name is deprecated; use new_name"):
            assert old(1, b=2) == 3

    def test_the_warning_blames_the_caller(self) -> None:
        """The warning points at the line that used the old name, not inside servstd."""
        old = renamed(_new, "old_name", "new_name")
        with pytest.warns(DeprecationWarning, match="use new_name") as caught:
            old(1)
        assert caught[0].filename == __file__
