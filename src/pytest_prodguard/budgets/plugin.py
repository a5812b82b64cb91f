"""The budgets part's pytest plugin, registered as ``prodguard.budgets``.

A test with ``@pytest.mark.budget(...)`` is judged when its call phase's report is made, so a
breach is a test *failure*. Timing samples come, in this order, from the ``budget`` fixture,
else pytest-benchmark's ``benchmark`` fixture, else the statements ``db_queries`` saw, else the
test's own call duration (one sample).

This module loads in every run, so its fixtures import their classes when used, and the
per-test hooks (:class:`BudgetedTests`) are registered once collection has found a budget marker.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import TYPE_CHECKING

import pytest

from ..keys import MARKERS_KEY
from ..markers import call_marker, fail
from ..record import settings
from .keys import CACHES_KEY, QUERIES_KEY, RECORDER_KEY, SPEC_KEY
from .marker import budget as budget_marker
from .options import BUDGETS

if TYPE_CHECKING:
    from .cache import CacheStats
    from .db import QueryLog
    from .fixture import BudgetRecorder


@pytest.fixture
def budget(request: pytest.FixtureRequest) -> BudgetRecorder:
    """Timing samples for this test's budget: ``with budget.measure(): ...`` or ``budget.run(fn, rounds=100)``."""
    from .fixture import BudgetRecorder

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


def pytest_collection_finish(session: pytest.Session) -> None:
    # Only a run with budgeted tests pays for the per-test hooks.
    if "budget" in session.config.stash.get(MARKERS_KEY, frozenset()):
        session.config.pluginmanager.register(BudgetedTests(), "prodguard.budgets.tests")


class BudgetedTests:
    """Validates markers at setup, guards pytest-benchmark's samples, judges at the call report."""

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        marks = list(item.iter_markers("budget"))
        if not marks:
            return
        from .spec import SpecError, build_spec

        # Farthest first, so that the closest marker wins each limit.
        chosen = [call_marker(item, mark, budget_marker) for mark in reversed(marks)]
        try:
            spec = item.stash[SPEC_KEY] = build_spec(chosen, settings(item.config).get(BUDGETS))
        except SpecError as exc:
            problem = str(exc)
        else:
            if spec.resource_stats:
                from .metering import prepare

                prepare(item, spec)
            return
        fail(f"prodguard: bad @pytest.mark.budget on {item.nodeid}: {problem}")

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Generator[None, object, object]:
        result = yield
        spec = item.stash.get(SPEC_KEY, None)
        if spec is not None:
            from .judging import unmeasured_benchmark

            reason = unmeasured_benchmark(item, spec)
            if reason:
                pytest.skip(reason)
        return result

    def pytest_prodguard_judge(self, item: pytest.Item, call: pytest.CallInfo[None]) -> None:
        spec = item.stash.get(SPEC_KEY, None)
        if call.when != "call" or call.excinfo is not None or spec is None:
            return
        from .judging import judge_test

        judge_test(item, call, spec)
