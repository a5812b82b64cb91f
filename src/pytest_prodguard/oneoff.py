"""Time spent on one-off set-up shared by the whole run (launching the browser).

The per-test duration budget bills a test for its own setup and call; a cost that the first test
to need something pays on behalf of every later one (starting Playwright and Chromium, about a
second) is recorded here instead and left out of that test's bill.
"""

from __future__ import annotations

import pytest

ONE_OFF_KEY: pytest.StashKey[float] = pytest.StashKey()


def add_one_off(config: pytest.Config, seconds: float) -> None:
    config.stash[ONE_OFF_KEY] = config.stash.get(ONE_OFF_KEY, 0.0) + seconds


def one_off(config: pytest.Config) -> float:
    """Seconds of shared set-up spent in this process so far."""
    return config.stash.get(ONE_OFF_KEY, 0.0)
