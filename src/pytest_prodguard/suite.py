"""The suite-duration gate and the per-test duration gate (part ``prodguard.suite``).

The suite clock runs on the controller (the only process under pytest-xdist that sees the whole
run) from ``pytest_sessionstart`` to the start of ``pytest_sessionfinish``: collection, xdist
worker start-up and every test's setup, call and teardown count; pytest start-up before the
session and writing reports after it do not. That is the span of pytest's own "in N s" footer.

A breach is reported as a failed test case ``prodguard::suite_duration`` (so JUnit XML shows
it) and makes the exit status non-zero.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .findings import Finding

from .keys import is_controller
from .ledger import SuiteResult, ledger, run_reports
from .options import JSON_REPORT, SUITE_BUDGET, SUITE_SLOWEST, SUITE_STOP_ON_BREACH, SUITE_WARN_AT, TEST_BUDGET
from .record import mark_checked, record_finding, settings
from .units import format_duration

SUITE_NODEID = "prodguard::suite_duration"
_WORKER_START = "prodguard_suite_start"


_START_KEY = pytest.StashKey[float]()
_WALL_START_KEY = pytest.StashKey[float]()
_SETUP_KEY = pytest.StashKey[float]()


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    # tryfirst: xdist starts its workers in its own sessionstart and they need the start time.
    config = session.config
    config.stash[_START_KEY] = time.perf_counter()
    workerinput: dict[str, Any] = getattr(config, "workerinput", {})
    config.stash[_WALL_START_KEY] = float(workerinput.get(_WORKER_START, time.time()))


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    node.workerinput[_WORKER_START] = node.config.stash[_WALL_START_KEY]


def pytest_configure(config: pytest.Config) -> None:
    # Per-test hooks are registered only when their setting is on, so a default run pays nothing.
    suite_settings = settings(config)
    if suite_settings.get(SUITE_BUDGET) is not None and suite_settings.get(SUITE_STOP_ON_BREACH):
        config.pluginmanager.register(StopOnBreach(), "prodguard.suite.stop_on_breach")
    if suite_settings.get(TEST_BUDGET) is not None:
        config.pluginmanager.register(PerTestBudget(), "prodguard.suite.test_budget")


class StopOnBreach:
    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        config = item.config
        budget = settings(config).get(SUITE_BUDGET)
        assert budget is not None
        spent = time.time() - config.stash[_WALL_START_KEY]
        if spent > budget:
            # A skip marker (rather than pytest.skip here) makes pytest report the test's own location.
            reason = (
                f"prodguard: suite budget of {format_duration(budget)} exhausted after {format_duration(spent)} "
                "(prodguard_suite_stop_on_breach is on)"
            )
            item.add_marker(pytest.mark.skip(reason=reason))


class PerTestBudget:
    """Fails a test whose setup and call together took longer than ``prodguard_test_budget``."""

    def pytest_prodguard_judge(self, item: pytest.Item, call: pytest.CallInfo[None]) -> None:
        budget = settings(item.config).get(TEST_BUDGET)
        assert budget is not None
        if call.when == "setup":
            item.stash[_SETUP_KEY] = call.duration
            return
        if call.when != "call":
            return
        setup = item.stash.get(_SETUP_KEY, 0.0)
        spent = setup + call.duration
        mark_checked(item, "test_budget")
        if spent > budget:
            from .findings import Finding

            record_finding(
                item,
                Finding(
                    gate="test_budget",
                    rule="duration",
                    message=(
                        f"test duration budget exceeded: {format_duration(spent)} > {format_duration(budget)} "
                        f"(setup {format_duration(setup)} + call {format_duration(call.duration)})"
                    ),
                    key="test_budget",
                    details={"limit_s": budget, "actual_s": spent},
                ),
            )


def _slowest(config: pytest.Config, count: int) -> list[tuple[str, float]]:
    durations: dict[str, float] = {}
    for report in run_reports(config):
        if report.nodeid != SUITE_NODEID:
            durations[report.nodeid] = durations.get(report.nodeid, 0.0) + report.duration
    return sorted(durations.items(), key=lambda pair: pair[1], reverse=True)[:count]


def breach_text(result: SuiteResult) -> tuple[str, str]:
    assert result.budget is not None
    summary = f"suite duration budget exceeded: {format_duration(result.duration)} > {format_duration(result.budget)}"
    lines = [summary, "slowest tests (setup + call + teardown, share of the budget):"]
    lines += [f"  {format_duration(d):>8} {d / result.budget:6.1%}  {nodeid}" for nodeid, d in result.slowest]
    return summary, "\n".join(lines)


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    if not is_controller(config) or config.option.collectonly or _START_KEY not in config.stash:
        return
    duration = time.perf_counter() - config.stash[_START_KEY]
    suite_settings = settings(config)
    budget = suite_settings.get(SUITE_BUDGET)
    result = SuiteResult(budget, duration, suite_settings.get(SUITE_WARN_AT), [])
    if result.breached or result.warned or suite_settings.get(JSON_REPORT) is not None:
        # Summing every report's duration is the one cost here that grows with the suite.
        result = result._replace(slowest=_slowest(config, suite_settings.get(SUITE_SLOWEST)))
    run = ledger(config)
    run.suite = result
    if budget is None:
        return
    if not result.breached:
        run.checked.setdefault("suite", set()).add(SUITE_NODEID)
        return
    from .findings import Finding

    summary, text = breach_text(result)
    finding = Finding(
        gate="suite",
        rule="duration",
        message=summary,
        target=SUITE_NODEID,
        key="suite_duration",
        nodeid=SUITE_NODEID,
        details=result.to_dict(),
    )
    _emit_failed_case(config, finding, summary, text)
    if session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def _emit_failed_case(config: pytest.Config, finding: Finding, summary: str, text: str) -> None:
    """Report the breach as a test case through the normal hooks, so terminal and JUnit show it."""
    from ._longrepr import FindingsRepr

    location = ("prodguard", None, "suite_duration")
    properties = [
        ("prodguard.suite.budget_s", finding.details["budget_s"]),
        ("prodguard.suite.duration_s", finding.details["duration_s"]),
    ]
    payload = {"findings": [finding.to_dict()], "checked": ["suite"], "measurements": {}, "summary": summary}
    config.hook.pytest_runtest_logstart(nodeid=SUITE_NODEID, location=location)
    for when in ("setup", "call", "teardown"):
        failed = when == "call"
        report = pytest.TestReport(
            nodeid=SUITE_NODEID,
            location=location,
            keywords={},
            outcome="failed" if failed else "passed",
            longrepr=FindingsRepr(summary, text).as_longrepr() if failed else None,
            when=when,
            user_properties=properties,
            prodguard=payload if failed else None,
        )
        config.hook.pytest_runtest_logreport(report=report)
    config.hook.pytest_runtest_logfinish(nodeid=SUITE_NODEID, location=location)
