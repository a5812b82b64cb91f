"""The API checks use to record what they found, and the stash keys that hold run state.

Parts call these from inside a test (a fixture, a marker hook, a collected item's ``runtest``);
the core turns what they recorded into report data when the phase's report is made.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from .baseline import Baseline
from .config import Settings
from .findings import JSON, Finding, Ledger
from .options import UPDATE_BASELINE

SETTINGS_KEY = pytest.StashKey[Settings]()
BASELINE_KEY = pytest.StashKey[Baseline]()
LEDGER_KEY = pytest.StashKey[Ledger]()


@dataclass
class Pending:
    """What an item recorded since its last report was made."""

    findings: list[Finding] = field(default_factory=list)
    checked: set[str] = field(default_factory=set)
    measurements: dict[str, JSON] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.findings or self.checked or self.measurements)


PENDING_KEY = pytest.StashKey[Pending]()


def settings(config: pytest.Config) -> Settings:
    return config.stash[SETTINGS_KEY]


def baseline(config: pytest.Config) -> Baseline:
    return config.stash[BASELINE_KEY]


def is_controller(config: pytest.Config) -> bool:
    """True on a plain run and on the xdist controller; False on xdist workers."""
    return not hasattr(config, "workerinput")


def _pending(item: pytest.Item) -> Pending:
    pending = item.stash.get(PENDING_KEY, None)
    if pending is None:
        pending = item.stash[PENDING_KEY] = Pending()
    return pending


def mark_checked(item: pytest.Item, gate: str) -> None:
    """Say that ``gate`` checked this item, so a clean result counts as *passed*, not as unchecked."""
    _pending(item).checked.add(gate)


def record_finding(item: pytest.Item, finding: Finding) -> Finding:
    """Record a finding on ``item``; returns it with its node id and baseline status filled in."""
    recorded = finding.with_(nodeid=item.nodeid)
    # While the baseline is being updated every finding is accepted into it, so none fails.
    known = baseline(item.config).knows(recorded) or settings(item.config).get(UPDATE_BASELINE)
    recorded = recorded.with_(known=known)
    pending = _pending(item)
    pending.checked.add(finding.gate)
    pending.findings.append(recorded)
    return recorded


def record_measurement(item: pytest.Item, gate: str, data: JSON) -> None:
    """Keep plain data for the baseline (``--prodguard-update-baseline`` stores it per test)."""
    _pending(item).measurements[gate] = data


def baseline_measurement(config: pytest.Config, gate: str, nodeid: str) -> JSON | None:
    """What the baseline recorded for ``gate`` and this test, or None."""
    return baseline(config).measurement(gate, nodeid)


def take_pending(item: pytest.Item) -> Pending | None:
    pending = item.stash.get(PENDING_KEY, None)
    if pending is not None:
        del item.stash[PENDING_KEY]
    return pending
