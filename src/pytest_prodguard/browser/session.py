"""One Chromium per test process, and each pytest session's view of it.

* The browser is launched lazily, on the first test that needs it, once per process (so once
  per pytest-xdist worker), and closed when the last session using it ends. Playwright's sync
  API cannot be started twice in one thread, so the running instance is process-wide and shared
  by nested sessions (``pytester`` runs) instead of being started again.
* Discovery: ``prodguard_browser_path`` / ``PRODGUARD_BROWSER_PATH``, then Playwright's own
  Chromium, then ``chromium``, ``chromium-browser``, ``google-chrome`` on ``PATH``.

Imported on first use by the fixtures of :mod:`pytest_prodguard.browser.plugin` and by the
parts that scan pages, never at start-up.
"""

from __future__ import annotations

import asyncio
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ..oneoff import add_one_off
from ..record import settings
from . import loop
from .options import BROWSER_PATH, MISSING_BROWSER, ROOT
from .server import PageServer, RequestGuard, guard_context

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Playwright

LAUNCH_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
SYSTEM_BROWSERS = ("chromium", "chromium-browser", "google-chrome")
#: Closing a page never waits longer than this (a hung renderer must not hang the session end).
CLOSE_TIMEOUT = 5.0


class BrowserUnavailable(Exception):
    """No browser could be found or launched; the message says why and how to get one."""


HOW_TO_GET_ONE = (
    "set prodguard_browser_path (or PRODGUARD_BROWSER_PATH) to a Chromium/Chrome executable, "
    "or run 'python -m playwright install chromium'"
)


@dataclass(frozen=True)
class Discovered:
    path: Path
    source: str


def discover(
    configured: Path | None,
    configured_source: str,
    bundled: Path | None,
    which: Callable[[str], str | None] = shutil.which,
) -> Discovered:
    """The browser to launch, in the documented order; a configured path must exist."""
    if configured is not None:
        if not configured.is_file():
            raise BrowserUnavailable(
                f"prodguard: prodguard_browser_path {str(configured)!r} (from {configured_source}) does not exist "
                "or is not a file; point it at a Chromium/Chrome executable"
            )
        return Discovered(configured, configured_source)
    if bundled is not None and bundled.is_file():
        return Discovered(bundled, "Playwright's Chromium")
    for name in SYSTEM_BROWSERS:
        found = which(name)
        if found:
            return Discovered(Path(found), f"{name} on PATH")
    raise BrowserUnavailable(f"prodguard: no Chromium found; {HOW_TO_GET_ONE}")


def _first_line(exc: BaseException) -> str:
    for line in str(exc).strip().splitlines():
        if line.strip() and not line.startswith("="):
            return line.strip()
    return type(exc).__name__


class _Runtime:
    """The process-wide Playwright instance and its launched browsers, shared by sessions."""

    def __init__(self) -> None:
        self.playwright: Playwright | None = None
        self.browsers: dict[Path, Browser] = {}
        self.users = 0

    def start(self) -> Playwright:
        if self.playwright is None:
            try:
                from playwright.sync_api import sync_playwright
            except ImportError:
                raise BrowserUnavailable(
                    "prodguard: Playwright is not installed; install it with pip install 'pytest-prodguard[a11y]'"
                ) from None
            from playwright.sync_api import Error

            try:
                self.playwright = sync_playwright().start()
            except Error as exc:
                # Playwright's sync API runs once per thread (pytest-playwright's fixtures share this one).
                raise BrowserUnavailable(
                    f"prodguard: cannot start Playwright in this process ({_first_line(exc)}); another "
                    "sync_playwright() is running in this thread: use prodguard's or pytest-playwright's fixtures"
                ) from None
            # Started, Playwright marks its loop as the thread's running one (see .loop).
            loop.PlaywrightLoop.current = asyncio._get_running_loop()
        return self.playwright

    def launch(self, found: Discovered) -> Browser:
        browser = self.browsers.get(found.path)
        if browser is None or not browser.is_connected():
            from playwright.sync_api import Error

            try:
                browser = self.start().chromium.launch(executable_path=str(found.path), args=list(LAUNCH_ARGS))
            except Error as exc:
                raise BrowserUnavailable(
                    f"prodguard: could not launch {found.path} ({found.source}): {_first_line(exc)}; {HOW_TO_GET_ONE}"
                ) from None
            self.browsers[found.path] = browser
        return browser

    def release(self) -> None:
        self.users -= 1
        if self.users > 0 or self.playwright is None:
            return
        for browser in self.browsers.values():
            if browser.is_connected():
                browser.close()
        self.browsers.clear()
        self.playwright.stop()
        self.playwright = None
        loop.PlaywrightLoop.current = None


