"""The browser fixtures, registered as plugin ``prodguard.browser``.

``prodguard_browser`` (session), ``prodguard_server`` (session) and ``prodguard_page``
(function) are shared by every part that drives a browser (a11y scans, live brand checks, page
timing). When pytest-playwright is installed, ``prodguard_browser`` is its ``browser`` fixture.

This module loads in every run, so it stays small: Playwright, the page server and the browser
session (:mod:`.session`, :mod:`.server`) are imported by the fixtures, on first use.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

    from .server import PageServer


@pytest.fixture(scope="session")
def prodguard_browser(request: pytest.FixtureRequest) -> Browser:
    """The session's Chromium (pytest-playwright's ``browser`` when that plugin is installed)."""
    from .session import browser_session

    session = browser_session(request.config)
    if request.config.pluginmanager.has_plugin("playwright"):
        # Playwright's sync API runs once per process: share pytest-playwright's browser, also
        # with collected pages that run after this fixture was set up.
        browser: Browser = request.getfixturevalue("browser")
        session.adopt(browser)
        return browser
    return session.browser_or_stop()


@pytest.fixture(scope="session")
def prodguard_server(request: pytest.FixtureRequest) -> PageServer:
    """The local server for files under ``prodguard_a11y_root``: ``prodguard_server.url_for(path)``."""
    from .session import browser_session

    return browser_session(request.config).server()


@pytest.fixture
def prodguard_page(request: pytest.FixtureRequest, prodguard_browser: Browser) -> Iterator[Page]:
    """A fresh page in its own guarded browser context, closed after the test."""
    from .session import browser_session

    page = browser_session(request.config).new_page(prodguard_browser)
    yield page
    page.context.close()
