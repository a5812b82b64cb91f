"""The findings wrapper: moves what an item recorded onto the report of the phase it belongs to.

It is registered per process only once a check is live there (a plugin or conftest that
implements ``pytest_prodguard_judge``, seen by ``plugin.Activator``, or the first
``record_*``/``mark_checked`` call), so a run in which nothing records pays nothing per test.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import TYPE_CHECKING, Any

import pytest

from .record import take_pending

if TYPE_CHECKING:
    from .findings import Finding

NAME = "prodguard.flow"
MAX_PROPERTIES = 20


def activate(config: pytest.Config) -> None:
    manager = config.pluginmanager
    if not manager.has_plugin(NAME):
        manager.register(FindingsFlow(config), NAME)


class FindingsFlow:
    """Judges each phase through ``pytest_prodguard_judge`` and attaches what was recorded."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        if self.config.hook.pytest_prodguard_judge.get_hookimpls():
            item.ihook.pytest_prodguard_judge(item=item, call=call)
        report = yield
        pending = take_pending(item)
        if pending:
            self._attach(item, report, pending.findings, sorted(pending.checked), pending.measurements)
        return report

    def _attach(
        self,
        item: pytest.Item,
        report: pytest.TestReport,
        findings: list[Finding],
        checked: list[str],
        measurements: dict[str, Any],
    ) -> None:
        payload: dict[str, Any] = {
            "findings": [f.to_dict() for f in findings],
            "checked": checked,
            "measurements": measurements,
        }
        from ._longrepr import describe, fail_report, summarise

        failing = [f for f in findings if f.fails]
        properties = [(f"prodguard.{f.gate}.{f.rule}", f.describe()) for f in findings[:MAX_PROPERTIES]]
        item.user_properties.extend(properties)
        if report.when == "teardown":
            report.user_properties.extend(properties)
        if failing and report.passed:
            summary = summarise(failing)
            fail_report(report, summary, describe(failing, summary))
            payload["summary"] = summary
        elif findings:
            report.sections.append(("prodguard", describe(findings, "prodguard findings")))
        # Extra report attributes travel with the report through xdist's serialisation.
        report.__dict__["prodguard"] = payload
