"""The API checks use to record what they found, and the stash keys that hold run state.

Parts call these from inside a test (a fixture, a marker hook, a collected item's ``runtest``);
the core turns what they recorded into report data when the phase's report is made.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import pytest

from .config import Settings
from .options import UPDATE_BASELINE

if TYPE_CHECKING:
    from .baseline import Baseline
    from .findings import Finding

SETTINGS_KEY = pytest.StashKey[Settings]()
# None when there is no baseline file: the module that reads one loads only when there is.
BASELINE_KEY: pytest.StashKey[Baseline | None] = pytest.StashKey()
LEDGER_KEY: pytest.StashKey[Ledger] = pytest.StashKey()
# Reports seen by the fallback collector, used only when pytest's terminal reporter is off.
REPORTS_KEY = pytest.StashKey[list[pytest.TestReport]]()


class Pending:
    """What an item recorded since its last report was made."""

    __slots__ = ("checked", "findings", "measurements")

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.checked: set[str] = set()
        self.measurements: dict[str, Any] = {}

    def __bool__(self) -> bool:
        return bool(self.findings or self.checked or self.measurements)


PENDING_KEY = pytest.StashKey[Pending]()


def settings(config: pytest.Config) -> Settings:
    """The run's resolved settings; read one with ``settings(config).get(OPTION)``."""
    return config.stash[SETTINGS_KEY]


def test_reports(config: pytest.Config) -> Iterator[pytest.TestReport]:
    """Every test report of the run so far, on the controller.

    pytest's terminal reporter already keeps them all (``stats``), so prodguard needs no hook of
    its own per report; without the terminal reporter a small collector keeps them instead.
    """
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        if REPORTS_KEY in config.stash:
            yield from config.stash[REPORTS_KEY]
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
    found.sync(config)
    return found


def is_controller(config: pytest.Config) -> bool:
    """True on a plain run and on the xdist controller; False on xdist workers."""
    return not hasattr(config, "workerinput")


def _pending(item: pytest.Item) -> Pending:
    pending = item.stash.get(PENDING_KEY, None)
    if pending is None:
        from .flow import activate

        activate(item.config)
        pending = item.stash[PENDING_KEY] = Pending()
    return pending


def mark_checked(item: pytest.Item, gate: str) -> None:
    """Say that ``gate`` checked this item, so a clean result counts as *passed*, not as unchecked."""
    _pending(item).checked.add(gate)


def record_finding(item: pytest.Item, finding: Finding) -> Finding:
    """Record a finding on ``item``; returns it with its node id and baseline status filled in."""
    recorded = finding.with_(nodeid=item.nodeid)
    # While the baseline is being updated every finding is accepted into it, so none fails.
    known = settings(item.config).get(UPDATE_BASELINE) or is_known(item.config, recorded)
    recorded = recorded.with_(known=known)
    pending = _pending(item)
    pending.checked.add(finding.gate)
    pending.findings.append(recorded)
    return recorded


def is_known(config: pytest.Config, finding: Finding) -> bool:
    """Whether the baseline already holds ``finding`` (give it its test's node id first)."""
    known_findings = config.stash[BASELINE_KEY]
    return known_findings is not None and known_findings.knows(finding)


def record_measurement(item: pytest.Item, gate: str, data: Any) -> None:
    """Keep plain JSON data for the baseline (``--prodguard-update-baseline`` stores it per test)."""
    _pending(item).measurements[gate] = data


def baseline_measurement(config: pytest.Config, gate: str, nodeid: str) -> Any:
    """What the baseline recorded for ``gate`` and this test, or None."""
    known = config.stash[BASELINE_KEY]
    return None if known is None else known.measurement(gate, nodeid)


STATES = ("checked", "passed", "failed", "known", "warned")


class GateTally:
    """Per gate: how many checked units (tests, files, pages) ended in each state."""

    __slots__ = STATES

    def __init__(self) -> None:
        self.checked = self.passed = self.failed = self.known = self.warned = 0

    def to_dict(self) -> dict[str, int]:
        return {state: getattr(self, state) for state in STATES}


class Ledger:
    """Findings, checked units and measurements of the whole run (built on the controller).

    Plain classes, not dataclasses: every run builds a ledger, and start-up cost counts.
    """

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.checked: dict[str, set[str]] = {}
        self.measurements: dict[str, dict[str, Any]] = {}
        self.ran: set[str] = set()
        self._seen: set[int] = set()

    def sync(self, config: pytest.Config) -> None:
        """Take in the reports not seen yet; each finding reaches the finding hook once."""
        for report in test_reports(config):
            if id(report) in self._seen:
                continue
            self._seen.add(id(report))
            self.ran.add(report.nodeid)
            payload = getattr(report, "prodguard", None)
            if not payload:
                continue
            summary = payload.get("summary")
            if summary and isinstance(report.longrepr, str):
                from ._longrepr import FindingsRepr

                # xdist sends our failure text as a plain string; restore the one-line summary.
                report.longrepr = FindingsRepr(summary, report.longrepr).as_longrepr()
            for finding in self.add(report.nodeid, payload):
                config.hook.pytest_prodguard_finding(config=config, finding=finding)

    def add(self, nodeid: str, payload: Mapping[str, Any]) -> list[Finding]:
        """Take one report's ``prodguard`` payload; return the findings it carried."""
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
        return found

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


def take_pending(item: pytest.Item) -> Pending | None:
    pending = item.stash.get(PENDING_KEY, None)
    if pending is not None:
        del item.stash[PENDING_KEY]
    return pending
