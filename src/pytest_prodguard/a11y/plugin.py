"""The a11y part's pytest plugin, registered as ``prodguard.a11y``.

* ``a11y`` fixture: ``a11y.scan(page)`` / ``a11y.check(page)``;
* ``@pytest.mark.a11y(...)``: scan the test's page when the test ends (:class:`MarkedTests`);
* ``prodguard_a11y_pages``: every matching HTML file becomes a collected item (:mod:`.items`).

The browser and the page server come from :mod:`pytest_prodguard.browser`. This module loads in
every run, so the fixture imports the scanner when used, and the marker's per-test hooks are
registered once collection has found the marker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from ..keys import MARKERS_KEY
from ..markers import call_marker, fail
from ..record import settings
from .marker import a11y as a11y_marker
from .options import GATE, PAGES

if TYPE_CHECKING:
    from .axe import ScanOptions
    from .fixture import A11y

PAGE_FIXTURES = ("prodguard_page", "page")
_MARKER_KEY = pytest.StashKey[tuple[str | None, "ScanOptions"]]()


@pytest.fixture
def a11y(request: pytest.FixtureRequest) -> A11y:
    """Scan pages with axe-core: ``a11y.scan(page)`` returns the result, ``a11y.check(page)`` judges it."""
    from .fixture import A11y

    return A11y(request.node)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    # tryfirst: -k, -m and --lf then apply to the pages too.
    if settings(config).get(PAGES):
        from .items import page_items

        items.extend(page_items(session))


def pytest_collection_finish(session: pytest.Session) -> None:
    # Only a run with marked tests pays for the per-test hooks.
    if "a11y" in session.config.stash.get(MARKERS_KEY, frozenset()):
        session.config.pluginmanager.register(MarkedTests(), "prodguard.a11y.marked")


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
