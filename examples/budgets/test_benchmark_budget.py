"""A budget over pytest-benchmark's rounds (not under pytest-xdist: there it is skipped, with the reason)."""

from __future__ import annotations

from typing import Any

import pytest
from app import team_names_joined


@pytest.mark.budget(p95="100ms", median="20ms")
def test_join_benchmark(benchmark: Any, db: Any) -> None:
    benchmark.pedantic(team_names_joined, args=(db,), rounds=25, iterations=1)
