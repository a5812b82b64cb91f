"""The measured values a budgeted test records, in the shape reports read (see docs/budgets.md).

``values``: one entry per judged statistic,
``{"actual", "limit", "op", "unit", "headroom", "baseline"}``; ``summary``: the timing samples'
``{"n", "p50", "p95", "p99", "max"}``. Keep this shape stable: other tools read it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..units import Threshold
from .spec import stat_kind
from .stats import min_samples, nearest_rank

UNITS = {"duration": "s", "ratio": "ratio", "number": "count", "size": "bytes"}


def unit_of(stat: str) -> str:
    return UNITS[stat_kind(stat)]


def headroom(threshold: Threshold, actual: float) -> float | None:
    """Share of the limit still unused: positive within the budget, negative past it; None for a zero limit."""
    limit = threshold.limit.value
    if limit == 0:
        return None
    room = (actual - limit) / limit if threshold.op in (">", ">=") else (limit - actual) / limit
    return round(room, 6)


def value_entry(threshold: Threshold, actual: float, baseline: float | None) -> dict[str, Any]:
    return {
        "actual": actual,
        "limit": threshold.limit.value,
        "op": threshold.op,
        "unit": unit_of(threshold.stat),
        "headroom": headroom(threshold, actual),
        "baseline": baseline,
    }


def summary(ordered: Sequence[float]) -> dict[str, Any]:
    """n, p50, p95, p99, max of sorted samples; a percentile without samples enough for it is None."""
    if not ordered:
        return {"n": 0, "p50": None, "p95": None, "p99": None, "max": None}
    picked: dict[str, Any] = {"n": len(ordered)}
    for name, q in (("p50", 50.0), ("p95", 95.0), ("p99", 99.0)):
        picked[name] = nearest_rank(ordered, q) if len(ordered) >= min_samples(name) else None
    picked["max"] = ordered[-1]
    return picked
