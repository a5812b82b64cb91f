"""The web part's pytest plugin, registered as ``prodguard.web``.

* ``page_timing`` fixture: ``page_timing.load(url_or_path, rounds=20, cold=True)``;
* ``prodguard_bundle_budgets``: every matching file becomes a collected item checking its sizes.

This module loads in every run, so it stays small: the fixture imports the loader when used and
the bundle items (:mod:`.items`) are imported only when the setting is set.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from ..keys import settings
from .options import BUNDLES, THROTTLING

if TYPE_CHECKING:
    from typing import Any

    from .fixture import PageTiming


@pytest.fixture
def page_timing(request: pytest.FixtureRequest, prodguard_browser: Any) -> PageTiming:
    """Time page loads in the session's Chromium: ``page_timing.load(url_or_path, rounds=20, cold=True)``."""
    from .fixture import PageTiming

    return PageTiming(request.node, prodguard_browser)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    # tryfirst: -k, -m and --lf then apply to the bundle items too.
    if settings(config).get(BUNDLES):
        from .items import bundle_items

        items.extend(bundle_items(session))


def pytest_report_header(config: pytest.Config) -> list[str]:
    throttling = settings(config).setting(THROTTLING)
    if throttling.value is None:
        return []
    return [f"prodguard web: page_timing throttling {throttling.value.describe()} ({throttling.source})"]