_RUNTIME = _Runtime()
LOOP_PLUGIN = "prodguard.browser.loop"


class BrowserSession:
    """One pytest session's view of the shared browser, plus its own page server."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self._browser: Browser | None = None
        self._error: str | None = None
        self._server: PageServer | None = None
        self._acquired = False
        self._tab: Page | None = None
        self.discovered: Discovered | None = None

    def _acquire(self) -> None:
        if not self._acquired:
            _RUNTIME.users += 1
            self._acquired = True
            manager = self.config.pluginmanager
            if not manager.has_plugin(LOOP_PLUGIN):
                manager.register(loop, LOOP_PLUGIN)

    def playwright(self) -> Playwright:
        """The process's Playwright (also pytest-playwright's ``playwright`` fixture when installed)."""
        self._acquire()
        if _RUNTIME.playwright is not None:
            return _RUNTIME.playwright
        started = time.perf_counter()
        try:
            return _RUNTIME.start()
        finally:
            add_one_off(self.config, time.perf_counter() - started)

    def browser(self) -> Browser:
        """The launched browser, or BrowserUnavailable (remembered, so later tests fail fast)."""
        if self._browser is not None and not self._browser.is_connected():
            self._browser = None
        if self._error is not None:
            raise BrowserUnavailable(self._error)
        if self._browser is None:
            setting = settings(self.config).setting(BROWSER_PATH)
            try:
                bundled: Path | None = None
                if setting.value is None:
                    bundled = Path(self.playwright().chromium.executable_path)
                configured = setting.value
                if configured is not None and not configured.is_absolute():
                    configured = self.config.invocation_params.dir / configured
                self.discovered = discover(configured, setting.source, bundled)
                self._acquire()
                started = time.perf_counter()
                try:
                    self._browser = _RUNTIME.launch(self.discovered)
                finally:
                    # Billed to the run, not to the test that happens to need the browser first.
                    add_one_off(self.config, time.perf_counter() - started)
            except BrowserUnavailable as exc:
                self._error = str(exc)
                raise
        return self._browser

    def browser_or_stop(self) -> Browser:
        """The browser; without one, fail (or skip, as configured) the current test with the reason."""
        try:
            return self.browser()
        except BrowserUnavailable as exc:
            reason = str(exc)
        # Outside the except block, so the report shows one line and no exception chain.
        if settings(self.config).get(MISSING_BROWSER) == "skip":
            pytest.skip(f"{reason} (prodguard_a11y_missing_browser = skip)")
        pytest.fail(reason, pytrace=False)

    def server(self) -> PageServer:
        if self._server is None:
            root = settings(self.config).get(ROOT)
            if root is None:
                root = self.config.rootpath
            elif not root.is_absolute():
                root = self.config.rootpath / root
            if not root.is_dir():
                pytest.fail(f"prodguard: prodguard_a11y_root {str(root)!r} is not a directory", pytrace=False)
            self._server = PageServer(root)
        return self._server

    def guard(self, context: BrowserContext) -> RequestGuard:
        """Route every request of ``context`` through this session's block list."""
        return guard_context(context, self.server())

    def new_page(self, browser: Browser | None = None) -> Page:
        """A page in a fresh, guarded context (close it with ``page.context.close()``)."""
        context = (browser or self.browser_or_stop()).new_context()
        self.guard(context)
        return context.new_page()

    def tab(self) -> Page:
        """One guarded page reused for collected pages: navigating costs a third of a new context."""
        if self._tab is None or self._tab.is_closed():
            self._tab = self.new_page()
        return self._tab

    def discard_tab(self) -> None:
        """Forget the shared tab (after a page hung, failed or navigated away): the next page gets a fresh one."""
        tab, self._tab = self._tab, None
        if tab is not None and not tab.is_closed():
            from .deadline import close_page

            close_page(tab, CLOSE_TIMEOUT)

    def close(self) -> None:
        if self._browser is not None and self._browser.is_connected():
            self.discard_tab()
        self._tab = None
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._acquired:
            self._acquired = False
            self._browser = None
            _RUNTIME.release()


SESSION_KEY: pytest.StashKey[BrowserSession] = pytest.StashKey()


def browser_session(config: pytest.Config) -> BrowserSession:
    """The session's browser and page server (created on first use, closed when pytest unconfigures)."""
    session = config.stash.get(SESSION_KEY, None)
    if session is None:
        session = config.stash[SESSION_KEY] = BrowserSession(config)
        config.add_cleanup(session.close)
    return session
