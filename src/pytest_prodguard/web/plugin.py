"""The web part's pytest plugin, registered as ``prodguard.web``.

* ``page_timing`` fixture: ``page_timing.load(url_or_path, rounds=20, cold=True)``;
* ``prodguard_bundle_budgets``: every matching file becomes a collected item checking its sizes.

This module loads in every run, so it stays small: the fixture imports the loader when used and
the bundle items' hooks (``items.BundleCollection``) are registered only when the setting is set.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from .._lazy import register_once
from ..record import settings
from .options import BUNDLES, THROTTLING

if TYPE_CHECKING:
    from .fixture import PageTiming

BUNDLES_NAME = "prodguard.web.bundles"


@pytest.fixture
def page_timing(request: pytest.FixtureRequest, prodguard_browser: Any) -> PageTiming:
    """Time page loads in the session's Chromium: ``page_timing.load(url_or_path, rounds=20, cold=True)``."""
    from .fixture import PageTiming

    return PageTiming(request.node, prodguard_browser)


def pytest_configure(config: pytest.Config) -> None:
    if settings(config).setting(BUNDLES).raw is not None:
        register_once(config, BUNDLES_NAME, "pytest_prodguard.web.items:BundleCollection")


def pytest_report_header(config: pytest.Config) -> list[str]:
    throttling = settings(config).setting(THROTTLING)
    if throttling.value is None:
        return []
    return [f"prodguard web: page_timing throttling {throttling.value.describe()} ({throttling.source})"]
