"""The budgets part's pytest plugin, registered as ``prodguard.budgets``.

The fixtures ``budget``, ``db_queries`` and ``cache_stats`` measure inside a test; a test with
``@pytest.mark.budget(...)`` is judged by the per-test hooks of :mod:`.marked`, registered once
collection has found the marker.

This module loads in every run, and pytest looks at each of its names, so it holds the fixtures
and one hook only; the fixtures import their classes when used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .. import keys

if TYPE_CHECKING:
    from collections.abc import Generator

    from .cache import CacheStats
    from .db import QueryLog
    from .fixture import BudgetRecorder


@pytest.fixture
def budget(request: pytest.FixtureRequest) -> BudgetRecorder:
    """Timing samples for this test's budget: ``with budget.measure(): ...`` or ``budget.run(fn, rounds=100)``."""
    from .fixture import BudgetRecorder
    from .keys import RECORDER_KEY

    recorder = request.node.stash[RECORDER_KEY] = BudgetRecorder()
    return recorder


@pytest.fixture
def db_queries(request: pytest.FixtureRequest) -> Generator[QueryLog]:
    """Statements run on connections given to ``db_queries.track(conn_or_engine)``, with durations."""
    from .db import QueryLog
    from .keys import QUERIES_KEY

    log = request.node.stash[QUERIES_KEY] = QueryLog()
    yield log
    log.close()


@pytest.fixture
def cache_stats(request: pytest.FixtureRequest) -> CacheStats:
    """Hits and misses of caches given to ``cache_stats.track(cache)`` during this test."""
    from .cache import CacheStats
    from .keys import CACHES_KEY

    caches = request.node.stash[CACHES_KEY] = CacheStats()
    return caches


def pytest_collection_finish(session: pytest.Session) -> None:
    # Only a run with budgeted tests pays for the per-test hooks.
    if "budget" in session.config.stash.get(keys.MARKERS_KEY, frozenset()):
        from .marked import BudgetedTests

        session.config.pluginmanager.register(BudgetedTests(), "prodguard.budgets.tests")
