"""The ``a11y`` fixture's object: scan pages and check them against the threshold and the baseline."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pytest

from ..markers import fail
from .axe import ScanError, ScanResult
from .marker import check_impact
from .scanning import record_result, scan_options, scan_page

if TYPE_CHECKING:
    from playwright.sync_api import Page


class A11y:
    """The ``a11y`` fixture: scan pages and check them against the threshold and the baseline."""

    def __init__(self, item: pytest.Item) -> None:
        self._item = item

    def scan(
        self,
        page: Page,
        *,
        include: str | Sequence[str] | None = None,
        exclude: str | Sequence[str] | None = None,
        tags: Sequence[str] | None = None,
        rules: Sequence[str] | None = None,
        disable: Sequence[str] | None = None,
        incomplete: bool | None = None,
    ) -> ScanResult:
        """Scan ``page`` and return what axe found, without judging it."""
        config = self._item.config
        options = scan_options(
            config, include=include, exclude=exclude, tags=tags, rules=rules, disable=disable, incomplete=incomplete
        )
        try:
            return scan_page(page, config, options)
        except ScanError as exc:
            fail(str(exc))

    def check(
        self,
        page: Page,
        *,
        impact: str | None = None,
        include: str | Sequence[str] | None = None,
        exclude: str | Sequence[str] | None = None,
        tags: Sequence[str] | None = None,
        rules: Sequence[str] | None = None,
        disable: Sequence[str] | None = None,
        incomplete: bool | None = None,
    ) -> ScanResult:
        """Scan ``page`` and record its violations: a new one at or above ``impact`` fails the test
        when it ends (known ones, in the baseline, are reported only)."""
        level = check_impact(impact)
        result = self.scan(
            page, include=include, exclude=exclude, tags=tags, rules=rules, disable=disable, incomplete=incomplete
        )
        record_result(self._item, result, level, page)
        return result
