"""Static pages as test items of their own: ``build/index.html::a11y``."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from ..browser.session import browser_session
from ..collect import in_scope, nothing_matched
from ..files import matching_files
from ..record import settings
from .axe import ScanError
from .options import PAGES
from .visit import visit_and_scan

ITEM_NAME = "a11y"


class PageFile(pytest.File):
    """The page's place in the tree; pytest never collects it itself (see pytest_prodguard.collect)."""

    def collect(self) -> Iterable[pytest.Item]:
        return []


class PageItem(pytest.Item):
    """Loads one page from the local server and scans it with axe-core."""

    def runtest(self) -> None:
        server = browser_session(self.config).server()
        try:
            url = server.url_for(self.path)
        except ValueError:
            raise ScanError(f"prodguard: {self.path} is outside prodguard_a11y_root ({server.root})") from None
        visit_and_scan(self, url)

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
