"""The ``cache_stats`` fixture: hit rate of caches during one test."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Reader = Callable[[], tuple[int, int]]


def _counts(value: Any, what: str) -> tuple[int, int]:
    hits, misses = value
    if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in (hits, misses)):
        raise TypeError(f"cache_stats: {what} gave hits={hits!r}, misses={misses!r}; expected whole numbers >= 0")
    return hits, misses


def reader_for(target: Any) -> Reader:
    """How to read (hits, misses) from an lru_cache function, a hits/misses object or a callable."""
    cache_info = getattr(target, "cache_info", None)
    if callable(cache_info):

        def info() -> tuple[int, int]:
            current = cache_info()
            return _counts((current.hits, current.misses), "cache_info()")

        return info
    if hasattr(target, "hits") and hasattr(target, "misses"):
        return lambda: _counts((target.hits, target.misses), "the hits/misses attributes")
    if callable(target):

        def call() -> tuple[int, int]:
            try:
                return _counts(target(), "the callable")
            except (TypeError, ValueError) as exc:
                if str(exc).startswith("cache_stats"):
                    raise
                raise TypeError("cache_stats: the callable must return (hits, misses)") from None

        return call
    raise TypeError(
        "cache_stats.track: expected a functools.lru_cache function (or anything with cache_info()), "
        f"an object with hits and misses attributes, or a callable returning (hits, misses); got {target!r}"
    )


@dataclass
class TrackedCache:
    name: str
    read: Reader
    start: tuple[int, int]

    def delta(self) -> tuple[int, int]:
        hits, misses = self.read()
        return hits - self.start[0], misses - self.start[1]


class CacheStats:
    """Caches whose hits and misses this test counts (from the moment each is tracked)."""

    def __init__(self) -> None:
        self.caches: list[TrackedCache] = []

    def track(self, target: Any, name: str | None = None) -> Any:
        """Start counting ``target``'s hits and misses; returns ``target`` unchanged."""
        read = reader_for(target)
        label = name or getattr(target, "__qualname__", None) or type(target).__name__
        self.caches.append(TrackedCache(str(label), read, read()))
        return target

    def results(self) -> list[tuple[str, int, int]]:
        """``(name, hits, misses)`` since tracking began, per cache."""
        return [(cache.name, *cache.delta()) for cache in self.caches]

    @property
    def hit_rate(self) -> float | None:
        """Overall hit rate of every tracked cache, or None when nothing was looked up."""
        hits = sum(h for _, h, _ in self.results())
        total = hits + sum(m for _, _, m in self.results())
        return hits / total if total else None
