"""The findings flow: what an item recorded becomes part of the report of the phase it belongs to.

Registered once by the core (``prodguard.attach``). For each phase it lets every
``pytest_prodguard_judge`` implementation judge the phase, then moves the item's recorded
findings, checked gates and measurements onto the report as plain data (``report.prodguard``,
which survives pytest-xdist), adds JUnit properties, and turns a *passed* report into a *failed*
one when a new error finding is present.
"""

from __future__ import annotations

from collections.abc import Generator, Mapping
from typing import TYPE_CHECKING, Any

import pytest

from .keys import PAYLOAD
from .record import Recorded, take_recorded

if TYPE_CHECKING:
    from .findings import Finding

MAX_PROPERTIES = 20


class FindingsFlow:
    """The core's ``makereport`` wrapper; cheap when a phase recorded nothing."""

    def __init__(self, config: pytest.Config) -> None:
        self.judges = config.hook.pytest_prodguard_judge

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        if self.judges.get_hookimpls():
            item.ihook.pytest_prodguard_judge(item=item, call=call)
        report = yield
        recorded = take_recorded(item)
        if recorded is not None:
            attach(item, report, recorded)
        return report

    @pytest.hookimpl(wrapper=True)
    def pytest_report_from_serializable(
        self, data: Mapping[str, Any]
    ) -> Generator[None, pytest.TestReport | None, pytest.TestReport | None]:
        # xdist sends a findings failure as a plain string; give it back its one-line summary.
        report = yield
        payload = getattr(report, PAYLOAD, None) if report is not None else None
        if report is not None and payload and payload.get("summary") and isinstance(report.longrepr, str):
            from ._longrepr import FindingsRepr

            report.longrepr = FindingsRepr(payload["summary"], report.longrepr).as_longrepr()
        return report


def attach(item: pytest.Item, report: pytest.TestReport, recorded: Recorded) -> None:
    findings: list[Finding] = recorded.findings
    payload: dict[str, Any] = {
        "findings": [f.to_dict() for f in findings],
        "checked": sorted(recorded.checked),
        "measurements": recorded.measurements,
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
    setattr(report, PAYLOAD, payload)
