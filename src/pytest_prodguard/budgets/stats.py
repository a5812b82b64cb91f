"""Statistics of timing samples, by one documented method.

Percentiles use the **nearest-rank** method: ``pN`` of ``n`` sorted samples is the sample of rank
``ceil(N/100 * n)`` (1-based). It always returns a value that was measured, never an
interpolation. A percentile above the median needs at least ``ceil(100 / (100 - N))`` samples
(p90: 10, p95: 20, p99: 100, p99.9: 1000): with fewer, the nearest rank is the maximum, so the
"p99" would really be the max of a small sample and would be reported as something it is not.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ..units import format_duration
from .spec import percentile_of


def min_samples(stat: str) -> int:
    """How many samples ``stat`` needs before it means what it says."""
    q = percentile_of(stat)
    if q is None or q <= 50:
        return 1
    return math.ceil(round(100.0 / (100.0 - q), 9))


def nearest_rank(ordered: Sequence[float], q: float) -> float:
    rank = max(1, math.ceil(round(q / 100.0 * len(ordered), 9)))
    return ordered[rank - 1]


def timing_stat(stat: str, ordered: Sequence[float]) -> float:
    """``stat`` of the sorted, non-empty ``ordered`` samples."""
    if stat == "min":
        return ordered[0]
    if stat == "max":
        return ordered[-1]
    if stat == "mean":
        return math.fsum(ordered) / len(ordered)
    q = percentile_of(stat)
    assert q is not None, stat
    return nearest_rank(ordered, q)


def distribution(ordered: Sequence[float]) -> str:
    """``min 1.2ms, p50 3ms, p95 9ms, max 12ms`` (p95 only when there are samples enough for it)."""
    parts = [("min", ordered[0]), ("p50", nearest_rank(ordered, 50))]
    if len(ordered) >= min_samples("p95"):
        parts.append(("p95", nearest_rank(ordered, 95)))
    parts.append(("max", ordered[-1]))
    return ", ".join(f"{name} {format_duration(value)}" for name, value in parts)


def bounded(ordered: Sequence[float], limit: int) -> list[float]:
    """At most ``limit`` samples that keep the distribution: evenly spaced ranks of the sorted list."""
    n = len(ordered)
    picked = list(ordered) if n <= limit else [ordered[round(i * (n - 1) / (limit - 1))] for i in range(limit)]
    return [float(f"{value:.6g}") for value in picked]
