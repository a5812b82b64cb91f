"""Static pages as test items of their own: ``build/index.html::a11y``."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from ..browser.session import browser_session
from ..collect import in_scope
from ..files import matching_files
from ..findings import Finding
from ..record import mark_checked, record_finding, settings
from .axe import ScanError
from .check import GATE
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


class NoPages(pytest.Item):
    """Stands in for a glob that matched nothing: a scan of nothing must not look like a pass."""

    def __init__(self, *, patterns: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.patterns = patterns

    def runtest(self) -> None:
        record_finding(
            self,
            Finding(
                GATE,
                "no-pages",
                f"prodguard_a11y_pages ({', '.join(self.patterns)}) matched no files under {self.config.rootpath}",
                fix="check the globs (relative to the rootdir) or build the site first",
            ),
        )
        mark_checked(self, GATE)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.config.rootpath, None, self.name


class PageCollection:
    """Adds the pages of ``prodguard_a11y_pages`` as items (registered only when that is set)."""

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(self, session: pytest.Session, items: list[pytest.Item]) -> None:
        items.extend(page_items(session))


def page_items(session: pytest.Session) -> list[pytest.Item]:
    config = session.config
    patterns = settings(config).get(PAGES)
    if not patterns:
        return []
    files = matching_files(config.rootpath, patterns)
    if not files:
        # Only on a whole run: a run of some named tests does not promise to scan the site.
        if config.args_source is pytest.Config.ArgsSource.ARGS:
            return []
        return [NoPages.from_parent(session, name="prodguard_a11y_pages", patterns=patterns)]
    items: list[pytest.Item] = []
    for path in files:
        if in_scope(config, path):
            parent = PageFile.from_parent(session, path=path)
            items.append(PageItem.from_parent(parent, name=ITEM_NAME))
    return items
