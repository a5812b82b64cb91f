"""Shared test helpers: a tiny demo gate that records findings through the public API."""

from __future__ import annotations

import os

import pytest

DEMO_GATE_CONFTEST = """
from pytest_prodguard import Finding, Severity, mark_checked, record_finding

def pytest_prodguard_judge(item, call):
    if call.when != "call":
        return
    mark_checked(item, "demo")
    for marker in item.iter_markers("demo_finding"):
        record_finding(item, Finding(
            gate="demo", rule=marker.kwargs.get("rule", "r1"), message=marker.args[0],
            severity=Severity(marker.kwargs.get("severity", "error")),
            path="site.css", line=3, col=7, key=marker.args[0], fix="use var(--brand)",
        ))

def pytest_configure(config):
    config.addinivalue_line("markers", "demo_finding(message, rule='r1', severity='error'): test helper")
"""


@pytest.fixture
def demo_gate(pytester: pytest.Pytester) -> pytest.Pytester:
    """A pytester whose conftest records a 'demo' finding for each ``demo_finding`` marker."""
    pytester.makeconftest(DEMO_GATE_CONFTEST)
    return pytester


@pytest.fixture
def pytester(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """Inner runs skip hypothesis' plugin, which costs ~0.7 s per in-process run.

    Set after pytester itself starts, because pytester clears PYTEST_ADDOPTS for isolation.
    """
    monkeypatch.setenv("PYTEST_ADDOPTS", "-p no:hypothesispytest")
    # Inner runs must not inherit this run's prodguard settings, nor look like xdist workers when
    # this suite itself runs under xdist (pytest-benchmark and prodguard read these variables).
    for name in list(os.environ):
        if name.startswith(("PRODGUARD_", "PYTEST_XDIST_")):
            monkeypatch.delenv(name)
    return pytester
