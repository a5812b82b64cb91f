"""The brand part's pytest plugin, registered as ``prodguard.brand``.

Files named by ``prodguard_brand_paths`` become collected items (``css/site.css::brand``, see
:mod:`.items`); the ``brand`` fixture and ``@pytest.mark.brand`` check stylesheets, markup and
live pages in a test.

This module loads in every run, so the fixture imports the checker when used, the collection
hooks (:class:`BrandFiles`) are registered only when ``prodguard_brand_paths`` is set, and the
marker's per-test hooks (:class:`MarkedTests`) once collection has found the marker.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ..keys import MARKERS_KEY
from ..markers import call_marker
from ..record import settings
from .marker import brand as brand_marker
from .options import PATHS

if TYPE_CHECKING:
    from .fixture import BrandChecker
    from .items import BrandDocument


@pytest.fixture
def brand(request: pytest.FixtureRequest) -> BrandChecker:
    """Check CSS, HTML, SVG or a live Playwright page against the brand tokens."""
    from .fixture import BrandChecker

    return BrandChecker(request.node)


def pytest_configure(config: pytest.Config) -> None:
    if settings(config).get(PATHS):
        config.pluginmanager.register(BrandFiles(), "prodguard.brand.files")


def pytest_collection_finish(session: pytest.Session) -> None:
    # Only a run with marked tests pays for the per-test hooks.
    if "brand" in session.config.stash.get(MARKERS_KEY, frozenset()):
        session.config.pluginmanager.register(MarkedTests(), "prodguard.brand.marked")


class BrandFiles:
    """Collects the files of ``prodguard_brand_paths`` as items."""

    def pytest_collect_file(self, file_path: Path, parent: pytest.Collector) -> BrandDocument | None:
        from .items import named_document

        return named_document(file_path, parent)

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(
        self, session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        # tryfirst: -k, -m and --lf then apply to the files too.
        from .items import add_file_items

        add_file_items(session, config, items)


class MarkedTests:
    """Applies each marked test's settings before its fixtures, and judges its call phase."""

    @pytest.hookimpl(tryfirst=True)  # before fixtures: the brand fixture reads the marker's settings
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        mark = item.get_closest_marker("brand")
        if mark is None:
            return
        from .configured import PROFILE_KEY, profile_of

        changes = call_marker(item, mark, brand_marker)
        item.stash[PROFILE_KEY] = replace(profile_of(item.config), **changes)

    def pytest_prodguard_judge(self, item: pytest.Item, call: pytest.CallInfo[None]) -> None:
        if call.when != "call" or call.excinfo is not None or item.get_closest_marker("brand") is None:
            return
        from .configured import CHECKS_KEY

        if not item.stash.get(CHECKS_KEY, 0):
            from ..findings import Finding
            from ..record import record_finding
            from .engine import GATE

            message = "marked @pytest.mark.brand but no brand check ran (call the brand fixture's check_* methods)"
            record_finding(item, Finding(gate=GATE, rule="nothing-checked", message=message))
