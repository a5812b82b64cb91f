from __future__ import annotations

import pytest

from pytest_prodguard import Finding, Severity
from pytest_prodguard.ledger import Ledger


def test_round_trip_through_plain_data() -> None:
    finding = Finding("brand", "color", "off-brand", path="a.css", line=2, col=5, fix="var(--x)", details={"d": 1})
    data = finding.to_dict()
    assert data["severity"] == "error"
    assert data["fingerprint"] == "brand|color|a.css|off-brand"
    assert Finding.from_dict(data) == finding


def test_fingerprint_ignores_lines_and_uses_nodeid_without_path() -> None:
    moved = Finding("brand", "color", "m", path="a.css", line=9, key="color:red")
    assert moved.fingerprint == Finding("brand", "color", "m", path="a.css", line=1, key="color:red").fingerprint
    perf = Finding("budget", "p95", "slow", nodeid="t.py::test_a", key="p95")
    assert perf.fingerprint == "budget|p95|t.py::test_a|p95"
    assert perf.location == "t.py::test_a"


def test_states() -> None:
    ledger = Ledger()
    ledger.add("t::a", {"checked": ["g"]})
    ledger.add("t::b", {"findings": [Finding("g", "r", "m", nodeid="t::b").to_dict()]})
    ledger.add("t::c", {"findings": [Finding("g", "r", "m", nodeid="t::c", known=True).to_dict()]})
    ledger.add("t::d", {"findings": [Finding("g", "r", "m", nodeid="t::d", severity=Severity.WARNING).to_dict()]})
    tally = ledger.tally()["g"]
    assert (tally.checked, tally.passed, tally.failed, tally.known, tally.warned) == (4, 1, 1, 1, 1)


def test_with_cleans_what_it_changes_and_keeps_the_rest() -> None:
    found = Finding("g", "r", "m\x1b[31mred", target="t\x07", details={"a": "x\x1b[0m"})
    changed = found.with_(nodeid="n::1", known=True, key="k\x1b[1m", details={"b": "\x1b[2Jz"})
    assert (changed.message, changed.target, changed.key, changed.details) == ("mred", "t", "k", {"b": "z"})
    assert (changed.nodeid, changed.known) == ("n::1", True)
    assert (found.nodeid, found.key, found.known, found.details) == ("", None, False, {"a": "x"})
    with pytest.raises(TypeError, match="colour"):
        found.with_(colour="red")
