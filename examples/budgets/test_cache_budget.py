"""Cache hit-rate budgets: functools.lru_cache and any cache exposing hits and misses."""

from __future__ import annotations

from typing import Any

import pytest
from app import user_profile


@pytest.mark.budget("cache")  # hit_rate >= 90%
def test_profile_cache_is_warm(cache_stats: Any) -> None:
    cache_stats.track(user_profile)
    for request in range(100):
        user_profile(request % 5)
    assert cache_stats.hit_rate is not None
    assert cache_stats.hit_rate >= 0.95


class CountingCache:
    """A hand-written cache that exposes hits and misses, like many cache clients do."""

    def __init__(self) -> None:
        self.data: dict[str, str] = {}
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> str:
        if key in self.data:
            self.hits += 1
        else:
            self.misses += 1
            self.data[key] = key.upper()
        return self.data[key]


@pytest.mark.budget(hit_rate="75%")
def test_hand_written_cache(cache_stats: Any) -> None:
    cache = cache_stats.track(CountingCache(), name="sessions")
    for key in ["a", "b", "a", "a", "b", "a", "a", "b"]:
        cache.get(key)
