"""The run's ledger: every finding, checked unit and measurement, gathered once on the controller.

Reporters read what they show from here (findings, tallies, the suite result, the parts that
ran); they never decide pass or fail, the checks did.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .keys import LEDGER_KEY, PARTS_KEY, PAYLOAD, REPORTS_KEY

if TYPE_CHECKING:
    import pytest

    from .findings import Finding

STATES = ("checked", "passed", "failed", "known", "warned")


class SuiteResult:
    """The suite-duration gate's measurement (``prodguard.suite``), kept for the reporters.

    Plain classes here, not NamedTuples or dataclasses: every run builds them, and creating such a
    class costs more than the whole ledger of a small run.
    """

    __slots__ = ("budget", "duration", "slowest", "warn_at")

    def __init__(self, budget: float | None, duration: float, warn_at: float, slowest: list[tuple[str, float]]) -> None:
        self.budget = budget
        self.duration = duration
        self.warn_at = warn_at
        self.slowest = slowest

    @property
    def breached(self) -> bool:
        return self.budget is not None and self.duration > self.budget

    @property
    def warned(self) -> bool:
        return self.budget is not None and not self.breached and self.duration >= self.budget * self.warn_at

    def to_dict(self) -> dict[str, Any]:
        return {
            "budget_s": self.budget,
            "duration_s": round(self.duration, 6),
            "warn_at": self.warn_at,
            "breached": self.breached,
            "warned": self.warned,
            "slowest": [{"nodeid": n, "duration_s": round(d, 6)} for n, d in self.slowest],
        }


class GateTally:
    """Per gate: how many checked units (tests, files, pages) ended in each state."""

    __slots__ = STATES

    def __init__(self) -> None:
        self.checked = self.passed = self.failed = self.known = self.warned = 0

    def to_dict(self) -> dict[str, int]:
        return {state: getattr(self, state) for state in STATES}


class Ledger:
    """Findings, checked units and measurements of the whole run (built on the controller)."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.checked: dict[str, set[str]] = {}
        self.measurements: dict[str, dict[str, Any]] = {}
        #: Every test report taken in (``ran`` derives the node ids only when asked: a report's
        #: ``nodeid`` is rebuilt from its structured id on each read).
        self.reports: list[pytest.TestReport] = []
        #: The parts registered in this run (``prodguard.<part>`` plugins).
        self.parts: list[str] = []
        #: The suite-duration gate's result, set when the session finishes.
        self.suite: SuiteResult | None = None
        #: How many reports of each group (pytest's terminal reporter groups them by outcome) are read.
        self._read: dict[str, int] = {}
        #: The latest attempt seen per test (pytest-rerunfailures runs a failed test again).
        self._attempts: dict[str, int] = {}
        self._found_in: dict[str, list[Finding]] = {}

    def sync(self, config: pytest.Config) -> None:
        """Take in the reports not seen yet; each finding reaches the finding hook once."""
        unread = self._unread(config)
        self.reports.extend(unread)
        for report in unread:
            payload = getattr(report, PAYLOAD, None)
            if payload:
                for finding in self.add(report.nodeid, payload):
                    config.hook.pytest_prodguard_finding(config=config, finding=finding)

    @property
    def ran(self) -> set[str]:
        """The node ids of the tests that ran (a partial baseline update keeps the others' entries)."""
        return {report.nodeid for report in self.reports}

    def _unread(self, config: pytest.Config) -> list[pytest.TestReport]:
        """The test reports made since the last sync: each group is a list the reporter only appends to."""
        import pytest

        reporter = config.pluginmanager.get_plugin("terminalreporter")
        groups = {"": config.stash.get(REPORTS_KEY, [])} if reporter is None else reporter.stats
        unread: list[pytest.TestReport] = []
        for key, group in groups.items():
            start = self._read.get(key, 0)
            if len(group) > start:
                unread.extend(report for report in group[start:] if isinstance(report, pytest.TestReport))
            self._read[key] = len(group)
        return unread

    def add(self, nodeid: str, payload: Mapping[str, Any]) -> list[Finding]:
        """Take one report's payload; return the findings it carried.

        Only a test's final attempt counts: reports reach the ledger grouped by outcome, not in
        order, so an earlier attempt's payload is dropped when it comes after a later one's, and
        forgotten when a later one comes after it.
        """
        attempt = payload.get("attempt", 1)
        latest = self._attempts.setdefault(nodeid, attempt)
        if attempt < latest:
            return []
        if attempt > latest:
            self._attempts[nodeid] = attempt
            self._forget(nodeid)
        for gate in payload.get("checked", ()):
            self.checked.setdefault(gate, set()).add(nodeid)
        for gate, value in payload.get("measurements", {}).items():
            self.measurements.setdefault(gate, {})[nodeid] = value
        raw = payload.get("findings", ())
        if not raw:
            return []
        from .findings import Finding

        found = [Finding.from_dict(item) for item in raw]
        for finding in found:
            self.checked.setdefault(finding.gate, set()).add(nodeid)
        self.findings.extend(found)
        self._found_in.setdefault(nodeid, []).extend(found)
        return found

    def _forget(self, nodeid: str) -> None:
        dropped = {id(f) for f in self._found_in.pop(nodeid, [])}
        self.findings = [f for f in self.findings if id(f) not in dropped]
        for nodeids in self.checked.values():
            nodeids.discard(nodeid)
        for values in self.measurements.values():
            values.pop(nodeid, None)

    def tally(self) -> dict[str, GateTally]:
        by_unit: dict[tuple[str, str], list[Finding]] = {}
        for finding in self.findings:
            by_unit.setdefault((finding.gate, finding.nodeid), []).append(finding)
        tallies: dict[str, GateTally] = {}
        for gate, nodeids in sorted(self.checked.items()):
            tally = tallies.setdefault(gate, GateTally())
            for nodeid in nodeids:
                tally.checked += 1
                state = unit_state(by_unit.get((gate, nodeid), []))
                setattr(tally, state, getattr(tally, state) + 1)
        return tallies


def unit_state(findings: Iterable[Finding]) -> str:
    """``failed`` > ``known`` > ``warned`` > ``passed`` for one checked unit of one gate."""
    found = list(findings)
    if any(f.fails for f in found):
        return "failed"
    if any(f.known for f in found):
        return "known"
    if any(f.severity == "warning" for f in found):
        return "warned"
    return "passed"


def run_reports(config: pytest.Config) -> Iterator[pytest.TestReport]:
    """Every test report of the run so far, on the controller.

    pytest's terminal reporter already keeps them all (``stats``), so prodguard needs no hook of
    its own per report; without the terminal reporter a small collector keeps them instead.
    """
    import pytest

    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        yield from config.stash.get(REPORTS_KEY, [])
        return
    for group in reporter.stats.values():
        for report in group:
            if isinstance(report, pytest.TestReport):
                yield report


def ledger(config: pytest.Config) -> Ledger:
    """The controller's ledger, brought up to date with the reports made so far."""
    found = config.stash.get(LEDGER_KEY, None)
    if found is None:
        found = config.stash[LEDGER_KEY] = Ledger()
        if PARTS_KEY in config.stash:
            registered: list[str] = config.stash[PARTS_KEY]
            found.parts = list(registered)
    found.sync(config)
    return found


class ReportCollector:
    """Keeps the reports for the ledger when pytest's terminal reporter is switched off."""

    def __init__(self, config: pytest.Config) -> None:
        self.reports = config.stash[REPORTS_KEY] = []

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.reports.append(report)
