"""The budgets part's pytest plugin, registered as ``prodguard.budgets``.

A test with ``@pytest.mark.budget(...)`` is judged when its call phase's report is made, so a
breach is a test *failure*. Timing samples come, in this order, from the ``budget`` fixture,
else pytest-benchmark's ``benchmark`` fixture, else the statements ``db_queries`` saw, else the
test's own call duration (one sample).

This module stays small: the fixtures import their classes when used, and the per-test hooks
(``checks.BudgetChecks``) are registered only when a collected test carries a budget marker.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import TYPE_CHECKING

import pytest

from .._lazy import register_once
from ..collect import uses_marker

if TYPE_CHECKING:
    from .cache import CacheStats
    from .db import QueryLog
    from .recorder import BudgetRecorder

RECORDER_KEY: pytest.StashKey[BudgetRecorder] = pytest.StashKey()
QUERIES_KEY: pytest.StashKey[QueryLog] = pytest.StashKey()
CACHES_KEY: pytest.StashKey[CacheStats] = pytest.StashKey()
CHECKS_NAME = "prodguard.budgets.checks"


@pytest.fixture
def budget(request: pytest.FixtureRequest) -> BudgetRecorder:
    """Timing samples for this test's budget: ``with budget.measure(): ...`` or ``budget.run(fn, rounds=100)``."""
    from .recorder import BudgetRecorder

    recorder = request.node.stash[RECORDER_KEY] = BudgetRecorder()
    return recorder


@pytest.fixture
def db_queries(request: pytest.FixtureRequest) -> Generator[QueryLog]:
    """Statements run on connections given to ``db_queries.track(conn_or_engine)``, with durations."""
    from .db import QueryLog

    log = request.node.stash[QUERIES_KEY] = QueryLog()
    yield log
    log.close()


@pytest.fixture
def cache_stats(request: pytest.FixtureRequest) -> CacheStats:
    """Hits and misses of caches given to ``cache_stats.track(cache)`` during this test."""
    from .cache import CacheStats

    caches = request.node.stash[CACHES_KEY] = CacheStats()
    return caches


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # trylast: look at what is left after -k, -m and --lf deselected.
    if uses_marker(config, items, "budget"):
        register_once(config, CHECKS_NAME, "pytest_prodguard.budgets.checks:BudgetChecks")
