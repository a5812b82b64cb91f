"""Keeps Playwright's sync API out of the way of asyncio in the tests that do not use the browser.

While Playwright's sync API is started it marks its event loop as the thread's running loop
between calls, so ``asyncio.run()`` and pytest-asyncio fail in every later test of the process
("cannot be called from a running event loop"). Stopping Playwright after the last browser test
and starting it again for the next one would relaunch Chromium at every switch of a shuffled
order; instead, around the setup, call and teardown of a test that does not use the browser,
the thread's running loop is cleared and then put back. Playwright's loop is idle meanwhile:
it only runs inside a sync call.
"""

from __future__ import annotations

import asyncio
from collections.abc import Generator, Iterator
from contextlib import contextmanager

import pytest

#: prodguard's fixtures and pytest-playwright's: a test using any of them may call Playwright.
#: pytester's too: a test that runs pytest in-process may start the browser in there.
BROWSER_FIXTURES = frozenset(
    {
        "pytester",
        "testdir",
        "prodguard_browser",
        "prodguard_page",
        "a11y",
        "brand",
        "playwright",
        "browser",
        "browser_type",
        "launch_browser",
        "context",
        "new_context",
        "page",
    }
)


class PlaywrightLoop:
    """The loop of the process's Playwright, once started (set by :mod:`.session`)."""

    current: asyncio.AbstractEventLoop | None = None


def uses_browser(item: pytest.Item) -> bool:
    """Whether ``item`` may call Playwright: collected pages and other non-function items, the
    ``a11y`` marker, or a browser fixture in its closure."""
    if not isinstance(item, pytest.Function) or item.get_closest_marker("a11y") is not None:
        return True
    return not BROWSER_FIXTURES.isdisjoint(item.fixturenames)


def only_own_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> bool:
    """Whether tearing ``item`` down finishes no scope but its own (a module's or the session's
    fixtures may be browser fixtures that another test requested)."""
    if nextitem is None:
        return False
    return not (set(item.listchain()) - set(nextitem.listchain()) - {item})


@contextmanager
def hidden(hide: bool) -> Iterator[None]:
    """Clear the thread's running loop while it is Playwright's (and ``hide``), restore it after."""
    loop = asyncio._get_running_loop()
    if not hide or loop is None or loop is not PlaywrightLoop.current:
        yield
        return
    asyncio._set_running_loop(None)
    try:
        yield
    finally:
        asyncio._set_running_loop(loop)


# Registered as plugin ``prodguard.browser.loop`` when a session first needs Playwright; tryfirst,
# so that the loop is cleared around every other plugin's part of each phase (pytest-asyncio's too).


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None]:
    with hidden(not uses_browser(item)):
        return (yield)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None]:
    with hidden(not uses_browser(item)):
        return (yield)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None]:
    with hidden(not uses_browser(item) and only_own_teardown(item, nextitem)):
        return (yield)
