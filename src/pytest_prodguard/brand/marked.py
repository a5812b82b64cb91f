"""The hooks of tests marked ``@pytest.mark.brand``, registered once collection found the marker.

The marker's settings apply before the test's fixtures (the ``brand`` fixture reads them); a
marked test in which no brand check ran fails rather than passing having checked nothing.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from ..markers import call_marker
from .marker import brand as brand_marker


class MarkedTests:
    """Applies each marked test's settings before its fixtures, and judges its call phase."""

    @pytest.hookimpl(tryfirst=True)  # before fixtures: the brand fixture reads the marker's settings
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        mark = item.get_closest_marker("brand")
        if mark is None:
            return
        from .configured import PROFILE_KEY, profile_of

        changes = call_marker(item, mark, brand_marker)
        item.stash[PROFILE_KEY] = replace(profile_of(item.config), **changes)

    def pytest_prodguard_judge(self, item: pytest.Item, call: pytest.CallInfo[None]) -> None:
        if call.when != "call" or call.excinfo is not None or item.get_closest_marker("brand") is None:
            return
        from .configured import CHECKS_KEY

        if not item.stash.get(CHECKS_KEY, 0):
            from ..findings import Finding
            from ..record import record_finding
            from .engine import GATE

            message = "marked @pytest.mark.brand but no brand check ran (call the brand fixture's check_* methods)"
            record_finding(item, Finding(gate=GATE, rule="nothing-checked", message=message))
