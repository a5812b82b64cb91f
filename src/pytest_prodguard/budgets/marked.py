"""The hooks of tests marked ``@pytest.mark.budget``, registered once collection found the marker.

A budgeted test is judged when its call phase's report is made, so a breach is a test *failure*.
Timing samples come, in this order, from the ``budget`` fixture, else pytest-benchmark's
``benchmark`` fixture, else the statements ``db_queries`` saw, else the test's own call duration.
"""

from __future__ import annotations

from collections.abc import Generator

import pytest

from ..keys import settings
from ..markers import call_marker, fail
from .keys import SPEC_KEY
from .marker import budget as budget_marker
from .options import BUDGETS

_SKIPPED_KEY = pytest.StashKey[bool]()


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
                item.stash[_SKIPPED_KEY] = True
                pytest.skip(reason)
        return result

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        if call.when == "call" and item.stash.get(_SKIPPED_KEY, False) and isinstance(report.longrepr, tuple):
            # Point the skip at the test, as pytest does for skip markers, not at this hook.
            path, line = item.reportinfo()[:2]
            report.longrepr = (str(path), (line or 0) + 1, report.longrepr[2])
        return report

    def pytest_prodguard_judge(self, item: pytest.Item, call: pytest.CallInfo[None]) -> None:
        spec = item.stash.get(SPEC_KEY, None)
        if call.when != "call" or call.excinfo is not None or spec is None:
            return
        from .judging import judge_test

        judge_test(item, call, spec)
