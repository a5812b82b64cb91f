"""The findings flow: what an item recorded becomes part of the report of the phase it belongs to.

Registered once by the core as plugin ``prodguard.attach`` (this module). For each phase it lets
every ``pytest_prodguard_judge`` implementation judge the phase, then moves the item's recorded
findings, checked gates and measurements onto the report as plain data (``report.prodguard``,
which survives pytest-xdist), adds JUnit properties, and turns a *passed* report into a *failed*
one when a new error finding is present.

It runs for every phase of every test, so a phase that recorded nothing costs a look at the
judges and a membership test; the recording API (:mod:`.record`) loads once something is recorded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from . import keys

if TYPE_CHECKING:
    from collections.abc import Generator, Mapping
    from typing import Any

    from .record import Recorded

MAX_PROPERTIES = 20


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    stash = item.stash
    # Each setup starts an attempt: pytest-rerunfailures runs a failed test again.
    if call.when == "setup" and keys.PROPERTIES_KEY in stash:
        from .record import start_attempt

        start_attempt(item)
    if item.config.hook.pytest_prodguard_judge.get_hookimpls():
        item.ihook.pytest_prodguard_judge(item=item, call=call)
    report = yield
    if keys.RECORDED_KEY in stash:
        from .record import take_recorded

        recorded = take_recorded(item)
        if recorded is not None:
            _attach(item, report, recorded)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_report_from_serializable(
    data: Mapping[str, Any],
) -> Generator[None, pytest.TestReport | None, pytest.TestReport | None]:
    # xdist sends a findings failure as a plain string; give it back its one-line summary.
    report = yield
    payload = getattr(report, keys.PAYLOAD, None) if report is not None else None
    if report is not None and payload and payload.get("summary") and isinstance(report.longrepr, str):
        from ._longrepr import FindingsRepr

        report.longrepr = FindingsRepr(payload["summary"], report.longrepr).as_longrepr()
    return report


def _attach(item: pytest.Item, report: pytest.TestReport, recorded: Recorded) -> None:
    from ._longrepr import describe, fail_report, summarise
    from .record import add_properties

    payload: dict[str, Any] = {
        # pytest-rerunfailures numbers the attempts; the ledger keeps the final one's findings only.
        "attempt": getattr(item, "execution_count", 1),
        "findings": [f.to_dict() for f in recorded.findings],
        "checked": sorted(recorded.checked),
        "measurements": recorded.measurements,
    }
    findings = recorded.findings
    failing = [f for f in findings if f.fails]
    properties = [(f"prodguard.{f.gate}.{f.rule}", f.describe()) for f in findings[:MAX_PROPERTIES]]
    add_properties(item, properties)
    if report.when == "teardown":
        report.user_properties.extend(properties)
    if failing and report.passed:
        summary = summarise(failing)
        fail_report(report, summary, describe(failing, summary))
        payload["summary"] = summary
    elif findings:
        report.sections.append(("prodguard", describe(findings, "prodguard findings")))
    # Extra report attributes travel with the report through xdist's serialisation.
    setattr(report, keys.PAYLOAD, payload)
