"""The brand part's pytest plugin, registered as ``prodguard.brand``.

Files named by ``prodguard_brand_paths`` become collected items (``css/site.css::brand``); the
``brand`` fixture and ``@pytest.mark.brand`` check stylesheets, markup and live pages in a test.

This module loads in every run, so it stays small: the fixture imports the checker when used,
the collection hooks (``items.BrandCollection``) are registered only when
``prodguard_brand_paths`` is set, and the marker's per-test hooks (``marker.BrandMarker``) only
when a collected test carries the marker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .._lazy import register_once
from ..collect import uses_marker
from ..record import settings
from .options import PATHS

if TYPE_CHECKING:
    from .checker import BrandChecker

COLLECTION_NAME = "prodguard.brand.files"
MARKER_NAME = "prodguard.brand.marker"


@pytest.fixture
def brand(request: pytest.FixtureRequest) -> BrandChecker:
    """Check CSS, HTML, SVG or a live Playwright page against the brand tokens."""
    from .checker import BrandChecker

    return BrandChecker(request.node)


def pytest_configure(config: pytest.Config) -> None:
    if settings(config).get(PATHS):
        register_once(config, COLLECTION_NAME, "pytest_prodguard.brand.items:BrandCollection")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # trylast: look at what is left after -k, -m and --lf deselected.
    if uses_marker(config, items, "brand"):
        register_once(config, MARKER_NAME, "pytest_prodguard.brand.marker:BrandMarker")
