"""A conftest that extends prodguard through its hooks (see docs/hooks.md)."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_prodguard import Finding


def pytest_prodguard_finding(config: pytest.Config, finding: Finding) -> None:
    # Called once per finding, on the controller, also under pytest-xdist.
    config.stash.setdefault(SEEN, []).append(finding.fingerprint)


def pytest_prodguard_json_report(config: pytest.Config, report: dict[str, Any]) -> None:
    # Amend the JSON report before it is written: add a key of your own.
    report["quickstart"] = {"team": "checkout", "findings_seen": len(config.stash.get(SEEN, []))}


SEEN = pytest.StashKey[list[str]]()
