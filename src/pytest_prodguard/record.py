"""The API checks use to record what they found on the test item they run in.

Parts call these from inside a test (a fixture, a marker hook, a collected item's ``runtest``);
the core's report wrapper (:mod:`.attach`) moves what was recorded onto the phase's report.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pytest

from .keys import BASELINE_KEY, PROPERTIES_KEY, RECORDED_KEY
from .keys import settings as settings  # the public pytest_prodguard.settings
from .options import UPDATE_BASELINE

if TYPE_CHECKING:
    from .findings import Finding


class Recorded:
    """What an item recorded since its last report was made."""

    __slots__ = ("checked", "findings", "measurements")

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.checked: set[str] = set()
        self.measurements: dict[str, Any] = {}


def _recorded(item: pytest.Item) -> Recorded:
    recorded = item.stash.get(RECORDED_KEY, None)
    if recorded is None:
        recorded = item.stash[RECORDED_KEY] = Recorded()
    return recorded


def take_recorded(item: pytest.Item) -> Recorded | None:
    """What the item recorded since the last report, emptied for the next phase."""
    # Checked with ``in`` first: this runs three times per test, and most phases recorded nothing
    # (Stash.get raises and catches a KeyError for a missing key).
    if RECORDED_KEY not in item.stash:
        return None
    recorded = item.stash[RECORDED_KEY]
    del item.stash[RECORDED_KEY]
    return recorded


def add_properties(item: pytest.Item, properties: Sequence[tuple[str, object]]) -> None:
    """Add JUnit properties (``item.user_properties``) that belong to this attempt of the test only.

    A test run again (pytest-rerunfailures) keeps its ``user_properties``; prodguard removes the
    ones it added for an earlier attempt when the next one starts, so only the final attempt's show.
    """
    item.user_properties.extend(properties)
    item.stash.setdefault(PROPERTIES_KEY, []).extend(properties)


def start_attempt(item: pytest.Item) -> None:
    """Forget what an earlier attempt of this test added (called at each setup phase)."""
    if PROPERTIES_KEY not in item.stash:  # the common case, without Stash.get's caught KeyError
        return
    added = item.stash[PROPERTIES_KEY]
    if added:
        ours = {id(prop) for prop in added}
        item.user_properties[:] = [prop for prop in item.user_properties if id(prop) not in ours]
        added.clear()


def mark_checked(item: pytest.Item, gate: str) -> None:
    """Say that ``gate`` checked this item, so a clean result counts as *passed*, not as unchecked."""
    _recorded(item).checked.add(gate)


def record_finding(item: pytest.Item, finding: Finding) -> Finding:
    """Record a finding on ``item``; returns it with its node id and baseline status filled in."""
    recorded = finding.with_(nodeid=item.nodeid)
    # While the baseline is being updated every finding is accepted into it, so none fails.
    known = settings(item.config).get(UPDATE_BASELINE) or is_known(item.config, recorded)
    recorded = recorded.with_(known=known)
    pending = _recorded(item)
    pending.checked.add(finding.gate)
    pending.findings.append(recorded)
    return recorded


def is_known(config: pytest.Config, finding: Finding) -> bool:
    """Whether the baseline already holds ``finding`` (give it its test's node id first)."""
    known_findings = config.stash[BASELINE_KEY]
    return known_findings is not None and known_findings.knows(finding)


def record_measurement(item: pytest.Item, gate: str, data: Any) -> None:
    """Keep plain JSON data for the baseline (``--prodguard-update-baseline`` stores it per test)."""
    _recorded(item).measurements[gate] = data


def baseline_measurement(config: pytest.Config, gate: str, nodeid: str) -> Any:
    """What the baseline recorded for ``gate`` and this test, or None."""
    known = config.stash[BASELINE_KEY]
    return None if known is None else known.measurement(gate, nodeid)
