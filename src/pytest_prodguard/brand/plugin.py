"""The brand part's pytest plugin, registered as ``prodguard.brand``.

Files named by ``prodguard_brand_paths`` become collected items (``css/site.css::brand``, see
:mod:`.items`); the ``brand`` fixture and ``@pytest.mark.brand`` check stylesheets, markup and
live pages in a test.

This module loads in every run, and pytest looks at each of its names, so it holds hooks and the
fixture only: the fixture imports the checker when used, the collection hooks
(:class:`.items.BrandFiles`) are registered only when ``prodguard_brand_paths`` is set, and the
marker's per-test hooks (:mod:`.marked`) once collection has found the marker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .. import keys

if TYPE_CHECKING:
    from .fixture import BrandChecker


@pytest.fixture
def brand(request: pytest.FixtureRequest) -> BrandChecker:
    """Check CSS, HTML, SVG or a live Playwright page against the brand tokens."""
    from .fixture import BrandChecker

    return BrandChecker(request.node)


def pytest_configure(config: pytest.Config) -> None:
    from .options import PATHS

    if keys.settings(config).get(PATHS):
        from .items import BrandFiles

        config.pluginmanager.register(BrandFiles(), "prodguard.brand.files")


def pytest_collection_finish(session: pytest.Session) -> None:
    # Only a run with marked tests pays for the per-test hooks.
    if "brand" in session.config.stash.get(keys.MARKERS_KEY, frozenset()):
        from .marked import MarkedTests

        session.config.pluginmanager.register(MarkedTests(), "prodguard.brand.marked")
