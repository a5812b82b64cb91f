"""The suite-duration gate and the per-test duration gate (part ``prodguard.suite``).

The suite clock runs on the controller (the only process under pytest-xdist that sees the whole
run) from ``pytest_sessionstart`` to the start of ``pytest_sessionfinish``: collection, xdist
worker start-up and every test's setup, call and teardown count; pytest start-up before the
session and writing reports after it do not. That is the span of pytest's own "in N s" footer.

A breach is reported as a failed test case ``prodguard::suite_duration`` (so JUnit XML shows
it) and makes the exit status non-zero (:mod:`.suite_checks`, with the optional per-test checks).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pytest

from . import keys, options

if TYPE_CHECKING:
    from typing import Any

_WORKER_START = "prodguard_suite_start"
_START_KEY = pytest.StashKey[float]()


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    # tryfirst: xdist starts its workers in its own sessionstart and they need the start time.
    config = session.config
    config.stash[_START_KEY] = time.perf_counter()
    workerinput: dict[str, Any] = getattr(config, "workerinput", {})
    config.stash[keys.WALL_START_KEY] = float(workerinput.get(_WORKER_START, time.time()))


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    node.workerinput[_WORKER_START] = node.config.stash[keys.WALL_START_KEY]


def pytest_configure(config: pytest.Config) -> None:
    # Per-test hooks are registered only when their setting is on, so a default run pays nothing.
    settings = keys.settings(config)
    stop = settings.get(options.SUITE_BUDGET) is not None and settings.get(options.SUITE_STOP_ON_BREACH)
    if stop:
        from .suite_checks import StopOnBreach

        config.pluginmanager.register(StopOnBreach(), "prodguard.suite.stop_on_breach")
    if settings.get(options.TEST_BUDGET) is not None:
        from .suite_checks import PerTestBudget

        config.pluginmanager.register(PerTestBudget(), "prodguard.suite.test_budget")


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    if not keys.is_controller(config) or config.option.collectonly or _START_KEY not in config.stash:
        return
    from .ledger import SuiteResult, ledger

    duration = time.perf_counter() - config.stash[_START_KEY]
    settings = keys.settings(config)
    budget = settings.get(options.SUITE_BUDGET)
    result = SuiteResult(budget, duration, settings.get(options.SUITE_WARN_AT), [])
    if result.breached or result.warned or settings.get(options.JSON_REPORT) is not None:
        from .suite_checks import slowest

        # Summing every report's duration is the one cost here that grows with the suite.
        result.slowest = slowest(config, settings.get(options.SUITE_SLOWEST))
    run = ledger(config)
    run.suite = result
    if budget is None:
        return
    if not result.breached:
        run.checked.setdefault("suite", set()).add(keys.SUITE_NODEID)
        return
    from .suite_checks import report_breach

    report_breach(session, result)
