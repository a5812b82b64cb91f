"""Loading a collected page into the shared tab and scanning it, within deadlines.

Collected pages share one tab, visited one after another like a visitor clicking through. A
page that hangs, fails to load or navigates away loses the tab: the next page gets a fresh one,
so one bad page never takes the next one down.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..browser.deadline import DeadlineExceeded, deadline
from ..browser.server import blocked_requests
from ..browser.session import browser_session
from .axe import GRACE, ScanError
from .scanning import base_options, record_result, scan_page

if TYPE_CHECKING:
    import pytest


def _document(url: str) -> str:
    return url.split("#", 1)[0]


def visit_and_scan(item: pytest.Item, url: str) -> None:
    """Load ``url`` in the session's tab, scan it, record the result; ScanError on any failure."""
    from playwright.sync_api import Error as PlaywrightError

    session = browser_session(item.config)
    options = base_options(item.config)
    page = session.tab()
    seen = len(blocked_requests(page))
    try:
        try:
            with deadline(page, options.timeout + GRACE, f"prodguard: loading {url}"):
                response = page.goto(url, wait_until="load", timeout=options.timeout * 1000)
        except DeadlineExceeded as exc:
            raise ScanError(str(exc)) from None
        except PlaywrightError as exc:
            raise ScanError(f"prodguard: could not load {url}: {_first_line(exc)}") from None
        if _document(page.url) != _document(url):
            raise ScanError(_navigated(url, page.url))
        if response is not None and not response.ok:
            raise ScanError(f"prodguard: {url} answered HTTP {response.status}")
        try:
            result = scan_page(page, item.config, options, since=seen)
        except ScanError:
            if not page.is_closed() and _document(page.url) != _document(url):
                raise ScanError(_navigated(url, page.url)) from None  # it left while axe was loading
            raise
        if _document(result.url) != _document(url):
            raise ScanError(_navigated(url, result.url))
    except ScanError:
        session.discard_tab()
        raise
    record_result(item, result, None, page)


def _navigated(url: str, landed: str) -> str:
    from .._text import clean

    return (
        f"prodguard: {url} navigated away to {clean(landed, 300)}; the page itself was not scanned "
        "(a page that redirects by script cannot be judged: scan the page it goes to instead)"
    )


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__
