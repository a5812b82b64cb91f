"""The browser every part that drives one shares, and the local server pages from files load through.

* :mod:`.plugin` (registered as ``prodguard.browser``): the fixtures ``prodguard_browser``,
  ``prodguard_server`` and ``prodguard_page``; it loads in every run and imports nothing heavy.
* :mod:`.session`: browser discovery, the process-wide Playwright instance, one pytest session's
  browser (:func:`browser_session`).
* :mod:`.server`: the page server on 127.0.0.1 and the request guard (:func:`guard_context`,
  :func:`blocked_requests`).

The names below load on first use, so importing this package costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from .server import PageServer, RequestGuard, blocked_requests, guard_context
    from .session import (
        HOW_TO_GET_ONE,
        LAUNCH_ARGS,
        SYSTEM_BROWSERS,
        BrowserSession,
        BrowserUnavailable,
        Discovered,
        browser_session,
        discover,
    )

_EXPORTS = {
    "PageServer": "server",
    "RequestGuard": "server",
    "blocked_requests": "server",
    "guard_context": "server",
    "HOW_TO_GET_ONE": "session",
    "LAUNCH_ARGS": "session",
    "SYSTEM_BROWSERS": "session",
    "BrowserSession": "session",
    "BrowserUnavailable": "session",
    "Discovered": "session",
    "browser_session": "session",
    "discover": "session",
}


__getattr__ = lazy_exports(__name__, _EXPORTS)


__all__ = [
    "HOW_TO_GET_ONE",
    "LAUNCH_ARGS",
    "SYSTEM_BROWSERS",
    "BrowserSession",
    "BrowserUnavailable",
    "Discovered",
    "PageServer",
    "RequestGuard",
    "blocked_requests",
    "browser_session",
    "discover",
    "guard_context",
]
