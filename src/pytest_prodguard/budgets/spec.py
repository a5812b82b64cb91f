"""What a budget may state: the statistics, their units, and the budget a test's markers add up to.

Statistics:

* timing, over the test's samples: ``min``, ``max``, ``mean``, ``median`` (= ``p50``) and any
  percentile ``pN`` with 0 < N < 100 (``p(95)`` is the same as ``p95``); durations.
* ``error_rate``: share of calls that raised, from ``budget.run()`` / ``budget.measure()``; a ratio.
* ``hit_rate``: hits / (hits + misses) of each cache tracked with ``cache_stats``; a ratio.
* ``queries`` (also spelt ``max_queries``): statements seen by ``db_queries``; a count.
* resources of the call phase (``resources.py`` measures them): ``memory``, ``allocated`` and
  ``leaked`` (sizes), ``cpu`` (a duration) and ``cpu_ratio`` (CPU time / wall time, a ratio).
* ``<series>_<stat>`` over a series another part measured (``lcp_p95``,
  ``cls_max``; see ``pytest_prodguard.series``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ..series import SERIES, SERIES_HELP, split_series
from ..units import LARGEST, Kind, NotFinite, Quantity, Threshold, UnitError, check_number, parse_quantity

Level = Literal["error", "warn"]
TIMING = ("min", "max", "mean", "median")
STAT_HELP = (
    "min, max, mean, median, pN (e.g. p95, p99.9), error_rate, hit_rate, max_queries, "
    f"memory, allocated, leaked, cpu, cpu_ratio or {SERIES_HELP}"
)
_PERCENTILE_RE = re.compile(r"^p(\d+(?:\.\d+)?)$")
_ALIASES = {"p50": "median", "max_queries": "queries"}
_DEFAULT_OPS = {"hit_rate": ">="}
DEFAULT_PRESET = "default"


# --- Resource statistics: memory and CPU of the call phase ------------------------------------------
MEMORY_STATS = ("memory", "allocated", "leaked")
CPU_STATS = ("cpu", "cpu_ratio")
RESOURCE_STATS = MEMORY_STATS + CPU_STATS
_RESOURCE_KINDS: dict[str, Kind] = {
    "memory": "size",
    "allocated": "size",
    "leaked": "size",
    "cpu": "duration",
    "cpu_ratio": "ratio",
}


def is_resource(stat: str) -> bool:
    return stat in _RESOURCE_KINDS


# --- end of resource statistics --------------------------------------------------------------------


class SpecError(ValueError):
    """A budget marker or preset that cannot be used; the message is one line for the user."""


def canonical_stat(stat: str) -> str:
    """``p50`` -> ``median``, ``max_queries`` -> ``queries``, ``p95.0`` -> ``p95``; unknown raises."""
    stat = _ALIASES.get(stat, stat)
    if stat in TIMING or stat in ("error_rate", "hit_rate", "queries") or is_resource(stat):
        return stat
    match = _PERCENTILE_RE.match(stat)
    if match:
        number = float(match.group(1))
        if not 0 < number < 100:
            raise UnitError(f"percentile {stat!r} must be between p0 and p100 exclusive (use min or max)")
        text = f"{number:g}"
        return "median" if text == "50" else f"p{text}"
    # --- series statistics (series.py) ---
    series = split_series(stat)
    if series is not None:
        inner = canonical_stat(series[1])
        if not is_timing(inner):
            raise UnitError(f"unknown statistic {stat!r}: a series takes min, max, mean, median or pN (e.g. lcp_p95)")
        return f"{series[0]}_{inner}"
    # --- end series statistics ---
    raise UnitError(f"unknown statistic {stat!r}; use {STAT_HELP}")


def percentile_of(stat: str) -> float | None:
    """The N of ``pN`` (50 for ``median``), else None."""
    if stat == "median":
        return 50.0
    match = _PERCENTILE_RE.match(stat)
    return float(match.group(1)) if match else None


def is_timing(stat: str) -> bool:
    return stat in TIMING or percentile_of(stat) is not None


def stat_kind(stat: str) -> Kind:
    series = split_series(stat)  # series statistics: the series' own kind
    if series is not None:
        return SERIES[series[0]]
    if is_resource(stat):
        return _RESOURCE_KINDS[stat]
    if is_timing(stat):
        return "duration"
    return "number" if stat == "queries" else "ratio"


def _coerce(stat: str, quantity: Quantity) -> Quantity:
    kind = stat_kind(stat)
    if quantity.value < 0:
        raise UnitError(f"{stat}: the limit {quantity.text or quantity.value!r} is negative")
    if quantity.kind == kind:
        return quantity
    if quantity.kind == "number" and kind in ("duration", "size"):
        return Quantity(quantity.value, kind, quantity.text)
    if quantity.kind == "number" and kind == "ratio" and quantity.value <= 1:
        return Quantity(quantity.value, "ratio", quantity.text)
    expected = {
        "duration": "a duration such as 500ms or 2s",
        "ratio": "a percentage such as 5% (or a fraction between 0 and 1)",
        "number": "a number such as 0.1" if split_series(stat) else "a whole number such as 20",
        "size": "a size such as 50MB or 256MiB",
    }[kind]
    raise UnitError(f"{stat}: expected {expected}, got {quantity.text or quantity.value!r}")


def _in_range(stat: str, quantity: Quantity) -> Quantity:
    """The limit is finite and of a size that can be measured (a ratio is at most 100%)."""
    kind = stat_kind(stat)
    shown = quantity.text or repr(quantity.value)
    check_number(quantity.value, stat, "number" if kind == "ratio" else kind)
    if stat in _SHARES and quantity.value > 1:
        raise UnitError(f"{stat}: the limit {shown} is above 100%, which no {stat} can reach")
    return quantity


# Ratios that are shares of a whole (at most 100%); cpu_ratio may pass 100% with several threads.
_SHARES = ("error_rate", "hit_rate")


def _can_fail(threshold: Threshold) -> Threshold:
    """A limit that holds for every value the statistic can take checks nothing: refuse it."""
    upper = 1.0 if threshold.stat in _SHARES else LARGEST[stat_kind(threshold.stat)] * 10
    if threshold.holds(0.0) and threshold.holds(upper):
        raise UnitError(f"'{threshold}' can never fail; give a limit that a bad result would break")
    return threshold


def normalise_threshold(threshold: Threshold) -> Threshold:
    """Check the statistic and the unit of its limit; a bare number of a timing stat is seconds."""
    stat = canonical_stat(threshold.stat)
    return _can_fail(Threshold(stat, threshold.op, _in_range(stat, _coerce(stat, threshold.limit))))


def limit_from_value(stat: str, value: object) -> Threshold:
    """A marker keyword (``p95="500ms"``, ``max=0.5``, ``max_queries=20``) as a threshold."""
    stat = canonical_stat(stat)
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise UnitError(f"{stat}: expected a string such as '500ms' or a number, got {value!r}")
    if isinstance(value, str):
        try:
            quantity = parse_quantity(value)
        except NotFinite as exc:
            raise UnitError(f"{stat}: {exc}") from None
        except UnitError:
            raise UnitError(f"{stat}={value!r}: expected {_expected(stat)}") from None
    else:
        # The one number check: NaN, infinity and 10**400 are refused here, not when judged.
        quantity = Quantity(check_number(value, stat), "number", repr(value))
    op = _DEFAULT_OPS.get(stat, "<=")
    return _can_fail(Threshold(stat, op, _in_range(stat, _coerce(stat, quantity))))


def _expected(stat: str) -> str:
    return {
        "duration": "a duration such as '500ms' or '2s'",
        "ratio": "a percentage such as '5%'",
        "number": "a number such as 0.1" if split_series(stat) else "a whole number such as 20",
        "size": "a size such as '50MB' or '256MiB'",
    }[stat_kind(stat)]


@dataclass(frozen=True)
class Rule:
    """One threshold of a test's budget and where it came from (``default``, ``preset api``, ``marker``)."""

    threshold: Threshold
    origin: str

    @property
    def stat(self) -> str:
        return self.threshold.stat

    @property
    def implicit(self) -> bool:
        """Rules of the ``default`` preset are skipped when nothing measured their statistic."""
        return self.origin == DEFAULT_PRESET


