"""How gates that passed from the cache are shown (registered only when gates are declared)."""

from __future__ import annotations

from typing import Any

import pytest

from .options import CACHED_PROPERTY, GROUP


def _cached(report: pytest.TestReport) -> bool:
    return report.when == "call" and report.passed and any(k == CACHED_PROPERTY for k, _ in report.user_properties)


class CachedStatus:
    """Shows a gate that passed from the cache as ``PASSED (cached)`` (only when gates exist)."""

    def pytest_report_teststatus(
        self, report: pytest.TestReport
    ) -> tuple[str, str, tuple[str, dict[str, bool]]] | None:
        if isinstance(report, pytest.TestReport) and _cached(report):
            return "passed", ".", ("PASSED (cached)", {"green": True})
        return None


class CacheNotes:
    """On the controller: which gates passed from the cache, for the terminal summary."""

    def __init__(self) -> None:
        self.cached: list[str] = []

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if _cached(report):
            self.cached.append(report.nodeid.removeprefix(GROUP + "::"))

    def pytest_prodguard_json_report(self, report: dict[str, Any]) -> None:
        report["gates_cached"] = [f"{GROUP}::{name}" for name in self.cached]

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if self.cached:
            terminalreporter.write_line(
                f"prodguard gates passed from cache (inputs unchanged since their last green run; "
                f"--prodguard-gates-fresh runs them): {', '.join(self.cached)}"
            )
