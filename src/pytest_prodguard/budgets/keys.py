"""Where a budgeted test's fixtures keep what they measured (read when the test is judged)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .cache import CacheStats
    from .db import QueryLog
    from .fixture import BudgetRecorder
    from .spec import BudgetSpec

RECORDER_KEY: pytest.StashKey[BudgetRecorder] = pytest.StashKey()
QUERIES_KEY: pytest.StashKey[QueryLog] = pytest.StashKey()
CACHES_KEY: pytest.StashKey[CacheStats] = pytest.StashKey()
SPEC_KEY: pytest.StashKey[BudgetSpec] = pytest.StashKey()
