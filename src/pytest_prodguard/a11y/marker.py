"""``@pytest.mark.a11y``: scan the page a test used when the test ends.

:class:`MarkerScans` holds the per-test hooks. The plugin registers it only when a collected test
carries the marker, so other runs never pay for them (nor for the findings wrapper that a
``pytest_prodguard_judge`` implementation switches on).
"""

from __future__ import annotations

import pytest

from ..findings import Finding
from ..record import record_finding
from .axe import ScanError, ScanOptions
from .check import GATE, check_impact, marker_options, record_result, scan_options, scan_page

PAGE_FIXTURES = ("prodguard_page", "page")
_MARKER_KEY = pytest.StashKey[tuple[str | None, ScanOptions]]()


class MarkerScans:
    """Validates each marked test's marker before it runs and scans its page after the call."""

    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        marker = item.get_closest_marker("a11y")
        if marker is None:
            return
        try:
            if marker.args:
                raise TypeError("takes keyword arguments only")
            # Validate everything now, so a bad argument errors the test before it runs.
            chosen = marker_options(**marker.kwargs)
            impact = check_impact(chosen.pop("impact"))
            options = scan_options(item.config, **chosen)
        except (TypeError, ValueError) as exc:
            pytest.fail(f"prodguard: bad @pytest.mark.a11y on {item.nodeid}: {exc}", pytrace=False)
        if not any(name in getattr(item, "fixturenames", ()) for name in PAGE_FIXTURES):
            pytest.fail(
                f"prodguard: @pytest.mark.a11y on {item.nodeid} has no page to scan: "
                "use the prodguard_page fixture (or pytest-playwright's page)",
                pytrace=False,
            )
        item.stash[_MARKER_KEY] = (impact, options)

    def pytest_prodguard_judge(self, item: pytest.Item, call: pytest.CallInfo[None]) -> None:
        chosen = item.stash.get(_MARKER_KEY, None)
        if chosen is None or call.when != "call" or call.excinfo is not None:
            return
        impact, options = chosen
        funcargs = getattr(item, "funcargs", {})
        page = next((funcargs[name] for name in PAGE_FIXTURES if name in funcargs), None)
        try:
            if page is None:
                raise ScanError("prodguard: the test's page fixture was not set up")
            result = scan_page(page, item.config, options)
        except ScanError as exc:
            record_finding(item, Finding(GATE, "scan-error", str(exc).removeprefix("prodguard: "), key="scan-error"))
            return
        record_result(item, result, impact, page)
