from __future__ import annotations

import pytest


@pytest.fixture
def pytester(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    # The inner runs use no hypothesis, but its plugin imports the hypothesis package at every
    # session end; pytester then drops the modules again, so each in-process run paid for a fresh
    # import (about half of this directory's run time). Set after pytester, which clears the variable.
    monkeypatch.setenv("PYTEST_ADDOPTS", "-p no:hypothesispytest")
    return pytester
