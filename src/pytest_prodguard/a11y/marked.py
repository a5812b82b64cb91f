"""The hooks of tests marked ``@pytest.mark.a11y``, registered once collection found the marker.

Each marked test's marker is validated before it runs; its page is scanned when its call ends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from ..markers import call_marker, fail
from .marker import a11y as a11y_marker
from .options import GATE

if TYPE_CHECKING:
    from .axe import ScanOptions

PAGE_FIXTURES = ("prodguard_page", "page")
_MARKER_KEY = pytest.StashKey[tuple[str | None, "ScanOptions"]]()


class MarkedTests:
    """Validates each marked test's marker before it runs and scans its page after the call."""

    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        mark = item.get_closest_marker("a11y")
        if mark is None:
            return
        from .scanning import scan_options

        chosen = call_marker(item, mark, a11y_marker)
        impact = chosen.pop("impact")
        try:
            # Validate everything now, so a bad argument errors the test before it runs.
            options = scan_options(item.config, **chosen)
        except ValueError as exc:
            problem = str(exc)
        else:
            if not any(name in getattr(item, "fixturenames", ()) for name in PAGE_FIXTURES):
                problem = "no page to scan: use the prodguard_page fixture (or pytest-playwright's page)"
            else:
                item.stash[_MARKER_KEY] = (impact, options)
                return
        fail(f"prodguard: bad @pytest.mark.a11y on {item.nodeid}: {problem}")

    def pytest_prodguard_judge(self, item: pytest.Item, call: pytest.CallInfo[None]) -> None:
        chosen = item.stash.get(_MARKER_KEY, None)
        if chosen is None or call.when != "call" or call.excinfo is not None:
            return
        from ..findings import Finding
        from ..record import record_finding
        from .axe import ScanError
        from .scanning import record_result, scan_page

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
