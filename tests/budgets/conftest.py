from __future__ import annotations

import pytest


@pytest.fixture
def pytester(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    # The inner runs use no hypothesis, but its plugin imports the hypothesis package at every
    # session end; pytester then drops the modules again, so each in-process run paid for a fresh
    # import (about half of this directory's run time). Set after pytester, which clears the variable.
    monkeypatch.setenv("PYTEST_ADDOPTS", "-p no:hypothesispytest")
    # When this suite itself runs under pytest-xdist, the inner runs must not look like workers
    # (pytest-benchmark and prodguard both read these variables).
    for name in ("PYTEST_XDIST_WORKER", "PYTEST_XDIST_WORKER_COUNT", "PYTEST_XDIST_TESTRUNUID"):
        monkeypatch.delenv(name, raising=False)
    return pytester
