"""The ``brand`` fixture's object: brand checks of CSS, HTML, SVG and live pages inside a test."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from ..findings import Finding
from ..markers import fail
from ..record import mark_checked, record_finding
from .configured import CHECKS_KEY, PROFILE_KEY, engine_of, profile_of
from .engine.checking import GATE, NESTED_TOO_DEEPLY, BrandError, scan_file, shown, to_findings


class BrandChecker:
    """Checks in a test; each returns the findings it recorded (they fail the test if new errors)."""

    def __init__(self, item: pytest.Item) -> None:
        self._item = item
        self._engine = engine_of(item.config)
        self._profile = item.stash.get(PROFILE_KEY, None) or profile_of(item.config)

    def _palette_or_fail(self) -> None:
        try:
            self._engine.palette(self._profile)
        except BrandError as exc:
            fail(str(exc))

    def _record(self, found: list[Finding]) -> list[Finding]:
        recorded = [record_finding(self._item, finding) for finding in found]
        mark_checked(self._item, GATE)
        self._item.stash[CHECKS_KEY] = self._item.stash.get(CHECKS_KEY, 0) + 1
        return recorded

    def _document(self, source: str | os.PathLike[str], kind: str) -> list[Finding]:
        from .engine.markup import scan_markup

        self._palette_or_fail()
        if isinstance(source, os.PathLike):
            path = Path(source)
            try:
                scan = scan_file(self._engine, self._profile, path)
            except BrandError as exc:
                fail(str(exc))
            return self._record(to_findings(scan.issues, shown(path, self._engine.root)))
        if not isinstance(source, str):
            fail(f"brand.check_{kind}: expected CSS/markup text or a path, got {type(source).__name__}")
        scan = self._engine.scan(self._profile, source)
        try:
            if kind == "css":
                scan.stylesheet(source)
            else:
                scan_markup(scan, source, svg=kind == "svg")
        except RecursionError:
            fail(f"brand.check_{kind}: {NESTED_TOO_DEEPLY}")
        return self._record(to_findings(scan.issues, f"<{kind}>", prefix=f"{self._item.nodeid}|"))

    def check_css(self, source: str | os.PathLike[str]) -> list[Finding]:
        """Check CSS text, or a stylesheet file when given a path (``pathlib.Path``)."""
        return self._document(source, "css")

    def check_html(self, source: str | os.PathLike[str]) -> list[Finding]:
        return self._document(source, "html")

    def check_svg(self, source: str | os.PathLike[str]) -> list[Finding]:
        return self._document(source, "svg")

    def check_page(self, page: Any) -> list[Finding]:
        """Check the computed styles of a Playwright (sync) page's visible elements."""
        from ..browser.deadline import DeadlineExceeded

        self._palette_or_fail()
        scan = self._engine.scan(self._profile)
        try:
            count = read_live_page(scan, page)
        except DeadlineExceeded as exc:
            problem = str(exc)
        else:
            problem = ""
        if problem:
            pytest.fail(problem, pytrace=False)  # outside the except block: one line, no chain
        found = to_findings(
            scan.issues, None, prefix=f"{self._item.nodeid}|", details={"url": page.url, "elements": count}
        )
        return self._record(found)


#: Longest a live page's styles may take to read; a page whose script never yields is closed then.
LIVE_TIMEOUT = 30.0


def read_live_page(scan: Any, page: Any, timeout: float = LIVE_TIMEOUT) -> int:
    """The engine's live scan of ``page`` within a deadline enforced from outside the page.

    Raises ``DeadlineExceeded`` (the page was closed) when the page does not answer in time.
    """
    from ..browser.deadline import deadline
    from .engine.live import scan_page

    with deadline(page, timeout, f"prodguard brand: reading the styles of {page.url}"):
        return scan_page(scan, page)
