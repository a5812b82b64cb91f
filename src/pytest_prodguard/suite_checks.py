"""The suite part's optional checks and its breach report (loaded only when a run needs them).

:class:`StopOnBreach` and :class:`PerTestBudget` are registered by :mod:`.suite` when their
setting is on; a breach of the suite budget is reported as the failed test case
``prodguard::suite_duration``, so terminal and JUnit XML show it.
"""

from __future__ import annotations

import time

import pytest

from .findings import Finding
from .keys import SUITE_NODEID, WALL_START_KEY, settings
from .ledger import SuiteResult, run_reports
from .options import SUITE_BUDGET, TEST_BUDGET
from .record import mark_checked, record_finding
from .units import format_duration

_SETUP_KEY = pytest.StashKey[float]()
_ONE_OFF_KEY = pytest.StashKey[float]()


class StopOnBreach:
    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        config = item.config
        budget = settings(config).get(SUITE_BUDGET)
        assert budget is not None
        spent = time.time() - config.stash[WALL_START_KEY]
        if spent > budget:
            # A skip marker (rather than pytest.skip here) makes pytest report the test's own location.
            reason = (
                f"prodguard: suite budget of {format_duration(budget)} exhausted after {format_duration(spent)} "
                "(prodguard_suite_stop_on_breach is on)"
            )
            item.add_marker(pytest.mark.skip(reason=reason))


class PerTestBudget:
    """Fails a test whose setup and call together took longer than ``prodguard_test_budget``."""

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        from .oneoff import one_off

        item.stash[_ONE_OFF_KEY] = one_off(item.config)

    def pytest_prodguard_judge(self, item: pytest.Item, call: pytest.CallInfo[None]) -> None:
        budget = settings(item.config).get(TEST_BUDGET)
        assert budget is not None
        if call.when == "setup":
            item.stash[_SETUP_KEY] = call.duration
            return
        if call.when != "call":
            return
        from .oneoff import one_off

        setup = item.stash.get(_SETUP_KEY, 0.0)
        # Shared set-up this test happened to trigger (launching the browser) is the run's cost.
        shared = max(0.0, one_off(item.config) - item.stash.get(_ONE_OFF_KEY, one_off(item.config)))
        spent = setup + call.duration - shared
        mark_checked(item, "test_budget")
        if spent > budget:
            excluded = f", not counting {format_duration(shared)} of browser start-up" if shared else ""
            record_finding(
                item,
                Finding(
                    gate="test_budget",
                    rule="duration",
                    message=(
                        f"test duration budget exceeded: {format_duration(spent)} > {format_duration(budget)} "
                        f"(setup {format_duration(setup)} + call {format_duration(call.duration)}{excluded})"
                    ),
                    key="test_budget",
                    details={"limit_s": budget, "actual_s": spent},
                ),
            )


def slowest(config: pytest.Config, count: int) -> list[tuple[str, float]]:
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


def emit_failed_case(config: pytest.Config, finding: Finding, summary: str, text: str) -> None:
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


def report_breach(session: pytest.Session, result: SuiteResult) -> None:
    """Fail the run with the test case ``prodguard::suite_duration`` naming the slowest tests."""
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
    emit_failed_case(session.config, finding, summary, text)
    if session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