@dataclass(frozen=True)
class BudgetSpec:
    rules: tuple[Rule, ...]
    level: Level
    preset: str | None

    @property
    def has_timing(self) -> bool:
        return any(is_timing(rule.stat) for rule in self.rules)

    @property
    def resource_stats(self) -> frozenset[str]:
        """The memory and CPU statistics this budget states: only those are measured."""
        return frozenset(rule.stat for rule in self.rules if is_resource(rule.stat))


def build_spec(
    markers: Iterable[tuple[Any, Any, Mapping[str, Any]]], presets: dict[str, tuple[Threshold, ...]]
) -> BudgetSpec:
    """Merge the ``budget`` markers' ``(preset, level, limits)`` (farthest first, so the closest wins)
    over the default preset."""
    rules: dict[str, Rule] = {t.stat: Rule(t, DEFAULT_PRESET) for t in presets.get(DEFAULT_PRESET, ())}
    level: Level = "error"
    chosen: str | None = None
    for preset, level_arg, limits in markers:
        if level_arg is not None:
            # A marker that does not say its level keeps the level of the markers around it.
            if level_arg not in ("error", "warn"):
                raise SpecError(f"level={level_arg!r}: expected 'error' or 'warn'")
            level = "warn" if level_arg == "warn" else "error"
        if preset is not None:
            if not isinstance(preset, str) or preset not in presets:
                known = ", ".join(sorted(name for name in presets if name != DEFAULT_PRESET))
                raise SpecError(f"unknown preset {preset!r}; known presets: {known} (add one in prodguard_budgets)")
            chosen = preset
            for threshold in presets[preset]:
                rules[threshold.stat] = Rule(threshold, f"preset {preset}")
        for name, value in limits.items():
            try:
                stat = canonical_stat(name)
                if value is None:
                    rules.pop(stat, None)
                    continue
                threshold = limit_from_value(stat, value)
            except UnitError as exc:
                raise SpecError(str(exc)) from None
            rules[stat] = Rule(threshold, "marker")
    if all(rule.implicit for rule in rules.values()):
        # Only the "default" preset's limits would be left, and they skip what nothing measured:
        # such a budget could pass having checked nothing.
        raise SpecError("states no limit; name a preset or give limits such as p95='500ms' or max='2s'")
    return BudgetSpec(tuple(rules.values()), level, chosen)
