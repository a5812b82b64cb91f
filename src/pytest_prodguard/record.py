"""The API checks use to record what they found, and the stash keys that hold run state.

Parts call these from inside a test (a fixture, a marker hook, a collected item's ``runtest``);
the core turns what they recorded into report data when the phase's report is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from .config import Settings
from .options import UPDATE_BASELINE

if TYPE_CHECKING:
    from .baseline import Baseline
    from .findings import Finding
    from .ledger import Ledger

SETTINGS_KEY = pytest.StashKey[Settings]()
# None when there is no baseline file: the module that reads one loads only when there is.
BASELINE_KEY: pytest.StashKey[Baseline | None] = pytest.StashKey()
LEDGER_KEY: pytest.StashKey[Ledger] = pytest.StashKey()
DURATIONS_KEY = pytest.StashKey[dict[str, float]]()


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


def ledger(config: pytest.Config) -> Ledger:
    """The controller's ledger of the run, created on first use."""
    found = config.stash.get(LEDGER_KEY, None)
    if found is None:
        from .ledger import Ledger

        found = config.stash[LEDGER_KEY] = Ledger()
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
    known_findings = item.config.stash[BASELINE_KEY]
    # While the baseline is being updated every finding is accepted into it, so none fails.
    known = settings(item.config).get(UPDATE_BASELINE) or (
        known_findings is not None and known_findings.knows(recorded)
    )
    recorded = recorded.with_(known=known)
    pending = _pending(item)
    pending.checked.add(finding.gate)
    pending.findings.append(recorded)
    return recorded


def record_measurement(item: pytest.Item, gate: str, data: Any) -> None:
    """Keep plain JSON data for the baseline (``--prodguard-update-baseline`` stores it per test)."""
    _pending(item).measurements[gate] = data


def baseline_measurement(config: pytest.Config, gate: str, nodeid: str) -> Any:
    """What the baseline recorded for ``gate`` and this test, or None."""
    known = config.stash[BASELINE_KEY]
    return None if known is None else known.measurement(gate, nodeid)


def take_pending(item: pytest.Item) -> Pending | None:
    pending = item.stash.get(PENDING_KEY, None)
    if pending is not None:
        del item.stash[PENDING_KEY]
    return pending
