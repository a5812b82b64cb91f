"""Static pages as test items of their own: ``build/index.html::a11y``."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from ..browser.server import blocked_requests
from ..browser.session import browser_session
from ..collect import in_scope, nothing_matched
from ..files import matching_files
from ..record import settings
from .axe import ScanError
from .options import PAGES
from .scanning import base_options, record_result, scan_page

ITEM_NAME = "a11y"


class PageFile(pytest.File):
    """The page's place in the tree; pytest never collects it itself (see pytest_prodguard.collect)."""

    def collect(self) -> Iterable[pytest.Item]:
        return []


class PageItem(pytest.Item):
    """Loads one page from the local server and scans it with axe-core."""

    def runtest(self) -> None:
        from playwright.sync_api import Error as PlaywrightError

        session = browser_session(self.config)
        server = session.server()
        try:
            url = server.url_for(self.path)
        except ValueError:
            raise ScanError(f"prodguard: {self.path} is outside prodguard_a11y_root ({server.root})") from None
        # Collected pages share one tab, visited one after another like a visitor clicking through.
        page = session.tab()
        seen = len(blocked_requests(page))
        try:
            response = page.goto(url, wait_until="load")
        except PlaywrightError as exc:
            raise ScanError(f"prodguard: could not load {url}: {str(exc).strip().splitlines()[0]}") from None
        if response is not None and not response.ok:
            raise ScanError(f"prodguard: {url} answered HTTP {response.status}")
        result = scan_page(page, self.config, base_options(self.config), since=seen)
        record_result(self, result, None, page)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, ScanError):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo, style=style))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"{self.nodeid}: axe-core scan"


def page_items(session: pytest.Session) -> list[pytest.Item]:
    config = session.config
    patterns = settings(config).get(PAGES)
    if not patterns:
        return []
    files = matching_files(config.rootpath, patterns)
    if not files:
        return nothing_matched(session, PAGES.ini_name, patterns, PAGES.ini_name)
    items: list[pytest.Item] = []
    for path in files:
        if in_scope(config, path):
            parent = PageFile.from_parent(session, path=path)
            items.append(PageItem.from_parent(parent, name=ITEM_NAME))
    return items
