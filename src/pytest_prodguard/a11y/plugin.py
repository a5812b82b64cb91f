"""The a11y part's pytest plugin, registered as ``prodguard.a11y``.

* ``a11y`` fixture: ``a11y.scan(page)`` / ``a11y.check(page)``;
* ``@pytest.mark.a11y(...)``: scan the test's page when the test ends (:mod:`.marked`);
* ``prodguard_a11y_pages``: every matching HTML file becomes a collected item (:mod:`.items`).

The browser and the page server come from :mod:`pytest_prodguard.browser`. This module loads in
every run, and pytest looks at each of its names, so it holds hooks and the fixture only: the
fixture imports the scanner when used, and the marker's per-test hooks are registered once
collection has found the marker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .. import keys

if TYPE_CHECKING:
    from .fixture import A11y


@pytest.fixture
def a11y(request: pytest.FixtureRequest) -> A11y:
    """Scan pages with axe-core: ``a11y.scan(page)`` returns the result, ``a11y.check(page)`` judges it."""
    from .fixture import A11y

    return A11y(request.node)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    # tryfirst: -k, -m and --lf then apply to the pages too.
    from .options import PAGES

    if keys.settings(config).get(PAGES):
        from ..collect import announce
        from .items import page_items

        added = page_items(session)
        items.extend(added)
        announce(session, PAGES.ini_name, added)


def pytest_collection_finish(session: pytest.Session) -> None:
    # Only a run with marked tests pays for the per-test hooks.
    if "a11y" in session.config.stash.get(keys.MARKERS_KEY, frozenset()):
        from .marked import MarkedTests

        session.config.pluginmanager.register(MarkedTests(), "prodguard.a11y.marked")
