"""The a11y part's pytest plugin, registered as ``prodguard.a11y``.

* ``a11y`` fixture: ``a11y.scan(page)`` / ``a11y.check(page)``;
* ``@pytest.mark.a11y(...)``: scan the test's page when the test ends;
* ``prodguard_a11y_pages``: every matching HTML file becomes a collected item.

The browser and the page server come from :mod:`pytest_prodguard.browser`.

This module loads in every run, so it stays small: the fixture imports the scanner when used,
the collected pages' hooks (``items.PageCollection``) are registered only when
``prodguard_a11y_pages`` is set, and the marker's per-test hooks (``marker.MarkerScans``) only
when a collected test carries the marker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .._lazy import register_once
from ..collect import uses_marker
from ..record import settings
from .options import PAGES

if TYPE_CHECKING:
    from .check import A11y

PAGES_NAME = "prodguard.a11y.pages"
MARKER_NAME = "prodguard.a11y.marker"


@pytest.fixture
def a11y(request: pytest.FixtureRequest) -> A11y:
    """Scan pages with axe-core: ``a11y.scan(page)`` returns the result, ``a11y.check(page)`` judges it."""
    from .check import A11y

    return A11y(request.node)


def pytest_configure(config: pytest.Config) -> None:
    if settings(config).get(PAGES):
        register_once(config, PAGES_NAME, "pytest_prodguard.a11y.items:PageCollection")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # trylast: look at what is left after -k, -m and --lf deselected.
    if uses_marker(config, items, "a11y"):
        register_once(config, MARKER_NAME, "pytest_prodguard.a11y.marker:MarkerScans")
