"""The browser fixtures, registered as plugin ``prodguard.browser``.

``prodguard_browser`` (session), ``prodguard_server`` (session) and ``prodguard_page``
(function) are shared by every part that drives a browser (a11y scans, live brand checks, page
timing). ``prodguard_browser`` is always the discovered Chromium (``prodguard_browser_path``,
Playwright's, or one on ``PATH``). When pytest-playwright is installed, its ``playwright``
fixture is replaced by the process's one Playwright, which prodguard shares with it: the sync
API cannot start twice in one thread.

This module loads in every run, so it stays small: Playwright, the page server and the browser
session (:mod:`.session`, :mod:`.server`) are imported by the fixtures, on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Page

    from .server import PageServer


def pytest_configure(config: pytest.Config) -> None:
    if config.pluginmanager.has_plugin("playwright"):
        from . import shared

        config.pluginmanager.register(shared, "prodguard.browser.playwright")


@pytest.fixture(scope="session")
def prodguard_browser(request: pytest.FixtureRequest) -> Browser:
    """The session's Chromium: ``prodguard_browser_path``, Playwright's own, or one on ``PATH``."""
    from .session import browser_session

    return browser_session(request.config).browser_or_stop()


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
