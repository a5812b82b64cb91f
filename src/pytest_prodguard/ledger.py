"""The controller's ledger of the run: which gates checked what, and what they found.

Plain classes rather than dataclasses: the ledger exists in every run, and this module is
imported at the end of each one, so its import must stay cheap.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .findings import Finding

STATES = ("checked", "passed", "failed", "known", "warned")


class GateTally:
    """Per gate: how many checked units (tests, files, pages) ended in each state."""

    __slots__ = STATES

    def __init__(self) -> None:
        self.checked = self.passed = self.failed = self.known = self.warned = 0

    def to_dict(self) -> dict[str, int]:
        return {state: getattr(self, state) for state in STATES}


class Ledger:
    """Findings, checked units and measurements of the whole run (empty on xdist workers)."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.checked: dict[str, set[str]] = {}
        self.measurements: dict[str, dict[str, Any]] = {}

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
