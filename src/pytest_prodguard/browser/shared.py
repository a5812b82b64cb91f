"""pytest-playwright's ``playwright`` fixture, overridden: registered as ``prodguard.browser.playwright``
when pytest-playwright is installed (after it, so this definition wins).

Playwright's sync API starts once per thread; with this, pytest-playwright's fixtures and
prodguard's (``prodguard_browser``, collected pages, live brand checks) share one Playwright,
started on first use and stopped when the run ends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Playwright


@pytest.fixture(scope="session")
def playwright(request: pytest.FixtureRequest) -> Playwright:
    """The process's one Playwright, shared by pytest-playwright's fixtures and prodguard's."""
    from .session import BrowserUnavailable, browser_session

    try:
        return browser_session(request.config).playwright()
    except BrowserUnavailable as exc:
        reason = str(exc)
    pytest.fail(reason, pytrace=False)
